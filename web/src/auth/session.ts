import { z } from 'zod';
import { roleSchema } from '../../../shared/domain/tenancy';
import type { FirebaseRestAuth } from './firebase-rest';

/**
 * Who is signed in, kept in sessionStorage (per tab, gone when the tab closes). The identity is
 * read from the token for display only; the API verifies the token on every call.
 */
const identitySchema = z.object({
  uid: z.string(),
  tenantId: z.string(),
  role: roleSchema,
  brandIds: z.array(z.string()).optional(),
  email: z.string().optional(),
});
export type Identity = z.infer<typeof identitySchema>;

const sessionSchema = z.object({
  provider: z.enum(['local', 'firebase']),
  token: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string().optional(),
  identity: identitySchema,
});
export type Session = z.infer<typeof sessionSchema>;

const devTokenResponse = z.object({ token: z.string(), expiresAt: z.string() });
const KEY = 'pulsepoint.session';
/** Refresh a Firebase token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

export interface AuthDeps {
  fetch: typeof fetch;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now: () => Date;
  /** Present on Firebase Hosting; absent means the development sign-in of the local runtime. */
  firebase?: FirebaseRestAuth;
}

export function createAuth(deps: AuthDeps) {
  const listeners = new Set<() => void>();
  let current = restore();

  function restore(): Session | undefined {
    const raw = deps.storage.getItem(KEY);
    if (!raw) return undefined;
    try {
      return sessionSchema.parse(JSON.parse(raw));
    } catch {
      deps.storage.removeItem(KEY);
      return undefined;
    }
  }

  function set(session: Session | undefined) {
    current = session;
    if (session) deps.storage.setItem(KEY, JSON.stringify(session));
    else deps.storage.removeItem(KEY);
    for (const l of listeners) l();
  }

  const expired = (s: Session, marginMs = 0) => Date.parse(s.expiresAt) - marginMs <= deps.now().getTime();

  function fromFirebase(idToken: string, refreshToken: string, expiresInSeconds: number): Session {
    const expiresAt = new Date(deps.now().getTime() + expiresInSeconds * 1000).toISOString();
    const claims = decodeJwtPayload(idToken);
    const identity = identitySchema.parse({ ...claims, uid: claims.sub ?? claims.user_id });
    return { provider: 'firebase', token: idToken, refreshToken, expiresAt, identity };
  }

  return {
    mode: deps.firebase ? ('firebase' as const) : ('local' as const),
    session: () => current,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async signInLocal(role: Identity['role'] = 'owner'): Promise<Session> {
      const res = await deps.fetch('/api/auth/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role }),
      });
      if (!res.ok) throw new Error('Development sign-in is not available on this server.');
      const body = devTokenResponse.parse(await res.json());
      const claims = decodeJwtPayload(body.token);
      const session: Session = {
        provider: 'local',
        token: body.token,
        expiresAt: body.expiresAt,
        identity: identitySchema.parse({ ...claims, uid: claims.sub }),
      };
      set(session);
      return session;
    },
    async signInWithPassword(email: string, password: string): Promise<Session> {
      if (!deps.firebase) throw new Error('Password sign-in needs Firebase Auth.');
      const t = await deps.firebase.signInWithPassword(email, password);
      const session = fromFirebase(t.idToken, t.refreshToken, t.expiresInSeconds);
      set(session);
      return session;
    },
    /** A token good for the next call: refreshed when close to expiry, undefined when signed out. */
    async token(): Promise<string | undefined> {
      const s = current;
      if (!s) return undefined;
      if (!expired(s, REFRESH_MARGIN_MS)) return s.token;
      if (s.provider === 'firebase' && s.refreshToken && deps.firebase) {
        const t = await deps.firebase.refresh(s.refreshToken);
        set(fromFirebase(t.idToken, t.refreshToken, t.expiresInSeconds));
        return current?.token;
      }
      if (expired(s)) {
        set(undefined);
        return undefined;
      }
      return s.token;
    },
    signOut: () => set(undefined),
  };
}
export type Auth = ReturnType<typeof createAuth>;

/** The JWT payload, unverified: fine for display, never for decisions (the API decides). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
