import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** Every block of one kind (`resource`, `data`) by type and name, with hcl2json's arrays unwrapped. */
export type Blocks = Record<string, Record<string, Record<string, unknown>>>;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Record<string, unknown>;

/** The resources and locals of every `.tf` (through hcl2json) and `.tf.json` file in `dir`. */
export async function loadTerraform(
  dir: string,
): Promise<{ resource: Blocks; locals: Record<string, unknown> }> {
  const resource: Blocks = {};
  const locals: Record<string, unknown> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : await parse(file, text)) as Record<
      string,
      unknown
    >;
    for (const [type, byName] of Object.entries(
      (doc.resource ?? {}) as Record<string, Record<string, unknown>>,
    ))
      for (const [name, body] of Object.entries(byName)) {
        resource[type] ??= {};
        resource[type][name] = one(body);
      }
    for (const block of [doc.locals ?? []].flat() as Record<string, unknown>[]) Object.assign(locals, block);
  }
  return { resource, locals };
}

/** `depends_on` as plain addresses: hcl2json writes `${google_x.y}`, the generated JSON `google_x.y`. */
export function dependsOn(body: Record<string, unknown>): string[] {
  return ((body.depends_on ?? []) as string[]).map((d) => d.replace(/^\$\{(.*)\}$/, '$1'));
}
