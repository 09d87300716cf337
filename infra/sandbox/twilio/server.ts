import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { twilioSignature } from './signing';

/**
 * A loopback Twilio speaking the part of Programmable Messaging Pulsepoint uses, for the `twilio`
 * SDK pointed at it (shared/adapters/twilio/client.ts `baseUrl`):
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP Basic auth, answering with the
 * Message resource (https://www.twilio.com/docs/messaging/api/message-resource) and then posting
 * `sent` and `delivered` (or `undelivered` with an ErrorCode) to the message's StatusCallback,
 * signed as Twilio signs (signing.ts). `inbound()` plays a customer's reply to the number's
 * messaging webhook. Errors use Twilio's body `{code, message, more_info, status}`.
 */
export const SANDBOX_TWILIO_ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
export const SANDBOX_TWILIO_AUTH_TOKEN = 'pulsepoint_twilio_sandbox_token';
export const SANDBOX_TWILIO_NUMBER = '+15005550006';

export interface TwilioSandboxOptions {
  accountSid?: string;
  authToken?: string;
  /** Before the first status callback: Twilio hands the message to the carrier first (default 20 ms). */
  callbackDelayMs?: number;
  /** Messages accepted per second before answering 429 / 20429 (Twilio's queue limit); 0 = none. */
  ratePerSecond?: number;
  now?: () => number;
}

export interface SandboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  contentSid: string | null;
  statusCallback: string | null;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered';
  createdAt: number;
}

export interface CallbackDelivery {
  url: string;
  params: Record<string, string>;
  status: number | 'error';
}

const error = (c: Context, status: 400 | 401 | 429 | 500, code: number, message: string) =>
  c.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status);

export async function startTwilioSandbox(options: TwilioSandboxOptions = {}) {
  const accountSid = options.accountSid ?? SANDBOX_TWILIO_ACCOUNT_SID;
  const authToken = options.authToken ?? SANDBOX_TWILIO_AUTH_TOKEN;
  const now = options.now ?? Date.now;
  const messages: SandboxMessage[] = [];
  const callbacks: CallbackDelivery[] = [];
  const pending = new Set<Promise<void>>();
  /** Numbers the carrier cannot reach: accepted, then `undelivered` with 30005. */
  const unreachable = new Set<string>();
  /** Numbers Twilio refuses at once with 21211. */
  const invalid = new Set<string>();
  /** Numbers that replied STOP: Twilio itself blocks them with 21610 until START. */
  const optedOut = new Set<string>();
  const faults = { failNext: 0, failStatus: 500 as 429 | 500 };
  let windowStart = 0;
  let inWindow = 0;

  async function post(url: string, params: Record<string, string>): Promise<number | 'error'> {
    let status: number | 'error';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(authToken, url, params),
          'user-agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'error';
    }
    callbacks.push({ url, params, status });
    return status;
  }

  function track(p: Promise<unknown>) {
    const done = p.then(() => undefined);
    pending.add(done);
    void done.finally(() => pending.delete(done));
  }

  /** The statuses Twilio reports after accepting a message (track-outbound-message-status). */
  async function progress(m: SandboxMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, options.callbackDelayMs ?? 20));
    const steps: Array<[SandboxMessage['status'], string | undefined]> = unreachable.has(m.to)
      ? [
          ['sent', undefined],
          ['undelivered', '30005'],
        ]
      : [
          ['sent', undefined],
          ['delivered', undefined],
        ];
    for (const [status, errorCode] of steps) {
      m.status = status;
      if (!m.statusCallback) continue;
      await post(m.statusCallback, {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: m.from,
        MessageSid: m.sid,
        MessageStatus: status,
        SmsSid: m.sid,
        SmsStatus: status,
        To: m.to,
        ...(errorCode ? { ErrorCode: errorCode } : {}),
      });
    }
  }

  const app = new Hono();
  app.post('/2010-04-01/Accounts/:sid/Messages.json', async (c) => {
    const auth = c.req.header('authorization') ?? '';
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (auth !== expected || c.req.param('sid') !== accountSid) return error(c, 401, 20003, 'Authenticate');
    if (faults.failNext > 0) {
      faults.failNext--;
      return faults.failStatus === 429
        ? error(c, 429, 20429, 'Too Many Requests')
        : error(c, 500, 20500, 'Internal Server Error');
    }
    if (options.ratePerSecond) {
      const second = Math.floor(now() / 1000);
      if (second !== windowStart) {
        windowStart = second;
        inWindow = 0;
      }
      if (++inWindow > options.ratePerSecond) return error(c, 429, 20429, 'Too Many Requests');
    }
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const to = field('To');
    const bare = to.replace(/^whatsapp:/, '');
    if (!to) return error(c, 400, 21604, "A 'To' phone number is required.");
    if (!field('Body') && !field('ContentSid')) return error(c, 400, 21602, 'Message body is required.');
    if (invalid.has(bare) || !/^\+[1-9]\d{6,14}$/.test(bare))
      return error(c, 400, 21211, `Invalid 'To' Phone Number: ${bare}`);
    if (optedOut.has(bare)) return error(c, 400, 21610, 'Attempt to send to unsubscribed recipient');
    const m: SandboxMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: field('From') || field('MessagingServiceSid'),
      body: field('Body'),
      contentSid: field('ContentSid') || null,
      statusCallback: field('StatusCallback') || null,
      status: 'queued',
      createdAt: now(),
    };
    messages.push(m);
    track(progress(m));
    const date = new Date(m.createdAt).toUTCString().replace('GMT', '+0000');
    return c.json(
      {
        account_sid: accountSid,
        api_version: '2010-04-01',
        body: m.body,
        date_created: date,
        date_sent: null,
        date_updated: date,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: m.from,
        messaging_service_sid: field('MessagingServiceSid') || null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: null,
        sid: m.sid,
        status: 'queued',
        subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
        to: m.to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
      },
      201,
    );
  });

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid,
    authToken,
    number: SANDBOX_TWILIO_NUMBER,
    messages,
    callbacks,
    unreachable,
    invalid,
    /** The next `count` message requests fail with 429 (20429) or 500 before being stored. */
    failNext(count: number, status: 429 | 500 = 500) {
      faults.failNext = count;
      faults.failStatus = status;
    },
    /**
     * A customer texts the number: posts Twilio's incoming-message webhook to `webhookUrl`. STOP
     * and START also change what Twilio itself lets through, as Twilio's default opt-out does.
     */
    async inbound(webhookUrl: string, from: string, body: string, to = SANDBOX_TWILIO_NUMBER) {
      const keyword = body.trim().toUpperCase();
      if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(keyword)) optedOut.add(from);
      if (['START', 'YES', 'UNSTOP'].includes(keyword)) optedOut.delete(from);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      return post(webhookUrl, {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        Body: body,
        From: from,
        MessageSid: sid,
        NumMedia: '0',
        NumSegments: '1',
        SmsMessageSid: sid,
        SmsSid: sid,
        SmsStatus: 'received',
        To: to,
      });
    },
    /** Resolves when every status callback started so far has been posted. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close(): Promise<void> {
      await this.settled();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type TwilioSandbox = Awaited<ReturnType<typeof startTwilioSandbox>>;
