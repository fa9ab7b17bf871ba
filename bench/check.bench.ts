// Check of the 512-card, 8-rack Groq example, in process and warmed up: from
// the file's text (JSON.parse, shape and schema checks, duplicate ids, every
// rule) against a naive walk of the same text (JSON.parse and a loop over every
// rack, chassis and device, looking each part up in the catalog). Goal: <= 6x.
import { readFileSync } from 'node:fs';
import { parseBuildText } from '#core/build/file';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import { median, ratioRow } from './harness';

interface NaiveRack {
  chassis?: { partId?: string; devices?: { partId?: string }[] }[];
}

export default async function bench(): Promise<void> {
  const text = readFileSync(new URL('../assets/examples/groq-8-racks.json', import.meta.url), 'utf8');
  const settings = { mainsVolts: 230, circuitAmps: 32 };
  const byId = new Map(builtinParts.map((p) => [p.id, p]));
  let sink = 0;
  const naive = () => {
    const v = JSON.parse(text) as { racks?: NaiveRack[] };
    let watts = 0;
    for (const r of v.racks ?? []) for (const c of r.chassis ?? []) {
      if (c.partId && byId.has(c.partId)) watts++;
      for (const d of c.devices ?? []) watts += d.partId ? Number(byId.get(d.partId)?.id.length ?? 0) : 0;
    }
    sink += watts;
  };
  const full = () => {
    const parsed = parseBuildText(text);
    if (!parsed.ok) throw new Error('groq-8-racks.json does not parse');
    sink += checkBuild(parsed.build, builtinParts, settings).findings.length;
  };
  const parsed = parseBuildText(text);
  if (!parsed.ok) throw new Error('groq-8-racks.json does not parse');
  const checkOnly = () => {
    sink += checkBuild(parsed.build, builtinParts, settings).findings.length;
  };
  for (let i = 0; i < 15; i++) {
    naive();
    full();
    checkOnly();
  }
  // Interleaved, so a burst of other work on the machine hits all three alike.
  const t = { naive: [] as number[], full: [] as number[], check: [] as number[] };
  for (let i = 0; i < 61; i++) {
    for (const [k, f] of [['naive', naive], ['full', full], ['check', checkOnly]] as const) {
      const t0 = performance.now();
      f();
      t[k].push(performance.now() - t0);
    }
  }
  const baseline = { what: 'JSON.parse + loop over the same file', figure: median(t.naive) };
  ratioRow('check groq-8-racks (512 cards), text to findings', median(t.full), 'ms', baseline, 6);
  ratioRow('check groq-8-racks (512 cards), checkBuild alone', median(t.check), 'ms', baseline, 6);
  // The per-chassis re-check (IncrementalCheck) waits for the split of checkBuild to be redone over the home-lab rules.
  if (sink === 42) console.log(''); // keeps the work from being optimised away
}
