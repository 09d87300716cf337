#!/usr/bin/env bash
# The deployed API answers /health with every backend it checks (Firestore, BigQuery, Pub/Sub…)
# "ok". Retries cover a cold start; anything else fails the step. Used by cloudbuild.yaml.
#   smoke.sh <base url>
set -euo pipefail
base="${1:?base url}"
body="$(curl -fsS --retry 5 --retry-delay 10 --retry-all-errors --max-time 30 "${base%/}/health")"
echo "$body"
case "$body" in
  *'"status":"ok"'*) ;;
  *)
    echo "health is not ok" >&2
    exit 1
    ;;
esac
