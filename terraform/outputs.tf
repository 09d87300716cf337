output "hosting_site" {
  description = "Firebase Hosting site id; `firebase deploy --only hosting` targets it."
  value       = google_firebase_hosting_site.web.site_id
}

output "hosting_url" {
  description = "Default URL of the web app."
  value       = "https://${google_firebase_hosting_site.web.site_id}.web.app"
}

output "functions_bucket" {
  description = "Bucket holding the per-function source bundles."
  value       = google_storage_bucket.functions.name
}

output "ops_dataset" {
  description = "BigQuery dataset with the AI ledger and the finance views for Looker Studio."
  value       = google_bigquery_dataset.ops.dataset_id
}

output "finance_views" {
  description = "Fully qualified views to connect in Looker Studio."
  value = [
    "${var.project_id}.pp_ops.${google_bigquery_table.finance_ai_cost_daily.table_id}",
    "${var.project_id}.pp_ops.${google_bigquery_table.finance_spend_vs_revenue_daily.table_id}",
  ]
}

output "invoker_service_accounts" {
  description = "Identities Cloud Tasks, Pub/Sub and Cloud Scheduler use to call functions."
  value = {
    tasks     = google_service_account.tasks_invoker.email
    pubsub    = google_service_account.pubsub_invoker.email
    scheduler = google_service_account.scheduler_invoker.email
  }
}
