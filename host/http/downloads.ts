// One-time download links of the HTTP host, for files too large to hand over
// as one API reply (the streamed inventory CSV). The page asks for a link
// through the API (token checked there); the link carries a fresh 128-bit
// ticket, is good for one request within 60 s, and streams the file with
// backpressure, so neither the host nor the page holds it whole.
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { BASE_HEADERS } from './headers';
import { refuse } from './respond';

export const DOWNLOAD_PREFIX = '/download/';
const TTL_MS = 60_000;

interface Ticket {
  fileName: string;
  contentType: string;
  body: () => AsyncIterable<string>;
  expires: number;
}

export interface DownloadTickets {
  /** A link for one download of what `body` yields. */
  issue(fileName: string, body: () => AsyncIterable<string>, contentType?: string): string;
  /** The ticket for this path, removed (single use); null when unknown or expired. */
  take(pathname: string): Ticket | null;
}

export function downloadTickets(now: () => number = Date.now): DownloadTickets {
  const tickets = new Map<string, Ticket>();
  const sweep = () => {
    for (const [id, t] of tickets) if (t.expires <= now()) tickets.delete(id);
  };
  return {
    issue(fileName, body, contentType = 'text/csv; charset=utf-8') {
      sweep();
      const id = randomBytes(16).toString('base64url');
      tickets.set(id, { fileName, contentType, body, expires: now() + TTL_MS });
      return `${DOWNLOAD_PREFIX}${id}`;
    },
    take(pathname) {
      sweep();
      const id = pathname.slice(DOWNLOAD_PREFIX.length);
      const ticket = tickets.get(id);
      if (!ticket) return null;
      tickets.delete(id);
      return ticket;
    },
  };
}

/** A file name safe inside Content-Disposition: ASCII letters, digits, dot, dash, underscore. */
function headerFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'download';
}

export async function handleDownload(res: ServerResponse, pathname: string, tickets: DownloadTickets | null): Promise<void> {
  const ticket = tickets?.take(pathname) ?? null;
  if (!ticket) return refuse(res, 404, 'NOT_FOUND', 'This download link was used already or has expired; export again.');
  let closed = false;
  res.once('close', () => (closed = true));
  let started = false;
  try {
    for await (const chunk of ticket.body()) {
      if (!started) {
        res.writeHead(200, {
          ...BASE_HEADERS,
          'Content-Type': ticket.contentType,
          'Content-Disposition': `attachment; filename="${headerFileName(ticket.fileName)}"`,
          'Cache-Control': 'no-store',
          'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
        });
        started = true;
      }
      if (closed) return;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    }
    res.end();
  } catch (err) {
    if (!started) return refuse(res, 500, 'INTERNAL', `The export failed: ${err instanceof Error ? err.message : String(err)}`);
    res.destroy();
  }
}
