import { seededRandom } from '../../../shared/kernel/util/random';
import { seedOf } from '../world';
import { imagesAndLinks, parseMail } from './mime';
import type { ReceivedMail } from './server';

/**
 * The demo world's people reading the mail the SMTP sandbox accepts for them (decision 989): a
 * deterministic share opens a message — their mail client loads its images over plain HTTP, as any
 * client does — and a share of those follows one of its links. Nothing here knows Pulsepoint's
 * paths: a reader loads every `<img src>` of the HTML part and clicks one `<a href>` that is not
 * the message's `List-Unsubscribe` URL (RFC 2369). Their browser follows the redirect to the shop
 * (the `Location`, query string as the sender wrote it), which the world's `shop` serves: a share
 * of those visitors buy there (decision 1003). What the product counts is what its own receivers
 * and its own sync of the shop saw.
 */
export interface ReaderHabits {
  /** Share of delivered messages a person opens (their client loads the images). */
  openShare: number;
  /** Share of opened messages in which they click a link. */
  clickShareOfOpens: number;
  /** Mean time from delivery to opening, in the world's time (exponential). */
  meanOpenDelayMs: number;
  /** Mean time from opening to clicking, in the world's time (exponential). */
  meanClickDelayMs: number;
  /** Share of the visits a click brings to the shop that end in an order. */
  buyShareOfClicks: number;
}

/**
 * The world's habits. Mailchimp's benchmarks (mailchimp.com/resources/email-marketing-benchmarks,
 * "last updated in October 2019", campaigns to ≥ 1,000 subscribers): average unique open rate
 * 22.71 % and click rate 2.91 % of delivered messages (all non-labelled accounts). Opens have been
 * counted higher since Apple Mail Privacy Protection (September 2021) loads every image for its
 * users, so the world opens 40 %; clicks are a property of people, not of image loading, so 7.3 %
 * of openers click, keeping Mailchimp's ~2.9 % of delivered. Delays: most opens come in the first
 * hours after a send, so a mean of an hour; a reader who clicks does so within minutes.
 * Buying: Monetate's ecommerce benchmark for 2Q 2013 (600 million shopping sessions, reported at
 * marketingprofs.com/charts/2013/11664) puts the conversion rate of visits from email at 3.34 %,
 * so 3.34 % of the visits a click brings end in an order (decision 1003).
 */
export const WORLD_READERS: ReaderHabits = {
  openShare: 0.4,
  clickShareOfOpens: 0.073,
  meanOpenDelayMs: 60 * 60_000,
  meanClickDelayMs: 2 * 60_000,
  buyShareOfClicks: 0.0334,
};

/** What one person does with one message: decided from their address and its subject, so reproducible. */
export interface Reading {
  opens: boolean;
  clicks: boolean;
  /** Whether the visit the click brings to the shop ends in an order. */
  buys: boolean;
  openAfterMs: number;
  clickAfterMs: number;
  /** Which link, as a fraction of the message's links: [0, 1). */
  link: number;
}

export function readingOf(address: string, subject: string, habits: ReaderHabits = WORLD_READERS): Reading {
  const rand = seededRandom(seedOf('reader', address.toLowerCase(), subject));
  const opens = rand() < habits.openShare;
  const clicks = opens && rand() < habits.clickShareOfOpens;
  const exponential = (mean: number) => -Math.log(1 - rand()) * mean;
  const openAfterMs = exponential(habits.meanOpenDelayMs);
  const clickAfterMs = exponential(habits.meanClickDelayMs);
  const link = rand();
  // Drawn last, so adding it left every earlier choice of the world as it was.
  const buys = clicks && rand() < habits.buyShareOfClicks;
  return { opens, clicks, buys, openAfterMs, clickAfterMs, link };
}

/**
 * The world's people live at the domains reserved for examples (RFC 2606, RFC 6761): the sandbox
 * store's customers (`first.last.n@example.com`), the planted people (example.com / .net) and the
 * test stores'. Mail to anyone else — a colleague invited at a real address — is only kept.
 */
export function isWorldPerson(address: string): boolean {
  const domain = address.toLowerCase().split('@')[1] ?? '';
  return /(^|\.)example\.(com|net|org)$/.test(domain) || /(^|\.)example$/.test(domain);
}

export interface ReaderAction {
  to: string;
  /** `visit`: the shop page the click's redirect led to; its status says whether they bought. */
  kind: 'open' | 'click' | 'visit';
  url: string;
  /** The HTTP status, or the error's message when the request failed. */
  status: number | string;
  at: number;
}

export interface ReadersOptions {
  habits?: ReaderHabits;
  /**
   * World time to real time: the demo's merchant should see an hour of opens in seconds (1/180:
   * a mean open after 20 s). Tests use a smaller one.
   */
  timeScale: number;
  isPerson?: (address: string) => boolean;
  /**
   * The shop a click's redirect leads to (the world's storefront, e.g. the Shopify sandbox's).
   * Without one, a click stops at the redirect.
   */
  shop?: (visit: ShopVisit) => Promise<void>;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A person arriving at the shop from a link in a message. */
export interface ShopVisit {
  email: string;
  /** The redirect's target: the storefront URL with the tags the sender put on it. */
  landingPage: string;
  /** Mail clients send none (webmail's referrer policies strip it). */
  referrerUrl: null;
  /** In the world's time: the message's Date plus the reader's delays. */
  landedAt: string;
  buys: boolean;
}

/** The message's `Date` (RFC 5322 §3.6.1), the world's time it was sent; else when it arrived. */
function sentAtOf(dateHeader: string | undefined, receivedAt: number): number {
  const parsed = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : receivedAt;
}

const CLIENT_HEADERS = { 'user-agent': 'Mozilla/5.0 (pulsepoint-sandbox mail client)' };

export function createReaders(options: ReadersOptions) {
  const habits = options.habits ?? WORLD_READERS;
  const isPerson = options.isPerson ?? isWorldPerson;
  const get = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const log: ReaderAction[] = [];
  const pending = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  let closed = false;

  /** Runs `act` after `ms` of real time; `settled()` waits for it. */
  function later(ms: number, act: () => Promise<void>): void {
    if (closed) return;
    const run = new Promise<void>((resolve) => {
      const entry = {
        done: resolve,
        timer: setTimeout(() => {
          timers.delete(entry);
          if (closed) return resolve();
          act().then(resolve, resolve);
        }, ms),
      };
      timers.add(entry);
    });
    pending.add(run);
    void run.then(() => pending.delete(run));
  }

  /** One request; a click answered with a redirect returns where it leads. */
  async function request(to: string, kind: 'open' | 'click', url: string): Promise<string | undefined> {
    try {
      const res = await get(url, {
        headers: { ...CLIENT_HEADERS, accept: kind === 'open' ? 'image/*' : 'text/html' },
        // The redirect's target is on the shop's real host: the world's shop serves it (visit).
        redirect: 'manual',
      });
      await res.arrayBuffer();
      log.push({ to, kind, url, status: res.status, at: now() });
      const location = res.headers.get('location');
      return res.status >= 300 && res.status < 400 && location ? new URL(location, url).href : undefined;
    } catch (err) {
      log.push({ to, kind, url, status: err instanceof Error ? err.message : String(err), at: now() });
      return undefined;
    }
  }

  async function visit(shop: NonNullable<ReadersOptions['shop']>, v: ShopVisit) {
    try {
      await shop(v);
      log.push({
        to: v.email,
        kind: 'visit',
        url: v.landingPage,
        status: v.buys ? 'ordered' : 'browsed',
        at: now(),
      });
    } catch (err) {
      log.push({
        to: v.email,
        kind: 'visit',
        url: v.landingPage,
        status: err instanceof Error ? err.message : String(err),
        at: now(),
      });
    }
  }

  return {
    /** Every request a reader made, in order. */
    log,
    /** Called by the SMTP sandbox for each message it accepts. */
    receive(mail: ReceivedMail): void {
      const parsed = parseMail(mail.raw);
      if (!parsed.html) return;
      const { images, links } = imagesAndLinks(parsed.html);
      const unsubscribe = parsed.headers.get('list-unsubscribe')?.replace(/^<|>$/g, '');
      const clickable = links.filter((l) => l !== unsubscribe);
      const subject = parsed.headers.get('subject') ?? '';
      const sentAt = sentAtOf(parsed.headers.get('date'), mail.receivedAt);
      for (const to of mail.to) {
        if (!isPerson(to)) continue;
        const reading = readingOf(to, subject, habits);
        if (!reading.opens) continue;
        later(reading.openAfterMs * options.timeScale, async () => {
          for (const image of images) await request(to, 'open', image);
          const link = clickable[Math.floor(reading.link * clickable.length)];
          if (reading.clicks && link)
            later(reading.clickAfterMs * options.timeScale, async () => {
              const landingPage = await request(to, 'click', link);
              if (landingPage && options.shop)
                await visit(options.shop, {
                  email: to,
                  landingPage,
                  referrerUrl: null,
                  landedAt: new Date(sentAt + reading.openAfterMs + reading.clickAfterMs).toISOString(),
                  buys: reading.buys,
                });
            });
        });
      }
    },
    /** Resolves once every scheduled open and click has been made (or dropped by close). */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    /** Drops whatever is still scheduled. */
    close(): void {
      closed = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.done();
      }
      timers.clear();
    },
  };
}
export type Readers = ReturnType<typeof createReaders>;
