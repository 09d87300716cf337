import { topicFunction } from '../_runtime';

/** Composition root of the `reresolve-identities` function (infra/manifest.ts). */
export const handler = topicFunction('reresolve-identities');
