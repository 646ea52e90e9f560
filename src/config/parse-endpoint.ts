import type { EndpointConfig } from './agent-config.js';

/** A parsed value, or a message saying what is wrong and what is allowed. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Parses `partnerCenter.endpoint`: `sandbox`, or an http(s) API root such as
 * https://api.partnercenter.microsoft.com. Every request path starts with `/v1/`
 * (docs/partner-center-api.md §1.1), so the root must not end in `/v1`: the client adds it.
 */
export function parseEndpoint(text: string): Parsed<EndpointConfig> {
  if (text.trim().toLowerCase() === 'sandbox') return { ok: true, value: { kind: 'sandbox' } };
  const url = parseHttpUrl(text, 'endpoint');
  if (!url.ok) {
    return {
      ok: false,
      message: `${url.message}; use "sandbox" or an API root such as https://api.partnercenter.microsoft.com`,
    };
  }
  if (/\/v1$/i.test(url.value)) {
    const root = url.value.replace(/\/v1$/i, '');
    return {
      ok: false,
      message: `endpoint must be the API root without /v1 (the client adds /v1): use ${root}`,
    };
  }
  return { ok: true, value: { kind: 'url', baseUrl: url.value } };
}

/**
 * Checks an http(s) base URL (no query, fragment or credentials) and returns it without a
 * trailing slash. Plain `http` is refused unless the host is loopback: the agent sends a bearer
 * token (or a secret) to these URLs, and it must not travel in clear. `what` names the
 * setting in the message.
 */
export function parseHttpUrl(text: string, what: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: `${what} \`${text}\` is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `${what} \`${text}\` must use http or https` };
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return {
      ok: false,
      message: `${what} \`${text}\` must not carry a query, fragment or credentials`,
    };
  }
  if (url.protocol === 'http:' && !isLoopback(url)) {
    return { ok: false, message: plainHttpMessage(`${what} \`${text}\``) };
  }
  return { ok: true, value: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

/** Why plain http to `subject` is refused, and what to do instead. */
export function plainHttpMessage(subject: string): string {
  return `${subject} uses plain http to a host that is not loopback, so the tokens and secrets sent there would travel in clear: use https (http is allowed only for 127.0.0.0/8, ::1 and localhost, e.g. the sandbox)`;
}

/** True for 127.0.0.0/8, ::1 and `localhost` (the URL parser has normalised the host). */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
