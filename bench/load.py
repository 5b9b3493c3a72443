"""Load benchmark of the chat service on 127.0.0.1 with the bundled models.

Starts `askcorpus serve` on a free 127.0.0.1 port (indexing corpus/ into a temporary index
first if needed), or uses `--url` (loopback addresses only), then measures:

* requests/s and p50/p95 latency at concurrency 1, 4 and 16 for POST /v1/chat (JSON answers,
  the real LLM) and for GET /v1/search alone;
* errors other than explicit 503s (queue full): there should be none;
* /healthz latency and failures, probed every 0.5 s during all the load;
* the server's resident memory and open file descriptors: after warm-up, during each phase,
  and over a soak of `--soak` requests (default 1,000) after warm-up.

Every loop is bounded in request count and in time (`--max-seconds` per phase). A client that
gets a 503 records it and waits min(Retry-After, 1 s) before its next request (no retry).

    python bench/load.py                       # everything (default answer mode)
    python bench/load.py --answer-mode generate   # every chat answer written by the LLM
    python bench/load.py --quick               # small counts, a few minutes
    python bench/load.py --url http://127.0.0.1:8000 --pid 1234
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FALLBACK_QUESTIONS = [
    "Where did Lavrov speak about NATO?",
    "Who is the Secretary General of NATO?",
    "What did Rutte say about North Korea?",
    "Which countries attended the Almaty meeting?",
    "How do quokkas bake sourdough bread?",
]
SEARCHES = [
    "NATO expansion in Asia",
    "Lavrov Almaty CSTO",
    "Mark Rutte Budapest",
    "military spending Europe",
    "Trump NATO crisis",
    "security of Eurasian states",
]


# -- the server --------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def proc_stats(pid: int | None) -> dict[str, float]:
    """Resident memory (MB) and open file descriptors of the server process."""
    if pid is None:
        return {}
    try:
        rss_kb = 0
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return {}
    return {"rss_mb": round(rss_kb / 1024, 1), "fds": fds}


def ensure_index(index: Path, corpus: Path) -> None:
    if (index / "CURRENT").is_file():
        return
    print(f"indexing {corpus} -> {index}", file=sys.stderr)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "askcorpus.cli",
            "index",
            "--corpus",
            str(corpus),
            "--index",
            str(index),
        ],
        check=True,
        cwd=common.REPO,
    )


def start_server(
    index: Path, log_path: Path, answer_mode: str | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ)
    if answer_mode:
        env["ASKCORPUS_ANSWER_MODE"] = answer_mode
    env.setdefault("PYTHONPATH", str(common.REPO / "src"))
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "askcorpus.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--index",
            str(index),
        ],
        cwd=common.REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(base: str, proc: subprocess.Popen[bytes] | None, timeout: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"server exited with code {proc.returncode}")
        try:
            status, _, _ = request(base, "GET", "/healthz", timeout=2)
            if status == 200:
                return time.monotonic() - t0
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"server not healthy after {timeout:.0f} s")


# -- HTTP ----------------------------------------------------------------------------------
class Conn:
    """One keep-alive connection per client thread (reopened after errors)."""

    def __init__(self, base: str, timeout: float) -> None:
        u = urlsplit(base)
        self.host, self.port, self.timeout = u.hostname or "127.0.0.1", u.port or 80, timeout
        self.conn: http.client.HTTPConnection | None = None

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, dict[str, str], bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        key = os.environ.get("ASKCORPUS_API_KEY")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        try:
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
            payload = resp.read()
            hdrs = {k.lower(): v for k, v in resp.getheaders()}
            if hdrs.get("connection", "").lower() == "close":
                self.close()
            return resp.status, hdrs, payload
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def request(
    base: str, method: str, path: str, body: Any = None, timeout: float = 120
) -> tuple[int, dict[str, str], bytes]:
    c = Conn(base, timeout)
    try:
        return c.call(method, path, body)
    finally:
        c.close()


# -- load phases -----------------------------------------------------------------------------
@dataclass
class Phase:
    name: str
    concurrency: int
    requests: int = 0
    ok: int = 0
    rejected_503: int = 0
    rejected_codes: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    finish: dict[str, int] = field(default_factory=dict)
    abstained: int = 0
    server: dict[str, Any] = field(default_factory=dict)
    healthz: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        pct = (
            (lambda p: round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1))
            if lat
            else (lambda p: None)
        )
        return {
            "phase": self.name,
            "concurrency": self.concurrency,
            "requests": self.requests,
            "ok": self.ok,
            "rejected_503": self.rejected_503,
            "rejected_codes": self.rejected_codes,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "rps": round(self.ok / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
            "finish_reasons": self.finish,
            "abstained": self.abstained,
            "server": self.server,
            "healthz": self.healthz,
        }


class HealthProbe:
    """GET /healthz every `every` seconds on its own connection; keeps latencies and failures."""

    def __init__(self, base: str, every: float = 0.5) -> None:
        self.base, self.every = base, every
        self.latencies: list[float] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        conn = Conn(self.base, timeout=10)
        while not self._stop.wait(self.every):
            t0 = time.perf_counter()
            try:
                status, _, _ = conn.call("GET", "/healthz")
                ok = status == 200
            except Exception:
                ok = False
            if ok:
                self.latencies.append(time.perf_counter() - t0)
            else:
                self.failures += 1
        conn.close()

    def __enter__(self) -> HealthProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(15)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        return {
            "probes": len(lat) + self.failures,
            "failures": self.failures,
            "p50_ms": round(lat[len(lat) // 2] * 1000, 1) if lat else None,
            "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        }


class MemorySampler:
    """Samples the server's RSS and FDs every second during a phase."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.samples: list[dict[str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            s = proc_stats(self.pid)
            if s:
                self.samples.append(s)
            if self._stop.wait(1.0):
                return

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def summary(self) -> dict[str, Any]:
        if not self.samples:
            return {}
        return {
            "rss_mb_max": max(s["rss_mb"] for s in self.samples),
            "fds_max": max(s["fds"] for s in self.samples),
            "fds_min": min(s["fds"] for s in self.samples),
        }


Make = Callable[[random.Random, int], tuple[str, str, Any]]


def run_phase(
    base: str,
    name: str,
    concurrency: int,
    count: int,
    max_seconds: float,
    make: Make,
    pid: int | None,
    timeout: float,
) -> Phase:
    """`count` requests from `concurrency` threads, stopping early after `max_seconds`."""
    phase = Phase(name, concurrency)
    lock = threading.Lock()
    counter = iter(range(count))
    t_end = time.monotonic() + max_seconds

    def client(worker: int) -> None:
        rng = random.Random(worker)
        conn = Conn(base, timeout)
        try:
            while time.monotonic() < t_end:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                method, path, body = make(rng, i)
                t0 = time.perf_counter()
                try:
                    status, headers, payload = conn.call(method, path, body)
                except Exception as exc:
                    with lock:
                        phase.requests += 1
                        key = type(exc).__name__
                        phase.errors[key] = phase.errors.get(key, 0) + 1
                    continue
                dt = time.perf_counter() - t0
                with lock:
                    phase.requests += 1
                    if status == 200:
                        phase.ok += 1
                        phase.latencies.append(dt)
                        if path == "/v1/chat":
                            data = json.loads(payload)
                            fr = data.get("finish_reason", "?")
                            phase.finish[fr] = phase.finish.get(fr, 0) + 1
                            phase.abstained += bool(data.get("abstained"))
                    elif status == 503:
                        phase.rejected_503 += 1
                        try:
                            code = json.loads(payload)["error"]["code"]
                        except (ValueError, KeyError, TypeError):
                            code = "?"
                        phase.rejected_codes[code] = phase.rejected_codes.get(code, 0) + 1
                    else:
                        phase.errors[str(status)] = phase.errors.get(str(status), 0) + 1
                if status == 503:
                    wait = float(headers.get("retry-after", "1") or 1)
                    time.sleep(min(wait, 1.0))
        finally:
            conn.close()

    with HealthProbe(base) as probe, MemorySampler(pid) as mem:
        t0 = time.monotonic()
        threads = [threading.Thread(target=client, args=(w,)) for w in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(max_seconds + timeout + 30)
        phase.seconds = time.monotonic() - t0
    phase.healthz = probe.summary()
    phase.server = mem.summary()
    return phase


def load_questions() -> list[str]:
    path = common.REPO / "evals" / "qa.jsonl"
    qs: list[str] = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line).get("question")
                if isinstance(q, str) and q.strip():
                    qs.append(q)
    return qs or FALLBACK_QUESTIONS


def chat_maker(questions: list[str], sessions: dict[int, str] | None = None) -> Make:
    def make(rng: random.Random, i: int) -> tuple[str, str, Any]:
        return "POST", "/v1/chat", {"message": questions[i % len(questions)]}

    return make


def search_maker() -> Make:
    def make(rng: random.Random, i: int) -> tuple[str, str, Any]:
        q = SEARCHES[i % len(SEARCHES)]
        return "GET", "/v1/search?" + urlencode({"q": q, "k": 5}), None

    return make


def soak_maker(questions: list[str], chat_every: int) -> Make:
    """Every `chat_every`-th request is a chat answer (the rest searches and document lists)."""
    search = search_maker()

    def make(rng: random.Random, i: int) -> tuple[str, str, Any]:
        if i % chat_every == 0:
            return "POST", "/v1/chat", {"message": questions[(i // chat_every) % len(questions)]}
        if i % 10 == 5:
            return "GET", "/v1/documents", None
        return search(rng, i)

    return make


# -- main ----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="use a running server (127.0.0.1/localhost/::1 only)")
    ap.add_argument("--pid", type=int, help="that server's process id (for memory and FDs)")
    ap.add_argument(
        "--index",
        type=Path,
        default=common.DEFAULT_WORK / "load-index",
        help="index folder for the started server (built from --corpus if absent)",
    )
    ap.add_argument("--corpus", type=Path, default=common.REPO / "corpus")
    ap.add_argument("--concurrency", default="1,4,16")
    ap.add_argument(
        "--chat-requests",
        type=int,
        default=0,
        help="requests per chat phase (default 8 x concurrency, at least 24)",
    )
    ap.add_argument(
        "--search-requests",
        type=int,
        default=0,
        help="requests per search phase (default 50 x concurrency, at least 200)",
    )
    ap.add_argument("--soak", type=int, default=1000, help="soak requests after warm-up")
    ap.add_argument(
        "--soak-chat-every",
        type=int,
        default=4,
        help="every n-th soak request is a chat answer (others: search/documents)",
    )
    ap.add_argument("--soak-concurrency", type=int, default=4)
    ap.add_argument("--max-seconds", type=float, default=600, help="time bound of each phase")
    ap.add_argument("--timeout", type=float, default=120, help="client timeout per request")
    ap.add_argument(
        "--answer-mode",
        choices=["auto", "generate", "extract"],
        help="ASKCORPUS_ANSWER_MODE of the started server (generate: the LLM writes "
        "every answer; auto with the bundled model: extract, no LLM)",
    )
    ap.add_argument("--quick", action="store_true", help="small counts (smoke run)")
    ap.add_argument("--skip-chat", action="store_true", help="no chat phases")
    ap.add_argument("--skip-search", action="store_true", help="no search phases")
    ap.add_argument("--out", type=Path, help="results JSON (default bench/results/load.json)")
    args = ap.parse_args(argv)

    levels = [int(x) for x in args.concurrency.split(",") if x.strip()]
    if args.quick:
        args.soak = min(args.soak, 100)
    proc: subprocess.Popen[bytes] | None = None
    pid = args.pid
    if args.url:
        host = urlsplit(args.url).hostname or ""
        if host not in LOOPBACK:
            raise SystemExit(f"refusing to load {host}: only 127.0.0.1, localhost or ::1")
        base = args.url.rstrip("/")
    else:
        common.DEFAULT_WORK.mkdir(parents=True, exist_ok=True)
        ensure_index(args.index, args.corpus)
        log_path = common.DEFAULT_WORK / "load-server.log"
        proc, base = start_server(args.index, log_path, args.answer_mode)
        pid = proc.pid
        print(f"server pid {pid} on {base}, log {log_path}", file=sys.stderr)

    results: dict[str, Any] = {
        "environment": common.environment(),
        "url": base,
        "answer_mode": args.answer_mode or os.environ.get("ASKCORPUS_ANSWER_MODE", "auto"),
    }
    try:
        results["startup_s"] = round(wait_healthy(base, proc, 300), 1)
        health = json.loads(request(base, "GET", "/healthz")[2])
        results["server"] = {k: health.get(k) for k in ("model", "embed_model", "index")}
        results["server"]["queue_capacity"] = health["queue"]["capacity"]
        questions = load_questions()

        # warm-up: every code path once or twice
        warm = run_phase(
            base, "warm-up", 2, 8, args.max_seconds, soak_maker(questions, 2), pid, args.timeout
        )
        results["warm_up"] = warm.summary()
        time.sleep(1.0)
        results["after_warm_up"] = proc_stats(pid)
        print(f"warm-up done: {results['after_warm_up']}", file=sys.stderr)

        phases = []
        for c in levels:
            if not args.skip_chat:
                n = args.chat_requests or max(24, 8 * c)
                if args.quick:
                    n = max(4, 2 * c)
                ph = run_phase(
                    base, "chat", c, n, args.max_seconds, chat_maker(questions), pid, args.timeout
                )
                phases.append(ph.summary())
                print(json.dumps(phases[-1]), file=sys.stderr)
        for c in [] if args.skip_search else levels:
            n = args.search_requests or max(200, 50 * c)
            if args.quick:
                n = max(20, 10 * c)
            ph = run_phase(
                base, "search", c, n, args.max_seconds, search_maker(), pid, args.timeout
            )
            phases.append(ph.summary())
            print(json.dumps(phases[-1]), file=sys.stderr)
        results["phases"] = phases

        if args.soak:
            before = proc_stats(pid)
            soak = run_phase(
                base,
                "soak",
                args.soak_concurrency,
                args.soak,
                max(args.max_seconds, 3600),
                soak_maker(questions, args.soak_chat_every),
                pid,
                args.timeout,
            )
            time.sleep(1.0)  # let the server close the clients' keep-alive connections
            after = proc_stats(pid)
            s = soak.summary()
            if before and after:
                s["rss_mb_before"], s["rss_mb_after"] = before["rss_mb"], after["rss_mb"]
                s["rss_growth_pct"] = round(100 * (after["rss_mb"] / before["rss_mb"] - 1), 2)
                s["fds_before"], s["fds_after"] = before["fds"], after["fds"]
            results["soak"] = s
            print(json.dumps(s), file=sys.stderr)
        results["final"] = proc_stats(pid)
        results["healthz_final"] = request(base, "GET", "/healthz")[0]
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()

    out = common.write_json(results, args.out, "load.json")
    rows = [
        (
            p["phase"],
            p["concurrency"],
            p["requests"],
            p["ok"],
            p["rejected_503"],
            sum(p["errors"].values()),
            p["rps"],
            p["p50_ms"],
            p["p95_ms"],
            p["healthz"].get("max_ms"),
            p["server"].get("rss_mb_max"),
            p["server"].get("fds_max"),
        )
        for p in results["phases"]
    ]
    if "soak" in results:
        p = results["soak"]
        rows.append(
            (
                "soak",
                p["concurrency"],
                p["requests"],
                p["ok"],
                p["rejected_503"],
                sum(p["errors"].values()),
                p["rps"],
                p["p50_ms"],
                p["p95_ms"],
                p["healthz"].get("max_ms"),
                p["server"].get("rss_mb_max"),
                p["server"].get("fds_max"),
            )
        )
    print(
        common.table(
            rows,
            [
                "phase",
                "conc",
                "reqs",
                "ok",
                "503",
                "errors",
                "req/s",
                "p50 ms",
                "p95 ms",
                "healthz max ms",
                "rss MB max",
                "fds max",
            ],
        )
    )
    if "soak" in results:
        s = results["soak"]
        print(
            f"soak: RSS {s.get('rss_mb_before')} -> {s.get('rss_mb_after')} MB "
            f"({s.get('rss_growth_pct')}%), fds {s.get('fds_before')} -> {s.get('fds_after')}"
        )
    print(f"results: {out}")
    bad = sum(sum(p["errors"].values()) for p in results["phases"])
    bad += sum(results.get("soak", {}).get("errors", {}).values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
