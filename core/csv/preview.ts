// The whole reading of an import file, as the preview shows it: bytes → table
// → preset and column mapping → checked rows. Pure and re-runnable: changing
// the mapping or choosing a part for a row converts the table again.
import type { ItemStatus } from '../inventory/status';
import { convertRows, type ConvertContext, type ImportPreview } from './convert';
import type { CsvFileError } from './decode';
import { detectPreset, mappingIssues, presetMapping, type ColumnMapping, type ImportPreset, type MappingIssue } from './fields';
import { readCsvBytes, type CsvTable, type ReadOptions } from './read';

/**
 * Status for rows the file says nothing about: the Seller Hub report lists
 * what the person sold; eBay purchases (emails, the Purchases page, GetOrders)
 * were at least ordered; a template row without a status is a wish.
 */
export function presetDefaultStatus(preset: ImportPreset): ItemStatus {
  if (preset === 'ebay-order-report') return 'sold';
  if (preset === 'ebay-purchases') return 'ordered';
  return 'wishlist';
}

export type PreviewResult =
  | { ok: false; error: CsvFileError }
  | { ok: true; table: CsvTable; preset: ImportPreset; mapping: ColumnMapping; issues: MappingIssue[]; preview: ImportPreview | null };

/** Converts a read table with a preset or an explicit mapping; no rows are converted while the mapping has issues. */
export function previewTable(
  table: CsvTable,
  context: ConvertContext,
  options: { preset?: ImportPreset; mapping?: ColumnMapping } = {},
): Extract<PreviewResult, { ok: true }> {
  const preset = options.preset ?? detectPreset(table.headers);
  const mapping = options.mapping ?? presetMapping(preset, table.headers);
  const issues = mappingIssues(table.headers, mapping);
  const defaults = {
    status: context.defaults?.status ?? presetDefaultStatus(preset),
    ...(context.defaults?.currency ? { currency: context.defaults.currency } : {}),
  };
  // A Seller Hub report lists what the person sold: its paid and shipped dates are the buyer's, not a purchase's progress.
  const sold =
    preset === 'ebay-order-report' && !context.statusOverride
      ? { statusOverride: 'sold' as const, statusOverrideReason: 'Seller Hub report: a part you sold' }
      : {};
  const preview =
    issues.length > 0
      ? null
      : convertRows(table, mapping, {
          ...context,
          ...sold,
          defaults,
          footerLines: preset === 'ebay-order-report',
          titleFromPart: preset !== 'rackhive-template',
        });
  return { ok: true, table, preset, mapping, issues, preview };
}

export async function previewCsvBytes(
  bytes: Uint8Array,
  context: ConvertContext,
  options: ReadOptions & { preset?: ImportPreset; maxBytes?: number } = {},
): Promise<PreviewResult> {
  const read = await readCsvBytes(bytes, options);
  if (!read.ok) return read;
  return previewTable(read.table, context, options.preset ? { preset: options.preset } : {});
}
