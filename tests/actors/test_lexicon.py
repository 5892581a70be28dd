"""The loaded lexicon: coverage of the brief's names, lookups, dates, extension."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.actors import ActorEntry, ActorLexicon
from detente.model import Actor


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iran", "IRN"),
        ("IRN", "IRN"),
        ("Azerbaijan", "AZE"),
        ("the US", "USA"),
        ("the United States", "USA"),
        ("America", "USA"),
        ("the UK", "GBR"),
        ("Britain", "GBR"),
        ("the DRC", "COD"),
        ("Russia", "RUS"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Iranian", "IRN"),
        ("Israeli", "ISR"),
        ("Saudi", "SAU"),
        ("Emirati", "ARE"),
        ("Tehran", "IRN"),
        ("Baku", "AZE"),
        ("Yerevan", "ARM"),
        ("Washington", "USA"),
        ("Moscow", "RUS"),
        ("Kyiv", "UKR"),
        ("Riyadh", "SAU"),
        ("the Kremlin", "RUSGOV"),
        ("the White House", "USAGOV"),
        ("Downing Street", "GBRGOV"),
        ("the Pentagon", "USAMIL"),
        ("the Elysee", "FRAGOV"),
        ("Élysée", "FRAGOV"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Palestine", "PSE"),
        ("Western Sahara", "ESH"),
        ("Holy See", "VAT"),
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
    ],
)
def test_lookup_states(lexicon: ActorLexicon, text: str, code: str) -> None:
    actor = lexicon.lookup(text)
    assert actor is not None, text
    assert actor.code == code
    assert actor.country == code[:3]


@pytest.mark.parametrize(
    ("text", "code", "country"),
    [
        ("UN", "IGOUNO", None),
        ("UN Security Council", "IGOUNOSC", None),
        ("EU", "IGOEU", None),
        ("NATO", "IGONATO", None),
        ("IAEA", "IGOIAEA", None),
        ("OPEC", "IGOOPEC", None),
        ("African Union", "IGOAU", None),
        ("ASEAN", "IGOASEAN", None),
        ("GCC", "IGOGCC", None),
        ("CSTO", "IGOCSTO", None),
        ("SCO", "IGOSCO", None),
        ("BRICS", "IGOBRICS", None),
        ("ICC", "IGOICC", None),
        ("ICJ", "IGOICJ", None),
        ("Red Cross", "NGOICRC", None),
        ("ICRC", "NGOICRC", None),
        ("WHO", "IGOWHO", None),
        ("IMF", "IGOIMF", None),
        ("World Bank", "IGOWB", None),
        ("Arab League", "IGOARL", None),
        ("OSCE", "IGOOSCE", None),
        ("Hamas", "PSEREB", "PSE"),
        ("Hezbollah", "LBNREB", "LBN"),
        ("Houthis", "YEMREB", "YEM"),
        ("ISIS", "IMGISIS", None),
        ("al-Shabaab", "SOMREB", "SOM"),
        ("PKK", "TURREB", "TUR"),
        ("Wagner", "RUSMIL", "RUS"),
    ],
)
def test_lookup_organisations(lexicon: ActorLexicon, text: str, code: str, country: str | None) -> None:
    actor = lexicon.lookup(text, on=dt.date(2025, 1, 1))
    assert actor is not None, text
    assert (actor.code, actor.country) == (code, country)


def test_composed_code_and_unknown(lexicon: ActorLexicon) -> None:
    assert lexicon.lookup("IRNGOV") == Actor("Iran", "IRNGOV", "IRN", "GOV")
    assert lexicon.lookup("azerbaijan") is not None  # case-insensitive fallback for filters
    assert lexicon.lookup("Atlantis") is None
    assert lexicon.lookup("  ") is None
    assert lexicon.lookup("XYZGOV") is None


@pytest.mark.parametrize(
    ("on", "sector", "code"),
    [
        (dt.date(2003, 6, 1), "GOV", "IRNGOV"),  # health minister
        (dt.date(2012, 6, 1), "LEG", "IRNLEG"),  # member of the Majlis
        (dt.date(2025, 6, 1), "GOV", "IRNGOV"),  # president
        (dt.date(1995, 6, 1), None, "IRN"),  # in no office: country only
        (None, "GOV", "IRNGOV"),  # no date: the current role
    ],
)
def test_pezeshkian_by_date(lexicon: ActorLexicon, on: dt.date | None, sector: str | None, code: str) -> None:
    actor = lexicon.lookup("Pezeshkian", on=on)
    assert actor is not None
    assert (actor.name, actor.country, actor.sector, actor.code) == (
        "Masoud Pezeshkian",
        "IRN",
        sector,
        code,
    )


def test_shared_surname_resolves_by_date(lexicon: ActorLexicon) -> None:
    assert lexicon.lookup("Aliyev", on=dt.date(1999, 1, 1)).name == "Heydar Aliyev"  # type: ignore[union-attr]
    assert lexicon.lookup("Aliyev", on=dt.date(2024, 1, 1)).name == "Ilham Aliyev"  # type: ignore[union-attr]


def test_grace_period_and_gap_between_terms(lexicon: ActorLexicon) -> None:
    # A report a few days after the hand-over still calls Biden by his office.
    assert lexicon.lookup("Biden", on=dt.date(2025, 1, 25)).sector == "GOV"  # type: ignore[union-attr]
    # Trump between his two terms, far from either: only his country.
    trump = lexicon.lookup("Trump", on=dt.date(2023, 1, 1))
    assert trump is not None and (trump.code, trump.sector) == ("USA", None)
    assert lexicon.lookup("Trump", on=dt.date(2019, 1, 1)).code == "USAGOV"  # type: ignore[union-attr]


def test_dated_organisation(lexicon: ActorLexicon) -> None:
    assert lexicon.lookup("Taliban", on=dt.date(2010, 1, 1)).code == "AFGREB"  # type: ignore[union-attr]
    assert lexicon.lookup("Taliban", on=dt.date(2022, 1, 1)).code == "AFGGOV"  # type: ignore[union-attr]


def test_international_civil_servant(lexicon: ActorLexicon) -> None:
    guterres = lexicon.lookup("Guterres", on=dt.date(2024, 1, 1))
    assert guterres is not None and (guterres.code, guterres.country) == ("IGOUNO", None)
    assert lexicon.lookup("Guterres", on=dt.date(2000, 1, 1)).code == "PRTGOV"  # type: ignore[union-attr]


def test_extended_returns_new_lexicon(lexicon: ActorLexicon) -> None:
    arnor = ActorEntry(name="Arnor", code="ARN", country="ARN", sector=None, patterns=("Arnor",))
    bigger = lexicon.extended([arnor])
    assert bigger is not lexicon
    assert bigger.lookup("Arnor") == Actor("Arnor", "ARN", "ARN", None, None, "state")
    assert lexicon.lookup("Arnor") is None
    assert len(bigger.entries) == len(lexicon.entries) + 1


def test_every_un_member_and_more_is_present(lexicon: ActorLexicon) -> None:
    states = {e.country for e in lexicon.entries if e.pattern_form == "name"}
    # 193 UN members + 2 observers + Kosovo, Taiwan, Western Sahara, plus some territories
    assert len(states) >= 198
    for iso in ("XKX", "TWN", "PSE", "ESH", "VAT", "SSD", "TLS"):
        assert iso in states
