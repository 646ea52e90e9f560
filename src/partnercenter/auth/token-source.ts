import { OperationalError } from '../../support/index.js';

/**
 * Where bearer tokens come from. The client asks before every attempt, so a source that caches
 * (MSAL) can refresh transparently; the client never stores a token itself.
 */
export interface TokenSource {
  /** Resolves a bearer token; an empty string means "send no Authorization header". */
  getToken(signal?: AbortSignal): Promise<string>;
}

/** Thrown when a token cannot be obtained (missing variable, identity provider failure). */
export class TokenSourceError extends OperationalError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'TokenSourceError';
  }
}

/** Always the same token (sandbox tokens, tests). */
export function createStaticTokenSource(token: string): TokenSource {
  return { getToken: () => Promise.resolve(token) };
}

/** No Authorization header at all: auth mode `none`, for the embedded sandbox only. */
export const NO_AUTH_TOKEN_SOURCE: TokenSource = { getToken: () => Promise.resolve('') };

/**
 * Auth mode `access-token`: a pre-acquired bearer token read from `env[envName]` on every
 * call, so a rotated variable is picked up.
 * @throws TokenSourceError `token-env-missing` naming the variable when it is unset or empty.
 */
export function createEnvTokenSource(
  envName: string,
  env: Readonly<Record<string, string | undefined>>,
): TokenSource {
  return {
    getToken() {
      const value = env[envName]?.trim();
      if (value === undefined || value === '') {
        return Promise.reject(
          new TokenSourceError(
            'token-env-missing',
            `Environment variable ${envName} is not set; access-token mode needs a bearer token in it.`,
          ),
        );
      }
      return Promise.resolve(value.replace(/^Bearer\s+/i, ''));
    },
  };
}
