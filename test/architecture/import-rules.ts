import { posix } from 'node:path';

/**
 * The directions imports may point in (docs/decisions/801-one-home-per-feature.md). A file's zone
 * comes from its path; an import is allowed when its target's zone is in the importer's list.
 * Tests (`*.test.ts`, `test/**`) may import anything (they build real backends), but nothing else
 * may import a test file or `test/**`.
 */
export const FEATURES = [
  'platforms',
  'attribution',
  'reporting',
  'recommendations',
  'alerts',
  'insights',
  // New this wave (issue 13's layout): allowed now so they land in their place.
  'customers',
  'engagement',
  'content',
  'billing',
  'budget',
  // Membership: the record and the account's claims, changed together (docs/decisions/921).
  'members',
] as const;

/**
 * Feature → features it may import: an acyclic list, each edge a read model or job another feature
 * owns. Anything not listed is a sideways import and fails.
 */
export const FEATURE_EDGES: Readonly<Record<string, readonly string[]>> = {
  // brand-window reads the reporting read model (performance-queries).
  attribution: ['reporting'],
  // recommend-job reads performance, the brand window and LTV ROAS per campaign.
  recommendations: ['reporting', 'attribution', 'customers'],
  // The agent's tools read performance, inventory, the brand window, the 360 and customer analytics.
  insights: ['reporting', 'attribution', 'customers'],
  // Shopify's customers/* webhooks become customer events; its compliance topics export and erase
  // profiles, events and engagement's copies (consent, sends: decision 1019).
  platforms: ['customers', 'engagement'],
  // The customer CSV export quotes cells as the performance export does.
  customers: ['reporting'],
  // Posts are picked from the performance read model; Claude's calls go through the token ledger.
  // A failed post raises its alert with the id the recommend job derives (recommendations/action-sync).
  content: ['reporting', 'insights', 'recommendations'],
  // Message statuses and replies land on the customer timeline through customer event ingestion.
  engagement: ['customers'],
};

/** Kernel modules with no I/O, clock or env: the only kernel the domain may use. */
const PURE_KERNEL = /^shared\/kernel\/(errors|result|error-body)\.ts$|^shared\/kernel\/util\//;

export type Zone =
  | 'kernel'
  | 'domain'
  | 'ports'
  | 'adapters'
  | `feature:${string}`
  | 'api'
  | 'composition'
  | 'infra'
  | 'web'
  | 'test'
  | 'root';

export function zoneOf(file: string): Zone {
  if (/\.test\.tsx?$/.test(file) || file.startsWith('test/')) return 'test';
  const shared = file.match(/^shared\/([^/]+)\//);
  if (shared) {
    const top = shared[1]!;
    if (top === 'kernel' || top === 'domain' || top === 'ports' || top === 'adapters' || top === 'api')
      return top;
    return `feature:${top}`;
  }
  if (file.startsWith('functions/') || file.startsWith('infra/compose/') || file.startsWith('infra/local/'))
    return 'composition';
  if (file.startsWith('infra/')) return 'infra';
  if (file.startsWith('web/')) return 'web';
  return 'root';
}

/** Why `from` may not import `to`, or undefined when it may. */
export function violation(from: string, to: string): string | undefined {
  const a = zoneOf(from);
  const b = zoneOf(to);
  if (a === 'test') return undefined;
  if (b === 'test') return 'production code imports a test file or test/support';
  if (a.startsWith('feature:') && !FEATURES.includes(a.slice(8) as (typeof FEATURES)[number]))
    return `shared/${a.slice(8)}/ is not a folder of the layout (add it to FEATURES and the decision record)`;
  if (a === b) return undefined;
  const features = (z: Zone) => z.startsWith('feature:');
  switch (a) {
    case 'domain':
      return PURE_KERNEL.test(to) ? undefined : 'the domain imports only the domain and the pure kernel';
    case 'kernel':
      return 'the kernel imports nothing of the project outside itself';
    case 'ports':
      return b === 'domain' || b === 'kernel' ? undefined : 'ports import only the domain and the kernel';
    case 'adapters':
      return b === 'domain' || b === 'kernel' || b === 'ports'
        ? undefined
        : 'adapters implement ports: they import only ports, the domain and the kernel';
    case 'api':
      return b === 'domain' || b === 'kernel' || b === 'ports' || features(b)
        ? undefined
        : 'the API imports features, ports, the domain and the kernel (never adapters or composition)';
    case 'web':
      return b === 'domain' || to.startsWith('shared/api/schemas/')
        ? undefined
        : 'the web app imports only the domain and the server-free API schemas';
    case 'composition':
      return undefined;
    case 'infra':
      if (b === 'domain' || b === 'kernel' || b === 'ports' || features(b) || b === 'root') return undefined;
      // Terraform renders BigQuery tables from the adapter's own column definitions.
      if (from.startsWith('infra/terraform/') && to.startsWith('shared/adapters/gcp/')) return undefined;
      // Connecting the demo brand to the sandboxes uses the demo seed's ids.
      if (from === 'infra/sandbox/shopify/connect-demo.ts' && to === 'infra/local/seed') return undefined;
      return `infra tooling may not import ${b}`;
    default: {
      if (!features(a)) return undefined;
      if (b === 'domain' || b === 'kernel' || b === 'ports') return undefined;
      if (features(b) && (FEATURE_EDGES[a.slice(8)] ?? []).includes(b.slice(8))) return undefined;
      return `feature ${a.slice(8)} may not import ${b} (features import the domain, ports, the kernel and the features FEATURE_EDGES lists)`;
    }
  }
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'([^']+)'/g;

/** Relative import specifiers of a source text (static, re-export, side-effect and dynamic). */
export function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]!).filter((s) => s.startsWith('.'));
}

/** Packages the domain may use: it does no I/O, so no node: built-ins either. */
const DOMAIN_PACKAGES = new Set(['zod']);

export interface Violation {
  file: string;
  imports: string;
  reason: string;
}

/** Every disallowed import among `files` (paths relative to the repo root, with their text). */
export function check(files: ReadonlyArray<{ path: string; source: string }>): Violation[] {
  const found: Violation[] = [];
  for (const { path, source } of files) {
    for (const spec of importsOf(source)) {
      const target = posix.normalize(posix.join(posix.dirname(path), spec));
      const reason = violation(path, target);
      if (reason) found.push({ file: path, imports: target, reason });
    }
    if (zoneOf(path) === 'domain')
      for (const m of source.matchAll(/\bfrom\s*'([^.'][^']*)'/g))
        if (!DOMAIN_PACKAGES.has(m[1]!))
          found.push({ file: path, imports: m[1]!, reason: 'the domain is pure: no packages but zod' });
  }
  return found;
}
