"""`python -m biotroy_kb.build` (what `make html` runs) starts Sphinx only when something a build
reads, or something it wrote, has changed since its last successful build."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from biotroy_kb.build import build, understood

from sitebuild import copy_root, edit

TODAY = dt.date(2026, 12, 3)
SPHINX_STARTED = "Running Sphinx"
NOTHING_CHANGED = "Nothing changed since the last build of"


class Site:
    """A copy of a test root, built with the command as `make html` runs it."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], root: str) -> None:
        self.srcdir = copy_root(tmp_path, root)
        self.outdir = tmp_path / "_build" / "html"
        self.doctrees = tmp_path / "_build" / "doctrees"
        self.capsys = capsys

    def build(self, *options: str, today: dt.date = TODAY) -> tuple[int, str]:
        """The exit status and what the command printed."""
        self.capsys.readouterr()
        argv = ["-b", "html", "-W", "-n", *options, "-d", str(self.doctrees)]
        status = build([*argv, str(self.srcdir), str(self.outdir)], today)
        printed = self.capsys.readouterr()
        return status, printed.out + printed.err

    def sphinx_ran(self, *options: str, today: dt.date = TODAY) -> bool:
        status, printed = self.build(*options, today=today)
        assert status == 0, printed
        return SPHINX_STARTED in printed


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Site:
    built = Site(tmp_path, capsys, "minimal")
    assert built.sphinx_ran()
    return built


def test_a_build_with_nothing_changed_does_not_start_sphinx(site: Site) -> None:
    written = (site.outdir / "second.html").stat().st_mtime_ns
    status, printed = site.build()
    assert (status, SPHINX_STARTED in printed) == (0, False)
    assert f"{NOTHING_CHANGED} {site.outdir}: Sphinx not run." in printed
    assert (site.outdir / "second.html").stat().st_mtime_ns == written


def test_an_edited_page_is_built_again(site: Site) -> None:
    edit(site.srcdir / "second.md", "# ", "# Edited ")
    assert site.sphinx_ran()
    assert "Edited" in (site.outdir / "second.html").read_text(encoding="utf-8")
    assert not site.sphinx_ran()


def test_an_edited_registry_file_starts_sphinx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = Site(tmp_path, capsys, "registry")
    assert registry.sphinx_ran()
    edit(registry.srcdir / "_data" / "facts.yaml", "\n", "\n# reviewed\n")
    assert registry.sphinx_ran()


def test_another_setting_on_the_command_line_starts_sphinx(site: Site) -> None:
    assert site.sphinx_ran("-D", "html_title=Minimal")


def test_another_setting_in_the_environment_starts_sphinx(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_EDITION", "internal")
    assert site.sphinx_ran()


def test_the_next_day_starts_sphinx(site: Site) -> None:
    """Review deadlines are measured against today: a day later, a page may be overdue."""
    assert site.sphinx_ran(today=TODAY + dt.timedelta(days=1))


def test_a_deleted_output_is_written_again(site: Site) -> None:
    (site.outdir / "second.html").unlink()
    assert site.sphinx_ran()
    assert (site.outdir / "second.html").is_file()


def test_an_edition_built_beside_it_starts_sphinx(site: Site) -> None:
    """`make html-zh` after `make html`: the English pages get their 中文 link."""
    chinese = site.outdir.parent / "html-zh"
    chinese.mkdir()
    (chinese / "index.html").write_text("<html></html>", encoding="utf-8")
    assert site.sphinx_ran()


def test_a_failed_build_starts_sphinx_again_and_fails_again(site: Site) -> None:
    edit(site.srcdir / "second.md", "# ", "{ref}`nowhere`\n\n# ")
    failures = [site.build() for _ in range(2)]
    assert [(status != 0, SPHINX_STARTED in out) for status, out in failures] == [(True, True)] * 2


def test_a_fresh_environment_always_starts_sphinx(site: Site) -> None:
    assert site.sphinx_ran("-E")


def test_a_fresh_build_leaves_a_fingerprint_for_the_next_build(site: Site) -> None:
    """`-E` changes how Sphinx works, not what it writes (the benchmark's cold builds use it)."""
    assert site.sphinx_ran("-E")
    assert not site.sphinx_ran()


@pytest.mark.parametrize(
    "argv",
    [
        ["-b", "epub", "docs", "out"],
        ["-bhtml", "docs", "out"],
        ["-c", "elsewhere", "docs", "out"],
        ["-M", "html", "docs", "out"],
        ["docs", "out", "index.md"],
    ],
)
def test_a_command_line_it_cannot_read_in_full_goes_to_sphinx(argv: list[str]) -> None:
    assert understood(argv) is None


def test_a_new_commit_starts_sphinx(site: Site) -> None:
    """Each page shows when it last changed, read from git (sphinx-last-updated-by-git)."""
    git = ["git", "-c", "user.name=KB", "-c", "user.email=kb@example.org", "-C", str(site.srcdir)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "first"], check=True)
    assert site.sphinx_ran()
    assert not site.sphinx_ran()
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "second"], check=True)
    assert site.sphinx_ran()


def test_the_command_ends_with_sphinxs_status_and_everything_it_printed(site: Site) -> None:
    """The command leaves without Python's teardown once Sphinx is done (0.8 s of a one-page
    edit at a thousand pages): what Sphinx wrote to a pipe and its exit status still arrive."""
    edit(site.srcdir / "second.md", "# ", "{ref}`nowhere`\n\n# ")
    argv = ["-b", "html", "-W", "-d", str(site.doctrees), str(site.srcdir), str(site.outdir)]
    done = subprocess.run(
        [sys.executable, "-m", "biotroy_kb.build", *argv], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "second.md" in done.stderr and "undefined label: 'nowhere'" in done.stderr
    assert "build finished with problems" in done.stdout + done.stderr
