"""Export localized articles: the source layout rebuilt around the catalog's translations.

``export_paths`` is ``l10n export``; :mod:`l10n.export.plan` decides what is exported and
writes it, :mod:`l10n.export.text`, :mod:`l10n.export.html` and :mod:`l10n.export.json`
render the formats.
"""

from l10n.export.plan import (
    DEFAULT_MIN_REVIEWED,
    FALLBACKS,
    FORMATS,
    ExportResult,
    export_document,
    export_paths,
    export_project,
)

__all__ = ["DEFAULT_MIN_REVIEWED", "FALLBACKS", "FORMATS", "ExportResult", "export_document", "export_paths",
           "export_project"]
