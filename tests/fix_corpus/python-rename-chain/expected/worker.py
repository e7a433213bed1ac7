def legacy(cfg):
    a = cfg["dten"]["compat"]["enable"]
    b = cfg.get("dten", {}).get('compat', {}).get("enable")
    c = (
        cfg["dten"]  # the product's section
        .get("compat")
        ["enable"]
    )
    return a or b or c
