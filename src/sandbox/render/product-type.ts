import type { JsonObject } from '../wire.js';

/**
 * `productType` on the wire per product kind, as the documented examples print it (pages under
 * https://learn.microsoft.com/en-us/partner-center/developer/):
 * - NCE licences `OnlineServicesNCE` (`get-a-product-by-id`, `get-a-subscription-by-id`);
 * - VM reservations `Azure` / `VirtualMachines` (`get-a-product-by-id`, `get-a-list-of-products`);
 * - the Azure plan `Azure` / `Azure` (`get-a-list-of-skus-for-a-product-by-customer`);
 * - marketplace SaaS `Azure` / `SaaS` (`create-subscription-azure-marketplace-products`);
 * - software `Software` (`manage-billing-frequency-software-subs`).
 */
export function productTypeOf(kind: string): JsonObject {
  switch (kind) {
    case 'license':
      return { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' };
    case 'saas':
      return azure('SaaS');
    case 'azure-plan':
      return azure('Azure');
    case 'azure-reservation':
      return azure('VirtualMachines');
    case 'software':
      return { id: 'Software', displayName: 'Software' };
    default:
      return { id: kind, displayName: kind };
  }
}

function azure(subType: string): JsonObject {
  return { id: 'Azure', displayName: 'Azure', subType: { id: subType, displayName: subType } };
}
