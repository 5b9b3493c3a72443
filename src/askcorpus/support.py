"""Does the answer's evidence cover the question? Word-level matching with contextual vectors.

A near miss is the hard case for abstaining: the corpus is on the topic ("Rutte met Trump in
Palm Beach") but lacks the fact asked ("on what date?"), and a sentence about the topic
scores high as a whole. `question_recall` asks instead how much of the question the evidence
covers word by word: every content word of the question (stop words left out) finds its
best-matching token of the evidence (cosine of contextual token vectors, so a word also
matches its inflections and near synonyms in context), and the matches are averaged over the
question's tokens (BERTScore's recall).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from askcorpus.bm25 import tokenize
from askcorpus.embed import Embedder

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def content_tokens(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Indexes of the tokens that overlap a content word of `text` (not a stop word)."""
    content = [(m.start(), m.end()) for m in _WORD.finditer(text) if tokenize(m.group(0))]
    return [i for i, (s, e) in enumerate(spans) if any(s < b and a < e for a, b in content)]


def question_recall(question: str, evidence: Sequence[str], embedder: Embedder) -> float | None:
    """How well the evidence texts cover the question: the mean, over the tokens of the
    question's content words, of each one's best cosine to any evidence token (clipped to
    [0, 1]); None when the question has no content word (nothing to cover)."""
    q, *docs = embedder.embed_tokens([question, *evidence])
    keep = content_tokens(question, q.spans)
    if not keep:
        return None
    vectors = [d.vectors for d in docs if len(d.vectors)]
    if not vectors:
        return 0.0
    sims = q.vectors[keep] @ np.concatenate(vectors).T
    return float(np.clip(sims.max(axis=1), 0.0, 1.0).mean())
