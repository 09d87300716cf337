# Function images go to this repository rather than the gcf-artifacts one Cloud Functions would
# create by itself, so it can carry cleanup policies: every deploy adds an image per function, and
# Artifact Registry storage is billed. The newest images of each function are always kept (the
# serving revision and the ones a rollback goes back to, docs/decisions/927); older ones are
# deleted after var.artifact_retention_days.
resource "google_artifact_registry_repository" "functions" {
  repository_id = "pp-functions"
  location      = var.region
  format        = "DOCKER"
  description   = "Pulsepoint function images (Cloud Functions builds)"
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = var.artifact_keep_count
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      tag_state  = "ANY"
      older_than = "${var.artifact_retention_days * 24 * 3600}s"
    }
  }
  depends_on = [google_project_service.enabled]
}
