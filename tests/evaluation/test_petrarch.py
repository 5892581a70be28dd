"""PETRARCH-format dictionary reader and unit-record scoring, on lines written here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from detente.errors import ReferenceDataError
from detente.evaluation import petrarch
from detente.evaluation.petr_dict import CodeSpan, parse_actors, parse_agents, parse_code_block
from detente.evaluation.petrarch import (
    UnitRecord,
    actor_entries,
    read_records,
    score,
    split_code,
    surface_forms,
)

ACTORS = """\
<!-- A MADE-UP ACTOR LIST
     spanning lines -->
RURITANIA_  [RUR]   # trailing underscore: whole word
+RURITANIAN
+STREL_SAU
FREEDONIA [FRE]
GRAND DUKE OTTO
\t[RURGOV 19900101-19991231]
\t[RUR <900101]
\t[RURELI >991231]  # after his reign
THE_TWIN_CITIES [RUR/FRE]
NULL_ISLAND [###]
"""

AGENTS = """\
!LADY! = LADY, LADIES
FIRST_!LADY! [~GOV]
SHIP!LADY! [~MIL]
HARBOUR_MASTER [~GOV] # regular plural
CHANCERY {} [~JUD]
GOOSE_WARDEN {GOOSE_WARDENS GEESE_WARDENS} [~AGR]
RELIEF_BODY [NGO~]
"""


def test_actor_lines_synonyms_and_comments() -> None:
    actors = parse_actors(ACTORS, path="made-up.txt")
    by_name = {a.name: a for a in actors}
    assert list(by_name) == [
        "RURITANIA",
        "FREEDONIA",
        "GRAND DUKE OTTO",
        "THE TWIN CITIES",
        "NULL ISLAND",
    ]
    assert by_name["RURITANIA"].phrases == ("RURITANIA", "RURITANIAN", "STREL SAU")
    assert by_name["RURITANIA"].codes == (CodeSpan("RUR"),)
    assert by_name["RURITANIA"].line == 3
    assert by_name["NULL ISLAND"].codes == (CodeSpan("###"),)  # '#' inside brackets is a code


def test_dated_and_multiple_codes() -> None:
    by_name = {a.name: a for a in parse_actors(ACTORS)}
    assert by_name["GRAND DUKE OTTO"].codes == (
        CodeSpan("RURGOV", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        CodeSpan("RUR", None, dt.date(1989, 12, 31)),  # "<" is strictly before
        CodeSpan("RURELI", dt.date(2000, 1, 1), None),  # ">" is strictly after
    )
    assert [c.code for c in by_name["THE TWIN CITIES"].codes] == ["RUR", "FRE"]
    assert parse_code_block("xyz >050101")[0] == CodeSpan("XYZ", dt.date(2005, 1, 2), None)


def test_actor_errors_name_the_line() -> None:
    with pytest.raises(ReferenceDataError, match=r"made-up\.txt:2: actor 'NOWHERE' has no code"):
        parse_actors("FREEDONIA [FRE]\nNOWHERE\nSYLVANIA [SYL]\n", path="made-up.txt")
    with pytest.raises(ReferenceDataError, match=r"x:1: bad code block"):
        parse_actors("FREEDONIA [FRE 1990]\n", path="x")
    with pytest.raises(ReferenceDataError, match=r"x:1: synonym before any actor"):
        parse_actors("+FREEDONIAN\n", path="x")


def test_agents_macros_plurals_and_code_position() -> None:
    agents = {a.name: a for a in parse_agents(AGENTS)}
    assert agents["FIRST !LADY!"].phrases == ("FIRST LADY", "FIRST LADIES")
    assert agents["SHIP!LADY!"].phrases == ("SHIPLADY", "SHIPLADIES")  # glued, as written
    assert agents["HARBOUR MASTER"].phrases == ("HARBOUR MASTER", "HARBOUR MASTERS")
    assert agents["CHANCERY"].phrases == ("CHANCERY",)  # {} = no plural
    assert agents["GOOSE WARDEN"].phrases == ("GOOSE WARDEN", "GOOSE WARDENS", "GEESE WARDENS")
    assert agents["HARBOUR MASTER"].code == "GOV" and agents["HARBOUR MASTER"].country_first
    assert agents["RELIEF BODY"].code == "NGO" and not agents["RELIEF BODY"].country_first
    with pytest.raises(ReferenceDataError, match=r"a:1: agent code 'GOV' needs one '~'"):
        parse_agents("CLERK [GOV]\n", path="a")


def test_code_split_and_surface_forms() -> None:
    assert split_code("RURGOV") == ("RUR", "GOV")
    assert split_code("rur") == ("RUR", None)
    assert split_code("IGOUNO") == (None, "IGO")
    assert split_code("---GOV") == (None, "GOV")
    assert surface_forms("GRAND DUKE OF STREL") == ("Grand Duke of Strel",)
    assert surface_forms("THE TWIN CITIES") == ("The Twin Cities", "the Twin Cities")
    assert surface_forms("U.N.") == ("U.n.", "U.N.")
    assert surface_forms("AL-FOO") == ("Al-Foo",)


def test_demonyms_become_their_own_entry() -> None:
    fake = SimpleNamespace(ActorEntry=lambda *a, **k: (a, k))
    actors = [a for a in parse_actors(ACTORS) if a.name == "RURITANIA"]
    (names, n_kw), (demonyms, d_kw) = actor_entries(fake, actors)
    assert names[4] == ("Ruritania", "Strel Sau") and n_kw["form"] is None
    assert demonyms[4] == ("Ruritanian",) and d_kw["form"] == "demonym"
    assert petrarch.is_demonym("SYLVANIAN") and petrarch.is_demonym("FREEDONISH")
    assert not petrarch.is_demonym("STREL SAU") and not petrarch.is_demonym("OTTO")


def test_agents_become_sector_words_the_grammar_lacks() -> None:
    fake = SimpleNamespace(SectorWord=lambda text, sector, title: (text, sector, title))
    agents = parse_agents(AGENTS)
    words = petrarch.agent_words(
        fake, agents, known=["Harbour Master"], roles=frozenset({"GOV", "JUD", "NGO"})
    )
    texts = [w[0] for w in words]
    assert "harbour master" not in texts and "harbour masters" in texts  # known: not replaced
    assert ("chancery", "JUD", False) in words
    assert not any(t.startswith("goose") for t in texts)  # AGR is not a role here
    assert not any(t.startswith("relief") for t in texts)  # NGO~ puts the code first


def test_actor_entries_one_per_code_with_dates() -> None:
    fake = SimpleNamespace(ActorEntry=lambda *a, **k: (a, k))
    actors = [a for a in parse_actors(ACTORS) if a.name == "GRAND DUKE OTTO"]
    entries = actor_entries(fake, actors)
    assert len(entries) == 3
    args, kwargs = entries[0]
    assert args == ("Grand Duke Otto", "RURGOV", "RUR", "GOV", ("Grand Duke Otto",))
    assert kwargs["start"] == dt.date(1990, 1, 1) and kwargs["end"] == dt.date(1999, 12, 31)


RECORDS_XML = """\
<Validation><Sentences>
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="RUR" targetcode="FRE" eventcode="042"></EventCoding>
<EventCoding sourcecode="FRE" targetcode="RUR" eventcode="043"></EventCoding>
<Text>
Ruritania's envoy visited
Freedonia.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="19950101" id="T-01" category="NONE" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="19950101" id="T-03" category="ERROR" sentence="true">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>Broken tree.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_read_records(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(RECORDS_XML, encoding="utf-8")
    recs = read_records(path)
    assert [r.id for r in recs] == ["T-01", "T-01~2", "T-03"]  # repeated id made unique
    assert recs[0].text == "Ruritania's envoy visited Freedonia."
    assert recs[0].date == dt.date(1995, 1, 1)
    assert recs[0].expected == (("RUR", "FRE", "042"), ("FRE", "RUR", "043"))
    assert recs[1].expected == () and recs[1].error is None
    assert recs[2].error == "bad_input_parse"


def _rec(rid: str, cat: str, *expected: tuple[str, str, str]) -> UnitRecord:
    return UnitRecord(rid, cat, None, "text", tuple(expected))


def test_pass_rate_and_triples_at_root_and_full_level() -> None:
    records = [
        _rec("a", "VISIT", ("RUR", "FRE", "042"), ("FRE", "RUR", "043")),
        _rec("b", "VISIT", ("RUR", "FRE", "042")),
        _rec("c", "NONE"),
        _rec("d", "NONE"),
        _rec("e", "FAKE", ("RUR", "FRE", "903")),
    ]
    predicted = {
        # right roots, one full code wrong (044 for 043): passes at root level
        "a": [("RUR", "FRE", "042"), ("FRE", "RUR", "044")],
        # an extra event makes the set differ: fails
        "b": [("RUR", "FRE", "042"), ("FRE", "RUR", "112")],
        "c": [],
        "d": [("RURGOV", "FRE", "010")],
    }
    result = score(records, predicted)
    m, c = result.metrics, result.counts
    assert c["passed"] == 2 and m["pass_rate"] == pytest.approx(2 / 5)
    assert c["records_cameo_codes"] == 4 and m["pass_rate_cameo_codes"] == pytest.approx(2 / 4)
    assert m["no_event_records_silent"] == 0.5
    # root: gold 4 triples, emitted 5, matched 3
    assert m["triple_root_precision"] == pytest.approx(3 / 5)
    assert m["triple_root_recall"] == pytest.approx(3 / 4)
    # full codes: 044 != 043, so matched 2
    assert m["triple_full_precision"] == pytest.approx(2 / 5)
    assert m["triple_full_recall"] == pytest.approx(2 / 4)
    rows = {r["category"]: r for r in result.rows}
    assert rows["VISIT"]["passed"] == 1 and rows["VISIT"]["pass_rate"] == 0.5
    assert rows["NONE"]["records"] == 2 and rows["NONE"]["emitted_events"] == 1


def test_country_level_ignores_sector() -> None:
    records = [_rec("a", "AGENT", ("RURGOV", "FRE", "042"))]
    result = score(records, {"a": [("RUR", "FREMIL", "042")]})
    assert result.metrics["pass_rate"] == 0.0
    assert result.metrics["triple_country_root_f1"] == 1.0


def test_run_skips_without_the_files(tmp_path: Path) -> None:
    (tmp_path / "petrarch2_unittest").mkdir()
    (tmp_path / "petrarch2_unittest" / "PETR.UnitTest.records.xml").write_text("<x/>")
    result = petrarch.run(tmp_path, pipeline=None)  # type: ignore[arg-type]
    assert result.skipped is not None
    assert "PETR.Validate.actors.txt" in result.skipped
    assert "PETR.UnitTest.records.xml" not in result.skipped
