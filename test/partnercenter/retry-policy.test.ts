import { describe, expect, it } from 'vitest';
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  PartnerCenterError,
  type RetryPolicy,
} from '../../src/partnercenter/index.js';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, jitter: () => 0.5 };
const fail = (status: number, code: string, retryAfterMs?: number): PartnerCenterError =>
  new PartnerCenterError(
    code,
    status,
    'rid',
    'm',
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );

describe('decideRetry', () => {
  it.each([
    ['GET', 0, 'network', true],
    ['GET', 0, 'timeout', true],
    ['GET', 503, 'http-503', true],
    ['GET', 429, 'http-429', true],
    ['GET', 200, 'malformed-response', true],
    ['GET', 404, '20000', false],
    ['GET', 401, '400', false],
    ['POST', 0, 'network', true],
    ['POST', 0, 'timeout', true],
    ['POST', 500, '800003', true],
    ['POST', 429, 'http-429', true],
    ['POST', 201, 'malformed-response', false],
    ['POST', 409, '800064', false],
    ['POST', 400, '800009', false],
    ['PATCH', 400, '800090', false],
    ['PATCH', 400, '2055', false],
    ['PATCH', 502, 'http-502', true],
    ['PUT', 403, '900329', false],
  ] as const)('%s failing with %i %s: retry=%s', (method, status, code, retry) => {
    expect(decideRetry(fail(status, code), 1, method, policy).kind).toBe(
      retry ? 'retry' : 'give-up',
    );
  });

  it('gives up once maxAttempts attempts were made', () => {
    expect(decideRetry(fail(503, 'x'), 3, 'GET', policy).kind).toBe('retry');
    expect(decideRetry(fail(503, 'x'), 4, 'GET', policy)).toEqual({ kind: 'give-up' });
  });

  it('waits Retry-After, capped by maxRetryAfterMs', () => {
    expect(decideRetry(fail(429, 'x', 2000), 1, 'POST', policy)).toEqual({
      kind: 'retry',
      delayMs: 2000,
    });
    expect(decideRetry(fail(429, 'x', 999_000), 1, 'GET', policy)).toEqual({
      kind: 'retry',
      delayMs: 120_000,
    });
  });

  it.each([
    [1, 0, 250],
    [1, 1, 500],
    [2, 0.5, 750],
    [3, 0, 1000],
    [10, 1, 30_000],
  ])('attempt %i with jitter %f backs off %i ms', (attempt, jitter, delay) => {
    expect(
      decideRetry(fail(503, 'x'), attempt, 'GET', {
        ...policy,
        maxAttempts: 20,
        jitter: () => jitter,
      }),
    ).toEqual({
      kind: 'retry',
      delayMs: delay,
    });
  });
});
