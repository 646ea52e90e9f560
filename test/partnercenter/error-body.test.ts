import { describe, expect, it } from 'vitest';
import { decodeErrorResponse, parseRetryAfter } from '../../src/partnercenter/error-body.js';

const now = new Date('2026-01-01T00:00:00Z');
const decode = (status: number, bodyText: string, retryAfter?: string) =>
  decodeErrorResponse(
    { status, bodyText, retryAfter, requestId: 'rid-1', method: 'PATCH', path: '/v1/x' },
    now,
  );

describe('decodeErrorResponse', () => {
  it('reads the {code, description} body', () => {
    const error = decode(
      400,
      '{"code":"800090","description":"cannot decrease","data":[],"source":"PartnerFD"}',
    );
    expect([error.code, error.status, error.requestId, error.kind]).toEqual([
      '800090',
      400,
      'rid-1',
      'decrease-window-closed',
    ]);
    expect(error.message).toContain('cannot decrease');
  });

  it('reads PascalCase keys and numeric codes', () => {
    const error = decode(409, '{"Code":800060,"Description":"order in progress"}');
    expect([error.code, error.kind]).toEqual(['800060', 'order-in-progress']);
  });

  it('reads the 429 {statusCode, message} body and Retry-After', () => {
    const error = decode(
      429,
      '{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds." }',
      '57',
    );
    expect([error.code, error.kind, error.retryAfterMs]).toEqual(['http-429', 'throttled', 57_000]);
    expect(error.message).toContain('Rate limit is exceeded');
  });

  it('survives an empty or non-JSON body', () => {
    expect(decode(502, '<html>bad gateway</html>').code).toBe('http-502');
    expect(decode(503, '').kind).toBe('server-error');
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 00:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
