"""The review web app (FastAPI): a small static page with plain JavaScript, and a JSON API.

Pages: ``/`` (the queue), ``/document/{sha256}`` (a whole document: fix its entities, add a
missed relation) and ``/graph`` (the organisation graph). API, all JSON:

    GET  /api/summary                          counts, types, reviewer
    GET  /api/relations?type=&status=&doc=&q=&min_confidence=&max_confidence=&sort=&offset=&limit=&resume=
                                               one page of the queue (resume: the page of the
                                               first pending relation)
    GET  /api/relations/{id}                   one queue item
    GET  /api/relations/{id}/history           every decision on it, oldest first
    POST /api/relations/{id}/decision          {"action": "accept"|"reject"|"reset"}
                                               or {"action": "correct", "changes": {...}}
    GET  /api/documents?q=&limit=              documents whose doc_id or title contains q
    GET  /api/documents/{sha256}               displaCy HTML, entities, the document's items
    POST /api/documents/{sha256}/relations     add a missed relation between two ends
    POST /api/documents/{sha256}/accept-all    {"sentence": [start, end]} or {}: accept the
                                               pending relations of a sentence or document
    POST /api/documents/{sha256}/entities      add a missed entity {"start", "end", "label"}
    POST /api/documents/{sha256}/entities/{id}/decision
                                               {"action": "correct", "changes": {...}},
                                               {"action": "reject"} or {"action": "reset"}
    GET  /api/graph?doc=&type=&status=&since=&until=&limit=
                                               nodes and edges (Cytoscape.js elements)

Safety: the server answers only to the host names it was bound for (no DNS rebinding), the
API takes JSON bodies only (so a foreign page cannot post a form to it), a write (POST) that
says it comes from another site (`Origin` not this server, or `Sec-Fetch-Site` cross-site or
same-site) is refused with 403 whatever the client (a browser's preflight stops only browsers),
every page is sent
with a Content-Security-Policy that allows our own scripts only, and the only files served are
the ones in `static/`, looked up by exact name.
"""

from pathlib import Path
from typing import Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pydantic import BaseModel, ConfigDict

from ..models import RelationType
from .queue import (STATUSES, DecisionIn, EntityDecisionIn, NewEntity, NewRelation, NotFound,
                    ReviewError, view)
from .session import PAGE, Filters, Session

STATIC = Path(__file__).with_name("static")
_MEDIA = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}
_CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values of a request our own page makes, or that a user typed ("none").
_OWN_SITE = frozenset({"same-origin", "none"})

Status = Literal["pending", "accepted", "rejected", "corrected", "added"]
assert set(Status.__args__) == set(STATUSES)  # type: ignore[attr-defined]
DATE_PARAM = r"^\d{4}(-\d{2}(-\d{2})?)?$"

# What a field must look like, said the way a reviewer reads it (for pydantic's pattern errors).
_PATTERN_HINTS = {"date": "a date as YYYY, YYYY-MM or YYYY-MM-DD (XXXX for an unknown year)",
                  "since": "YYYY, YYYY-MM or YYYY-MM-DD", "until": "YYYY, YYYY-MM or YYYY-MM-DD"}
_PLUMBING = {"body", "query", "path", "changes", "function-after[_not_empty()]",
             "function-after[_one_way()]"}


class AcceptAll(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sentence: tuple[int, int] | None = None


def readable(error: dict) -> str:
    """One validation problem as a reviewer can act on it: 'date: a date as YYYY, ... (got
    "2021/3")' instead of 'body.changes.date: String should match pattern ...'."""
    where = [str(p) for p in error.get("loc", ()) if str(p) not in _PLUMBING and not str(p).startswith("function-")]
    name = where[-1] if where else ""
    got = error.get("input")
    if error.get("type") == "string_pattern_mismatch":
        message = f"should be {_PATTERN_HINTS.get(name, 'in the expected form')}, not {got!r}"
    elif error.get("type") == "literal_error":
        message = f"should be one of {error.get('ctx', {}).get('expected', '')}, not {got!r}"
    elif error.get("type") == "missing":
        message = "is required"
    elif error.get("type") == "extra_forbidden":
        message = "is not a field this form knows"
    elif error.get("type") == "value_error":  # our own validators' sentences
        message = error.get("msg", "").removeprefix("Value error, ")
        return f"{name}: {message}" if where and name != "changes" else message
    else:  # "Input should be ..." -> "limit should be ..."
        message = error.get("msg", "is not valid")
        for prefix in ("Input ", "String ", "Value "):
            message = message.removeprefix(prefix)
        message = message[0].lower() + message[1:] if message else message
        if not where:
            return f"the request body {message}"
    return f"{' '.join(where).replace('_', ' ')} {message}"


def allowed_hosts(host: str) -> list[str]:
    """Host names a request may carry: local names, plus the bound address; any when bound to all."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    return sorted({*LOCAL_HOSTS, host})


def foreign_write(method: str, headers, scheme: str = "http") -> str | None:
    """Why a write request comes from another site, or None. A request with neither header
    (curl, a script, the test client) is the user's own; a browser always sends them."""
    if method not in _WRITES:
        return None
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in _OWN_SITE:
        return f"Sec-Fetch-Site is {fetch_site!r}"
    origin = headers.get("origin")
    if origin is not None and origin.rstrip("/").lower() != f"{scheme}://{headers.get('host', '')}".lower():
        return f"Origin {origin!r} is not this server"
    return None


def create_app(session: Session, *, hosts: list[str] | None = None) -> FastAPI:
    app = FastAPI(title="consortia review", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts or list(LOCAL_HOSTS))
    assets = {p.name: p for p in STATIC.iterdir() if p.is_file() and p.suffix in _MEDIA}

    @app.middleware("http")
    async def headers(request: Request, call_next):
        refused = foreign_write(request.method, request.headers, request.url.scheme)
        if refused is not None:  # a page elsewhere posting here: a decision only the reviewer may make
            response = JSONResponse({"detail": f"refused: {refused}; decisions are taken from "
                                               f"this server's own page only"}, status_code=403)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(NotFound)
    async def not_found(request: Request, err: NotFound):
        return JSONResponse({"detail": str(err)}, status_code=404)

    @app.exception_handler(ReviewError)
    async def unprocessable(request: Request, err: ReviewError):
        return JSONResponse({"detail": str(err)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError):
        # One readable line per problem, e.g. "date should be a date as YYYY, YYYY-MM or ...".
        problems = [readable(e) for e in err.errors()]
        return JSONResponse({"detail": "; ".join(problems), "errors": problems}, status_code=422)

    def page(name: str) -> FileResponse:
        return FileResponse(assets[name], media_type=_MEDIA[".html"])

    @app.get("/", include_in_schema=False)
    def index():
        return page("index.html")

    @app.get("/document/{sha256}", include_in_schema=False)
    def document_page(sha256: str):
        session.doc(sha256)
        return page("document.html")

    @app.get("/graph", include_in_schema=False)
    def graph_page():
        return page("graph.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        path = assets.get(name)
        if path is None:
            raise HTTPException(404, f"no asset {name!r}")
        return FileResponse(path, media_type=_MEDIA[path.suffix])

    @app.get("/api/summary")
    def summary():
        return session.summary()

    @app.get("/api/relations")
    def relations(type: RelationType | None = None, status: Status | None = None,
                  doc: str | None = Query(None, description="a document's sha256 or doc_id"),
                  q: str | None = Query(None, max_length=200, description="part of an end's name"),
                  min_confidence: float | None = Query(None, ge=0, le=1),
                  max_confidence: float | None = Query(None, ge=0, le=1),
                  sort: Literal["document", "confidence", "-confidence"] = "document",
                  offset: int = Query(0, ge=0), limit: int = Query(PAGE, ge=1, le=10_000),
                  resume: bool = False):
        if min_confidence is not None and max_confidence is not None and min_confidence > max_confidence:
            raise ReviewError(f"min_confidence {min_confidence} is above max_confidence {max_confidence}")
        filters = Filters(type=type, status=status, doc=doc or None, q=q or None,
                          min_confidence=min_confidence, max_confidence=max_confidence, sort=sort)
        return session.queue(filters, offset=offset, limit=limit, resume=resume)

    @app.get("/api/relations/{item_id}")
    def relation(item_id: str):
        return view(*session.find(item_id))

    @app.get("/api/relations/{item_id}/history")
    def history(item_id: str):
        return session.history(item_id)

    @app.post("/api/relations/{item_id}/decision")
    def decide(item_id: str, body: DecisionIn):
        item = session.decide(item_id, body)
        return {"item": item, **session.counts()}

    @app.get("/api/documents")
    def documents(q: str = Query("", max_length=200), limit: int = Query(20, ge=1, le=200)):
        return session.documents(q, limit=limit)

    @app.get("/api/documents/{sha256}")
    def document(sha256: str):
        return session.document(sha256)

    @app.post("/api/documents/{sha256}/relations", status_code=201)
    def add(sha256: str, body: NewRelation):
        item = session.add(sha256, body)
        return {"item": item, **session.counts()}

    @app.post("/api/documents/{sha256}/accept-all")
    def accept_all(sha256: str, body: AcceptAll):
        return {**session.accept_all(sha256, sentence=body.sentence), **session.counts()}

    @app.post("/api/documents/{sha256}/entities", status_code=201)
    def add_entity(sha256: str, body: NewEntity):
        return session.add_entity(sha256, body)

    @app.post("/api/documents/{sha256}/entities/{entity_id}/decision")
    def decide_entity(sha256: str, entity_id: str, body: EntityDecisionIn):
        return session.decide_entity(sha256, entity_id, body)

    @app.get("/api/graph")
    def graph(doc: str | None = None, type: list[RelationType] = Query([]),
              status: list[Status] = Query([]),
              since: str | None = Query(None, pattern=DATE_PARAM),
              until: str | None = Query(None, pattern=DATE_PARAM),
              limit: int = Query(3000, ge=1, le=20_000)):
        return session.graph(doc=doc or None, types=list(type), statuses=list(status),
                             since=since, until=until, limit=limit)

    return app
