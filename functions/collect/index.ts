import { httpFunction } from '../_runtime';

/** Composition root of the `collect` function (infra/manifest.ts). */
export const handler = httpFunction('collect');
