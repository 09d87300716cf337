import { MissingRateError, toAdPerformanceRows } from '../../domain/ads/normalize';
import type { AdReportRow } from '../../domain/ads/report';
import {
  type AdAccount,
  type AdPlatform,
  adAccountDocId,
  type Brand,
  canonicalAccountId,
} from '../../domain/entities';
import { humanize } from '../../domain/format';
import { formatMinor } from '../../domain/money';
import { adSetTerm } from '../../domain/names/names';
import { amount } from '../../domain/phrasing';
import type { TenantContext } from '../../domain/tenancy';
import type { LocalDate } from '../../domain/time';
import { ValidationError } from '../../kernel/errors';
import type { FileProblems, ImportProblems } from '../../kernel/util/import-problems';
import type { Clock } from '../../ports/clock';
import type { FxRates } from '../../ports/fx-rates';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import { type ExportRow, type ExportSpec, parseAdExport } from '../ads/ad-export';
import { AD_PLATFORM_REGISTRY } from '../registry';
import { campaignIdsByName, nameAdSetId, resolveCampaignId } from './campaign-names';
import type { ImportPlan } from './plan';
import { sampleOf } from './sample';
import type { ImportRequest } from './types';

export interface AdsPlanDeps {
  store: Pick<OperationalStore, 'adAccounts' | 'integrations'>;
  warehouse: Warehouse;
  fxRates: FxRates;
  clock: Clock;
}

/**
 * An ad platform's report exports into `ad_performance`, filed under ad accounts: the one the
 * import names (created with its currency and timezone when new) or the ones the file names.
 * Each account's rows replace exactly that account's rows over the file's dates, never another's.
 */
export async function planAdImport(
  deps: AdsPlanDeps,
  ctx: TenantContext,
  brand: Brand,
  request: ImportRequest & { source: AdPlatform },
  problems: ImportProblems,
): Promise<ImportPlan> {
  const spec: ExportSpec = await AD_PLATFORM_REGISTRY[request.source].exportSpec();
  const platform = spec.platform;
  const known = new Map(
    (await deps.store.adAccounts.list(ctx, brand.id))
      .filter((a) => a.platform === platform)
      .map((a) => [a.accountId, a]),
  );
  // A connected account the sync already knows lends its currency and timezone to a new record.
  const integration = await deps.store.integrations.getPlatform(ctx, brand.id, platform);
  const connected = (accountId: string) =>
    integration?.accountIds.map((a) => canonicalAccountId(platform, a)).includes(accountId)
      ? integration
      : undefined;
  const named = request.account ? canonicalAccountId(platform, request.account) : undefined;
  const namedAccount = named ? known.get(named) : undefined;
  if (namedAccount && request.currency && namedAccount.currency !== request.currency)
    throw new ValidationError(
      `ad account ${named} is in ${namedAccount.currency}, not ${request.currency}; leave the currency out or pick the right account`,
    );

  const rows: Array<ExportRow & { problems: FileProblems }> = [];
  const unmapped = new Set<string>();
  const currencySources = new Set<string>();
  for (const file of request.files) {
    const fp = problems.forFile(file.name);
    const currency =
      namedAccount?.currency ?? request.currency ?? (named ? connected(named)?.accountCurrency : undefined);
    const before = problems.count;
    const parsed = parseAdExport(spec, file.content, fp, {
      ...(named ? { accountId: named } : {}),
      ...(currency ? { currency } : {}),
    });
    if (problems.count === before && parsed.rows.length === 0)
      fp.add({ line: 1, column: 1 }, 'the file has a header but no data rows');
    rows.push(...parsed.rows.map((r) => ({ ...r, problems: fp })));
    for (const r of parsed.unmappedRegions) unmapped.add(r);
    if (parsed.currencySource) currencySources.add(parsed.currencySource);
  }

  // Accounts: the named one, or those the file names; each new one is created with a currency.
  const now = deps.clock.now().toISOString();
  const created: AdAccount[] = [];
  const accountOf = new Map<string, AdAccount>();
  for (const r of rows) {
    if (accountOf.has(r.accountId)) {
      const account = accountOf.get(r.accountId)!;
      if (account.currency !== r.currency)
        r.problems.add(
          { line: r.line, column: 1 },
          `this row is in ${r.currency}, the account in ${account.currency}`,
        );
      continue;
    }
    const existing = known.get(r.accountId);
    if (existing && existing.currency !== r.currency) {
      r.problems.add(
        { line: r.line, column: 1 },
        `ad account ${r.accountId} is in ${existing.currency} but this file is in ${r.currency}`,
      );
    }
    const account: AdAccount = existing ?? {
      id: adAccountDocId(platform, r.accountId),
      platform,
      accountId: r.accountId,
      ...(request.accountName && r.accountId === named
        ? { name: request.accountName }
        : r.accountName
          ? { name: r.accountName }
          : {}),
      currency: r.currency,
      timezone: request.timezone ?? connected(r.accountId)?.accountTimezone ?? brand.timezone,
      createdAt: now,
      updatedAt: now,
    };
    if (!existing) created.push(account);
    accountOf.set(r.accountId, account);
  }

  // Campaigns known only by name take the id stored for that name in the same account.
  const byName = rows.some((r) => !r.campaignId)
    ? await campaignIdsByName(deps.warehouse, ctx, brand.id, platform)
    : new Map<string, string[]>();
  const newByName = new Set<string>();
  const reports: AdReportRow[] = [];
  for (const { problems: fp, line, accountName: _name, ...r } of rows) {
    const resolved = r.campaignId
      ? { id: r.campaignId }
      : resolveCampaignId(byName, r.accountId, r.campaignName ?? '');
    if ('ambiguous' in resolved) {
      fp.add(
        { line, column: 1 },
        `several campaigns of account ${r.accountId} are named "${r.campaignName}"; export with the "Campaign ID" column`,
      );
      continue;
    }
    if (resolved.isNew) newByName.add(`${r.accountId}|${r.campaignName}`);
    const adsetId = r.adsetId ?? (r.adsetName ? nameAdSetId(resolved.id, r.adsetName) : undefined);
    reports.push({ ...r, campaignId: resolved.id, ...(adsetId ? { adsetId } : {}) });
  }

  const dates = reports.map((r) => r.date).sort();
  const range = dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : undefined;
  const notes: string[] = [...currencySources].map((s) => `amounts are in the currency stated by ${s}`);
  for (const a of created)
    notes.push(
      `a new ${spec.label.split(' ')[0]} ad account ${a.accountId} will be created (${a.currency}, reporting timezone ${a.timezone}${request.timezone || connected(a.accountId)?.accountTimezone ? '' : ' — the brand’s; give the account’s own if it differs'})`,
    );
  if (rows.length && rows.every((r) => !r.campaignId))
    notes.push(
      `the file has no "Campaign ID" column: campaigns are matched by name within the account (${newByName.size} not seen before)`,
    );
  const adSets = new Set(reports.filter((r) => r.adsetId).map((r) => `${r.campaignId}|${r.adsetId}`));
  if (adSets.size)
    notes.push(
      `${adSets.size} ${adSets.size === 1 ? adSetTerm(platform) : `${adSetTerm(platform)}s`} — spend is kept per ${adSetTerm(platform)} under its campaign${rows.some((r) => r.adsetName && !r.adsetId) ? ' (known by name within the campaign: the file has no id column for them)' : ''}`,
    );
  if (unmapped.size)
    notes.push(
      `region names kept as country only (not in the ISO 3166-2 table): ${[...unmapped].join(', ')}`,
    );

  let performance: ReturnType<typeof toAdPerformanceRows> = [];
  if (range && problems.count === 0) {
    const currencies = [...new Set([...reports.map((r) => r.currency), brand.currency])];
    const rates =
      currencies.length > 1
        ? await deps.fxRates.series(currencies, range.from, range.to)
        : { base: brand.currency, fixings: new Map() };
    try {
      performance = toAdPerformanceRows(reports, {
        brandId: brand.id,
        brandCurrency: brand.currency,
        accountTimezone: (id) => accountOf.get(id)?.timezone,
        rates,
        syncedAt: now,
      });
    } catch (err) {
      if (err instanceof MissingRateError)
        throw new ValidationError(`cannot convert to ${brand.currency}: ${err.message}`);
      throw err;
    }
  }

  const spendBy = new Map<string, number>();
  for (const r of reports) spendBy.set(r.currency, (spendBy.get(r.currency) ?? 0) + r.spendMinor);
  if (spendBy.size)
    notes.push(`spend in the files: ${[...spendBy].map(([c, m]) => amount(m, c)).join(', ')}`);

  const sampled = reports.slice(0, 5);
  return {
    kinds: [spec.label],
    counts: {
      adRows: performance.length || reports.length,
      accounts: accountOf.size,
      newAccounts: created.length,
    },
    ...(range ? { range } : {}),
    sample: sampleOf(sampled, [
      { header: 'Date', kind: 'date', cell: (r) => r.date },
      { header: 'Account', cell: (r) => r.accountId },
      { header: 'Campaign', cell: (r) => r.campaignName ?? r.campaignId },
      ...(sampled.some((r) => r.adsetId)
        ? [
            {
              header: humanize(adSetTerm(platform)),
              cell: (r: AdReportRow) => r.adsetName ?? r.adsetId ?? null,
            },
          ]
        : []),
      { header: 'Region', cell: (r) => r.region ?? r.country ?? null },
      { header: 'Spend', cell: (r) => formatMinor(r.spendMinor, r.currency) },
      { header: 'Currency', cell: (r) => r.currency },
      { header: 'Impressions', kind: 'number', cell: (r) => r.impressions },
    ]),
    notes,
    async commit() {
      for (const a of created) await deps.store.adAccounts.upsert(ctx, brand.id, a);
      for (const account of accountOf.keys()) {
        const own = performance.filter((p) => p.account_id === account);
        const days = own.map((p) => p.date).sort();
        if (!days.length) continue;
        await deps.warehouse.replaceRange(
          ctx,
          'ad_performance',
          {
            brandId: brand.id,
            from: days[0]!,
            to: days[days.length - 1]!,
            match: { platform, account_id: account },
          },
          own,
        );
      }
      return {
        summary: `${performance.length} ${platform} rows for ${accountOf.size} account${accountOf.size === 1 ? '' : 's'}${created.length ? ` (${created.length} created)` : ''}`,
        ...(range ? { range: range as { from: LocalDate; to: LocalDate } } : {}),
      };
    },
  };
}
