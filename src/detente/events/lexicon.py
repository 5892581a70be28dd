"""The event-pattern lexicon: trigger words, their CAMEO codes and argument slots.

Patterns live in YAML (``data/cameo_verbs.v1.yaml``) so analysts can review and
extend them like code.  Loading checks every entry against a small schema and
against the code table, and reports the first problem as ``file:line``; the
result is an immutable :class:`EventLexicon` indexed by trigger lemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import yaml

from detente.errors import E201, ReferenceDataError
from detente.events.codes import CodeInfo

Kind = Literal["verb", "noun"]

_BASE_SLOTS = frozenset(
    {
        "subj",
        "speaker",
        "speaker_poss",
        "dobj",
        "object",
        "dative",
        "ccomp_subj",
        "poss",
        "mod",
        "args",
        "border",
        "condition_subj",
        "phrase",
        "purpose",
    }
)
_SLOT = re.compile(r"^(?:xcomp:)?(?:object:)?(?:prep:[a-z]+|[a-z_]+)!?$")
# Keys both kinds of pattern accept; each kind adds its head word and its own extras.
_COMMON_KEYS = frozenset(
    {
        "code",
        "object",
        "source",
        "target",
        "symmetric",
        "joint",
        "require_target",
        "require_source",
        "mode",
        "source_sectors",
    }
)
_VERB_KEYS = _COMMON_KEYS | {"verb", "complement", "negated", "before"}
_NOUN_KEYS = _COMMON_KEYS | {"noun", "requires"}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger entry.  ``specificity`` orders competing patterns of one lemma."""

    kind: Kind
    lemma: str
    particle: str | None
    code: str
    objects: tuple[str, ...]  # "lemma" or "modifier lemma"
    complements: tuple[str, ...]
    requires: tuple[str, ...]
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool
    joint: str | None
    require_target: bool
    require_source: bool
    mode: str | None
    origin: str  # "file:line", for explaining a coding decision
    source_sectors: tuple[str, ...] = ()  # the source must be one of these sectors (MIL, COP ...)
    reverse: str | None = None  # the target's side of a paired act (a visit 042 is hosted 043)
    # words that must come before the verb, in this order, in its sentence: the
    # context a word-order dictionary writes as "did not *" or "said would *"
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # likewise after the verb, within the verb's own phrase
    # the verb's surface forms, when a dictionary lists inflections rather than lemmas
    # ("left" is its own entry, apart from "leave"); empty: any form of the lemma
    forms: tuple[str, ...] = ()
    # a refusal: the pattern matches only a negated verb ("will not accept", "never
    # complied"), and the negation is the event itself, not a flag on another one
    negated: bool = False

    @property
    def specificity(self) -> int:
        return (
            2 * bool(self.objects)
            + 2 * bool(self.complements)
            + bool(self.particle)
            + bool(self.requires)
            + 2 * len(self.before)
            + 2 * len(self.after)
            + 3 * self.negated
        )


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Immutable patterns plus the code table; shared by every document."""

    verbs: Mapping[str, tuple[Pattern, ...]]
    nouns: Mapping[str, tuple[Pattern, ...]]
    light_verbs: frozenset[str]
    codes: Mapping[str, CodeInfo]
    # Roots whose complement is an attitude, not a fact (None: the coder's default,
    # matching.ABSORBING_ROOTS); another dictionary's codes may mean other things.
    absorbing_roots: frozenset[str] | None = None

    def code_info(self, code: str) -> CodeInfo:
        """Facts about a CAMEO code; unknown leaves fall back to their parents."""
        probe = code
        while probe:
            info = self.codes.get(probe)
            if info is not None:
                if probe != code:
                    return CodeInfo(
                        code,
                        info.name,
                        info.quad_class,
                        info.goldstein,
                        info.plover,
                        info.plover_mode,
                    )
                return info
            probe = probe[:-1] if len(probe) > 2 else ""
        raise KeyError(code)

    def extended(
        self,
        verbs: Iterable[Pattern],
        *,
        codes: Mapping[str, CodeInfo] | None = None,
        override: bool = True,
        keep_nouns: bool = True,
        absorbing_roots: frozenset[str] | None = None,
    ) -> EventLexicon:
        """A copy with more verb patterns (and code-table entries for their codes).

        ``override`` replaces *all* of this lexicon's verb patterns, so that the coder
        runs on another dictionary alone (an evaluation against a coder's own
        dictionary); otherwise the new patterns join the lemmas they share, ordered
        by specificity as in :func:`build_lexicon`.  ``keep_nouns=False`` also drops
        the event nouns, for a dictionary that has none; ``absorbing_roots`` sets
        which roots hide the events of their complement (see :class:`EventLexicon`)."""
        index: dict[str, list[Pattern]] = {} if override else {k: list(v) for k, v in self.verbs.items()}
        for p in verbs:
            # a pattern with surface forms is also found by them, for when the
            # tagger's lemma is not the dictionary's word ("cordoned" -> "cordone")
            for key in dict.fromkeys((p.lemma, *p.forms)):
                index.setdefault(key, []).append(p)
        table = {**self.codes, **(codes or {})}
        return EventLexicon(
            verbs=_ordered(index),
            nouns=self.nouns if keep_nouns else MappingProxyType({}),
            light_verbs=self.light_verbs,
            codes=MappingProxyType(table),
            absorbing_roots=self.absorbing_roots if absorbing_roots is None else absorbing_roots,
        )


def _line_numbers(text: str, key: str) -> list[int]:
    """1-based line of each item of the top-level sequence ``key`` (in order)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def _str_list(value: Any, *, what: str, bad: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise bad(f"{what} must be a list of strings")
    return tuple(v.strip().lower() for v in value)


def _slots(value: Any, *, what: str, bad: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    slots = _str_list(value, what=what, bad=bad)
    for slot in slots:
        base = slot.rstrip("!").removeprefix("xcomp:").removeprefix("object:")
        if not _SLOT.match(slot) or not (base.startswith("prep:") or base in _BASE_SLOTS):
            raise bad(f"unknown slot {slot!r} in {what}")
    return slots


def _entry(raw: Any, *, kind: Kind, codes: Mapping[str, CodeInfo], path: str, line: int) -> Pattern:
    def bad(problem: str) -> ReferenceDataError:
        return ReferenceDataError(E201.format(path=path, line=line, problem=problem))

    if not isinstance(raw, dict):
        raise bad(f"{kind} entry must be a mapping")
    allowed = _VERB_KEYS if kind == "verb" else _NOUN_KEYS
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise bad(f"unknown key(s) {', '.join(map(str, unknown))}")
    words = raw.get(kind)
    if not isinstance(words, str) or not words.strip():
        raise bad(f"missing '{kind}'")
    parts = words.strip().lower().split()
    if len(parts) > 3 or (kind == "noun" and len(parts) > 1):
        raise bad(f"bad trigger {words!r}")
    code = raw.get("code")
    if not isinstance(code, str) or code not in codes:
        raise bad(f'code {code!r} is not in the CAMEO code table (quote codes: "040")')
    joint = raw.get("joint")
    if joint is not None and (not isinstance(joint, str) or joint not in codes):
        raise bad(f"joint code {joint!r} is not in the CAMEO code table")
    for flag in ("symmetric", "require_target", "require_source", "negated"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise bad(f"{flag} must be true or false")
    mode = raw.get("mode")
    if mode is not None and not isinstance(mode, str):
        raise bad("mode must be a string")
    default_source = ("subj",) if kind == "verb" else ("poss", "prep:by", "mod")
    objects = _str_list(raw.get("object"), what="object", bad=bad)
    default_target: tuple[str, ...] = ("dobj",) if kind == "verb" and not objects else ()
    source = _slots(raw.get("source"), what="source", bad=bad)
    target = _slots(raw.get("target"), what="target", bad=bad)
    return Pattern(
        kind=kind,
        lemma=parts[0],
        particle=" ".join(parts[1:]) or None,
        code=code,
        objects=objects,
        complements=_str_list(raw.get("complement"), what="complement", bad=bad),
        requires=_str_list(raw.get("requires"), what="requires", bad=bad),
        source=default_source if source is None else source,
        target=default_target if target is None else target,
        symmetric=bool(raw.get("symmetric", False)),
        joint=joint,
        require_target=bool(raw.get("require_target", False)),
        require_source=bool(raw.get("require_source", False)),
        mode=mode,
        origin=f"{path}:{line}",
        source_sectors=tuple(
            x.upper() for x in _str_list(raw.get("source_sectors"), what="source_sectors", bad=bad)
        ),
        negated=bool(raw.get("negated", False)),
        before=_str_list(raw.get("before"), what="before", bad=bad),
    )


def parse_lexicon(
    text: str, *, path: str, codes: Mapping[str, CodeInfo]
) -> tuple[list[Pattern], list[Pattern], list[str]]:
    """Check one YAML lexicon file; returns (verb patterns, noun patterns, light verbs)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ReferenceDataError(
            E201.format(path=path, line=line, problem=f"invalid YAML: {getattr(exc, 'problem', None) or exc}")
        ) from None
    if not isinstance(data, dict):
        raise ReferenceDataError(E201.format(path=path, line=1, problem="top level must be a mapping"))
    unknown = sorted(set(data) - {"_source", "version", "light_verbs", "verbs", "nouns"})
    if unknown:
        raise ReferenceDataError(
            E201.format(path=path, line=1, problem=f"unknown top-level key(s) {unknown}")
        )
    if not isinstance(data.get("_source"), str):
        raise ReferenceDataError(E201.format(path=path, line=1, problem="missing _source note"))
    out: dict[str, list[Pattern]] = {"verbs": [], "nouns": []}
    for key, kind in (("verbs", "verb"), ("nouns", "noun")):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise ReferenceDataError(E201.format(path=path, line=1, problem=f"{key} must be a list"))
        lines = _line_numbers(text, key)
        for n, raw in enumerate(items):
            line = lines[n] if n < len(lines) else 1
            out[key].append(_entry(raw, kind=kind, codes=codes, path=path, line=line))  # type: ignore[arg-type]
    light = data.get("light_verbs") or []
    if not isinstance(light, list) or not all(isinstance(v, str) for v in light):
        raise ReferenceDataError(
            E201.format(path=path, line=1, problem="light_verbs must be a list of lemmas")
        )
    return out["verbs"], out["nouns"], [v.lower() for v in light]


def build_lexicon(files: Iterable[tuple[str, str]], *, codes: Mapping[str, CodeInfo]) -> EventLexicon:
    """Merge lexicon files (``(path, text)`` pairs); later files add patterns."""
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    light: set[str] = set()
    for path, text in files:
        vs, ns, lv = parse_lexicon(text, path=path, codes=codes)
        for p in vs:
            verbs.setdefault(p.lemma, []).append(p)
        for p in ns:
            nouns.setdefault(p.lemma, []).append(p)
        light.update(lv)

    return EventLexicon(
        verbs=_ordered(verbs), nouns=_ordered(nouns), light_verbs=frozenset(light), codes=codes
    )


def _ordered(index: Mapping[str, list[Pattern]]) -> Mapping[str, tuple[Pattern, ...]]:
    # Most specific first; the file order breaks ties (stable sort).
    return MappingProxyType({k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()})
