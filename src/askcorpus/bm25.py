"""BM25 keyword index over chunks: raw term counts are stored, weights computed at load.

Storing counts (not weights) makes incremental updates cheap: unchanged chunks keep their rows,
only changed chunks are tokenized again.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

_WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "don",
        "didn",
        "doesn",
        "isn",
        "wasn",
        "weren",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    try:
        import Stemmer

        return Stemmer.Stemmer("english")
    except ImportError:  # pragma: no cover - PyStemmer is a dependency
        return None


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed word tokens."""
    words = [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]
    stem = _stemmer()
    return list(stem.stemWords(words)) if stem is not None else words


class BM25:
    """Term-count matrix (chunks x terms) plus a vocabulary; scores with Okapi BM25."""

    def __init__(
        self, counts: sp.csr_matrix, vocab: dict[str, int], k1: float = 1.2, b: float = 0.75
    ) -> None:
        self.counts = counts.tocsr()
        self.vocab = vocab
        self.k1 = k1
        self.b = b
        self._weights: sp.csc_matrix | None = None
        self._idf: np.ndarray | None = None

    @classmethod
    def empty(cls) -> BM25:
        """An index with no rows."""
        return cls(sp.csr_matrix((0, 0), dtype=np.float32), {})

    def count_rows(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Term-count rows for new texts; unseen terms are added to the vocabulary."""
        indptr = [0]
        indices: list[int] = []
        data: list[int] = []
        for text in texts:
            tf: dict[int, int] = {}
            for tok in tokenize(text):
                tid = self.vocab.setdefault(tok, len(self.vocab))
                tf[tid] = tf.get(tid, 0) + 1
            indices.extend(tf.keys())
            data.extend(tf.values())
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), indptr),
            shape=(len(texts), len(self.vocab)),
        )

    @classmethod
    def assemble(cls, parts: Sequence[sp.csr_matrix], vocab: dict[str, int]) -> BM25:
        """Stack count rows (possibly built with a smaller vocabulary) into one index."""
        width = len(vocab)
        rows = [
            sp.csr_matrix((p.data, p.indices, p.indptr), shape=(p.shape[0], width))
            for p in parts
            if p.shape[0]
        ]
        counts = sp.vstack(rows, format="csr") if rows else sp.csr_matrix((0, width))
        return cls(counts.astype(np.float32), vocab)

    def take_rows(self, rows: Sequence[int]) -> sp.csr_matrix:
        """Count rows of existing chunks, for reuse in an incremental update."""
        return self.counts[np.asarray(rows, dtype=np.int64)]

    @property
    def weights(self) -> sp.csc_matrix:
        """BM25 term weights per chunk (column-major for fast per-term lookup)."""
        if self._weights is None:
            c = self.counts
            n = c.shape[0]
            lengths = np.asarray(c.sum(axis=1)).ravel()
            avg = float(lengths.mean()) if n else 1.0
            idf = self.idf
            row_norm = self.k1 * (1 - self.b + self.b * lengths / max(avg, 1e-9))
            w = c.copy()
            row_of = np.repeat(np.arange(n), np.diff(c.indptr))
            tf = w.data
            w.data = (idf[w.indices] * tf * (self.k1 + 1) / (tf + row_norm[row_of])).astype(
                np.float32
            )
            self._weights = w.tocsc()
        return self._weights

    @property
    def idf(self) -> np.ndarray:
        """Inverse document frequency of every vocabulary term (chunks are the documents)."""
        if self._idf is None:
            c = self.counts
            n = c.shape[0]
            df = np.bincount(c.indices, minlength=c.shape[1]).astype(np.float32)
            self._idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        return self._idf

    def term_idf(self, term: str) -> float:
        """IDF of one token; a term the index has never seen counts as the rarest."""
        i = self.vocab.get(term)
        if i is not None:
            return float(self.idf[i])
        n = self.counts.shape[0]
        return float(np.log1p((n + 0.5) / 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for a query (repeated query terms count once)."""
        n = self.counts.shape[0]
        ids = sorted({self.vocab[t] for t in tokenize(query) if t in self.vocab})
        if not ids or n == 0:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self.weights[:, ids].sum(axis=1)).ravel().astype(np.float32)

    def to_bytes(self) -> dict[str, bytes]:
        """The index as file contents: `bm25_counts.npz` (int32 term ids) and `bm25_vocab.json`."""
        c = self.counts
        compact = sp.csr_matrix(
            (c.data.astype(np.float32), c.indices.astype(np.int32), c.indptr), shape=c.shape
        )
        buf = io.BytesIO()
        sp.save_npz(buf, compact, compressed=False)
        vocab = json.dumps(self.vocab, ensure_ascii=False).encode("utf-8")
        return {"bm25_counts.npz": buf.getvalue(), "bm25_vocab.json": vocab}

    @classmethod
    def from_parts(cls, counts: sp.spmatrix, vocab: dict[str, int]) -> BM25:
        """An index from loaded counts and vocabulary; raises ValueError if they disagree."""
        counts = sp.csr_matrix(counts)
        if counts.shape[1] != len(vocab):
            raise ValueError("BM25 vocabulary and counts disagree")
        return cls(counts, vocab)

    def save(self, folder: Path) -> list[Path]:
        """Write counts and vocabulary; returns the files written."""
        paths = []
        for name, data in self.to_bytes().items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)
        return paths

    @classmethod
    def load(cls, folder: Path) -> BM25:
        """Read what `save` wrote."""
        counts = sp.load_npz(folder / "bm25_counts.npz")
        vocab = json.loads((folder / "bm25_vocab.json").read_text(encoding="utf-8"))
        return cls.from_parts(counts, vocab)
