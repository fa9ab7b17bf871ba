// Parts that hold parts: a riser, bifurcation or switch card must fit its host
// slot; a bifurcation card needs the slot split in the BIOS; outputs past the
// host slot's lanes are dead; and NVLink bridges must join two matching cards.
import { finding, type Finding } from '../finding';
import { capital } from '../names';
import { listText } from '../../words';
import type { ResolvedChassis } from '../topology';
import { riserMisfit } from '../../build/fit';

export function riserFindings(c: ResolvedChassis): Finding[] {
  const out: Finding[] = [];
  const id = c.placement.id;
  const devPath = (deviceId: string) => `${c.path}.devices[${c.placement.devices.findIndex((x) => x.id === deviceId)}]`;
  for (const d of c.devices) {
    if (d.part?.category !== 'riser' || !d.slot) continue;
    const spec = d.part.specs;
    const misfit = riserMisfit(d.part, d.slot);
    if (misfit)
      out.push(
        finding(
          'riser.slot-misfit',
          'error',
          [id, d.id],
          `${devPath(d.id)}.slot: ${misfit}`,
          'Use a riser that fits the slot, or another slot.',
          d.slot.verified,
        ),
      );
    if (spec.needsBifurcation)
      out.push(
        finding(
          'riser.needs-bifurcation',
          'info',
          [id, d.id, d.slotId],
          `${d.part.model} in ${d.slot.label} works only with ${d.slot.label} split in the BIOS (${(spec.outputs ?? []).map((o) => `${o.count}× x${o.lanes ?? '?'}`).join(' + ')}); whether this board offers that split is not known to the catalog.`,
          'Check the BIOS for a PCIe bifurcation setting on that slot before buying.',
        ),
      );
    if (spec.pcieGen !== null && d.slot.gen > spec.pcieGen)
      out.push(
        finding(
          'riser.gen-cap',
          'info',
          [id, d.id],
          `${d.part.model} is rated for PCIe gen ${spec.pcieGen}; cards behind it link at gen ${spec.pcieGen} although ${d.slot.label} runs gen ${d.slot.gen}.`,
          `A gen ${d.slot.gen} riser keeps the slot's speed.`,
        ),
      );
  }
  for (const s of c.riserSlots) {
    const guest = c.devices.find((d) => d.slotId === s.id);
    if (s.wiredLanes === 0 && guest)
      out.push(
        finding(
          'riser.output-unwired',
          'error',
          [id, guest.cardId, s.id],
          `${guest.label} (${guest.part?.model ?? 'card'}) is on ${s.label}, which gets no lanes: ${c.slotById.get(s.hostSlotId)?.label ?? 'the host slot'} is x${c.slotById.get(s.hostSlotId)?.electricalWidth ?? '?'} electrically and the outputs before it take them all. The OS will not see the card.`,
          'Use a x16 slot for the bifurcation card or move the card to an earlier output.',
        ),
      );
  }
  return out;
}

export function bridgeFindings(c: ResolvedChassis): Finding[] {
  const out: Finding[] = [];
  const id = c.placement.id;
  for (const b of c.bridges) {
    // The cards by label and model; the file path and ids stay in the subjects.
    const ends = b.deviceIds
      .map((cardId) => c.devices.find((d) => d.cardId === cardId))
      .map((d) => (d ? `${d.label} (${d.part?.model ?? 'card'})` : 'a missing card'));
    const bridge = b.part?.model ?? 'NVLink bridge';
    if (b.problems.length)
      out.push(
        finding(
          'bridge.invalid',
          'error',
          [id, ...b.deviceIds],
          `The ${bridge} between ${listText(ends)} cannot work: ${b.problems.join('; ')}. The pair is treated as unbridged.`,
          "Bridge two cards of the same bridgeable model, at the bridge's slot spacing.",
        ),
      );
    else if (b.unchecked.length)
      out.push(
        finding(
          'bridge.unchecked',
          'info',
          [id, ...b.deviceIds],
          `${capital(bridge)} between ${listText(ends)}: ${b.unchecked.join('; ')}.`,
          'The bridge is rigid: both cards must stand at exactly its spacing.',
        ),
      );
  }
  return out;
}
