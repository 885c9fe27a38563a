"""Any install of the package works, and the site builds and serves as Read the Docs builds
and serves it: from the wheel installed (not editable) into a fresh virtual environment, with
Read the Docs' command and variables, in both languages (tests/hosting.py; `make rtd` does the
same and prints what a reader gets).

The wheel and the sdist are checked against the source tree itself: every file under
src/biotroy_kb/ must be in both, so that a file added later is checked without being listed.

Emulated, from what Read the Docs documents and its builder's source do:
- the install: a fresh virtual environment; what `.readthedocs.yaml` installs
  (`requirements/docs.txt`: its constraints, and the project itself, here the wheel built from
  the sdist of the working tree);
- the command, from the folder of `docs/conf.py`: `python -m sphinx -T -W --keep-going -b html
  -d <doctrees> -D language=<en or zh_CN> . $READTHEDOCS_OUTPUT/html`, then `-b epub` with the
  same doctrees for the `formats` of `.readthedocs.yaml`, the book kept as `<project>.epub`;
- the variables: READTHEDOCS=True, READTHEDOCS_PROJECT, READTHEDOCS_LANGUAGE (`en`, `zh-cn`),
  READTHEDOCS_VERSION, _VERSION_NAME and _VERSION_TYPE (`latest`, a branch),
  READTHEDOCS_VIRTUALENV_PATH, READTHEDOCS_OUTPUT, READTHEDOCS_CANONICAL_URL
  (`https://<project>.readthedocs.io/<language>/latest/`, the Chinese project being a
  translation served on the English project's domain), READTHEDOCS_REPOSITORY_PATH,
  READTHEDOCS_GIT_CLONE_URL, _GIT_IDENTIFIER and _GIT_COMMIT_HASH, READTHEDOCS_PRODUCTION_DOMAIN;
  KB_EDITION only on a project that builds the public edition. Nothing else of the calling
  environment that could reach the source tree (PYTHONPATH) is passed on;
- the `post_install` step, `npm ci` (Pagefind, for the search index): the build finds the
  working tree's node_modules/ as Read the Docs' would find its clone's, and the emulation checks
  that it holds what package-lock.json pins (`make` installs it with the same command);
- the serving: each project under `/<language>/<version>/` of one host, a missing page
  answered with that version's 404 page (here on 127.0.0.1, read in Chromium).

Not emulated:
- the build machine (Ubuntu 24.04 with its Python 3.11): the local Python builds;
- the checkout (a shallow clone that `.readthedocs.yaml` unshallows for the pages' dates): the
  working tree is built as it is; the doctrees and $READTHEDOCS_OUTPUT are in a temporary
  folder, not in docs/_build/doctrees and _readthedocs/ of the clone;
- pip as Read the Docs runs it (the latest pip, setuptools and Sphinx first, then the
  requirements, whose constraints put the pinned Sphinx back; from the network): here pip
  installs the same pinned versions from a local wheelhouse, offline, without compiling bytecode;
- Read the Docs Addons, which it injects into every page when serving (its flyout, its own
  search on the `/` key, notifications): nothing injects them here, so the tests cannot see them
  compete with the site's search (docs/about/how-it-works.md says what to switch off);
- the real domain, HTTPS and the dashboard's link from a project to its translation: the
  switcher's target is checked as a URL naming a page of the other build, not followed;
- the public projects: the tests build the two internal ones (the pair linked as translations);
  the public pair differs only by KB_EDITION=public, which the extension reads (tests/test_config.py) and
  whose edition `make public` and tests/test_editions.py check. `make rtd RTD_EDITION=public`
  builds it.
"""

from __future__ import annotations

import re
import runpy
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from hosting import (
    BRANCH,
    CLONE_URL,
    LANGUAGES,
    LOCAL_HOSTS,
    PACKAGE_DIR,
    REPO_ROOT,
    VERSION,
    Distributions,
    HostedBuild,
    Project,
    asset_urls,
    build,
    build_distributions,
    canonical_link,
    edit_link,
    feed_links,
    install,
    links_to_local_addresses,
    og_url,
    sitemap_urls,
    switcher_target,
)
from serving import PageLog, ServedSite, SiteHandler, chromium, reading, serving

PROJECTS = [Project(language) for language in LANGUAGES]
#: Pages Sphinx makes without a source: no Open Graph tags, not in the sitemap (conf.py).
GENERATED_PAGES = {"search.html", "genindex.html", "404.html"}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("read-the-docs")


@pytest.fixture(scope="module")
def distributions(work: Path) -> Distributions:
    """The sdist of the working tree and the wheel built from it."""
    return build_distributions(work / "dist")


@pytest.fixture(scope="module")
def python(distributions: Distributions, work: Path) -> Path:
    """The Python of a fresh virtual environment holding the package from its wheel."""
    return install(distributions.wheel, work / "venv")


@pytest.fixture(scope="module")
def hosted(python: Path, work: Path) -> dict[str, HostedBuild]:
    """Each project built once, as Read the Docs builds it: language -> build."""
    return {p.language: build(p, python, work / p.slug) for p in PROJECTS}


@pytest.fixture(params=list(LANGUAGES))
def site(request: pytest.FixtureRequest, hosted: dict[str, HostedBuild]) -> HostedBuild:
    return hosted[request.param]


def other(hosted: dict[str, HostedBuild], site: HostedBuild) -> HostedBuild:
    return hosted[site.project.other_language]


def package_files() -> list[str]:
    """Every file of the package in the source tree, named as in the wheel: its modules and
    all it reads at run time (templates, static files, catalogs, whatever comes later). Not
    Python's caches, nor catalogs compiled at build time (core/messages.py compiles them)."""
    return sorted(
        path.relative_to(PACKAGE_DIR.parent).as_posix()
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".mo"}
    )


def test_the_wheel_carries_every_file_of_the_package(distributions: Distributions) -> None:
    with zipfile.ZipFile(distributions.wheel) as wheel:
        shipped = set(wheel.namelist())
    missing = [name for name in package_files() if name not in shipped]
    assert package_files()
    assert missing == [], f"{distributions.wheel.name} lacks {', '.join(missing)}"


def test_the_sdist_carries_every_file_of_the_package(distributions: Distributions) -> None:
    with tarfile.open(distributions.sdist) as sdist:
        shipped = {name.split("/src/", 1)[-1] for name in sdist.getnames()}
    missing = [name for name in package_files() if name not in shipped]
    assert missing == [], f"{distributions.sdist.name} lacks {', '.join(missing)}"


def test_the_site_is_built_by_the_installed_wheel_not_the_source_tree(python: Path) -> None:
    shown = subprocess.run(
        [
            python,
            "-c",
            "import biotroy_kb, importlib.metadata as m; print(biotroy_kb.__file__); "
            "print(m.distribution('biotroy-kb').read_text('direct_url.json'))",
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT / "docs",
        check=True,
    ).stdout.splitlines()
    assert Path(shown[0]).is_relative_to(python.parent.parent / "lib")
    assert '"archive_info"' in shown[1] and "editable" not in shown[1]


def test_every_page_has_its_canonical_address_as_canonical_link(site: HostedBuild) -> None:
    canonical = site.project.canonical_url
    links = {page: canonical_link(site, page) for page in site.pages()}
    assert {page: link for page, link in links.items() if link != canonical + page} == {}


def test_every_page_from_a_source_has_its_canonical_address_as_og_url(site: HostedBuild) -> None:
    canonical = site.project.canonical_url
    urls = {page: og_url(site, page) for page in set(site.pages()) - GENERATED_PAGES}
    assert {page: url for page, url in urls.items() if url != canonical + page} == {}


def test_the_edit_link_opens_the_pages_file_in_the_repository(site: HostedBuild) -> None:
    editable = f"{CLONE_URL.removesuffix('.git')}/edit/{BRANCH}/"
    links = {page: edit_link(site, page) for page in site.pages()}
    assert links["pipeline/bt02.html"] == f"{editable}docs/pipeline/bt02.md"
    wrong = {
        page: link
        for page, link in links.items()
        if link and not (REPO_ROOT / link.removeprefix(editable)).is_file()
    }
    assert wrong == {}


def test_the_404_page_loads_its_assets_from_the_version_path(site: HostedBuild) -> None:
    """Served for any missing path, however deep, its links cannot be relative."""
    prefix = urlsplit(site.project.canonical_url).path
    assets = asset_urls(site, "404.html")
    assert assets
    assert [url for url in assets if not url.startswith(prefix)] == []
    missing = [
        url for url in assets if not (site.html / urlsplit(url).path[len(prefix) :]).is_file()
    ]
    assert missing == []


def test_the_sitemap_lists_every_page_under_the_canonical_address(site: HostedBuild) -> None:
    canonical = site.project.canonical_url
    urls = sitemap_urls(site)
    assert [url for url in urls if not url.startswith(canonical)] == []
    assert sorted(url[len(canonical) :] for url in urls) == sorted(
        set(site.pages()) - GENERATED_PAGES
    )


def test_the_news_feed_links_under_the_canonical_address(site: HostedBuild) -> None:
    links = feed_links(site)
    assert links
    assert [link for link in links if not link.startswith(site.project.canonical_url)] == []


def test_no_page_or_feed_links_to_a_local_address(site: HostedBuild) -> None:
    assert links_to_local_addresses(site) == []


def test_the_language_switcher_opens_the_same_page_in_the_other_project(
    site: HostedBuild, hosted: dict[str, HostedBuild]
) -> None:
    """English pages point to https://<project>.readthedocs.io/zh-cn/latest/<page>, Chinese
    pages to /en/latest/<page>, and the other build has that page."""
    target_build = other(hosted, site)
    base = target_build.project.canonical_url
    wrong = {
        page: switcher_target(site, page)
        for page in site.pages()
        if switcher_target(site, page) != base + page or not (target_build.html / page).is_file()
    }
    assert wrong == {}


def test_the_epub_is_built_and_published_as_the_project_names_it(site: HostedBuild) -> None:
    with zipfile.ZipFile(site.epub) as book:
        assert book.read("mimetype") == b"application/epub+zip"
        opf = book.read("content.opf").decode()
    language = "zh-CN" if site.project.language == "zh-cn" else "en"
    assert f"<dc:language>{language}</dc:language>" in opf
    assert not any(host in opf for host in LOCAL_HOSTS)


# Read the Docs' settings as conf.py reads them.


def conf_under(monkeypatch: pytest.MonkeyPatch, **variables: str) -> dict[str, object]:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO_ROOT / "docs" / "conf.py"))


def test_read_the_docs_language_code_is_sphinxs_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert conf_under(monkeypatch, READTHEDOCS_LANGUAGE="zh-cn")["language"] == "zh_CN"


def test_a_repository_furo_cannot_link_into_gets_no_edit_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any other host would be furo's warning, and under -W a failed build."""
    conf = conf_under(monkeypatch, READTHEDOCS_GIT_CLONE_URL="https://git.example.org/kb.git")
    assert "source_repository" not in conf["html_theme_options"]


# Served as Read the Docs serves it, read in Chromium.


class HostedSiteHandler(SiteHandler):
    """Each project under /<language>/<version>/; a missing path gets that version's 404 page."""

    def not_found_page(self) -> Path:
        project_path = urlsplit(self.path).path.strip("/").split("/")[:2]
        return Path(self.directory, *project_path, "404.html")


@pytest.fixture(scope="module")
def host(hosted: dict[str, HostedBuild], work: Path) -> Iterator[str]:
    served = work / "served"
    for built in hosted.values():
        (served / built.project.language).mkdir(parents=True)
        (served / built.project.language / VERSION).symlink_to(built.html)
    (served / "favicon.ico").write_bytes(b"")  # Chromium asks the server's root for it
    with serving(served, HostedSiteHandler) as address:
        yield address


@pytest.fixture(scope="module")
def hosted_browser(host: str) -> Iterator[Browser]:
    """Opened after the builds, as the browser fixtures are (tests/browser/conftest.py)."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def reader(hosted_browser: Browser, host: str, tmp_path: Path) -> Iterator[tuple[Page, PageLog]]:
    with reading(hosted_browser, ServedSite(host, tmp_path)) as opened:
        yield opened


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_search_finds_and_opens_a_page_under_the_versions_path(
    reader: tuple[Page, PageLog], host: str, language: str
) -> None:
    page, log = reader
    base = f"/{language}/{VERSION}/"
    page.goto(f"{host}{base}index.html")
    page.locator("input.sidebar-search").press_sequentially("CXSL2300740", delay=20)
    first = page.locator("#kb-search-listbox [role=option]").first
    expect(first.locator(".kb-search-title")).to_have_text(re.compile(r"^BT02\b"))
    first.click()
    page.wait_for_url(f"**{base}pipeline/bt02.html*")
    assert "CXSL2300740" in page.locator("article").inner_text()
    assert log.console_errors == [] and log.foreign_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_missing_page_deep_in_a_version_shows_its_styled_404_page(
    reader: tuple[Page, PageLog], host: str, language: str
) -> None:
    page, log = reader
    response = page.goto(f"{host}/{language}/{VERSION}/pipeline/no/such/page.html")
    assert response is not None and response.status == 404
    stylesheets = page.evaluate("() => [...document.styleSheets].filter(s => s.href).length")
    assert stylesheets > 0
    assert log.failed_loads == []  # its styles, scripts and logo load from /<language>/<version>/
    assert log.foreign_requests == []
