import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import {
  diagnosticsFromSchemaErrors,
  parseYamlSource,
  sortDiagnostics,
  type Diagnostic,
  type SourceDocument,
} from '../support/index.js';
import { DEFAULT_CONFIG_FILE, type AgentConfig } from './agent-config.js';
import { checkInlineSecrets } from './check-inline-secrets.js';
import { ConfigFileError } from './config-file-error.js';
import { CONFIG_ENV, type ConfigOverrides } from './config-document.js';
import { CONFIG_PATTERN_NAMES, CONFIG_SCHEMA } from './config-schema.js';
import { pickConfigDocument } from './pick-config-document.js';
import { resolveConfig } from './resolve-config.js';

export interface LoadConfigInput {
  /** `--config FILE`; beats `QM_CONFIG`. Relative to `cwd`. */
  readonly flagPath?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Settings given as CLI flags: they beat env vars and the file. */
  readonly overrides?: ConfigOverrides;
}

export interface ConfigLoadResult {
  /** Complete and resolved. When `diagnostics` hold errors it is a best effort: do not act on it. */
  readonly config: AgentConfig;
  /** Sorted; file paths absolute (env/flag values are reported as `$QM_X` / `--flag`). */
  readonly diagnostics: readonly Diagnostic[];
}

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
const validateSchema = ajv.compile(CONFIG_SCHEMA);

/**
 * Loads the agent config: picks the file (`--config` > `QM_CONFIG` > `./agent.config.yaml`;
 * with none of them and no such file, built-in defaults apply with `cwd` as the base), parses
 * it with positions, validates it (schema, inline secrets, values), then resolves precedence
 * flag > env > file > default with relative paths against the config file's folder. A file
 * that is empty or is not a config is an error diagnostic, never replaced by the defaults.
 *
 * @throws ConfigFileError when the file named by `--config`/`QM_CONFIG` is missing or unreadable.
 */
export function loadConfig(input: LoadConfigInput): ConfigLoadResult {
  const named = input.flagPath ?? nonEmpty(input.env[CONFIG_ENV.config]);
  const source = input.flagPath !== undefined ? '--config' : CONFIG_ENV.config;
  const implicit = resolve(input.cwd, DEFAULT_CONFIG_FILE);
  const file =
    named !== undefined ? resolve(input.cwd, named) : existsSync(implicit) ? implicit : undefined;
  const overrides = input.overrides ?? {};
  const from = named === undefined ? '' : ` (from ${source})`;
  if (file === undefined) {
    const { config, diagnostics } = resolveConfig({
      baseDir: input.cwd,
      cwd: input.cwd,
      env: input.env,
      overrides,
    });
    return { config, diagnostics: sortDiagnostics(diagnostics) };
  }

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigFileError(
      missing ? 'config-not-found' : 'config-unreadable',
      file,
      missing
        ? `config file ${file}${from} does not exist: create it (see docs/config-reference.md) or point --config / QM_CONFIG at an existing file`
        : `config file ${file}${from} cannot be read: ${String(error)}`,
      { cause: error },
    );
  }

  const picked = pickConfigDocument(file, parseYamlSource(file, text), from);
  const diagnostics: Diagnostic[] = [...picked.diagnostics];
  const usable = picked.doc;
  if (usable !== undefined) diagnostics.push(...validateDocument(usable));
  const resolved = resolveConfig({
    ...(usable === undefined ? {} : { doc: usable }),
    baseDir: dirname(file),
    cwd: input.cwd,
    env: input.env,
    overrides,
  });
  const config: AgentConfig = { ...resolved.config, file };
  return { config, diagnostics: sortDiagnostics([...diagnostics, ...resolved.diagnostics]) };
}

function validateDocument(doc: SourceDocument): Diagnostic[] {
  const secrets = checkInlineSecrets(doc);
  const secretPaths = new Set(secrets.map((d) => d.path));
  const value = doc.value ?? {};
  const schema = validateSchema(value)
    ? []
    : diagnosticsFromSchemaErrors(
        validateSchema.errors ?? [],
        { ...doc, value },
        {
          schema: CONFIG_SCHEMA,
          patternNames: CONFIG_PATTERN_NAMES,
          // Auth values may be a secret pasted into the wrong field: never echo them.
          hideValue: (path) =>
            (path.startsWith('partnerCenter.auth.') && path !== 'partnerCenter.auth.mode') ||
            (path.startsWith('partnerCenter.pricing.auth.') &&
              path !== 'partnerCenter.pricing.auth.mode'),
        },
      );
  // An inline secret is also an unknown key; the secret message is the one that helps.
  return [...secrets, ...schema.filter((d) => !secretPaths.has(d.path))];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
