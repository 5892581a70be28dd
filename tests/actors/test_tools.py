"""The curator's tools: ``detente actors lookup`` and the unknown-names report."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from detente.actors import ActorLexicon
from detente.actors.cli import app
from detente.actors.tools import lookup_rows, unknown_names
from detente.model import Document
from detente.nlp import NlpConfig


def test_lookup_rows_mark_the_role_held_on_the_date(lexicon: ActorLexicon) -> None:
    rows = lookup_rows(lexicon, "Pezeshkian", on=dt.date(2003, 6, 1))
    chosen = [r for r in rows if r.chosen]
    assert len(chosen) == 1 and chosen[0].office == "Minister of Health"
    assert {r.office for r in rows} >= {"Minister of Health", "President"}
    assert all(r.origin.startswith("detente/actors/data/office_holders.v1.yaml:") for r in rows)
    assert lookup_rows(lexicon, "IRNMIL")[0].code == "IRNMIL"
    assert lookup_rows(lexicon, "Nobody In Particular") == []


def test_lookup_command() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["lookup", "Aliyev", "--date", "2000-01-01"])
    assert result.exit_code == 0, result.output
    assert "Heydar Aliyev" in result.output and "AZEGOV" in result.output
    assert runner.invoke(app, ["lookup", "Nobody In Particular"]).exit_code == 1
    bad = runner.invoke(app, ["lookup", "Iran", "--date", "May 2003"])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output


def test_unknown_names_counts_uncovered_people_and_organisations(language, lexicon: ActorLexicon) -> None:  # type: ignore[no-untyped-def]
    docs = [
        Document(
            "a", "Wolfgang Schmidt met Iranian officials in Baku. Schmidt said little.", dt.date(2025, 5, 1)
        ),
        Document("b", "Wolfgang Schmidt also called Ilham Aliyev.", dt.date(2025, 5, 1)),
    ]
    names = unknown_names(docs, lexicon=lexicon, language=language, nlp_config=NlpConfig(), limit=5)
    top = names[0]
    assert (top.text, top.label, top.count, top.doc_id) == ("Wolfgang Schmidt", "PERSON", 2, "a")
    assert top.example.startswith("Wolfgang Schmidt met")
    assert not any("Aliyev" in n.text for n in names)  # a known office holder
