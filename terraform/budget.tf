resource "google_monitoring_notification_channel" "email" {
  for_each     = toset(var.alert_emails)
  display_name = "Pulsepoint alerts: ${each.value}"
  type         = "email"
  labels       = { email_address = each.value }
}

resource "google_billing_budget" "monthly" {
  billing_account = var.billing_account
  display_name    = "Pulsepoint ${var.project_id}"
  budget_filter {
    projects = ["projects/${data.google_project.this.number}"]
  }
  amount {
    specified_amount {
      currency_code = var.budget_currency
      units         = tostring(var.monthly_budget)
    }
  }
  dynamic "threshold_rules" {
    for_each = [0.5, 0.9, 1.0]
    content {
      threshold_percent = threshold_rules.value
    }
  }
  # Forecasts catch a runaway (a sync loop, an AI bill) before the month's money is spent.
  threshold_rules {
    threshold_percent = 1.0
    spend_basis       = "FORECASTED_SPEND"
  }
  all_updates_rule {
    monitoring_notification_channels = local.alert_channels
    disable_default_iam_recipients   = false
  }
}

# Anything in a dead-letter subscription is work that failed every retry: someone should look.
resource "google_monitoring_alert_policy" "dead_letters" {
  display_name = "Pulsepoint: messages dead-lettered"
  combiner     = "OR"
  conditions {
    display_name = "undelivered dead letters"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = ends_with(\".dead-letter\") AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }
  notification_channels = local.alert_channels
}
