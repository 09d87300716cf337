# Production guards (issue 24): who is told, what wakes them, and how state can be recovered.
# Every alert policy notifies local.alert_channels: the email channels made from
# var.alert_emails plus any channel made outside Terraform (Slack, PagerDuty) by id.

locals {
  alert_channels = concat(
    [for c in google_monitoring_notification_channel.email : c.id],
    var.notification_channels,
  )
  public_host = regex("^https?://([^/:]+)", var.public_url)[0]
}

# Functions (2nd gen) serve on Cloud Run: a share of 5xx answers above the threshold, across
# every function, means something is broken for merchants rather than one bad request.
resource "google_monitoring_alert_policy" "function_errors" {
  display_name = "Pulsepoint: function 5xx rate"
  combiner     = "OR"
  conditions {
    display_name = "5xx share of requests per function"
    condition_threshold {
      filter             = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = \"5xx\""
      denominator_filter = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\""
      comparison         = "COMPARISON_GT"
      threshold_value    = var.function_error_ratio
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }
    }
  }
  notification_channels = local.alert_channels
}

# ERROR lines of the structured logger (shared/kernel/logging) in any function: a failed task,
# a route without a permission entry, an unexpected exception.
resource "google_logging_metric" "error_logs" {
  name   = "pulsepoint/error_logs"
  filter = "resource.type = \"cloud_run_revision\" AND severity >= ERROR"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "error_logs" {
  display_name = "Pulsepoint: ERROR logs"
  combiner     = "OR"
  conditions {
    display_name = "ERROR log lines in 5 minutes"
    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.error_logs.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.error_logs_per_5min
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }
  notification_channels = local.alert_channels
}

# `schedule-syncs` logs "syncs scheduled" every hour, even with nothing to sync; its absence
# means the Scheduler job, its push or the function is broken and every brand goes stale.
resource "google_logging_metric" "syncs_scheduled" {
  name   = "pulsepoint/syncs_scheduled"
  filter = "resource.type = \"cloud_run_revision\" AND jsonPayload.message = \"syncs scheduled\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

# Each finished sync logs "shopify synced" or "ad sync finished" (shared/platforms/*/sync-job.ts).
resource "google_logging_metric" "syncs_finished" {
  name   = "pulsepoint/syncs_finished"
  filter = "resource.type = \"cloud_run_revision\" AND (jsonPayload.message = \"shopify synced\" OR jsonPayload.message = \"ad sync finished\")"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "sync_freshness" {
  display_name = "Pulsepoint: syncs not running"
  combiner     = "OR"
  conditions {
    display_name = "schedule-syncs has not run"
    condition_absent {
      filter   = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.syncs_scheduled.name}\""
      duration = "7200s"
      aggregations {
        alignment_period   = "3600s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }
  conditions {
    display_name = "no sync has finished"
    condition_absent {
      filter   = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.syncs_finished.name}\""
      duration = "${var.sync_stale_after_hours * 3600}s"
      aggregations {
        alignment_period   = "3600s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }
  notification_channels = local.alert_channels
}

# The app as a merchant reaches it: Hosting → api function → /health (every backend checked).
resource "google_monitoring_uptime_check_config" "health" {
  display_name = "Pulsepoint /health"
  timeout      = "10s"
  period       = "300s"
  http_check {
    path         = "/health"
    port         = 443
    use_ssl      = true
    validate_ssl = true
  }
  monitored_resource {
    type   = "uptime_url"
    labels = { project_id = var.project_id, host = local.public_host }
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "health" {
  display_name = "Pulsepoint: /health failing"
  combiner     = "OR"
  conditions {
    display_name = "uptime check failing"
    condition_threshold {
      filter          = "resource.type = \"uptime_url\" AND metric.type = \"monitoring.googleapis.com/uptime_check/check_passed\" AND metric.labels.check_id = \"${google_monitoring_uptime_check_config.health.uptime_check_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "600s"
      aggregations {
        alignment_period     = "1200s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.*"]
      }
    }
  }
  notification_channels = local.alert_channels
}

# The platform's own failures, from the logs each service writes: a Scheduler job whose push
# failed, a Cloud Tasks dispatch that failed (each retry logs one), a scheduled query (the finance
# roll-up) that failed. One metric, labelled by resource type, one alert per kind via group_by.
resource "google_logging_metric" "platform_failures" {
  name   = "pulsepoint/platform_failures"
  filter = "severity >= ERROR AND (resource.type = \"cloud_scheduler_job\" OR resource.type = \"cloud_tasks_queue\" OR resource.type = \"bigquery_dts_config\")"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    labels {
      key        = "resource_type"
      value_type = "STRING"
    }
  }
  label_extractors = {
    resource_type = "EXTRACT(resource.type)"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "platform_failures" {
  display_name = "Pulsepoint: Scheduler, Tasks or roll-up failures"
  combiner     = "OR"
  conditions {
    display_name = "failed scheduler pushes, task dispatches or scheduled queries"
    condition_threshold {
      filter          = "metric.type = \"logging.googleapis.com/user/${google_logging_metric.platform_failures.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "900s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.resource_type"]
      }
    }
  }
  notification_channels = local.alert_channels
}

# An ad platform refused Pulsepoint's own app credentials (Google Ads' developer token or Cloud
# project: shared/platforms/ads/sync-failure.ts, decision 1025). Every merchant's sync on that
# platform fails the same way and none of them can fix it, so one line is enough to page.
resource "google_logging_metric" "platform_app_refused" {
  name   = "pulsepoint/platform_app_refused"
  filter = "resource.type = \"cloud_run_revision\" AND jsonPayload.message = \"ad platform refused pulsepoint app\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "platform_app_refused" {
  display_name = "Pulsepoint: an ad platform refused Pulsepoint's app credentials"
  combiner     = "OR"
  conditions {
    display_name = "a sync refused for the operator's developer token or project"
    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.platform_app_refused.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }
  documentation {
    content   = "An ad platform refused Pulsepoint's own credentials (for Google Ads: the developer token's access level, its pairing with the Cloud project, or the API terms). Merchants see that it is being fixed and are not asked to reconnect; the log line carries the platform's words. Syncs resume by themselves on the next hourly run once fixed."
    mime_type = "text/markdown"
  }
  notification_channels = local.alert_channels
}
