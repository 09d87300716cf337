import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createOperationalStore } from '../../../shared/adapters/document-store/document-store';
import { createLocalIdentityAdmin } from '../../../shared/adapters/embedded/local-identity-admin';
import { createSqliteDocumentDb } from '../../../shared/adapters/embedded/sqlite-document-db';
import { tenantIdSchema } from '../../../shared/domain/tenancy';
import { type Config, loadConfig } from '../../../shared/kernel/config';
import { createMemberService } from '../../../shared/members/service';
import { systemClock } from '../../../shared/ports/clock';
import type { DocumentDb } from '../../../shared/ports/document-db';
import type { IdentityAdmin } from '../../../shared/ports/identity';
import type { CommandResult } from '../cli';

/**
 * `pulsepoint owner`: the first owner of a tenant, made without the API (nobody can call it before
 * an owner exists). With PULSEPOINT_BACKEND=gcp it writes Firestore and sets the Firebase custom
 * claims with the Admin SDK, under the caller's Application Default Credentials; otherwise the
 * local data directory. docs/DEPLOYMENT.md ("The first owner") runs it.
 */
export const OWNER_USAGE = `usage: pulsepoint owner --tenant <id> --email <address> [--name <tenant name>]
`;

type Env = Record<string, string | undefined>;
const fail = (message: string): CommandResult => ({ exitCode: 2, stderr: `${message}\n` });

export async function ownerCommand(args: string[], env: Env): Promise<CommandResult> {
  const { values } = parseArgs({
    args,
    options: { tenant: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
  });
  const tenantId = tenantIdSchema.safeParse(values.tenant);
  if (!tenantId.success)
    return fail(`--tenant: ${tenantId.error.issues[0]?.message ?? 'required'}\n${OWNER_USAGE}`);
  const email = z.string().email().safeParse(values.email);
  if (!email.success) return fail(`--email: expected an email address\n${OWNER_USAGE}`);
  const config = loadConfig(env);
  const { db, identityAdmin, where } = await backendFor(config);
  try {
    const members = createMemberService({
      store: createOperationalStore(db),
      identityAdmin,
      clock: systemClock,
    });
    const result = await members.bootstrapOwner({
      tenantId: tenantId.data,
      email: email.data,
      ...(values.name ? { tenantName: values.name } : {}),
    });
    const lines = [
      `${result.tenantCreated ? 'created tenant' : 'tenant'} ${tenantId.data} in ${where}`,
      `${result.member.email} is an owner (uid ${result.member.uid}${result.accountCreated ? ', new account' : ''})`,
      result.signInLink
        ? `set a password and sign in: ${result.signInLink}`
        : `a token for it: npx pulsepoint token --tenant ${tenantId.data} --role owner --uid ${result.member.uid}`,
    ];
    return { exitCode: 0, stdout: `${lines.join('\n')}\n` };
  } finally {
    await db.close();
  }
}

async function backendFor(
  config: Config,
): Promise<{ db: DocumentDb; identityAdmin: IdentityAdmin; where: string }> {
  if (config.PULSEPOINT_BACKEND === 'gcp') {
    // Loaded only here: the embedded CLI never pays for the Google clients.
    const projectId = config.GOOGLE_CLOUD_PROJECT as string; // loadConfig requires it for gcp
    const { createFirestoreDocumentDb } = await import('../../../shared/adapters/gcp/firestore-document-db');
    const { createFirebaseIdentityAdmin } = await import(
      '../../../shared/adapters/gcp/firebase-identity-admin'
    );
    return {
      db: createFirestoreDocumentDb({
        projectId,
        ...(config.FIRESTORE_EMULATOR_HOST ? { emulatorHost: config.FIRESTORE_EMULATOR_HOST } : {}),
      }),
      identityAdmin: createFirebaseIdentityAdmin({
        projectId,
        ...(config.PUBLIC_URL ? { continueUrl: config.PUBLIC_URL } : {}),
      }),
      where: `project ${projectId}`,
    };
  }
  mkdirSync(config.PULSEPOINT_DATA_DIR, { recursive: true });
  const db = createSqliteDocumentDb(join(config.PULSEPOINT_DATA_DIR, 'store.sqlite'));
  return { db, identityAdmin: createLocalIdentityAdmin(db, systemClock), where: config.PULSEPOINT_DATA_DIR };
}
