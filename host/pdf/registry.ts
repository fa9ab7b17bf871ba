// The desktop shell registers its PDF exporter here at start; the handler
// table stays free of Electron imports (and the HTTP host has none).

export interface SheetPdfExport {
  saved: boolean;
  path: string | null;
  bytes: number;
}

export type SheetPdfExporter = (buildId: number, title: string) => Promise<SheetPdfExport>;

let exporter: SheetPdfExporter | null = null;

export function setSheetPdfExporter(next: SheetPdfExporter | null): void {
  exporter = next;
}

export function sheetPdfExporter(): SheetPdfExporter | null {
  return exporter;
}
