import type { IncomingMessage, ServerResponse } from 'node:http';

/** A response ready to write: status, headers and the exact body text. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** A binary body sent instead of `body` (a zipped price sheet); never stored for replay. */
  readonly bytes?: Buffer;
}

const MAX_BODY = 5 * 1024 * 1024;

/** Reads the request body as text (rejects bodies over 5 MB). */
export function readBodyText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new RangeError('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A JSON response (or an empty body when `body` is undefined). */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): WireResponse {
  if (body === undefined) return { status, headers: { ...headers }, body: '' };
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** Writes a response unless the client has already gone away. */
export function writeResponse(
  res: ServerResponse,
  response: WireResponse,
  extraHeaders: Readonly<Record<string, string>>,
): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = response.bytes ?? response.body;
  res.writeHead(response.status, {
    ...extraHeaders,
    ...response.headers,
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

/** First value of a request header. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
