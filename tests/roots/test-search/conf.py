extensions = ["myst_parser", "biotroy_kb"]
exclude_patterns = ["_build"]
nitpicky = True
html_theme = "basic"
project = "Search test"
copyright = "2026, Test"
version = "1"
