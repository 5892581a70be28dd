"""The dashboard: server-rendered pages over the store, served by the API's process.

``detente serve`` and ``detente demo --serve`` mount :func:`build_router` on the
API app (:func:`detente.api.create_app`), so the pages read the store the
server owns.  Every asset (templates, CSS, JavaScript) is in this package;
nothing is fetched at run time.  Pages: ``/`` (overview), ``/pair/A/B``,
``/event/ID``, ``/actor/CODE``, ``/document/ID`` and ``/submit``.
"""

from __future__ import annotations

from detente.web.routes import build_router

__all__ = ["build_router"]
