import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPlanHuman, renderPlanMarkdown } from '../../../src/cli/render/index.js';
import type { CustomerId } from '../../../src/model/index.js';
import { buildPlan } from '../../../src/planner/index.js';
import {
  aBinding,
  aCatalogView,
  aCustomer,
  aDefaultCatalog,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aSku,
  aSubscriptionItem,
  CUSTOMER,
  key,
} from '../../planner/builders.js';
import { book } from '../../planner/fake-prices.js';

/** Regenerate with `QM_UPDATE_GOLDEN=1 npx vitest run test/cli/render/money.test.ts`, review the diff. */
function golden(name: string, actual: string): string {
  const path = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env['QM_UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

const FABRIKAM = 'f0000000-0000-4000-8000-00000000000f' as CustomerId;

/** Contoso (US, USD): 10 → 15 seats and a new purchase; Fabrikam (DE, EUR): a purchase. */
function moneyPlan(notes: string[] = []) {
  const catalog = aDefaultCatalog();
  catalog.set('DE', aCatalogView([{ sku: aSku({ title: 'Product one' }) }], 'DE'));
  return buildPlan(
    aPlanInput({
      desired: {
        customers: [
          aCustomer({
            subscriptions: [
              aSubscriptionItem({ quantity: 15 }),
              aSubscriptionItem({
                key: key('e3'),
                product: 'PROD2',
                billing: 'annual',
                quantity: 120,
              }),
            ],
          }),
          aCustomer({
            id: FABRIKAM,
            name: 'Fabrikam',
            country: 'DE',
            file: 'specs/fabrikam.yaml',
            subscriptions: [aSubscriptionItem({ quantity: 20 })],
          }),
        ],
      },
      observed: {
        customers: [
          anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 10 })] }),
          anObservedCustomer({ customerId: FABRIKAM }),
        ],
        failures: [],
      },
      bindings: [aBinding({ customerId: CUSTOMER })],
      catalog,
      prices: book(
        [
          {
            productId: 'PROD1',
            skuId: '0001',
            term: 'P1Y',
            billing: 'monthly',
            unitPrice: 25,
            market: 'US',
          },
          {
            productId: 'PROD2',
            skuId: '0001',
            term: 'P1Y',
            billing: 'annual',
            unitPrice: 276,
            market: 'US',
          },
          {
            productId: 'PROD1',
            skuId: '0001',
            term: 'P1Y',
            billing: 'monthly',
            unitPrice: 23,
            market: 'DE',
            currency: 'EUR',
          },
        ],
        notes,
      ),
    }),
  );
}

describe('plans lead with the money', () => {
  it('markdown: headline per currency, Previous / New / Diff, a money column (golden)', () => {
    const md = renderPlanMarkdown(moneyPlan());
    expect(md).toBe(golden('money-plan.md', md));
    expect(md).toContain(
      '**Monthly cost will increase by USD 2,885.00 (+1154%), from USD 250.00 to USD 3,135.00;',
    );
    expect(md).toContain(
      '| Fabrikam (`f0000000-0000-4000-8000-00000000000f`) | EUR 0.00 | EUR 460.00 | +EUR 460.00 |',
    );
    expect(md.indexOf('Monthly cost')).toBeLessThan(md.indexOf('| Customer | Purchases'));
  });

  it('terminal: the headline first, run rate per customer, a money line per action (golden)', () => {
    const text = renderPlanHuman(moneyPlan(), { color: false });
    expect(text).toBe(golden('money-plan.txt', text));
    expect(text.split('\n')[2]).toMatch(/^Monthly cost will increase by EUR 460\.00/);
  });

  it('says how many actions are unpriced, and why', () => {
    const plan = moneyPlan(['no price sheet for market DE (updatedlicensebased): 403']);
    const unpriced = buildPlan({
      ...aPlanInput(),
      desired: {
        customers: [aCustomer({ subscriptions: [aSubscriptionItem({ product: 'PROD2' })] })],
      },
      prices: book([], ['partnerCenter.pricing is not configured: plans are unpriced']),
    });
    expect(renderPlanHuman(unpriced, { color: false })).toContain(
      '1 action has no known price (partnerCenter.pricing is not configured: plans are unpriced).',
    );
    expect(renderPlanMarkdown(unpriced)).toContain('| unpriced |');
    expect(plan.summary.pricingNotes).toHaveLength(1);
  });
});
