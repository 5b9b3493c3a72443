"""Hybrid retrieval: dense (FAISS) and BM25 rankings fused, deduplicated, filtered."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from askcorpus.bm25 import BM25
from askcorpus.chunk import Chunk
from askcorpus.embed import Embedder
from askcorpus.errors import IndexMismatchError, QueryError
from askcorpus.index import IndexData, check_embedder
from askcorpus.load import strip_invisible

FUSIONS = ("convex", "rrf", "dense", "bm25")


@dataclass
class Hit:
    """A retrieved passage with its fused score and the two component scores."""

    chunk: Chunk
    score: float
    dense: float
    bm25: float

    def to_dict(self) -> dict[str, Any]:
        """The search result shape used by the CLI and the service."""
        c = self.chunk
        return {
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "title": c.title,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "score": round(self.score, 6),
        }


@dataclass
class Filters:
    """Optional restrictions on what may be retrieved."""

    doc_ids: set[str] | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(
                f"the date range is empty: from {self.date_from} is after to {self.date_to}"
            )

    def allows(self, chunk: Chunk) -> bool:
        """True if the chunk passes every filter (dates compare as ISO strings)."""
        if self.doc_ids is not None and chunk.doc_id not in self.doc_ids:
            return False
        if self.date_from or self.date_to:
            if not chunk.date:
                return False
            if self.date_from and chunk.date < self.date_from:
                return False
            if self.date_to and chunk.date > self.date_to:
                return False
        return True

    @property
    def active(self) -> bool:
        """True if any filter is set."""
        return bool(self.doc_ids is not None or self.date_from or self.date_to)


# Control characters (NUL, escape, ...) are no part of a question
# control characters, and lone surrogates (no text: "\ud800" in JSON, bytes not UTF-8 in argv)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def tidy_text(text: str) -> str:
    """The text without invisible and control characters, its whitespace collapsed."""
    return " ".join(_CONTROL_CHARS.sub(" ", strip_invisible(text)).split())


def clean_query(text: str, max_chars: int, what: str = "question") -> str:
    """Strip invisible characters and whitespace; refuse empty or over-long queries
    (`what` names the text in the message: "question" or "query")."""
    if not isinstance(text, str):
        raise QueryError(f"the {what} must be text")
    q = tidy_text(text)
    if not q:
        raise QueryError(f"the {what} is empty")
    if len(q) > max_chars:
        raise QueryError(f"the {what} is {len(q)} characters; the limit is {max_chars}")
    return q


def _ranks(scores: np.ndarray, allowed: np.ndarray | None, n: int) -> list[int]:
    """Rows of the top-n scores (descending), among allowed rows."""
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    n = min(n, int(np.isfinite(scores).sum()))
    if n <= 0:
        return []
    top = np.argpartition(-scores, n - 1)[:n]
    return [int(i) for i in top[np.argsort(-scores[top], kind="stable")]]


def normalise(scores: np.ndarray, allowed: np.ndarray | None, how: str) -> np.ndarray:
    """Scores put on a common scale, measured over the allowed rows: z-scores or min-max.

    A constant score list (e.g. BM25 when no query term is in the corpus) normalises to all
    zeros, so it does not move the other ranking.
    """
    vals = scores if allowed is None else scores[allowed]
    if vals.size:
        if how == "minmax":
            lo, hi = float(vals.min()), float(vals.max())
            if hi > lo:
                return ((scores - lo) / (hi - lo)).astype(np.float32)
        else:
            mean, std = float(vals.mean()), float(vals.std())
            if std > 1e-12:
                return ((scores - mean) / std).astype(np.float32)
    return np.zeros(scores.shape, dtype=np.float32)


def fuse(
    dense: np.ndarray,
    lexical: np.ndarray,
    allowed: np.ndarray | None,
    pool: int,
    fusion: str,
    rrf_k: int = 60,
    dense_weight: float = 1.0,
    bm25_weight: float = 1.0,
    convex_bm25_weight: float = 0.4,
    fusion_norm: str = "zscore",
) -> dict[int, float]:
    """Fused score of each candidate row (higher is better).

    - "rrf": weighted reciprocal-rank fusion of the top `pool` rows of each ranking.
    - "convex": (1 - a) * norm(dense) + a * norm(bm25) over every allowed row, with
      a = `convex_bm25_weight` and norm = z-score or min-max; the best `pool` rows are kept.
    - "dense" / "bm25": one ranking alone (BM25 keeps only rows that match a query term).
    """
    fused: dict[int, float] = {}
    if fusion == "convex":
        a = convex_bm25_weight
        combined = (1 - a) * normalise(dense, allowed, fusion_norm) + a * normalise(
            lexical, allowed, fusion_norm
        )
        for row in _ranks(combined, allowed, pool):
            fused[row] = float(combined[row])
        return fused
    if fusion in ("rrf", "dense"):
        for rank, row in enumerate(_ranks(dense, allowed, pool)):
            fused[row] = fused.get(row, 0.0) + dense_weight / (rrf_k + rank + 1)
    if fusion in ("rrf", "bm25"):
        for rank, row in enumerate(_ranks(lexical, allowed, pool)):
            if lexical[row] <= 0:
                break
            fused[row] = fused.get(row, 0.0) + bm25_weight / (rrf_k + rank + 1)
    return fused


class Retriever:
    """Searches one loaded index with one embedding model."""

    def __init__(
        self,
        index: IndexData,
        embedder: Embedder,
        fusion: str = "convex",
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        bm25_weight: float = 1.0,
        candidates: int = 50,
        max_query_chars: int = 1000,
        convex_bm25_weight: float = 0.4,
        fusion_norm: str = "zscore",
        bm25_k1: float | None = None,
        bm25_b: float | None = None,
    ) -> None:
        check_embedder(index.manifest, embedder)
        if fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {fusion!r}; use one of {FUSIONS}")
        if fusion_norm not in ("zscore", "minmax"):
            raise ValueError(f"unknown fusion_norm {fusion_norm!r}; use zscore or minmax")
        self.index = index
        self.embedder = embedder
        self.fusion = fusion
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.bm25_weight = bm25_weight
        self.candidates = candidates
        self.max_query_chars = max_query_chars
        self.convex_bm25_weight = convex_bm25_weight
        self.fusion_norm = fusion_norm
        # BM25 parameters are applied at query time (the index stores raw term counts).
        self.bm25 = index.bm25
        k1 = index.bm25.k1 if bm25_k1 is None else bm25_k1
        b = index.bm25.b if bm25_b is None else bm25_b
        if (k1, b) != (index.bm25.k1, index.bm25.b):
            self.bm25 = BM25(index.bm25.counts, index.bm25.vocab, k1=k1, b=b)

    @classmethod
    def from_settings(cls, index: IndexData, embedder: Embedder, settings: Any) -> Retriever:
        """Build with the retrieval settings."""
        return cls(
            index,
            embedder,
            fusion=settings.fusion,
            rrf_k=settings.rrf_k,
            dense_weight=settings.dense_weight,
            bm25_weight=settings.bm25_weight,
            candidates=settings.candidates,
            max_query_chars=settings.max_question_chars,
            convex_bm25_weight=getattr(settings, "convex_bm25_weight", 0.4),
            fusion_norm=getattr(settings, "fusion_norm", "zscore"),
            bm25_k1=getattr(settings, "bm25_k1", None),
            bm25_b=getattr(settings, "bm25_b", None),
        )

    def dense_scores(self, query: str) -> np.ndarray:
        """Cosine similarity of the query to every chunk."""
        q = self.embedder.embed_query(query)
        if q.shape[0] != self.index.vectors.shape[1]:
            raise IndexMismatchError(
                f"query vector has dimension {q.shape[0]} but the index has "
                f"{self.index.vectors.shape[1]}; rebuild with `askcorpus index --rebuild`"
            )
        return self.index.vectors @ q

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        """Top-k passages for a query, best first."""
        query = clean_query(query, self.max_query_chars, "query")
        if k < 1:
            raise QueryError("k must be at least 1")
        n = len(self.index.chunks)
        if n == 0:
            return []
        allowed = None
        if filters is not None and filters.active:
            allowed = np.fromiter((filters.allows(c) for c in self.index.chunks), bool, n)
        dense = self.dense_scores(query)
        lexical = self.bm25.scores(query)
        pool = max(self.candidates, k)
        fused = fuse(
            dense,
            lexical,
            allowed,
            pool,
            self.fusion,
            rrf_k=self.rrf_k,
            dense_weight=self.dense_weight,
            bm25_weight=self.bm25_weight,
            convex_bm25_weight=self.convex_bm25_weight,
            fusion_norm=self.fusion_norm,
        )
        order = sorted(fused, key=lambda r: (-fused[r], r))
        hits: list[Hit] = []
        seen: set[str] = set()
        for row in order:
            chunk = self.index.chunks[row]
            key = hashlib.sha1(" ".join(chunk.text.lower().split()).encode()).hexdigest()
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(chunk, fused[row], float(dense[row]), float(lexical[row])))
            if len(hits) == k:
                break
        return hits
