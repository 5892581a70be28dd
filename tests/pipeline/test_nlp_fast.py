"""The cheaper NLP stage gives the stages what the full spaCy pipeline gives them.

- the attribute cache answers exactly as spaCy's attribute ruler and lemmatizer;
- selective parsing keeps tokens, sentences and entities everywhere and parses
  every sentence that can hold an actor, so the events are the same.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from importlib.resources import files

from detente import nlp
from detente.config import Config
from detente.model import Analysis, Document, ParsedDocument

TEXTS = (
    "There is no deal yet, but we're gonna get one, y'all. Let's see what Iran says.",
    "Iran's foreign ministry summoned the Azerbaijani ambassador on Monday. He was told to leave.",
    "The weather was fine in Lisbon.\n\nFootball fans celebrated all night long.",
    "",
)


def _docs() -> list[Document]:
    return [Document(id=f"t{i}", text=t) for i, t in enumerate(TEXTS)]


def test_attribute_cache_answers_as_spacy_does(language) -> None:  # type: ignore[no-untyped-def]
    config = Config().nlp
    plain = list(nlp.parse(_docs(), config=config, nlp=language))
    cache = nlp.AttributeCache(language)
    assert cache.enabled
    cached = list(nlp.parse(_docs(), config=config, nlp=language, cache=cache))
    again = list(nlp.parse(_docs(), config=config, nlp=language, cache=cache))  # from memory now
    assert cached == plain
    assert again == plain
    lemmas = {t.text: t.lemma for t in plain[0].tokens}
    assert lemmas["is"] == "be" and lemmas["says"] == "say"


def test_unselected_sentences_keep_tokens_and_entities_but_no_parse(language) -> None:  # type: ignore[no-untyped-def]
    config = Config().nlp
    full = list(nlp.parse(_docs(), config=config, nlp=language))
    part = list(nlp.parse(_docs(), config=config, nlp=language, select=lambda doc: {0}))
    for a, b in zip(full, part, strict=True):
        assert [t.text for t in a.tokens] == [t.text for t in b.tokens]
        assert [(t.start, t.whitespace) for t in a.tokens] == [(t.start, t.whitespace) for t in b.tokens]
        for s in b.sentences:
            assert b.document.text[s.start : s.end] == s.text
            assert all(t.sent == s.index for t in b.tokens[s.token_start : s.token_end])
    none = list(nlp.parse(_docs(), config=config, nlp=language, select=lambda doc: set()))
    lisbon = none[2]
    assert [t.text for t in lisbon.tokens] == [t.text for t in full[2].tokens]
    assert any(e.text == "Lisbon" and e.label == "GPE" for e in lisbon.entities)  # NER runs everywhere
    assert len(lisbon.sentences) >= 1
    assert all(t.dep == "" and t.head == t.i and t.tag == "" for t in lisbon.tokens)


def _sample(n: int) -> list[Document]:
    lines = files("detente").joinpath("data/sample/corpus.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[:n]]
    return [
        Document(id=r["id"], text=r["text"], published=dt.date.fromisoformat(r["published"])) for r in rows
    ]


def _triples(results: list) -> list[tuple]:  # type: ignore[type-arg]
    out = []
    for r in results:
        assert isinstance(r, Analysis)
        for e in r.events:
            d = e.to_dict()
            out.append(
                (r.document.id, e.cameo, str(d.get("source")), str(d.get("target")), str(d.get("date")))
            )
    return sorted(out)


def test_selective_parsing_finds_the_same_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert pipeline.selects
    docs = _sample(4)
    full_config = replace(pipeline.config, nlp=replace(pipeline.config.nlp, select_sentences=False))
    from detente.pipeline import Pipeline

    full = Pipeline(full_config, language=pipeline.language, resources=pipeline.resources)
    assert not full.selects
    selective = list(pipeline.analyse(docs))
    assert _triples(selective) == _triples(list(full.analyse(docs)))
    assert _triples(selective)
    parsed = [r.parsed for r in selective if isinstance(r, Analysis)]
    assert any(t.dep == "" for p in parsed for t in p.tokens if not t.text.isspace())  # some were skipped


def test_parse_alone_parses_everything(pipeline) -> None:  # type: ignore[no-untyped-def]
    (doc,) = pipeline.parse([Document(id="x", text=TEXTS[2])])
    assert isinstance(doc, ParsedDocument)
    assert all(t.dep for t in doc.tokens if not t.text.isspace())
