// The build sheet's shape as a schema: what sheet:get returns across the API.
// Apart from core/sheet/sheet.ts (which computes it) so the API contract, and
// the pages that only read a sheet, do not load the checker and the estimator.
import { z } from 'zod';
import { CheckResultSchema } from '../check/schema';
import { BASIS_CLASSES } from '../prices/basis';
import { BuildCostSummary, CompareRow, CompareWorkload, PowerCapacity, SpeedEstimate } from '../compare/types';
import { CurrencyCode } from '../money';

export const RackUnit = z.object({
  chassisId: z.string(),
  label: z.string(),
  model: z.string(),
  positionU: z.number().int(),
  /** Null when the chassis' height is not known (drawn as 1 U and marked). */
  heightU: z.number().int().nullable(),
});

export const SheetRack = z.object({
  rackId: z.string(),
  label: z.string(),
  model: z.string(),
  /** Null when the rack's height is not known. */
  heightU: z.number().int().nullable(),
  units: z.array(RackUnit),
});
export type SheetRack = z.infer<typeof SheetRack>;

/** One line of a chassis' topology, depth-first: socket → root complex → [switch →] slot → card. */
export const TopologyLine = z.object({
  depth: z.number().int().min(0),
  kind: z.enum(['socket', 'rootComplex', 'switch', 'slot']),
  id: z.string(),
  label: z.string(),
  detail: z.string(),
  verified: z.boolean(),
  /** A card in this slot. */
  device: z
    .object({
      id: z.string(),
      /** nvidia-smi style GPU0 / NIC0. */
      label: z.string(),
      model: z.string(),
      /** Indexes of its hives within the chassis (colour and letter each); empty when not a GPU in a hive. A GPU may sit in two. */
      hives: z.array(z.number().int()),
      link: z.string(),
    })
    .nullable(),
});
export type TopologyLine = z.infer<typeof TopologyLine>;

export const SheetChassis = z.object({
  chassisId: z.string(),
  rackId: z.string(),
  label: z.string(),
  model: z.string(),
  board: z.string().nullable(),
  topology: z.array(TopologyLine),
  /** Devices whose slot is not on the board (shown so nothing is silently left out). */
  unplaced: z.array(z.string()),
  /** Other chassis wired and populated exactly like this one: shown once (a 64-node build is not 64 pages). */
  sameAs: z.array(z.string()),
});
export type SheetChassis = z.infer<typeof SheetChassis>;

export const BomLine = z.object({
  /** Where in the build; identical lines are merged and list every place. */
  where: z.array(z.string()),
  category: z.string(),
  partId: z.string(),
  label: z.string(),
  quantity: z.number().int(),
  unitMinor: z.number().int().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  basis: z.enum(['paid', 'item', 'planned', 'observed', 'typical', 'unknown']),
  basisClass: z.enum(BASIS_CLASSES),
  basisNote: z.string(),
  stale: z.boolean(),
  status: z.string().nullable(),
  seller: z.string().nullable(),
  orderNumber: z.string().nullable(),
  listingUrl: z.string().nullable(),
  ebayItemNumber: z.string().nullable(),
});
export type BomLine = z.infer<typeof BomLine>;

export const SheetEstimate = z.object({
  workload: z.object({
    modelId: z.string(),
    /** What a person reads: the library's name for the model ("Llama 3.1 70B"), the id when it is not in the library. */
    modelName: z.string(),
    quant: z.string(),
    runtime: z.string(),
    split: z.string(),
    instances: z.number().int(),
    contextTokens: z.number().int(),
    batch: z.number().int(),
  }),
  estimate: SpeedEstimate.nullable(),
  problem: z.string().nullable(),
  power: PowerCapacity,
  /** What to type to run it (core/serve/plan): one command line per machine and instance, and the notes. */
  plan: z.object({ commandLines: z.array(z.string()), notes: z.array(z.string()), problem: z.string().nullable() }).nullable(),
});
export type SheetEstimate = z.infer<typeof SheetEstimate>;

export const SheetDocument = z.object({
  buildId: z.number().int().nullable(),
  title: z.string(),
  /** ISO date the sheet was made. */
  generatedOn: z.string(),
  notes: z.string().nullable(),
  site: z.object({ mainsVolts: z.number(), circuitAmps: z.number(), from: z.enum(['override', 'build', 'settings', 'default']) }),
  currency: CurrencyCode,
  racks: z.array(SheetRack),
  chassis: z.array(SheetChassis),
  check: CheckResultSchema,
  bom: z.object({ owned: z.array(BomLine), toBuy: z.array(BomLine), summary: BuildCostSummary }),
  estimates: z.array(SheetEstimate),
  /** The cost-vs-tokens/s comparison for the build's first workload (this build and the others stored). */
  comparison: z.object({ workload: CompareWorkload, rows: z.array(CompareRow) }).nullable(),
  /** "Is it worth it?" inputs from the settings (life, duty cycle, API price) and the tariff in the sheet's currency (null: set in another). */
  worth: z
    .object({
      lifeYears: z.number(),
      dutyPct: z.number(),
      apiPerMTokens: z.object({ amountMinor: z.number(), currency: z.string() }).nullable(),
      pricePerKwhMinor: z.number().nullable(),
    })
    .nullable()
    .optional(),
  /** The comparison's model by name (as modelName above); null without a comparison. */
  comparisonModelName: z.string().nullable().default(null),
});
export type SheetDocument = z.infer<typeof SheetDocument>;
