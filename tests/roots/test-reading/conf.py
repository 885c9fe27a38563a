# A small site with a reading path, a maintainers' handbook and a glossary, built with the
# real site's theme and extensions (its rebuilds must be as quiet as the real site's).
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_sitemap",
    "notfound.extension",
    "biotroy_kb",
]
exclude_patterns = ["_build"]
nitpicky = True
project = "Reading test"
html_theme = "furo"
html_baseurl = "http://127.0.0.1:8000/"
notfound_urls_prefix = "/"
sitemap_url_scheme = "{link}"
kb_search = False
