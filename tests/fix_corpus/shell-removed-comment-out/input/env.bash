#!/usr/bin/env bash
if [ -n "${CI:-}" ]; then
    declare -x DTEN_CLUSTER_GOSSIP_INTERVAL="5s"  # tuned for CI
    DTEN_CLUSTER_NAME=ci
fi
