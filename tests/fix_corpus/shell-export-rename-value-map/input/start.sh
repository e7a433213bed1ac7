#!/bin/sh
set -eu

# keep the pre-hybrid fallback for now
export DTEN_HYBRID_LEGACY_MODE=off   # see runbook
exec dten --config /etc/dten/dten.yaml
