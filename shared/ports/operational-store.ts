import type { WriteKey } from '../domain/customers/write-key';
import type {
  AdAccount,
  AiUsage,
  AiUsageMonth,
  Alert,
  ApiKey,
  AuditEvent,
  Brand,
  Integration,
  InventoryLevel,
  Platform,
  Product,
  Question,
  Recommendation,
  SyncRun,
  Tenant,
  User,
  WebhookReceipt,
} from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import type { BillingRepository } from './billing-store';

/**
 * Operational state: Firestore in production, SQLite embedded. Every method takes the tenant
 * context first; brand-scoped methods also refuse a brand outside the context's allow-list with
 * NotFoundError (the same answer as a brand that does not exist, so nothing leaks).
 */
export interface ListOptions {
  limit?: number;
}

export interface TenantRepository {
  get(ctx: TenantContext): Promise<Tenant | undefined>;
  upsert(ctx: TenantContext, tenant: Tenant): Promise<void>;
  /** Deletes the tenant and everything below it. */
  delete(ctx: TenantContext): Promise<void>;
}

export interface UserRepository {
  get(ctx: TenantContext, uid: string): Promise<User | undefined>;
  list(ctx: TenantContext): Promise<User[]>;
  upsert(ctx: TenantContext, user: User): Promise<void>;
  delete(ctx: TenantContext, uid: string): Promise<void>;
}

export interface BrandRepository {
  get(ctx: TenantContext, brandId: string): Promise<Brand | undefined>;
  /** The brands the context may see, by id. */
  list(ctx: TenantContext): Promise<Brand[]>;
  upsert(ctx: TenantContext, brand: Brand): Promise<void>;
  delete(ctx: TenantContext, brandId: string): Promise<void>;
}

/** A collection of documents under one brand, keyed by id. */
export interface BrandCollection<T> {
  get(ctx: TenantContext, brandId: string, id: string): Promise<T | undefined>;
  /** Many items by id in a few reads (not one per id); the ids found, by id. */
  getMany(ctx: TenantContext, brandId: string, ids: readonly string[]): Promise<Map<string, T>>;
  list(ctx: TenantContext, brandId: string, options?: ListOptions): Promise<T[]>;
  upsert(ctx: TenantContext, brandId: string, item: T): Promise<void>;
  upsertMany(ctx: TenantContext, brandId: string, items: readonly T[]): Promise<void>;
  delete(ctx: TenantContext, brandId: string, id: string): Promise<void>;
}

export interface StatusListOptions<S extends string> extends ListOptions {
  status?: S;
}

/**
 * A brand's products, with a version that moves on every write (upsert, upsertMany, delete, in a
 * transaction or not): whoever keeps something derived from the catalogue checks it with one small
 * read instead of listing every variant again, on any instance (decision 1008).
 */
export interface ProductCollection extends BrandCollection<Product> {
  /** A token that changes with every product write to this brand; null before the first. */
  version(ctx: TenantContext, brandId: string): Promise<string | null>;
}

/** Recommendations and alerts are found by status and by their dedupe key (re-runs update). */
export interface ActionCollection<T extends { status: string }> extends BrandCollection<T> {
  listByStatus(ctx: TenantContext, brandId: string, options?: StatusListOptions<T['status']>): Promise<T[]>;
  findByDedupeKey(ctx: TenantContext, brandId: string, dedupeKey: string): Promise<T | undefined>;
}

export interface AuditLog {
  append(ctx: TenantContext, event: AuditEvent): Promise<void>;
  list(ctx: TenantContext, options?: ListOptions & { brandId?: string }): Promise<AuditEvent[]>;
}

export interface WebhookReceipts {
  /** Records the receipt; false when the same id was already claimed (a redelivery). */
  claim(ctx: TenantContext, receipt: WebhookReceipt): Promise<boolean>;
}

/** API keys of one tenant; creating or deleting one also maintains the global hash index. */
export interface ApiKeyRepository {
  get(ctx: TenantContext, id: string): Promise<ApiKey | undefined>;
  list(ctx: TenantContext): Promise<ApiKey[]>;
  create(ctx: TenantContext, key: ApiKey): Promise<void>;
  touch(ctx: TenantContext, id: string, lastUsedAt: string): Promise<void>;
  delete(ctx: TenantContext, id: string): Promise<void>;
}

/** Publishable per-brand keys of the `collect` endpoint; revoked keys stay listed with revokedAt. */
export interface WriteKeyRepository {
  get(ctx: TenantContext, brandId: string, id: string): Promise<WriteKey | undefined>;
  list(ctx: TenantContext, brandId: string): Promise<WriteKey[]>;
  create(ctx: TenantContext, key: WriteKey): Promise<void>;
  /** Stops the key at once (removes it from the global index); undefined when there is no such key. */
  revoke(ctx: TenantContext, brandId: string, id: string, at: string): Promise<WriteKey | undefined>;
}

/** The token ledger's operational half: every LLM call, and a running total per UTC month. */
export interface AiUsageLedger {
  /** Stores the call and adds its cost to its month's total, atomically. */
  record(ctx: TenantContext, usage: AiUsage): Promise<void>;
  month(ctx: TenantContext, month: string): Promise<AiUsageMonth>;
}

export interface OperationalStore {
  tenants: TenantRepository;
  users: UserRepository;
  brands: BrandRepository;
  integrations: BrandCollection<Integration> & {
    getPlatform(ctx: TenantContext, brandId: string, platform: Platform): Promise<Integration | undefined>;
  };
  /** Ad accounts per platform, each with its currency and timezone (imports name or create them). */
  adAccounts: BrandCollection<AdAccount>;
  products: ProductCollection;
  inventory: BrandCollection<InventoryLevel>;
  recommendations: ActionCollection<Recommendation>;
  alerts: ActionCollection<Alert>;
  questions: BrandCollection<Question>;
  syncRuns: BrandCollection<SyncRun>;
  auditEvents: AuditLog;
  webhookReceipts: WebhookReceipts;
  apiKeys: ApiKeyRepository;
  writeKeys: WriteKeyRepository;
  aiUsage: AiUsageLedger;
  billing: BillingRepository;
  /**
   * Runs `fn` atomically over a store bound to one transaction. Do every read before the first
   * write (Firestore's rule), and keep it short: the embedded backend serializes transactions.
   */
  transaction<T>(ctx: TenantContext, fn: (store: OperationalStore) => Promise<T>): Promise<T>;
}

/** Look-ups that happen before a tenant is known: a webhook's shop domain, a sweep of all tenants. */
export interface SystemDirectory {
  resolveShop(shopDomain: string): Promise<{ tenantId: string; brandId: string } | undefined>;
  listTenantIds(): Promise<string[]>;
  /** Which tenant's key has this SHA-256 (hex), before any tenant context exists. */
  resolveApiKey(hash: string): Promise<{ tenantId: string; keyId: string } | undefined>;
  /** Which brand a publishable write key (pp_wk_…) belongs to; undefined once revoked. */
  resolveWriteKey(key: string): Promise<{ tenantId: string; brandId: string; keyId: string } | undefined>;
  /** Which tenant a billing provider's customer belongs to (webhooks carry only the customer id). */
  resolveBillingCustomer(provider: string, customerId: string): Promise<string | undefined>;
}
