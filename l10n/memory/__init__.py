"""Project translation memory: an index of every reviewed entry and imported TMX unit, fuzzy matches.

- :mod:`l10n.memory.normalize`: English as compared tokens (numbers, tags, glossary terms) and bigrams;
- :mod:`l10n.memory.fuzzy`: the match percentage (word-level edit similarity; the formula);
- :mod:`l10n.memory.index`: the SQLite index and its sub-linear lookup;
- :mod:`l10n.memory.sync`: catalogs and imported files -> index, incrementally;
- :mod:`l10n.memory.carry`: numbers carried from a fuzzy match to the new English;
- :mod:`l10n.memory.tmx`: TMX 1.4b read and write;
- :mod:`l10n.memory.api`: :func:`matches` (for the review page), import, export, stats.
"""

from l10n.memory.api import export_tmx, import_tmx, matches, memory_stats
from l10n.memory.index import Match

__all__ = ["Match", "export_tmx", "import_tmx", "matches", "memory_stats"]
