#!/usr/bin/env bash
if [ -n "${CI:-}" ]; then
    # keyshift: dten.cluster.gossip_interval was removed in 3.0 (KS101)
    # declare -x DTEN_CLUSTER_GOSSIP_INTERVAL="5s"  # tuned for CI
    DTEN_CLUSTER_NAME=ci
fi
