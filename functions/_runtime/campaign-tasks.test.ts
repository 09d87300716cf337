import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../infra/compose/backend';
import { functionSpec } from '../../infra/manifest';
import { createCloudTasksQueue } from '../../shared/adapters/gcp/cloud-tasks-queue';
import { systemContext } from '../../shared/domain/tenancy';
import { CAMPAIGN_QUEUE } from '../../shared/engagement/campaign-runs';
import { createEngagement, type Engagement } from '../../shared/engagement/index';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { fixedClock } from '../../shared/ports/clock';
import { createTestApi, type TestApi } from '../../test/support/api';
import { seedTenantWithData } from '../../test/support/tenants';
import { adaptTask } from './index';
import { queueTargets } from './instance';

/**
 * On Google Cloud a campaign send is a chain of Cloud Tasks: the API's send creates the first
 * batch task aimed at the `engagement-campaigns` function (its URL from the manifest, an OIDC
 * token for it, a name per batch), and that function, served by the Functions Framework as Cloud
 * Run serves it, runs the batch and creates the next task.
 */
const T = 'ct_t';
const B = 'ct-brand';
let api: TestApi;
let engagement: Engagement;
let server: Server;
const created: Array<{ parent: string; task: Record<string, unknown> }> = [];

const config = loadConfig({ PULSEPOINT_BACKEND: 'gcp', GOOGLE_CLOUD_PROJECT: 'proj' });
const FUNCTION_URL = 'https://europe-west1-proj.cloudfunctions.net/engagement-campaigns';

beforeAll(async () => {
  const names = new Set<string>();
  const cloudTasks = createCloudTasksQueue({
    projectId: 'proj',
    region: config.GCP_REGION,
    targets: queueTargets(config),
    invokerServiceAccount: 'pp-tasks-invoker@proj.iam.gserviceaccount.com',
    clock: fixedClock('2026-11-20T16:00:00Z'),
    client: {
      queuePath: (p: string, l: string, q: string) => `projects/${p}/locations/${l}/queues/${q}`,
      taskPath: (p: string, l: string, q: string, t: string) =>
        `projects/${p}/locations/${l}/queues/${q}/tasks/${t}`,
      async createTask(req: { parent: string; task: Record<string, unknown> }) {
        const name = req.task.name as string;
        if (names.has(name)) throw Object.assign(new Error('ALREADY_EXISTS'), { code: 6 });
        names.add(name);
        created.push(req);
        return [{ name }];
      },
    } as never,
  });
  api = await createTestApi({
    now: '2026-11-20T16:00:00Z',
    engagement: (deps) => {
      engagement = createEngagement({
        ...deps,
        tasks: cloudTasks,
        channels: {},
        publicUrl: 'https://app.pulsepoint.example',
        ratePerSecond: 50,
        campaignBatchSize: 1,
        dryRun: true,
      });
      return engagement;
    },
  });
  await seedTenantWithData(api, T, [B]);
  const handler = {
    kind: 'task' as const,
    handle: async (payload: unknown, meta: { attempt: number }) =>
      void (await engagement.runCampaignTask(payload, (t) => systemContext(t, 'test'), meta.attempt)),
  };
  http(
    'engagement-campaigns-test',
    adaptTask(async () => ({
      spec: functionSpec('engagement-campaigns'),
      backend: { logger: createMemoryLogger() } as unknown as Backend,
      handler,
    })),
  );
  server = getTestServer('engagement-campaigns-test').listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await api.close();
});

/** What Cloud Tasks would POST to the function for a created task. */
function dispatch(task: Record<string, unknown>, retryCount = 0) {
  const req = task.httpRequest as { body: string; headers: Record<string, string> };
  return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    method: 'POST',
    headers: { ...req.headers, 'x-cloudtasks-taskretrycount': String(retryCount) },
    body: Buffer.from(req.body, 'base64').toString('utf8'),
  });
}

it('the manifest aims the campaign queue at the engagement-campaigns function', () => {
  expect(queueTargets(config)[CAMPAIGN_QUEUE]).toBe(FUNCTION_URL);
});

it("a send answers 202 with the send's id and chains one Cloud Task per batch to the function", async () => {
  const owner = await api.token({ tenantId: T, uid: 'owner', role: 'owner' });
  const base = `/api/brands/${B}/engagement/campaigns`;
  const draft = await api.request(base, {
    method: 'POST',
    token: owner,
    json: {
      name: 'Win-back',
      channel: 'email',
      segment: null,
      holdoutShare: 0,
      variants: [{ id: 'a', name: 'A', weight: 1, subject: 'Hi', text: 'Come back' }],
    },
  });
  const { id } = (await draft.json()) as { id: string };
  const res = await api.request(`${base}/${id}/send`, { method: 'POST', token: owner, json: {} });
  expect(res.status).toBe(202);
  const { sendId } = (await res.json()) as { sendId: string };

  expect(created).toHaveLength(1);
  const [first] = created;
  expect(first?.parent).toBe(`projects/proj/locations/europe-west1/queues/${CAMPAIGN_QUEUE}`);
  expect(first?.task).toMatchObject({
    name: `projects/proj/locations/europe-west1/queues/${CAMPAIGN_QUEUE}/tasks/${sendId}-b0`,
    httpRequest: { httpMethod: 'POST', url: FUNCTION_URL, oidcToken: { audience: FUNCTION_URL } },
  });

  // Cloud Tasks dispatches batch 0; the function answers 204 and creates batch 1's task.
  expect((await dispatch(first?.task ?? {})).status).toBe(204);
  expect(created.map((c) => (c.task.name as string).split('/').at(-1))).toEqual([
    `${sendId}-b0`,
    `${sendId}-b1`,
  ]);
  // Dispatched again (at-least-once), batch 0 changes nothing and creates no third task.
  expect((await dispatch(first?.task ?? {}, 1)).status).toBe(204);
  expect(created).toHaveLength(2);
  for (let i = 1; i < created.length; i++) expect((await dispatch(created[i]?.task ?? {})).status).toBe(204);

  const scope = { ctx: systemContext(T, 'test'), brandId: B };
  const run = await engagement.campaignRuns.get(scope, id, sendId);
  // The seeded analytics score two customers: two batches of one, then an empty one ends it.
  expect(run).toMatchObject({ status: 'done', customers: 2, batches: 3 });
  expect(await engagement.campaigns.get(scope, id)).toMatchObject({ status: 'sent' });
});
