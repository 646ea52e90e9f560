import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { OperationalError } from '../support/index.js';

/** The environment variable holding the dashboard's bearer token. */
export const DASHBOARD_TOKEN_ENV = 'QM_DASHBOARD_TOKEN';

/** True for names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return h.startsWith('::ffff:127.');
}

/**
 * Refuses to listen on a non-loopback address without a token (issue 18: safe by default).
 * @throws OperationalError `dashboard-token-required`, naming the host and what to do
 */
export function assertBindAllowed(host: string, token: string | undefined, what: string): void {
  if (isLoopbackHost(host) || (token !== undefined && token !== '')) return;
  throw new OperationalError(
    'dashboard-token-required',
    `${what} ${host} is not a loopback address: anyone who can reach it could read the estate. Set ${DASHBOARD_TOKEN_ENV} to a long random secret (clients then send \`Authorization: Bearer <token>\`), or listen on 127.0.0.1`,
  );
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks an `Authorization` header against the token in constant time (both sides hashed to
 * the same length first, so neither the length nor a prefix of the token leaks).
 */
export function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given !== '';
}

/**
 * Without a token the dashboard answers only requests addressed to a loopback name, so a web
 * page elsewhere cannot read it through DNS rebinding (a name that resolves to 127.0.0.1).
 */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (header === undefined) return false;
  const host = header.startsWith('[')
    ? header.slice(0, header.indexOf(']') + 1)
    : header.split(':')[0];
  return host !== undefined && isLoopbackHost(host);
}
