"""One sentence per pattern family of ``cameo_verbs.v1.yaml``: the codes that must
stay apart (consult vs visit vs host vs negotiate vs mediate; expelling diplomats vs
breaking relations vs recalling an ambassador ...) and a trigger for every root."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente import events
from detente.model import Analysis, ParsedDocument

from .helpers import with_actors

A, B = ("Armenia", "ARM"), ("Azerbaijan", "AZE")

CASES: list[tuple[str, tuple[tuple[str, str], ...], tuple[str, str | None, str]]] = [
    # 01-03 statements, appeals, intentions
    ("Azerbaijan denied any involvement in the attack on Armenia.", (A, B), ("AZE", "ARM", "016")),
    ("Armenia urged Azerbaijan to release the prisoners.", (A, B), ("ARM", "AZE", "020")),
    ("Armenia called for talks with Azerbaijan.", (A, B), ("ARM", "AZE", "026")),
    (
        "Armenia offered to mediate between Russia and Azerbaijan.",
        (A, B, ("Russia", "RUS")),
        ("ARM", "RUS", "039"),
    ),
    # 04 consult: meet, phone, visit, host, negotiate, mediate
    (
        "The Armenian prime minister met the Azerbaijani president in Prague.",
        (("Armenian prime minister", "ARMGOV"), ("Azerbaijani president", "AZEGOV")),
        ("ARMGOV", "AZEGOV", "040"),
    ),
    (
        "Pashinyan phoned Aliyev on Sunday.",
        (("Pashinyan", "ARMGOV"), ("Aliyev", "AZEGOV")),
        ("ARMGOV", "AZEGOV", "041"),
    ),
    ("Pashinyan visited Baku.", (("Pashinyan", "ARMGOV"), ("Baku", "AZEGOV")), ("ARMGOV", "AZEGOV", "042")),
    (
        "Aliyev hosted Pashinyan in Baku.",
        (("Aliyev", "AZEGOV"), ("Pashinyan", "ARMGOV")),
        ("AZEGOV", "ARMGOV", "043"),
    ),
    ("Armenia negotiated with Azerbaijan for months.", (A, B), ("ARM", "AZE", "046")),
    (
        "The European Union mediated between Armenia and Azerbaijan.",
        (("European Union", "IGOEU"), A, B),
        ("IGOEU", "ARM", "045"),
    ),
    (
        "Egypt brokered a ceasefire between Israel and Hamas.",
        (("Egypt", "EGY"), ("Israel", "ISR"), ("Hamas", "PSEREB")),
        ("EGY", "ISR", "045"),
    ),
    # 05 diplomatic cooperation
    ("Armenia signed a peace treaty with Azerbaijan.", (A, B), ("ARM", "AZE", "057")),
    ("Armenia praised Azerbaijan.", (A, B), ("ARM", "AZE", "051")),
    # 06-07 material cooperation and aid
    ("Armenia has shared intelligence with Azerbaijan since May.", (A, B), ("ARM", "AZE", "064")),
    ("Armenia sent humanitarian aid to Azerbaijan.", (A, B), ("ARM", "AZE", "073")),
    # 08 yield
    (
        "Azerbaijan released five Armenian soldiers.",
        (B, ("Armenian soldiers", "ARMMIL")),
        ("AZE", "ARMMIL", "0841"),
    ),
    ("Armenia withdrew its troops from Azerbaijan.", (A, B), ("ARM", "AZE", "0874")),
    (
        "Prime Minister Ruben Vardanyan resigned on Sunday.",
        (("Prime Minister Ruben Vardanyan", "ARMGOV"),),
        ("ARMGOV", None, "0831"),
    ),
    # 09-12 investigate, demand, disapprove, reject
    ("Armenia investigated Azerbaijan.", (A, B), ("ARM", "AZE", "090")),
    (
        "Armenia demanded the withdrawal of Azerbaijani troops.",
        (A, ("Azerbaijani troops", "AZEMIL")),
        ("ARM", "AZEMIL", "1056"),
    ),
    ("Armenia condemned Azerbaijan.", (A, B), ("ARM", "AZE", "111")),
    (
        "Armenia summoned the Azerbaijani ambassador.",
        (A, ("Azerbaijani ambassador", "AZEGOV")),
        ("ARM", "AZEGOV", "114"),
    ),
    (
        "Greece lodged a formal protest with Turkey.",
        (("Greece", "GRC"), ("Turkey", "TUR")),
        ("GRC", "TUR", "114"),
    ),
    (
        "Iran dismissed an appeal from the United Nations.",
        (("Iran", "IRN"), ("United Nations", "IGOUNO")),
        ("IRN", "IGOUNO", "120"),
    ),
    # 13-15 threaten, protest, force posture
    ("Armenia threatened to attack Azerbaijan.", (A, B), ("ARM", "AZE", "138")),
    ("Armenians protested against Azerbaijan.", (("Armenians", "ARM"), B), ("ARM", "AZE", "141")),
    ("Armenia deployed troops to the border with Azerbaijan.", (A, B), ("ARM", None, "154")),
    # 16 reduce relations: expel diplomats vs break relations vs recall ambassador vs sanctions
    ("Armenia expelled two Azerbaijani diplomats.", (A, ("Azerbaijani", "AZE")), ("ARM", "AZE", "161")),
    ("Armenia broke off diplomatic relations with Azerbaijan.", (A, B), ("ARM", "AZE", "161")),
    ("Azerbaijan recalled its ambassador from Tehran.", (B, ("Tehran", "IRNGOV")), ("AZE", "IRNGOV", "161")),
    (
        "The United States imposed sanctions on Iran.",
        (("United States", "USA"), ("Iran", "IRN")),
        ("USA", "IRN", "163"),
    ),
    ("Armenia halted talks with Azerbaijan.", (A, B), ("ARM", "AZE", "164")),
    # 17 coerce: arrest, detain, seize, board, ram
    (
        "Police arrested three Iranian nationals.",
        (("Police", "AZECOP"), ("Iranian nationals", "IRNCVL")),
        ("AZECOP", "IRNCVL", "173"),
    ),
    (
        "Police detained two Armenian activists.",
        (("Police", "AZECOP"), ("Armenian activists", "ARMCVL")),
        ("AZECOP", "ARMCVL", "173"),
    ),
    (
        "Iranian commandos boarded a Greek tanker.",
        (("Iranian commandos", "IRNMIL"), ("Greek", "GRC")),
        ("IRNMIL", "GRC", "171"),
    ),
    (
        "The Chinese coast guard rammed a Philippine supply vessel.",
        (("Chinese coast guard", "CHNMIL"), ("Philippine", "PHL")),
        ("CHNMIL", "PHL", "171"),
    ),
    ("Iran blockaded Azerbaijan.", (("Iran", "IRN"), B), ("IRN", "AZE", "191")),
    # 18-20 assault, fight, mass violence
    (
        "Gunmen abducted two Armenian engineers.",
        (("Gunmen", "AZEREB"), ("Armenian engineers", "ARMCVL")),
        ("AZEREB", "ARMCVL", "181"),
    ),
    (
        "Azerbaijani artillery shelled Armenian villages.",
        (("Azerbaijani artillery", "AZEMIL"), ("Armenian", "ARM")),
        ("AZEMIL", "ARM", "194"),
    ),
    (
        "Israeli jets carried out airstrikes on Hezbollah positions.",
        (("Israeli jets", "ISRMIL"), ("Hezbollah", "LBNREB")),
        ("ISRMIL", "LBNREB", "195"),
    ),
    (
        "Russian forces killed two Ukrainian soldiers.",
        (("Russian forces", "RUSMIL"), ("Ukrainian soldiers", "UKRMIL")),
        ("RUSMIL", "UKRMIL", "190"),
    ),
    (
        "Turkish troops crossed into Syria.",
        (("Turkish troops", "TURMIL"), ("Syria", "SYR")),
        ("TURMIL", "SYR", "190"),
    ),
    (
        "The militia massacred Armenian villagers.",
        (("militia", "AZEREB"), ("Armenian villagers", "ARMCVL")),
        ("AZEREB", "ARMCVL", "202"),
    ),
]


@pytest.fixture(scope="module")
def lexicon() -> events.EventLexicon:
    return events.load(events.EventsConfig())


@pytest.mark.parametrize(("text", "marks", "expected"), CASES, ids=[c[2][2] + ":" + c[0][:30] for c in CASES])
def test_pattern_family(
    parse: Callable[..., ParsedDocument],
    lexicon: events.EventLexicon,
    text: str,
    marks: tuple[tuple[str, str], ...],
    expected: tuple[str, str | None, str],
) -> None:
    (out,) = events.run([with_actors(parse(text), *marks)], config=events.EventsConfig(), resources=lexicon)
    assert isinstance(out, Analysis)
    got = {
        (e.source.actor.code if e.source else None, e.target.actor.code if e.target else None, e.cameo)
        for e in out.events
    }
    assert expected in got, (text, got)


def test_cases_cover_every_root() -> None:
    roots = {c[2][2][:2] for c in CASES}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
