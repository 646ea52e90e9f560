import { describe, expect, it } from 'vitest';
import type { CustomerId } from '../../src/model/index.js';
import { normalizeKeys } from '../../src/partnercenter/dto/normalize-keys.js';
import { mapCart, mapCheckoutResult } from '../../src/partnercenter/map/cart.js';
import { mapAvailability, mapProduct } from '../../src/partnercenter/map/catalog.js';
import { mapRegistration } from '../../src/partnercenter/map/customer.js';
import { enumText } from '../../src/partnercenter/map/enum-text.js';
import { mapOrder } from '../../src/partnercenter/map/order.js';
import { mapSubscription, readSubscriptionDto } from '../../src/partnercenter/map/subscription.js';
import { aSubscriptionBody, CUSTOMER, SUBSCRIPTION } from './helpers.js';

const customer = CUSTOMER as CustomerId;
const decodeSubscription = (body: unknown) =>
  mapSubscription(readSubscriptionDto(normalizeKeys(body)), customer);

describe('DTO mapping', () => {
  it('decodes PascalCase and camelCase subscriptions to the same model value', () => {
    const camel = decodeSubscription(aSubscriptionBody(false));
    expect(decodeSubscription(aSubscriptionBody(true))).toEqual(camel);
    expect(camel).toEqual({
      id: SUBSCRIPTION,
      customerId: CUSTOMER,
      offerId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0K5DM',
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      friendlyName: 'M365 BP',
      quantity: 10,
      status: 'active',
      autoRenewEnabled: true,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      creationDate: '2026-01-01T00:00:00Z',
      commitmentEndDate: '2026-12-31T00:00:00Z',
      cancellationAllowedUntilDate: '2026-01-08T00:00:00Z',
      refundableQuantity: {
        totalQuantity: 10,
        details: [{ quantity: 10, allowedUntilDateTime: '2026-01-08T00:00:00Z' }],
      },
      scheduledNextTermInstructions: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        availabilityId: 'CFQ7TTC0K5DM',
        quantity: 8,
        termDuration: 'P1Y',
        billingCycle: 'monthly',
      },
      orderId: 'ord-1',
    });
  });

  it('keeps unknown enum values as strings and reads numeric enums', () => {
    const sub = decodeSubscription({
      ...aSubscriptionBody(false),
      status: 'Quarantined',
      billingCycle: 4,
    });
    expect([sub.status, sub.billingCycle]).toEqual(['quarantined', 'one_time']);
    expect(decodeSubscription({ ...aSubscriptionBody(false), status: 2 }).status).toBe('suspended');
    expect(
      decodeSubscription({ ...aSubscriptionBody(false), cancellationAllowedUntilDate: null })
        .cancellationAllowedUntilDate,
    ).toBeUndefined();
  });

  it.each([
    ['OneTime', 'one_time'],
    ['one_time', 'one_time'],
    ['Monthly', 'monthly'],
    [5, 'triennial'],
    [42, '42'],
    ['Biennial', 'biennial'],
  ])('enumText(%s) = %s', (value, text) => {
    expect(enumText(value, ['unknown', 'monthly', 'annual', 'none', 'one_time', 'triennial'])).toBe(
      text,
    );
  });

  it('rejects a subscription without an id as a malformed response', () => {
    expect(() => decodeSubscription({ ...aSubscriptionBody(false), id: undefined })).toThrow(
      /subscription\.id/,
    );
  });

  it('maps orders with line items, PascalCase status and split offer ids', () => {
    const order = mapOrder(
      normalizeKeys({
        Id: 'ord-9',
        Status: 'Completed',
        BillingCycle: 'monthly',
        CreationDate: '2026-01-01T00:00:00Z',
        LineItems: [
          {
            LineItemNumber: 0,
            OfferId: 'P1:0001:A1',
            Quantity: 3,
            SubscriptionId: SUBSCRIPTION,
            TransactionType: 'New',
          },
        ],
      }),
      customer,
    );
    expect(order).toEqual({
      id: 'ord-9',
      customerId: CUSTOMER,
      status: 'completed',
      billingCycle: 'monthly',
      creationDate: '2026-01-01T00:00:00Z',
      lineItems: [
        {
          lineItemNumber: 0,
          offerId: 'P1:0001:A1',
          productId: 'P1',
          skuId: '0001',
          quantity: 3,
          subscriptionId: SUBSCRIPTION,
          billingCycle: 'monthly',
        },
      ],
    });
  });

  it('maps cart line errors (integer codes) and traces order errors to lines by orderGroup', () => {
    const cart = mapCart({
      id: 'cart-1',
      status: 'Active',
      lineItems: [
        {
          id: 0,
          catalogItemId: 'P1:0001:A1',
          quantity: 1,
          billingCycle: 'monthly',
          orderGroup: '0',
        },
        {
          id: 1,
          catalogItemId: 'P2:0001:A2',
          quantity: 1,
          billingCycle: 'one_time',
          orderGroup: '1',
          error: { errorCode: 10003, errorDescription: 'no inventory' },
        },
      ],
    });
    expect(cart.status).toBe('active');
    expect(cart.lineItems[1]?.error).toEqual({ code: 10003, description: 'no inventory' });
    const result = mapCheckoutResult(
      { orders: [], orderErrors: [{ orderGroupId: '1', code: 800010, description: 'x' }] },
      customer,
      cart,
    );
    expect(result.orderErrors).toEqual([
      { orderGroupId: '1', code: '800010', description: 'x', lineItemIds: [1] },
    ]);
  });

  it('maps products to kinds and availabilities to terms', () => {
    expect(mapProduct({ id: 'P', productType: { id: 'OnlineServices' } }).productKind).toBe(
      'license',
    );
    expect(
      mapProduct({ id: 'P', productType: { id: 'Azure', subType: { id: 'AzureReservations' } } })
        .productKind,
    ).toBe('azure-reservation');
    expect(mapProduct({ id: 'P', productType: { id: 'Hologram' } }).productKind).toBe('hologram');
    const availability = mapAvailability(
      { id: 'A1', terms: [{ duration: 'P1Y', billingCycle: 'Annual' }] },
      'P',
      '0001',
      'us',
    );
    expect(availability).toEqual({
      id: 'A1',
      productId: 'P',
      skuId: '0001',
      catalogItemId: 'P:0001:A1',
      country: 'US',
      terms: [{ duration: 'P1Y', billingCycle: 'annual' }],
      isPurchasable: true,
    });
  });

  it('normalises registration status casing', () => {
    expect(mapRegistration({ status: 'NotRegistered' }, 'az-1')).toEqual({
      azureSubscriptionId: 'az-1',
      status: 'notRegistered',
    });
    expect(mapRegistration({ subscriptionId: 'az-2', status: 'Registered' }, 'az-1').status).toBe(
      'registered',
    );
  });
});
