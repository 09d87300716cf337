import { readFileSync } from 'node:fs';
import { toAdPerformanceRows } from '../../../shared/domain/ads/normalize';
import { systemContext } from '../../../shared/domain/tenancy';
import type { LocalDate } from '../../../shared/domain/time';
import { NotFoundError, ValidationError } from '../../../shared/kernel/errors';
import { type ExportSpec, parseAdExport } from '../../../shared/platforms/ads/ad-export';
import { createConfiguredFxRates } from '../../../shared/platforms/fx/ecb';
import { GOOGLE_ADS_EXPORT } from '../../../shared/platforms/google-ads/export-csv';
import { META_EXPORT } from '../../../shared/platforms/meta/export-csv';
import { TIKTOK_EXPORT } from '../../../shared/platforms/tiktok/export-csv';
import type { Importer } from './import';

/**
 * `pulsepoint import meta|tiktok|google-ads <csv> --brand <id>`: a platform's own report export
 * into `ad_performance`. The file is parsed and converted completely before anything is written;
 * then, per ad account in the file, exactly the file's date range is replaced for that platform and
 * account (one atomic replace each), so re-importing the same file changes nothing.
 */
function createAdImporter(spec: ExportSpec): Importer {
  return async (deps, { tenantId, brandId, file }) => {
    const ctx = systemContext(tenantId, `import-${spec.platform}`);
    const brand = await deps.store.brands.get(ctx, brandId);
    if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
    const integration = await deps.store.integrations.getPlatform(ctx, brandId, spec.platform);
    const onlyAccount = integration?.accountIds.length === 1 ? integration.accountIds[0] : undefined;
    const parsed = parseAdExport(spec, readFileSync(file, 'utf8'), file, {
      ...(onlyAccount ? { accountId: onlyAccount } : {}),
      ...(integration?.accountCurrency ? { currency: integration.accountCurrency } : {}),
    });
    if (parsed.rows.length === 0) throw new ValidationError(`${file}: no data rows`);
    if (parsed.unmappedRegions.length)
      deps.logger.warn('region names not in the ISO 3166-2 table; kept as country only', {
        names: parsed.unmappedRegions,
      });
    const dates = parsed.rows.map((r) => r.date).sort();
    const from = dates[0] as LocalDate;
    const to = dates[dates.length - 1] as LocalDate;
    const currencies = [...new Set(parsed.rows.map((r) => r.currency)), brand.currency];
    const rates = await createConfiguredFxRates(deps).series(currencies, from, to);
    const rows = toAdPerformanceRows(parsed.rows, {
      brandId,
      brandCurrency: brand.currency,
      // An export does not say its account's timezone; the connected integration does.
      accountTimezone: () => integration?.accountTimezone,
      rates,
      syncedAt: deps.clock.now().toISOString(),
    });
    const accounts = [...new Set(rows.map((r) => r.account_id))];
    for (const account of accounts)
      await deps.warehouse.replaceRange(
        ctx,
        'ad_performance',
        { brandId, from, to, match: { platform: spec.platform, account_id: account } },
        rows.filter((r) => r.account_id === account),
      );
    return {
      rows: rows.length,
      summary: `imported ${rows.length} ${spec.platform} rows (${accounts.length} account${accounts.length === 1 ? '' : 's'}) for ${brandId}, ${from} to ${to}`,
    };
  };
}

export const AD_IMPORTERS: Record<string, Importer> = {
  meta: createAdImporter(META_EXPORT),
  tiktok: createAdImporter(TIKTOK_EXPORT),
  'google-ads': createAdImporter(GOOGLE_ADS_EXPORT),
};
