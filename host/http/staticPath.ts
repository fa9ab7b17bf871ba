// Pure path logic for static files: which file under the renderer folder a
// request URL names, or why it is refused. Every segment is decoded on its own,
// so encoded separators (`..%2f`) and dot-segments (`%2e%2e`) cannot climb out.
import path from 'node:path';

export type StaticTarget = { ok: true; segments: string[] } | { ok: false; status: 400 | 403 | 404; reason: string };

/** Raw request URL (`/assets/x.js?v=1`) → decoded path segments, refusing anything that could leave the folder. */
export function staticSegments(rawUrl: string): StaticTarget {
  if (!rawUrl.startsWith('/')) return { ok: false, status: 400, reason: 'request target must be a path' };
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (pathname.includes('\\') || pathname.includes('\0')) return { ok: false, status: 400, reason: 'backslash or NUL in path' };
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    // Separators, NUL and ':' (Windows drives and alternate streams) are never part of a file name we serve.
    if (/[/\\\0:]/.test(seg)) return { ok: false, status: 403, reason: 'encoded separator in path' };
    if (seg === '.' || seg === '..') return { ok: false, status: 403, reason: 'dot-segment in path' };
    if (seg.startsWith('.')) return { ok: false, status: 404, reason: 'hidden file' };
    segments.push(seg);
  }
  return { ok: true, segments };
}

/** `root` joined with `segments` if the result stays inside `root`, else null (defence in depth). */
export function resolveInside(root: string, segments: readonly string[]): string | null {
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  return isInside(base, resolved) ? resolved : null;
}

/** Whether `candidate` is `root` or below it. Compares whole segments, so /dist/renderer-evil is not inside /dist/renderer. */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

/** SPA routes (`/inventory`) have no extension and fall back to index.html; missing assets (`/x.js`) are 404. */
export function isSpaRoute(segments: readonly string[]): boolean {
  const last = segments[segments.length - 1];
  return last === undefined || !last.includes('.');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
