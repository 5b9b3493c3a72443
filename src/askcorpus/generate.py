"""The local LLM behind a small interface: `stream` tokens or `generate` a whole reply."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from askcorpus.errors import LLM_SETTING, ContextOverflowError, ModelNotFoundError

if TYPE_CHECKING:
    from askcorpus.settings import Settings

Message = dict[str, str]
StopCheck = Callable[[], bool]
# Prompt tokens read between two looks at `should_stop` (about 0.7 s for SmolLM2 on 2 cores),
# so a time limit, a client that left or a shutdown also cuts a long prompt read. Measured on
# a 520-token prompt, median of 5: 3.09 s read whole, 3.15 s in steps of 64, 3.35 s of 128,
# 2.87 s of 256 (noise); with the cores shared with other work, steps of 64 took 2.8 times
# as long, 128 1.7 times, 256 1.2 times.
PROMPT_STEP = 128


def check_gguf(path: Path) -> None:
    """ModelNotFoundError unless the file starts as a GGUF model does (read before loading,
    so a wrong file is named at once rather than by llama.cpp's own message)."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot read LLM {path} ({LLM_SETTING}): {(exc.strerror or str(exc)).lower()}"
        ) from None
    if head != b"GGUF":
        raise ModelNotFoundError(f"LLM {path} is not a GGUF model file ({LLM_SETTING})")


class _PromptStopped(Exception):
    """`should_stop()` turned true while the prompt was being read."""


class Generator(Protocol):
    """What the answer pipeline needs from an LLM."""

    model_id: str
    n_ctx: int

    def count_tokens(self, text: str) -> int:
        """Tokens the model's tokenizer makes of a text."""
        ...

    def stream(
        self,
        messages: Sequence[Message],
        max_tokens: int,
        stop: Sequence[str] = (),
        should_stop: StopCheck | None = None,
    ) -> Iterator[str]:
        """Yield reply text pieces as they are generated; ends early if `should_stop()`."""
        ...

    def generate(
        self, messages: Sequence[Message], max_tokens: int, stop: Sequence[str] = ()
    ) -> str:
        """The whole reply."""
        ...


class LlamaGenerator:
    """A GGUF model run by llama-cpp-python, loaded once; calls are serialised by a lock."""

    def __init__(
        self,
        path: Path,
        n_ctx: int = 2048,
        threads: int = 2,
        temperature: float = 0.0,
        seed: int = 0,
        flash_attn: bool = True,
    ) -> None:
        if not path.is_file():
            raise ModelNotFoundError(f"LLM model file not found: {path} ({LLM_SETTING})")
        self.path = path
        self.model_id = path.name
        self.n_ctx = n_ctx
        self.threads = threads
        self.temperature = temperature
        self.seed = seed
        self.flash_attn = flash_attn
        self.lock = threading.Lock()
        self._llm: Any = None
        self._should_stop: StopCheck | None = None  # of the call in progress

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaGenerator:
        """Build from settings (bundled SmolLM2 unless ASKCORPUS_LLM_MODEL is set)."""
        return cls(
            settings.llm_model_path(),
            n_ctx=settings.llm_ctx,
            threads=settings.threads(settings.llm_threads),
            temperature=settings.llm_temperature,
            seed=settings.llm_seed,
            flash_attn=settings.llm_flash_attn,
        )

    @property
    def llm(self) -> Any:
        """The llama.cpp model (loaded on first use)."""
        if self._llm is None:
            with self.lock:
                if self._llm is None:
                    self._llm = self._load()
        return self._llm

    def _load(self) -> Any:
        from llama_cpp import Llama

        check_gguf(self.path)
        try:
            llm = Llama(
                model_path=str(self.path),
                n_ctx=self.n_ctx,
                n_threads=self.threads,
                n_threads_batch=self.threads,
                seed=self.seed,
                flash_attn=self.flash_attn,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelNotFoundError(f"cannot load LLM {self.path} ({LLM_SETTING}): {exc}") from exc
        read = llm.eval

        def eval_in_steps(tokens: Sequence[int]) -> None:
            """llama.cpp reads a prompt in one call that cannot be cut; read it in steps."""
            step = PROMPT_STEP if self._should_stop is not None else len(tokens) or 1
            for i in range(0, len(tokens), step):
                if i and self._should_stop is not None and self._should_stop():
                    raise _PromptStopped
                read(tokens[i : i + step])

        llm.eval = eval_in_steps  # type: ignore[method-assign]  # Llama.generate calls self.eval
        return llm

    def load(self) -> None:
        """Load the model now (the service does this at start-up)."""
        _ = self.llm

    def count_tokens(self, text: str) -> int:
        """Tokens of a text in the model's vocabulary."""
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def stream(
        self,
        messages: Sequence[Message],
        max_tokens: int,
        stop: Sequence[str] = (),
        should_stop: StopCheck | None = None,
    ) -> Iterator[str]:
        """Stream a chat reply using the model's own chat template (one call at a time)."""
        llm = self.llm
        with self.lock:
            if should_stop is not None and should_stop():
                return
            self._should_stop = should_stop
            chunks = llm.create_chat_completion(
                messages=list(messages),
                max_tokens=max_tokens,
                temperature=self.temperature,
                top_k=1 if self.temperature == 0 else 40,
                seed=self.seed,
                stop=list(stop) or None,
                stream=True,
            )
            try:
                for chunk in chunks:
                    if should_stop is not None and should_stop():
                        break
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        yield piece
            except _PromptStopped:
                return
            except ValueError as exc:  # llama-cpp-python: "Requested tokens (N) exceed ..."
                if "context window" not in str(exc):
                    raise
                raise ContextOverflowError(f"{exc} (setting llm_ctx)") from None
            finally:
                self._should_stop = None
                chunks.close()

    def generate(
        self, messages: Sequence[Message], max_tokens: int, stop: Sequence[str] = ()
    ) -> str:
        """The whole reply as one string."""
        return "".join(self.stream(messages, max_tokens, stop))
