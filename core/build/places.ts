// Where chassis stand: in racks, or free-standing (towers, open frames on the
// floor or a bench). Every rule that walks a build's chassis walks these
// places, so a free-standing chassis is checked, powered and priced like a
// racked one; its circuit is the free-standing group's (or the site's).
import type { Build, ChassisPlacement, RackPlacement } from './build';

/** The id of the place that holds the free-standing chassis (reserved: no rack may use it). */
export const FREE_STANDING_ID = 'free-standing';

/** Racks plus, when the build has free-standing chassis, one place for them (no rack part, no units). */
export function placesOf(build: Pick<Build, 'racks' | 'freeStanding'>): RackPlacement[] {
  if (!build.freeStanding) return build.racks;
  const fs = build.freeStanding;
  const floor: RackPlacement = {
    id: FREE_STANDING_ID,
    label: fs.label ?? 'Free-standing',
    partId: '',
    pdus: [],
    ...(fs.circuits ? { circuits: fs.circuits } : {}),
    // positionU 0 marks "no rack unit": rack units start at 1.
    chassis: fs.chassis.map((c): ChassisPlacement => ({ ...c, positionU: 0 })),
  };
  return [...build.racks, floor];
}

export function isFreeStandingPlace(rack: Pick<RackPlacement, 'id' | 'partId'>): boolean {
  return rack.id === FREE_STANDING_ID && rack.partId === '';
}

/** Every chassis of the build with the JSON path of its entry. */
export function chassisEntries(
  build: Pick<Build, 'racks' | 'freeStanding'>,
): { chassis: ChassisPlacement | Omit<ChassisPlacement, 'positionU'>; path: (string | number)[] }[] {
  const out: { chassis: ChassisPlacement | Omit<ChassisPlacement, 'positionU'>; path: (string | number)[] }[] = [];
  build.racks.forEach((r, ri) => r.chassis.forEach((c, ci) => out.push({ chassis: c, path: ['racks', ri, 'chassis', ci] })));
  build.freeStanding?.chassis.forEach((c, ci) => out.push({ chassis: c, path: ['freeStanding', 'chassis', ci] }));
  return out;
}
