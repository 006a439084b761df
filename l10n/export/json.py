"""The ``json`` export: every segment with its source, translation, state and output."""

from __future__ import annotations

import json
from collections.abc import Sequence

from l10n.export.pieces import Piece, reviewed_count


def render_json(doc: str, lang: str, source: str, pieces: Sequence[Piece], fallback: str) -> str:
    reviewed, total = reviewed_count(pieces)
    data = {
        "document": doc,
        "lang": lang,
        "source": source,
        "fallback": fallback,
        "reviewed": reviewed,
        "total": total,
        "segments": [
            {
                "index": i,
                "paragraph": p.segment.paragraph,
                "heading": p.segment.heading,
                "line": p.segment.line,
                "source": p.segment.text,
                "translation": p.translation or None,
                "state": p.state,
                "output": p.output,
            }
            for i, p in enumerate(pieces)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
