"""Parallel builds give the same pages as serial ones; incremental builds rewrite what changed
and the pages that show it."""

from __future__ import annotations

import gc
import importlib
import json
import multiprocessing
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild import VariantBuild, copy_root, edit, run_sphinx


def build(srcdir: Path, builddir: Path, parallel: int = 0) -> VariantBuild:
    built = run_sphinx(srcdir, builddir, parallel=parallel)
    assert built.statuscode == 0, built.warnings
    return built


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file written, but Pagefind's bundle (its filter files differ from run to run)."""
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and "_pagefind" not in path.parts
    }


def test_parallel_build_writes_the_same_html_as_a_serial_one(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    serial = build(srcdir, tmp_path / "serial")
    parallel = build(srcdir, tmp_path / "parallel", parallel=2)
    serial_pages = html_files(Path(serial.outdir))
    assert len(serial_pages) > 10
    assert html_files(Path(parallel.outdir)) == serial_pages


def test_what_the_writing_processes_gathered_reaches_the_end_of_a_parallel_build(
    tmp_path: Path,
) -> None:
    """With `-j` each process resolves the pages it writes (patches/sphinx.py): the images
    they show and the site's list of page fingerprints are handed back to the main process,
    which writes them at the end, as a serial build does."""
    srcdir = copy_root(tmp_path)
    with (srcdir / "timeline.md").open("a", encoding="utf-8") as page:  # not the first page
        page.write("\n![A dot below the timeline](dot.svg)\n")
    serial = output_files(Path(build(srcdir, tmp_path / "serial").outdir))
    parallel = output_files(Path(build(srcdir, tmp_path / "parallel", parallel=2).outdir))
    assert "_images/dot.svg" in parallel
    listed = json.loads(parallel["kb-fingerprints.json"])["pages"]
    sources = {path.relative_to(srcdir).with_suffix(".html") for path in srcdir.rglob("*.md")}
    assert set(listed) == {str(page) for page in sources}
    assert parallel == serial


def test_a_parallel_build_of_another_builder_writes_the_same_as_a_serial_one(
    tmp_path: Path,
) -> None:
    """Builders other than HTML keep Sphinx's own parallel writing, which resolves every page
    in the main process (patches/sphinx.py): the text builder here."""
    srcdir = copy_root(tmp_path)
    serial = run_sphinx(srcdir, tmp_path / "serial", builder="text")
    parallel = run_sphinx(srcdir, tmp_path / "parallel", builder="text", parallel=2)
    assert serial.statuscode == parallel.statuscode == 0, parallel.warnings
    texts = output_files(Path(serial.outdir))
    assert len([name for name in texts if name.endswith(".txt")]) > 10
    assert output_files(Path(parallel.outdir)) == texts


def sitemap_addresses(outdir: Path) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", (outdir / "sitemap.xml").read_text(encoding="utf-8"))


def test_the_sitemap_lists_pages_in_address_order_with_or_without_processes(
    tmp_path: Path,
) -> None:
    """sphinx-sitemap lists pages in the order they were written, which with `-j` is whichever
    process finished first (patches/sphinx_sitemap.py)."""
    srcdir = copy_root(tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions.append("sphinx_sitemap")\n')
    serial = Path(build(srcdir, tmp_path / "serial").outdir)
    parallel = Path(build(srcdir, tmp_path / "parallel", parallel=2).outdir)
    addresses = sitemap_addresses(parallel)
    assert len(addresses) > 10
    assert addresses == sorted(addresses)
    assert (parallel / "sitemap.xml").read_bytes() == (serial / "sitemap.xml").read_bytes()


def test_rebuild_without_changes_reads_and_writes_nothing(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    build(srcdir, tmp_path / "out")
    again = build(srcdir, tmp_path / "out")
    status = again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in status
    assert "%]" not in status  # no page was read or written


def test_editing_a_news_item_rewrites_the_pages_that_list_news(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    build(srcdir, tmp_path / "out")
    edit(srcdir / "news/tx02-financing.md", "completes financing for TX02", "closes its TX02 round")
    again = build(srcdir, tmp_path / "out")
    outdir = Path(again.outdir)
    assert "closes its TX02 round" in (outdir / "news/index.html").read_text()
    assert "closes its TX02 round" in (outdir / "pipeline/tx02.html").read_text()
    written = again.status.getvalue()
    assert "facts" not in written.split("writing output")[-1]  # a page without news is left alone


def test_registry_change_rebuilds_the_pages_that_use_it(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    build(srcdir, tmp_path / "out")
    edit(srcdir / "_data/facts.yaml", "over 80 million RMB", "over 90 million RMB")
    again = build(srcdir, tmp_path / "out")
    assert "over 90 million RMB" in (Path(again.outdir) / "index.html").read_text()


#: The processes forked by Sphinx's parallel reading and writing since the `forks` fixture
#: started listening (a fork cannot stop being watched: a flag does it): for each, the phase
#: that forked it and how many such processes its task pool runs at once.
_PARALLEL_FORKS: list[tuple[str, int]] = []
_LISTENING: list[bool] = []
_PARALLEL_TASKS = os.path.join("sphinx", "util", "parallel.py")
_PHASES = {"read_in_one_chunk_per_process": "read", "write_in_one_chunk_per_process": "write"}


def _note_parallel_fork() -> None:
    frame = sys._getframe(1)
    while frame is not None and _LISTENING:
        if frame.f_code.co_filename.endswith(_PARALLEL_TASKS) and "self" in frame.f_locals:
            pool = frame.f_locals["self"].nproc
            while frame is not None and frame.f_code.co_name not in _PHASES:
                frame = frame.f_back
            phase = _PHASES[frame.f_code.co_name] if frame is not None else "other"
            _PARALLEL_FORKS.append((phase, pool))
            return
        frame = frame.f_back


@pytest.fixture(scope="module")
def forks() -> Iterator[list[tuple[str, int]]]:
    """The forks of Sphinx's parallel tasks (sphinx.util.parallel) in this process."""
    os.register_at_fork(before=_note_parallel_fork)
    _LISTENING.append(True)
    yield _PARALLEL_FORKS
    _LISTENING.clear()


def test_a_parallel_rebuild_of_one_edited_page_forks_no_process(
    tmp_path: Path, forks: list[tuple[str, int]]
) -> None:
    """`make html` runs `-j auto`; Sphinx 9 forked a process to read one edited page and
    pickled the whole environment back (patches/sphinx.py)."""
    srcdir = copy_root(tmp_path)
    build(srcdir, tmp_path / "out", parallel=2)
    assert forks, "the cold build of every page should read and write in parallel"
    forks.clear()
    edit(srcdir / "news/tx02-financing.md", "completes financing for TX02", "closes its round")
    again = build(srcdir, tmp_path / "out", parallel=2)
    assert "closes its round" in (Path(again.outdir) / "news/index.html").read_text()
    assert forks == []


def test_a_parallel_build_writes_pages_in_as_many_processes_as_it_is_given(
    tmp_path: Path, forks: list[tuple[str, int]]
) -> None:
    """Sphinx writes in one process fewer than `-j`, its main process resolving pages for
    them; on two cores that left one idle once the resolving was done (patches/sphinx.py)."""
    forks.clear()
    build(copy_root(tmp_path), tmp_path / "out", parallel=2)
    writing = {pool for phase, pool in forks if phase == "write"}
    reading = {pool for phase, pool in forks if phase == "read"}
    assert writing == reading == {2}


#: Where each forked child notes how many objects it froze (its pid as the file name).
_HEAP_NOTES: list[Path] = []


def _note_child_heap() -> None:
    if _HEAP_NOTES:
        (_HEAP_NOTES[0] / str(os.getpid())).write_text(str(gc.get_freeze_count()))


@pytest.fixture(scope="module")
def child_heaps() -> Iterator[list[Path]]:
    """Registered after the extension's own hook (imported first), so it runs after it in each
    child."""
    importlib.import_module("biotroy_kb.core.garbage_collection")
    os.register_at_fork(after_in_child=_note_child_heap)
    yield _HEAP_NOTES
    _HEAP_NOTES.clear()


def test_a_forked_reader_or_writer_freezes_the_heap_it_inherited(
    tmp_path: Path, child_heaps: list[Path]
) -> None:
    """Its full collections then scan only what it made, not the main process's heap and
    garbage again (core/garbage_collection.py)."""
    notes = tmp_path / "heaps"
    notes.mkdir()
    child_heaps.append(notes)
    try:
        built = build(copy_root(tmp_path), tmp_path / "out", parallel=2)
    finally:
        child_heaps.clear()
    assert built.statuscode == 0, built.warnings
    frozen = [int(note.read_text()) for note in notes.iterdir()]
    assert len(frozen) >= 4, "the build should have forked readers and writers"
    assert min(frozen) > 10_000


def test_a_process_forked_outside_a_build_inherits_nothing_frozen(tmp_path: Path) -> None:
    built = build(copy_root(tmp_path), tmp_path / "out", parallel=2)
    assert built.statuscode == 0, built.warnings
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(gc.get_freeze_count) == 0
