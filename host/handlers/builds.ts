// Build channels as plain functions over the database: builds are checked with
// the build file's strict rules (core/build/file.ts), their inventory bindings
// against the inventory, and every write of a build and its allocation rows is
// one transaction. Imports never overwrite and never half-happen.
import type { Handler } from '#core/api/contract';
import { ApiFailure, type FieldIssue } from '#core/api/errors';
import type { BuildDetail, ImportPreview } from '#core/api/builds';
import { BUILD_FORMAT, BUILD_VERSION, type Build } from '#core/build/build';
import { exportBuild, parseBuildText, parseBuildValue } from '#core/build/file';
import { EXAMPLE_BUILDS, exampleBuild } from '#core/build/examples';
import { checkBuild } from '#core/check/checkBuild';
import { siteOf, type Site } from '#core/build/site';
import { buildCounts } from '#core/build/walk';
import { placesOf } from '#core/build/places';
import { indexCatalog, type CatalogIndex } from '#core/check/catalog';
import type { CatalogPart } from '#core/catalog/part';
import { builtinParts } from '#core/catalog/builtin';
import {
  allocations,
  bindingProblems,
  getBuild,
  insertBuild,
  keepUsableBindings,
  listBuilds,
  placedParts,
  problemIssues,
  replaceBuild,
  trashBuild,
  untrashBuild,
  type StoredBuild,
} from '#db/repositories/builds';
import { inTransaction } from '#db/transaction';
import { catalogOf } from '#db/repositories/catalog';
import { getSettings } from '#db/repositories/settings';
import type { HandlerDeps } from './deps';

type BuildChannel =
  | 'builds:list'
  | 'builds:get'
  | 'builds:create'
  | 'builds:examples'
  | 'builds:save'
  | 'builds:rename'
  | 'builds:duplicate'
  | 'builds:delete'
  | 'builds:restore'
  | 'builds:check'
  | 'builds:import'
  | 'builds:export'
  | 'builds:allocations';

/** Build files larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Issues returned with one failure; a badly broken file could otherwise list thousands. */
const MAX_ISSUES = 50;

function failure(code: 'VALIDATION' | 'IMPORT_INVALID', what: string, issues: FieldIssue[]): ApiFailure {
  const shown = issues.slice(0, MAX_ISSUES);
  const first = shown[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ApiFailure(code, `${what}: ${first ? `${first.path}: ${first.message}` : 'not valid'}${more}`, shown);
}

function notFound(id: number): ApiFailure {
  return new ApiFailure('NOT_FOUND', `No build #${id} (it may have been deleted).`);
}

function detail(s: StoredBuild): BuildDetail {
  return { id: s.id, build: s.build, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

type ExampleEntry = { id: string; title: string; description: string; counts: ReturnType<typeof buildCounts> };
let examples: ExampleEntry[] | null = null;
/** The examples as the Builds page lists them; built-in and fixed, so checked (for the GPUs the OS would see) once. */
function exampleEntries(): ExampleEntry[] {
  if (!examples) {
    const idx = indexCatalog(builtinParts as CatalogPart[]);
    examples = EXAMPLE_BUILDS.map((e) => ({
      id: e.id,
      title: e.title,
      description: e.description,
      counts: buildCounts(e.build, idx, checkBuild(e.build, idx, siteOf(e.build, null).site).lanes.devices),
    }));
  }
  return examples;
}

function unknownPartIds(build: Build, catalog: CatalogIndex): string[] {
  const unknown = new Set<string>();
  for (const p of placedParts(build)) if (!catalog.has(p.partId)) unknown.add(p.partId);
  for (const r of placesOf(build)) for (const c of r.chassis) if (c.boardPartId && !catalog.has(c.boardPartId)) unknown.add(c.boardPartId);
  return [...unknown].sort();
}

/** A file name people recognise: "sys-4028gr-with-x10drg-o-pcie.rackhive.json". */
export function exportFileName(name: string): string {
  const stem = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${stem || 'build'}.rackhive.json`;
}

function emptyBuild(name: string): Build {
  return { format: BUILD_FORMAT, version: BUILD_VERSION, name, racks: [], workloads: [] };
}

function withName(build: Build, name: string): Build {
  return { ...build, name: name.slice(0, 200) };
}

export function buildHandlers(deps: HandlerDeps): { [C in BuildChannel]: Handler<C> } {
  const { db } = deps;
  const live = (id: number): StoredBuild => {
    const s = getBuild(db, id);
    if (!s) throw notFound(id);
    return s;
  };
  const catalogIndex = (): CatalogIndex => catalogOf(db).index;
  /** The app's site settings, for builds that do not name their own (core/build/site). */
  const appSite = (): Site => {
    const s = getSettings(db);
    return { mainsVolts: s.mainsVolts, circuitAmps: s.circuitAmps };
  };
  /** Strict build rules, then the inventory bindings; both as VALIDATION issues with JSON paths. */
  const validBuild = (value: unknown, buildId: number | null): Build => {
    const parsed = parseBuildValue(value);
    if (!parsed.ok) throw failure('VALIDATION', 'The build is not valid', parsed.issues);
    const problems = bindingProblems(db, buildId, placedParts(parsed.build));
    if (problems.length) throw failure('VALIDATION', 'An inventory item cannot be placed here', problemIssues(problems));
    return parsed.build;
  };

  return {
    'builds:list': ({ settings }) => {
      const catalog = catalogOf(db).index;
      const app = appSite();
      return {
        builds: listBuilds(db).map((s) => {
          const result = checkBuild(s.build, catalog, siteOf(s.build, app, settings).site);
          return {
            id: s.id,
            name: s.build.name,
            createdAt: s.createdAt,
            updatedAt: s.updatedAt,
            counts: buildCounts(s.build, catalog, result.lanes.devices),
            worstSeverity: result.findings[0]?.severity ?? null,
          };
        }),
      };
    },

    'builds:get': ({ id }) => detail(live(id)),

    'builds:create': ({ name, exampleId }) => {
      let build: Build;
      if (exampleId !== undefined) {
        const example = exampleBuild(exampleId);
        if (!example) throw new ApiFailure('NOT_FOUND', `No example build "${exampleId}". Examples: ${EXAMPLE_BUILDS.map((e) => e.id).join(', ')}.`);
        build = withName(structuredClone(example.build), name ?? example.title);
      } else {
        build = emptyBuild(name!);
      }
      return inTransaction(db, () => detail(getBuild(db, insertBuild(db, keepUsableBindings(db, null, build).build, deps.now()))!));
    },

    'builds:examples': () => ({ examples: exampleEntries() }),

    'builds:save': ({ id, build }) =>
      inTransaction(db, () => {
        live(id);
        replaceBuild(db, id, validBuild(build, id), deps.now());
        return detail(live(id));
      }),

    'builds:rename': ({ id, name }) =>
      inTransaction(db, () => {
        replaceBuild(db, id, withName(live(id).build, name), deps.now());
        return detail(live(id));
      }),

    'builds:duplicate': ({ id, name }) =>
      inTransaction(db, () => {
        const source = live(id);
        const copy = withName(source.build, name ?? `${source.build.name} (copy)`);
        // Every binding of the original fails "held by another build" once the copy is checked
        // against it, so the copy plans those parts; the reasons name the original.
        const kept = keepUsableBindings(db, null, copy);
        const newId = insertBuild(db, kept.build, deps.now());
        return { ...detail(getBuild(db, newId)!), droppedBindings: kept.dropped };
      }),

    'builds:delete': ({ id }) =>
      inTransaction(db, () => {
        const s = live(id);
        const deletedAt = trashBuild(db, id, deps.now());
        return { id, name: s.build.name, deletedAt };
      }),

    'builds:restore': ({ id }) =>
      inTransaction(db, () => {
        const s = getBuild(db, id, { includeDeleted: true });
        if (!s) throw new ApiFailure('NOT_FOUND', `No build #${id}.`);
        if (s.deletedAt === null) throw new ApiFailure('CONFLICT', `Build #${id} is not deleted (it was restored already).`);
        const kept = keepUsableBindings(db, id, s.build);
        untrashBuild(db, id, kept.build, kept.dropped.length ? deps.now() : null);
        return { ...detail(live(id)), droppedBindings: kept.dropped };
      }),

    'builds:check': ({ id, build, settings }) => {
      let b: Build;
      if (id !== undefined) b = live(id).build;
      else {
        const parsed = parseBuildValue(build);
        if (!parsed.ok) throw failure('VALIDATION', 'The build is not valid', parsed.issues);
        b = parsed.build;
      }
      const resolved = siteOf(b, appSite(), settings).site;
      return { ...checkBuild(b, catalogOf(db).index, resolved), settings: resolved };
    },

    'builds:import': ({ text, dryRun }) => {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > MAX_IMPORT_BYTES) {
        throw failure('IMPORT_INVALID', 'The file cannot be imported', [
          {
            path: '(file)',
            message: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; build files over ${MAX_IMPORT_BYTES / 1024 / 1024} MiB are refused`,
          },
        ]);
      }
      let parsed: ReturnType<typeof parseBuildText>;
      try {
        parsed = parseBuildText(text);
      } catch (err) {
        // A parser giving up (e.g. on a stack limit) is still a bad file, not a crash.
        parsed = { ok: false, issues: [{ path: '(file)', message: `cannot be read: ${err instanceof Error ? err.message : String(err)}` }] };
      }
      if (!parsed.ok) throw failure('IMPORT_INVALID', 'The file cannot be imported', parsed.issues);
      const incoming = parsed.build;
      const run = () => {
        const kept = keepUsableBindings(db, null, incoming);
        const idx = catalogIndex();
        const counts = buildCounts(kept.build, idx, checkBuild(kept.build, idx, siteOf(kept.build, appSite()).site).lanes.devices);
        const preview: ImportPreview = {
          name: kept.build.name,
          racks: counts.racks,
          chassis: counts.chassis,
          devices: placesOf(kept.build).reduce((s, r) => s + r.chassis.reduce((t, c) => t + c.devices.length, 0), 0),
          gpus: counts.gpus,
          unknownPartIds: unknownPartIds(kept.build, idx),
          droppedBindings: kept.dropped,
          keptBindings: placedParts(kept.build).filter((p) => p.itemId !== null).length,
        };
        const newId = dryRun ? null : insertBuild(db, kept.build, deps.now());
        return { dryRun, id: newId, preview };
      };
      // A dry run only reads; a real import is one transaction (all or nothing).
      return dryRun ? db.transaction(run).deferred() : inTransaction(db, run);
    },

    'builds:export': ({ id }) => {
      const s = live(id);
      return { fileName: exportFileName(s.build.name), text: exportBuild(s.build) };
    },

    'builds:allocations': ({ partIds, itemIds }) => allocations(db, { partIds, itemIds }),
  };
}
