// Power at load against what feeds it: the accelerators at the estimate's draw
// for the workload, everything else at the checker's typical draw; PSU output
// (with redundancy kept, at the site voltage) and the circuits' continuous limit.
import type { CheckResult } from '../check/checkBuild';
import type { PowerCapacity } from './types';

/**
 * `acceleratorIds`: device ids whose draw the estimate covers (its GPUs);
 * `estimatePowerW`: that draw, or null when there is no estimate.
 */
export function powerCapacity(power: CheckResult['power'], acceleratorIds: ReadonlySet<string>, estimatePowerW: number | null): PowerCapacity {
  const psus = power.chassis.map((c) => c.psu?.usableW ?? null);
  const psuUsableW = psus.length === 0 || psus.some((w) => w === null) ? null : (psus as number[]).reduce((a, b) => a + b, 0);
  const circuitW = power.racks.reduce((a, r) => a + r.circuitW, 0);
  let atLoadW: number | null = null;
  let atLoadWallW: number | null = null;
  if (estimatePowerW !== null) {
    // The checker counts power per card ("k80-0"); the estimate's ids are per GPU ("k80-0:0", "k80-0:1").
    const cards = new Set([...acceleratorIds].map((id) => id.replace(/:\d+$/, '')));
    const rest = power.chassis.reduce((a, c) => a + c.components.filter((x) => !cards.has(x.id)).reduce((s, x) => s + x.typicalW, 0), 0);
    atLoadW = estimatePowerW + rest;
    const wallFactor = power.peakW > 0 ? power.wallPeakW / power.peakW : 1;
    atLoadWallW = atLoadW * wallFactor;
  }
  return { atLoadW, atLoadWallW, peakW: power.peakW, unknownTdp: power.unknownTdp, psuUsableW, circuitW };
}
