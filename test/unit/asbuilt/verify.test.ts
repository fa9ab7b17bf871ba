// Plan against as built on the two SYS-4028GR captures: a machine that matches
// its plan gives no differences; planted faults (an x8 link, a GPU moved to the
// other socket, the wrong board) are reported naming the slot.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AsBuiltInputError, observe } from '#core/asbuilt/observed';
import { verifyBuild } from '#core/asbuilt/verify';
import { boardLayouts } from '#core/asbuilt/layouts';
import { parseNvidiaTopo } from '#core/asbuilt/nvidiaTopo';
import { builtinParts } from '#core/catalog/builtin';
import { parseBuildText } from '#core/build/file';
import type { Build } from '#core/build/build';

const fx = (f: string) => readFileSync(new URL(`../../fixtures/asbuilt/${f}`, import.meta.url), 'utf8');
const example = (f: string) => readFileSync(new URL(`../../../assets/examples/${f}`, import.meta.url), 'utf8');
const layouts = boardLayouts(builtinParts);
function build(text: string): Build {
  const b = parseBuildText(text);
  if (!b.ok) throw new Error(JSON.stringify(b.issues));
  return b.build;
}
const trtPlan = build(fx('plan-sys-4028gr-trt.json'));
const trt2Plan = build(fx('plan-sys-4028gr-trt2.json'));

/** Render a matrix the way a current driver prints it (tab-separated). */
function render(labels: string[], cells: string[][], affinity: (string | null)[]): string {
  const head = '\t' + labels.join('\t') + '\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID';
  const rows = labels.map((l, i) =>
    [l, ...cells[i]!.map((c) => (c === 'X' ? ' X ' : c)), ...(l.startsWith('GPU') ? [affinity[i] ?? '', 'N/A', '', 'N/A'] : [])].join('\t'),
  );
  return [head, ...rows, ''].join('\n');
}

describe('verify a build against the machine', () => {
  it('the TRT capture against its own plan: no differences, GPUs mapped to their slots', () => {
    const r = verifyBuild(trtPlan, builtinParts, observe({ topo: fx('sys-4028gr-trt.topo.txt') }), layouts);
    expect(r.findings).toEqual([]);
    expect(r.matches.map((m) => [m.observed, m.slotId])).toEqual([
      ['GPU0', 'gpu1'],
      ['GPU1', 'gpu3'],
      ['GPU2', 'gpu4'],
      ['GPU3', 'gpu5'],
      ['GPU4', 'gpu7'],
      ['GPU5', 'gpu8'],
      ['NIC0', 'cpu1-x16'],
    ]);
    expect(r.identification.summary).toBe('This is the SYS-4028GR-TRT (X10DRG-OT+-CPU TRT) layout (two hives of three, across two sockets).');
    expect(r.observedOnPlan.differs.flat().some(Boolean)).toBe(false);
  });

  it('a planted x8 link on the TRT2 is an error naming the slot', () => {
    const busIds = ['05', '07', '08', '0C', '0D', '0E', '0F'];
    const smi = [
      'index, name, pci.bus_id, pcie.link.gen.current, pcie.link.width.current, pcie.link.gen.max, pcie.link.width.max, serial, uuid',
      ...busIds.map((b, i) => `${i}, Tesla P100-PCIE-16GB, 00000000:${b}:00.0, 3, ${i === 3 ? 8 : 16}, 3, 16, [N/A], GPU-${i}`),
    ].join('\n');
    const r = verifyBuild(trt2Plan, builtinParts, observe({ topo: fx('sys-4028gr-trt2.topo.txt'), smi }), layouts);
    const link = r.findings.filter((f) => f.code === 'asbuilt.link-width');
    expect(link).toHaveLength(1);
    expect(link[0]!.severity).toBe('error');
    expect(link[0]!.message).toBe('GPU3 in CPU1 SLOT12 negotiated x8 Gen3; the plan gives it x16 Gen3 (nvidia-smi).');
    expect(link[0]!.subjects).toEqual(['gpu-3', 'slot12']);
    expect(r.findings.every((f) => f.code === 'asbuilt.link-width')).toBe(true);
  });

  it('Gen1 now but Gen3 possible is idle power saving (info); Gen2 at most is a warning', () => {
    const row = (gc: number, gm: string) => `index, pcie.link.gen.current, pcie.link.width.current, pcie.link.gen.max\n0, ${gc}, 16, ${gm}`;
    const at = (smi: string) =>
      verifyBuild(trtPlan, builtinParts, observe({ topo: fx('sys-4028gr-trt.topo.txt'), smi }), layouts).findings.map((f) => [f.code, f.severity]);
    expect(at(row(1, '3'))).toEqual([]);
    expect(at(row(2, '2'))).toEqual([['asbuilt.link-gen', 'warning']]);
    expect(at(row(1, '[N/A]'))).toEqual([['asbuilt.link-gen-idle', 'info']]);
  });

  it('a GPU moved to the other socket is an error naming its planned slot', () => {
    const m = parseNvidiaTopo(fx('sys-4028gr-trt.topo.txt'));
    const cells = m.cells.map((r) => [...r] as string[]);
    // GPU2 now sits behind CPU2's switch next to GPU3: SYS to CPU1's side, PHB/PIX to CPU2's.
    for (let j = 0; j < m.labels.length; j++) {
      if (j === 2) continue;
      const c = j <= 1 || j === 6 ? 'SYS' : j === 3 ? 'PIX' : 'PHB';
      cells[2]![j] = c;
      cells[j]![2] = c;
    }
    const affinity = m.cpuAffinity.map((a, i) => (i === 2 ? '10-19,30-39' : a));
    const r = verifyBuild(trtPlan, builtinParts, observe({ topo: render(m.labels, cells, affinity) }), layouts);
    const socket = r.findings.filter((f) => f.code === 'asbuilt.socket-differs');
    expect(socket).toHaveLength(1);
    expect(socket[0]!.message).toBe('GPU2 (planned GPU2 in GPU slot 4 (CPU1) on cpu1) is on the cpu2 side of the machine.');
    expect(
      r.findings.some(
        (f) =>
          f.code === 'asbuilt.matrix-cell' &&
          f.severity === 'error' &&
          f.message.includes('GPU1 (GPU slot 3 (CPU1)) ↔ GPU2 (GPU slot 4 (CPU1)): planned PIX, observed SYS'),
      ),
    ).toBe(true);
  });

  it('the X10DRG-O-PCIE plan against the TRT capture: the board differs, said in one sentence', () => {
    const r = verifyBuild(build(example('sys-4028gr-x10drg.json')), builtinParts, observe({ topo: fx('sys-4028gr-trt.topo.txt') }), layouts);
    const board = r.findings.find((f) => f.code === 'asbuilt.board-differs')!;
    expect(board.severity).toBe('error');
    expect(board.message).toBe(
      'This is the SYS-4028GR-TRT (X10DRG-OT+-CPU TRT) layout (two hives of three, across two sockets), not the SYS-4028GR-TR (X10DRG-O-PCIE) you planned.',
    );
    expect(r.findings.filter((f) => f.code === 'asbuilt.device-missing')).toHaveLength(2);
  });

  it('the X9DRG plan against the TRT2 capture: not the board planned', () => {
    const r = verifyBuild(build(example('sys-4028gr-x9drg.json')), builtinParts, observe({ topo: fx('sys-4028gr-trt2.topo.txt') }), layouts);
    const board = r.findings.find((f) => f.code === 'asbuilt.board-differs')!;
    expect(board.message).toMatch(/^This is the SYS-4028GR-TRT2 .*\(one hive of seven, on one NUMA node\).*not the SYS-4028GR-TR \(X9DRG-O-PCIE\) you planned/);
  });

  it('a model or VRAM other than planned is an error on that device', () => {
    const smi = 'index, name, memory.total [MiB]\n0, Tesla P40, 24576 MiB\n3, Tesla P100-PCIE-12GB, 12288 MiB';
    const r = verifyBuild(trtPlan, builtinParts, observe({ topo: fx('sys-4028gr-trt.topo.txt'), smi }), layouts);
    expect(r.findings.map((f) => [f.code, f.subjects[1]])).toEqual([
      ['asbuilt.gpu-model', 'gpu1'],
      ['asbuilt.gpu-vram', 'gpu1'],
      ['asbuilt.gpu-vram', 'gpu5'],
    ]);
  });

  it('an lspci tree pasted where topo -m was asked: the box, the expected output, the line, and what it looks like', () => {
    let err: unknown;
    try {
      observe({ topo: fx('lspci-t-chipset-switch.txt') });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AsBuiltInputError);
    const e = err as AsBuiltInputError;
    expect(e.box).toBe('topo');
    expect(e.parseError.line).toBe(1);
    expect(e.message).toBe(
      'topo: Expected nvidia-smi topo -m output: no header row of GPU0 GPU1 … columns was found (line 1: "-[0000:00]-+-00.0") — this looks like lspci -tv output',
    );
  });
});
