"""Quality of cross-article deduplication on the project's own test set.

    python bench/dedup_quality.py [--db /tmp/detente-dedup.duckdb] [--days 1] [--km 300]

Ingests the bundled sample corpus and the re-reports of ``tests/fixtures/dedup``
into a fresh store, matches the stored mentions to the gold mentions of
``clusters.yaml`` (same document, sentence, pair and root), and prints the
events before and after deduplication, pairwise merge precision, recall and F1
over the matched mentions, whether the ``distinct`` pairs stayed apart and
whether the near-duplicate documents were linked.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from detente.store import Store
from detente.store.dedup import DedupConfig, pairwise_scores

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "dedup"


def _matches(mention: dict[str, Any], cluster: dict[str, Any], gold: dict[str, Any]) -> bool:
    if mention["doc_id"] != gold["doc_id"] or gold["sentence_contains"] not in mention["evidence"]:
        return False
    roots = {cluster["cameo_root"], *cluster.get("also_roots", [])}
    if mention["cameo_root"] not in roots:
        return False
    pair = (cluster["source_country"], cluster["target_country"])
    got = (mention["source_country"], mention["target_country"])

    # An unknown side (None) is allowed, as the merge rule allows it.
    def agree(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
        return all(x is None or x == y for x, y in zip(a, b, strict=True)) and any(x is not None for x in a)

    return agree(got, pair) or (bool(cluster.get("symmetric")) and agree(got, pair[::-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/detente-dedup.duckdb"))
    parser.add_argument("--days", type=int, default=DedupConfig().date_tolerance_days)
    parser.add_argument("--km", type=float, default=DedupConfig().max_km)
    args = parser.parse_args(argv)
    for suffix in ("", ".wal"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    gold = yaml.safe_load((FIXTURES / "clusters.yaml").read_text(encoding="utf-8"))
    corpus = files("detente").joinpath("data/sample/corpus.jsonl")
    config = DedupConfig(date_tolerance_days=args.days, max_km=args.km)
    with Store(args.db, dedup=config) as store:
        report = store.ingest([str(corpus), str(FIXTURES / "reports.jsonl")])
        counts = store.counts()
        mentions = (
            store.con.execute(
                "SELECT id, doc_id, evidence, cameo_root, source_country, target_country, event_id "
                "FROM mentions"
            )
            .df()
            .to_dict(orient="records")
        )
        links = dict(store.con.execute("SELECT id, duplicate_of FROM documents").fetchall())
        facts = store.con.execute("SELECT count(*) FROM events WHERE NOT (negated OR hypothetical OR future)")
        fact_events = int(facts.fetchone()[0])  # type: ignore[index]
    # Each stored mention is matched to at most one gold cluster (the first that fits).
    gold_of: dict[str, str] = {}
    for cluster in gold["clusters"]:
        for g in cluster["mentions"]:
            for m in mentions:
                if m["id"] not in gold_of and _matches(m, cluster, g):
                    gold_of[m["id"]] = cluster["id"]
    by_event: dict[str, list[str]] = defaultdict(list)
    by_cluster: dict[str, list[str]] = defaultdict(list)
    event_of = {m["id"]: m["event_id"] for m in mentions}
    for mid, cid in gold_of.items():
        by_event[event_of[mid]].append(mid)
        by_cluster[cid].append(mid)
    precision, recall, f1 = pairwise_scores(list(by_event.values()), list(by_cluster.values()))
    events_of_cluster = {cid: {event_of[m] for m in ms} for cid, ms in by_cluster.items()}
    distinct = gold.get("distinct", [])
    apart = sum(
        1
        for a, b in distinct
        if a in events_of_cluster
        and b in events_of_cluster
        and not events_of_cluster[a] & events_of_cluster[b]
    )
    judged = sum(1 for a, b in distinct if a in events_of_cluster and b in events_of_cluster)
    copies = gold.get("near_duplicates", [])
    # Either direction counts: with the same publication day, which one is "the original" is not knowable.
    linked = sum(
        1 for copy, original in copies if original in (links.get(copy),) or links.get(original) == copy
    )
    table = Table(title="deduplication on tests/fixtures/dedup (sample corpus + re-reports)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in (
        ("documents", f"{counts['documents']} ({report.read} read, {len(report.rejected)} rejected)"),
        ("mentions (events before deduplication)", str(counts["mentions"])),
        ("events after deduplication", str(counts["events"])),
        ("  of which facts (not negated, hypothetical, future)", str(fact_events)),
        (
            "gold mentions matched to stored mentions",
            f"{len(gold_of)} / {sum(len(c['mentions']) for c in gold['clusters'])}",
        ),
        ("gold clusters with a matched mention", f"{len(by_cluster)} / {len(gold['clusters'])}"),
        ("pairwise merge precision", f"{precision:.3f}"),
        ("pairwise merge recall", f"{recall:.3f}"),
        ("pairwise merge F1", f"{f1:.3f}"),
        ("distinct pairs kept apart", f"{apart} / {judged} judged ({len(distinct)} listed)"),
        ("near-duplicate documents linked", f"{linked} / {len(copies)}"),
    ):
        table.add_row(name, value)
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
