resource "google_firebase_project" "this" {
  provider   = google-beta
  project    = var.project_id
  depends_on = [google_project_service.enabled]
}

# The web app's Firebase config (apiKey, projectId) is served by Hosting at /__/firebase/init.json
# for the Web App associated with the site; without one registered there is nothing to serve and
# production sign-in cannot start (docs/decisions/601).
resource "google_firebase_web_app" "web" {
  provider        = google-beta
  project         = var.project_id
  display_name    = "Pulsepoint"
  deletion_policy = "DELETE"
  depends_on      = [google_firebase_project.this]
}

resource "google_firebase_hosting_site" "web" {
  provider   = google-beta
  project    = var.project_id
  site_id    = coalesce(var.hosting_site_id, var.project_id)
  app_id     = google_firebase_web_app.web.app_id
  depends_on = [google_firebase_project.this]
}

# Firebase Auth (Identity Platform) with email sign-in; tenant, role and brands are custom
# claims the API sets, verified by FirebaseIdentityVerifier.
resource "google_identity_platform_config" "auth" {
  provider = google-beta
  project  = var.project_id
  sign_in {
    email {
      enabled           = true
      password_required = true
    }
  }
  authorized_domains = [
    "${coalesce(var.hosting_site_id, var.project_id)}.web.app",
    "${coalesce(var.hosting_site_id, var.project_id)}.firebaseapp.com",
  ]
  depends_on = [google_firebase_project.this]
}
