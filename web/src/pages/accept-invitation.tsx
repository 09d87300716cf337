import { useState } from 'preact/hooks';
import { z } from 'zod';
import type { ApiClient } from '../api/client';
import { FormStatus } from '../components/form-status';
import { describeError } from '../components/states';
import { useTitle } from '../hooks/use-title';
import { ROUTES } from '../routes';

const accepted = z.object({
  tenantId: z.string(),
  member: z.object({ role: z.string(), email: z.string().optional() }),
  signInLink: z.string().optional(),
});

/** The token is in the fragment (`#token=…`): browsers never send it to a server or in a Referer. */
function tokenFromHash(): string | undefined {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? undefined;
}

/**
 * Where an invitation email's link lands. Accepting is a button, not the page load: mail scanners
 * open links, and a one-time link must not be spent by one (docs/decisions/925).
 */
export function AcceptInvitationPage(props: { api: ApiClient }) {
  useTitle('Accept invitation');
  const token = tokenFromHash();
  const [state, setState] = useState<'idle' | 'busy' | z.infer<typeof accepted> | { error: string }>('idle');

  async function accept() {
    if (!token) return;
    setState('busy');
    try {
      setState(await props.api.post('/api/invitations/accept', { token }, accepted));
    } catch (err) {
      setState({ error: describeError(err) });
    }
  }

  return (
    <main class="sign-in" id="main">
      <h1>Pulsepoint</h1>
      {!token ? (
        <FormStatus error="This link has no invitation in it. Open the link from your invitation email again." />
      ) : typeof state === 'object' && 'member' in state ? (
        <div role="status">
          <p>
            You are now a member of <strong>{state.tenantId}</strong> as {state.member.role}.
          </p>
          {state.signInLink ? (
            <p>
              <a href={state.signInLink}>Set your password</a>, then sign in.
            </p>
          ) : (
            <p>
              <a href={ROUTES.signIn}>Sign in</a> with {state.member.email ?? 'your account'}.
            </p>
          )}
        </div>
      ) : (
        <>
          <p>You have been invited to a Pulsepoint workspace.</p>
          <button type="button" disabled={state === 'busy'} onClick={() => void accept()}>
            {state === 'busy' ? 'Accepting…' : 'Accept invitation'}
          </button>
          <FormStatus error={typeof state === 'object' && 'error' in state && state.error} />
        </>
      )}
    </main>
  );
}
