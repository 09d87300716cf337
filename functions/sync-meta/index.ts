import { taskFunction } from '../_runtime';

/** Composition root of the `sync-meta` function (infra/manifest.ts). */
export const handler = taskFunction('sync-meta');
