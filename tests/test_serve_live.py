"""The chat service as a real uvicorn process on 127.0.0.1 (fake LLM, fake embedder).

These need real sockets: streaming as it happens, clients that hang up, bodies that never end.
The server is `uvicorn --factory fakes_llm:make_app`; `GET /_fake/stats` shows what the fake
LLM generated.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from fakes_llm import build_fake_index

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
QUESTION = "What did Lavrov accuse NATO of?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(
    tmp: Path, as_askcorpus_serve: bool = False, **env_extra: str
) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """Run the fake-backed app under uvicorn on a free 127.0.0.1 port until ready (with
    `as_askcorpus_serve`, under the server `askcorpus serve` runs)."""
    index = tmp / "index"
    if not index.exists():
        build_fake_index(REPO / "corpus", index)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASKCORPUS_", "FAKE_"))}
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(TESTS), str(REPO / "src")]),
            "FAKE_INDEX_DIR": str(index),
            **env_extra,
        }
    )
    log_path = tmp / f"server-{port}.log"
    cmd = [
        *("-m", "uvicorn", "--factory", "fakes_llm:make_app", "--host", "127.0.0.1"),
        *("--port", str(port), "--no-access-log", "--timeout-graceful-shutdown", "2"),
    ]
    if as_askcorpus_serve:
        cmd = ["-c", "import sys, fakes_llm; fakes_llm.run(int(sys.argv[1]))", str(port)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, *cmd],
            cwd=TESTS,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.1)
        yield base, proc, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any, Path]]:
    """Answers take ~2 s (40 tokens, 50 ms each); at most 2 requests admitted."""
    with live_server(
        tmp_path_factory.mktemp("live"),
        FAKE_DELAY="0.05",
        FAKE_TOKENS="40",
        ASKCORPUS_QUEUE_SIZE="2",
        ASKCORPUS_REQUEST_TIMEOUT_S="30",
    ) as srv:
        yield srv


def stats(base: str) -> dict[str, Any]:
    return httpx.get(f"{base}/_fake/stats", timeout=5).json()


def queue(base: str) -> dict[str, Any]:
    return httpx.get(f"{base}/healthz", timeout=5).json()["queue"]


def wait_for(cond: Any, timeout: float = 5.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def idle(base: str) -> None:
    wait_for(
        lambda: (
            stats(base)["active"] == 0
            and queue(base)["running"] == 0
            and queue(base)["waiting"] == 0
        ),
        10,
        "an idle server",
    )


def read_events(
    resp: httpx.Response, stop_after_tokens: int | None = None
) -> list[tuple[float, str, Any]]:
    """(time, event, data) for each SSE event; stops early after n token events."""
    out: list[tuple[float, str, Any]] = []
    event = "message"
    tokens = 0
    for line in resp.iter_lines():
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            out.append((time.monotonic(), event, json.loads(line[5:])))
            if event == "token":
                tokens += 1
                if stop_after_tokens is not None and tokens >= stop_after_tokens:
                    break
    return out


def stream_chat(base: str, body: dict[str, Any], **kw: Any) -> Any:
    client = httpx.Client(timeout=30)
    return client, client.stream("POST", f"{base}/v1/chat", json={**body, "stream": True}, **kw)


def test_tokens_stream_as_they_are_generated(server: tuple[str, Any, Path]) -> None:
    base, _, _ = server
    idle(base)
    t0 = time.monotonic()
    with (
        httpx.Client(timeout=30) as c,
        c.stream("POST", f"{base}/v1/chat", json={"message": QUESTION, "stream": True}) as r,
    ):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = read_events(r)
    tokens = [e for e in events if e[1] == "token"]
    done = [e for e in events if e[1] == "done"]
    assert len(tokens) == 40 and len(done) == 1 and events[-1][1] == "done"
    # the first token arrived long before the answer ended: streamed, not buffered
    assert done[0][0] - tokens[0][0] > 1.0
    assert tokens[0][0] - t0 < done[0][0] - t0 - 1.0
    body = done[0][2]
    assert body["session_id"] and body["citations"] and body["finish_reason"] == "stop"


def test_stream_closed_after_three_tokens_stops_generation(server: tuple[str, Any, Path]) -> None:
    base, _, _ = server
    idle(base)
    before = stats(base)
    with (
        httpx.Client(timeout=30) as c,
        c.stream("POST", f"{base}/v1/chat", json={"message": QUESTION, "stream": True}) as r,
    ):
        got = read_events(r, stop_after_tokens=3)
    assert sum(1 for e in got if e[1] == "token") == 3
    wait_for(lambda: stats(base)["active"] == 0, 3, "generation to stop")
    after = stats(base)
    assert after["calls"] == before["calls"] + 1
    assert 3 <= after["per_call"][-1] <= 3 + 6  # stopped within a few tokens, not all 40
    idle(base)
    # the next request starts normally and runs to completion
    r = httpx.post(f"{base}/v1/chat", json={"message": QUESTION}, timeout=30)
    assert r.status_code == 200 and r.json()["finish_reason"] == "stop"
    assert r.json()["timings"]["queue_ms"] < 1000  # nothing left running from the closed one
    assert stats(base)["per_call"][-1] == 40


def _drain_stream(base: str, out: list[Any]) -> threading.Thread:
    def run() -> None:
        with (
            httpx.Client(timeout=30) as c,
            c.stream("POST", f"{base}/v1/chat", json={"message": QUESTION, "stream": True}) as r,
        ):
            out.append(read_events(r))

    t = threading.Thread(target=run)
    t.start()
    return t


def test_client_that_leaves_while_queued_never_triggers_generation(
    server: tuple[str, Any, Path],
) -> None:
    base, _, _ = server
    idle(base)
    before = stats(base)
    dropped_before = queue(base)["dropped_cancelled"]
    out: list[Any] = []
    running = _drain_stream(base, out)
    wait_for(lambda: stats(base)["active"] == 1, 5, "the first generation")

    # a streaming client queues behind it, then hangs up
    with (
        httpx.Client(timeout=30) as c,
        c.stream("POST", f"{base}/v1/chat", json={"message": QUESTION, "stream": True}) as r,
    ):
        assert r.status_code == 200
        wait_for(lambda: queue(base)["waiting"] == 1, 5, "the request to queue")
    wait_for(lambda: queue(base)["waiting"] == 0, 3, "the queued request to be dropped")

    running.join(30)

    # a plain JSON client queues behind another generation, then gives up (its read timeout
    # closes the connection)
    running = _drain_stream(base, out)
    wait_for(lambda: stats(base)["active"] == 1, 5, "the second generation")
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            f"{base}/v1/chat", json={"message": QUESTION}, timeout=httpx.Timeout(5, read=0.3)
        )
    wait_for(lambda: queue(base)["waiting"] == 0, 3, "the queued request to be dropped")
    running.join(30)

    assert [evs[-1][1] for evs in out] == ["done", "done"]
    idle(base)
    assert stats(base)["calls"] == before["calls"] + 2  # the queued ones never generated
    assert queue(base)["dropped_cancelled"] == dropped_before + 2


def test_queue_full_gets_503_at_once(server: tuple[str, Any, Path]) -> None:
    base, _, _ = server
    idle(base)
    out: list[Any] = []
    first = _drain_stream(base, out)
    wait_for(lambda: stats(base)["active"] == 1, 5, "the first generation")
    second = _drain_stream(base, out)
    wait_for(lambda: queue(base)["waiting"] == 1, 5, "the second request to queue")
    t0 = time.monotonic()
    r = httpx.post(f"{base}/v1/chat", json={"message": QUESTION, "stream": True}, timeout=10)
    assert time.monotonic() - t0 < 1.5  # a slot frees only after ~2 s: it did not wait
    assert r.status_code == 503
    assert int(r.headers["retry-after"]) >= 1
    assert r.json()["error"]["code"] == "queue_full"
    # /healthz still answers quickly while the LLM is busy
    t0 = time.monotonic()
    assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    assert time.monotonic() - t0 < 1.0
    first.join(30)
    second.join(30)
    assert [evs[-1][1] for evs in out] == ["done", "done"]


def test_openai_client_streams_from_live_server(server: tuple[str, Any, Path]) -> None:
    openai = pytest.importorskip("openai")
    base, _, _ = server
    idle(base)
    oa = openai.OpenAI(base_url=f"{base}/v1", api_key="unused", max_retries=0)
    full = oa.chat.completions.create(
        model="askcorpus", messages=[{"role": "user", "content": QUESTION}]
    )
    t0 = time.monotonic()
    arrivals = []
    parts = []
    for ch in oa.chat.completions.create(
        model="askcorpus", stream=True, messages=[{"role": "user", "content": QUESTION}]
    ):
        arrivals.append(time.monotonic() - t0)
        if ch.choices and ch.choices[0].delta.content:
            parts.append(ch.choices[0].delta.content)
        if ch.choices and ch.choices[0].finish_reason:
            assert ch.choices[0].finish_reason == "stop"
            assert ch.model_extra["citations"][0]["n"] == 1
    assert "".join(parts) == full.choices[0].message.content
    assert arrivals[-1] - arrivals[1] > 1.0  # chunks spread over the ~2 s generation


def test_big_bodies_get_413_without_being_buffered(server: tuple[str, Any, Path]) -> None:
    base, proc, _ = server

    def rss_kb() -> int:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    before = rss_kb()
    body = b"x" * (50 * 1024 * 1024)
    r = httpx.post(
        f"{base}/v1/chat", content=body, timeout=30, headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"

    def chunks() -> Iterator[bytes]:
        block = b"y" * (1024 * 1024)
        for _ in range(50):
            yield block

    r = httpx.post(
        f"{base}/v1/chat",
        content=chunks(),
        timeout=30,
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"
    assert rss_kb() - before < 20 * 1024  # far less than the 50 MB sent
    assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200


def test_server_logs_one_line_per_request(server: tuple[str, Any, Path]) -> None:
    base, _, log_path = server
    httpx.get(
        f"{base}/v1/search",
        params={"q": "NATO secret-query"},
        timeout=10,
        headers={"Authorization": "Bearer not-logged-token"},
    )
    wait_for(lambda: "GET /v1/search 200" in log_path.read_text(), 3, "the log line")
    text = log_path.read_text()
    assert "secret-query" not in text and "not-logged-token" not in text


def test_deadline_ends_a_long_generation(tmp_path: Path) -> None:
    with live_server(
        tmp_path,
        FAKE_DELAY="0.05",
        FAKE_TOKENS="200",
        ASKCORPUS_REQUEST_TIMEOUT_S="2",  # room for the work before the LLM on a slow CI
        ASKCORPUS_LLM_MAX_TOKENS="1000",
    ) as (base, _, _):
        t0 = time.monotonic()
        r = httpx.post(f"{base}/v1/chat", json={"message": QUESTION}, timeout=30)
        assert r.status_code == 200 and r.json()["finish_reason"] == "timeout"
        assert time.monotonic() - t0 < 5.0
        assert stats(base)["per_call"][-1] < 80  # ~40 tokens fit in 2 s; 200 were scripted
        with (
            httpx.Client(timeout=30) as c,
            c.stream("POST", f"{base}/v1/chat", json={"message": QUESTION, "stream": True}) as resp,
        ):
            events = read_events(resp)
        assert events[-1][1] == "done" and events[-1][2]["finish_reason"] == "timeout"


def test_ctrl_c_ends_running_and_waiting_answers_with_shutting_down(tmp_path: Path) -> None:
    import signal

    with live_server(
        tmp_path,
        as_askcorpus_serve=True,
        FAKE_DELAY="0.1",
        FAKE_TOKENS="300",
        ASKCORPUS_LLM_MAX_TOKENS="1000",
    ) as (base, proc, log_path):
        got: dict[str, Any] = {}

        def streamed() -> None:
            client, ctx = stream_chat(base, {"message": QUESTION})
            with client, ctx as r:
                got["stream"] = read_events(r)

        def waiting() -> None:
            got["waiting"] = httpx.post(f"{base}/v1/chat", json={"message": QUESTION}, timeout=30)

        first = threading.Thread(target=streamed)
        first.start()
        wait_for(lambda: stats(base)["tokens_generated"] > 0, what="the first answer streaming")
        second = threading.Thread(target=waiting)
        second.start()
        wait_for(lambda: queue(base)["waiting"] == 1, what="the second request queued")
        proc.send_signal(signal.SIGINT)
        first.join(20)
        second.join(20)
        assert proc.wait(20) == 0
    # both clients are told, rather than cut off; the running answer stopped at once
    last = got["stream"][-1]
    assert last[1] == "error" and last[2]["error"]["code"] == "shutting_down", last
    assert len([e for e in got["stream"] if e[1] == "token"]) < 100
    r = got["waiting"]
    assert r.status_code == 503 and r.json()["error"]["code"] == "shutting_down", r.text
    assert "Traceback" not in log_path.read_text()


def test_serve_without_index_fails_with_a_clear_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKCORPUS_")}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "askcorpus.cli",
            "serve",
            "--index",
            str(tmp_path / "none"),
            "--port",
            str(free_port()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    assert r.returncode == 4, r.stderr
    assert "askcorpus index" in r.stderr


def test_serve_with_a_file_that_is_no_gguf_fails_at_once(tmp_path: Path) -> None:
    build_fake_index(REPO / "corpus", tmp_path / "index")
    fake = tmp_path / "model.gguf"
    fake.write_text("not a model")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKCORPUS_")}
    port = ["--port", str(free_port())]
    r = subprocess.run(
        [sys.executable, "-m", "askcorpus.cli", "serve", "--index", str(tmp_path / "index"), *port],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "ASKCORPUS_LLM_MODEL": str(fake)},
        cwd=REPO,
    )
    assert r.returncode == 7, r.stderr
    assert r.stderr.count("\n") == 1 and "not a GGUF model file" in r.stderr, r.stderr
