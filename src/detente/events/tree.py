"""A per-sentence view of the dependency parse with O(1) child lookups.

:meth:`ParsedDocument.children` scans the sentence on every call; the coder asks
for children thousands of times per document, so it builds this index once per
sentence and passes it around.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from detente.model import ParsedDocument, Sentence, Token

MODALS = frozenset({"could", "would", "may", "might", "should", "must", "ought", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
WH = frozenset({"WDT", "WP", "WP$"})


@dataclass(frozen=True, slots=True)
class Tree:
    """Tokens of one sentence plus a child index (global token indices)."""

    doc: ParsedDocument
    sentence: Sentence
    kids: dict[int, tuple[int, ...]]

    @classmethod
    def build(cls, doc: ParsedDocument, sentence: Sentence) -> Tree:
        kids: dict[int, list[int]] = {}
        for t in doc.tokens[sentence.token_start : sentence.token_end]:
            if t.head != t.i:
                kids.setdefault(t.head, []).append(t.i)
        return cls(doc, sentence, {k: tuple(v) for k, v in kids.items()})

    def tok(self, i: int) -> Token:
        return self.doc.tokens[i]

    def tokens(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.sentence.token_start : self.sentence.token_end])

    def head(self, t: Token) -> Token | None:
        return None if t.head == t.i else self.doc.tokens[t.head]

    def children(self, t: Token, deps: Iterable[str] | None = None) -> list[Token]:
        wanted = None if deps is None else frozenset(deps)
        out = [self.doc.tokens[i] for i in self.kids.get(t.i, ())]
        return out if wanted is None else [c for c in out if c.dep in wanted]

    def child(self, t: Token, *deps: str) -> Token | None:
        for c in self.children(t, deps):
            return c
        return None

    def conjuncts(self, t: Token) -> list[Token]:
        """``t`` and the words coordinated with it ("Iran and Azerbaijan")."""
        out = [t]
        todo = [t]
        while todo:
            cur = todo.pop()
            for c in self.children(cur, ("conj",)):
                if c not in out:
                    out.append(c)
                    todo.append(c)
        return out

    def prep_objects(self, t: Token, prep: str) -> list[Token]:
        """Objects of the preposition ``prep`` attached to ``t`` ("talks *with* X")."""
        out: list[Token] = []
        for p in self.children(t, ("prep", "agent", "dative")):
            if p.text.lower() == prep and p.pos == "ADP":
                out.extend(self.children(p, ("pobj", "pcomp")))
        return out

    def is_passive(self, t: Token) -> bool:
        if any(c.dep in ("nsubjpass", "auxpass") for c in self.children(t)):
            return True
        return t.tag == "VBN" and t.dep == "acl"

    def has_aux(self, t: Token, words: frozenset[str]) -> bool:
        return any(
            c.dep in ("aux", "auxpass") and (c.lemma.lower() in words or c.text.lower() in words)
            for c in self.children(t)
        )

    def lemma(self, t: Token) -> str:
        return t.lemma.lower()

    def word_is(self, t: Token, words: Iterable[str]) -> bool:
        ws = words if isinstance(words, (set, frozenset)) else set(words)
        return t.lemma.lower() in ws or t.text.lower() in ws
