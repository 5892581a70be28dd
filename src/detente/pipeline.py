"""The pipeline: one plain function over a batch of documents.

The CLI, the Python API, the REST API, the Spark job and the tests all call
:meth:`Pipeline.analyse` (or :meth:`Pipeline.extract`).  Stages are listed
explicitly in :data:`STAGES`, in order; each reads what earlier stages produced
and returns a new :class:`~detente.model.Analysis` with its own field filled.
A document that fails inside any stage becomes a :class:`~detente.model.Rejected`
row and the others go on.

:meth:`Pipeline.analyse` parses selectively when the pipeline codes events:
only sentences that can hold an actor mention (the events stage codes nothing
else) get the tagger and parser, and only those and the sentences naming a
place of one country get named entities (:mod:`detente.nlp_select`).
:meth:`Pipeline.parse` alone always parses everything, for callers (the
``timex`` and ``geoparse`` commands, evaluation adapters) that read every
sentence.  To run on several processes see :mod:`detente.parallel`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any

from detente import actors, events, nlp, places, time
from detente.config import Config
from detente.errors import DetenteError
from detente.model import Analysis, Document, Event, ParsedDocument, Rejected

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step: ``load`` builds its resources once, ``run`` maps analyses."""

    name: str
    config: str  # the Config field holding this stage's options
    load: Callable[[Any], Any]
    run: Callable[..., Iterator[Analysis]]
    fills: str  # the Analysis field the stage fills (checked after each run)
    shares: str | None = None  # reuse the resources of this earlier stage instead of loading
    # (stage, keyword): ``load`` also takes that stage's resources under that keyword
    # (the actors stage reads the places stage's gazetteer), loaded first if needed.
    uses: tuple[str, str] | None = None


def _either(
    first: Callable[[ParsedDocument], frozenset[int]],
    second: Callable[[ParsedDocument], frozenset[int]],
    doc: ParsedDocument,
) -> frozenset[int]:
    """The sentences either selector picks."""
    return first(doc) | second(doc)


def _nothing(_config: Any) -> None:
    return None


STAGES: tuple[Stage, ...] = (
    Stage("actors", "actors", actors.load, actors.run, "actors", uses=("places", "gazetteer")),
    Stage("time", "time", time.load, time.run, "times"),
    Stage("places", "places", places.load, places.run, "places"),
    Stage("events", "events", events.load, events.run, "events"),
    Stage("dating", "time", _nothing, time.date_events, "events", shares="actors"),
    Stage("locating", "places", _nothing, places.locate_events, "events"),
)


class Pipeline:
    """Loaded resources for every stage, reused across any number of documents."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        language: Language | None = None,
        resources: Mapping[str, Any] | None = None,
        stages: tuple[Stage, ...] = STAGES,
    ) -> None:
        self.config = config or Config()
        self.stages = stages
        self._language = language
        self._cache: nlp.AttributeCache | None = None
        given = dict(resources or {})
        self.resources: dict[str, Any] = {}
        for stage in stages:
            self._load(stage, given)

    def _load(self, stage: Stage, given: Mapping[str, Any]) -> Any:
        if stage.name in self.resources:
            return self.resources[stage.name]
        if stage.name in given:
            loaded = given[stage.name]
        elif stage.shares is not None and stage.shares in self.resources:
            loaded = self.resources[stage.shares]
        else:
            extra: dict[str, Any] = {}
            used = next((s for s in self.stages if stage.uses and s.name == stage.uses[0]), None)
            if stage.uses is not None and used is not None:
                extra[stage.uses[1]] = self._load(used, given)
            loaded = stage.load(getattr(self.config, stage.config), **extra)
        self.resources[stage.name] = loaded
        return loaded

    @property
    def language(self) -> Language:
        if self._language is None:
            self._language = nlp.load(self.config.nlp)
        return self._language

    @property
    def language_loaded(self) -> bool:
        """Whether spaCy is loaded already (a process pool may then share it; see detente.parallel)."""
        return self._language is not None

    def __enter__(self) -> Pipeline:
        return self

    def close(self) -> None:
        """Nothing to release; lets callers hold a Pipeline or a PipelinePool alike."""

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def selects(self) -> bool:
        """Whether :meth:`analyse` parses only the sentences that can yield an event."""
        names = {s.name for s in self.stages}
        return self.config.nlp.select_sentences and "events" in names and "actors" in self.resources

    def _attribute_cache(self) -> nlp.AttributeCache | None:
        if not self.config.nlp.cache_attributes:
            return None
        if self._cache is None:
            self._cache = nlp.AttributeCache(self.language)
        return self._cache

    def parse(
        self, documents: Iterable[Document], *, selective: bool = False
    ) -> Iterator[ParsedDocument | Rejected]:
        """Run the NLP stage in batches, isolating a document that makes spaCy fail.

        ``selective`` parses only sentences that can hold an actor mention (what
        :meth:`analyse` does when the pipeline codes events); by default every
        sentence is parsed.
        """
        select = recognise = None
        if selective and "actors" in self.resources:
            from detente.actors.candidates import candidate_sentences
            from detente.events.custody import custody_participles, custody_sentences
            from detente.nlp_select import entity_sentences

            select = partial(candidate_sentences, lexicon=self.resources["actors"])
            if self.config.nlp.select_entities:
                recognise = partial(entity_sentences, lexicon=self.resources["actors"])
            if "events" in self.resources:
                forms = custody_participles(self.resources["events"])  # once per call, not per document
                custody = partial(custody_sentences, forms=forms)
                select = partial(_either, select, custody)
                if recognise is not None:
                    recognise = partial(_either, recognise, custody)
        options = {"config": self.config.nlp, "nlp": self.language, "select": select, "recognise": recognise}
        options["cache"] = self._attribute_cache()
        it = iter(documents)
        size = max(1, self.config.nlp.batch_size)
        while batch := list(islice(it, size)):
            try:
                yield from nlp.parse(batch, **options)
            except DetenteError:
                raise
            except Exception:
                for doc in batch:
                    try:
                        yield from nlp.parse([doc], **options)
                    except Exception as exc:
                        yield Rejected(doc.id, "nlp", "E500", f"{type(exc).__name__}: {exc}")

    def analyse_parsed(self, parsed: ParsedDocument) -> Analysis | Rejected:
        """Run every stage after NLP over one parsed document."""
        item = Analysis(parsed=parsed)
        for stage in self.stages:
            try:
                out = list(
                    stage.run(
                        (item,),
                        config=getattr(self.config, stage.config),
                        resources=self.resources[stage.name],
                    )
                )
            except Exception as exc:
                log.debug("stage %s failed on %s", stage.name, parsed.document.id, exc_info=True)
                return Rejected(parsed.document.id, stage.name, "E500", f"{type(exc).__name__}: {exc}")
            if len(out) != 1 or not isinstance(out[0], Analysis):
                return Rejected(
                    parsed.document.id,
                    stage.name,
                    "E501",
                    f"stage returned {len(out)} items instead of one Analysis",
                )
            item = out[0]
        return item

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejected]:
        for parsed in self.parse(documents, selective=self.selects):
            if isinstance(parsed, Rejected):
                yield parsed
            else:
                yield self.analyse_parsed(parsed)

    def extract(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejected]:
        """Alias of :meth:`analyse`, named for what most callers want from it."""
        return self.analyse(documents)

    def events(self, documents: Iterable[Document]) -> list[Event]:
        out: list[Event] = []
        for result in self.analyse(documents):
            if isinstance(result, Analysis):
                out.extend(result.events)
        return out
