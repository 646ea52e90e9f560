/**
 * support/ — domain-free helpers shared by every layer.
 *
 * May import: nothing from src/ (only node built-ins that do no I/O, e.g. node:crypto, and the
 * pure parsing libraries `yaml` and `ajv` for source-positioned diagnostics).
 * Invariant: nothing here knows about Partner Center, specs or plans.
 */
export * from './brand.js';
export * from './canonical-json.js';
export * from './clock.js';
export * from './diagnostic.js';
export * from './guid.js';
export * from './operational-error.js';
export * from './schema-diagnostics.js';
export * from './yaml-source.js';
export * from './chunk.js';
export * from './map-concurrent.js';
