"""The matcher on real spaCy parses (the session ``parse`` fixture)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from detente.actors import ActorLexicon, ActorsConfig, run
from detente.model import ActorMention, Analysis, ParsedDocument

Parse = Callable[..., ParsedDocument]


def _mentions(
    parse: Parse, lexicon: ActorLexicon, text: str, published: dt.date | None = dt.date(2025, 4, 30)
) -> tuple[ActorMention, ...]:
    parsed = parse(text, published=published)
    (out,) = run([Analysis(parsed=parsed)], config=ActorsConfig(), resources=lexicon)
    for m in out.actors:
        assert text[m.start : m.end] == m.text
        tok = parsed.tokens[m.head]
        assert m.token_start <= m.head < m.token_end
        # the head's own head lies outside the mention (or it is the root)
        assert not (m.token_start <= tok.head < m.token_end) or tok.head == tok.i
    assert [m.start for m in out.actors] == sorted(m.start for m in out.actors)
    return out.actors


def _pairs(ms: tuple[ActorMention, ...]) -> list[tuple[str, str]]:
    return [(m.text, m.actor.code) for m in ms]


def test_contract_example(parse: Parse, lexicon: ActorLexicon) -> None:
    ms = _mentions(
        parse,
        lexicon,
        "Azerbaijani President Ilham Aliev and Iranian President "
        "Massoud Pezeshkian held talks in Baku on Monday.",
    )
    assert _pairs(ms) == [
        ("Azerbaijani President Ilham Aliev", "AZEGOV"),
        ("Iranian President Massoud Pezeshkian", "IRNGOV"),
        ("Baku", "AZE"),
    ]
    assert ms[0].actor.name == "Ilham Aliyev" and ms[0].start == 0 and ms[0].end == 33
    assert ms[1].actor.name == "Masoud Pezeshkian"
    assert parse("x").tokens is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The US and the United Kingdom warned Russia.",
            [("US", "USA"), ("United Kingdom", "GBR"), ("Russia", "RUS")],
        ),
        (
            "Britain, America and the DRC signed the deal.",
            [("Britain", "GBR"), ("America", "USA"), ("DRC", "COD")],
        ),
        (
            "Israeli and Saudi diplomats met Emirati officials.",
            [("Israeli", "ISRGOV"), ("Saudi diplomats", "SAUGOV"), ("Emirati officials", "AREGOV")],
        ),
        (
            "Baku and Yerevan traded accusations as Moscow watched.",
            [("Baku", "AZEGOV"), ("Yerevan", "ARM"), ("Moscow", "RUSGOV")],
        ),
        (
            "Downing Street, the Elysee and the Pentagon declined to comment.",
            [("Downing Street", "GBRGOV"), ("Elysee", "FRAGOV"), ("Pentagon", "USAMIL")],
        ),
        (
            "Ukrainian army units shelled positions held by Russian forces near Kyiv.",
            [("Ukrainian army", "UKRMIL"), ("Russian forces", "RUSMIL"), ("Kyiv", "UKR")],
        ),
        (
            "Iran's foreign ministry summoned the Azerbaijani ambassador.",
            [("Iran's foreign ministry", "IRNGOV"), ("Azerbaijani ambassador", "AZEGOV")],
        ),
        (
            "Iranian state media said the Revolutionary Guards had fired missiles.",
            [("Iranian state media", "IRNMED"), ("Revolutionary Guards", "IRNMIL")],
        ),
    ],
)
def test_names_forms_and_sectors(
    parse: Parse, lexicon: ActorLexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _pairs(_mentions(parse, lexicon, text)) == expected


def test_office_holder_role_depends_on_date(parse: Parse, lexicon: ActorLexicon) -> None:
    text = "Pezeshkian met Azerbaijan's ambassador."
    (early, _) = _mentions(parse, lexicon, text, published=dt.date(2003, 5, 1))
    (late, _) = _mentions(parse, lexicon, text, published=dt.date(2025, 5, 1))
    (mid, _) = _mentions(parse, lexicon, text, published=dt.date(2015, 5, 1))
    assert (early.actor.country, early.actor.sector) == ("IRN", "GOV")  # health minister
    assert (late.actor.country, late.actor.sector) == ("IRN", "GOV")  # president
    assert (mid.actor.country, mid.actor.sector) == ("IRN", "LEG")  # member of parliament
    (raisi,) = _mentions(parse, lexicon, "Raisi spoke.", published=dt.date(2020, 1, 1))
    assert raisi.actor.code == "IRNJUD"  # chief justice before he was president


def test_unknown_titled_people(parse: Parse, lexicon: ActorLexicon) -> None:
    ms = _mentions(
        parse,
        lexicon,
        "Iranian President Dariush Farahani called Azerbaijan's foreign minister Elchin Guliyev on Tuesday.",
    )
    assert [(m.text, m.actor.name, m.actor.code) for m in ms] == [
        ("Iranian President Dariush Farahani", "Dariush Farahani", "IRNGOV"),
        ("Azerbaijan's foreign minister Elchin Guliyev", "Elchin Guliyev", "AZEGOV"),
    ]


def test_organisations_and_groups(parse: Parse, lexicon: ActorLexicon) -> None:
    ms = _mentions(
        parse, lexicon, "The UN Security Council, NATO and the IAEA condemned Hezbollah and the Houthis."
    )
    assert _pairs(ms) == [
        ("UN Security Council", "IGOUNOSC"),
        ("NATO", "IGONATO"),
        ("IAEA", "IGOIAEA"),
        ("Hezbollah", "LBNREB"),
        ("Houthis", "YEMREB"),
    ]


def test_no_actor_inside_larger_proper_names(parse: Parse, lexicon: ActorLexicon) -> None:
    # "Jordan" the country is kept (the gazetteer beats a PERSON guess); the Jordan
    # River, Michael Jordan, Iran Air and the New York Times are not actors.
    ms = _mentions(
        parse,
        lexicon,
        "The New York Times reported that Jordan closed the Jordan "
        "River crossings and that Michael Jordan flew Iran Air.",
    )
    assert _pairs(ms) == [("Jordan", "JOR")]
    # "Latin American" names no state; "diplomats" alone is a generic agent (GOV, no country)
    got = _mentions(parse, lexicon, "The Washington Post cited Latin American diplomats.")
    assert [(m.text, m.actor.code, m.actor.country) for m in got] == [("diplomats", "GOV", None)]


def test_known_person_after_title_and_former(parse: Parse, lexicon: ActorLexicon) -> None:
    ms = _mentions(
        parse,
        lexicon,
        "Former US Secretary of State Antony Blinken and Foreign Minister Abbas Araghchi spoke.",
        published=dt.date(2025, 6, 1),
    )
    assert [(m.actor.name, m.actor.code) for m in ms] == [
        ("Antony Blinken", "USA"),
        ("Abbas Araghchi", "IRNGOV"),
    ]
