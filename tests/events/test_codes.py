"""The CAMEO code table: completeness, DESIGN.md root values, schema check."""

from __future__ import annotations

import pytest

from detente import events
from detente.errors import ReferenceDataError
from detente.events.codes import expected_quad, parse_code_table

# DESIGN.md, "Reference: CAMEO roots, QuadClass, Goldstein".
DESIGN_ROOTS = {
    "01": (1, 0.0), "02": (1, 3.0), "03": (1, 4.0), "04": (1, 1.0), "05": (1, 3.5),
    "06": (2, 6.0), "07": (2, 7.0), "08": (2, 5.0), "09": (3, -2.0), "10": (3, -5.0),
    "11": (3, -2.0), "12": (3, -4.0), "13": (3, -6.0), "14": (4, -6.5), "15": (4, -7.2),
    "16": (4, -4.0), "17": (4, -7.0), "18": (4, -9.0), "19": (4, -10.0), "20": (4, -10.0),
}  # fmt: skip


@pytest.fixture(scope="module")
def lexicon() -> events.EventLexicon:
    return events.load(events.EventsConfig())


def test_every_root_present_with_design_values(lexicon: events.EventLexicon) -> None:
    for root, (quad, gold) in DESIGN_ROOTS.items():
        info = lexicon.code_info(root)
        assert (info.quad_class, info.goldstein) == (quad, gold), root


def test_leaf_values_from_the_codebook(lexicon: events.EventLexicon) -> None:
    assert lexicon.code_info("057").goldstein == 8.0
    assert lexicon.code_info("183").goldstein == -10.0
    assert lexicon.code_info("040").plover == "CONSULT"
    assert lexicon.code_info("042").plover_mode == "visit"
    assert lexicon.code_info("163").plover == "COERCE"
    assert lexicon.code_info("190").plover == "ASSAULT"
    assert lexicon.code_info("010").plover is None  # PLOVER has no public-statement type


def test_news_leaves_present(lexicon: events.EventLexicon) -> None:
    wanted = ["036", "042", "046", "051", "057", "061", "073", "0841", "090", "112", "120",
              "138", "141", "154", "161", "163", "166", "173", "174", "181", "186", "190",
              "193", "194", "195", "202", "204"]  # fmt: skip
    for code in wanted:
        assert lexicon.code_info(code).code == code


def test_every_code_has_consistent_quad_and_known_plover(lexicon: events.EventLexicon) -> None:
    for code, info in lexicon.codes.items():
        assert info.quad_class == expected_quad(code)
        assert -10.0 <= info.goldstein <= 10.0
        assert info.root == code[:2]


def test_unknown_leaf_falls_back_to_parent(lexicon: events.EventLexicon) -> None:
    info = lexicon.code_info("0213")
    assert info.code == "0213" and info.plover == "REQUEST"
    with pytest.raises(KeyError):
        lexicon.code_info("99")


HEADER = "# comment\ncode,name,quad_class,goldstein,plover,plover_mode\n01,Make public statement,1,0.0,,\n"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("010,Make statement,2,0.0,,", "quad_class"),
        ("010,Make statement,1,zero,,", "numbers"),
        ("0x0,Make statement,1,0.0,,", "bad CAMEO code"),
        ("010,Make statement,1,0.0,NOPE,", "unknown PLOVER"),
        ("010,Make statement,1,0.0", "columns"),
        ("040,Consult,1,1.0,CONSULT,", "before its root"),
        ("01,Again,1,0.0,,", "duplicate"),
        ("010,Make statement,1,-11.0,,", "outside"),
    ],
)
def test_bad_code_table_reports_file_and_line(row: str, problem: str) -> None:
    with pytest.raises(ReferenceDataError) as err:
        parse_code_table(HEADER + row + "\n", path="codes.csv")
    assert "codes.csv:4:" in str(err.value)
    assert problem in str(err.value)
