"""The EPUB editions of the real site (`make epub`), English and Chinese, as an e-reader gets
them: Debian's `epubcheck` finds no error in either book."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import SiteBuild, build_real_site

EDITIONS = {"en": {}, "zh_CN": {"language": "zh_CN"}}
_SUMMARY = re.compile(r"Messages: (\d+) fatals / (\d+) errors")


@pytest.fixture(scope="module", params=list(EDITIONS))
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return build_real_site("epub", tmp_path_factory.mktemp("epub"), EDITIONS[request.param])


def epubcheck_command() -> list[str]:
    path = shutil.which("epubcheck")
    if path is None or shutil.which("java") is None:
        pytest.fail("The EPUB test needs Debian's epubcheck: run `apt-get install epubcheck`.")
    jar = Path(path).resolve()
    if jar.suffix != ".jar":
        return [path]
    # Debian's /usr/bin/epubcheck is the jar itself, which runs only where binfmt_misc knows
    # jars. Java's quick compiler alone halves the time of one check.
    return ["java", "-XX:TieredStopAtLevel=1", "-jar", str(jar)]


def test_the_epub_passes_epubcheck_with_no_error(book: SiteBuild) -> None:
    assert book.warnings == ""
    [epub] = book.outdir.glob("*.epub")
    result = subprocess.run(
        [*epubcheck_command(), str(epub)], capture_output=True, text=True, timeout=300
    )
    printed = result.stdout + result.stderr
    summary = _SUMMARY.search(printed)
    assert summary is not None, printed
    assert (summary[1], summary[2], result.returncode) == ("0", "0", 0), printed


def test_the_book_says_its_language_and_title_in_that_language(book: SiteBuild) -> None:
    """A language tag (zh-CN), not gettext's zh_CN, and the edition's own title."""
    opf = (book.outdir / "content.opf").read_text(encoding="utf-8")
    config = book.app.config
    tag = "zh-CN" if config.language == "zh_CN" else "en"
    title = config.kb_titles.get(config.language, config.project)
    assert f"<dc:language>{tag}</dc:language>" in opf
    assert f"<dc:title>{title}</dc:title>" in opf


def test_card_icons_stay_in_the_book_as_svg_that_the_package_declares(book: SiteBuild) -> None:
    """The icons of sphinx-design's cards (on the platforms page, for one) are kept, in the SVG
    namespace, and each page holding one is declared `svg` in the package file."""
    opf = (book.outdir / "content.opf").read_text(encoding="utf-8")
    declared = set(re.findall(r'href="([^"]+)" [^>]*properties="svg"', opf))
    with_icons = set()
    for page in book.outdir.rglob("*.xhtml"):
        starts = re.findall(r"<svg\b[^>]*>", page.read_text(encoding="utf-8"))
        if starts:
            with_icons.add(page.relative_to(book.outdir).as_posix())
            assert all('xmlns="http://www.w3.org/2000/svg"' in tag for tag in starts), page
    assert "platforms/index.xhtml" in with_icons
    assert declared == with_icons


def test_the_book_has_no_link_to_the_other_language_site(book: SiteBuild) -> None:
    for page in book.outdir.rglob("*.xhtml"):
        assert "hreflang" not in page.read_text(encoding="utf-8"), page.name
