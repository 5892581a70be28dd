"""Browser tests: the dashboard served by uvicorn on loopback, driven by Playwright in Debian's Chromium.

Playwright's ``playwright install`` downloads browser builds from outside the
package registries, so it is never used: the tests drive ``/usr/bin/chromium``
from Debian's ``chromium`` package.  When it is missing and we are root with
apt-get (CI on a clean machine), the session installs it once, under a file
lock so two test sessions never run apt-get at the same time; otherwise the
tests skip with the reason.

The store is the demo store: the bundled sample corpus through the whole
pipeline, built once per session.  Pages that only read use one server on
it; the submission test gets its own copy, so the screenshots in
``docs/screenshots/`` always show the demo store as ``detente demo`` builds it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL = "apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium"
LOCK = Path(tempfile.gettempdir()) / "detente-chromium-install.lock"
TOKEN = "web-test-token"
# Where the tests save page screenshots: a temporary folder, unless DETENTE_SCREENSHOTS
# names one (``DETENTE_SCREENSHOTS=docs/screenshots`` refreshes the documentation's).
SCREENSHOTS_ENV = os.environ.get("DETENTE_SCREENSHOTS")


def ensure_chromium(*, timeout: float = 1200.0) -> str | None:
    """Make sure ``/usr/bin/chromium`` exists; returns why the tests must skip, or None when it does."""
    if Path(CHROMIUM).exists():
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return f"{CHROMIUM} is missing and we are not root to install it: apt-get install chromium"
    if shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing and there is no apt-get to install Debian's chromium package"
    with LOCK.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if Path(CHROMIUM).exists():  # another session installed it while we waited
            return None
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        done = subprocess.run(
            ["sh", "-c", INSTALL], env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    if done.returncode != 0 or not Path(CHROMIUM).exists():
        tail = " / ".join((done.stderr or done.stdout or "").strip().splitlines()[-3:])
        pytest.fail(f"`{INSTALL}` failed (exit {done.returncode}): {tail}", pytrace=False)
    return None


@dataclass(frozen=True)
class Server:
    url: str
    db: Path


def _serve(app: Any) -> Iterator[str]:
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Path:
    """The demo store: the bundled sample corpus, ingested as ``detente demo`` does."""
    from importlib.resources import as_file, files

    from detente.store import Store

    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with as_file(files("detente").joinpath("data/sample/corpus.jsonl")) as corpus, Store(path) as store:
        report = store.ingest([str(corpus)], pipeline=pipeline)
    assert not report.rejected, report.rejected
    return path


@pytest.fixture(scope="session")
def server(demo_db: Path) -> Iterator[Server]:
    """The API and dashboard on the demo store, read by every test but the submission one."""
    from detente.api import ApiSettings, create_app

    app = create_app(demo_db, settings=ApiSettings(token=TOKEN))
    app.state.detente.lexicon()  # load the actor dictionary now, not inside a test's page load
    for url in _serve(app):
        yield Server(url, demo_db)


@pytest.fixture(scope="session")
def write_server(demo_db: Path, pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on a copy of the demo store, for submissions (made before the read server opens it)."""
    from detente.api import ApiSettings, create_app

    copy = tmp_path_factory.mktemp("web-write") / "write.duckdb"
    shutil.copyfile(demo_db, copy)
    app = create_app(copy, settings=ApiSettings(token=TOKEN), pipeline=pipeline)
    for url in _serve(app):
        yield Server(url, copy)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium with an empty profile, through Playwright (never Playwright's own browser builds)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")
    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            offline=False,
        )
        context.set_default_timeout(60_000)  # CI machines may be busy
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Script errors fail the test; "Failed to load resource" is how the console reports the
    # 403 and 404 answers some tests ask for on purpose.
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    try:
        yield page
    finally:
        page.close()
    assert not errors, f"browser errors: {errors}"


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(SCREENSHOTS_ENV) if SCREENSHOTS_ENV else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
