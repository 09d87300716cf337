import { topicFunction } from '../_runtime';

/** Composition root of the `attribute-incremental` function (infra/manifest.ts). */
export const handler = topicFunction('attribute-incremental');
