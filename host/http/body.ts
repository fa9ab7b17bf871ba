// Reads a request body up to a cap, counting bytes as they arrive: an oversize
// body is refused as soon as it crosses the cap (or at once, when Content-Length
// already says so), never buffered whole first.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Pure: a declared Content-Length over the cap is refused before reading. */
export function declaredTooLarge(contentLength: string | undefined, limit: number): boolean {
  if (contentLength === undefined) return false;
  const n = Number(contentLength);
  return !Number.isFinite(n) || n > limit;
}

export function readBodyCapped(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<BodyResult> {
  if (declaredTooLarge(req.headers['content-length'], limit)) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}
