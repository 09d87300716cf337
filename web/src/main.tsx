import { render } from 'preact';
import { createApiClient } from './api/client';
import { App } from './app';
import { createFirebaseRestAuth, loadFirebaseConfig } from './auth/firebase-rest';
import { createAuth } from './auth/session';
import { navigate } from './router';
import { ROUTES } from './routes';
import './styles.css';

/** The composition root of the browser app: picks the sign-in backend and wires the API client. */
async function start() {
  const fetchFn = window.fetch.bind(window);
  const firebaseConfig = await loadFirebaseConfig(fetchFn);
  const auth = createAuth({
    fetch: fetchFn,
    storage: window.sessionStorage,
    now: () => new Date(),
    ...(firebaseConfig ? { firebase: createFirebaseRestAuth(firebaseConfig, fetchFn) } : {}),
  });
  const api = createApiClient({
    fetch: fetchFn,
    token: () => auth.token(),
    onUnauthenticated: (reason) => {
      auth.signOut();
      // A valid sign-in whose account no workspace lists: say so instead of asking for a password again.
      const noWorkspace = reason === 'not_a_member' || reason === 'missing_claims';
      navigate(`${ROUTES.signIn}${noWorkspace ? '?reason=no-workspace' : ''}`, { replace: true });
    },
  });
  const root = document.getElementById('app');
  if (root) render(<App auth={auth} api={api} locale={navigator.language || 'en-US'} />, root);
}

void start();
