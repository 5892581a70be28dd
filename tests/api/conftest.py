"""A store of hand-built events served by a TestClient: no spaCy needed except for POST tests."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Starlette >= 1.0 nudges TestClient users from httpx to httpx2; httpx is what is installed.
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from builders import analysis, event
from detente.api import ApiSettings, create_app
from detente.store import Store

TOKEN = "s3cret-token"


def fill(path: Path) -> None:
    """AZE–IRN: conflict by quarter through 2023, cooperation from 2024; plus a USA–RUS event."""
    with Store(path) as store:
        for year in (2022, 2023):
            for month in (1, 4, 7, 10):
                day = f"{year}-{month:02d}-10"
                store.write(
                    analysis(
                        f"c{year}{month:02d}",
                        [
                            event(
                                "AZE",
                                "IRN",
                                cameo="111",
                                quad=3,
                                goldstein=-2.0,
                                date=day,
                                evidence="Baku criticised Tehran.",
                            ),
                            event(
                                "IRN",
                                "AZE",
                                cameo="173",
                                quad=4,
                                goldstein=-5.0,
                                date=day,
                                evidence="Iran arrested Azerbaijanis.",
                            ),
                        ],
                        text="Baku criticised Tehran. Iran arrested Azerbaijanis.",
                        published=dt.date.fromisoformat(day),
                    )
                )
        for year in (2024, 2025):
            for month in (1, 4, 7, 10):
                day = f"{year}-{month:02d}-12"
                store.write(
                    analysis(
                        f"p{year}{month:02d}",
                        [
                            event(
                                "AZE",
                                "IRN",
                                cameo="040",
                                quad=1,
                                goldstein=1.0,
                                date=day,
                                evidence="Aliyev met Pezeshkian.",
                            ),
                            event(
                                "IRN",
                                "AZE",
                                cameo="057",
                                quad=1,
                                goldstein=8.0,
                                date=day,
                                evidence="Iran signed a deal with Azerbaijan.",
                                location="Baku",
                            ),
                        ],
                        text="Aliyev met Pezeshkian. Iran signed a deal with Azerbaijan.",
                        published=dt.date.fromisoformat(day),
                    )
                )
        store.write(
            analysis(
                "odd",
                [
                    event(
                        "USA",
                        "RUS",
                        cameo="036",
                        quad=1,
                        goldstein=4.0,
                        date="2025-03-01",
                        hypothetical=True,
                        evidence="Washington may seek 100% talks_now.",
                    ),
                    event(
                        "RUS",
                        "USA",
                        cameo="112",
                        quad=3,
                        goldstein=-2.0,
                        date="2025-03-02",
                        negated=True,
                        evidence="Moscow did not accuse Washington.",
                    ),
                    event(
                        "RUS",
                        "USA",
                        cameo="020",
                        quad=1,
                        goldstein=3.0,
                        date="2025-03-03",
                        future=True,
                        evidence="Moscow will appeal to Washington.",
                    ),
                ],
                text="Three sentences about the USA and Russia.",
                published=dt.date(2025, 3, 4),
            )
        )


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    fill(path)
    return path


@pytest.fixture(scope="module")
def client(filled_db: Path) -> Iterator[TestClient]:
    app = create_app(filled_db, settings=ApiSettings(token=TOKEN, max_body_bytes=20_000))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
