import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { createLocalIdentityVerifier, issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { createLocalIdentityAdmin } from '../../shared/adapters/embedded/local-identity-admin';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { systemClock } from '../../shared/ports/clock';
import { describeIdentityAdminConformance } from './identity-admin.suite';

describeIdentityAdminConformance('local account directory (embedded)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-accounts-'));
  const db = createSqliteDocumentDb(join(dir, 'store.sqlite'));
  const key = randomBytes(32);
  const admin = createLocalIdentityAdmin(db, systemClock);
  const verifier = createLocalIdentityVerifier(key, systemClock, admin);
  return {
    admin,
    verifier,
    // The local sign-in: a token with the account's claims as they are now.
    async signIn(uid) {
      const claims = (await admin.account(uid))?.claims;
      if (claims) return issueLocalToken(key, { uid, ...claims });
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(uid)
        .setIssuer('pulsepoint-local')
        .setAudience('pulsepoint')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    },
    async isRevoked(token) {
      const result = await verifier.verify(token);
      return !result.ok && result.reason === 'revoked';
    },
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
