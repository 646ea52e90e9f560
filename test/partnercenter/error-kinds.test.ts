import { describe, expect, it } from 'vitest';
import { classifyFailure, PartnerCenterError } from '../../src/partnercenter/index.js';

describe('classifyFailure', () => {
  it.each([
    // status, code, kind, retry — §1.9 codes the agent branches on
    [400, '800090', 'decrease-window-closed', 'never'],
    [400, '900117', 'cancel-window-closed', 'never'],
    [400, '2002', 'quantity-out-of-range', 'never'],
    [400, '2055', 'etag-stale', 'never'],
    [412, '2055', 'etag-stale', 'never'],
    [409, '800060', 'order-in-progress', 'never'],
    [409, '800064', 'cart-in-progress', 'never'],
    [400, '800065', 'cart-already-submitted', 'never'],
    [404, '800008', 'cart-not-found', 'never'],
    [400, '800070', 'market-unavailable', 'never'],
    [400, '800091', 'subscription-suspended', 'never'],
    [400, '2011', 'subscription-deleted', 'never'],
    [404, '20000', 'order-not-found', 'never'],
    [404, '20003', 'subscription-not-found', 'never'],
    [403, '900329', 'app-only-not-supported', 'never'],
    [400, '800018', 'sandbox-limit', 'never'],
    // 401s: whatever the code, a new token is needed, not a retry
    [401, '400', 'unauthorized', 'never'],
    [401, '800001', 'unauthorized', 'never'],
    [401, '900420', 'unauthorized', 'never'],
    [401, 'http-401', 'unauthorized', 'never'],
    // throttling and server errors are transient for every method
    [429, 'http-429', 'throttled', 'transient'],
    [429, '429', 'throttled', 'transient'],
    [500, '800003', 'server-error', 'transient'],
    [500, '800005', 'server-error', 'transient'],
    [500, '800094', 'server-error', 'transient'],
    [502, 'http-502', 'server-error', 'transient'],
    [503, '800090', 'server-error', 'transient'],
    // transport
    [0, 'network', 'network', 'transient'],
    [0, 'timeout', 'timeout', 'transient'],
    [200, 'malformed-response', 'malformed-response', 'reads-only'],
    // fallbacks by status for codes not in the table
    [403, '2006', 'forbidden', 'never'],
    [404, '60003', 'not-found', 'never'],
    [409, '800014', 'conflict', 'never'],
    [400, '800002', 'bad-request', 'never'],
    [417, '800036', 'bad-request', 'never'],
  ] as const)('HTTP %i code %s → %s (%s)', (status, code, kind, retry) => {
    expect(classifyFailure({ status, code })).toEqual({ kind, retry });
    const error = new PartnerCenterError(code, status, 'rid', 'message');
    expect([error.kind, error.retry]).toEqual([kind, retry]);
  });
});
