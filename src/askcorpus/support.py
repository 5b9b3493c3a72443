"""Does the answer's evidence cover the question? Word-level matching with contextual vectors.

A near miss is the hard case for abstaining: the corpus is on the topic ("Rutte met Trump in
Palm Beach") but lacks the fact asked ("on what date?"), and a sentence about the topic
scores high as a whole. `question_recall` asks instead how much of the question the evidence
covers word by word: every content word of the question (stop words left out) finds its
best-matching token of the evidence (cosine of contextual token vectors, so a word also
matches its inflections and near synonyms in context), and the matches are averaged over the
question's tokens (BERTScore's recall). The question's names may also be matched in the
passage around the evidence: news sentences name the people and places once, then report the
fact without them ("Rutte met Trump in Palm Beach. The talks, confirmed by spokesperson
Farah Dakhlallah, ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from askcorpus.bm25 import tokenize
from askcorpus.embed import Embedder, TokenVectors

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _overlapping(spans: Sequence[tuple[int, int]], words: list[tuple[int, int]]) -> list[int]:
    """Indexes of the tokens (character `spans`) that overlap any of the `words`' spans."""
    return [i for i, (s, e) in enumerate(spans) if any(s < b and a < e for a, b in words)]


def content_tokens(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Indexes of the tokens that overlap a content word of `text` (not a stop word)."""
    return _overlapping(spans, [m.span() for m in _WORD.finditer(text) if tokenize(m[0])])


def name_tokens(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of the tokens that overlap a name: a capitalised word other than the first."""
    names = [m.span() for m in _WORD.finditer(text) if m.start() and m[0][0].isupper()]
    return set(_overlapping(spans, names))


def question_recall(
    question: str,
    evidence: Sequence[str],
    embedder: Embedder,
    context: Callable[[], Sequence[TokenVectors]] | None = None,
) -> float | None:
    """How well the evidence texts cover the question: the mean, over the tokens of the
    question's content words, of each one's best cosine to any evidence token (clipped to
    [0, 1]); a name of the question (`name_tokens`) may also match a token of `context()`,
    the passages around the evidence (called only if the question has a name). None when the
    question has no content word."""
    q, *docs = embedder.embed_tokens([question, *evidence])
    keep = content_tokens(question, q.spans)
    if not keep:
        return None
    vectors = [d.vectors for d in docs if len(d.vectors)]
    if not vectors:
        return 0.0
    best = (q.vectors[keep] @ np.concatenate(vectors).T).max(axis=1)
    names = name_tokens(question, q.spans)
    rows = [j for j, i in enumerate(keep) if i in names]
    if context is not None and rows:
        around = [d.vectors for d in context() if len(d.vectors)]
        if around:
            near = (q.vectors[[keep[j] for j in rows]] @ np.concatenate(around).T).max(axis=1)
            best[rows] = np.maximum(best[rows], near)
    return float(np.clip(best, 0.0, 1.0).mean())
