"""Machine translation engines: a small interface and the Argos/CTranslate2 engine."""

from l10n.engine.base import Draft, Engine, ProgressCallback

__all__ = ["Draft", "Engine", "ProgressCallback"]
