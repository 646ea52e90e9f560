import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AgentConfig } from '../config/index.js';
import type { DesiredCustomerRef } from '../model/index.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';

export interface Endpoint {
  /** API root without `/v1`. */
  readonly baseUrl: string;
  /** The embedded sandbox, when `endpoint: sandbox`. */
  readonly sandbox?: RunningSandbox;
  close(): Promise<void>;
}

/**
 * Resolves the configured endpoint. `sandbox` starts the embedded emulator in-process on a
 * loopback port, persisted to `sandbox.db` beside the state file (so a second run sees what
 * the first bought), and makes sure every customer the specs name exists there.
 */
export async function startEndpoint(
  config: AgentConfig,
  customers: readonly DesiredCustomerRef[],
): Promise<Endpoint> {
  const endpoint = config.partnerCenter.endpoint;
  if (endpoint.kind === 'url') {
    return { baseUrl: endpoint.baseUrl, close: () => Promise.resolve() };
  }
  const dbPath = join(dirname(config.state), 'sandbox.db');
  mkdirSync(dirname(dbPath), { recursive: true });
  const sandbox = await startSandbox({ dbPath, port: 0 });
  seedSpecCustomers(sandbox, customers);
  return { baseUrl: sandbox.url, sandbox, close: () => sandbox.close() };
}

/** Adds spec customers the sandbox does not know yet (existing ones are left as they are). */
export function seedSpecCustomers(
  sandbox: RunningSandbox,
  customers: readonly DesiredCustomerRef[],
): void {
  const missing = customers.filter((c) => sandbox.state.customer(c.id) === undefined);
  if (missing.length === 0) return;
  sandbox.admin.transaction(() => {
    for (const customer of missing) {
      sandbox.admin.seedCustomer({
        id: customer.id,
        name: customer.name,
        country: customer.country,
      });
    }
  });
}
