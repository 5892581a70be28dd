"""Ingestion: turn files, folders and standard input into :class:`Document` objects.

The input rules are those of CONTRACTS.md: a ``.txt`` file is one article, a
``.jsonl`` file (or ``-`` for standard input) holds one document per line, a
``.csv`` file one per row (:mod:`.csvfile`), a ``.warc``/``.warc.gz`` archive
one per English HTML response (:mod:`.warc`), and a folder is walked for all.
URLs and feeds are in :mod:`.web` and :mod:`.feeds` (network code, imported
only by whoever fetches).  Nothing here raises for a single bad file or line:
it yields a :class:`~detente.model.Rejected` with a code and the reason, so a
batch goes on and the caller decides the exit code.
"""

from __future__ import annotations

from detente.ingest.dates import parse_published
from detente.ingest.files import Notice, read_inputs, read_jsonl_lines

__all__ = ["Notice", "parse_published", "read_inputs", "read_jsonl_lines"]
