variable "project_id" {
  description = "Google Cloud project id Pulsepoint is deployed into (an empty project works)."
  type        = string
}

variable "region" {
  description = "Region of functions, Cloud Tasks queues and Scheduler jobs."
  type        = string
  default     = "europe-west1"
}

variable "bigquery_location" {
  description = "BigQuery location of pp_ops and every tenant dataset (EU, US or a region)."
  type        = string
  default     = "EU"
}

variable "firestore_location" {
  description = "Firestore database location (eur3 multi-region, or a region such as europe-west1)."
  type        = string
  default     = "eur3"
}

variable "public_url" {
  description = "Public base URL of the app (the Firebase Hosting domain); used in OAuth redirects."
  type        = string
}

variable "shopify_api_key" {
  description = "Client id of the Shopify app (not secret; the secret goes to Secret Manager)."
  type        = string
}

variable "log_level" {
  description = "DEBUG, INFO, WARNING or ERROR."
  type        = string
  default     = "INFO"
}

variable "hosting_site_id" {
  description = "Firebase Hosting site id; the default site is <project_id>."
  type        = string
  default     = null
}

variable "billing_account" {
  description = "Billing account id (XXXXXX-XXXXXX-XXXXXX) the budget alert watches."
  type        = string
}

variable "monthly_budget" {
  description = "Monthly budget in the billing account's currency; alerts at 50%, 90% and 100%."
  type        = number
  default     = 200
}

variable "budget_currency" {
  description = "Currency of the billing account (the budget must use it)."
  type        = string
  default     = "EUR"
}

variable "alert_emails" {
  description = "Who receives every alert (budget, dead letters, errors, syncs, /health) by email."
  type        = list(string)
}

variable "notification_channels" {
  description = "Ids of notification channels made outside Terraform (Slack, PagerDuty: projects/<p>/notificationChannels/<id>) that also receive every alert."
  type        = list(string)
  default     = []
}

variable "function_error_ratio" {
  description = "Share of a function's requests answered 5xx over 5 minutes that raises an alert."
  type        = number
  default     = 0.05
}

variable "error_logs_per_5min" {
  description = "ERROR log lines across all functions in 5 minutes that raise an alert."
  type        = number
  default     = 10
}

variable "sync_stale_after_hours" {
  description = "Hours without any finished sync (Shopify or ads) that raise an alert; keep it above the hourly schedule."
  type        = number
  default     = 6
}

variable "firestore_backup_retention_days" {
  description = "How long the daily Firestore backups are kept (at most 98 days)."
  type        = number
  default     = 14
}

variable "artifact_keep_count" {
  description = "Images of each function always kept in Artifact Registry (the serving one and rollback targets)."
  type        = number
  default     = 5
}

variable "artifact_retention_days" {
  description = "Older function images than this are deleted, beyond the kept most recent ones."
  type        = number
  default     = 30
}
