"""``POST /documents``: analyse a submitted text and store it, under the app's write lock.

Submissions are idempotent like ``detente ingest``: the same id with the same
content is not analysed again (200, ``"unchanged"``); a new id is stored (201,
``"stored"``); a known id with new content replaces the old version (201,
``"updated"``).  The response lists the document's stored event mentions, each
with the id of the deduplicated event it belongs to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from detente.api.app import ApiError, state_of
from detente.api.convert import document_json, event_json
from detente.api.settings import E605, E606
from detente.model import Analysis, Document
from detente.store.rows import content_hash

router = APIRouter()


class Submission(BaseModel):
    """A document to analyse: its text (fetching a ``url`` alone is not available yet)."""

    # The schema says what the handler checks: a text with a visible character, or else a url.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                {"required": ["text"], "properties": {"text": {"type": "string"}}},
                {"required": ["url"], "properties": {"url": {"type": "string"}}},
            ]
        },
    )

    id: str = Field(min_length=1, max_length=500)
    text: str | None = Field(default=None, max_length=1_000_000, pattern=r"\S")
    published: dt.date | None = None
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500)


@router.post(
    "/documents",
    tags=["documents"],
    summary="Analyse and store a document (bearer token required)",
    status_code=201,
    responses={
        200: {"description": "Already stored with the same content"},
        501: {"description": "URL only"},
    },
)
def submit_document(request: Request, response: Response, body: Submission) -> dict[str, Any]:
    if not (body.text and body.text.strip()):
        if body.url:
            raise ApiError(501, E606, "fetching URLs is not available yet: send the document's text")
        raise ApiError(400, E605, "text: a document needs a non-empty text")
    state = state_of(request)
    doc = Document(
        id=body.id,
        text=body.text,
        published=body.published,
        title=body.title,
        url=body.url,
        source=body.source,
    )
    digest = content_hash(doc)
    with state.reader() as store:
        row = store.con.execute("SELECT content_hash FROM documents WHERE id = ?", [doc.id]).fetchone()
    if row is not None and row[0] == digest:
        response.status_code = 200
        return _stored(request, doc.id, status="unchanged")
    (result,) = list(state.pipeline().analyse([doc]))
    if not isinstance(result, Analysis):
        raise ApiError(400, result.code, f"{result.stage}: {result.detail}")
    with state.reader() as store:  # write_many takes the store's write lock
        store.write_many([(result, digest)])
    return _stored(request, doc.id, status="updated" if row is not None else "stored")


def _stored(request: Request, doc_id: str, *, status: str) -> dict[str, Any]:
    with state_of(request).reader() as store:
        doc = store.con.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).df()
        mentions = store.con.execute(
            "SELECT * FROM mentions WHERE doc_id = ? ORDER BY sentence, id", [doc_id]
        ).df()
    return {
        "status": status,
        "document": document_json(doc.to_dict(orient="records")[0]),
        "events": [
            event_json(r, ("event_id", "date_start", "date_end")) for r in mentions.to_dict(orient="records")
        ],
    }
