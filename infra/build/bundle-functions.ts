import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { type FunctionSpec, manifest } from '../manifest';

/**
 * `npm run build:functions`: one esbuild bundle per manifest function in dist/functions/<name>/,
 * each a self-contained deploy unit (index.js + chunks + package.json) that Terraform zips.
 *
 * Our code and the pure-JS libraries are bundled; Google's client libraries stay external and
 * are installed by Cloud Build from the generated package.json (they carry protos and native
 * gRPC bits that do not survive bundling). Code splitting keeps what is imported dynamically in
 * its own chunks, so a cold start evaluates only the entry: the Google clients and the embedded
 * backends load when first used, not at import (docs/decisions/705).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Packages left to npm at deploy time (resvg is a native addon: esbuild cannot bundle its .node file). */
const EXTERNAL = [
  '@google-cloud/*',
  'firebase-admin',
  'firebase-admin/*',
  '@duckdb/*',
  'better-sqlite3',
  '@resvg/resvg-js',
];
/**
 * Packages read as files at run time, which no import names: the post renderer reads Inter's WOFF
 * files through require.resolve (shared/content/render.ts), so they ship wherever resvg does.
 */
const FILE_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  '@resvg/resvg-js': ['@fontsource/inter'],
};
/** Embedded-only native packages: never installed in a deployed function (PULSEPOINT_BACKEND=gcp). */
const EMBEDDED_ONLY = new Set(['@duckdb/node-api', '@duckdb/node-bindings', 'better-sqlite3']);

interface RootPackage {
  version: string;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
}

export interface BundleResult {
  name: string;
  dir: string;
  dependencies: Record<string, string>;
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** The npm packages a bundle imports at run time, pinned to the versions the repo tests with. */
export function externalDependencies(metafile: Metafile, root: RootPackage): Record<string, string> {
  const used = new Set<string>(['@google-cloud/functions-framework']);
  for (const output of Object.values(metafile.outputs))
    for (const imp of output.imports)
      if (imp.external && !isBuiltin(imp.path) && !imp.path.startsWith('node:'))
        used.add(packageOf(imp.path));
  for (const name of [...used]) for (const extra of FILE_PACKAGES[name] ?? []) used.add(extra);
  const deps: Record<string, string> = {};
  for (const name of [...used].sort()) {
    if (EMBEDDED_ONLY.has(name)) continue;
    const version = root.dependencies[name];
    if (!version) throw new Error(`bundle imports ${name}, which package.json does not depend on`);
    deps[name] = version;
  }
  return deps;
}

export async function bundleFunction(
  spec: FunctionSpec,
  outRoot = join(ROOT, 'dist/functions'),
): Promise<BundleResult> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as RootPackage;
  const dir = join(outRoot, spec.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: { index: join(ROOT, 'functions', spec.name, 'index.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    external: EXTERNAL,
    metafile: true,
    logLevel: 'warning',
    // Some bundled CommonJS dependencies call require(); ESM has none unless we make one.
    banner: {
      js: "import { createRequire as __ppRequire } from 'node:module'; const require = __ppRequire(import.meta.url);",
    },
  });
  const dependencies = externalDependencies(result.metafile, root);
  const pkg = {
    name: `pulsepoint-fn-${spec.name}`,
    version: root.version,
    private: true,
    type: 'module',
    main: 'index.js',
    engines: { node: '>=20' },
    dependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return { name: spec.name, dir, dependencies };
}

export async function bundleAll(outRoot?: string): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const spec of manifest) results.push(await bundleFunction(spec, outRoot));
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await bundleAll())
    process.stdout.write(`${r.name}: ${r.dir} (${Object.keys(r.dependencies).join(', ')})\n`);
}
