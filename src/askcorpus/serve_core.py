"""The chat service's machinery, free of HTTP: the LLM work queue, chat sessions, start-up
loading and re-indexing.

All LLM work runs on one worker thread, one job at a time, so llama.cpp is never called
concurrently and never on the event loop. `LLMWorker.submit` admits at most `capacity` jobs
(waiting + running) and refuses the next one at once with `QueueFullError` (503 + Retry-After).
A job that is cancelled while it waits (its client left) is removed from the queue and never
runs; a running job sees its cancel flag through `should_stop` within one token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from askcorpus.errors import AskcorpusError, IndexMissingError
from askcorpus.runtime import Runtime
from askcorpus.settings import Settings

log = logging.getLogger("askcorpus.serve")


# -- errors of the service (HTTP status + machine code + one-line message) -----------------
class ServiceError(AskcorpusError):
    """A request the service refuses; `headers` go into the HTTP response."""

    headers: dict[str, str] = {}  # noqa: RUF012 - replaced per instance


class QueueFullError(ServiceError):
    """Too many requests are waiting for the LLM."""

    http_status = 503
    code = "queue_full"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class NotReadyError(ServiceError):
    """Models or index are still loading (or failed to load)."""

    http_status = 503
    code = "not_ready"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code
        self.headers = {"Retry-After": "2"}


class TimeoutExpiredError(ServiceError):
    """The request's time limit passed before the LLM could start on it."""

    http_status = 503
    code = "timeout"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": "5"}


class ShuttingDownError(ServiceError):
    """The service is stopping."""

    http_status = 503
    code = "shutting_down"

    def __init__(self, message: str = "the service is shutting down; try again later") -> None:
        super().__init__(message)


class UnknownSessionError(ServiceError):
    """A session id that does not exist (never did, expired, or was evicted)."""

    http_status = 404
    code = "unknown_session"


class NotFoundError(ServiceError):
    """An unknown document."""

    http_status = 404
    code = "not_found"


class ConflictError(ServiceError):
    """A re-index is already running."""

    http_status = 409
    code = "reindex_running"


# -- the LLM worker --------------------------------------------------------------------------
@dataclass(eq=False)
class Job:
    """One unit of LLM work. `fn(job)` runs on the worker thread; events reach the event loop.

    Events posted to `events` (an asyncio.Queue): ("start", None), ("token", str),
    ("done", result), ("error", exception), ("dropped", reason) where reason is "cancelled",
    "timeout" or "shutdown". Exactly one of done/error/dropped ends the stream.
    """

    fn: Callable[[Job], Any]
    deadline: float
    loop: asyncio.AbstractEventLoop
    max_tokens: int
    events: asyncio.Queue[tuple[str, Any]] = field(default_factory=asyncio.Queue)
    cancel_event: threading.Event = field(default_factory=threading.Event)
    state: str = "queued"  # queued | running | finished | dropped
    tokens: int = 0
    client_gone: bool = False
    shutdown: bool = False  # stopped because the service is shutting down
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None

    # Called on the worker thread ------------------------------------------------------------
    def post(self, kind: str, value: Any = None) -> None:
        """Hand an event to the event loop (ignored once the loop is gone)."""
        with contextlib.suppress(RuntimeError):  # loop closed: nobody listens any more
            self.loop.call_soon_threadsafe(self.events.put_nowait, (kind, value))

    def on_token(self, piece: str) -> None:
        """Token sink for `Answerer.answer` (an empty piece is a token held back: counted,
        not sent)."""
        self.tokens += 1
        if piece:
            self.post("token", piece)

    def should_stop(self) -> bool:
        """True once the client left, the deadline passed or the token budget is spent."""
        return (
            self.cancel_event.is_set()
            or time.monotonic() >= self.deadline
            or self.tokens >= self.max_tokens
        )

    def stop_reason(self, reported: str, generated: bool = True) -> str:
        """The finish reason to report, from the answerer's ("stop" or "cancelled"). An
        answer the LLM did not write (`generated` false) is whole: its pieces are no tokens."""
        if reported != "cancelled":
            return "length" if generated and self.tokens >= self.max_tokens else reported
        if self.cancel_event.is_set():
            return "cancelled"
        if self.tokens >= self.max_tokens:
            return "length" if generated else "stop"  # the evidence answered, whole
        if time.monotonic() >= self.deadline:
            return "timeout"
        return "cancelled"

    @property
    def queue_ms(self) -> float:
        """Time spent waiting for the worker."""
        end = self.started if self.started is not None else time.monotonic()
        return (end - self.created) * 1000


class LLMWorker:
    """One thread running jobs in arrival order; admission bounded by `capacity`."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._cond = threading.Condition()
        self._queue: deque[Job] = deque()
        self._admitted = 0  # queued + running
        self._running: Job | None = None
        self._closed = False
        self._thread: threading.Thread | None = None
        self._avg_s = 2.0  # moving average of a job's run time, for Retry-After
        self.stats = {
            "admitted": 0,
            "rejected": 0,
            "completed": 0,
            "failed": 0,
            "dropped_cancelled": 0,
            "dropped_timeout": 0,
        }

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        with self._cond:
            if self._thread is None:
                self._closed = False
                self._thread = threading.Thread(target=self._run, name="askcorpus-llm", daemon=True)
                self._thread.start()

    def retry_after(self) -> int:
        """Seconds a refused client should wait: the work ahead of it, at least 1."""
        return max(1, min(120, math.ceil(self._avg_s * max(1, self._admitted))))

    def submit(self, fn: Callable[[Job], Any], deadline: float, max_tokens: int) -> Job:
        """Admit a job or raise QueueFullError at once. Must be called on the event loop."""
        job = Job(fn=fn, deadline=deadline, loop=asyncio.get_running_loop(), max_tokens=max_tokens)
        with self._cond:
            if self._closed:
                raise ShuttingDownError()
            if self._admitted >= self.capacity:
                self.stats["rejected"] += 1
                wait = self.retry_after()
                raise QueueFullError(
                    f"the service is busy ({self._admitted} "
                    f"request{'s' if self._admitted != 1 else ''} queued or running, limit "
                    f"{self.capacity}, setting ASKCORPUS_QUEUE_SIZE); retry in {wait} s",
                    wait,
                )
            self._admitted += 1
            self.stats["admitted"] += 1
            self._queue.append(job)
            self._cond.notify()
        return job

    def cancel(self, job: Job, reason: str = "cancelled") -> None:
        """Drop the job if it still waits (reason "cancelled": its client left, or "timeout":
        its time ran out); a running job is told to stop if its client left."""
        with self._cond:
            queued = job.state == "queued"
            if queued:
                with contextlib.suppress(ValueError):
                    self._queue.remove(job)
                job.state = "dropped"
                self._admitted -= 1
                self.stats[f"dropped_{reason}"] += 1
        if queued or reason == "cancelled":
            job.cancel_event.set()
        if queued:
            job.post("dropped", reason)

    def snapshot(self) -> dict[str, Any]:
        """Queue state for /healthz and the benchmark."""
        with self._cond:
            return {
                "capacity": self.capacity,
                "running": int(self._running is not None),
                "waiting": len(self._queue),
                **self.stats,
            }

    def begin_close(self) -> None:
        """Refuse new jobs, drop waiting ones and stop the running one (all told
        "shutting down"), without waiting. Called as the server starts to shut down, so
        clients get their answer before their connections are closed."""
        with self._cond:
            self._closed = True
            dropped = list(self._queue)
            self._queue.clear()
            self._admitted -= len(dropped)
            running = self._running
            self._cond.notify_all()
        for job in dropped:
            job.state = "dropped"
            job.cancel_event.set()
            job.post("dropped", "shutdown")
        if running is not None:
            running.shutdown = True
            running.cancel_event.set()

    def close(self, timeout: float = 30.0) -> None:
        """`begin_close`, then wait for the thread: the model must not be freed while it is
        still in a llama.cpp call (a prompt is read in short steps, so this is quick)."""
        self.begin_close()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the LLM worker did not stop within %g s", timeout)
            self._thread = None

    def _next(self) -> Job | None:
        """The next job to run; jobs whose client left or whose time ran out are dropped."""
        with self._cond:
            while True:
                while not self._queue and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return None
                job = self._queue.popleft()
                now = time.monotonic()
                if job.cancel_event.is_set() or now >= job.deadline:
                    reason = "cancelled" if job.cancel_event.is_set() else "timeout"
                    job.state = "dropped"
                    self._admitted -= 1
                    self.stats[f"dropped_{reason}"] += 1
                    job.post("dropped", reason)
                    continue
                job.state = "running"
                job.started = now
                self._running = job
                return job

    def _run(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            job.post("start")
            t0 = time.monotonic()
            try:
                result = job.fn(job)
            except BaseException as exc:  # reported to the request, never kills the worker
                with self._cond:
                    self.stats["failed"] += 1
                job.post("error", exc)
            else:
                with self._cond:
                    self.stats["completed"] += 1
                job.post("done", result)
            finally:
                job.finished = time.monotonic()
                self._avg_s = 0.8 * self._avg_s + 0.2 * (job.finished - t0)
                with self._cond:
                    job.state = "finished"
                    self._running = None
                    self._admitted -= 1


# -- chat sessions ---------------------------------------------------------------------------
@dataclass
class Session:
    """One chat's server-side state."""

    conversation: Any
    last_used: float


class SessionStore:
    """Sessions by id: least recently used first; bounded in count; expiring when idle."""

    def __init__(
        self,
        max_sessions: int,
        ttl_s: float,
        history_turns: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_sessions = max_sessions
        self.ttl_s = ttl_s
        self.history_turns = history_turns
        self.clock = clock
        self._items: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()
        self.evicted = 0
        self.expired = 0

    def _expire(self, now: float) -> None:
        while self._items:
            sid, sess = next(iter(self._items.items()))
            if now - sess.last_used < self.ttl_s:
                break
            del self._items[sid]
            self.expired += 1

    def create(self) -> tuple[str, Session]:
        """A new empty session (the least recently used one goes if the store is full)."""
        from askcorpus.conversation import Conversation

        now = self.clock()
        sid = secrets.token_urlsafe(16)
        sess = Session(Conversation(max_turns=max(1, self.history_turns)), now)
        with self._lock:
            self._expire(now)
            while len(self._items) >= self.max_sessions:
                self._items.popitem(last=False)
                self.evicted += 1
            self._items[sid] = sess
        return sid, sess

    def get(self, sid: str) -> Session:
        """The live session, marked as used; UnknownSessionError if it does not exist."""
        now = self.clock()
        with self._lock:
            self._expire(now)
            sess = self._items.get(sid)
            if sess is None:
                raise UnknownSessionError(
                    f"session {sid!r} does not exist or has expired (idle sessions end after "
                    f"{self.ttl_s:g} s); omit session_id to start a new conversation"
                )
            sess.last_used = now
            self._items.move_to_end(sid)
            return sess

    def touch(self, sid: str) -> None:
        """Mark a session used now (an answer just ended: it is idle from here, not from
        when the question came)."""
        with self._lock:
            sess = self._items.get(sid)
            if sess is not None:
                sess.last_used = self.clock()
                self._items.move_to_end(sid)

    def delete(self, sid: str) -> None:
        """End a session; UnknownSessionError if it does not exist."""
        with self._lock:
            if self._items.pop(sid, None) is None:
                raise UnknownSessionError(f"session {sid!r} does not exist or has expired")

    def __len__(self) -> int:
        with self._lock:
            self._expire(self.clock())
            return len(self._items)


# -- re-indexing -----------------------------------------------------------------------------
class Reindexer:
    """Builds a new index generation in a background thread, then swaps it in.

    Queries keep using the loaded (old) index while the build runs; the swap happens between
    two answers (under the service's answer lock), so one answer never mixes two indexes.
    """

    def __init__(self, service: Service) -> None:
        self.service = service
        self._lock = threading.Lock()
        self.state: dict[str, Any] = {"state": "idle"}
        self._thread: threading.Thread | None = None

    def status(self) -> dict[str, Any]:
        with self._lock:
            return dict(self.state)

    def start(self, rebuild: bool = False) -> dict[str, Any]:
        from askcorpus.index import being_built, busy_error

        with self._lock:
            if self.state.get("state") == "running":
                raise ConflictError(
                    "a re-index is already running; poll GET /v1/reindex until it ends"
                )
            index_dir = self.service.settings.index_dir
            if being_built(index_dir):  # `askcorpus index` in another process
                raise busy_error(index_dir)
            self.state = {"state": "running", "rebuild": rebuild, "started_at": time.time()}
            self._thread = threading.Thread(
                target=self._run, args=(rebuild,), name="askcorpus-reindex", daemon=True
            )
            self._thread.start()
            return dict(self.state)

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _embedder(self) -> Any:
        """A model instance of its own for indexing (the live one keeps serving queries)."""
        rt = self.service.rt
        from askcorpus.embed import SentenceTransformerEmbedder

        if isinstance(rt.embedder, SentenceTransformerEmbedder):
            return SentenceTransformerEmbedder.from_settings(self.service.settings)
        return rt.embedder

    def _run(self, rebuild: bool) -> None:
        from askcorpus.index import build_index

        s = self.service.settings
        t0 = time.monotonic()
        try:
            summary = build_index(
                s.corpus_dir,
                s.index_dir,
                self._embedder(),
                s.chunk_tokens,
                s.chunk_overlap,
                rebuild=rebuild,
            )
            with self.service.answer_lock:
                self.service.rt.reload_index()
            if not self.service.ready.is_set():  # started without an index: finish start-up
                self.service.load_error = None
                self.service.load()
            result = {
                "state": "done",
                "summary": summary.to_dict(),
                "generation": self.service.rt.index.path.name,
            }
            log.info(
                "reindex done in %.1f s: %d documents, %d chunks, generation %s",
                time.monotonic() - t0,
                summary.documents,
                summary.chunks,
                result["generation"],
            )
        except AskcorpusError as exc:  # the corpus or the index folder: the user's to fix
            result = {"state": "failed", "error": {"code": exc.code, "message": str(exc)}}
            log.warning("reindex failed: %s", exc)
        except Exception as exc:
            result = {
                "state": "failed",
                "error": {"code": "internal", "message": f"{type(exc).__name__}: {exc}"},
            }
            log.exception("reindex failed")
        with self._lock:
            self.state = {
                **self.state,
                **result,
                "finished_at": time.time(),
                "seconds": round(time.monotonic() - t0, 2),
            }


# -- the service -----------------------------------------------------------------------------
class Service:
    """Everything a running app shares: runtime, worker, sessions, readiness, re-indexer."""

    def __init__(self, settings: Settings, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self.rt = runtime if runtime is not None else Runtime(settings)
        self.worker = LLMWorker(settings.queue_size)
        self.sessions = SessionStore(
            settings.max_sessions, settings.session_ttl_s, settings.history_turns
        )
        self.reindexer = Reindexer(self)
        self.answer_lock = threading.Lock()
        self.ready = threading.Event()
        self.search_ready = threading.Event()  # index and embedder loaded (the LLM may not be)
        self.load_error: AskcorpusError | None = None
        self.loaded_in_s: float | None = None
        self._loader: threading.Thread | None = None

    def start(self) -> None:
        """Start the LLM worker and load everything in the background (/healthz says when)."""
        self.worker.start()
        self._loader = threading.Thread(target=self.load, name="askcorpus-load", daemon=True)
        self._loader.start()

    def load(self) -> None:
        """Load index, embedder, LLM, prompts once. Errors are kept for /healthz."""
        t0 = time.monotonic()
        try:
            rt = self.rt
            rt.embedder.embed_query("warm up")  # loads the embedding model
            _ = rt.index
            _ = rt.retriever
            self.search_ready.set()  # search needs no LLM: it works even if that fails
            rt.load_llm()
            _ = rt.prompts
            _ = rt.answerer
        except AskcorpusError as exc:
            self.load_error = exc
            log.error("start-up failed: %s", exc)
            return
        except Exception as exc:
            self.load_error = AskcorpusError(f"start-up failed: {type(exc).__name__}: {exc}")
            self.load_error.code = "startup_failed"
            log.exception("start-up failed")
            return
        self.loaded_in_s = time.monotonic() - t0
        self.ready.set()
        mode = self.settings.resolved_answer_mode()
        log.info(
            "ready in %.1f s: %d documents, %d chunks, answer mode %s%s",
            self.loaded_in_s,
            len(rt.index.documents),
            len(rt.index.chunks),
            mode,
            "" if mode == "extract" else f" with {getattr(rt.generator, 'model_id', '?')}",
        )

    def check_ready(self, search_only: bool = False) -> None:
        """Raise NotReadyError unless start-up finished (`search_only`: as far as search and
        documents need)."""
        if self.ready.is_set() or (search_only and self.search_ready.is_set()):
            return
        if self.load_error is not None:
            hint = ""
            if isinstance(self.load_error, IndexMissingError):
                hint = " (or POST /v1/reindex to build it now)"
            raise NotReadyError(f"{self.load_error}{hint}", code=self.load_error.code)
        raise NotReadyError(
            "the service is still loading its models; retry shortly "
            "(GET /healthz answers 200 once ready)"
        )

    def begin_shutdown(self) -> None:
        """Tell waiting and running requests that the service is going away (no waiting)."""
        self.worker.begin_close()

    def stop(self) -> None:
        """Stop the worker (waiting jobs are dropped, the running one is told to stop)."""
        self.worker.close()
