// "Export build sheet (PDF)" from any view: the host renders the sheet (the
// desktop app in a hidden window and its save dialog; the HTTP host with its
// Chromium) and, in a browser, the page saves the bytes it gets back as a
// download — no print dialog, always the light theme.
import type { ApiClient } from '../../lib/api/resultClient';

export type SheetExportOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string; bytes: number } | { kind: 'cancelled' };

/** base64 → bytes (atob gives a binary string). */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Saves bytes as a file through the browser's download (a blob: link clicked once, then revoked). */
export function downloadFile(bytes: Uint8Array<ArrayBuffer>, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the blob by the next turn; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function exportSheetPdf(api: ApiClient, buildId: number): Promise<SheetExportOutcome> {
  const r = await api.call('sheet:exportPdf', { id: buildId });
  if (r.download) {
    downloadFile(bytesOfBase64(r.download.base64), r.download.fileName, 'application/pdf');
    return { kind: 'downloaded', fileName: r.download.fileName, bytes: r.bytes };
  }
  return r.saved && r.path ? { kind: 'saved', path: r.path } : { kind: 'cancelled' };
}
