import { type ExportedConsent, normaliseAddress } from '../../../domain/engagement/consent';
import type { FileProblems } from '../../../kernel/util/import-problems';
import { eachRow, type Row, readTable } from './table';

/**
 * Shopify's admin customers CSV (*Customers → Export*, the same layout as the import template),
 * read for the marketing consent it states and nothing else (decision 1025). Shopify Help Center,
 * *Importing and exporting customer lists* — https://help.shopify.com/en/manual/customers/import-export-customers
 * (stored as help.shopify.com/ja/manual/customers/import-export-customers): the `Email` column
 * "is required and must be present, but the value can be blank"; `Accepts Email Marketing` "Sets
 * whether or not the customer agrees to subscribe to email marketing, such as a newsletter. Valid
 * entries are yes or no."; `Accepts SMS Marketing` the same for SMS, with the customer's `Phone`.
 * An empty cell says nothing and a column that is absent says nothing: no consent is made up.
 */
export const CUSTOMERS_CSV_REQUIRED = ['Email'] as const;
const EMAIL_COLUMN = 'Accepts Email Marketing';
const SMS_COLUMN = 'Accepts SMS Marketing';

/** Whether a header row is a customers export's: it states marketing consent and has no order lines. */
export const isCustomersHeader = (header: string) =>
  (header.includes(EMAIL_COLUMN) || header.includes(SMS_COLUMN)) && !header.includes('Lineitem quantity');

export interface CustomersCsv {
  consents: ExportedConsent[];
  /** Rows accepting SMS whose `Phone` is not a full international number: no SMS consent for them. */
  smsWithoutPhone: number;
  rows: number;
}

const yesNo = (v: string) => {
  const w = v.toLowerCase();
  return w === 'yes' ? true : w === 'no' ? false : undefined;
};
/** E.164 as Twilio sends to it; Shopify's cells may carry a leading `'` (as the orders export's zips do). */
const phoneOf = (v: string) => {
  const p = normaliseAddress('sms', v.replace(/^'/, ''));
  return /^\+[1-9]\d{6,14}$/.test(p) ? p : undefined;
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseCustomersCsv(content: string, file: string, problems: FileProblems): CustomersCsv {
  const table = readTable(content.replace(/^\uFEFF/, ''), problems, CUSTOMERS_CSV_REQUIRED);
  if (!table) return { consents: [], smsWithoutPhone: 0, rows: 0 };
  let smsWithoutPhone = 0;
  const perRow = eachRow(table.rows, (row: Row) => {
    const out: ExportedConsent[] = [];
    const evidence = { file, line: row.line };
    const email = row.has(EMAIL_COLUMN) ? row.optional(EMAIL_COLUMN, yesNo, 'yes or no') : undefined;
    const sms = row.has(SMS_COLUMN) ? row.optional(SMS_COLUMN, yesNo, 'yes or no') : undefined;
    if (email !== undefined) {
      const address = row.get('Email');
      if (address && !EMAIL.test(address)) row.fail('Email', `should be an email address, not "${address}"`);
      if (address)
        out.push({ channel: 'email', address, state: email ? 'subscribed' : 'not_subscribed', evidence });
    }
    if (sms !== undefined) {
      const phone = row.has('Phone') ? phoneOf(row.get('Phone')) : undefined;
      if (phone)
        out.push({ channel: 'sms', address: phone, state: sms ? 'subscribed' : 'not_subscribed', evidence });
      else if (sms) smsWithoutPhone++;
    }
    return out;
  });
  return { consents: perRow.flat(), smsWithoutPhone, rows: table.rows.length };
}
