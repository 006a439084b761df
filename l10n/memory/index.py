"""The translation memory index: SQLite next to the draft store (``locales/.l10n/cache/memory.sqlite``, a git-ignored cache).

A cache, not a source of truth: every row comes from a reviewed catalog entry
or an imported TMX file (:mod:`l10n.memory.sync` keeps it up to date, and
deleting the file only costs a rebuild). Tables:

- ``units``: one row per (language, origin, English): the translation, the
  origin (a document name for a catalog, ``<name>.tmx`` for an imported
  memory) and the English as tokens (:mod:`l10n.memory.normalize`);
- ``grams`` and ``df``: an inverted index of each unit's distinct padded word
  bigrams (keyed by bigram, then the unit's length in tokens), and how many
  units have each;
- ``sources``: what each origin was when last read (size, mtime, digest).

Lookup (:meth:`MemoryIndex.fuzzy`) never scans the units. A unit that scores
``t`` % against a query of n tokens is at most ``d`` token edits away
(:func:`l10n.memory.fuzzy.max_distance`); each edit removes at most two of the
query's n + 1 bigrams, so such a unit shares at least one of ANY ``2d + 1`` of
them. The index reads the postings of the ``2d + 1`` rarest ones only (by
``df``), and of those only units of a length that can score ``t`` % (a range
of the key); SQLite counts the shared bigrams per unit, and the
:data:`MAX_CANDIDATES` that share most are scored with rapidfuzz. The cost
depends on the postings of a sentence's rarest bigrams, not on the memory's
size. Many queries go in a few statements (:meth:`MemoryIndex.fuzzy_many`).
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

MAX_CANDIDATES = 64
SCHEMA_VERSION = "2"

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
CREATE TABLE IF NOT EXISTS grams (
    gram INTEGER NOT NULL, ntok INTEGER NOT NULL, unit INTEGER NOT NULL,
    PRIMARY KEY (gram, ntok, unit)
) WITHOUT ROWID;
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
            _make_cache_dir(self.path.parent)
            try:
                conn = self._open()
            except sqlite3.OperationalError as err:  # locked, not a file, no permission: not ours to replace
                raise L10nError(f"cannot open the memory index ({err})", path=self.path) from None
            except sqlite3.DatabaseError:
                # A cache: an unreadable or outdated index is replaced and rebuilt from the catalogs.
                if self.path.exists() and not self.path.is_file():
                    raise L10nError("the memory index is not a regular file", path=self.path) from None
                for leftover in (self.path, self.path.with_name(self.path.name + "-journal")):
                    leftover.unlink(missing_ok=True)
                try:
                    conn = self._open()
                except sqlite3.DatabaseError as err:
                    raise L10nError(f"cannot create the memory index ({err})", path=self.path) from None
            self._conn = conn
        return self._conn

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the postings B-tree is written in bulk
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.executescript(_SCHEMA)
            version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None:
                conn.execute("INSERT INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
            elif version[0] != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema version {version[0]}, expected {SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        return conn

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
        pairs = list(pairs)
        if not pairs:
            return 0
        conn = self.conn
        unit = conn.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0]
        rows = []
        gram_rows: list[tuple[int, int, int]] = []
        df: Counter[int] = Counter()
        for source, target in pairs:
            source = same_english(source)
            toks = self.tokenize(source)
            unit += 1
            ntok = len(toks.tokens)
            rows.append((unit, lang, origin, kind, source, target, SEP.join(toks.tokens), SEP.join(toks.placeables),
                         ntok))
            for g in grams(lang, toks.tokens):
                gram_rows.append((g, ntok, unit))
                df[g] += 1
        conn.executemany("INSERT INTO units (id, lang, origin, kind, source, target, tokens, placeables, ntok)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        added = len(rows)
        gram_rows.sort()  # in key order: the B-tree is filled from one end, not at random
        conn.executemany("INSERT OR IGNORE INTO grams VALUES (?, ?, ?)", gram_rows)
        conn.executemany("INSERT INTO df VALUES (?, ?) ON CONFLICT (gram) DO UPDATE SET n = n + excluded.n",
                         sorted(df.items()))
        return added

    def remove(self, ids: Sequence[int]) -> None:
        """Remove units by id, with their postings."""
        if not ids:
            return
        conn = self.conn
        df: Counter[int] = Counter()
        gram_rows = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ", ".join("?" * len(chunk))
            for unit, lang, tokens, ntok in conn.execute(
                    f"SELECT id, lang, tokens, ntok FROM units WHERE id IN ({marks})", chunk):
                for g in grams(lang, _split(tokens)):
                    gram_rows.append((g, ntok, unit))
                    df[g] += 1
            conn.execute(f"DELETE FROM units WHERE id IN ({marks})", chunk)
        conn.executemany("DELETE FROM grams WHERE gram = ? AND ntok = ? AND unit = ?", gram_rows)
        conn.executemany("UPDATE df SET n = n - ? WHERE gram = ?", [(n, g) for g, n in sorted(df.items())])
        conn.executemany("DELETE FROM df WHERE gram = ? AND n <= 0", [(g,) for g in sorted(df)])

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
        return self.fuzzy_many(lang, [(english, exclude)], threshold, limit)[0]

    def fuzzy_many(self, lang: str, queries: Sequence[tuple[str, str | None]], threshold: int,
                   limit: int = 5) -> list[list[Match]]:
        """:meth:`fuzzy` for many (English, excluded document) queries in a few SQL statements."""
        prepared = []
        wanted: dict[int, int] = {}
        for english, exclude in queries:
            english = same_english(english)
            query = self.tokenize(english)
            n = len(query.tokens)
            keys = grams(lang, query.tokens) if n else []
            lo, hi = length_range(n, threshold) if n else (0, -1)
            need = 2 * max_distance(n, threshold) + 1
            prepared.append((english, exclude, query, keys, lo, hi, need))
            for key in keys:
                wanted[key] = 0
        counts = self._df(list(wanted))
        plan = []  # (query number, gram, lo, hi)
        for number, (_e, _x, _q, keys, lo, hi, need) in enumerate(prepared):
            chosen = keys if need >= len(keys) else sorted(keys, key=lambda g: counts.get(g, 0))[:need]
            plan += [(number, g, lo, hi) for g in chosen if 0 < counts.get(g, 0)]
        shared: dict[int, Counter[int]] = {}
        conn = self.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS lookup (q INTEGER, gram INTEGER, lo INTEGER, hi INTEGER)")
        conn.execute("DELETE FROM temp.lookup")
        conn.executemany("INSERT INTO temp.lookup VALUES (?, ?, ?, ?)", plan)
        for number, unit, count in conn.execute(
                "SELECT l.q, g.unit, count(*) FROM temp.lookup AS l"
                " JOIN grams AS g ON g.gram = l.gram AND g.ntok BETWEEN l.lo AND l.hi"
                " GROUP BY l.q, g.unit"):
            found_for = shared.get(number)
            if found_for is None:
                found_for = shared[number] = Counter()
            found_for[unit] = count
        conn.execute("DELETE FROM temp.lookup")
        best = {number: [u for u, _ in c.most_common(MAX_CANDIDATES)] for number, c in shared.items()}
        units = self._units({u for ids in best.values() for u in ids})
        results = []
        for number, (english, exclude, query, _k, _lo, _hi, _n) in enumerate(prepared):
            found = []
            for unit_id in best.get(number, ()):
                source, target, origin, kind, tokens = units[unit_id]
                if kind == "po" and origin == exclude and source == english:
                    continue
                score = percent(query, tokens, source == english, threshold)
                if score >= threshold:
                    found.append(Match(score, Unit(source, target, origin, kind)))
            found.sort(key=lambda m: (-m.percent, m.unit.kind == "tmx", m.unit.origin, m.unit.source))
            results.append(found[:limit])
        return results

    def _units(self, ids: set[int]) -> dict[int, tuple]:
        out: dict[int, tuple] = {}
        listed = list(ids)
        for start in range(0, len(listed), 500):
            chunk = listed[start:start + 500]
            for row in self.conn.execute(
                    f"SELECT id, source, target, origin, kind, tokens, placeables FROM units"
                    f" WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
                out[row[0]] = (*row[1:5], Tokens(_split(row[5]), _split(row[6])))
        return out

    def _df(self, keys: list[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            counts.update(self.conn.execute(
                f"SELECT gram, n FROM df WHERE gram IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
        return counts

    def exact_many(self, lang: str, queries: Sequence[tuple[str, str | None]]) -> list[list[Unit]]:
        """:meth:`exact` for many (English, excluded document) queries."""
        texts = list(dict.fromkeys(same_english(e) for e, _ in queries))
        found: dict[str, list[Unit]] = {}
        for start in range(0, len(texts), 500):
            chunk = texts[start:start + 500]
            for row in self.conn.execute(
                    f"SELECT source, target, origin, kind FROM units WHERE lang = ?"
                    f" AND source IN ({', '.join('?' * len(chunk))}) ORDER BY kind = 'tmx', origin, id",
                    (lang, *chunk)):
                found.setdefault(row[0], []).append(Unit(*row))
        return [[u for u in found.get(same_english(e), []) if not (u.kind == "po" and u.origin == x)]
                for e, x in queries]

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


def _make_cache_dir(folder: Path) -> None:
    """The index's folder, ignored by git as a whole (its ``.gitignore`` is ``*``, itself included)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        from l10n.atomic import atomic_write_text

        atomic_write_text(ignore, "# l10n's cache (rebuilt from the catalogs when missing)\n*\n")
