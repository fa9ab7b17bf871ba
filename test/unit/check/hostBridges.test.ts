// Root complexes as the CPU documents give them: an EPYC / Threadripper PRO IO
// die has four quadrants, each its own host bridge, and no public source maps
// the H12SSL-i, ROMED8-2T or WRX80E-SAGE slots to quadrants: their pairs are
// PHB or NODE, counted NODE and said so. Skylake-SP has three x16 IIO stacks
// per socket, so two x16 switch uplinks (X11DPG-OT, SYS-4029GP-TRT2) meet at NODE.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBuildValue, formatIssues } from '#core/build/file';
import type { Build, BuildInput } from '#core/build/build';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import { observe } from '#core/asbuilt/observed';
import { verifyBuild } from '#core/asbuilt/verify';
import { boardLayouts } from '#core/asbuilt/layouts';

const fx = (f: string) => readFileSync(new URL(`../../fixtures/asbuilt/${f}`, import.meta.url), 'utf8');
const SITE = { mainsVolts: 230, circuitAmps: 16 };

function parse(input: BuildInput): Build {
  const r = parseBuildValue(input);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.build;
}

/** A tower with one workstation board, its CPU and GPUs in the named slots. */
function tower(boardPartId: string, cpu: string, slots: string[], gpu = 'gpu.nvidia.rtx-3090'): Build {
  return parse({
    format: 'rackhive.build',
    version: 1,
    name: 'test',
    racks: [],
    freeStanding: {
      chassis: [
        {
          id: 'ws',
          partId: 'chassis.generic.full-tower-eatx',
          boardPartId,
          cpus: [{ socket: 'cpu1', partId: cpu }],
          devices: slots.map((slot, i) => ({ id: `gpu-${i}`, slot, partId: gpu })),
        },
      ],
    },
  } as BuildInput);
}

describe('EPYC / Threadripper PRO IO die without a public slot map', () => {
  it.each([
    ['board.supermicro.h12ssl-i', 'cpu.amd.epyc-7302', ['slot1', 'slot3']],
    ['board.asrock-rack.romed8-2t', 'cpu.amd.epyc-7302', ['slot1', 'slot3']],
    ['board.asus.pro-ws-wrx80e-sage-se', 'cpu.amd.threadripper-pro-3975wx', ['slot1', 'slot3']],
  ])('%s: two GPUs are PHB or NODE, counted NODE (no hive promised), with the reason', (board, cpu, slots) => {
    const r = checkBuild(tower(board, cpu, slots), builtinParts, SITE);
    const m = r.p2pMatrix[0]!;
    expect(m.cells).toEqual([
      ['X', 'NODE'],
      ['NODE', 'X'],
    ]);
    expect(m.uncertain).toEqual([
      {
        a: 'GPU0',
        b: 'GPU1',
        classes: ['PHB', 'NODE'],
        reason: expect.stringMatching(
          /^slot1 and slot3 both hang off IO die \(4 quadrants\), 4 host bridges whose slot map is not public: PHB if the two slots share one, NODE if not \(counted as NODE\)\.$/,
        ),
      },
    ]);
    expect(r.hives.every((h) => h.devices.length === 1)).toBe(true);
  });

  it('H12SSL: the public H12SSL-NT capture (NODE between two RTX 3090s, github.com/noonghunna/club-3090/issues/1125) fits the plan with no cell differing', () => {
    const r = verifyBuild(
      tower('board.supermicro.h12ssl-i', 'cpu.amd.epyc-7302', ['slot1', 'slot3']),
      builtinParts,
      observe({ topo: fx('h12ssl-nt-2x-rtx3090.topo.txt') }),
      boardLayouts(builtinParts),
    );
    expect(r.findings.filter((f) => f.code.startsWith('asbuilt.matrix') || f.code === 'asbuilt.nic-away')).toEqual([]);
    expect(r.observedOnPlan.cells[0]![1]).toBe('NODE');
  });

  it('WRX80E-SAGE: the public Threadripper PRO 3975WX capture (PHB, github.com/noonghunna/club-3090/issues/1229) also fits: two slots on one quadrant', () => {
    const r = verifyBuild(
      tower('board.asus.pro-ws-wrx80e-sage-se', 'cpu.amd.threadripper-pro-3975wx', ['slot1', 'slot3']),
      builtinParts,
      observe({ topo: fx('tr-pro-2x-rtx5090.topo.txt') }),
      boardLayouts(builtinParts),
    );
    expect(r.findings.filter((f) => f.code.startsWith('asbuilt.matrix'))).toEqual([]);
    expect(r.observedOnPlan.cells[0]![1]).toBe('PHB');
    expect(r.observedOnPlan.differs[0]![1]).toBe(false);
  });
});

describe('Skylake-SP: three x16 IIO stacks per socket', () => {
  it('SYS-4029GP-TRT2 (X11DPG-OT, single root): GPUs under one switch PIX, under the two switches NODE (each x16 uplink fills its own stack)', () => {
    const b = parse({
      format: 'rackhive.build',
      version: 1,
      name: 'trt2',
      racks: [
        {
          id: 'rack-1',
          partId: 'rack.apc.ar3100',
          chassis: [
            {
              id: 'srv',
              positionU: 1,
              partId: 'chassis.supermicro.sys-4029gp-trt2',
              cpus: [
                { socket: 'cpu1', partId: 'cpu.intel.xeon-gold-6148' },
                { socket: 'cpu2', partId: 'cpu.intel.xeon-gold-6148' },
              ],
              devices: ['gpu1', 'gpu2', 'gpu5', 'gpu6'].map((slot, i) => ({ id: `g${i}`, slot, partId: 'gpu.nvidia.tesla-p40' })),
            },
          ],
        },
      ],
    } as BuildInput);
    const r = checkBuild(b, builtinParts, SITE);
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
  });
});
