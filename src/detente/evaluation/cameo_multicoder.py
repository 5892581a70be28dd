"""CAMEO multi-coder sentences: root accuracy against a majority of human coders.

The set (CAMEO_ConfliBERT training rounds) has real news sentences coded by
several trained people who were *not* adjudicated: each says whether the
sentence holds a CAMEO event and gives up to four actions with their CAMEO root.
There is no single truth, so the system is scored the way its coders can be:

- gold = the plurality label of a sentence over coders (a coder's label is the
  root of their first action, or "none" when they judged the sentence not
  relevant); sentences where the top labels tie have no gold and are counted;
- ``root_accuracy``: the root of the system's highest-confidence event (or
  "none") equals the gold label; ``event_detection_*``: event vs no event;
- ``agreement_system_coder_<k>`` next to ``agreement_coders_mean``: how often the
  system's label equals each coder's, and how often two coders agree (pairwise
  mean), both as raw agreement and Cohen's kappa.  A system as good as a coder
  has system-coder agreement close to coder-coder agreement.

Only round 7 (sentences 1-100, the best-trained round with the most coders) is
read, as the data notes recommend.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from detente.evaluation.plover_gsr import best_event
from detente.evaluation.result import EvalResult
from detente.evaluation.running import events_by_document
from detente.evaluation.scoring import safe_ratio
from detente.model import Document, Event

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "cameo_multicoder"
FILE = Path("cameo_multicoder") / "round_7" / "summary.csv"
NONE = "none"
_ROOT = re.compile(r"^\s*\d+\s*-\s*(\d{1,2})\b")


@dataclass(frozen=True, slots=True)
class CodedSentence:
    id: str
    text: str
    labels: Mapping[str, str]  # coder -> root ("01".."20") or "none"
    roots: Mapping[str, frozenset[str]]  # coder -> every root the coder gave

    def gold(self) -> str | None:
        """The plurality label, or None when the top labels tie."""
        counts = Counter(self.labels.values()).most_common()
        if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
            return None
        return counts[0][0]


def parse_root(value: str | None) -> str | None:
    """ "4-18 Assualt" -> "18"; "0-1 Make Public Statement" -> "01"."""
    if not value:
        return None
    m = _ROOT.match(value)
    return m.group(1).zfill(2) if m else None


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def read_sentences(path: Path) -> list[CodedSentence]:
    """Read a round's summary: coders are the ``_k`` suffixes with a complete
    annotation (``anncomplete_k`` true) and a relevance column."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return []
    coders = sorted(
        {c.rsplit("_", 1)[1] for c in rows[0] if c.startswith("1_Relevant_")},
        key=lambda k: int(k) if k.isdigit() else 0,
    )
    out: list[CodedSentence] = []
    for row in rows:
        labels: dict[str, str] = {}
        roots: dict[str, frozenset[str]] = {}
        for k in coders:
            if not _true(row.get(f"anncomplete_{k}")):
                continue
            actions = [
                r
                for n in range(1, 5)
                if (r := parse_root(row.get(f"Action{n}_CAMEO_{k}"))) is not None and r != "00"
            ]
            relevant = _true(row.get(f"1_Relevant_{k}")) and bool(actions)
            labels[k] = actions[0] if relevant else NONE
            roots[k] = frozenset(actions) if relevant else frozenset()
        number = (row.get("No") or "").replace("No.", "").strip()
        out.append(CodedSentence(id=number or row.get("ids", ""), text=row["sentences"], labels=labels,
                                 roots=roots))  # fmt: skip
    return out


def kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences (0.0 when chance agreement is total)."""
    n = len(a)
    if n == 0:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 0.0 if expected >= 1.0 else (observed - expected) / (1 - expected)


def system_label(events: Sequence[Event]) -> str:
    best = best_event(events)
    return best.cameo_root if best is not None else NONE


def score(sentences: Sequence[CodedSentence], predicted: Mapping[str, Sequence[Event]]) -> EvalResult:
    """Scores from coder labels and emitted events (pure: no pipeline)."""
    coders = sorted({k for s in sentences for k in s.labels})
    system = {s.id: system_label(predicted.get(s.id, ())) for s in sentences}
    gold_known = [(s, g) for s in sentences if (g := s.gold()) is not None]
    correct = sum(system[s.id] == g for s, g in gold_known)
    any_root = sum(
        (g == NONE and not predicted.get(s.id))
        or (g != NONE and any(e.cameo_root == g for e in predicted.get(s.id, ())))
        for s, g in gold_known
    )
    tp = sum(g != NONE and system[s.id] != NONE for s, g in gold_known)
    fp = sum(g == NONE and system[s.id] != NONE for s, g in gold_known)
    fn = sum(g != NONE and system[s.id] == NONE for s, g in gold_known)
    gold_events = sum(g != NONE for _, g in gold_known)
    emitted = sum(len(predicted.get(s.id, ())) for s, _ in gold_known)
    metrics: dict[str, float] = {
        "root_accuracy": safe_ratio(correct, len(gold_known)),
        "root_accuracy_event_sentences": safe_ratio(
            sum(system[s.id] == g for s, g in gold_known if g != NONE), gold_events
        ),
        "root_in_any_event": safe_ratio(any_root, len(gold_known)),
        "event_detection_precision": safe_ratio(tp, tp + fp),
        "event_detection_recall": safe_ratio(tp, tp + fn),
        "events_emitted_per_gold": safe_ratio(emitted, gold_events),
    }
    rows = []
    sys_kappas, sys_agree = [], []
    for k in coders:
        both = [s for s in sentences if k in s.labels]
        a = [system[s.id] for s in both]
        b = [s.labels[k] for s in both]
        agree = safe_ratio(sum(x == y for x, y in zip(a, b, strict=True)), len(both))
        kp = kappa(a, b)
        sys_agree.append(agree)
        sys_kappas.append(kp)
        metrics[f"agreement_system_coder_{k}"] = agree
        rows.append({"pair": f"system vs coder {k}", "sentences": len(both), "agreement": agree, "kappa": kp})
    pair_agree, pair_kappas = [], []
    for j, k in combinations(coders, 2):
        both = [s for s in sentences if j in s.labels and k in s.labels]
        a = [s.labels[j] for s in both]
        b = [s.labels[k] for s in both]
        agree = safe_ratio(sum(x == y for x, y in zip(a, b, strict=True)), len(both))
        kp = kappa(a, b)
        pair_agree.append(agree)
        pair_kappas.append(kp)
        rows.append(
            {"pair": f"coder {j} vs coder {k}", "sentences": len(both), "agreement": agree, "kappa": kp}
        )
    metrics["agreement_system_coders_mean"] = safe_ratio(sum(sys_agree), len(sys_agree))
    metrics["agreement_coders_mean"] = safe_ratio(sum(pair_agree), len(pair_agree))
    metrics["kappa_system_coders_mean"] = safe_ratio(sum(sys_kappas), len(sys_kappas))
    metrics["kappa_coders_mean"] = safe_ratio(sum(pair_kappas), len(pair_kappas))
    counts = {
        "sentences": len(sentences),
        "coders": len(coders),
        "sentences_with_majority": len(gold_known),
        "majority_event_sentences": gold_events,
        "root_correct": correct,
        "events_emitted": emitted,
    }
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts=counts,
        rows=rows,
        columns=["pair", "sentences", "agreement", "kappa"],
        notes=(
            "a coder's label = root of their first action, or 'none' when not relevant; gold = plurality "
            "label over coders (ties: no gold); system label = root of its highest-confidence event",
            "root_in_any_event: the gold root is among the system's event roots (or both say none)",
            "events_emitted_per_gold = emitted events / sentences whose gold is an event",
        ),
    )


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    """Code round 7's sentences and compare them with the coders."""
    path = data_dir / FILE
    if not path.is_file():
        return EvalResult.skip(NAME, f"file not found: {path}")
    sentences = read_sentences(path)
    if limit is not None:
        sentences = sentences[:limit]
    docs = [Document(id=s.id, text=s.text) for s in sentences]
    predicted, rejected = events_by_document(pipeline, docs)
    scored = score(sentences, predicted)
    return replace(scored, counts={**scored.counts, "rejected": rejected})
