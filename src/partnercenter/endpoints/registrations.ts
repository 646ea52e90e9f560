import type { CustomerId, LiveRegistration } from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapRegistration } from '../map/customer.js';
import { decodeBody, seg } from './decode.js';
import { callOptions, signalOf, type MutationOptions, type ReadOptions } from './options.js';

/** The answer to a registration request: asynchronous, poll {@link RegistrationsApi.status}. */
export interface RegistrationAccepted {
  readonly status: number;
  /** `Location` of the registration status resource, when sent. */
  readonly location?: string;
  readonly requestId: string;
}

export interface RegistrationsApi {
  /**
   * `POST .../subscriptions/{azureSubscriptionId}/registrations` → 202 (§6.1): enables
   * reserved-instance purchases for the Azure subscription.
   */
  register(
    customerId: CustomerId,
    azureSubscriptionId: string,
    options?: MutationOptions,
  ): Promise<RegistrationAccepted>;
  /** `GET .../registrationstatus`: `registered`, `registering`, `notRegistered`. */
  status(
    customerId: CustomerId,
    azureSubscriptionId: string,
    options?: ReadOptions,
  ): Promise<LiveRegistration>;
}

export function createRegistrationsApi(call: Caller): RegistrationsApi {
  const base = (customerId: CustomerId, id: string): string =>
    `/v1/customers/${seg(customerId)}/subscriptions/${seg(id)}`;
  return {
    async register(customerId, azureSubscriptionId, options) {
      const result = await call({
        method: 'POST',
        path: `${base(customerId, azureSubscriptionId)}/registrations`,
        ...callOptions(options),
      });
      const location = result.headers['location'];
      return {
        status: result.status,
        requestId: result.requestId,
        ...(location === undefined ? {} : { location }),
      };
    },
    async status(customerId, azureSubscriptionId, options) {
      const path = `${base(customerId, azureSubscriptionId)}/registrationstatus`;
      const result = await call({ method: 'GET', path, ...signalOf(options) });
      return decodeBody(result, (body) => mapRegistration(body, azureSubscriptionId));
    },
  };
}
