import os

MODE = os.environ["DTEN_HYBRID_ENABLE"]
FALLBACK = os.getenv('DTEN_HYBRID_ENABLE', "off")
