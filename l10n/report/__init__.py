"""Reports over a project: review status per article and language (:mod:`~l10n.report.status`)
and how much translators changed the machine drafts (:mod:`~l10n.report.postedit`)."""
