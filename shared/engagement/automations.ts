import { z } from 'zod';
import { assignGroup } from '../domain/engagement/assignment';
import { channelKindSchema } from '../domain/engagement/consent';
import { featuredProductsSchema } from '../domain/engagement/featured';
import { tagLinks, utmSlug } from '../domain/engagement/links';
import type { EngagementResults } from '../domain/engagement/results';
import { renderTemplate } from '../domain/engagement/template';
import { toLocalDate } from '../domain/time';
import { NotFoundError } from '../kernel/errors';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { TaskQueue } from '../ports/task-queue';
import type { BrandScope } from '../ports/warehouse-rows';
import type { OrdersSource, Recipient } from './audience';
import { measureSends, type ResultsWindow, sendsOf } from './measure';
import { collectionPath, docPath, sendIdFor } from './paths';
import type { SendRecord } from './send-record';
import type { MessageSender } from './sender';

export const automationStepSchema = z.object({
  /** Wait before this step, counted from the trigger (step 0) or the previous step. */
  waitMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60),
  channel: channelKindSchema,
  subject: z.string().max(300).nullable().default(null),
  text: z.string().min(1).max(5_000),
});
export const automationInputSchema = z.object({
  name: z.string().min(1).max(200),
  /** The customer event that starts a run (e.g. `checkout_started` for cart abandonment). */
  triggerEvent: z.string().min(1).max(100),
  /** A run stops when the customer orders after the trigger (the cart was bought after all). */
  exitOnOrder: z.boolean().default(true),
  steps: z.array(automationStepSchema).min(1).max(10),
  holdoutShare: z.number().min(0).max(0.5).default(0.1),
  /** When several automations fire on one event, only the highest priority runs. */
  priority: z.number().int().min(0).max(100).default(50),
  productIds: featuredProductsSchema,
});
export const automationSchema = automationInputSchema.extend({
  id: z.string(),
  status: z.enum(['active', 'paused']),
  createdAt: z.string(),
});
export type AutomationInput = z.input<typeof automationInputSchema>;
export type Automation = z.infer<typeof automationSchema>;

/** The task a step runs in (queue `engagement-steps`); its name dedupes a duplicate trigger. */
export const stepTaskSchema = z.object({
  tenantId: z.string(),
  brandId: z.string(),
  automationId: z.string(),
  occurrence: z.string(),
  step: z.number().int().min(0),
  triggeredAt: z.string(),
  customer: z.object({
    customerId: z.string(),
    timeZone: z.string(),
    addresses: z.record(z.string(), z.string().nullable()),
    values: z.record(z.string(), z.string().nullable()),
  }),
});
export type StepTask = z.infer<typeof stepTaskSchema>;

export interface AutomationResults extends EngagementResults {
  automationId: string;
  window: ResultsWindow;
}

/** `step-2` for the second step: the results row, and the `utm_content` its links carry. */
export const stepContent = (stepIndex: number) => `step-${stepIndex + 1}`;
/** The step index of a send (its ledger step is `<occurrence>#<index>`). */
const stepIndexOf = (send: SendRecord) => Number(send.step.slice(send.step.lastIndexOf('#') + 1));
export const STEP_QUEUE = 'engagement-steps';

export interface AutomationServiceDeps {
  db: DocumentDb;
  sender: MessageSender;
  tasks: TaskQueue;
  orders: OrdersSource;
  clock: Clock;
  timeZoneOf: (scope: BrandScope) => Promise<string>;
}

/**
 * Automations: trigger → waits → sends, each step a delayed task. A trigger delivered twice
 * enqueues a task with the same name (accepted once) and, should both run, the send ledger keys
 * the step by (automation, customer, occurrence#step), so the customer gets one message.
 */
export function createAutomationService(deps: AutomationServiceDeps) {
  async function get(scope: BrandScope, id: string): Promise<Automation> {
    const doc = await deps.db.get(docPath(scope, 'automations', id));
    if (!doc) throw new NotFoundError(`automation ${id} not found`);
    return automationSchema.parse(doc.data);
  }
  async function list(scope: BrandScope): Promise<Automation[]> {
    const docs = await deps.db.query(collectionPath(scope, 'automations'));
    return docs.map((d) => automationSchema.parse(d.data)).sort((a, b) => b.priority - a.priority);
  }
  async function enqueueStep(task: StepTask, waitMinutes: number) {
    const name = sendIdFor(
      { kind: 'automation', id: task.automationId },
      task.customer.customerId,
      `${task.occurrence}#${task.step}`,
    );
    await deps.tasks.enqueue(STEP_QUEUE, task, { name, delayMs: waitMinutes * 60_000 });
  }
  async function setStatus(scope: BrandScope, id: string, status: Automation['status']) {
    const a = await get(scope, id);
    await deps.db.set(docPath(scope, 'automations', id), { ...a, status });
  }

  return {
    get,
    list,
    async create(scope: BrandScope, input: AutomationInput, id: string): Promise<Automation> {
      const automation: Automation = {
        ...automationInputSchema.parse(input),
        id,
        status: 'active',
        createdAt: deps.clock.now().toISOString(),
      };
      await deps.db.set(docPath(scope, 'automations', id), automation);
      return automation;
    },
    pause: (scope: BrandScope, id: string) => setStatus(scope, id, 'paused'),
    resume: (scope: BrandScope, id: string) => setStatus(scope, id, 'active'),
    /**
     * A customer event arrived: the highest-priority active automation triggered by its type
     * starts a run for this occurrence (e.g. the checkout token). Returns the automation started.
     */
    async trigger(
      scope: BrandScope,
      event: { type: string; occurrence: string; at: string; customer: Recipient },
    ): Promise<Automation | undefined> {
      const [automation] = (await list(scope)).filter(
        (a) => a.status === 'active' && a.triggerEvent === event.type,
      );
      const first = automation?.steps[0];
      if (!automation || !first) return undefined;
      await enqueueStep(
        {
          tenantId: scope.ctx.tenantId,
          brandId: scope.brandId,
          automationId: automation.id,
          occurrence: event.occurrence,
          step: 0,
          triggeredAt: event.at,
          customer: event.customer,
        },
        first.waitMinutes,
      );
      return automation;
    },
    /** Runs one step (the `engagement-steps` task), then schedules the next. */
    async runStep(scope: BrandScope, task: StepTask) {
      const automation = await get(scope, task.automationId);
      if (automation.status === 'paused') return { outcome: 'paused' as const };
      const step = automation.steps[task.step];
      if (!step) return { outcome: 'finished' as const };
      if (automation.exitOnOrder) {
        const tz = await deps.timeZoneOf(scope);
        const from = toLocalDate(new Date(task.triggeredAt), tz);
        const to = toLocalDate(deps.clock.now(), tz);
        const [bought] = await deps.orders.ordersBy(scope, [task.customer.customerId], from, to);
        if (bought && bought.orders > 0) return { outcome: 'exited' as const };
      }
      const a = assignGroup(automation.id, task.customer.customerId, automation.holdoutShare, [
        { id: 'a', weight: 1 },
      ]);
      const result = await deps.sender.send(scope, {
        source: { kind: 'automation', id: automation.id },
        step: `${task.occurrence}#${task.step}`,
        customer: {
          id: task.customer.customerId,
          timeZone: task.customer.timeZone,
          addresses: task.customer.addresses,
        },
        channel: step.channel,
        group: a.group,
        variantId: a.group === 'treated' ? a.variantId : null,
        subject: step.subject === null ? null : renderTemplate(step.subject, task.customer.values),
        // utm_content names the step: an automation has one variant, its steps are what differ.
        text: tagLinks(renderTemplate(step.text, task.customer.values), {
          medium: step.channel,
          campaign: automation.name,
          content: stepContent(task.step),
        }),
      });
      const next = automation.steps[task.step + 1];
      if (next && result.outcome === 'recorded')
        await enqueueStep({ ...task, step: task.step + 1 }, next.waitMinutes);
      return { outcome: result.outcome, send: result.send };
    },
    /**
     * Results per step for the customers the automation reached on the window's days (treated or
     * held out): messages sent, delivered, opened, clicked and unsubscribed per step, each
     * customer's orders from the day they first entered it to the window's end, orders from each
     * step's links, and the lift over the holdout (decision 945).
     */
    async results(scope: BrandScope, id: string, window: ResultsWindow): Promise<AutomationResults> {
      const automation = await get(scope, id);
      const tz = await deps.timeZoneOf(scope);
      const dayOf = (s: SendRecord) => toLocalDate(new Date(s.createdAt), tz);
      const sends = (await sendsOf(deps.db, scope, { kind: 'automation', id })).filter(
        (s) => dayOf(s) >= window.from && dayOf(s) <= window.to,
      );
      const startOf = new Map<string, string>();
      for (const s of sends) {
        const day = dayOf(s);
        const known = startOf.get(s.customerId);
        if (!known || day < known) startOf.set(s.customerId, day);
      }
      const measured = await measureSends(deps.orders, scope, sends, {
        window,
        utmCampaign: utmSlug(automation.name),
        variantOf: (s) => (s.group === 'treated' ? stepContent(stepIndexOf(s)) : null),
        startOf,
      });
      return { automationId: id, window, ...measured };
    },
  };
}
export type AutomationService = ReturnType<typeof createAutomationService>;
