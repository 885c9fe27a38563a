# A furo site with no knowledge registry: it gets the navigation speed-up all the same.
extensions = ["myst_parser", "biotroy_kb"]
exclude_patterns = ["_build"]
html_theme = "furo"
project = "Navigation test"
