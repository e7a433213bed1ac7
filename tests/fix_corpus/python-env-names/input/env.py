import os

MODE = os.environ["DTEN_HYBRID_LEGACY_MODE"]
FALLBACK = os.getenv('DTEN_HYBRID_LEGACY_MODE', "off")
