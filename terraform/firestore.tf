resource "google_firestore_database" "default" {
  name                    = "(default)"
  location_id             = var.firestore_location
  type                    = "FIRESTORE_NATIVE"
  delete_protection_state = "DELETE_PROTECTION_ENABLED"
  # Any version of the last 7 days can be read or exported (a bad deploy, a wrong merge).
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  depends_on                        = [google_project_service.enabled]
}

# PITR reaches back 7 days; a daily backup reaches further, and survives a deleted database.
resource "google_firestore_backup_schedule" "daily" {
  database  = google_firestore_database.default.name
  retention = "${var.firestore_backup_retention_days * 24 * 3600}s"
  daily_recurrence {}
}

# Webhook receipts expire: the adapter writes `ttlExpireAt` (a Timestamp derived from the
# receipt's expiresAt) and Firestore deletes the document some time after it passes.
resource "google_firestore_field" "webhook_receipts_ttl" {
  database   = google_firestore_database.default.name
  collection = "webhookReceipts"
  field      = "ttlExpireAt"
  ttl_config {}
}

# Shared rate-limit counters (shared/adapters/gcp/firestore-rate-limiter.ts): an idle allowance is
# full again after two windows, so its document is deleted some time after `ttlExpireAt`.
resource "google_firestore_field" "rate_limits_ttl" {
  database   = google_firestore_database.default.name
  collection = "rateLimits"
  field      = "ttlExpireAt"
  ttl_config {}
}

# Composite indexes, one source of truth with `firebase deploy --only firestore:indexes`.
locals {
  firestore_indexes = jsondecode(file("${path.module}/../infra/firestore/firestore.indexes.json")).indexes
}

resource "google_firestore_index" "composite" {
  for_each = {
    for ix in local.firestore_indexes :
    "${ix.collectionGroup}:${join(",", [for f in ix.fields : "${f.fieldPath}:${lookup(f, "order", "ASCENDING")}"])}" => ix
  }
  database    = google_firestore_database.default.name
  collection  = each.value.collectionGroup
  query_scope = each.value.queryScope
  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path = fields.value.fieldPath
      order      = fields.value.order
    }
  }
}

# Clients never read or write Firestore directly: the web app goes through the API.
resource "google_firebaserules_ruleset" "firestore" {
  provider = google-beta
  source {
    files {
      name    = "firestore.rules"
      content = file("${path.module}/../infra/firestore/firestore.rules")
    }
  }
  depends_on = [google_firestore_database.default]
  # A release always points at a ruleset: the new one exists before the old one goes.
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_firebaserules_release" "firestore" {
  provider     = google-beta
  name         = "cloud.firestore"
  ruleset_name = "projects/${var.project_id}/rulesets/${google_firebaserules_ruleset.firestore.name}"
  lifecycle {
    replace_triggered_by = [google_firebaserules_ruleset.firestore]
  }
}
