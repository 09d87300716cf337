import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manifest } from './manifest';

/**
 * Firebase Hosting is the front door: every public route the manifest gives an HTTP function
 * must be rewritten to that function, or the web app gets index.html where it expected JSON.
 */
const firebaseJson = z
  .object({
    hosting: z.object({
      public: z.string(),
      rewrites: z.array(
        z.object({
          source: z.string(),
          function: z.object({ functionId: z.string(), region: z.string() }).optional(),
          destination: z.string().optional(),
        }),
      ),
    }),
    emulators: z.object({
      auth: z.object({ port: z.number() }),
      firestore: z.object({ port: z.number() }),
      pubsub: z.object({ port: z.number() }),
    }),
  })
  .parse(JSON.parse(readFileSync(join(import.meta.dirname, '../firebase.json'), 'utf8')));

const rewrites = firebaseJson.hosting.rewrites;
/** Hosting globs: `/a/**` matches `/a/anything`; a literal matches itself. */
const matches = (glob: string, path: string) =>
  glob.endsWith('/**') ? path.startsWith(glob.slice(0, -2)) || path === glob.slice(0, -3) : glob === path;
const target = (path: string) => rewrites.find((r) => matches(r.source, path));

describe('firebase.json', () => {
  it('serves the web build and falls back to the app shell', () => {
    expect(firebaseJson.hosting.public).toBe('web/dist');
    expect(rewrites.at(-1)).toEqual({ source: '**', destination: '/index.html' });
  });

  it.each(
    manifest.flatMap((f) =>
      f.trigger.kind === 'http' ? f.trigger.routes.map((r) => [r, f.name] as const) : [],
    ),
  )('rewrites %s to the %s function', (route, name) => {
    const example = route.replace(/\*\*$/, 'example');
    expect(target(example)?.function?.functionId).toBe(name);
  });

  it('rewrites only to HTTP functions in one region', () => {
    const http = new Set(manifest.filter((f) => f.trigger.kind === 'http').map((f) => f.name));
    const fns = rewrites.flatMap((r) => (r.function ? [r.function] : []));
    for (const f of fns) expect(http.has(f.functionId), f.functionId).toBe(true);
    expect(new Set(fns.map((f) => f.region)).size).toBe(1);
  });
});
