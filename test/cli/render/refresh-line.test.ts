import { describe, expect, it } from 'vitest';
import { refreshLine } from '../../../src/cli/render/refresh-line.js';

describe('refreshLine', () => {
  it('says nothing for plans made with refresh mode full', () => {
    expect(refreshLine(undefined)).toBeUndefined();
  });

  it('says why an incremental cycle read everyone', () => {
    expect(
      refreshLine({
        mode: 'full',
        fullReason: {
          code: 'full-every',
          detail:
            'the last full refresh began at 2026-03-01T10:00:00.000Z, refresh.fullEvery ago or more',
        },
        fresh: 1,
        fromSnapshot: 0,
        freshBecause: { full: 1 },
      }),
    ).toBe(
      'Refresh: full, 1 customer read from Partner Center (the last full refresh began at 2026-03-01T10:00:00.000Z, refresh.fullEvery ago or more).',
    );
  });

  it('counts reads by reason, snapshots with the oldest, and the audit window', () => {
    expect(
      refreshLine({
        mode: 'incremental',
        fresh: 3,
        fromSnapshot: 9997,
        oldestSnapshotAt: '2026-03-02T10:00:00.000Z',
        freshBecause: { 'audit-activity': 2, deadline: 1 },
        audit: {
          from: '2026-03-02T10:15:00.000Z',
          to: '2026-03-02T11:00:00.000Z',
          pages: 2,
          records: 612,
        },
      }),
    ).toBe(
      'Refresh: incremental, 3 customers read from Partner Center (2 audit activity, 1 renewal or window due), 9997 customers planned from snapshots (oldest 2026-03-02T10:00:00.000Z); audit records 2026-03-02T10:15:00.000Z → 2026-03-02T11:00:00.000Z: 612 in 2 pages.',
    );
  });
});
