import { topicFunction } from '../_runtime';

/** Composition root of the `recommend` function (infra/manifest.ts). */
export const handler = topicFunction('recommend');
