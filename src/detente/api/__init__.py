"""The HTTP API: detente's store over REST, for dashboards and other programs.

``create_app(db_path, settings=ApiSettings(token=...))`` returns a FastAPI app;
``detente serve`` (:mod:`detente.api.cli`) runs it with uvicorn.  See
:mod:`detente.api.app` for the one-writer rule and the error shape.
"""

from __future__ import annotations

from detente.api.app import create_app
from detente.api.settings import API_PREFIX, ApiSettings, WatchSpec

__all__ = ["API_PREFIX", "ApiSettings", "WatchSpec", "create_app"]
