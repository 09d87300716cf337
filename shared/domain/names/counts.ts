import { humanize, keyWords } from '../format';
import { counted } from '../phrasing';

/**
 * What a sync run or a file import counted, in the words the app uses: "1 ad account",
 * "25,855 order lines". The jobs record counters under camelCase keys (`orderLines`,
 * `staleSkipped`); a merchant reads neither the key nor "1 accounts".
 */
const THINGS: Readonly<Record<string, readonly [one: string, many: string]>> = {
  orders: ['order', 'orders'],
  orderLines: ['order line', 'order lines'],
  lineItems: ['line item', 'line items'],
  refunds: ['refund', 'refunds'],
  touchpoints: ['touchpoint', 'touchpoints'],
  staleSkipped: ['older copy of an order skipped', 'older copies of orders skipped'],
  products: ['product variant', 'product variants'],
  inventoryLevels: ['inventory level', 'inventory levels'],
  rows: ['daily report row', 'daily report rows'],
  adRows: ['ad report row', 'ad report rows'],
  campaigns: ['campaign', 'campaigns'],
  accounts: ['ad account', 'ad accounts'],
  newAccounts: ['new ad account', 'new ad accounts'],
  clickIds: ['ad click matched to its campaign', 'ad clicks matched to their campaigns'],
  emailOptIns: ['email marketing opt-in', 'email marketing opt-ins'],
  smsOptIns: ['SMS marketing opt-in', 'SMS marketing opt-ins'],
};

/** One counter as the app writes it: "1 ad account", "45,134 ad clicks matched to their campaigns". */
export function countedThing(key: string, n: number): string {
  const [one, many] = THINGS[key] ?? [keyWords(key), keyWords(key)];
  return counted(n, one, many);
}

/**
 * A run's or an import's counters as one line, zeros left out (a merchant need not read
 * "0 older copies of orders skipped"): "21,619 orders · 25,855 order lines".
 */
export const countsLine = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts)
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => countedThing(key, n))
    .join(' · ');

/** Where a sync run is, in words: `orders:backfill` → "Reading the order history". */
const STAGES: Readonly<Record<string, string>> = {
  shop: 'Reading the shop',
  catalog: 'Reading products and stock',
  'orders:backfill': 'Reading the order history',
  'orders:incremental': 'Reading new orders',
  reading: 'Reading the reports',
  done: 'Done',
};

export const syncStage = (stage: string): string => STAGES[stage] ?? humanize(keyWords(stage));
