import { changeHolds } from './execute-change.js';
import { recordedProductName } from './journal-product-name.js';
import type { ApplierPorts, JournalRow, SubscriptionChange } from './ports.js';

/** What recovery did with one journal row left unsettled by a crash or an unknown outcome. */
export interface RecoveryNote {
  readonly rowId: number;
  readonly step: JournalRow['step'];
  readonly customerId: string;
  readonly item: string;
  /** The product's name the row recorded (display only), when the plan knew it. */
  readonly productName?: string;
  readonly outcome: 'succeeded' | 'failed' | 'unknown';
  readonly message: string;
}

/**
 * Settles every unsettled journal row before anything is planned (docs/decisions.md), so a process
 * killed at any point never buys twice:
 * - checkout: re-driven on the SAME cart with the SAME MS-RequestId (checkout is idempotent per
 *   cart: a repeat returns the first result), then the order is bound;
 * - create-cart: nothing was bought; the row is closed and the purchase is planned afresh;
 * - PATCH: the subscription is re-read; the change either shows (succeeded) or not (failed, and
 *   the next plan, which is absolute, asks for it again);
 * - registration: the status is re-read.
 * A row whose outcome still cannot be learned stays `unknown` and keeps blocking a re-purchase.
 */
export async function recoverUnsettled(ports: ApplierPorts): Promise<RecoveryNote[]> {
  const notes: RecoveryNote[] = [];
  for (const row of ports.journal.listUnsettled()) {
    notes.push(await recoverRow(row, ports));
  }
  return notes;
}

async function recoverRow(row: JournalRow, ports: ApplierPorts): Promise<RecoveryNote> {
  const productName = recordedProductName(row.request);
  const note = (outcome: RecoveryNote['outcome'], message: string): RecoveryNote => ({
    rowId: row.id,
    step: row.step,
    customerId: row.customerId,
    item: row.item,
    ...(productName === undefined ? {} : { productName }),
    outcome,
    message,
  });
  const pc = ports.partnerCenter;
  try {
    switch (row.step) {
      case 'create-cart':
        ports.journal.settle(row.id, {
          status: 'failed',
          errorCode: 'interrupted',
          message: 'interrupted before checkout; nothing was bought',
        });
        return note('failed', 'cart creation interrupted before checkout; nothing bought');
      case 'checkout': {
        if (row.cartId === undefined) throw new Error('checkout row without a cart id');
        const outcome = await pc.checkout(row.customerId, row.cartId, row.requestId);
        const orderIds = outcome.orders.map((o) => o.id);
        const order = outcome.orders[0];
        if (order !== undefined) {
          const existing = ports.bindings.get(row.customerId, row.item);
          const purchased = purchasedFromRow(row);
          ports.bindings.put({
            ...(existing ?? {}),
            customerId: row.customerId,
            item: row.item,
            kind: existing?.kind ?? (isSubscriptionPurchase(row) ? 'subscription' : 'purchase'),
            orderId: order.id,
            ...(purchased === undefined ? {} : { purchased }),
            boundAt: ports.now().toISOString(),
          });
        }
        ports.journal.settle(row.id, {
          status: order === undefined ? 'failed' : 'succeeded',
          orderIds,
          response: { recovered: true, orderErrors: outcome.orderErrors },
        });
        return note(
          order === undefined ? 'failed' : 'succeeded',
          `checkout re-driven on cart ${row.cartId}: orders ${orderIds.join(', ') || 'none'}`,
        );
      }
      case 'patch-subscription': {
        if (row.subscriptionId === undefined)
          throw new Error('PATCH row without a subscription id');
        const change = (row.request as { change?: SubscriptionChange }).change ?? {};
        const live = await pc.getSubscription(row.customerId, row.subscriptionId);
        const held = changeHolds(change, live);
        ports.journal.settle(row.id, {
          status: held ? 'succeeded' : 'failed',
          response: { recovered: true, quantity: live.quantity, status: live.status },
          ...(held
            ? {}
            : { errorCode: 'interrupted', message: 'interrupted; the change did not take effect' }),
        });
        return note(
          held ? 'succeeded' : 'failed',
          held
            ? 'change confirmed by re-reading the subscription'
            : 'change not applied; the next plan asks again',
        );
      }
      case 'create-transition': {
        // A full upgrade keeps the subscription and changes its product/SKU: re-read it.
        if (row.subscriptionId === undefined)
          throw new Error('transition row without a subscription id');
        const wanted = String(
          (row.request as { transition?: { toCatalogItemId?: string } }).transition
            ?.toCatalogItemId ?? '',
        ).toUpperCase();
        const live = await pc.getSubscription(row.customerId, row.subscriptionId);
        const held = wanted.startsWith(`${live.productId}:${live.skuId}:`.toUpperCase());
        ports.journal.settle(row.id, {
          status: held ? 'succeeded' : 'failed',
          response: { recovered: true, productId: live.productId, skuId: live.skuId },
          ...(held
            ? {}
            : {
                errorCode: 'interrupted',
                message: 'interrupted; the subscription shows no transition',
              }),
        });
        return note(
          held ? 'succeeded' : 'failed',
          held
            ? 'transition confirmed by re-reading the subscription'
            : 'transition not seen on the subscription; the next plan asks again',
        );
      }
      case 'register': {
        const azure = String(
          (row.request as { azureSubscriptionId?: string }).azureSubscriptionId ?? '',
        );
        const status = (await pc.getRegistrationStatus(row.customerId, azure)).toLowerCase();
        const done = status === 'registered' || status === 'registering';
        ports.journal.settle(
          row.id,
          done
            ? { status: 'succeeded', response: { recovered: true, status } }
            : {
                status: 'failed',
                errorCode: 'interrupted',
                message: `registration status ${status}`,
              },
        );
        return note(done ? 'succeeded' : 'failed', `registration status ${status}`);
      }
    }
  } catch (error) {
    const failure = pc.classifyFailure(error);
    if (failure.class === 'refused' && row.step !== 'checkout') {
      ports.journal.settle(row.id, {
        status: 'failed',
        errorCode: failure.code,
        message: failure.message,
      });
      return note('failed', failure.message);
    }
    // A checkout whose re-drive is refused or unreachable may still have bought: keep it open.
    ports.journal.settle(row.id, {
      status: 'unknown',
      errorCode: failure.code,
      message: failure.message,
    });
    return note('unknown', `${failure.message}; the purchase stays blocked until this is settled`);
  }
}

function isSubscriptionPurchase(row: JournalRow): boolean {
  return (row.request as { target?: string }).target === 'subscription';
}

function purchasedFromRow(row: JournalRow): Readonly<Record<string, string | number>> | undefined {
  return (row.request as { purchased?: Record<string, string | number> }).purchased;
}
