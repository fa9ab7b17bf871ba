// Memory and CPU rules: one CPU per socket of the right type, DIMMs per channel,
// DIMM type, memory on sockets that have CPUs, and GPU sockets without memory.
import { partOf, type CatalogIndex } from '../catalog';
import { finding, type Finding } from '../finding';
import type { ResolvedChassis } from '../topology';
import { cpuFitsSocket, memoryBankOf } from '../../build/fit';

export function cpuFindings(c: ResolvedChassis, catalog: CatalogIndex): Finding[] {
  if (!c.board) return [];
  const id = c.placement.id;
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const cpu of c.placement.cpus) {
    const sock = c.board.sockets.find((s) => s.id === cpu.socket);
    const part = partOf(catalog, cpu.partId, 'cpu');
    if (!part) out.push(finding('part.unknown', 'error', [id, cpu.socket], `CPU part "${cpu.partId}" is not in the catalog.`, 'Pick a catalog CPU.'));
    if (!sock) {
      out.push(
        finding(
          'cpu.socket-unknown',
          'error',
          [id, cpu.socket],
          `The board has no socket "${cpu.socket}" (it has ${c.board.sockets.map((s) => s.id).join(', ')}).`,
          "Place the CPU in one of the board's sockets.",
        ),
      );
      continue;
    }
    if (seen.has(cpu.socket)) out.push(finding('cpu.socket-twice', 'error', [id, cpu.socket], `${sock.label} holds two CPUs.`, 'One CPU per socket.'));
    seen.add(cpu.socket);
    if (part && !cpuFitsSocket(part, sock.socketType))
      out.push(
        finding(
          'cpu.socket-mismatch',
          'error',
          [id, cpu.socket],
          `${part.model} is an ${part.specs.socket} CPU; ${sock.label} is ${sock.socketType}.`,
          `Pick a ${sock.socketType} CPU.`,
        ),
      );
  }
  const models = new Set(c.placement.cpus.map((x) => x.partId));
  if (models.size > 1)
    out.push(
      finding(
        'cpu.mixed',
        'warning',
        [id],
        `The CPUs differ (${[...models].join(', ')}); multi-socket boards need identical CPUs.`,
        'Use two of the same CPU.',
      ),
    );
  return out;
}

export function dimmFindings(c: ResolvedChassis, catalog: CatalogIndex): Finding[] {
  if (!c.board) return [];
  const id = c.placement.id;
  const out: Finding[] = [];
  const perChannel = new Map<string, number>();
  for (const dimm of c.placement.dimms) {
    const bank = memoryBankOf(c.board, dimm.socket);
    const part = partOf(catalog, dimm.partId, 'memory');
    const sock = c.board.sockets.find((s) => s.id === dimm.socket);
    if (!bank || !sock) {
      out.push(
        finding(
          'memory.socket-unknown',
          'error',
          [id, dimm.socket],
          `DIMMs placed on "${dimm.socket}", which has no memory slots on this board.`,
          'Place DIMMs on a socket of the board.',
        ),
      );
      continue;
    }
    if (dimm.channel >= bank.channels)
      out.push(
        finding(
          'memory.channel-unknown',
          'error',
          [id, dimm.socket],
          `${sock.label} has ${bank.channels} memory channels (0–${bank.channels - 1}); channel ${dimm.channel} does not exist.`,
          'Use a channel the socket has.',
        ),
      );
    const key = `${dimm.socket}#${dimm.channel}`;
    const count = (perChannel.get(key) ?? 0) + dimm.count;
    perChannel.set(key, count);
    if (count > bank.dimmsPerChannel && count - dimm.count <= bank.dimmsPerChannel)
      out.push(
        finding(
          'memory.channel-full',
          'error',
          [id, dimm.socket],
          `${sock.label} channel ${dimm.channel} has ${count} DIMMs; the board takes ${bank.dimmsPerChannel} per channel.`,
          'Spread DIMMs over the channels.',
          bank.verified,
        ),
      );
    if (part?.specs.type && part.specs.type !== bank.type)
      out.push(
        finding(
          'memory.type-mismatch',
          'error',
          [id, dimm.socket],
          `${part.model} is ${part.specs.type}; ${sock.label} takes ${bank.type}.`,
          `Use ${bank.type} DIMMs.`,
        ),
      );
    if (!c.populatedSockets.has(dimm.socket))
      out.push(
        finding(
          'memory.socket-empty',
          'warning',
          [id, dimm.socket],
          `DIMMs on ${sock.label}, which has no CPU, are not usable.`,
          `Fit a CPU in ${sock.label}.`,
        ),
      );
  }
  out.push(...emptyBankFindings(c));
  for (const sock of c.board.sockets) {
    if (!c.populatedSockets.has(sock.id) || c.placement.dimms.length === 0) continue;
    const gpus = c.devices.filter((d) => d.kind === 'gpu' && d.socket === sock.id).length;
    if (gpus > 0 && !c.placement.dimms.some((d) => d.socket === sock.id))
      out.push(
        finding(
          'memory.gpu-socket-without-memory',
          'warning',
          [id, sock.id],
          `${sock.label} hosts ${gpus} GPUs but has no DIMMs; their host transfers cross the inter-socket link.`,
          `Give ${sock.label} at least one DIMM per channel.`,
        ),
      );
  }
  return out;
}

/**
 * A socket that holds a CPU but none of its memory channels holds a DIMM. With
 * no DIMM anywhere the server does not get past its memory test; with memory
 * on the other socket only, this CPU reaches memory across the inter-socket
 * link. GPU sockets in that case have their own finding (above).
 */
export function emptyBankFindings(c: ResolvedChassis): Finding[] {
  if (!c.board) return [];
  const id = c.placement.id;
  const none = c.placement.dimms.length === 0;
  const out: Finding[] = [];
  for (const sock of c.board.sockets) {
    const bank = memoryBankOf(c.board, sock.id);
    if (!bank || !c.populatedSockets.has(sock.id) || c.placement.dimms.some((d) => d.socket === sock.id)) continue;
    if (!none && c.devices.some((d) => d.kind === 'gpu' && d.socket === sock.id)) continue;
    out.push(
      none
        ? finding(
            'memory.bank-empty',
            'warning',
            [id, sock.id],
            `${sock.label} has a CPU but no DIMMs, and the system has no memory at all: it will not start.`,
            `Add ${bank.type} DIMMs to ${sock.label}, at least one per channel for full bandwidth (${bank.channels} channels).`,
          )
        : finding(
            'memory.bank-empty',
            'warning',
            [id, sock.id],
            `${sock.label} has a CPU but no DIMMs: its cores reach memory across the inter-socket link.`,
            `Add ${bank.type} DIMMs to ${sock.label} (${bank.channels} channels).`,
            bank.verified,
          ),
    );
  }
  return out;
}
