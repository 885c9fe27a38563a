extensions = ["myst_parser", "biotroy_kb"]
exclude_patterns = ["_build", "_data"]
nitpicky = True
html_theme = "basic"
html_baseurl = "https://kb.test/"
project = "Registry test"
myst_enable_extensions = ["attrs_block", "attrs_inline"]
