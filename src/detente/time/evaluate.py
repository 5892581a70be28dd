"""Score time expressions on TempEval-3 (TimeML ``.tml`` files).

Runs the NLP and time stages over the raw TEXT of each document (tags stripped,
character offsets kept), with the DCT taken from the TIMEX3 whose
``functionInDocument`` is ``CREATION_TIME``, and compares with the gold
TIMEX3 spans the way TempEval-3 does:

* strict span P/R/F1: identical extent; relaxed: any overlap (one-to-one);
* value accuracy: share of relaxed matches whose value is right;
* value F1: relaxed match *and* right value, over system and gold counts
  (TempEval-3's "value F1");
* type accuracy on relaxed matches.

Values are compared after :func:`canonical_value`, which only rewrites
*equivalent spellings* of one value: TimeML writes a decade "199X" where the
contract (and TIMEX3's reduced form) writes "199", a year "1994-XX" or
"1994-XX-XX" for the plain year, "2000-W7" for "2000-W07", a full hour
"T17" for "T17:00", and a duration of two decades as "P20Y" or "P2DE".
Nothing with a different meaning is made equal.  ``value_accuracy_exact`` and
``value_f1_exact`` give the string comparison without it.

``python -m detente.time.evaluate [--data DIR] [--limit N] [--baseline]``
prints a table.  ``--baseline`` scores the obvious alternative (spaCy
DATE/TIME entities, each read by ``dateparser`` against the DCT) for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.model import Document, TimeMention
from detente.nlp import NlpConfig

DEFAULT_DATA = Path("/work/shared/eval-data/tempeval3/TBAQ-cleaned")

Tagger = Callable[[Sequence[Document]], Iterator[Sequence[TimeMention]]]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    doc_id: str
    dct: dt.date | None
    text: str
    gold: tuple[GoldTimex, ...]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>|&[a-zA-Z#0-9]+;|[^<&]+|[<&]")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> TimeMLDoc:
    """The TEXT of a TimeML file without tags, its DCT and its gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct: dt.date | None = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = dt.date.fromisoformat(attrs.get("value", "")[:10])
            except ValueError:
                dct = None
            break
    body_start = raw.find("<TEXT>")
    body_end = raw.find("</TEXT>")
    body = raw[body_start + len("<TEXT>") : body_end] if body_start >= 0 else ""
    pieces: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_timex: list[tuple[int, dict[str, str]]] = []
    for m in _TAG.finditer(body):
        token = m.group(0)
        if m.group(2):
            closing, name = m.group(1) == "/", m.group(2)
            if name == "TIMEX3" and not closing and not m.group(4):
                open_timex.append((length, dict(_ATTR.findall(m.group(3)))))
            elif name == "TIMEX3" and closing and open_timex:
                start, attrs = open_timex.pop()
                text = "".join(pieces)[start:length]
                gold.append(GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", "")))
            continue
        piece = html.unescape(token) if token.startswith("&") else token
        pieces.append(piece)
        length += len(piece)
    return TimeMLDoc(path.stem, dct, "".join(pieces), tuple(gold))


def read_corpus(data_dir: Path, *, limit: int | None = None) -> list[TimeMLDoc]:
    files = sorted(data_dir.rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    return [read_timeml(f) for f in files]


@dataclass(frozen=True, slots=True)
class Scores:
    """TempEval-3 style numbers for one run."""

    documents: int
    gold: int
    system: int
    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    value_accuracy: float
    type_accuracy: float
    value_p: float
    value_r: float
    value_f1: float
    value_accuracy_exact: float = 0.0
    value_f1_exact: float = 0.0
    errors: tuple[tuple[str, str, str, str | None, str], ...] = field(default=(), repr=False)

    def table(self) -> str:
        rows = [
            ("documents", f"{self.documents}"),
            ("gold / system TIMEX3", f"{self.gold} / {self.system}"),
            ("strict span P / R / F1", _prf(self.strict_p, self.strict_r, self.strict_f1)),
            ("relaxed span P / R / F1", _prf(self.relaxed_p, self.relaxed_r, self.relaxed_f1)),
            ("value accuracy (matched)", f"{self.value_accuracy:.3f}"),
            ("type accuracy (matched)", f"{self.type_accuracy:.3f}"),
            ("value P / R / F1", _prf(self.value_p, self.value_r, self.value_f1)),
            ("exact strings: value acc / F1", f"{self.value_accuracy_exact:.3f} / {self.value_f1_exact:.3f}"),
        ]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{name:<{width}}  {val}" for name, val in rows)


def _prf(p: float, r: float, f: float) -> str:
    return f"{p:.3f} / {r:.3f} / {f:.3f}"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _match(
    gold: Sequence[GoldTimex], system: Sequence[TimeMention], *, strict: bool
) -> list[tuple[GoldTimex, TimeMention]]:
    """One-to-one pairs: exact extent (strict) or largest overlap first (relaxed)."""
    options: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if strict:
                if (g.start, g.end) == (s.start, s.end):
                    options.append((g.end - g.start, gi, si))
            else:
                overlap = min(g.end, s.end) - max(g.start, s.start)
                if overlap > 0:
                    options.append((overlap, gi, si))
    options.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs: list[tuple[GoldTimex, TimeMention]] = []
    for _, gi, si in options:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gold[gi], system[si]))
    return pairs


_DECADE_X = re.compile(r"^(\d{3})X$|^(\d{2})XX$")
_YEAR_X = re.compile(r"^(\d{4})(?:-XX){1,2}$")
_WEEK = re.compile(r"^(\d{4})-W(\d)(\b.*)$")
_DURATION = re.compile(r"^P(\d+)(DE|CE|E|C)$")
_HOUR = re.compile(r"^(.*T\d\d)$")


def canonical_value(value: str | None) -> str | None:
    """One spelling for TIMEX3 values that mean the same (see the module docstring)."""
    if value is None:
        return None
    if m := _DECADE_X.match(value):
        return m[1] or m[2]
    if m := _YEAR_X.match(value):
        return m[1]
    if m := _WEEK.match(value):
        return f"{m[1]}-W0{m[2]}{m[3]}"
    if m := _DURATION.match(value):
        return f"P{int(m[1]) * (10 if m[2] in ('DE', 'E') else 100)}Y"
    if m := _HOUR.match(value):
        return f"{m[1]}:00"
    return value


def score(docs: Sequence[TimeMLDoc], outputs: Sequence[Sequence[TimeMention]]) -> Scores:
    n_gold = n_sys = strict = relaxed = right_value = right_type = exact_value = 0
    errors: list[tuple[str, str, str, str | None, str]] = []
    for doc, system in zip(docs, outputs, strict=True):
        n_gold += len(doc.gold)
        n_sys += len(system)
        strict += len(_match(doc.gold, system, strict=True))
        pairs = _match(doc.gold, system, strict=False)
        relaxed += len(pairs)
        for g, s in pairs:
            right_type += g.type == s.type
            exact_value += g.value == s.value
            if canonical_value(g.value) == canonical_value(s.value):
                right_value += 1
            else:
                errors.append((doc.doc_id, g.text, g.value, s.value, s.text))
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = relaxed / max(n_sys, 1), relaxed / max(n_gold, 1)
    vp, vr = right_value / max(n_sys, 1), right_value / max(n_gold, 1)
    return Scores(
        documents=len(docs),
        gold=n_gold,
        system=n_sys,
        strict_p=sp,
        strict_r=sr,
        strict_f1=_f1(sp, sr),
        relaxed_p=rp,
        relaxed_r=rr,
        relaxed_f1=_f1(rp, rr),
        value_accuracy=right_value / max(relaxed, 1),
        type_accuracy=right_type / max(relaxed, 1),
        value_p=vp,
        value_r=vr,
        value_f1=_f1(vp, vr),
        value_accuracy_exact=exact_value / max(relaxed, 1),
        value_f1_exact=_f1(exact_value / max(n_sys, 1), exact_value / max(n_gold, 1)),
        errors=tuple(errors),
    )


@dataclass(frozen=True, slots=True)
class _NlpOnly:
    """The NLP options alone: scoring time needs no other stage's config."""

    nlp: NlpConfig = field(default_factory=NlpConfig)


def detente_tagger(config: object | None = None) -> Tagger:
    """Our NLP stage followed by the time stage."""
    from detente import nlp, time
    from detente.model import Analysis

    cfg = _NlpOnly()
    time_config = config if isinstance(config, time.TimeConfig) else time.TimeConfig()
    language = nlp.load(cfg.nlp)
    resources = time.load(time_config)

    def tag(documents: Sequence[Document]) -> Iterator[Sequence[TimeMention]]:
        for parsed in nlp.parse(documents, config=cfg.nlp, nlp=language):
            (analysis,) = time.run([Analysis(parsed=parsed)], config=time_config, resources=resources)
            yield analysis.times

    return tag


def baseline_tagger() -> Tagger:
    """spaCy DATE/TIME entities, each normalised by ``dateparser`` against the DCT."""
    from dateparser.date import DateDataParser

    from detente import nlp

    cfg = _NlpOnly()
    language = nlp.load(cfg.nlp)

    def tag(documents: Sequence[Document]) -> Iterator[Sequence[TimeMention]]:
        for parsed in nlp.parse(documents, config=cfg.nlp, nlp=language):
            dct = parsed.document.published
            base = dt.datetime.combine(dct, dt.time(12)) if dct else None
            settings = {"PREFER_DATES_FROM": "past"} | ({"RELATIVE_BASE": base} if base else {})
            reader = DateDataParser(languages=["en"], settings=settings)
            out: list[TimeMention] = []
            for ent in parsed.entities:
                if ent.label not in ("DATE", "TIME"):
                    continue
                value = _dateparser_value(reader, ent.text)
                kind = "TIME" if ent.label == "TIME" else "DATE"
                out.append(TimeMention(ent.text, ent.start, ent.end, ent.sent, kind, value))  # type: ignore[arg-type]
            yield out

    return tag


def _dateparser_value(reader: object, text: str) -> str | None:
    """dateparser's reading of ``text``, written at the granularity it reports."""
    data = reader.get_date_data(text)  # type: ignore[attr-defined]
    found = data.date_obj if data else None
    if found is None:
        return None
    period = data.period
    if period == "year":
        return f"{found.year:04d}"
    if period == "month":
        return found.strftime("%Y-%m")
    if period == "week":
        year, week, _ = found.isocalendar()
        return f"{year}-W{week:02d}"
    return found.date().isoformat()


def evaluate_tempeval(
    data_dir: Path = DEFAULT_DATA,
    *,
    pipeline_factory: Callable[[], Tagger] = detente_tagger,
    limit: int | None = None,
) -> Scores:
    """Read the corpus, tag every document with the factory's tagger and score it."""
    docs = read_corpus(data_dir, limit=limit)
    tagger = pipeline_factory()
    documents = [Document(id=d.doc_id, text=d.text, published=d.dct) for d in docs]
    outputs = [tuple(out) for out in tagger(documents)]
    return score(docs, outputs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detente.time.evaluate", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of .tml files")
    parser.add_argument("--limit", type=int, default=None, help="score the first N files only")
    parser.add_argument("--baseline", action="store_true", help="score spaCy + dateparser")
    parser.add_argument("--weekday-rule", default=None, help="TimeConfig.weekday_rule")
    parser.add_argument("--errors", type=Path, default=None, help="write value errors (TSV)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no such folder: {args.data}")
    if args.baseline:
        factory: Callable[[], Tagger] = baseline_tagger
    else:
        from detente.time import TimeConfig

        config = TimeConfig(weekday_rule=args.weekday_rule or "tense")
        factory = lambda: detente_tagger(config)  # noqa: E731
    scores = evaluate_tempeval(args.data, pipeline_factory=factory, limit=args.limit)
    print(scores.table())  # the command-line face of the module
    if args.errors:
        lines = ["\t".join(str(x) for x in e) for e in scores.errors]
        args.errors.write_text("doc\tgold_text\tgold\tsystem\tsystem_text\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
