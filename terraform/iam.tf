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

# The functions' own accounts get their grants in functions.auto.tf.json, each on the resource it
# is about (infra/terraform/render-grants.ts). The roles below are what those grants use where no
# predefined role is narrow enough (docs/decisions/930).

# BigQuery checks dataset creation on the project (datasets.insert), before the dataset has a name
# a condition could test; the app creates pp_<tenant> on a tenant's first write or query.
resource "google_project_iam_custom_role" "warehouse_datasets" {
  role_id     = "ppWarehouseDatasets"
  title       = "Pulsepoint tenant dataset creation"
  description = "Create datasets; reading or writing one needs the conditioned ppWarehouse grant"
  permissions = ["bigquery.datasets.create"]
}

# The tables of tenant datasets, granted on the project under a condition on the dataset name
# (pp_<tenant>, never pp_ops): stage tables are created and dropped, derived tables recreated when
# their definition changes. No dataset deletion, update or IAM changes.
resource "google_project_iam_custom_role" "warehouse" {
  role_id     = "ppWarehouse"
  title       = "Pulsepoint tenant warehouse"
  description = "Read and write the tables of pp_<tenant> datasets (granted with a dataset-name condition)"
  permissions = [
    "bigquery.datasets.get",
    "bigquery.tables.create",
    "bigquery.tables.delete",
    "bigquery.tables.get",
    "bigquery.tables.getData",
    "bigquery.tables.list",
    "bigquery.tables.update",
    "bigquery.tables.updateData",
  ]
}

# Appending to a pp_ops table (the token ledger, the request log, paid invoices) is a streaming
# insert: granted on that one table, with no read back and no job.
resource "google_project_iam_custom_role" "ops_appender" {
  role_id     = "ppOpsAppender"
  title       = "Pulsepoint ops table appender"
  description = "Stream rows into a pp_ops table (granted on the table)"
  permissions = ["bigquery.tables.get", "bigquery.tables.updateData"]
}

# Secret Manager checks secret creation on the parent project; an empty secret holds nothing, and
# adding its first version needs the conditioned ppSecretWriter grant.
resource "google_project_iam_custom_role" "secret_creator" {
  role_id     = "ppSecretCreator"
  title       = "Pulsepoint integration secret creation"
  description = "Create secrets; versioning one needs the conditioned ppSecretWriter grant"
  permissions = ["secretmanager.secrets.create"]
}

# Integration tokens and keys are versioned per tenant and name, the old versions destroyed, and
# deleted at disconnect; granted under a condition on the secret name (pp-*). Reading a version is
# roles/secretmanager.secretAccessor under the same condition. No access to IAM policies on secrets.
resource "google_project_iam_custom_role" "secret_writer" {
  role_id     = "ppSecretWriter"
  title       = "Pulsepoint integration secrets"
  description = "Version, destroy and delete integration secrets (granted with a secret-name condition)"
  permissions = [
    "secretmanager.secrets.delete",
    "secretmanager.secrets.get",
    "secretmanager.versions.add",
    "secretmanager.versions.destroy",
    "secretmanager.versions.list",
  ]
}
