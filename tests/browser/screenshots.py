"""Screenshots for people to look at (`make screenshots`): the pages a new hire meets first, in
both languages, at a phone's and a desktop's width, light and dark, taken in Debian's Chromium
from what `make html` and `make html-zh` built. Saved under docs/_build/screenshots/, never
committed.

They are a review aid, not a test: nothing can assert that a page looks finished, and taking
them cost every `make test` about 30 s of Chromium. What can be asserted about every page
(it loads, nothing foreign, axe, the Chinese layout) is asserted by the tests.

    python tests/browser/screenshots.py docs/_build

Both editions are served as `make serve` serves them (English at the root, Chinese under
/html-zh/), so a missing address is answered with its edition's own 404 page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from playwright.sync_api import Browser

from biotroy_kb.serve import handler_for

from serving import PHONE_AND_DESKTOP, READER_BROWSER, SCREENSHOTS, chromium, serving

#: The pages a new hire meets first, and the page for an address that does not exist.
PAGES = {
    "home": "index.html",
    "start-here": "onboarding/index.html",
    "pipeline": "pipeline/index.html",
    "bt02": "pipeline/bt02.html",
    "glossary": "glossary.html",
    "404": "no/such/page.html",
}
#: Each edition's folder under the build folder, its address under `make serve`'s root, and
#: its screenshots' prefix.
EDITIONS = {"html": ("", ""), "html-zh": ("/html-zh", "zh-")}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Shot:
    """One screenshot: the file's name (without .png), what to open, and how."""

    name: str
    address: str
    width: int
    scheme: str


def shots_of(origin: str, prefix: str) -> list[Shot]:
    """Every page of PAGES of the edition served at `origin`, at each width and scheme."""
    return [
        Shot(f"{prefix}{name}-{scheme}-{width}", f"{origin}/{path}", width, scheme)
        for width in PHONE_AND_DESKTOP
        for scheme in SCHEMES
        for name, path in PAGES.items()
    ]


def take(browser: Browser, shots: Iterable[Shot], folder: Path) -> list[Path]:
    """Each shot as a full-page PNG in `folder`; one browser context per width and scheme."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for (width, scheme), group in groupby(shots, key=lambda shot: (shot.width, shot.scheme)):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for shot in group:
            page.goto(shot.address)
            saved.append(folder / f"{shot.name}.png")
            page.screenshot(path=str(saved[-1]), full_page=True)
        context.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path, help="the build folder (docs/_build)")
    parser.add_argument("--out", type=Path, default=SCREENSHOTS, help="where to save them")
    args = parser.parse_args(argv)
    missing = [f for f in EDITIONS if not (args.build / f / "index.html").is_file()]
    if missing:
        print(f"{args.build}: {', '.join(missing)} not built (make html html-zh)", file=sys.stderr)
        return 1
    with (
        serving(args.build, handler_for(args.build)) as origin,
        chromium(READER_BROWSER) as browser,
    ):
        shots = [
            shot for path, prefix in EDITIONS.values() for shot in shots_of(origin + path, prefix)
        ]
        saved = take(browser, shots, args.out)
    print(f"{len(saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
