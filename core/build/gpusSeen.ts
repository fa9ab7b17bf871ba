// How many GPUs a build has, counted as nvidia-smi counts them: one per GPU
// the OS would see, so a K80 (two GPUs on one card) is two and a card in a dead
// slot is none. "What runs", the workload form and the builds list all count
// with this one function.
import type { Build } from './build';
import type { CatalogPart } from '../catalog/part';
import { chassisEntries } from './places';
import type { DeviceLink } from '../check/checkBuild';

/**
 * The GPUs the OS would see, for "what runs" and the workload form's defaults:
 * every GPU the checker linked (cards in dead slots take no link), in racks and
 * free-standing alike; a card with several GPUs (K80: "k80-0:0", "k80-0:1") counts each.
 */
export function gpusSeen(
  build: Pick<Build, 'racks' | 'freeStanding'>,
  catalog: { get(id: string): CatalogPart | undefined },
  devices: readonly DeviceLink[],
): number {
  const partOfCard = new Map<string, string>();
  for (const { chassis } of chassisEntries(build)) for (const d of chassis.devices) partOfCard.set(`${chassis.id}|${d.id}`, d.partId);
  return devices.filter((d) => {
    const card = d.deviceId.replace(/:\d+$/, '');
    return catalog.get(partOfCard.get(`${d.chassisId}|${card}`) ?? '')?.category === 'gpu';
  }).length;
}
