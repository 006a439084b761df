"""A small SQLite store of raw drafts, next to the catalogs (``locales/.l10n/drafts.sqlite``).

One row per (document, language, English segment, origin): the draft exactly
as the engine (or translation memory) produced it, its score and when. It lets
a re-run reuse drafts instead of translating again, tells a human's edit from
an untouched draft, and keeps the material for post-edit measurements.

Reading never creates the file; only :meth:`DraftStore.record` does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from l10n.errors import L10nError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    doc     TEXT NOT NULL,
    lang    TEXT NOT NULL,
    msgid   TEXT NOT NULL,
    origin  TEXT NOT NULL,
    draft   TEXT NOT NULL,
    score   REAL,
    created TEXT NOT NULL,
    PRIMARY KEY (doc, lang, msgid, origin)
);
CREATE INDEX IF NOT EXISTS drafts_by_text ON drafts (lang, msgid, origin);
"""


@dataclass(frozen=True)
class StoredDraft:
    doc: str
    lang: str
    msgid: str
    origin: str
    draft: str
    score: float | None = None
    created: str = ""


class DraftStore:
    """The draft store at ``path``. Each method opens and closes its own connection."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def record(self, drafts: Iterable[StoredDraft], now: datetime | None = None) -> None:
        """Add drafts (a new draft text for the same key and origin replaces the old one)."""
        rows = list(drafts)
        if not rows:
            return
        stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect(create=True) as conn:
            conn.executemany(
                "INSERT INTO drafts (doc, lang, msgid, origin, draft, score, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (doc, lang, msgid, origin) DO UPDATE SET"
                "   draft = excluded.draft, score = excluded.score, created = excluded.created"
                " WHERE drafts.draft IS NOT excluded.draft",
                [(d.doc, d.lang, d.msgid, d.origin, d.draft, d.score, d.created or stamp) for d in rows],
            )

    def create(self) -> None:
        """Create the file and its table now if missing, so that threads sharing it never read it half-made."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect(create=True):
            pass

    def cached(self, lang: str, origin: str, msgids: Iterable[str]) -> dict[str, StoredDraft]:
        """Drafts already made by ``origin`` for these English segments (any document)."""
        wanted = list(dict.fromkeys(msgids))
        found: dict[str, StoredDraft] = {}
        if not wanted or not self.path.exists():
            return found
        with self._connect() as conn:
            for msgid in wanted:
                row = conn.execute(
                    "SELECT * FROM drafts WHERE lang = ? AND msgid = ? AND origin = ?"
                    " ORDER BY created DESC, rowid DESC LIMIT 1",
                    (lang, msgid, origin),
                ).fetchone()
                if row is not None:
                    found[msgid] = _row(row)
        return found

    def drafts_for(self, doc: str, lang: str, msgid: str) -> list[StoredDraft]:
        """Every stored draft of one segment of one document, newest first."""
        if not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM drafts WHERE doc = ? AND lang = ? AND msgid = ?"
                " ORDER BY created DESC, rowid DESC",
                (doc, lang, msgid),
            ).fetchall()
        return [_row(r) for r in rows]

    def drafts_in(self, languages: Iterable[str]) -> list[StoredDraft]:
        """Every stored draft of these languages, oldest first (one query; for post-edit reports)."""
        langs = list(dict.fromkeys(languages))
        if not langs or not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT * FROM drafts WHERE lang IN ({', '.join('?' * len(langs))}) ORDER BY created, rowid",
                langs,
            ).fetchall()
        return [_row(r) for r in rows]

    def english_by_draft(self, doc: str, lang: str, drafts: Iterable[str]) -> dict[str, list[str]]:
        """For each of ``drafts``: the English segments of one document for which exactly that text
        was stored, newest first (one query; drafts never stored are left out)."""
        wanted = set(drafts)
        if not wanted or not self.path.exists():
            return {}
        found: dict[str, list[str]] = {}
        with self._connect() as conn:
            for row in conn.execute(
                "SELECT draft, msgid FROM drafts WHERE doc = ? AND lang = ? ORDER BY created DESC, rowid DESC",
                (doc, lang),
            ):
                if row["draft"] in wanted and row["msgid"] not in found.setdefault(row["draft"], []):
                    found[row["draft"]].append(row["msgid"])
        return found

    def is_untouched_draft(self, doc: str, lang: str, msgid: str, msgstr: str) -> bool:
        """True if ``msgstr`` is exactly a draft the toolkit made (so no person has edited it)."""
        return any(d.draft == msgstr for d in self.drafts_for(doc, lang, msgid))

    def _connect(self, create: bool = False) -> _Connection:
        return _Connection(self.path, create)


class _Connection:
    """Context manager: a connection that commits on success and always closes."""

    def __init__(self, path: Path, create: bool):
        self.path = path
        self.create = create
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        _check_inside(self.path)
        try:
            if self.create:
                self.conn = sqlite3.connect(self.path)
                self.conn.executescript(_SCHEMA)
            else:
                self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("SELECT count(*) FROM drafts").fetchone()
        except sqlite3.DatabaseError as err:
            self._close()
            raise L10nError(f"draft store unreadable ({err}); move it away to start a new one", path=self.path) from None
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.conn is not None
        try:
            if exc_type is None:
                self.conn.commit()
        except sqlite3.Error as err:  # disk full, read-only file system, ...
            raise L10nError(f"cannot write the draft store: {err}", path=self.path) from None
        finally:
            self._close()
        if exc_type is not None and issubclass(exc_type, sqlite3.Error):
            raise L10nError(f"draft store: {exc}", path=self.path) from None

    def _close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _check_inside(path: Path) -> None:
    """The store is the project's own file: a symbolic link (to another project, a device, a
    file elsewhere) is refused, as a FIFO or device in place of a catalog is."""
    for part in (path, path.parent):
        if part.is_symlink():
            raise L10nError("the draft store is behind a symbolic link; l10n keeps it inside the project "
                            "(replace the link with the file or folder itself)", path=part)
    if path.exists() and not path.is_file():
        raise L10nError("the draft store is not a regular file", path=path)


def _row(row: sqlite3.Row) -> StoredDraft:
    return StoredDraft(
        doc=row["doc"], lang=row["lang"], msgid=row["msgid"], origin=row["origin"],
        draft=row["draft"], score=row["score"], created=row["created"],
    )
