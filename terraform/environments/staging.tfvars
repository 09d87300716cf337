# Staging: its own project (docs/decisions/928). project_id, region, public_url, billing_account,
# shopify_api_key and alert_emails come from the Cloud Build trigger's substitutions.
log_level                       = "DEBUG"
monthly_budget                  = 50
sync_stale_after_hours          = 12
function_error_ratio            = 0.2
error_logs_per_5min             = 50
firestore_backup_retention_days = 7
