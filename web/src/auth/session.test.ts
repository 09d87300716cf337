import { describe, expect, it, vi } from 'vitest';
import { createFirebaseRestAuth } from './firebase-rest';
import { createAuth } from './session';

const jwt = (claims: Record<string, unknown>) =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

describe('session', () => {
  it('signs in locally and keeps the session across reloads of the tab', async () => {
    const token = jwt({ sub: 'local:demo:owner', tenantId: 'demo', role: 'owner' });
    const fetch = vi.fn(async () => json({ token, expiresAt: '2026-03-02T13:00:00Z' }));
    const storage = memoryStorage();
    const now = () => new Date('2026-03-02T12:00:00Z');
    const auth = createAuth({ fetch, storage, now });
    const session = await auth.signInLocal();
    expect(session.identity).toEqual({ uid: 'local:demo:owner', tenantId: 'demo', role: 'owner' });
    expect(await createAuth({ fetch, storage, now }).token()).toBe(token);
  });

  it('forgets an expired local session', async () => {
    const token = jwt({ sub: 'u', tenantId: 'demo', role: 'viewer' });
    const storage = memoryStorage();
    const fetch = vi.fn(async () => json({ token, expiresAt: '2026-03-02T12:00:30Z' }));
    let now = new Date('2026-03-02T12:00:00Z');
    const auth = createAuth({ fetch, storage, now: () => now });
    await auth.signInLocal('viewer');
    now = new Date('2026-03-02T12:01:00Z');
    expect(await auth.token()).toBeUndefined();
    expect(auth.session()).toBeUndefined();
  });

  it('refreshes a Firebase token shortly before it expires', async () => {
    const first = jwt({ sub: 'f1', tenantId: 'acme', role: 'analyst' });
    const second = jwt({ sub: 'f1', tenantId: 'acme', role: 'analyst' });
    const fetch = vi.fn(async (url: string | URL | Request) =>
      String(url).includes('signInWithPassword')
        ? json({ idToken: first, refreshToken: 'r1', expiresIn: '3600' })
        : json({ id_token: second, refresh_token: 'r2', expires_in: '3600' }),
    );
    let now = new Date('2026-03-02T12:00:00Z');
    const firebase = createFirebaseRestAuth({ apiKey: 'k', projectId: 'p' }, fetch);
    const auth = createAuth({ fetch, storage: memoryStorage(), now: () => now, firebase });
    await auth.signInWithPassword('a@b.c', 'pw');
    expect(await auth.token()).toBe(first);
    now = new Date('2026-03-02T12:59:30Z');
    expect(await auth.token()).toBe(second);
    expect(String(fetch.mock.calls[1]?.[0])).toBe('https://securetoken.googleapis.com/v1/token?key=k');
  });

  it('explains wrong Firebase credentials in words', async () => {
    const fetch = vi.fn(async () => json({ error: { message: 'INVALID_LOGIN_CREDENTIALS' } }, 400));
    const firebase = createFirebaseRestAuth({ apiKey: 'k', projectId: 'p' }, fetch);
    await expect(firebase.signInWithPassword('a@b.c', 'x')).rejects.toThrow(
      'The email or password is not right.',
    );
  });
});
