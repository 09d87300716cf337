import { httpFunction } from '../_runtime';

/** Composition root of the `stripe-webhooks` function (infra/manifest.ts). */
export const handler = httpFunction('stripe-webhooks');
