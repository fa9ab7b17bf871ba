// The build sheet as data: everything a person takes to the bench, computed
// from the build, the catalog, the inventory and the checker, so the print
// route only lays it out. Text from people (names, notes, sellers) is carried
// as-is; the renderer shows it as text.
import { capital, rootComplexName, switchName } from '../check/names';
import { plural } from '../words';
import { builtinModels } from '../models/library';
import { commandLine, servingPlan } from '../serve/plan';
import type { BomMarket } from '../build/bom';
import type { Build, BuildWorkload } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { checkBuild, type CheckResult, type CheckSettings } from '../check/checkBuild';
import { indexCatalog } from '../check/catalog';
import { isFreeStandingPlace, placesOf } from '../build/places';
import { resolveChassis, type ResolvedChassis } from '../check/topology';
import { costLines, costSummary, type CostItem, type CostLine } from '../compare/cost';
import { estimateOutcome, type BuildEstimator, type EstimateOutcome } from '../compare/estimate';
import { powerCapacity } from '../compare/power';
import { siteOf } from '../build/site';
import type { CompareRow, CompareWorkload } from '../compare/types';
import type { BomLine, SheetChassis, SheetDocument, SheetEstimate, SheetRack, TopologyLine } from './schema';

/** Context assumed for a workload that names none (the seed's 4K). */
export const DEFAULT_CONTEXT_TOKENS = 4096;

export function compareWorkloadOf(w: BuildWorkload): CompareWorkload {
  return { modelId: w.modelId, quant: w.quant, contextTokens: w.contextTokens ?? DEFAULT_CONTEXT_TOKENS, batch: w.batch ?? 1 };
}

const linkText = (l: { width: number; gen: number; limitedBy: string[] } | null) =>
  l ? `x${l.width} gen ${l.gen}${l.limitedBy.length ? ` (limited by ${l.limitedBy.join(', ')})` : ''}` : 'link unknown';

/** Depth-first lines of one chassis' board, with the cards placed in its slots. */
export function topologyLines(c: ResolvedChassis, hivesOf: (chassisId: string, deviceId: string) => number[]): TopologyLine[] {
  const board = c.board;
  if (!board) return [];
  const out: TopologyLine[] = [];
  const bySlot = new Map(c.devices.filter((d) => d.slot).map((d) => [d.slotId, d]));
  const slotsFed = (id: string) => board.slots.filter((s) => s.feeds === id).sort((a, b) => a.position - b.position);
  const switchesFed = (id: string) => board.pcieSwitches.filter((s) => s.upstream.to === id);
  // A riser, bifurcation or switch card exposes slots of its own: they are listed under it, with their cards.
  const riserSlotsOf = (hostId: string) => c.riserSlots.filter((s) => s.hostDeviceId === hostId);
  const emitSlots = (feeder: string, depth: number) => {
    for (const s of slotsFed(feeder)) emitSlot(s, depth);
  };
  const emitSlot = (s: (typeof c.riserSlots)[number] | (typeof board.slots)[number], depth: number): void => {
    const d = bySlot.get(s.id);
    const isRiser = d?.part?.category === 'riser';
    out.push({
      depth,
      kind: 'slot',
      id: s.id,
      label: s.label,
      detail: `${s.kind === 'pcie' ? 'PCIe' : s.kind.toUpperCase()} x${s.electricalWidth}${s.physicalWidth !== s.electricalWidth ? ` (x${s.physicalWidth} physical)` : ''} gen ${s.gen}`,
      verified: s.verified,
      device: d
        ? {
            id: d.id,
            // Under its chassis' heading a card is GPU0, not r1-node1/GPU0.
            label: isRiser
              ? 'Riser'
              : d.label.startsWith(`${c.placement.label ?? c.placement.id}/`)
                ? d.label.slice((c.placement.label ?? c.placement.id).length + 1)
                : d.label,
            model: d.part ? `${d.part.vendor} ${d.part.model}` : 'a part not in the catalog',
            hives: hivesOf(c.placement.id, d.id),
            // A riser moves no data of its own: its slots below carry the links.
            link: isRiser ? `holds ${plural(riserSlotsOf(d.id).length, 'slot')} below` : linkText(d.link),
          }
        : null,
    });
    if (d) for (const r of riserSlotsOf(d.id)) emitSlot(r, depth + 1);
  };
  const emitSwitch = (id: string, depth: number, seen: Set<string>) => {
    for (const sw of switchesFed(id)) {
      if (seen.has(sw.id)) continue;
      seen.add(sw.id);
      out.push({
        depth,
        kind: 'switch',
        id: sw.id,
        label: capital(switchName(c, sw.id).replace(/^the /, '')),
        detail: `${sw.chip ?? 'chip unknown'}${sw.lanes ? `, ${sw.lanes} lanes` : ''}, gen ${sw.gen}, uplink x${sw.upstream.width}`,
        verified: sw.verified,
        device: null,
      });
      emitSwitch(sw.id, depth + 1, seen);
      emitSlots(sw.id, depth + 1);
    }
  };
  for (const socket of board.sockets) {
    const cpu = c.placement.cpus.find((x) => x.socket === socket.id);
    out.push({
      depth: 0,
      kind: 'socket',
      id: socket.id,
      label: socket.label,
      detail: `${socket.socketType}${cpu ? '' : ' — empty: its slots are dead'}`,
      verified: true,
      device: null,
    });
    for (const rc of board.rootComplexes.filter((r) => r.socket === socket.id)) {
      out.push({
        depth: 1,
        kind: 'rootComplex',
        id: rc.id,
        label: rootComplexName(c, rc.id),
        detail: `${rc.lanes} lanes gen ${rc.gen}`,
        verified: rc.verified,
        device: null,
      });
      emitSwitch(rc.id, 2, new Set());
      emitSlots(rc.id, 2);
    }
  }
  return out;
}

function bomLine(l: CostLine): BomLine {
  return {
    where: [l.where],
    category: l.category,
    partId: l.partId,
    label: l.label,
    quantity: l.quantity,
    unitMinor: l.unitMinor,
    amountMinor: l.amountMinor,
    currency: l.currency,
    basis: l.basis,
    basisClass: l.basisClass,
    basisNote: l.basisNote,
    stale: l.stale,
    status: l.item?.status ?? null,
    seller: l.item?.seller ?? null,
    orderNumber: l.item?.orderNumber ?? null,
    listingUrl: l.item?.listingUrl ?? null,
    ebayItemNumber: l.item?.ebayItemNumber ?? null,
  };
}

/** Lines for the same part at the same price from the same source become one line with the quantities added. */
export function mergeBom(lines: readonly BomLine[]): BomLine[] {
  const out = new Map<string, BomLine>();
  for (const l of lines) {
    const key = JSON.stringify([l.partId, l.basis, l.basisNote, l.unitMinor, l.currency, l.status, l.seller, l.orderNumber, l.listingUrl]);
    const seen = out.get(key);
    if (!seen) out.set(key, { ...l, where: [...l.where] });
    else {
      seen.quantity += l.quantity;
      seen.where.push(...l.where);
      seen.amountMinor = seen.amountMinor === null || l.amountMinor === null ? null : seen.amountMinor + l.amountMinor;
    }
  }
  return [...out.values()];
}

/** Chassis of the same model, board, cards (by slot and part) and CPUs fold into the first of them. */
function foldIdentical(all: SheetChassis[], resolved: ResolvedChassis[]): SheetChassis[] {
  const signature = (c: ResolvedChassis) =>
    JSON.stringify([
      c.placement.partId,
      c.boardId ?? null,
      c.placement.cpus.map((x) => [x.socket, x.partId]),
      c.placement.devices.map((d) => [d.slot, d.partId]),
      c.placement.psus ?? null,
      c.placement.psuRedundancy ?? null,
    ]);
  const first = new Map<string, SheetChassis>();
  const out: SheetChassis[] = [];
  all.forEach((sc, i) => {
    const sig = signature(resolved[i]!);
    const rep = first.get(sig);
    if (rep && sc.unplaced.length === 0 && rep.unplaced.length === 0) rep.sameAs.push(sc.chassisId);
    else {
      first.set(sig, sc);
      out.push(sc);
    }
  });
  return out;
}

export interface SheetInput {
  buildId: number | null;
  build: Build;
  catalog: readonly CatalogPart[];
  itemOf: (id: string) => CostItem | null;
  currency: string;
  /** The app's site settings, for builds without their own site (see siteOf). */
  site: CheckSettings | null;
  estimator: BuildEstimator;
  generatedOn: string;
  comparison?: { workload: CompareWorkload; rows: CompareRow[] } | null;
  /** The user's price observations and today, for the price basis. */
  market?: BomMarket;
  worth?: SheetDocument['worth'];
  /** checkBuild of the build at siteOf(build, site), when the caller already has it. */
  check?: CheckResult;
  /** The estimate of each workload (as compareWorkloadOf), when the caller already has them. */
  outcomes?: readonly EstimateOutcome[];
}

/** Checks a build once and estimates each of its workloads once, for a sheet and its comparison row to share. */
export function sheetWork(
  build: Build,
  catalog: readonly CatalogPart[],
  appSite: CheckSettings | null,
  estimator: BuildEstimator,
): { check: CheckResult; outcomes: EstimateOutcome[] } {
  const check = checkBuild(build, indexCatalog(catalog), siteOf(build, appSite).site);
  return { check, outcomes: build.workloads.map((w) => estimateOutcome(estimator, build, compareWorkloadOf(w), check)) };
}

export function buildSheet(input: SheetInput): SheetDocument {
  const { build } = input;
  const idx = indexCatalog(input.catalog);
  const { site, from } = siteOf(build, input.site);
  const check = input.check ?? checkBuild(build, idx, site);
  const places = placesOf(build);
  const resolved = resolveChassis(places, idx);
  // Hives are numbered within their chassis (A, B, … and one colour each), as the editor does.
  const hiveIndex = new Map<string, number[]>();
  const perChassis = new Map<string, number>();
  for (const h of check.hives) {
    const i = perChassis.get(h.chassisId) ?? 0;
    perChassis.set(h.chassisId, i + 1);
    for (const d of h.deviceIds) {
      const key = `${h.chassisId}/${d}`;
      hiveIndex.set(key, [...(hiveIndex.get(key) ?? []), i]);
    }
  }
  const hivesOf = (chassisId: string, deviceId: string) => hiveIndex.get(`${chassisId}/${deviceId}`) ?? [];

  // Free-standing chassis have no rack elevation; their boards still get sections below.
  const racks: SheetRack[] = places
    .filter((r) => !isFreeStandingPlace(r))
    .map((r) => {
      const rp = idx.get(r.partId);
      return {
        rackId: r.id,
        label: r.label ?? r.id,
        model: rp ? `${rp.vendor} ${rp.model}` : r.partId,
        heightU: rp?.category === 'rack' ? (rp.specs.heightU ?? null) : null,
        units: r.chassis.map((c) => {
          const cp = idx.get(c.partId);
          return {
            chassisId: c.id,
            label: c.label ?? c.id,
            model: cp ? `${cp.vendor} ${cp.model}` : c.partId,
            positionU: c.positionU,
            heightU: cp?.category === 'chassis' ? cp.specs.heightU : null,
          };
        }),
      };
    });

  const all: SheetChassis[] = resolved.map((c) => {
    const cp = c.chassisPart;
    const bp = c.boardId ? idx.get(c.boardId) : undefined;
    return {
      chassisId: c.placement.id,
      rackId: c.rackId,
      label: c.placement.label ?? c.placement.id,
      model: cp ? `${cp.vendor} ${cp.model}` : c.placement.partId,
      board: bp ? `${bp.vendor} ${bp.model}` : (c.boardId ?? null),
      topology: topologyLines(c, hivesOf),
      unplaced: c.devices.filter((d) => !d.slot).map((d) => `${d.id} in slot "${d.slotId}" (not on the board)`),
      sameAs: [],
    };
  });
  const chassis = foldIdentical(all, resolved);

  const lines = costLines(build, idx, input.itemOf, input.market);
  const summary = costSummary(lines, input.currency);

  const planOf = (w: (typeof build.workloads)[number]): SheetEstimate['plan'] => {
    const model = builtinModels.find((m) => m.id === w.modelId);
    if (!model) return null;
    const plan = servingPlan(build, idx, check, w, model);
    return { commandLines: plan.groups.map(commandLine), notes: plan.notes, problem: plan.problem };
  };
  const estimates: SheetEstimate[] = build.workloads.map((w, i) => {
    const cw = compareWorkloadOf(w);
    const outcome = input.outcomes?.[i] ?? estimateOutcome(input.estimator, build, cw, check);
    const est = outcome.ok ? outcome.estimate : null;
    return {
      workload: {
        modelId: w.modelId,
        modelName: builtinModels.find((m) => m.id === w.modelId)?.name ?? w.modelId,
        quant: w.quant,
        runtime: est?.runtime ?? w.runtime,
        split: est?.split ?? w.split,
        instances: est?.instances ?? w.instances,
        contextTokens: cw.contextTokens,
        batch: cw.batch,
      },
      estimate: est,
      problem: outcome.ok ? null : outcome.problem,
      power: powerCapacity(check.power, new Set(outcome.ok ? outcome.acceleratorIds : []), est?.powerW ?? null),
      plan: planOf(w),
    };
  });

  return {
    buildId: input.buildId,
    title: build.name,
    generatedOn: input.generatedOn,
    notes: build.notes ?? null,
    site: { mainsVolts: site.mainsVolts, circuitAmps: site.circuitAmps, from },
    currency: input.currency,
    racks,
    chassis,
    check: { ...check, settings: { mainsVolts: site.mainsVolts, circuitAmps: site.circuitAmps } },
    bom: { owned: mergeBom(lines.filter((l) => l.owned).map(bomLine)), toBuy: mergeBom(lines.filter((l) => !l.owned).map(bomLine)), summary },
    estimates,
    comparison: input.comparison ?? null,
    worth: input.worth ?? null,
    comparisonModelName: input.comparison
      ? (builtinModels.find((m) => m.id === input.comparison!.workload.modelId)?.name ?? input.comparison.workload.modelId)
      : null,
  };
}
