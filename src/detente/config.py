"""The one options object handed to every stage.

Each stage owns its config dataclass (defaults in code); :class:`Config` only
composes them.  The CLI, the API and the Spark job build a ``Config``
explicitly; nothing here reads files or the environment at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from detente.actors import ActorsConfig
from detente.events import EventsConfig
from detente.nlp import NlpConfig
from detente.places import PlacesConfig
from detente.time import TimeConfig

ENV_MODEL = "DETENTE_SPACY_MODEL"


@dataclass(frozen=True, slots=True)
class Config:
    nlp: NlpConfig = field(default_factory=NlpConfig)
    actors: ActorsConfig = field(default_factory=ActorsConfig)
    time: TimeConfig = field(default_factory=TimeConfig)
    places: PlacesConfig = field(default_factory=PlacesConfig)
    events: EventsConfig = field(default_factory=EventsConfig)

    @classmethod
    def build(
        cls,
        *,
        model: str | None = None,
        actor_files: tuple[str, ...] = (),
        environ: Mapping[str, str] | None = None,
    ) -> Config:
        """The config an interface uses: explicit option, then environment, then default."""
        env = os.environ if environ is None else environ
        cfg = cls()
        chosen = model or env.get(ENV_MODEL)
        if chosen:
            cfg = replace(cfg, nlp=replace(cfg.nlp, model=chosen))
        if actor_files:
            cfg = replace(cfg, actors=replace(cfg.actors, extra_files=tuple(actor_files)))
        return cfg
