"""The tense of the verb that governs a time expression.

"On Monday" means last Monday in "talks were held on Monday" and next Monday
in "talks will be held on Monday"; the parse tells which.  We climb from the
expression to the nearest verb and read its tag, its morphology and its
auxiliaries.  An infinitive takes the tense of the verb above it, except
after verbs that look ahead ("is expected to meet", "plans to visit").
"""

from __future__ import annotations

from detente.model import ParsedDocument, Token
from detente.time.lexicon import DEFER_LEMMAS, FUTURE_LEMMAS, PLAN_LEMMAS

PAST, PRESENT, FUTURE = "past", "present", "future"
_WILL = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_MAX_CLIMB = 8


def head_token(parsed: ParsedDocument, token_start: int, token_end: int) -> Token:
    """The token of ``[token_start, token_end)`` whose head lies outside it."""
    tokens = parsed.tokens
    for t in tokens[token_start:token_end]:
        if t.head == t.i or not token_start <= t.head < token_end:
            return t
    return tokens[token_start]


def governing_verb(parsed: ParsedDocument, token: Token) -> Token | None:
    """The nearest verb above ``token`` (itself excluded), or the sentence root."""
    cur = token
    for _ in range(_MAX_CLIMB):
        if cur.head == cur.i:
            return cur if cur.pos in ("VERB", "AUX") and cur.i != token.i else None
        cur = parsed.tokens[cur.head]
        if cur.pos in ("VERB", "AUX"):
            return cur
    return None


def _negated(parsed: ParsedDocument, verb: Token) -> bool:
    """Whether ``verb`` is negated ("not", "n't", "never", or a "neither"/"no one" subject)."""
    for child in parsed.children(verb):
        if child.dep == "neg" or child.text.lower() == "never":
            return True
        if child.dep in ("nsubj", "nsubjpass"):
            first = parsed.subtree(child)[0].text.lower()
            if first in ("neither", "no", "nobody", "none", "nothing"):
                return True
    return False


def verb_tense(parsed: ParsedDocument, verb: Token, depth: int = 0) -> str | None:
    """``"past"``, ``"present"``, ``"future"`` or ``None`` for ``verb``'s clause."""
    children = parsed.children(verb)
    auxes = [c for c in children if c.dep in ("aux", "auxpass")]
    lower_aux = {a.text.lower() for a in auxes}
    if lower_aux & _WILL or (verb.tag == "MD" and verb.text.lower() in _WILL):
        return FUTURE
    if any(a.tag == "MD" for a in auxes):
        # "could have met": past; "would meet", "might come as soon as Tuesday":
        # what is possible or reported as planned lies ahead; but "could not be
        # reached Wednesday", "neither could be located": an attempt that failed.
        if any(a.lemma == "have" for a in auxes) or (lower_aux & {"could"} and _negated(parsed, verb)):
            return PAST
        return FUTURE
    is_infinitive = verb.tag == "VB" and any(a.tag == "TO" for a in auxes)
    if verb.tag == "VBG" and any(a.lemma == "have" for a in auxes):
        return PAST  # "have been searching": under way since before publication
    if is_infinitive or (verb.tag == "VBG" and not auxes):
        if verb.lemma in ("go",) and verb.tag == "VBG":
            return FUTURE  # "is going to"
        if verb.head == verb.i or depth > 2:
            return None
        up = parsed.tokens[verb.head]
        if is_infinitive and verb.dep == "xcomp" and up.lemma == "be" and up.tag in ("VBZ", "VBP", "VBD"):
            return FUTURE  # "is to resume trading Tuesday": arranged
        if up.lemma in FUTURE_LEMMAS and is_infinitive:
            # "had been scheduled to expire Friday", "had been due to expire": a plan already past
            holders = [up, parsed.tokens[up.head]] if up.pos == "ADJ" else [up]
            up_auxes = [c for h in holders for c in parsed.children(h) if c.dep in ("aux", "auxpass")]
            return PAST if any(a.tag == "VBD" and a.lemma == "have" for a in up_auxes) else FUTURE
        if is_infinitive and verb.dep == "acl" and up.pos in ("NOUN", "PROPN"):
            return FUTURE  # "an agreement to acquire the bank in January": what the agreement looks to
        if up.pos not in ("VERB", "AUX", "ADJ"):
            up2 = governing_verb(parsed, up)
            return verb_tense(parsed, up2, depth + 1) if up2 else None
        return verb_tense(parsed, up, depth + 1)
    if any(a.tag == "VBD" for a in auxes):
        return PAST
    if verb.tag == "VBD" or ("Tense=Past" in verb.morph and verb.tag != "VBN"):
        return PAST
    if verb.tag == "VBN":
        if any(a.lemma == "have" for a in auxes):
            return PAST  # present perfect reports something that happened
        if verb.lemma in FUTURE_LEMMAS and auxes:
            return FUTURE  # "is expected", "is scheduled"
        if auxes:
            return PRESENT
        return PAST  # reduced relative: "troops deployed on Monday"
    if verb.tag in ("VBZ", "VBP") or "Tense=Pres" in verb.morph:
        if verb.lemma == "be" and any(c.dep == "acomp" and c.lemma in FUTURE_LEMMAS for c in children):
            return FUTURE  # "is due"
        return PRESENT
    return None


def _prospective(parsed: ParsedDocument, token_start: int, head: Token, verb: Token | None) -> bool:
    """Whether the expression dates something still ahead, whatever the verb's tense.

    "a pact effective Feb. 1" names when it takes effect, "as soon as Monday" the
    earliest time of something awaited; a date on the object
    of "planned"/"scheduled" ("planned a march on Saturday", "has scheduled a
    news conference Thursday") dates the plan's event; the end of a postponement
    ("postponed until Tuesday morning", "gave them until 9 a.m. Tuesday") lies ahead.
    """
    before = parsed.tokens[token_start - 1].text.lower() if token_start > 0 else ""
    three = " ".join(t.text.lower() for t in parsed.tokens[max(0, token_start - 3) : token_start])
    if before == "effective" or three in ("as soon as", "as early as"):
        return True  # "as soon as trading opened Monday": the earliest time of what is awaited
    if verb is None or verb.tag == "VBG" or head.dep in ("nsubj", "nsubjpass") or head.i < verb.i:
        return False  # "On Friday, the government planned to ...": the day of the planning
    if verb.lemma in PLAN_LEMMAS:
        return verb.tag != "VBN" or any(c.dep == "aux" and c.lemma == "have" for c in parsed.children(verb))
    return verb.lemma in DEFER_LEMMAS and before in ("until", "till")


def tense_of(parsed: ParsedDocument, token_start: int, token_end: int) -> str | None:
    """The tense of the clause holding the tokens ``[token_start, token_end)``."""
    head = head_token(parsed, token_start, token_end)
    verb = governing_verb(parsed, head)
    if _prospective(parsed, token_start, head, verb):
        return FUTURE
    if verb is None:
        sent = parsed.sentences[head.sent]
        roots = [
            t
            for t in parsed.tokens[sent.token_start : sent.token_end]
            if t.head == t.i and t.pos in ("VERB", "AUX")
        ]
        if not roots:
            return None
        verb = roots[0]
    return verb_tense(parsed, verb)
