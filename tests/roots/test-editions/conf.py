extensions = ["myst_parser", "sphinx_sitemap", "biotroy_kb"]
exclude_patterns = ["_build", "_data"]
nitpicky = True
html_theme = "basic"
html_baseurl = "https://kb.test/"
sitemap_url_scheme = "{link}"
project = "Editions test"
