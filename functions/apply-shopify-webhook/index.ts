import { topicFunction } from '../_runtime';

/** Composition root of the `apply-shopify-webhook` function (infra/manifest.ts). */
export const handler = topicFunction('apply-shopify-webhook');
