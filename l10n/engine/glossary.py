"""The glossary-enforcing engine: an Engine wrapper that makes drafts respect the project glossary.

Terms a draft misses are translated again with the terms protected by
placeholder tokens (:mod:`l10n.engine.protect`); the glossary itself (terms,
file formats, inflection-tolerant matching) is :mod:`l10n.glossary`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.engine.base import Draft, Engine, ProgressCallback
from l10n.engine.protect import protect
from l10n.glossary import Glossary


@dataclass(frozen=True)
class GlossaryIssue:
    """A draft in which glossary terms did not come out as required (kept as drafted)."""

    index: int
    source: str
    missing: tuple[str, ...]

    def message(self, lang: str) -> str:
        return f"glossary terms not rendered in the {lang} draft: " + ", ".join(self.missing)


class GlossaryEngine:
    """An Engine wrapper that makes the underlying engine respect the glossary.

    ``strategy="retry"`` (default): translate the texts as they are; texts whose
    draft lacks a required rendering are translated again with their terms
    protected by placeholder tokens (l10n.engine.protect), and the protected result is
    used when every term then comes out intact. ``strategy="protect"``: protect
    terms on the first pass. Either way, a draft that still misses terms is kept
    (the draft with fewer missing terms, the unprotected one on a tie) and listed
    in ``issues`` (reset on every call), and the QA glossary check reports it.
    Translating as-is first keeps fluent, correctly inflected drafts whenever the
    model already gets the terms right.
    """

    def __init__(self, underlying: Engine, glossary: Glossary, strategy: str = "retry"):
        if strategy not in ("retry", "protect"):
            raise ValueError(f"unknown strategy {strategy!r}")
        self.underlying = underlying
        self.glossary = glossary
        self.strategy = strategy
        self.source = underlying.source
        self.target = underlying.target
        self.origin = f"{underlying.origin} +glossary"
        self.issues: list[GlossaryIssue] = []

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[Draft]:
        texts = list(texts)
        lang = self.target
        with_terms = [bool(self.glossary.find(t, lang)) for t in texts]
        drafts: list = [None] * len(texts)
        missing: list[list[str]] = [[] for _ in texts]
        if self.strategy == "retry":
            drafts = list(self.underlying.translate(texts, progress))
            missing = [self._missing(t, d.text) if w else [] for t, d, w in zip(texts, drafts, with_terms)]
            todo = [i for i, m in enumerate(missing) if m]
        else:
            todo = [i for i, w in enumerate(with_terms) if w]
            plain = [i for i, w in enumerate(with_terms) if not w]
            if plain:
                for i, d in zip(plain, self.underlying.translate([texts[i] for i in plain], progress)):
                    drafts[i] = d
        protected = [protect(texts[i], self.glossary, lang) for i in todo]
        second = self.underlying.translate([p.text for p in protected]) if todo else []
        for i, prot, draft in zip(todo, protected, second):
            restored, lost = prot.restore(draft.text)
            gone = self._missing(texts[i], restored)
            # a token the model dropped is fine if the rendering is there anyway; one left in is not
            gone += [s.term for s in lost if s.token in restored and s.term not in gone]
            if drafts[i] is None or len(gone) < len(missing[i]):
                drafts[i] = Draft(restored, draft.score)
                missing[i] = gone
        self.issues = [GlossaryIssue(i, texts[i], tuple(m)) for i, m in enumerate(missing) if m]
        return drafts

    def _missing(self, source: str, translation: str) -> list[str]:
        return [t.source for t in self.glossary.missing(source, translation, self.target)]
