import { taskFunction } from '../_runtime';

/** Composition root of the `refresh-customers` function (infra/manifest.ts). */
export const handler = taskFunction('refresh-customers');
