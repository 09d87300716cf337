import { describe, expect, it } from 'vitest';
import { fixture, importTestbeds } from '../../../test/support/imports';
import { systemContext } from '../../domain/tenancy';
import { createConsentStore } from '../../engagement/consent';
import { ImportRejectedError } from '../../kernel/util/import-problems';

/**
 * Shopify's customers export read into consent (decision 1025): "yes" becomes an opt-in from the
 * export with its file and line, "no" and empty cells make none up, and what a person told us
 * (an unsubscribe, a checkout opt-in) is never overwritten by a file.
 */
const setup = importTestbeds();
const FILE = 'valid/shopify-customers-export.csv';

async function bed() {
  const b = await setup();
  const consent = createConsentStore({ db: b.api.deps.documents, clock: b.api.deps.clock });
  const scope = { ctx: b.ctx, brandId: 'b1' };
  return {
    ...b,
    consent,
    scope,
    held: (channel: 'email' | 'sms', address: string) => consent.get(scope, channel, address),
  };
}
const csv = (rows: string[]) => ({
  name: 'customers_export.csv',
  content: ['First Name,Last Name,Email,Phone,Accepts Email Marketing,Accepts SMS Marketing', ...rows].join(
    '\n',
  ),
});

describe('Shopify customers export: marketing consent', () => {
  it('previews the opt-ins it would record and writes nothing', async () => {
    const { preview, held } = await bed();
    const p = await preview({ source: 'shopify', files: [fixture(FILE)] });
    expect(p).toMatchObject({
      valid: true,
      kinds: ['customers (CSV export: marketing consent)'],
      counts: { emailOptIns: 2, smsOptIns: 2, orders: 0 },
    });
    expect(p.notes).toContain(
      '1 customer accepts SMS marketing without a phone number in international form (+ and country code): no SMS consent is recorded for them',
    );
    expect(await held('email', 'ava.chen@example.com')).toBeUndefined();
  });

  it('records each "yes" as an opt-in from the export with its file and line, and nothing for "no" or an empty cell', async () => {
    const { run, held } = await bed();
    const result = await run({ source: 'shopify', files: [fixture(FILE)] });
    expect(result.summary).toBe(
      'marketing consent of 6 addresses (4 opted in, 0 withdrawn, 2 left as they were)',
    );
    const evidence = (line: number) => ({ file: 'shopify-customers-export.csv', line });
    expect(await held('email', 'Ava.Chen@example.com')).toMatchObject({
      status: 'opted_in',
      source: 'shopify_export',
      evidence: evidence(2),
    });
    expect(await held('sms', '+16135550135')).toMatchObject({ status: 'opted_in', evidence: evidence(2) });
    expect(await held('email', 'lucia.ramirez@example.com')).toMatchObject({
      status: 'opted_in',
      evidence: evidence(4),
    });
    // The phone-only customer: SMS from its Phone, no email without an address.
    expect(await held('sms', '+16135550199')).toMatchObject({ status: 'opted_in', evidence: evidence(5) });
    // "no" is not an opt-out the person gave, and an empty cell says nothing.
    expect(await held('email', 'noah.tremblay@example.com')).toBeUndefined();
    expect(await held('sms', '+525555550100')).toBeUndefined();
    expect(await held('email', 'liam.roy@example.com')).toBeUndefined();
  });

  it('keeps an unsubscribe and a checkout opt-in over what the file says', async () => {
    const { run, consent, scope, held } = await bed();
    await consent.set(scope, 'email', 'ava.chen@example.com', 'opted_out', 'unsubscribe_link');
    await consent.set(scope, 'email', 'lucia.ramirez@example.com', 'opted_in', 'checkout');
    await run({ source: 'shopify', files: [fixture(FILE)] });
    expect(await held('email', 'ava.chen@example.com')).toMatchObject({
      status: 'opted_out',
      source: 'unsubscribe_link',
    });
    const lucia = await held('email', 'lucia.ramirez@example.com');
    expect(lucia).toMatchObject({ status: 'opted_in', source: 'checkout' });
    expect(lucia?.evidence).toBeUndefined();
  });

  it("withdraws an earlier export's opt-in when a later export says no, and restores it on a later yes", async () => {
    const { run, consent, scope, held } = await bed();
    await consent.set(scope, 'email', 'noah.tremblay@example.com', 'opted_in', 'checkout');
    await run({ source: 'shopify', files: [csv(['Ava,Chen,ava.chen@example.com,,yes,'])] });
    await run({
      source: 'shopify',
      files: [csv(['Ava,Chen,ava.chen@example.com,,no,', 'Noah,Tremblay,noah.tremblay@example.com,,no,'])],
    });
    expect(await held('email', 'ava.chen@example.com')).toMatchObject({
      status: 'opted_out',
      source: 'shopify_export',
      evidence: { file: 'customers_export.csv', line: 2 },
    });
    // A "no" does not undo what the customer gave at checkout.
    expect(await held('email', 'noah.tremblay@example.com')).toMatchObject({
      status: 'opted_in',
      source: 'checkout',
    });
    await run({ source: 'shopify', files: [csv(['Ava,Chen,ava.chen@example.com,,yes,'])] });
    expect(await held('email', 'ava.chen@example.com')).toMatchObject({
      status: 'opted_in',
      source: 'shopify_export',
    });
  });

  it('rejects a value other than yes or no at its place in the file, writing nothing', async () => {
    const { run, held } = await bed();
    const bad = csv([
      'Ava,Chen,ava.chen@example.com,,yes,',
      'Noah,Tremblay,noah.tremblay@example.com,,maybe,',
    ]);
    const rejected = run({ source: 'shopify', files: [bad] });
    await expect(rejected).rejects.toThrow(ImportRejectedError);
    await expect(rejected).rejects.toThrow(
      /customers_export\.csv:3:\d+.*"Accepts Email Marketing" should be yes or no, not "maybe"/,
    );
    expect(await held('email', 'ava.chen@example.com')).toBeUndefined();
  });

  it('makes no email consent when the file has no Accepts Email Marketing column', async () => {
    const { run, held } = await bed();
    const smsOnly = {
      name: 'sms.csv',
      content: 'First Name,Email,Phone,Accepts SMS Marketing\nAva,ava.chen@example.com,+16135550135,yes\n',
    };
    await run({ source: 'shopify', files: [smsOnly] });
    expect(await held('email', 'ava.chen@example.com')).toBeUndefined();
    expect(await held('sms', '+16135550135')).toMatchObject({
      status: 'opted_in',
      evidence: { file: 'sms.csv', line: 2 },
    });
  });

  it("writes into the importing tenant's brand only", async () => {
    const { run, consent } = await bed();
    await run({ source: 'shopify', files: [fixture(FILE)] });
    const other = { ctx: systemContext('t2', 'test'), brandId: 'b1' };
    expect(await consent.get(other, 'email', 'ava.chen@example.com')).toBeUndefined();
  });
});
