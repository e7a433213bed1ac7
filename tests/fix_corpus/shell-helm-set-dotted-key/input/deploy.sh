#!/bin/sh
helm upgrade dten ./chart \
  --set dten.hybrid.legacy_mode=true \
  --set dten.cluster.name=prod
