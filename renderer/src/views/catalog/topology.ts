// A board's PCIe tree as the detail pane draws it: socket → root complex →
// [switch →] slots and onboard devices, with lanes used against lanes offered
// and each switch's uplink oversubscription. Pure: board spec in, rows out.
import type { BoardSpec } from '#core/catalog/board';

export interface SlotLine {
  id: string;
  label: string;
  kind: string;
  physicalWidth: number;
  electricalWidth: number;
  gen: number;
  gpu: boolean;
  verified: boolean;
  note: string | null;
}

export interface DeviceLine {
  id: string;
  label: string;
  kind: string;
  lanes: number;
  gen: number;
  verified: boolean;
}

export interface SwitchNode {
  id: string;
  chip: string | null;
  lanes: number | null;
  gen: number;
  uplinkWidth: number;
  /** Electrical lanes of everything below (slots, devices, cascaded switches' uplinks). */
  downstreamLanes: number;
  /** "4:1" when downstream lanes exceed the uplink; null otherwise. */
  oversubscription: string | null;
  verified: boolean;
  note: string | null;
  switches: SwitchNode[];
  slots: SlotLine[];
  devices: DeviceLine[];
}

export interface RootComplexNode {
  id: string;
  label: string;
  lanes: number;
  gen: number;
  /** Lanes taken by what hangs directly off it. */
  usedLanes: number;
  verified: boolean;
  switches: SwitchNode[];
  slots: SlotLine[];
  devices: DeviceLine[];
}

export interface SocketNode {
  id: string;
  label: string;
  socketType: string;
  memory: string | null;
  rootComplexes: RootComplexNode[];
}

export interface TopologySummary {
  sockets: SocketNode[];
  interSocket: { text: string; verified: boolean } | null;
  fabrics: { text: string; verified: boolean }[];
  verified: boolean;
  note: string | null;
  source: string | null;
  unverifiedCount: number;
}

function ratio(down: number, up: number): string | null {
  if (down <= up) return null;
  const r = down / up;
  return `${Number.isInteger(r) ? r : r.toFixed(1)}:1`;
}

export function summarizeTopology(board: BoardSpec): TopologySummary {
  let unverified = 0;
  const mark = (v: boolean) => {
    if (!v) unverified++;
    return v;
  };
  const slotsUnder = (id: string): SlotLine[] =>
    board.slots
      .filter((s) => s.feeds === id)
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        id: s.id,
        label: s.label,
        kind: s.kind,
        physicalWidth: s.physicalWidth,
        electricalWidth: s.electricalWidth,
        gen: s.gen,
        gpu: s.gpu,
        verified: mark(s.verified),
        note: s.notes ?? s.note ?? null,
      }));
  const devicesUnder = (id: string): DeviceLine[] =>
    board.onboardDevices
      .filter((d) => d.feeds === id)
      .map((d) => ({ id: d.id, label: d.label, kind: d.kind, lanes: d.lanes, gen: d.gen, verified: mark(d.verified) }));
  const switchesUnder = (id: string, depth = 0): SwitchNode[] =>
    depth > 8
      ? []
      : board.pcieSwitches
          .filter((s) => s.upstream.to === id)
          .map((s) => {
            const switches = switchesUnder(s.id, depth + 1);
            const slots = slotsUnder(s.id);
            const devices = devicesUnder(s.id);
            const downstreamLanes =
              slots.reduce((n, x) => n + x.electricalWidth, 0) + devices.reduce((n, x) => n + x.lanes, 0) + switches.reduce((n, x) => n + x.uplinkWidth, 0);
            return {
              id: s.id,
              chip: s.chip,
              lanes: s.lanes,
              gen: s.gen,
              uplinkWidth: s.upstream.width,
              downstreamLanes,
              oversubscription: ratio(downstreamLanes, s.upstream.width),
              verified: mark(s.verified),
              note: s.note ?? null,
              switches,
              slots,
              devices,
            };
          });

  const sockets: SocketNode[] = board.sockets.map((socket) => {
    const banks = board.memory.filter((m) => m.socket === socket.id);
    const memory = banks.length ? banks.map((m) => `${m.channels} ch ${m.type}, ${m.dimmsPerChannel} DIMM/ch`).join(' + ') : null;
    return {
      id: socket.id,
      label: socket.label,
      socketType: socket.socketType,
      memory,
      rootComplexes: board.rootComplexes
        .filter((r) => r.socket === socket.id)
        .map((r) => {
          const switches = switchesUnder(r.id);
          const slots = slotsUnder(r.id);
          const devices = devicesUnder(r.id);
          return {
            id: r.id,
            label: r.label ?? r.id,
            lanes: r.lanes,
            gen: r.gen,
            usedLanes:
              switches.reduce((n, x) => n + x.uplinkWidth, 0) + slots.reduce((n, x) => n + x.electricalWidth, 0) + devices.reduce((n, x) => n + x.lanes, 0),
            verified: mark(r.verified),
            switches,
            slots,
            devices,
          };
        }),
    };
  });

  const link = board.interSocketLink;
  const interSocket = link
    ? {
        text: [
          link.kind,
          link.links !== null ? `${link.links} link${link.links === 1 ? '' : 's'}` : 'links unknown',
          link.speedGTps !== null ? `${link.speedGTps} GT/s` : 'speed unknown',
          link.bandwidthGBps !== null ? `${link.bandwidthGBps} GB/s` : null,
        ]
          .filter(Boolean)
          .join(' · '),
        verified: mark(link.verified),
      }
    : null;

  const slotLabel = (id: string) => board.slots.find((s) => s.id === id)?.label ?? id;
  const fabrics = board.fabrics.map((f) => ({
    text: `${f.kind} joins ${f.slots.map(slotLabel).join(', ')}${f.bandwidthGBps !== null ? ` · ${f.bandwidthGBps} GB/s per GPU` : ''}`,
    verified: mark(f.verified),
  }));

  return {
    sockets,
    interSocket,
    fabrics,
    verified: board.topology.verified,
    note: board.topology.note ?? null,
    source: board.topology.source ?? null,
    unverifiedCount: unverified,
  };
}
