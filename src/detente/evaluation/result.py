"""The result of one evaluation set, and how it renders.

One plain object per set lets the CLI print tables, the docs record numbers as
JSON, and the tests assert on metrics, all from the same values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Scores of one evaluation set.

    ``metrics`` are ratios (0..1, or a plain ratio such as emitted/gold events);
    ``counts`` are integers (records, events, failures); ``rows`` hold one mapping
    per category (event type, test category ...) whose keys are ``columns``.
    A set whose data is absent is ``skipped`` with the reason, not failed.
    """

    name: str
    metrics: Mapping[str, float] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    rows: Sequence[Mapping[str, Any]] = ()
    columns: Sequence[str] = ()
    skipped: str | None = None
    notes: Sequence[str] = ()

    @classmethod
    def skip(cls, name: str, reason: str) -> EvalResult:
        return cls(name=name, skipped=reason)

    @property
    def ok(self) -> bool:
        return self.skipped is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for ``--json`` output and recorded results."""
        return {
            "name": self.name,
            "skipped": self.skipped,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "counts": dict(self.counts),
            "rows": [
                {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()} for row in self.rows
            ],
            "notes": list(self.notes),
        }

    def table(self) -> Table:
        """Headline metrics and counts in one two-column table."""
        table = Table(title=f"{self.name}", title_justify="left", show_header=True)
        table.add_column("measure")
        if self.skipped is not None:
            table.add_column("value")
            table.add_row("skipped", self.skipped)
            return table
        table.add_column("value", justify="right")
        for key, value in self.metrics.items():
            table.add_row(key, _fmt(value))
        if self.metrics and self.counts:
            table.add_section()
        for key, count in self.counts.items():
            table.add_row(key, str(count))
        return table

    def category_table(self) -> Table | None:
        """Per-category rows, or ``None`` when the set has none."""
        if not self.rows:
            return None
        columns = list(self.columns) or list(self.rows[0])
        table = Table(title=f"{self.name}: by category", title_justify="left")
        for i, col in enumerate(columns):
            table.add_column(col, justify="left" if i == 0 else "right")
        for row in self.rows:
            table.add_row(*(_fmt(row.get(col, "")) for col in columns))
        return table

    def __rich__(self) -> RenderableType:
        parts: list[RenderableType] = [self.table()]
        cats = self.category_table()
        if cats is not None:
            parts.append(cats)
        parts.extend(Text(f"note: {note}", style="dim") for note in self.notes)
        return Group(*parts)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if value is None:
        return "-"
    return str(value)
