import { topicFunction } from '../_runtime';

/** Composition root of the `notify` function (infra/manifest.ts). */
export const handler = topicFunction('notify');
