// `rackhive inventory import|list|export`: the inventory from the command line,
// on the same core as the import dialog (core/import/source.ts reads the file,
// core/csv/preview.ts checks the rows, the repository writes them in one
// transaction). It refuses a data folder that a running app holds.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { ApiFailure } from '#core/api/errors';
import { builtinParts } from '#core/catalog/builtin';
import type { NamedPart } from '#core/catalog/resolve';
import { previewTable } from '#core/csv/preview';
import { ImportPreset, PRESETS } from '#core/csv/fields';
import { DATE_ORDERS, type DateOrder } from '#core/csv/dates';
import { writeInventoryCsv } from '#db/repositories/inventory/exportCsv';
import { readImportBytes, SOURCE_LABELS } from '#core/import/source';
import { formatAmountPlain } from '#core/money';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { existingExternalIds, importItemsInChunks, iterateItems, type ImportRecord } from '#db/repositories/inventory';
import type { StorablePart } from '#db/repositories/parts';
import { parseOrderDraft } from '#core/csv/convert';
import type { InventoryOrder } from '#core/inventory/orders';
import { acquireDataDirLock } from '#host/lock';
import { defaultDataDir } from '#host/dataDir';
import { importNote } from '#host/handlers/inventory';

const USAGE = `Usage: rackhive inventory import <file…> [--data-dir <dir>] [--preset <name>] [--date-order dmy|mdy|ymd]
                                  [--on-duplicate skip|update] [--valid-only] [--dry-run] [--json] [--unmatched custom]
       rackhive inventory list [--data-dir <dir>] [--json]
       rackhive inventory export --out <file.csv> [--data-dir <dir>]

Files may be CSV (the Rackhive template, eBay's Seller Hub orders report or any
layout whose column names say what they are), eBay order emails (.eml) or a
saved eBay Purchases page (.html), told apart by their content.
Presets: ${PRESETS.join(', ')}.
A purchase already in the inventory (same eBay order + item number, or the
template's external_id) is skipped, or updated with --on-duplicate update.
Rows with problems stop the import (exit 1, nothing written) unless
--valid-only; a title that fits no catalog part is an error unless
--unmatched custom makes it a part of its own named by the title.
--json prints { "encoding", "imported", "skipped", "updated", "errors": [{ "line", "column", "message" }] }.`;

interface CliError {
  line: number;
  column: string | null;
  message: string;
}

async function withData<T>(dataDir: string, work: (db: Database.Database) => Promise<T>): Promise<T> {
  const lock = acquireDataDirLock(dataDir, { host: 'cli' });
  try {
    const app = await openAppDatabase(dataDir);
    try {
      return await work(app.db);
    } finally {
      closeAppDatabase(app.db);
    }
  } finally {
    lock.release();
  }
}

function catalogParts(db: Database.Database): NamedPart[] {
  const aliases = new Map(builtinParts.map((p) => [p.id, p.aliases]));
  return db
    .prepare<[], { id: string; category: string; vendor: string; model: string }>('SELECT id, category, vendor, model FROM parts')
    .all()
    .map((p) => ({ ...p, aliases: aliases.get(p.id) }));
}

/**
 * A part of the user's own for a listing title no catalog part fits: category
 * "other", named by the title. Not written here: the import writes it in its
 * own transaction, so a failed import leaves no part behind.
 */
function customPartFor(db: Database.Database, title: string, pending: Map<string, StorablePart>): string {
  const id = `custom.${createHash('sha256').update(title).digest('hex').slice(0, 12)}`;
  if (!pending.has(id) && !db.prepare('SELECT 1 FROM parts WHERE id = ?').get(id))
    pending.set(id, { id, category: 'other', vendor: 'Custom', model: title.slice(0, 200), revision: 1 });
  return id;
}

async function runImport(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      preset: { type: 'string' },
      'date-order': { type: 'string' },
      'on-duplicate': { type: 'string' },
      'valid-only': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      unmatched: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('name at least one file to import');
  const preset = values.preset === undefined ? undefined : ImportPreset.safeParse(values.preset);
  if (preset && !preset.success) throw new UsageError(`--preset must be one of: ${PRESETS.join(', ')}`);
  const dateOrder = values['date-order'];
  if (dateOrder !== undefined && !(DATE_ORDERS as readonly string[]).includes(dateOrder)) throw new UsageError('--date-order must be dmy, mdy or ymd');
  const onDuplicate = values['on-duplicate'] ?? 'skip';
  if (onDuplicate !== 'skip' && onDuplicate !== 'update') throw new UsageError('--on-duplicate must be skip or update');
  if (values.unmatched !== undefined && values.unmatched !== 'custom') throw new UsageError('--unmatched takes one value: custom');
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());

  return withData(dataDir, async (db) => {
    const parts = catalogParts(db);
    const errors: CliError[] = [];
    const records: ImportRecord[] = [];
    const orders = new Map<string, InventoryOrder>();
    const newParts = new Map<string, StorablePart>();
    let encoding: string | null = null;
    let refused = 0;
    const many = positionals.length > 1;
    for (const file of positionals) {
      const label = many ? `${path.basename(file)}: ` : '';
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(file));
      } catch (err) {
        errors.push({ line: 0, column: null, message: `${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
        refused++;
        continue;
      }
      const read = await readImportBytes(bytes, { yieldBetweenChunks: () => Promise.resolve() });
      if (!read.ok) {
        errors.push({ line: 0, column: null, message: `${label || `${file}: `}${read.error.message}` });
        refused++;
        continue;
      }
      encoding ??= read.encoding;
      const context = { parts, ...(dateOrder ? { dateOrder: dateOrder as DateOrder } : {}) };
      const chosenPreset = preset?.success ? preset.data : read.preset;
      let result = previewTable(read.table, context, chosenPreset ? { preset: chosenPreset } : {});
      for (const issue of result.issues) errors.push({ line: read.table.headerLine, column: null, message: `${label}${issue.message}` });
      if (!result.preview) {
        refused++;
        continue;
      }
      if (values.unmatched === 'custom' && !values['dry-run']) {
        const choices: Record<number, string> = {};
        for (const row of result.preview.rows)
          if (row.part?.status === 'unmatched' && row.part.text !== '') choices[row.line] = customPartFor(db, row.part.text, newParts);
        const withNew = [...catalogParts(db), ...[...newParts.values()].map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }))];
        if (Object.keys(choices).length > 0)
          result = previewTable(read.table, { ...context, parts: withNew, partChoices: choices }, { preset: result.preset, mapping: result.mapping });
      }
      const preview = result.preview!;
      if (preview.dates.detected === 'ambiguous' && !dateOrder) {
        errors.push({
          line: read.table.headerLine,
          column: null,
          message: `${label}The dates could be day/month or month/day: give --date-order dmy or --date-order mdy`,
        });
      }
      for (const row of preview.rows) {
        for (const e of row.errors) errors.push({ line: e.line, column: e.column, message: `${label}${e.message}` });
        if (row.fields === null) {
          refused++;
          continue;
        }
        records.push({ fields: row.fields, note: importNote(`${path.basename(file)} (${SOURCE_LABELS[read.kind]})`, row.line, row.source) });
      }
      for (const draft of preview.orders) {
        if (!records.some((r) => r.fields.orderNumber === draft.orderNumber)) continue;
        const order = parseOrderDraft(draft);
        if (order) orders.set(order.orderNumber, order);
      }
    }
    const summary = (imported: number, skipped: number, updated: number) => ({ encoding, imported, skipped, updated, errors });
    const print = (s: ReturnType<typeof summary>, note: string) => {
      if (values.json) return printJson(io, s);
      for (const e of s.errors.slice(0, 200)) io.err(`line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
      if (s.errors.length > 200) io.err(`… and ${s.errors.length - 200} more problems`);
      io.out(
        `${note}: ${s.imported} imported, ${s.skipped} already in the inventory (skipped), ${s.updated} updated${refused > 0 ? `, ${refused} refused` : ''}.`,
      );
    };
    if (refused > 0 && !values['valid-only']) {
      print(summary(0, 0, 0), 'Nothing was imported (rows have problems; fix them, or import only the valid rows with --valid-only)');
      return 1;
    }
    if (records.length === 0) {
      print(summary(0, 0, 0), 'Nothing to import');
      return refused > 0 ? 1 : 0;
    }
    if (values['dry-run']) {
      const existing = new Set(
        existingExternalIds(
          db,
          records.map((r) => r.fields.externalId).filter((id): id is string => id !== null),
        ),
      );
      const seen = new Set<string>();
      let imported = 0;
      let again = 0;
      for (const r of records) {
        const id = r.fields.externalId;
        if (id !== null && (existing.has(id) || seen.has(id))) again++;
        else imported++;
        if (id !== null) seen.add(id);
      }
      print(summary(imported, onDuplicate === 'skip' ? again : 0, onDuplicate === 'update' ? again : 0), 'Dry run, nothing written');
      return 0;
    }
    const outcome = await importItemsInChunks(db, records, [...orders.values()], { now: new Date(), onDuplicate, newParts: [...newParts.values()] });
    print(summary(outcome.imported, outcome.skipped, outcome.updated), `Imported into ${dataDir}`);
    return 0;
  });
}

async function runList(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } } });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  return withData(dataDir, async (db) => {
    const items = [...iterateItems(db)];
    if (values.json) {
      printJson(io, items);
      return 0;
    }
    if (items.length === 0) {
      io.out(`No items in ${dataDir}.`);
      return 0;
    }
    for (const i of items) {
      const price = i.priceMinor === null ? 'price unknown' : `${formatAmountPlain(i.priceMinor, i.currency)} ${i.currency}`;
      const dates = [i.orderedOn ? `ordered ${i.orderedOn}` : '', i.receivedOn ? `received ${i.receivedOn}` : ''].filter(Boolean).join(', ');
      io.out(
        `${i.status.padEnd(9)} ${String(i.quantity).padStart(3)} × ${i.part.vendor} ${i.part.model} — ${price}${dates ? ` — ${dates}` : ''}${i.title ? ` — "${i.title}"` : ''}`,
      );
    }
    io.out(`${items.length} items.`);
    return 0;
  });
}

async function runExport(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } } });
  if (!values.out) throw new UsageError('--out <file.csv> is required');
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const out = path.resolve(values.out);
  return withData(dataDir, async (db) => {
    // Streamed from a read connection of its own: memory flat in the number of items.
    const { count } = await writeInventoryCsv(db.name, out);
    io.out(`Exported ${count} items to ${out}.`);
    return 0;
  });
}

export const inventoryCommand: Command = {
  name: 'inventory',
  summary: 'import purchases (CSV, eBay emails, saved Purchases page), list or export the inventory',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    try {
      if (sub === 'import') return await runImport(rest, io);
      if (sub === 'list') return await runList(rest, io);
      if (sub === 'export') return await runExport(rest, io);
    } catch (err) {
      if (err instanceof ApiFailure) {
        io.err(`rackhive inventory ${sub}: ${err.message}`);
        return 1;
      }
      throw err;
    }
    throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'name a subcommand: import, list or export');
  },
};
