// Link rates between devices, by the path class nvidia-smi topo -m prints
// (and the checker computes): NV# (NVLink), PIX (one PCIe switch), PXB
// (several switches), PHB (through the host bridge), NODE (between host
// bridges of one socket), SYS (across sockets through host memory), NET (a NIC
// between nodes).

export type PathClass = 'NV' | 'PIX' | 'PXB' | 'PHB' | 'NODE' | 'SYS' | 'NET';
export const PATH_CLASSES: readonly PathClass[] = ['NV', 'PIX', 'PXB', 'PHB', 'NODE', 'SYS', 'NET'];

/** Transfer rate per lane (GT/s) and line coding per PCIe generation (PCI-SIG base specs). */
const PCIE_GT_PER_LANE: Record<number, number> = { 1: 2.5, 2: 5, 3: 8, 4: 16, 5: 32, 6: 64 };
/** Gen 1–2 use 8b/10b coding; gen 3–5 128b/130b; gen 6 FLIT mode (≈ 242/256). */
const PCIE_CODING: Record<number, number> = { 1: 8 / 10, 2: 8 / 10, 3: 128 / 130, 4: 128 / 130, 5: 128 / 130, 6: 242 / 256 };

/** Raw signalling rate of a link, Gbit/s per direction (PCIe 3.0 x16 = 128 Gbit/s). */
export function pcieRawGbit(gen: number, lanes: number): number {
  return (PCIE_GT_PER_LANE[gen] ?? 0) * lanes;
}

/** Usable bytes per second per direction after line coding (PCIe 3.0 x16 ≈ 15.75 GB/s). */
export function pcieGBps(gen: number, lanes: number): number {
  return (pcieRawGbit(gen, lanes) * (PCIE_CODING[gen] ?? 1)) / 8;
}

/**
 * Two QPI links at 9.6 GT/s (Xeon E5-2600 v3/v4): 19.2 GB/s per link per
 * direction, 38.4 GB/s ≈ 307 Gbit/s — the seed's "inter-socket ≥ 300 Gbit/s".
 */
export const INTER_SOCKET_GBPS = 38.4;

/** When nothing is known about a PCIe link: gen 3 x16, the common used-server case. */
export const DEFAULT_PCIE = { gen: 3, lanes: 16 } as const;

/**
 * Going through host memory (SHM transport) copies each message twice
 * (device → host, host → device), halving the useful rate.
 */
export const HOST_BOUNCE_FACTOR = 0.5;

/**
 * Per-step latency of a small collective, by path. These are planning
 * assumptions (NCCL small-message latencies are a few µs on NVLink and
 * ~10 µs over PCIe); no calibration row measures them.
 */
export const STEP_LATENCY_S: Record<PathClass, number> = {
  NV: 3e-6,
  PIX: 6e-6,
  PXB: 8e-6,
  PHB: 10e-6,
  NODE: 12e-6,
  SYS: 15e-6,
  NET: 20e-6,
};

export interface Link {
  pathClass: PathClass;
  bandwidthGBps: number;
  latencyS: number;
  note: string;
  /** Collectives go through host memory (NCCL SHM): no PCIe P2P, or a NODE / SYS path. */
  hostStaged: boolean;
}

/**
 * What tensor parallel pays when its all-reduces go through host memory
 * instead of PCIe P2P, from public same-rig A/Bs of single-stream decode
 * (vLLM tensor parallel, RTX 3090, stock driver against the patched P2P
 * module): P2P was faster by +2.2 % and +9.6 % (2 GPUs, narrative / code
 * prompts: 91→93 and 114→125 tokens/s; github.com/noonghunna/club-3090/issues/91),
 * +12.5 % and +7.1 % (2 GPUs) and +7.7 % and +8.9 % (4 GPUs; club-3090 pull
 * request #928, 2026-08). The estimate charges the median of the six, 8.3 %
 * of the decode step. A Gen3 dual-Xeon box without P2P ran 24–35 % below a
 * Gen4 P2P reference (50 / 60 against 66–71 / 89–92 tokens/s; club-3090
 * issue #356, 2026-06), but that compares different hosts and PCIe
 * generations, so it bounds the loss from above and is not charged. No public
 * measurement isolates NODE from SYS, or either from PHB without P2P: all three
 * pay the same.
 */
export const HOST_STAGED_TP = {
  decodePenalty: 0.083,
  source:
    'median of six same-rig vLLM tensor-parallel A/Bs on RTX 3090s, P2P against host memory (github.com/noonghunna/club-3090 issue #91 and pull request #928, 2026); a different-host comparison (issue #356) showed 24–35 %',
  asOf: '2026-12',
} as const;

export interface LinkContext {
  pcieGen?: number | null;
  pcieLanes?: number | null;
  /** PCIe P2P allowed on both ends; when false, traffic bounces through host memory. */
  p2p: boolean;
  nvlinkGBps?: number | null;
  nicGbit?: number | null;
  interSocketGBps?: number;
}

/** Default NIC between nodes when none is given: 10 GbE. */
export const DEFAULT_NIC_GBIT = 10;

/** The link between two devices of one path class, per direction. */
export function linkFor(pathClass: PathClass, ctx: LinkContext): Link {
  const pcie = pcieGBps(ctx.pcieGen ?? DEFAULT_PCIE.gen, ctx.pcieLanes ?? DEFAULT_PCIE.lanes);
  const latencyS = STEP_LATENCY_S[pathClass];
  switch (pathClass) {
    case 'NV':
      return { pathClass, bandwidthGBps: ctx.nvlinkGBps ?? pcie, latencyS, note: 'NVLink', hostStaged: false };
    case 'PIX':
    case 'PXB':
    case 'PHB':
    case 'NODE': {
      const viaHost = !ctx.p2p || pathClass === 'NODE';
      return {
        pathClass,
        bandwidthGBps: viaHost ? pcie * HOST_BOUNCE_FACTOR : pcie,
        latencyS,
        note: viaHost ? 'PCIe through host memory (no P2P)' : 'PCIe peer-to-peer',
        hostStaged: viaHost,
      };
    }
    case 'SYS': {
      const rate = Math.min(pcie, ctx.interSocketGBps ?? INTER_SOCKET_GBPS) * HOST_BOUNCE_FACTOR;
      return { pathClass, bandwidthGBps: rate, latencyS, note: 'across sockets through host memory', hostStaged: true };
    }
    case 'NET':
      return { pathClass, bandwidthGBps: (ctx.nicGbit ?? DEFAULT_NIC_GBIT) / 8, latencyS, note: 'NIC between nodes', hostStaged: false };
  }
}

/** The slowest path class of a set (a ring is as fast as its worst hop). */
export function worstPath(classes: readonly PathClass[]): PathClass {
  let worst: PathClass = 'NV';
  for (const c of classes) if (PATH_CLASSES.indexOf(c) > PATH_CLASSES.indexOf(worst)) worst = c;
  return worst;
}

/** The calibration's interconnect class of a link (layer-split hop cost is fitted per class). */
export function hopClassOf(link: Link | null): 'nvlink' | 'pcie-p2p' | 'pcie-host' {
  if (!link) return 'pcie-p2p';
  if (link.pathClass === 'NV') return 'nvlink';
  return link.note === 'PCIe peer-to-peer' ? 'pcie-p2p' : 'pcie-host';
}
