"""Writing a run's templates and catalogs: only what changed, never over a translator's save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.catalog.files import CatalogChangedError, CatalogFile, read_catalog, write_catalog
from l10n.catalog.model import dump
from l10n.catalog.rebase import rebase_drafts
from l10n.errors import L10nError
from l10n.languages import LanguageInfo


@dataclass
class Pending:
    """A file to write if its new text differs from what was read."""

    path: Path
    old: CatalogFile | None
    po: polib.POFile
    date_key: str | None  # header date set to now when the file changes
    template: polib.POFile | None = None  # for a catalog: to merge again if an editor saved it meanwhile
    info: LanguageInfo | None = None
    written: tuple[polib.POFile, str] | None = None  # set when written: the catalog and the text put on disk


def write_changed(pending: list[Pending], stamp: str) -> list[Path]:
    """Write each file whose content changed (dating it now); leave the others untouched."""
    written = []
    for item in pending:
        if same_content(item.old, dump(item.po)):
            continue
        if item.date_key is not None:
            item.po.metadata[item.date_key] = stamp
        _write_checked(item, stamp)
        written.append(item.path)
    return written


def same_content(old: CatalogFile | None, text: str) -> bool:
    """True if ``text`` says what the file as read says (byte-equal, or equal once re-serialized:
    a file an editor saved with its own line wrapping is left alone when nothing changed)."""
    return old is not None and (text == old.text or text == dump(old.po))


def _write_checked(item: Pending, stamp: str, attempts: int = 5) -> None:
    """Write unless the file changed on disk since it was read; then merge the saved file again.

    A template is derived from its article only, so it is simply rewritten. A
    catalog the translator saved is re-read (strictly: a malformed save stops
    the run with its path:line, and nothing is written over it) and merged
    with the template; the run's drafts fill only what is still untranslated.
    """
    if item.template is None or item.info is None:
        write_catalog(item.path, dump(item.po), read_digest=None, check=False)
        return
    text = dump(item.po)
    try:
        write_catalog(item.path, text, read_digest=item.old.digest if item.old else None)
        item.written = (item.po, text)
        return
    except CatalogChangedError:
        pass
    for _ in range(attempts):
        saved = read_catalog(item.path)
        if saved is None:  # deleted meanwhile (a checkout?): write all the run has, so nothing is lost
            po = item.po
        else:
            before = item.old.po if item.old else None
            po = rebase_drafts(saved.po, item.template, item.info, item.po, before)
        po.metadata["PO-Revision-Date"] = stamp
        text = dump(po)
        try:
            write_catalog(item.path, text, read_digest=saved.digest if saved else None)
            item.written = (po, text)
            return
        except CatalogChangedError:
            continue
    raise L10nError("keeps changing on disk while l10n writes it; close the editor and run again", path=item.path)
