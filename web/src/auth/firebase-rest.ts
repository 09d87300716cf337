import { z } from 'zod';

/**
 * Production sign-in through the Firebase Auth REST API (identitytoolkit + securetoken), the same
 * endpoints the Firebase JS SDK calls, without its weight (docs/decisions/601-web-sign-in.md).
 * Firebase Hosting serves the project's web config at `/__/firebase/init.json`.
 */
export const firebaseConfigSchema = z.object({
  apiKey: z.string().min(1),
  projectId: z.string().min(1),
  authDomain: z.string().optional(),
  /** `http://127.0.0.1:9099` for the Auth emulator; absent means Google's endpoints. */
  authEmulatorUrl: z.string().url().optional(),
});
export type FirebaseConfig = z.infer<typeof firebaseConfigSchema>;

export async function loadFirebaseConfig(fetchFn: typeof fetch): Promise<FirebaseConfig | undefined> {
  try {
    const res = await fetchFn('/__/firebase/init.json', { headers: { accept: 'application/json' } });
    if (!res.ok) return undefined;
    const parsed = firebaseConfigSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not on Firebase Hosting (the local runtime answers with the app shell, which is not JSON).
    return undefined;
  }
}

const signInResponse = z.object({ idToken: z.string(), refreshToken: z.string(), expiresIn: z.string() });
const refreshResponse = z.object({ id_token: z.string(), refresh_token: z.string(), expires_in: z.string() });
const firebaseError = z.object({ error: z.object({ message: z.string() }) });

export interface FirebaseTokens {
  idToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export function createFirebaseRestAuth(config: FirebaseConfig, fetchFn: typeof fetch) {
  const base = (host: string) =>
    config.authEmulatorUrl ? `${config.authEmulatorUrl.replace(/\/$/, '')}/${host}` : `https://${host}`;

  async function post<S extends z.ZodType>(url: string, body: BodyInit, type: string, schema: S) {
    const res = await fetchFn(`${url}?key=${encodeURIComponent(config.apiKey)}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const parsed = firebaseError.safeParse(json);
      // Firebase answers e.g. INVALID_LOGIN_CREDENTIALS; show it as a sentence, not a code.
      throw new Error(parsed.success ? describeFirebaseError(parsed.data.error.message) : 'sign-in failed');
    }
    return schema.parse(json) as z.infer<S>;
  }

  return {
    async signInWithPassword(email: string, password: string): Promise<FirebaseTokens> {
      const r = await post(
        `${base('identitytoolkit.googleapis.com')}/v1/accounts:signInWithPassword`,
        JSON.stringify({ email, password, returnSecureToken: true }),
        'application/json',
        signInResponse,
      );
      return { idToken: r.idToken, refreshToken: r.refreshToken, expiresInSeconds: Number(r.expiresIn) };
    },
    async refresh(refreshToken: string): Promise<FirebaseTokens> {
      const r = await post(
        `${base('securetoken.googleapis.com')}/v1/token`,
        new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
        'application/x-www-form-urlencoded',
        refreshResponse,
      );
      return { idToken: r.id_token, refreshToken: r.refresh_token, expiresInSeconds: Number(r.expires_in) };
    },
  };
}
export type FirebaseRestAuth = ReturnType<typeof createFirebaseRestAuth>;

const FIREBASE_MESSAGES: Record<string, string> = {
  INVALID_LOGIN_CREDENTIALS: 'The email or password is not right.',
  INVALID_PASSWORD: 'The email or password is not right.',
  EMAIL_NOT_FOUND: 'The email or password is not right.',
  USER_DISABLED: 'This account has been disabled.',
  TOO_MANY_ATTEMPTS_TRY_LATER: 'Too many attempts. Try again in a few minutes.',
};

function describeFirebaseError(code: string): string {
  return FIREBASE_MESSAGES[code.split(' ')[0] ?? ''] ?? 'Sign-in failed.';
}
