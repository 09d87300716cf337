/**
 * One structured logger: JSON lines in the shape Cloud Logging reads (`severity`, `message`,
 * `logging.googleapis.com/trace`, `logging.googleapis.com/labels`). Secrets are redacted by key
 * name and by value shape before anything is written.
 */
export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
const ORDER: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(labels: Record<string, string>, trace?: string): Logger;
}

export interface LoggerOptions {
  level?: Severity;
  labels?: Record<string, string>;
  /** `projects/<id>/traces/<trace-id>` is built from a traceparent when a project is given. */
  project?: string;
  trace?: string;
  /**
   * `json` (default): one Cloud Logging entry per line. `text`: one short line a person reads at
   * a terminal (`18:43:51 INFO  ad sync finished · rows=5973 campaigns=3`), for the local runtime.
   */
  format?: 'json' | 'text';
  write?: (line: string) => void;
}

const SECRET_KEY =
  /(token|secret|password|passwd|authorization|api[_-]?key|hmac|cookie|credential|private[_-]?key)/i;
/**
 * Every shape of secret value the logger redacts, as the literal it starts with and what follows
 * it. Both the redacting pattern and its quick test are built from this one list, so a new shape
 * is added here and nowhere else. A `prefix` is a literal with no regex meta characters.
 */
export const SECRET_SHAPES: readonly { prefix: string; rest: string; wordStart: boolean }[] = [
  { prefix: 'Bearer', rest: String.raw`\s+[A-Za-z0-9._~+/=-]+`, wordStart: true },
  ...['sk-ant-', 'shpat_', 'shpss_', 'EAA', 'pp_live_'].map((prefix) => ({
    prefix,
    rest: '[A-Za-z0-9_-]{8,}',
    wordStart: true,
  })),
  // A JWT: header, payload and signature; its base64url header always starts with `{"` → `eyJ`.
  { prefix: 'eyJ', rest: String.raw`[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+`, wordStart: false },
];
const SECRET_VALUE = new RegExp(
  SECRET_SHAPES.map((s) => `${s.wordStart ? String.raw`\b` : ''}${s.prefix}${s.rest}`).join('|'),
  'g',
);
/**
 * The literals the shapes start with: a string holding none of them is returned as it is, one
 * test instead of a replace on every field of every request's log line.
 */
const MAY_HOLD_SECRET = new RegExp(SECRET_SHAPES.map((s) => s.prefix).join('|'));

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string')
    return MAY_HOLD_SECRET.test(value) ? value.replace(SECRET_VALUE, '[redacted]') : value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export function traceIdOf(traceparent: string | undefined): string | undefined {
  const m = traceparent ? /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent) : null;
  return m?.[1];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'INFO'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const labels = options.labels ?? {};
  const emit = (severity: Severity, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[severity] < min) return;
    const traceId = traceIdOf(options.trace);
    const entry: Record<string, unknown> = {
      severity,
      message: redact(message),
      time: new Date().toISOString(),
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    if (Object.keys(labels).length) entry['logging.googleapis.com/labels'] = labels;
    if (traceId)
      entry['logging.googleapis.com/trace'] = options.project
        ? `projects/${options.project}/traces/${traceId}`
        : traceId;
    write(options.format === 'text' ? textLine(entry) : JSON.stringify(entry));
  };
  return {
    debug: (m, f) => emit('DEBUG', m, f),
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARNING', m, f),
    error: (m, f) => emit('ERROR', m, f),
    child: (more, trace) =>
      createLogger({ ...options, labels: { ...labels, ...more }, trace: trace ?? options.trace }),
  };
}

const ENTRY_KEYS = new Set(['severity', 'message', 'time', 'logging.googleapis.com/labels']);

/** An entry (already redacted) as one line: local time of day, severity, message, then fields. */
function textLine(entry: Record<string, unknown>): string {
  const fields = Object.entries(entry)
    .filter(([k]) => !ENTRY_KEYS.has(k) && !k.startsWith('logging.googleapis.com/'))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const time = String(entry.time).slice(11, 19);
  const severity = String(entry.severity).padEnd(7);
  return `${time} ${severity} ${String(entry.message)}${fields.length ? ` · ${fields.join(' ')}` : ''}`;
}

/** A logger that keeps lines in memory, for tests that assert on what was (not) logged. */
export function createMemoryLogger(level: Severity = 'DEBUG'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ level, write: (l) => lines.push(l) }), { lines });
}
