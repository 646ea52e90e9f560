/**
 * Partner Center timestamps (src/partnercenter/map/wire-read.ts): canonical UTC answers take a
 * short path, everything else the general one; both give the same instant.
 */
import { describe, expect, it } from 'vitest';
import { optInstant, parseUtcInstant } from '../../src/partnercenter/map/wire-read.js';

describe('Partner Center timestamps', () => {
  it('reads canonical UTC and the older spellings to the same instant', () => {
    const at = Date.UTC(2015, 10, 25, 6, 41, 12);
    for (const text of [
      '2015-11-25T06:41:12Z',
      '2015-11-25T06:41:12.000Z',
      '2015-11-25T06: 41: 12Z',
      '2015-11-25T06:41:12',
      '2015-11-25 06:41:12z',
      '2015-11-25T07:41:12+01:00',
      '2015-11-25T07:41:12+0100',
    ])
      expect([text, parseUtcInstant(text)]).toEqual([text, at]);
    expect(parseUtcInstant('2019-11-26T07:17:23.3517492Z')).toBe(
      Date.UTC(2019, 10, 26, 7, 17, 23, 351),
    );
    expect(parseUtcInstant('2019-11-26T07:17:23.351Z')).toBe(
      Date.UTC(2019, 10, 26, 7, 17, 23, 351),
    );
  });

  it('writes instants canonically and refuses what is not one', () => {
    expect(optInstant('2026-03-02T10:00:00Z', 'x')).toBe('2026-03-02T10:00:00Z');
    expect(optInstant('2026-03-02T10:00:00.250Z', 'x')).toBe('2026-03-02T10:00:00.250Z');
    expect(optInstant('2026-03-02', 'x')).toBe('2026-03-02T00:00:00Z');
    expect(optInstant(null, 'x')).toBeUndefined();
    expect(parseUtcInstant('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(() => optInstant('next tuesday', 'subscription.creationDate')).toThrow(
      /subscription\.creationDate \(a timestamp; got "next tuesday"\)/,
    );
  });
});
