import { randomBytes } from 'node:crypto';

/**
 * Authorization codes of a sandbox's consent screen: the "merchant" approves at once, the code is
 * bound to the redirect URI it was issued for and good once, as the platforms require.
 */
export function createCodeBook(prefix: string) {
  const codes = new Map<string, string>();
  return {
    issue(redirectUri: string): string {
      const code = `${prefix}-code-${randomBytes(8).toString('hex')}`;
      codes.set(code, redirectUri);
      return code;
    },
    redeem(code: string | undefined, redirectUri: string | undefined): boolean {
      if (!code || codes.get(code) === undefined) return false;
      const ok = redirectUri === undefined || codes.get(code) === redirectUri;
      codes.delete(code);
      return ok;
    },
  };
}

/** The consent screen's answer: back to `redirect_uri` with the code (under `codeParam`) and the state. */
export function consentRedirect(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
