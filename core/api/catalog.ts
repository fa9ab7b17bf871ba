// The hardware catalog: built-in and user parts with full specs, the spec-range
// query, and the user's own parts (create, clone a built-in, edit, delete,
// import a chassis or PDU from NetBox YAML). Unknown facts travel as null.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { CatalogPart, PartCategory } from '../catalog/part';
import { PartSource, TypicalUsedPrice } from '../catalog/source';
import { CatalogQuery } from '../catalog/derived';
import { PartNote } from '../catalog/partNote';

/** A part plus its derived columns (null when the price or the spec is unknown). */
export const CatalogEntry = z.object({
  part: CatalogPart,
  gbpsPerDollar: z.number().nullable(),
  vramGBPerDollar: z.number().nullable(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

/** What a user writes for their own part; specs are checked against the category's schema (VALIDATION, with field paths). */
export const UserPartDraft = z
  .object({
    category: PartCategory,
    vendor: z.string().trim().min(1).max(100),
    model: z.string().trim().min(1).max(200),
    aliases: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    specs: z.record(z.string(), z.unknown()),
    typicalUsedPrice: TypicalUsedPrice.nullable().default(null),
    sources: z.array(PartSource).max(20).default([]),
    notes: z.string().max(5000).optional(),
  })
  .strict();
export type UserPartDraftIn = z.input<typeof UserPartDraft>;
export type UserPartDraft = z.output<typeof UserPartDraft>;

/** A warning or note about an imported NetBox file, by its path in the file. */
export const NetboxImportIssue = z.object({ path: z.string(), message: z.string(), severity: z.enum(['error', 'warning', 'info']) });

export const NetboxImportResult = z.object({
  /** The saved part; when not saved, the part the file would make (or the built-in, with keep-builtin). */
  part: CatalogPart,
  saved: z.boolean(),
  category: PartCategory,
  issues: z.array(NetboxImportIssue),
  /** The built-in part of the same model, when there is one. */
  builtin: z.object({ id: z.string(), vendor: z.string(), model: z.string() }).nullable(),
  /** What the file says that the built-in does not, to keep as a note. */
  builtinNote: z.string().nullable(),
  /** The note saved on the built-in (keep-builtin, not a dry run, and the file adds something); null otherwise. */
  note: PartNote.nullable().default(null),
});
export type NetboxImportResult = z.infer<typeof NetboxImportResult>;

const IdArgs = z.object({ id: z.string().min(1).max(120) }).strict();
const PartResult = z.object({ part: CatalogPart });

export const catalogEndpoints = {
  'catalog:list': endpoint(
    'Catalog parts with specs: search, category, spec ranges (unknown never passes), sort by any column incl. gbpsPerDollar / vramGBPerDollar (unknown last).',
    CatalogQuery,
    z.object({
      entries: z.array(CatalogEntry),
      /** Stored parts this version cannot read: left out of every view and check, and named here. */
      unreadable: z.array(z.object({ id: z.string(), message: z.string() })).default([]),
    }),
  ),
  'catalog:get': endpoint(
    'One part with every spec, its sources and derived columns; NOT_FOUND when the id is unknown.',
    IdArgs,
    CatalogEntry.extend({ inventoryItems: z.number().int(), notes: z.array(PartNote).default([]) }),
  ),
  'catalog:createUserPart': endpoint(
    'Adds one of the user\'s own parts (id "user.<category>.<slug>").',
    z.object({ part: UserPartDraft }).strict(),
    PartResult,
  ),
  'catalog:cloneBuiltin': endpoint(
    'Copies a built-in part into an editable user part.',
    IdArgs.extend({ model: z.string().trim().min(1).max(200).optional() }).strict(),
    PartResult,
  ),
  'catalog:updateUserPart': endpoint(
    "Replaces a user part's fields; built-ins are refused with CONFLICT (clone them first).",
    z.object({ id: z.string().min(1).max(120), part: UserPartDraft }).strict(),
    PartResult,
  ),
  'catalog:deleteUserPart': endpoint(
    'Deletes a user part; CONFLICT when it is built in or inventory items still use it.',
    IdArgs,
    z.object({ id: z.string() }),
  ),
  'catalog:importNetbox': endpoint(
    'Imports a NetBox devicetype-library YAML text as a user part (a chassis, or a PDU for a file with power outlets). A file naming a built-in model is saved only with onBuiltin "import-copy" (under a name of its own); "keep-builtin" returns the built-in and keeps the file\'s extra facts as a note on it (note; shown with the part by catalog:get); by default nothing is saved and the choice is offered. dryRun saves nothing. IMPORT_INVALID lists every problem by its path in the file.',
    z
      .object({
        yaml: z.string().min(1).max(1_000_000),
        /** The file's name or path as the user picked it: a "device-types/…" path in it becomes the part's source. */
        fileName: z.string().min(1).max(1000).optional(),
        onBuiltin: z.enum(['ask', 'keep-builtin', 'import-copy']).optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    NetboxImportResult,
  ),
};
