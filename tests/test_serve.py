"""The chat service through Starlette's TestClient: every endpoint and error case.

The index is the real corpus/ embedded with the FakeEmbedder (built once per module); the LLM is
`fakes_llm.FakeGenerator`. Live-server behaviour (real sockets, disconnects) is in
test_serve_live.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from askcorpus.serve import create_app, validation_message
from askcorpus.serve_core import LLMWorker, SessionStore, UnknownSessionError
from askcorpus.settings import Settings
from fakes import FakeEmbedder, write_corpus
from fakes_llm import FAKE_ANSWER_SETTINGS, FakeGenerator, build_fake_index, fake_runtime

REPO = Path(__file__).resolve().parent.parent
QUESTION = "What did Lavrov accuse NATO of?"
OFF_TOPIC = "How do quokkas bake sourdough bread?"  # abstains with the fake embedder


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "index"
    build_fake_index(REPO / "corpus", path)
    return path


def wait_ready(client: TestClient, timeout: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get("/healthz")
        if r.status_code == 200:
            return r.json()
        assert time.monotonic() < deadline, r.text
        time.sleep(0.02)


@contextmanager
def serving(
    index_path: Path, gen: FakeGenerator | None = None, ready: bool = True, **overrides: Any
) -> Iterator[tuple[TestClient, FakeGenerator]]:
    """A TestClient on a fresh app (lifespan run) with a fake LLM."""
    gen = gen or FakeGenerator()
    overrides = {**FAKE_ANSWER_SETTINGS, **overrides}
    settings = Settings(index_dir=index_path, prompts_dir=REPO / "prompts", **overrides)
    app = create_app(settings, fake_runtime(settings, gen))
    with TestClient(app, raise_server_exceptions=False) as client:
        if ready:
            wait_ready(client)
        yield client, gen


@pytest.fixture
def client(index_path: Path) -> Iterator[TestClient]:
    with serving(index_path) as (c, _):
        yield c


def sse_events(text: str) -> list[tuple[str, Any]]:
    """Parse an SSE body into (event, data) pairs."""
    out = []
    for block in text.split("\n\n"):
        event, data = "message", []
        for line in block.splitlines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            raw = "\n".join(data)
            out.append((event, raw if raw == "[DONE]" else json.loads(raw)))
    return out


def assert_error(r: Any, status: int, code: str | None = None, *words: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert set(err) >= {"code", "message"} and err["message"]
    if code:
        assert err["code"] == code, err
    for w in words:
        assert w.lower() in err["message"].lower(), err
    return err


def no_vectors(obj: Any) -> None:
    """Nothing in a response looks like a raw embedding."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            assert "embedding" not in key and "vector" not in key
            no_vectors(value)
    elif isinstance(obj, list):
        assert not (len(obj) > 16 and all(isinstance(v, float) for v in obj))
        for value in obj:
            no_vectors(value)


# -- health, page, docs ---------------------------------------------------------------------
def test_healthz_ready_reports_model_index_and_queue(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["model"] == "fake-llm"
    assert body["index"]["documents"] == 5 and body["index"]["chunks"] > 5
    assert body["queue"]["capacity"] == 8 and body["queue"]["running"] == 0


def test_healthz_is_503_until_models_are_loaded(index_path: Path) -> None:
    gen = FakeGenerator()
    release = threading.Event()
    gen.load = lambda: release.wait(10)  # type: ignore[method-assign]
    with serving(index_path, gen, ready=False) as (c, _):
        r = c.get("/healthz")
        assert r.status_code == 503 and r.json()["status"] == "loading"
        assert_error(c.post("/v1/chat", json={"message": QUESTION}), 503, "not_ready", "loading")
        # search needs only the index and the embedder: it answers while the LLM loads
        deadline = time.monotonic() + 10
        while c.get("/v1/search", params={"q": "NATO"}).status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert c.post("/v1/chat", json={"message": QUESTION}).status_code == 503
        release.set()
        wait_ready(c)
        assert c.post("/v1/chat", json={"message": QUESTION}).status_code == 200


def test_search_and_documents_work_when_the_llm_does_not_load(index_path: Path) -> None:
    from askcorpus.errors import ModelNotFoundError

    gen = FakeGenerator()

    def broken() -> None:
        raise ModelNotFoundError("cannot load LLM broken.gguf (setting llm_model)")

    gen.load = broken  # type: ignore[method-assign]
    with serving(index_path, gen, ready=False) as (c, _):
        deadline = time.monotonic() + 10
        while c.get("/healthz").json()["status"] != "error":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert c.get("/v1/search", params={"q": "NATO"}).status_code == 200
        assert c.get("/v1/documents").status_code == 200
        assert_error(c.post("/v1/chat", json={"message": QUESTION}), 503, None, "broken.gguf")


def test_missing_index_is_reported_and_can_be_built_with_reindex(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    settings = Settings(
        index_dir=tmp_path / "index",
        corpus_dir=corpus,
        prompts_dir=REPO / "prompts",
        **FAKE_ANSWER_SETTINGS,
    )
    app = create_app(settings, fake_runtime(settings, FakeGenerator()))
    with TestClient(app) as c:
        deadline = time.monotonic() + 5
        while (r := c.get("/healthz")).json().get("status") == "loading":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert r.status_code == 503 and r.json()["error"]["code"] == "no_index"
        assert_error(
            c.post("/v1/chat", json={"message": "x y z"}), 503, "no_index", "askcorpus index"
        )
        assert c.post("/v1/reindex").status_code == 202
        body = wait_ready(c)
        assert body["index"]["documents"] == 3


def test_page_docs_and_openapi(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "askcorpus" in r.text and "/v1/chat" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    if "/docs-assets/" in docs.text:  # swagger-ui-bundle installed: docs work offline
        assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    for path in (
        "/v1/chat",
        "/v1/chat/completions",
        "/v1/search",
        "/v1/documents",
        "/healthz",
        "/v1/reindex",
    ):
        assert path in spec["paths"], path


def test_unknown_route_and_wrong_method_are_json(client: TestClient) -> None:
    assert_error(client.get("/v1/nope"), 404, "not_found", "/docs")
    assert_error(client.get("/v1/chat"), 405, "method_not_allowed")
    r = client.post("/v1/chat/", json={"message": QUESTION}, follow_redirects=False)
    assert_error(r, 404, "not_found")


def test_head_is_answered_as_get_without_a_body(client: TestClient) -> None:
    for path in ("/healthz", "/", "/v1/documents"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-length"] == str(len(got.content))
    r = client.head("/v1/search", params={"q": ""})  # an error is GET's too, without its body
    assert r.status_code == client.get("/v1/search", params={"q": ""}).status_code == 422
    assert r.content == b""


# -- /v1/chat ---------------------------------------------------------------------------------
def test_chat_returns_answer_object_with_session(client: TestClient) -> None:
    r = client.post("/v1/chat", json={"message": QUESTION})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {
        "question",
        "standalone_question",
        "answer",
        "abstained",
        "citations",
        "timings",
        "model",
        "finish_reason",
        "grounded",
        "session_id",
    }
    assert body["abstained"] is False and body["grounded"] is True
    assert body["finish_reason"] == "stop" and body["model"] == "fake-llm"
    c = body["citations"][0]
    assert set(c) == {"n", "chunk_id", "doc_id", "title", "text", "start", "end", "score"}
    assert "[1]" in body["answer"]
    assert {"retrieve_ms", "total_ms", "queue_ms"} <= set(body["timings"])
    no_vectors(body)


def test_followup_uses_session_history_and_history_is_bounded(index_path: Path) -> None:
    with serving(index_path, history_turns=2) as (c, _):
        sid = c.post("/v1/chat", json={"message": QUESTION}).json()["session_id"]
        r = c.post("/v1/chat", json={"message": "What did he say there?", "session_id": sid})
        body = r.json()
        assert body["session_id"] == sid
        assert "Lavrov" in body["standalone_question"]  # made self-contained from history
        for i in range(3):
            c.post("/v1/chat", json={"message": f"NATO question {i}", "session_id": sid})
        svc = c.app.state.service  # type: ignore[attr-defined]
        assert len(svc.sessions.get(sid).conversation.turns) == 2


def test_unknown_session_is_404_saying_to_omit_it(client: TestClient) -> None:
    r = client.post("/v1/chat", json={"message": QUESTION, "session_id": "nope"})
    assert_error(r, 404, "unknown_session", "omit session_id")
    r = client.post("/v1/chat", json={"message": QUESTION, "session_id": "bad id!"})
    assert_error(r, 422, "invalid_request", "session_id")
    r = client.post("/v1/chat", json={"message": QUESTION, "session_id": "x" * 65})
    assert_error(r, 422, "invalid_request", "session_id")


def test_sessions_are_bounded_in_count_and_expire_when_idle(index_path: Path) -> None:
    with serving(index_path, max_sessions=2, session_ttl_s=1.5) as (c, _):  # room for a slow CI
        ids = [
            c.post("/v1/chat", json={"message": QUESTION}).json()["session_id"] for _ in range(3)
        ]
        assert (
            c.post("/v1/chat", json={"message": QUESTION, "session_id": ids[0]}).status_code == 404
        )  # least recently used, evicted
        assert (
            c.post("/v1/chat", json={"message": QUESTION, "session_id": ids[2]}).status_code == 200
        )
        time.sleep(1.6)
        assert (
            c.post("/v1/chat", json={"message": QUESTION, "session_id": ids[2]}).status_code == 404
        )  # idle too long


def test_delete_session(client: TestClient) -> None:
    sid = client.post("/v1/chat", json={"message": QUESTION}).json()["session_id"]
    assert client.delete(f"/v1/sessions/{sid}").status_code == 204
    assert client.post("/v1/chat", json={"message": QUESTION, "session_id": sid}).status_code == 404
    assert client.delete(f"/v1/sessions/{sid}").status_code == 404


def test_chat_stream_sends_tokens_then_done(client: TestClient) -> None:
    r = client.post("/v1/chat", json={"message": QUESTION, "stream": True})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    kinds = [k for k, _ in events]
    assert kinds[-1] == "done" and kinds.count("done") == 1
    tokens = [d["text"] for k, d in events if k == "token"]
    assert len(tokens) >= 3
    done = events[-1][1]
    assert done["session_id"] and done["citations"] and done["timings"]["total_ms"] >= 0
    assert "".join(tokens).strip() == done["answer"]


def test_abstention_is_flagged_with_closest_passages(client: TestClient) -> None:
    body = client.post("/v1/chat", json={"message": OFF_TOPIC, "k": 2}).json()
    assert body["abstained"] is True and body["grounded"] is False
    assert body["answer"].startswith("The corpus does not say")
    assert len(body["citations"]) == 2
    more = client.post("/v1/chat", json={"message": OFF_TOPIC, "k": 5}).json()
    assert more["abstained"] and len(more["citations"]) == 5  # k passages listed, not 3


@pytest.mark.parametrize(
    "extra",
    [
        {"temperature": "hot"},
        {"temperature": [1]},
        {"temperature": 3},
        {"top_p": "x"},
        {"stop": 5},
        {"stream": "yes"},
        {"max_tokens": "8"},
    ],
)
def test_openai_options_of_the_wrong_type_are_422(
    client: TestClient, extra: dict[str, Any]
) -> None:
    body = {"messages": [{"role": "user", "content": QUESTION}], **extra}
    r = client.post("/v1/chat/completions", json=body)
    assert_error(r, 422, "invalid_request", next(iter(extra)))


def test_openai_options_of_the_right_type_are_accepted(client: TestClient) -> None:
    body = {
        "messages": [{"role": "user", "content": QUESTION}],
        "temperature": 0.2,
        "top_p": 1,
        "stop": ["\n"],
        "user": "someone",  # fields askcorpus does not use are still ignored
    }
    assert client.post("/v1/chat/completions", json=body).status_code == 200


@pytest.mark.parametrize(
    ("payload", "code", "words"),
    [
        ({}, "invalid_request", ["message", "required"]),
        ({"message": ""}, "bad_query", ["empty"]),
        ({"message": "   \u200b "}, "bad_query", ["empty"]),
        ({"message": "x" * 1001}, "bad_query", ["1000"]),
        ({"message": 12}, "invalid_request", ["message"]),
        ({"message": QUESTION, "k": 0}, "invalid_request", ["k"]),
        ({"message": QUESTION, "k": 101}, "invalid_request", ["k", "100"]),
        ({"message": QUESTION, "max_tokens": 0}, "invalid_request", ["max_tokens"]),
        ({"message": QUESTION, "stream": "maybe"}, "invalid_request", ["stream"]),
        ({"message": QUESTION, "stream": "yes"}, "invalid_request", ["stream"]),
        ({"message": QUESTION, "stream": 1}, "invalid_request", ["stream"]),
        ({"message": QUESTION, "k": "3"}, "invalid_request", ["k"]),
        ({"message": QUESTION, "max_tokens": "8"}, "invalid_request", ["max_tokens"]),
        ({"mesage": QUESTION}, "invalid_request", ["mesage", "unknown field"]),
    ],
)
def test_chat_rejects_bad_requests_with_a_readable_422(
    client: TestClient, payload: dict[str, Any], code: str, words: list[str]
) -> None:
    assert_error(client.post("/v1/chat", json=payload), 422, code, *words)


def test_body_must_be_a_json_object(client: TestClient) -> None:
    r = client.post("/v1/chat", content=b"[1, 2]", headers={"content-type": "application/json"})
    assert_error(r, 422, "invalid_request", "JSON object")
    r = client.post("/v1/chat", content=b"", headers={"content-type": "application/json"})
    assert_error(r, 422, "invalid_request", "JSON body is required")


def test_malformed_json_is_400(client: TestClient) -> None:
    r = client.post(
        "/v1/chat", content=b'{"message": "hi",', headers={"content-type": "application/json"}
    )
    assert_error(r, 400, "malformed_json", "not valid JSON", "column", '{"message": ')
    r = client.post("/v1/reindex", content=b"{", headers={"content-type": "application/json"})
    assert_error(r, 400, "malformed_json", "send a JSON object")
    assert "message" not in r.json()["error"]["message"]  # no /v1/chat body suggested here
    deep = b"[" * 100_00 + b"]" * 100_00
    r = client.post("/v1/chat", content=deep, headers={"content-type": "application/json"})
    assert r.status_code in (400, 422)
    huge = b'{"message": "hi", "k": ' + b"9" * 4301 + b"}"  # more digits than Python converts
    r = client.post("/v1/chat", content=huge, headers={"content-type": "application/json"})
    assert_error(r, 400, "malformed_json", "not valid JSON")


def test_a_lone_surrogate_in_a_question_is_dropped(client: TestClient) -> None:
    def post(message: str) -> Any:  # JSON may escape a surrogate that UTF-8 cannot carry
        body = '{"message": "\\ud800' + message + '"}'
        return client.post("/v1/chat", content=body, headers={"content-type": "application/json"})

    r = post(QUESTION)
    assert r.status_code == 200 and r.json()["question"] == QUESTION
    assert_error(post(""), 422, "bad_query", "empty")


def test_wrong_content_type_is_415(client: TestClient) -> None:
    r = client.post(
        "/v1/chat",
        content=b"message=hi",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert_error(r, 415, "unsupported_media_type", "application/json")
    r = client.post(
        "/v1/chat",
        content=json.dumps({"message": QUESTION}).encode("utf-16"),
        headers={"content-type": "application/json; charset=utf-16"},
    )
    assert_error(r, 415, "unsupported_media_type", "UTF-8")


def test_json_sent_without_a_content_type_is_read(client: TestClient) -> None:
    r = client.post("/v1/chat", content=json.dumps({"message": QUESTION}).encode())
    assert "content-type" not in r.request.headers
    assert r.status_code == 200 and r.json()["answer"]


def test_non_utf8_body_is_400(client: TestClient) -> None:
    r = client.post(
        "/v1/chat", content=b'{"message": "caf\xe9"}', headers={"content-type": "application/json"}
    )
    assert_error(r, 400, "bad_encoding", "UTF-8")


def test_body_limit_with_and_without_content_length(index_path: Path) -> None:
    with serving(index_path, max_body_bytes=4096) as (c, gen):
        big = json.dumps({"message": "x" * 5000}).encode()
        r = c.post("/v1/chat", content=big, headers={"content-type": "application/json"})
        assert_error(r, 413, "body_too_large", "4096")

        def chunks() -> Iterator[bytes]:
            yield b'{"message": "'
            for _ in range(100):
                yield b"x" * 1000
            yield b'"}'

        r = c.post("/v1/chat", content=chunks(), headers={"content-type": "application/json"})
        assert_error(r, 413, "body_too_large")
        assert gen.stats()["calls"] == 0


def test_max_tokens_above_cap_is_clamped_and_below_cap_limits(index_path: Path) -> None:
    with serving(index_path, FakeGenerator(pad_to=40), llm_max_tokens=10) as (c, gen):
        body = c.post("/v1/chat", json={"message": QUESTION, "max_tokens": 10_000}).json()
        assert body["finish_reason"] == "length"
        assert gen.per_call[-1] == 10
        body = c.post("/v1/chat", json={"message": QUESTION, "max_tokens": 3}).json()
        assert body["finish_reason"] == "length"
        assert gen.per_call[-1] == 3


def test_generator_failure_is_a_500_json_error_or_an_error_event(
    index_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    gen = FakeGenerator()

    def boom(*args: Any, **kwargs: Any) -> Iterator[str]:
        raise RuntimeError("llama exploded")
        yield ""  # pragma: no cover

    gen.stream = boom  # type: ignore[method-assign]
    with serving(index_path, gen) as (c, _):
        err = assert_error(c.post("/v1/chat", json={"message": QUESTION}), 500, "internal")
        assert "exploded" not in err["message"]
        r = c.post("/v1/chat", json={"message": QUESTION, "stream": True})
        events = sse_events(r.text)
        assert events[-1][0] == "error" and events[-1][1]["error"]["code"] == "internal"
        # the worker survives
        gen.stream = FakeGenerator().stream  # type: ignore[method-assign]
        assert c.post("/v1/chat", json={"message": QUESTION}).status_code == 200


# -- queue, concurrency, deadline -----------------------------------------------------------
def _post_in_thread(c: TestClient, payload: dict[str, Any], out: list[Any]) -> threading.Thread:
    t = threading.Thread(target=lambda: out.append(c.post("/v1/chat", json=payload)))
    t.start()
    return t


def test_queue_full_is_503_at_once_with_retry_after(index_path: Path) -> None:
    gen = FakeGenerator()
    gen.gate = threading.Event()
    with serving(index_path, gen, queue_size=2) as (c, _):
        out: list[Any] = []
        threads = [_post_in_thread(c, {"message": QUESTION}, out)]
        assert gen.started.wait(5)
        threads.append(_post_in_thread(c, {"message": QUESTION}, out))
        deadline = time.monotonic() + 5
        while c.get("/healthz").json()["queue"]["waiting"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        t0 = time.monotonic()
        r = c.post("/v1/chat", json={"message": QUESTION})
        assert time.monotonic() - t0 < 2.0  # the gated generation never ends by itself
        err = assert_error(r, 503, "queue_full", "busy")
        assert int(r.headers["retry-after"]) >= 1
        assert f"retry in {r.headers['retry-after']} s" in err["message"]  # the number itself
        r = c.post(
            "/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}]}
        )
        assert_error(r, 503, "queue_full")
        gen.gate.set()
        for t in threads:
            t.join(10)
        assert [r.status_code for r in out] == [200, 200]
        assert len(c.app.state.service.sessions) == 2  # type: ignore[attr-defined]


def test_llm_is_never_called_concurrently(index_path: Path) -> None:
    gen = FakeGenerator(delay=0.005)
    with serving(index_path, gen, queue_size=16) as (c, _):
        out: list[Any] = []
        threads = [_post_in_thread(c, {"message": QUESTION}, out) for _ in range(6)]
        for t in threads:
            t.join(20)
        assert [r.status_code for r in out] == [200] * 6
        assert gen.max_active == 1 and gen.stats()["calls"] == 6


def test_deadline_ends_a_long_generation_with_finish_reason_timeout(index_path: Path) -> None:
    # 1.5 s leaves room for the work before the LLM starts on a loaded CI machine (0.4 s
    # did not, once); 500 tokens at 0.05 s would take 25 s
    gen = FakeGenerator(delay=0.05, pad_to=500)
    with serving(index_path, gen, request_timeout_s=1.5, llm_max_tokens=1000) as (c, _):
        t0 = time.monotonic()
        body = c.post("/v1/chat", json={"message": QUESTION}).json()
        assert body["finish_reason"] == "timeout", body
        assert time.monotonic() - t0 < 8.0
        assert gen.per_call[-1] < 100  # ~30 tokens fit in 1.5 s; 500 were scripted
        events = sse_events(c.post("/v1/chat", json={"message": QUESTION, "stream": True}).text)
        assert events[-1][0] == "done" and events[-1][1]["finish_reason"] == "timeout"


def test_request_whose_time_runs_out_in_the_queue_never_runs(index_path: Path) -> None:
    gen = FakeGenerator()
    release = threading.Event()
    inner = gen.stream

    def stuck(*args: Any, **kwargs: Any) -> Iterator[str]:
        release.wait(10)  # a llama.cpp call that does not look at should_stop for a while
        yield from inner(*args, **kwargs)

    gen.stream = stuck  # type: ignore[method-assign]
    # 1.5 s: the first job must start before its own deadline even on a loaded CI machine
    with serving(index_path, gen, request_timeout_s=1.5) as (c, _):
        out: list[Any] = []
        first = _post_in_thread(c, {"message": QUESTION}, out)
        deadline = time.monotonic() + 5
        while c.get("/healthz").json()["queue"]["running"] == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        threading.Timer(5.0, release.set).start()  # well after the second one's deadline
        t0 = time.monotonic()
        r = c.post("/v1/chat", json={"message": QUESTION})
        assert time.monotonic() - t0 < 4.0  # answered at its deadline, not when the LLM frees
        first.join(10)
        assert out[0].json()["finish_reason"] == "timeout"
        assert_error(r, 503, "timeout", "time limit")
        assert int(r.headers["retry-after"]) >= 1
        assert gen.stats()["calls"] == 1
        assert c.get("/healthz").json()["queue"]["dropped_timeout"] == 1


def test_a_running_answer_that_overruns_says_so_not_busy(
    index_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import askcorpus.serve as serve_mod

    monkeypatch.setattr(serve_mod, "GRACE_S", 0.3)
    gen = FakeGenerator()
    release = threading.Event()
    inner = gen.stream

    def stuck(*args: Any, **kwargs: Any) -> Iterator[str]:
        release.wait(10)  # reading a long prompt: should_stop is not looked at
        yield from inner(*args, **kwargs)

    gen.stream = stuck  # type: ignore[method-assign]
    # 1.5 s: the job must have left the queue before its deadline, or it is reported as
    # "busy" (on a loaded CI machine 0.3 s was not always enough)
    with serving(index_path, gen, request_timeout_s=1.5) as (c, _):
        r = c.post("/v1/chat", json={"message": QUESTION})
        release.set()
        assert_error(r, 503, "timeout", "past the time limit")
        assert "busy" not in r.json()["error"]["message"]


def test_finish_reason_of_an_answer_the_llm_did_not_write() -> None:
    from askcorpus.serve_core import Job

    job = Job(fn=lambda j: None, deadline=time.monotonic() + 60, loop=None, max_tokens=5)  # type: ignore[arg-type]
    job.tokens = 5  # the budget was spent: the LLM's reply was cut
    assert job.stop_reason("cancelled", generated=True) == "length"
    assert job.stop_reason("cancelled", generated=False) == "stop"  # the evidence answered
    assert job.stop_reason("stop", generated=False) == "stop"


def test_worker_drops_a_job_cancelled_while_queued() -> None:
    ran: list[str] = []

    async def scenario() -> None:
        worker = LLMWorker(capacity=3)
        worker.start()
        release = threading.Event()
        far = time.monotonic() + 30
        a = worker.submit(lambda job: (release.wait(5), ran.append("a")), far, 10)
        b = worker.submit(lambda job: ran.append("b"), far, 10)
        assert (await a.events.get())[0] == "start"
        worker.cancel(b)
        assert await b.events.get() == ("dropped", "cancelled")
        assert worker.snapshot()["waiting"] == 0
        release.set()
        while (await a.events.get())[0] != "done":
            pass
        worker.close()

    asyncio.run(scenario())
    assert ran == ["a"]


def test_session_store_bounds_and_ttl() -> None:
    now = [0.0]
    store = SessionStore(max_sessions=2, ttl_s=10, history_turns=3, clock=lambda: now[0])
    a, _ = store.create()
    b, _ = store.create()
    now[0] = 5
    store.get(a)  # a is now the most recently used
    c, _ = store.create()  # evicts b
    with pytest.raises(UnknownSessionError):
        store.get(b)
    assert store.get(a).conversation.max_turns == 3
    now[0] = 20  # c idle for 20 s > ttl
    with pytest.raises(UnknownSessionError, match="omit session_id"):
        store.get(c)
    assert len(store) == 0


def test_a_session_is_idle_from_when_its_answer_ended(index_path: Path) -> None:
    gen = FakeGenerator(delay=0.05, pad_to=30)  # an answer of about 1.5 s
    with serving(index_path, gen, session_ttl_s=1.0, llm_max_tokens=100) as (c, _):
        first = c.post("/v1/chat", json={"message": QUESTION}).json()
        assert first["timings"]["total_ms"] > 1000  # longer than the session may idle
        follow = c.post("/v1/chat", json={"message": "Who?", "session_id": first["session_id"]})
        assert follow.status_code == 200, follow.text


# -- search and documents ---------------------------------------------------------------------
def test_search_returns_ranked_passages(client: TestClient) -> None:
    r = client.get("/v1/search", params={"q": "Lavrov Almaty meeting", "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["k"] == 3 and len(body["results"]) == 3
    hit = body["results"][0]
    assert set(hit) == {"chunk_id", "doc_id", "title", "text", "start", "end", "score"}
    scores = [h["score"] for h in body["results"]]
    assert scores == sorted(scores, reverse=True)
    no_vectors(body)
    only = client.get("/v1/search", params={"q": "NATO", "doc": hit["doc_id"]}).json()
    assert {h["doc_id"] for h in only["results"]} == {hit["doc_id"]}


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"q": "NATO", "k": 0}, 422, ["k", "greater than or equal to 1"]),
        ({"q": "NATO", "k": 101}, 422, ["k", "100"]),
        ({"q": "NATO", "k": "five"}, 422, ["k", "integer"]),
        ({}, 422, ["q", "required"]),
        ({"q": "  "}, 422, ["empty"]),
        ({"q": "x" * 1001}, 422, ["1000"]),
        ({"q": "NATO", "date_from": "yesterday"}, 422, ["date_from"]),
        ({"q": "NATO", "date_from": "2024-06-01", "date_to": "2024-05-01"}, 422, ["range"]),
    ],
)
def test_search_rejects_bad_parameters(
    client: TestClient, params: dict[str, Any], status: int, words: list[str]
) -> None:
    assert_error(client.get("/v1/search", params=params), status, None, *words)


def test_documents_list_and_detail(client: TestClient) -> None:
    body = client.get("/v1/documents").json()
    assert body["total"] == 5 and len(body["documents"]) == 5
    doc = body["documents"][0]
    assert set(doc) >= {"doc_id", "title", "date", "chars", "chunks"} and "text" not in doc
    page = client.get("/v1/documents", params={"limit": 2, "offset": 4}).json()
    assert len(page["documents"]) == 1
    full = client.get(f"/v1/documents/{doc['doc_id']}").json()
    assert len(full["text"]) == doc["chars"] and isinstance(full["meta"], dict)
    assert_error(client.get("/v1/documents/missing.txt"), 404, "not_found", "missing.txt")
    assert_error(client.get("/v1/documents", params={"limit": 0}), 422, "invalid_request")


# -- API key, CORS, logs ----------------------------------------------------------------------
def test_api_key_required_everywhere_but_healthz_and_never_logged(
    index_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    key = "s3cret-key-value"
    caplog.set_level(logging.INFO)
    with serving(index_path, api_key=key) as (c, _):
        for method, path in (
            ("post", "/v1/chat"),
            ("get", "/v1/search?q=NATO"),
            ("get", "/v1/documents"),
            ("post", "/v1/chat/completions"),
            ("get", "/v1/models"),
            ("post", "/v1/reindex"),
        ):
            r = getattr(c, method)(path, **({"json": {}} if method == "post" else {}))
            assert_error(r, 401, "unauthorized", "Bearer")
            assert r.headers["www-authenticate"].startswith("Bearer")
        r = c.get("/v1/documents", headers={"Authorization": "Bearer wrong"})
        assert_error(r, 401, "unauthorized", "wrong")
        assert c.get("/healthz").status_code == 200
        assert c.get("/").status_code == 200  # the page shell; its API calls send the key
        auth = {"Authorization": f"Bearer {key}"}
        assert c.post("/v1/chat", json={"message": QUESTION}, headers=auth).status_code == 200
        assert c.get("/v1/documents", headers=auth).status_code == 200
    assert key not in caplog.text
    assert "POST /v1/chat 401" in caplog.text


def test_cors_is_off_unless_configured(index_path: Path) -> None:
    pre = {
        "Origin": "http://example.test",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    with serving(index_path) as (c, _):
        r = c.options("/v1/chat", headers=pre)
        assert "access-control-allow-origin" not in r.headers
        r = c.get("/healthz", headers={"Origin": "http://example.test"})
        assert "access-control-allow-origin" not in r.headers
    with serving(index_path, cors_origins="http://example.test/", api_key="k") as (c, _):
        r = c.options("/v1/chat", headers=pre)
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "http://example.test"
        r = c.options("/v1/chat", headers={**pre, "Origin": "http://elsewhere.test"})
        assert r.status_code == 400
        assert r.json()["error"]["code"] == "cors_refused"
        assert "origin" in r.json()["error"]["message"]


def test_one_access_log_line_per_request_with_timing(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="askcorpus.access")
    client.post("/v1/chat", json={"message": QUESTION})
    client.get("/v1/search", params={"q": "NATO"})
    client.post("/v1/chat", content=b"{", headers={"content-type": "application/json"})
    lines = [r.getMessage() for r in caplog.records if r.name == "askcorpus.access"]
    assert len(lines) == 3, lines
    assert lines[0].startswith("POST /v1/chat 200 ") and "ms" in lines[0]
    assert "finish=stop" in lines[0] and "tokens=" in lines[0]
    assert lines[1].startswith("GET /v1/search 200 ")
    assert "NATO" not in lines[1]  # query strings are not logged
    assert lines[2].startswith("POST /v1/chat 400 ")


def test_validation_message_is_readable() -> None:
    msg = validation_message(
        [
            {"loc": ("body", "message"), "type": "missing", "msg": "Field required"},
            {"loc": ("query", "k"), "type": "less_than_equal", "msg": "Input should be <= 100"},
        ]
    )
    assert msg == "message: required; k (query parameter): Input should be <= 100"


# -- OpenAI-compatible endpoint, with the real openai client ------------------------------
def _openai(c: TestClient) -> Any:
    openai = pytest.importorskip("openai")
    return openai.OpenAI(
        base_url="http://testserver/v1", api_key="unused", http_client=c, max_retries=0
    )


def test_openai_client_non_streaming(client: TestClient) -> None:
    oa = _openai(client)
    resp = oa.chat.completions.create(
        model="anything",
        messages=[{"role": "system", "content": "be brief"}, {"role": "user", "content": QUESTION}],
    )
    choice = resp.choices[0]
    assert choice.message.role == "assistant" and "[1]" in choice.message.content
    assert choice.finish_reason == "stop"
    assert resp.model == "fake-llm"
    extra = resp.model_extra
    assert extra["citations"][0]["n"] == 1 and extra["citations"][0]["title"]
    assert extra["askcorpus"]["abstained"] is False
    assert [m.id for m in oa.models.list().data] == ["fake-llm"]


def test_openai_model_names_what_answered(index_path: Path) -> None:
    with serving(index_path, answer_mode="extract") as (c, gen):
        oa = _openai(c)
        resp = oa.chat.completions.create(
            model="x", messages=[{"role": "user", "content": QUESTION}]
        )
        assert resp.model == "extractive" and resp.model_extra["askcorpus"]["model"] == "extractive"
        chunks = list(
            oa.chat.completions.create(
                model="x", stream=True, messages=[{"role": "user", "content": QUESTION}]
            )
        )
        assert {ch.model for ch in chunks} == {"extractive"}
        assert [m.id for m in oa.models.list().data] == ["extractive"]
        assert gen.calls == []  # no LLM asked
    # generate mode, the LLM's reply replaced by the evidence: the last chunk says so
    question = "In which city did Lavrov speak after the CSTO meeting?"  # one extract answers
    with serving(index_path, FakeGenerator(reply="NOT IN PASSAGES")) as (c, gen):
        chunks = list(
            _openai(c).chat.completions.create(
                model="x", stream=True, messages=[{"role": "user", "content": question}]
            )
        )
        assert gen.calls and chunks[0].model == "fake-llm"
        last = [ch for ch in chunks if ch.choices and ch.choices[0].finish_reason][-1]
        assert last.model == "extractive" == last.model_extra["askcorpus"]["model"]


def test_openai_client_streaming_and_history(client: TestClient) -> None:
    oa = _openai(client)
    full = oa.chat.completions.create(model="x", messages=[{"role": "user", "content": QUESTION}])
    stream = oa.chat.completions.create(
        model="x",
        stream=True,
        stream_options={"include_usage": True},
        messages=[{"role": "user", "content": QUESTION}],
    )
    chunks = list(stream)
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert text == full.choices[0].message.content
    finals = [ch for ch in chunks if ch.choices and ch.choices[0].finish_reason]
    assert len(finals) == 1 and finals[0].model_extra["citations"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
    follow = oa.chat.completions.create(
        model="x",
        messages=[
            {"role": "user", "content": QUESTION},
            {"role": "assistant", "content": full.choices[0].message.content},
            {"role": "user", "content": "What did he say there?"},
        ],
    )
    assert "Lavrov" in follow.model_extra["askcorpus"]["standalone_question"]


def test_openai_errors_and_clamping(index_path: Path) -> None:
    openai = pytest.importorskip("openai")
    with serving(index_path, FakeGenerator(pad_to=30), llm_max_tokens=8) as (c, _):
        oa = _openai(c)
        with pytest.raises(openai.UnprocessableEntityError, match="role 'user'"):
            oa.chat.completions.create(model="x", messages=[{"role": "assistant", "content": "hi"}])
        with pytest.raises(openai.UnprocessableEntityError, match="n"):
            oa.chat.completions.create(
                model="x", n=2, messages=[{"role": "user", "content": QUESTION}]
            )
        with pytest.raises(openai.UnprocessableEntityError, match="empty"):
            oa.chat.completions.create(model="x", messages=[{"role": "user", "content": " "}])
        resp = oa.chat.completions.create(
            model="x", max_tokens=100_000, messages=[{"role": "user", "content": QUESTION}]
        )
        assert resp.model_extra["askcorpus"]["max_tokens"] == 8
        assert resp.choices[0].finish_reason == "length"
        assert resp.usage.completion_tokens == 8
        r = c.post("/v1/chat/completions", json={"messages": []})
        assert_error(r, 422, "invalid_request", "messages")
        r = c.post(
            "/v1/chat/completions",
            json={
                "messages": [
                    {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}
                ]
            },
        )
        assert_error(r, 422, "bad_query", "text")


def test_openai_text_parts_are_accepted(client: TestClient) -> None:
    r = client.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": [{"type": "text", "text": QUESTION}]}]},
    )
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"]


# -- re-indexing while serving ----------------------------------------------------------------
class SlowEmbedder(FakeEmbedder):
    """Embeds documents slowly, so a re-index takes a while."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.slow = threading.Event()

    def embed_documents(self, texts: Any, progress: bool = False) -> Any:
        if self.slow.is_set() and len(texts) > 0 and not all(len(t) < 300 for t in texts):
            time.sleep(0.8)
        return super().embed_documents(texts, progress)


def test_reindex_keeps_old_index_until_new_one_is_complete(tmp_path: Path) -> None:
    from askcorpus.index import build_index
    from askcorpus.runtime import Runtime

    corpus = write_corpus(tmp_path / "corpus")
    emb = SlowEmbedder(dim=256, max_tokens=512)
    build_index(corpus, tmp_path / "index", emb, 200, 40)
    settings = Settings(
        index_dir=tmp_path / "index",
        corpus_dir=corpus,
        prompts_dir=REPO / "prompts",
        **FAKE_ANSWER_SETTINGS,
    )
    rt = Runtime(settings)
    rt.embedder = emb  # type: ignore[misc]
    rt.generator = FakeGenerator()  # type: ignore[assignment]
    with TestClient(create_app(settings, rt)) as c:
        before = wait_ready(c)["index"]
        (corpus / "delta.txt").write_text(
            "Volcano Observatory Update\n\nThe volcano observatory recorded tremors near the "
            "crater rim. Geologists measured sulfur dioxide plumes above the summit. " * 3,
            encoding="utf-8",
        )
        emb.slow.set()
        r = c.post("/v1/reindex")
        assert r.status_code == 202 and r.json()["state"] == "running"
        assert_error(c.post("/v1/reindex"), 409, "reindex_running")
        # while the build runs, queries answer from the old index
        res = c.get("/v1/search", params={"q": "volcano observatory tremors"}).json()
        assert all(h["doc_id"] != "delta.txt" for h in res["results"])
        assert c.get("/v1/reindex").json()["state"] == "running"
        assert c.get("/healthz").json()["index"] == before
        deadline = time.monotonic() + 15
        while (st := c.get("/v1/reindex").json())["state"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert st["state"] == "done" and st["summary"]["added"] == 1
        after = c.get("/healthz").json()["index"]
        assert after["documents"] == 4 and after["generation"] != before["generation"]
        res = c.get("/v1/search", params={"q": "volcano observatory tremors"}).json()
        assert res["results"][0]["doc_id"] == "delta.txt"
        assert (
            c.post(
                "/v1/chat", json={"message": "What did the volcano observatory record?"}
            ).status_code
            == 200
        )


def test_reindex_failure_is_reported_and_old_index_stays(tmp_path: Path, index_path: Path) -> None:
    idx = tmp_path / "index"
    shutil.copytree(index_path, idx)
    settings = Settings(
        index_dir=idx,
        corpus_dir=tmp_path / "no-corpus",
        prompts_dir=REPO / "prompts",
        **FAKE_ANSWER_SETTINGS,
    )
    with TestClient(create_app(settings, fake_runtime(settings, FakeGenerator()))) as c:
        wait_ready(c)
        assert c.post("/v1/reindex").status_code == 202
        deadline = time.monotonic() + 5
        while (st := c.get("/v1/reindex").json())["state"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert st["state"] == "failed" and st["error"]["message"]
        assert c.post("/v1/chat", json={"message": QUESTION}).status_code == 200


def test_extract_mode_answers_without_the_llm(index_path: Path) -> None:
    """answer_mode=extract (the default with the bundled 135M model): no LLM call; the stream
    carries the extracted sentence as one token event, then done."""
    # An article that names Lavrov must answer (`names.names_missing`): the Almaty sentence.
    question = "In which city did Lavrov speak after the CSTO meeting?"
    with serving(index_path, answer_mode="extract") as (c, gen):
        events = sse_events(c.post("/v1/chat", json={"message": question, "stream": True}).text)
        assert events[-1][0] == "done"
        done = events[-1][1]
        assert done["abstained"] is False and done["citations"] and done["session_id"]
        assert "Almaty" in done["answer"]
        assert "".join(d["text"] for k, d in events if k == "token") == done["answer"]
        body = c.post(
            "/v1/chat/completions", json={"messages": [{"role": "user", "content": question}]}
        ).json()
        assert body["choices"][0]["message"]["content"] == done["answer"]
        # a token budget does not cut a quoted sentence, nor is it reported as cut
        one = c.post("/v1/chat", json={"message": question, "max_tokens": 1}).json()
        assert (one["answer"], one["finish_reason"]) == (done["answer"], "stop")
        assert gen.stats()["calls"] == 0


def test_openai_history_keeps_the_chain_of_follow_ups() -> None:
    from askcorpus.conversation import standalone_question
    from askcorpus.serve_openai import OpenAIMessage, conversation_from

    first, second = "Where did Mark Rutte meet Donald Trump?", "Who confirmed that meeting?"
    messages = [
        OpenAIMessage(role="system", content="be brief"),
        OpenAIMessage(role="user", content=first),
        OpenAIMessage(role="assistant", content="In Palm Beach [1]."),
        OpenAIMessage(role="user", content=second),
        OpenAIMessage(role="assistant", content="Farah Dakhlallah [1]."),
        OpenAIMessage(role="user", content="What did they discuss there?"),
    ]
    question, conv = conversation_from(messages, history_turns=4)
    assert question == "What did they discuss there?"
    # as /v1/chat reads it: the third turn reaches back to the question that set the topic
    assert standalone_question(question, conv) == f"{question} (context: {second} {first})"


def test_openai_history_is_cleaned_as_questions_are() -> None:
    from askcorpus.serve_openai import OpenAIMessage, conversation_from

    def turns(*earlier: str) -> list[str]:
        messages = []
        for text in earlier:
            messages += [
                OpenAIMessage(role="user", content=text),
                OpenAIMessage(role="assistant", content="ok\x00"),
            ]
        messages.append(OpenAIMessage(role="user", content="Who confirmed it?"))
        _, conv = conversation_from(messages, history_turns=4, max_chars=40)
        assert all(t.answer == "ok" for t in conv.turns)  # control characters gone
        return [t.question for t in conv.turns]

    # a blank earlier message is no turn: "who confirmed it?" has nothing to lean on
    assert turns("", "   ", "\u200b\u200b", "\x00\x00") == []
    assert turns("Where did\x00 Rutte \ud800meet Trump?") == ["Where did Rutte meet Trump?"]
    assert turns("x" * 100) == ["x" * 40]  # cut to the question length limit


def test_reindex_while_another_process_indexes_is_409(tmp_path: Path, index_path: Path) -> None:
    import fcntl

    idx = tmp_path / "index"
    shutil.copytree(index_path, idx)
    settings = Settings(index_dir=idx, prompts_dir=REPO / "prompts", **FAKE_ANSWER_SETTINGS)
    with TestClient(create_app(settings, fake_runtime(settings, FakeGenerator()))) as c:
        wait_ready(c)
        held = os.open(idx, os.O_RDONLY)  # `askcorpus index` holds the folder
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            r = c.post("/v1/reindex")
        finally:
            os.close(held)
        assert_error(r, 409, "index_busy", "another askcorpus is indexing")
        assert c.get("/v1/reindex").json()["state"] == "idle"  # nothing was started


def test_an_openai_abstention_in_the_history_is_no_answer() -> None:
    from askcorpus.serve_openai import OpenAIMessage, conversation_from

    said = "The corpus does not say. These are the closest passages I found: ..."
    messages = [
        OpenAIMessage(role="user", content="Which US official met him in Brussels?"),
        OpenAIMessage(role="assistant", content=said),
        OpenAIMessage(role="user", content="On what day was that?"),
    ]
    _, conv = conversation_from(messages, 4, abstention="The corpus does not say.")
    assert conv.turns[-1].abstained  # a follow-up to it is not weighed in its context
    _, conv = conversation_from(messages, 4, abstention="Nothing found.")
    assert not conv.turns[-1].abstained
