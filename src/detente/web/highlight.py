"""The evidence sentence cut into pieces, with the actor, trigger, time and place spans marked.

The store keeps character offsets into the *document* text (the contract of
``detente extract``), so a mention's sentence is located in its document first
(the occurrence that contains the trigger), and the spans are shifted into it.
When the document text is unavailable or an offset does not match, a span's
words are searched in the sentence instead, so a highlight is never silently
misplaced.  The time span has no stored offsets: its words (``date_text``) are
searched in the sentence.  Overlapping spans keep the first in :data:`KINDS`
order (the trigger wins over an actor that contains it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# kind -> (column prefix, label in the legend)
KINDS: tuple[tuple[str, str, str], ...] = (
    ("trigger", "trigger", "event (trigger words)"),
    ("source", "source", "source actor"),
    ("target", "target", "target actor"),
    ("place", "location", "place"),
    ("time", "date", "time"),
)
LABELS: Mapping[str, str] = {kind: label for kind, _, label in KINDS}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the sentence; ``kind`` is None for unmarked text."""

    text: str
    kind: str | None = None

    @property
    def label(self) -> str:
        return LABELS.get(self.kind or "", "")


def _int(value: Any) -> int | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else int(number)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text or None


def sentence_start(document: str | None, evidence: str, *, anchor: int | None) -> int | None:
    """Where ``evidence`` starts in ``document``: the occurrence containing ``anchor`` if any."""
    if not document or not evidence:
        return None
    found = None
    at = document.find(evidence)
    while at >= 0:
        found = at if found is None else found
        if anchor is None or at <= anchor < at + len(evidence):
            return at
        at = document.find(evidence, at + 1)
    return found


def _search(evidence: str, words: str | None) -> tuple[int, int] | None:
    if not words:
        return None
    at = evidence.find(words)
    if at < 0:
        at = evidence.lower().find(words.lower())
    return (at, at + len(words)) if at >= 0 else None


def spans(row: Mapping[str, Any], document: str | None) -> list[tuple[int, int, str]]:
    """(start, end, kind) in the evidence sentence, non-overlapping, in sentence order."""
    evidence = str(row.get("evidence") or "")
    base = sentence_start(document, evidence, anchor=_int(row.get("trigger_start")))
    found: list[tuple[int, int, str]] = []
    for kind, prefix, _ in KINDS:
        words = _text(row.get(f"{prefix}_text"))
        got: tuple[int, int] | None = None
        # date_start/date_end are the event's days, not offsets: the time span is found by its words.
        start, end = (
            (None, None)
            if kind == "time"
            else (_int(row.get(f"{prefix}_start")), _int(row.get(f"{prefix}_end")))
        )
        if document is not None and base is not None and start is not None and end is not None:
            lo, hi = start - base, end - base
            if 0 <= lo < hi <= len(evidence) and evidence[lo:hi] == document[start:end]:
                got = (lo, hi)
        if got is None and not (kind == "time" and row.get("date_basis") == "publication"):
            got = _search(evidence, words)
        if got is None or any(got[0] < e and s < got[1] for s, e, _ in found):
            continue
        found.append((got[0], got[1], kind))
    return sorted(found)


def pieces(row: Mapping[str, Any], document: str | None) -> list[Piece]:
    """The evidence sentence as marked and unmarked pieces, ready for a template."""
    evidence = str(row.get("evidence") or "")
    out: list[Piece] = []
    at = 0
    for start, end, kind in spans(row, document):
        if start > at:
            out.append(Piece(evidence[at:start]))
        out.append(Piece(evidence[start:end], kind))
        at = end
    if at < len(evidence):
        out.append(Piece(evidence[at:]))
    return out
