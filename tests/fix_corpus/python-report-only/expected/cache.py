SIZE = config.get("dten.cache.size_mb", 64)


def backoff(cfg):
    return cfg["dten"]["sync"]["backoff"]
