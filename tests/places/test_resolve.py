"""Disambiguation on hand-built documents: no spaCy model needed."""

from __future__ import annotations

from detente.model import Document, ParsedDocument, Sentence, Token
from detente.places.gazetteer import Gazetteer
from detente.places.recognize import Found
from detente.places.resolve import Weights, resolve


def parsed_of(words: list[str]) -> ParsedDocument:
    """A one-sentence document whose tokens are ``words`` separated by spaces."""
    tokens, pos = [], 0
    for i, w in enumerate(words):
        tokens.append(Token(i, w, pos, w, "PROPN", "NNP", "compound", i, 0, whitespace=" "))
        pos += len(w) + 1
    text = " ".join(words)
    sent = Sentence(0, 0, len(text), 0, len(tokens), text)
    return ParsedDocument(Document("d", text), tuple(tokens), (sent,))


def found(parsed: ParsedDocument, i: int, j: int, origin: str = "ner") -> Found:
    toks = parsed.tokens
    start, end = toks[i].start, toks[j - 1].end
    return Found(parsed.document.text[start:end], start, end, 0, i, j, 0.9, origin)


def test_context_country_wins_an_ambiguous_city(gazetteer: Gazetteer) -> None:
    alone = parsed_of(["Springfield"])
    (plain,) = resolve(alone, [found(alone, 0, 1)], gazetteer, weights=Weights())
    with_state = parsed_of(["Springfield", "and", "Chicopee", "Massachusetts"])
    mentions = resolve(
        with_state,
        [found(with_state, 0, 1), found(with_state, 2, 3), found(with_state, 3, 4)],
        gazetteer,
        weights=Weights(),
    )
    assert plain.place is not None and mentions[0].place is not None
    assert mentions[0].place.country == "USA"
    assert with_state.tokens[0].text == "Springfield"
    chosen = [c for c in gazetteer.lookup("Springfield") if c.entry.place == mentions[0].place]
    assert chosen and chosen[0].entry.admin1 == "MA"


def test_a_country_name_is_a_country(gazetteer: Gazetteer) -> None:
    doc = parsed_of(["Jordan"])
    (m,) = resolve(doc, [found(doc, 0, 1)], gazetteer, weights=Weights())
    assert m.place is not None and m.place.feature == "country" and m.place.country == "JOR"
    assert m.score > 0.85


def test_unknown_names_are_kept_unresolved(gazetteer: Gazetteer) -> None:
    doc = parsed_of(["Qwertzistan"])
    (m,) = resolve(doc, [found(doc, 0, 1)], gazetteer, weights=Weights())
    assert m.place is None and m.text == "Qwertzistan"
    assert m.to_dict()["lat"] is None and m.to_dict()["name"] == "Qwertzistan"
    assert 0 < m.score < 0.5


def test_dateline_country_boosts_candidates(gazetteer: Gazetteer) -> None:
    plain = parsed_of(["Officials", "in", "Tripoli"])
    (alone,) = resolve(plain, [found(plain, 2, 3)], gazetteer, weights=Weights())
    assert alone.place is not None and alone.place.country == "LBY"  # the larger Tripoli
    doc = parsed_of(["BEIRUT", "Officials", "in", "Tripoli"])
    mentions = resolve(doc, [found(doc, 0, 1, "dateline"), found(doc, 3, 4)], gazetteer, weights=Weights())
    assert mentions[0].place is not None and mentions[0].place.country == "LBN"
    assert mentions[1].place is not None and mentions[1].place.country == "LBN"


def test_town_comma_qualifier_and_later_mentions(gazetteer: Gazetteer) -> None:
    doc = parsed_of(["Paris", ",", "Texas", "and", "later", "Paris"])
    spans = [found(doc, 0, 1), found(doc, 2, 3), found(doc, 5, 6)]
    mentions = resolve(doc, spans, gazetteer, weights=Weights())
    assert [m.place.country if m.place else None for m in mentions] == ["USA", "USA", "USA"]
    assert mentions[0].place == mentions[2].place
