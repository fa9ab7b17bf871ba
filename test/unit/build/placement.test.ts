// canPlace (the drag preview and the keyboard cursor) and place (the drop) are
// one decision, and the checker reads the same predicates: for every target of
// the seed examples, a part canPlace accepts lands without the checker raising
// the rule that would have refused it, and a refused drop changes nothing.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { canPlace, place, type Carry, type DropTarget } from '#core/build/placement';
import { boardSpecOf } from '#core/build/fit';
import type { Build } from '#core/build/build';

const cat = indexCatalog(builtinParts);
const site = { mainsVolts: 230, circuitAmps: 16 };
const palette = (partId: string): Carry => {
  const p = cat.get(partId)!;
  return { source: 'palette', partId, category: p.category, label: p.model };
};

/** Every slot, DIMM channel and rack unit of a build, as drop targets. */
function targetsOf(build: Build): DropTarget[] {
  const out: DropTarget[] = [];
  for (const r of build.racks) {
    for (let u = 1; u <= 42; u++) out.push({ kind: 'rackU', rackId: r.id, u });
    for (const c of r.chassis) {
      const board = boardSpecOf(c, cat);
      for (const s of board?.slots ?? []) out.push({ kind: 'slot', chassisId: c.id, slot: s.id });
      for (const m of board?.memory ?? []) for (let ch = 0; ch < m.channels; ch++) out.push({ kind: 'dimm', chassisId: c.id, socket: m.socket, channel: ch });
      out.push({ kind: 'psu', chassisId: c.id });
    }
  }
  return out;
}

const RULES_REFUSED_BY_CANPLACE = [
  'rack.overlap',
  'rack.out-of-range',
  'chassis.slot-taken',
  'memory.channel-full',
  'power.psu-bays',
  'chassis.board-misfit',
  'cpu.socket-mismatch',
];

const codes = (b: Build) => new Set(checkBuild(b, cat, site).findings.map((f) => `${f.code}|${f.subjects.join(',')}`));

describe('canPlace and the checker agree', () => {
  const carries = [
    palette('gpu.nvidia.tesla-p40'),
    palette('chassis.supermicro.sys-4028gr-trt'),
    ...builtinParts
      .filter((p) => p.category === 'memory' || p.category === 'psu')
      .slice(0, 2)
      .map((p) => palette(p.id)),
  ];
  for (const example of EXAMPLE_BUILDS.filter((e) => e.build.racks.length <= 2)) {
    it(`${example.title}: an accepted drop adds no placement error, a refused one changes nothing`, () => {
      const before = codes(example.build);
      for (const target of targetsOf(example.build))
        for (const carry of carries) {
          const verdict = canPlace(example.build, cat, carry, target);
          const result = place(example.build, cat, carry, target);
          expect(result.ok).toBe(verdict.ok);
          if (!result.ok) continue;
          const added = [...codes(result.build)].filter((k) => !before.has(k)).map((k) => k.split('|')[0]!);
          expect(
            added.filter((c) => RULES_REFUSED_BY_CANPLACE.includes(c)),
            `${carry.label} → ${JSON.stringify(target)}`,
          ).toEqual([]);
        }
    });
  }

  it('a taken slot is refused by name, the same way by the preview and the drop', () => {
    const b = EXAMPLE_BUILDS.find((e) => e.id === 'sys-4028gr-x10drg')?.build ?? EXAMPLE_BUILDS[0]!.build;
    const chassis = b.racks[0]!.chassis[0]!;
    const taken = chassis.devices[0]!;
    const target: DropTarget = { kind: 'slot', chassisId: chassis.id, slot: taken.slot };
    const v = canPlace(b, cat, palette('gpu.nvidia.tesla-p40'), target);
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/holds the .+; move or remove it first\.$/) });
    expect(place(b, cat, palette('gpu.nvidia.tesla-p40'), target)).toEqual(v);
  });
});
