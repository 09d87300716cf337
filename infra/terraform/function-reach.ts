import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * What a function's code can do to Google resources, read from its source: the modules its handler
 * builder loads (infra/compose/handlers.ts) and everything they import at run time, searched for
 * the port calls IAM guards. A use is a key (`publishes:alert.raised`, `enqueues:STEP_QUEUE`,
 * `secrets:put`, `tenantWarehouse`, `opsAppends:ai_token_usage`, `opsReads:ai_token_usage`,
 * `dropTenant`, `manageUsers`, `media`) with the files it appears in. Reach is per module, so a function that imports a
 * module for one export also reaches its other calls: access-from-code.test.ts lists those with a
 * reason. Calls are found by the names the code base gives its ports (`bus`, `tasks`, `secrets`,
 * `warehouse`, `identityAdmin`, `media`); a port passed under another name is not seen.
 */
export type Reach = Map<string, Set<string>>;

const ROOT = join(import.meta.dirname, '../..');
const HANDLERS = 'infra/compose/handlers.ts';

const CALLS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string | undefined]> = [
  [/\bbus\??\.publish\(\s*([^,]+),/g, (m) => `publishes:${literal(m[1]!) ?? `?${m[1]!.trim()}`}`],
  [/\btasks\??\.enqueue\(\s*([^,]+),/g, (m) => `enqueues:${m[1]!.trim()}`],
  // shared/ports/task-queue.ts: `enqueueAtWindowEnd(tasks, QUEUE, …)` enqueues on QUEUE.
  [/\benqueueAtWindowEnd\(\s*[^,]+,\s*([^,]+),/g, (m) => `enqueues:${m[1]!.trim()}`],
  [/\bsecrets\??\.(get|put|delete)\(/g, (m) => `secrets:${m[1]}`],
  [
    /\bwarehouse\??\.(ensureTenant|query|replaceRange|replaceKeys|replaceNewer|deleteWhere)(?:<[^>]*>)?\(/g,
    () => 'tenantWarehouse',
  ],
  [/\bwarehouse\??\.dropTenant\(/g, () => 'dropTenant'],
  [/\bwarehouse\??\.insertOps\(\s*([^,]+),/g, (m) => `opsAppends:${literal(m[1]!) ?? `?${m[1]!.trim()}`}`],
  [/\bidentityAdmin\??\.\w+\(/g, () => 'manageUsers'],
  [/\bmedia\??\.(put|get|delete|signedUrl)\(/g, () => 'media'],
];
/** queryOps names its tables as `{{table}}` in the SQL literal it is given. */
const QUERY_OPS = /\bwarehouse\??\.queryOps(?:<[^>]*>)?\(\s*(`[^`]*`|'[^']*')/g;

const literal = (expr: string) => expr.trim().match(/^'([^']*)'$/)?.[1];

const sources = new Map<string, string>();
const read = (file: string) => {
  const text = sources.get(file) ?? readFileSync(join(ROOT, file), 'utf8');
  sources.set(file, text);
  return text;
};

/** Relative modules a file loads at run time: `import type` and `export type` load nothing. */
const RUNTIME_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)/g;

function runtimeImports(file: string, text = read(file)): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RUNTIME_IMPORT)) {
    if (m[1]) continue;
    const spec = m[2] ?? m[3];
    const target = spec?.startsWith('.') ? resolve(file, spec) : undefined;
    if (target) out.push(target);
  }
  return out;
}

/** The source file a relative specifier names; undefined for data files (JSON, fonts). */
function resolve(from: string, spec: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base])
    if (existsSync(join(ROOT, candidate)) && !candidate.endsWith('/'))
      return /\.tsx?$/.test(candidate) ? candidate : undefined;
  throw new Error(`${from} imports ${spec}, which resolves to no file`);
}

/**
 * The modules a builder loads: a method of `handlerBuilders`, or a function declared in
 * handlers.ts (`syncAds` builds every ad platform's sync), with its dynamic `import()`s.
 */
function builderImports(builder: string): string[] {
  const source = ts.createSourceFile(HANDLERS, read(HANDLERS), ts.ScriptTarget.ES2022, true);
  let body: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    const named =
      (ts.isMethodDeclaration(node) || ts.isPropertyAssignment(node) || ts.isFunctionDeclaration(node)) &&
      node.name &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === builder;
    if (named) body = node;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!body) throw new Error(`${HANDLERS} has no builder named ${builder}`);
  return runtimeImports(HANDLERS, body.getText());
}

/** Everything `builder`'s function can call: the builder's own modules and handlers.ts's static imports. */
export function reachOf(builder: string): Reach {
  const statics = runtimeImports(
    HANDLERS,
    read(HANDLERS)
      .split('\n')
      .filter((line) => !/\bimport\s*\(/.test(line))
      .join('\n'),
  );
  const seen = new Set<string>();
  const todo = [...statics, ...builderImports(builder)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...runtimeImports(file));
  }
  const reach: Reach = new Map();
  const use = (key: string, file: string) => {
    if (!reach.has(key)) reach.set(key, new Set());
    reach.get(key)!.add(file);
  };
  for (const file of seen) {
    const text = read(file);
    for (const [pattern, key] of CALLS)
      for (const m of text.matchAll(pattern)) {
        const k = key(m);
        if (k) use(k, file);
      }
    for (const m of text.matchAll(QUERY_OPS))
      for (const t of m[1]!.matchAll(/\{\{(\w+)\}\}/g)) use(`opsReads:${t[1]}`, file);
  }
  return reach;
}
