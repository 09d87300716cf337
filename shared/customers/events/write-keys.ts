import { randomBytes } from 'node:crypto';
import { WRITE_KEY_PREFIX } from '../../domain/customers/write-key';

/** A new publishable write key: `pp_wk_` and 192 random bits (32 base64url characters). */
export function generateWriteKey(): string {
  return `${WRITE_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
}
