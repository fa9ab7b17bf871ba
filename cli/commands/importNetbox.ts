// `rackhive catalog import-netbox <file.yaml…> [--data-dir <dir>] [--dry-run] [--json]`:
// NetBox device-type files into the user catalog through the same handler the
// app's import dialog calls. A file that names a built-in model keeps the
// built-in (no part saved) and keeps what the file adds as a note on it. Exit 1 when any file
// is refused, 0 otherwise, 2 for usage mistakes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO } from '../command';
import { ApiFailure } from '#core/api/errors';
import type { NetboxImportResult } from '#core/api/catalog';
import { builtinParts } from '#core/catalog/builtin';
import { importNetbox } from '#core/catalog/netbox';
import { userPartId } from '#core/catalog/userId';
import { categoryName, type CatalogPart } from '#core/catalog/part';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { catalogHandlers } from '#host/handlers/catalog';
import { defaultDataDir } from '#host/dataDir';
import { acquireDataDirLock } from '#host/lock';

export const IMPORT_NETBOX_USAGE = `Usage: rackhive catalog import-netbox <file.yaml…> [--data-dir <dir>] [--dry-run] [--json]

Imports NetBox devicetype-library files as your own parts: rack servers become
chassis, devices with power outlets become PDUs; nodes, motherboards, UPSes and
switches are refused with the reason. A model that is built in keeps the
built-in (no part is saved); what the file adds is kept as a note on the
built-in, shown by \`rackhive catalog show\`.

  --data-dir <dir>  data folder (default: the desktop app's)
  --dry-run         read and report, save nothing (checked against the built-in catalog)
  --json            print [{ "file", "ok", "category", "part", "issues": [{ "path", "message" }] }]`;

/** One file's outcome, as --json prints it. */
export interface FileOutcome {
  file: string;
  ok: boolean;
  category: string | null;
  part: CatalogPart | null;
  issues: { path: string; message: string }[];
}

interface Shown extends FileOutcome {
  saved: boolean;
  /** The built-in kept instead of saving the file. */
  kept: string | null;
  severities: string[];
}

function fromResult(file: string, r: NetboxImportResult, dryRun: boolean): Shown {
  const issues = r.issues.map(({ path: p, message }) => ({ path: p, message }));
  const severities = r.issues.map((i) => i.severity);
  if (r.builtin) {
    const adds = r.note
      ? ` The file's extra facts are kept as a note on it (source ${r.note.source}): ${r.note.text}`
      : r.builtinNote
        ? ` ${r.builtinNote}${dryRun ? ' (dry run: not noted)' : ''}`
        : ' The file adds nothing to it.';
    issues.push({ path: 'model', message: `not saved: the built-in ${r.builtin.id} is kept.${adds}` });
    severities.push('warning');
  }
  return { file, ok: true, category: r.category, part: r.part, issues, saved: r.saved, kept: r.builtin?.id ?? null, severities };
}

function failed(file: string, issues: { path: string; message: string }[]): Shown {
  return { file, ok: false, category: null, part: null, issues, saved: false, kept: null, severities: issues.map(() => 'error') };
}

function readText(file: string): string | { path: string; message: string } {
  try {
    const text = readFileSync(file, 'utf8');
    if (text.trim() === '') return { path: '', message: 'the file is empty' };
    if (text.length > 1_000_000) return { path: '', message: 'the file is larger than 1 MB: not a NetBox device type' };
    return text;
  } catch (err) {
    return { path: '', message: `cannot read the file: ${(err as Error).message}` };
  }
}

function print(io: CliIO, outcomes: Shown[], dryRun: boolean): void {
  for (const o of outcomes) {
    const what = o.part ? `${categoryName(o.part.category)} ${o.part.vendor} ${o.part.model} (${o.part.id})` : '';
    const head = !o.ok ? 'refused' : o.kept ? `built in as ${o.kept}: kept the built-in, saved nothing` : o.saved ? `saved ${what}` : `would save ${what}`;
    io.out(`${o.file}: ${head}`);
    o.issues.forEach((i, k) => io.out(`  ${o.severities[k] ?? 'error'} ${i.path || '(file)'}: ${i.message.replace(/\n+/g, '\n    ')}`));
  }
  const refused = outcomes.filter((o) => !o.ok).length;
  io.out(
    `${outcomes.length - refused} of ${outcomes.length} file${outcomes.length === 1 ? '' : 's'} read${refused ? `, ${refused} refused` : ''}${dryRun ? ' (dry run: nothing saved)' : ''}.`,
  );
}

export async function importNetboxCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('which files? give one or more NetBox device-type YAML files');
  if (values['data-dir'] === '') throw new UsageError('--data-dir must not be empty');
  const dryRun = values['dry-run'] === true;
  const outcomes: Shown[] = [];

  if (dryRun) {
    // Nothing is written, so no database is opened: the built-in catalog decides duplicates.
    const ids = new Set(builtinParts.map((p) => p.id));
    for (const file of positionals) {
      const text = readText(file);
      if (typeof text !== 'string') {
        outcomes.push(failed(file, [text]));
        continue;
      }
      const r = importNetbox(text, { idFor: (c, m) => userPartId(c, m, (id) => ids.has(id)), fileName: file, catalog: builtinParts });
      if (!r.ok || !r.part || !r.category)
        outcomes.push(
          failed(
            file,
            r.issues.filter((i) => i.severity === 'error').map(({ path: p, message }) => ({ path: p, message })),
          ),
        );
      else {
        // As the real import does: the part is the built-in that is kept, not the copy nobody saves.
        const kept = r.builtin ? (builtinParts.find((p) => p.id === r.builtin!.id) ?? r.part) : r.part;
        outcomes.push(
          fromResult(
            file,
            { part: kept, saved: false, category: r.category, issues: r.issues, builtin: r.builtin, builtinNote: r.builtinNote, note: null },
            true,
          ),
        );
      }
    }
  } else {
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
    let lock;
    try {
      lock = acquireDataDirLock(dataDir, { host: 'cli' });
    } catch (err) {
      if (err instanceof ApiFailure) {
        io.err(`rackhive catalog: ${err.message}`);
        return 1;
      }
      throw err;
    }
    try {
      const app = await openAppDatabase(dataDir);
      try {
        // The handler deps' host only matters to app:info and PDF export, which this command does not call.
        const h = catalogHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: () => new Date() });
        for (const file of positionals) {
          const text = readText(file);
          if (typeof text !== 'string') {
            outcomes.push(failed(file, [text]));
            continue;
          }
          try {
            outcomes.push(
              fromResult(file, await h['catalog:importNetbox']({ yaml: text, fileName: file, onBuiltin: 'keep-builtin' }, { host: 'http' }), false),
            );
          } catch (err) {
            if (!(err instanceof ApiFailure)) throw err;
            outcomes.push(failed(file, err.issues?.length ? err.issues : [{ path: '', message: err.message }]));
          }
        }
      } finally {
        closeAppDatabase(app.db);
      }
    } finally {
      lock.release();
    }
  }

  if (values.json)
    printJson(
      io,
      outcomes.map(({ file, ok, category, part, issues }) => ({ file, ok, category, part, issues })),
    );
  else print(io, outcomes, dryRun);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}
