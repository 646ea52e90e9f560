/**
 * app/ — the composition root: builds the real adapters (state store, endpoint or embedded
 * sandbox, token source, Partner Center client) from the config and adapts them to the ports
 * the applier (`applier/ports.ts`) and the reconcile loop (`agent/ports.ts`) declare.
 *
 * May import: applier, planner, spec, config, partnercenter, state, sandbox, model, support.
 * Never imported by anything but agent/ and cli/.
 */
export * from './create-app.js';
export * from './agent-ports.js';
export { classifyGatewayFailure, createPartnerCenterGateway } from './partner-center-gateway.js';
export { seedSpecCustomers, startEndpoint, type Endpoint } from './start-endpoint.js';
export { buildTokenSource } from './build-token-source.js';
export { buildPricingTokenSource, createPricingPort } from './pricing-port.js';
