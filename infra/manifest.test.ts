import { describe, expect, it } from 'vitest';
import { isTopic } from '../shared/ports/events';
import { manifest } from './manifest';

describe('function manifest', () => {
  it('names every function once, in Cloud Functions form', () => {
    const names = manifest.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9-]{0,62}$/);
  });

  it('triggers only on known topics, valid crons and distinct queues', () => {
    const queues: string[] = [];
    for (const f of manifest) {
      if (f.trigger.kind === 'topic') expect(isTopic(f.trigger.topic), f.name).toBe(true);
      if (f.trigger.kind === 'schedule') expect(f.trigger.cron.split(' '), f.name).toHaveLength(5);
      if (f.trigger.kind === 'task') queues.push(f.trigger.queue);
      expect(f.timeoutSeconds).toBeLessThanOrEqual(f.trigger.kind === 'http' ? 3600 : 540);
    }
    expect(new Set(queues).size).toBe(queues.length);
  });

  it('covers the planned functions of the architecture', () => {
    const planned = [
      'api',
      'shopify-webhooks',
      'schedule-syncs',
      'sync-shopify',
      'sync-meta',
      'sync-tiktok',
      'sync-google-ads',
      'attribute',
      'recommend',
      'weekly-summary',
      'notify',
    ];
    expect(manifest.map((f) => f.name)).toEqual(expect.arrayContaining(planned));
  });
});
