import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a trap holds the n-th mutating request: before the server sees it, or after it answered. */
export type KillMoment = 'before' | 'after';

export interface SprungTrap {
  readonly index: number;
  readonly moment: KillMoment;
  readonly method: string;
  readonly path: string;
  /** `after` only: the status the server answered (and committed) but the agent never got. */
  readonly status?: number;
}

/**
 * A loopback HTTP proxy in front of a sandbox that numbers the mutating requests (POST, PUT,
 * PATCH, DELETE under `/v1`) passing through it and can hold the n-th one forever: `before`
 * holds it without forwarding (the server never sees it), `after` forwards it, lets the server
 * commit and answer, and withholds the answer. The test then SIGKILLs the agent while it waits.
 */
export class KillProxy {
  readonly mutating: { method: string; path: string; status?: number }[] = [];
  #trap: { index: number; moment: KillMoment; resolve: (s: SprungTrap) => void } | undefined;
  #held = new Set<ServerResponse>();
  readonly #server: ReturnType<typeof createServer>;
  #url = '';

  private constructor(upstream: URL) {
    this.#server = createServer((req, res) => this.handle(req, res, upstream));
  }

  /** The proxy's root URL: put it in `partnerCenter.endpoint`. */
  get url(): string {
    return this.#url;
  }

  /** Starts a proxy on a free loopback port in front of `target` (a sandbox URL). */
  static async start(target: string): Promise<KillProxy> {
    const proxy = new KillProxy(new URL(target));
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    proxy.#url = `http://127.0.0.1:${(proxy.#server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Holds the `index`-th (1-based, counted from the proxy's start) mutating request. */
  arm(index: number, moment: KillMoment): Promise<SprungTrap> {
    return new Promise((resolve) => (this.#trap = { index, moment, resolve }));
  }

  disarm(): void {
    this.#trap = undefined;
  }

  async close(): Promise<void> {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse, upstream: URL): void {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isMutating = path.startsWith('/v1/') && !['GET', 'HEAD'].includes(method);
    let index = 0;
    if (isMutating) {
      this.mutating.push({ method, path });
      index = this.mutating.length;
    }
    const trap = this.#trap !== undefined && this.#trap.index === index ? this.#trap : undefined;
    if (trap !== undefined) this.#trap = undefined;
    if (trap?.moment === 'before') {
      this.#held.add(res);
      req.resume();
      trap.resolve({ index, moment: 'before', method, path });
      return;
    }
    const out = request(
      { host: upstream.hostname, port: upstream.port, method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (index > 0) {
            const entry = this.mutating[index - 1];
            if (entry !== undefined) entry.status = answer.statusCode ?? 0;
          }
          if (trap !== undefined) {
            this.#held.add(res);
            trap.resolve({ index, moment: 'after', method, path, status: answer.statusCode ?? 0 });
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  }
}
