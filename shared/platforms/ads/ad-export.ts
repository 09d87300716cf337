import { countryCode, regionFromName, regionFromNameAnyCountry } from '../../domain/ads/regions';
import type { AdReportRow } from '../../domain/ads/report';
import type { AdPlatform } from '../../domain/entities';
import type { FileProblems } from '../../kernel/util/import-problems';
import { cellReaders, readReportTable } from './csv-report';

/**
 * A platform's report export described by the column names that platform writes; one parser reads
 * all three (Meta Ads Manager, TikTok Ads Manager, Google Ads report downloads).
 */
export type ExportField =
  | 'date'
  | 'account'
  | 'accountName'
  | 'campaignId'
  | 'campaignName'
  | 'adsetId'
  | 'adsetName'
  | 'country'
  | 'region'
  | 'currency'
  | 'spend'
  | 'impressions'
  | 'clicks'
  | 'conversions'
  | 'value'
  | 'attribution';

export interface ExportSpec {
  platform: AdPlatform;
  /** How the merchant knows the export ("Meta Ads Manager export"), for messages. */
  label: string;
  columns: Partial<Record<ExportField, readonly string[] | RegExp>>;
  required: readonly ExportField[];
  /** Rows to ignore by their first cell (Google's "Total: Account" lines). */
  skipRow?: (first: string) => boolean;
  /** The account id as the API spells it (Meta: `act_` + the export's number). */
  accountId?: (raw: string) => string;
  /** Dates some exports write with a time ("2026-03-01 00:00:00"). */
  date?: (raw: string) => string;
  /** Where a merchant finds the currency when the file does not say it (TikTok). */
  currencyHint?: string;
}

/** What the import already knows: the account it was asked to file the rows under and its currency. */
export interface ExportContext {
  /** The account named for the import (`--account`), as the API spells it. */
  accountId?: string;
  /** The account's currency when it is known, or the one named for the import (`--currency`). */
  currency?: string;
}

/**
 * A report row whose campaign may be known by name only (Meta exports without "Campaign ID"); at ad
 * set level its ad set may be too (`adsetName` without `adsetId`).
 */
export type ExportRow = Omit<AdReportRow, 'campaignId'> & {
  campaignId?: string;
  line: number;
  /** The account's name when the export has it ("Account name"), for a new account. */
  accountName?: string;
};

export interface ParsedExport {
  rows: ExportRow[];
  unmappedRegions: string[];
  /** Where the currency came from, for the preview ("header Amount spent (EUR)"). */
  currencySource?: string;
}

/** Reads the whole file, recording every problem in `problems` (rows with problems are left out). */
export function parseAdExport(
  spec: ExportSpec,
  text: string,
  problems: FileProblems,
  context: ExportContext,
): ParsedExport {
  const columns = spec.columns as Record<ExportField, readonly string[] | RegExp>;
  const table = readReportTable(
    text,
    problems,
    columns,
    spec.required,
    spec.skipRow ? { skipRow: spec.skipRow } : {},
  );
  if (!table) return { rows: [], unmappedRegions: [] };
  const rows: ExportRow[] = [];
  const unmapped = new Set<string>();
  // "Amount spent (USD)": Meta puts the account currency in the spend header.
  const spendHeader = table.header('spend') ?? '';
  const headerCurrency = /\(([A-Z]{3})\)$/.exec(spendHeader)?.[1];
  const hasCurrencyColumn = table.header('currency') !== undefined;
  const hasAccountColumn = table.header('account') !== undefined;
  const fileCurrency = headerCurrency ?? context.currency;
  if (headerCurrency && context.currency && headerCurrency !== context.currency)
    problems.add(
      { line: table.headerLine, column: 1 },
      `"${spendHeader}" is in ${headerCurrency} but the account is in ${context.currency}; import it into the right account`,
    );
  if (!hasCurrencyColumn && !fileCurrency)
    problems.add(
      { line: table.headerLine, column: 1 },
      `this ${spec.label} does not say its currency; ${spec.currencyHint ?? 'give the ad account’s currency'} (the currency field, or --currency) or import into an account that has one`,
    );
  if (!hasAccountColumn && !context.accountId)
    problems.add(
      { line: table.headerLine, column: 1 },
      `this ${spec.label} has no account column; name the ad account to file it under (the account field, or --account)`,
    );
  const wrongAccounts = new Set<string>();
  const reportedCurrencies = new Set<string>();
  for (const row of table.rows) {
    const read = cellReaders(problems, row);
    const get = row.get;
    const dateCell = get('date');
    const date = read.date(
      { ...dateCell, text: dateCell.text && spec.date ? spec.date(dateCell.text) : dateCell.text },
      'date',
    );
    const rawAccount = get('account').text;
    const fromFile = rawAccount ? (spec.accountId?.(rawAccount) ?? rawAccount) : undefined;
    if (fromFile && context.accountId && fromFile !== context.accountId && !wrongAccounts.has(fromFile)) {
      wrongAccounts.add(fromFile);
      problems.add(
        get('account').cell ?? { line: row.line, column: 1 },
        `this row is for ad account ${fromFile}, but the import is for ${context.accountId}`,
      );
    }
    const accountId = fromFile ?? context.accountId;
    const currencyCell = get('currency');
    const currency = currencyCell.text ?? fileCurrency;
    if (currencyCell.text && !/^[A-Z]{3}$/.test(currencyCell.text)) {
      problems.add(
        currencyCell.cell ?? { line: row.line, column: 1 },
        `"${currencyCell.header}" should be a three-letter currency code like USD, not "${currencyCell.text}"`,
      );
      continue;
    }
    if (currencyCell.text && context.currency && currencyCell.text !== context.currency) {
      if (!reportedCurrencies.has(currencyCell.text))
        problems.add(
          currencyCell.cell ?? { line: row.line, column: 1 },
          `this row is in ${currencyCell.text} but the account is in ${context.currency}`,
        );
      reportedCurrencies.add(currencyCell.text);
      continue;
    }
    if (!currency) {
      if (hasCurrencyColumn)
        problems.add(currencyCell.cell ?? { line: row.line, column: 1 }, `"${currencyCell.header}" is empty`);
      continue;
    }
    const campaignName = get('campaignName').text;
    const campaignIdCell = get('campaignId');
    // Without a Campaign ID column the campaign is known by its name within the account.
    const campaignId = table.header('campaignId') ? read.text(campaignIdCell, 'campaign id') : undefined;
    if (!table.header('campaignId') && !campaignName) read.text(get('campaignName'), 'campaign name');
    // An export at ad set (ad group) level: every row names its ad set, by id or by name.
    const adSetLevel = table.header('adsetId') !== undefined || table.header('adsetName') !== undefined;
    const adsetId = table.header('adsetId') ? read.text(get('adsetId'), 'ad set id') : undefined;
    const adsetName = get('adsetName').text;
    if (adSetLevel && !table.header('adsetId') && !adsetName) read.text(get('adsetName'), 'ad set name');
    const spendMinor = read.money(get('spend'), currency, 'spend');
    const impressions = read.number(get('impressions'), 'impressions');
    const clicks = read.number(get('clicks'), 'clicks');
    const conversions = read.number(get('conversions'), 'conversions');
    const conversionValueMinor = read.money(get('value'), currency, 'conversion value');
    if (
      !date ||
      !accountId ||
      (table.header('campaignId') ? !campaignId : !campaignName) ||
      (adSetLevel && !adsetId && !adsetName) ||
      spendMinor === undefined ||
      impressions === undefined ||
      clicks === undefined ||
      conversions === undefined ||
      conversionValueMinor === undefined
    )
      continue;
    const regionName = get('region').text;
    const country = countryCode(get('country').text);
    const geo = regionName
      ? country
        ? regionFromName(regionName, country)
        : regionFromNameAnyCountry(regionName)
      : country
        ? { country }
        : undefined;
    if (regionName && !geo?.region) unmapped.add(regionName);
    const attribution = get('attribution').text;
    const accountName = get('accountName').text;
    rows.push({
      line: row.line,
      platform: spec.platform,
      accountId,
      ...(accountName ? { accountName } : {}),
      ...(campaignId ? { campaignId } : {}),
      ...(campaignName ? { campaignName } : {}),
      ...(adsetId ? { adsetId } : {}),
      ...(adsetName ? { adsetName } : {}),
      date,
      ...(geo?.country ? { country: geo.country } : {}),
      ...(geo?.region ? { region: geo.region } : {}),
      spendMinor,
      currency,
      impressions,
      clicks,
      conversions,
      conversionValueMinor,
      ...(attribution ? { attributionSetting: attribution } : {}),
    });
  }
  const currencySource = headerCurrency
    ? `the "${spendHeader}" header`
    : hasCurrencyColumn
      ? `the "${table.header('currency')}" column`
      : context.currency
        ? 'the ad account (the file does not say)'
        : undefined;
  return {
    rows,
    unmappedRegions: [...unmapped],
    ...(currencySource ? { currencySource } : {}),
  };
}
