import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '#cli/main';

function run(args: string[]) {
  const out: string[] = [],
    err: string[] = [];
  return main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}
const fx = (f: string) => new URL(`../../fixtures/asbuilt/${f}`, import.meta.url).pathname;
const ex = (f: string) => new URL(`../../../assets/examples/${f}`, import.meta.url).pathname;

describe('rackhive verify / identify', () => {
  it('verify: a machine matching its plan exits 0 and prints both matrices', async () => {
    const r = await run(['verify', fx('plan-sys-4028gr-trt.json'), '--topo', fx('sys-4028gr-trt.topo.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('This is the SYS-4028GR-TRT (X10DRG-OT+-CPU TRT) layout');
    expect(r.out).toContain('Differences: 0 error(s), 0 warning(s), 0 info');
    expect(r.out).toMatch(/Planned .*\|\s+Observed/);
  });
  it('verify: the wrong board exits 1; --json carries findings and both matrices', async () => {
    const r = await run(['verify', ex('sys-4028gr-x10drg.json'), '--topo', fx('sys-4028gr-trt.topo.txt'), '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.findings[0].code).toBe('asbuilt.board-differs');
    expect(j.planned.labels).toHaveLength(9);
    expect(j.observed.labels).toHaveLength(7);
    expect(j.identification.best.boardId).toBe('board.supermicro.x10drg-ot-trt');
  });
  it('verify: an x8 link in the --smi file is an error naming the slot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackhive-verify-'));
    const smi = join(dir, 'smi.csv');
    writeFileSync(smi, 'index, pci.bus_id, pcie.link.width.current, pcie.link.gen.max\n0, 00000000:05:00.0, 8, 3\n');
    const r = await run(['verify', fx('plan-sys-4028gr-trt.json'), '--topo', fx('sys-4028gr-trt.topo.txt'), '--smi', smi]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('ERROR   asbuilt.link-width: GPU0 in GPU slot 1 (CPU1) negotiated x8; the plan gives it x16 Gen3 (nvidia-smi).');
  });
  it('verify: a mixed-up paste names the file, the expected output and the line; exit 1', async () => {
    const r = await run(['verify', fx('plan-sys-4028gr-trt.json'), '--topo', fx('lspci-t-chipset-switch.txt')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lspci-t-chipset-switch\.txt: Expected nvidia-smi topo -m output: .*line 1.*this looks like lspci -tv output/);
  });
  it('verify: usage mistakes exit 2', async () => {
    expect((await run(['verify', fx('plan-sys-4028gr-trt.json')])).code).toBe(2);
    expect((await run(['verify', '--topo', fx('sys-4028gr-trt.topo.txt')])).code).toBe(2);
  });
  it('identify names the board and ranks the others', async () => {
    const r = await run(['identify', '--topo', fx('sys-4028gr-trt.topo.txt')]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('This is the SYS-4028GR-TRT (X10DRG-OT+-CPU TRT) layout (two hives of three, across two sockets).');
    expect(r.out).toContain('Closest catalog boards');
    const j = JSON.parse((await run(['identify', '--topo', fx('sys-4028gr-trt2.topo.txt'), '--json'])).out);
    expect(j.confidence).toBe('exact');
    expect(j.best.boardId).toBe('board.supermicro.x10drg-ot-trt2');
    expect(j.ranking.length).toBeLessThanOrEqual(10);
  });
});
