import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { createCloudTasksQueue } from './cloud-tasks-queue';

/** What the adapter asks of Cloud Tasks, through a recording client with the API's dedupe rule. */
function recordingClient() {
  const requests: Array<{ parent: string; task: Record<string, unknown> }> = [];
  const names = new Set<string>();
  return {
    requests,
    client: {
      queuePath: (p: string, l: string, q: string) => `projects/${p}/locations/${l}/queues/${q}`,
      taskPath: (p: string, l: string, q: string, t: string) =>
        `projects/${p}/locations/${l}/queues/${q}/tasks/${t}`,
      async createTask(req: { parent: string; task: Record<string, unknown> }) {
        const name = req.task.name as string | undefined;
        if (name?.endsWith('/tasks/forbidden'))
          throw Object.assign(new Error('PERMISSION_DENIED'), { code: 7 });
        if (name && names.has(name)) throw Object.assign(new Error('ALREADY_EXISTS'), { code: 6 });
        if (name) names.add(name);
        requests.push(req);
        return [{ name: name ?? `${req.parent}/tasks/auto-${requests.length}` }];
      },
    },
  };
}

describe('CloudTasksQueue', () => {
  const setup = () => {
    const rec = recordingClient();
    const queue = createCloudTasksQueue({
      projectId: 'proj',
      region: 'europe-west1',
      targets: {
        'sync-meta': 'https://europe-west1-proj.cloudfunctions.net/sync-meta',
        'sync-google-ads': 'https://europe-west1-proj.cloudfunctions.net/sync-google-ads',
      },
      invokerServiceAccount: 'pp-tasks-invoker@proj.iam.gserviceaccount.com',
      clock: fixedClock('2026-11-02T10:00:00Z'),
      client: rec.client as never,
    });
    return { ...rec, queue };
  };

  it('POSTs the payload as JSON to the queue’s function with an OIDC token for that URL', async () => {
    const { queue, requests } = setup();
    await queue.enqueue(
      'sync-meta',
      { brandId: 'b1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      { delayMs: 60_000 },
    );
    const { parent, task } = requests[0]!;
    expect(parent).toBe('projects/proj/locations/europe-west1/queues/sync-meta');
    const http = task.httpRequest as {
      httpMethod: string;
      url: string;
      body: string;
      headers: Record<string, string>;
      oidcToken: unknown;
    };
    expect(http.httpMethod).toBe('POST');
    expect(http.url).toBe('https://europe-west1-proj.cloudfunctions.net/sync-meta');
    expect(http.headers['content-type']).toBe('application/json');
    expect(JSON.parse(Buffer.from(http.body, 'base64').toString())).toMatchObject({ brandId: 'b1' });
    expect(http.headers.traceparent).toMatch(/^00-/);
    expect(http.oidcToken).toEqual({
      serviceAccountEmail: 'pp-tasks-invoker@proj.iam.gserviceaccount.com',
      audience: 'https://europe-west1-proj.cloudfunctions.net/sync-meta',
    });
    expect(task.scheduleTime).toEqual({ seconds: Date.parse('2026-11-02T10:01:00Z') / 1000 });
  });

  it('sends each queue’s tasks to that queue and that queue’s function', async () => {
    const { queue, requests } = setup();
    await queue.enqueue('sync-meta', { brandId: 'b1' });
    await queue.enqueue('sync-google-ads', { brandId: 'b1' });
    expect(
      requests.map((r) => [r.parent, (r.task.httpRequest as { url: string }).url, r.task.scheduleTime]),
    ).toEqual([
      [
        'projects/proj/locations/europe-west1/queues/sync-meta',
        'https://europe-west1-proj.cloudfunctions.net/sync-meta',
        undefined,
      ],
      [
        'projects/proj/locations/europe-west1/queues/sync-google-ads',
        'https://europe-west1-proj.cloudfunctions.net/sync-google-ads',
        undefined,
      ],
    ]);
  });

  it('accepts a named task once and treats the repeat as done', async () => {
    const { queue, requests } = setup();
    const first = await queue.enqueue('sync-meta', { brandId: 'b1' }, { name: 'sync_b1_hour' });
    const again = await queue.enqueue('sync-meta', { brandId: 'b1' }, { name: 'sync_b1_hour' });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.task.name).toBe(
      'projects/proj/locations/europe-west1/queues/sync-meta/tasks/sync_b1_hour',
    );
    expect(again).toBe(first);
  });

  it('leaves an unnamed task for Cloud Tasks to name', async () => {
    const { queue, requests } = setup();
    await queue.enqueue('sync-meta', { brandId: 'b1' });
    expect(requests[0]!.task).not.toHaveProperty('name');
  });

  it('reports any other refusal', async () => {
    const { queue } = setup();
    await expect(queue.enqueue('sync-meta', { brandId: 'b1' }, { name: 'forbidden' })).rejects.toThrow(
      'PERMISSION_DENIED',
    );
  });

  it('refuses a queue the manifest does not declare', async () => {
    const { queue } = setup();
    await expect(queue.enqueue('sync-myspace', {})).rejects.toThrow(RangeError);
  });
});
