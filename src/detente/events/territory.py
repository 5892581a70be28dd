"""The country an act is done in, as its target when the sentence names no other.

"Thousands of Kurds demonstrated in Kirkuk", "the army imposed a curfew in
Cizre", "tanks fired shells at targets in Jericho": the text names no party the
act is aimed at, only where it happened.  Event data sets code such acts against
the state of that place (ICEWS and the PLOVER gold standard do): a protest is
addressed to the government of the country it is held in, force used in a
foreign country falls on that country, and force a state uses at home falls on
its own civilians.  The place must hang on the trigger through a locative
preposition, so a place named elsewhere in the sentence is never borrowed.

Only protest (CAMEO 14) and coercion or force (17-20) take such a target; every
other act needs a party named in the text.

:func:`home_target` is the second fallback, for a sentence that names one country
only: "Young Algerians blocked roads to the city centre", "the vice-president
declined to resign", "the authorities imposed a curfew".  With no other state,
body or foreign place in the sentence, a protest, demand, accusation, refusal,
threat, concession or act of coercion is a domestic affair, and PLOVER codes it against
the source's own state: a non-state source (protesters, rebels, a party) acts on
its government, a state source on its own people.  Force (18-20) takes the home
state only from the police: a state's army or the bare state firing at an unnamed
target is as likely abroad as at home, and a rebel group's country is often only
guessed from a place named for another reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from detente.events.arguments import Found
from detente.events.matching import Match
from detente.events.tree import Tree
from detente.model import Actor, ActorMention, PlaceMention, Token

TERRITORIAL_ROOTS = frozenset({"14", "17", "18", "19", "20"})
_IN_PLACE = frozenset({"in", "at", "into", "inside", "throughout", "across", "near", "outside", "around"})
_FORCE_AT_HOME = "CVL"  # a state's force used in its own territory falls on its civilians
_PROTEST_ADDRESSEE = "GOV"
# Roots whose acts, in a sentence naming one country only, are domestic affairs.
# Shows of force (15) and cuts in relations (16) are aimed abroad, never at home.
HOME_ROOTS = frozenset({"10", "11", "12", "13", "14", "17"})
# Concessions that ease a state's grip on its own people (lifting a curfew, a ban, a
# state of emergency; releasing prisoners); resigning or surrendering has no target.
HOME_CONCESSIONS = ("081", "082", "084")
HOME_FORCE_ROOTS = frozenset({"18", "19", "20"})
# Doers whose force, with no other country named, is used at home: the police.
# Rebels too mostly fight at home, but their country is often only inferred from
# a place named for another reason ("speaking in Geneva, the rebels said ...").
_HOME_FORCE_SECTORS = frozenset({"COP"})
_STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})
_BODIES = frozenset({"IGO", "IMG", "NGO"})


def _head_token(tree: Tree, mention: PlaceMention) -> Token | None:
    inside = [t for t in tree.tokens() if t.start >= mention.start and t.end <= mention.end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head not in ids or t.head == t.i]
    return heads[-1] if heads else inside[-1]


def _locative_host(tree: Tree, token: Token) -> Token | None:
    """The word a place's locative phrase hangs on: "demonstrated *in* Kirkuk",
    also through "the town of" ("in the northern city *of* Kirkuk")."""
    cur = token
    for _ in range(3):
        prep = tree.head(cur)
        if cur.dep != "pobj" or prep is None:
            return None
        word = prep.text.lower()
        host = tree.head(prep)
        if word in _IN_PLACE:
            return host
        if word == "of" and host is not None and host.pos == "NOUN":
            cur = host
            continue
        return None
    return None


def _on_the_act(tree: Tree, host: Token, hosts: set[int]) -> bool:
    """The locative phrase hangs on the act itself, or on what the act is done to:
    "shelled positions *near Kharkiv*", "fired at targets *in Jericho*"."""
    if host.i in hosts:
        return True
    if host.pos not in ("NOUN", "PROPN"):
        return False
    up = tree.head(host)
    if up is not None and host.dep == "dobj":
        return up.i in hosts
    if up is not None and host.dep == "pobj" and up.pos == "ADP":
        gov = tree.head(up)
        return gov is not None and gov.i in hosts
    return False


def _as_actor(
    tree: Tree, pm: PlaceMention, actor: Actor, *, head: Token | None = None
) -> ActorMention | None:
    """A place mention standing for ``actor`` (the state or people of that place)."""
    toks = [t for t in tree.tokens() if t.start >= pm.start and t.end <= pm.end]
    if not toks:
        return None
    return ActorMention(
        text=pm.text,
        start=pm.start,
        end=pm.end,
        sent=pm.sent,
        token_start=toks[0].i,
        token_end=toks[-1].i + 1,
        head=head.i if head is not None else toks[-1].i,
        actor=actor,
    )


def place_target(
    tree: Tree, m: Match, code: str, source: Found | None, places: Sequence[PlaceMention]
) -> Found | None:
    """A target from the place the act happened in, or None (see the module docstring)."""
    if code[:2] not in TERRITORIAL_ROOTS or source is None:
        return None
    hosts = {m.trigger, m.anchor} | ({m.obj} if m.obj is not None else set())
    src_countries = {s.actor.country for s in source.mentions}
    for pm in places:
        if pm.sent != tree.sentence.index or pm.place is None or not pm.place.country:
            continue
        head = _head_token(tree, pm)
        host = _locative_host(tree, head) if head is not None else None
        if host is None or not _on_the_act(tree, host, hosts):
            continue
        country = pm.place.country
        at_home = country in src_countries
        if code[:2] == "14":
            sector: str | None = _PROTEST_ADDRESSEE if at_home else None
        else:
            sector = _FORCE_AT_HOME if at_home else None
        actor = Actor(name=pm.place.name, code=country + (sector or ""), country=country, sector=sector)
        mention = _as_actor(tree, pm, actor, head=head)
        if mention is None:
            continue
        return Found((mention,), "place", False)
    return None


def home_target(
    tree: Tree,
    code: str,
    source: Found | None,
    mentions: Sequence[ActorMention],
    places: Sequence[PlaceMention],
) -> Found | None:
    """The source's own state as target when the sentence names no other (see the
    module docstring); the mention is a place of that state named in the sentence,
    else the source mention itself (its words are the evidence of the country)."""
    root = code[:2]
    if source is None or not (root in HOME_ROOTS | HOME_FORCE_ROOTS or code.startswith(HOME_CONCESSIONS)):
        return None
    countries = {s.actor.country for s in source.mentions}
    if len(countries) != 1 or None in countries:
        return None
    (country,) = countries
    sectors = {s.actor.sector for s in source.mentions}
    if root in HOME_FORCE_ROOTS and not sectors <= _HOME_FORCE_SECTORS:
        return None
    index = tree.sentence.index
    for other in mentions:
        if other.sent != index or other in source.mentions:
            continue
        if (other.actor.country or country) != country or other.actor.code[:3] in _BODIES:
            return None
    home = [pm for pm in places if pm.sent == index and pm.place is not None and pm.place.country]
    if any(pm.place is not None and pm.place.country != country for pm in home):
        return None
    state_source = all(s.actor.sector in _STATE_SECTORS or s.actor.sector is None for s in source.mentions)
    sector = _FORCE_AT_HOME if state_source else _PROTEST_ADDRESSEE
    actor = Actor(name=country, code=country + sector, country=country, sector=sector)
    if home:
        at_place = _as_actor(tree, home[0], actor)
        if at_place is not None:
            return Found((at_place,), "home", False)
    return Found((replace(source.mentions[0], actor=actor),), "home", False)
