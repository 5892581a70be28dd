"""Evaluation sets: run the pipeline on annotated data and score what it emits.

``run_evaluation(names, data_dir=..., pipeline=...)`` runs the sets listed in
:data:`REGISTRY` and returns one :class:`EvalResult` per set; sets whose data is
absent are skipped, not failed.  ``python -m detente.evaluation`` prints them.
"""

from __future__ import annotations

from detente.evaluation.registry import DEFAULT_DATA_DIR, REGISTRY, run_evaluation
from detente.evaluation.result import EvalResult

__all__ = ["DEFAULT_DATA_DIR", "REGISTRY", "EvalResult", "run_evaluation"]
