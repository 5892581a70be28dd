"""Argument finding: from a trigger's slots to actor mentions.

A slot names a grammatical place ("subj", "dobj", "prep:with", "poss" ...); the
words found there are linked to the actor mentions the actors stage produced.
Only the places a pattern names are searched, so an actor inside a locative
phrase ("talks *in Tehran*", "the attack at the embassy *in Baku*") never becomes
a target by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente.events.matching import Match
from detente.events.phrase import phrase, phrase_after
from detente.events.tree import WH, Tree
from detente.model import ActorMention, Token

# Verbs whose object controls the subject of their complement ("urged X to talk").
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "order",
        "force",
        "persuade",
        "call",
        "tell",
        "encourage",
        "invite",
        "allow",
        "help",
        "push",
        "press",
        "pressure",
        "warn",
        "request",
        "compel",
        "authorize",
    }
)
# Verbs of saying whose pronoun-subject complement usually refers back to the speaker.
SPEECH_VERBS = frozenset(
    {
        "say",
        "announce",
        "state",
        "declare",
        "confirm",
        "claim",
        "report",
        "tell",
        "add",
        "insist",
        "warn",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "deny",
        "admit",
        "acknowledge",
    }
)
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# Modifiers of a word that can name the actor behind it ("Iranian diplomats",
# "Azerbaijan's embassy", "the government of Iran").
_LINK_MODS = ("poss", "amod", "compound", "nmod")
_SUBJ = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True, slots=True)
class Found:
    """Mentions found in one slot; ``direct`` when the slot word itself is the mention."""

    mentions: tuple[ActorMention, ...]
    slot: str
    direct: bool


class Linker:
    """Maps tokens to the actor mentions of one sentence."""

    def __init__(self, tree: Tree, mentions: Sequence[ActorMention]) -> None:
        self.tree = tree
        self.mentions = [m for m in mentions if m.sent == tree.sentence.index]

    def at(self, t: Token) -> ActorMention | None:
        for m in self.mentions:
            if m.head == t.i:
                return m
        for m in self.mentions:
            if m.token_start <= t.i < m.token_end:
                return m
        return None

    def link(self, t: Token, *, strict: bool) -> tuple[list[ActorMention], bool]:
        """Mentions for ``t`` and its conjuncts; ``direct`` is False when only a
        modifier named the actor."""
        out: list[ActorMention] = []
        direct = True
        for c in self.tree.conjuncts(t):
            m = self.at(c)
            if m is not None:
                m = self._titled(c, m)
                out.append(m)
                # "Russian and Ukrainian delegations", "U.S. and Iranian negotiators":
                # the mention covers only the last modifier; its coordinated partners
                # name further actors.
                for mod in self.tree.children(c, ("amod", "compound", "nmod")):
                    group = self.tree.conjuncts(mod)
                    if len(group) > 1:
                        out.extend(x for g in group if (x := self.at(g)) is not None)
                continue
            if strict or c.pos in ("PRON",):
                continue
            found = self._via_modifiers(c, depth=2)
            if found:
                direct = False
                out.extend(found)
        uniq: list[ActorMention] = []
        for m in out:
            if all((m.start, m.end) != (u.start, u.end) for u in uniq):
                uniq.append(m)
        return uniq, direct

    def _titled(self, t: Token, m: ActorMention) -> ActorMention:
        """ "Bree President Romendacil": a name known only by its country takes the
        role its title in front of it gives (the title is a compound of the name and
        a mention of the same country with a sector)."""
        if m.actor.sector is not None or m.actor.country is None:
            return m
        for mod in self.tree.children(t, ("compound",)):
            x = self.at(mod)
            if x is not None and x is not m and x.actor.country == m.actor.country and x.actor.sector:
                return x
        return m

    def _via_modifiers(self, t: Token, *, depth: int) -> list[ActorMention]:
        out: list[ActorMention] = []
        mods = self.tree.children(t, _LINK_MODS)
        # "the Turkish and Greek sides of Cyprus", "the Serb and Croat parts of the
        # city": two named modifiers divide the "of" whole, which is no third party
        divided = sum(self.at(cc) is not None for c in mods for cc in self.tree.conjuncts(c)) >= 2
        cands = mods + ([] if divided else self.tree.prep_objects(t, "of"))
        cands += self.tree.children(t, ("appos",))
        # "positions held by Armenian forces", "territory controlled by X"
        for acl in self.tree.children(t, ("acl",)):
            if acl.tag == "VBN":
                cands += [o for a in self.tree.children(acl, ("agent",))
                          for o in self.tree.children(a, ("pobj",))]  # fmt: skip
        for c in cands:
            for cc in self.tree.conjuncts(c):
                m = self.at(cc)
                if m is not None:
                    out.append(m)
                elif depth > 1:
                    out.extend(self._via_modifiers(cc, depth=depth - 1))
        return out


def _nearest_subject(tree: Tree, verb: Token) -> Token | None:
    """The verb's subject; of several, the last one before the verb.  A wire
    dateline ("TEHRAN, Oct 1 (Reuters) - Iran's army began ...") is often parsed as
    a second subject, further from the verb than the real one."""
    subjects = tree.children(verb, ("nsubj", "csubj"))
    before = [s for s in subjects if s.i < verb.i]
    if before:
        return before[-1]
    return subjects[0] if subjects else None


def raised_subject(tree: Tree, head: Token) -> list[Token]:
    """The doer of a complement of a passive ("Gondor *was seen* to cross the
    river", "X is expected to sign"): the passive's subject, not its agent."""
    return tree.children(head, ("nsubjpass",)) if tree.is_passive(head) else []


def subject_of(tree: Tree, verb: Token, *, seen: frozenset[int] = frozenset()) -> list[Token]:
    """The doer of ``verb``, following passives, relative clauses, xcomp and conj."""
    if verb.i in seen:
        return []
    seen = seen | {verb.i}
    if tree.is_passive(verb):
        agents = [o for a in tree.children(verb, ("agent",)) for o in tree.children(a, ("pobj",))]
        return agents
    subj = _nearest_subject(tree, verb)
    head = tree.head(verb)
    if subj is not None:
        if subj.tag in WH and verb.dep == "relcl" and head is not None:
            return [head]
        if (
            subj.pos == "PRON"
            and subj.text.lower() in SPEAKER_PRONOUNS
            and verb.dep == "ccomp"
            and head is not None
            and head.lemma.lower() in SPEECH_VERBS
        ):
            # "Switzerland said it had expelled ...": the pronoun is the speaker
            return subject_of(tree, head, seen=seen) or [subj]
        return [subj]
    if head is None:
        return []
    if verb.dep == "xcomp":
        if head.lemma.lower() in OBJECT_CONTROL:
            obj = tree.child(head, "dobj")
            if obj is not None:
                return [obj]
        return raised_subject(tree, head) or subject_of(tree, head, seen=seen)
    if verb.dep == "acomp" or (verb.dep in ("conj", "advcl") and head.pos in ("VERB", "AUX")):
        return subject_of(tree, head, seen=seen)
    if verb.dep == "relcl":
        return [head]
    if verb.dep == "acl" and verb.tag == "VBG":
        # "issued a declaration *demanding* ...": the declaration's issuer demands
        gov = tree.head(head)
        if head.dep == "dobj" and gov is not None and gov.pos == "VERB":
            return [head, *subject_of(tree, gov, seen=seen)]
        return [head]
    if verb.dep == "pcomp":
        # "by attacking X": the subject of the clause the phrase hangs on
        prep = head
        gov = tree.head(prep)
        if gov is not None and gov.pos in ("VERB", "AUX"):
            return subject_of(tree, gov, seen=seen)
    return []


POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})


def speaker_of(tree: Tree, verb: Token) -> list[Token]:
    """The speaker, when the doer of a reported act is only a pronoun or "its/their
    X": "Bosnian Serbs said *their forces* had completed the withdrawal"."""
    head = tree.head(verb)
    if verb.dep != "ccomp" or head is None or head.lemma.lower() not in SPEECH_VERBS:
        return []
    subj = tree.child(verb, "nsubj", "nsubjpass")
    if subj is None:
        return []
    pronoun = subj.pos == "PRON" or any(
        c.text.lower() in POSSESSIVE_PRONOUNS for c in tree.children(subj, ("poss",))
    )
    return subject_of(tree, head) if pronoun else []


def _speaker_possessive(tree: Tree, m: Match) -> list[Token]:
    """ "Armenia said Azerbaijani troops had shelled *its* positions": a possessive
    pronoun on the object of a reported act refers back to the speaker."""
    verb = tree.tok(m.anchor)
    objs = [tree.tok(m.obj)] if m.obj is not None else object_of(tree, verb)
    if not objs or not any(c.text.lower() in POSSESSIVE_PRONOUNS for c in tree.children(objs[0], ("poss",))):
        return []
    head = tree.head(verb)
    if verb.dep != "ccomp" or head is None or head.lemma.lower() not in SPEECH_VERBS:
        return []
    return subject_of(tree, head)


def object_of(tree: Tree, verb: Token) -> list[Token]:
    """The undergoer of ``verb``: its object, or the subject of a passive."""
    if tree.is_passive(verb):
        subj = tree.child(verb, "nsubjpass")
        head = tree.head(verb)
        if subj is not None:
            if subj.tag in WH and verb.dep == "relcl" and head is not None:
                return [head]
            return [subj]
        if verb.dep == "acl" and head is not None:
            return [head]
        return []
    obj = tree.child(verb, "dobj")
    if obj is not None:
        if obj.tag in WH and verb.dep == "relcl":
            head = tree.head(verb)
            return [head] if head is not None else []
        return [obj]
    return []


def _complement_verb(tree: Tree, m: Match) -> Token | None:
    if m.complement is not None:
        return tree.tok(m.complement)
    return tree.child(tree.tok(m.trigger), "xcomp", "ccomp")


def slot_tokens(tree: Tree, m: Match, slot: str) -> list[Token]:
    """Words in one slot of a match (before linking to actor mentions)."""
    slot = slot.rstrip("!")
    trigger = tree.tok(m.trigger)
    anchor = tree.tok(m.anchor)
    if slot.startswith("xcomp:"):
        comp = _complement_verb(tree, m)
        if comp is None:
            return []
        # resolve the rest of the slot as if the complement verb were the trigger
        comp_obj = tree.child(comp, "dobj")
        sub = Match(m.pattern, comp.i, comp.i, obj=comp_obj.i if comp_obj is not None else None)
        return slot_tokens(tree, sub, slot.removeprefix("xcomp:"))
    if slot.startswith("object:"):
        # the constrained object, or for a pattern without one, the plain object
        objs = [tree.tok(m.obj)] if m.obj is not None else object_of(tree, trigger)
        if not objs:
            return []
        return _noun_slot(tree, objs[0], slot.removeprefix("object:"))
    if slot == "subj":
        return subject_of(tree, anchor) if anchor.pos != "NOUN" or m.light else []
    if slot == "speaker":
        return speaker_of(tree, anchor) if anchor.pos != "NOUN" or m.light else []
    if slot == "dobj":
        # "told Aliyev in a phone call": a framed noun takes its verb's object
        host = anchor if m.light and trigger.pos in ("NOUN", "PROPN") else trigger
        return object_of(tree, host)
    if slot == "speaker_poss":
        return _speaker_possessive(tree, m)
    if slot == "object":
        return [tree.tok(m.obj)] if m.obj is not None else []
    if slot == "dative":
        return [c for c in tree.children(trigger, ("dative",)) if c.pos != "ADP"]
    if slot == "ccomp_subj":
        out: list[Token] = []
        for c in tree.children(trigger, ("ccomp", "xcomp")):
            s = tree.child(c, *_SUBJ)
            if s is not None:
                out.append(s)
        return out
    if slot == "args":
        return _args(tree, m)
    if slot == "phrase":
        return phrase(tree, m)
    if slot.startswith("after:"):
        return phrase_after(tree, m, slot.removeprefix("after:"))
    if slot == "border":
        return _border(tree, m)
    if slot == "purpose":
        return _purpose(tree, m)
    if slot == "condition_subj":
        return _condition_subjects(tree, m)
    if slot.startswith("prep:"):
        prep = slot.removeprefix("prep:")
        seen: list[Token] = []
        hosts = [trigger]
        if m.light:
            hosts.append(anchor)
        if m.obj is not None:
            hosts.append(tree.tok(m.obj))
        for h in hosts:
            for o in tree.prep_objects(h, prep):
                if o not in seen and not _after_locative(tree, o):
                    seen.append(o)
        return seen
    return _noun_slot(tree, trigger, slot)


# Prepositions that introduce the party an act is aimed at ("sanctions *against*",
# "blows *to*", "contact *with*"); "in", "at", "near" usually name places.
TARGET_PREPS = ("against", "on", "upon", "with", "to", "into", "toward", "towards", "at", "from")


def _args(tree: Tree, m: Match) -> list[Token]:
    """Every word an act is aimed at: its object and the objects of its targeting
    prepositions, on the verb and on the object noun ("threatened further action
    *against Russia*", "deliver blows *to the United States*")."""
    trigger = tree.tok(m.trigger)
    out = list(object_of(tree, trigger))
    hosts = [trigger, *out]
    for h in hosts:
        for prep in TARGET_PREPS:
            for o in tree.prep_objects(h, prep):
                if o not in out and not _after_locative(tree, o):
                    out.append(o)
    return out


LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "along", "on", "across", "inside", "outside", "off", "around", "into"}
)


def _after_locative(tree: Tree, obj: Token) -> bool:
    """True when the phrase of ``obj`` directly follows a locative phrase about a
    border and belongs to that noun: "drills near the border *with Azerbaijan*"
    (the parser often hangs "with" on the verb).  Other places keep their partner:
    "held talks in Baku *with Iranian diplomats*"."""
    prep = tree.head(obj)
    if prep is None or prep.i == 0:
        return False
    before = tree.tok(prep.i - 1)
    lead = tree.head(before)
    return (
        before.dep == "pobj"
        and before.lemma.lower() in BORDER_NOUNS
        and lead is not None
        and lead.text.lower() in LOCATIVE_PREPS
        and lead.i != prep.i
    )


def _purpose(tree: Tree, m: Match) -> list[Token]:
    """Whom the hostile act a preparation is *for* is aimed at: "mobilized reservists
    for a possible war *against Iraq*", "massed troops for an offensive *on* the town"."""
    trigger = tree.tok(m.trigger)
    hosts = [trigger] + ([tree.tok(m.obj)] if m.obj is not None else object_of(tree, trigger))
    return [
        o
        for h in hosts
        for noun in tree.prep_objects(h, "for")
        for prep in ("against", "on")
        for o in tree.prep_objects(noun, prep)
    ]


def _condition_subjects(tree: Tree, m: Match) -> list[Token]:
    """Whoever must act for a threat not to be carried out: "threatened to stop the
    talks *if the United States* deploys the missiles", "will launch an offensive
    *unless Baghdad* accepts"."""
    verbs = [tree.tok(m.anchor), tree.tok(m.trigger)]
    comp = _complement_verb(tree, m)
    if comp is not None:
        verbs.append(comp)
    out: list[Token] = []
    for verb in verbs:
        for clause in tree.children(verb, ("advcl",)):
            if any(k.text.lower() in ("if", "unless") for k in tree.children(clause, ("mark",))):
                out.extend(t for t in subject_of(tree, clause) if t not in out)
    return out


BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderline"})


def _border(tree: Tree, m: Match) -> list[Token]:
    """The country on the other side of a border the act happens at: "drills near
    the border *with Azerbaijan*", "massed troops along the frontier *of Ukraine*".
    A show of force staged at a border is aimed at the neighbour across it."""
    hosts = [tree.tok(m.trigger), tree.tok(m.anchor)]
    if m.obj is not None:
        hosts.append(tree.tok(m.obj))
    out: list[Token] = []
    for host in hosts:
        for prep in tree.children(host, ("prep",)):
            if prep.text.lower() not in LOCATIVE_PREPS:
                continue
            for noun in tree.children(prep, ("pobj",)):
                if noun.lemma.lower() in BORDER_NOUNS:
                    found = tree.prep_objects(noun, "with") + tree.prep_objects(noun, "of")
                    out.extend(o for o in found if o not in out)
        # the parser often hangs "with X" on the verb, after "near the border"
        out.extend(o for o in tree.prep_objects(host, "with") if _after_locative(tree, o) and o not in out)
    return out


def _noun_slot(tree: Tree, noun: Token, slot: str) -> list[Token]:
    if slot == "poss":
        return tree.children(noun, ("poss",))
    if slot == "mod":
        return [c for c in tree.children(noun, ("amod", "compound", "nmod")) if c.pos != "NOUN"]
    if slot.startswith("prep:"):
        return tree.prep_objects(noun, slot.removeprefix("prep:"))
    if slot == "object":
        return [noun]
    if slot == "ccomp_subj":
        # "its demand *that Israel* ease ...", "its call *for Russia* to withdraw": the
        # subject of the clause the noun states (not of a relative clause about it)
        return [
            s
            for c in tree.children(noun, ("acl", "ccomp", "advcl"))
            if not tree.children(c, ("relcl",)) and c.pos in ("VERB", "AUX")
            for s in tree.children(c, ("nsubj", "nsubjpass"))
            if s.tag not in WH
        ]
    return []


def fill(tree: Tree, linker: Linker, m: Match, slots: Sequence[str]) -> Found | None:
    """The first slot (in the pattern's order) that yields actor mentions."""
    for slot in slots:
        strict = slot.endswith("!")
        mentions: list[ActorMention] = []
        direct = True
        for t in slot_tokens(tree, m, slot):
            found, d = linker.link(t, strict=strict)
            mentions.extend(x for x in found if x not in mentions)
            direct = direct and d
            if mentions and (slot.rstrip("!") == "phrase" or slot.startswith("after:")):
                break  # the first actor of the phrase, as a word-order coder takes it
        if mentions:
            return Found(tuple(mentions), slot, direct)
    return None
