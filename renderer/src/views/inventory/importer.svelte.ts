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
import { readCsvBytes, type CsvTable } from '#core/csv/read';
import { previewTable } from '#core/csv/preview';
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
    this.error = null;
    this.fileName = file.name;
    this.partChoices = {};
    // Refused before a byte is read: a cap that takes no time to check.
    if (file.size > MAX_CSV_BYTES) {
      this.error = tooLargeError(file.size).message;
      this.phase = 'choose';
      return;
    }
    this.phase = 'reading';
    this.progress = 0;
    this.progressLabel = 'Reading the file…';
    try {
      const [bytes] = await Promise.all([file.arrayBuffer(), this.parts.length === 0 ? this.loadParts() : Promise.resolve()]);
      const read = await readCsvBytes(new Uint8Array(bytes), { onProgress: (f) => (this.progress = f) });
      if (!read.ok) {
        this.error = read.error.message;
        this.phase = 'choose';
        return;
      }
      this.table = read.table;
      this.#convert({});
      this.phase = 'preview';
    } catch (err) {
      this.error = `Could not read ${file.name}: ${errorMessage(err)}`;
      this.phase = 'choose';
    }
  }

  #convert(options: { preset?: ImportPreset; mapping?: ColumnMapping }): void {
    if (!this.table) return;
    const result = previewTable(this.table, { parts: this.parts, partChoices: this.partChoices, defaults: { currency: this.baseCurrency } }, options);
    this.preset = result.preset;
    this.mapping = result.mapping;
    this.issues = result.issues;
    this.preview = result.preview;
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
      ({ importId } = await this.api.call('inventory:importBegin', {}));
      for (let i = 0; i < rows.length; i += IMPORT_BATCH_ROWS) {
        const batch = rows.slice(i, i + IMPORT_BATCH_ROWS).map((r) => ({ line: r.line, draft: r.draft }));
        this.progressLabel = `Sending rows ${(i + 1).toLocaleString('en-US')}–${(i + batch.length).toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')}…`;
        await this.api.call('inventory:importRows', { importId, rows: batch });
        this.progress = ((i + batch.length) / rows.length) * 0.9;
      }
      this.progressLabel = `Writing ${rows.length.toLocaleString('en-US')} items in one transaction…`;
      const result = await this.api.call('inventory:importCommit', { importId, orders });
      this.progress = 1;
      return result.imported;
    } catch (err) {
      if (importId) void this.api.call('inventory:importCancel', { importId }).catch(() => undefined);
      const detail = err instanceof ApiClientError && err.issues.length > 0 ? ` ${err.issues.slice(0, 3).map((i) => i.message).join(' · ')}` : '';
      this.error = `Nothing was imported: ${errorMessage(err)}${detail}`;
      this.phase = 'preview';
      return null;
    }
  }
}
