"""Keeping the memory index up to date with the project: catalogs and imported TMX files.

The index (:mod:`l10n.memory.index`) holds, per language, every reviewed
entry of every catalog (``locales/<lang>/LC_MESSAGES/<doc>.po``: not fuzzy,
not empty, no msgctxt, not plural) and every unit of the TMX files in the
project's ``memory/`` folder (what ``l10n memory import`` put there). A sync
reads only what changed since the last one: a catalog this run already read
is compared by digest, any other file by size and mtime, and only the units
that differ are added or removed. A new glossary (it changes the tokens)
rebuilds the index. Deleting the index is safe: the next sync rebuilds it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import polib

from l10n.catalog.files import CatalogFile, read_catalog
from l10n.catalog.model import REVIEWED, active_entries, entry_state
from l10n.errors import L10nError
from l10n.memory.index import MemoryIndex
from l10n.memory.normalize import same_english, tokenize
from l10n.project import Project

PO, TMX = "po", "tmx"
INDEX_NAME = "memory.sqlite"
IMPORT_DIR = "memory"


CACHE_DIR = "cache"


def index_path(project: Project) -> Path:
    """``locales/.l10n/cache/memory.sqlite``, beside the draft store. A cache, rebuilt from the
    catalogs when missing: the folder holds a ``.gitignore`` of ``*`` (as ``.pytest_cache`` does),
    so it never shows up in ``git status`` or in a commit; the draft store, which is not
    rebuildable, stays outside it."""
    return project.store_path.parent / CACHE_DIR / INDEX_NAME


def import_dir(project: Project) -> Path:
    """``memory/`` at the project root: imported TMX files, kept so the index can be rebuilt."""
    return project.root / IMPORT_DIR


def open_index(project: Project) -> MemoryIndex:
    """The project's index, tokenizing with the project glossary (not synced; see :func:`open_memory`)."""
    from l10n.glossary import find_glossary, load_glossary

    found = find_glossary(project.root)
    glossary = load_glossary(found) if found is not None else None
    index = MemoryIndex(index_path(project), functools.partial(tokenize, glossary=glossary))
    index.glossary_signature = _signature(found)
    return index


def open_memory(project: Project, languages: list[str] | tuple[str, ...], warnings: list[str] | None = None,
                read: Mapping[str, CatalogFile] | None = None) -> MemoryIndex:
    """The project's index, synced for ``languages``; ``read`` holds catalogs already read (by document)."""
    index = open_index(project)
    try:
        for lang in languages:
            sync_language(index, project, lang, read or {}, warnings if warnings is not None else [])
    except BaseException:
        index.close()
        raise
    return index


def reviewed_pairs(po: polib.POFile) -> list[tuple[str, str]]:
    """(English, translation) of every reviewed, plain entry of a catalog."""
    return [(e.msgid, e.msgstr) for e in active_entries(po)
            if not e.msgid_plural and e.msgctxt is None and entry_state(e) == REVIEWED]


def sync_language(index: MemoryIndex, project: Project, lang: str, read: Mapping[str, CatalogFile],
                  warnings: list[str]) -> None:
    """Bring ``lang``'s units in line with the catalogs and imported files (module docstring)."""
    from l10n.languages import base_language
    from l10n.memory.tmx import read_tmx

    with index.transaction():
        if index.meta("glossary") != index.glossary_signature:
            index.clear()
            index.set_meta("glossary", index.glossary_signature)
        known = {row[0]: (row[1], row[2]) for row in index.conn.execute(
            "SELECT origin, stamp, digest FROM sources WHERE lang = ?", (lang,))}
        present: set[str] = set()
        for path in project.catalogs(lang):
            name = path.stem
            present.add(name)
            stamp, digest = known.get(name, ("", ""))
            catalog = read.get(name)
            if catalog is None:
                now = _stamp(path)
                if stamp == now:
                    continue
                try:
                    catalog = read_catalog(path)
                except L10nError as err:
                    warnings.append(f"not used as translation memory: {err}")
                    continue
                if catalog is None:
                    continue
                stamp_to_keep = now
            else:
                stamp_to_keep = stamp if catalog.digest == digest else ""  # bytes read may predate the file
            if catalog.digest != digest:
                _replace(index, lang, name, PO, reviewed_pairs(catalog.po))
            if (stamp_to_keep, catalog.digest) != (stamp, digest):
                _record(index, lang, name, PO, stamp_to_keep, catalog.digest)
        folder = import_dir(project)
        tmx_files = sorted(p for p in folder.glob("*.tmx") if p.is_file()) if folder.is_dir() else []
        for path in tmx_files:
            origin = f"{IMPORT_DIR}/{path.name}"
            present.add(origin)
            new_stamp = _stamp(path)
            if known.get(origin, ("", ""))[0] == new_stamp:
                continue
            try:
                with open(path, "rb") as handle:
                    content = read_tmx(handle, str(path))
            except L10nError as err:
                warnings.append(f"not used as translation memory: {err}")
                continue
            base = base_language(lang)
            pairs = [(u.source, u.targets[base]) for u in content.units if base in u.targets]
            _replace(index, lang, origin, TMX, pairs)
            _record(index, lang, origin, TMX, new_stamp, "")
        for origin in set(known) - present:
            index.remove([row[0] for row in index.units_of(lang, origin)])
            index.conn.execute("DELETE FROM sources WHERE lang = ? AND origin = ?", (lang, origin))


def record_written(index: MemoryIndex, lang: str, written: list[tuple[Path, polib.POFile, str]]) -> None:
    """After a run wrote catalogs of ``lang`` (path, catalog, text written): bring their units and
    records up to date without reading them back, so the next run finds nothing to do."""
    from l10n.atomic import digest_bytes

    if not written:
        return
    with index.transaction():
        for path, po, text in written:
            _replace(index, lang, path.stem, PO, reviewed_pairs(po))
            _record(index, lang, path.stem, PO, _stamp(path), digest_bytes(text.encode("utf-8")))


def _replace(index: MemoryIndex, lang: str, origin: str, kind: str, pairs: list[tuple[str, str]]) -> None:
    wanted = dict.fromkeys((same_english(s), t) for s, t in pairs if s.strip() and t.strip())
    have = {(source, target): unit for unit, source, target in index.units_of(lang, origin)}
    index.remove([unit for pair, unit in have.items() if pair not in wanted])
    index.add(lang, origin, kind, [pair for pair in wanted if pair not in have])


def _record(index: MemoryIndex, lang: str, origin: str, kind: str, stamp: str, digest: str) -> None:
    index.conn.execute(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?) ON CONFLICT (lang, origin) DO UPDATE SET"
        " kind = excluded.kind, stamp = excluded.stamp, digest = excluded.digest",
        (lang, origin, kind, stamp, digest),
    )


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def _signature(glossary: Path | None) -> str:
    if glossary is None:
        return "none"
    from l10n.atomic import digest_bytes

    return digest_bytes(glossary.read_bytes())
