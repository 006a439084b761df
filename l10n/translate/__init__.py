"""`l10n translate`: templates and catalogs updated, new segments drafted, files written safely.

- :mod:`l10n.translate.run` — the run: segment, merge, draft, write (under the project lock);
- :mod:`l10n.translate.drafting` — one language's drafts: memory first, then one engine call;
- :mod:`l10n.translate.memory` — drafts from the project memory (:mod:`l10n.memory`): exact, fuzzy, propagation;
- :mod:`l10n.translate.writing` — only changed files, merged again if an editor saved meanwhile;
- :mod:`l10n.translate.summary` — what a run reports.
"""

from l10n.translate.run import translate_paths, translate_project
from l10n.translate.summary import LanguageSummary, TranslateResult

__all__ = ["LanguageSummary", "TranslateResult", "translate_paths", "translate_project"]
