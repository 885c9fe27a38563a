# BioTroy Knowledge Base. `make html` and `make test` work on a fresh clone: the first call
# creates .venv and installs the pinned versions from requirements/constraints.txt, and Pagefind
# (the search index) from package-lock.json with npm ci.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
SPHINXOPTS  ?= -W --keep-going -n
# HTML builds read and write on every core: faster, and the output is identical file for file
# (make bench, -j auto; docs/maintainers/performance.md). SPHINXJOBS= builds on one core.
SPHINXJOBS  ?= -j auto
SOURCEDIR   := docs
BUILDDIR    := docs/_build
SPHINXBUILD := $(BIN)/sphinx-build
# The HTML editions: sphinx-build, not started when nothing it reads or wrote has changed since
# its last success (src/biotroy_kb/build.py).
HTMLBUILD   := $(BIN)/python -m biotroy_kb.build
DOCTREES    := $(BUILDDIR)/doctrees
BENCH_SIZES ?= 300 1000
BENCH_ROUNDS ?= 3
# MkDocs Material and Zensical, for the comparison: their own environment, never the site's.
PEERS_VENV  := benchmarks/.venv-peers
PEERS_STAMP := $(PEERS_VENV)/.installed
BENCH_SEARCH_SIZES ?= 1000 10000

.DEFAULT_GOAL := help
.PHONY: help venv html html-zh translations epub epub-zh live serve test lint clean lock schema check linkcheck chromium fonts epubcheck gettext public public-html public-check rtd screenshots bench bench-search

help:
	@echo "make html   build the site into $(BUILDDIR)/html (creates .venv on first use)"
	@echo "make html-zh build the Chinese edition into $(BUILDDIR)/html-zh"
	@echo "make translations  update the Chinese catalogs after an English edit; say what changed"
	@echo "make test   run the whole test suite"
	@echo "make check  check links, facts, front matter and glossary use over the built site"
	@echo "make serve  serve the built site on http://127.0.0.1:8000/ (search needs a server)"
	@echo "make live   preview with live reload on http://127.0.0.1:8000"
	@echo "make linkcheck  check external links online (needs a network)"
	@echo "make epub   build the EPUB editions into $(BUILDDIR)/epub and $(BUILDDIR)/epub-zh"
	@echo "make epub-zh build the Chinese EPUB edition into $(BUILDDIR)/epub-zh"
	@echo "make public build the public edition into $(BUILDDIR)/public and check it for leaks"
	@echo "make rtd    build as Read the Docs does, from a plain install, and show what a hosted reader gets"
	@echo "make screenshots  the first pages a new hire meets, both languages, phone and desktop, light and dark"
	@echo "make lint   ruff over the Python code"
	@echo "make clean  remove build outputs (never sources, never .venv)"
	@echo "make lock   re-pin $(CONSTRAINTS) from a fresh resolve"
	@echo "make schema rewrite docs/_data/schemas/ from the registry's models"
	@echo "make bench  time builds of synthetic sites of $(BENCH_SIZES) pages, against MkDocs Material and Zensical (about 30 minutes)"
	@echo "make bench-search  measure search at $(BENCH_SEARCH_SIZES) pages in Chromium (about 20 minutes)"

# The stamp is older than pyproject.toml or the constraints when either changed: reinstall then,
# and make the wheels that the Read the Docs emulation installs offline (tests/hosting.py).
# pip compiles what it installs but not an editable project's own modules, which a machine that
# sets PYTHONDONTWRITEBYTECODE then compiles on every build (0.15 s of a one-page edit).
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@echo "Installing Sphinx and the site's tools into $(VENV), pinned versions (first run only: one to three minutes)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CONSTRAINTS) $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,live]'
	$(BIN)/python -m compileall -q src
	$(BIN)/python tests/hosting.py --wheelhouse
	touch $(STAMP)

# Pagefind, which builds the search index, comes from npm: PyPI's stops at 1.5.2, whose search
# slows with the square of the pages a word is on (src/biotroy_kb/html/pagefind_install.py).
# package.json pins it and package-lock.json holds its checksums; npm ci installs exactly that.
NPM_STAMP := node_modules/.installed
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "The search index needs Pagefind from npm: install Node.js and npm (Debian: apt-get install nodejs npm) and try again."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

venv: $(STAMP) $(NPM_STAMP)

# After a failed build the saved environment is dropped: Sphinx would otherwise skip the
# unchanged pages next time and report success without showing their warnings again.
READ_IT := echo "Read it: make serve, then open http://127.0.0.1:8000/ (or make live, which rebuilds as you edit)."
html: $(STAMP) $(NPM_STAMP)
	$(HTMLBUILD) -b html -d $(DOCTREES) $(SPHINXJOBS) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/html \
	  || { rm -f $(DOCTREES)/environment.pickle; exit 1; }
	@$(READ_IT)

# The Chinese edition: the same sources, translated by docs/locale/zh_CN/LC_MESSAGES/*.po.
ZH_OPTS := -D language=zh_CN
html-zh: $(STAMP) $(NPM_STAMP)
	$(HTMLBUILD) -b html -d $(BUILDDIR)/doctrees-zh $(ZH_OPTS) $(SPHINXJOBS) $(SPHINXOPTS) $(SOURCEDIR) \
	  $(BUILDDIR)/html-zh || { rm -f $(BUILDDIR)/doctrees-zh/environment.pickle; exit 1; }
	@echo "Read it: make serve, then open http://127.0.0.1:8000/html-zh/ (make html again gives the English pages their 中文 link)."

# After an English edit: extract the messages, merge them into the catalogs (a changed
# message becomes fuzzy, a removed one obsolete), and list what changed.
translations: $(STAMP)
	$(SPHINXBUILD) -q -b gettext $(SOURCEDIR) $(BUILDDIR)/gettext
	$(BIN)/python -m biotroy_kb.editions.catalogs update $(BUILDDIR)/gettext $(SOURCEDIR)/locale zh_CN

# The EPUB editions, English and Chinese (each passes Debian's epubcheck: tests/test_epub.py).
epub: $(STAMP)
	$(SPHINXBUILD) -b epub -d $(DOCTREES) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/epub \
	  || { rm -f $(DOCTREES)/environment.pickle; exit 1; }
	$(MAKE) --no-print-directory epub-zh

epub-zh: $(STAMP)
	$(SPHINXBUILD) -b epub -d $(BUILDDIR)/doctrees-zh $(ZH_OPTS) $(SPHINXOPTS) $(SOURCEDIR) \
	  $(BUILDDIR)/epub-zh || { rm -f $(BUILDDIR)/doctrees-zh/environment.pickle; exit 1; }

# The built editions on 127.0.0.1: English at the root, Chinese at /html-zh/ (src/biotroy_kb/serve.py).
serve: $(STAMP)
	$(BIN)/python -m biotroy_kb.serve $(BUILDDIR)

live: $(STAMP) $(NPM_STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/live

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs/conf.py
	$(BIN)/ruff format --check src tests benchmarks docs/conf.py

# The browser tests drive Debian's Chromium (never a browser Playwright downloads): its headless
# shell for the tests, the browser itself for screenshots and the search benchmark. Install them
# when one is missing and we may (CI runs as root), or say how.
CHROMIUM_INSTALL := apt-get install -y -qq chromium chromium-headless-shell
chromium:
	@command -v chromium >/dev/null 2>&1 && command -v chromium-headless-shell >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests ($(CHROMIUM_INSTALL))"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(CHROMIUM_INSTALL) >/dev/null; } \
	  || { echo "The browser tests need Chromium: run 'sudo $(CHROMIUM_INSTALL)' and try again."; exit 1; }; }

# The Chinese pages in Chromium (their layout and contrast, make screenshots) need CJK fonts
# (Debian's fonts-noto-cjk).
FONTS_INSTALL := apt-get install -y -qq fonts-noto-cjk
fonts:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  echo "Installing Debian's CJK fonts for the browser tests ($(FONTS_INSTALL))"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(FONTS_INSTALL) >/dev/null; } \
	  || { echo "The Chinese pages in Chromium need CJK fonts: run 'sudo $(FONTS_INSTALL)' and try again."; exit 1; }; }

# The EPUB test checks both books with Debian's epubcheck (which brings Java).
EPUBCHECK_INSTALL := apt-get install -y -qq epubcheck
epubcheck:
	@command -v epubcheck >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's epubcheck for the EPUB test ($(EPUBCHECK_INSTALL))"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(EPUBCHECK_INSTALL) >/dev/null; } \
	  || { echo "The EPUB test needs epubcheck: run 'sudo $(EPUBCHECK_INSTALL)' and try again."; exit 1; }; }

# The check reads every catalog strictly with GNU gettext's msgfmt (Debian's gettext).
GETTEXT_INSTALL := apt-get install -y -qq gettext
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  echo "Installing Debian's gettext for the strict catalog check ($(GETTEXT_INSTALL))"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(GETTEXT_INSTALL) >/dev/null; } \
	  || { echo "The catalog check needs msgfmt: run 'sudo $(GETTEXT_INSTALL)' and try again."; exit 1; }; }

# Two workers (one per core here), each test file on one worker so that a module's browser and
# built site are shared. Files start in the order pytest collects them, tests/browser/ first:
# the longest modules start first and the short ones fill in at the end, so both cores stay busy
# to the end (xdist's default, most tests first, left one worker idle for a minute while the
# other toured every page last). TESTWORKERS=0 runs serially.
TESTWORKERS ?= auto
test: $(STAMP) $(NPM_STAMP) lint chromium fonts epubcheck gettext
	$(BIN)/python -m pytest -n $(TESTWORKERS) --dist loadfile --no-loadscope-reorder

# The check reads the HTML that `make html` and `make html-zh` built and shares their doctrees;
# the Chinese run also checks the catalogs. Its last line is the summary, "N passed, M failed".
check: html html-zh gettext
	$(SPHINXBUILD) -b kbcheck -d $(DOCTREES) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/check; \
	status=$$?; tail -n 1 $(BUILDDIR)/check/output.txt; \
	$(SPHINXBUILD) -b kbcheck -d $(BUILDDIR)/doctrees-zh $(ZH_OPTS) -D kb_check_html_dir=_build/html-zh \
	  $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/check-zh; \
	status_zh=$$?; tail -n 1 $(BUILDDIR)/check-zh/output.txt; \
	test $$status -eq 0 -a $$status_zh -eq 0

linkcheck: $(STAMP)
	$(SPHINXBUILD) -b linkcheck -d $(DOCTREES) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

# The public editions, English and Chinese: internal pages and facts left out of the sources,
# then checked like the internal site plus a scan of every output file for anything internal.
# The English edition is built again once the Chinese one sits beside it: its pages link to
# a language only when that language's build is there (the first build of all has none to link
# to); when nothing else changed, that second build does not start Sphinx.
PUBLIC_OPTS := -D kb_edition=public
public: $(STAMP) $(NPM_STAMP) gettext
	$(MAKE) --no-print-directory public-html EDITION_DIR=public LANG_OPTS=
	$(MAKE) --no-print-directory public-html EDITION_DIR=public-zh LANG_OPTS="$(ZH_OPTS)"
	$(MAKE) --no-print-directory public-html public-check EDITION_DIR=public LANG_OPTS=
	$(MAKE) --no-print-directory public-check EDITION_DIR=public-zh LANG_OPTS="$(ZH_OPTS)"

public-html:
	$(HTMLBUILD) -b html -d $(BUILDDIR)/$(EDITION_DIR)-doctrees $(PUBLIC_OPTS) $(LANG_OPTS) \
	  $(SPHINXJOBS) $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/$(EDITION_DIR) \
	  || { rm -f $(BUILDDIR)/$(EDITION_DIR)-doctrees/environment.pickle; exit 1; }

public-check:
	$(SPHINXBUILD) -b kbcheck -d $(BUILDDIR)/$(EDITION_DIR)-doctrees $(PUBLIC_OPTS) $(LANG_OPTS) \
	  -D kb_check_html_dir=_build/$(EDITION_DIR) $(SPHINXOPTS) $(SOURCEDIR) \
	  $(BUILDDIR)/$(EDITION_DIR)-check; \
	status=$$?; tail -n 1 $(BUILDDIR)/$(EDITION_DIR)-check/output.txt; exit $$status

# Read the Docs' build, emulated (tests/hosting.py, the same as tests/test_read_the_docs.py):
# the wheel installed, not editable, into a fresh environment, then its `python -m sphinx` with
# its variables, each language as one project; prints the addresses a hosted reader gets.
# One language: make rtd RTD_LANGUAGES=zh-cn; the public projects: make rtd RTD_EDITION=public.
RTD_LANGUAGES ?=
RTD_EDITION   ?= internal
rtd: $(STAMP) $(NPM_STAMP)
	$(BIN)/python tests/hosting.py $(RTD_LANGUAGES) --edition $(RTD_EDITION) --out $(BUILDDIR)/rtd

schema: $(STAMP)
	$(BIN)/python -m biotroy_kb.registry.schema docs/_data/schemas

# Screenshots to look at (tests/browser/screenshots.py) in $(BUILDDIR)/screenshots/. The English
# edition is built again once the Chinese one is beside it, for its 中文 link.
screenshots: html html-zh chromium fonts
	@$(MAKE) --no-print-directory html >/dev/null
	$(BIN)/python tests/browser/screenshots.py $(BUILDDIR)

# Build times of generated sites, one size after another, and the same content built with
# MkDocs Material and Zensical in interleaved rounds (benchmarks/README.md); the figures go to
# benchmarks/results.json. Other sizes: make bench BENCH_SIZES="1000 10000" (10,000 pages takes
# hours on two cores with the peers; run it when a figure at that size is wanted).
bench: $(STAMP) $(NPM_STAMP) $(PEERS_STAMP)
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES) --rounds $(BENCH_ROUNDS) \
	  --peers-python $(PEERS_VENV)/bin/python
	@echo "Search is measured apart, in Chromium: make bench-search (benchmarks/README.md)"

$(PEERS_STAMP): benchmarks/peers-requirements.txt
	test -x $(PEERS_VENV)/bin/python || $(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  -r benchmarks/peers-requirements.txt
	touch $(PEERS_STAMP)

# Search on generated sites: bytes a reader downloads, indexing time, keystroke-to-results time
# in Chromium; figures to benchmarks/search-results.json. Apart from `bench`: it needs Chromium
# and builds each size twice (with Pagefind, and with Sphinx's own index to compare).
bench-search: $(STAMP) $(NPM_STAMP) chromium
	$(BIN)/python benchmarks/search.py --sizes $(BENCH_SEARCH_SIZES)

clean:
	rm -rf $(BUILDDIR)

lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[test,live]'
	{ echo "# Pinned versions for every install of biotroy-kb: local (make), CI and Read the Docs."; \
	  echo "# Regenerate with: make lock"; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > $(CONSTRAINTS)
	rm -rf .lock-venv
