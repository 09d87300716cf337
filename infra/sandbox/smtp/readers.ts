import { seededRandom } from '../../../shared/kernel/util/random';
import { seedOf } from '../world';
import { imagesAndLinks, parseMail } from './mime';
import type { ReceivedMail } from './server';

/**
 * The demo world's people reading the mail the SMTP sandbox accepts for them (decision 989): a
 * deterministic share opens a message — their mail client loads its images over plain HTTP, as any
 * client does — and a share of those follows one of its links. Nothing here knows Pulsepoint's
 * paths: a reader loads every `<img src>` of the HTML part and clicks one `<a href>` that is not
 * the message's `List-Unsubscribe` URL (RFC 2369), stopping at the redirect as the sandbox has no
 * storefront on the shop's real host. What the product counts is what its own receivers saw.
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
}

/**
 * The world's habits. Mailchimp's benchmarks (mailchimp.com/resources/email-marketing-benchmarks,
 * "last updated in October 2019", campaigns to ≥ 1,000 subscribers): average unique open rate
 * 22.71 % and click rate 2.91 % of delivered messages (all non-labelled accounts). Opens have been
 * counted higher since Apple Mail Privacy Protection (September 2021) loads every image for its
 * users, so the world opens 40 %; clicks are a property of people, not of image loading, so 7.3 %
 * of openers click, keeping Mailchimp's ~2.9 % of delivered. Delays: most opens come in the first
 * hours after a send, so a mean of an hour; a reader who clicks does so within minutes.
 */
export const WORLD_READERS: ReaderHabits = {
  openShare: 0.4,
  clickShareOfOpens: 0.073,
  meanOpenDelayMs: 60 * 60_000,
  meanClickDelayMs: 2 * 60_000,
};

/** What one person does with one message: decided from their address and its subject, so reproducible. */
export interface Reading {
  opens: boolean;
  clicks: boolean;
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
  return {
    opens,
    clicks,
    openAfterMs: exponential(habits.meanOpenDelayMs),
    clickAfterMs: exponential(habits.meanClickDelayMs),
    link: rand(),
  };
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
  kind: 'open' | 'click';
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
  fetch?: typeof fetch;
  now?: () => number;
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

  async function request(to: string, kind: ReaderAction['kind'], url: string) {
    try {
      const res = await get(url, {
        headers: { ...CLIENT_HEADERS, accept: kind === 'open' ? 'image/*' : 'text/html' },
        // A person's browser would go on to the shop; the sandbox has no storefront on its host.
        redirect: 'manual',
      });
      await res.arrayBuffer();
      log.push({ to, kind, url, status: res.status, at: now() });
    } catch (err) {
      log.push({ to, kind, url, status: err instanceof Error ? err.message : String(err), at: now() });
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
      for (const to of mail.to) {
        if (!isPerson(to)) continue;
        const reading = readingOf(to, subject, habits);
        if (!reading.opens) continue;
        later(reading.openAfterMs * options.timeScale, async () => {
          for (const image of images) await request(to, 'open', image);
          const link = clickable[Math.floor(reading.link * clickable.length)];
          if (reading.clicks && link)
            later(reading.clickAfterMs * options.timeScale, () => request(to, 'click', link));
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
