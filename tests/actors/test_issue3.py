"""Issue #3: dated roles, learned titles, coreference, compounds, generic agents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from detente.actors import ActorLexicon, ActorsConfig, reresolve, run
from detente.model import Analysis, ParsedDocument

Parse = Callable[..., ParsedDocument]
SPRING_2025 = dt.date(2025, 5, 1)


def _mentions(
    parse: Parse, lexicon: ActorLexicon, text: str, published: dt.date | None = SPRING_2025
) -> list:
    (out,) = run(
        [Analysis(parsed=parse(text, published=published))], config=ActorsConfig(), resources=lexicon
    )
    return [(m.text, m.actor.code, m.actor.name) for m in out.actors]


def _codes(parse: Parse, lexicon: ActorLexicon, text: str, published: dt.date | None = SPRING_2025) -> list:
    return [(text, code) for text, code, _ in _mentions(parse, lexicon, text, published)]


# -- dated resolution and variants ---------------------------------------------------
def test_same_name_resolves_by_date(lexicon: ActorLexicon) -> None:
    early = lexicon.resolve_text("Pezeshkian", on=dt.date(2003, 6, 1))
    mp = lexicon.resolve_text("Pezeshkian", on=dt.date(2015, 6, 1))
    late = lexicon.resolve_text("Pezeshkian", on=SPRING_2025)
    assert early and mp and late
    assert early[0].office == "Minister of Health" and early[1].code == "IRNGOV"
    assert mp[1].code == "IRNLEG"
    assert late[0].office == "President" and late[1].code == "IRNGOV"
    # out of any office (2006): the country only
    assert lexicon.lookup("Pezeshkian", on=dt.date(2006, 6, 1)).code == "IRN"  # type: ignore[union-attr]


def test_variant_spellings(lexicon: ActorLexicon) -> None:
    for variant in ("Masoud Pezeshkian", "Massoud Pezeshkiyan", "Pezeshkyan"):
        assert lexicon.lookup(variant, on=SPRING_2025).name == "Masoud Pezeshkian"  # type: ignore[union-attr]
    assert lexicon.lookup("Ilham Aliev", on=SPRING_2025).code == "AZEGOV"  # type: ignore[union-attr]
    # the shared surname goes to who held office on the date
    assert lexicon.lookup("Aliyev", on=dt.date(2000, 1, 1)).name == "Heydar Aliyev"  # type: ignore[union-attr]
    assert lexicon.lookup("Aliyev", on=SPRING_2025).name == "Ilham Aliyev"  # type: ignore[union-attr]


def test_reresolve_moves_a_bare_name_to_the_event_date(parse: Parse, lexicon: ActorLexicon) -> None:
    (out,) = run(
        [Analysis(parsed=parse("Pezeshkian visited Baku.", published=SPRING_2025))],
        config=ActorsConfig(),
        resources=lexicon,
    )
    person = out.actors[0]
    assert person.actor.code == "IRNGOV"
    assert reresolve(person, on=dt.date(2015, 3, 1), lexicon=lexicon).actor.code == "IRNLEG"
    assert reresolve(person, on=dt.date(2006, 3, 1), lexicon=lexicon).actor.code == "IRN"
    # a state is not a dated actor; a titled mention keeps the role its words give
    assert reresolve(out.actors[1], on=dt.date(2003, 1, 1), lexicon=lexicon) == out.actors[1]
    (titled,) = run(
        [Analysis(parsed=parse("President Pezeshkian spoke.", published=SPRING_2025))],
        config=ActorsConfig(),
        resources=lexicon,
    )
    assert reresolve(titled.actors[0], on=dt.date(2015, 3, 1), lexicon=lexicon) == titled.actors[0]


def test_dating_redates_event_actors(parse: Parse, lexicon: ActorLexicon) -> None:
    from detente.model import Event, Span
    from detente.time.dating import redate_actors

    (out,) = run(
        [Analysis(parsed=parse("Pezeshkian visited Baku.", published=SPRING_2025))],
        config=ActorsConfig(),
        resources=lexicon,
    )
    event = Event(
        "d", 0, "", Span("visited", 11, 18), out.actors[0], out.actors[1], "042", "04", "CONSULT", 1, 1.9
    )
    old = redate_actors(
        Event(**{**_fields(event), "date": "2015-03", "date_precision": "month"}), SPRING_2025, lexicon
    )
    assert old.source is not None and old.source.actor.code == "IRNLEG"
    near = redate_actors(
        Event(**{**_fields(event), "date": "2025-03-01", "date_precision": "day"}), SPRING_2025, lexicon
    )
    assert near.source == out.actors[0]  # within 90 days: unchanged
    vague = redate_actors(
        Event(**{**_fields(event), "date": "2015", "date_precision": "year"}), SPRING_2025, lexicon
    )
    assert vague.source == out.actors[0]  # a year is too vague to move a role


def _fields(event: object) -> dict:
    return {f: getattr(event, f) for f in event.__dataclass_fields__}  # type: ignore[attr-defined]


# -- metonyms and compounds ------------------------------------------------------------
def test_metonyms(parse: Parse, lexicon: ActorLexicon) -> None:
    assert _codes(parse, lexicon, "Tehran said the Kremlin and the Pentagon were wrong.") == [
        ("Tehran", "IRNGOV"),
        ("Kremlin", "RUSGOV"),
        ("Pentagon", "USAMIL"),
    ]


def test_compound_actors(parse: Parse, lexicon: ActorLexicon) -> None:
    assert _codes(parse, lexicon, "Iran and Azerbaijan signed a deal.") == [
        ("Iran", "IRN"),
        ("Azerbaijan", "AZE"),
    ]
    assert _codes(parse, lexicon, "Turkish and Azerbaijani officials met on Monday.") == [
        ("Turkish", "TURGOV"),
        ("Azerbaijani officials", "AZEGOV"),
    ]
    assert _codes(parse, lexicon, "The ambassadors of Armenia, Georgia and Iran presented credentials.") == [
        ("ambassadors of Armenia", "ARMGOV"),
        ("Georgia", "GEOGOV"),
        ("Iran", "IRNGOV"),
    ]
    assert _codes(parse, lexicon, "U.S. and Russian negotiators returned to Geneva.")[:2] == [
        ("U.S.", "USAGOV"),
        ("Russian negotiators", "RUSGOV"),
    ]


# -- learned titles and coreference ------------------------------------------------------
def test_unknown_office_holder_learned_and_corefered(parse: Parse, lexicon: ActorLexicon) -> None:
    got = _mentions(
        parse,
        lexicon,
        "Iranian President Dariush Farahani arrived in Baku on Monday. Farahani said the visit "
        "mattered. The president later left.",
    )
    assert got == [
        ("Iranian President Dariush Farahani", "IRNGOV", "Dariush Farahani"),
        ("Baku", "AZE", "Azerbaijan"),
        ("Farahani", "IRNGOV", "Dariush Farahani"),
        ("president", "IRNGOV", "Dariush Farahani"),
    ]


def test_appositives_are_one_mention(parse: Parse, lexicon: ActorLexicon) -> None:
    got = _mentions(
        parse,
        lexicon,
        "Reza Karimi, Iran's ambassador to Baku, met reporters. Karimi said Iran's foreign minister, "
        "Abbas Araghchi, would come.",
    )
    assert got[0] == ("Reza Karimi, Iran's ambassador to Baku", "IRNGOV", "Reza Karimi")
    assert ("Karimi", "IRNGOV", "Reza Karimi") in got
    assert ("Iran's foreign minister, Abbas Araghchi", "IRNGOV", "Abbas Araghchi") in got
    assert not any(text == "Baku" for text, _, _ in got)  # the posting is no actor of its own


def test_known_minister_then_bare_title(parse: Parse, lexicon: ActorLexicon) -> None:
    got = _mentions(
        parse,
        lexicon,
        "Azerbaijan's foreign minister Jeyhun Bayramov met Iranian officials. Bayramov spoke first, "
        "and the minister then left.",
    )
    assert got[0][1:] == ("AZEGOV", "Jeyhun Bayramov")
    assert ("Bayramov", "AZEGOV", "Jeyhun Bayramov") in got
    assert ("minister", "AZEGOV", "Jeyhun Bayramov") in got


def test_unresolved_bare_title_is_dropped(parse: Parse, lexicon: ActorLexicon) -> None:
    assert _codes(parse, lexicon, "The president spoke on Monday.") == []


# -- generic agents -----------------------------------------------------------------------
def test_generic_agents_with_and_without_a_country(parse: Parse, lexicon: ActorLexicon) -> None:
    assert _codes(parse, lexicon, "Iranian police arrested the suspects.") == [("Iranian police", "IRNCOP")]
    assert _codes(parse, lexicon, "Police in Iran detained the suspects.") == [("Police in Iran", "IRNCOP")]
    assert _codes(parse, lexicon, "Iran said police arrested dozens of students.") == [
        ("Iran", "IRN"),
        ("police", "IRNCOP"),
        ("students", "IRNEDU"),
    ]
    assert _codes(parse, lexicon, "Rebels attacked a convoy and refugees fled.") == [
        ("Rebels", "REB"),
        ("refugees", "REF"),
    ]
    # two states in the sentence: no guess
    assert ("protesters", "CVL") in _codes(parse, lexicon, "Iran and Iraq said protesters gathered.")
    # the opponent in the same clause gives no country
    assert ("militants", "REB") in _codes(parse, lexicon, "Israeli troops killed three militants.")


def test_dateline_and_dominant_country(parse: Parse, lexicon: ActorLexicon) -> None:
    got = _codes(
        parse, lexicon, "TEHRAN (Reuters) - Police said on Monday that rebels attacked a checkpoint."
    )
    assert ("Police", "IRNCOP") in got and ("rebels", "IRNREB") in got
    got = _codes(
        parse,
        lexicon,
        "Armenia closed a border crossing. Armenia's government said it was temporary. Troops were deployed.",
    )
    assert got[-1] == ("Troops", "ARMMIL")
