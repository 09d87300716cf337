import { httpFunction } from '../_runtime';

/** Composition root of the `shopify-webhooks` function (infra/manifest.ts). */
export const handler = httpFunction('shopify-webhooks');
