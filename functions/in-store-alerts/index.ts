import { topicFunction } from '../_runtime';

/** Composition root of the `in-store-alerts` function (infra/manifest.ts). */
export const handler = topicFunction('in-store-alerts');
