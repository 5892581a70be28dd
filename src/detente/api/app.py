"""The FastAPI app factory: guards (token, body size, CORS) and one error shape.

No global state: :func:`create_app` opens the store and keeps everything on
``app.state.detente`` (:class:`~detente.api.state.ApiState`).  One DuckDB file
has one writer process, so this app is the owner of its store while it runs:
it opens one read-write :class:`~detente.store.Store`, serialises writes with a
lock, and reads on per-request cursors (see :mod:`detente.api.state`).

Every error is ``{"error": {"code": "E...", "message": "..."}}``: detente's
own errors (:class:`~detente.errors.DetenteError`) keep their code and map to
400, unknown ids to 404 (E601), auth failures to 401/403 (E602/E603), bodies
over the limit to 413 (E604), invalid parameters to 400 (E605).
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.api.settings import API_PREFIX, E601, E602, E603, E604, E605, E699, ApiSettings, WatchSpec
from detente.api.state import ApiState
from detente.errors import DetenteError, StoreError

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

_bearer = HTTPBearer(auto_error=False, description="DETENTE_API_TOKEN")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


class ApiError(HTTPException):
    """An HTTP error with a detente code, rendered in the common error shape."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable detente error code, e.g. E601.")
    message: str


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    error: ErrorDetail


# Documented on every operation: "4XX" also keeps FastAPI from advertising a 422 it never sends.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "Invalid request (400), credentials (401/403), not found "
            "(404), body too large (413)"},
    503: {"model": ErrorBody, "description": "The store cannot be read or written"},
}  # fmt: skip


def not_found(what: str) -> ApiError:
    return ApiError(404, E601, f"{what} not found")


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def state_of(request: Request) -> ApiState:
    return request.app.state.detente  # type: ignore[no-any-return]


def _check_token(state: ApiState, creds: HTTPAuthorizationCredentials | None, *, action: str) -> None:
    token = state.settings.token
    if not token:
        raise ApiError(
            403, E603, f"{action} are disabled: the server has no API token (set DETENTE_API_TOKEN)"
        )
    if creds is None:
        raise ApiError(
            401,
            E602,
            "missing credentials: send 'Authorization: Bearer <token>'",
            {"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(creds.credentials.encode(), token.encode()):
        raise ApiError(403, E603, "wrong API token")


def require_read(request: Request, creds: Credentials) -> None:
    state = state_of(request)
    if not state.settings.read_open:
        _check_token(state, creds, action="reads")


def require_write(request: Request, creds: Credentials) -> None:
    _check_token(state_of(request), creds, action="writes")


class BodyLimit:
    """413 for bodies over the limit: by Content-Length up front, else while streaming."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._reject(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise ApiError(413, E604, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"request body larger than {self.max_bytes} bytes"

    async def _reject(self, send: Send) -> None:
        response = JSONResponse(error_body(E604, self._message()), status_code=413)
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:  # pragma: no cover - a JSONResponse never reads
    return {"type": "http.disconnect"}


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError) -> JSONResponse:
        status = 503 if isinstance(exc, StoreError) else 400
        return JSONResponse(error_body(exc.code, str(exc.args[0])), status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = getattr(exc, "code", None) or (E601 if exc.status_code == 404 else E699)
        return JSONResponse(
            error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return JSONResponse(error_body(E605, "; ".join(problems) or "invalid request"), status_code=400)


Handler = Callable[[Request], Awaitable[Any]]


def create_app(
    db_path: str | Path,
    *,
    settings: ApiSettings | None = None,
    pipeline: Pipeline | None = None,
    watch: WatchSpec | None = None,
) -> FastAPI:
    """The API over the store at ``db_path`` (created if missing); ``pipeline`` for tests, else lazy.

    With ``watch``, the app also runs the feed watcher in a background thread
    from startup to shutdown: the server stays the store's only writer.
    """
    from detente import __version__
    from detente.api import routes_read, routes_write

    settings = settings or ApiSettings()
    state = ApiState(db_path, settings=settings, pipeline=pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if watch is not None:
            state.start_watching(watch)
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="detente",
        version=__version__,
        description="Coded international events, their evidence and relationship timelines.",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.detente = state
    _handlers(app)
    # Open reads declare no security in the schema: only a token-guarded API asks for one.
    read_guard = [] if settings.read_open else [Depends(require_read)]
    app.include_router(
        routes_read.router, prefix=API_PREFIX, dependencies=read_guard, responses=ERROR_RESPONSES
    )
    app.include_router(
        routes_write.router,
        prefix=API_PREFIX,
        dependencies=[Depends(require_write)],
        responses=ERROR_RESPONSES,
    )
    if settings.read_open:  # the dashboard's pages cannot send a token: served only when reads are open
        from detente.web import build_router

        app.include_router(build_router())
    # Cached pair bodies skip routing; with a read token every read is checked, so only when open.
    # Added before CORS: an inner middleware, so its answers get the CORS headers too.
    if settings.read_open:
        from detente.api.cache import CachedPairs

        app.add_middleware(
            CachedPairs,
            path=f"{API_PREFIX}/relations",
            cache=state.cache,
            version=lambda: state.store.version,
        )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app
