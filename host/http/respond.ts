// Writing JSON replies. Refusals use the same `{ ok: false, error }` shape as
// handler errors, so a client has one way to read any failure.
import type { ServerResponse } from 'node:http';
import type { ApiResponse, ErrorCode } from '#core/api/errors';
import { JSON_HEADERS } from './headers';

export function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, ...extra, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}
