"""Machine translation engines: a small interface and the Argos/CTranslate2 engine."""

from l10n.engine.base import (
    Draft,
    Engine,
    LongSegmentWarning,
    ProgressCallback,
    SegmentWarning,
    TruncatedDraftWarning,
)

__all__ = [
    "Draft",
    "Engine",
    "LongSegmentWarning",
    "ProgressCallback",
    "SegmentWarning",
    "TruncatedDraftWarning",
]
