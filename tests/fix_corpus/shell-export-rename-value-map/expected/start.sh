#!/bin/sh
set -eu

# keep the pre-hybrid fallback for now
export DTEN_HYBRID_ENABLE=false   # see runbook
exec dten --config /etc/dten/dten.yaml
