"""The phrase slots of word-order patterns (PETRARCH's and TABARI's dictionaries).

Those coders find a target by reading on from the verb and taking the first actor
they meet; detente's own patterns name grammatical slots instead. These slots give
the same reading over the dependency tree, so a dictionary written for word order can
be used, at evaluation time, without bending detente's own slots.
"""

from __future__ import annotations

from detente.events.matching import Match
from detente.events.tree import Tree
from detente.model import Token

# Dependents of a verb that are not part of what it is done to: its subject, its
# auxiliaries, coordinated verbs (their own events) and adverbial clauses.
_OUTSIDE_PHRASE = frozenset(
    {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj", "mark", "relcl"}
)


def _own_clause(tree: Tree, t: Token) -> bool:
    """Whether ``t`` heads a clause of its own inside a phrase: a coordinated or
    relative clause, or an adverbial one with its own subject or conjunction ("after
    crowds trashed the embassy"); a bare infinitive of purpose ("signed an accord *to
    supply* X") belongs to the phrase."""
    if t.pos not in ("VERB", "AUX") or t.dep not in ("conj", "advcl", "relcl"):
        return False
    if t.dep != "advcl":
        return True
    return bool(tree.children(t, ("nsubj", "nsubjpass", "mark", "csubj")))


def phrase(tree: Tree, m: Match) -> list[Token]:
    """The words after the verb in its own phrase, in text order: where a
    word-order coder (PETRARCH, TABARI) looks for the target, taking the first actor
    it meets there ("welcomed the resumption of ties *with Osgiliath*")."""
    trigger = tree.tok(m.trigger)
    out: list[Token] = []
    for child in tree.children(trigger):
        if child.i < trigger.i or child.dep in _OUTSIDE_PHRASE or _own_clause(tree, child):
            continue
        skip: set[int] = set()
        for t in tree.doc.subtree(child):
            if t.i in skip:
                continue
            if _own_clause(tree, t):
                skip.update(x.i for x in tree.doc.subtree(t))
                continue
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def phrase_after(tree: Tree, m: Match, prep: str) -> list[Token]:
    """The words of the verb's phrase after the object of its first preposition
    ``prep``: a word-order coder's "IN ^ +" (skip the phrase after "in", take the
    next actor: "celebrated the feast *in X with Y*" -> Y)."""
    words = phrase(tree, m)
    for t in words:
        if t.text.lower() == prep and t.dep == "prep":
            obj = tree.child(t, "pobj")
            if obj is not None:
                return [w for w in words if w.i > obj.i]
    return []
