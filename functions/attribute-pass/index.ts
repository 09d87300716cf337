import { taskFunction } from '../_runtime';

/** Composition root of the `attribute-pass` function (infra/manifest.ts). */
export const handler = taskFunction('attribute-pass');
