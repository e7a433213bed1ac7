def legacy(cfg):
    a = cfg["dten"]["hybrid"]["legacy_mode"]
    b = cfg.get("dten", {}).get('hybrid', {}).get("legacy_mode")
    c = (
        cfg["dten"]  # the product's section
        .get("hybrid")
        ["legacy_mode"]
    )
    return a or b or c
