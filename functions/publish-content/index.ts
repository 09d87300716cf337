import { scheduleFunction } from '../_runtime';

/** Composition root of the `publish-content` function (infra/manifest.ts). */
export const handler = scheduleFunction('publish-content');
