extensions = ["myst_parser", "biotroy_kb"]
exclude_patterns = ["_build"]
nitpicky = True
html_theme = "basic"
project = "Search test"
copyright = "2026, Test"
version = "1"
# The Chinese catalog of the glossary: its terms are searched for in this edition too.
kb_languages = ["en", "zh_CN"]
locale_dirs = ["locale"]
gettext_compact = False
