import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A key from the environment when given, otherwise generated once into the data dir (mode 0600)
 * so that restarts, the CLI and the server agree on it.
 */
export function loadOrCreateKey(
  dataDir: string,
  file: string,
  fromEnv: string | undefined,
  encoding: 'base64' | 'utf8',
): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, encoding);
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, file);
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

export const secretStoreKey = (dataDir: string, env?: string) =>
  loadOrCreateKey(dataDir, 'secret-store.key', env, 'base64');
export const authSigningKey = (dataDir: string, env?: string) =>
  loadOrCreateKey(dataDir, 'auth-signing.key', env, 'utf8');
