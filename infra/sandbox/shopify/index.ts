export { connectDemoBrandToShopify } from './connect-demo';
export { type FaultKind, type FaultPlan, faultStorm } from './faults';
export { DISCOUNT_CODES, type GeneratedStore, generateShopifyStore } from './generate';
export type { SandboxOrder } from './model';
export { orderWebhookPayload } from './serialize';
export {
  SANDBOX_ACCESS_TOKEN,
  type ShopifySandbox,
  sandboxFetch,
  signedQuery,
  startShopifySandbox,
} from './server';
