import { z } from 'zod';
import type { ChannelKind } from '../domain/engagement/channel';
import { normaliseAddress } from '../domain/engagement/consent';
import { capWindowStart, DEFAULT_FREQUENCY_CAPS, type FrequencyCap } from '../domain/engagement/frequency';
import { DEFAULT_QUIET_HOURS, type QuietHours, releaseTime } from '../domain/engagement/quiet-hours';
import { RetryableError } from '../kernel/errors';
import type { Clock } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { MessageChannel } from '../ports/message-channel';
import type { BrandScope } from '../ports/warehouse-rows';
import type { ConsentStore } from './consent';
import { addressKey, docPath, sendIdFor } from './paths';
import { PROVIDER_STATUS_RANK, providerLinkSchema, type SendRecord, sendRecordSchema } from './send-record';
import type { EngagementTimeline } from './timeline';

export interface SendPolicy {
  quietHours: QuietHours;
  caps: Readonly<Record<ChannelKind, FrequencyCap>>;
  /** Nothing reaches a provider; the outbox shows what would have gone. */
  dryRun: boolean;
}
export const DEFAULT_SEND_POLICY: SendPolicy = {
  quietHours: DEFAULT_QUIET_HOURS,
  caps: DEFAULT_FREQUENCY_CAPS,
  dryRun: false,
};

export interface MessageSenderDeps {
  db: DocumentDb;
  consent: ConsentStore;
  channels: Partial<Record<ChannelKind, MessageChannel>>;
  clock: Clock;
  timeline?: EngagementTimeline;
  policy?: Partial<SendPolicy>;
  /**
   * The plan's message allowance, taken one message at a time just before the channel: a reason
   * (`plan_limit`, `read_only`) when the tenant may not send one more.
   */
  allowance?: (scope: BrandScope) => Promise<string | null>;
  /** A message was held for the customer's quiet hours: schedule `release` for its releaseAt. */
  onHeld?: (scope: BrandScope, send: SendRecord) => Promise<void>;
  /** Where Twilio posts this brand's delivery statuses. */
  statusCallbackUrl?: (scope: BrandScope) => string;
  /** The text as it leaves: its links replaced by click-tracking links (tracking.ts). */
  trackLinks?: (scope: BrandScope, send: SendRecord) => Promise<string>;
  /** An email's HTML part as it leaves: tracked links and the open pixel (tracking.ts). */
  trackHtml?: (scope: BrandScope, send: SendRecord) => Promise<string>;
  /** The recipient's RFC 8058 one-click unsubscribe URL. */
  unsubscribeUrl?: (
    scope: BrandScope,
    channel: ChannelKind,
    address: string,
    sendId: string,
  ) => string | Promise<string>;
}

export interface SendRequest {
  source: SendRecord['source'];
  step: string;
  customer: {
    id: string;
    timeZone: string;
    addresses: Partial<Record<ChannelKind, string | null>>;
  };
  channel: ChannelKind;
  group: SendRecord['group'];
  variantId: string | null;
  subject?: string | null;
  text: string;
}

/** A send whose worker died mid-send may be claimed again after this long (decision 911). */
export const SEND_LEASE_MS = 5 * 60_000;

export type SendResult =
  | { outcome: 'recorded'; send: SendRecord }
  /** The ledger already has this (source, customer, step): nothing new was sent. */
  | { outcome: 'duplicate'; send: SendRecord };

/**
 * The one way a marketing message leaves Pulsepoint. In order: the send ledger (at most one
 * message per automation or campaign, customer and step, however often the trigger or task is
 * delivered), the holdout, the suppression list, consent, quiet hours in the customer's timezone,
 * the frequency cap, dry run; only then the channel.
 */
export function createMessageSender(deps: MessageSenderDeps) {
  const policy: SendPolicy = { ...DEFAULT_SEND_POLICY, ...deps.policy };
  const nowIso = () => deps.clock.now().toISOString();

  /** Claims the ledger entry; undefined when it is already someone's (a duplicate). */
  async function claim(scope: BrandScope, fresh: SendRecord): Promise<SendRecord | undefined> {
    const path = docPath(scope, 'sends', fresh.id);
    return deps.db.runTransaction(async (tx) => {
      const doc = await tx.get(path);
      if (doc) {
        const existing = sendRecordSchema.parse(doc.data);
        const stale =
          existing.status === 'sending' &&
          deps.clock.now().getTime() - Date.parse(existing.updatedAt) > SEND_LEASE_MS;
        if (existing.status !== 'retry' && !stale) return undefined;
        const reclaimed = { ...existing, status: 'sending' as const, updatedAt: nowIso() };
        await tx.set(path, reclaimed);
        return reclaimed;
      }
      await tx.set(path, fresh);
      return fresh;
    });
  }

  async function save(scope: BrandScope, send: SendRecord): Promise<SendRecord> {
    const next = { ...send, updatedAt: nowIso() };
    await deps.db.set(docPath(scope, 'sends', send.id), next);
    return next;
  }

  /**
   * Messages that went out to this address on this channel within the cap's window, from the
   * address's own document: a query over the ledger would scan every send of the brand (SQLite
   * filters JSON fields without an index; Firestore would need a composite index per brand).
   */
  const recentPath = (scope: BrandScope, send: SendRecord) =>
    docPath(scope, 'recentSends', addressKey(send.channel, send.to ?? ''));
  const recentSchema = z.object({ sends: z.array(z.object({ id: z.string(), at: z.string() })) });
  async function sentRecently(scope: BrandScope, send: SendRecord): Promise<number> {
    const since = capWindowStart(deps.clock.now(), policy.caps[send.channel]).toISOString();
    const doc = await deps.db.get(recentPath(scope, send));
    const recent = doc ? recentSchema.parse(doc.data).sends : [];
    return recent.filter((s) => s.id !== send.id && s.at >= since).length;
  }
  async function rememberSent(scope: BrandScope, send: SendRecord, at: string) {
    const path = recentPath(scope, send);
    const since = capWindowStart(deps.clock.now(), policy.caps[send.channel]).toISOString();
    await deps.db.runTransaction(async (tx) => {
      const doc = await tx.get(path);
      const kept = (doc ? recentSchema.parse(doc.data).sends : []).filter(
        (s) => s.at >= since && s.id !== send.id,
      );
      await tx.set(path, { sends: [...kept, { id: send.id, at }] });
    });
  }

  const skip = (send: SendRecord, reason: string): SendRecord => ({ ...send, status: 'skipped', reason });

  /** Everything after the ledger: decides, and sends when allowed. */
  async function gateAndSend(scope: BrandScope, send: SendRecord, dryRun: boolean): Promise<SendRecord> {
    const to = send.to;
    if (!to) return save(scope, skip(send, 'no_address'));
    if (await deps.consent.suppression(scope, send.channel, to)) return save(scope, skip(send, 'suppressed'));
    const consent = await deps.consent.get(scope, send.channel, to);
    // An erased customer who had opted out or was suppressed stays so if they come back (1019).
    if (await deps.consent.erasedSuppression(scope, send.channel, to, consent))
      return save(scope, skip(send, 'suppressed'));
    if (consent?.status !== 'opted_in') return save(scope, skip(send, consent ? 'opted_out' : 'no_consent'));
    const now = deps.clock.now();
    const release = releaseTime(now, send.timeZone, policy.quietHours);
    if (release.getTime() > now.getTime()) {
      const held = await save(scope, {
        ...send,
        status: 'held',
        reason: 'quiet_hours',
        releaseAt: release.toISOString(),
      });
      await deps.onHeld?.(scope, held);
      return held;
    }
    if ((await sentRecently(scope, send)) >= policy.caps[send.channel].max)
      return save(scope, skip(send, 'frequency_cap'));
    if (dryRun) return save(scope, { ...send, status: 'dry_run', reason: null });
    const channel = deps.channels[send.channel];
    if (!channel) return save(scope, skip(send, 'channel_not_configured'));
    const refused = deps.allowance ? await deps.allowance(scope) : null;
    if (refused) return save(scope, skip(send, refused));
    let outcome: Awaited<ReturnType<MessageChannel['send']>>;
    try {
      outcome = await channel.send({
        channel: send.channel,
        to,
        // The ledger keeps the text as written; only what leaves carries the tracking links.
        text: deps.trackLinks ? await deps.trackLinks(scope, send) : send.text,
        reference: send.id,
        ...(send.subject ? { subject: send.subject } : {}),
        ...(deps.trackHtml && send.channel === 'email' ? { html: await deps.trackHtml(scope, send) } : {}),
        ...(deps.statusCallbackUrl && send.channel !== 'email'
          ? { statusCallbackUrl: deps.statusCallbackUrl(scope) }
          : {}),
        ...(deps.unsubscribeUrl && send.channel === 'email'
          ? { unsubscribeUrl: await deps.unsubscribeUrl(scope, send.channel, to, send.id) }
          : {}),
      });
    } catch (err) {
      if (err instanceof RetryableError) await save(scope, { ...send, status: 'retry', reason: err.message });
      throw err;
    }
    if (!outcome.ok) {
      if (outcome.reason === 'invalid_recipient')
        await deps.consent.suppress(
          scope,
          send.channel,
          to,
          send.channel === 'email' ? 'bounce' : 'invalid_recipient',
          outcome.message,
        );
      if (outcome.reason === 'unsubscribed')
        await deps.consent.set(scope, send.channel, to, 'opted_out', 'keyword');
      const failed = await save(scope, { ...send, status: 'failed', reason: outcome.reason });
      await deps.timeline?.record(
        scope,
        failed,
        outcome.reason === 'invalid_recipient' ? 'bounced' : 'failed',
      );
      return failed;
    }
    const path = docPath(scope, 'sends', send.id);
    const linkPath = docPath(scope, 'providerIds', outcome.providerId);
    // Link the provider's id to the send, and take any status callback that landed before the
    // link existed (the receiver parks it on the link) or on the send itself meanwhile.
    const sent = await deps.db.runTransaction(async (tx) => {
      const link = providerLinkSchema.parse((await tx.get(linkPath))?.data ?? {});
      const current = sendRecordSchema.parse((await tx.get(path))?.data);
      const rank = (st: string) => PROVIDER_STATUS_RANK[st] ?? 0;
      let status: SendRecord['status'] = current.status === 'sending' ? 'sent' : current.status;
      let reason = current.reason;
      for (const p of link.pending)
        if (rank(p.status) > rank(status)) {
          status = (p.status === 'read' ? 'delivered' : p.status) as SendRecord['status'];
          reason = p.errorCode ? `twilio ${p.errorCode}` : reason;
        }
      await tx.set(linkPath, { sendId: send.id, pending: [] });
      const next: SendRecord = {
        ...current,
        status,
        reason,
        providerId: outcome.providerId,
        sentAt: nowIso(),
        updatedAt: nowIso(),
      };
      await tx.set(path, next);
      return next;
    });
    await rememberSent(scope, sent, sent.sentAt ?? nowIso());
    await deps.timeline?.record(scope, sent, 'sent');
    return sent;
  }

  return {
    policy,
    /**
     * `batch`: leave timeline events buffered for the caller's `flush()` (a campaign writes them
     * once per batch); otherwise they are written before this returns.
     */
    async send(
      scope: BrandScope,
      req: SendRequest,
      options: { dryRun?: boolean; batch?: boolean } = {},
    ): Promise<SendResult> {
      const raw = req.customer.addresses[req.channel];
      const now = nowIso();
      const fresh: SendRecord = {
        id: sendIdFor(req.source, req.customer.id, req.step),
        source: req.source,
        sourceKey: `${req.source.kind}:${req.source.id}`,
        step: req.step,
        customerId: req.customer.id,
        timeZone: req.customer.timeZone,
        channel: req.channel,
        to: raw ? normaliseAddress(req.channel, raw) : null,
        group: req.group,
        variantId: req.variantId,
        subject: req.subject ?? null,
        text: req.text,
        status: req.group === 'holdout' ? 'holdout' : 'sending',
        reason: null,
        providerId: null,
        releaseAt: null,
        sentAt: null,
        clicked: false,
        opened: false,
        unsubscribed: false,
        createdAt: now,
        updatedAt: now,
      };
      const claimed = await claim(scope, fresh);
      if (!claimed) {
        const doc = await deps.db.get(docPath(scope, 'sends', fresh.id));
        return { outcome: 'duplicate', send: sendRecordSchema.parse(doc?.data) };
      }
      if (claimed.group === 'holdout') return { outcome: 'recorded', send: claimed };
      const dryRun = options.dryRun ?? policy.dryRun;
      const send = await gateAndSend(scope, claimed, dryRun);
      if (!options.batch) await deps.timeline?.flush();
      return { outcome: 'recorded', send };
    },
    /** Sends a held message once its quiet hours are over (the task scheduled for releaseAt). */
    async release(scope: BrandScope, sendId: string): Promise<SendRecord | undefined> {
      const path = docPath(scope, 'sends', sendId);
      const claimed = await deps.db.runTransaction(async (tx) => {
        const doc = await tx.get(path);
        if (!doc) return undefined;
        const send = sendRecordSchema.parse(doc.data);
        if (send.status !== 'held' || (send.releaseAt ?? '') > nowIso()) return undefined;
        const next = { ...send, status: 'sending' as const, updatedAt: nowIso() };
        await tx.set(path, next);
        return next;
      });
      if (!claimed) return undefined;
      const send = await gateAndSend(scope, claimed, policy.dryRun);
      await deps.timeline?.flush();
      return send;
    },
    /** Writes timeline events left buffered by `send(…, {batch: true})`. */
    flush: async () => {
      await deps.timeline?.flush();
    },
    async get(scope: BrandScope, sendId: string): Promise<SendRecord | undefined> {
      const doc = await deps.db.get(docPath(scope, 'sends', sendId));
      return doc ? sendRecordSchema.parse(doc.data) : undefined;
    },
  };
}
export type MessageSender = ReturnType<typeof createMessageSender>;
