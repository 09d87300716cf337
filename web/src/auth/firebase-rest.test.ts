import { describe, expect, it, vi } from 'vitest';
import { createFirebaseRestAuth, loadFirebaseConfig } from './firebase-rest';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

describe('Firebase Auth over REST', () => {
  it('talks to the Auth emulator when the config names one', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      json({ idToken: 'i', refreshToken: 'r', expiresIn: '3600' }),
    );
    const auth = createFirebaseRestAuth(
      { apiKey: 'k', projectId: 'p', authEmulatorUrl: 'http://127.0.0.1:9099' },
      fetch,
    );
    await auth.signInWithPassword('a@b.c', 'pw');
    expect(String(fetch.mock.calls[0]?.[0])).toBe(
      'http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=k',
    );
  });

  it('reads the hosting config, and treats the app shell (not JSON) as no Firebase', async () => {
    const hosted = vi.fn(async () => json({ apiKey: 'k', projectId: 'p', authDomain: 'p.firebaseapp.com' }));
    await expect(loadFirebaseConfig(hosted)).resolves.toEqual({
      apiKey: 'k',
      projectId: 'p',
      authDomain: 'p.firebaseapp.com',
    });
    const local = vi.fn(async () => new Response('<!doctype html><div id="app"></div>', { status: 200 }));
    await expect(loadFirebaseConfig(local)).resolves.toBeUndefined();
  });
});
