import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApplierPorts, PartnerCenterPort } from '../applier/index.js';
import type { AgentConfig } from '../config/index.js';
import type { DesiredCustomerRef } from '../model/index.js';
import {
  createPartnerCenterClient,
  type CallEvent,
  type PartnerCenterClient,
  type PartnerCenterClientOptions,
} from '../partnercenter/index.js';
import { openStateStore, type StateStore } from '../state/index.js';
import { OperationalError, systemClock, type Clock } from '../support/index.js';
import {
  createAgentStatePort,
  createPartnerCenterReads,
  createShardLayoutPort,
} from './agent-ports.js';
import { buildTokenSource } from './build-token-source.js';
import { createPartnerCenterGateway } from './partner-center-gateway.js';
import { buildPricingTokenSource, createPricingPort } from './pricing-port.js';
import { startEndpoint, type Endpoint } from './start-endpoint.js';
import { createBindingPort, createJournalPort } from './state-ports.js';

export interface AppOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  /** Every HTTP attempt the client makes (metrics, call counting). */
  readonly onCall?: (event: CallEvent) => void;
  /** Client tuning for tests and benchmarks (short timeouts, fast retries, rate budget). */
  readonly client?: Pick<PartnerCenterClientOptions, 'timeoutMs' | 'retry' | 'rateLimitPerMinute'>;
}

/**
 * The real adapters, built from the config. agent/ works through the ports it declares
 * (`state`, `reads`, `shardLayout`, `applierPorts`); `store` and `client` remain for cli/'s
 * read-only reporting (`qm billing invoice`) and for tests.
 */
export interface App {
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly store: StateStore;
  readonly client: PartnerCenterClient;
  readonly gateway: PartnerCenterPort;
  readonly endpoint: Endpoint;
  /** agent/'s `AgentStatePort` over the store. */
  readonly state: ReturnType<typeof createAgentStatePort>;
  /** agent/'s `PartnerCenterReadPort` over the client. */
  readonly reads: ReturnType<typeof createPartnerCenterReads>;
  /** agent/'s `PricingPort`; absent without `partnerCenter.pricing` (plans are unpriced). */
  readonly pricing?: ReturnType<typeof createPricingPort>;
  /** agent/'s `ShardLayoutPort`. */
  readonly shardLayout: ReturnType<typeof createShardLayoutPort>;
  /** The applier's ports, journalling under `runId`. */
  applierPorts(runId: number | undefined): ApplierPorts;
  close(): Promise<void>;
}

/**
 * Composition root: opens the state store, starts the endpoint (the embedded sandbox for
 * `endpoint: sandbox`), builds the token source and the client. `close` releases all of it.
 */
export async function createApp(
  config: AgentConfig,
  customers: readonly DesiredCustomerRef[],
  options: AppOptions,
): Promise<App> {
  const clock = options.clock ?? systemClock;
  mkdirSync(dirname(config.state), { recursive: true });
  const store = openStateStore(config.state, { clock });
  let endpoint: Endpoint;
  try {
    const tokenSource = buildTokenSource(config.partnerCenter.auth, options.env);
    endpoint = await startEndpoint(config, customers);
    const client = createPartnerCenterClient({
      ...options.client,
      baseUrl: endpoint.baseUrl,
      tokenSource,
      clock,
      ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
      ...(config.partnerCenter.rateLimitPerMinute === undefined
        ? {}
        : { rateLimitPerMinute: config.partnerCenter.rateLimitPerMinute }),
    });
    const gateway = createPartnerCenterGateway(client);
    const pricing = buildPricing(config, endpoint, store, clock, options);
    const mode = config.partnerCenter.auth.mode;
    return {
      config,
      clock,
      store,
      client,
      gateway,
      endpoint,
      state: createAgentStatePort(store),
      reads: createPartnerCenterReads(client, {
        canReadEntitlements: mode === 'none' || mode === 'access-token',
      }),
      ...(pricing === undefined ? {} : { pricing }),
      shardLayout: createShardLayoutPort(),
      applierPorts: (runId) => ({
        journal: createJournalPort(store, runId),
        bindings: createBindingPort(store),
        partnerCenter: gateway,
        newRequestId: () => crypto.randomUUID(),
        sleep: (ms) => clock.sleep(ms),
        now: () => clock.now(),
      }),
      close: async () => {
        await client.close();
        await pricing?.client.close();
        await endpoint.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * The pricing port when `partnerCenter.pricing` is configured. `endpoint: sandbox` prices from
 * the same embedded sandbox the rest of the agent talks to.
 */
function buildPricing(
  config: AgentConfig,
  endpoint: Endpoint,
  store: StateStore,
  clock: Clock,
  options: AppOptions,
): ReturnType<typeof createPricingPort> | undefined {
  const pricing = config.partnerCenter.pricing;
  if (pricing === undefined) return undefined;
  let baseUrl: string;
  if (pricing.endpoint.kind === 'url') baseUrl = pricing.endpoint.baseUrl;
  else if (endpoint.sandbox !== undefined) baseUrl = endpoint.baseUrl;
  else {
    throw new OperationalError(
      'pricing-sandbox-unavailable',
      'partnerCenter.pricing.endpoint "sandbox" is the embedded emulator, which runs only with partnerCenter.endpoint: sandbox; write the URL that serves the price sheets instead',
    );
  }
  return createPricingPort({
    config: pricing,
    baseUrl,
    tokenSource: buildPricingTokenSource(pricing.auth, options.env, (message) =>
      process.stderr.write(`${message}\n`),
    ),
    store,
    clock,
    ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
  });
}
