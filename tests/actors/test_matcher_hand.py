"""The matcher on hand-built documents: no spaCy model needed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from detente.actors import ActorLexicon, ActorsConfig, find_mentions, run
from detente.model import Analysis, ParsedDocument

Doc = Callable[..., ParsedDocument]


def _codes(doc: ParsedDocument, lexicon: ActorLexicon) -> list[tuple[str, str]]:
    found = find_mentions(doc, lexicon=lexicon, on=doc.document.published)
    for m in found:
        assert doc.document.text[m.start : m.end] == m.text
        assert m.token_start <= m.head < m.token_end
    return [(m.text, m.actor.code) for m in found]


def test_title_and_name_make_one_mention(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("Azerbaijani", "ADJ", "amod", 3),
            ("President", "PROPN", "compound", 3),
            ("Ilham", "PROPN", "compound", 3),
            ("Aliev", "PROPN", "nsubj", 4),
            ("spoke", "VERB", "ROOT", 4),
            (".", "PUNCT", "punct", 4),
        ]
    )
    (m,) = find_mentions(d, lexicon=lexicon, on=dt.date(2025, 4, 30))
    assert m.text == "Azerbaijani President Ilham Aliev"
    assert (m.actor.name, m.actor.country, m.actor.sector, m.actor.code) == (
        "Ilham Aliyev",
        "AZE",
        "GOV",
        "AZEGOV",
    )
    assert (m.start, m.end, m.token_start, m.token_end, m.head, m.sent) == (0, 33, 0, 4, 3, 0)


def test_possessive_sector(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [("Iran", "PROPN"), ("'s", "PART"), ("foreign", "ADJ"), ("ministry", "NOUN"), ("protested", "VERB")]
    )
    assert _codes(d, lexicon) == [("Iran's foreign ministry", "IRNGOV")]


def test_demonym_sectors(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("Iranian", "ADJ"),
            ("troops", "NOUN"),
            ("and", "CCONJ"),
            ("Russian", "ADJ"),
            ("forces", "NOUN"),
            ("met", "VERB"),
            ("the", "DET"),
            ("Azerbaijani", "ADJ"),
            ("embassy", "NOUN"),
            ("staff", "NOUN"),
        ]
    )
    assert _codes(d, lexicon) == [
        ("Iranian troops", "IRNMIL"),
        ("Russian forces", "RUSMIL"),
        ("Azerbaijani embassy", "AZEGOV"),
    ]


def test_compound_actors_are_two_mentions(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [("Iran", "PROPN"), ("and", "CCONJ"), ("Azerbaijan", "PROPN"), ("held", "VERB"), ("drills", "NOUN")]
    )
    assert _codes(d, lexicon) == [("Iran", "IRN"), ("Azerbaijan", "AZE")]


def test_shared_sector_over_coordinated_demonyms(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("Hungarian", "ADJ"),
            (",", "PUNCT"),
            ("Czech", "ADJ"),
            ("and", "CCONJ"),
            ("Romanian", "ADJ"),
            ("officials", "NOUN"),
            ("agreed", "VERB"),
        ]
    )
    assert _codes(d, lexicon) == [
        ("Hungarian", "HUNGOV"),
        ("Czech", "CZEGOV"),
        ("Romanian officials", "ROUGOV"),
    ]


def test_unknown_titled_person_takes_the_country(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("Azerbaijan", "PROPN"),
            ("'s", "PART"),
            ("foreign", "ADJ"),
            ("minister", "NOUN"),
            ("Tural", "PROPN"),
            ("Mammadov", "PROPN"),
            ("said", "VERB"),
        ]
    )
    (m,) = find_mentions(d, lexicon=lexicon, on=None)
    assert m.text == "Azerbaijan's foreign minister Tural Mammadov"
    assert (m.actor.name, m.actor.code, m.actor.kind) == ("Tural Mammadov", "AZEGOV", "person")


def test_title_without_state(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [("Foreign", "PROPN"), ("Minister", "PROPN"), ("Zorab", "PROPN"), ("Kelt", "PROPN"), ("left", "VERB")]
    )
    (m,) = find_mentions(d, lexicon=lexicon)
    assert (m.text, m.actor.name, m.actor.country, m.actor.sector, m.actor.code) == (
        "Foreign Minister Zorab Kelt",
        "Zorab Kelt",
        None,
        "GOV",
        "GOV",
    )


def test_office_holder_resolved_at_publication_date(doc: Doc, lexicon: ActorLexicon) -> None:
    words = [("Pezeshkian", "PROPN"), ("visited", "VERB"), ("Tabriz", "PROPN")]
    early = doc(words, published=dt.date(2003, 5, 1))
    late = doc(words, published=dt.date(2025, 5, 1))
    item = Analysis(parsed=early)
    (out,) = run(
        [
            item,
        ],
        config=ActorsConfig(),
        resources=lexicon,
    )
    (m,) = out.actors
    assert (m.actor.code, m.actor.sector) == ("IRNGOV", "GOV")  # health minister then
    (out2,) = run([Analysis(parsed=late)], config=ActorsConfig(), resources=lexicon)
    assert out2.actors[0].actor.code == "IRNGOV"
    mid = dataclasses.replace(
        early, document=dataclasses.replace(early.document, published=dt.date(2015, 1, 1))
    )
    (out3,) = run([Analysis(parsed=mid)], config=ActorsConfig(), resources=lexicon)
    assert out3.actors[0].actor.code == "IRNLEG"


def test_capital_as_subject_is_the_government(doc: Doc, lexicon: ActorLexicon) -> None:
    said = doc([("Tehran", "PROPN", "nsubj", 1), ("said", "VERB", "ROOT", 1)])
    inside = doc([("talks", "NOUN", "ROOT", 0), ("in", "ADP", "prep", 0), ("Tehran", "PROPN", "pobj", 1)])
    assert _codes(said, lexicon) == [("Tehran", "IRNGOV")]
    assert _codes(inside, lexicon) == [("Tehran", "IRN")]


def test_case_matters_for_names(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc([("He", "PRON"), ("told", "VERB"), ("us", "PRON"), ("about", "ADP"), ("turkey", "NOUN")])
    assert _codes(d, lexicon) == []


def test_larger_proper_names_are_not_states(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("Michael", "PROPN"),
            ("Jordan", "PROPN"),
            ("crossed", "VERB"),
            ("the", "DET"),
            ("Jordan", "PROPN"),
            ("River", "PROPN"),
            ("on", "ADP"),
            ("Iran", "PROPN"),
            ("Air", "PROPN"),
            ("to", "ADP"),
            ("New", "PROPN"),
            ("Mexico", "PROPN"),
        ],
        entities=[("PERSON", 0, 2)],
    )
    assert _codes(d, lexicon) == []


def test_standalone_sector_words(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("police", "NOUN"),
            ("met", "VERB"),
            ("the", "DET"),
            ("party", "NOUN"),
            ("and", "CCONJ"),
            ("rebels", "NOUN"),
        ]
    )
    assert _codes(d, lexicon) == [("police", "COP"), ("rebels", "REB")]


def test_former_title_drops_the_sector(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc([("former", "ADJ"), ("President", "PROPN"), ("Biden", "PROPN"), ("spoke", "VERB")])
    assert _codes(d, lexicon) == [("President Biden", "USA")]


def test_of_construction(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("the", "DET"),
            ("government", "NOUN"),
            ("of", "ADP"),
            ("the", "DET"),
            ("United", "PROPN"),
            ("States", "PROPN"),
        ]
    )
    assert _codes(d, lexicon) == [("government of the United States", "USAGOV")]


def test_run_sorts_and_keeps_other_fields(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc([("NATO", "PROPN"), ("and", "CCONJ"), ("the", "DET"), ("Kremlin", "PROPN")])
    (out,) = run([Analysis(parsed=d)], config=ActorsConfig(), resources=lexicon)
    assert [m.actor.code for m in out.actors] == ["IGONATO", "RUSGOV"]
    assert out.parsed is d and out.events == ()


def test_generic_title_without_state_is_not_an_actor(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc([("Director", "PROPN"), ("Brena", "PROPN"), ("Tolk", "PROPN"), ("said", "VERB")])
    assert _codes(d, lexicon) == []


def test_standalone_word_used_as_modifier(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("Military", "ADJ", "amod", 1),
            ("operations", "NOUN", "nsubj", 2),
            ("ended", "VERB", "ROOT", 2),
            ("at", "ADP", "prep", 2),
            ("the", "DET", "det", 6),
            ("police", "NOUN", "compound", 6),
            ("station", "NOUN", "pobj", 3),
        ]
    )
    assert _codes(d, lexicon) == []


def test_of_does_not_swallow_a_demonym_or_a_sectored_state(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc(
        [
            ("the", "DET"),
            ("leader", "NOUN"),
            ("of", "ADP"),
            ("the", "DET"),
            ("Syrian", "ADJ"),
            ("Kurds", "PROPN"),
            ("met", "VERB"),
            ("the", "DET"),
            ("commander", "NOUN"),
            ("of", "ADP"),
            ("US", "PROPN"),
            ("forces", "NOUN"),
        ]
    )
    assert _codes(d, lexicon) == [("Syrian", "SYR"), ("US forces", "USAMIL")]


def test_last_role_word_wins(doc: Doc, lexicon: ActorLexicon) -> None:
    d = doc([("Syrian", "ADJ"), ("government", "NOUN"), ("forces", "NOUN"), ("advanced", "VERB")])
    assert _codes(d, lexicon) == [("Syrian government forces", "SYRMIL")]
