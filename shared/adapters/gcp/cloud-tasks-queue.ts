import type { CloudTasksClient } from '@google-cloud/tasks';
import type { Clock } from '../../ports/clock';
import type { TaskQueue } from '../../ports/task-queue';
import { isAlreadyExists, retryOnTransient } from './google-errors';
import { lazy } from './lazy';

export interface CloudTasksQueueOptions {
  projectId: string;
  region: string;
  /** Each queue's target: the HTTPS URL of the function that handles its tasks. */
  targets: Readonly<Record<string, string>>;
  /** The service account Cloud Tasks signs OIDC tokens as; the target only accepts it. */
  invokerServiceAccount: string;
  clock: Clock;
  client?: Pick<CloudTasksClient, 'createTask' | 'queuePath' | 'taskPath'>;
}

/**
 * The TaskQueue on Cloud Tasks: one queue per platform (Terraform sets each queue's rate limit
 * from the manifest), tasks POSTed as JSON to the handling function with an OIDC token. A task
 * name makes the enqueue idempotent: Cloud Tasks refuses a name it has seen (ALREADY_EXISTS),
 * and that refusal is the dedupe we asked for, not an error.
 */
export function createCloudTasksQueue(options: CloudTasksQueueOptions): TaskQueue {
  const client = lazy(async () => {
    if (options.client) return options.client;
    const { CloudTasksClient } = await import('@google-cloud/tasks');
    return new CloudTasksClient();
  });

  return {
    async enqueue(queue, payload, enqueueOptions = {}) {
      const url = options.targets[queue];
      if (!url) throw new RangeError(`no Cloud Tasks queue named "${queue}" in the manifest`);
      const tasks = await client();
      const parent = tasks.queuePath(options.projectId, options.region, queue);
      const name = enqueueOptions.name
        ? tasks.taskPath(options.projectId, options.region, queue, enqueueOptions.name)
        : undefined;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (typeof payload.traceparent === 'string') headers.traceparent = payload.traceparent;
      const scheduleAt = enqueueOptions.delayMs
        ? options.clock.now().getTime() + enqueueOptions.delayMs
        : undefined;
      try {
        const [task] = await retryOnTransient(`Cloud Tasks enqueue on ${queue}`, () =>
          tasks.createTask({
            parent,
            task: {
              ...(name ? { name } : {}),
              ...(scheduleAt ? { scheduleTime: { seconds: Math.floor(scheduleAt / 1000) } } : {}),
              httpRequest: {
                httpMethod: 'POST',
                url,
                headers,
                body: Buffer.from(JSON.stringify(payload)).toString('base64'),
                oidcToken: { serviceAccountEmail: options.invokerServiceAccount, audience: url },
              },
            },
          }),
        );
        return String(task.name ?? name);
      } catch (err) {
        if (name && isAlreadyExists(err)) return name;
        throw err;
      }
    },
  };
}
