"""The dashboard's pages: overview, pair, event, actor, document and the submission form.

Pages are rendered on the server (Jinja2) from the same store view the API
reads (``ApiState.reader()``), so they need no JavaScript except the
submission form, which calls ``POST /api/v1/documents`` with the token.
Unknown ids and actors are HTML 404 pages, bad filters HTML 400 pages: the
JSON error shape is for the API, not for people.  Static assets are the two
files in ``static/``, read once when the router is built and served from
memory with an allowlist (no path from a URL ever reaches the file system).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from jinja2 import Environment

from detente.api.app import state_of
from detente.api.convert import records
from detente.errors import DetenteError
from detente.web import queries
from detente.web.geo import render_map
from detente.web.highlight import KINDS
from detente.web.names import MODALITIES, load_names
from detente.web.spark import sparkline_svg
from detente.web.templating import build_environment, render, seg

STATIC = {"dashboard.css": "text/css; charset=utf-8", "dashboard.js": "text/javascript; charset=utf-8"}
DEFAULT_BY = "quarter"
CODE = re.compile(r"[A-Z]{3,}")  # an ISO3 country or an actor code, as the store parses them


def _static() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("detente.web").joinpath("static")
    return {name: (folder.joinpath(name).read_bytes(), kind) for name, kind in STATIC.items()}


def _code(state: Any, text: str) -> str | None:
    """What a typed name stands for as an actor code (``Iran`` -> ``IRN``); codes stay as they are."""
    from detente.actors.tools import lookup_rows

    if CODE.fullmatch(text):
        return text
    chosen = next((r for r in lookup_rows(state.lexicon(), text) if r.chosen), None)
    return chosen.code if chosen else None


def _error(env: Environment, status: int, heading: str, message: str) -> Response:
    return render(env, "error.html", status=status, page="error", heading=heading, message=message)


def build_router() -> APIRouter:
    """The dashboard's routes; mount with ``app.include_router(build_router())``."""
    from detente import __version__
    from detente.timeline import render_svg

    names = load_names()
    env = build_environment(names)
    env.globals.update(version=__version__, spark=sparkline_svg)
    assets = _static()
    router = APIRouter(include_in_schema=False)

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in assets:
            return Response("not found", status_code=404, media_type="text/plain")
        body, kind = assets[name]
        return Response(body, media_type=kind, headers={"Cache-Control": "public, max-age=300"})

    @router.get("/")
    def overview(request: Request) -> Response:
        with state_of(request).reader() as store:
            data = queries.overview(store, by=DEFAULT_BY)
        return render(env, "overview.html", page="overview", **data)

    @router.get("/pair")
    def pick_pair(request: Request, a: str = "", b: str = "") -> Response:
        a, b = a.strip(), b.strip()
        if not a or not b:
            return _error(
                env, 400, "Two countries needed", "Give two countries (ISO3 codes such as AZE and IRN)."
            )
        state = state_of(request)
        a, b = (_code(state, a) or a), (_code(state, b) or b)
        return RedirectResponse(f"/pair/{seg(a)}/{seg(b)}", status_code=303)

    @router.get("/pair/{a}/{b}")
    def pair(
        request: Request,
        a: str,
        b: str,
        by: str = DEFAULT_BY,
        type: str = "",
        quad: str = "",
        modality: str = "",
        place: str = "",
        page: str = "1",
    ) -> Response:
        if by not in queries.BY:
            return _error(env, 400, "Bad period", f"period must be one of {', '.join(queries.BY)}")
        try:
            query = queries.parse_query(type, quad, modality, place, page)
        except ValueError as exc:
            return _error(env, 400, "Bad filter", str(exc))
        try:
            with state_of(request).reader() as store:
                data = queries.pair(store, a, b, by=by, query=query)
        except DetenteError as exc:
            status = 404 if exc.code == "E108" else 400
            return _error(env, status, "Cannot show this pair", str(exc.args[0]))
        return render(env, "pair.html", page="pair", **_pair_context(a, b, by, query, data, render_svg))

    @router.get("/event/{event_id:path}")
    def event(request: Request, event_id: str) -> Response:
        with state_of(request).reader() as store:
            data = queries.event(store, event_id)
        if data is None:
            return _error(env, 404, "No such event", f"There is no event {event_id!r} in this store.")
        return render(env, "event.html", page="event", kinds=KINDS, **data)

    @router.get("/actor/{code}")
    def actor(request: Request, code: str) -> Response:
        from detente.actors.tools import lookup_rows

        state = state_of(request)
        rows = [asdict(r) for r in lookup_rows(state.lexicon(), code)]
        chosen = next((r for r in rows if r["chosen"]), None)
        if not CODE.fullmatch(code) and chosen is None:
            return _error(env, 404, "Unknown actor", f"No actor is called {code!r}.")
        try:
            with state.reader() as store:
                # A name is queried by the code it resolves to, as `detente events --actor NAME` does.
                data = queries.actor(store, chosen["code"] if chosen else code, lookup=rows)
        except DetenteError as exc:
            return _error(env, 404 if exc.code == "E108" else 400, "Unknown actor", str(exc.args[0]))
        if chosen is None:
            display = names.actor(code)
        elif chosen["sector"] and chosen["country"]:
            display = names.actor(chosen["code"])  # AZEGOV: "Azerbaijan government"
        else:
            display = chosen["name"]
        shown = chosen["code"] if chosen else code
        return render(env, "actor.html", page="actor", code=shown, display=display, **data)

    @router.get("/document/{doc_id:path}")
    def document(request: Request, doc_id: str) -> Response:
        with state_of(request).reader() as store:
            data = queries.document(store, doc_id)
        if data is None:
            return _error(env, 404, "No such document", f"There is no document {doc_id!r} in this store.")
        return render(env, "document.html", page="document", **data)

    @router.get("/submit")
    def submit(request: Request) -> Response:
        now = dt.datetime.now(dt.UTC)
        return render(
            env,
            "submit.html",
            page="submit",
            default_id=f"web-{now:%Y%m%d-%H%M%S}",
            today=now.date().isoformat(),
        )

    return router


def _pair_context(
    a: str, b: str, by: str, query: queries.EventQuery, data: dict[str, Any], svg: Any
) -> dict[str, Any]:
    from detente.web.names import country_name

    frame = data["frame"]
    title = f"{country_name(a) if len(a) == 3 else a} – {country_name(b) if len(b) == 3 else b}"
    chart = svg(
        frame, data["points"], a=a, b=b, quads=True, title=f"{title}: cooperation–conflict index by {by}"
    )
    link = lambda p: f"/pair/{seg(a)}/{seg(b)}?{_qs(query, by, place=p.name)}#events"  # noqa: E731
    places = data["places"]
    periods = records(frame) if len(frame) else []
    return {
        **{k: v for k, v in data.items() if k not in ("frame", "points")},
        "a": a,
        "b": b,
        "by": by,
        "default_by": DEFAULT_BY,
        "granularities": queries.BY,
        "query": query,
        "filtered": bool(query.type or query.quad or query.modality or query.place),
        "modalities": MODALITIES,
        "chart": chart,
        "map": render_map(places, title=f"Where the {a} – {b} events happened", link=link) if places else "",
        "periods": periods,
        "frame_len": len(frame),
        "facts_total": int(frame["events"].sum()) if len(frame) else 0,
        "first": periods[0]["period_label"] if periods else "",
        "last": periods[-1]["period_label"] if periods else "",
    }


def _qs(query: queries.EventQuery, by: str, **changes: Any) -> str:
    from urllib.parse import urlencode

    params = query.params(page=None, **changes)
    if by != DEFAULT_BY:
        params["by"] = by
    return urlencode(params)
