import { LOCATIONS, STORE } from '../world';
import { type AppBillingState, createAppSubscription, createUsageRecord } from './billing';
import type { GeneratedStore } from './generate';
import type { SandboxOrder } from './model';
import { inventoryLevelNode, orderNode, variantNode } from './serialize';

/**
 * The GraphQL subset the connector uses, dispatched on operation name + variables (the selection
 * set is not interpreted: each operation answers the full shape the connector's document asks for).
 * Each answer states its requested and actual cost so the server can run Shopify's leaky bucket.
 */
export interface BulkOp {
  id: string;
  status: 'RUNNING' | 'COMPLETED';
  createdAt: string;
  completedAt: string | null;
  readyAt: number;
  objectCount: number;
}

export interface SandboxState {
  store: GeneratedStore;
  bulk: BulkOp[];
  webhooks: { id: string; topic: string; uri: string }[];
  appBilling: AppBillingState;
  baseUrl: () => string;
  bulkDelayMs: number;
  now: () => number;
  /** Called when a bulk operation starts (the server announces its completion by webhook). */
  onBulkStarted?: (op: BulkOp) => void;
}

export interface GraphqlAnswer {
  data?: unknown;
  errors?: { message: string; extensions?: { code: string } }[];
  requestedCost: number;
  actualCost: number;
}

const cursorOf = (n: number) => Buffer.from(`offset:${n}`).toString('base64');
const offsetOf = (cursor: unknown) =>
  typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64').toString().split(':')[1] ?? 0) : 0;

function pageOf<T, N>(
  items: readonly T[],
  vars: Record<string, unknown>,
  render: (t: T) => N,
  unitCost: number,
) {
  const first = Math.min(250, Number(vars.first ?? 50));
  const from = offsetOf(vars.after);
  const slice = items.slice(from, from + first);
  return {
    connection: {
      pageInfo: {
        hasNextPage: from + first < items.length,
        endCursor: slice.length ? cursorOf(from + slice.length) : null,
      },
      nodes: slice.map(render),
    },
    requestedCost: 2 + first * unitCost,
    actualCost: 2 + slice.length * unitCost,
  };
}

/** `updated_at:>='2024-01-01T00:00:00Z'` (the one search filter the connector sends). */
function updatedSince(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  return /updated_at:>=['"]?([^'"\s]+)['"]?/.exec(query)?.[1];
}

function productsOf(state: SandboxState) {
  const byProduct = new Map<string, GeneratedStore['variants']>();
  for (const v of state.store.variants)
    byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  const updatedAt = new Date(Date.parse(state.store.now) - 30 * 86_400_000).toISOString();
  return [...byProduct.entries()].map(([id, variants]) => ({
    id,
    title: variants[0]!.productTitle,
    status: 'ACTIVE',
    updatedAt,
    variants: { nodes: variants.map((v) => variantNode(v, updatedAt)) },
  }));
}

export function answer(
  state: SandboxState,
  operationName: string,
  vars: Record<string, unknown>,
): GraphqlAnswer {
  switch (operationName) {
    case 'Shop':
      return {
        data: {
          shop: {
            id: 'gid://shopify/Shop/1',
            name: STORE.name,
            myshopifyDomain: STORE.shopDomain,
            currencyCode: STORE.currency,
            ianaTimezone: STORE.timezone,
          },
        },
        requestedCost: 1,
        actualCost: 1,
      };
    case 'Products': {
      const p = pageOf(productsOf(state), vars, (x) => x, 4);
      return { data: { products: p.connection }, ...p };
    }
    case 'Locations': {
      const p = pageOf(LOCATIONS, vars, (l) => ({ ...l }), 1);
      return { data: { locations: p.connection }, ...p };
    }
    case 'InventoryLevels': {
      const levels = state.store.inventory.filter((l) => l.locationId === vars.locationId);
      const p = pageOf(levels, vars, inventoryLevelNode, 2);
      return { data: { location: levels.length ? { inventoryLevels: p.connection } : null }, ...p };
    }
    case 'Orders': {
      const since = updatedSince(vars.query);
      const sorted = state.store.orders
        .filter((o) => !since || o.updatedAt >= new Date(since).toISOString())
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.legacyId - b.legacyId);
      const p = pageOf<SandboxOrder, unknown>(sorted, vars, orderNode, 3);
      return { data: { orders: p.connection }, ...p };
    }
    case 'BulkOperationRunQuery':
      return {
        data: { bulkOperationRunQuery: startBulk(state, String(vars.query ?? '')) },
        requestedCost: 10,
        actualCost: 10,
      };
    case 'CurrentBulkOperation':
      return {
        data: { currentBulkOperation: renderBulk(state, state.bulk.at(-1)) },
        requestedCost: 1,
        actualCost: 1,
      };
    case 'WebhookSubscriptionCreate': {
      const sub = {
        id: `gid://shopify/WebhookSubscription/${state.webhooks.length + 1}`,
        topic: String(vars.topic),
        uri: String(vars.uri),
      };
      state.webhooks.push(sub);
      return {
        data: {
          webhookSubscriptionCreate: {
            webhookSubscription: { id: sub.id, topic: sub.topic },
            userErrors: [],
          },
        },
        requestedCost: 10,
        actualCost: 10,
      };
    }
    case 'AppSubscriptionCreate':
      return {
        data: {
          appSubscriptionCreate: createAppSubscription(
            state.appBilling,
            vars,
            (n) => `${state.baseUrl()}/admin/charges/${n}/confirm`,
            state.now(),
          ),
        },
        requestedCost: 10,
        actualCost: 10,
      };
    case 'CurrentAppInstallation':
      return {
        data: {
          currentAppInstallation: {
            activeSubscriptions: state.appBilling.subscriptions.filter((s) => s.status === 'ACTIVE'),
          },
        },
        requestedCost: 2,
        actualCost: 2,
      };
    case 'AppSubscription':
      return {
        data: { node: state.appBilling.subscriptions.find((s) => s.id === vars.id) ?? null },
        requestedCost: 1,
        actualCost: 1,
      };
    case 'AppUsageRecordCreate':
      return {
        data: { appUsageRecordCreate: createUsageRecord(state.appBilling, vars, state.now()) },
        requestedCost: 10,
        actualCost: 10,
      };
    default:
      return {
        errors: [{ message: `the sandbox does not serve operation "${operationName}"` }],
        requestedCost: 1,
        actualCost: 1,
      };
  }
}

function startBulk(state: SandboxState, query: string) {
  const running = state.bulk.at(-1);
  if (running && renderBulk(state, running)?.status === 'RUNNING')
    return {
      bulkOperation: null,
      userErrors: [
        { field: null, message: 'A bulk query operation for this app and shop is already in progress.' },
      ],
    };
  if (!/\borders\b/.test(query))
    return {
      bulkOperation: null,
      userErrors: [{ field: ['query'], message: 'the sandbox bulk-exports orders only' }],
    };
  const op: BulkOp = {
    id: `gid://shopify/BulkOperation/${state.bulk.length + 1}`,
    status: 'RUNNING',
    createdAt: new Date(state.now()).toISOString(),
    completedAt: null,
    readyAt: state.now() + state.bulkDelayMs,
    objectCount: state.store.orders.reduce(
      (s, o) => s + 1 + o.lines.length + o.refunds.reduce((n, r) => n + r.lines.length, 0),
      0,
    ),
  };
  state.bulk.push(op);
  state.onBulkStarted?.(op);
  return { bulkOperation: renderBulk(state, op), userErrors: [] };
}

function renderBulk(state: SandboxState, op: BulkOp | undefined) {
  if (!op) return null;
  if (op.status === 'RUNNING' && state.now() >= op.readyAt) {
    op.status = 'COMPLETED';
    op.completedAt = new Date(op.readyAt).toISOString();
  }
  const done = op.status === 'COMPLETED';
  return {
    id: op.id,
    status: op.status,
    errorCode: null,
    createdAt: op.createdAt,
    completedAt: op.completedAt,
    objectCount: String(done ? op.objectCount : 0),
    url: done ? `${state.baseUrl()}/bulk/${op.id.split('/').pop()}.jsonl` : null,
    partialDataUrl: null,
  };
}
