"""The translation memory index: SQLite next to the draft store (``locales/.l10n/memory.sqlite``).

A cache, not a source of truth: every row comes from a reviewed catalog entry
or an imported TMX file (:mod:`l10n.memory.sync` keeps it up to date, and
deleting the file only costs a rebuild). Tables:

- ``units``: one row per (language, origin, English): the translation, the
  origin (a document name for a catalog, ``<name>.tmx`` for an imported
  memory) and the English as tokens (:mod:`l10n.memory.normalize`);
- ``grams`` and ``df``: an inverted index of each unit's distinct padded word
  bigrams, and how many units have each;
- ``sources``: what each origin was when last read (size, mtime, digest).

Lookup (:meth:`MemoryIndex.fuzzy`) never scans the units. A unit that scores
``t`` % against a query of n tokens is at most ``d`` token edits away
(:func:`l10n.memory.fuzzy.max_distance`); each edit removes at most two of the
query's n + 1 bigrams, so such a unit shares at least one of ANY ``2d + 1`` of
them. The index reads the postings of the ``2d + 1`` rarest ones only (by
``df``), at most :data:`POSTINGS_CAP` each, keeps units of a possible length,
and scores the :data:`MAX_CANDIDATES` that share most of them with rapidfuzz.
The cost depends on the postings of rare bigrams, not on the memory's size;
the caps only bite for sentences whose rarest bigrams are in thousands of
units (boilerplate, which exact matching serves).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import L10nError
from l10n.memory.fuzzy import length_range, max_distance, percent
from l10n.memory.normalize import Tokens, grams, same_english

POSTINGS_CAP = 2000
MAX_CANDIDATES = 64
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    lang TEXT NOT NULL, origin TEXT NOT NULL, kind TEXT NOT NULL,
    stamp TEXT NOT NULL, digest TEXT NOT NULL,
    PRIMARY KEY (lang, origin)
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL, origin TEXT NOT NULL, kind TEXT NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL,
    tokens TEXT NOT NULL, placeables TEXT NOT NULL, ntok INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_by_source ON units (lang, source);
CREATE INDEX IF NOT EXISTS units_by_origin ON units (lang, origin);
CREATE TABLE IF NOT EXISTS grams (gram INTEGER NOT NULL, unit INTEGER NOT NULL, PRIMARY KEY (gram, unit))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS df (gram INTEGER PRIMARY KEY, n INTEGER NOT NULL);
"""

SEP = "\x1f"  # between tokens / placeables in a row (never in a token: tokens have no control characters)


@dataclass(frozen=True)
class Unit:
    """A translation the memory offers: English, translation, where it came from."""

    source: str
    target: str
    origin: str  # a document name (its catalog is <origin>.po) or an imported <name>.tmx
    kind: str  # "po" or "tmx"

    @property
    def shown_origin(self) -> str:
        return f"{self.origin}.po" if self.kind == "po" else self.origin


@dataclass(frozen=True)
class Match:
    """A memory match for some English: its percentage and the unit."""

    percent: int
    unit: Unit

    @property
    def target(self) -> str:
        return self.unit.target

    @property
    def source(self) -> str:
        return self.unit.source

    @property
    def origin(self) -> str:
        return self.unit.shown_origin


class MemoryIndex:
    """The index at ``path``; one connection, opened on first use (close it, or use ``with``)."""

    def __init__(self, path: str | Path, tokenizer=None):
        from l10n.memory.normalize import tokenize

        self.path = Path(path)
        self.tokenize = tokenizer or tokenize
        self.glossary_signature = "none"  # what the tokenizer's glossary was (l10n.memory.sync)
        self._conn: sqlite3.Connection | None = None

    # -- connection -----------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            for part in (self.path, self.path.parent):
                if part.is_symlink():
                    raise L10nError("the memory index is behind a symbolic link; l10n keeps it inside the project",
                                    path=part)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.executescript(_SCHEMA)
                version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if version is None:
                    conn.execute("INSERT INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
                elif version[0] != SCHEMA_VERSION:
                    raise sqlite3.DatabaseError(f"schema version {version[0]}, expected {SCHEMA_VERSION}")
            except sqlite3.DatabaseError as err:
                raise L10nError(f"memory index unreadable ({err}); delete it, it is rebuilt from the catalogs",
                                path=self.path) from None
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> MemoryIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self) -> _Transaction:
        """``with index.transaction():`` one write transaction (BEGIN IMMEDIATE: writers take turns)."""
        return _Transaction(self)

    # -- writing ----------------------------------------------------------------------
    def add(self, lang: str, origin: str, kind: str, pairs: Iterable[tuple[str, str]]) -> int:
        """Add (English, translation) units of one origin; returns how many."""
        conn = self.conn
        added = 0
        gram_rows: list[tuple[int, int]] = []
        df: Counter[int] = Counter()
        for source, target in pairs:
            source = same_english(source)
            toks = self.tokenize(source)
            cur = conn.execute(
                "INSERT INTO units (lang, origin, kind, source, target, tokens, placeables, ntok)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (lang, origin, kind, source, target, SEP.join(toks.tokens), SEP.join(toks.placeables),
                 len(toks.tokens)),
            )
            unit = cur.lastrowid
            for g in grams(lang, toks.tokens):
                gram_rows.append((g, unit))
                df[g] += 1
            added += 1
        conn.executemany("INSERT OR IGNORE INTO grams VALUES (?, ?)", gram_rows)
        conn.executemany("INSERT INTO df VALUES (?, ?) ON CONFLICT (gram) DO UPDATE SET n = n + excluded.n",
                         df.items())
        return added

    def remove(self, ids: Sequence[int]) -> None:
        """Remove units by id, with their postings."""
        conn = self.conn
        df: Counter[int] = Counter()
        gram_rows = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ", ".join("?" * len(chunk))
            for unit, lang, tokens in conn.execute(f"SELECT id, lang, tokens FROM units WHERE id IN ({marks})", chunk):
                for g in grams(lang, _split(tokens)):
                    gram_rows.append((g, unit))
                    df[g] += 1
            conn.execute(f"DELETE FROM units WHERE id IN ({marks})", chunk)
        conn.executemany("DELETE FROM grams WHERE gram = ? AND unit = ?", gram_rows)
        conn.executemany("UPDATE df SET n = n - ? WHERE gram = ?", [(n, g) for g, n in df.items()])
        conn.execute("DELETE FROM df WHERE n <= 0")

    def units_of(self, lang: str, origin: str) -> list[tuple[int, str, str]]:
        """(id, English, translation) of one origin's units."""
        return self.conn.execute("SELECT id, source, target FROM units WHERE lang = ? AND origin = ?",
                                 (lang, origin)).fetchall()

    def clear(self) -> None:
        """Drop every unit and source record (a rebuild follows)."""
        for table in ("units", "grams", "df", "sources"):
            self.conn.execute(f"DELETE FROM {table}")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          (key, value))

    # -- reading ----------------------------------------------------------------------
    def exact(self, lang: str, english: str, exclude: str | None = None) -> list[Unit]:
        """Units whose English is ``english`` (white space aside): catalogs first (by document name),
        then imported memories; never one of document ``exclude``."""
        rows = self.conn.execute(
            "SELECT source, target, origin, kind FROM units WHERE lang = ? AND source = ?"
            " ORDER BY kind = 'tmx', origin, id",
            (lang, same_english(english)),
        ).fetchall()
        return [Unit(*row) for row in rows if not (row[3] == "po" and row[2] == exclude)]

    def fuzzy(self, lang: str, english: str, threshold: int, limit: int = 5,
              exclude: str | None = None) -> list[Match]:
        """The best matches of at least ``threshold`` % (exact ones included, as 100), best first.

        See the module docstring for how candidates are found without a scan.
        """
        english = same_english(english)
        query = self.tokenize(english)
        n = len(query.tokens)
        if n == 0:
            return []
        lo, hi = length_range(n, threshold)
        need = 2 * max_distance(n, threshold) + 1
        keys = grams(lang, query.tokens)
        rarest = self._rarest(keys, need)
        shared: Counter[int] = Counter()
        for gram in rarest:
            for (unit,) in self.conn.execute("SELECT unit FROM grams WHERE gram = ? LIMIT ?", (gram, POSTINGS_CAP)):
                shared[unit] += 1
        if not shared:
            return []
        ids = [unit for unit, _ in shared.most_common(MAX_CANDIDATES * 4)]
        rows = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows += self.conn.execute(
                f"SELECT id, source, target, origin, kind, tokens, placeables FROM units"
                f" WHERE id IN ({', '.join('?' * len(chunk))}) AND lang = ? AND ntok BETWEEN ? AND ?",
                (*chunk, lang, lo, hi),
            ).fetchall()
        rows.sort(key=lambda r: -shared[r[0]])
        found = []
        for _id, source, target, origin, kind, tokens, placeables in rows[:MAX_CANDIDATES]:
            if kind == "po" and origin == exclude and source == english:
                continue
            score = percent(query, Tokens(_split(tokens), _split(placeables)), source == english, threshold)
            if score >= threshold:
                found.append(Match(score, Unit(source, target, origin, kind)))
        found.sort(key=lambda m: (-m.percent, m.unit.kind == "tmx", m.unit.origin, m.unit.source))
        return found[:limit]

    def _rarest(self, keys: list[int], need: int) -> list[int]:
        if need >= len(keys):
            return keys
        counts: dict[int, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            counts.update(self.conn.execute(
                f"SELECT gram, n FROM df WHERE gram IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
        return sorted(keys, key=lambda g: counts.get(g, 0))[:need]

    def stats(self) -> list[dict]:
        """Per language and kind: units, distinct English, origins."""
        rows = self.conn.execute(
            "SELECT lang, kind, count(*), count(DISTINCT source), count(DISTINCT origin) FROM units"
            " GROUP BY lang, kind ORDER BY lang, kind").fetchall()
        return [{"language": r[0], "kind": r[1], "units": r[2], "english": r[3], "origins": r[4]} for r in rows]

    def all_units(self, lang: str | None = None) -> list[tuple[str, Unit]]:
        """(language, unit) for every unit, or those of ``lang``; in language, English, origin order."""
        sql = "SELECT lang, source, target, origin, kind FROM units"
        args: tuple = ()
        if lang is not None:
            sql += " WHERE lang = ?"
            args = (lang,)
        rows = self.conn.execute(sql + " ORDER BY lang, source, kind = 'tmx', origin", args).fetchall()
        return [(r[0], Unit(r[1], r[2], r[3], r[4])) for r in rows]


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split(SEP)) if text else ()


class _Transaction:
    def __init__(self, index: MemoryIndex):
        self.index = index

    def __enter__(self) -> MemoryIndex:
        try:
            self.index.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise L10nError(f"memory index busy ({err})", path=self.index.path) from None
        return self.index

    def __exit__(self, exc_type, exc, tb) -> None:
        conn = self.index.conn
        if exc_type is None:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as err:
                conn.execute("ROLLBACK")
                raise L10nError(f"cannot write the memory index: {err}", path=self.index.path) from None
        else:
            conn.execute("ROLLBACK")
            if issubclass(exc_type, sqlite3.Error):
                raise L10nError(f"memory index: {exc}", path=self.index.path) from None
