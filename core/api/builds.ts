// Channels of builds: the list (with counts and the worst finding), the editor's
// load/save, create (empty or from a shipped example), rename, duplicate, delete
// with undo, the checker over a stored or an inline build, file import (with a
// dry-run preview) and export, and which inventory items builds hold.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { Build, type BuildInput } from '../build/build';
import { CheckResultSchema, Severity } from '../check/schema';

export { CheckResultSchema };

export const BuildRowId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * A whole build as sent by a caller. Checked by the handler with the build
 * file's strict rules (unknown keys, prototype keys, depth, duplicate ids), so
 * problems come back as VALIDATION issues with JSON paths, not BAD_REQUEST.
 */
const BuildArg = z.custom<BuildInput>();

/** Site settings for the checker; absent = the build's own site, else 120 V / 15 A. */
export const CheckSettingsArg = z
  .object({
    mainsVolts: z.number().min(90).max(480),
    circuitAmps: z.number().positive().max(400),
  })
  .strict();
export type CheckSettingsArg = z.infer<typeof CheckSettingsArg>;

export { Severity };

export const BuildCounts = z.object({
  racks: z.number().int().min(0),
  chassis: z.number().int().min(0),
  /** GPUs as nvidia-smi counts them (a K80 card is two). */
  gpus: z.number().int().min(0),
  /** GPU cards placed. */
  gpuCards: z.number().int().min(0),
});
export type BuildCounts = z.infer<typeof BuildCounts>;

export const BuildListEntry = z.object({
  id: BuildRowId,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: BuildCounts,
  /** The most severe finding of the checker; null when it found nothing. */
  worstSeverity: Severity.nullable(),
});
export type BuildListEntry = z.infer<typeof BuildListEntry>;

export const BuildDetail = z.object({
  id: BuildRowId,
  build: Build,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BuildDetail = z.infer<typeof BuildDetail>;

/** An inventory binding a write removed (the part stays, now planned), and why. */
export const DroppedBinding = z.object({
  /** JSON path of the placed part, e.g. racks[0].chassis[0].devices[3]. */
  path: z.string(),
  itemId: z.string(),
  reason: z.string(),
});
export type DroppedBinding = z.infer<typeof DroppedBinding>;

export const ExampleEntry = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  counts: BuildCounts,
});
export type ExampleEntry = z.infer<typeof ExampleEntry>;

export const ImportPreview = z.object({
  name: z.string(),
  racks: z.number().int().min(0),
  chassis: z.number().int().min(0),
  devices: z.number().int().min(0),
  gpus: z.number().int().min(0),
  /** Part ids (and board ids) this catalog does not know; the checker will say "unknown" for them. */
  unknownPartIds: z.array(z.string()),
  /** Bindings to inventory items that do not exist here, are another part, or are held by another build. */
  droppedBindings: z.array(DroppedBinding),
  /** Bindings that stay (the items exist, are free and are the right part). */
  keptBindings: z.number().int().min(0),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  dryRun: z.boolean(),
  /** The new build's id; null for a dry run. */
  id: BuildRowId.nullable(),
  preview: ImportPreview,
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Where one inventory item is placed. */
export const Placement = z.object({
  buildId: BuildRowId,
  buildName: z.string(),
  /** Stable key of the placed part: "srv-1/device/gpu-0", "srv-1/cpu/0", "rack-1/pdu/pdu-1", … */
  slotKey: z.string(),
  /** For people: "srv-1 · slot gpu1 (gpu-0)". */
  label: z.string(),
  quantity: z.number().int().min(1),
});
export type Placement = z.infer<typeof Placement>;

export const PartAllocation = z.object({
  partId: z.string(),
  /** Units of owned items (ordered, shipped, received, tested, faulty). */
  totalQuantity: z.number().int().min(0),
  /** Owned units placed in (live) builds. */
  reservedQuantity: z.number().int().min(0),
  /** Owned units not placed anywhere. */
  availableQuantity: z.number().int().min(0),
  /** Units placed in builds without an item: still to buy. */
  plannedQuantity: z.number().int().min(0),
});
export type PartAllocation = z.infer<typeof PartAllocation>;

export const ItemAllocation = z.object({
  itemId: z.string(),
  partId: z.string(),
  status: z.string(),
  quantity: z.number().int().min(1),
  placedQuantity: z.number().int().min(0),
  placements: z.array(Placement),
});
export type ItemAllocation = z.infer<typeof ItemAllocation>;

const IdArg = z.object({ id: BuildRowId }).strict();
const BuildName = z.string().trim().min(1, 'A build needs a name').max(200);
const PartOrItemId = z.string().min(1).max(200);

export const buildEndpoints = {
  'builds:list': endpoint(
    'Live builds, most recently changed first, with rack/chassis/GPU counts and the worst finding of the checker.',
    z.object({ settings: CheckSettingsArg.optional() }).strict(),
    z.object({ builds: z.array(BuildListEntry) }),
  ),
  'builds:get': endpoint('One build with its id.', IdArg, BuildDetail),
  'builds:create': endpoint(
    'A new build: empty with a name, or a copy of a shipped example (by its id, e.g. "sys-4028gr-x10drg").',
    z
      .object({ name: BuildName.optional(), exampleId: z.string().min(1).max(100).optional() })
      .strict()
      .refine((a) => a.name !== undefined || a.exampleId !== undefined, { message: 'Give a name or an exampleId', path: ['name'] }),
    BuildDetail,
  ),
  'builds:examples': endpoint('The example builds shipped with the app.', z.object({}).strict(), z.object({ examples: z.array(ExampleEntry) })),
  'builds:save': endpoint(
    'Replaces a build with the whole Build given (checked like a build file; an item held by another build is a VALIDATION issue naming it).',
    z.object({ id: BuildRowId, build: BuildArg }).strict(),
    BuildDetail,
  ),
  'builds:rename': endpoint('Renames a build.', z.object({ id: BuildRowId, name: BuildName }).strict(), BuildDetail),
  'builds:duplicate': endpoint(
    'Copies a build under a new id (name: "<name> (copy)" unless given). Inventory items stay with the original: the copy plans those parts.',
    z.object({ id: BuildRowId, name: BuildName.optional() }).strict(),
    BuildDetail.extend({ droppedBindings: z.array(DroppedBinding) }),
  ),
  'builds:delete': endpoint(
    'Moves a build to the trash and frees its inventory items; builds:restore with the returned id undoes it.',
    IdArg,
    z.object({ id: BuildRowId, name: z.string(), deletedAt: z.string() }),
  ),
  'builds:restore': endpoint(
    'Undo of a delete. Items placed elsewhere in the meantime are not taken back: those bindings are dropped and listed.',
    IdArg,
    BuildDetail.extend({ droppedBindings: z.array(DroppedBinding) }),
  ),
  'builds:check': endpoint(
    'The checker over a stored build (id) or an inline one (build); catalog = built-in parts + the user parts.',
    z
      .object({ id: BuildRowId.optional(), build: BuildArg.optional(), settings: CheckSettingsArg.optional() })
      .strict()
      .refine((a) => (a.id === undefined) !== (a.build === undefined), { message: 'Give either id or build', path: ['id'] }),
    CheckResultSchema,
  ),
  'builds:import': endpoint(
    'Reads the text of a build file. dryRun: a preview, nothing written. Otherwise a NEW build (never an overwrite), all or nothing; bindings to items that are missing, another part or held elsewhere are dropped and listed. A bad file is IMPORT_INVALID naming the JSON path.',
    z.object({ text: z.string(), dryRun: z.boolean().default(false) }).strict(),
    ImportResult,
  ),
  'builds:export': endpoint(
    'The build file text (format rackhive.build v1) and a suggested file name.',
    IdArg,
    z.object({ fileName: z.string(), text: z.string() }),
  ),
  'builds:allocations': endpoint(
    'Per part: owned, reserved by builds, available and still to buy; per item: which build and slot holds it. No ids = every part and item involved.',
    z.object({ partIds: z.array(PartOrItemId).max(5000).optional(), itemIds: z.array(PartOrItemId).max(5000).optional() }).strict(),
    z.object({ parts: z.array(PartAllocation), items: z.array(ItemAllocation) }),
  ),
};
