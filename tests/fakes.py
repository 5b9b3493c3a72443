"""Test doubles: a deterministic, torch-free embedder and a tiny-corpus writer."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from askcorpus.bm25 import tokenize
from askcorpus.embed import TokenVectors

_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"\w+")


def fake_tokens(text: str) -> list[tuple[int, int]]:
    """Character spans of whitespace-separated tokens (the fake tokenizer)."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def count_tokens(text: str) -> int:
    """Number of fake tokens in a text."""
    return len(fake_tokens(text))


class FakeEmbedder:
    """Implements the `askcorpus.embed.Embedder` protocol without a model.

    Tokens are whitespace-separated words; a vector is a hashed bag of lower-cased words,
    L2-normalised, so texts sharing words are similar and identical texts are identical.
    `embedded` counts texts passed to `embed_documents`; `fail_on_call` makes the n-th call
    (1-based) of `embed_documents` raise, to simulate an interrupted run.
    """

    def __init__(
        self,
        model_id: str = "fake/bag-of-words",
        fingerprint: str = "fake0001",
        dim: int = 64,
        max_tokens: int = 64,
        fail_on_call: int | None = None,
    ) -> None:
        self.model_id = model_id
        self.fingerprint = fingerprint
        self.dim = dim
        self.max_tokens = max_tokens
        self.fail_on_call = fail_on_call
        self.calls = 0
        self.embedded = 0
        self.embedded_texts: list[str] = []
        self.queries = 0
        self.token_calls = 0

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return [fake_tokens(t) for t in texts]

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            h = int.from_bytes(hashlib.md5(word.encode("utf-8")).digest()[:4], "little")
            vec[h % self.dim] += 1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else vec

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        self.calls += 1
        if self.fail_on_call is not None and self.calls == self.fail_on_call:
            raise RuntimeError(f"simulated crash in embedding call {self.calls}")
        self.embedded += len(texts)
        self.embedded_texts.extend(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries += 1
        return self._vector(text)

    def embed_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Each word is a token whose vector is the hashed vector of its stem, so a question
        word matches (cosine 1) the same word, inflected or not ("approve", "approved"), in
        another text, and nothing else."""
        self.token_calls += 1
        out = []
        for text in texts:
            words = list(_WORD.finditer(text))
            vecs = [self._vector(" ".join(tokenize(m.group(0))) or m.group(0)) for m in words]
            out.append(
                TokenVectors(
                    [(m.start(), m.end()) for m in words],
                    np.stack(vecs) if vecs else np.zeros((0, self.dim), dtype=np.float32),
                )
            )
        return out

    def reset_counts(self) -> None:
        """Forget what was embedded so far."""
        self.calls = 0
        self.embedded = 0
        self.embedded_texts = []
        self.queries = 0


# A small corpus whose documents have clearly different vocabularies.
TINY_CORPUS: dict[str, str] = {
    "alpha.txt": (
        "date 2024-01-10 Alpine Lakes Report\n\n"
        "The glacier lake near the village froze early this winter. "
        "Skaters gathered on the ice every morning. "
        "Fishermen drilled holes to catch trout under the frozen surface.\n"
    ),
    "beta.md": (
        "# Harbour Budget Vote\n\n"
        "The city council approved the harbour budget on Tuesday. "
        "Dockworkers welcomed the funding for new cranes. "
        "The mayor said shipping traffic doubled since last year.\n"
    ),
    "gamma.txt": (
        "date 2024-06-05 Orchard Harvest\n\n"
        "Apple growers reported a record harvest in the valley orchards. "
        "Cider presses worked through the night. "
        "Prices for apples fell at the weekly farmers market.\n"
    ),
}


def write_corpus(root: Path, files: Mapping[str, str | bytes] | None = None) -> Path:
    """Write files (relative path -> text or bytes) below `root`; returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in (TINY_CORPUS if files is None else files).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def long_document(n_sentences: int, words_per_sentence: int = 8, seed: str = "w") -> str:
    """A text of many distinct sentences (distinct words so chunks differ)."""
    sentences = []
    for i in range(n_sentences):
        words = [f"{seed}{i}x{j}" for j in range(words_per_sentence - 1)]
        sentences.append("Sentence " + " ".join(words) + ".")
    return " ".join(sentences)
