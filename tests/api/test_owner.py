"""A store held by another process: one clear line, never a lock traceback.

DuckDB's file lock is exclusive across processes (even a read-only open fails
while a writer holds the file), so these tests start real second processes:
``detente serve`` itself, and a bare holder that writes no sidecar.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import StoreError
from detente.store import Store, owner

SERVE = "from detente.cli import main; import sys; sys.argv[0] = 'detente'; main()"
HOLD = (
    "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: object, proc: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"process ended early: {proc.stderr.read() if proc.stderr else ''}")
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def served(filled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int, str]]:
    """A copy of the test store served by a real ``detente serve`` process."""
    db = tmp_path_factory.mktemp("held") / "held.duckdb"
    db.write_bytes(filled_db.read_bytes())
    port = _free_port()
    env = {**os.environ, "DETENTE_API_TOKEN": "", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/api/v1/documents?limit=1", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        _wait(ready, proc)
        yield db, proc.pid, url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert not owner.sidecar_path(db).exists(), "the server removes its sidecar on the way out"


def test_the_server_says_who_it_is_next_to_the_store(served: tuple[Path, int, str]) -> None:
    db, pid, url = served
    data = json.loads(owner.sidecar_path(db).read_text())
    assert data["pid"] == pid and data["url"] == url and data["command"] == "detente serve"


@pytest.mark.parametrize(
    "args",
    [
        ["events"],
        ["events", "show", "x"],
        ["relations", "AZE", "IRN"],
        ["dyads"],
        ["export", "{tmp}/out.jsonl"],
        ["ingest", "{tmp}/in.txt"],
    ],
    ids=["events", "events-show", "relations", "dyads", "export", "ingest"],
)
def test_every_command_names_the_server_in_one_line(
    served: tuple[Path, int, str], args: list[str], tmp_path: Path
) -> None:
    db, pid, url = served
    (tmp_path / "in.txt").write_text("Iran met Azerbaijan.", encoding="utf-8")
    argv = [a.format(tmp=tmp_path) for a in args] + ["--db", str(db)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"detente: [E403] {db} is in use by another process (pid {pid}, `detente serve` on {url}): "
        "query it there or stop it"
    ]
    assert not isinstance(result.exception, StoreError) and "Traceback" not in result.output


def test_a_real_command_process_prints_one_line_and_the_server_keeps_serving(
    served: tuple[Path, int, str],
) -> None:
    db, pid, url = served
    done = subprocess.run(
        [sys.executable, "-c", SERVE, "dyads", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"detente: [E403] {db} is in use by another process (pid {pid}, `detente serve` on {url}): "
        "query it there or stop it"
    ]
    assert httpx.get(f"{url}/api/v1/dyads", timeout=10).status_code == 200


def test_a_holder_without_a_sidecar_is_named_by_pid_and_a_stale_sidecar_is_ignored(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    # A sidecar left by a server that died (a pid that cannot be alive).
    owner.sidecar_path(db).write_text(json.dumps({"pid": 2**22 + 7, "url": "http://x:1", "command": "x"}))
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        for read_only in (True, False):
            with pytest.raises(StoreError) as info:
                Store(db, read_only=read_only)
            assert info.value.code == "E403"
            assert str(info.value.args[0]) == (
                f"{db} is in use by another process (pid {proc.pid}): wait for it to finish or stop it"
            )
    finally:
        proc.kill()
        proc.wait()
    Store(db, read_only=True).close()  # free again once the holder is gone


def test_sidecars_are_claimed_and_released_by_their_own_process(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with owner.holding(db, command="detente serve", url="http://127.0.0.1:9"):
        held = owner.current(db)
        assert held is not None and held.pid == os.getpid() and held.url == "http://127.0.0.1:9"
        msg = owner.busy_message(
            db, f"Could not set lock on file: Conflicting lock is held (PID {os.getpid()})"
        )
        assert msg is not None and "`detente serve` on http://127.0.0.1:9" in msg
        # A lock held by another pid than the sidecar's: the sidecar is not about this lock.
        other = owner.busy_message(db, "Conflicting lock is held in python (PID 1)")
        assert other == f"{db} is in use by another process (pid 1): wait for it to finish or stop it"
    assert not owner.sidecar_path(db).exists()
    assert owner.busy_message(db, "Catalog Error: no such table") is None
    owner.sidecar_path(db).write_text("{half a fi")
    assert owner.current(db) is None
