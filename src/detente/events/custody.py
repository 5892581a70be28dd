"""Events whose doer the text leaves implicit.

Arrests reported without their agent: "50 people were arrested, police said".

Crime and unrest reports state arrests in the agentless passive and name the
people held with common nouns ("persons", "activists", "they") that are no actor
of the actors stage.  Such an arrest is still an event (CAMEO 173): its doer is
the police when the police report it (the speaker of the sentence), and is
otherwise left empty; its target is the people held, as a generic civilian group
without a country (code ``CVL``), since the sentence names no state for them.

Only arrest and detention verbs whose pattern does not demand a named target
take this path: "charged", "sentenced" and "indicted" keep needing a named party.

Attacks whose subject is the attack itself: "a roadside bombing killed two
soldiers" is an act of force whose doer the sentence does not name
(:func:`violent_cause`).
"""

from __future__ import annotations

from detente.events.arguments import SPEECH_VERBS, Found, Linker, subject_of
from detente.events.lexicon import EventLexicon
from detente.events.matching import Match
from detente.events.tree import Tree
from detente.model import Actor, ActorMention, ParsedDocument, Token

CUSTODY_CODE = "173"
_POLICE = "COP"
_PEOPLE_PRONOUNS = frozenset({"they", "he", "she", "we"})
# Subjects of "were arrested" that are not people held ("the arrests were made").
_NOT_PEOPLE = frozenset({"arrest", "detention", "number", "total", "figure", "toll"})


def _speaker(tree: Tree, verb: Token) -> Token | None:
    """The verb of saying the arrest is reported by ("..., police said")."""
    cur = verb
    for _ in range(2):
        head = tree.head(cur)
        if head is None:
            return None
        if cur.dep in ("ccomp", "parataxis") and head.lemma.lower() in SPEECH_VERBS:
            return head
        if cur.dep not in ("conj",):
            return None
        cur = head
    return None


def _patient(tree: Tree, verb: Token) -> Token | None:
    subj = tree.child(verb, "nsubjpass")
    if subj is None and verb.dep == "acl" and verb.tag == "VBN":
        subj = tree.head(verb)  # "the activists arrested on Sunday"
    if subj is None:
        return None
    if subj.pos == "PRON":
        return subj if subj.text.lower() in _PEOPLE_PRONOUNS else None
    if subj.pos != "NOUN" or subj.lemma.lower() in _NOT_PEOPLE:
        return None
    return subj


def custody_arguments(tree: Tree, linker: Linker, m: Match) -> tuple[Found | None, Found | None]:
    """(source, target) of an agentless arrest with no actor in its slots, or (None, None)."""
    p = m.pattern
    if m.is_noun or not p.code.startswith(CUSTODY_CODE) or p.require_target:
        return None, None
    verb = tree.tok(m.anchor)
    if not tree.is_passive(verb) or tree.child(verb, "agent") is not None:
        return None, None
    patient = _patient(tree, verb)
    if patient is None:
        return None, None
    source: Found | None = None
    said = _speaker(tree, verb)
    if said is not None:
        police = []
        for s in subject_of(tree, said):
            found, _ = linker.link(s, strict=False)
            police.extend(x for x in found if x.actor.sector == _POLICE)
        if police:
            source = Found(tuple(police), "speaker", False)
    toks = tree.doc.subtree(patient)
    toks = [t for t in toks if t.i <= patient.i] or [patient]
    text = tree.doc.document.text
    start, end = toks[0].start, patient.end
    held = ActorMention(
        text=text[start:end],
        start=start,
        end=end,
        sent=tree.sentence.index,
        token_start=toks[0].i,
        token_end=patient.i + 1,
        head=patient.i,
        actor=Actor(name=patient.text.lower(), code="CVL", sector="CVL", kind="group"),
    )
    return source, Found((held,), "patient", False)


def custody_lemmas(lexicon: EventLexicon) -> frozenset[str]:
    """Verbs that can report an arrest without naming an actor."""
    return frozenset(
        lemma
        for lemma, patterns in lexicon.verbs.items()
        if any(p.code.startswith(CUSTODY_CODE) and not p.require_target for p in patterns)
    )


def participles(lemma: str) -> frozenset[str]:
    """The regular past participles a lemma may be written as ("detain" -> "detained",
    "jail" -> "jailed", "nab" -> "nabbed"), for finding the words before tagging."""
    if lemma.endswith("e"):
        return frozenset({lemma + "d"})
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u"):
        return frozenset({lemma[:-1] + "ied"})
    forms = {lemma + "ed"}
    if len(lemma) <= 4 and lemma[-1] not in "aeiouwxy" and lemma[-2:-1] in ("a", "e", "i", "o", "u"):
        forms.add(lemma + lemma[-1] + "ed")  # short closed syllable: the consonant doubles
    return frozenset(forms)


def custody_participles(lexicon: EventLexicon) -> frozenset[str]:
    """The written past participles of the custody verbs ("arrested", "detained")."""
    return frozenset().union(*(participles(lemma) for lemma in custody_lemmas(lexicon)))


def custody_sentences(doc: ParsedDocument, *, forms: frozenset[str]) -> frozenset[int]:
    """Sentences of an untagged document that may report an agentless arrest: they
    hold a custody verb's past participle (``forms``, from :func:`custody_participles`).
    The pipeline parses them even when the actors matcher finds no actor there ("five
    activists were arrested today")."""
    tokens = doc.tokens
    return frozenset(
        s.index
        for s in doc.sentences
        if any(t.text.lower() in forms for t in tokens[s.token_start : s.token_end])
    )


def reports_custody(tree: Tree, lemmas: frozenset[str]) -> bool:
    """Whether a sentence without actor mentions may still hold an agentless arrest."""
    return any(t.lemma.lower() in lemmas and t.tag == "VBN" for t in tree.tokens())


FORCE_ROOTS = frozenset({"18", "19", "20"})


def violent_cause(tree: Tree, m: Match, lexicon: EventLexicon) -> bool:
    """ "A roadside bombing killed two soldiers": the subject is itself an act of
    force (a noun the lexicon codes 18-20 without further conditions), whose doer
    the sentence does not name; the act stands with an unknown source, as a nominal
    attack does.  An accident ("an explosion killed") is no such noun."""
    if m.is_noun or m.pattern.code[:2] not in FORCE_ROOTS:
        return False
    subj = tree.child(tree.tok(m.anchor), "nsubj")
    if subj is None:
        return False
    patterns = lexicon.nouns.get(subj.lemma.lower(), ())
    return any(p.code[:2] in FORCE_ROOTS and not p.requires for p in patterns)
