import { useState } from 'preact/hooks';
import { ROLES } from '../../../shared/domain/tenancy';
import type { Auth } from '../auth/session';
import { FormStatus } from '../components/form-status';
import { useTitle } from '../hooks/use-title';
import { navigate } from '../router';
import { ROUTES } from '../routes';

/** Safe post-sign-in target: only an in-app path, never another origin. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : ROUTES.home;
}

export function SignInPage(props: { auth: Auth }) {
  useTitle('Sign in');
  const { auth } = props;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState('owner');

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      navigate(nextPath(), { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in" id="main">
      <h1>Pulsepoint</h1>
      <p class="muted">Your store, your ad spend and your stock, in one place.</p>
      <FormStatus
        done={
          new URLSearchParams(window.location.search).get('reason') === 'no-workspace' &&
          "You signed in, but this account is not a member of any workspace yet. Ask the workspace's owner to invite you from its Members page, then sign in again."
        }
      />
      {auth.mode === 'firebase' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            void run(() => auth.signInWithPassword(String(data.get('email')), String(data.get('password'))));
          }}
        >
          <label>
            Email
            <input name="email" type="email" autocomplete="username" required />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const role = new FormData(e.currentTarget).get('role');
            void run(() => auth.signInLocal(ROLES.find((r) => r === role) ?? 'owner'));
          }}
        >
          <p>
            Development sign-in: you will act in the <strong>demo</strong> tenant.
          </p>
          <label>
            Role
            <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in to the demo'}
          </button>
        </form>
      )}
      <FormStatus error={error} />
    </main>
  );
}
