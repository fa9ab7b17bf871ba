// Plan against as built: the observed GPUs and NICs are mapped to the build's
// planned devices (by the matrix, core/asbuilt/assign.ts), and every difference
// becomes a finding that names the device and its slot — a narrower or slower
// link than the slot gives, a GPU on the other socket, a device missing or
// extra, a matrix cell that differs, another board, CPU or GPU model. The
// planned side is the checker's own resolution and P2P matrix of the build.
import type { Build } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { indexCatalog, type CatalogIndex } from '../check/catalog';
import { bySeverity, finding, type Finding } from '../check/finding';
import { p2pMatrixOf, type P2pMatrix } from '../check/p2pMatrix';
import type { PathClass } from '../check/pathClass';
import { resolveChassis, type ResolvedChassis, type ResolvedDevice } from '../check/topology';
import { placesOf } from '../build/places';
import { bestAssignment, cellCost, type Candidate } from './assign';
import { identify, type Identification } from './identify';
import type { BoardLayout } from './layouts';
import type { ObservedDevice, ObservedTopology } from './observed';

export interface DeviceMatch {
  observed: string | null;
  deviceId: string | null;
  planned: string | null;
  slotId: string | null;
  slotLabel: string | null;
}

export interface VerifyResult {
  chassisId: string;
  identification: Identification;
  matches: DeviceMatch[];
  findings: Finding[];
  planned: P2pMatrix;
  /** The observed matrix laid over the planned devices (null where a device was not seen). */
  observedOnPlan: { labels: string[]; cells: (PathClass | null)[][]; differs: boolean[][] };
  /** The observed matrix in the machine's own order. */
  observed: { labels: string[]; cells: PathClass[][] | null };
}

const P2P = (c: PathClass) => c === 'PIX' || c === 'PXB' || c === 'PHB' || c.startsWith('NV') || c === 'C2C';

function plannedBoardName(c: ResolvedChassis, catalog: CatalogIndex): string {
  const board = c.boardId ? catalog.get(c.boardId) : undefined;
  const short = board?.aliases?.[0] ?? board?.model ?? 'planned board';
  return c.chassisPart ? `${c.chassisPart.model} (${short})` : short;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Does the name a GPU reports fit the catalog part ("Tesla P100-PCIE-16GB" for "Tesla P100 16GB")? */
export function gpuNameFits(reported: string, part: CatalogPart): boolean {
  const r = norm(reported);
  const words = [part.model, ...(part.aliases ?? [])].flatMap((m) => m.split(/[\s/-]+/)).map(norm);
  // The model number is the word with digits (P100, 3090, A100); brand words (Tesla, GeForce) say little.
  const keys = [...new Set(words.filter((w) => /\d/.test(w) && !/^\d+gb$/.test(w) && w.length >= 2))];
  return keys.length === 0 || keys.some((k) => r.includes(k));
}

function slotName(d: ResolvedDevice): string {
  const label = d.slot?.label ?? d.slotId;
  return /slot/i.test(label) ? label : `slot ${label}`;
}

export function verifyBuild(
  build: Build,
  parts: readonly CatalogPart[] | CatalogIndex,
  observed: ObservedTopology,
  layouts: readonly BoardLayout[],
  chassisId?: string,
): VerifyResult {
  const catalog = indexCatalog(parts);
  // Free-standing towers and open frames are verified like racked chassis.
  const all = resolveChassis(placesOf(build), catalog);
  const chassis = chassisId ? all.find((c) => c.placement.id === chassisId) : (all.find((c) => c.devices.some((d) => d.kind === 'gpu')) ?? all[0]);
  if (!chassis) throw new Error(chassisId ? `the build has no chassis "${chassisId}"` : 'the build has no chassis to verify');
  const planned = p2pMatrixOf(chassis);
  const pdevs = planned.deviceIds.map((id) => chassis.devices.find((d) => d.id === id)!);
  // Cells the board's documents leave open (PHB or NODE under an unmapped IO die): either observed class fits the plan.
  const openCells = new Map(planned.uncertain.map((u) => [`${u.a}|${u.b}`, u.classes]));
  const alsoPlanned = (x: number, y: number): PathClass | null => {
    const classes = openCells.get(`${planned.labels[x]}|${planned.labels[y]}`) ?? openCells.get(`${planned.labels[y]}|${planned.labels[x]}`);
    return classes?.find((c) => c !== planned.cells[x]![y]) ?? null;
  };
  const boardName = plannedBoardName(chassis, catalog);
  const identification = identify(observed, layouts, chassis.boardId ? { boardId: chassis.boardId, name: boardName } : undefined);
  const findings: Finding[] = [];
  const odevs = observed.devices;

  // Map observed → planned by the matrix; without one, GPUs in order.
  let assignment: (number | null)[];
  if (observed.cells) {
    // Both matrices list GPUs first, then NICs: prefer GPUk → planned GPUk when the matrix cannot tell.
    const candidates: Candidate[] = pdevs.map((d, i) => ({ id: d.id, kind: d.kind === 'nic' ? 'nic' : 'gpu', key: d.id, order: i }));
    const a = bestAssignment(
      odevs.map((d) => d.kind),
      observed.cells,
      candidates,
      (x, y) => planned.cells[x]![y]!,
      alsoPlanned,
    );
    assignment = a.assignment;
  } else {
    const byKind = (k: string) =>
      pdevs
        .map((d, i) => ({ d, i }))
        .filter((x) => (x.d.kind === 'nic' ? 'nic' : 'gpu') === k)
        .map((x) => x.i);
    const g = byKind('gpu');
    const nn = byKind('nic');
    let gi = 0;
    let ni = 0;
    assignment = odevs.map((d) => (d.kind === 'gpu' ? (g[gi++] ?? null) : (nn[ni++] ?? null)));
  }
  const toPlanned = new Map<number, number>();
  assignment.forEach((p, o) => p !== null && toPlanned.set(p, o));

  const matches: DeviceMatch[] = odevs.map((d, o) => {
    const p = assignment[o];
    const pd = p === null || p === undefined ? null : pdevs[p]!;
    return {
      observed: d.label,
      deviceId: pd?.id ?? null,
      planned: pd ? planned.labels[p!]! : null,
      slotId: pd?.slotId ?? null,
      slotLabel: pd?.slot?.label ?? null,
    };
  });
  pdevs.forEach((pd, p) => {
    if (!toPlanned.has(p)) matches.push({ observed: null, deviceId: pd.id, planned: planned.labels[p]!, slotId: pd.slotId, slotLabel: pd.slot?.label ?? null });
  });

  // Board.
  const id = identification;
  const explainsAsWell = id.best ? [id.best, ...id.tiedWith].some((f) => f.boardId === chassis.boardId) : true;
  if (id.best && chassis.boardId && (id.best.exact || id.confidence === 'close') && !explainsAsWell) {
    const plannedFit = id.ranking.find((f) => f.boardId === chassis.boardId);
    if (!plannedFit || plannedFit.cost > id.best.cost)
      findings.push(
        finding(
          'asbuilt.board-differs',
          'error',
          [chassis.placement.id],
          id.summary,
          `The planned ${boardName} explains the matrix with ${plannedFit ? `${plannedFit.cost} differing cells` : 'no fit at all'}; check the board's model on its silkscreen or with dmidecode before relying on the plan's hives.`,
        ),
      );
  }
  const boardPart = chassis.boardId ? catalog.get(chassis.boardId) : undefined;
  if (observed.board?.product && boardPart) {
    const names = [
      boardPart.model,
      ...(boardPart.aliases ?? []),
      ...(chassis.chassisPart ? [chassis.chassisPart.model, ...(chassis.chassisPart.aliases ?? [])] : []),
    ]
      .map(norm)
      .filter((s) => s.length >= 5);
    const dmi = norm(observed.board.product);
    const sys = observed.system?.product ? norm(observed.system.product) : '';
    const fits = names.some((n) => n === dmi || n.includes(dmi) || dmi.includes(n) || (sys && (n.includes(sys) || sys.includes(n))));
    if (!fits)
      findings.push(
        finding(
          'asbuilt.board-name',
          'warning',
          [chassis.placement.id],
          `dmidecode names the board "${observed.board.product}"${observed.system?.product ? ` in a "${observed.system.product}"` : ''}; the plan has ${boardName}.`,
          'BMCs and BIOSes sometimes report a sibling board name; compare the topology finding and the board silkscreen.',
        ),
      );
  }
  // CPUs.
  if (observed.cpus.length) {
    const populated = observed.cpus.filter((c) => c.populated);
    const plannedCpus = chassis.placement.cpus.map((c) => catalog.get(c.partId)).filter((p): p is CatalogPart => !!p);
    if (populated.length !== plannedCpus.length)
      findings.push(
        finding(
          'asbuilt.cpu-count',
          'error',
          [chassis.placement.id],
          `dmidecode shows ${populated.length} populated CPU socket${populated.length === 1 ? '' : 's'}; the plan has ${plannedCpus.length}.`,
          'A missing CPU leaves its slots dead: their GPUs and NICs do not appear.',
        ),
      );
    for (const [i, c] of populated.entries()) {
      const p = plannedCpus[i] ?? plannedCpus[0];
      if (!p || !c.version) continue;
      const key = norm(p.model.replace(/^(Intel\s+)?(Xeon|EPYC|AMD)\s*/i, ''));
      if (key && !norm(c.version).includes(key))
        findings.push(
          finding(
            'asbuilt.cpu-differs',
            'warning',
            [chassis.placement.id, c.socket],
            `${c.socket} holds "${c.version}"; the plan has ${p.model}.`,
            'Lanes per socket, memory speed and power follow the CPU actually fitted.',
          ),
        );
    }
  }

  // Devices: missing, extra, model, VRAM, link.
  pdevs.forEach((pd, p) => {
    if (toPlanned.has(p)) return;
    findings.push(
      finding(
        pd.kind === 'gpu' ? 'asbuilt.device-missing' : 'asbuilt.nic-missing',
        pd.kind === 'gpu' ? 'error' : 'warning',
        [pd.id, pd.slotId],
        `${planned.labels[p]} planned in ${slotName(pd)} (${pd.part?.model ?? pd.id}) does not appear in the machine's output.`,
        'Check that the card is seated and powered, the slot is enabled in the BIOS, and its CPU socket is populated.',
      ),
    );
  });
  odevs.forEach((od, o) => {
    const p = assignment[o];
    if (p === null || p === undefined) {
      findings.push(
        finding(
          'asbuilt.device-extra',
          'warning',
          [od.label],
          `${od.label}${od.name ? ` (${od.name})` : ''} is in the machine but not in the plan.`,
          'Add it to the build so its lanes, power and hives are counted.',
        ),
      );
      return;
    }
    const pd = pdevs[p]!;
    const label = `${od.label}${od.label !== planned.labels[p] ? ` (planned ${planned.labels[p]})` : ''} in ${slotName(pd)}`;
    deviceFindings(findings, od, pd, label);
  });

  // Sockets: each observed socket group sits where most of its planned devices do.
  if (observed.cells) {
    const groupSocket = new Map<number, string>();
    const votes = new Map<number, Map<string, number>>();
    odevs.forEach((od, o) => {
      const p = assignment[o];
      const s = p === null || p === undefined ? null : pdevs[p]!.socket;
      if (od.socketGroup === null || !s) return;
      const v = votes.get(od.socketGroup) ?? new Map<string, number>();
      v.set(s, (v.get(s) ?? 0) + 1);
      votes.set(od.socketGroup, v);
    });
    for (const [g, v] of votes) groupSocket.set(g, [...v.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
    odevs.forEach((od, o) => {
      const p = assignment[o];
      if (p === null || p === undefined || od.kind !== 'gpu' || od.socketGroup === null) return;
      const pd = pdevs[p]!;
      const at = groupSocket.get(od.socketGroup);
      if (at && pd.socket && at !== pd.socket)
        findings.push(
          finding(
            'asbuilt.socket-differs',
            'error',
            [pd.id, pd.slotId],
            `${od.label} (planned ${planned.labels[p]} in ${slotName(pd)} on ${pd.socket}) is on the ${at} side of the machine.`,
            'The card is in a slot wired to the other CPU (or the riser goes there): its peers across the socket link cannot use P2P.',
          ),
        );
    });
  }

  // Matrix cells.
  const n = pdevs.length;
  const cells: (PathClass | null)[][] = pdevs.map(() => pdevs.map(() => null));
  const differs: boolean[][] = pdevs.map(() => pdevs.map(() => false));
  if (observed.cells) {
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        const oa = toPlanned.get(a);
        const ob = toPlanned.get(b);
        if (oa === undefined || ob === undefined) continue;
        const c = observed.cells[oa]![ob]!;
        cells[a]![b] = c;
        const also = alsoPlanned(a, b);
        differs[a]![b] = cellCost(c, planned.cells[a]![b]!) > 0 && !(also && cellCost(c, also) === 0);
      }
    for (let a = 0; a < n; a++)
      for (let b = a + 1; b < n; b++) {
        const c = cells[a]![b];
        const want = planned.cells[a]![b]!;
        if (!c || !differs[a]![b]) continue;
        const lost = P2P(want) && !P2P(c);
        const nic = pdevs[a]!.kind === 'nic' || pdevs[b]!.kind === 'nic';
        const code = nic && lost ? 'asbuilt.nic-away' : 'asbuilt.matrix-cell';
        findings.push(
          finding(
            code,
            lost && !nic ? 'error' : 'warning',
            [pdevs[a]!.id, pdevs[b]!.id],
            `${planned.labels[a]} (${slotName(pdevs[a]!)}) ↔ ${planned.labels[b]} (${slotName(pdevs[b]!)}): planned ${want}, observed ${c}.`,
            lost
              ? nic
                ? 'The NIC is away from this GPU’s hive: GPUDirect RDMA between them crosses the CPU or the socket link.'
                : 'These two can no longer DMA each other directly: the hive the plan counts on is split.'
              : 'The path differs from the board data; if this repeats on other machines, the board data may be wrong.',
          ),
        );
      }
  }
  findings.sort(bySeverity);
  return {
    chassisId: chassis.placement.id,
    identification,
    matches,
    findings,
    planned,
    observedOnPlan: {
      labels: planned.labels.map((l, p) => (toPlanned.has(p) && odevs[toPlanned.get(p)!]!.label !== l ? `${l} (${odevs[toPlanned.get(p)!]!.label})` : l)),
      cells,
      differs,
    },
    observed: { labels: odevs.map((d) => d.label), cells: observed.cells },
  };
}

function deviceFindings(out: Finding[], od: ObservedDevice, pd: ResolvedDevice, label: string): void {
  const part = pd.part;
  if (od.name && part && part.category === (od.kind === 'gpu' ? 'gpu' : 'nic') && od.kind === 'gpu' && !gpuNameFits(od.name, part))
    out.push(
      finding(
        'asbuilt.gpu-model',
        'error',
        [pd.id, pd.slotId],
        `${label} reports "${od.name}"; the plan has ${part.model}.`,
        'A different card than planned: memory, bandwidth and P2P change with it.',
      ),
    );
  if (od.memoryMiB !== null && part?.category === 'gpu' && part.specs.vramGB) {
    const perDevice = part.specs.vramGB / (part.specs.devicesPerBoard ?? 1);
    const gb = od.memoryMiB / 1024;
    if (Math.abs(gb - perDevice) > perDevice * 0.1)
      out.push(
        finding(
          'asbuilt.gpu-vram',
          'error',
          [pd.id, pd.slotId],
          `${label} reports ${Math.round(gb)} GB of memory; ${part.model} has ${perDevice} GB per GPU.`,
          'A different variant (12 GB instead of 16 GB, 24 GB instead of 48 GB) changes which models fit.',
        ),
      );
  }
  const plan = pd.link;
  const l = od.link;
  if (!plan || l.from === null) return;
  const src = l.from === 'nvidia-smi' ? 'nvidia-smi' : 'lspci';
  if (l.widthCurrent !== null && l.widthCurrent < plan.width)
    out.push(
      finding(
        'asbuilt.link-width',
        'error',
        [pd.id, pd.slotId],
        `${label} negotiated x${l.widthCurrent}${l.genCurrent ? ` Gen${l.genCurrent}` : ''}; the plan gives it x${plan.width} Gen${plan.gen} (${src}).`,
        'A riser or cable with fewer lanes, dirty or damaged contacts, or a BIOS bifurcation setting (x8x8) on that slot.',
      ),
    );
  const gen = l.genMax ?? null;
  if (gen !== null && gen < plan.gen)
    out.push(
      finding(
        'asbuilt.link-gen',
        'warning',
        [pd.id, pd.slotId],
        `${label} can train at Gen${gen} at most; the plan gives it Gen${plan.gen} (${src}).`,
        'A riser or retimer rated for a lower generation, or the slot forced to a lower speed in the BIOS.',
      ),
    );
  else if (gen === null && l.genCurrent !== null && l.genCurrent < plan.gen)
    out.push(
      finding(
        'asbuilt.link-gen-idle',
        'info',
        [pd.id, pd.slotId],
        `${label} is at Gen${l.genCurrent} now; the plan gives it Gen${plan.gen}.`,
        'GPUs lower their link generation when idle: read it again under load before calling it a fault.',
      ),
    );
}
