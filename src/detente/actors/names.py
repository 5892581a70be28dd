"""Reading the words around dictionary matches: names, modifiers, syntax.

The sentence matcher (``matcher.py``) decides what the pieces it found mean;
this base class answers the questions it asks of the surrounding tokens: is
this a person's name, is this state name part of a longer proper name, which
token heads this span.  Kept apart so both stay short and testable.
"""

from __future__ import annotations

from detente.actors.entries import Grammar
from detente.model import ParsedDocument, Token

_NOT_NAME_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW", "LANGUAGE"}
)
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X", ""})
MAX_NAME_TOKENS = 6


def name_like(t: Token) -> bool:
    """A capitalised alphabetic word that is not a date, number or verb."""
    tx = t.text
    if not tx[:1].isupper() or t.ent_type in _NOT_NAME_ENTS or t.pos not in _NAME_POS:
        return False
    return tx.replace(".", "").replace("'", "").replace("\u2019", "").isalpha()


class NameReader:
    """Token questions for one sentence [start, end) of a document."""

    def __init__(
        self, doc: ParsedDocument, lowers: list[str], ents: list[int], grammar: Grammar, start: int, end: int
    ) -> None:
        self.doc, self.toks, self.lowers, self.ents = doc, doc.tokens, lowers, ents
        self.g = grammar
        self.start, self.end = start, end
        self.premods = grammar.modifiers | grammar.former
        self.in_name: set[int] = set()  # tokens inside dictionary names (filled by the matcher)
        self.piece_at: dict[int, int] = {}

    def skip_modifiers(self, pos: int) -> tuple[int, bool]:
        """Skip "top", "senior", "former", "then-" ...; report whether a "former" was seen."""
        former = False
        premods = self.premods
        while pos < self.end and pos not in self.piece_at:
            low = self.lowers[pos]
            if low in self.g.former:
                former = True
            elif low not in premods and not (
                low == "-" and pos > self.start and self.lowers[pos - 1] in premods
            ):
                break
            pos += 1
        return pos, former

    def name_run(self, pos: int) -> int | None:
        """End of an unknown person's name starting at ``pos`` ("Ilham Aliyev",
        "Abu Musab al-Zarqawi"), or None; stops at any dictionary piece."""
        toks, n = self.toks, 0
        p = pos
        while p < self.end and n < MAX_NAME_TOKENS and p not in self.piece_at:
            t = toks[p]
            if name_like(t) or (
                (self.lowers[p] in self.g.name_particles or t.text == "-")
                and p + 1 < self.end
                and (name_like(toks[p + 1]) or toks[p + 1].text == "-")
            ):
                p += 1
            else:
                break
            n += 1
        while p > pos and not name_like(toks[p - 1]):
            p -= 1
        return None if p == pos else p

    def person_entity_before(self, end: int) -> int | None:
        """Start of a PERSON entity of name-like words ending right before token ``end``."""
        p = end
        while p > self.start and end - p < MAX_NAME_TOKENS:
            t = self.toks[p - 1]
            if t.ent_type != "PERSON" or p - 1 in self.in_name or not (name_like(t) or t.text == "-"):
                break
            p -= 1
        if p == end or not name_like(self.toks[p]):
            return None
        return p

    def in_larger_name(self, start: int, end: int, *, after: bool = True) -> bool:
        """True when [start, end) is part of a longer proper name ("Jordan River").

        With ``after=False`` only words before the span count: a state followed by
        its sector words ("Iran's Foreign Ministry") is often one ORG entity.
        """
        toks = self.toks
        if after and end < self.end and toks[end].text in self.g.name_continuations:
            return True
        if start > self.start and toks[start - 1].text in self.g.name_prefixes:
            return True
        ent = self.ents[start]
        if ent < 0:
            return False
        e = self.doc.entities[ent]
        for t in range(e.token_start, e.token_end if after else start):
            if start <= t < end or t in self.in_name or self.lowers[t] in self.premods:
                continue
            if t == self.start and toks[t].pos != "PROPN":
                continue  # capitalised only because it opens the sentence
            if toks[t].text[:1].isupper() and self.lowers[t] != "the":
                return True
        return False

    def modifies_next(self, end: int) -> bool:
        """Whether the word before ``end`` modifies a later noun ("military operations")."""
        tok = self.toks[end - 1]
        return tok.dep in ("compound", "amod", "nmod") and tok.head >= end

    def head(self, start: int, end: int) -> int:
        """The token whose syntactic head lies outside [start, end) (the last such one)."""
        return span_head(self.toks, start, end)

    def _text(self, start: int, end: int) -> str:
        return self.doc.document.text[self.toks[start].start : self.toks[end - 1].end]


def span_head(toks: tuple[Token, ...], start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside it (the last such one)."""
    candidates = [i for i in range(start, end) if not start <= toks[i].head < end or toks[i].head == i]
    return candidates[-1] if candidates else end - 1
