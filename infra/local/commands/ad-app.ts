import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEncryptedFileSecretStore } from '../../../shared/adapters/embedded/encrypted-file-secret-store';
import { AD_PLATFORMS } from '../../../shared/domain/entities';
import { loadConfig } from '../../../shared/kernel/config';
import { createAdOAuthApps } from '../../../shared/platforms/ads/oauth-apps';
import { AD_PLATFORM_REGISTRY } from '../../../shared/platforms/registry';
import type { SecretStore } from '../../../shared/ports/secret-store';
import type { CommandResult } from '../cli';
import { secretStoreKey } from '../keys';

/**
 * `pulsepoint ad-app set`: stores Pulsepoint's own app on an ad platform (client id and secret,
 * and Google Ads' developer token) in the SecretStore, where the "Connect" OAuth flows read it.
 * With PULSEPOINT_BACKEND=gcp that is Secret Manager under the caller's credentials. The secret is
 * read from a file, never from the command line (shell history, process list).
 */
export const AD_APP_USAGE = `usage: pulsepoint ad-app set <meta|google-ads|tiktok> --client-id <id> --client-secret-file <path>
         [--developer-token-file <path>]
`;

type Env = Record<string, string | undefined>;
const fail = (message: string): CommandResult => ({ exitCode: 2, stderr: `${message}\n` });

export async function adAppCommand(args: string[], env: Env): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'client-id': { type: 'string' },
      'client-secret-file': { type: 'string' },
      'developer-token-file': { type: 'string' },
    },
  });
  const [verb, slug] = positionals;
  const platform = AD_PLATFORMS.find((p) => AD_PLATFORM_REGISTRY[p].slug === slug);
  if (verb !== 'set' || !platform) return fail(AD_APP_USAGE);
  const clientId = values['client-id']?.trim();
  if (!clientId) return fail(`--client-id: required\n${AD_APP_USAGE}`);
  const clientSecret = readSecretFile('--client-secret-file', values['client-secret-file']);
  if (!clientSecret.ok) return fail(clientSecret.message);
  const developer = values['developer-token-file']
    ? readSecretFile('--developer-token-file', values['developer-token-file'])
    : undefined;
  if (developer && !developer.ok) return fail(developer.message);
  const config = loadConfig(env);
  const secrets = await secretStoreFor(config);
  await createAdOAuthApps({ config, secrets }).set(platform, {
    clientId,
    clientSecret: clientSecret.value,
    ...(developer?.ok ? { developerToken: developer.value } : {}),
  });
  return { exitCode: 0, stdout: `stored the ${slug} app (${clientId}) for the Connect flow\n` };
}

function readSecretFile(flag: string, path: string | undefined) {
  if (!path) return { ok: false as const, message: `${flag}: required\n${AD_APP_USAGE}` };
  try {
    const value = readFileSync(path, 'utf8').trim();
    if (!value) return { ok: false as const, message: `${flag}: ${path}:1: the file is empty` };
    return { ok: true as const, value };
  } catch {
    return { ok: false as const, message: `${flag}: cannot read ${path}` };
  }
}

async function secretStoreFor(config: ReturnType<typeof loadConfig>): Promise<SecretStore> {
  if (config.PULSEPOINT_BACKEND === 'gcp') {
    const { createSecretManagerSecretStore } = await import(
      '../../../shared/adapters/gcp/secret-manager-secret-store'
    );
    return createSecretManagerSecretStore({ projectId: config.GOOGLE_CLOUD_PROJECT as string });
  }
  const dir = config.PULSEPOINT_DATA_DIR;
  return createEncryptedFileSecretStore(
    join(dir, 'secrets.json'),
    secretStoreKey(dir, config.PULSEPOINT_SECRET_KEY),
  );
}
