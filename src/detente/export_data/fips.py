"""ISO 3166-1 alpha-3 -> FIPS 10-4 country codes, for GDELT-compatible exports.

detente stores countries as ISO alpha-3 codes, but GDELT's geography fields use
FIPS 10-4 two-letter codes, and many of them differ from ISO alpha-2 (Germany is
GM, not DE; Austria is AU, which in ISO is Australia).  Guessing the FIPS code
from the ISO one would silently put events in the wrong country, so the mapping
is an authored table, checked when it is read: a typo must stop loading with
the file and line, not surface as an event in the wrong place.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

import pycountry

from detente.errors import E201, ReferenceDataError

PACKAGE = "detente.export_data"
FIPS_FILE = "fips_countries.v1.csv"
COLUMNS = ("iso3", "fips", "name")
# Codes that are not in ISO 3166-1 but that news and GDELT-style data need.
EXTRA_ISO3 = frozenset({"XKX"})

_ISO3 = re.compile(r"^[A-Z]{3}$")
_FIPS = re.compile(r"^[A-Z]{2}$")


def _fail(path: str, line: int, problem: str) -> ReferenceDataError:
    return ReferenceDataError(E201.format(path=path, line=line, problem=problem), code="E201")


def _known_iso3(code: str) -> bool:
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def parse_fips_table(text: str, *, path: str = FIPS_FILE) -> Mapping[str, str]:
    """Parse and check the table text; return an immutable ``iso3 -> fips`` mapping.

    Lines starting with ``#`` are comments; the first other line must be the
    header ``iso3,fips,name``.  Every problem is reported with its line number.
    """
    table: dict[str, str] = {}
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        row = next(csv.reader(io.StringIO(raw)))
        if not header_seen:
            if tuple(c.strip() for c in row) != COLUMNS:
                raise _fail(path, lineno, f"header must be {','.join(COLUMNS)}, got {raw!r}")
            header_seen = True
            continue
        if len(row) != len(COLUMNS):
            raise _fail(path, lineno, f"expected {len(COLUMNS)} fields, got {len(row)}")
        iso3, fips, name = (c.strip() for c in row)
        if not _ISO3.match(iso3):
            raise _fail(path, lineno, f"iso3 {iso3!r} is not three capital letters")
        if not _known_iso3(iso3):
            raise _fail(path, lineno, f"iso3 {iso3!r} is not an ISO 3166-1 alpha-3 code")
        if not _FIPS.match(fips):
            raise _fail(path, lineno, f"fips {fips!r} is not two capital letters")
        if not name:
            raise _fail(path, lineno, "name is empty")
        if iso3 in table:
            raise _fail(path, lineno, f"duplicate iso3 {iso3!r}")
        table[iso3] = fips
    if not header_seen:
        raise _fail(path, 1, f"missing header {','.join(COLUMNS)}")
    return MappingProxyType(table)


@functools.cache
def load_fips_table() -> Mapping[str, str]:
    """Read the packaged table once; the result is immutable and shared."""
    text = resources.files(PACKAGE).joinpath(FIPS_FILE).read_text(encoding="utf-8")
    return parse_fips_table(text, path=FIPS_FILE)


def fips_for(iso3: str) -> str | None:
    """The FIPS 10-4 code for an ISO alpha-3 country code, or None if it has none.

    None (not a guess) for unknown codes, so an export leaves the field empty
    rather than writing a plausible but wrong country.
    """
    if not iso3:
        return None
    return load_fips_table().get(iso3.strip().upper())
