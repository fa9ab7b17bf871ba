// Lanes per root complex and per switch, and switch uplink oversubscription
// (e.g. 64 downstream lanes over a x16 uplink = 4:1).
import { finding, n, type Finding } from './finding';
import { capital, rootComplexName, switchName } from './names';
import { everyOne } from '../words';
import { linkGBps } from './pcieRates';
import { uplinkGen, type ResolvedChassis, type ResolvedDevice } from './topology';

export interface SwitchLanes {
  chassisId: string;
  switchId: string;
  chip: string | null;
  uplinkWidth: number;
  /** Negotiated lanes of the cards below (all levels). */
  downstreamLanes: number;
  devices: number;
  /** downstream : uplink, e.g. 4 for 4:1; 0 when nothing is below. */
  oversubscription: number;
  uplinkGBps: number;
  verified: boolean;
}

export interface RootComplexLanes {
  chassisId: string;
  rootComplexId: string;
  socket: string;
  lanes: number;
  /** Lanes taken by cards directly on it plus the uplinks of occupied switches. */
  lanesUsed: number;
  /** Negotiated lanes of every card under it, through switches or not. */
  deviceLanes: number;
  /** Lanes of cards behind switches : the switch uplink lanes on this root complex (128:32 = 4). */
  oversubscription: number;
  behindSwitchLanes: number;
  uplinkLanes: number;
}

export interface LaneReport {
  rootComplexes: RootComplexLanes[];
  switches: SwitchLanes[];
}

export function lanesOf(chassis: ResolvedChassis): LaneReport {
  // Cards in dead slots (no CPU in their socket) take no lanes and share no uplink.
  // One entry per card: the two GPUs of a K80 share one x16 link.
  // Plain loops over the devices: this runs for every chassis of every check.
  const live: ResolvedDevice[] = [];
  const cards = new Set<string>();
  for (const d of chassis.devices) {
    if (cards.has(d.cardId)) continue;
    cards.add(d.cardId);
    if (d.link && !d.dead) live.push(d);
  }
  const switches: SwitchLanes[] = [];
  // Switches with a live card below them, for the uplinks of each root complex.
  const occupied = new Set<string>();
  for (const sw of chassis.switchById.values()) {
    let downstreamLanes = 0;
    let below = 0;
    for (const d of live)
      if (d.switches.includes(sw.id)) {
        downstreamLanes += d.link!.width;
        below++;
      }
    if (below > 0) occupied.add(sw.id);
    switches.push({
      chassisId: chassis.placement.id,
      switchId: sw.id,
      chip: sw.chip,
      uplinkWidth: sw.upstream.width,
      downstreamLanes,
      devices: below,
      oversubscription: downstreamLanes / sw.upstream.width,
      uplinkGBps: linkGBps(uplinkGen(sw, chassis.rcById, chassis.switchById), sw.upstream.width),
      verified: sw.verified,
    });
  }
  const rootComplexes: RootComplexLanes[] = [];
  for (const rc of chassis.rcById.values()) {
    let direct = 0;
    let deviceLanes = 0;
    for (const d of live) {
      if (d.rootComplex !== rc.id) continue;
      deviceLanes += d.link!.width;
      if (d.switches.length === 0) direct += d.link!.width;
    }
    let uplinks = 0;
    for (const sw of chassis.switchById.values()) if (sw.upstream.to === rc.id && occupied.has(sw.id)) uplinks += sw.upstream.width;
    const lanesUsed = direct + uplinks;
    const behindSwitchLanes = deviceLanes - direct;
    rootComplexes.push({
      chassisId: chassis.placement.id,
      rootComplexId: rc.id,
      socket: rc.socket,
      lanes: rc.lanes,
      lanesUsed,
      deviceLanes,
      behindSwitchLanes,
      uplinkLanes: uplinks,
      oversubscription: uplinks ? behindSwitchLanes / uplinks : 0,
    });
  }
  return { rootComplexes, switches };
}

export function laneFindings(chassis: ResolvedChassis, report: LaneReport): Finding[] {
  const out: Finding[] = [];
  for (const sw of report.switches) {
    // A dual-GPU card's own switch is the card's design, not a choice the builder makes.
    if (sw.oversubscription <= 1 || chassis.cardSwitches.has(sw.switchId)) continue;
    const share = sw.uplinkGBps / sw.devices;
    out.push(
      finding(
        'pcie.switch-oversubscribed',
        'info',
        [chassis.placement.id, sw.switchId],
        `${capital(switchName(chassis, sw.switchId))}: ${sw.downstreamLanes} lanes of cards share a x${sw.uplinkWidth} uplink (${n(sw.oversubscription, 1)}:1); with ${everyOne(sw.devices, 'card')} moving data to the host at once each gets about ${n(share, 1)} GB/s of ${n(sw.uplinkGBps, 2)} GB/s.`,
        'Peer-to-peer traffic below the switch does not use the uplink; host-to-GPU loads (model loading, offload) do.',
        sw.verified,
      ),
    );
  }
  for (const rc of report.rootComplexes) {
    if (rc.lanesUsed > rc.lanes)
      out.push(
        finding(
          'pcie.root-complex-over',
          'error',
          [chassis.placement.id, rc.rootComplexId],
          `${capital(rootComplexName(chassis, rc.rootComplexId))} has ${rc.lanes} lanes but the cards and switch uplinks on it need ${rc.lanesUsed} (${rc.lanesUsed - rc.lanes} over).`,
          'Move a card to a slot on another root complex.',
        ),
      );
    if (
      rc.oversubscription > 1 &&
      report.switches.filter((s) => chassis.switchById.get(s.switchId)?.upstream.to === rc.rootComplexId && s.devices > 0).length > 1
    )
      out.push(
        finding(
          'pcie.uplinks-oversubscribed',
          'info',
          [chassis.placement.id, rc.rootComplexId],
          `${capital(rootComplexName(chassis, rc.rootComplexId))}: ${rc.behindSwitchLanes} lanes of cards behind switches reach the CPU over ${rc.uplinkLanes} uplink lanes (${rc.behindSwitchLanes}:${rc.uplinkLanes} = ${n(rc.oversubscription, 1)}:1 oversubscription).`,
          'Expected on switch-based GPU boards; it limits host-to-GPU bandwidth, not GPU-to-GPU.',
        ),
      );
  }
  for (const d of chassis.devices) {
    if (!d.link || d.dead || d.link.limitedBy.length === 0 || !d.part) continue;
    out.push(
      finding(
        'pcie.link-limited',
        'info',
        [chassis.placement.id, d.id],
        `${d.label} (${d.part.model}) links at gen ${d.link.gen} x${d.link.width} = ${n(d.link.gbps, 2)} GB/s per direction, limited by ${d.link.limitedBy.join(' and ')}.`,
        'Usually harmless for inference once the model is loaded.',
        d.verified,
      ),
    );
  }
  return out;
}
