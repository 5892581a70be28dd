"""The tense of the verb that governs a time expression.

"On Monday" means last Monday in "talks were held on Monday" and next Monday
in "talks will be held on Monday"; the parse tells which.  We climb from the
expression to the nearest verb and read its tag, its morphology and its
auxiliaries.  An infinitive takes the tense of the verb above it, except
after verbs that look ahead ("is expected to meet", "plans to visit").
"""

from __future__ import annotations

from detente.model import ParsedDocument, Token
from detente.time.lexicon import FUTURE_LEMMAS

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


def verb_tense(parsed: ParsedDocument, verb: Token, depth: int = 0) -> str | None:
    """``"past"``, ``"present"``, ``"future"`` or ``None`` for ``verb``'s clause."""
    children = parsed.children(verb)
    auxes = [c for c in children if c.dep in ("aux", "auxpass")]
    lower_aux = {a.text.lower() for a in auxes}
    if lower_aux & _WILL or (verb.tag == "MD" and verb.text.lower() in _WILL):
        return FUTURE
    if any(a.tag == "MD" for a in auxes):
        # "could have met": past; "would meet", "might come as soon as Tuesday":
        # what is possible or reported as planned lies ahead.
        return PAST if any(a.lemma == "have" for a in auxes) else FUTURE
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
            # "had been scheduled to expire Friday": a plan already past
            up_auxes = [c for c in parsed.children(up) if c.dep in ("aux", "auxpass")]
            return PAST if any(a.tag == "VBD" and a.lemma == "have" for a in up_auxes) else FUTURE
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


def tense_of(parsed: ParsedDocument, token_start: int, token_end: int) -> str | None:
    """The tense of the clause holding the tokens ``[token_start, token_end)``."""
    head = head_token(parsed, token_start, token_end)
    verb = governing_verb(parsed, head)
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
