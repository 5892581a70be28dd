"""Place-stage fixtures: one gazetteer per test session, cached in a temporary folder."""

from __future__ import annotations

import pytest

from detente.places import PlacesConfig, load
from detente.places.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def places_config(tmp_path_factory: pytest.TempPathFactory) -> PlacesConfig:
    return PlacesConfig(cache_dir=str(tmp_path_factory.mktemp("places-cache")))


@pytest.fixture(scope="session")
def gazetteer(places_config: PlacesConfig) -> Gazetteer:
    return load(places_config)
