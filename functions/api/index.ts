import { httpFunction } from '../_runtime';

/** Composition root of the `api` function (infra/manifest.ts). */
export const handler = httpFunction('api');
