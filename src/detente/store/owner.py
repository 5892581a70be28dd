"""Which process holds a store: a small sidecar file next to the DuckDB file.

DuckDB gives one process a file at a time: while a process has it open
read-write, every other process fails to open it, even read-only (the file
lock is exclusive).  The raw error names a lock and a PID; what a user needs is
who that is and what to do.  So a long-running owner (``detente serve``)
writes ``<db>.owner.json`` with its pid and URL while it runs and removes it on
exit, and :class:`~detente.store.Store` turns a lock failure into one line:
``detente.duckdb is in use by another process (pid 4242, `detente serve` on
http://127.0.0.1:8000): query it there or stop it``.  A sidecar whose process
is gone (a killed server) is ignored, never trusted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

E403 = "E403"  # the store is held by another process
SUFFIX = ".owner.json"
_PID = re.compile(r"\(PID (\d+)\)")


@dataclass(frozen=True, slots=True)
class Owner:
    """What a holding process says about itself."""

    pid: int
    command: str
    url: str | None = None
    started: str | None = None


def sidecar_path(db: str | Path) -> Path:
    return Path(str(db) + SUFFIX)


def claim(db: str | Path, *, command: str, url: str | None = None) -> Path:
    """Write this process's sidecar for ``db`` (atomically: readers never see half a file)."""
    path = sidecar_path(db)
    me = Owner(os.getpid(), command, url, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(me)) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def release(db: str | Path) -> None:
    """Remove the sidecar if it is this process's (a newer owner's file is left alone)."""
    path = sidecar_path(db)
    found = _load(path)
    if found is not None and found.pid == os.getpid():
        path.unlink(missing_ok=True)


@contextmanager
def holding(db: str | Path, *, command: str, url: str | None = None) -> Iterator[Path]:
    """The sidecar exists for the duration of the block, removed however the block ends."""
    path = claim(db, command=command, url=url)
    try:
        yield path
    finally:
        release(db)


def current(db: str | Path) -> Owner | None:
    """The live owner named by ``db``'s sidecar; None when there is none or its process is gone."""
    found = _load(sidecar_path(db))
    return found if found is not None and alive(found.pid) else None


def alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    except OSError:
        return False
    return True


def busy_message(db: str | Path, reason: str) -> str | None:
    """The one-line message for a DuckDB lock failure on ``db``; None when ``reason`` is not one."""
    if "lock" not in reason.lower():
        return None
    match = _PID.search(reason)
    pid = int(match.group(1)) if match else None
    held = current(db)
    if held is not None and (pid is None or held.pid == pid):
        where = f"`{held.command}` on {held.url}" if held.url else f"`{held.command}`"
        hint = "query it there or stop it" if held.url else "wait for it to finish or stop it"
        return f"{db} is in use by another process (pid {held.pid}, {where}): {hint}"
    who = f" (pid {pid})" if pid is not None else ""
    return f"{db} is in use by another process{who}: wait for it to finish or stop it"


def _load(path: Path) -> Owner | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Owner(
            pid=int(data["pid"]),
            command=str(data.get("command") or "detente"),
            url=str(data["url"]) if data.get("url") else None,
            started=data.get("started"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, half-written by a crashed writer, or not ours: no owner known


__all__ = ["E403", "Owner", "alive", "busy_message", "claim", "current", "holding", "release", "sidecar_path"]
