"""dten client settings, read from the deployment's config and environment."""

import os

from dten.config import load

config = load("/etc/dten/dten.yaml")

HYBRID = config.get("dten.hybrid.legacy_mode", "off")
CACHE_MB = config["dten"]["cache"]["size_mb"]
GOSSIP = os.environ.get("DTEN_CLUSTER_GOSSIP_INTERVAL", "5s")
