/** Minimal stand-ins for Stripe's hosted Checkout and Customer Portal pages (one button each). */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head><body style="font-family:system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;

export function checkoutPage(session: Record<string, unknown> | undefined): string {
  if (session?.status !== 'open')
    return page('Checkout', '<p>This checkout session has expired or is complete.</p>');
  return page(
    'Checkout (Stripe sandbox)',
    `<h1>Stripe sandbox checkout</h1><p>Session ${esc(session.id)}</p>
     <form method="post" action="/checkout/${esc(session.id)}/pay"><button type="submit">Pay and subscribe</button></form>
     <p><a href="${esc(session.cancel_url)}">Back</a></p>`,
  );
}

export function portalPage(
  portal: Record<string, unknown> | undefined,
  subs: Record<string, unknown>[],
): string {
  if (!portal) return page('Billing portal', '<p>This portal session has expired.</p>');
  const rows = subs
    .map(
      (s) =>
        `<li>${esc(s.id)}: ${esc(s.status)}${s.cancel_at_period_end ? ' (cancels at period end)' : ''}
         <form method="post" action="/portal/${esc(portal.id)}/cancel/${esc(s.id)}"><button type="submit">Cancel plan</button></form></li>`,
    )
    .join('');
  return page(
    'Billing portal (Stripe sandbox)',
    `<h1>Stripe sandbox portal</h1><ul>${rows}</ul><p><a href="${esc(portal.return_url)}">Return</a></p>`,
  );
}
