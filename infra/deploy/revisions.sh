#!/usr/bin/env bash
# Cloud Functions (2nd gen) serve from Cloud Run services of the same name. Before an apply, record
# the revision each one serves; if the deployed API then fails its health check, send all traffic
# back to those revisions (docs/decisions/927). Used by cloudbuild.yaml.
#   revisions.sh record   <region> <file>
#   revisions.sh rollback <region> <file>
set -euo pipefail
cmd="${1:?record or rollback}"
region="${2:?region}"
file="${3:?file}"

case "$cmd" in
  record)
    # A first deployment has no services yet: an empty file, nothing to roll back to.
    gcloud run services list --region "$region" \
      --filter='metadata.labels.goog-managed-by=cloudfunctions' \
      --format='csv[no-heading](metadata.name,status.latestReadyRevisionName)' >"$file"
    echo "recorded $(wc -l <"$file") serving revisions"
    ;;
  rollback)
    while IFS=, read -r service revision; do
      [ -n "$service" ] && [ -n "$revision" ] || continue
      echo "rolling $service back to $revision"
      gcloud run services update-traffic "$service" --region "$region" --to-revisions="$revision=100"
    done <"$file"
    ;;
  *)
    echo "unknown command: $cmd" >&2
    exit 2
    ;;
esac
