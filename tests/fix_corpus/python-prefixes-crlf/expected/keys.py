KEYS = (
    r'dten.sync.retry_backoff',
    b"dten.sync.retry_backoff",
    f"dten.sync.retry_backoff",
    """dten.sync.retry_backoff""",
    u"dten.sync.retry_backoff",  # é
)
print(KEYS)