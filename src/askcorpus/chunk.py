"""Split documents into sentence-aware chunks sized in tokens of the embedding model."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from askcorpus.load import Document

# For each text, the (start, end) character span of every token (no special tokens).
TokenSpans = Callable[[Sequence[str]], list[list[tuple[int, int]]]]

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "pres",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.n",
    "fig",
    "approx",
    "dept",
    "est",
    "mt",
    "ft",
}
# Candidate sentence ends: terminal punctuation (plus closing quotes/brackets) then a space.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@dataclass
class Chunk:
    """A passage of a document; `text == document.text[start:end]`."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    date: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Plain dict for JSON."""
        return {  # a plain dict: asdict() deep-copies and costs seconds on large corpora
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date,
        }

    def embed_text(self) -> str:
        """What the embedding model reads: the passage, headed by its title if not inside it."""
        if self.title and not self.text.startswith(self.title):
            return f"{self.title}\n{self.text}"
        return self.text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences; paragraph and line breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group(0)
        cut = 0
        for m in _END.finditer(p_text):
            word = re.search(r"(\S+)$", p_text[cut : m.start()])
            prev = word.group(1).lower().strip("\"'“‘(") if word else ""
            if m.group(0).startswith(".") and (
                prev in _ABBREV or (len(prev) == 1 and prev.isalpha())
            ):
                continue
            spans.append((p_start + cut, p_start + m.end()))
            cut = m.end()
        spans.append((p_start + cut, p_start + len(p_text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def _pieces(
    spans: list[tuple[int, int]], offsets: list[list[tuple[int, int]]], budget: int
) -> list[tuple[int, int, int]]:
    """Sentence spans with token counts; a sentence over budget is cut at token boundaries."""
    out: list[tuple[int, int, int]] = []
    for (s, e), toks in zip(spans, offsets, strict=True):
        if len(toks) <= budget:
            out.append((s, e, len(toks)))
            continue
        for i in range(0, len(toks), budget):
            part = toks[i : i + budget]
            start = s + part[0][0]
            end = s + part[-1][1] if i + budget >= len(toks) else s + toks[i + budget][0]
            out.append((start, end, len(part)))
    return out


def chunk_document(
    doc: Document, token_spans: TokenSpans, max_tokens: int, overlap: int
) -> list[Chunk]:
    """Pack whole sentences into chunks of at most `max_tokens`, repeating up to `overlap`."""
    spans = sentence_spans(doc.text)
    if not spans:
        return []
    title_tokens = len(token_spans([doc.title])[0]) + 1 if doc.title else 0
    budget = max(8, max_tokens - min(title_tokens, max_tokens // 4))
    offsets = token_spans([doc.text[s:e] for s, e in spans])
    pieces = _pieces(spans, offsets, budget)
    # Trim piece ends so a piece never ends in whitespace.
    pieces = [(s, s + len(doc.text[s:e].rstrip()), n) for s, e, n in pieces]

    groups: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    used = 0
    for piece in pieces:
        if current and used + piece[2] > budget:
            groups.append(current)
            carry: list[tuple[int, int, int]] = []
            carried = 0
            for prev in reversed(current):
                if carried + prev[2] > overlap or carried + prev[2] + piece[2] > budget:
                    break
                carry.insert(0, prev)
                carried += prev[2]
            if len(carry) == len(current):
                carry = []
                carried = 0
            current, used = carry, carried
        current.append(piece)
        used += piece[2]
    if current:
        groups.append(current)

    chunks = []
    for i, group in enumerate(groups):
        start, end = group[0][0], group[-1][1]
        chunks.append(
            Chunk(
                chunk_id=f"{doc.doc_id}#{i}",
                doc_id=doc.doc_id,
                title=doc.title,
                text=doc.text[start:end],
                start=start,
                end=end,
                date=doc.date,
            )
        )
    return chunks
