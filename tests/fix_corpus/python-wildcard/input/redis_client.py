HOST = config["dten.redis.host"]
PORT = int(config["dten.redis.port"])
POOL = config.get("dten.redis.pool.max_size", 8)
