import { topicFunction } from '../_runtime';

/** Composition root of the `engagement-triggers` function (infra/manifest.ts). */
export const handler = topicFunction('engagement-triggers');
