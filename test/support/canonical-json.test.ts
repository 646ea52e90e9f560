import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf, ManualClock } from '../../src/support/index.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"z":1}]},"b":1}',
    );
  });

  it('gives equal digests for equal values written in another key order', () => {
    expect(digestOf({ a: 1, b: [1, 2] })).toBe(digestOf({ b: [1, 2], a: 1 }));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: 2 }));
    expect(digestOf({ a: 1 }, 12)).toHaveLength(12);
  });
});

describe('ManualClock', () => {
  it('wakes a sleeper only once time is advanced past its deadline', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    let woke = false;
    const sleeping = clock.sleep(2000).then(() => (woke = true));
    clock.advance(1999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:02.000Z');
  });
});
