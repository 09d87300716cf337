import { createHash } from 'node:crypto';
import { z } from 'zod';
import { brandIdSchema, roleSchema, tenantIdSchema } from '../../domain/tenancy';
import { createTtlCache } from '../../kernel/util/ttl-cache';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { IdentityAccount, IdentityAdmin } from '../../ports/identity';

/**
 * The local token issuer's account directory (embedded backend): what Firebase Auth keeps for
 * production, kept in the operational SQLite file under `identityAccounts/{uid}`. A uid is derived
 * from the address, so inviting one address twice (or at once) names one account.
 */
const COLLECTION = 'identityAccounts';

const accountSchema = z.object({
  email: z.string(),
  claims: z
    .object({ tenantId: tenantIdSchema, role: roleSchema, brandIds: z.array(brandIdSchema).optional() })
    .optional(),
  /** Tokens issued before this second are refused (revokeSessions). */
  validAfterSeconds: z.number().int().optional(),
});

export const localUidForEmail = (email: string) =>
  `local:email:${createHash('sha256').update(normalizeEmail(email)).digest('hex').slice(0, 24)}`;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * How long a session check reuses what it read of an account. Revocations through this admin (the
 * members API of this process) drop it at once; one written by another process on the same file is
 * seen within this time (decision 1024). Production's Firebase verifier checks no revocation per
 * request at all; membership (812) is what refuses a removed member.
 */
export const SESSION_CHECK_CACHE_MS = 1_000;
const MAX_CHECKS_CACHED = 20_000;

export function createLocalIdentityAdmin(db: DocumentDb, clock: Clock) {
  const path = (uid: string) => `${COLLECTION}/${uid}`;
  async function read(uid: string) {
    const doc = await db.get(path(uid));
    return doc ? accountSchema.parse(doc.data) : undefined;
  }
  /** Each account's revocation second, read at most once per SESSION_CHECK_CACHE_MS. */
  const validAfter = createTtlCache<number | undefined>(clock, SESSION_CHECK_CACHE_MS, MAX_CHECKS_CACHED);
  async function update(uid: string, change: (a: z.infer<typeof accountSchema>) => void) {
    try {
      await db.runTransaction(async (tx) => {
        const doc = await tx.get(path(uid));
        // Revoking or clearing an account nobody ever created is a no-op, as it would be for a
        // token the CLI minted for a uid that has no account.
        if (!doc) return;
        const account = accountSchema.parse(doc.data);
        change(account);
        await tx.set(path(uid), account);
      });
    } finally {
      validAfter.delete(uid);
    }
  }

  const admin: IdentityAdmin = {
    async accountForEmail(email) {
      const uid = localUidForEmail(email);
      return db.runTransaction(async (tx) => {
        const doc = await tx.get(path(uid));
        if (doc) {
          const { email: stored, claims } = accountSchema.parse(doc.data);
          return { uid, email: stored, ...(claims ? { claims } : {}), created: false };
        }
        await tx.set(path(uid), { email: normalizeEmail(email) });
        return { uid, email: normalizeEmail(email), created: true };
      });
    },
    async setClaims(uid, claims) {
      await update(uid, (a) => {
        if (claims) a.claims = { ...claims };
        else delete a.claims;
      });
    },
    async revokeSessions(uid) {
      const now = Math.floor(clock.now().getTime() / 1000);
      await update(uid, (a) => {
        // Tokens of this very second are refused too: iat has whole-second precision.
        a.validAfterSeconds = now + 1;
      });
    },
    async passwordSetupLink() {
      return undefined;
    },
  };
  return Object.assign(admin, {
    async account(uid: string): Promise<IdentityAccount | undefined> {
      const a = await read(uid);
      return a ? { uid, email: a.email, ...(a.claims ? { claims: a.claims } : {}) } : undefined;
    },
    /** Whether a token of `uid` issued at `iatSeconds` came before the account's last revocation. */
    async revoked(uid: string, iatSeconds: number): Promise<boolean> {
      const after = await validAfter.get(uid, async () => (await read(uid))?.validAfterSeconds);
      return after !== undefined && iatSeconds < after;
    },
  });
}
export type LocalIdentityAdmin = ReturnType<typeof createLocalIdentityAdmin>;
