"""The TempEval-3 scorer on a small TimeML file written for the test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from detente.model import Document, TimeMention
from detente.time import evaluate as ev

DCT = (
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-04-30" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">2025-04-30</TIMEX3></DCT>'
)
BODY = (
    'Envoys <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2025-04-28">'
    "Monday</TIMEX3> &amp; agreed to talk "
    '<TIMEX3 tid="t2" type="SET" value="P1W">weekly</TIMEX3> for '
    '<TIMEX3 tid="t3" type="DURATION" value="P2Y">the next two years</TIMEX3>.'
)
TML = f"""<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
{DCT}
<TEXT>
{BODY}
</TEXT>
</TimeML>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "demo.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_read_timeml_strips_tags_and_keeps_offsets(corpus: Path) -> None:
    doc = ev.read_timeml(corpus / "demo.tml")
    assert doc.dct == dt.date(2025, 4, 30)
    assert "&amp;" not in doc.text and "<EVENT" not in doc.text and " & " in doc.text
    assert [g.text for g in doc.gold] == ["Monday", "weekly", "the next two years"]
    for g in doc.gold:
        assert doc.text[g.start : g.end] == g.text


def _mention(doc: ev.TimeMLDoc, text: str, value: str | None, kind: str = "DATE") -> TimeMention:
    start = doc.text.index(text)
    return TimeMention(text, start, start + len(text), 0, kind, value)  # type: ignore[arg-type]


def test_score_counts_strict_relaxed_and_values(corpus: Path) -> None:
    doc = ev.read_timeml(corpus / "demo.tml")
    system = [
        _mention(doc, "Monday", "2025-04-28"),  # exact, right value
        _mention(doc, "weekly", "P1D", "SET"),  # exact, wrong value
        _mention(doc, "two years", "P2Y", "DURATION"),  # overlap only, right value
        _mention(doc, "Envoys", None),  # spurious
    ]
    s = ev.score([doc], [system])
    assert (s.gold, s.system) == (3, 4)
    assert s.strict_p == pytest.approx(2 / 4) and s.strict_r == pytest.approx(2 / 3)
    assert s.relaxed_p == pytest.approx(3 / 4) and s.relaxed_r == pytest.approx(1.0)
    assert s.value_accuracy == pytest.approx(2 / 3)
    assert s.value_p == pytest.approx(2 / 4) and s.value_r == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert "value P / R / F1" in s.table()


def test_evaluate_with_a_given_tagger(corpus: Path) -> None:
    def factory() -> ev.Tagger:
        def tag(documents: Sequence[Document]) -> Iterator[Sequence[TimeMention]]:
            for d in documents:
                start = d.text.index("Monday")
                yield [TimeMention("Monday", start, start + 6, 0, "DATE", "2025-04-28")]

        return tag

    s = ev.evaluate_tempeval(corpus, pipeline_factory=factory)
    assert s.documents == 1 and s.value_p == 1.0 and s.value_r == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("199X", "199", True),
        ("1994-XX", "1994", True),
        ("P2DE", "P20Y", True),
        ("1989-11-06T17", "1989-11-06T17:00", True),  # a whole hour, reduced precision
        ("1989-10-27T24", "1989-10-27T24:00", True),
        ("1989-11-06T17", "1989-11-06T17:30", False),
        ("1989-10-27T24:00", "1989-10-27T00:00", False),  # the end of the day is not its start
    ],
)
def test_canonical_value_only_equates_spellings(a: str, b: str, same: bool) -> None:
    assert (ev.canonical_value(a) == ev.canonical_value(b)) is same
