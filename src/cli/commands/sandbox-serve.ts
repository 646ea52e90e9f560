import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { SandboxSeed } from '../../sandbox/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { UserError } from '../user-error.js';

interface ServeOptions {
  port: string;
  host: string;
  db: string;
  memory?: boolean;
  seed?: string;
  dialect: string;
}

const DIALECTS = ['extended', 'documented'] as const;

/** Default port of `qm sandbox serve` (`--port 0` picks a free one). */
export const SANDBOX_DEFAULT_PORT = 4780;

/**
 * `qm sandbox serve [--port N] [--host H] [--seed FILE] [--db FILE] [--memory] [--dialect D]`: runs the
 * embedded Partner Center emulator until SIGINT/SIGTERM. Prints the API root (for
 * `partnerCenter.endpoint`) and the bearer tokens on stdout; the first line is
 * `sandbox listening on <url>`. State persists in `--db` (default `state/sandbox.db`, relative
 * to the working directory) unless `--memory`; `--seed` (JSON or YAML, see docs/sandbox.md)
 * applies only when the database is new. `--dialect documented` renders only the fields of
 * Microsoft's documented examples (default `extended`: plus the .NET SDK model fields).
 */
export const registerSandboxServe: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  const sandbox =
    program.commands.find((command) => command.name() === 'sandbox') ??
    program.command('sandbox').description('the embedded Partner Center emulator');
  sandbox
    .command('serve')
    .description('run the Partner Center sandbox as an HTTP server')
    .option('--port <n>', 'port to listen on (0 = any free port)', String(SANDBOX_DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite file that keeps the sandbox state', 'state/sandbox.db')
    .option('--memory', 'keep the state in memory only (nothing survives a restart)')
    .option('--seed <file>', 'seed (JSON or YAML) for a new database')
    .option(
      '--dialect <dialect>',
      'wire shapes: extended (documented + SDK model fields) or documented',
      'extended',
    )
    .action(async (options: ServeOptions) => {
      await serve(ctx, options);
    });
};

async function serve(ctx: CommandContext, options: ServeOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError(
      'bad-port',
      `--port must be an integer from 0 to 65535, not "${options.port}"`,
    );
  }
  const dialect = DIALECTS.find((d) => d === options.dialect);
  if (dialect === undefined) {
    throw new UserError(
      'bad-dialect',
      `--dialect must be one of ${DIALECTS.join(', ')}, not "${options.dialect}"`,
    );
  }
  const dbPath = options.memory === true ? ':memory:' : resolve(ctx.io.cwd, options.db);
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const seed = options.seed === undefined ? undefined : readSeed(resolve(ctx.io.cwd, options.seed));
  // Loaded on demand so other commands do not pay for the sandbox's modules at start-up.
  const { SANDBOX_TOKENS, startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox({
    port,
    host: options.host,
    dbPath,
    dialect,
    ...(seed === undefined ? {} : { seed }),
  });
  ctx.io.out(`sandbox listening on ${sandbox.url}`);
  ctx.io.out(`  endpoint (partnerCenter.endpoint): ${sandbox.url}`);
  ctx.io.out(`  state: ${dbPath === ':memory:' ? 'in memory' : dbPath}`);
  ctx.io.out(`  dialect: ${dialect}`);
  ctx.io.out(`  App+User token: ${SANDBOX_TOKENS.appUser}`);
  ctx.io.out(`  app-only token: ${SANDBOX_TOKENS.appOnly}`);
  ctx.io.out(`  admin API: ${sandbox.url}/_sandbox/state`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  ctx.io.err('sandbox stopped');
  ctx.setExitCode(ExitCode.ok);
}

function readSeed(path: string): SandboxSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('seed-unreadable', `cannot read the seed file ${path}`, { cause: error });
  }
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UserError('seed-invalid', `the seed file ${path} is not valid JSON/YAML`, {
      cause: error,
    });
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    !Array.isArray((value as { customers?: unknown }).customers)
  ) {
    throw new UserError('seed-invalid', `the seed file ${path} must have a "customers" list`);
  }
  return value as SandboxSeed;
}
