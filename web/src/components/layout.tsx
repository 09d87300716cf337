import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../context';
import { navigate, useLocation } from '../router';
import { href, matchRoute, menuCurrent, ROUTES, type RouteName } from '../routes';
import { BillingBanner } from './billing-banner';
import { Link } from './link';

const BRAND_NAV: readonly [RouteName, string][] = [
  ['dashboard', 'Dashboard'],
  ['recommendations', 'Recommendations'],
  ['budgetPlan', 'Budget plan'],
  ['alerts', 'Alerts'],
  ['customers', 'Customers'],
  ['customerValue', 'Segments & LTV'],
  ['engagement', 'Engagement'],
  ['ask', 'Ask'],
  ['content', 'Content'],
  ['import', 'Import'],
  ['settings', 'Settings'],
];

/** Header, brand switcher and navigation around every signed-in page. */
export function Layout(props: { children: ComponentChildren }) {
  const { brands, session, auth, can, tenantName } = useServices();
  const location = useLocation();
  const match = matchRoute(location.pathname);
  const brandId = match?.params.brandId ?? (brands.length === 1 ? brands[0]?.id : undefined);
  const canSeeUsage = can('ai:usage');
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);
  // On a phone the menu is a drawer behind a button (CSS shows the button only there).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // After an in-app navigation, move focus to the new page (as a full page load would) so
  // keyboard and screen-reader users start at its content, not at the link they left.
  useEffect(() => {
    if (location.pathname !== firstPath.current) mainRef.current?.focus();
  }, [location.pathname]);
  const current = (name: RouteName) => menuCurrent(name, match?.name);

  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <Link href={ROUTES.home} class="logo">
          Pulsepoint
        </Link>
        {brands.length > 0 ? (
          <label class="brand-switch">
            <span class="visually-hidden">Brand</span>
            <select
              value={brandId ?? ''}
              onChange={(e) => navigate(href('dashboard', { brandId: e.currentTarget.value }))}
            >
              {brandId ? null : <option value="">Choose a brand…</option>}
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <span class="who" title={session.identity.uid}>
          {session.identity.email ? `${session.identity.email} · ` : ''}
          {tenantName} · {session.identity.role}
        </span>
        <button
          type="button"
          class="link-button"
          onClick={() => {
            auth.signOut();
            navigate(ROUTES.signIn);
          }}
        >
          Sign out
        </button>
      </header>
      <nav id="main-nav" class={menuOpen ? 'nav open' : 'nav'} aria-label="Main">
        {brandId
          ? BRAND_NAV.filter(([name]) => name !== 'customers' || can('customers:read')).map(
              ([name, label]) => (
                <Link key={name} href={href(name, { brandId })} aria-current={current(name)}>
                  {label}
                </Link>
              ),
            )
          : null}
        <Link href={ROUTES.agency} aria-current={current('agency')}>
          Agency
        </Link>
        {canSeeUsage ? (
          <Link href={ROUTES.usage} aria-current={current('usage')}>
            AI usage
          </Link>
        ) : null}
        {can('members:manage') ? (
          <Link href={ROUTES.members} aria-current={current('members')}>
            Members
          </Link>
        ) : null}
        {can('billing:manage') ? (
          <Link href={ROUTES.billing} aria-current={current('billing')}>
            Billing
          </Link>
        ) : null}
        {can('brands:create') ? (
          <Link href={ROUTES.newBrand} aria-current={current('newBrand')}>
            Add brand
          </Link>
        ) : null}
      </nav>
      <main id="main" tabIndex={-1} ref={mainRef}>
        <BillingBanner />
        {props.children}
      </main>
    </div>
  );
}
