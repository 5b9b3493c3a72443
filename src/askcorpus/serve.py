"""The chat service: `askcorpus serve` runs `create_app(settings)` under uvicorn.

Endpoints (all JSON errors are {"error": {"code", "message", "type"}}):

* `POST /v1/chat` {"message", "session_id"?, "stream"?, "k"?, "max_tokens"?} -> the answer
  object plus "session_id"; with "stream": true, Server-Sent Events: `token` events {"text"},
  then one `done` event (the answer object plus session_id) or one `error` event.
* `POST /v1/chat/completions`, `GET /v1/models`: OpenAI-compatible (see serve_openai).
* `GET /v1/search?q=&k=`, `GET /v1/documents`, `GET /v1/documents/{doc_id}`.
* `POST /v1/reindex`, `GET /v1/reindex`: rebuild the index while serving, then switch.
* `DELETE /v1/sessions/{session_id}`: forget a conversation.
* `GET /healthz` (200 only once models and index are loaded), `GET /` (chat page), `/docs`.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import json
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import uvicorn
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from askcorpus import __version__
from askcorpus.answer import EXTRACTIVE
from askcorpus.errors import AskcorpusError, ConfigError
from askcorpus.retrieve import Filters, clean_query
from askcorpus.runtime import Runtime
from askcorpus.serve_core import (
    Job,
    NotFoundError,
    Service,
    ShuttingDownError,
    TimeoutExpiredError,
    UnknownSessionError,
)
from askcorpus.serve_http import (
    DOCS_ASSETS,
    AccessLog,
    ApiKeyAuth,
    BodyGuard,
    HeadAsGet,
    JsonCORSMiddleware,
    error_body,
)
from askcorpus.settings import Settings

log = logging.getLogger("askcorpus.serve")

POLL_S = 0.1  # how often a waiting request checks that its client is still there
GRACE_S = 5.0  # extra wait past the deadline for a job that does not stop by itself
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
PAGE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
}

DESCRIPTION = """\
Ask questions about the indexed documents; every answer cites the passages it uses.

* **/v1/chat** keeps conversations on the server (pass back `session_id`). Sessions are bounded
  in turns (`history_turns`) and count (`max_sessions`, least recently used dropped) and end
  after `session_ttl_s` idle seconds; an unknown or expired `session_id` is a **404**
  (`unknown_session`): omit `session_id` to start a new conversation.
* **/v1/chat/completions** is OpenAI-compatible (stateless: earlier messages are the history).
* LLM work runs one request at a time behind a bounded queue (`queue_size`, counting the
  running request); a full queue answers **503** with `Retry-After`. Every request has a time
  limit (`request_timeout_s`): a generation cut by it ends with `finish_reason: "timeout"`.
* With `ASKCORPUS_API_KEY` set, send `Authorization: Bearer <key>` (all routes but /healthz,
  the page at / and these docs).
"""

bearer_docs = HTTPBearer(auto_error=False, description="ASKCORPUS_API_KEY, when set")


# -- request and response models ----------------------------------------------------------
class ChatRequest(BaseModel):
    """A chat turn."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"message": "Where did Rutte meet Trump?", "stream": False}]
        },
    )
    message: str = Field(description="The question (limit: setting max_question_chars).")
    session_id: str | None = Field(
        None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Continue this conversation (the id from an earlier reply); omit to start "
        "a new one. Unknown or expired ids get 404 unknown_session.",
    )
    stream: StrictBool = Field(False, description="Send Server-Sent Events (token, then done).")
    k: StrictInt | None = Field(
        None,
        ge=1,
        le=100,
        description="Passages to retrieve (default "
        "top_k); also the closest passages listed when abstaining.",
    )
    max_tokens: StrictInt | None = Field(
        None,
        ge=1,
        description="Answer token budget; values above "
        "the server's cap (llm_max_tokens) are clamped to it.",
    )


class CitationModel(BaseModel):
    n: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    score: float


class ChatResponse(BaseModel):
    """The answer object plus the session id (also the `done` event of a stream)."""

    question: str
    standalone_question: str
    answer: str
    abstained: bool
    citations: list[CitationModel]
    timings: dict[str, float]
    model: str
    finish_reason: str = Field(description="stop, length, timeout or cancelled")
    grounded: bool
    session_id: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    type: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": ErrorResponse} for c in codes}


# -- helpers shared with serve_openai ------------------------------------------------------
def get_service(request: Request) -> Service:
    """The app's Service."""
    service: Service = request.app.state.service
    return service


def error_response(exc: AskcorpusError) -> JSONResponse:
    """JSON error response for a domain or service error."""
    return JSONResponse(
        error_body(exc.code, str(exc)),
        status_code=exc.http_status,
        headers=getattr(exc, "headers", None) or None,
    )


class InternalError(AskcorpusError):
    http_status = 500
    code = "internal"


class ClientGoneError(Exception):
    """The client disconnected while its request waited or ran."""


def job_failure(kind: str, value: Any, settings: Settings) -> AskcorpusError:
    """The error for a job that ended without an answer."""
    if kind == "error":
        if isinstance(value, AskcorpusError):
            return value
        log.error("answer failed", exc_info=value)
        return InternalError("internal error while answering; see the server log")
    if value == "timeout":
        return TimeoutExpiredError(
            f"no answer within the time limit of {settings.request_timeout_s:g} s (setting "
            "ASKCORPUS_REQUEST_TIMEOUT_S): the service is busy; try again"
        )
    if value == "overran":
        return TimeoutExpiredError(
            f"the answer ran {GRACE_S:g} s past the time limit of "
            f"{settings.request_timeout_s:g} s (setting ASKCORPUS_REQUEST_TIMEOUT_S) and was "
            "given up: the model reads its prompt without stopping; raise the limit"
        )
    if value == "shutdown":
        return ShuttingDownError()
    return InternalError(f"request dropped ({value})")


async def job_events(
    job: Job, request: Request, svc: Service
) -> AsyncGenerator[tuple[str, Any], None]:
    """The job's events until it ends; returns early (cancelling the job) if the client
    leaves. A job still queued at its deadline is dropped; one still running GRACE_S past its
    deadline (stuck in a call that does not check should_stop) is reported as timed out."""
    ended = timed_out = False
    try:
        while True:
            try:
                kind, value = await asyncio.wait_for(job.events.get(), POLL_S)
            except TimeoutError:
                kind, value = "", None
            if await request.is_disconnected():
                job.client_gone = True
                return
            if not kind:
                now = time.monotonic()
                if job.state == "queued" and now >= job.deadline:
                    svc.worker.cancel(job, reason="timeout")  # its "dropped" event follows
                    continue
                if now > job.deadline + GRACE_S:
                    ended = timed_out = True
                    yield "dropped", "overran"
                    return
                continue
            if kind in ("done", "error", "dropped"):
                ended = True
            yield kind, value
            if ended:
                return
    finally:
        if not ended or timed_out:
            svc.worker.cancel(job)
        if not ended:
            log_extra(request, finish="client_gone", tokens=job.tokens)


async def wait_result(job: Job, request: Request, svc: Service) -> Any:
    """The job's result; raises the mapped error, or ClientGoneError."""
    async with contextlib.aclosing(job_events(job, request, svc)) as events:
        async for kind, value in events:
            if kind == "done":
                return value
            if kind in ("error", "dropped"):
                raise job_failure(kind, value, svc.settings)
    raise ClientGoneError


def sse(event: str, data: Any) -> str:
    """One Server-Sent Event."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def clamp_tokens(requested: int | None, settings: Settings) -> int:
    """The answer's token budget: the request's, at most the server's cap."""
    cap = settings.llm_max_tokens
    return cap if requested is None else max(1, min(requested, cap))


def log_extra(request: Request, **items: Any) -> None:
    """Add key=value pairs to this request's access-log line."""
    extra = getattr(request.state, "log_extra", None)
    if extra is None:
        extra = {}
        request.state.log_extra = extra
    extra.update(items)


def answer_job(svc: Service, question: str, conversation: Any, k: int | None) -> Any:
    """The function the worker runs for one question."""

    def work(job: Job) -> Any:
        with svc.answer_lock:
            ans = svc.rt.answerer.answer(
                question,
                conversation=conversation,
                k=k,
                on_token=job.on_token,
                should_stop=job.should_stop,
            )
        if job.shutdown and ans.finish_reason == "cancelled":  # cut short, not finished
            raise ShuttingDownError()
        ans.finish_reason = job.stop_reason(ans.finish_reason, generated=ans.model != EXTRACTIVE)
        return ans

    return work


def deadline_for(request: Request, settings: Settings) -> float:
    start = getattr(request.state, "t0", None) or time.monotonic()
    return float(start) + settings.request_timeout_s


# -- routes -------------------------------------------------------------------------------
router = APIRouter()
api = APIRouter(dependencies=[Depends(bearer_docs)])


@router.get("/", include_in_schema=False)
async def page(request: Request) -> HTMLResponse:
    """The web chat page."""
    return HTMLResponse(request.app.state.page_html, headers=PAGE_HEADERS)


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    return Response(status_code=204)


@router.get("/healthz", tags=["service"], responses={503: {"description": "not ready"}})
async def healthz(request: Request) -> JSONResponse:
    """200 once index, embedding model and LLM are loaded; 503 while loading or if start-up
    failed (with the reason)."""
    svc = get_service(request)
    if not svc.ready.is_set():
        if svc.load_error is not None:
            err = svc.load_error
            return JSONResponse({"status": "error", **error_body(err.code, str(err))}, 503)
        return JSONResponse({"status": "loading"}, 503, headers={"Retry-After": "2"})
    rt = svc.rt
    index = rt.index
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "model": getattr(rt.generator, "model_id", None),
            "answer_mode": getattr(svc.settings, "resolved_answer_mode", lambda: "generate")(),
            "embed_model": getattr(rt.embedder, "model_id", None),
            "index": {
                "generation": index.path.name,
                "documents": len(index.documents),
                "chunks": len(index.chunks),
            },
            "queue": svc.worker.snapshot(),
            "sessions": len(svc.sessions),
            "reindex": svc.reindexer.status().get("state"),
        }
    )


@api.post(
    "/v1/chat",
    tags=["chat"],
    response_model=ChatResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "The answer (JSON), or an event stream if stream=true",
        },
        **_errors(400, 401, 404, 413, 415, 422, 503),
    },
)
async def chat(body: ChatRequest, request: Request) -> Response:
    """Answer one message of a conversation kept on the server."""
    svc = get_service(request)
    s = svc.settings
    svc.check_ready()
    question = clean_query(body.message, s.max_question_chars)
    created = False
    if body.session_id is None:
        sid, sess = svc.sessions.create()
        created = True
    else:
        sid, sess = body.session_id, svc.sessions.get(body.session_id)
    conversation = sess.conversation if s.history_turns > 0 else None
    try:
        job = svc.worker.submit(
            answer_job(svc, question, conversation, body.k),
            deadline_for(request, s),
            clamp_tokens(body.max_tokens, s),
        )
    except AskcorpusError:
        if created:
            with contextlib.suppress(UnknownSessionError):
                svc.sessions.delete(sid)
        raise

    def payload(ans: Any) -> dict[str, Any]:
        svc.sessions.touch(sid)
        data = ans.to_dict()
        data["timings"]["queue_ms"] = round(job.queue_ms, 1)
        data["session_id"] = sid
        log_extra(
            request,
            queue_ms=f"{job.queue_ms:.0f}",
            tokens=job.tokens,
            finish=data["finish_reason"],
            abstained=str(data["abstained"]).lower(),
        )
        return data

    if not body.stream:
        try:
            ans = await wait_result(job, request, svc)
        except ClientGoneError:
            return Response(status_code=499)
        return JSONResponse(payload(ans))

    async def events() -> AsyncIterator[str]:
        async for kind, value in job_events(job, request, svc):
            if kind == "token":
                yield sse("token", {"text": value})
            elif kind == "done":
                yield sse("done", payload(value))
            elif kind in ("error", "dropped"):
                err = job_failure(kind, value, s)
                log_extra(request, error=err.code)
                yield sse("error", error_body(err.code, str(err)))

    return StreamingResponse(events(), media_type="text/event-stream", headers=SSE_HEADERS)


@api.delete(
    "/v1/sessions/{session_id}", tags=["chat"], status_code=204, responses=_errors(401, 404)
)
async def delete_session(session_id: str, request: Request) -> Response:
    """Forget a conversation."""
    get_service(request).sessions.delete(session_id)
    return Response(status_code=204)


@api.get("/v1/search", tags=["search"], responses=_errors(401, 422, 503))
async def search(
    request: Request,
    q: Annotated[str, Query(description="What to look for.")],
    k: Annotated[
        int | None, Query(ge=1, le=100, description="Number of passages (default top_k).")
    ] = None,
    doc: Annotated[
        list[str] | None, Query(description="Only these document ids (repeatable).")
    ] = None,
    date_from: Annotated[
        date | None, Query(description="Only documents dated on or after.")
    ] = None,
    date_to: Annotated[date | None, Query(description="Only documents dated on or before.")] = None,
) -> JSONResponse:
    """Ranked passages (hybrid dense + BM25), without the LLM."""
    svc = get_service(request)
    s = svc.settings
    svc.check_ready(search_only=True)
    query = clean_query(q, s.max_question_chars, "query")
    k = k or s.top_k
    filters = Filters(
        doc_ids=set(doc) if doc else None,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
    )
    retriever = svc.rt.retriever
    t0 = time.perf_counter()
    hits = await run_in_threadpool(retriever.search, query, k, filters)
    ms = (time.perf_counter() - t0) * 1000
    log_extra(request, search_ms=f"{ms:.0f}", hits=len(hits))
    return JSONResponse(
        {
            "query": query,
            "k": k,
            "results": [h.to_dict() for h in hits],
            "timings": {"search_ms": round(ms, 1)},
        }
    )


def _doc_summary(doc: Any, chunks: int) -> dict[str, Any]:
    return {**doc.summary(), "chunks": chunks}


@api.get("/v1/documents", tags=["search"], responses=_errors(401, 422, 503))
async def documents(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=10000, description="Documents per page.")] = 100,
    offset: Annotated[int, Query(ge=0, description="Documents to skip.")] = 0,
) -> JSONResponse:
    """The indexed documents (without their text), in id order."""
    svc = get_service(request)
    svc.check_ready(search_only=True)
    index = svc.rt.index
    counts: dict[str, int] = {}
    for c in index.chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    ids = sorted(index.documents)
    page_ids = ids[offset : offset + limit]
    return JSONResponse(
        {
            "total": len(ids),
            "offset": offset,
            "limit": limit,
            "generation": index.path.name,
            "documents": [_doc_summary(index.documents[i], counts.get(i, 0)) for i in page_ids],
        }
    )


@api.get("/v1/documents/{doc_id:path}", tags=["search"], responses=_errors(401, 404, 503))
async def document(doc_id: str, request: Request) -> JSONResponse:
    """One document with its full text (citation start/end offsets point into it) and its
    page parts (`meta`: credit, sources, ...; a citation of one has start and end -1)."""
    svc = get_service(request)
    svc.check_ready(search_only=True)
    index = svc.rt.index
    doc = index.documents.get(doc_id)
    if doc is None:
        raise NotFoundError(f"no document {doc_id!r} in the index; see GET /v1/documents")
    counts = sum(1 for c in index.chunks if c.doc_id == doc_id)
    return JSONResponse({**_doc_summary(doc, counts), "text": doc.text, "meta": doc.meta})


@api.post("/v1/reindex", tags=["service"], status_code=202, responses=_errors(401, 409, 503))
async def reindex(
    request: Request,
    rebuild: Annotated[bool, Query(description="Re-embed everything, not only changes.")] = False,
) -> JSONResponse:
    """Re-index the corpus folder in the background. Queries keep answering from the current
    index until the new one is complete, then switch to it atomically. Poll GET /v1/reindex."""
    svc = get_service(request)
    if not svc.ready.is_set() and (svc.load_error is None or svc.load_error.code != "no_index"):
        svc.check_ready()  # still loading, or broken in a way a new index does not fix
    state = svc.reindexer.start(rebuild=rebuild)
    return JSONResponse(state, status_code=202)


@api.get("/v1/reindex", tags=["service"], responses=_errors(401))
async def reindex_status(request: Request) -> JSONResponse:
    """State of the last re-index: idle, running, done (with a summary) or failed."""
    return JSONResponse(get_service(request).reindexer.status())


# -- errors -------------------------------------------------------------------------------
def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if not parts:
        return "body"
    where = parts[0]
    rest = ".".join(parts[1:])
    if where == "body":
        return rest or "body"
    return f"{rest} ({where} parameter)" if rest else where


def validation_message(errors: list[dict[str, Any]]) -> str:
    """Readable summary of pydantic errors: `field: what is wrong` joined by '; '."""
    out = []
    for err in errors[:6]:
        where = _field(err.get("loc", ()))
        kind = err.get("type", "")
        msg = err.get("msg", "invalid")
        if kind == "extra_forbidden":
            msg = "unknown field; remove it"
        elif kind == "missing" and where == "body":
            msg = 'a JSON body is required, e.g. {"message": "Who leads NATO?"}'
        elif kind == "missing":
            msg = "required"
        elif kind in ("model_attributes_type", "dict_type") and where == "body":
            msg = 'the body must be a JSON object, e.g. {"message": "Who leads NATO?"}'
        out.append(f"{where}: {msg}")
    if len(errors) > 6:
        out.append(f"and {len(errors) - 6} more")
    return "; ".join(out)


def install_error_handlers(app: FastAPI) -> None:
    """Every error is {"error": {"code", "message", "type"}}; no stack traces to clients."""

    @app.exception_handler(AskcorpusError)
    async def _domain(request: Request, exc: AskcorpusError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            error_body("invalid_request", validation_message(list(exc.errors()))), status_code=422
        )

    @app.exception_handler(json.JSONDecodeError)
    async def _bad_json(request: Request, exc: json.JSONDecodeError) -> JSONResponse:
        return JSONResponse(
            error_body("malformed_json", f"the body is not valid JSON: {exc.msg}"), status_code=400
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        if status == 404:
            code, msg = (
                "not_found",
                f"no such route: {request.method} {request.url.path}; see /docs",
            )
        elif status == 405:
            code, msg = (
                "method_not_allowed",
                f"{request.method} is not allowed on {request.url.path}; see /docs",
            )
        else:
            code, msg = "http_error", str(exc.detail)
        return JSONResponse(
            error_body(code, msg), status_code=status, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(
            error_body("internal", "internal error; see the server log"), status_code=500
        )


# -- the app ------------------------------------------------------------------------------
def _page_html() -> str:
    return (resources.files("askcorpus") / "static" / "index.html").read_text(encoding="utf-8")


def _swagger_assets() -> Path | None:
    """Swagger UI files from the swagger-ui-bundle package, if installed (docs work offline);
    without it /docs loads Swagger UI from its CDN."""
    try:
        import swagger_ui_bundle  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    path = Path(swagger_ui_bundle.swagger_ui_path)
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _local_docs(app: FastAPI, assets: Path) -> None:
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="askcorpus - API docs",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """The ASGI app. Its lifespan starts the LLM worker and loads index and models once (in the
    background: /healthz turns 200 when done). Tests pass a runtime holding fakes."""
    if settings is None:
        settings = runtime.settings if runtime is not None else Settings()  # type: ignore[call-arg]
    service = Service(settings, runtime)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            await asyncio.to_thread(service.stop)

    assets = _swagger_assets()
    app = FastAPI(
        title="askcorpus",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None if assets else "/docs",
        redirect_slashes=False,  # "/v1/chat/" is a 404 in JSON, not a redirect a POST loses
    )
    if assets is not None:
        _local_docs(app, assets)
    app.state.service = service
    app.state.page_html = _page_html()

    install_error_handlers(app)
    app.include_router(router)
    app.include_router(api)
    from askcorpus.serve_openai import router as openai_router

    app.include_router(openai_router, dependencies=[Depends(bearer_docs)])

    # Pure ASGI middleware; the last added runs first (outermost).
    app.add_middleware(BodyGuard, max_bytes=settings.max_body_bytes)
    if settings.api_key:
        app.add_middleware(ApiKeyAuth, api_key=settings.api_key)
    # "https://a.example/" as a browser sends it: "https://a.example"
    origins = [o.strip().rstrip("/") for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            JsonCORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    app.add_middleware(HeadAsGet)
    app.add_middleware(AccessLog)
    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def preflight(settings: Settings) -> None:
    """Fail fast, with the CLI's one-line errors, on what start-up would trip over."""
    from askcorpus.index import read_manifest
    from askcorpus.prompt import Prompts

    read_manifest(settings.index_dir)
    settings.embed_model_path()
    llm = settings.llm_model_path()
    if settings.resolved_answer_mode() != "extract":
        from askcorpus.generate import check_gguf

        check_gguf(llm)
    Prompts.load(settings.prompts_path())


def configure_logging() -> None:
    """Plain one-line logs on stderr: askcorpus and uvicorn at INFO, libraries at WARNING
    (sentence-transformers would otherwise draw a progress bar per query)."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for name in ("askcorpus", "uvicorn"):
        logging.getLogger(name).setLevel(logging.INFO)


def check_port(host: str, port: int) -> None:
    """ConfigError if nothing can listen on host:port (taken, or no such address), told
    before the models load rather than in the server's log."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind(address)
        except OSError as exc:
            hint = " (another server on it? choose --port)" if exc.errno == errno.EADDRINUSE else ""
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}{hint}") from None


def run(settings: Settings) -> None:
    """Serve until interrupted (`askcorpus serve`)."""
    configure_logging()
    preflight(settings)
    check_port(settings.host, settings.port)
    if not _is_loopback(settings.host) and not settings.api_key:
        log.warning(
            "listening on %s without an API key: anyone who can reach this address can "
            "use the service (set ASKCORPUS_API_KEY)",
            settings.host,
        )
    app = create_app(settings)
    log.info(
        "askcorpus %s on http://%s:%d (index %s)",
        __version__,
        settings.host,
        settings.port,
        settings.index_dir,
    )
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
    Server(config, app.state.service).run()


class Server(uvicorn.Server):
    """uvicorn's server, telling the service first when it starts to shut down (Ctrl-C,
    SIGTERM): waiting and running requests end at once with `shutting_down`, rather than
    being cut off when uvicorn's grace period ends."""

    def __init__(self, config: uvicorn.Config, service: Service) -> None:
        super().__init__(config)
        self.service = service

    async def shutdown(self, sockets: Any = None) -> None:
        self.service.begin_shutdown()
        await super().shutdown(sockets)

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            # The signal that stopped the server has done its job: exit 0, not by the signal
            # (uvicorn raises it again once shut down).
            getattr(self, "_captured_signals", []).clear()


def factory() -> FastAPI:
    """`uvicorn --factory askcorpus.serve:factory`: settings from the environment."""
    configure_logging()
    return create_app(Settings())  # type: ignore[call-arg]


__all__ = ["ClientGoneError", "UnknownSessionError", "create_app", "run"]
