// What the driver and NCCL really do between two GPUs, beyond the hive (which
// keeps the seed's meaning: devices that DMA each other through a shared switch
// or root complex). Per pair: whether CUDA peer access is on, and which
// transport NCCL picks by default (NVLink, P2P over PCIe, or SHM through host
// memory). Each answer names its source.
import type { PathClass } from './pathClass';
import type { ResolvedChassis, ResolvedDevice } from './topology';
import type { CatalogIndex } from './catalog';
import { partOf } from './catalog';

export type GeforceP2p = 'stock' | 'patched-open-module';

export interface PairRuntime {
  chassisId: string;
  a: string;
  b: string;
  /** Device ids, parallel to a and b. */
  aId: string;
  bId: string;
  path: PathClass;
  /** CUDA peer access between the two (cudaDeviceCanAccessPeer). */
  cudaP2p: boolean;
  /** NCCL's default transport for the pair. */
  nccl: 'NVLink' | 'P2P' | 'SHM';
  /** Plain words: why. */
  why: string;
  source: string;
  /** Rests on the patched open kernel module (not NVIDIA's driver). */
  patchedDriver: boolean;
}

const NCCL_P2P_LEVEL =
  'NCCL src/graph/paths.cc, ncclTopoCheckP2p: P2P up to PATH_SYS by default, PATH_PXB on Intel x86 and ARM hosts (https://github.com/NVIDIA/nccl)';
const GEFORCE_P2P = 'nvidia-smi topo -p2p shows GNS (GPU not supported) between GeForce cards with the stock driver (noonghunna/club-3090#1124, #1229)';
const PATCHED =
  "a community-patched open kernel module is reported to turn PCIe P2P back on for GeForce cards (reported on the RTX 4090; unverified, not NVIDIA's driver)";
const EPYC_P2P = 'AnandTech on EPYC 7002: full PCIe peer-to-peer within and across sockets';
const INTEL_SYS =
  'across QPI/UPI CUDA peer access is not offered between PCIe GPUs on Xeon hosts; plan on host memory (reference: boards_and_systems.md §5, nccl-tests#250, nccl#896)';

/** The CPU vendor of a chassis, from its first CPU part ("Intel", "AMD"); null when none is known. */
export function cpuVendorOf(c: ResolvedChassis, catalog: CatalogIndex): string | null {
  for (const cpu of c.placement.cpus) {
    const p = partOf(catalog, cpu.partId, 'cpu');
    if (p) return p.vendor;
  }
  return null;
}

function geforce(d: ResolvedDevice): boolean {
  return d.part?.category === 'gpu' && d.part.specs.p2pOverPcie === 'driver-disabled';
}

/**
 * One literal with every field in one order: V8 (Node 20) takes microseconds
 * for `{ ...base, more }` per object, and a 512-card build has 1,792 pairs.
 */
function pair(
  c: ResolvedChassis,
  a: ResolvedDevice,
  b: ResolvedDevice,
  path: PathClass,
  patchedDriver: boolean,
  cudaP2p: boolean,
  nccl: PairRuntime['nccl'],
  why: string,
  source: string,
): PairRuntime {
  return { chassisId: c.placement.id, a: a.label, b: b.label, aId: a.id, bId: b.id, path, patchedDriver, cudaP2p, nccl, why, source };
}

export function pairRuntime(c: ResolvedChassis, a: ResolvedDevice, b: ResolvedDevice, path: PathClass, vendor: string | null, driver: GeforceP2p): PairRuntime {
  if (path.startsWith('NV') || path === 'C2C')
    return pair(
      c,
      a,
      b,
      path,
      false,
      true,
      'NVLink',
      path === 'C2C' ? 'chip-to-chip fabric' : 'NVLink between the two',
      'nvidia-smi topo -m legend: NV# = a bonded set of # NVLinks',
    );
  const gf = geforce(a) || geforce(b);
  if (gf && driver === 'stock')
    return pair(c, a, b, path, false, false, 'SHM', 'GeForce cards: the stock driver turns PCIe peer access off; NCCL goes through host memory', GEFORCE_P2P);
  const patchedDriver = gf;
  const amd = vendor === 'AMD';
  const intel = vendor === 'Intel';
  let cudaP2p = true;
  let why = 'PCIe peer access through the shared switch or host bridge';
  let source = patchedDriver ? PATCHED : 'NVIDIA Tesla/datacenter cards expose PCIe P2P (nccl#175)';
  if (path === 'SYS' && !amd) {
    cudaP2p = false;
    why = 'across the inter-socket link: no CUDA peer access on this host, copies go through host memory';
    source = INTEL_SYS;
  } else if ((path === 'NODE' || path === 'SYS') && amd) {
    // SYS inside one socket: two dies of a first-generation EPYC or Threadripper 1000/2000.
    const across = path !== 'SYS' ? '' : a.socket === b.socket ? ' and dies' : ' and sockets';
    why = `AMD host: peer access across root complexes${across}, slower than under one root complex`;
    source = EPYC_P2P;
  }
  if (!cudaP2p) return pair(c, a, b, path, patchedDriver, cudaP2p, 'SHM', why, source);
  // NCCL's default P2P level: everything on AMD, at most PXB (one switch tree) on Intel and ARM.
  const beyondPxb = path === 'PHB' || path === 'NODE' || path === 'SYS';
  const ncclP2p = !(beyondPxb && (intel || vendor === null));
  return pair(
    c,
    a,
    b,
    path,
    patchedDriver,
    cudaP2p,
    ncclP2p ? 'P2P' : 'SHM',
    ncclP2p
      ? why
      : `${why}; NCCL does not use P2P beyond PXB on ${intel ? 'Intel' : 'an unknown'} host by default and goes through host memory (NCCL_P2P_LEVEL=SYS changes that)`,
    ncclP2p ? `${source}; ${NCCL_P2P_LEVEL}` : NCCL_P2P_LEVEL,
  );
}
