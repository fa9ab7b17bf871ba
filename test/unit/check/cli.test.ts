import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '#cli/main';

function run(args: string[]) {
  const out: string[] = [],
    err: string[] = [];
  return main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}
const ex = (f: string) => new URL(`../../../assets/examples/${f}`, import.meta.url).pathname;

describe('rackhive check', () => {
  it('prints findings, hives, a topo matrix and power; exit 0 without errors', async () => {
    const r = await run(['check', ex('sys-4028gr-x10drg.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/GPU0\s+X\s+PIX/);
    expect(r.out).toContain('[GPU0, GPU1, GPU2, GPU3, GPU4, GPU5, GPU6, GPU7]');
    expect(r.out).toContain('Legend:');
    expect(r.out).toContain('Power at 230 V');
  });
  it('exits 1 on error findings; --json has findings, hives, power, p2pMatrix', async () => {
    const r = await run(['check', ex('over-budget.json'), '--json', '--volts', '120']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.findings.some((f: { code: string }) => f.code === 'power.psu-overload')).toBe(true);
    expect(j.hives).toEqual([['GPU0', 'GPU2'], ['GPU1']]);
    expect(j.power.volts).toBe(120);
    expect(j.p2pMatrix[0].labels).toContain('GPU0');
  });
  it('usage errors exit 2; a bad file names the JSON path and exits 1', async () => {
    expect((await run(['check'])).code).toBe(2);
    expect((await run(['check', ex('over-budget.json'), '--volts', '110'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'rh-'));
    const f = join(dir, 'bad.json');
    writeFileSync(
      f,
      JSON.stringify({
        format: 'rackhive.build',
        version: 1,
        name: 'b',
        racks: [{ id: 'r', partId: 'rack.apc.ar3100', chassis: [{ id: 'c', partId: 'x.y', positionU: 0 }] }],
      }),
    );
    const r = await run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('racks[0].chassis[0].positionU');
  });
});
