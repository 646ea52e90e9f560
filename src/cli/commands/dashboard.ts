import type { Command } from 'commander';
import { parseShard, type Shard } from '../../agent/index.js';
import {
  assertBindAllowed,
  createReadModel,
  createWorkerBuilder,
  DASHBOARD_TOKEN_ENV,
  startDashboardServer,
  type DashboardServer,
} from '../../dashboard/index.js';
import { systemClock } from '../../support/index.js';
import type { CliIo } from '../io.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { UserError } from '../user-error.js';
import { loadConfigOrStop } from '../workspace.js';
import { applyShardToConfig, SHARD_HELP } from './shard-option.js';

/** `qm dashboard` listens here unless `--port` says otherwise. */
export const DEFAULT_DASHBOARD_PORT = 8585;

interface DashboardOptions {
  config?: string;
  port?: string;
  host?: string;
  shard?: string;
}

/**
 * `qm dashboard`: the read-only web dashboard over the state store (docs/dashboard.md) until
 * SIGINT/SIGTERM. Loopback by default; a non-loopback `--host` needs `QM_DASHBOARD_TOKEN`.
 * Never writes and never calls Partner Center.
 */
export const registerDashboard: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('dashboard')
    .description('serve the read-only web dashboard over the state store (no network calls)')
    .option('--port <port>', `TCP port; 0 = any free port (default ${DEFAULT_DASHBOARD_PORT})`)
    .option(
      '--host <host>',
      `listen address (default 127.0.0.1; anything else needs ${DASHBOARD_TOKEN_ENV})`,
    )
    .option('--shard <i/n>', SHARD_HELP)
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<DashboardOptions>();
      const port = parsePort(opts.port, '--port') ?? DEFAULT_DASHBOARD_PORT;
      const server = await serveDashboard(ctx.io, {
        ...(opts.config === undefined ? {} : { configFlag: opts.config }),
        ...(opts.shard === undefined ? {} : { shard: opts.shard }),
        port,
        host: opts.host ?? '127.0.0.1',
        what: '--host',
        waitForView: true,
      });
      ctx.io.err(`qm dashboard: serving ${server.url} (read-only); Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
};

/** Where and what to serve. */
export interface ServeDashboardOptions {
  readonly configFlag?: string;
  readonly shard?: string;
  readonly port: number;
  readonly host: string;
  /** How the host was given, for the refusal message (`--host`, `daemon.dashboardHost`). */
  readonly what: string;
  /** Resolve only once the first view is built. */
  readonly waitForView?: boolean;
}

/**
 * Starts the dashboard over the config's state file (narrowed to `--shard`). The estate view
 * is built in a worker thread from the state file and the specs, and rebuilt when they change
 * (spec errors go to stderr; the pages keep the last good specs and say so). Shared by
 * `qm dashboard` (which waits for the first view before saying it serves) and `qm run`
 * (`daemon.dashboardPort`: it does not wait; pages answer 503 and reload until the view is ready).
 * @throws UserError `invalid-input` (config with errors), `invalid-argument` (`--shard`),
 *   OperationalError `dashboard-token-required`, the listen error (port taken)
 */
export async function serveDashboard(
  io: CliIo,
  options: ServeDashboardOptions,
): Promise<DashboardServer> {
  const config = loadConfigOrStop(io, options.configFlag);
  const shard = options.shard === undefined ? undefined : parseShardOrStop(options.shard);
  const statePath = applyShardToConfig(config, options.shard).state;
  const log = (message: string): void => io.err(message);
  const token = io.env[DASHBOARD_TOKEN_ENV];
  assertBindAllowed(options.host, token, options.what);
  const model = createReadModel({
    statePath,
    clock: systemClock,
    log,
    builder: createWorkerBuilder(
      {
        statePath,
        specsDir: config.specs,
        cwd: io.cwd,
        ...(shard === undefined ? {} : { shard }),
      },
      log,
    ),
  });
  try {
    const server = await startDashboardServer({
      model,
      port: options.port,
      host: options.host,
      ...(token === undefined ? {} : { token }),
      log,
      what: options.what,
    });
    if (options.waitForView === true) await model.ready();
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await model.close();
      },
    };
  } catch (error) {
    await model.close();
    throw error;
  }
}

function parseShardOrStop(text: string): Shard {
  const parsed = parseShard(text);
  if (!parsed.ok) throw new UserError('invalid-argument', parsed.message);
  return parsed.shard;
}

/** A TCP port from a flag or setting; `undefined` when not given. @throws UserError */
export function parsePort(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || text.trim() === '') {
    throw new UserError(
      'invalid-argument',
      `${what} ${text} must be a TCP port from 0 to 65535 (0 = any free port)`,
    );
  }
  return port;
}
