// Channels of the Compare view and the build sheet: every build on one
// workload (cost versus tokens/s), the sheet document of one build, and the
// PDF of that sheet (the desktop app saves it; the HTTP host returns it to download).
import { z } from 'zod';
import { endpoint } from './endpoint';
import { BuildRowId } from './builds';
import { CompareRow, CompareWorkload } from '../compare/types';
import { SheetDocument } from '../sheet/schema';
import { CurrencyCode } from '../money';

export const CompareResult = z.object({
  workload: CompareWorkload,
  currency: CurrencyCode,
  /** Minor units of `currency` per kWh; null when the price is set in another currency. */
  pricePerKwhMinor: z.number().nullable(),
  rows: z.array(CompareRow),
  /** What the workload picker offers. */
  options: z.object({
    models: z.array(z.object({ id: z.string(), name: z.string(), maxContext: z.number().int() })),
    quants: z.array(z.string()),
  }),
});
export type CompareResult = z.infer<typeof CompareResult>;

export const SheetPdfResult = z.object({
  /** False when the person cancelled the save dialog. */
  saved: z.boolean(),
  path: z.string().nullable(),
  bytes: z.number().int().min(0),
  /** HTTP host: the PDF itself (base64) for the page to download; absent in the desktop app, which saved it. */
  download: z.object({ fileName: z.string(), base64: z.string() }).optional(),
});
export type SheetPdfResult = z.infer<typeof SheetPdfResult>;

const IdArg = z.object({ id: BuildRowId }).strict();

export const compareEndpoints = {
  'compare:run': endpoint(
    'Every live build on one workload (model, quantisation, context, batch; default: the seed comparison, a 70B Llama in int8 with 4K context): cost, the estimate with its band, power.',
    z.object({ workload: CompareWorkload.optional() }).strict(),
    CompareResult,
  ),
  'sheet:get': endpoint(
    'The build sheet of one build: racks, boards and hives, P2P matrix, bill of materials, power, findings, estimates and the comparison.',
    IdArg,
    SheetDocument,
  ),
  'sheet:exportPdf': endpoint(
    "The build sheet as a PDF, always in the light theme. Desktop app: rendered in a hidden window and saved where the person chooses. HTTP host: rendered by the host's Chromium and returned (download) for the page to save; no Chromium is an error that says what to install.",
    IdArg,
    SheetPdfResult,
  ),
};
