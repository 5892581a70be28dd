"""Reading and checking the actor dictionaries (YAML) with ``file:line`` errors.

Every file is a mapping with a ``_source`` note and any of these sections:
``countries``, ``organisations``, ``people``, ``actors`` (plain
:class:`ActorEntry` fields, for users' own files), ``sectors``, ``standalone``,
``generic``, ``modifiers``, ``former``, ``name_particles``,
``name_continuations``, ``name_prefixes``.  The packaged files use one or two
sections each; an extra file may mix them.  A problem is reported as
:class:`~detente.errors.ReferenceDataError` (E201) naming the file and line, so a
reviewer can fix the data without reading this code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from detente.actors.entries import ROLES, ActorEntry, Grammar, SectorWord
from detente.actors.yamlio import LINE as _LINE
from detente.actors.yamlio import DuplicateKey, load_yaml
from detente.errors import E201, ReferenceDataError

_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z0-9-]{2,16}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(slots=True)
class Loaded:
    """What one or more files contributed: entries (with where they came from) and grammar."""

    entries: list[ActorEntry] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # "path:line" per entry
    items: list[str] = field(default_factory=list)  # "path:line" of the item (person, country ...) per entry
    grammar: Grammar = field(default_factory=Grammar)


def _fail(path: str, line: int, problem: str) -> ReferenceDataError:
    return ReferenceDataError(E201.format(path=path, line=line, problem=problem), code="E201")


class _Checker:
    """Schema checks for one file; every method raises with the file and line."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, line: int, problem: str) -> ReferenceDataError:
        return _fail(self.path, line, problem)

    def mapping(self, value: Any, line: int, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(line, f"{what} must be a mapping, got {type(value).__name__}")
        return value

    def keys(self, item: dict[str, Any], allowed: set[str], required: set[str]) -> int:
        line = int(item.get(_LINE, 0))
        for key in item:
            if key != _LINE and key not in allowed:
                raise self.fail(line, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required):
            if item.get(key) in (None, "", []):
                raise self.fail(line, f"missing required key {key!r}")
        return line

    def text(self, value: Any, line: int, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(line, f"{what} must be a non-empty string, got {value!r}")
        return value.strip()

    def opt_text(self, value: Any, line: int, what: str) -> str | None:
        return None if value is None else self.text(value, line, what)

    def strings(self, value: Any, line: int, what: str, *, required: bool = False) -> list[str]:
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(line, f"{what} must be a non-empty list of strings")
        return [self.text(v, line, f"each of {what}") for v in value]

    def iso3(self, value: Any, line: int, what: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not _ISO3.match(value):
            raise self.fail(line, f"{what} must be an ISO 3166-1 alpha-3 code, got {value!r}")
        return value

    def role(self, value: Any, line: int, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if value not in ROLES:
            raise self.fail(line, f"unknown sector {value!r} (known: {', '.join(sorted(ROLES))})")
        return str(value)

    def code(self, value: Any, line: int) -> str:
        if not isinstance(value, str) or not _CODE.match(value):
            raise self.fail(line, f"code must be 2-16 capital letters or digits, got {value!r}")
        return value

    def qid(self, value: Any, line: int) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _QID.match(value):
            raise self.fail(line, f"wikidata must look like 'Q123', got {value!r}")
        return value

    def date(self, value: Any, line: int, what: str) -> dt.date | None:
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(line, f"{what} must be a date YYYY-MM-DD or null, got {value!r}")

    def period(self, item: dict[str, Any], line: int) -> tuple[dt.date | None, dt.date | None]:
        start = self.date(item.get("start"), line, "start")
        end = self.date(item.get("end"), line, "end")
        if start and end and end < start:
            raise self.fail(line, f"end {end} is before start {start}")
        return start, end


def _items(check: _Checker, doc: dict[str, Any], key: str) -> Iterator[tuple[dict[str, Any], int]]:
    value = doc[key]
    if not isinstance(value, list):
        raise check.fail(int(doc.get(_LINE, 1)), f"{key!r} must be a list")
    for item in value:
        line = int(item.get(_LINE, 0)) if isinstance(item, dict) else int(doc.get(_LINE, 1))
        yield check.mapping(item, line, f"an item of {key!r}"), line


def _countries(check: _Checker, doc: dict[str, Any], out: Loaded) -> None:
    allowed = {"iso3", "name", "names", "demonyms", "capitals", "seats", "wikidata"}
    for item, _ in _items(check, doc, "countries"):
        line = check.keys(item, allowed, {"iso3", "name", "names"})
        iso = check.iso3(item["iso3"], line, "iso3")
        assert iso is not None
        name = check.text(item["name"], line, "name")
        qid = check.qid(item.get("wikidata"), line)
        groups = {
            "name": check.strings(item["names"], line, "names", required=True),
            "demonym": check.strings(item.get("demonyms"), line, "demonyms"),
            "capital": check.strings(item.get("capitals"), line, "capitals"),
        }
        where = f"{check.path}:{line}"
        for form, patterns in groups.items():
            if patterns:
                out.entries.append(ActorEntry(name, iso, iso, None, tuple(patterns), "state", qid, form=form))
                out.origins.append(where)
                out.items.append(where)
        seats = item.get("seats")
        if seats is not None:
            by_sector: dict[str, list[str]] = {}
            for text, sector in check.mapping(seats, line, "seats").items():
                if text == _LINE:
                    continue
                role = check.role(sector, line)
                assert role is not None
                by_sector.setdefault(role, []).append(check.text(text, line, "a seat"))
            for role, patterns in by_sector.items():
                out.entries.append(
                    ActorEntry(name, iso + role, iso, role, tuple(patterns), "state", form="seat")
                )
                out.origins.append(where)
                out.items.append(where)


def _organisations(check: _Checker, doc: dict[str, Any], out: Loaded) -> None:
    allowed = {"name", "code", "country", "sector", "kind", "patterns", "wikidata", "start", "end"}
    for item, _ in _items(check, doc, "organisations"):
        line = check.keys(item, allowed, {"name", "code", "sector", "patterns"})
        kind = item.get("kind", "organisation")
        if kind not in ("organisation", "group"):
            raise check.fail(line, f"kind must be 'organisation' or 'group', got {kind!r}")
        start, end = check.period(item, line)
        out.entries.append(
            ActorEntry(
                name=check.text(item["name"], line, "name"),
                code=check.code(item["code"], line),
                country=check.iso3(item.get("country"), line, "country", optional=True),
                sector=check.role(item["sector"], line),
                patterns=tuple(check.strings(item["patterns"], line, "patterns", required=True)),
                kind=kind,
                wikidata=check.qid(item.get("wikidata"), line),
                start=start,
                end=end,
                form="org",
            )
        )
        out.origins.append(f"{check.path}:{line}")
        out.items.append(f"{check.path}:{line}")


def _people(check: _Checker, doc: dict[str, Any], out: Loaded) -> None:
    allowed = {"name", "country", "variants", "wikidata", "roles"}
    role_keys = {"office", "sector", "start", "end", "country", "code"}
    for item, _ in _items(check, doc, "people"):
        line = check.keys(item, allowed, {"name", "country", "variants", "roles"})
        name = check.text(item["name"], line, "name")
        home = check.iso3(item["country"], line, "country")
        variants = tuple(check.strings(item["variants"], line, "variants", required=True))
        qid = check.qid(item.get("wikidata"), line)
        if not isinstance(item["roles"], list):
            raise check.fail(line, "roles must be a list")
        for role in item["roles"]:
            rline = int(role.get(_LINE, line)) if isinstance(role, dict) else line
            role = check.mapping(role, rline, "a role")
            check.keys(role, role_keys, {"office", "sector"})
            sector = check.role(role["sector"], rline)
            country = (
                check.iso3(role["country"], rline, "country", optional=True) if "country" in role else home
            )
            code = check.code(role["code"], rline) if role.get("code") else (country or "") + (sector or "")
            start, end = check.period(role, rline)
            out.entries.append(
                ActorEntry(
                    name,
                    code,
                    country,
                    sector,
                    variants,
                    "person",
                    qid,
                    start,
                    end,
                    form="person",
                    office=check.text(role["office"], rline, "office"),
                )
            )
            out.origins.append(f"{check.path}:{rline}")
            out.items.append(f"{check.path}:{line}")


def _actors(check: _Checker, doc: dict[str, Any], out: Loaded) -> None:
    allowed = {
        "name",
        "code",
        "country",
        "sector",
        "kind",
        "patterns",
        "wikidata",
        "start",
        "end",
        "form",
        "office",
    }
    for item, _ in _items(check, doc, "actors"):
        line = check.keys(item, allowed, {"name", "code", "patterns"})
        form = item.get("form")
        if form is not None and form not in ("name", "demonym", "capital", "seat", "org", "person"):
            raise check.fail(line, f"unknown form {form!r}")
        start, end = check.period(item, line)
        out.entries.append(
            ActorEntry(
                name=check.text(item["name"], line, "name"),
                code=check.code(item["code"], line),
                country=check.iso3(item.get("country"), line, "country", optional=True),
                sector=check.role(item.get("sector"), line, optional=True),
                patterns=tuple(check.strings(item["patterns"], line, "patterns", required=True)),
                kind=check.text(item.get("kind", "state"), line, "kind"),
                wikidata=check.qid(item.get("wikidata"), line),
                start=start,
                end=end,
                form=form,
                office=check.opt_text(item.get("office"), line, "office"),
            )
        )
        out.origins.append(f"{check.path}:{line}")
        out.items.append(f"{check.path}:{line}")


def _grammar(check: _Checker, doc: dict[str, Any]) -> Grammar:
    line = int(doc.get(_LINE, 1))
    words: list[SectorWord] = []
    standalone = {w.lower() for w in check.strings(doc.get("standalone"), line, "standalone")}
    if "sectors" in doc:
        for role, spec in check.mapping(doc["sectors"], line, "sectors").items():
            if role == _LINE:
                continue
            spec = check.mapping(spec, line, f"sectors.{role}")
            sline = check.keys(spec, {"nouns", "titles"}, set())
            check.role(role, sline)
            for key in ("nouns", "titles"):
                for w in check.strings(spec.get(key), sline, f"sectors.{role}.{key}"):
                    words.append(SectorWord(w, role, key == "titles", w.lower() in standalone))
    if "generic" in doc:
        spec = check.mapping(doc["generic"], line, "generic")
        gline = check.keys(spec, {"nouns", "titles"}, set())
        for key in ("nouns", "titles"):
            for w in check.strings(spec.get(key), gline, f"generic.{key}"):
                words.append(SectorWord(w, None, key == "titles", False))
    known = {w.text.lower() for w in words}
    for w in sorted(standalone - known):
        raise check.fail(line, f"standalone word {w!r} is in no sector list")

    def words_of(key: str, *, lower: bool) -> frozenset[str]:
        values = check.strings(doc.get(key), line, key)
        return frozenset(v.lower() if lower else v for v in values)

    return Grammar(
        sector_words=tuple(words),
        modifiers=words_of("modifiers", lower=True),
        former=words_of("former", lower=True),
        name_particles=words_of("name_particles", lower=True),
        name_continuations=words_of("name_continuations", lower=False),
        name_prefixes=words_of("name_prefixes", lower=False),
    )


_SECTIONS = {
    "_source",
    "countries",
    "organisations",
    "people",
    "actors",
    "sectors",
    "standalone",
    "generic",
    "modifiers",
    "former",
    "name_particles",
    "name_continuations",
    "name_prefixes",
}
_GRAMMAR_SECTIONS = _SECTIONS - {"_source", "countries", "organisations", "people", "actors"}


def parse_file(text: str, *, path: str, into: Loaded) -> None:
    """Check one file's text and add what it defines to ``into``."""
    check = _Checker(path)
    try:
        doc = load_yaml(text)
    except DuplicateKey as exc:
        raise _fail(path, exc.line, f"duplicate key {exc.key!r}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise _fail(path, line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    doc = check.mapping(doc, 1, "the file")
    check.keys(doc, _SECTIONS, {"_source"})
    if "countries" in doc:
        _countries(check, doc, into)
    if "organisations" in doc:
        _organisations(check, doc, into)
    if "people" in doc:
        _people(check, doc, into)
    if "actors" in doc:
        _actors(check, doc, into)
    if _GRAMMAR_SECTIONS & doc.keys():
        into.grammar = into.grammar.merged(_grammar(check, doc))


def check_collisions(loaded: Loaded) -> None:
    """Refuse one undated pattern naming two different states or organisations.

    People may share a pattern ("Aliyev": the date decides) and dated entries may
    too (the Taliban before and after 2021-08-15); two undated state or
    organisation entries may not, because the matcher could not choose.
    """
    from detente.actors.lexicon import pattern_key

    owner: dict[str, tuple[str, str]] = {}
    for entry, origin in zip(loaded.entries, loaded.origins, strict=True):
        if entry.pattern_form == "person" or entry.start or entry.end:
            continue
        for pattern in entry.patterns:
            key = pattern_key(pattern)
            seen = owner.setdefault(key, (entry.code, origin))
            if seen[0] != entry.code and seen[0][:3] != entry.code[:3]:
                path, _, line = origin.rpartition(":")
                raise _fail(path, int(line), f"pattern {pattern!r} already names {seen[0]} ({seen[1]})")
