"""Named entities only where actors may be (``NlpConfig.select_entities``).

- the entity recogniser runs on the flagged sentences, the others get none;
- the events are the same as with entities everywhere;
- ``Pipeline.parse`` (timex, geoparse, evaluation adapters) keeps them everywhere;
- the bisection that replaced dating's scans finds the tokens the scans found.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from importlib.resources import files

from detente import nlp
from detente.config import Config
from detente.model import Analysis, Document, ParsedDocument, Sentence, Token
from detente.nlp_select import entity_sentences, place_sentences
from detente.pipeline import Pipeline
from detente.time.attach import last_token_before, token_range

TEXT = (
    "The weather was fine in Lisbon on Sunday.\n\n"
    "Russia accused Ukraine of shelling the plant. "
    "Officials in Kharkiv said the talks would resume."
)


def _sample(n: int) -> list[Document]:
    lines = files("detente").joinpath("data/sample/corpus.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[:n]]
    return [
        Document(id=r["id"], text=r["text"], published=dt.date.fromisoformat(r["published"])) for r in rows
    ]


def _events(results: list[Analysis | object]) -> list[str]:
    out = []
    for r in results:
        assert isinstance(r, Analysis)
        out.extend(f"{r.document.id} {json.dumps(e.to_dict(), sort_keys=True)}" for e in r.events)
    return sorted(out)


def test_entities_only_on_flagged_sentences(language) -> None:  # type: ignore[no-untyped-def]
    config = Config().nlp
    (doc,) = nlp.parse(
        [Document(id="x", text=TEXT)],
        config=config,
        nlp=language,
        select=lambda d: set(),
        recognise=lambda d: {s.index for s in d.sentences if "Russia" in s.text},
    )
    flagged = {s.index for s in doc.sentences if "Russia" in s.text}
    assert flagged
    assert {e.text for e in doc.entities} >= {"Russia", "Ukraine"}
    assert all(e.sent in flagged for e in doc.entities)  # no "Lisbon", "Sunday", "Kharkiv"
    assert all(t.ent_type == "" and t.ent_iob == "O" for t in doc.tokens if t.sent not in flagged)
    (full,) = nlp.parse([Document(id="x", text=TEXT)], config=config, nlp=language)
    assert [t.text for t in doc.tokens] == [t.text for t in full.tokens]
    assert any(e.text == "Lisbon" for e in full.entities)


def test_place_names_of_one_country_flag_their_sentence(pipeline, language) -> None:  # type: ignore[no-untyped-def]
    lexicon = pipeline.resources["actors"]
    config = Config().nlp
    (doc,) = nlp.parse([Document(id="x", text=TEXT)], config=config, nlp=language, select=lambda d: set())
    bare = replace(doc, entities=(), tokens=tuple(replace(t, ent_type="", ent_iob="O") for t in doc.tokens))
    kharkiv = next(s.index for s in bare.sentences if "Kharkiv" in s.text)
    russia = next(s.index for s in bare.sentences if "Russia accused" in s.text)
    assert kharkiv in place_sentences(bare, lexicon=lexicon)
    assert {kharkiv, russia} <= entity_sentences(bare, lexicon=lexicon)


def test_selected_entities_give_the_same_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert pipeline.config.nlp.select_entities and pipeline.selects
    quiet = "Football fans celebrated all night long on Sunday. Russia accused Ukraine of shelling the plant."
    docs = [*_sample(6), Document(id="quiet", text=quiet, published=dt.date(2025, 4, 30))]
    everywhere = replace(pipeline.config, nlp=replace(pipeline.config.nlp, select_entities=False))
    full = Pipeline(everywhere, language=pipeline.language, resources=pipeline.resources)
    selective = list(pipeline.analyse(docs))
    assert _events(selective)
    assert _events(selective) == _events(list(full.analyse(docs)))
    entities = sum(len(r.parsed.entities) for r in selective if isinstance(r, Analysis))
    assert entities < sum(len(r.parsed.entities) for r in full.analyse(docs) if isinstance(r, Analysis))


def test_parse_alone_keeps_entities_everywhere(pipeline) -> None:  # type: ignore[no-untyped-def]
    (doc,) = pipeline.parse([Document(id="x", text=TEXT)])
    assert isinstance(doc, ParsedDocument)
    assert {"Lisbon", "Kharkiv"} <= {e.text for e in doc.entities}


def _doc(words: list[str]) -> ParsedDocument:
    tokens, pos = [], 0
    for i, w in enumerate(words):
        sent = 0 if i < 3 else 1
        tokens.append(Token(i, w, pos, w, "", "", "", i, sent, whitespace=" "))
        pos += len(w) + 1
    text = " ".join(words) + " "
    mid = tokens[3].start
    sents = (Sentence(0, 0, mid, 0, 3, text[:mid]), Sentence(1, mid, len(text), 3, len(words), text[mid:]))
    return ParsedDocument(Document(id="d", text=text), tuple(tokens), sents)


def test_token_range_finds_what_a_scan_finds() -> None:
    doc = _doc(["On", "Monday", ".", "Talks", "resumed", "in", "Geneva", "."])
    n = len(doc.document.text)
    for start in range(n + 1):
        for end in range(start, n + 2):
            inside = [t.i for t in doc.tokens if t.start < end and start < t.end]
            expected = (inside[0], inside[-1] + 1) if inside else None
            assert token_range(doc, start, end) == expected, (start, end)
        before = [t.i for t in doc.tokens if t.end <= start]
        assert last_token_before(doc, start) == (before[-1] if before else -1)
