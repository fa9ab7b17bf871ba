// Raw HTTP for host tests. http.request (not fetch) so a test can send any Host
// header, none at all, or a path fetch would normalise (`/../x`).
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Omit the Host header entirely. */
  noHost?: boolean;
  body?: string | Buffer;
  /** Sent in chunks without Content-Length (streamed). */
  chunks?: Buffer[];
}

export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: r.port, method: r.method ?? 'GET', path: r.path, headers: r.headers ?? {}, setHost: !r.noHost, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    // After the server answers early (413) it may cut the upload off: that is not the test's failure.
    req.on('error', (err) => setTimeout(() => reject(err), 500));
    if (r.chunks) {
      const write = (i: number): void => {
        if (i >= r.chunks!.length) return void req.end();
        if (req.destroyed) return;
        req.write(r.chunks![i], () => write(i + 1));
      };
      write(0);
    } else {
      req.end(r.body);
    }
  });
}

export function json(res: RawResponse): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  return JSON.parse(res.body) as ReturnType<typeof json>;
}
