"""PETRARCH's verb dictionary, read and turned into detente verb patterns.

Used only at evaluation time: PETRARCH2's unit-test records are graded against the
validation verb dictionary that ships with them (its codes are mostly WEIS-era, not
CAMEO), so they test the coder *given that dictionary*.  This module reads the file
from the evaluation folder at run time and converts what detente's pattern form can
express; nothing of the dictionary is stored in the repository.

The format, as far as the validation dictionary uses it:

- ``<!-- ... -->`` blocks and ``#`` to the end of a line are comments;
- ``&NAME`` starts a synset whose members follow as ``+WORD`` lines (a member may
  itself be ``&OTHER``); a synset is used inside patterns by name;
- ``--- HEAD [CODE] ---`` opens a verb block; ``[---]`` means the verb alone codes
  nothing; ``[A:B]`` is a paired code: A from source to target, B back;
- verb lines follow: ``VERB {IRREGULAR FORMS}`` or ``+SYNONYM``, optionally with their
  own ``[CODE]``; ``_`` joins the words of a phrasal verb, and a ``+`` inside the
  phrase marks the verb among them (``WIRE_+TAP``);
- ``- BEFORE * AFTER [CODE]`` lines are the patterns of every verb of the block:
  ``*`` stands for the verb, ``$`` the source, ``+`` the target, ``%`` a compound
  actor on both sides, ``^`` a skipped phrase, ``&NAME`` a synset.

Conversion to detente (:func:`to_patterns`):

- a plain verb becomes a pattern with the block's (or its own) code, matched on the
  verb's surface forms as PETRARCH makes them (regular endings plus the listed ones),
  so "left" finds LEFT, not LEAVE;
- the words of a pattern become word groups that must come, in order, before the verb
  in its sentence or after it in its phrase (:attr:`Pattern.before`/``after``); words
  joined by ``_`` must be adjacent, and one joined to ``*`` must touch the verb;
  synsets expand to one pattern per choice of members;
- ``%`` makes the pattern symmetric, and ``% *`` alone becomes the plain verb's joint
  code (its code when the subject is compound); ``+``/``$`` before ``*`` put target or
  source in the subject (the object of detente's parse for a passive, "+ WAS_ *");
  after ``*`` in the object of the preposition before them, after the phrase skipped
  by ``^``, or in the first actor of the verb's phrase, which is also the default target;
- ``A:B`` gives the pattern the reverse code B (the target's side of the act);
- a code that is not a number (``---``, ``+++``, ``def``) gives no pattern (counted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from detente.errors import E201, ReferenceDataError
from detente.evaluation.petr_dict import strip_comment

_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.DOTALL)
_HEADER = re.compile(r"^---\s*(?P<head>[^\[]+?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)(?:---)?$")
_VERB = re.compile(
    r"^(?P<plus>\+)?(?P<words>[^\[{]+?)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?$"
)
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$")
_NUMERIC_CODE = re.compile(r"^\d{2,4}[A-Za-z]?$")
MARKERS = frozenset({"$", "+", "%", "^"})
# Words after ``*`` that detente reads as the verb's particle or preposition.
PARTICLES = frozenset(
    {
        "about",
        "against",
        "at",
        "back",
        "between",
        "by",
        "down",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "out",
        "over",
        "to",
        "up",
        "upon",
        "with",
    }
)
# Where a converted pattern looks for its target: PETRARCH takes the first actor of
# the verb phrase after the verb; detente's "dobj" is also the subject of a passive.
TARGET_SLOTS = ("dobj", "phrase")
# Auxiliaries that make "+ WAS_ *" a passive: its written subject is detente's object.
_PASSIVE_AUX = frozenset({"was", "were", "been", "be", "is", "are", "being"})


@dataclass(frozen=True, slots=True)
class PetrVerb:
    """One verb of a block: its words (``("CORDON", "OFF")``), which of them is the verb,
    and its own code when it has one."""

    words: tuple[str, ...]
    main: int
    code: str | None
    line: int
    forms: tuple[str, ...] = ()  # irregular forms of the main word given in braces


@dataclass(frozen=True, slots=True)
class PetrPattern:
    """``- BEFORE * AFTER [CODE]``: the tokens on each side of the verb, markers kept;
    a ``_`` join (words that must be adjacent) stays one token."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    line: int


@dataclass(frozen=True, slots=True)
class PetrVerbBlock:
    head: str
    code: str
    verbs: tuple[PetrVerb, ...]
    patterns: tuple[PetrPattern, ...]
    line: int


@dataclass(frozen=True, slots=True)
class PetrVerbDictionary:
    synsets: Mapping[str, tuple[str, ...]]  # name -> member phrases (nested synsets expanded)
    blocks: tuple[PetrVerbBlock, ...]


@dataclass(slots=True)
class Conversion:
    """Patterns for detente plus the count of what could not be expressed, by reason."""

    patterns: list[Any] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def _bad(path: str, line: int, problem: str) -> ReferenceDataError:
    return ReferenceDataError(E201.format(path=path, line=line, problem=problem), code="E201")


def parse_verbs(text: str, *, path: str = "<verbs>") -> PetrVerbDictionary:
    """Parse a verb dictionary; a line that fits none of the forms is an error."""
    raw_synsets: dict[str, list[str]] = {}
    blocks: list[PetrVerbBlock] = []
    synset: str | None = None
    head: tuple[str, str, int] | None = None
    verbs: list[PetrVerb] = []
    patterns: list[PetrPattern] = []

    def close() -> None:
        if head is not None:
            blocks.append(PetrVerbBlock(head[0], head[1], tuple(verbs), tuple(patterns), head[2]))

    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for n, raw in enumerate(text.splitlines(), start=1):
        line = strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("---"):
            m = _HEADER.match(line)
            if m is None:
                raise _bad(path, n, f"cannot read verb block header {line!r}")
            close()
            codes = re.findall(r"\[([^\]]*)\]", m["codes"])
            head = (m["head"].strip(), codes[0].strip() if codes else "---", n)
            verbs, patterns, synset = [], [], None
            continue
        if line.startswith("&"):
            synset = line.split()[0].rstrip("_")
            raw_synsets[synset] = []
            close()
            head = None
            continue
        if line.startswith("+") and synset is not None:
            raw_synsets[synset].append(" ".join(line[1:].replace("_", " ").split()))
            continue
        if head is None:
            raise _bad(path, n, f"line outside any verb block or synset: {line!r}")
        if line.startswith("-"):
            m = _PATTERN.match(line)
            if m is None:
                raise _bad(path, n, f"cannot read pattern {line!r}")
            body = m["body"].replace("*", " * ")
            if body.split().count("*") != 1:
                raise _bad(path, n, f"pattern needs one '*': {line!r}")
            left, right = body.split(" * ")
            before = tuple(t for t in left.split() if t.strip("_"))
            after = tuple(t for t in right.split() if t.strip("_"))
            patterns.append(PetrPattern(before, after, m["code"].strip(), n))
            continue
        m = _VERB.match(line)
        if m is None:
            raise _bad(path, n, f"cannot read verb line {line!r}")
        parts = [w for w in re.split(r"[_\s]+", m["words"]) if w.strip("+")]
        marked = [i for i, w in enumerate(parts) if w.startswith("+")]
        words = tuple(w.lstrip("+") for w in parts)
        if not words:
            raise _bad(path, n, f"verb line without a verb: {line!r}")
        code = m["code"].strip() if m["code"] is not None else None
        main = marked[0] if marked else 0
        forms = []
        for form in (m["forms"] or "").split():
            fparts = [w for w in form.split("_") if w.strip("+")]
            fmarked = [w for w in fparts if w.startswith("+")]
            pick = fmarked[0] if fmarked else fparts[min(main, len(fparts) - 1)]
            forms.append(pick.lstrip("+"))
        verbs.append(PetrVerb(words, main, code, n, tuple(forms)))
    close()
    return PetrVerbDictionary(_expand_synsets(raw_synsets), tuple(blocks))


def _expand_synsets(raw: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}

    def expand(name: str, seen: frozenset[str]) -> tuple[str, ...]:
        if name in out:
            return out[name]
        members: list[str] = []
        for phrase in raw.get(name, []):
            members.extend(expand_phrase(phrase, lambda s: expand(s, seen | {name}) if s not in seen else ()))
        out[name] = tuple(dict.fromkeys(members))
        return out[name]

    for name in raw:
        expand(name, frozenset())
    return out


def expand_phrase(phrase: str, lookup: Any) -> list[str]:
    """Every phrase a text with synset names stands for (``&TIES RELATIONS`` ->
    ``MILITARY RELATIONS``, ``ECONOMIC RELATIONS`` ...); ``&X`` may be glued to words."""
    options = []
    for word in phrase.split():
        if word.startswith("&"):
            options.append(list(lookup(word)) or [word])
        else:
            options.append([word])
    return [" ".join(choice) for choice in product(*options)]


def split_code(raw: str) -> tuple[str, str | None] | None:
    """``"032:033"`` -> ("032", "033"); ``"064"`` -> ("064", None); a null or
    non-numeric code (``---``, ``+++``, ``def``) -> None; ``025?`` is read as ``025``."""
    parts = [p.strip().rstrip("?") for p in raw.split(":")]
    if not parts or not _NUMERIC_CODE.match(parts[0]):
        return None
    reverse = parts[1] if len(parts) > 1 and _NUMERIC_CODE.match(parts[1]) else None
    return parts[0], reverse


@dataclass(frozen=True, slots=True)
class Reading:
    """What one pattern says, in detente's terms: word groups that must come before
    and after the verb (each group's words adjacent), and where source and target are."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    symmetric: bool


def _words(phrase: str) -> list[str]:
    """Lower-case words as a tokenizer splits them: ``DID N'T`` -> did, n't;
    ``DON'T`` -> do, n't."""
    out: list[str] = []
    for w in phrase.lower().split():
        if w.endswith("n't") and len(w) > 3:
            out.extend((w[:-3], "n't"))
        else:
            out.append(w)
    return out


def _joined(token: str) -> str:
    return " ".join(token.replace("_", " ").split())


def _anchored(token: str, words: str) -> str:
    """``RECENTLY_`` (joined to the ``*`` after it) -> "recently *"; ``_UP`` -> "* up":
    the words must touch the verb."""
    if token.startswith("_"):
        words = f"* {words}"
    if token.endswith("_"):
        words = f"{words} *"
    return words


def _groups(tokens: Iterable[str], synsets: Mapping[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Every reading of a side of a pattern: one tuple of adjacent-word groups per
    choice of synset members (``&NEG * OVER`` -> ("did n't",), ("will not",) ...)."""
    options = [
        [_anchored(t, " ".join(_words(g))) for g in expand_phrase(_joined(t), lambda s: synsets.get(s, ()))]
        for t in tokens
        if _joined(t) not in MARKERS
    ]
    return list(dict.fromkeys(tuple(choice) for choice in product(*options)))


def _marker_slots(tokens: list[str], j: int) -> tuple[str, ...]:
    """Where the actor marked at ``tokens[j]`` (after the verb) is: the object of the
    preposition written before the marker, on the verb or on its object; else the
    verb's object or the first actor further on ("MONEY $": whoever the money is from)."""
    k = j
    while k and tokens[k - 1] == "^":
        k -= 1  # "IN ^ +": the phrase after "in" is skipped
    prev = tokens[k - 1].replace("_", " ").split()[-1].lower() if k else None
    if prev in PARTICLES:
        if k < j:
            return (f"after:{prev}",)
        return (f"prep:{prev}", f"object:prep:{prev}")
    return ("dobj", "phrase")


def read_pattern(pat: PetrPattern, synsets: Mapping[str, tuple[str, ...]]) -> list[Reading] | str:
    """Read one pattern into one reading per choice of synset members; a string is
    the reason it cannot be expressed."""
    symmetric = "%" in pat.before or "%" in pat.after
    source = target = None
    for marker in ("+", "$"):
        if marker not in pat.before:
            continue
        later = pat.before[pat.before.index(marker) + 1 :]
        passive = any(w in _PASSIVE_AUX for t in later for w in _words(t.replace("_", " ")))
        slot = ("dobj",) if passive else ("subj",)
        if marker == "+":
            target = slot
        else:
            source = slot
    after = list(pat.after)
    for j, tok in enumerate(after):
        if tok == "+":
            target = (*_marker_slots(after, j), *TARGET_SLOTS)
        elif tok == "$":
            source = _marker_slots(after, j)
    if source is None and target in (("subj",), ("dobj",)):
        source = ("subj", "prep:by", "args") if target == ("dobj",) else ("prep:by", "args")
    befores, afters = _groups(pat.before, synsets), _groups(pat.after, synsets)
    if any("&" in g for side in (*befores, *afters) for g in side):
        return "unknown_synset"
    return [Reading(b, a, source, target, symmetric) for b in befores for a in afters]


def regular_forms(word: str) -> tuple[str, ...]:
    """The forms a word-order coder generates for a verb it lists without irregular
    forms: the word itself, third person, past and gerund, by the regular rules
    (no consonant doubling: the dictionary lists "STAB {STABS STABBED}" itself)."""
    w = word.lower()
    if w.endswith("e"):
        return (w, w + "s", w + "d", w[:-1] + "ing")
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return (w, w[:-1] + "ies", w[:-1] + "ied", w + "ing")
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return (w, w + "es", w + "ed", w + "ing")
    return (w, w + "s", w + "ed", w + "ing")


def _pattern(
    pattern_cls: Any,
    *,
    verb: PetrVerb,
    code: tuple[str, str | None],
    reading: Reading | None,
    origin: str,
    joint: str | None = None,
) -> Any | None:
    lemma = verb.words[verb.main].lower()
    particles = [w.lower() for w in verb.words[verb.main + 1 :]]
    if len(particles) > 2:
        return None
    forward, reverse = code
    return pattern_cls(
        kind="verb",
        lemma=lemma,
        particle=" ".join(particles) or None,
        code=forward,
        objects=(),
        complements=(),
        requires=(),
        source=(reading.source if reading else None) or ("subj",),
        target=(reading.target if reading else None) or TARGET_SLOTS,
        symmetric=(reading.symmetric if reading else False) or reverse == forward,
        joint=joint,
        require_target=False,
        require_source=False,
        mode=None,
        origin=origin,
        reverse=reverse,  # also when equal: "A will meet B" is coded both ways
        before=reading.before if reading else (),
        after=reading.after if reading else (),
        forms=tuple(dict.fromkeys((*regular_forms(lemma), *(f.lower() for f in verb.forms)))),
    )


def to_patterns(dictionary: PetrVerbDictionary, *, path: str = "<verbs>") -> Conversion:
    """detente verb patterns for every verb and pattern the dictionary has (see the
    module docstring for what is converted and what is left out)."""
    from detente.events.lexicon import Pattern

    out = Conversion()
    for block in dictionary.blocks:
        # "% * [030]": the code of the act when its subject is a compound ("A and B
        # agree"), detente's joint code of the plain verb
        compound = [p for p in block.patterns if p.before == ("%",) and not p.after]
        joint = next((c[0] for p in compound if (c := split_code(p.code)) is not None), None)
        for verb in block.verbs:
            own = split_code(verb.code) if verb.code is not None else split_code(block.code)
            if own is None:
                out.skip("null_code")
            else:
                origin = f"{path}:{verb.line}"
                made = _pattern(Pattern, verb=verb, code=own, reading=None, origin=origin, joint=joint)
                if made is None:
                    out.skip("too_many_particles")
                else:
                    out.patterns.append(made)
            for pat in block.patterns:
                if pat in compound and own is not None:
                    out.skip("joint_code")
                    continue
                _convert(out, Pattern, verb, pat, dictionary.synsets, origin=f"{path}:{pat.line}")
    return out


def _convert(
    out: Conversion,
    pattern_cls: Any,
    verb: PetrVerb,
    pat: PetrPattern,
    synsets: Mapping[str, tuple[str, ...]],
    *,
    origin: str,
) -> None:
    code = split_code(pat.code)
    if code is None:
        out.skip("null_code")
        return
    readings = read_pattern(pat, synsets)
    if isinstance(readings, str):
        out.skip(readings)
        return
    for reading in readings:
        made = _pattern(pattern_cls, verb=verb, code=code, reading=reading, origin=origin)
        if made is None:
            out.skip("too_many_particles")
            continue
        out.patterns.append(made)


def code_table_additions(codes: Iterable[str], known: Mapping[str, Any]) -> dict[str, Any]:
    """Entries for the codes of the dictionary whose root detente's CAMEO table lacks
    (WEIS-era roots 21-22, the validation file's invented 3xx and 9xx): neutral facts
    (no PLOVER type, Goldstein 0) so that the coder can emit them under their own code."""
    from detente.events.codes import CodeInfo, expected_quad

    out: dict[str, Any] = {}
    for code in codes:
        if code in known or code[:2] in known or code in out:
            continue
        root = int(code[:2])
        quad = expected_quad(code) if 1 <= root <= 20 else 4 if root > 20 else 1
        out[code] = CodeInfo(code, f"PETRARCH validation code {code}", quad, 0.0, None, None)
    return out


def read_dictionary(path: Any) -> PetrVerbDictionary:
    """Read the verb dictionary file at ``path`` (a :class:`~pathlib.Path`)."""
    return parse_verbs(path.read_text(encoding="utf-8"), path=str(path))
