// A catalog part: one model of hardware (not one physical item — that is an
// inventory item). The envelope is the same for every category; `specs` is
// typed per category. Built-in parts ship with the app and are upgraded by
// `revision`; user parts have ids starting with "user.".
import { z } from 'zod';
import { PartSource, TypicalUsedPrice } from './source';
import { GpuSpecs } from './specs/gpu';
import { CpuSpecs } from './specs/cpu';
import { NicSpecs } from './specs/nic';
import { PcieSwitchSpecs } from './specs/pcieSwitch';
import { RiserSpecs } from './specs/riser';
import { BridgeSpecs } from './specs/bridge';
import { PsuSpecs } from './specs/psu';
import { RackSpecs } from './specs/rack';
import { PduSpecs } from './specs/pdu';
import { MemorySpecs } from './specs/memory';
import { StorageSpecs } from './specs/storage';
import { CableSpecs } from './specs/cable';
import { OtherSpecs } from './specs/other';
import { BoardSpec } from './board';
import { ChassisSpec } from './chassis';

export const PART_CATEGORIES = [
  'rack',
  'chassis',
  'board',
  'cpu',
  'gpu',
  'pcie-switch',
  'riser',
  'bridge',
  'nic',
  'psu',
  'memory',
  'storage',
  'pdu',
  'cable',
  'other',
] as const;
export const PartCategory = z.enum(PART_CATEGORIES);
export type PartCategory = z.infer<typeof PartCategory>;

// The names live in a module without zod, so the checker can name a category without building the catalog schema.
export { CATEGORY_NAMES, categoryName } from './categories';

/**
 * Stable id: dot-separated lowercase slugs. Built-ins are "<category>.<vendor>.<model>"
 * (e.g. "gpu.nvidia.rtx-3090"); user parts are "user.<category>.<slug>".
 */
export const PartId = z
  .string()
  .max(120)
  .regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/, 'part ids are lowercase dot-separated slugs like "gpu.nvidia.rtx-3090"');
export type PartId = z.infer<typeof PartId>;

export const USER_PART_PREFIX = 'user.';

const envelope = {
  id: PartId,
  vendor: z.string().min(1),
  model: z.string().min(1),
  /** What people type: "RTX 3090", "3090", "P40". Used by name resolution. */
  aliases: z.array(z.string().min(1)),
  typicalUsedPrice: TypicalUsedPrice.nullable(),
  sources: z.array(PartSource),
  notes: z.string().optional(),
  builtin: z.boolean(),
  /** Bumped whenever a built-in's data changes, so app start can upgrade the stored copy. */
  revision: z.number().int().positive(),
};

const variant = <C extends PartCategory, S extends z.ZodType>(category: C, specs: S) => z.strictObject({ ...envelope, category: z.literal(category), specs });

export const RackPart = variant('rack', RackSpecs);
export const ChassisPart = variant('chassis', ChassisSpec);
export const BoardPart = variant('board', BoardSpec);
export const CpuPart = variant('cpu', CpuSpecs);
export const GpuPart = variant('gpu', GpuSpecs);
export const PcieSwitchPart = variant('pcie-switch', PcieSwitchSpecs);
export const RiserPart = variant('riser', RiserSpecs);
export const BridgePart = variant('bridge', BridgeSpecs);
export const NicPart = variant('nic', NicSpecs);
export const PsuPart = variant('psu', PsuSpecs);
export const MemoryPart = variant('memory', MemorySpecs);
export const StoragePart = variant('storage', StorageSpecs);
export const PduPart = variant('pdu', PduSpecs);
export const CablePart = variant('cable', CableSpecs);
export const OtherPart = variant('other', OtherSpecs);

export const CatalogPart = z.discriminatedUnion('category', [
  RackPart,
  ChassisPart,
  BoardPart,
  CpuPart,
  GpuPart,
  PcieSwitchPart,
  RiserPart,
  BridgePart,
  NicPart,
  PsuPart,
  MemoryPart,
  StoragePart,
  PduPart,
  CablePart,
  OtherPart,
]);
export type CatalogPart = z.infer<typeof CatalogPart>;
/** What a data file or a caller writes (schema defaults not yet applied). */
export type CatalogPartInput = z.input<typeof CatalogPart>;

/** The part type for one category, e.g. `PartOf<'gpu'>`. */
export type PartOf<C extends PartCategory> = Extract<CatalogPart, { category: C }>;

/** The specs schema of one category (for forms and user-part validation). */
export const SPECS_SCHEMAS = {
  rack: RackSpecs,
  chassis: ChassisSpec,
  board: BoardSpec,
  cpu: CpuSpecs,
  gpu: GpuSpecs,
  'pcie-switch': PcieSwitchSpecs,
  riser: RiserSpecs,
  bridge: BridgeSpecs,
  nic: NicSpecs,
  psu: PsuSpecs,
  memory: MemorySpecs,
  storage: StorageSpecs,
  pdu: PduSpecs,
  cable: CableSpecs,
  other: OtherSpecs,
} as const satisfies Record<PartCategory, z.ZodType>;

export function isUserPartId(id: string): boolean {
  return id.startsWith(USER_PART_PREFIX);
}
