import { topicFunction } from '../_runtime';

/** Composition root of the `resolve-identities` function (infra/manifest.ts). */
export const handler = topicFunction('resolve-identities');
