"""Test doubles. FakeEngine implements the Engine protocol deterministically and counts calls."""

from __future__ import annotations

from collections.abc import Sequence

from l10n.engine.base import Draft, ProgressCallback


class FakeEngine:
    """Drafts ``"[<target>] " + text``; records every call (for zero-call assertions)."""

    def __init__(self, target: str = "az", source: str = "en", origin: str | None = None):
        self.source = source
        self.target = target
        self.origin = origin or f"fake translate-{source}_{target} 1.0"
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[Draft]:
        texts = list(texts)
        self.calls.append(texts)
        out = []
        for i, text in enumerate(texts):
            out.append(Draft(f"[{self.target}] {text}", score=-0.5))
            if progress is not None:
                progress(i + 1, len(texts))
        return out


class FakeEngines:
    """An engine factory for ``translate_project``: one FakeEngine per target language."""

    def __init__(self, origin: str | None = None):
        self.origin = origin
        self.engines: dict[str, FakeEngine] = {}

    def __call__(self, target: str) -> FakeEngine:
        if target not in self.engines:
            origin = None if self.origin is None else self.origin.format(target=target)
            self.engines[target] = FakeEngine(target, origin=origin)
        return self.engines[target]

    @property
    def calls(self) -> int:
        return sum(len(e.calls) for e in self.engines.values())
