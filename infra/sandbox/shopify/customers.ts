import { gammaDraw } from '../../../shared/domain/customers/lifetime-value/simulate';
import { seededRandom } from '../../../shared/kernel/util/random';
import { seedOf } from '../world';
import { homeIn } from './addresses';
import type { SandboxCustomer } from './model';
import { drawName, FIRST_NAMES, SURNAMES } from './names';

/**
 * Who places each of the sandbox store's orders. The orders themselves (how many, when, what,
 * where) come from demand; this decides only whether an order is a returning customer's or a new
 * one's, following the process the lifetime-value model assumes (BG/NBD, Fader, Hardie & Lee 2005,
 * "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing
 * Science 24(2), 275–284): each customer buys at their own rate λ ~ Gamma(r, α) while alive, and
 * after each repeat purchase drops out for good with their own probability p ~ Beta(a, b).
 */

/**
 * The paper's estimates on CDNOW (table 1): r = 0.243, α = 4.414 weeks, a = 0.793, b = 2.426.
 * α is a rate's scale in the unit of time, so 4.414 weeks is 30.898 days.
 */
export const REPEAT_BUYING = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 } as const;

/**
 * The share of repeat purchases placed under a second account (a new email, or the first one
 * typed wrong) by someone already a customer: the true duplicates identity resolution should find.
 * Half of decision 1012's 1%: once orders carry addresses, 1% filled the demo's review queue with
 * 73 pairs, more than a merchant believes of a store that Shopify already joins by email (1022).
 */
export const SECOND_ACCOUNT_SHARE = 0.005;

/**
 * Of the second accounts opened under a new email (not a typo of the first), the share whose
 * owner has moved house within their city since: they ship to a new street and postcode, so only
 * their name and city tie them to the first account, which is no evidence of one person
 * (decision 848). The others order to the same home.
 */
export const MOVED_SHARE = 0.5;

const DAY_MS = 86_400_000;

interface Buyer {
  readonly customer: SandboxCustomer;
  /** Purchases a day while alive. */
  readonly rate: number;
  /** Probability of dropping out after each repeat purchase. */
  readonly dropout: number;
  /** This customer's own draws (waits, dropout, second accounts), so each is reproducible alone. */
  readonly rand: () => number;
  /** When their next purchase falls due, if they are still alive. */
  dueMs: number;
}

/**
 * The store's customers, alive ones queued by when their next purchase is due, per region (a
 * customer keeps buying where they live). An order no campaign drove goes to the customer of its
 * region whose purchase is most overdue, else to a new customer. Each alive customer's next
 * purchase is an exponential wait at their own rate, so the next one due is customer i with
 * probability λ_i / Σλ (the competing exponentials of a Poisson process per customer): a pick
 * weighted by rate.
 *
 * A campaign's order first draws who the campaign reached (its `newCustomerShare`): a new customer,
 * even when someone is due (they stay due, for the next order); or a returning one, the most overdue
 * of the region, or when nobody is due yet the one due soonest, whose purchase the ad brings
 * forward. Returning customers keep their BG/NBD clocks either way: their next purchase is an
 * exponential wait from this one, and they may drop out after it.
 * Call it in order of time; deterministic given the calls.
 */
export function createCustomerBase() {
  const due = new Map<string, Buyer[]>();
  const reached = seededRandom(seedOf('campaign-audience'));
  let count = 0;

  function nextId(): number {
    return count++;
  }

  function schedule(region: string, buyer: Buyer, fromMs: number) {
    buyer.dueMs = fromMs + (-Math.log(1 - buyer.rand()) / buyer.rate) * DAY_MS;
    const heap = due.get(region) ?? due.set(region, []).get(region)!;
    push(heap, buyer);
  }

  function newCustomer(region: string, atMs: number): SandboxCustomer {
    const n = nextId();
    const rand = seededRandom(seedOf('customer', n));
    const firstName = drawName(FIRST_NAMES, rand());
    const lastName = drawName(SURNAMES, rand());
    const legacyId = 7_000_000_000 + n;
    const customer = {
      legacyId,
      email: `${firstName}.${lastName}.${n}@example.com`.toLowerCase(),
      firstName,
      lastName,
      home: homeIn(region, legacyId),
    };
    const rate = gammaDraw(rand, REPEAT_BUYING.r, REPEAT_BUYING.alpha);
    const x = gammaDraw(rand, REPEAT_BUYING.a, 1);
    const dropout = x / (x + gammaDraw(rand, REPEAT_BUYING.b, 1));
    // A rate that underflows to 0 never buys again: nothing to schedule.
    if (rate > 0) schedule(region, { customer, rate, dropout, rand, dueMs: 0 }, atMs);
    return customer;
  }

  /**
   * A second account of `of`'s person: their email with two letters swapped, at the same home; or
   * a new email, at the same home or (MOVED_SHARE) a new one in the same city.
   */
  function secondAccount(of: SandboxCustomer, region: string, rand: () => number): SandboxCustomer {
    const n = nextId();
    const legacyId = 7_000_000_000 + n;
    const [local = '', domain] = of.email.split('@');
    const at = local.indexOf('.') + 1 + Math.floor(rand() * (of.lastName.length - 1));
    const typo = `${local.slice(0, at)}${local[at + 1] ?? ''}${local[at] ?? ''}${local.slice(at + 2)}@${domain}`;
    const typed = rand() < 0.5 && typo !== of.email;
    const moved = !typed && rand() < MOVED_SHARE;
    return {
      legacyId,
      email: typed ? typo : `${of.firstName[0]}${of.lastName}${n}@example.net`.toLowerCase(),
      firstName: of.firstName,
      lastName: of.lastName,
      home: moved ? homeIn(region, legacyId) : of.home,
      personOf: of.legacyId,
    };
  }

  return {
    /**
     * The customer who places an order in `region` at `atMs`; `newShare` is the campaign's
     * newCustomerShare when a campaign drove the order.
     */
    customerFor(region: string, atMs: number, newShare?: number): SandboxCustomer {
      const heap = due.get(region);
      const top = heap?.[0];
      const audience = newShare === undefined ? 'anyone' : reached() < newShare ? 'new' : 'returning';
      if (!heap || !top || audience === 'new' || (top.dueMs > atMs && audience === 'anyone'))
        return newCustomer(region, atMs);
      pop(heap);
      const customer =
        top.rand() < SECOND_ACCOUNT_SHARE ? secondAccount(top.customer, region, top.rand) : top.customer;
      if (top.rand() >= top.dropout) schedule(region, top, atMs);
      return customer;
    },
  };
}

/** A binary min-heap on dueMs, in an array. */
function push(heap: Buyer[], b: Buyer) {
  heap.push(b);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.dueMs <= b.dueMs) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = b;
}

function pop(heap: Buyer[]) {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= heap.length) break;
    const r = l + 1;
    const c = r < heap.length && heap[r]!.dueMs < heap[l]!.dueMs ? r : l;
    if (heap[c]!.dueMs >= last.dueMs) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = last;
}
