HOST = config["dten.data.redis.host"]
PORT = int(config["dten.data.redis.port"])
POOL = config.get("dten.data.redis.pool.max_size", 8)
