"""What the review page's buttons do to the catalog on disk: save, approve, revert to the machine draft.

Each action is one write through the catalog writer that ``translate`` uses
(:func:`l10n.catalog.files.write_catalog`: atomic, never over a file saved in
between), with the project lock held for that write only. The catalog is read
just before the change; if an editor (Poedit) saves it between that read and the
write, the digest differs, the saved file is read again and the one change is
applied to it, so both edits survive. If the entry the reviewer changed is no
longer as the page showed it (its translation, ``fuzzy`` flag, previous English or
provenance: :func:`l10n.review.page.shown_state`; another tab approved it, an
editor changed it), the action is refused and nothing is written.

States (DESIGN.md): save keeps the entry a draft (``fuzzy``; a stale entry keeps
its ``#| msgid``), approve makes it reviewed (``fuzzy`` and ``#|`` cleared, and
the provenance comment says ``reviewed (was: machine draft, <engine>)``, which
``l10n postedit`` reads), revert puts the raw machine draft back as a draft. The
draft store is only read: the raw draft stays, so ``postedit`` measures what was
reviewed here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

import polib

from l10n.catalog.files import CatalogChangedError, read_catalog, write_catalog
from l10n.catalog.model import (
    PROVENANCE_PREFIX, dump, entry_state, format_date, is_fuzzy, provenance, set_provenance, translation_text,
)
from l10n.errors import L10nError
from l10n.lock import project_lock
from l10n.project import Document
from l10n.review.page import catalog_entries, machine_draft, shown_state
from l10n.review.session import ReviewSession
from l10n.store import DraftStore

ACTIONS = ("save", "approve", "revert")
REVIEWED_NOTE = "reviewed"
MAX_TEXT = 100_000

#: The project lock is per process and nests; requests run in threads, so they also take this one in turn.
_writes = threading.Lock()


class ConflictError(L10nError):
    """The entry changed on disk since the page showed it (another editor's save).

    ``theirs`` is the entry as it is on disk now (its translation, state and
    :func:`~l10n.review.page.shown_state`), for the page to show beside the
    reviewer's text; None when the entry is gone."""

    def __init__(self, message: str, path=None, theirs: dict | None = None):
        super().__init__(message, path)
        self.theirs = theirs


@dataclass(frozen=True)
class Change:
    action: str
    msgid: str
    text: str = ""  # the translation box's text (save, approve)
    base: str | None = None  # the entry's state as the page showed it (page.shown_state); None: do not compare


def apply(session: ReviewSession, doc: Document, lang: str, change: Change, attempts: int = 5) -> None:
    """Apply ``change`` to the catalog of ``doc`` in ``lang`` on disk (see the module docstring)."""
    if change.action not in ACTIONS:
        raise L10nError(f"unknown action {change.action!r} (one of {', '.join(ACTIONS)})")
    if len(change.text) > MAX_TEXT:
        raise L10nError("the translation is too long")
    check_text(change.text)
    path = session.po_path(doc, lang)
    draft = None
    if change.action == "revert":
        draft = machine_draft(DraftStore(session.project.store_path), doc.name, lang, None, change.msgid)
    with _writes, project_lock(session.project.root, wait=10):
        for _ in range(attempts):
            found = read_catalog(path)
            if found is None:
                raise L10nError("no catalog yet: run `l10n translate` first", path=path)
            entry = catalog_entries(found.po).get(change.msgid)
            if entry is None or entry.msgid_plural:
                raise ConflictError("this segment is not (or no longer) in the catalog: reload the page", path=path)
            if change.base is not None and shown_state(entry) != change.base:
                theirs = {"translation": translation_text(entry), "state": entry_state(entry),
                          "base": shown_state(entry)}
                raise ConflictError("this segment was changed in another tab or editor since the page showed it "
                                    "(edited, approved or reverted there); nothing was written: your text is kept, "
                                    "their version is shown below it", path=path, theirs=theirs)
            _change(entry, change, draft)
            found.po.metadata["PO-Revision-Date"] = format_date(datetime.now(UTC))
            try:
                write_catalog(path, dump(found.po), read_digest=found.digest)
                return
            except CatalogChangedError:
                continue  # saved by an editor between our read and write: apply the change to its file
    raise L10nError("keeps changing on disk; close the other editor and try again", path=path)


_CONTROL_NAMES = {0: "NUL", 4: "EOT", 8: "backspace", 11: "vertical tab", 12: "form feed", 27: "ESC"}


def check_text(text: str) -> None:
    """Refuse a translation a catalog cannot hold: a C0 control character (but a line break or tab: CR is
    made LF) or a lone surrogate (half of a character, from a broken copy). Nothing is written then."""
    for at, char in enumerate(text):
        code = ord(char)
        if (code < 0x20 and char not in "\n\t\r") or code == 0x7F:
            name = _CONTROL_NAMES.get(code, "control character")
            raise L10nError(f"the translation contains an invisible control character U+{code:04X} ({name}) at "
                            f"character {at + 1}, which a catalog cannot hold: delete it (retype that spot) and "
                            "save again; nothing was written")
        if 0xD800 <= code <= 0xDFFF:
            raise L10nError(f"the translation contains half of a character (lone surrogate U+{code:04X}) at "
                            f"character {at + 1}, from a broken copy: paste or type that spot again; nothing "
                            "was written")


def _change(entry: polib.POEntry, change: Change, draft) -> None:
    text = change.text.replace("\r\n", "\n").replace("\r", "\n")
    if change.action == "save":
        entry.msgstr = text
        if not text:  # cleared: untranslated
            _drop_fuzzy(entry)
            entry.previous_msgid = None
        elif not is_fuzzy(entry):
            entry.flags.insert(0, "fuzzy")
        said = provenance(entry) or ""
        if text and entry.previous_msgid is None and said.startswith(REVIEWED_NOTE):
            # A draft again: it no longer says "reviewed" (a stale entry keeps it, as merge writes it).
            was = said[len(REVIEWED_NOTE):].strip()
            _set_or_drop_provenance(entry, was[len("(was: "):-1] if was.startswith("(was: ") and was.endswith(")")
                                    else None)
    elif change.action == "approve":
        if not text.strip():
            raise L10nError("an empty translation cannot be approved")
        entry.msgstr = text
        _drop_fuzzy(entry)
        entry.previous_msgid = None
        entry.previous_msgctxt = None
        said = provenance(entry)
        if said is None:
            set_provenance(entry, REVIEWED_NOTE)
        elif not said.startswith(REVIEWED_NOTE):
            set_provenance(entry, f"{REVIEWED_NOTE} (was: {said})")
    else:  # revert
        if draft is None:
            raise L10nError("no machine draft of this segment in the draft store")
        entry.msgstr = draft.draft
        if not is_fuzzy(entry):
            entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = None
        set_provenance(entry, f"machine draft, {draft.origin}")


def _set_or_drop_provenance(entry: polib.POEntry, text: str | None) -> None:
    if text:
        set_provenance(entry, text)
    else:
        lines = (entry.tcomment or "").split("\n")
        entry.tcomment = "\n".join(ln for ln in lines if not ln.startswith(PROVENANCE_PREFIX))


def _drop_fuzzy(entry: polib.POEntry) -> None:
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
