// Workstation and consumer boards (assets/catalog/boards/workstation.json): a
// tower with GPUs in the board's slots gets the matrix its sources imply.
// - WRX90E-SAGE SE / TRX40 Creator: one IO die, slot-to-quadrant map not public
//   → PHB or NODE, counted NODE (Dell's EPYC 7002 NUMA note; peerip's WRX90E review).
// - X399 Taichi: first/second-gen Threadripper, two dies, each its own NUMA node
//   (hardwareluxx X399: 64 lanes) → PHB or SYS, counted SYS.
// - WS X299 SAGE: two PEX 8747 (48 lanes, AnandTech 6170), each on its own x16
//   IIO stack (Exxact on Skylake-SP) → PIX under one switch, NODE across.
// - ProArt X670E-Creator / Pro WS X570-ACE: two CPU slots at x8/x8, one chipset
//   slot behind the x4 chipset link (hardwareluxx X670E-F, X570 reviews); a
//   chipset card meets the CPU cards at PHB (club-3090 PR #895).
import { describe, expect, it } from 'vitest';
import { parseBuildValue, formatIssues } from '#core/build/file';
import type { Build, BuildInput } from '#core/build/build';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import { devicesOfBuild } from '#core/perf/fromBuild';
import { estimate } from '#core/perf/estimate';
import { workload } from '../perf/helpers';
import { formatMatrix } from '#cli/commands/check';

const SITE = { mainsVolts: 230, circuitAmps: 16 };

function parse(input: BuildInput): Build {
  const r = parseBuildValue(input);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.build;
}

function tower(boardPartId: string, cpu: string, slots: string[], gpu = 'gpu.nvidia.rtx-a5000', chassis = 'chassis.generic.full-tower-eatx'): Build {
  return parse({
    format: 'rackhive.build',
    version: 1,
    name: 'test',
    racks: [],
    freeStanding: {
      chassis: [
        {
          id: 'ws',
          partId: chassis,
          boardPartId,
          cpus: [{ socket: 'cpu1', partId: cpu }],
          devices: slots.map((slot, i) => ({ id: `gpu-${i}`, slot, partId: gpu })),
        },
      ],
    },
  } as BuildInput);
}

const matrixOf = (b: Build) => checkBuild(b, builtinParts, SITE).p2pMatrix[0]!;

describe('workstation boards: the matrix their sources imply', () => {
  it('every new board is in the built-in catalog with its CPU socket matched by a CPU part', () => {
    const boards = builtinParts.filter((p) => p.category === 'board');
    const cpus = builtinParts.filter((p) => p.category === 'cpu');
    for (const id of [
      'board.asus.pro-ws-wrx90e-sage-se',
      'board.asrock.trx40-creator',
      'board.asrock.x399-taichi',
      'board.asus.ws-x299-sage',
      'board.asus.proart-x670e-creator-wifi',
      'board.asus.pro-ws-x570-ace',
    ]) {
      const b = boards.find((p) => p.id === id);
      expect(b, id).toBeDefined();
      if (b?.category !== 'board') continue;
      for (const s of b.specs.sockets)
        expect(
          cpus.some((c) => c.category === 'cpu' && c.specs.socket === s.socketType),
          `${id} ${s.socketType}`,
        ).toBe(true);
    }
  });

  it.each([
    ['board.asus.pro-ws-wrx90e-sage-se', 'cpu.amd.threadripper-pro-7000wx-9000wx'],
    ['board.asrock.trx40-creator', 'cpu.amd.threadripper-3960x-3990x'],
  ])('%s: one IO die with no public slot-to-quadrant map: PHB or NODE, counted NODE', (board, cpu) => {
    const m = matrixOf(tower(board, cpu, ['slot1', 'slot3']));
    expect(m.cells).toEqual([
      ['X', 'NODE'],
      ['NODE', 'X'],
    ]);
    expect(m.uncertain).toMatchObject([{ a: 'GPU0', b: 'GPU1', classes: ['PHB', 'NODE'] }]);
  });

  it('X399 Taichi: two Threadripper dies are separate NUMA nodes, so two slots are PHB or SYS, counted SYS', () => {
    const r = checkBuild(tower('board.asrock.x399-taichi', 'cpu.amd.threadripper-1950x-2990wx', ['slot1', 'slot4']), builtinParts, SITE);
    const m = r.p2pMatrix[0]!;
    expect(m.cells).toEqual([
      ['X', 'SYS'],
      ['SYS', 'X'],
    ]);
    expect(m.uncertain).toEqual([
      {
        a: 'GPU0',
        b: 'GPU1',
        classes: ['PHB', 'SYS'],
        reason:
          "slot1 and slot4 both hang off the CPU's I/O dies: 2 dies, each its own NUMA node, and which slot is on which is not public: PHB if the two slots are on one die, SYS if not (counted as SYS).",
      },
    ]);
    // rackhive check prints the open cell as SYS?, the way it prints NODE? under an unmapped IO die.
    expect(formatMatrix(m)[1]).toMatch(/^GPU0\s+X\s+SYS\?\s*$/);
    // No hive is promised across an unmapped die; on an AMD host CUDA still peers (slowly).
    expect(r.hives.every((h) => h.devices.length === 1)).toBe(true);
    expect(r.p2pRuntime[0]).toMatchObject({
      path: 'SYS',
      cudaP2p: true,
      nccl: 'P2P',
      why: 'AMD host: peer access across root complexes and dies, slower than under one root complex',
    });
  });

  it('WS X299 SAGE: GPUs under one PEX 8747 are PIX, across the two switches NODE; NCCL stays off P2P beyond PXB on Intel', () => {
    const r = checkBuild(tower('board.asus.ws-x299-sage', 'cpu.intel.core-i9-7900x-7980xe', ['slot1', 'slot3', 'slot5', 'slot7']), builtinParts, SITE);
    const m = r.p2pMatrix[0]!;
    expect(m.cells).toEqual([
      ['X', 'PIX', 'NODE', 'NODE'],
      ['PIX', 'X', 'NODE', 'NODE'],
      ['NODE', 'NODE', 'X', 'PIX'],
      ['NODE', 'NODE', 'PIX', 'X'],
    ]);
    expect(m.uncertain).toEqual([]);
    expect(r.hives.map((h) => h.devices)).toEqual([
      ['GPU0', 'GPU1'],
      ['GPU2', 'GPU3'],
    ]);
    const across = r.p2pRuntime.find((p) => p.a === 'GPU0' && p.b === 'GPU2')!;
    expect(across).toMatchObject({ path: 'NODE', nccl: 'SHM' });
    // Two x16 cards per switch share its x16 uplink: 2:1.
    expect(r.findings.filter((f) => f.code === 'pcie.switch-oversubscribed').map((f) => f.subjects[1])).toEqual(['plx-a', 'plx-b']);
  });

  it.each([
    ['board.asus.proart-x670e-creator-wifi', 'cpu.amd.ryzen-7000-9000-am5', 2],
    ['board.asus.pro-ws-x570-ace', 'cpu.amd.ryzen-5000-am4', 8],
  ])('%s: two CPU cards at x8 are PHB; a chipset card is PHB to them and reaches the host over the x4 chipset link', (board, cpu, chipsetWidth) => {
    const r = checkBuild(tower(board, cpu, ['slot1', 'slot2', 'slot3']), builtinParts, SITE);
    const m = r.p2pMatrix[0]!;
    expect(m.cells).toEqual([
      ['X', 'PHB', 'PHB'],
      ['PHB', 'X', 'PHB'],
      ['PHB', 'PHB', 'X'],
    ]);
    expect(r.lanes.switches.find((s) => s.switchId === 'chipset')).toMatchObject({ uplinkWidth: 4, downstreamLanes: chipsetWidth });
    // The two x8 CPU cards and the chipset's x4 link: 20 of the CPU's lanes.
    expect(r.lanes.rootComplexes[0]).toMatchObject({ lanesUsed: 8 + 8 + 4 });
  });
});

describe('a 4× RTX 3090 build on a workstation board checks and estimates', () => {
  /** Three-slot 3090s do not fit side by side in slots 1/3/5/7: in an open frame on Gen4 riser cables, as people build them. */
  function frame(): Build {
    const slots = ['slot1', 'slot3', 'slot5', 'slot7'];
    return parse({
      format: 'rackhive.build',
      version: 1,
      name: 'X299 SAGE, 4x RTX 3090',
      racks: [],
      freeStanding: {
        chassis: [
          {
            id: 'frame',
            partId: 'chassis.generic.open-frame-8gpu',
            boardPartId: 'board.asus.ws-x299-sage',
            cpus: [{ socket: 'cpu1', partId: 'cpu.intel.core-i9-7900x-7980xe' }],
            devices: [
              ...slots.map((slot, i) => ({ id: `riser-${i}`, slot, partId: 'riser.generic.x16-riser-cable-gen4' })),
              ...slots.map((_, i) => ({ id: `gpu-${i}`, slot: `riser-${i}/a`, partId: 'gpu.nvidia.rtx-3090' })),
            ],
            psus: [{ partId: 'psu.supermicro.pws-2k05a-1r', count: 2 }],
          },
        ],
      },
    } as BuildInput);
  }

  it("WS X299 SAGE in an open frame: no error; GeForce pairs go through host memory; the Gen4 risers train at the slots' Gen3", () => {
    const b = frame();
    const r = checkBuild(b, builtinParts, SITE);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.p2pMatrix[0]!.cells).toEqual([
      ['X', 'PIX', 'NODE', 'NODE'],
      ['PIX', 'X', 'NODE', 'NODE'],
      ['NODE', 'NODE', 'X', 'PIX'],
      ['NODE', 'NODE', 'PIX', 'X'],
    ]);
    expect(r.p2pRuntime.every((p) => p.nccl === 'SHM' && !p.cudaP2p)).toBe(true);
    expect(r.lanes.devices.filter((d) => d.label.startsWith('GPU')).map((d) => `${d.width}x gen${d.gen}`)).toEqual([
      '16x gen3',
      '16x gen3',
      '16x gen3',
      '16x gen3',
    ]);
    const devs = devicesOfBuild(b, builtinParts, SITE, r);
    expect(devs.devices).toHaveLength(4);
    expect(devs.problems).toEqual([]);
    expect(devs.topology.pathClass(0, 1)).toBe('PIX');
    expect(devs.topology.pathClass(0, 2)).toBe('NODE');
    expect(devs.topology.p2p!(0, 1)).toBe(false);
    // Tensor parallel over all four: the ring's worst hop is NODE, through host memory.
    const w = workload('llama-3-70b', 'Q4_K_M', { split: 'tensor', runtime: 'vllm' });
    const e = estimate(devs.devices, w, devs.topology);
    expect(e.decodeTps).toBeGreaterThan(0);
    expect(Number.isFinite(e.decodeTps)).toBe(true);
    expect(e.assumptions.some((a) => a.startsWith('tensor parallel through host memory (NODE'))).toBe(true);
    const withP2p = estimate(devs.devices, w, { ...devs.topology, pathClass: () => 'PIX', p2p: () => true });
    expect(withP2p.decodeTps).toBeGreaterThan(e.decodeTps);
  });
});
