"""A site that grows splits its folders: news by year (`news/2024/`), asset pages into groups
(`pipeline/antibodies/`). Index pages of those sub-folders only list pages: they are neither news
items nor asset pages, while the pages beside them still are.

Each test copies the `registry` test root, moves TX02's news item into `news/2024/` and TX02's
page into `pipeline/antibodies/`, each sub-folder with its own index page, and builds it as
`make html` and `make check` do.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from sitebuild import ROOTS_DIR, VariantBuild, build_copy

YEAR_INDEX = """---
summary: The news of 2024, newest first.
---

# News of 2024

```{toctree}
:maxdepth: 1

tx02-financing
```
"""

GROUP_INDEX = """---
summary: The antibody programmes.
---

# Antibodies

```{toctree}
:maxdepth: 1

tx02
```
"""

ATOM = "{http://www.w3.org/2005/Atom}"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def split_site(srcdir: Path) -> None:
    """The `registry` root copied to `srcdir`, with news and asset pages in sub-folders."""
    shutil.copytree(ROOTS_DIR / "test-registry", srcdir)
    (srcdir / "news" / "2024").mkdir()
    (srcdir / "news" / "tx02-financing.md").rename(srcdir / "news/2024/tx02-financing.md")
    (srcdir / "news/2024/index.md").write_text(YEAR_INDEX, encoding="utf-8")
    replace(srcdir / "news/index.md", ":glob:\n*\n", ":glob:\n*\n2024/index\n")
    (srcdir / "pipeline" / "antibodies").mkdir()
    (srcdir / "pipeline/tx02.md").rename(srcdir / "pipeline/antibodies/tx02.md")
    (srcdir / "pipeline/antibodies/index.md").write_text(GROUP_INDEX, encoding="utf-8")
    replace(srcdir / "_data/pipeline.yaml", "page: pipeline/tx02", "page: pipeline/antibodies/tx02")
    replace(srcdir / "index.md", "pipeline/tx02\n", "pipeline/antibodies/index\n")


def build_split(
    tmp_path: Path, builder: str = "html", edit: tuple[str, str, str] | None = None
) -> VariantBuild:
    """The split site, with `edit` = (file, old, new) applied, built strictly with `builder`."""
    srcdir = tmp_path / "src"
    split_site(srcdir)
    if edit is not None:
        relpath, old, new = edit
        replace(srcdir / relpath, old, new)
    return build_copy(srcdir, tmp_path / "out", builder)


def cases_of(build: VariantBuild, relpath: str) -> list[tuple[str, str, str]]:
    """(kind, status, message) of every check case about the file `relpath`."""
    where = str(build.srcdir / relpath)
    return [
        (case["kind"], case["status"], case["message"])
        for case in build.report()["cases"]
        if case["filename"] == where
    ]


def test_year_folder_index_is_not_a_news_item_and_its_item_is(tmp_path: Path) -> None:
    build = build_split(tmp_path)
    assert (build.statuscode, build.warnings) == (0, "")
    page = BeautifulSoup((build.outdir / "news/index.html").read_text(encoding="utf-8"), "lxml")
    listed = [a["href"] for a in page.select("ul.kb-news-list")[0].select(".kb-news-heading a")]
    assert "2024/tx02-financing.html" in listed
    assert not [href for href in listed if href.endswith("index.html")], listed


def test_feed_lists_the_item_in_a_year_folder_and_not_the_folder_index(tmp_path: Path) -> None:
    build = build_split(tmp_path)
    feed = ET.parse(build.outdir / "news" / "atom.xml").getroot()
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert "https://kb.test/news/2024/tx02-financing.html" in ids
    assert not [url for url in ids if url.endswith("/index.html")], ids


def test_asset_page_in_a_group_folder_lists_its_news(tmp_path: Path) -> None:
    build = build_split(tmp_path)
    page = (build.outdir / "pipeline/antibodies/tx02.html").read_text(encoding="utf-8")
    news = BeautifulSoup(page, "lxml").select(".kb-news-list .kb-news-heading a")
    assert [a["href"] for a in news] == ["../../news/2024/tx02-financing.html"]


def test_news_item_in_a_year_folder_is_still_validated(tmp_path: Path) -> None:
    edit = ("news/2024/tx02-financing.md", "tags: [company]", "tags: [compnay]")
    build = build_split(tmp_path, edit=edit)
    line = build.line_of("news/2024/tx02-financing.md", "compnay")
    where = f"{build.srcdir / 'news/2024/tx02-financing.md'}:{line}"
    assert f"{where}: WARNING: tags[0]: unknown tag 'compnay'" in build.warnings
    assert "news/2024/index.md" not in build.warnings


def test_check_passes_and_skips_sub_folder_index_pages(tmp_path: Path) -> None:
    build = build_split(tmp_path, "kbcheck")
    assert build.statuscode == 0, build.failures()
    assert ("registry", "passed", "page is the registered asset page") in cases_of(
        build, "pipeline/antibodies/tx02.md"
    )
    assert not [c for c in cases_of(build, "pipeline/antibodies/index.md") if c[0] == "registry"]
    assert ("front matter", "passed", "news front matter valid (date: month)") in cases_of(
        build, "news/2024/tx02-financing.md"
    )
    # a sub-folder's index page is an ordinary page, not a news item
    assert [c for c in cases_of(build, "news/2024/index.md") if c[0] == "front matter"] == [
        ("front matter", "passed", "front matter valid")
    ]


def test_page_in_a_group_folder_without_a_registry_entry_fails_the_check(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    split_site(srcdir)
    (srcdir / "pipeline/antibodies/tx03.md").write_text("# TX03\n\nNo entry.\n", encoding="utf-8")
    replace(srcdir / "pipeline/antibodies/index.md", "tx02\n", "tx02\ntx03\n")
    build = build_copy(srcdir, tmp_path / "out", "kbcheck")
    assert build.statuscode == 1
    expected = (
        f"{srcdir / 'pipeline/antibodies/tx03.md'}:1: "
        "[registry] page under pipeline/ has no asset entry in the registry"
    )
    assert build.failures() == [expected]
