import type { HttpFunction } from '@google-cloud/functions-framework';
import { ZodError } from 'zod';
import { DELIVER_AFTER_ATTRIBUTE } from '../../shared/adapters/gcp/pubsub-event-bus';
import { AppError, RetryableError } from '../../shared/kernel/errors';
import { parseTopicMessage } from '../../shared/ports/events';
import { sendFetchResponse, toFetchRequest } from './fetch-bridge';
import { type Instance, instanceFor } from './instance';
import { decodePubSubData } from './pubsub-envelope';

/**
 * Adapters from manifest functions to Functions Framework signatures. Each functions/<name>/
 * index.ts calls exactly one of these with its own name; the trigger kind it picks must match
 * the manifest (checked on first use and by functions/functions.test.ts).
 */
type Env = Record<string, string | undefined>;

function handlerOf<K extends Instance['handler']['kind']>(instance: Instance, kind: K) {
  const { handler, spec } = instance;
  if (handler.kind !== kind || spec.trigger.kind !== kind)
    throw new Error(
      `function ${spec.name}: expected a ${kind} handler and trigger, got ${handler.kind}/${spec.trigger.kind}`,
    );
  return handler as Extract<Instance['handler'], { kind: K }>;
}

type InstanceOf = () => Promise<Instance>;

export const httpFunction = (name: string, env: Env = process.env) => adaptHttp(instanceFor(name, env));
export const topicFunction = (name: string, env: Env = process.env) => adaptTopic(instanceFor(name, env));
export const taskFunction = (name: string, env: Env = process.env) => adaptTask(instanceFor(name, env));
export const scheduleFunction = (name: string, env: Env = process.env) =>
  adaptSchedule(instanceFor(name, env));

/** HTTP functions: the request goes to the handler's fetch (Hono) unchanged. */
export function adaptHttp(instance: InstanceOf): HttpFunction {
  return async function handler(req, res) {
    const http = handlerOf(await instance(), 'http');
    await sendFetchResponse(res, await http.fetch(toFetchRequest(req)));
  };
}

/**
 * Pub/Sub-triggered functions, served as plain HTTP functions that take the push request itself
 * (`{message, subscription, deliveryAttempt}`): the Functions Framework's CloudEvent conversion
 * drops `deliveryAttempt`, and the handler is told which attempt it is on. The message is decoded
 * through a type guard and its topic's zod schema. A 2xx acknowledges it; anything else makes
 * Pub/Sub redeliver with the subscription's backoff and, after the manifest's maxAttempts, move
 * it to the dead-letter topic (a body that is not a Pub/Sub message too: kept there to be read).
 */
export function adaptTopic(instance: InstanceOf, now: () => Date = () => new Date()): HttpFunction {
  return async function handler(req, res) {
    const current = await instance();
    const topic = handlerOf(current, 'topic');
    let decoded: ReturnType<typeof decodePubSubData>;
    try {
      decoded = decodePubSubData(req.body, 'unknown');
    } catch (err) {
      current.backend.logger.error('push request is not a Pub/Sub message; nacked', {
        function: current.spec.name,
        error: err,
      });
      res.status(400).json({ error: { code: 'invalid_argument', message: 'not a Pub/Sub push request' } });
      return;
    }
    try {
      const due = decoded.attributes[DELIVER_AFTER_ATTRIBUTE];
      if (due && Date.parse(due) > now().getTime())
        throw new RetryableError(
          `message ${decoded.messageId} is not due until ${due}`,
          Date.parse(due) - now().getTime(),
        );
      const message = parseTopicMessage(topic.topic, decoded.body);
      await topic.handle(message, { attempt: decoded.attempt, messageId: decoded.messageId });
      res.status(204).end();
    } catch (err) {
      // Logged structured, with the tenant from the attributes; the non-2xx is what makes Pub/Sub
      // redeliver.
      current.backend.logger.warn('message failed; Pub/Sub will redeliver', {
        function: current.spec.name,
        messageId: decoded.messageId,
        attempt: decoded.attempt,
        tenantId: decoded.attributes.tenantId,
        brandId: decoded.attributes.brandId,
        error: err,
      });
      res.status(err instanceof RetryableError ? 503 : 500).json({
        error: { code: 'not_processed', message: `message ${decoded.messageId} was not processed` },
      });
    }
  };
}

/**
 * Cloud Tasks targets. Cloud Tasks retries any non-2xx, so only failures worth retrying get a
 * 5xx (with Retry-After when the error has a hint). A task that can never succeed (its payload
 * fails validation, its brand is gone) is logged and acknowledged, or it would be retried until
 * the queue's max attempts for nothing.
 */
export function adaptTask(instance: InstanceOf): HttpFunction {
  return async function handler(req, res) {
    const current = await instance();
    const task = handlerOf(current, 'task');
    const retries = Number(req.get('x-cloudtasks-taskretrycount') ?? '0');
    const taskName = req.get('x-cloudtasks-taskname') ?? 'unknown';
    try {
      await task.handle(req.body, { attempt: (Number.isFinite(retries) ? retries : 0) + 1 });
      res.status(204).end();
    } catch (err) {
      if (isPermanent(err)) {
        current.backend.logger.error('task dropped: it cannot succeed', {
          function: current.spec.name,
          task: taskName,
          error: err,
        });
        res
          .status(200)
          .json({ status: 'dropped', reason: err instanceof AppError ? err.code : 'invalid_payload' });
        return;
      }
      current.backend.logger.warn('task failed; Cloud Tasks will retry', {
        function: current.spec.name,
        task: taskName,
        error: err,
      });
      if (err instanceof RetryableError && err.retryAfterMs > 0)
        res.setHeader('retry-after', String(Math.ceil(err.retryAfterMs / 1000)));
      res.status(503).json({ status: 'retry' });
    }
  };
}

/** Cloud Scheduler targets: a failure is a 500, and the job's retry config decides what next. */
export function adaptSchedule(instance: InstanceOf): HttpFunction {
  return async function handler(_req, res) {
    const current = await instance();
    try {
      await handlerOf(current, 'schedule').run();
      res.status(204).end();
    } catch (err) {
      current.backend.logger.error('scheduled run failed', { function: current.spec.name, error: err });
      res.status(500).json({ status: 'failed' });
    }
  };
}

function isPermanent(err: unknown): boolean {
  if (err instanceof ZodError) return true;
  return err instanceof AppError && !(err instanceof RetryableError) && err.status < 500;
}
