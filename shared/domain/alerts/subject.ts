import type { Alert } from '../entities';
import { platformName } from '../names/names';
import { addDays, isLocalDate } from '../time';

/** What an alert is about, by the name the merchant knows, and the app page that shows it. */
export interface AlertSubject {
  name: string;
  /** A path of the web app (web/src/routes.ts), query included: `/brands/b/drilldown/product/…`. */
  path: string;
}

type AlertType = Alert['type'];
type Source = Pick<Alert, 'type' | 'brandId' | 'dedupeKey' | 'evidence'>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const enc = encodeURIComponent;
const brandPath = (a: Source, rest = '') => `/brands/${enc(a.brandId)}${rest}`;
/** The dedupe key is `<type>:<what it is about>` (ids may hold colons: `gid://shopify/…`). */
const keyed = (a: Source) => a.dedupeKey.slice(a.dedupeKey.indexOf(':') + 1);
const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

function product(a: Source): AlertSubject {
  return {
    name: text(a.evidence.product) ?? 'the product',
    path: brandPath(a, `/drilldown/product/${enc(keyed(a))}`),
  };
}

/**
 * One entry per alert type, so a new type does not compile until it says what it is about and
 * where that lives (`subject.test.ts` also resolves every path against the app's route table).
 */
const SUBJECTS: Record<AlertType, (a: Source) => AlertSubject> = {
  // The brand's last week against the 28 days before, on the dashboard for that week.
  roas_drop: (a) => {
    const from = text(a.evidence.recent_from);
    const to = text(a.evidence.recent_to);
    return {
      name: 'Blended ROAS',
      path: brandPath(a, from && to ? query({ from, to }) : ''),
    };
  },
  // The day, compared with the same weekday a week earlier (the anomaly's own baseline).
  anomaly: (a) => {
    const day = text(a.evidence.date);
    const metric = a.evidence.metric === 'revenue' ? 'Revenue' : 'Ad spend';
    if (!day || !isLocalDate(day)) return { name: metric, path: brandPath(a) };
    const before = addDays(day, -7);
    return {
      name: `${metric} on ${day}`,
      path: brandPath(a, query({ from: day, to: day, compare: 'custom', cfrom: before, cto: before })),
    };
  },
  stockout_risk: product,
  spending_on_stockout: product,
  sync_failure: (a) => ({
    name: `${platformName(keyed(a))} connection`,
    path: brandPath(a, '/settings'),
  }),
  ai_budget: () => ({ name: 'AI budget', path: '/billing' }),
  content_publish_failed: (a) => {
    const post = text(a.evidence.post_id) ?? keyed(a);
    const what = text(a.evidence.product);
    return {
      name: what ? `${what} post` : 'Scheduled post',
      path: brandPath(a, `/content/posts/${enc(post)}`),
    };
  },
  customer_in_store: (a) => {
    const profile = text(a.evidence.profile_id);
    return {
      name: text(a.evidence.customer) ?? 'The customer',
      path: profile ? brandPath(a, `/customers/${enc(profile)}`) : brandPath(a, '/customers'),
    };
  },
  // The paused automations and campaigns are resumed on the Engagement page.
  engagement_paused: (a) => ({
    name: text(a.evidence.product) ? `Messages featuring ${text(a.evidence.product)}` : 'Paused messages',
    path: brandPath(a, '/engagement'),
  }),
};

export function alertSubject(alert: Source): AlertSubject {
  return SUBJECTS[alert.type](alert);
}
