# Each function runs as its own service account (functions.auto.tf.json). The accounts here are
# the identities Google's services use to call functions; each may invoke only its targets.

resource "google_service_account" "tasks_invoker" {
  account_id   = "pp-tasks-invoker"
  display_name = "Cloud Tasks → sync functions (OIDC)"
}

resource "google_service_account" "pubsub_invoker" {
  account_id   = "pp-pubsub-invoker"
  display_name = "Pub/Sub push → event functions (OIDC)"
}

resource "google_service_account" "scheduler_invoker" {
  account_id   = "pp-scheduler-invoker"
  display_name = "Cloud Scheduler → scheduled functions (OIDC)"
}

# Pub/Sub signs push requests as pubsub_invoker; older projects need this grant explicitly.
resource "google_service_account_iam_member" "pubsub_agent_token_creator" {
  service_account_id = google_service_account.pubsub_invoker.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

# BigQuery: jobs, and the per-tenant datasets the app creates and drops (no project-wide read
# of anything else, no IAM changes).
resource "google_project_iam_custom_role" "warehouse" {
  role_id     = "ppWarehouse"
  title       = "Pulsepoint warehouse"
  description = "Run jobs and manage pp_* datasets and tables"
  permissions = [
    "bigquery.jobs.create",
    "bigquery.datasets.create",
    "bigquery.datasets.get",
    "bigquery.datasets.delete",
    "bigquery.datasets.update",
    "bigquery.tables.create",
    "bigquery.tables.delete",
    "bigquery.tables.get",
    "bigquery.tables.getData",
    "bigquery.tables.list",
    "bigquery.tables.update",
    "bigquery.tables.updateData",
  ]
}

# Secret Manager: integration tokens are created per brand at connect time and destroyed at
# disconnect; no access to IAM policies on secrets.
resource "google_project_iam_custom_role" "secret_writer" {
  role_id     = "ppSecretWriter"
  title       = "Pulsepoint integration secrets"
  description = "Create, version, read and destroy integration token secrets"
  permissions = [
    "secretmanager.secrets.create",
    "secretmanager.secrets.delete",
    "secretmanager.secrets.get",
    "secretmanager.versions.add",
    "secretmanager.versions.access",
    "secretmanager.versions.destroy",
    "secretmanager.versions.list",
  ]
}
