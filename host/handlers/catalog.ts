// Catalog channels: plain functions over the database and the pure catalog
// core (query, derived columns, NetBox import). Errors leave as ApiFailure.
import type { Handler } from '#core/api/contract';
import { ApiFailure, issuesFromZod } from '#core/api/errors';
import type { CatalogEntry, UserPartDraft } from '#core/api/catalog';
import { CatalogPart, SPECS_SCHEMAS } from '#core/catalog/part';
import { gbpsPerDollar, queryParts, vramGBPerDollar } from '#core/catalog/derived';
import { importNetbox } from '#core/catalog/netbox';
import { userPartId } from '#core/catalog/userId';
import { partNotesOf, putPartNote } from '#db/repositories/partNotes';
import { catalogOf, countInventoryUses, deleteUserPart, getCatalogPart, partExists, saveUserPart } from '#db/repositories/catalog';
import type { HandlerDeps } from './deps';

type CatalogChannel =
  | 'catalog:list'
  | 'catalog:get'
  | 'catalog:createUserPart'
  | 'catalog:cloneBuiltin'
  | 'catalog:updateUserPart'
  | 'catalog:deleteUserPart'
  | 'catalog:importNetbox';

function entry(part: CatalogPart): CatalogEntry {
  return { part, gbpsPerDollar: gbpsPerDollar(part), vramGBPerDollar: vramGBPerDollar(part) };
}

/** Draft + id → a validated user part; bad specs become VALIDATION with "specs.<field>" paths. */
function toUserPart(id: string, draft: UserPartDraft, revision: number): CatalogPart {
  const specs = SPECS_SCHEMAS[draft.category].safeParse(draft.specs);
  if (!specs.success) {
    const issues = issuesFromZod(specs.error.issues).map((i) => ({ ...i, path: i.path ? `specs.${i.path}` : 'specs' }));
    throw new ApiFailure('VALIDATION', `The ${draft.category} specs are not valid: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  const parsed = CatalogPart.safeParse({ ...draft, id, specs: specs.data, builtin: false, revision });
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error.issues);
    throw new ApiFailure('VALIDATION', `The part is not valid: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  return parsed.data;
}

export function catalogHandlers(deps: HandlerDeps): { [C in CatalogChannel]: Handler<C> } {
  const { db } = deps;
  const taken = (id: string) => partExists(db, id);
  return {
    'catalog:list': (args) => {
      const catalog = catalogOf(db);
      return { entries: queryParts(catalog.parts, args).map(entry), unreadable: catalog.unreadable };
    },

    'catalog:get': ({ id }) => {
      const part = getCatalogPart(db, id);
      if (!part) throw new ApiFailure('NOT_FOUND', `No part with id ${id}.`);
      return { ...entry(part), inventoryItems: countInventoryUses(db, id), notes: partNotesOf(db, id) };
    },

    'catalog:createUserPart': ({ part: draft }) => {
      const part = toUserPart(userPartId(draft.category, draft.model, taken), draft, 1);
      return { part: saveUserPart(db, part, deps.now()) };
    },

    'catalog:cloneBuiltin': ({ id, model }) => {
      const source = getCatalogPart(db, id);
      if (!source) throw new ApiFailure('NOT_FOUND', `No part with id ${id}.`);
      const newModel = model ?? `${source.model} (my copy)`;
      const clone = CatalogPart.parse({
        ...source,
        id: userPartId(source.category, newModel, taken),
        model: newModel,
        builtin: false,
        revision: 1,
        notes: [`Cloned from ${source.id}.`, source.notes].filter(Boolean).join(' '),
      });
      return { part: saveUserPart(db, clone, deps.now()) };
    },

    'catalog:updateUserPart': ({ id, part: draft }) => {
      const stored = getCatalogPart(db, id);
      if (!stored) throw new ApiFailure('NOT_FOUND', `No part with id ${id}.`);
      if (stored.builtin) throw new ApiFailure('CONFLICT', `${id} is a built-in part; clone it to make an editable copy.`);
      const part = toUserPart(id, draft, stored.revision + 1);
      return { part: saveUserPart(db, part, deps.now()) };
    },

    'catalog:deleteUserPart': ({ id }) => {
      deleteUserPart(db, id);
      return { id };
    },

    'catalog:importNetbox': ({ yaml, fileName, onBuiltin, dryRun }) => {
      const result = importNetbox(yaml, { idFor: (category, model) => userPartId(category, model, taken), fileName, catalog: catalogOf(db).parts });
      if (!result.ok || !result.part || !result.category) {
        const errors = result.issues.filter((i) => i.severity === 'error');
        const first = errors[0];
        const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'not a NetBox device type';
        throw new ApiFailure(
          'IMPORT_INVALID',
          `NetBox file: ${message}`,
          errors.map(({ path, message: m }) => ({ path, message: m })),
        );
      }
      const out = { category: result.category, issues: result.issues, builtin: result.builtin, builtinNote: result.builtinNote, note: null };
      if (result.builtin && onBuiltin !== 'import-copy') {
        const builtin = onBuiltin === 'keep-builtin' ? getCatalogPart(db, result.builtin.id) : null;
        // Keeping the built-in keeps what the file adds, as a note on it (the built-in itself stays as shipped).
        const note =
          builtin && result.builtinNote && result.noteSource && !dryRun
            ? putPartNote(db, { partId: builtin.id, source: result.noteSource.source, sourceUrl: result.noteSource.url, text: result.builtinNote }, deps.now())
            : null;
        return { ...out, part: builtin ?? result.part, saved: false, note };
      }
      if (dryRun) return { ...out, part: result.part, saved: false };
      return { ...out, part: saveUserPart(db, result.part, deps.now()), saved: true };
    },
  };
}
