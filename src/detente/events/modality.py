"""Modality: is the event negated, future or hypothetical?

PLOVER defines these modes but no coder we know implements them; news is full of
events that did not (yet) happen: "did not attack", "will meet next week", "fears
that X could use its territory", "if talks fail".  The rules read the anchor verb
and the chain of clauses that govern it.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.events.matching import Match
from detente.events.tree import FUTURE_AUX, MODALS, Tree
from detente.model import Token

NEGATORS = frozenset({"not", "n't", "never", "no"})
# Governing verbs (or adjectives) that put their complement in the future.
FUTURE_GOVERNORS = frozenset(
    {
        "plan",
        "intend",
        "expect",
        "schedule",
        "set",
        "due",
        "aim",
        "prepare",
        "go",
        "poised",
        "slate",
        "likely",
        "about",
        # commissives: "vowed to retaliate", "pledged to withdraw"
        "vow",
        "pledge",
        "promise",
        "swear",
        "undertake",
        "commit",
        "determined",
        "resolve",
    }
)
# Governing words that make their complement a possibility, a fear or a wish.
HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "fear",
        "worry",
        "risk",
        "suspect",
        "consider",
        "propose",
        "suggest",
        "want",
        "wish",
        "hope",
        "seek",
        "try",
        "attempt",
        "threaten",
        "warn",
        "mull",
        "weigh",
        "contemplate",
        "speculate",
        "predict",
        "afraid",
        "concerned",
        "possible",
        "ready",
        "willing",
        "able",
    }
)
# Verbs of reporting after which "would" is a back-shifted "will".
REPORTING = frozenset(
    {
        "say",
        "announce",
        "state",
        "declare",
        "tell",
        "add",
        "confirm",
        "insist",
        "vow",
        "pledge",
        "promise",
        "report",
        "indicate",
        "signal",
        "reiterate",
    }
)
COMMISSIVES = frozenset({"vow", "pledge", "promise", "swear", "undertake", "commit", "resolve"})
FAILURE_GOVERNORS = frozenset({"fail", "refrain"})
# "is willing / ready / prepared to withdraw": a stated readiness is an offer, CAMEO's
# "express intent" (03), not a mere possibility; only the adjective with a copula.
WILLINGNESS = frozenset({"willing", "ready", "prepared"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
FUTURE_WORDS = frozenset({"tomorrow", "upcoming", "forthcoming"})
_CHAIN_DEPS = ("xcomp", "ccomp", "conj", "advcl", "acomp", "pcomp", "relcl")


@dataclass(frozen=True, slots=True)
class Modality:
    """Flags of one event; ``condition`` is the conditional word ("if", "unless")
    when the event is the consequence of a condition ("will withdraw *unless* ..."),
    which, with a future act, makes the statement a threat or a promise."""

    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    condition: str | None = None
    declared: bool = False  # future by "will"/"would" or a promise, not by "plans to"


def _chain(tree: Tree, start: Token) -> list[Token]:
    """``start`` and the words governing it through clause links (not past a noun)."""
    out = [start]
    cur = start
    while cur.dep in _CHAIN_DEPS:
        head = tree.head(cur)
        if head is None or head in out:
            break
        if head.pos == "ADP":  # "accused X *of* attacking": step over the preposition
            head2 = tree.head(head)
            if head2 is None or head2 in out:
                break
            out.append(head2)
            cur = head2
            continue
        out.append(head)
        cur = head
    return out


def _negated_word(tree: Tree, t: Token) -> bool:
    return any(c.dep == "neg" or (c.dep == "det" and c.text.lower() == "no") for c in tree.children(t))


def _time_words_future(tree: Tree, t: Token) -> bool:
    for c in tree.children(t, ("npadvmod", "advmod", "prep", "tmod")):
        words = [c, *tree.children(c)]
        for p in tree.children(c, ("pobj",)):
            words.extend([p, *tree.children(p)])
        for w in words:
            low = w.text.lower()
            if low in FUTURE_WORDS:
                return True
            if low == "next" and w.dep == "amod":
                return True
    return False


def detect(tree: Tree, m: Match) -> Modality:
    """Modality flags for one match."""
    anchor = tree.tok(m.anchor)
    trigger = tree.tok(m.trigger)
    chain = _chain(tree, anchor)
    negated = _negated_word(tree, anchor) or (m.light and _negated_word(tree, trigger))
    if m.is_noun and not m.light and _negated_word(tree, trigger):
        negated = True
    future = False
    hypothetical = False
    condition: str | None = None
    declared = False
    for n, t in enumerate(chain):
        clause_level = n == 0 or chain[n - 1].dep in ("xcomp", "conj")
        if tree.has_aux(t, FUTURE_AUX) and clause_level:
            future = declared = True
        if tree.has_aux(t, MODALS - {"would"}):
            hypothetical = True
        elif tree.has_aux(t, frozenset({"would"})):
            head = chain[n + 1] if n + 1 < len(chain) else None
            if any(c.dep == "advcl" for c in chain[:n]):
                # "would close the border unless Baku *expelled* ...": the act in
                # the condition is hypothetical, not announced
                hypothetical = True
            elif t.dep == "ccomp" and head is not None and head.lemma.lower() in REPORTING:
                # "said they would boycott": the reported "will", shifted back
                future = declared = True
            else:
                hypothetical = True
        if n > 0:
            low = t.lemma.lower()
            if low in FUTURE_GOVERNORS and chain[n - 1].dep == "xcomp":
                future = True
                declared = declared or low in COMMISSIVES
            if t.text.lower() in WILLINGNESS and chain[n - 1].dep == "xcomp" and _copula(tree, t):
                future = declared = True
            elif low in HYPOTHETICAL_GOVERNORS and chain[n - 1].dep in ("xcomp", "ccomp"):
                hypothetical = True
            if low in FAILURE_GOVERNORS and chain[n - 1].dep == "xcomp":
                negated = True
            if chain[n - 1].dep == "xcomp" and _negated_word(tree, t):
                negated = True
        if any(c.dep == "mark" and c.text.lower() in CONDITIONAL_MARKS for c in tree.children(t)):
            hypothetical = True
        if clause_level and condition is None:
            condition = _condition_clause(tree, t)
    if condition is not None:
        hypothetical = True
    if _time_words_future(tree, anchor):
        future = True
    return Modality(
        negated=negated, future=future, hypothetical=hypothetical, condition=condition, declared=declared
    )


def _copula(tree: Tree, t: Token) -> bool:
    """ "is willing": the word is a predicate adjective (its own copula, or the
    copula it complements)."""
    if any(c.dep in ("cop", "auxpass") and c.lemma.lower() == "be" for c in tree.children(t)):
        return True
    head = tree.head(t)
    return t.dep == "acomp" and head is not None and head.lemma.lower() == "be"


def _condition_clause(tree: Tree, t: Token) -> str | None:
    """The conditional word of an "if"/"unless" clause attached to ``t``: the act of
    "Russia will invade *if talks fail*" depends on a condition."""
    for c in tree.children(t, ("advcl",)):
        for mark in tree.children(c, ("mark",)):
            low = mark.text.lower()
            if low in ("if", "unless"):
                return low
    return None
