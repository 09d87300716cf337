import { taskFunction } from '../_runtime';

/** Composition root of the `sync-google-ads` function (infra/manifest.ts). */
export const handler = taskFunction('sync-google-ads');
