// Chassis rules: the board fits, every card is in a real slot of the board,
// a card wider than its slot pitch covers the next slot, card length and width
// against the chassis, GPU count, and slots wired to an empty socket are dead.
import { finding, n, type Finding } from '../finding';
import type { ResolvedChassis } from '../topology';
import { hostSlotOf } from '../../build/build';
import { categoryName } from '../../catalog/categories';
import type { CatalogIndex } from '../catalog';
import { boardFitsChassis, boardsTakenBy, goesInSlot } from '../../build/fit';

export function boardFitFindings(c: ResolvedChassis, catalog: CatalogIndex): Finding[] {
  const id = c.placement.id;
  if (!c.chassisPart)
    return [
      finding(
        'part.unknown',
        'error',
        [id],
        `Chassis ${id}: part "${c.placement.partId}" is not in the catalog.`,
        'Add it as a user part or pick a catalog chassis.',
      ),
    ];
  if (!c.boardId)
    return [
      finding('chassis.no-board', 'error', [id], `${c.chassisPart.model} has no built-in board and the build names none.`, 'Set the board for this chassis.'),
    ];
  if (!c.board)
    return [finding('part.unknown', 'error', [id], `Board "${c.boardId}" is not in the catalog.`, 'Add it as a user part or pick a catalog board.')];
  const ff = c.board.formFactor;
  const model = catalog.get(c.boardId)?.model ?? c.boardId;
  return boardFitsChassis(c.chassisPart, c.boardId, c.board)
    ? []
    : [
        finding(
          'chassis.board-misfit',
          'error',
          [id],
          `The ${ff} board ${model} does not fit the ${c.chassisPart.model}, which takes ${boardsTakenBy(c.chassisPart, catalog)}.`,
          'Pick a board the chassis takes.',
        ),
      ];
}

const cards = new WeakMap<ResolvedChassis, ResolvedChassis['devices']>();

/** One entry per placed card (a K80 is two GPUs but one card in one slot); worked out once per resolved chassis. */
export function cardsOf(c: ResolvedChassis): ResolvedChassis['devices'] {
  let out = cards.get(c);
  if (!out) {
    const seen = new Set<string>();
    out = c.devices.filter((d) => !seen.has(d.cardId) && !!seen.add(d.cardId));
    cards.set(c, out);
  }
  return out;
}

export function slotFindings(c: ResolvedChassis): Finding[] {
  if (!c.board) return [];
  const out: Finding[] = [];
  const id = c.placement.id;
  const taken = new Map<string, string>();
  const gpuMax = c.chassisPart?.specs.gpu;
  const devPath = (deviceId: string) => `${c.path}.devices[${c.placement.devices.findIndex((x) => x.id === deviceId)}]`;
  if (c.noPost) {
    const sock = c.board.sockets.find((s) => s.id === c.noPost);
    out.push(
      finding(
        'chassis.no-post',
        'error',
        [id, c.noPost],
        `${c.placement.label ?? id} cannot start: the board needs a CPU in ${sock?.label ?? c.noPost} to POST, and that socket is empty; none of its slots would work.`,
        `Fit a CPU in ${sock?.label ?? c.noPost}.`,
        c.board.topology.verified,
      ),
    );
  }
  const unchecked = { length: 0, height: 0 };
  for (const d of cardsOf(c)) {
    const placed = c.placement.devices.find((x) => x.id === d.cardId);
    if (!d.part)
      out.push(
        finding(
          'part.unknown',
          'error',
          [id, d.cardId],
          `Device ${d.cardId}: part "${placed?.partId}" is not in the catalog.`,
          'Add it as a user part or pick a catalog part.',
        ),
      );
    else if (!goesInSlot(d.part)) {
      out.push(
        finding(
          'chassis.wrong-category',
          'error',
          [id, d.cardId],
          `${devPath(d.cardId)}.partId: ${d.part.model} is a ${categoryName(d.part.category)}, not a card; it cannot go in a slot.`,
          d.part.category === 'memory'
            ? 'DIMMs go in "dimms", by socket and channel.'
            : 'Put it where it belongs in the build (cpus, dimms, psus, drives or bridges).',
        ),
      );
      continue;
    }
    if (!d.slot) {
      const ref = hostSlotOf(d.slotId);
      const host = ref ? c.devices.find((o) => o.cardId === ref.hostId) : undefined;
      if (ref && host) {
        const offered = c.riserSlots.filter((s) => s.hostDeviceId === ref.hostId).map((s) => s.id.slice(ref.hostId.length + 1));
        const what =
          host.part?.category === 'riser'
            ? host.slot
              ? `has slots ${offered.join(', ')}`
              : 'is not in a working slot itself'
            : `is ${host.part ? `a ${categoryName(host.part.category)} (${host.part.model})` : 'an unknown part'}, which holds no cards`;
        out.push(
          finding(
            'chassis.slot-unknown',
            'error',
            [id, d.cardId],
            `${devPath(d.cardId)}.slot: ${d.cardId} is placed in "${d.slotId}", but ${ref.hostId} ${what}.`,
            'Place it in a board slot or in a slot of a riser, bifurcation or switch card.',
          ),
        );
      } else
        out.push(
          finding(
            'chassis.slot-unknown',
            'error',
            [id, d.cardId],
            `${devPath(d.cardId)}.slot: ${d.cardId} is placed in slot "${d.slotId}", which this board does not have.`,
            `Slots: ${c.board.slots.map((s) => s.id).join(', ')}.`,
          ),
        );
      continue;
    }
    const other = taken.get(d.slotId);
    if (other)
      out.push(
        finding(
          'chassis.slot-taken',
          'error',
          [id, d.cardId, other],
          `Slot ${d.slot.label} holds both ${other} and ${d.cardId}.`,
          'Move one card to a free slot.',
        ),
      );
    taken.set(d.slotId, d.cardId);
    if (d.dead && d.socket && !d.unwired && !c.noPost) {
      const sock = c.board.sockets.find((s) => s.id === d.socket);
      out.push(
        finding(
          'chassis.slot-dead',
          'error',
          [id, d.cardId, d.slotId, d.socket],
          `${d.label} (${d.part?.model ?? d.cardId}) is in ${d.slot.label}, which is wired to ${sock?.label ?? d.socket}; that socket has no CPU, so the slot is dead.`,
          `Fit a CPU in ${sock?.label ?? d.socket} or move the card to a slot on a populated socket.`,
          d.verified,
        ),
      );
    }
    if (d.part?.category === 'gpu') {
      const spec = d.part.specs;
      const ffCard = spec.formFactor;
      const sxmCard = ffCard !== null && ffCard !== 'pcie';
      if (sxmCard !== (d.slot.kind === 'sxm' || d.slot.kind === 'oam'))
        out.push(
          finding(
            'chassis.form-factor',
            'error',
            [id, d.cardId],
            `${d.part.model} is a ${ffCard ?? 'unknown'} module but ${d.slot.label} is a ${d.slot.kind} position.`,
            'SXM/OAM modules need a baseboard position; PCIe cards need a PCIe slot.',
          ),
        );
      if (sxmCard) continue;
      const len = spec.lengthMm;
      if (len !== null && gpuMax?.maxCardLengthMm && len > gpuMax.maxCardLengthMm)
        out.push(
          finding(
            'chassis.card-too-long',
            'error',
            [id, d.cardId],
            `${d.part.model} is ${n(len)} mm long; the chassis takes cards up to ${n(gpuMax.maxCardLengthMm)} mm (${n(len - gpuMax.maxCardLengthMm)} mm too long).`,
            'Pick a shorter card.',
          ),
        );
      else if (!gpuMax?.maxCardLengthMm || len === null) unchecked.length++;
      const w = spec.slotWidth;
      if (w !== null && gpuMax?.maxCardWidthSlots && w > gpuMax.maxCardWidthSlots)
        out.push(
          finding(
            'chassis.card-too-wide',
            'error',
            [id, d.cardId],
            `${d.part.model} is ${n(w, 1)} slots wide; the GPU bays of the ${c.chassisPart?.model} take ${gpuMax.maxCardWidthSlots}-slot cards.`,
            'Pick a dual-slot (blower or passive) card.',
          ),
        );
      if (gpuMax?.maxCardHeight === 'low-profile') {
        if (spec.lowProfile === false)
          out.push(
            finding(
              'chassis.card-too-tall',
              'error',
              [id, d.cardId],
              `${d.part.model} is a full-height card; the ${c.chassisPart?.model} takes low-profile cards only.`,
              'Pick a low-profile card (T4, A2, L4).',
            ),
          );
        else if (spec.lowProfile === null) unchecked.height++;
      } else if (gpuMax?.maxCardHeight == null && spec.lowProfile !== true && c.chassisPart?.specs.formFactor === 'rackmount') unchecked.height++;
      out.push(...coolingFindings(c, d));
    }
  }
  if (unchecked.length || unchecked.height) {
    const what = [
      unchecked.length ? `length of ${unchecked.length} card${unchecked.length > 1 ? 's' : ''}` : null,
      unchecked.height ? `height of ${unchecked.height} card${unchecked.height > 1 ? 's' : ''}` : null,
    ]
      .filter(Boolean)
      .join(' and the ');
    out.push(
      finding(
        'chassis.card-fit-unchecked',
        'info',
        [id],
        `The ${what} in ${c.placement.label ?? id} went unchecked: the limit of the ${c.chassisPart?.model ?? 'chassis'} or the card's size is not known.`,
        'Measure the card bay and the card before buying.',
      ),
    );
  }
  const gpuCards = cardsOf(c).filter((d) => d.kind === 'gpu').length;
  // An unknown GPU capacity (an imported file that names no GPU positions) is said, not passed in silence or failed.
  if (gpuMax && gpuMax.maxCards === null && gpuCards > 0)
    out.push(
      finding(
        'chassis.gpu-count-unknown',
        'info',
        [id],
        `${gpuCards} GPUs placed; how many GPUs the ${c.chassisPart?.model} holds is not known, so the GPU count is not checked.`,
        'Look up the GPU positions and set them on the chassis part.',
      ),
    );
  else if (gpuMax && gpuMax.maxCards !== null && gpuCards > gpuMax.maxCards) {
    const where = c.chassisPart?.specs.formFactor === 'open-frame' ? 'GPU positions on the frame' : 'GPU cards';
    out.push(
      finding(
        'chassis.too-many-gpus',
        'error',
        [id],
        `${gpuCards} GPU cards placed; the ${c.chassisPart?.model} holds ${gpuMax.maxCards} ${where}.`,
        'Remove GPUs or pick a bigger chassis.',
      ),
    );
  }
  return out;
}

/** Passive cards need the chassis to push air through them; fans on a card need room a 1U server lacks. */
function coolingFindings(c: ResolvedChassis, d: ResolvedChassis['devices'][number]): Finding[] {
  if (d.part?.category !== 'gpu') return [];
  const cooling = d.part.specs.cooling;
  const ch = c.chassisPart?.specs;
  if (!ch || cooling === null) return [];
  const id = c.placement.id;
  if (cooling === 'passive' && (ch.formFactor !== 'rackmount' || ch.airflow === 'passive'))
    return [
      finding(
        'chassis.cooling-passive',
        'warning',
        [id, d.cardId],
        `${d.label} (${d.part.model}) is passively cooled and the ${c.chassisPart!.model} (${ch.formFactor}) pushes no air through it; it will throttle and shut down within minutes under load.`,
        'Fit a blower shroud or a duct fan on every passive card.',
      ),
    ];
  if ((cooling === 'blower' || cooling === 'open-air') && ch.heightU === 1)
    return [
      finding(
        'chassis.cooling-1u',
        'warning',
        [id, d.cardId],
        `${d.label} (${d.part.model}) has ${cooling === 'blower' ? 'a blower fan' : 'open-air fans'}; a 1U server has no room for the fan to draw air and is built for passive cards.`,
        'Use passive cards in a 1U server.',
      ),
    ];
  return [];
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
        out.push(
          finding(
            'chassis.slot-covered',
            'error',
            [c.placement.id, d.id, there.id, next.id],
            `${d.label} (${d.part.model}) in ${d.slot.label} is ${width} slots wide and covers ${next.label}, where ${there.label} (${there.part?.model ?? there.id}) sits.`,
            `Move ${there.label} to a slot at least ${width} positions away, or use a narrower card.`,
            d.slot.verified && next.verified,
          ),
        );
      else
        out.push(
          finding(
            'chassis.slot-blocked',
            'info',
            [c.placement.id, d.id, next.id],
            `${d.label} (${d.part.model}) covers the empty ${next.label}.`,
            'That slot cannot take a card.',
          ),
        );
    }
  }
  return out;
}
