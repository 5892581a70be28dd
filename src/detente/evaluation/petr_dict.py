"""A small reader for PETRARCH's actor and agent dictionary format.

Used only at evaluation time, to give the actors stage the fictional states
(Arnor, Gondor ...) that PETRARCH2's unit-test records assume.  The format, as
far as the validation dictionaries use it:

- ``<!-- ... -->`` blocks and ``#`` to the end of a line are comments;
- an actor line is ``NAME [CODE]`` or ``NAME`` alone, followed by indented code
  lines ``[CODE]``, ``[CODE <YYMMDD]`` (before), ``[CODE >YYMMDD]`` (after) or
  ``[CODE YYYYMMDD-YYYYMMDD]`` (between, inclusive); ``[A/B]`` gives several codes;
- ``+NAME`` lines are synonyms of the entry above;
- in names ``_`` joins words and a trailing ``_`` only marks a whole-word match;
- an agent line is ``NAME {PLURAL ...} [~CODE]`` (``~`` marks where the country
  code goes: ``~GOV`` -> ``ARNGOV``, ``NGO~`` -> ``NGOARN``); ``{}`` means no
  plural, no braces means the regular English plural; ``!MACRO! = A, B`` defines a
  substitution used inside agent names.

Anything else is reported as :class:`~detente.errors.ReferenceDataError` with
``file:line`` rather than silently dropped, so that a misread entry cannot quietly
lower the score.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import product

from detente.errors import E201, ReferenceDataError

_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.DOTALL)
_CODE = re.compile(
    r"^\s*(?P<code>[^\s<>\[\]]+?)\s*"
    r"(?:(?P<op>[<>])\s*(?P<d>\d{6}|\d{8})|(?P<d1>\d{6}|\d{8})\s*-\s*(?P<d2>\d{6}|\d{8}))?\s*$"
)
_MACRO = re.compile(r"^(?P<name>![A-Z]+!)\s*=\s*(?P<values>.+)$")
_AGENT = re.compile(r"^(?P<name>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]\s*$")
_ACTOR = re.compile(r"^(?P<name>[^\[]+?)\s*(?:\[(?P<codes>[^\]]*)\])?\s*$")


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """One code of an actor, valid from ``start`` to ``end`` inclusive (None = open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PetrActor:
    name: str  # the headword, in words ("MINAS TIRITH")
    phrases: tuple[str, ...]  # headword and synonyms, in words
    codes: tuple[CodeSpan, ...]
    line: int


@dataclass(frozen=True, slots=True)
class PetrAgent:
    name: str
    phrases: tuple[str, ...]  # singular and plural forms, macros expanded
    code: str  # the role code without the marker ("GOV", "NGO")
    country_first: bool  # True for ``~GOV`` (ARN + GOV), False for ``NGO~``
    line: int


def strip_comment(line: str) -> str:
    """Cut a ``#`` comment, except a ``#`` inside brackets (``[###]`` is a code)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their 1-based numbers, comments removed."""

    def blank_out(m: re.Match[str]) -> str:
        return "\n" * m.group(0).count("\n")  # keep line numbers right

    text = _COMMENT_BLOCK.sub(blank_out, text)
    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = strip_comment(raw).rstrip()
        if line.strip():
            out.append((n, line))
    return out


def words(name: str) -> str:
    """A dictionary name as plain words: ``MINAS_TIRITH`` -> ``MINAS TIRITH``."""
    return " ".join(name.replace("_", " ").split())


def _date(value: str, *, path: str, line: int) -> dt.date:
    try:
        if len(value) == 6:  # YYMMDD; the dictionaries' two-digit years run 1979-2013
            yy = int(value[:2])
            year = 1900 + yy if yy >= 30 else 2000 + yy
            return dt.date(year, int(value[2:4]), int(value[4:6]))
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError as exc:
        raise ReferenceDataError(
            E201.format(path=path, line=line, problem=f"bad date {value!r}: {exc}"), code="E201"
        ) from exc


def parse_code_block(block: str, *, path: str = "<actors>", line: int = 0) -> list[CodeSpan]:
    """Parse the inside of one ``[...]`` block into one span per ``/``-separated code."""
    m = _CODE.match(block)
    if m is None:
        raise ReferenceDataError(
            E201.format(path=path, line=line, problem=f"bad code block [{block}]"), code="E201"
        )
    start = end = None
    if m["op"] == "<":
        end = _date(m["d"], path=path, line=line) - dt.timedelta(days=1)
    elif m["op"] == ">":
        start = _date(m["d"], path=path, line=line) + dt.timedelta(days=1)
    elif m["d1"]:
        start = _date(m["d1"], path=path, line=line)
        end = _date(m["d2"], path=path, line=line)
    return [CodeSpan(code.upper(), start, end) for code in m["code"].split("/") if code]


def parse_actors(text: str, *, path: str = "<actors>") -> list[PetrActor]:
    """Parse an actor dictionary; entries without any code are an error."""
    entries: list[PetrActor] = []
    name: str | None = None
    phrases: list[str] = []
    codes: list[CodeSpan] = []
    first_line = 0

    def close() -> None:
        if name is None:
            return
        if not codes:
            raise ReferenceDataError(
                E201.format(path=path, line=first_line, problem=f"actor {name!r} has no code"),
                code="E201",
            )
        entries.append(PetrActor(name, tuple(dict.fromkeys(phrases)), tuple(codes), first_line))

    for n, line in _lines(text):
        stripped = line.strip()
        if stripped.startswith("["):
            if name is None:
                raise ReferenceDataError(
                    E201.format(path=path, line=n, problem="code line before any actor"),
                    code="E201",
                )
            for block in re.findall(r"\[([^\]]*)\]", stripped):
                codes.extend(parse_code_block(block, path=path, line=n))
            continue
        if stripped.startswith("+"):
            if name is None:
                raise ReferenceDataError(
                    E201.format(path=path, line=n, problem="synonym before any actor"),
                    code="E201",
                )
            phrases.append(words(stripped[1:]))
            continue
        m = _ACTOR.match(stripped)
        if m is None or "{" in stripped:
            raise ReferenceDataError(
                E201.format(path=path, line=n, problem=f"cannot read actor line {stripped!r}"),
                code="E201",
            )
        close()
        name, first_line = words(m["name"]), n
        phrases = [name]
        codes = parse_code_block(m["codes"], path=path, line=n) if m["codes"] else []
    close()
    return entries


def _plural(word: str) -> str:
    """The regular English plural of the last word, as PETRARCH forms agent plurals."""
    head, _, last = word.rpartition(" ")
    if re.search(r"(S|X|Z|CH|SH)$", last):
        last += "ES"
    elif re.search(r"[^AEIOU]Y$", last):
        last = last[:-1] + "IES"
    else:
        last += "S"
    return f"{head} {last}" if head else last


def _expand_macros(name: str, macros: dict[str, list[str]]) -> list[str]:
    parts = re.split(r"(![A-Z]+!)", name)
    options = [macros.get(p, [p]) if p.startswith("!") else [p] for p in parts]
    return ["".join(choice) for choice in product(*options)]


def parse_agents(text: str, *, path: str = "<agents>") -> list[PetrAgent]:
    """Parse an agent dictionary, expanding ``!MACRO!`` substitutions and plurals."""
    macros: dict[str, list[str]] = {}
    agents: list[PetrAgent] = []
    for n, line in _lines(text):
        stripped = line.strip()
        if m := _MACRO.match(stripped):
            macros[m["name"]] = [v.strip() for v in m["values"].split(",") if v.strip()]
            continue
        m = _AGENT.match(stripped)
        if m is None:
            raise ReferenceDataError(
                E201.format(path=path, line=n, problem=f"cannot read agent line {stripped!r}"),
                code="E201",
            )
        raw_code = m["code"].strip().upper()
        if raw_code.count("~") != 1:
            raise ReferenceDataError(
                E201.format(path=path, line=n, problem=f"agent code {raw_code!r} needs one '~'"),
                code="E201",
            )
        forms: list[str] = []
        has_macro = "!" in m["name"]  # a macro lists its own plural forms (MAN, MEN)
        for singular in _expand_macros(m["name"], macros):
            one = words(singular)
            forms.append(one)
            if has_macro:
                continue
            if m["plural"] is None:
                forms.append(_plural(one))
            else:
                forms.extend(words(p) for p in m["plural"].split())
        agents.append(
            PetrAgent(
                name=words(m["name"]),
                phrases=tuple(dict.fromkeys(forms)),
                code=raw_code.replace("~", ""),
                country_first=raw_code.startswith("~"),
                line=n,
            )
        )
    return agents
