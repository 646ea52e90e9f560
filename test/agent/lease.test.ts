import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLease, LEASE_TTL_MS } from '../../src/agent/index.js';
import { createAgentStatePort } from '../../src/app/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';

describe('withLease', () => {
  let store: StateStore | undefined;
  let dir: string | undefined;
  afterEach(() => {
    vi.useRealTimers();
    store?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('aborts the writer once another one has taken the lease over, and leaves theirs alone', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    dir = mkdtempSync(join(tmpdir(), 'qm-lease-'));
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    store = openStateStore(join(dir, 'qm.db'), { clock });
    const ports = { state: createAgentStatePort(store) };

    const seen = await withLease(ports, 'apply', (_owner, lost) => {
      expect(lost.aborted).toBe(false);
      vi.advanceTimersByTime(20_000); // a renewal in time keeps it
      expect(lost.aborted).toBe(false);
      clock.advance(LEASE_TTL_MS + 20_001); // stalled past expiry…
      expect(() => store!.lease.acquire('other-host:99:run', LEASE_TTL_MS)).toThrow(/locked by/);
      clock.advance(LEASE_TTL_MS); // …seen unrenewed for a whole lease, another writer takes over
      store!.lease.acquire('other-host:99:run', LEASE_TTL_MS);
      vi.advanceTimersByTime(20_000);
      return Promise.resolve({
        aborted: lost.aborted,
        reason: (lost.reason as { code?: string }).code,
      });
    });
    expect(seen).toEqual({ aborted: true, reason: 'lease-lost' });
    expect(store.lease.current()?.owner).toBe('other-host:99:run');
  });
});
