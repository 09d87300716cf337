import { describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest';
import { loadConfig } from '../../shared/kernel/config';
import { SYNC_QUEUES } from '../../shared/platforms/sync-requests';
import { functionUrl } from './gcp-backend';
import { queueTargets } from './instance';

describe('queueTargets', () => {
  const gcpConfig = (extra: Record<string, string> = {}) =>
    loadConfig({ PULSEPOINT_BACKEND: 'gcp', GOOGLE_CLOUD_PROJECT: 'demo-deps', ...extra });

  it('targets every queue the jobs enqueue on at the URL of the function the manifest gives it', () => {
    const targets = queueTargets(gcpConfig({ GCP_REGION: 'europe-west4' }));
    for (const queue of Object.values(SYNC_QUEUES)) {
      const spec = manifest.find((f) => f.trigger.kind === 'task' && f.trigger.queue === queue);
      expect(spec, queue).toBeDefined();
      expect(targets[queue]).toBe(functionUrl('demo-deps', 'europe-west4', spec!.name));
    }
  });
});
