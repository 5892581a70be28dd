"""The CAMEO code table: names, QuadClass, Goldstein weights and PLOVER types.

The table is authored data (``data/cameo_codes.v1.csv``); it is read once and
checked line by line so that a typo in a code or a weight fails loudly with the
file and line instead of silently producing events with wrong scores.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from detente.errors import E201, ReferenceDataError

COLUMNS = ("code", "name", "quad_class", "goldstein", "plover", "plover_mode")
PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)
_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What the rest of detente needs to know about one CAMEO code."""

    code: str
    name: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def expected_quad(code: str) -> int:
    """GDELT's QuadClass of a CAMEO code, from its root."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def parse_code_table(text: str, *, path: str) -> Mapping[str, CodeInfo]:
    """Parse and check the code table; lines starting with ``#`` are comments."""
    rows: list[tuple[int, str]] = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        raise ReferenceDataError(E201.format(path=path, line=1, problem="empty code table"))
    header_line, header = rows[0]
    if tuple(h.strip() for h in header.split(",")) != COLUMNS:
        raise ReferenceDataError(
            E201.format(path=path, line=header_line, problem=f"header must be {','.join(COLUMNS)}")
        )
    table: dict[str, CodeInfo] = {}
    for lineno, line in rows[1:]:

        def bad(problem: str, lineno: int = lineno) -> ReferenceDataError:
            return ReferenceDataError(E201.format(path=path, line=lineno, problem=problem))

        fields = next(csv.reader(io.StringIO(line)))
        if len(fields) != len(COLUMNS):
            raise bad(f"expected {len(COLUMNS)} columns, found {len(fields)}")
        code, name, quad, gold, plover, mode = (f.strip() for f in fields)
        if not _CODE.match(code):
            raise bad(f"bad CAMEO code {code!r}")
        if code in table:
            raise bad(f"duplicate code {code}")
        if len(code) > 2 and code[:2] not in table:
            raise bad(f"code {code} appears before its root {code[:2]}")
        if not name:
            raise bad("empty name")
        try:
            quad_class = int(quad)
            goldstein = float(gold)
        except ValueError:
            raise bad(f"quad_class and goldstein must be numbers, got {quad!r}, {gold!r}") from None
        if quad_class != expected_quad(code):
            raise bad(f"quad_class {quad_class} does not match root {code[:2]}")
        if not -10.0 <= goldstein <= 10.0:
            raise bad(f"goldstein {goldstein} outside -10..10")
        if plover and plover not in PLOVER_TYPES:
            raise bad(f"unknown PLOVER type {plover!r}")
        if mode and not plover:
            raise bad("plover_mode without a PLOVER type")
        table[code] = CodeInfo(code, name, quad_class, goldstein, plover or None, mode or None)
    return MappingProxyType(table)
