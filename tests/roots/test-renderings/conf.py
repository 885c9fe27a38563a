extensions = ["myst_parser", "biotroy_kb"]
exclude_patterns = ["_build", "_data"]
nitpicky = True
html_theme = "basic"
project = "Renderings test"
language = "zh_CN"
locale_dirs = ["locale"]
gettext_compact = False
