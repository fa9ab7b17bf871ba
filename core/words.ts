// Words a person reads, decided once: plurals that agree with their number,
// "both" for two, and the names of things whose id is a code (power
// connectors). Every view, the sheet and the CLI's human output use these, so
// "with all 2 cards" or "12pin-nvidia" cannot come back in one place.
import type { PowerConnectorKind } from './catalog/specs/gpu';

/** "1 card", "2 cards", "1,024 chips": the number grouped as en-US writes it, the noun agreeing with it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The verb that agrees with a count: `${plural(n, 'chassis', 'chassis')} ${agree(n, 'has', 'have')}`. */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** "the card", "both cards", "all 4 cards": every one of a group, as a person says it. */
export function everyOne(n: number, one: string, many = `${one}s`): string {
  if (n === 1) return `the ${one}`;
  if (n === 2) return `both ${many}`;
  return `all ${n.toLocaleString('en-US')} ${many}`;
}

/** "a", "a and b", "a, b and c" (or "a, b or c"). */
export function listText(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** What a GPU power connector is called on the box and in the manual. */
export const CONNECTOR_LABELS: Record<PowerConnectorKind, string> = {
  'eps-12v-8pin': 'EPS-12V 8-pin (CPU 8-pin)',
  'pcie-8pin': 'PCIe 8-pin',
  'pcie-6pin': 'PCIe 6-pin',
  '12pin-nvidia': '12-pin (NVIDIA, RTX 30 Founders Edition)',
  '12vhpwr': '16-pin 12VHPWR',
  '12v-2x6': '16-pin 12V-2x6',
  baseboard: 'baseboard power (SXM/OAM)',
};

/** A connector id as its name; an id the table lacks is shown as it is rather than hidden. */
export function connectorLabel(kind: string): string {
  return (CONNECTOR_LABELS as Record<string, string>)[kind] ?? kind;
}

/** "4× EPS-12V 8-pin (CPU 8-pin), 1× PCIe 8-pin". */
export function connectorsText(conns: readonly { kind: string; count: number }[]): string {
  return conns.map((c) => `${c.count}× ${connectorLabel(c.kind)}`).join(', ');
}
