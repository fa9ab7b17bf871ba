// The seed analysis' verdicts, reproduced by the checker from the example builds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBuildText } from '#core/build/file';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import type { Build } from '#core/build/build';

function load(name: string): Build {
  const r = parseBuildText(readFileSync(new URL(`../../../assets/examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.build;
}
const check = (b: Build, volts = b.site?.mainsVolts ?? 230, amps = b.site?.circuitAmps ?? 16) =>
  checkBuild(b, builtinParts, { mainsVolts: volts, circuitAmps: amps });
const cell = (r: ReturnType<typeof check>, a: string, b: string) => {
  const m = r.p2pMatrix[0]!;
  return m.cells[m.labels.indexOf(a)]![m.labels.indexOf(b)];
};

describe('seed verdicts', () => {
  it('X9DRG: two hives of four, one per socket, SYS between them, NIC near one hive', () => {
    const r = check(load('sys-4028gr-x9drg.json'));
    expect(r.hives.map((h) => h.devices)).toEqual([
      ['GPU0', 'GPU1', 'GPU2', 'GPU3'],
      ['GPU4', 'GPU5', 'GPU6', 'GPU7'],
    ]);
    expect(r.hives.map((h) => h.sockets)).toEqual([['cpu1'], ['cpu2']]);
    expect(cell(r, 'GPU0', 'GPU4')).toBe('SYS');
    expect(r.nicAffinity[0]!.near).toEqual(['GPU0', 'GPU1', 'GPU2', 'GPU3']);
    const far = r.findings.filter((f) => f.code === 'nic.hive-without-nic');
    expect(far).toHaveLength(1);
    expect(far[0]!.message).toContain('GPU4, GPU5, GPU6 and GPU7');
    expect(far[0]!.message).toContain('unverified');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it("X10DRG: one hive of eight, PIX within a switch, PHB between, 4:1 oversubscription, NIC on the GPUs' root complex", () => {
    const r = check(load('sys-4028gr-x10drg.json'));
    expect(r.hives).toHaveLength(1);
    expect(r.hives[0]!.devices).toHaveLength(8);
    expect(cell(r, 'GPU0', 'GPU3')).toBe('PIX');
    expect(['PXB', 'PHB']).toContain(cell(r, 'GPU0', 'GPU4'));
    const rc = r.lanes.rootComplexes.find((x) => x.rootComplexId === 'cpu1-rc')!;
    expect([rc.behindSwitchLanes, rc.uplinkLanes, rc.oversubscription]).toEqual([128, 32, 4]);
    expect(r.lanes.switches.map((s) => s.oversubscription)).toEqual([4, 4]);
    expect(r.findings.some((f) => f.code === 'pcie.uplinks-oversubscribed' && f.message.includes('128:32 = 4:1'))).toBe(true);
    expect(r.nicAffinity[0]!.rootComplex).toBe('cpu1-rc');
    expect(r.nicAffinity[0]!.near).toHaveLength(8);
    expect(r.findings.some((f) => f.code.startsWith('nic.'))).toBe(false);
    const gpu0 = r.lanes.devices.find((d) => d.label === 'GPU0')!;
    expect(gpu0.linkGBps).toBeCloseTo(15.75, 2);
    expect(gpu0.hostGBpsShared).toBeCloseTo(15.75 / 4, 2);
  });

  it('G482: four hives of two; one socket has no NIC slot left — warned', () => {
    const r = check(load('gigabyte-g482.json'));
    expect(r.hives.map((h) => h.devices.length)).toEqual([2, 2, 2, 2]);
    expect(cell(r, 'GPU0', 'GPU2')).toBe('NODE');
    expect(cell(r, 'GPU0', 'GPU4')).toBe('SYS');
    const w = r.findings.filter((f) => f.code === 'nic.socket-no-slot');
    expect(w).toHaveLength(1);
    expect(w[0]!.severity).toBe('warning');
    expect(w[0]!.subjects).toContain('cpu2');
  });

  it('octal A100 SXM4: one NVLink hive of eight, NV12 everywhere', () => {
    const r = check(load('octal-a100-sxm.json'));
    expect(r.hives).toHaveLength(1);
    expect(r.hives[0]!.via).toBe('NV12');
    expect(cell(r, 'GPU0', 'GPU7')).toBe('NV12');
    expect(cell(r, 'GPU0', 'NIC0')).toBe('PXB');
  });

  it('over-budget: every planted fault, with the numbers', () => {
    const r = check(load('over-budget.json'), 120, 20);
    const codes = r.findings
      .filter((f) => f.severity === 'error')
      .map((f) => f.code)
      .sort();
    expect(codes).toEqual(['chassis.card-too-wide', 'chassis.slot-covered', 'chassis.slot-dead', 'power.psu-overload']);
    const psu = r.findings.find((f) => f.code === 'power.psu-overload')!;
    // 3 × P40 250 W + RTX 3090 350 W + E5-2680 v4 120 W + chassis 200 W + 4 DIMMs × 5 W = 1,440 W against 1 × 1,000 W (1+1 at low line).
    expect(psu.message).toContain('1,440 W');
    expect(psu.message).toContain('1,000 W at 120 V');
    expect(psu.message).toContain('440 W over');
    expect(r.findings.find((f) => f.code === 'chassis.slot-covered')!.subjects).toEqual(['srv-1', 'rtx-3090', 'p40-b', 'gpu4']);
    expect(r.findings.find((f) => f.code === 'chassis.slot-dead')!.subjects).toContain('p40-dead');
    // At 230 V the same PSUs carry it.
    expect(check(load('over-budget.json'), 230, 16).findings.some((f) => f.code === 'power.psu-overload')).toBe(false);
  });

  it('groq: 512 cards in 8 racks, 64 C2C hives of eight', () => {
    const r = check(load('groq-8-racks.json'));
    expect(r.hives).toHaveLength(64);
    expect(r.hives.every((h) => h.devices.length === 8 && h.via === 'C2C')).toBe(true);
    expect(r.lanes.devices).toHaveLength(512);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // GroqCards talk over their own chip-to-chip fabric: where the NIC sits does not matter to them.
    expect(r.findings.filter((f) => f.code.startsWith('nic.'))).toEqual([]);
  });

  it('every example parses and round-trips', async () => {
    const { exportBuild } = await import('#core/build/file');
    for (const f of [
      'sys-4028gr-x9drg.json',
      'sys-4028gr-x10drg.json',
      'gigabyte-g482.json',
      'asus-esc4000-4x-a5000.json',
      'groq-8-racks.json',
      'octal-a100-sxm.json',
      'over-budget.json',
    ]) {
      const b = load(f);
      const again = parseBuildText(exportBuild(b));
      expect(again.ok && again.build).toEqual(b);
    }
  });
});

describe('SYS-4028GR-TRT2 captured topology', () => {
  it('reproduces the captured nvidia-smi topo -m matrix', () => {
    // GPU bus order 05, 07, 08, 0C, 0D, 0E, 0F → CPU1 slots 5, 4, 3, 12, 9, 11, 10; ConnectX-4 in slot 8.
    const slots = ['slot5', 'slot4', 'slot3', 'slot12', 'slot9', 'slot11', 'slot10'];
    const build: Build = {
      format: 'rackhive.build',
      version: 1,
      name: 'TRT2 capture',
      workloads: [],
      racks: [
        {
          id: 'r',
          partId: 'rack.apc.ar3100',
          pdus: [],
          chassis: [
            {
              id: 'aws',
              partId: 'chassis.supermicro.sys-4028gr-trt2',
              positionU: 1,
              dimms: [],
              drives: [],
              cpus: [
                { socket: 'cpu1', partId: 'cpu.intel.xeon-e5-2680-v4' },
                { socket: 'cpu2', partId: 'cpu.intel.xeon-e5-2680-v4' },
              ],
              devices: [
                ...slots.map((s, i) => ({ id: `p100-${i}`, slot: s, partId: 'gpu.nvidia.tesla-p100-pcie-16gb' })),
                { id: 'cx4', slot: 'slot8', partId: 'nic.mellanox.connectx-4-vpi-edr' },
              ],
            },
          ],
        },
      ],
    };
    const captured = `
GPU0	 X 	PIX	PIX	PHB	PHB	PHB	PHB	PHB
GPU1	PIX	 X 	PIX	PHB	PHB	PHB	PHB	PHB
GPU2	PIX	PIX	 X 	PHB	PHB	PHB	PHB	PHB
GPU3	PHB	PHB	PHB	 X 	PIX	PIX	PIX	PIX
GPU4	PHB	PHB	PHB	PIX	 X 	PIX	PIX	PIX
GPU5	PHB	PHB	PHB	PIX	PIX	 X 	PIX	PIX
GPU6	PHB	PHB	PHB	PIX	PIX	PIX	 X 	PIX
NIC0	PHB	PHB	PHB	PIX	PIX	PIX	PIX	 X `;
    const expected = captured
      .trim()
      .split('\n')
      .map((l) =>
        l
          .split('\t')
          .slice(1)
          .map((c) => c.trim()),
      );
    const r = checkBuild(build, builtinParts, { mainsVolts: 230, circuitAmps: 16 });
    expect(r.p2pMatrix[0]!.labels).toEqual(['GPU0', 'GPU1', 'GPU2', 'GPU3', 'GPU4', 'GPU5', 'GPU6', 'NIC0']);
    expect(r.p2pMatrix[0]!.cells).toEqual(expected);
    expect(r.p2pMatrix[0]!.unverified).toEqual([]);
    expect(r.hives).toHaveLength(1);
  });
});
