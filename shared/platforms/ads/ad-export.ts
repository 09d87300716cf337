import { countryCode, regionFromName, regionFromNameAnyCountry } from '../../domain/ads/regions';
import type { AdReportRow } from '../../domain/ads/report';
import type { AdPlatform } from '../../domain/entities';
import { cellReaders, ReportErrors, readReportTable } from './csv-report';

/**
 * A platform's report export described by the column names that platform writes; one parser reads
 * all three (Meta Ads Manager, TikTok Ads Manager, Google Ads report downloads).
 */
export type ExportField =
  | 'date'
  | 'account'
  | 'campaignId'
  | 'campaignName'
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
  columns: Partial<Record<ExportField, readonly string[] | RegExp>>;
  required: readonly ExportField[];
  /** Rows to ignore by their first cell (Google's "Total: Account" lines). */
  skipRow?: (first: string) => boolean;
  /** The account id as the API spells it (Meta: `act_` + the export's number). */
  accountId?: (raw: string) => string;
  /** Dates some exports write with a time ("2026-03-01 00:00:00"). */
  date?: (raw: string) => string;
}

export interface ExportDefaults {
  accountId?: string;
  currency?: string;
}

export interface ParsedExport {
  rows: AdReportRow[];
  unmappedRegions: string[];
}

/** Parses the whole file; any bad cell makes it throw a ValidationError listing every problem. */
export function parseAdExport(
  spec: ExportSpec,
  text: string,
  file: string,
  defaults: ExportDefaults,
): ParsedExport {
  const errors = new ReportErrors(file);
  const columns = spec.columns as Record<ExportField, readonly string[] | RegExp>;
  const table = readReportTable(
    text,
    errors,
    columns,
    spec.required,
    spec.skipRow ? { skipRow: spec.skipRow } : {},
  );
  const rows: AdReportRow[] = [];
  const unmapped = new Set<string>();
  // "Amount spent (USD)": the currency is in Meta's header.
  const headerCurrency = /\(([A-Z]{3})\)$/.exec(table?.header('spend') ?? '')?.[1];
  for (const row of table?.rows ?? []) {
    const read = cellReaders(errors, row);
    const get = row.get;
    const dateCell = get('date');
    const date = read.date(
      { ...dateCell, text: dateCell.text && spec.date ? spec.date(dateCell.text) : dateCell.text },
      'date',
    );
    const rawAccount = get('account').text;
    const accountId = rawAccount ? (spec.accountId?.(rawAccount) ?? rawAccount) : defaults.accountId;
    if (!accountId)
      errors.add(
        get('campaignId').cell ?? { line: row.line, column: 1 },
        'no account id column and no connected account to file it under',
      );
    const currency = get('currency').text ?? headerCurrency ?? defaults.currency;
    if (!currency || !/^[A-Z]{3}$/.test(currency)) {
      errors.add(
        get('currency').cell ?? { line: row.line, column: 1 },
        `currency: expected an ISO code${currency ? `, got "${currency}"` : ''}`,
      );
      continue;
    }
    const campaignId = read.text(get('campaignId'), 'campaign id');
    const spendMinor = read.money(get('spend'), currency, 'spend');
    const impressions = read.number(get('impressions'), 'impressions');
    const clicks = read.number(get('clicks'), 'clicks');
    const conversions = read.number(get('conversions'), 'conversions');
    const conversionValueMinor = read.money(get('value'), currency, 'conversion value');
    if (
      !date ||
      !accountId ||
      !campaignId ||
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
    const name = get('campaignName').text;
    const attribution = get('attribution').text;
    rows.push({
      platform: spec.platform,
      accountId,
      campaignId,
      ...(name ? { campaignName: name } : {}),
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
  errors.throwIfAny();
  return { rows, unmappedRegions: [...unmapped] };
}
