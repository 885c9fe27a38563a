extensions = ["myst_parser", "biotroy_kb"]
exclude_patterns = ["_build"]
nitpicky = True
