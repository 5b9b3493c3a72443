"""Heavy resources built once from settings and shared by the CLI, the service and the evals."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING

from askcorpus.settings import Settings

if TYPE_CHECKING:
    from askcorpus.answer import Answerer
    from askcorpus.embed import Embedder
    from askcorpus.generate import Generator
    from askcorpus.index import BuildSummary, IndexData, Progress
    from askcorpus.prompt import Prompts
    from askcorpus.retrieve import Retriever


class Runtime:
    """Lazily loaded embedder, index, retriever, generator and answerer for one settings object.

    Tests swap a part by assigning it before first use (e.g. `rt.generator = FakeGenerator()`).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()

    @cached_property
    def embedder(self) -> Embedder:
        """The embedding model (loaded on first embed)."""
        from askcorpus.embed import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder.from_settings(self.settings)

    @cached_property
    def index(self) -> IndexData:
        """The live index generation."""
        from askcorpus.index import load_index

        return load_index(self.settings.index_dir)

    @cached_property
    def retriever(self) -> Retriever:
        """Hybrid retriever over the index."""
        from askcorpus.retrieve import Retriever

        return Retriever.from_settings(self.index, self.embedder, self.settings)

    @cached_property
    def generator(self) -> Generator:
        """The local LLM (loaded on first use)."""
        from askcorpus.generate import LlamaGenerator

        return LlamaGenerator.from_settings(self.settings)

    def load_llm(self) -> None:
        """Load the LLM now if the answer mode uses it (extract mode never does), so a model
        that does not load is reported at start, not at the first question."""
        if self.settings.resolved_answer_mode() == "extract":
            return
        load = getattr(self.generator, "load", None)
        if callable(load):
            load()

    def load_for_answers(self) -> None:
        """Load the index, then the LLM (see `load_llm`), before any answer: a missing index
        or a model that does not load is reported before a prompt or an output file."""
        _ = self.answerer
        self.load_llm()

    @cached_property
    def prompts(self) -> Prompts:
        """Prompt templates from the prompts folder."""
        from askcorpus.prompt import Prompts

        return Prompts.load(self.settings.prompts_path())

    @cached_property
    def answerer(self) -> Answerer:
        """The question-answering pipeline."""
        from askcorpus.answer import Answerer

        return Answerer(self.retriever, self.generator, self.prompts, self.settings)

    def build_index(self, rebuild: bool = False, progress: Progress | None = None) -> BuildSummary:
        """Index `corpus_dir` into `index_dir` with this runtime's embedder and chunk settings."""
        from askcorpus.index import build_index

        s = self.settings
        return build_index(
            s.corpus_dir,
            s.index_dir,
            self.embedder,
            s.chunk_tokens,
            s.chunk_overlap,
            rebuild=rebuild,
            progress=progress,
        )

    def reload_index(self) -> None:
        """Load the newest index and swap it in (callers keep the old one until this returns)."""
        from askcorpus.index import load_index
        from askcorpus.retrieve import Retriever

        index = load_index(self.settings.index_dir)
        retriever = Retriever.from_settings(index, self.embedder, self.settings)
        with self._lock:
            self.__dict__["index"] = index
            self.__dict__["retriever"] = retriever
            if "answerer" in self.__dict__:
                self.answerer.retriever = retriever
