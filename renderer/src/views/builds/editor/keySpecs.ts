// The few specs the inspector shows for a placed part (with units, unknown
// with its reason) and the sources behind each: the catalog detail's rows
// (views/catalog/detail.ts), cut to what a builder checks at the bench.
import type { CatalogPart, PartCategory } from '#core/catalog/part';
import type { PartSource } from '#core/catalog/source';
import { specRows } from '../../catalog/detail';
import { unknownReason } from '../../catalog/columns';

const KEYS: Partial<Record<PartCategory, string[]>> = {
  gpu: ['vramGB', 'memBandwidthGBps', 'fp16Tflops', 'tdpW', 'pcieGen', 'pcieLanes', 'slotWidth', 'p2pOverPcie'],
  cpu: ['socket', 'cores', 'baseGHz', 'tdpW', 'pcieLanes', 'memoryChannels', 'memType'],
  psu: ['ratedOutputHighLineW', 'ratedOutputLowLineW', 'efficiency', 'formFactor', 'inlet'],
  memory: ['type', 'sizeGB', 'speedMTps', 'registered', 'ecc'],
  chassis: ['formFactor', 'heightU', 'psuBays', 'depthMm', 'weightKg', 'maxDrawW'],
  nic: ['ports', 'portSpeedGbps', 'pcieGen', 'pcieLanes', 'rdma'],
  storage: ['kind', 'capacityGB'],
  rack: ['heightU'],
};
const FALLBACK_ROWS = 6;

export interface KeySpec {
  key: string;
  label: string;
  /** With its unit; null = unknown. */
  text: string | null;
  /** Why it is unknown (the notes' sentence, or that no source gives it). */
  reason: string | null;
  /** Sources that back this field (those naming it in `covers`). */
  sources: PartSource[];
}

export function keySpecRows(part: CatalogPart): KeySpec[] {
  const rows = specRows(part);
  const keys = KEYS[part.category];
  const chosen = keys ? keys.flatMap((k) => rows.filter((r) => r.key === k)) : rows.slice(0, FALLBACK_ROWS);
  return chosen.map((r) => ({
    key: r.key,
    label: r.label,
    text: r.text,
    reason: r.text === null ? unknownReason(part, r.key, r.label) : null,
    sources: part.sources.filter((s) => s.covers?.includes(r.key)),
  }));
}

/** Sources of the whole entry (no `covers`), listed under the specs. */
export function entrySources(part: CatalogPart): PartSource[] {
  return part.sources.filter((s) => !s.covers || s.covers.length === 0);
}
