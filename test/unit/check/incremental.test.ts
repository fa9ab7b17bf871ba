// The editor's incremental check re-checks only the chassis an edit touched:
// after any sequence of edits its result must be exactly what a full
// checkBuild gives for the same build (findings in the same order, power sums,
// labels, hives, risers, bridges, GPU-pair runtime, free-standing chassis).
// Random edit sequences over every example, through core's own edits plus the
// home-lab changes the edits module does not make yet (bridges, free-standing
// chassis, the GeForce driver), settings and catalog changes, and undo.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Build, ChassisPlacement } from '#core/build/build';
import * as E from '#core/build/edits';
import { boardSpecOf } from '#core/build/fit';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { builtinParts } from '#core/catalog/builtin';
import type { CatalogPart } from '#core/catalog/part';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild, type CheckSettings } from '#core/check/checkBuild';
import { createIncrementalCheck } from '#core/check/incremental';

const SITES: CheckSettings[] = [
  { mainsVolts: 230, circuitAmps: 32 },
  { mainsVolts: 120, circuitAmps: 15 },
];
const byCategory = (c: CatalogPart['category']) => builtinParts.filter((p) => p.category === c).map((p) => p.id);
const CARDS = [...byCategory('gpu'), ...byCategory('nic'), ...byCategory('riser')];
const PSUS = byCategory('psu');
const CPUS = byCategory('cpu');
const BRIDGES = byCategory('bridge');
const CHASSIS = byCategory('chassis');

/** One step of a session: what to do, and numbers that pick where and what. */
const step = fc.record({ op: fc.nat(15), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) });

const pick = <T>(xs: readonly T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);
const allChassis = (b: Build) => b.racks.flatMap((r) => r.chassis);

/** A chassis replaced by a new object, as a pure edit does (racked or free-standing). */
function mapAnyChassis(b: Build, id: string, fn: (c: ChassisPlacement) => ChassisPlacement): Build {
  if (b.racks.some((r) => r.chassis.some((c) => c.id === id)))
    return { ...b, racks: b.racks.map((r) => (r.chassis.some((c) => c.id === id) ? { ...r, chassis: r.chassis.map((c) => (c.id === id ? fn(c) : c)) } : r)) };
  if (!b.freeStanding) return b;
  return {
    ...b,
    freeStanding: { ...b.freeStanding, chassis: b.freeStanding.chassis.map((c) => (c.id === id ? (fn({ ...c, positionU: 1 }) as ChassisPlacement) : c)) },
  };
}

function apply(b: Build, s: { op: number; a: number; b: number; c: number }, catalog: ReturnType<typeof indexCatalog>): Build {
  const every = [...allChassis(b), ...((b.freeStanding?.chassis ?? []) as ChassisPlacement[])];
  const ch = pick(every, s.a);
  const keep = (r: E.EditResult) => (r.ok ? r.build : b);
  if (!ch) return b;
  // Board slots, plus the first output of each card (a riser's "<id>/a"; refused or reported for others).
  const slots = [...(boardSpecOf(ch, catalog)?.slots.map((x) => x.id) ?? []), ...ch.devices.map((d) => `${d.id}/a`)];
  const dev = pick(ch.devices, s.b);
  switch (s.op) {
    case 0:
      return dev ? keep(E.removeDevice(b, catalog, ch.id, dev.id)) : b;
    case 1:
      return keep(E.placeDevice(b, catalog, ch.id, pick(slots, s.b) ?? 'slot1', pick(CARDS, s.c)!));
    case 2: {
      const to = pick(allChassis(b), s.c);
      return dev && to ? keep(E.moveDevice(b, catalog, ch.id, dev.id, to.id, pick(slots, s.c) ?? dev.slot)) : b;
    }
    case 3:
      return keep(E.addPsu(b, catalog, ch.id, pick(PSUS, s.b)!));
    case 4:
      return keep(E.removePsu(b, catalog, ch.id, s.b % 3));
    case 5:
      return keep(E.removeChassis(b, ch.id));
    case 6: {
      const rack = pick(b.racks, s.b);
      if (!rack) return b;
      const at = E.findChassis(b, ch.id);
      // The same chassis object carried to another rack as it is (no edit copies it): its rack changed all the same.
      if (at && s.c % 3 === 0 && at.rack.id !== rack.id)
        return {
          ...b,
          racks: b.racks.map((r) =>
            r.id === at.rack.id
              ? { ...r, chassis: r.chassis.filter((c) => c !== at.chassis) }
              : r.id === rack.id
                ? { ...r, chassis: [...r.chassis, at.chassis] }
                : r,
          ),
        };
      return keep(E.moveChassis(b, catalog, ch.id, rack.id, 1 + (s.c % 40)));
    }
    case 7: {
      // A rack given another id keeps its chassis objects; their rack is another all the same.
      const rack = pick(b.racks, s.b);
      if (rack && s.c % 2) return { ...b, racks: b.racks.map((r) => (r === rack ? { ...r, id: `${r.id}-${s.c}` } : r)) };
      return keep(E.renameChassis(b, ch.id, `node ${s.b}`));
    }
    case 8:
      return s.c % 2 ? keep(E.placeCpu(b, catalog, ch.id, `cpu${1 + (s.b % 2)}`, pick(CPUS, s.c)!)) : keep(E.removeCpu(b, ch.id, `cpu${1 + (s.b % 2)}`));
    case 9: {
      // An NVLink bridge between two cards of the chassis (or one taken off).
      const x = pick(ch.devices, s.b);
      const y = pick(ch.devices, s.c);
      if (ch.bridges?.length && s.c % 2) return mapAnyChassis(b, ch.id, (c) => ({ ...c, bridges: c.bridges!.slice(1) }));
      return x && y && x.id !== y.id && BRIDGES.length
        ? mapAnyChassis(b, ch.id, (c) => ({ ...c, bridges: [...(c.bridges ?? []), { partId: pick(BRIDGES, s.a)!, devices: [x.id, y.id] }] }))
        : b;
    }
    case 10: {
      // A racked chassis taken out to stand on the floor, or a free-standing one put away.
      if (b.freeStanding && s.c % 2) {
        const rest = b.freeStanding.chassis.filter((c) => c.id !== ch.id);
        return rest.length ? { ...b, freeStanding: { ...b.freeStanding, chassis: rest } } : { ...b, freeStanding: undefined };
      }
      const at = E.findChassis(b, ch.id);
      if (!at) return b;
      const { positionU: _u, ...loose } = at.chassis;
      const racks = b.racks.map((r) => (r.id === at.rack.id ? { ...r, chassis: r.chassis.filter((c) => c.id !== ch.id) } : r));
      return { ...b, racks, freeStanding: { ...(b.freeStanding ?? {}), chassis: [...(b.freeStanding?.chassis ?? []), loose] } };
    }
    case 11:
      return { ...b, geforceP2p: b.geforceP2p === 'patched-open-module' ? 'stock' : 'patched-open-module' };
    case 12:
      // Another system in the same place (its integrated board, its PSUs).
      return mapAnyChassis(b, ch.id, (c) => ({ ...c, partId: pick(CHASSIS, s.b)! }));
    case 13:
      return keep(E.placeDimm(b, catalog, ch.id, `cpu${1 + (s.b % 2)}`, s.c % 8, pick(byCategory('memory'), s.c)!));
    default:
      return keep(E.placeChassis(b, catalog, pick(b.racks, s.b)?.id ?? '', pick(CHASSIS, s.c)!, 1 + (s.c % 40)));
  }
}

describe('the incremental check (createIncrementalCheck)', () => {
  it('equals a full checkBuild after random edit sequences on every example, with undo, site and catalog changes', () => {
    fc.assert(
      fc.property(
        fc.nat(EXAMPLE_BUILDS.length - 1),
        fc.array(fc.record({ edit: step, undo: fc.nat(9), site: fc.nat(19), catalog: fc.nat(29) }), { minLength: 1, maxLength: 14 }),
        (example, session) => {
          const check = createIncrementalCheck();
          let parts: CatalogPart[] = builtinParts;
          let site = SITES[0]!;
          const history: Build[] = [EXAMPLE_BUILDS[example]!.build];
          let build = history[0]!;
          expect(check(build, parts, site)).toEqual(checkBuild(build, parts, site));
          for (const s of session) {
            if (s.undo === 0 && history.length > 1) {
              history.pop();
              build = history[history.length - 1]!;
            } else {
              build = apply(build, s.edit, indexCatalog(parts));
              history.push(build);
            }
            if (s.site === 0) site = site === SITES[0] ? SITES[1]! : SITES[0]!;
            // A new catalog list (a user part saved) is a new index: nothing may be reused.
            if (s.catalog === 0) parts = [...parts];
            expect(check(build, parts, site)).toEqual(checkBuild(build, parts, site));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('reuses the part of a chassis the edit did not touch, and re-checks the one it did', () => {
    const groq = EXAMPLE_BUILDS.find((e) => e.id === 'groq-8-racks')!.build;
    const check = createIncrementalCheck();
    const site = SITES[0]!;
    const before = check(groq, builtinParts, site);
    const target = groq.racks[2]!.chassis[1]!;
    const r = E.removeDevice(groq, indexCatalog(builtinParts), target.id, target.devices[0]!.id);
    if (!r.ok) throw new Error(r.reason);
    const after = check(r.build, builtinParts, site);
    expect(after).toEqual(checkBuild(r.build, builtinParts, site));
    const untouched = groq.racks[0]!.chassis[0]!.id;
    // Same objects for the untouched chassis, new ones for the edited chassis.
    expect(after.p2pMatrix.find((m) => m.chassisId === untouched)).toBe(before.p2pMatrix.find((m) => m.chassisId === untouched));
    expect(after.p2pMatrix.find((m) => m.chassisId === target.id)).not.toBe(before.p2pMatrix.find((m) => m.chassisId === target.id));
    expect(after.p2pMatrix.find((m) => m.chassisId === target.id)!.labels).toHaveLength(7);
  });
});
