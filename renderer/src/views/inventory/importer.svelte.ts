// The CSV import's state: the chosen file, read in pieces with progress; the
// preset and column mapping; the preview with every row's problems; the
// person's part choices for titles that fit no part (or several); then the
// upload in batches and the one-transaction commit. All the reading and
// checking is core's (core/csv), the same code the tests run.
import type { ApiClient } from '../../lib/api/client';
import { ApiClientError, errorMessage } from '../../lib/api/client';
import { IMPORT_BATCH_ROWS } from '#core/api/inventory';
import type { NamedPart } from '#core/catalog/resolve';
import { MAX_CSV_BYTES, tooLargeError } from '#core/csv/decode';
import type { CsvTable } from '#core/csv/read';
import { previewTable } from '#core/csv/preview';
import { mergeTables, readImportBytes, SOURCE_LABELS, type SourceKind } from '#core/import/source';
import type { DateOrder } from '#core/csv/dates';
import type { ItemStatus } from '#core/inventory/status';
import type { ImportPreview, PreviewRow } from '#core/csv/convert';
import type { ColumnMapping, ImportField, ImportPreset, MappingIssue } from '#core/csv/fields';

export type ImportPhase = 'choose' | 'reading' | 'preview' | 'importing';

export class Importer {
  readonly api: ApiClient;
  readonly baseCurrency: string;
  phase = $state<ImportPhase>('choose');
  fileName = $state('');
  /** 0…1 of the current step (reading the file, sending the rows). */
  progress = $state(0);
  progressLabel = $state('');
  /** A problem with the whole file (too large, binary, empty, …) or the import as a whole. */
  error = $state<string | null>(null);
  table = $state.raw<CsvTable | null>(null);
  preset = $state<ImportPreset>('custom');
  mapping = $state.raw<ColumnMapping>([]);
  issues = $state.raw<MappingIssue[]>([]);
  preview = $state.raw<ImportPreview | null>(null);
  partChoices = $state.raw<Record<number, string>>({});
  parts = $state.raw<NamedPart[]>([]);
  /** What the file is (CSV, an eBay email, the saved Purchases page). */
  sourceKind = $state<SourceKind>('csv');
  /** The person's day/month order for numeric dates (null: as detected). */
  dateOrder = $state<DateOrder | null>(null);
  /** One status for every row (null: from the file). */
  statusOverride = $state<ItemStatus | null>(null);
  /** External ids of the preview's rows already in the inventory. */
  existing = $state.raw<string[]>([]);
  onDuplicate = $state<'skip' | 'update'>('skip');
  /** "<file> line N" per merged line, when several files were chosen. */
  lineFiles = $state.raw<Map<number, string> | null>(null);

  lastResult = $state.raw<{ imported: number; skipped: number; updated: number } | null>(null);

  rowsWithErrors = $derived((this.preview?.rows ?? []).filter((r) => r.errors.length > 0));

  constructor(api: ApiClient, baseCurrency: string) {
    this.api = api;
    this.baseCurrency = baseCurrency;
  }

  /** The catalog with aliases, for matching names and listing titles to parts. */
  async loadParts(): Promise<void> {
    try {
      const { entries } = await this.api.call('catalog:list', {});
      this.parts = entries.map((e) => ({ id: e.part.id, category: e.part.category, vendor: e.part.vendor, model: e.part.model, aliases: e.part.aliases }));
    } catch {
      const { parts } = await this.api.call('parts:list', { search: '', limit: 5000 });
      this.parts = parts;
    }
  }

  async chooseFile(file: File): Promise<void> {
    await this.chooseFiles([file]);
  }

  /** One CSV, or one or many eBay emails / saved pages (read as one table of purchases). */
  async chooseFiles(files: readonly { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }[]): Promise<void> {
    this.error = null;
    this.fileName = files.length === 1 ? files[0]!.name : `${files.length} files`;
    this.partChoices = {};
    this.dateOrder = null;
    this.statusOverride = null;
    // Refused before a byte is read: a cap that takes no time to check.
    const big = files.find((f) => f.size > MAX_CSV_BYTES);
    if (big) {
      this.error = tooLargeError(big.size).message;
      this.phase = 'choose';
      return;
    }
    this.phase = 'reading';
    this.progress = 0;
    this.progressLabel = 'Reading the file…';
    try {
      if (this.parts.length === 0) await this.loadParts();
      const tables: { name: string; table: CsvTable; kind: SourceKind; preset?: ImportPreset }[] = [];
      for (const [i, file] of files.entries()) {
        const read = await readImportBytes(new Uint8Array(await file.arrayBuffer()), { onProgress: (f) => (this.progress = (i + f) / files.length) });
        if (!read.ok) {
          this.error = `${files.length > 1 ? `${file.name}: ` : ''}${read.error.message}`;
          this.phase = 'choose';
          return;
        }
        tables.push({ name: file.name, table: { ...read.table, encoding: read.encoding }, kind: read.kind, ...(read.preset ? { preset: read.preset } : {}) });
      }
      const merged = tables.length === 1 ? { table: tables[0]!.table, lineFile: null } : mergeTables(tables);
      if (!merged) {
        this.error = 'These files have different layouts: choose several eBay emails or pages together, or one CSV file at a time.';
        this.phase = 'choose';
        return;
      }
      this.sourceKind = tables[0]!.kind;
      this.lineFiles = merged.lineFile;
      this.table = merged.table;
      this.#convert(tables[0]!.preset ? { preset: tables[0]!.preset } : {});
      this.phase = 'preview';
    } catch (err) {
      this.error = `Could not read ${this.fileName}: ${errorMessage(err)}`;
      this.phase = 'choose';
    }
  }

  /** An email's text pasted into the dialog. */
  async pasteText(text: string): Promise<void> {
    const bytes = new TextEncoder().encode(text);
    await this.chooseFiles([{ name: 'pasted text', size: bytes.length, arrayBuffer: () => Promise.resolve(bytes.buffer as ArrayBuffer) }]);
  }

  get sourceLabel(): string {
    return SOURCE_LABELS[this.sourceKind];
  }

  setDateOrder(order: DateOrder | null): void {
    this.dateOrder = order;
    this.#convert({ preset: this.preset, mapping: this.mapping });
  }

  setStatusOverride(status: ItemStatus | null): void {
    this.statusOverride = status;
    this.#convert({ preset: this.preset, mapping: this.mapping });
  }

  /** Asks which of the rows' purchases are already stored (for "N already in the inventory"). */
  async #lookUpExisting(): Promise<void> {
    const ids = (this.preview?.rows ?? []).map((r) => r.draft.externalId).filter((id): id is string => typeof id === 'string' && id !== '');
    if (ids.length === 0) {
      this.existing = [];
      return;
    }
    try {
      const { existing } = await this.api.call('inventory:importExisting', { externalIds: ids.slice(0, 200_000) });
      this.existing = existing;
    } catch {
      this.existing = [];
    }
  }

  #convert(options: { preset?: ImportPreset; mapping?: ColumnMapping }): void {
    if (!this.table) return;
    const result = previewTable(
      this.table,
      {
        parts: this.parts,
        partChoices: this.partChoices,
        defaults: { currency: this.baseCurrency },
        ...(this.dateOrder ? { dateOrder: this.dateOrder } : {}),
        ...(this.statusOverride ? { statusOverride: this.statusOverride } : {}),
      },
      options,
    );
    this.preset = result.preset;
    this.mapping = result.mapping;
    this.issues = result.issues;
    this.preview = result.preview;
    void this.#lookUpExisting();
  }

  setPreset(preset: ImportPreset): void {
    this.#convert({ preset });
  }

  mapColumn(column: number, field: ImportField | null): void {
    const mapping = [...this.mapping];
    mapping[column] = field;
    this.#convert({ preset: this.preset, mapping });
  }

  choosePart(line: number, partId: string): void {
    const choices = { ...this.partChoices };
    if (partId) choices[line] = partId;
    else delete choices[line];
    this.partChoices = choices;
    this.#convert({ preset: this.preset, mapping: this.mapping });
  }

  reset(): void {
    this.phase = 'choose';
    this.table = null;
    this.preview = null;
    this.issues = [];
    this.error = null;
  }

  /**
   * Sends the rows in batches (progress), then commits them in one
   * transaction. `onlyValid` leaves the rows with errors out; otherwise any
   * error stops the import before anything is sent. Resolves to the number imported.
   */
  async import(onlyValid: boolean): Promise<number | null> {
    const preview = this.preview;
    if (!preview) return null;
    const rows: PreviewRow[] = onlyValid ? preview.rows.filter((r) => r.fields !== null) : preview.rows;
    if (!onlyValid && preview.invalidCount > 0) {
      this.error = `${preview.invalidCount} rows have problems: fix them, or import only the valid rows.`;
      return null;
    }
    if (rows.length === 0) return null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const orderNumbers = new Set(rows.map((r) => r.draft.orderNumber).filter(Boolean));
    const orders = preview.orders.filter((o) => orderNumbers.has(o.orderNumber));
    this.phase = 'importing';
    this.error = null;
    this.progress = 0;
    let importId: string | null = null;
    try {
      ({ importId } = await this.api.call('inventory:importBegin', { fileName: this.fileName.slice(0, 300) }));
      for (let i = 0; i < rows.length; i += IMPORT_BATCH_ROWS) {
        const batch = rows.slice(i, i + IMPORT_BATCH_ROWS).map((r) => ({
          line: r.line,
          draft: r.draft,
          source: (this.lineFiles?.get(r.line) ? `${this.lineFiles.get(r.line)}: ` : '') + r.source.slice(0, 3800),
        }));
        this.progressLabel = `Sending rows ${(i + 1).toLocaleString('en-US')}–${(i + batch.length).toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')}…`;
        await this.api.call('inventory:importRows', { importId, rows: batch });
        this.progress = ((i + batch.length) / rows.length) * 0.3;
      }
      this.progressLabel = `Writing ${rows.length.toLocaleString('en-US')} items in one transaction…`;
      const id = importId;
      let done = false;
      // The app keeps answering while the import is written: ask how far it is.
      const poll = (async () => {
        while (!done) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          if (done) break;
          try {
            const p = await this.api.call('inventory:importProgress', { importId: id });
            this.progress = 0.3 + p.fraction * 0.7;
          } catch {
            break;
          }
        }
      })();
      const result = await this.api.call('inventory:importCommit', { importId, orders, onDuplicate: this.onDuplicate }).finally(() => (done = true));
      await poll;
      this.progress = 1;
      this.lastResult = result;
      return result.imported + result.updated;
    } catch (err) {
      if (importId) void this.api.call('inventory:importCancel', { importId }).catch(() => undefined);
      const detail =
        err instanceof ApiClientError && err.issues.length > 0
          ? ` ${err.issues
              .slice(0, 3)
              .map((i) => i.message)
              .join(' · ')}`
          : '';
      this.error = `Nothing was imported: ${errorMessage(err)}${detail}`;
      this.phase = 'preview';
      return null;
    }
  }
}
