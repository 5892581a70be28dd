"""Assembly: from matches and their arguments to :class:`~detente.model.Event` objects.

This is where precision is decided: an event needs an actor; the source is
required except for nominal events and agentless passives with a clear target;
an actor never acts on itself; compound and joint actors expand into one event
per ordered pair; duplicates within a sentence collapse to the best-supported one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise, permutations

from detente.events.arguments import Found, Linker, fill, subject_of
from detente.events.codes import CodeInfo
from detente.events.custody import custody_arguments, custody_lemmas, reports_custody, violent_cause
from detente.events.lexicon import EventLexicon
from detente.events.matching import Match, find_matches
from detente.events.modality import Modality, detect
from detente.events.territory import home_target, place_target
from detente.events.tree import Tree
from detente.model import ActorMention, Analysis, Event, Span

# CAMEO codes a stated future action as an intention (cooperation, 03x) or a
# threat (conflict, 13x); used when ``intent_codes`` is on.
INTENT_BY_ROOT = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "14": "133",
    "15": "138",
    "16": "131",
    "17": "130",
    "18": "138",
    "19": "138",
    "20": "1385",
}
INTENT_BY_CODE = {
    "057": "030",
    "163": "131",
    "164": "134",
    "165": "135",
    "166": "136",
    "0874": "035",
    "0871": "037",
    "192": "1382",
    "191": "1381",
}


def intent_code(code: str) -> str:
    """The CAMEO intention/threat code for a future action coded ``code``."""
    return INTENT_BY_CODE.get(code) or INTENT_BY_ROOT.get(code[:2], code)


JOINT_WORDS = frozenset({"joint", "bilateral", "trilateral", "combined", "multinational"})


@dataclass(frozen=True, slots=True)
class CoderOptions:
    """The subset of :class:`~detente.events.EventsConfig` the coder reads."""

    min_confidence: float = 0.0
    symmetric_consult: bool = True
    intent_codes: bool = False
    announced_codes: bool = True


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    """Self-events are dropped; two sectors of one country (GOV vs REB) are not
    the same actor, but a country and its own government ("Azerbaijan",
    "AZEGOV") are; a person without a role is not his country."""
    if (a.start, a.end) == (b.start, b.end) or a.actor.code == b.actor.code:
        return True
    if a.actor.country is None or a.actor.country != b.actor.country:
        return False
    if any(x.actor.kind == "person" and not x.actor.sector for x in (a, b)):
        # a named private person ("former president Carlos Menem") is not the state:
        # a court ordering him to appear is an event between two actors
        return False
    return not (a.actor.sector and b.actor.sector and a.actor.sector != b.actor.sector)


def _is_joint(tree: Tree, m: Match, sources: Found | None, targets: Found | None) -> bool:
    trigger = tree.tok(m.trigger)
    if any(c.text.lower() in JOINT_WORDS for c in tree.children(trigger)):
        return True
    if sources is not None and len(sources.mentions) >= 2 and targets is None:
        return True
    return targets is not None and targets.slot in ("prep:with", "prep:between")


# Doers whose violence CAMEO files as unconventional (18), not military force (19).
IRREGULAR_ATTACKERS = frozenset(
    {
        "gunman",
        "attacker",
        "assailant",
        "bomber",
        "terrorist",
        "assassin",
        "mob",
        "man",
        "woman",
        "youth",
        "stabber",
        "hijacker",
        "kidnapper",
    }
)


def _irregular_attacker(tree: Tree, m: Match) -> bool:
    anchor = tree.tok(m.anchor)
    doers = subject_of(tree, anchor) if (not m.is_noun or m.light) else []
    if m.is_noun:
        trig = tree.tok(m.trigger)
        doers += tree.children(trig, ("poss",)) + [
            o for a in tree.children(trig, ("prep",)) if a.text.lower() == "by"
            for o in tree.children(a, ("pobj",))
        ]  # fmt: skip
    doers += [a for d in doers for a in tree.children(d, ("appos",))]
    return any(d.lemma.lower() in IRREGULAR_ATTACKERS for d in doers)


def _reciprocal(tree: Tree, m: Match) -> bool:
    """ "expelled each other's diplomats", "accused one another": A->B and B->A."""
    trigger = tree.tok(m.trigger)
    toks = [t for c in tree.children(trigger) if c.dep not in ("nsubj", "nsubjpass")
            for t in tree.doc.subtree(c)]  # fmt: skip
    for a, b in pairwise(toks):
        if (a.text.lower(), b.text.lower()) in (("each", "other"), ("one", "another")):
            return True
    return False


def _confidence(m: Match, src: Found | None, tgt: Found | None, *, expanded: bool) -> float:
    score = (0.8 if m.light else 0.65) if m.is_noun else 0.88
    if src is None:
        score -= 0.25
    elif not src.direct:
        score -= 0.07
    if tgt is None or tgt.slot == "home":
        if m.pattern.target or tgt is not None:
            score -= 0.1
    elif not tgt.direct:
        score -= 0.07
    if expanded:
        score -= 0.05
    return max(0.05, min(0.99, score))


def _pairs(
    src: Found | None, tgt: Found | None, *, symmetric: bool, both_ways: bool
) -> list[tuple[ActorMention | None, ActorMention | None, bool]]:
    """Ordered (source, target, expanded) pairs for one match."""
    sources = list(src.mentions) if src else []
    targets = list(tgt.mentions) if tgt else []
    if symmetric and not targets and len(sources) >= 2:
        group = sources
    elif symmetric and not sources and len(targets) >= 2 and tgt and tgt.slot == "prep:between":
        group = targets
    else:
        group = []
    if group:
        pairs = list(permutations(group, 2))
        if not both_ways:
            pairs = [(a, b) for a, b in pairs if group.index(a) < group.index(b)]
        return [(a, b, True) for a, b in pairs]
    out: list[tuple[ActorMention | None, ActorMention | None, bool]] = []
    expanded = len(sources) > 1 or len(targets) > 1
    for s in sources or [None]:
        for t in targets or [None]:
            out.append((s, t, expanded))
    return out


def _passive_without_agent(tree: Tree, m: Match, src: Found | None) -> bool:
    return src is None and not m.is_noun and tree.is_passive(tree.tok(m.anchor))


# Why a candidate trigger gave no event; the keys are the ``reason`` values of
# :class:`detente.events.explain.Explanation`.
REASONS = {
    "emitted": "coded as an event",
    "no_actor": "no actor mention in the places the pattern names for source or target",
    "no_source": "a verbal event needs a source (its subject, or the agent of a passive)",
    "no_target": "the pattern needs a target and none was found",
    "no_partner": "a joint action (meeting, talks) needs a second participant",
    "self_event": "source and target are the same actor",
    "below_min_confidence": "confidence below the configured min_confidence",
    "duplicate": "the same source, target and CAMEO root were coded from a better-supported trigger",
    "attitude_content": "inside the content of an attitude or speech act (urged, accused, threatened ...)",
    "promise_content": "a promise gives way to the act it promises (coded with the future flag)",
    "protest_purpose": "the demand a protest is held for is coded as that protest, not a second event",
    "source_sector": "the pattern is an event only for some kinds of source (troops crossing a border)",
    "no_pattern": "the word is a trigger only with other words (an object, a particle, a modifier)",
    "no_actors_in_sentence": "the sentence names no actor, so nothing in it is coded",
    "nominal_subject": "an event noun that is the subject of an event verb ('the attack killed')",
    "nominal_object": "an event noun that is the object of an event verb ('condemned the attack')",
}

Note = Callable[[Match, str, str, int], None]


def _sector_ok(mention: ActorMention, sectors: tuple[str, ...]) -> bool:
    """``sectors`` lists the allowed sectors ("MIL"), or the excluded ones ("!MIL")."""
    sector = mention.actor.sector or ""
    banned = {s[1:] for s in sectors if s.startswith("!")}
    wanted = {s for s in sectors if not s.startswith("!")}
    return sector not in banned and (not wanted or sector in wanted)


# Agreeing and reaching or signing an agreement: negated, the parties did not agree.
NO_AGREEMENT_CODES = frozenset({"030", "057"})


def _announced_code(code: str, mode: Modality, options: CoderOptions) -> str:
    """Recode an announced act as CAMEO and PLOVER do: a stated future hostile act
    is a threat (CAMEO 13, PLOVER THREATEN), a promised cooperative one ("will give
    a grant", "said they would release the hostages") an intention (CAMEO 03, PLOVER
    AGREE), and any act made conditional with "unless" ("will withdraw unless ...")
    a threat.  The statement is the event of the day; the act may never come.  Acts
    only planned ("plans to visit") keep their own code and the ``future`` flag, and
    with ``intent_codes`` every future act becomes its intention or threat."""
    if mode.negated or not mode.future:
        return code
    if options.intent_codes:
        return intent_code(code)
    if not options.announced_codes:
        return code
    hostile = int(code[:2]) >= 14
    if hostile and (mode.declared or mode.condition is not None):
        return intent_code(code)
    if mode.condition == "unless" and code[:2] not in ("10", "11", "12", "13"):
        return "130"
    if mode.declared and not hostile:
        return intent_code(code)
    return code


def _borrow_target(tree: Tree, linker: Linker, m: Match, src: Found | None) -> Found | None:
    """The target of an attitude taken from the act in its complement ("threatened
    to break relations *with Russia*"); that act's own source must not be it."""
    for inner in m.inner:
        if not inner.pattern.target:
            continue
        found = fill(tree, linker, inner, inner.pattern.target)
        if found is None:
            continue
        kept = tuple(t for t in found.mentions if src is None or t not in src.mentions)
        if kept:
            return Found(kept, found.slot, False)
    return None


def code_sentence(
    analysis: Analysis,
    tree: Tree,
    *,
    lexicon: EventLexicon,
    options: CoderOptions,
    note: Note | None = None,
    custody: frozenset[str] | None = None,
) -> list[Event]:
    """Every event of one sentence; ``note(match, reason, detail, n_events)`` is
    told what became of each candidate trigger (see :data:`REASONS`).  ``custody``
    is :func:`custody_lemmas` of ``lexicon``, when the caller has it already."""
    linker = Linker(tree, analysis.actors)
    if custody is None:
        custody = custody_lemmas(lexicon)
    if not linker.mentions and not reports_custody(tree, custody):
        return []
    doc = analysis.parsed
    text = doc.document.text
    events: list[Event] = []
    owner: dict[int, Match] = {}

    def drop(m: Match, reason: str, detail: str = "") -> None:
        if note is not None:
            note(m, reason, detail, 0)

    for m in find_matches(tree, lexicon):
        p = m.pattern
        source_slots = ("subj", *p.source) if m.light else p.source
        if "subj" in source_slots:
            source_slots = (*source_slots, "speaker")
        src = fill(tree, linker, m, source_slots)
        tgt = fill(tree, linker, m, p.target) if p.target else None
        possessive_object = any(t.rstrip("!") in ("dobj", "object:poss") for t in p.target)
        if tgt is None and not m.is_noun and possessive_object:
            tgt = fill(tree, linker, m, ("speaker_poss",))
        if tgt is not None and src is not None:
            kept = tuple(t for t in tgt.mentions if t not in src.mentions)
            tgt = Found(kept, tgt.slot, tgt.direct) if kept else None
        if tgt is None and m.inner:
            tgt = _borrow_target(tree, linker, m, src)
        if tgt is None and not p.symmetric:
            tgt = place_target(tree, m, p.code, src, analysis.places)
        if src is None and tgt is None:
            src, tgt = custody_arguments(tree, linker, m)
        if src is None and tgt is None:
            drop(m, "no_actor", f"source slots {list(source_slots)}, target slots {list(p.target)}")
            continue
        if p.require_target and tgt is None:
            drop(m, "no_target", f"target slots {list(p.target)}")
            continue
        if p.require_source and src is None:
            drop(m, "no_source", f"source slots {list(source_slots)}")
            continue
        if src is None and not (
            m.is_noun or _passive_without_agent(tree, m, src) or violent_cause(tree, m, lexicon)
        ):
            drop(m, "no_source", f"source slots {list(source_slots)}")
            continue
        if p.source_sectors and src is not None:
            allowed = [x for x in src.mentions if _sector_ok(x, p.source_sectors)]
            if not allowed:
                drop(m, "source_sector", f"source must be one of {', '.join(p.source_sectors)}")
                continue
            src = Found(tuple(allowed), src.slot, src.direct)
        reciprocal = src is not None and len(src.mentions) >= 2 and _reciprocal(tree, m)
        if reciprocal:
            tgt = None  # "expelled each other's diplomats": each source is the other's target
        if p.symmetric and tgt is None and (src is None or len(src.mentions) < 2):
            drop(m, "no_partner")  # "met reporters": a meeting needs a known partner
            continue
        code = p.code
        symmetric = p.symmetric or reciprocal
        if code == "190" and _irregular_attacker(tree, m):
            code = "180"
        if p.joint and _is_joint(tree, m, src, tgt):
            code, symmetric = p.joint, True
        mode = detect(tree, m)
        if p.negated and mode.negated:
            # "will not accept": the refusal is the act (CAMEO 12), not a negated acceptance
            mode = replace(mode, negated=False)
        elif mode.negated and code in NO_AGREEMENT_CODES:
            # "failed to reach an agreement", "did not agree": no agreement is the news,
            # a rejection between the parties (CAMEO 120, PLOVER REJECT), not a negated deal
            code, mode = "120", replace(mode, negated=False)
        code = _announced_code(code, mode, options)
        if tgt is None and code[:2] == "13":
            # a threat is aimed at whoever its condition names
            tgt = fill(tree, linker, m, ("condition_subj",))
        if tgt is None and not symmetric and not reciprocal:
            tgt = home_target(tree, code, src, linker.mentions, analysis.places)
        home = tgt is not None and tgt.slot == "home"
        info = lexicon.code_info(code)
        span_toks = [tree.tok(i) for i in m.span_tokens()]
        start, end = span_toks[0].start, span_toks[-1].end
        made = 0
        reason, detail = "self_event", ""
        pairs = _pairs(src, tgt, symmetric=symmetric, both_ways=options.symmetric_consult)
        # "promised to democratize Serbia" (a Serbian source): the act stands,
        # only its target is the source itself -- its home state when the act is a
        # domestic one ("Turkish authorities imposed a curfew in Cizre"), else none.
        if (
            tgt is not None
            and src is not None
            and not (p.require_target or symmetric or home)
            and all(t is not None and s is not None and _same_actor(s, t) for s, t, _ in pairs)
        ):
            tgt = home_target(tree, code, src, linker.mentions, analysis.places)
            home = tgt is not None
            if home:
                pairs = _pairs(src, tgt, symmetric=False, both_ways=options.symmetric_consult)
            else:
                pairs = [(s, None, e) for s, e in dict.fromkeys((s, e) for s, _, e in pairs)]
        for s, t, expanded in pairs:
            if s is None and t is None:
                continue
            if s is not None and t is not None and not home and _same_actor(s, t):
                detail = f"{s.actor.code} and {t.actor.code}"
                continue
            # In a group pair ("A and B held talks") the partner comes from the
            # source slot; it is as well attested as the source.
            t_found = tgt if tgt is not None and t in tgt.mentions else (src if t else None)
            confidence = _confidence(m, src if s else None, t_found, expanded=expanded)
            if confidence < options.min_confidence:
                reason, detail = "below_min_confidence", f"{confidence:.2f} < {options.min_confidence:.2f}"
                continue
            made += 1
            events.append(
                Event(
                    doc_id=doc.document.id,
                    sentence=tree.sentence.index,
                    evidence=tree.sentence.text,
                    trigger=Span(text[start:end], start, end),
                    source=s,
                    target=t,
                    cameo=code,
                    cameo_root=code[:2],
                    plover=info.plover,
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    plover_mode=(p.mode if code == p.code else None) or info.plover_mode,
                    negated=mode.negated,
                    hypothetical=mode.hypothetical,
                    future=mode.future,
                    confidence=confidence,
                )
            )
            owner[id(events[-1])] = m
        if p.reverse and made:
            # a paired act: the target's own side of it ("arrived in X": X hosts)
            for e in events[-made:]:
                if e.source is not None and e.target is not None:
                    events.append(_reversed(e, lexicon.code_info(p.reverse)))
                    owner[id(events[-1])] = m
        if made:
            if note is not None:
                note(m, "emitted", code, made)
        else:
            drop(m, reason, detail)
    kept = _dedupe(events)
    if note is not None:
        survivors = {id(e) for e in kept}
        lost: dict[int, Match] = {}
        for e in events:
            if id(e) not in survivors:
                lost[owner[id(e)].trigger] = owner[id(e)]
        alive = {owner[id(e)].trigger for e in kept}
        for trig, m in lost.items():
            if trig not in alive:
                note(m, "duplicate", "", 0)
    return kept


def _reversed(e: Event, info: CodeInfo) -> Event:
    """The other side of a paired event, coded ``info``: target and source swapped."""
    return replace(
        e,
        source=e.target,
        target=e.source,
        cameo=info.code,
        cameo_root=info.code[:2],
        plover=info.plover,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_mode=info.plover_mode,
    )


def _key(e: Event) -> tuple[object, ...]:
    s = (e.source.start, e.source.end) if e.source else None
    t = (e.target.start, e.target.end) if e.target else None
    return (e.sentence, s, t, e.cameo_root)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, source, target, root); an event with both actors
    also absorbs a same-root event that lacks one of them."""
    best: dict[tuple[object, ...], Event] = {}
    for e in events:
        k = _key(e)
        if k not in best or e.confidence > best[k].confidence:
            best[k] = e
    kept = list(best.values())
    out: list[Event] = []
    for e in kept:
        partial = e.source is None or e.target is None
        if partial and any(
            o is not e
            and o.cameo_root == e.cameo_root
            and o.source is not None
            and o.target is not None
            and (e.source is None or (o.source.start, o.source.end) == (e.source.start, e.source.end))
            and (e.target is None or (o.target.start, o.target.end) == (e.target.start, e.target.end))
            for o in kept
        ):
            continue
        out.append(e)
    out.sort(key=lambda e: (e.trigger.start, e.source.start if e.source else -1))
    return out


def code_document(analysis: Analysis, *, lexicon: EventLexicon, options: CoderOptions) -> Iterator[Event]:
    doc = analysis.parsed
    sentences_with_actors = {m.sent for m in analysis.actors}
    custody = custody_lemmas(lexicon)
    for sentence in doc.sentences:
        if sentence.index not in sentences_with_actors and not any(
            t.lemma.lower() in custody for t in doc.tokens[sentence.token_start : sentence.token_end]
        ):
            continue
        tree = Tree.build(doc, sentence)
        yield from code_sentence(analysis, tree, lexicon=lexicon, options=options, custody=custody)
