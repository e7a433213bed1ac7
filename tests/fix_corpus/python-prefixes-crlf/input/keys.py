KEYS = (
    r'dten.sync.backoff',
    b"dten.sync.backoff",
    f"dten.sync.backoff",
    """dten.sync.backoff""",
    u"dten.sync.backoff",  # é
)
print(KEYS)