"""Building the site as Read the Docs builds it: from the package installed, not editable, into a
fresh virtual environment, with Read the Docs' command and environment variables.

Read the Docs creates a virtual environment, installs what `.readthedocs.yaml` names
(`requirements/docs.txt`: the project itself at the pinned versions) and runs, from the folder
of `docs/conf.py`,

    python -m sphinx -T -W --keep-going -b html -d _build/doctrees -D language=<language> . \\
        $READTHEDOCS_OUTPUT/html

then the same with `-b epub` for the EPUB format, with its variables (READTHEDOCS_CANONICAL_URL
and the others) set. This module does the same from the working tree: the sdist and the wheel
built from it (`python -m build`), the wheel installed with the constraints, the site built by
the environment's own Python. tests/browser/test_read_the_docs.py says what it emulates and what
it cannot; `python tests/hosting.py` (`make rtd`) builds projects and prints what a reader gets.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_ROOT / "src" / "biotroy_kb"
RTD_CONFIG = REPO_ROOT / ".readthedocs.yaml"
# Stand-ins for what the projects' dashboards hold: their slugs on Read the Docs' default
# domain, the repository they clone and the branch their `latest` version builds.
DOMAIN = "readthedocs.io"
PROJECT = "biotroy-kb"
VERSION = "latest"
CLONE_URL = "https://github.com/biotroy/biotroy-kb.git"
BRANCH = "main"
#: Read the Docs' language codes (in URLs and READTHEDOCS_LANGUAGE) and the `-D language=`
#: it passes Sphinx for each (its OLD_LANGUAGES_CODE_MAPPING gives zh-cn back as zh_CN).
LANGUAGES = {"en": "en", "zh-cn": "zh_CN"}
EDITIONS = ("internal", "public")
#: The formats of `.readthedocs.yaml` that are emulated: Sphinx's builder for each.
FORMAT_BUILDERS = {"epub": "epub"}
#: A page below the root, in every edition and language (the lead asset's): `make rtd` shows it.
SAMPLE_PAGE = "pipeline/bt02.html"
#: A local address a hosted page must never link to.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class HostedBuildFailed(RuntimeError):
    """A step of the emulated build failed; the message holds its command and what it printed."""


@dataclass(frozen=True)
class Project:
    """One of the four Read the Docs projects: English or its Chinese translation, of the
    internal or the public edition. A translation is served on the domain of the project it
    translates, under its own language: `/zh-cn/latest/` beside `/en/latest/`."""

    language: str = "en"
    edition: str = "internal"

    @property
    def main_slug(self) -> str:
        return PROJECT if self.edition == "internal" else f"{PROJECT}-public"

    @property
    def slug(self) -> str:
        return self.main_slug if self.language == "en" else f"{self.main_slug}-{self.language}"

    @property
    def sphinx_language(self) -> str:
        return LANGUAGES[self.language]

    def url(self, language: str | None = None) -> str:
        """READTHEDOCS_CANONICAL_URL of this project, or of its translation into `language`."""
        return f"https://{self.main_slug}.{DOMAIN}/{language or self.language}/{VERSION}/"

    @property
    def canonical_url(self) -> str:
        return self.url()

    @property
    def other_language(self) -> str:
        return next(code for code in LANGUAGES if code != self.language)


@dataclass(frozen=True)
class HostingConfig:
    """What `.readthedocs.yaml` asks of a build."""

    python: str
    requirements: Path
    conf_dir: Path
    fail_on_warning: bool
    formats: tuple[str, ...]
    #: the commands run after the Python install (npm's tools)
    post_install: tuple[str, ...] = ()


def hosting_config() -> HostingConfig:
    data = yaml.safe_load(RTD_CONFIG.read_text(encoding="utf-8"))
    [install] = data["python"]["install"]
    formats = tuple(data.get("formats", []))
    unknown = set(formats) - set(FORMAT_BUILDERS)
    if unknown:
        raise HostedBuildFailed(f"{RTD_CONFIG.name}: formats {sorted(unknown)} are not emulated")
    return HostingConfig(
        python=str(data["build"]["tools"]["python"]),
        requirements=REPO_ROOT / install["requirements"],
        conf_dir=(REPO_ROOT / data["sphinx"]["configuration"]).parent,
        fail_on_warning=bool(data["sphinx"].get("fail_on_warning", False)),
        formats=formats,
        post_install=tuple(data["build"].get("jobs", {}).get("post_install", [])),
    )


def npm_tools_as_pinned(config: HostingConfig) -> None:
    """The `post_install` step: Read the Docs runs `npm ci` in its clone, which puts what
    package-lock.json pins into node_modules/ beside docs/. The emulation builds in this working
    tree, whose node_modules/ `make` installed with the same command from the same lock file:
    it checks that they agree rather than run npm in a folder the other tests read."""
    for command in config.post_install:
        if command.split()[:2] != ["npm", "ci"]:
            raise HostedBuildFailed(f"{RTD_CONFIG.name}: post_install {command!r} is not emulated")
        npm_install_as_pinned()


def npm_install_as_pinned() -> None:
    """node_modules/ holds what package-lock.json pins, as `npm ci` leaves it."""
    installed = REPO_ROOT / "node_modules" / ".package-lock.json"
    if not installed.is_file():
        raise HostedBuildFailed("node_modules/ is not installed: run npm ci (make html does)")
    pinned = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    have = json.loads(installed.read_text(encoding="utf-8"))
    for name, package in have.get("packages", {}).items():
        if pinned["packages"].get(name, {}).get("version") != package.get("version"):
            raise HostedBuildFailed(f"{name} is not as package-lock.json pins: run npm ci")


def requirement_arguments(requirements: Path, wheel: Path) -> list[str]:
    """pip's arguments for a requirements file, the project (`.`) being the built wheel:
    `pip install -r` reads `.` from the current folder, which on Read the Docs is the clone."""
    arguments: list[str] = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.partition("#")[0].strip()
        if line.startswith(("-c ", "-r ")):
            option, _, path = line.partition(" ")
            arguments += [option, str(requirements.parent / path.strip())]
        elif line == ".":
            arguments.append(str(wheel))
        elif line:
            arguments.append(line)
    return arguments


def run(command: list[object], **options: object) -> subprocess.CompletedProcess[str]:
    """Run a step; on failure, raise with the command and the end of what it printed."""
    words = [str(word) for word in command]
    result = subprocess.run(words, capture_output=True, text=True, check=False, **options)
    if result.returncode != 0:
        printed = (result.stdout + result.stderr)[-6000:]
        raise HostedBuildFailed(f"{' '.join(words)}\nexited {result.returncode}:\n{printed}")
    return result


@contextmanager
def exclusive(name: str) -> Iterator[None]:
    """One process at a time (test workers and `make rtd`) for a step that writes a shared
    folder."""
    lock = Path(sys.prefix) / f".{name}.lock"
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def wheelhouse() -> Path:
    """Wheels of the site's dependencies at the pinned versions and of the build backend, kept
    beside the running environment and made again when the constraints or the dependencies
    change: the builds and installs below then need no network and take seconds."""
    folder = Path(sys.prefix) / "wheelhouse"
    metadata = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*metadata["project"]["dependencies"], *metadata["build-system"]["requires"]]
    constraints = REPO_ROOT / "requirements" / "constraints.txt"
    key = hashlib.sha256("\n".join([*wanted, constraints.read_text()]).encode()).hexdigest()
    stamp = folder / "made-for"
    with exclusive("wheelhouse"):
        if not (stamp.is_file() and stamp.read_text() == key):
            shutil.rmtree(folder, ignore_errors=True)
            pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
            run([*pip, "wheel", "--quiet", "--wheel-dir", folder, "-c", constraints, *wanted])
            stamp.write_text(key)
    return folder


def offline_pip(folder: Path) -> dict[str, str]:
    """The environment under which pip installs from the wheelhouse only."""
    return {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(folder)}


@dataclass(frozen=True)
class Distributions:
    sdist: Path
    wheel: Path


def build_distributions(outdir: Path) -> Distributions:
    """The sdist of the working tree and the wheel built from that sdist, as a release is built
    (the wheel holds only what the sdist carried)."""
    shutil.rmtree(outdir, ignore_errors=True)
    tree = working_tree_copy(outdir / "tree")
    run([sys.executable, "-m", "build", "--outdir", outdir, tree], env=offline_pip(wheelhouse()))
    [sdist] = outdir.glob("*.tar.gz")
    [wheel] = outdir.glob("*.whl")
    return Distributions(sdist, wheel)


def working_tree_copy(target: Path) -> Path:
    """The files of the working tree that git does not ignore, committed or not, as a clone of
    it would hold them: none of the build's leftovers, such as src/biotroy_kb.egg-info, whose
    list of files from an earlier build setuptools would add to the sdist."""
    listing = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    names = run(["git", "-C", REPO_ROOT, *listing]).stdout.split("\0")
    for name in filter(None, names):
        if (REPO_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, target / name)
    return target


def install(wheel: Path, venv: Path) -> Path:
    """A fresh virtual environment with the site installed as `.readthedocs.yaml` asks, the
    project being the wheel (not editable); returns its Python."""
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    arguments = requirement_arguments(hosting_config().requirements, wheel)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python]
    run([*pip, "install", "--quiet", "--no-compile", *arguments], env=offline_pip(wheelhouse()))
    npm_tools_as_pinned(hosting_config())
    return python


@dataclass
class HostedBuild:
    """One project built: its $READTHEDOCS_OUTPUT and how long each format took."""

    project: Project
    output: Path
    seconds: dict[str, float] = field(default_factory=dict)
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict, repr=False)

    @property
    def html(self) -> Path:
        return self.output / "html"

    @property
    def epub(self) -> Path:
        return self.output / "epub" / f"{self.project.slug}.epub"

    def pages(self) -> list[str]:
        """Every HTML page, relative to the output (what a URL under the project adds)."""
        return sorted(
            page.relative_to(self.html).as_posix()
            for page in self.html.rglob("*.html")
            if not {"_static", "_sources", "_images", "_pagefind"} & set(page.parts)
        )

    def soup(self, page: str) -> BeautifulSoup:
        """The page parsed, once: the tests read every page several times."""
        if page not in self._soups:
            text = (self.html / page).read_text(encoding="utf-8")
            self._soups[page] = BeautifulSoup(text, "lxml")
        return self._soups[page]


def commit_hash() -> str:
    result = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def environment(project: Project, python: Path, output: Path) -> dict[str, str]:
    """The variables Read the Docs sets for every build step (its environment variable
    reference), with the project's own KB_EDITION where it builds the public edition. Nothing
    of the calling environment that could reach the source tree (PYTHONPATH) comes along."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("READTHEDOCS", "KB_", "PYTHON", "VIRTUAL_ENV", "SPHINX"))
    }
    variables = {
        "READTHEDOCS": "True",
        "READTHEDOCS_PRODUCTION_DOMAIN": "readthedocs.org",
        "READTHEDOCS_PROJECT": project.slug,
        "READTHEDOCS_LANGUAGE": project.language,
        "READTHEDOCS_VERSION": VERSION,
        "READTHEDOCS_VERSION_NAME": VERSION,
        "READTHEDOCS_VERSION_TYPE": "branch",
        "READTHEDOCS_VIRTUALENV_PATH": str(python.parent.parent),
        "READTHEDOCS_OUTPUT": f"{output}/",
        "READTHEDOCS_CANONICAL_URL": project.canonical_url,
        "READTHEDOCS_REPOSITORY_PATH": str(REPO_ROOT),
        "READTHEDOCS_GIT_CLONE_URL": CLONE_URL,
        "READTHEDOCS_GIT_IDENTIFIER": BRANCH,
        "READTHEDOCS_GIT_COMMIT_HASH": commit_hash(),
        "PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    if project.edition != "internal":
        variables["KB_EDITION"] = project.edition
    return {**inherited, **variables}


def sphinx_command(
    python: Path, builder: str, project: Project, doctrees: Path, outdir: Path
) -> list[object]:
    """Read the Docs' command for one format (its Sphinx backend's `build`)."""
    strict = ["-W", "--keep-going"] if hosting_config().fail_on_warning else []
    language = ["-D", f"language={project.sphinx_language}"]
    options = ["-T", *strict, "-b", builder, "-d", doctrees, *language]
    return [python, "-m", "sphinx", *options, ".", outdir]


def build(project: Project, python: Path, workdir: Path) -> HostedBuild:
    """The HTML, then each format of `.readthedocs.yaml`, as Read the Docs builds them one
    after another with the same doctrees. The doctrees and $READTHEDOCS_OUTPUT are in `workdir`,
    not in docs/_build/ where Read the Docs keeps them, so that no local build is touched."""
    config = hosting_config()
    built = HostedBuild(project, workdir / "_readthedocs")
    shutil.rmtree(workdir, ignore_errors=True)
    env = environment(project, python, built.output)
    for name, builder in [("html", "html")] + [(f, FORMAT_BUILDERS[f]) for f in config.formats]:
        outdir = built.output / name
        command = sphinx_command(python, builder, project, workdir / "doctrees", outdir)
        started = time.perf_counter()
        run(command, cwd=config.conf_dir, env=env)
        built.seconds[name] = time.perf_counter() - started
    publish_epub(built)
    return built


def publish_epub(built: HostedBuild) -> None:
    """Read the Docs keeps the first `*.epub` Sphinx wrote, as `<project slug>.epub`, alone."""
    folder = built.output / "epub"
    books = sorted(folder.glob("*.epub")) if folder.is_dir() else []
    if not books:
        return
    kept = built.output / f"{built.project.slug}.epub.tmp"
    books[0].replace(kept)
    shutil.rmtree(folder)
    folder.mkdir()
    kept.replace(built.epub)


# What a reader of a hosted page gets, read from the built output.


def canonical_link(built: HostedBuild, page: str) -> str | None:
    link = built.soup(page).find("link", rel="canonical")
    return link["href"] if link else None


def og_url(built: HostedBuild, page: str) -> str | None:
    meta = built.soup(page).find("meta", property="og:url")
    return meta["content"] if meta else None


def switcher_target(built: HostedBuild, page: str) -> str | None:
    link = built.soup(page).select_one(".kb-language-switch a")
    return link["href"] if link else None


def edit_link(built: HostedBuild, page: str) -> str | None:
    link = built.soup(page).select_one(".edit-this-page a")
    return link["href"] if link else None


def asset_urls(built: HostedBuild, page: str) -> list[str]:
    """The style sheets, scripts and images a page loads from the site itself."""
    soup = built.soup(page)
    urls = [tag.get("href") for tag in soup.find_all("link", rel="stylesheet")]
    urls += [tag.get("src") for tag in soup.find_all(["script", "img"])]
    return [url for url in urls if url and not urlsplit(url).scheme]


def sitemap_urls(built: HostedBuild) -> list[str]:
    root = ET.parse(built.html / "sitemap.xml").getroot()
    return [element.text or "" for element in root.iter() if element.tag.endswith("loc")]


def feed_links(built: HostedBuild) -> list[str]:
    root = ET.parse(built.html / "news" / "atom.xml").getroot()
    return [element.get("href", "") for element in root.iter() if element.tag.endswith("link")]


def links_to_local_addresses(built: HostedBuild) -> list[str]:
    """`file: value` for every attribute of an HTML page and every text or attribute of an XML
    file in the output that names a local address."""
    found = []
    for path in sorted(built.html.rglob("*")):
        name = path.relative_to(built.html).as_posix()
        if path.suffix == ".html":
            values = [
                value if isinstance(value, str) else " ".join(value)
                for tag in built.soup(name)()
                for value in tag.attrs.values()
            ]
        elif path.suffix == ".xml":
            root = ET.parse(path).getroot()
            values = [e.text or "" for e in root.iter()] + [
                value for e in root.iter() for value in e.attrib.values()
            ]
        else:
            continue
        found += [f"{name}: {v}" for v in values if any(host in v for host in LOCAL_HOSTS)]
    return found


def describe(built: HostedBuild) -> str:
    """What a reader of the hosted project gets, in a few lines."""
    project, page = built.project, SAMPLE_PAGE
    prefixes = sorted({url.rsplit("_static/", 1)[0] for url in asset_urls(built, "404.html")})
    sitemap = sitemap_urls(built)
    under = all(url.startswith(project.canonical_url) for url in sitemap)
    local = links_to_local_addresses(built)
    seconds = ", ".join(f"{name} {value:.0f} s" for name, value in built.seconds.items())
    return "\n".join(
        [
            f"{project.slug} ({project.language}, {project.edition} edition): "
            f"{project.canonical_url}",
            f"  HTML output:        {built.html}",
            f"  EPUB:               {built.epub if built.epub.is_file() else 'not built'}",
            f"  {page}",
            f"    canonical:        {canonical_link(built, page)}",
            f"    og:url:           {og_url(built, page)}",
            f"    edit link:        {edit_link(built, page)}",
            f"    switcher:         {switcher_target(built, page)}",
            f"  404 page assets:    {', '.join(prefixes) or 'none'}",
            f"  sitemap:            {len(sitemap)} URLs, "
            + ("all under the canonical URL" if under else "NOT all under the canonical URL"),
            f"  local addresses:    {len(local)} links" + (f" ({local[0]} ...)" if local else ""),
            f"  build time:         {seconds}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the site as Read the Docs does.")
    parser.add_argument("languages", nargs="*", help=f"of {', '.join(LANGUAGES)} (default: all)")
    parser.add_argument("--edition", choices=EDITIONS, default="internal")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "_build" / "rtd")
    parser.add_argument(
        "--wheelhouse", action="store_true", help="only make the wheelhouse (`make venv`)"
    )
    options = parser.parse_args(argv)
    options.out = options.out.resolve()  # the builds run from docs/
    if options.wheelhouse:
        print(f"Wheels of the pinned versions for the hosted builds: {wheelhouse()}")
        return 0
    unknown = set(options.languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"unknown language {', '.join(sorted(unknown))}: use {', '.join(LANGUAGES)}")
    config = hosting_config()
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    if running != config.python:
        print(f"Note: Read the Docs builds with Python {config.python}, this is {running}.")
    started = time.perf_counter()
    try:
        dist = build_distributions(options.out / "dist")
        python = install(dist.wheel, options.out / "venv")
        print(f"Installed {dist.wheel.name} into {python.parent.parent} (not editable)\n")
        for language in options.languages or LANGUAGES:
            project = Project(language, options.edition)
            print(describe(build(project, python, options.out / project.slug)) + "\n")
    except HostedBuildFailed as failure:
        print(f"The hosted build failed:\n{failure}", file=sys.stderr)
        return 1
    print(f"Done in {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
