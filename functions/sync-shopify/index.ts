import { taskFunction } from '../_runtime';

/** Composition root of the `sync-shopify` function (infra/manifest.ts). */
export const handler = taskFunction('sync-shopify');
