"""Building the real site and small test roots strictly, as `make html` and `make check` do."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.testing.util import SphinxTestApp

from biotroy_kb.core.data import BuildStopped

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = REPO_ROOT / "docs"
ROOTS_DIR = Path(__file__).resolve().parent / "roots"


class StrictTestApp(SphinxTestApp):
    """Sphinx's test app, also undoing its global registrations when the build is stopped for
    bad content (`BuildStopped` is a `SystemExit`, which SphinxTestApp does not clean up after),
    so that the next build in the same process starts clean."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        try:
            super().__init__(*args, **kwargs)
        except BuildStopped:
            self.cleanup()
            raise


@dataclass
class SiteBuild:
    """The outcome of one build of the real `docs/`: the app, its output and what it warned."""

    app: Sphinx
    outdir: Path
    warnings: str


def build_real_site(
    builder: str, workdir: Path, confoverrides: dict[str, object] | None = None
) -> SiteBuild:
    """Build `docs/` as `make html` does (warnings are errors, keep going, nitpicky); with
    `{"language": "zh_CN"}`, as `make html-zh` does."""
    settings = {"nitpicky": True, **(confoverrides or {})}
    build = run_sphinx(DOCS_DIR, workdir, builder, settings, freshenv=True)
    assert build.app is not None, build.error
    return SiteBuild(app=build.app, outdir=build.outdir, warnings=build.warnings)


@dataclass
class VariantBuild:
    """A test root copied, edited and built strictly: what it warned or the error that stopped
    it, and its output folder."""

    srcdir: Path
    outdir: Path
    warnings: str
    error: str | None
    statuscode: int
    #: what Sphinx printed (which pages it read and wrote)
    status: io.StringIO = field(default_factory=io.StringIO)
    app: Sphinx | None = None

    def report(self) -> dict:
        """The check's `output.json`."""
        return json.loads((self.outdir / "output.json").read_text(encoding="utf-8"))

    def failures(self) -> list[str]:
        """The check's failure lines, as `output.txt` prints them."""
        return [
            f"{c['filename']}:{c['lineno']}: [{c['kind']}] {c['message']}"
            for c in self.report()["cases"]
            if c["status"] == "failed"
        ]

    def line_of(self, relpath: str, text: str) -> int:
        """The 1-based line of `relpath` on which `text` first appears."""
        lines = (self.srcdir / relpath).read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, 1) if text in line)


def build_variant(
    workdir: Path,
    root: str,
    edits: dict[str, tuple[str, str]],
    builder: str = "html",
    confoverrides: dict[str, object] | None = None,
) -> VariantBuild:
    """Copy `tests/roots/test-<root>`, replace `old` by `new` in each edited file, and build."""
    srcdir = copy_root(workdir, root)
    for relpath, (old, new) in edits.items():
        path = srcdir / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build_copy(srcdir, workdir / "out", builder, confoverrides)


def build_copy(
    srcdir: Path, builddir: Path, builder: str, confoverrides: dict[str, object] | None = None
) -> VariantBuild:
    """Build `srcdir` strictly with `builder` (for `kbcheck`: the HTML first, as `make check`)."""
    if builder == "kbcheck":
        run_sphinx(srcdir, builddir, "html", confoverrides)
    return run_sphinx(srcdir, builddir, builder, confoverrides)


def run_sphinx(
    srcdir: Path,
    builddir: Path,
    builder: str = "html",
    confoverrides: dict[str, object] | None = None,
    *,
    parallel: int = 0,
    freshenv: bool = False,
) -> VariantBuild:
    """The one way the tests build: strictly (warnings fail the build, after all are shown),
    capturing what Sphinx printed and warned, and the error that stopped a build."""
    warnings, status = io.StringIO(), io.StringIO()
    outdir = builddir / builder
    try:
        app = StrictTestApp(
            builder,
            srcdir=srcdir,
            builddir=builddir,
            status=status,
            warning=warnings,
            warningiserror=True,
            confoverrides=confoverrides or {},
            parallel=parallel,
            freshenv=freshenv,
        )
    except SphinxError as error:
        return VariantBuild(srcdir, outdir, warnings.getvalue(), str(error), 2, status)
    except BuildStopped as stop:  # logged its problems and ended the build, as sphinx-build does
        code = int(stop.code or 2)
        return VariantBuild(srcdir, outdir, warnings.getvalue(), str(stop), code, status)
    try:
        app.build()
    finally:
        app.cleanup()
    return VariantBuild(
        srcdir, Path(app.outdir), warnings.getvalue(), None, app.statuscode, status, app
    )


def copy_root(tmp_path: Path, root: str = "registry") -> Path:
    """A copy of the test root `test-<root>` to build and edit, in `tmp_path/src`."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS_DIR / f"test-{root}", srcdir)
    return srcdir


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` in a source file, dated later than anything a build before wrote."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = path.stat().st_mtime + 2
    os.utime(path, (later, later))


def sphinx_build(
    srcdir: Path, *options: str, outdir: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`sphinx-build` as an author runs it, in a process of its own and without colours, into
    `outdir` (`srcdir/_build` by default); KB_EDITION only when `env` gives it."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", *options]
    environment = {k: v for k, v in os.environ.items() if k != "KB_EDITION"} | (env or {})
    return subprocess.run(
        [*command, str(srcdir), str(outdir or srcdir / "_build")],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=300,
    )
