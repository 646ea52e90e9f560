import { describe, expect, it } from 'vitest';
import { matchSpecItems } from '../../../src/agent/index.js';
import type {
  Binding,
  DesiredCustomer,
  ItemKey,
  SubscriptionItem,
} from '../../../src/model/index.js';
import { aLive, CUSTOMER, sid } from './builders.js';

const item = (key: string, fields: Partial<SubscriptionItem> = {}): SubscriptionItem => ({
  key: key as ItemKey,
  product: 'CFQ7TTC0LH16',
  sku: '0001',
  term: 'P1M',
  billing: 'monthly',
  ensure: 'present',
  quantity: 10,
  autoRenew: true,
  source: { file: 'c.yaml', line: 1, col: 1 },
  ...fields,
});
const spec = (subscriptions: SubscriptionItem[]): DesiredCustomer => ({
  id: CUSTOMER,
  name: 'Contoso',
  country: 'US',
  file: 'c.yaml',
  subscriptions,
  purchases: [],
});
const binding = (key: string, n: number): Binding => ({
  customerId: CUSTOMER,
  item: key as ItemKey,
  kind: 'subscription',
  subscriptionId: sid(n),
  boundAt: '2026-01-01T00:00:00Z',
});

describe('matchSpecItems', () => {
  it('binds the one free match, and leaves what is bound, named or ended out of the missing', () => {
    const live = [
      aLive(1),
      aLive(2, { productId: 'CFQ7TTC0HD33' }),
      aLive(3, { productId: 'X1' }),
      aLive(4, { status: 'deleted' }),
      aLive(5, { productId: 'Y1' }),
    ];
    const coverage = matchSpecItems(
      spec([
        item('exchange'),
        item('visio', { product: 'CFQ7TTC0HD33' }),
        item('named', { product: 'Y1', subscriptionId: sid(5) }),
      ]),
      live,
      [binding('visio', 2)],
    );
    expect(coverage.bind.map((b) => [b.item, b.subscription.id])).toEqual([
      ['exchange', sid(1)],
      ['named', sid(5)],
    ]);
    expect(coverage.missing.map((s) => s.id)).toEqual([sid(3)]);
    expect(coverage.ambiguous).toEqual([]);
    expect([...coverage.taken].sort()).toEqual(['exchange', 'named', 'visio']);
  });

  it('reports an item with several matches and imports none of them', () => {
    const coverage = matchSpecItems(spec([item('exchange')]), [aLive(1), aLive(2)], []);
    expect(coverage.bind).toEqual([]);
    expect(coverage.ambiguous.map((a) => [a.item, a.candidates.map((c) => c.id)])).toEqual([
      ['exchange', [sid(1), sid(2)]],
    ]);
    expect(coverage.missing).toEqual([]);
  });

  it('binds again an item whose subscription Partner Center no longer lists', () => {
    const coverage = matchSpecItems(spec([item('exchange')]), [aLive(2)], [binding('exchange', 1)]);
    expect(coverage.bind.map((b) => [b.item, b.subscription.id])).toEqual([['exchange', sid(2)]]);
    expect(coverage.missing).toEqual([]);
    const ended = matchSpecItems(
      spec([item('exchange')]),
      [aLive(1, { status: 'expired' }), aLive(2)],
      [binding('exchange', 1)],
    );
    expect(ended.bind).toEqual([]);
    expect(ended.missing.map((s) => s.id)).toEqual([sid(2)]);
  });

  it('binds an item to the subscription its spec names when the state binds another', () => {
    const coverage = matchSpecItems(
      spec([item('exchange', { subscriptionId: sid(2) })]),
      [aLive(1), aLive(2)],
      [binding('exchange', 1)],
    );
    expect(coverage.bind.map((b) => [b.item, b.subscription.id])).toEqual([['exchange', sid(2)]]);
    expect(coverage.missing.map((s) => s.id)).toEqual([sid(1)]);
  });

  it('neither binds nor imports what an unbound tombstone names', () => {
    const coverage = matchSpecItems(spec([item('old', { ensure: 'cancelled' })]), [aLive(1)], []);
    expect(coverage.bind).toEqual([]);
    expect(coverage.missing).toEqual([]);
  });

  it('without a spec: everything live is missing, and a binding to a key no spec has is offered for reuse', () => {
    const coverage = matchSpecItems(undefined, [aLive(1), aLive(2)], [binding('gone', 2)]);
    expect(coverage.missing.map((s) => s.id)).toEqual([sid(1), sid(2)]);
    expect(coverage.boundKey).toEqual(new Map([[sid(2), 'gone']]));
    expect(coverage.taken).toEqual(new Set(['gone']));
  });
});
