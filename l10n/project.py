"""Where a project's files live: articles, templates, catalogs, the draft store.

A project is a folder that contains ``source/``. Articles are
``source/<doc>.txt`` or ``source/<doc>.md``; the template of an article is
``locales/<doc>.pot`` and its catalog for a language is
``locales/<lang>/LC_MESSAGES/<doc>.po``. No configuration file is needed; an
optional ``l10n.toml`` at the project root overrides the defaults::

    languages = ["az", "ru"]

    [engine]
    packages_dir = "packages"   # Argos packages, relative to the project root
    beam_size = 4
    device = "auto"             # auto (CUDA when there is a GPU), cpu or cuda
    workers = 2                 # batches translated at once (default: one per core)
    threads = 1                 # threads per batch (default: the cores left per worker)

    [memory]
    threshold = 85              # fuzzy translation-memory matches of at least this % become drafts
    [cluster]
    address = "tcp://scheduler:8786"   # draft on a Dask cluster (or "local", "local:4"; needs l10n[cluster])
    connect_timeout = 10               # seconds to reach the scheduler
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.engine.base import DEVICES, MAX_BEAM, MAX_THREADS, MAX_WORKERS
from l10n.errors import L10nError
from l10n.languages import normalize_language

SOURCE_DIR = "source"
LOCALES_DIR = "locales"
CONFIG_FILE = "l10n.toml"
ARTICLE_SUFFIXES = (".txt", ".md")
MAX_CONFIG_CHARS = 1_000_000
DEFAULT_LANGUAGES: tuple[str, ...] = ("az", "ru")


@dataclass(frozen=True)
class Document:
    """One article: ``name`` is the file stem, ``source`` its path."""

    name: str
    source: Path


@dataclass(frozen=True)
class EngineConfig:
    packages_dir: Path | None = None
    beam_size: int | None = None
    device: str | None = None
    workers: int | None = None
    threads: int | None = None


@dataclass(frozen=True)
class MemoryConfig:
    threshold: int | None = None


@dataclass(frozen=True)
class ClusterConfig:
    address: str | None = None  # a Dask scheduler (tcp://host:8786) or local[:N]; None: draft in-process
    connect_timeout: float | None = None


@dataclass(frozen=True)
class Project:
    """A project folder. Build it with :func:`find_project` or :meth:`Project.open`."""

    root: Path
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    engine: EngineConfig = field(default_factory=EngineConfig)
    memory: MemoryConfig = field(default_factory=MemoryConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)

    @classmethod
    def open(cls, root: str | Path) -> Project:
        """Open the project at ``root`` (which must contain ``source/``), reading ``l10n.toml`` if any."""
        root = Path(root).resolve()
        if not (root / SOURCE_DIR).is_dir():
            raise L10nError(f"not an l10n project: no {SOURCE_DIR}/ folder", path=root)
        config_path = root / CONFIG_FILE
        if not config_path.is_file():
            return cls(root=root)
        return _from_config(root, config_path)

    @property
    def source_dir(self) -> Path:
        return self.root / SOURCE_DIR

    @property
    def locales_dir(self) -> Path:
        return self.root / LOCALES_DIR

    @property
    def store_path(self) -> Path:
        """The SQLite store of raw machine drafts."""
        return self.locales_dir / ".l10n" / "drafts.sqlite"

    def documents(self) -> list[Document]:
        """Every article in ``source/``, sorted by name."""
        docs: dict[str, Document] = {}
        for path in sorted(self.source_dir.iterdir()):
            if path.suffix not in ARTICLE_SUFFIXES or not path.is_file() or path.name.startswith("."):
                continue
            _check_name(path)
            if path.stem in docs:
                raise L10nError(
                    f"two articles named {path.stem!r} ({docs[path.stem].source.name} and {path.name})",
                    path=path,
                )
            docs[path.stem] = Document(path.stem, path)
        return list(docs.values())

    def skipped_sources(self) -> list[Path]:
        """What ``source/`` holds that is not an article (a subfolder, a .docx, a .TXT), hidden files aside."""
        return [path for path in sorted(self.source_dir.iterdir())
                if not path.name.startswith(".") and not (path.suffix in ARTICLE_SUFFIXES and path.is_file())]

    def document(self, path: str | Path) -> Document:
        """The document for an article path inside ``source/``."""
        path = Path(os.path.abspath(path))
        if path.parent.resolve() != self.source_dir or path.suffix not in ARTICLE_SUFFIXES:
            raise L10nError(
                f"not an article of this project (expected {SOURCE_DIR}/<name>.txt or .md)", path=path
            )
        if not path.is_file():
            raise L10nError("no such article", path=path)
        _check_name(path)
        return Document(path.stem, self.source_dir / path.name)

    def pot_path(self, doc: Document) -> Path:
        return self.locales_dir / f"{doc.name}.pot"

    def po_path(self, doc: Document, lang: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{doc.name}.po"

    def catalogs(self, lang: str) -> list[Path]:
        """Every existing catalog of ``lang`` (for translation memory), sorted."""
        folder = self.locales_dir / lang / "LC_MESSAGES"
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.po") if p.is_file())

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes (for ``#:`` references).

        Symbolic links are not followed: an article linked from elsewhere is still ``source/<name>``.
        """
        return Path(os.path.abspath(path)).relative_to(self.root).as_posix()


def _check_name(path: Path) -> None:
    """An article's name goes into every ``#:`` reference and file name of its catalogs: a newline
    in it wrote a reference over two lines and broke every later command."""
    if not path.name.isprintable():
        raise L10nError("an article's file name must not contain control characters (a newline, a tab, "
                        "an escape); rename the file", path=path)


def find_project(start: str | Path = ".") -> Project:
    """The project containing ``start`` (a folder or a file): the nearest folder with ``source/``."""
    start = Path(start).resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / SOURCE_DIR).is_dir():
            return Project.open(folder)
    raise L10nError(f"not inside an l10n project (no {SOURCE_DIR}/ folder here or above)", path=start)


def _not_a_project(folder: Path) -> str:
    """The message for a folder PATH that is neither a project nor its source/ (a hint if it is inside one)."""
    try:
        root = find_project(folder).root
    except L10nError:
        return f"not an l10n project: no {SOURCE_DIR}/ folder"
    return (f"a folder inside the project {root}, not the project: give the project folder, its articles "
            f"({SOURCE_DIR}/<name>.txt|md), or no PATHS to mean the whole project")


def resolve_paths(paths: Sequence[str | Path], cwd: str | Path = ".") -> tuple[Project, list[Document]]:
    """Turn command-line PATHS (articles, project folders or a project's source/) into one project and its documents.

    No paths means the project of ``cwd`` and all of its articles.
    """
    if not paths:
        project = find_project(cwd)
        return project, project.documents()
    project: Project | None = None
    docs: dict[str, Document] = {}
    for raw in paths:
        path = Path(cwd, raw)
        if not path.exists():
            raise L10nError("no such file or folder", path=raw)
        if path.is_dir() and (path / SOURCE_DIR).is_dir():
            here = Project.open(path)
            selected: Iterable[Document] = here.documents()
        elif path.is_dir() and path.resolve().name == SOURCE_DIR:  # `l10n translate source/`: all its articles
            here = Project.open(path.resolve().parent)
            selected = here.documents()
        elif path.is_dir():
            raise L10nError(_not_a_project(path), path=raw)
        else:
            here = find_project(path)
            selected = [here.document(path)]
        if project is not None and here.root != project.root:
            raise L10nError(f"belongs to another project than {project.root}", path=raw)
        project = here
        for doc in selected:
            docs.setdefault(doc.name, doc)
    assert project is not None
    return project, sorted(docs.values(), key=lambda d: d.name)


def _from_config(root: Path, config_path: Path) -> Project:
    try:
        text = config_path.read_text(encoding="utf-8")
        if len(text) > MAX_CONFIG_CHARS:
            raise L10nError("too large for a settings file", path=config_path)
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        raise L10nError(f"invalid TOML: {err}", path=config_path, line=line) from None
    except RecursionError:  # tomllib recurses on nested arrays and inline tables
        raise L10nError("invalid TOML: nested too deeply", path=config_path) from None
    except UnicodeDecodeError:
        raise L10nError("not UTF-8", path=config_path) from None
    unknown = set(data) - {"languages", "engine", "memory", "cluster"}
    if unknown:
        raise L10nError(f"unknown setting(s): {', '.join(sorted(unknown))}", path=config_path)
    languages = data.get("languages", list(DEFAULT_LANGUAGES))
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(x, str) and x.strip() for x in languages)
    ):
        raise L10nError("'languages' must be a non-empty list of language codes", path=config_path)
    languages = list(dict.fromkeys(normalize_language(code, config_path) for code in languages))
    engine = _engine_config(root, config_path, data.get("engine", {}))
    cluster = _cluster_config(config_path, data.get("cluster", {}))
    return Project(root=root, languages=tuple(languages), engine=engine,
                   memory=_memory_config(config_path, data.get("memory", {})), cluster=cluster)


def _memory_config(config_path: Path, section: Any) -> MemoryConfig:
    if not isinstance(section, dict):
        raise L10nError("[memory] must be a table", path=config_path)
    unknown = set(section) - {"threshold"}
    if unknown:
        raise L10nError(f"unknown [memory] setting(s): {', '.join(sorted(unknown))}", path=config_path)
    value = section.get("threshold")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 50 <= value <= 100):
        raise L10nError("[memory] threshold must be a whole percentage from 50 to 100", path=config_path)
    return MemoryConfig(threshold=value)


def _cluster_config(config_path: Path, section: Any) -> ClusterConfig:
    if not isinstance(section, dict):
        raise L10nError("[cluster] must be a table", path=config_path)
    unknown = set(section) - {"address", "connect_timeout"}
    if unknown:
        raise L10nError(f"unknown [cluster] setting(s): {', '.join(sorted(unknown))}", path=config_path)
    address = section.get("address")
    if address is not None and (not isinstance(address, str) or not address.strip()):
        raise L10nError("[cluster] address must be a scheduler address (tcp://host:8786) or local[:N]",
                        path=config_path)
    timeout = section.get("connect_timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                or not 0 < timeout <= 3600):
        raise L10nError("[cluster] connect_timeout must be a number of seconds from 0 to 3600", path=config_path)
    if address is not None:
        from l10n.cluster.connect import parse_address  # no dask: only the address's form is checked

        try:
            parse_address(address)
        except L10nError as err:
            raise L10nError(f"[cluster] address: {err.message}", path=config_path) from None
    return ClusterConfig(address=address.strip() if address else None,
                         connect_timeout=None if timeout is None else float(timeout))


def _engine_config(root: Path, config_path: Path, section: Any) -> EngineConfig:
    if not isinstance(section, dict):
        raise L10nError("[engine] must be a table", path=config_path)
    unknown = set(section) - {"packages_dir", "beam_size", "device", "workers", "threads"}
    if unknown:
        raise L10nError(f"unknown [engine] setting(s): {', '.join(sorted(unknown))}", path=config_path)
    packages_dir = section.get("packages_dir")
    if packages_dir is not None and not isinstance(packages_dir, str):
        raise L10nError("[engine] packages_dir must be a string", path=config_path)
    beam = _bounded_int(section, "beam_size", MAX_BEAM, config_path)
    device = section.get("device")
    if device is not None and device not in DEVICES:
        raise L10nError(f"[engine] device must be one of {', '.join(DEVICES)}", path=config_path)
    return EngineConfig(
        packages_dir=None if packages_dir is None else (root / packages_dir),
        beam_size=beam,
        device=device,
        workers=_bounded_int(section, "workers", MAX_WORKERS, config_path),
        threads=_bounded_int(section, "threads", MAX_THREADS, config_path),
    )


def _bounded_int(section: dict, key: str, bound: int, config_path: Path) -> int | None:
    value = section.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= bound):
        raise L10nError(f"[engine] {key} must be a positive integer up to {bound}", path=config_path)
    return value
