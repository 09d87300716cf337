import { billingStatusSchema } from '../../../shared/api/schemas/billing';
import { useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { ROUTES } from '../routes';
import { Link } from './link';

/**
 * Shown on every page while the subscription needs attention: a failed payment (still working
 * until the grace period ends) or read-only. Everyone sees it; only the owner gets the link.
 */
export function BillingBanner() {
  const { api, can, locale, session } = useServices();
  const status = useResource(`billing-status:${session.identity.uid}`, () =>
    api.get('/api/billing/status', billingStatusSchema),
  );
  if (status.status !== 'ready' || status.data.access.level === 'full') return null;
  const { access } = status.data;
  const until = access.readOnlyFrom
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(access.readOnlyFrom),
      )
    : undefined;
  const text =
    access.level === 'grace'
      ? `The last payment failed. Pulsepoint keeps working until ${until}, then becomes read-only.`
      : 'Your subscription has ended or is unpaid: Pulsepoint is read-only. All your data is kept.';
  return (
    <p class={`billing-banner ${access.level}`} role="status">
      {text}{' '}
      {can('billing:manage') ? (
        <Link href={ROUTES.billing}>Go to billing</Link>
      ) : (
        'Ask the account owner to update billing.'
      )}
    </p>
  );
}
