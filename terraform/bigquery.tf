# pp_ops: the shared dataset (its tables are generated from OPS_TABLES into
# functions.auto.tf.json) and the finance views Looker Studio reads. Tenant datasets pp_<tenant>
# are created by the app (BigQueryWarehouse.ensureTenant), not here.

resource "google_bigquery_dataset" "ops" {
  dataset_id  = "pp_ops"
  location    = var.bigquery_location
  description = "Pulsepoint operations: AI token ledger, observability events, finance views"
  labels      = { app = "pulsepoint" }
  # Deleted rows stay readable through time travel for 2 days (the minimum), not the default 7.
  max_time_travel_hours = "48"
  depends_on            = [google_project_service.enabled]
}

resource "google_service_account" "finance_refresh" {
  account_id   = "pp-finance-refresh"
  display_name = "Scheduled query that rolls tenant performance into pp_ops"
}

resource "google_project_iam_member" "finance_refresh" {
  for_each = toset(["roles/bigquery.dataEditor", "roles/bigquery.jobUser", "roles/bigquery.metadataViewer"])
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.finance_refresh.email}"
}

locals {
  ops = "${var.project_id}.pp_ops"
  # Tenant datasets are created at run time, so no static view can name them all. This script
  # finds them in INFORMATION_SCHEMA and rebuilds one daily roll-up of spend and attributed
  # revenue per tenant, brand, day and attribution model (docs/decisions/704).
  tenant_rollup_sql = <<-SQL
    DECLARE parts STRING;
    SET parts = (
      SELECT STRING_AGG(FORMAT(
        "SELECT '%s' AS tenant_id, brand_id, date, currency, model, SUM(spend_minor) AS spend_minor, SUM(revenue_minor) AS attributed_revenue_minor, SUM(orders) AS orders, SUM(profit_minor) AS profit_minor FROM `%s.%s.unified_performance` GROUP BY brand_id, date, currency, model",
        SUBSTR(schema_name, 4), '${var.project_id}', schema_name), ' UNION ALL ')
      FROM `region-${lower(var.bigquery_location)}`.INFORMATION_SCHEMA.SCHEMATA
      WHERE STARTS_WITH(schema_name, 'pp_') AND schema_name != 'pp_ops'
    );
    IF parts IS NOT NULL THEN
      EXECUTE IMMEDIATE FORMAT(
        "CREATE OR REPLACE TABLE `${local.ops}.tenant_performance_daily` PARTITION BY date CLUSTER BY tenant_id AS %s",
        parts);
    END IF;
  SQL
}

resource "google_bigquery_data_transfer_config" "tenant_rollup" {
  display_name         = "pp tenant performance roll-up"
  location             = var.bigquery_location
  data_source_id       = "scheduled_query"
  schedule             = "every day 05:00"
  service_account_name = google_service_account.finance_refresh.email
  params = {
    query = local.tenant_rollup_sql
  }
  depends_on = [
    google_project_iam_member.finance_refresh,
    google_bigquery_dataset.ops,
    google_service_account_iam_member.data_transfer_token_minter,
  ]
}

# The Data Transfer service agent runs the scheduled query as finance_refresh: it mints that
# account's short-lived tokens (https://cloud.google.com/bigquery/docs/scheduling-queries#using_a_service_account).
resource "google_service_account_iam_member" "data_transfer_token_minter" {
  service_account_id = google_service_account.finance_refresh.name
  role               = "roles/iam.serviceAccountShortTermTokenMinter"
  member             = "serviceAccount:${google_project_service_identity.bigquery_data_transfer.email}"
}

# The roll-up's table exists before the first scheduled run, so the view below can be created.
resource "google_bigquery_table" "tenant_performance_daily" {
  dataset_id          = google_bigquery_dataset.ops.dataset_id
  table_id            = "tenant_performance_daily"
  description         = "Daily spend and attributed revenue per tenant × brand × model (rebuilt daily)"
  deletion_protection = false
  time_partitioning {
    type  = "DAY"
    field = "date"
  }
  clustering = ["tenant_id"]
  schema = jsonencode([
    { name = "tenant_id", type = "STRING", mode = "NULLABLE" },
    { name = "brand_id", type = "STRING", mode = "NULLABLE" },
    { name = "date", type = "DATE", mode = "NULLABLE" },
    { name = "currency", type = "STRING", mode = "NULLABLE" },
    { name = "model", type = "STRING", mode = "NULLABLE" },
    { name = "spend_minor", type = "INT64", mode = "NULLABLE" },
    { name = "attributed_revenue_minor", type = "INT64", mode = "NULLABLE" },
    { name = "orders", type = "FLOAT64", mode = "NULLABLE" },
    { name = "profit_minor", type = "INT64", mode = "NULLABLE" },
  ])
  lifecycle {
    # The scheduled query replaces the table; its schema is the query's, not Terraform's.
    ignore_changes = [schema]
  }
}

resource "google_bigquery_table" "finance_ai_cost_daily" {
  dataset_id          = google_bigquery_dataset.ops.dataset_id
  table_id            = "finance_ai_cost_daily"
  description         = "AI cost per tenant per day, by operation and model (Looker Studio)"
  deletion_protection = false
  view {
    use_legacy_sql = false
    query          = <<-SQL
      SELECT
        date,
        tenant_id,
        operation,
        model,
        COUNT(*) AS calls,
        SUM(input_tokens) AS input_tokens,
        SUM(output_tokens) AS output_tokens,
        SUM(cache_creation_tokens) AS cache_creation_tokens,
        SUM(cache_read_tokens) AS cache_read_tokens,
        SUM(cost_micros) AS cost_micros,
        SUM(cost_micros) / 1000000 AS cost_usd,
        AVG(latency_ms) AS avg_latency_ms
      FROM `${local.ops}.ai_token_usage`
      GROUP BY date, tenant_id, operation, model
    SQL
  }
  depends_on = [google_bigquery_table.ops_ai_token_usage]
}

# Subscription revenue per plan beside the AI cost of the tenants on it, per month and currency
# (docs/decisions/868). Revenue is in the invoice currency's minor units; AI cost in USD micros.
resource "google_bigquery_table" "finance_revenue_vs_ai_cost_monthly" {
  dataset_id          = google_bigquery_dataset.ops.dataset_id
  table_id            = "finance_revenue_vs_ai_cost_monthly"
  description         = "Subscription revenue per plan and month beside the AI cost of its tenants (Looker Studio)"
  deletion_protection = false
  view {
    use_legacy_sql = false
    query          = <<-SQL
      WITH revenue AS (
        SELECT
          SUBSTR(CAST(date AS STRING), 1, 7) AS month,
          tenant_id,
          plan_id,
          currency,
          SUM(amount_paid_minor) AS revenue_minor,
          COUNT(*) AS invoices
        FROM `${local.ops}.billing_invoices`
        GROUP BY SUBSTR(CAST(date AS STRING), 1, 7), tenant_id, plan_id, currency
      ),
      ai AS (
        SELECT
          SUBSTR(CAST(date AS STRING), 1, 7) AS month,
          tenant_id,
          SUM(cost_micros) AS ai_cost_micros,
          COUNT(*) AS ai_calls
        FROM `${local.ops}.ai_token_usage`
        GROUP BY SUBSTR(CAST(date AS STRING), 1, 7), tenant_id
      )
      SELECT
        r.month,
        r.plan_id,
        r.currency,
        COUNT(DISTINCT r.tenant_id) AS paying_tenants,
        SUM(r.invoices) AS invoices,
        SUM(r.revenue_minor) AS revenue_minor,
        SUM(COALESCE(a.ai_calls, 0)) AS ai_calls,
        SUM(COALESCE(a.ai_cost_micros, 0)) AS ai_cost_micros,
        SUM(COALESCE(a.ai_cost_micros, 0)) / 1000000 AS ai_cost_usd
      FROM revenue r
      LEFT JOIN ai a ON a.month = r.month AND a.tenant_id = r.tenant_id
      GROUP BY r.month, r.plan_id, r.currency
    SQL
  }
  depends_on = [google_bigquery_table.ops_ai_token_usage, google_bigquery_table.ops_billing_invoices]
}

resource "google_bigquery_table" "finance_spend_vs_revenue_daily" {
  dataset_id          = google_bigquery_dataset.ops.dataset_id
  table_id            = "finance_spend_vs_revenue_daily"
  description         = "Ad spend vs attributed revenue per tenant per day (Looker Studio)"
  deletion_protection = false
  view {
    use_legacy_sql = false
    query          = <<-SQL
      SELECT
        date,
        tenant_id,
        brand_id,
        currency,
        model,
        spend_minor,
        attributed_revenue_minor,
        profit_minor,
        orders,
        SAFE_DIVIDE(attributed_revenue_minor, spend_minor) AS roas,
        SAFE_DIVIDE(profit_minor, spend_minor) AS poas
      FROM `${local.ops}.tenant_performance_daily`
    SQL
  }
  depends_on = [google_bigquery_table.tenant_performance_daily]
}
