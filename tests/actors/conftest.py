"""Fixtures of the actors tests: the packaged lexicon (loaded once) and a hand-built document maker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest

from detente.actors import ActorLexicon, ActorsConfig, load
from detente.model import Document, Entity, ParsedDocument, Sentence, Token


@pytest.fixture(scope="session")
def lexicon() -> ActorLexicon:
    return load(ActorsConfig())


Spec = tuple[str, str] | tuple[str, str, str, int]


def build_doc(
    words: Sequence[Spec],
    *,
    published: dt.date | None = dt.date(2025, 4, 30),
    entities: Sequence[tuple[str, int, int]] = (),
) -> ParsedDocument:
    """A one-sentence ParsedDocument from ``(text, pos[, dep, head])`` tuples.

    Tokens are joined by single spaces except before punctuation and "'s";
    without a dep/head a token heads itself (as in an unparsed text).
    """
    tokens: list[Token] = []
    text = ""
    for i, spec in enumerate(words):
        word, pos = spec[0], spec[1]
        dep, head = (spec[2], spec[3]) if len(spec) == 4 else ("", i)  # type: ignore[misc]
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        space = "" if not nxt or nxt in {",", ".", "'s", ";", ":"} or nxt == "-" or word == "-" else " "
        tokens.append(
            Token(
                i=i,
                text=word,
                start=len(text),
                lemma=word.lower(),
                pos=pos,
                tag="",
                dep=dep,
                head=head,
                sent=0,
                whitespace=space,
            )
        )
        text += word + space
    ents = tuple(
        Entity(label, text[tokens[a].start : tokens[b - 1].end], tokens[a].start, tokens[b - 1].end, a, b, 0)
        for label, a, b in entities
    )
    doc = Document(id="hand", text=text, published=published)
    sent = Sentence(0, 0, len(text), 0, len(tokens), text)
    return ParsedDocument(document=doc, tokens=tuple(tokens), sentences=(sent,), entities=ents)


@pytest.fixture
def doc() -> Callable[..., ParsedDocument]:
    return build_doc
