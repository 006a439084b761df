"""A check across catalogs: the same English reviewed differently in two places.

Translation memory offers one translation per English sentence; when two
articles have the sentence reviewed in two ways, one of them is probably an
older wording (or a mistake), and memory would offer whichever it finds first.
Each such entry gets a finding naming the other place and its translation.
Catalogs of different languages are never compared; entries with a msgctxt
(a variant on purpose) and plural entries are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import polib

from l10n.catalog.model import REVIEWED, active_entries, entry_state
from l10n.check.checks import Finding

NAME = "inconsistent"


def check_consistency(catalogs: Iterable[tuple[str, str, polib.POFile]]) -> list[Finding]:
    """Findings for ``(shown path, language, catalog)`` triples (see the module docstring)."""
    seen: dict[tuple[str, str], dict[str, list[tuple[str, int]]]] = defaultdict(dict)
    for path, lang, po in catalogs:
        for entry in active_entries(po):
            if entry.msgid_plural or entry.msgctxt is not None or entry_state(entry) != REVIEWED:
                continue
            seen[(lang, entry.msgid)].setdefault(entry.msgstr, []).append((path, entry.linenum))
    findings = []
    for (lang, msgid), versions in seen.items():
        if len(versions) < 2:
            continue
        for text, places in versions.items():
            other_text, other_places = next((t, p) for t, p in versions.items() if t != text)
            where = f"{other_places[0][0]}:{other_places[0][1]}"
            more = f" (and {len(versions) - 2} other wording(s))" if len(versions) > 2 else ""
            for path, line in places:
                findings.append(Finding(path, line, NAME, f"the same English is reviewed differently in {where}: "
                                        f"{_short(other_text)!r}{more}", REVIEWED, msgid, lang))
    findings.sort(key=lambda f: (f.path, f.line))
    return findings


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
