"""Scale-out: the same pipeline on Apache Spark (``detente spark``; needs ``detente[spark]``).

:mod:`.records` is what a task does (plain Python, testable without a JVM),
:mod:`.schema` the Parquet column types (the store's), :mod:`.spark` the job and
:mod:`.cli` the command.  Nothing here imports pyspark until a job is started.
"""

from __future__ import annotations

__all__: list[str] = []
