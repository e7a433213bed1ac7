#!/bin/sh
helm upgrade dten ./chart \
  --set dten.hybrid.enable=true \
  --set dten.cluster.name=prod
