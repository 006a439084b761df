"""l10n: localize English news articles into Azerbaijani and Russian."""

__version__ = "0.1.0"
