// Compare and build-sheet channels: plain functions over the stored builds, the
// catalog (built-in + user parts), the inventory (prices paid, sellers) and the
// settings (currency, site, electricity price). The estimate is core/perf's.
import type Database from 'better-sqlite3';
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import type { CompareResult } from '#core/api/compare';
import type { CostItem } from '#core/compare/cost';
import { perfEstimator, type BuildEstimator } from '#core/compare/estimate';
import { compareRow, compareRows, type CompareContext } from '#core/compare/rows';
import { SEED_WORKLOAD, type CompareWorkload } from '#core/compare/types';
import { builtinModels } from '#core/models/library';
import { QUANT_FORMATS } from '#core/models/quant';
import { buildSheet, compareWorkloadOf, sheetWork } from '#core/sheet/sheet';
import type { SheetDocument } from '#core/sheet/schema';
import type { Settings } from '#core/settings/settings';
import { getBuild, listBuilds } from '#db/repositories/builds';
import { catalogOf } from '#db/repositories/catalog';
import { getItem } from '#db/repositories/inventory';
import { getSettings } from '#db/repositories/settings';
import { sheetPdfExporter } from '../pdf/registry';
import { sheetFileName } from '../pdf/wait';
import type { HandlerDeps } from './deps';
import { marketOf } from './prices';

type CompareChannel = 'compare:run' | 'sheet:get' | 'sheet:exportPdf';

export function itemLookup(db: Database.Database): (id: string) => CostItem | null {
  const cache = new Map<string, CostItem | null>();
  return (id) => {
    if (!cache.has(id)) {
      const it = getItem(db, id);
      cache.set(
        id,
        it && {
          id: it.id,
          status: it.status,
          currency: it.currency,
          priceMinor: it.priceMinor,
          shippingMinor: it.shippingMinor,
          taxMinor: it.taxMinor,
          // The rest of the landed cost (core/build/bom.ts): fees, and the item's share of its order.
          quantity: it.quantity,
          feesMinor: it.feesMinor,
          orderShippingMinor: it.orderShippingMinor,
          orderTaxMinor: it.orderTaxMinor,
          seller: it.seller,
          orderNumber: it.orderNumber,
          listingUrl: it.listingUrl,
          ebayItemNumber: it.ebayItemNumber,
        },
      );
    }
    return cache.get(id) ?? null;
  };
}

/** The electricity price in the comparison's currency; null when it is set in another one (no rate is guessed). */
export function pricePerKwhMinor(settings: Settings): number | null {
  const p = settings.electricityPricePerKwh;
  return p.currency === settings.currency ? p.amountMinor : null;
}

function context(db: Database.Database, settings: Settings, estimator: BuildEstimator, now: Date): CompareContext {
  const catalog = catalogOf(db).parts;
  return {
    catalog,
    itemOf: itemLookup(db),
    currency: settings.currency,
    site: { mainsVolts: settings.mainsVolts, circuitAmps: settings.circuitAmps },
    estimator,
    market: marketOf(db, now),
  };
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function compareHandlers(
  deps: HandlerDeps,
  estimatorFor: (ctx: { catalog: CompareContext['catalog'] }) => BuildEstimator = ({ catalog }) => perfEstimator(catalog),
): {
  [C in CompareChannel]: Handler<C>;
} {
  const { db } = deps;
  const run = (workload: CompareWorkload): CompareResult => {
    const settings = getSettings(db);
    const catalog = catalogOf(db).parts;
    const ctx = context(db, settings, estimatorFor({ catalog }), deps.now());
    const rows = compareRows(
      listBuilds(db).map((s) => ({ buildId: s.id, build: s.build })),
      workload,
      ctx,
    ).sort((a, b) => a.buildId - b.buildId);
    return {
      workload,
      currency: settings.currency,
      pricePerKwhMinor: pricePerKwhMinor(settings),
      rows,
      options: {
        models: builtinModels.filter((m) => !m.legacy).map((m) => ({ id: m.id, name: m.name, maxContext: m.maxContext })),
        quants: QUANT_FORMATS.map((q) => q.id),
      },
    };
  };
  const sheet = (id: number): SheetDocument => {
    const stored = getBuild(db, id);
    if (!stored) throw new ApiFailure('NOT_FOUND', `No build #${id} (it may have been deleted).`);
    const settings = getSettings(db);
    const catalog = catalogOf(db).parts;
    const ctx = context(db, settings, estimatorFor({ catalog }), deps.now());
    // This build is checked once and each workload estimated once; its comparison row reuses the first workload's.
    const work = sheetWork(stored.build, catalog, ctx.site, ctx.estimator);
    const first = stored.build.workloads[0];
    const workload = first ? compareWorkloadOf(first) : null;
    const comparison = workload
      ? {
          workload,
          rows: listBuilds(db)
            .map((s) =>
              s.id === id
                ? compareRow({ buildId: id, build: stored.build }, workload, ctx, { check: work.check, outcome: work.outcomes[0]! })
                : compareRow({ buildId: s.id, build: s.build }, workload, ctx),
            )
            .sort((a, b) => a.buildId - b.buildId),
        }
      : null;
    const worth = { ...settings.worthIt, pricePerKwhMinor: pricePerKwhMinor(settings) };
    return buildSheet({ buildId: id, build: stored.build, ...ctx, ...work, generatedOn: isoDay(deps.now()), comparison, worth });
  };
  return {
    'compare:run': ({ workload }) => run(workload ?? SEED_WORKLOAD),
    'sheet:get': ({ id }) => sheet(id),
    'sheet:exportPdf': async ({ id }) => {
      const stored = getBuild(db, id);
      if (!stored) throw new ApiFailure('NOT_FOUND', `No build #${id} (it may have been deleted).`);
      if (deps.host === 'electron') {
        const exporter = sheetPdfExporter();
        if (!exporter) throw new ApiFailure('INTERNAL', 'The desktop app has no PDF exporter registered.');
        return exporter(id, stored.build.name);
      }
      if (!deps.printSheet)
        throw new ApiFailure('BAD_REQUEST', 'This host does not print build sheets; run `rackhive sheet <build.json> --out <file.pdf>` instead.');
      const pdf = await deps.printSheet(id);
      return {
        saved: false,
        path: null,
        bytes: pdf.byteLength,
        download: { fileName: sheetFileName(stored.build.name), base64: Buffer.from(pdf).toString('base64') },
      };
    },
  };
}
