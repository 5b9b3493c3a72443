"""A deterministic stand-in for the LLM, and an app factory for live-server tests.

`FakeGenerator` implements `askcorpus.generate.Generator`: it streams a reply word by word (one
"token" per word), optionally sleeping `delay` seconds per token, and counts what it generated.
By default the reply is the first sentence of passage [1] of the prompt with a citation, so
the answer passes the citation check unchanged.

`make_app()` (for `uvicorn --factory fakes_llm:make_app`) builds the real app on a prebuilt
index with the FakeEmbedder and a FakeGenerator configured by environment variables:
FAKE_INDEX_DIR, FAKE_EMBED_DIM, FAKE_DELAY, FAKE_TOKENS (pad the reply to this many tokens),
plus the usual ASKCORPUS_* settings. It adds `GET /_fake/stats` (the generator's counters).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

# Answer settings the tests pin: the LLM writes the answers (the fake one is what these tests
# drive), and the abstention threshold suits the FakeEmbedder's scores (the default is tuned
# for the real embedding model).
FAKE_ANSWER_SETTINGS: dict[str, Any] = {
    "answer_mode": "generate",
    "abstain_threshold": 0.3,
    "ungrounded": "extract",
    "support_threshold": 0.0,  # hashed fake vectors do not model coverage
}

_PASSAGE = re.compile(r'<passage n="1"[^>]*>\n(.*?)\n</passage>', re.S)
_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


class FakeGenerator:
    """Scripted, token-by-token replies; thread-safe counters; records every call."""

    def __init__(
        self,
        reply: str | None = None,
        delay: float = 0.0,
        pad_to: int = 0,
        model_id: str = "fake-llm",
        n_ctx: int = 2048,
    ) -> None:
        self.reply = reply
        self.delay = delay
        self.pad_to = pad_to
        self.model_id = model_id
        self.n_ctx = n_ctx
        self.gate: threading.Event | None = None  # if set: wait for it before the first token
        self.calls: list[list[dict[str, str]]] = []
        self.tokens_generated = 0
        self.per_call: list[int] = []
        self.started = threading.Event()
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def load(self) -> None:
        """Nothing to load."""

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def script(self, messages: Sequence[dict[str, str]]) -> list[str]:
        """The reply's tokens for these messages."""
        if self.reply is not None:
            text = self.reply
        else:
            m = _PASSAGE.search(messages[-1]["content"]) if messages else None
            body = m.group(1).strip() if m else "NOT IN PASSAGES"
            s = _SENTENCE.match(body)
            sentence = (s.group(1) if s else body).rstrip(".!? ")
            text = f"{sentence} [1]."
        words = text.split(" ")
        tokens = [w if i == 0 else " " + w for i, w in enumerate(words)]
        while len(tokens) < self.pad_to:
            tokens.insert(-1, " and")
        return tokens

    def stream(
        self,
        messages: Sequence[dict[str, str]],
        max_tokens: int,
        stop: Sequence[str] = (),
        should_stop: Any = None,
    ) -> Iterator[str]:
        with self._lock:
            self.calls.append([dict(m) for m in messages])
            self.per_call.append(0)
            call = len(self.per_call) - 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        self.started.set()
        try:
            if self.gate is not None:
                while not self.gate.wait(0.01):
                    if should_stop is not None and should_stop():
                        return
            for i, token in enumerate(self.script(messages)):
                if i >= max_tokens or (should_stop is not None and should_stop()):
                    return
                if self.delay:
                    time.sleep(self.delay)
                with self._lock:
                    self.tokens_generated += 1
                    self.per_call[call] += 1
                yield token
        finally:
            with self._lock:
                self.active -= 1

    def generate(
        self, messages: Sequence[dict[str, str]], max_tokens: int, stop: Sequence[str] = ()
    ) -> str:
        return "".join(self.stream(messages, max_tokens, stop))

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "calls": len(self.calls),
                "tokens_generated": self.tokens_generated,
                "per_call": list(self.per_call),
                "max_active": self.max_active,
                "active": self.active,
            }


def fake_runtime(settings: Any, generator: FakeGenerator, embed_dim: int = 256) -> Any:
    """A Runtime whose embedder and LLM are fakes (index read from settings.index_dir)."""
    from askcorpus.runtime import Runtime
    from fakes import FakeEmbedder

    rt = Runtime(settings)
    rt.embedder = FakeEmbedder(dim=embed_dim, max_tokens=512)  # type: ignore[misc]
    rt.generator = generator  # type: ignore[assignment]
    return rt


def build_fake_index(corpus: Path, index_dir: Path, embed_dim: int = 256) -> None:
    """Index a corpus with the FakeEmbedder."""
    from askcorpus.index import build_index
    from fakes import FakeEmbedder

    build_index(corpus, index_dir, FakeEmbedder(dim=embed_dim, max_tokens=512), 200, 40)


def make_app() -> Any:
    """App factory for `uvicorn --factory fakes_llm:make_app` (see the module docstring)."""
    from askcorpus.serve import configure_logging, create_app
    from askcorpus.settings import Settings

    configure_logging()
    repo = Path(__file__).resolve().parent.parent
    settings = Settings(
        index_dir=Path(os.environ["FAKE_INDEX_DIR"]),
        prompts_dir=repo / "prompts",
        **FAKE_ANSWER_SETTINGS,
    )
    gen = FakeGenerator(
        delay=float(os.environ.get("FAKE_DELAY", "0")),
        pad_to=int(os.environ.get("FAKE_TOKENS", "0")),
    )
    rt = fake_runtime(settings, gen, int(os.environ.get("FAKE_EMBED_DIM", "256")))
    app = create_app(settings, rt)

    @app.get("/_fake/stats", include_in_schema=False)
    async def fake_stats() -> dict[str, Any]:
        return gen.stats()

    return app


def run(port: int) -> None:
    """Serve `make_app()` as `askcorpus serve` does (its uvicorn server) on 127.0.0.1:port."""
    import uvicorn

    from askcorpus.serve import Server

    app = make_app()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, timeout_graceful_shutdown=5
    )
    Server(config, app.state.service).run()
