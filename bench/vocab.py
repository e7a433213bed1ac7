"""The words the generator builds from: matrix key segments, and the vocabulary of ordinary (key-free) files.

Matrix keys start with a word from ``PRODUCTS``, which no ordinary file uses, so a file holds a matrix key only
where the generator planted one.  Their other segments come from ``SECTIONS`` and ``LEAVES``, which ordinary
files use all the time: that is what makes a text prefilter work hard, as in a real monorepo.
"""

from __future__ import annotations

PRODUCTS = (
    "orbit", "relay", "beacon", "quarry", "lumen", "harbor", "tundra", "cobalt", "falcon", "meridian",
    "nimbus", "onyx", "pylon", "quasar", "rampart", "sierra", "talon", "umbra", "vertex", "willow",
    "xenon", "yarrow", "zephyr", "aurora", "basalt", "cinder", "drift", "ember", "fjord", "granite",
    "helix", "iris", "juniper", "krypton", "lattice", "magnet", "nebula", "obsidian", "prism", "quill",
)  # fmt: skip

SECTIONS = (
    "server", "cache", "storage", "logging", "metrics", "auth", "database", "queue", "http", "tls",
    "scheduler", "worker", "proxy", "session", "index", "replication", "backup", "search", "gateway", "cluster",
    "tracing", "limits", "pool", "retry", "network", "upload", "audit", "mailer", "security", "runtime",
)  # fmt: skip

NEW_SECTIONS = (
    "engine", "transport", "persistence", "observability", "identity", "broker", "edge", "control", "frontend",
    "backend",
)  # fmt: skip
"""Sections a renamed key moves to (never the section of a matrix key, so a replacement is not a key too)."""

LEAVES = (
    "port", "host", "timeout_seconds", "max_connections", "pool_size", "enabled", "endpoint", "path",
    "retention_days", "size_mb", "interval", "level", "format", "buffer_size", "batch_size", "workers",
    "threads", "replicas", "max_retries", "backoff", "compression", "ttl_seconds", "read_timeout",
    "write_timeout", "idle_timeout", "keepalive", "max_body_size", "cert_file", "key_file", "ca_file",
    "username", "password_file", "bucket", "region", "prefix", "strategy", "mode", "flush_interval",
    "sample_rate", "queue_depth",
)  # fmt: skip

PLUGINS = ("audit", "ldap", "s3", "kafka", "webhook", "oidc", "statsd", "syslog")

SERVICES = (
    "billing", "checkout", "catalog", "inventory", "payments", "search", "accounts", "notify", "reports",
    "ledger", "shipping", "pricing", "profile", "gateway", "media", "reviews", "orders", "identity", "auditlog",
    "analytics", "scheduler", "exporter", "ingest", "webhooks",
)  # fmt: skip

ENVIRONMENTS = ("dev", "staging", "production", "qa", "canary")

IMAGES = ("nginx", "python", "node", "golang", "redis", "postgres", "busybox", "alpine", "envoy", "grafana")

ROOTS = ("app", "settings", "service", "runtime", "config")
"""Top-level keys of ordinary config files (never a word of ``PRODUCTS``)."""

PROSE = (
    "the", "service", "deploys", "with", "a", "rolling", "update", "and", "reads", "its", "configuration",
    "from", "mounted", "files", "every", "release", "runs", "migrations", "before", "traffic", "shifts", "to",
    "new", "pods", "operators", "should", "check", "dashboards", "alerts", "when", "latency", "grows", "queue",
    "backlog", "requests", "are", "retried", "on", "failure", "logs", "ship", "central", "cluster", "secrets",
    "rotate", "monthly", "owners", "review", "changes", "in", "pull", "this", "document", "describes", "how",
    "upgrade", "rollback", "scale", "nodes", "limits", "memory", "cpu", "storage", "backups", "nightly",
)  # fmt: skip

PY_NAMES = (
    "load", "fetch", "parse", "render", "handle", "process", "build", "resolve", "collect", "apply", "merge",
    "validate", "refresh", "publish", "schedule", "compute", "export", "register",
)  # fmt: skip

SHELL_COMMANDS = (
    "kubectl apply -f deploy/",
    "helm upgrade --install",
    "docker compose up -d",
    "curl -fsS http://localhost:8080/healthz",
    "python -m pip install -r requirements.txt",
    "pytest -q",
    "aws s3 sync ./dist s3://artifacts",
    "terraform plan -out plan.bin",
    "git fetch --tags",
    "jq -r '.version' package.json",
)
