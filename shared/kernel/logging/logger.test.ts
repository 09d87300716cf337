import { describe, expect, it } from 'vitest';
import { createLogger, createMemoryLogger, redact, SECRET_SHAPES } from './logger';

describe('logger', () => {
  it('writes Cloud Logging fields and the trace from a traceparent', () => {
    const lines: string[] = [];
    createLogger({
      project: 'p1',
      trace: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      write: (l) => lines.push(l),
    })
      .child({ job: 'attribute' })
      .info('done', { orders: 3 });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      severity: 'INFO',
      message: 'done',
      orders: 3,
      'logging.googleapis.com/trace': 'projects/p1/traces/0af7651916cd43dd8448eb211c80319c',
      'logging.googleapis.com/labels': { job: 'attribute' },
    });
  });

  it('text format: one readable line with the fields, secrets still redacted, labels left out', () => {
    const lines: string[] = [];
    createLogger({ format: 'text', labels: { service: 'pulsepoint' }, write: (l) => lines.push(l) }).warn(
      'ad sync finished',
      { rows: 5973, range: { from: '2025-12-06' }, accessToken: 'shpat_abcdef0123456789' },
    );
    expect(lines[0]).toMatch(
      /^\d{2}:\d{2}:\d{2} WARNING ad sync finished · rows=5973 range=\{"from":"2025-12-06"\} accessToken=\[redacted\]$/,
    );
  });

  it('never writes secrets, by key or by shape', () => {
    const log = createMemoryLogger();
    log.error('call failed with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', {
      accessToken: 'shpat_abcdef0123456789',
      headers: { Authorization: 'Bearer abc', 'x-shopify-hmac-sha256': 'zzz' },
      note: 'token shpat_abcdef0123456789 leaked into text',
    });
    const line = log.lines.join('\n');
    expect(line).not.toContain('shpat_abcdef');
    expect(line).not.toContain('eyJhbGci');
    expect(line).not.toContain('zzz');
    expect(line).toContain('[redacted]');
  });

  const secrets = [
    'Bearer abc.def-123',
    'sk-ant-api03-abcdefgh',
    'shpat_abcdef0123456789',
    'shpss_abcdef0123456789',
    'EAAabcdefgh12345',
    'pp_live_abcdefgh1234',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  ];
  it.each(secrets)('redacts %s wherever it stands in a string', (secret) => {
    expect(redact(`before ${secret} after`)).toBe('before [redacted] after');
  });

  it.each(SECRET_SHAPES.map((s) => s.prefix))(
    'has a secret starting with %s in the table above',
    (prefix) => {
      expect(secrets.filter((s) => s.startsWith(prefix))).not.toEqual([]);
    },
  );

  it('leaves a shape prefix alone when no secret follows it', () => {
    expect(redact('Bearer: see EAA docs, eyJ.x')).toBe('Bearer: see EAA docs, eyJ.x');
  });

  it('drops lines below its level', () => {
    const log = createMemoryLogger('WARNING');
    log.info('quiet');
    log.warn('loud');
    expect(log.lines).toHaveLength(1);
  });
});
