"""Language codes: the one normaliser, CLDR names and plural forms, a catalog's language.

Every command that takes a language (``--to``, ``--lang``, ``l10n.toml``), and
every reader that finds one in a catalog, goes through :func:`normalize_language`
or :func:`catalog_language`, so ``RU``, ``ru`` and ``ru_ru`` mean the same
everywhere and a code Babel (CLDR) does not know is an :class:`L10nError`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import L10nError

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    plural_forms: str


def language_info(lang: str) -> LanguageInfo:
    """English name and CLDR Plural-Forms (via Babel) of a language code; L10nError if unknown."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        raise L10nError(f"unknown language code {lang!r}") from None
    return LanguageInfo(code=lang, name=locale.english_name or lang, plural_forms=str(get_plural(lang)))


def normalize_language(code: str, path: Path | None = None) -> str:
    """``code`` in gettext's spelling if Babel (CLDR) knows it, else L10nError naming ``path``.

    ``RU`` -> ``ru``, ``ru_ru`` -> ``ru_RU``; an ISO 639-2/3 code that CLDR
    aliases to a two-letter one is that code (``rus`` -> ``ru``, ``aze`` ->
    ``az``: Babel alone made them ``ru_RU`` and ``az_Latn_AZ``, locales no
    project has). An unknown code names the closest of the toolkit's
    languages when there is one (``unknown language code 'rx' (did you mean ru?)``).
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    text = code.strip()
    alias = get_global("language_aliases").get(text.lower()) if "_" not in text and "-" not in text else None
    if alias and len(alias) == 2 and alias.isalpha():
        text = alias
    try:
        return str(Locale.parse(text))
    except (UnknownLocaleError, ValueError):
        raise L10nError(f"unknown language code {code!r}" + _did_you_mean(code), path=path) from None


#: The languages the toolkit is made for; an unknown code is compared with these.
KNOWN_TARGETS = ("az", "ru")


def _did_you_mean(code: str) -> str:
    import difflib

    close = difflib.get_close_matches(code.strip().lower()[:8], KNOWN_TARGETS, n=1, cutoff=0.5)
    return f" (did you mean {close[0]}?)" if close else ""


def split_languages(values: Sequence[str] | None) -> list[str]:
    """``["az,ru", "tr"]`` -> ``["az", "ru", "tr"]`` (order kept, duplicates dropped; unknown codes: L10nError)."""
    out: list[str] = []
    for value in values or []:
        for code in value.split(","):
            code = code.strip()
            code = normalize_language(code) if code else ""
            if code and code not in out:
                out.append(code)
    return out


def base_language(code: str) -> str:
    """``ru_RU`` -> ``ru``, ``az-Latn`` -> ``az``, ``sr@latin`` -> ``sr``."""
    return re.split(r"[_\-@.]", code, maxsplit=1)[0].lower()


def catalog_language(metadata: dict[str, str], path: Path) -> str | None:
    """The catalog's ``Language`` header, else ``<lang>`` of ``.../<lang>/LC_MESSAGES/x.po``.

    A header that only adds a region or script to the folder's language (Poedit's
    ``ru_RU``, ``az_Latn_AZ`` in ``locales/ru/``) gives the folder's code, the one the
    project, its glossary columns and ``--lang`` use.
    """
    header = (metadata.get("Language") or "").strip()
    folder = path.parent.parent.name if path.parent.name == "LC_MESSAGES" else None
    if header and folder and base_language(header) == base_language(folder):
        return folder
    return header or folder
