// What a finding calls a switch or a root complex: the board's label, or the
// chip and the slots it feeds — never the id the board file uses to wire it
// ("cpu1-plx-a"). Ids stay in the finding's subjects for --json and tooltips.
import type { Slot } from '../catalog/board';
import type { ResolvedChassis } from './topology';
import { listText } from '../words';

/** "GPU slot 1", "GPU slot 2" → "GPU slots 1 and 2"; labels without a shared stem are listed as they are. */
export function slotsText(labels: readonly string[]): string {
  const m = labels.map((l) => /^(.*?)(\d+)$/.exec(l));
  const stem = m[0]?.[1];
  if (labels.length > 1 && stem?.endsWith(' ') && m.every((x) => x && x[1] === stem)) {
    const nums = listText(m.map((x) => x![2]!));
    // "GPU slot " → "GPU slots 1 and 2"; a stem that ends in a code ("CPU1 SLOT ") is kept as printed.
    return /[a-z]+ $/.test(stem) ? `${stem.trimEnd()}s ${nums}` : `${stem}${nums}`;
  }
  return listText(labels);
}

/** The slots a switch feeds, directly or through switches below it. */
function slotsBelow(c: ResolvedChassis, switchId: string, seen = new Set<string>()): Slot[] {
  if (seen.has(switchId)) return [];
  seen.add(switchId);
  const out: Slot[] = [];
  for (const s of c.slotById.values()) if (s.feeds === switchId && !('hostSlotId' in s)) out.push(s);
  for (const sw of c.switchById.values()) if (sw.upstream.to === switchId) out.push(...slotsBelow(c, sw.id, seen));
  return out;
}

/** "the PEX8796 switch for GPU slots 1, 2, 3 and 4 (CPU1)", "the PCIe switch on the Tesla K80". */
export function switchName(c: ResolvedChassis, switchId: string): string {
  const sw = c.switchById.get(switchId);
  if (!sw) return 'a PCIe switch';
  // A dual-GPU card's own switch: its note names the card.
  if (c.cardSwitches.has(switchId) && sw.note) return sw.note;
  const chip = sw.chip && !sw.chip.includes('.') ? `${sw.chip} switch` : 'PCIe switch';
  const card = c.riserSlots.find((s) => sw.id === `${s.hostDeviceId}.switch`);
  if (card) return `the ${chip} on the card in ${c.slotById.get(card.hostSlotId)?.label ?? 'its slot'}`;
  const below = slotsBelow(c, switchId);
  // Name it by the GPU slots it feeds when it feeds any; the slot labels' own "(CPU1)" is said once, after them.
  const gpuSlots = below.filter((s) => s.gpu);
  const slots = (gpuSlots.length ? gpuSlots : below).map((s) => s.label.replace(/\s*\([^)]*\)$/, ''));
  const socket = socketLabelOf(c, switchId);
  const place = [slots.length ? `for ${slotsText(slots)}` : '', socket ? `(${socket})` : ''].filter(Boolean).join(' ');
  return `the ${chip}${place ? ` ${place}` : ''}`;
}

/** The root complex's label ("CPU1 IIO stack 0"), else "CPU1's root complex". */
export function rootComplexName(c: ResolvedChassis, rcId: string): string {
  const rc = c.rcById.get(rcId);
  if (!rc) return 'a root complex';
  if (rc.label) return rc.label;
  const socket = c.board?.sockets.find((s) => s.id === rc.socket)?.label;
  return socket ? `${socket}'s root complex` : 'the root complex';
}

function socketLabelOf(c: ResolvedChassis, switchId: string): string | null {
  let at: string | undefined = switchId;
  const guard = new Set<string>();
  while (at && c.switchById.has(at) && !guard.has(at)) {
    guard.add(at);
    at = c.switchById.get(at)!.upstream.to;
  }
  const rc = at ? c.rcById.get(at) : undefined;
  return rc ? (c.board?.sockets.find((s) => s.id === rc.socket)?.label ?? null) : null;
}

/** First letter up, for a name that opens a sentence. */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
