import { taskFunction } from '../_runtime';

/** Composition root of the `sync-tiktok` function (infra/manifest.ts). */
export const handler = taskFunction('sync-tiktok');
