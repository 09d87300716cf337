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

# Cloud Functions builds run as this account, not the project's default build account, which
# new projects create with fewer permissions (or not at all).
# https://cloud.google.com/functions/docs/securing/build-custom-sa
resource "google_service_account" "build" {
  account_id   = "pp-functions-build"
  display_name = "Builds of the Pulsepoint functions"
}

resource "google_project_iam_member" "build" {
  for_each = toset([
    "roles/cloudbuild.builds.builder",
    "roles/logging.logWriter",
    "roles/artifactregistry.writer",
    "roles/storage.objectViewer",
  ])
  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.build.email}"
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
