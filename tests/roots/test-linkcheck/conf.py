extensions = ["myst_parser"]
exclude_patterns = ["_build"]
linkcheck_timeout = 5
linkcheck_retries = 1
linkcheck_anchors = True
