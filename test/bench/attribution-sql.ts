import { BENCH_CAMPAIGNS } from './attribution-data';

/**
 * Last-touch matching in DuckDB SQL, the same rules as the TypeScript step: journey touches of
 * the order within the window; a touch names a campaign by click id (platform of the click type)
 * or by UTM (platform of the source, else a native id unique across platforms); when no touch in
 * the window names one and the last one shows no channel either (no source, medium or click id),
 * the campaign that spent most on the latest day within the window in the order's region (the
 * opt-in geo fallback, decision 833); else unattributed. Cancelled orders are left out; revenue is
 * net sales (total − shipping − tax, decision 832). Names in utm_campaign are not matched here: the
 * bench tags with native ids. Returns revenue and orders per campaign (NULL = unattributed).
 */
export function lastTouchSql(windowDays: number): string {
  const campaigns = BENCH_CAMPAIGNS.map((c) => `('${c[0]}', '${c[2]}', '${c[0]}:${c[1]}:${c[2]}')`).join(
    ', ',
  );
  return `
WITH camp(platform, native, campaign_id) AS (VALUES ${campaigns}),
click_platform(t, platform) AS (VALUES ('fbclid', 'meta'), ('ttclid', 'tiktok'), ('gclid', 'google_ads'), ('gbraid', 'google_ads'), ('wbraid', 'google_ads')),
source_platform(s, platform) AS (VALUES ('facebook', 'meta'), ('fb', 'meta'), ('instagram', 'meta'), ('ig', 'meta'), ('meta', 'meta'),
  ('tiktok', 'tiktok'), ('google', 'google_ads'), ('adwords', 'google_ads'), ('youtube', 'google_ads')),
unique_native AS (SELECT native, MIN(campaign_id) AS campaign_id FROM camp GROUP BY native HAVING COUNT(*) = 1),
revenue AS (SELECT order_id, total_minor - shipping_minor - tax_minor AS revenue FROM {{orders}} WHERE brand_id = @brand),
journey AS (
  SELECT o.order_id, t.touchpoint_id, t.occurred_at,
    COALESCE(ck.campaign_id, us.campaign_id, un.campaign_id) AS campaign_id,
    CASE WHEN COALESCE(t.utm_source, '') <> '' OR COALESCE(t.utm_medium, '') <> '' OR cp.platform IS NOT NULL
      THEN 1 ELSE 0 END AS evidence
  FROM {{orders}} o
  JOIN {{touchpoints}} t ON t.brand_id = o.brand_id AND t.order_id = o.order_id
  LEFT JOIN click_platform cp ON t.click_id IS NOT NULL AND cp.t = lower(t.click_id_type)
  LEFT JOIN camp ck ON ck.platform = cp.platform AND ck.native = t.utm_campaign
  LEFT JOIN source_platform sp ON sp.s = lower(t.utm_source)
  LEFT JOIN camp us ON us.platform = sp.platform AND us.native = t.utm_campaign
  LEFT JOIN unique_native un ON un.native = t.utm_campaign
  WHERE o.brand_id = @brand AND o.currency = 'USD' AND o.cancelled_at IS NULL AND t.occurred_at <= o.created_at
    AND t.occurred_at >= o.created_at - INTERVAL ${windowDays} DAY),
last_touch AS (
  SELECT order_id, campaign_id, named, evidence FROM (
    SELECT order_id, campaign_id, evidence,
      MAX(CASE WHEN campaign_id IS NOT NULL THEN 1 ELSE 0 END) OVER (PARTITION BY order_id) AS named,
      ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY occurred_at DESC, touchpoint_id DESC) AS rn
    FROM journey) x WHERE rn = 1),
region_day AS (
  SELECT region, date, campaign_id FROM (
    SELECT region, date, campaign_id,
      ROW_NUMBER() OVER (PARTITION BY region, date ORDER BY SUM(spend_minor) DESC, campaign_id) AS rn
    FROM {{ad_performance}} WHERE brand_id = @brand AND spend_minor > 0 AND region IS NOT NULL
    GROUP BY region, date, campaign_id) y WHERE rn = 1),
geo AS (
  SELECT order_id, campaign_id FROM (
    SELECT o.order_id, g.campaign_id, ROW_NUMBER() OVER (PARTITION BY o.order_id ORDER BY g.date DESC) AS rn
    FROM {{orders}} o JOIN region_day g ON g.region = o.region AND g.date BETWEEN o.date - ${windowDays} AND o.date
    LEFT JOIN last_touch lt ON lt.order_id = o.order_id
    WHERE o.brand_id = @brand AND o.currency = 'USD' AND o.cancelled_at IS NULL AND COALESCE(lt.named, 0) = 0
      AND COALESCE(lt.evidence, 0) = 0) z WHERE rn = 1),
matched AS (
  SELECT o.order_id, CASE WHEN lt.named = 1 THEN lt.campaign_id ELSE g.campaign_id END AS campaign_id
  FROM {{orders}} o LEFT JOIN last_touch lt ON lt.order_id = o.order_id LEFT JOIN geo g ON g.order_id = o.order_id
  WHERE o.brand_id = @brand AND o.currency = 'USD' AND o.cancelled_at IS NULL)
SELECT m.campaign_id, SUM(COALESCE(r.revenue, 0)) AS revenue, COUNT(*) AS orders
FROM matched m LEFT JOIN revenue r ON r.order_id = m.order_id
GROUP BY m.campaign_id ORDER BY m.campaign_id`;
}
