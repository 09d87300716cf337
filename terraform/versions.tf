terraform {
  required_version = ">= 1.6"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.10"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.10"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.6"
    }
  }
  # State lives in a bucket you create once (docs/DEPLOYMENT.md, step 3):
  # terraform init -backend-config="bucket=<project>-tfstate"
  backend "gcs" {
    prefix = "pulsepoint"
  }
}

provider "google" {
  project               = var.project_id
  region                = var.region
  user_project_override = true
  billing_project       = var.project_id
}

provider "google-beta" {
  project               = var.project_id
  region                = var.region
  user_project_override = true
  billing_project       = var.project_id
}

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  # The Pub/Sub service agent moves undeliverable messages to dead-letter topics.
  # Through the service identity, so every grant to the agent waits until it exists.
  pubsub_agent = "serviceAccount:${google_project_service_identity.pubsub.email}"

  # Every function runs the Google Cloud backend (shared/config/index.ts reads these).
  function_env = {
    NODE_ENV             = "production"
    PULSEPOINT_BACKEND   = "gcp"
    GOOGLE_CLOUD_PROJECT = var.project_id
    GCP_REGION           = var.region
    BIGQUERY_LOCATION    = var.bigquery_location
    PUBLIC_URL           = var.public_url
    LOG_LEVEL            = var.log_level
    SHOPIFY_API_KEY      = var.shopify_api_key
    # Rendered post images (docs/decisions/889).
    PULSEPOINT_MEDIA_BUCKET = google_storage_bucket.media.name
    # Bundles ship source maps; stack traces in Cloud Logging then point at the TypeScript.
    NODE_OPTIONS = "--enable-source-maps"
  }
}
