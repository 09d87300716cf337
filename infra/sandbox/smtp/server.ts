import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createReaders, type ReadersOptions } from './readers';

/**
 * A loopback SMTP server (smtp-server) that keeps every message it accepts, so the outbox and the
 * tests can read exactly what was sent. Addresses in `bounce` are refused at RCPT TO with
 * `550 5.1.1`, as a receiving server answers for a mailbox that does not exist (RFC 3463); the
 * next `failNext` transactions get `421 4.3.2` (service not available, try again later).
 * With `readers`, the world's people read what they are sent: a share of them opens each message
 * and a share of those clicks a link, over plain HTTP (readers.ts, decision 989).
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw RFC 5322 message, headers and body. */
  raw: string;
  receivedAt: number;
}

export async function startSmtpSandbox(options: { now?: () => number; readers?: ReadersOptions } = {}) {
  const now = options.now ?? Date.now;
  const readers = options.readers ? createReaders(options.readers) : undefined;
  const received: ReceivedMail[] = [];
  const bounce = new Set<string>();
  const faults = { failNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // A pooled client keeps its connection open: on close, end it after 1 s rather than 30.
    closeTimeout: 1_000,
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (faults.failNext > 0) {
        faults.failNext--;
        const err = Object.assign(new Error('4.3.2 Service not available, try again later'), {
          responseCode: 421,
        });
        return callback(err);
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (bounce.has(address.address.toLowerCase())) {
        const err = Object.assign(
          new Error('5.1.1 The email account that you tried to reach does not exist'),
          {
            responseCode: 550,
          },
        );
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          receivedAt: now(),
        };
        received.push(mail);
        callback();
        readers?.receive(mail);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    received,
    bounce,
    /** What the world's people did with their mail (with `readers`). */
    readers,
    failNext(count: number) {
      faults.failNext = count;
    },
    async close(): Promise<void> {
      readers?.close();
      await readers?.settled();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type SmtpSandbox = Awaited<ReturnType<typeof startSmtpSandbox>>;
