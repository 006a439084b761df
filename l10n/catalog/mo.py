"""Compile catalogs to binary .mo files with Babel, the way GNU msgfmt does.

Babel's ``write_mo`` writes the messages. Each file is read once
(:func:`l10n.catalog.files.load_catalog`: strict, errors with a line); its
text is then given to Babel's ``PoFileParser``, which builds the catalog
``write_mo`` takes. Three details make the result match ``msgfmt`` (without
``--use-fuzzy``):

- the header entry is written verbatim as it is in the .po (Babel would
  regenerate it from its own fields and add ``Generated-By``);
- fuzzy and untranslated entries are left out; a plural entry counts as
  translated when any of its forms is (msgfmt's rule);
- the original strings are sorted by their bytes in the .mo (``msgctxt\x04msgid``),
  as the format requires: with no hash table, GNU libintl finds a message by
  binary search over them (Babel sorts by msgid, then context).

One known difference: in a plural entry with some empty forms, msgfmt writes the
empty strings, Babel writes the English (msgid or msgid_plural) in their place.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.atomic import atomic_write_bytes, remove_leftover_temps
from l10n.catalog.files import CatalogFile, load_catalog
from l10n.errors import L10nError
from l10n.languages import catalog_language, split_languages


@dataclass(frozen=True)
class CompileResult:
    po_path: Path
    mo_path: Path
    translated: int
    fuzzy: int
    untranslated: int
    language: str | None = None

    def as_dict(self) -> dict:
        """The ``compile --json`` record."""
        return {"po": str(self.po_path), "mo": str(self.mo_path), "translated": self.translated,
                "fuzzy": self.fuzzy, "untranslated": self.untranslated, "language": self.language}


def _verbatim_catalog_class():
    from babel.messages.catalog import Catalog, Message

    class MoOrderMessage(Message):
        """A message that sorts by its .mo key (context, EOT, msgid), as libintl searches."""

        def __cmp__(self, other: object) -> int:
            def key(obj):
                msgid = obj.id[0] if obj.pluralizable else obj.id
                return f"{obj.context}\x04{msgid}" if obj.context else msgid

            mine, theirs = key(self), key(other)
            return (mine > theirs) - (mine < theirs)

    class VerbatimHeaderCatalog(Catalog):
        """A Babel catalog whose header message is the .po's header text, unchanged."""

        raw_header: str = ""
        header_fuzzy: bool = False

        def __setitem__(self, id, message):
            if not id:
                self.raw_header = message.string
                self.header_fuzzy = message.fuzzy
            super().__setitem__(id, message)

        def __iter__(self) -> Iterator[Message]:
            flags = {"fuzzy"} if self.header_fuzzy else set()
            yield Message("", self.raw_header, flags=flags)
            for key in self._messages:
                m = self._messages[key]
                yield MoOrderMessage(m.id, m.string, flags=m.flags, context=m.context)

    return VerbatimHeaderCatalog


def babel_catalog(text: str, path: str | Path = "<catalog>"):
    """Parse (already validated) .po ``text`` into a Babel catalog that keeps the header verbatim."""
    from babel.messages.pofile import PoFileError, PoFileParser

    catalog = _verbatim_catalog_class()()
    parser = PoFileParser(catalog, ignore_obsolete=True, abort_invalid=True)
    try:
        parser.parse(io.StringIO(text))
    except PoFileError as err:
        raise L10nError(str(err), path, getattr(err, "lineno", None)) from None
    return catalog


def compiled_messages(catalog) -> list:
    """The messages msgfmt would write: complete, non-fuzzy translations (header always)."""
    kept = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy or not any(strings):
            continue
        kept.append(message)
    return kept


def mo_bytes(text: str, path: str | Path = "<catalog>") -> tuple[bytes, tuple[int, int, int]]:
    """Compile .po ``text``; return the .mo bytes and (translated, fuzzy, untranslated) counts."""
    from babel.messages.mofile import write_mo

    catalog = babel_catalog(text, path)
    kept = compiled_messages(catalog)
    keep = {_key(m) for m in kept}  # a set: a list lookup made 20k entries take minutes
    everything = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in everything if m.fuzzy and _key(m) not in keep)
    for message in everything:
        if _key(message) not in keep:
            catalog.delete(message.id, context=message.context)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=True)  # our own filter above decided what goes in
    return buf.getvalue(), (len(kept), fuzzy, len(everything) - len(kept) - fuzzy)


def _key(message) -> tuple:
    return (message.context, message.id)


def compile_catalog(po_path: str | Path, mo_path: str | Path | None = None) -> CompileResult:
    """Compile the catalog at ``po_path`` to ``mo_path`` (default: next to it, ``.mo``), atomically."""
    return _compile(load_catalog(po_path), mo_path)


def _compile(catalog: CatalogFile, mo_path: str | Path | None = None) -> CompileResult:
    data, (translated, fuzzy, untranslated) = mo_bytes(catalog.text, catalog.path)
    mo_path = Path(mo_path) if mo_path is not None else catalog.path.with_suffix(".mo")
    remove_leftover_temps(mo_path.parent, (".mo",))  # of a compile that was killed (never a live one's)
    atomic_write_bytes(mo_path, data)
    return CompileResult(catalog.path, mo_path, translated, fuzzy, untranslated,
                         catalog_language(catalog.po.metadata, catalog.path))


def compile_paths(paths=(), *, lang: str | Sequence[str] | None = None, cwd: str | Path = ".") -> list[CompileResult]:
    """``l10n compile``: every catalog of PATHS (.po files or folders; default: the project's)."""
    from l10n.check.runner import collect_catalogs

    wanted = split_languages([lang] if isinstance(lang, str) else lang) or None
    results = []
    for path in collect_catalogs(paths, cwd):
        catalog = load_catalog(path)
        if wanted is not None and catalog_language(catalog.po.metadata, path) not in wanted:
            continue
        results.append(_compile(catalog))
    if not results:
        raise L10nError("no catalogs to compile" + (f" for language {','.join(wanted)!r}" if wanted else ""))
    return results
