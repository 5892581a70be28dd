"""Thin adapters to evaluations that live with their own stage.

TempEval-3 scoring belongs to the time stage (``detente.time.evaluate``) and
geoparsing scoring to the places stage (``detente.places.evaluate``): the people
who know the stage write its scorer.  These adapters only find the function, pass
it what it declares it accepts, and turn its answer into an :class:`EvalResult`;
when the function does not exist yet, the set is skipped with the reason.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evaluation.result import EvalResult
from detente.model import Analysis, Document, Rejected, TimeMention

if TYPE_CHECKING:
    from detente.pipeline import Pipeline


def _find(module_name: str, names: tuple[str, ...]) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    for name in names:
        fn = getattr(module, name, None)
        if callable(fn):
            return fn
    return None


def _call(fn: Callable[..., Any], folder: Path, available: Mapping[str, Any]) -> Any:
    """Call ``fn(folder, **kwargs)`` with only the keyword arguments it declares."""
    params = inspect.signature(fn).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    kwargs = {k: v for k, v in available.items() if takes_any or k in params}
    return fn(folder, **kwargs)


def as_result(name: str, value: Any) -> EvalResult:
    """Accept what a stage's scorer returns: an :class:`EvalResult`, an object with
    ``to_eval_result()``, or a mapping or dataclass of metric -> number (floats become
    metrics, ints counts, anything else is left out)."""
    if isinstance(value, EvalResult):
        return value
    convert = getattr(value, "to_eval_result", None)
    if callable(convert):
        out = convert()
        if isinstance(out, EvalResult):
            return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        metrics = {k: float(v) for k, v in value.items() if isinstance(v, float)}
        counts = {k: int(v) for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool)}
        return EvalResult(name=name, metrics=metrics, counts=counts)
    raise TypeError(f"{name}: scorer returned {type(value).__name__}, not a result")


def _adapter(name: str, module: str, functions: tuple[str, ...], folder: str) -> Callable[..., EvalResult]:
    def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
        path = data_dir / folder
        if not path.exists():
            return EvalResult.skip(name, f"folder not found: {path}")
        fn = _find(module, functions)
        if fn is None:
            wanted = " or ".join(f"{module}.{f}" for f in functions)
            return EvalResult.skip(name, f"{wanted} does not exist yet")
        result = _call(fn, path, {"pipeline": pipeline, "limit": limit})
        return as_result(name, result)

    run.__doc__ = f"{name}: delegated to {module} ({', '.join(functions)})."
    return run


def stages_tagger(
    pipeline: Pipeline, *, through: str = "time"
) -> Callable[[Sequence[Document]], Iterator[Sequence[TimeMention]]]:
    """A TempEval tagger made of the given pipeline's own stages, NLP up to
    ``through``: the loaded model and resources are reused, and what is scored is
    exactly what the pipeline would produce."""
    stages = []
    for stage in pipeline.stages:
        stages.append(stage)
        if stage.name == through:
            break

    def tag(documents: Sequence[Document]) -> Iterator[Sequence[TimeMention]]:
        for parsed in pipeline.parse(documents):
            if isinstance(parsed, Rejected):  # spaCy failed on it: no expressions
                yield ()
                continue
            item = Analysis(parsed=parsed)
            for stage in stages:
                (item,) = stage.run(
                    (item,),
                    config=getattr(pipeline.config, stage.config),
                    resources=pipeline.resources[stage.name],
                )
            yield item.times

    return tag


def run_tempeval3(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    """TempEval-3 (TimeBank + AQUAINT), scored by ``detente.time.evaluate.evaluate_tempeval``
    with a tagger built from this pipeline's stages."""
    name, folder = "tempeval3", data_dir / "tempeval3" / "TBAQ-cleaned"
    if not folder.exists():
        return EvalResult.skip(name, f"folder not found: {folder}")
    fn = _find("detente.time.evaluate", ("evaluate_tempeval",))
    if fn is None:
        return EvalResult.skip(name, "detente.time.evaluate.evaluate_tempeval does not exist yet")
    available: dict[str, Any] = {"limit": limit, "pipeline": pipeline}
    if "pipeline_factory" in inspect.signature(fn).parameters:
        available["pipeline_factory"] = lambda: stages_tagger(pipeline)
    return as_result(name, _call(fn, folder, available))


_generic_geoparsing = _adapter(
    "geoparsing", "detente.places.evaluate", ("evaluate_geoparsing",), "geoparsing"
)


def run_geoparsing(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    """Geoparsing on LGL, GeoVirus and TR-News, scored by ``detente.places.evaluate``.

    That module scores a list of articles per corpus (``read_corpus`` then
    ``evaluate(articles, gaz=..., config=...)``, one score per system: detente and the
    spaCy+gazetteer baseline); this adapter only loops over the corpora and gathers
    the rows.  A one-call ``evaluate_geoparsing(folder, ...)`` is used instead if the
    module grows one.
    """
    name, folder = "geoparsing", data_dir / "geoparsing"
    if not folder.exists():
        return EvalResult.skip(name, f"folder not found: {folder}")
    try:
        from detente.places import evaluate as pe
    except ImportError as exc:
        return EvalResult.skip(name, f"detente.places.evaluate cannot be imported: {exc}")
    if callable(getattr(pe, "evaluate_geoparsing", None)):
        return _generic_geoparsing(data_dir, pipeline=pipeline, limit=limit)
    needed = ("SETS", "read_corpus", "evaluate")
    if not all(hasattr(pe, n) for n in needed):
        return EvalResult.skip(name, f"detente.places.evaluate lacks {', '.join(needed)}")
    from detente import places

    config = pipeline.config.places
    gaz = pipeline.resources.get("places")
    if gaz is None:
        gaz = places.load(config)
    rows: list[dict[str, Any]] = []
    metrics: dict[str, float] = {}
    counts: dict[str, int] = {}
    for corpus, filename in pe.SETS.items():
        path = folder / filename
        if not path.is_file():
            continue
        articles = list(pe.read_corpus(path))[:limit]
        counts[f"{corpus}_articles"] = len(articles)
        for system, scored in pe.evaluate(articles, gaz=gaz, config=config).items():
            row = {k: float(v) for k, v in scored.row().items()}
            rows.append({"corpus": corpus, "system": system, "gold": scored.gold, **row})
            if system == "detente":
                for key in ("F1", "acc@161", "e2e@161", "country"):
                    if key in row:
                        metrics[f"{corpus}_{key}"] = row[key]
    if not rows:
        return EvalResult.skip(name, f"no corpus file of {', '.join(pe.SETS.values())} in {folder}")
    return EvalResult(
        name=name,
        metrics=metrics,
        counts=counts,
        rows=rows,
        columns=list(rows[0]),
        notes=("rows from detente.places.evaluate; baseline = spaCy GPE/LOC/FAC + most populous match",),
    )
