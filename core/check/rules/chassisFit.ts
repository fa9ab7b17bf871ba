// Chassis rules: the board fits, every card is in a real slot of the board,
// a card wider than its slot pitch covers the next slot, card length and width
// against the chassis, GPU count, and slots wired to an empty socket are dead.
import { finding, n, type Finding } from '../finding';
import type { ResolvedChassis } from '../topology';
import type { CatalogIndex } from '../catalog';
import { boardFitsChassis, boardsTakenBy } from '../../build/fit';

export function boardFitFindings(c: ResolvedChassis, catalog: CatalogIndex): Finding[] {
  const id = c.placement.id;
  if (!c.chassisPart) return [finding('part.unknown', 'error', [id], `Chassis ${id}: part "${c.placement.partId}" is not in the catalog.`, 'Add it as a user part or pick a catalog chassis.')];
  if (!c.boardId) return [finding('chassis.no-board', 'error', [id], `${c.chassisPart.model} has no built-in board and the build names none.`, 'Set the board for this chassis.')];
  if (!c.board) return [finding('part.unknown', 'error', [id], `Board "${c.boardId}" is not in the catalog.`, 'Add it as a user part or pick a catalog board.')];
  const ff = c.board.formFactor;
  const model = catalog.get(c.boardId)?.model ?? c.boardId;
  return boardFitsChassis(c.chassisPart, c.boardId, c.board) ? [] : [finding('chassis.board-misfit', 'error', [id], `The ${ff} board ${model} does not fit the ${c.chassisPart.model}, which takes ${boardsTakenBy(c.chassisPart, catalog)}.`, 'Pick a board the chassis takes.')];
}

export function slotFindings(c: ResolvedChassis): Finding[] {
  if (!c.board) return [];
  const out: Finding[] = [];
  const id = c.placement.id;
  const taken = new Map<string, string>();
  const gpuMax = c.chassisPart?.specs.gpu;
  for (const d of c.devices) {
    if (!d.part) out.push(finding('part.unknown', 'error', [id, d.id], `Device ${d.id}: part "${c.placement.devices.find((x) => x.id === d.id)?.partId}" is not in the catalog.`, 'Add it as a user part or pick a catalog part.'));
    if (!d.slot) {
      out.push(finding('chassis.slot-unknown', 'error', [id, d.id], `Device ${d.id} is placed in slot "${d.slotId}", which this board does not have.`, `Slots: ${c.board.slots.map((s) => s.id).join(', ')}.`));
      continue;
    }
    const other = taken.get(d.slotId);
    if (other) out.push(finding('chassis.slot-taken', 'error', [id, d.id, other], `Slot ${d.slot.label} holds both ${other} and ${d.id}.`, 'Move one card to a free slot.'));
    taken.set(d.slotId, d.id);
    if (d.dead && d.socket) {
      const sock = c.board.sockets.find((s) => s.id === d.socket);
      out.push(finding('chassis.slot-dead', 'error', [id, d.id, d.slotId, d.socket],
        `${d.label} (${d.part?.model ?? d.id}) is in ${d.slot.label}, which is wired to ${sock?.label ?? d.socket}; that socket has no CPU, so the slot is dead.`,
        `Fit a CPU in ${sock?.label ?? d.socket} or move the card to a slot on a populated socket.`, d.verified));
    }
    if (d.part?.category === 'gpu') {
      const ffCard = d.part.specs.formFactor;
      const sxmCard = ffCard !== null && ffCard !== 'pcie';
      if (sxmCard !== (d.slot.kind === 'sxm' || d.slot.kind === 'oam'))
        out.push(finding('chassis.form-factor', 'error', [id, d.id], `${d.part.model} is a ${ffCard ?? 'unknown'} module but ${d.slot.label} is a ${d.slot.kind} position.`, 'SXM/OAM modules need a baseboard position; PCIe cards need a PCIe slot.'));
      const len = d.part.specs.lengthMm;
      if (len !== null && gpuMax?.maxCardLengthMm && len > gpuMax.maxCardLengthMm)
        out.push(finding('chassis.card-too-long', 'error', [id, d.id], `${d.part.model} is ${n(len)} mm long; the chassis takes cards up to ${n(gpuMax.maxCardLengthMm)} mm (${n(len - gpuMax.maxCardLengthMm)} mm too long).`, 'Pick a shorter card.'));
      const w = d.part.specs.slotWidth;
      if (w !== null && gpuMax?.maxCardWidthSlots && w > gpuMax.maxCardWidthSlots)
        out.push(finding('chassis.card-too-wide', 'error', [id, d.id], `${d.part.model} is ${n(w, 1)} slots wide; the GPU bays of the ${c.chassisPart?.model} take ${gpuMax.maxCardWidthSlots}-slot cards.`, 'Pick a dual-slot (blower or passive) card.'));
    }
  }
  const gpus = c.devices.filter((d) => d.kind === 'gpu').length;
  // An unknown GPU capacity (an imported file that names no GPU positions) is said, not passed in silence or failed.
  if (gpuMax && gpuMax.maxCards === null && gpus > 0)
    out.push(finding('chassis.gpu-count-unknown', 'info', [id], `${gpus} GPUs placed; how many GPUs the ${c.chassisPart?.model} holds is not known, so the GPU count is not checked.`, 'Look up the GPU positions and set them on the chassis part.'));
  else if (gpuMax && gpuMax.maxCards !== null && gpus > gpuMax.maxCards)
    out.push(finding('chassis.too-many-gpus', 'error', [id], `${gpus} GPUs placed; the ${c.chassisPart?.model} holds ${gpuMax.maxCards}.`, 'Remove GPUs or pick a bigger chassis.'));
  return out;
}

/** A card wider than one slot pitch covers the slots at position + 1 … + width − 1. */
export function coveredSlotFindings(c: ResolvedChassis): Finding[] {
  if (!c.board) return [];
  const out: Finding[] = [];
  const byPosition = new Map(c.board.slots.map((s) => [s.position, s]));
  const occupant = new Map(c.devices.map((d) => [d.slotId, d]));
  for (const d of c.devices) {
    if (!d.slot || d.part?.category !== 'gpu' || d.part.specs.slotWidth === null) continue;
    const width = Math.ceil(d.part.specs.slotWidth);
    for (let k = 1; k < width; k++) {
      const next = byPosition.get(d.slot.position + k);
      if (!next) continue;
      const there = occupant.get(next.id);
      if (there)
        out.push(finding('chassis.slot-covered', 'error', [c.placement.id, d.id, there.id, next.id],
          `${d.label} (${d.part.model}) in ${d.slot.label} is ${width} slots wide and covers ${next.label}, where ${there.label} (${there.part?.model ?? there.id}) sits.`,
          `Move ${there.label} to a slot at least ${width} positions away, or use a narrower card.`, d.slot.verified && next.verified));
      else
        out.push(finding('chassis.slot-blocked', 'info', [c.placement.id, d.id, next.id], `${d.label} (${d.part.model}) covers the empty ${next.label}.`, 'That slot cannot take a card.'));
    }
  }
  return out;
}
