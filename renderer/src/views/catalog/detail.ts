// Every spec of a part as label/value rows for the detail pane: units on
// numbers, lists written compactly, unknown as null (shown as "unknown" with
// its reason). A board's wiring is drawn separately (topology.ts).
import type { CatalogPart } from '#core/catalog/part';
import { pcieSlotGroupText, type PcieSlotGroup } from '#core/catalog/chassis';
import { formatValue, unitOf } from '#core/catalog/format';
import { humanizeField, numberText, specLabel } from './columns';

export interface SpecRow {
  key: string;
  label: string;
  /** null = unknown. */
  text: string | null;
  /** An "unverified" mark (chassis facts taken from a lab report, not a datasheet). */
  unverified?: boolean;
}

/** Board fields drawn by the topology summary instead of listed. */
const TOPOLOGY_KEYS = new Set(['sockets', 'interSocketLink', 'rootComplexes', 'pcieSwitches', 'slots', 'onboardDevices', 'memory', 'fabrics', 'topology']);

const P2P: Record<string, string | null> = { yes: 'yes', 'driver-disabled': 'disabled by the driver', unknown: null, 'not-applicable': 'not applicable' };

function valueText(key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const unit = unitOf(key);
    return unit ? `${numberText(value)} ${unit}` : numberText(value);
  }
  return formatValue(key, value);
}

function gpuLinkText(link: unknown): string | null {
  if (link === null || typeof link !== 'object') return null;
  const l = link as {
    kind: string;
    gen: number | null;
    links: number | null;
    bridgeWays: number | null;
    bandwidthGBps: number | null;
    bandwidthDirection: string | null;
    note?: string;
  };
  if (l.kind === 'none') return 'none';
  return [
    l.kind,
    l.gen !== null ? `gen ${l.gen}` : null,
    l.links !== null ? `${l.links} links` : null,
    l.bridgeWays !== null ? `${l.bridgeWays}-way` : null,
    l.bandwidthGBps !== null ? `${numberText(l.bandwidthGBps)} GB/s${l.bandwidthDirection ? ` ${l.bandwidthDirection}` : ''}` : 'bandwidth unknown',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function specRows(part: CatalogPart): SpecRow[] {
  const rows: SpecRow[] = [];
  const specs = part.specs as Record<string, unknown>;
  for (const [key, value] of Object.entries(specs)) {
    if (part.category === 'board' && TOPOLOGY_KEYS.has(key)) continue;
    const label = specLabel(part.category, key);
    if (part.category === 'gpu' && key === 'p2pOverPcie') {
      rows.push({ key, label, text: P2P[String(value)] ?? null });
    } else if (part.category === 'gpu' && key === 'gpuLink') {
      rows.push({ key, label: 'GPU link', text: gpuLinkText(value) });
    } else if (part.category === 'gpu' && key === 'powerConnectors') {
      rows.push({ key, label: 'Power connectors', text: Array.isArray(value) && value.length === 0 ? 'none (slot power only)' : valueText(key, value) });
    } else if (part.category === 'chassis' && key === 'gpu' && value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const unit = k === 'maxCardWidthSlots' ? null : unitOf(k);
        const text =
          v === null || v === undefined ? null : k === 'maxCardWidthSlots' ? `${String(v)}-slot` : unit ? `${numberText(v as number)} ${unit}` : String(v);
        rows.push({
          key: `gpu.${k}`,
          label: { maxCards: 'GPU positions', maxCardLengthMm: 'Max card length', maxCardWidthSlots: 'Max card width' }[k] ?? humanizeField(k),
          text,
        });
      }
    } else if (part.category === 'chassis' && key === 'psusFitted' && Array.isArray(value)) {
      const fitted = value as { partId: string; count: number; verified: boolean }[];
      rows.push({
        key,
        label: 'PSUs fitted',
        text: fitted.length ? fitted.map((p) => `${p.count}× ${p.partId}`).join(', ') : 'none',
        unverified: fitted.some((p) => !p.verified),
      });
    } else if (part.category === 'chassis' && key === 'provenance' && value && typeof value === 'object') {
      const p = value as { verified: boolean; note?: string };
      rows.push({ key, label: 'Checked against a source', text: p.verified ? 'yes' : `no${p.note ? ` — ${p.note}` : ''}`, unverified: !p.verified });
    } else if (part.category === 'chassis' && (key === 'compatibleBoards' || key === 'boardFormFactors') && Array.isArray(value) && value.length === 0) {
      rows.push({ key, label, text: 'none listed' });
    } else if (part.category === 'chassis' && key === 'pcieSlots' && Array.isArray(value)) {
      rows.push({ key, label, text: (value as PcieSlotGroup[]).map(pcieSlotGroupText).join(', ') || 'none' });
    } else if (part.category === 'chassis' && key === 'integratedBoard' && value === null) {
      rows.push({ key, label: 'Integrated board', text: 'none (empty chassis)' });
    } else {
      rows.push({ key, label, text: valueText(key, value) });
    }
  }
  return rows;
}
