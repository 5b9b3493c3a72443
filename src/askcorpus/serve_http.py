"""Pure ASGI middleware of the chat service: access log, API key, request body guard, HEAD.

* `AccessLog`: one line per request, `METHOD /path STATUS 12.3ms` plus what the endpoint added
  (queue time, tokens, finish reason); the duration covers a streamed body to its end. Headers
  and query strings are never logged (so neither is the API key).
* `ApiKeyAuth`: with an API key set, `Authorization: Bearer <key>` is required on every route
  except the open ones (/healthz, the web page shell, the API docs).
* `BodyGuard`: counts request-body bytes as they arrive and answers 413 as soon as the limit is
  passed (or at once from Content-Length) without reading the rest; the body is never held
  beyond the limit. For POST bodies it also checks content type, UTF-8 and JSON syntax so that
  each failure is a 4xx with a message saying what to fix.
* `HeadAsGet`: HEAD is answered as GET, without the body.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("askcorpus.access")

# Routes that never need the API key: liveness, and pages that hold no corpus data (the chat
# page needs the key only for its API calls, which send it).
OPEN_PATHS = frozenset(
    {"/healthz", "/", "/favicon.ico", "/docs", "/docs/oauth2-redirect", "/openapi.json"}
)
DOCS_ASSETS = "/docs-assets"  # Swagger UI files, when served locally
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def error_body(code: str, message: str) -> dict[str, Any]:
    """The JSON shape of every error: {"error": {"code", "message", "type"}}.

    `type` is there for OpenAI clients, which read it; ours read code and message.
    """
    return {"error": {"code": code, "message": message, "type": _error_type(code)}}


def _error_type(code: str) -> str:
    if code in ("unauthorized",):
        return "authentication_error"
    if code in (
        "queue_full",
        "not_ready",
        "timeout",
        "shutting_down",
        "internal",
        "no_index",
        "startup_failed",
        "model_not_found",
        "index_corrupt",
        "index_mismatch",
    ):
        return "server_error"
    return "invalid_request_error"


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: Iterable[tuple[str, str]] = ()
) -> None:
    """Send a whole JSON response from middleware."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": data, "more_body": False})


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers") or ():
        if k.lower() == name:
            return v.decode("latin-1")
    return None


def _printable(text: str, limit: int = 200) -> str:
    """A path made safe for one log line (no control characters, bounded)."""
    out = "".join(
        ch if ch.isprintable() and ch != " " else f"%{ord(ch):02X}" for ch in text[:limit]
    )
    return out + ("..." if len(text) > limit else "")


class AccessLog:
    """Logs `METHOD /path STATUS 12.3ms key=value...` when the response has been sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        scope.setdefault("state", {})["t0"] = time.monotonic()  # start of the request's deadline
        status = {"code": 0}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        failed = False
        try:
            await self.app(scope, receive, send_wrapper)
        except BaseException:
            failed = True
            raise
        finally:
            ms = (time.perf_counter() - t0) * 1000
            code = status["code"] or (500 if failed else 0)
            extra = (scope.get("state") or {}).get("log_extra") or {}
            tail = "".join(f" {k}={v}" for k, v in extra.items())
            access_log.info(
                "%s %s %d %.1fms%s",
                scope.get("method", "?"),
                _printable(scope.get("path", "")),
                code,
                ms,
                tail,
            )


class ApiKeyAuth:
    """Requires `Authorization: Bearer <key>` (compared in constant time) when a key is set."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self.key = api_key.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or not self.key
            or path in OPEN_PATHS
            or path.startswith(DOCS_ASSETS + "/")
            or scope.get("method") == "OPTIONS"
        ):
            await self.app(scope, receive, send)
            return
        value = _header(scope, b"authorization") or ""
        scheme, _, token = value.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode("utf-8", "replace"), self.key
        ):
            await self.app(scope, receive, send)
            return
        message = (
            "missing API key: send the header 'Authorization: Bearer <key>'"
            if not value
            else "wrong API key or scheme: send 'Authorization: Bearer <key>'"
        )
        await send_json(
            send,
            401,
            error_body("unauthorized", message),
            [("www-authenticate", 'Bearer realm="askcorpus"')],
        )


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware, whose refused preflight (an origin, method or header not
    allowed) answers in the JSON error shape like every other error, not in plain text."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        text = bytes(response.body).decode()
        headers = {k: v for k, v in response.headers.items() if k.lower().startswith("access-")}
        return JSONResponse(error_body("cors_refused", text), 400, headers=headers)


class HeadAsGet:
    """HEAD answered as GET without the body: HTTP allows HEAD wherever GET works, and health
    checkers send it (`curl -I /healthz`). The headers, Content-Length included, are GET's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class BodyGuard:
    """Request-body limit enforced while the body streams in, plus JSON well-formedness."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> dict[str, Any]:
        return error_body(
            "body_too_large",
            f"the request body is larger than {self.max_bytes} bytes (setting "
            "ASKCORPUS_MAX_BODY_BYTES); send a shorter message",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            await send_json(send, 413, self._too_large(), [("connection", "close")])
            return
        if scope.get("method") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return

        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left before sending its body: nothing to answer
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                await send_json(send, 413, self._too_large(), [("connection", "close")])
                return
            if body:
                chunks.append(body)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        del chunks
        if body:
            problem = _check_json_body(body, _header(scope, b"content-type"), scope["path"])
            if problem is not None:
                status, code, text = problem
                await send_json(send, status, error_body(code, text))
                return
            if _header(scope, b"content-type") is None:  # JSON sent without saying so
                scope = {
                    **scope,
                    "headers": [*scope["headers"], (b"content-type", b"application/json")],
                }

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# What a well-formed body looks like, per route (others: any JSON object)
EXAMPLES = {
    "/v1/chat": '{"message": "Who leads NATO?"}',
    "/v1/chat/completions": '{"messages": [{"role": "user", "content": "Who leads NATO?"}]}',
}


def _check_json_body(
    body: bytes, content_type: str | None, path: str = ""
) -> tuple[int, str, str] | None:
    """(status, code, message) if the body is not UTF-8 JSON of the right content type."""
    if content_type is not None:
        mime, _, params = content_type.partition(";")
        mime = mime.strip().lower()
        if mime != "application/json" and not (
            mime.startswith("application/") and mime.endswith("+json")
        ):
            return (
                415,
                "unsupported_media_type",
                f"the body must be JSON sent with 'Content-Type: application/json' "
                f"(got {mime or 'an empty type'!r})",
            )
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
                "utf-8",
                "utf8",
            ):
                return (
                    415,
                    "unsupported_media_type",
                    f"only UTF-8 is accepted (got charset={value.strip()}); send the body as UTF-8",
                )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            400,
            "bad_encoding",
            f"the body is not valid UTF-8 (byte 0x{body[exc.start]:02x} at offset "
            f"{exc.start}); encode the JSON as UTF-8",
        )
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return (
            400,
            "malformed_json",
            f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column "
            f"{exc.colno}; send a JSON object"
            + (f" such as {EXAMPLES[path]}" if path in EXAMPLES else ""),
        )
    except RecursionError:
        return (400, "malformed_json", "the JSON body is nested too deeply")
    except ValueError:  # a number Python will not convert (over 4300 digits)
        return (400, "malformed_json", "the body is not valid JSON: a number is too long")
    return None
