import Database from 'better-sqlite3';
import { RetryableError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';

/**
 * A persistent at-least-once queue in SQLite: the embedded twin of Pub/Sub subscriptions and
 * Cloud Tasks queues. A message stays in the table until its handler succeeds; a failure is
 * retried with exponential backoff (or the RetryableError's hint) and, after `maxAttempts`,
 * kept as a dead letter. Messages in flight when the process stops are delivered again on the
 * next start, so a crash or SIGTERM loses nothing.
 */
export interface QueueMessage {
  id: string;
  queue: string;
  payload: unknown;
  attempt: number;
}

export type QueueHandler = (message: QueueMessage) => Promise<void>;

export interface ConsumerOptions {
  concurrency?: number;
  /** Dispatches per second (Cloud Tasks' maxDispatchesPerSecond). */
  ratePerSecond?: number;
  maxAttempts?: number;
}

export interface DeadLetter {
  id: string;
  queue: string;
  payload: unknown;
  attempts: number;
  lastError: string;
}

export interface SqliteQueueOptions {
  filename: string;
  clock: Clock;
  logger: Logger;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with ±20% jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  pollIntervalMs?: number;
  random?: () => number;
}

interface Row {
  id: string;
  queue: string;
  payload: string;
  attempts: number;
}

export function createSqliteQueue(options: SqliteQueueOptions) {
  const { clock, logger } = options;
  const baseBackoff = options.baseBackoffMs ?? 1_000;
  const maxBackoff = options.maxBackoffMs ?? 10 * 60_000;
  const pollMs = options.pollIntervalMs ?? 200;
  const random = options.random ?? Math.random;
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS queue_messages (
    id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    payload TEXT NOT NULL,
    name TEXT,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    available_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    done_at INTEGER,
    last_error TEXT
  );
  CREATE INDEX IF NOT EXISTS queue_due ON queue_messages(queue, state, available_at);
  CREATE UNIQUE INDEX IF NOT EXISTS queue_names ON queue_messages(queue, name) WHERE name IS NOT NULL;`);
  // Whatever was in flight when the last process stopped is due again now.
  db.prepare(`UPDATE queue_messages SET state = 'pending' WHERE state = 'inflight'`).run();

  const insert = db.prepare(
    `INSERT INTO queue_messages (id, queue, payload, name, available_at, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const due = db.prepare<[string, number, number], Row>(
    `SELECT id, queue, payload, attempts FROM queue_messages
     WHERE queue = ? AND state = 'pending' AND available_at <= ? ORDER BY available_at, created_at LIMIT ?`,
  );
  const markInflight = db.prepare<[string]>(
    `UPDATE queue_messages SET state = 'inflight', attempts = attempts + 1 WHERE id = ?`,
  );
  const markDone = db.prepare<[number, string]>(
    `UPDATE queue_messages SET state = 'done', done_at = ?, payload = '{}' WHERE id = ?`,
  );
  const markRetry = db.prepare<[number, string, string]>(
    `UPDATE queue_messages SET state = 'pending', available_at = ?, last_error = ? WHERE id = ?`,
  );
  const markDead = db.prepare<[string, string]>(
    `UPDATE queue_messages SET state = 'dead', last_error = ? WHERE id = ?`,
  );
  // Finished rows are kept an hour so a task name stays deduplicated, as Cloud Tasks does.
  const purge = db.prepare<[number]>(`DELETE FROM queue_messages WHERE state = 'done' AND done_at < ?`);

  const consumers = new Map<
    string,
    {
      handler: QueueHandler;
      opts: Required<ConsumerOptions>;
      active: number;
      tokens: number;
      refilledAt: number;
    }
  >();
  const inflight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let closed = false;

  function backoff(attempt: number, err: unknown): number {
    if (err instanceof RetryableError && err.retryAfterMs > 0) return err.retryAfterMs;
    const exp = Math.min(maxBackoff, baseBackoff * 2 ** (attempt - 1));
    return Math.round(exp * (0.8 + 0.4 * random()));
  }

  function deliver(queue: string, row: Row): void {
    const consumer = consumers.get(queue)!;
    markInflight.run(row.id);
    consumer.active++;
    const attempt = row.attempts + 1;
    const work = (async () => {
      try {
        await consumer.handler({ id: row.id, queue, payload: JSON.parse(row.payload), attempt });
        if (!closed) markDone.run(clock.now().getTime(), row.id);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (closed) return;
        if (attempt >= consumer.opts.maxAttempts) {
          markDead.run(message, row.id);
          logger.error('message dead-lettered', {
            queue,
            messageId: row.id,
            attempts: attempt,
            error: message,
          });
        } else {
          const delay = backoff(attempt, err);
          markRetry.run(clock.now().getTime() + delay, message, row.id);
          logger.warn('message will be retried', {
            queue,
            messageId: row.id,
            attempt,
            retryInMs: delay,
            error: message,
          });
        }
      } finally {
        consumer.active--;
      }
    })();
    inflight.add(work);
    void work.finally(() => {
      inflight.delete(work);
      schedule(0);
    });
  }

  function pump(): void {
    timer = undefined;
    if (stopping || closed) return;
    const now = clock.now().getTime();
    for (const [queue, c] of consumers) {
      const elapsed = (now - c.refilledAt) / 1000;
      c.tokens = Math.min(c.opts.ratePerSecond, c.tokens + elapsed * c.opts.ratePerSecond);
      c.refilledAt = now;
      const room = Math.min(c.opts.concurrency - c.active, Math.floor(c.tokens));
      if (room <= 0) continue;
      for (const row of due.all(queue, now, room)) {
        c.tokens--;
        deliver(queue, row);
      }
    }
    schedule(pollMs);
  }

  function schedule(ms: number): void {
    if (stopping || closed) return;
    if (timer && ms > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(pump, ms);
    timer.unref?.();
  }

  return {
    /** Adds a message; a `name` already used on this queue (pending or done within the hour) is ignored. */
    enqueue(
      queue: string,
      id: string,
      payload: unknown,
      opts: { name?: string; delayMs?: number } = {},
    ): boolean {
      const now = clock.now().getTime();
      purge.run(now - 3_600_000);
      const r = insert.run(
        id,
        queue,
        JSON.stringify(payload),
        opts.name ?? null,
        now + (opts.delayMs ?? 0),
        now,
      );
      if (r.changes > 0) schedule(opts.delayMs ? pollMs : 0);
      return r.changes > 0;
    },
    consume(queue: string, handler: QueueHandler, opts: ConsumerOptions = {}): void {
      const full = {
        concurrency: opts.concurrency ?? 4,
        ratePerSecond: opts.ratePerSecond ?? 50,
        maxAttempts: opts.maxAttempts ?? 5,
      };
      consumers.set(queue, {
        handler,
        opts: full,
        active: 0,
        tokens: full.ratePerSecond,
        refilledAt: clock.now().getTime(),
      });
      schedule(0);
    },
    deadLetters(queue?: string): DeadLetter[] {
      const rows = db
        .prepare<unknown[], Row & { last_error: string }>(
          `SELECT id, queue, payload, attempts, last_error FROM queue_messages WHERE state = 'dead'${queue ? ' AND queue = ?' : ''} ORDER BY created_at`,
        )
        .all(...(queue ? [queue] : []));
      return rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        payload: JSON.parse(r.payload),
        attempts: r.attempts,
        lastError: r.last_error,
      }));
    },
    /** Messages not yet finished (pending or in flight), for tests and /health. */
    backlog(queue?: string): number {
      const row = db
        .prepare<unknown[], { n: number }>(
          `SELECT COUNT(*) AS n FROM queue_messages WHERE state IN ('pending','inflight')${queue ? ' AND queue = ?' : ''}`,
        )
        .get(...(queue ? [queue] : []));
      return row?.n ?? 0;
    },
    /** Runs the dispatcher now (tests drive time with a fixed clock). */
    poke(): void {
      schedule(0);
    },
    /**
     * Resolves when nothing is in flight and nothing is pending that falls due within
     * `horizonMs` (retries scheduled a moment ahead count; a far-future delayed message does not).
     */
    async drain(timeoutMs = 30_000, horizonMs = 2_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const soon = db.prepare<[number], { n: number }>(
        `SELECT COUNT(*) AS n FROM queue_messages WHERE state = 'pending' AND available_at <= ?`,
      );
      for (;;) {
        if (soon.get(clock.now().getTime() + horizonMs)!.n === 0 && inflight.size === 0) return;
        if (Date.now() > deadline) throw new Error(`queue did not drain within ${timeoutMs} ms`);
        schedule(0);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    /** Stops taking work, waits for in-flight handlers (up to graceMs), then closes. */
    async close(graceMs = 10_000): Promise<void> {
      stopping = true;
      if (timer) clearTimeout(timer);
      const all = Promise.allSettled([...inflight]);
      await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref?.())]);
      closed = true;
      db.close();
    },
  };
}
export type SqliteQueue = ReturnType<typeof createSqliteQueue>;
