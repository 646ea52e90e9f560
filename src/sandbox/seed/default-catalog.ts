import type { SeedCatalog, SeedSku, SeedTerm } from './seed-types.js';

/**
 * The default catalog: NCE license products, marketplace SaaS, Azure plan, Azure VM
 * reservations and perpetual software. Ids used by `specs/` are real Partner Center ids;
 * titles and limits are realistic, not authoritative.
 */

const LICENSE_TERMS: readonly SeedTerm[] = [
  { duration: 'P1M', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'annual' },
];
const LICENSE_TERMS_3Y: readonly SeedTerm[] = [
  ...LICENSE_TERMS,
  { duration: 'P3Y', billingCycle: 'monthly' },
  { duration: 'P3Y', billingCycle: 'annual' },
  { duration: 'P3Y', billingCycle: 'triennial' },
];
/** Reservation terms carry no billing cycle; `supportedBillingCycles` gives it (see seed-types). */
const RESERVATION_TERMS: readonly SeedTerm[] = [
  { duration: 'P1Y', description: '1 Year Prepaid' },
  { duration: 'P3Y', description: '3 Years Prepaid' },
];

function license(productId: string, title: string, max: number, terms = LICENSE_TERMS): SeedSku {
  return { productId, id: '0001', title, minimumQuantity: 1, maximumQuantity: max, terms };
}

function vmReservation(
  id: string,
  armSkuName: string,
  region: string,
  restricted = false,
): SeedSku {
  return {
    productId: 'DZH318Z0BQ4T',
    id,
    title: `Reserved VM Instance, ${armSkuName}, ${region}`,
    minimumQuantity: 1,
    maximumQuantity: 100,
    terms: RESERVATION_TERMS,
    supportedBillingCycles: ['one_time', 'monthly'],
    purchasePrerequisites: ['AzureSubscriptionRegistration', 'InventoryCheck'],
    // As documented (get-a-sku-by-id); `duration` is optional on cart lines (create-a-cart).
    provisioningVariables: ['Scope', 'SubscriptionId'],
    inventoryVariables: ['CustomerId', 'AzureSubscriptionId', 'ArmRegionName'],
    dynamicAttributes: { armSkuName, armRegionName: region, reservationType: 'virtualmachines' },
    ...(restricted ? { inventoryRestricted: true } : {}),
  };
}

const perpetual = (productId: string, title: string): SeedSku => ({
  productId,
  id: '0001',
  title,
  minimumQuantity: 1,
  maximumQuantity: 100,
  terms: [],
  supportedBillingCycles: ['one_time'],
});

export function defaultCatalog(): SeedCatalog {
  return {
    markets: ['US', 'DE', 'GB', 'FR', 'NL', 'AU', 'CA', 'JP', 'BR'],
    currencies: {
      US: { code: 'USD', symbol: '$' },
      DE: { code: 'EUR', symbol: '€' },
      FR: { code: 'EUR', symbol: '€' },
      NL: { code: 'EUR', symbol: '€' },
      GB: { code: 'GBP', symbol: '£' },
      AU: { code: 'AUD', symbol: '$' },
      CA: { code: 'CAD', symbol: '$' },
      JP: { code: 'JPY', symbol: '¥' },
      BR: { code: 'BRL', symbol: 'R$' },
    },
    products: [
      { id: 'CFQ7TTC0LCHC', title: 'Microsoft 365 Business Premium', kind: 'license' },
      { id: 'CFQ7TTC0LH18', title: 'Microsoft 365 Business Basic', kind: 'license' },
      { id: 'CFQ7TTC0LDPB', title: 'Microsoft 365 Business Standard', kind: 'license' },
      { id: 'CFQ7TTC0LFLX', title: 'Microsoft 365 E3', kind: 'license' },
      { id: 'CFQ7TTC0LF8Q', title: 'Office 365 E3', kind: 'license' },
      { id: 'CFQ7TTC0LH16', title: 'Exchange Online (Plan 1)', kind: 'license' },
      { id: 'CFQ7TTC0J1FV', title: 'Microsoft Teams Phone Standard', kind: 'license' },
      { id: 'CFQ7TTC0HD33', title: 'Visio Plan 2', kind: 'license' },
      { id: 'CFQ7TTC0L3PB', title: 'Power BI Pro', kind: 'license' },
      {
        id: 'DZH318Z0C5KD',
        title: 'Project Tracker',
        kind: 'saas',
        publisherName: 'Contoso Tools Ltd',
        description: 'Marketplace SaaS: project tracking for small teams.',
      },
      {
        id: 'DZH318Z0C6GL',
        title: 'Helpdesk Cloud',
        kind: 'saas',
        publisherName: 'Tailwind Software',
      },
      { id: 'DZH318Z0BPS6', title: 'Azure plan', kind: 'azure-plan' },
      { id: 'DZH318Z0BQ4T', title: 'Virtual Machines Dsv3 Series', kind: 'azure-reservation' },
      {
        id: 'DG7GMGF0FKZV',
        title: 'SQL Server 2022 Standard - 2 Core License Pack',
        kind: 'software',
      },
      {
        id: 'DG7GMGF0D5RK',
        title: 'Windows Server 2022 Standard - 16 Core License Pack',
        kind: 'software',
      },
    ],
    skus: [
      {
        ...license('CFQ7TTC0LCHC', 'Microsoft 365 Business Premium', 300, LICENSE_TERMS_3Y),
        id: '0002',
      },
      license('CFQ7TTC0LH18', 'Microsoft 365 Business Basic', 300),
      license('CFQ7TTC0LDPB', 'Microsoft 365 Business Standard', 300),
      license('CFQ7TTC0LFLX', 'Microsoft 365 E3', 10_000, LICENSE_TERMS_3Y),
      license('CFQ7TTC0LF8Q', 'Office 365 E3', 10_000, LICENSE_TERMS_3Y),
      license('CFQ7TTC0LH16', 'Exchange Online (Plan 1)', 10_000),
      {
        ...license('CFQ7TTC0J1FV', 'Microsoft Teams Phone Standard', 10_000),
        addOnOf: ['CFQ7TTC0LF8Q:0001', 'CFQ7TTC0LFLX:0001'],
      },
      license('CFQ7TTC0HD33', 'Visio Plan 2', 10_000),
      { ...license('CFQ7TTC0L3PB', 'Power BI Pro', 10_000), minimumQuantity: 1 },
      {
        productId: 'DZH318Z0C5KD',
        id: '0001',
        title: 'Project Tracker Standard',
        minimumQuantity: 1,
        maximumQuantity: 1_000,
        terms: [
          { duration: 'P1M', billingCycle: 'monthly' },
          { duration: 'P1Y', billingCycle: 'monthly' },
          { duration: 'P1Y', billingCycle: 'annual' },
        ],
      },
      {
        productId: 'DZH318Z0C6GL',
        id: '0001',
        title: 'Helpdesk Cloud Team',
        minimumQuantity: 5,
        maximumQuantity: 500,
        terms: [{ duration: 'P1Y', billingCycle: 'annual' }],
      },
      {
        productId: 'DZH318Z0BPS6',
        id: '0001',
        title: 'Azure plan',
        minimumQuantity: 1,
        maximumQuantity: 1,
        terms: [],
        supportedBillingCycles: ['monthly'],
      },
      vmReservation('0059', 'Standard_D2s_v3', 'eastus'),
      vmReservation('005B', 'Standard_D4s_v3', 'eastus'),
      vmReservation('0061', 'Standard_D2s_v3', 'westeurope'),
      vmReservation('0067', 'Standard_D2s_v3', 'westindia', true),
      perpetual('DG7GMGF0FKZV', 'SQL Server 2022 Standard - 2 Core License Pack'),
      perpetual('DG7GMGF0D5RK', 'Windows Server 2022 Standard - 16 Core License Pack'),
    ],
  };
}
