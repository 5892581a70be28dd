"""Trigger matching: which words of a sentence are events, and by which pattern.

Verbs are matched first, most specific pattern first ("sign" + "agreement"
before plain "sign"); a verb pattern that names an object consumes that noun, so
"held talks" is one event, not a verb event plus a noun event.  Event nouns
("the attack on", "talks between") are matched afterwards; a noun that is the
object of a light verb ("held talks", "launched an attack") takes its source
and its modality from that verb.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from detente.events.lexicon import EventLexicon, Pattern
from detente.events.tree import Tree
from detente.model import Token

# Complement relations that carry the content of a speech act or an intention.
COMPLEMENT_DEPS = ("xcomp", "ccomp")
# Roots whose complement is an attitude, not a fact: the complement event
# ("urged X to *attack*", "accused X of *spying*", "threatened to *strike*") is
# not coded as a second, factual event.
ABSORBING_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod")


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger found in a sentence.

    ``anchor`` is the verb whose subject and modality the event takes: the trigger
    itself for verbs, the light verb for "held talks", the noun otherwise.
    """

    pattern: Pattern
    trigger: int
    anchor: int
    obj: int | None = None
    complement: int | None = None
    extra: tuple[int, ...] = ()  # particle tokens, for the trigger span
    light: bool = False
    inner: tuple[Match, ...] = ()  # matches inside an attitude's complement (not facts)

    @property
    def is_noun(self) -> bool:
        return self.pattern.kind == "noun"

    def span_tokens(self) -> tuple[int, ...]:
        toks = {self.trigger, *self.extra}
        if self.obj is not None:
            toks.add(self.obj)
        if self.light:
            toks.add(self.anchor)
        return tuple(sorted(toks))


# Measure and container nouns whose "of" object is the real object ("dollars of aid").
QUANTITY_NOUNS = frozenset(
    {
        "dollar",
        "euro",
        "ton",
        "tonne",
        "million",
        "billion",
        "package",
        "shipment",
        "batch",
        "consignment",
        "amount",
        "lot",
        "round",
        "number",
        "set",
        "series",
        "wave",
        "convoy",
        "hundred",
        "thousand",
        "dozen",
        "score",
        "group",
        "part",
        "state",
        "form",
    }
)


# Nouns that stand for the activity of their owner ("the work of its embassy",
# "its embassy's operations"): the owner is the real object.
HOLLOW_NOUNS = frozenset({"work", "operation", "activity", "function", "service"})


def _object_match(tree: Tree, obj: Token, wanted: tuple[str, ...]) -> Token | None:
    """The word that satisfies the wanted lemmas: ``obj`` itself, its compound
    modifier, or the "of" object / possessor of a quantity or hollow noun."""
    cands = [obj]
    cands += [c for c in tree.children(obj, ("compound",)) if c.pos == "NOUN"]
    if obj.lemma.lower() in QUANTITY_NOUNS | HOLLOW_NOUNS:
        cands += tree.prep_objects(obj, "of")
    if obj.lemma.lower() in HOLLOW_NOUNS:
        cands += tree.children(obj, ("poss",))
    for cand in cands:
        mods = {c.lemma.lower() for c in tree.children(cand)} | {c.text.lower() for c in tree.children(cand)}
        for item in wanted:
            parts = item.split()
            if not tree.word_is(cand, (parts[-1],)):
                continue
            if len(parts) == 1 or all(p in mods for p in parts[:-1]):
                return obj if cand.dep == "compound" else cand
    return None


def _temporal(tree: Tree, prep: Token) -> bool:
    """ "agreed *on Monday*" is a date, not the particle of "agree on"."""
    return any(o.ent_type in ("DATE", "TIME") for o in tree.children(prep, ("pobj",)))


def _particles(tree: Tree, verb: Token, particle: str | None) -> tuple[list[Token], Token | None]:
    """The particle tokens of ``verb`` for ``particle`` and the last prepositional one."""
    if not particle:
        return [], None
    found: list[Token] = []
    prep: Token | None = None
    for word in particle.split():
        hit = next(
            (
                c
                for c in tree.children(verb, ("prt", "prep", "agent", "advmod", "dative"))
                if c.text.lower() == word and c not in found and not _temporal(tree, c)
            ),
            None,
        )
        if hit is None:
            return [], None
        found.append(hit)
        if hit.dep in ("prep", "agent", "dative") and tree.child(hit, "pobj") is not None:
            prep = hit  # "ordered diplomats *out*": a preposition without object is a particle
    return found, prep


def _verb_object(tree: Tree, verb: Token, prep: Token | None) -> Token | None:
    if prep is not None:
        return tree.child(prep, "pobj")
    obj = tree.child(verb, "dobj")
    if obj is None and tree.is_passive(verb):
        obj = tree.child(verb, "nsubjpass")
        if obj is None and verb.dep == "acl":
            obj = tree.head(verb)
    return obj


def _complement(tree: Tree, verb: Token, wanted: tuple[str, ...]) -> Token | None:
    """A complement of ``verb`` with a wanted lemma; "aux:must" asks for a complement
    clause with that auxiliary ("said Armenia *must* amend")."""
    cands = tree.children(verb, (*COMPLEMENT_DEPS, "oprd", "acomp"))
    auxes = frozenset(w.removeprefix("aux:") for w in wanted if w.startswith("aux:"))
    if auxes:
        return next((c for c in cands if tree.has_aux(c, auxes)), None)
    for p in tree.children(verb, ("prep",)):
        if p.text.lower() in ("of", "for", "over"):
            cands.extend(tree.children(p, ("pcomp", "pobj")))
        elif p.text.lower() == "to":
            cands.extend(tree.children(p, ("pcomp",)))  # "committed *to opening* its borders"
    for c in cands:
        if tree.word_is(c, wanted):
            return c
        # "threatened to use force": the content word may be the complement's object
        obj = tree.child(c, "dobj")
        if obj is not None and tree.word_is(obj, wanted):
            return c
    return None


def in_order(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Whether ``phrases`` occur in ``words`` in this order; the words of one phrase
    must be adjacent, other words may come between phrases.  ``words`` holds ``*``
    where the verb is, so that a phrase can be anchored to it ("recently *")."""
    pos = 0
    for phrase in phrases:
        want = phrase.split()
        while pos + len(want) <= len(words) and words[pos : pos + len(want)] != want:
            pos += 1
        if pos + len(want) > len(words):
            return False
        pos += len(want)
    return True


def preceded_by(tree: Tree, verb: Token, phrases: tuple[str, ...]) -> bool:
    """Whether ``phrases`` occur, in order, among the sentence's words before ``verb``."""
    return in_order([*(t.text.lower() for t in tree.tokens() if t.i < verb.i), "*"], phrases)


def followed_by(tree: Tree, verb: Token, phrases: tuple[str, ...]) -> bool:
    """Whether ``phrases`` occur, in order, among the words of ``verb``'s own phrase
    (its dependents) after it."""
    return in_order(["*", *(t.text.lower() for t in tree.doc.subtree(verb) if t.i > verb.i)], phrases)


def negated_verb(tree: Tree, verb: Token) -> bool:
    """ "did *not* accept", "will *never* comply", "won't allow": the verb's own negation
    (a refusal pattern's condition; a negated governor such as "did not say" is not)."""
    return any(c.dep == "neg" for c in tree.children(verb))


def match_verb(tree: Tree, verb: Token, lexicon: EventLexicon) -> Match | None:
    lemma, text = verb.lemma.lower(), verb.text.lower()
    patterns = lexicon.verbs.get(lemma) or ()
    if text != lemma and text in lexicon.verbs:
        patterns = (*patterns, *lexicon.verbs[text])  # an entry for this very form
    for p in patterns:
        if p.forms and text not in p.forms:
            continue
        if p.before and not preceded_by(tree, verb, p.before):
            continue
        if p.after and not followed_by(tree, verb, p.after):
            continue
        if p.negated and not negated_verb(tree, verb):
            continue
        extra, prep = _particles(tree, verb, p.particle)
        if p.particle and not extra:
            continue
        if p.negated and _verb_object(tree, verb, prep) is None:
            continue  # a refusal is of something ("will not accept refugees"), not of a claim
        obj = None
        if p.objects:
            obj = _verb_object(tree, verb, prep)
            obj = _object_match(tree, obj, p.objects) if obj is not None else None
            if obj is None:
                continue
        comp = None
        if p.complements:
            comp = _complement(tree, verb, p.complements)
            if comp is None:
                continue
        return Match(
            p,
            verb.i,
            verb.i,
            obj=obj.i if obj is not None else None,
            complement=comp.i if comp is not None else None,
            extra=tuple(t.i for t in extra),
        )
    return None


FRAME_PREPS = frozenset({"in", "during", "at"})
# Verbs of coming together whose "for" names the event they come for.
PURPOSE_TRAVEL = frozenset(
    {"arrive", "return", "travel", "fly", "go", "come", "head", "convene", "gather", "sit"}
)
# Nouns whose span of time or count stands before the event noun ("10 days *of* war
# games", "a round of talks", "a series of strikes").
SPAN_NOUNS = frozenset({"day", "week", "month", "hour", "year"}) | QUANTITY_NOUNS
# Heads that an event noun modifies without changing the event ("a *mediation* effort",
# "a *peace* mission"): the head takes the event's arguments.
EVENT_HEADS = frozenset({"effort", "bid", "attempt", "initiative", "mission", "push", "drive", "campaign"})


def _light_verb(tree: Tree, noun: Token, lexicon: EventLexicon) -> Token | None:
    """The verb that lends its subject to an event noun: a light verb ("held
    talks", "launched 10 days of war games") or a verb framed by the noun
    ("told X *in a phone call*")."""
    head = tree.head(noun)
    if head is None:
        return None
    if noun.dep == "pobj" and head.text.lower() == "of":
        span = tree.head(head)
        if span is not None and span.lemma.lower() in SPAN_NOUNS and span.dep in ("dobj", "nsubjpass"):
            return _light_verb(tree, span, lexicon)
    if noun.dep == "pobj" and head.text.lower() in FRAME_PREPS:
        verb = tree.head(head)
        if verb is not None and verb.pos == "VERB" and verb.lemma.lower() not in lexicon.verbs:
            return verb
        return None
    if noun.dep == "pobj" and head.text.lower() == "for":
        # "returned to Geneva *for talks*", "sat down for negotiations": the travellers
        # are the ones who talk
        verb = tree.head(head)
        if verb is not None and verb.pos == "VERB" and verb.lemma.lower() in PURPOSE_TRAVEL:
            return verb
        return None
    if noun.dep not in ("dobj", "nsubjpass"):
        return None
    return head if any(f in lexicon.light_verbs for f in verb_forms(head)) else None


def verb_forms(verb: Token) -> tuple[str, ...]:
    """The lemma of a verb and, for a regular past form, its stems: the tagger
    now and then lemmatises a past form as a noun ("staged" -> "stag")."""
    lemma = verb.lemma.lower()
    text = verb.text.lower()
    if verb.tag in ("VBD", "VBN") and text.endswith("ed") and not lemma.endswith(("e", "d")):
        return (lemma, text[:-1], text[:-2])
    return (lemma,)


def match_noun(tree: Tree, noun: Token, lexicon: EventLexicon) -> Match | None:
    if noun.dep == "compound":
        return None
    found = _noun_patterns(tree, noun, noun, lexicon)
    if found is None and noun.lemma.lower() in EVENT_HEADS:
        for mod in tree.children(noun, ("compound", "amod")):
            found = _noun_patterns(tree, noun, mod, lexicon)
            if found is not None:
                break
    return found


def _noun_patterns(tree: Tree, noun: Token, word: Token, lexicon: EventLexicon) -> Match | None:
    """The first noun pattern of ``word`` that fits; ``noun`` holds the arguments
    (it differs from ``word`` for "a mediation *effort*")."""
    patterns = lexicon.nouns.get(word.lemma.lower()) or lexicon.nouns.get(word.text.lower())
    if not patterns:
        return None
    mods = {c.lemma.lower() for c in tree.children(word, MODIFIER_DEPS)} | {
        c.text.lower() for c in tree.children(word, MODIFIER_DEPS)
    }
    for p in patterns:
        if p.requires and not (mods & set(p.requires)):
            continue
        obj = None
        if p.objects:
            objs = tree.prep_objects(noun, "of")
            obj = next((o for o in objs if _object_match(tree, o, p.objects)), None)
            if obj is None:
                continue
        light = _light_verb(tree, noun, lexicon)
        anchor = light.i if light is not None else noun.i
        extra = (word.i,) if word.i != noun.i else ()
        return Match(
            p, noun.i, anchor, obj=obj.i if obj is not None else None, light=light is not None, extra=extra
        )
    return None


Skipped = dict[int, tuple[str, int | None]]  # trigger token -> (reason, related token)


def find_matches(tree: Tree, lexicon: EventLexicon) -> list[Match]:
    """All triggers of one sentence, minus complements absorbed by attitude verbs."""
    return find_candidates(tree, lexicon)[0]


def find_candidates(tree: Tree, lexicon: EventLexicon) -> tuple[list[Match], Skipped]:
    """The triggers to code, and the trigger words set aside with the reason
    (``no_pattern``, ``nominal_subject``, ``attitude_content``, ``promise_content``)
    and the word that caused it, for :func:`detente.events.explain`."""
    skipped: Skipped = {}
    verb_matches: list[Match] = []
    consumed: set[int] = set()
    for t in tree.tokens():
        if t.pos == "VERB" or (t.tag.startswith("VB") and t.pos != "AUX"):
            m = match_verb(tree, t, lexicon)
            if m is not None:
                verb_matches.append(m)
                if m.obj is not None:
                    consumed.add(m.obj)
            elif t.lemma.lower() in lexicon.verbs:
                skipped[t.i] = ("no_pattern", None)
    verb_triggers = {m.trigger for m in verb_matches}
    noun_matches: list[Match] = []
    for t in tree.tokens():
        if t.pos not in ("NOUN", "PROPN") or t.i in consumed:
            continue
        m = match_noun(tree, t, lexicon)
        if m is None:
            if t.lemma.lower() in lexicon.nouns and t.dep != "compound":
                skipped[t.i] = ("no_pattern", None)
            continue
        # "The attack killed ...": the verb event already says it.
        if t.dep in ("nsubj", "nsubjpass") and t.head in verb_triggers and not m.light:
            skipped[t.i] = ("nominal_subject", t.head)
            continue
        # "boycotted the talks", "condemned the attack": the verb is the event
        if t.dep == "dobj" and t.head in verb_triggers and not m.light:
            skipped[t.i] = ("nominal_object", t.head)
            continue
        noun_matches.append(m)
    matches = verb_matches + noun_matches
    absorbing = ABSORBING_ROOTS if lexicon.absorbing_roots is None else lexicon.absorbing_roots
    inner = _absorbed(tree, matches, absorbing)
    # A promise of a coded act is that act, announced: "vowed to retaliate against
    # X" is the retaliation with its future flag (and, for a hostile act, a threat);
    # the promise verb then gives way to its complement.
    yielded = {t for t, ms in inner.items() if ms and _commissive(tree.tok(t), matches)}
    hidden = {i.trigger: t for t, ms in inner.items() if t not in yielded for i in ms}
    purposes = _protest_purposes(tree, matches)
    out: list[Match] = []
    for m in matches:
        if m.trigger in purposes:
            skipped[m.trigger] = ("protest_purpose", purposes[m.trigger])
        elif m.trigger in yielded:
            skipped[m.trigger] = ("promise_content", inner[m.trigger][0].trigger)
        elif m.trigger in hidden:
            skipped[m.trigger] = ("attitude_content", hidden[m.trigger])
        else:
            out.append(replace(m, inner=tuple(inner.get(m.trigger, ()))))
    return out, skipped


# Demands and appeals that can be what a protest is held for.
PURPOSE_ROOTS = frozenset({"02", "10"})
_PURPOSE_LINKS = frozenset({"advcl", "xcomp", "acl", "pcomp", "prep", "relcl"})


def _protest_purposes(tree: Tree, matches: list[Match]) -> dict[int, int]:
    """Demands a protest is held for ("staged demonstrations *to demand* reforms",
    "began a hunger strike *demanding* the release ..."): CAMEO codes the protest,
    whose aim they are, not a second event.  Maps the demand's trigger to the protest's."""
    protest_words: dict[int, int] = {}
    for m in matches:
        if m.pattern.code[:2] == "14":
            for i in (m.trigger, m.anchor, m.obj):
                if i is not None:
                    protest_words[i] = m.trigger
    out: dict[int, int] = {}
    if not protest_words:
        return out
    for m in matches:
        if m.pattern.code[:2] not in PURPOSE_ROOTS or m.is_noun:
            continue
        cur = tree.tok(m.trigger)
        for _ in range(3):
            up = tree.head(cur)
            if up is None or cur.dep not in _PURPOSE_LINKS:
                break
            if up.i in protest_words:
                out[m.trigger] = protest_words[up.i]
                break
            cur = up
    return out


COMMISSIVE = frozenset({"promise", "pledge", "vow", "swear", "undertake"})


def _commissive(verb: Token, matches: list[Match]) -> bool:
    return verb.lemma.lower() in COMMISSIVE and any(
        m.trigger == verb.i and m.pattern.code[:2] == "03" and not m.pattern.objects for m in matches
    )


def _absorbed(tree: Tree, matches: list[Match], absorbing: frozenset[str]) -> dict[int, list[Match]]:
    """For each attitude trigger (see ABSORBING_ROOTS), the matches inside its
    complement: they are not coded as facts, but lend the attitude their target
    ("threatened to break relations *with Russia*")."""
    out: dict[int, list[Match]] = {}
    for m in matches:
        if m.is_noun or m.pattern.code[:2] not in absorbing:
            continue
        verb = tree.tok(m.trigger)
        roots = list(tree.children(verb, COMPLEMENT_DEPS))
        for p in tree.children(verb, ("prep",)):
            if p.text.lower() in ("of", "for", "over"):
                roots.extend(tree.children(p, ("pcomp", "pobj")))
            elif p.text.lower() == "to":
                roots.extend(tree.children(p, ("pcomp",)))
        if m.obj is not None:
            # "called for talks", "demanded the withdrawal of troops"
            roots.append(tree.tok(m.obj))
        inside = {t.i for r in roots for t in tree.doc.subtree(r)}
        if m.obj is None:
            # the plain object is content too: "demanded the return of property *seized*
            # by the army" states a grievance, not today's seizure; a relative clause
            # about it stays a fact ("blamed Hezbollah, *which attacked* Israel")
            for obj in tree.children(verb, ("dobj",)):
                facts = {t.i for t in tree.doc.subtree(obj) if t.dep == "relcl"}
                facts = {u.i for t in tree.doc.subtree(obj) if t.i in facts for u in tree.doc.subtree(t)}
                inside |= {t.i for t in tree.doc.subtree(obj)} - facts
        out[m.trigger] = [o for o in matches if o.trigger in inside and o.trigger != m.trigger]
    return out
