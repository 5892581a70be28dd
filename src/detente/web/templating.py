"""The Jinja2 environment of the dashboard: packaged templates, autoescaping, URL helpers.

Autoescaping is on for every template, so text from the store (titles,
evidence sentences, names) is always escaped; the only markup inserted
unescaped is the SVG that :mod:`detente.timeline.svg` and
:mod:`detente.web.geo` build, which escape every value themselves.  Every
page is sent with a Content-Security-Policy that allows nothing but this
server (``'self'``): no inline script, no CDN, no third-party request.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader
from starlette.responses import HTMLResponse

from detente.web.names import Names

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def seg(value: Any) -> str:
    """A value as one URL path segment (ids may hold ``/``, ``#`` or spaces)."""
    return quote(str(value), safe="")


def signed(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):+.{digits}f}"


def number(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):.{digits}f}"


def http_url(value: Any) -> str:
    """A link target only if it is an http(s) URL: a stored ``javascript:`` URL must never become a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def query(params: Mapping[str, Any]) -> str:
    items = {k: v for k, v in params.items() if v not in (None, "")}
    return f"?{urlencode(items)}" if items else ""


def build_environment(names: Names) -> Environment:
    env = Environment(
        loader=PackageLoader("detente.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(seg=seg, signed=signed, number=number, query=query, http_url=http_url)
    env.globals.update(
        names=names,
        pair_url=lambda a, b: f"/pair/{seg(a)}/{seg(b)}",
        event_url=lambda i: f"/event/{seg(i)}",
        actor_url=lambda c: f"/actor/{seg(c)}",
        document_url=lambda i: f"/document/{seg(i)}",
    )
    return env


def render(env: Environment, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)
