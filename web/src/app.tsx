import { useEffect, useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { brandSchema } from '../../shared/domain/entities';
import type { ApiClient } from './api/client';
import { meResponse } from './api/schemas';
import type { Auth } from './auth/session';
import { Layout } from './components/layout';
import { Async } from './components/states';
import { type AppServices, ServicesContext, useServices } from './context';
import { useResource } from './hooks/use-resource';
import { AcceptInvitationPage } from './pages/accept-invitation';
import { AgencyPage } from './pages/agency';
import { BillingPage } from './pages/billing';
import { BrandPages } from './pages/brand-pages';
import { MembersPage } from './pages/members';
import { NewBrandPage } from './pages/new-brand';
import { NotFoundPage } from './pages/not-found';
import { SignInPage } from './pages/sign-in';
import { UsagePage } from './pages/usage';
import { navigate, useLocation } from './router';
import { href, matchRoute, ROUTES } from './routes';

const brandList = z.object({ brands: z.array(brandSchema) });

export function App(props: { auth: Auth; api: ApiClient; locale: string }) {
  const { auth } = props;
  const [session, setSession] = useState(auth.session());
  useEffect(() => auth.subscribe(() => setSession(auth.session())), [auth]);
  const location = useLocation();
  const match = matchRoute(location.pathname);

  const isPublic = match?.name === 'signIn' || match?.name === 'acceptInvitation';
  useEffect(() => {
    if (!session && !isPublic) {
      const here = `${location.pathname}${location.search.size ? `?${location.search}` : ''}`;
      const back = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
      navigate(`${ROUTES.signIn}${back}`, { replace: true });
    }
  }, [session, isPublic, location.pathname, location.search]);

  // An invitee usually has no session yet: the accept page stands alone, signed in or not.
  if (match?.name === 'acceptInvitation') return <AcceptInvitationPage api={props.api} />;
  if (match?.name === 'signIn' || !session) return <SignInPage auth={auth} />;
  return <SignedIn {...props} session={session} />;
}

function SignedIn(props: { auth: Auth; api: ApiClient; locale: string; session: AppServices['session'] }) {
  const account = useResource(`account:${props.session.identity.uid}`, async () => {
    const [me, { brands }] = await Promise.all([
      props.api.get('/api/me', meResponse),
      props.api.get('/api/brands', brandList),
    ]);
    return { permissions: new Set(me.permissions), brands, tenantName: me.tenantName ?? me.tenantId };
  });
  return (
    <Async resource={account} label="Loading your brands…">
      {({ brands: list, permissions, tenantName }) => (
        <ServicesContext.Provider
          value={{
            api: props.api,
            auth: props.auth,
            session: props.session,
            brands: list,
            tenantName,
            reloadBrands: account.reload,
            can: (permission) => permissions.has(permission),
            locale: props.locale,
          }}
        >
          <Routes />
        </ServicesContext.Provider>
      )}
    </Async>
  );
}

function Routes() {
  const location = useLocation();
  const match = useMemo(() => matchRoute(location.pathname), [location.pathname]);
  return (
    <Layout>
      <RouteView match={match} />
    </Layout>
  );
}

function RouteView(props: { match: ReturnType<typeof matchRoute> }) {
  const m = props.match;
  if (!m) return <NotFoundPage />;
  switch (m.name) {
    case 'home':
      return <Home />;
    case 'agency':
      return <AgencyPage />;
    case 'usage':
      return <UsagePage />;
    case 'billing':
      return <BillingPage />;
    case 'members':
      return <MembersPage />;
    case 'newBrand':
      return <NewBrandPage />;
    case 'signIn':
      return null;
    default:
      return <BrandPages name={m.name} params={m.params} />;
  }
}

/**
 * Where `/` leads: back to a brand's onboarding after its Shopify install (the OAuth callback
 * lands on `/?connected=shopify&brand=<id>`), else one brand's dashboard, several brands' agency
 * overview, or onboarding when there is none yet.
 */
export function homeTarget(brandIds: readonly string[], search: URLSearchParams): string {
  const returning = search.get('brand');
  const connected = search.get('connected');
  if (returning && brandIds.includes(returning))
    return `${href('onboarding', { brandId: returning })}${connected ? `?connected=${encodeURIComponent(connected)}` : ''}`;
  if (brandIds.length === 0) return ROUTES.newBrand;
  if (brandIds.length === 1) return href('dashboard', { brandId: brandIds[0]! });
  return ROUTES.agency;
}

function Home() {
  const { brands } = useServices();
  const { search } = useLocation();
  useEffect(() => {
    navigate(
      homeTarget(
        brands.map((b) => b.id),
        search,
      ),
      { replace: true },
    );
  }, [brands, search]);
  return null;
}
