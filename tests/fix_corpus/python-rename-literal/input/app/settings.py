"""Settings access for the worker."""

from myapp.config import config

# read the old flag (the comment says "dten.hybrid.legacy_mode" but is not code)
LEGACY = config.get("dten.hybrid.legacy_mode", False)
TIMEOUT = config.get('dten.sync.timeout')


@config.watch('dten.hybrid.legacy_mode')
def on_change(value):
    return settings["dten.hybrid.legacy_mode"] if value else None
