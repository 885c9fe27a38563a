# A small site with a reading path, a maintainers' handbook and a glossary, in the real site's
# theme. (No sphinx-sitemap: the browser tests rebuild it while Chromium is open, and the
# sitemap's helper process would inherit the pipe to Playwright's driver.)
extensions = [
    "myst_parser",
    "sphinx_design",
    "notfound.extension",
    "biotroy_kb",
]
exclude_patterns = ["_build"]
nitpicky = True
project = "Reading test"
html_theme = "furo"
html_baseurl = "http://127.0.0.1:8000/"
notfound_urls_prefix = "/"
kb_search = False
