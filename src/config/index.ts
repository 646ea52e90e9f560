/**
 * config/ — the agent config (`agent.config.yaml`, docs/config-reference.md) as a resolved `AgentConfig`.
 * Pipeline: pick the file (--config > QM_CONFIG > ./agent.config.yaml) → parse (yaml with
 * positions) → pick the document (an empty file, or one that is not a config, is refused; the
 * latter never echoed) → inline-secret check → schema (ajv) → resolve precedence flag > env >
 * file > default, paths against the config file's folder, values (endpoint, authority, cron;
 * plain http only to loopback).
 *
 * May import: model/, support/ (and node:fs, node:path, yaml, ajv, node-cron).
 * Invariants: secrets never enter the config — only env var names and file paths; every
 * problem in the file is a `Diagnostic` with file:line:col; only a missing/unreadable
 * explicitly named file throws (`ConfigFileError`).
 */
export * from './agent-config.js';
export { loadConfig, type ConfigLoadResult, type LoadConfigInput } from './load-config.js';
export { ConfigFileError } from './config-file-error.js';
export { CONFIG_ENV, type ConfigDocument, type ConfigOverrides } from './config-document.js';
export { CONFIG_SCHEMA } from './config-schema.js';
export { parseEndpoint, parseHttpUrl, type Parsed } from './parse-endpoint.js';
export { parsePricingEndpoint } from './resolve-pricing.js';
