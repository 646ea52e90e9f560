import { formatYamlPath, type Diagnostic, type SourceDocument } from '../support/index.js';
import { INLINE_SECRET_KEYS } from './config-document.js';

/**
 * Finds keys anywhere in the config that would hold a secret inline (`clientSecret:`,
 * `token:`, `password:`, `privateKey:` …). Secrets may only come from env vars or files
 * (docs/config-reference.md), so each is an error at the key naming what to write instead. Pure.
 */
export function checkInlineSecrets(doc: SourceDocument): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      const instead = INLINE_SECRET_KEYS[key.toLowerCase()];
      if (instead === undefined) {
        walk(member, [...path, key]);
        continue;
      }
      const at = [...path, key];
      found.push({
        file: doc.file,
        ...doc.locate(at, 'key'),
        path: formatYamlPath(at),
        message:
          `inline secret \`${key}\` is not allowed: secrets come only from environment variables or files. ` +
          `Remove it (and rotate it if this file was shared) and write ${instead}`,
        severity: 'error',
      });
    }
  };
  walk(doc.value, []);
  return found;
}
