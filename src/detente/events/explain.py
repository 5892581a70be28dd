"""Why a sentence gave (or did not give) an event: one record per candidate trigger.

A user who wonders why "Iran fears Israel could attack it" produced a flagged
event, or why "Tensions rose" produced nothing, needs the coder's reasoning in
words: which trigger words it saw, which pattern each matched (with its file and
line), and what became of each candidate (coded, no actor, absorbed as the
content of a speech act, below the confidence threshold ...).  This module runs
the same coder as :func:`detente.events.run` with a listener attached, so the
explanation can never drift from what the coder actually does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente.events.assemble import REASONS, CoderOptions, code_sentence
from detente.events.custody import custody_lemmas, reports_custody
from detente.events.lexicon import EventLexicon
from detente.events.matching import Match, find_candidates
from detente.events.tree import Tree
from detente.model import Analysis, Span, Token


@dataclass(frozen=True, slots=True)
class Explanation:
    """What happened to one candidate trigger of one sentence.

    ``reason`` is a stable key (see :data:`detente.events.assemble.REASONS`);
    ``message`` says it in words; ``detail`` adds the specifics (slots searched,
    the attitude verb that absorbed the word, the confidence ...); ``pattern`` is
    the lexicon entry as ``file:line``; ``events`` counts the events emitted.
    """

    doc_id: str
    sentence: int
    trigger: Span
    lemma: str
    reason: str
    message: str
    detail: str = ""
    cameo: str | None = None
    pattern: str | None = None
    events: int = 0

    @property
    def emitted(self) -> bool:
        return self.reason == "emitted"

    def to_dict(self) -> dict[str, Any]:
        """One JSON line of ``detente extract --explain``."""
        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "trigger": self.trigger.to_dict(),
            "lemma": self.lemma,
            "outcome": "emitted" if self.emitted else "dropped",
            "reason": self.reason,
            "message": self.message,
            "detail": self.detail,
            "cameo": self.cameo,
            "pattern": self.pattern,
            "events": self.events,
        }

    def line(self) -> str:
        """A one-line human form, for stderr."""
        what = f"-> {self.cameo}" if self.cameo else ""
        tail = f" ({self.detail})" if self.detail else ""
        return (
            f"{self.doc_id} s{self.sentence} {self.trigger.text!r} {what} "
            f"[{self.reason}] {self.message}{tail}".replace("  ", " ")
        )


def _span(text: str, toks: list[Token]) -> Span:
    start, end = toks[0].start, toks[-1].end
    return Span(text[start:end], start, end)


def explain(analysis: Analysis, *, config: Any, resources: EventLexicon) -> list[Explanation]:
    """Every candidate trigger of the document with what the coder did with it,
    in text order.  ``config`` is an :class:`~detente.events.EventsConfig`."""
    options = CoderOptions(
        min_confidence=config.min_confidence,
        symmetric_consult=config.symmetric_consult,
        intent_codes=config.intent_codes,
        announced_codes=config.announced_codes,
    )
    with_actors = {m.sent for m in analysis.actors}
    custody = custody_lemmas(resources)
    out: list[Explanation] = []
    for sentence in analysis.parsed.sentences:
        tree = Tree.build(analysis.parsed, sentence)
        coded = sentence.index in with_actors or reports_custody(tree, custody)
        out.extend(_sentence(analysis, tree, lexicon=resources, options=options, coded=coded))
    out.sort(key=lambda e: (e.sentence, e.trigger.start))
    return out


def _sentence(
    analysis: Analysis, tree: Tree, *, lexicon: EventLexicon, options: CoderOptions, coded: bool
) -> list[Explanation]:
    """The explanations of one sentence; ``coded`` is False when it names no actor."""
    text = analysis.document.text
    out: list[Explanation] = []

    def record(tok_ids: list[int], lemma: str, reason: str, detail: str = "", **kw: Any) -> None:
        toks = [tree.tok(i) for i in sorted(tok_ids)]
        out.append(
            Explanation(
                doc_id=analysis.document.id,
                sentence=tree.sentence.index,
                trigger=_span(text, toks),
                lemma=lemma,
                reason=reason,
                message=REASONS[reason],
                detail=detail,
                **kw,
            )
        )

    matches, skipped = find_candidates(tree, lexicon)
    if not coded:
        for m in matches:
            tokens = list(m.span_tokens())
            record(
                tokens,
                m.pattern.lemma,
                "no_actors_in_sentence",
                cameo=m.pattern.code,
                pattern=m.pattern.origin,
            )
        return out
    used = {i for m in matches for i in m.span_tokens()}
    for i, (reason, other) in skipped.items():
        if reason == "no_pattern" and i in used:
            continue  # the light verb of "held talks"
        tok = tree.tok(i)
        detail = f"governed by {tree.tok(other).text!r}" if other is not None else ""
        if reason == "no_pattern":
            detail = _constraints(lexicon, tok)
        record([i], tok.lemma.lower(), reason, detail)
    notes: dict[int, tuple[Match, str, str, int]] = {}

    def note(m: Match, reason: str, detail: str, n: int) -> None:
        if reason == "duplicate" and m.trigger in notes:
            detail = "merged into a stronger event of the same root"
        notes[m.trigger] = (m, reason, detail, n)

    code_sentence(analysis, tree, lexicon=lexicon, options=options, note=note)
    for m, reason, detail, n in notes.values():
        cameo = detail if reason == "emitted" else m.pattern.code
        shown = "" if reason == "emitted" else detail
        tokens = list(m.span_tokens())
        record(tokens, m.pattern.lemma, reason, shown, cameo=cameo, pattern=m.pattern.origin, events=n)
    return out


def _constraints(lexicon: EventLexicon, tok: Token) -> str:
    """What the word's patterns ask for, so the user sees why none fitted."""
    pats = lexicon.verbs.get(tok.lemma.lower()) if tok.pos != "NOUN" else None
    pats = pats or lexicon.nouns.get(tok.lemma.lower()) or lexicon.verbs.get(tok.lemma.lower()) or ()
    wants: list[str] = []
    for p in pats[:4]:
        parts = []
        if p.particle:
            parts.append(f"particle {p.particle!r}")
        if p.objects:
            parts.append("object " + "/".join(p.objects[:4]))
        if p.complements:
            parts.append("complement " + "/".join(p.complements[:4]))
        if p.requires:
            parts.append("modifier " + "/".join(p.requires[:4]))
        if parts:
            wants.append(" + ".join(parts))
    return "needs " + "; or ".join(wants) if wants else ""
