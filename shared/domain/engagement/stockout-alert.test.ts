import { describe, expect, it } from 'vitest';
import { engagementPausedAlert } from './stockout-alert';

const base = {
  brandId: 'b1',
  product: { variantId: 'gid://shopify/ProductVariant/303', title: 'Trail Bottle' },
  since: '2026-11-21T12:00:00.000Z',
};

describe('the alert a stockout pause raises', () => {
  it('says what was paused, by name, and that resuming is the merchant’s', () => {
    const alert = engagementPausedAlert({
      ...base,
      paused: [
        { kind: 'automation', name: 'Back in stock' },
        { kind: 'automation', name: 'Cart abandonment' },
        { kind: 'campaign', name: 'Summer hydration' },
      ],
    });
    expect(alert.title).toBe('Paused 2 automations and 1 campaign featuring Trail Bottle — out of stock');
    expect(alert.explanation).toContain(
      'automation "Back in stock", automation "Cart abandonment", campaign "Summer hydration"',
    );
    expect(alert.explanation).toContain('Nothing resumes on its own');
    expect(alert).toMatchObject({
      type: 'engagement_paused',
      dedupeKey: `engagement_paused:${base.product.variantId}:${base.since}`,
      evidence: { paused_automations: 2, paused_campaigns: 1 },
    });
  });

  it('counts one automation in the singular', () => {
    const alert = engagementPausedAlert({ ...base, paused: [{ kind: 'automation', name: 'A' }] });
    expect(alert.title).toBe('Paused 1 automation featuring Trail Bottle — out of stock');
  });

  it('says a campaign was stopped mid-send, how many went out and how many are held back', () => {
    const alert = engagementPausedAlert({
      ...base,
      paused: [
        { kind: 'campaign', name: 'Summer hydration', midSend: { sent: 3, remaining: 4 } },
        { kind: 'campaign', name: 'Refill', midSend: { sent: 1, remaining: 1 } },
      ],
    });
    expect(alert.explanation).toContain(
      'campaign "Summer hydration" (stopped mid-send: 3 messages already sent, up to 4 messages held back), campaign "Refill" (stopped mid-send: 1 message already sent, up to 1 message held back)',
    );
    expect(alert.evidence).toMatchObject({
      paused_mid_send: 2,
      messages_sent_before_pause: 4,
      messages_held_back: 5,
    });
  });
});
