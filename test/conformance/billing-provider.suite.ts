import { describe, expect, it } from 'vitest';
import { systemContext } from '../../shared/domain/tenancy';
import type { BillingProvider, BillingRef } from '../../shared/ports/billing-provider';

/**
 * What every BillingProvider must do, run against each adapter and its sandbox: start a
 * subscription the merchant approves at a URL, report it back with the plan and add-ons, refuse
 * contract-only plans, count a usage identifier once however often it is sent, and hand out a
 * place to manage the subscription.
 */
export interface BillingProviderHarness {
  provider: BillingProvider;
  /** The tenant's ref before any subscription (Shopify: the paying brand). */
  ref: BillingRef;
  /** What the merchant does at the redirect URL: pay / approve. */
  approve(redirectUrl: string): Promise<void>;
  /** How many usage records / meter events the provider holds, and their summed value. */
  usage(): { count: number };
  close(): Promise<void>;
}

export function describeBillingProviderConformance(
  name: string,
  setup: () => Promise<BillingProviderHarness>,
) {
  const ctx = systemContext('t_conformance', 'conformance');
  const start = (h: BillingProviderHarness, ref: BillingRef = h.ref) =>
    h.provider.startSubscription(ctx, ref, {
      planId: 'growth',
      currency: 'USD',
      addOns: ['posting'],
      returnUrl: 'https://app.example.com/billing?checkout=done',
      cancelUrl: 'https://app.example.com/billing?checkout=canceled',
      customer: { name: 'Conformance Tenant', email: 'owner@example.com' },
    });

  describe(`BillingProvider conformance: ${name}`, () => {
    it('has no subscription before one is started, and none until the merchant approves', async () => {
      const h = await setup();
      try {
        expect(await h.provider.currentSubscription(ctx, h.ref)).toBeUndefined();
        const started = await start(h);
        expect(started.redirectUrl).toMatch(/^https?:\/\//);
        expect(await h.provider.currentSubscription(ctx, { ...h.ref, ...started.ref })).toBeUndefined();
      } finally {
        await h.close();
      }
    });

    it('reports the approved subscription with its plan, add-ons and currency', async () => {
      const h = await setup();
      try {
        const started = await start(h);
        await h.approve(started.redirectUrl);
        const sub = await h.provider.currentSubscription(ctx, { ...h.ref, ...started.ref });
        expect(sub).toMatchObject({
          provider: h.provider.kind,
          planId: 'growth',
          addOns: ['posting'],
          currency: 'USD',
          cancelAtPeriodEnd: false,
        });
        expect(['active', 'trialing']).toContain(sub?.status);
        expect(Number.isNaN(Date.parse(sub?.createdAt ?? ''))).toBe(false);
      } finally {
        await h.close();
      }
    });

    it('refuses a plan that is sold by contract', async () => {
      const h = await setup();
      try {
        await expect(
          h.provider.startSubscription(ctx, h.ref, {
            planId: 'enterprise',
            currency: 'USD',
            addOns: [],
            returnUrl: 'https://app.example.com/billing',
            cancelUrl: 'https://app.example.com/billing',
            customer: { name: 'x' },
          }),
        ).rejects.toMatchObject({ code: 'conflict' });
      } finally {
        await h.close();
      }
    });

    it('counts a usage identifier once, however often it is sent', async () => {
      const h = await setup();
      try {
        const started = await start(h);
        await h.approve(started.redirectUrl);
        const ref = { ...h.ref, ...started.ref };
        const report = {
          identifier: 'pp:t_conformance:ai:entry-1',
          overageMicros: 2_000_000,
          at: new Date(),
        };
        await h.provider.reportUsage(ctx, ref, report);
        await h.provider.reportUsage(ctx, ref, report);
        await h.provider.reportUsage(ctx, ref, { ...report, identifier: 'pp:t_conformance:ai:entry-2' });
        expect(h.usage().count).toBe(2);
      } finally {
        await h.close();
      }
    });

    it('gives an absolute URL to manage the subscription and lists invoices in minor units', async () => {
      const h = await setup();
      try {
        const started = await start(h);
        await h.approve(started.redirectUrl);
        const ref = { ...h.ref, ...started.ref };
        expect(await h.provider.manageUrl(ctx, ref, 'https://app.example.com/billing')).toMatch(
          /^https?:\/\//,
        );
        for (const invoice of await h.provider.invoices(ctx, ref, 10)) {
          expect(Number.isInteger(invoice.totalMinor)).toBe(true);
          expect(invoice.currency).toMatch(/^[A-Z]{3}$/);
        }
      } finally {
        await h.close();
      }
    });
  });
}
