"""Quality checks: small check functions (:mod:`~l10n.check.checks`), numbers in CLDR spelling
(:mod:`~l10n.check.numbers`), and the runner over catalog files (:mod:`~l10n.check.runner`)."""
