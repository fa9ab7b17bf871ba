// Promise 1: anything reported as saved survives a crash. A child process
// applies seeded edits (items, history, builds with allocations, settings) on
// the real schema with the app's settings, printing each acknowledged commit;
// it is SIGKILLed at a random moment, 200 times (two chains of 100 in
// parallel). After every kill: integrity_check ok, foreign_key_check empty,
// and every acknowledged commit is there (the one in flight may or may not be).
// The moment is drawn in the child's progress (after its n-th `begin`, then a
// random delay), not in wall time after start: on a busy machine a child may
// not have written anything 40 ms after "ready", and kills that land before
// any work check nothing — that, and the time limit, failed the test under load.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir } from '../../helpers/db';
import { readState, runFixture, seeded, sleep } from './helpers';

afterAll(cleanupTempDirs);

const KILLS = 200;
const CHAINS = 2;
const SEED = Number(process.env.RACKHIVE_CRASH_SEED ?? 20240601);

type Effect = Record<string, string | null>;

function apply(model: Map<string, string>, effect: Effect): Map<string, string> {
  const next = new Map(model);
  for (const [key, value] of Object.entries(effect)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function diff(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of expected)
    if (actual.get(k) !== v) out.push(`${k}: expected ${JSON.stringify(v).slice(0, 60)}, found ${JSON.stringify(actual.get(k))?.slice(0, 60)}`);
  for (const k of actual.keys()) if (!expected.has(k)) out.push(`${k}: not expected`);
  return out.slice(0, 10);
}

async function chain(index: number, kills: number): Promise<{ acked: number; inFlightLanded: number; inFlightLost: number }> {
  const dir = makeTempDir('rackhive-crash-');
  const app = await openAppDatabase(dir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
  closeAppDatabase(app.db);
  const file = path.join(dir, 'rackhive.db');
  const random = seeded(SEED + index);
  let model = new Map<string, string>();
  const totals = { acked: 0, inFlightLanded: 0, inFlightLost: 0 };
  for (let life = 0; life < kills; life++) {
    const childSeed = Math.floor(random() * 2 ** 31);
    const child = runFixture('crashWriter.mjs', [file, String(childSeed), String(index * 1000 + life)]);
    await child.waitFor(/^ready \d+$/m);
    // Into the n-th transaction (1–6), then now or up to 20 ms later: inside it, between commits or in a later one.
    await child.waitForLines('begin ', 1 + Math.floor(random() * 6));
    if (random() < 0.5) await sleep(random() * 20);
    child.proc.kill('SIGKILL');
    const { signal } = await child.exited;
    expect(signal, `life ${life}: ${child.err()}`).toBe('SIGKILL');

    // Replay what the child said: acknowledged effects are certain; the last begin without an ack may or may not have landed.
    let pending: Effect | null = null;
    for (const line of child.out().split('\n')) {
      if (line.startsWith('begin ')) pending = JSON.parse(line.slice(6)) as Effect;
      else if (line.startsWith('ack ') && pending) {
        model = apply(model, pending);
        pending = null;
        totals.acked++;
      }
    }
    const { state, integrity, foreignKeyProblems } = readState(file);
    const where = `chain ${index} life ${life} (seed ${childSeed})`;
    expect(integrity, where).toBe('ok');
    expect(foreignKeyProblems, where).toEqual([]);
    if (same(model, state)) {
      if (pending) totals.inFlightLost++;
    } else {
      expect(pending, `${where}: acknowledged data missing: ${diff(model, state).join('; ')}`).not.toBeNull();
      const withPending = apply(model, pending!);
      expect(same(withPending, state), `${where}: ${diff(withPending, state).join('; ')}`).toBe(true);
      model = withPending;
      totals.inFlightLanded++;
    }
  }
  return totals;
}

describe('crash safety', () => {
  // The time limit is generous: 200 child starts on a loaded 2-core machine take minutes; the test checks what survives, not how fast.
  it(`every acknowledged commit survives ${KILLS} SIGKILLs at random moments; the file stays intact`, async () => {
    const results = await Promise.all(Array.from({ length: CHAINS }, (_, i) => chain(i, KILLS / CHAINS)));
    const acked = results.reduce((n, r) => n + r.acked, 0);
    // The kills must land among real work, not only between lives.
    expect(acked).toBeGreaterThan(KILLS);
    expect(results.reduce((n, r) => n + r.inFlightLanded + r.inFlightLost, 0)).toBeGreaterThan(KILLS / 4);
  }, 1_800_000);
});
