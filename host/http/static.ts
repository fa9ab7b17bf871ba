// GET/HEAD of the built renderer. Files come only from the static folder: the
// URL is decoded segment by segment (staticPath.ts), resolved, and the real path
// (symlinks followed) must still lie inside the folder's real path.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASE_HEADERS, HTML_HEADERS } from './headers';
import { NOT_BUILT_HTML } from './notBuilt';
import { refuse } from './respond';
import { contentTypeFor, isInside, isSpaRoute, resolveInside, staticSegments } from './staticPath';

export async function handleStatic(req: IncomingMessage, res: ServerResponse, staticDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_REQUEST', 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
  const target = staticSegments(req.url ?? '');
  if (!target.ok)
    return refuse(res, target.status, target.status === 404 ? 'NOT_FOUND' : target.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST', `Refused: ${target.reason}.`);

  const rootReal = await realpathOrNull(staticDir);
  const indexFile = rootReal && (await fileInside(rootReal, path.join(rootReal, 'index.html')));
  const wanted = target.segments.length === 0 ? 'index' : resolveInside(staticDir, target.segments);
  if (wanted === null) return refuse(res, 403, 'FORBIDDEN', 'Refused: path outside the app.');

  if (wanted !== 'index' && rootReal) {
    const found = await fileInside(rootReal, wanted);
    if (found === 'outside') return refuse(res, 403, 'FORBIDDEN', 'Refused: path outside the app.');
    if (found) return sendFile(req, res, found);
  }
  if (wanted !== 'index' && !isSpaRoute(target.segments)) return refuse(res, 404, 'NOT_FOUND', 'No such file.');
  if (indexFile && indexFile !== 'outside') return sendFile(req, res, indexFile);
  return sendHtml(req, res, 200, NOT_BUILT_HTML);
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await fs.promises.realpath(p);
  } catch {
    return null;
  }
}

/** The file's real path if it is a regular file inside rootReal; 'outside' if a symlink leads out; null if absent. */
async function fileInside(rootReal: string, candidate: string): Promise<{ path: string; size: number } | 'outside' | null> {
  const real = await realpathOrNull(candidate);
  if (real === null) return null;
  if (!isInside(rootReal, real)) return 'outside';
  try {
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? { path: real, size: stat.size } : null;
  } catch {
    return null;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: { path: string; size: number }): void {
  const type = contentTypeFor(file.path);
  const headers = type.startsWith('text/html') ? HTML_HEADERS : { ...BASE_HEADERS, 'Cache-Control': 'no-cache' };
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(file.size) });
  if (req.method === 'HEAD') return void res.end();
  const stream = fs.createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HTML_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)) });
  res.end(req.method === 'HEAD' ? undefined : html);
}
