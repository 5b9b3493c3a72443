"""Chunking: exact offsets, token limits, overlap, sentence splitting."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from askcorpus.chunk import chunk_document, sentence_spans
from askcorpus.load import Document, load_corpus
from fakes import FakeEmbedder, count_tokens, fake_tokens, long_document

REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _doc(text: str, title: str = "", doc_id: str = "d.txt", date: str | None = None) -> Document:
    return Document(doc_id=doc_id, title=title, text=text, source=doc_id, date=date)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


# --- sentence splitting --------------------------------------------------------------------


def test_sentence_splitter_keeps_abbreviations_together() -> None:
    text = (
        "Mr. Smith visited the U.S. Army base. He met Dr. Jones, e.g. the chief! "
        "Was it fine? The U.S. and the U.K. agreed. A. Lincoln spoke. Version 2.5 shipped."
    )
    assert _sentences(text) == [
        "Mr. Smith visited the U.S. Army base.",
        "He met Dr. Jones, e.g. the chief!",
        "Was it fine?",
        "The U.S. and the U.K. agreed.",
        "A. Lincoln spoke.",
        "Version 2.5 shipped.",
    ]


def test_sentence_splitter_line_breaks_end_sentences_and_quotes_stay_attached() -> None:
    text = 'Headline without stop\n\n"It is over," he said. "Yes." She left.\nLast line'
    assert _sentences(text) == [
        "Headline without stop",
        '"It is over," he said.',
        '"Yes."',
        "She left.",
        "Last line",
    ]


def test_sentence_spans_are_trimmed_and_cover_all_words() -> None:
    text = "  One two.   Three four!  \n\n  Five six?  "
    spans = sentence_spans(text)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip()
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()


# --- chunking ------------------------------------------------------------------------------


@pytest.mark.parametrize("max_tokens", [16, 32, 64])
@pytest.mark.parametrize("overlap", [0, 10])
def test_real_corpus_chunks_slice_back_and_fit(max_tokens: int, overlap: int) -> None:
    emb = FakeEmbedder(max_tokens=max_tokens)
    for doc in load_corpus(REPO_CORPUS).documents:
        chunks = chunk_document(doc, emb.token_spans, max_tokens, overlap)
        assert chunks
        assert [c.chunk_id for c in chunks] == [f"{doc.doc_id}#{i}" for i in range(len(chunks))]
        for c in chunks:
            assert c.text == doc.text[c.start : c.end]
            assert c.text == c.text.strip() and c.text
            assert count_tokens(c.text) <= max_tokens
            assert (c.doc_id, c.title, c.date) == (doc.doc_id, doc.title, doc.date)
        # Every word of the document is inside some chunk.
        for s, e in fake_tokens(doc.text):
            assert any(c.start <= s and e <= c.end for c in chunks), doc.text[s:e]
        starts = [c.start for c in chunks]
        assert starts == sorted(starts)


def test_embed_text_fits_window_with_a_normal_title() -> None:
    emb = FakeEmbedder(max_tokens=40)
    doc = _doc(long_document(30), title="A Short Report Title")
    chunks = chunk_document(doc, emb.token_spans, 40, 8)
    assert len(chunks) > 3
    for c in chunks:
        assert c.embed_text().startswith("A Short Report Title\n")
        assert count_tokens(c.embed_text()) <= 40


def test_embed_text_does_not_repeat_title_already_in_text() -> None:
    emb = FakeEmbedder()
    doc = _doc("Lake Report\n\nThe ice is thick.", title="Lake Report")
    (chunk,) = chunk_document(doc, emb.token_spans, 64, 0)
    assert chunk.embed_text() == "Lake Report\n\nThe ice is thick."


def test_sentence_longer_than_window_is_split_at_token_boundaries() -> None:
    words = [f"w{i}" for i in range(150)]
    text = "Short start. " + " ".join(words) + ". Short end."
    doc = _doc(text)
    emb = FakeEmbedder(max_tokens=32)
    chunks = chunk_document(doc, emb.token_spans, 32, 0)
    assert len(chunks) >= 5
    for c in chunks:
        assert c.text == doc.text[c.start : c.end]
        assert 0 < count_tokens(c.text) <= 32
        # Never cut inside a word.
        assert c.start == 0 or doc.text[c.start - 1].isspace()
        assert c.end == len(doc.text) or doc.text[c.end].isspace()
    # Without overlap the chunks tile the text: every word exactly once, in order.
    assert " ".join(c.text for c in chunks).split() == text.split()


def test_overlap_repeats_trailing_sentences() -> None:
    text = long_document(20, words_per_sentence=8)  # 20 sentences of 8 tokens
    doc = _doc(text)
    emb = FakeEmbedder(max_tokens=40)
    chunks = chunk_document(doc, emb.token_spans, 40, 10)
    assert len(chunks) >= 4
    for prev, nxt in itertools.pairwise(chunks):
        prev_sents = _sentences(prev.text)
        next_sents = _sentences(nxt.text)
        # Exactly the last sentence (8 tokens <= overlap 10 < 16) is repeated.
        assert next_sents[0] == prev_sents[-1]
        assert next_sents[1] not in prev_sents
        assert nxt.start < prev.end
        assert count_tokens(nxt.text) <= 40


def test_no_overlap_means_disjoint_chunks() -> None:
    doc = _doc(long_document(20))
    emb = FakeEmbedder(max_tokens=40)
    chunks = chunk_document(doc, emb.token_spans, 40, 0)
    for prev, nxt in itertools.pairwise(chunks):
        assert nxt.start >= prev.end
    assert " ".join(c.text for c in chunks).split() == doc.text.split()


def test_chunks_pack_whole_sentences() -> None:
    doc = _doc(long_document(12))
    emb = FakeEmbedder(max_tokens=40)
    sentences = set(_sentences(doc.text))
    for c in chunk_document(doc, emb.token_spans, 40, 10):
        for s in _sentences(c.text):
            assert s in sentences


def test_short_document_is_one_chunk_and_empty_document_none() -> None:
    emb = FakeEmbedder()
    (chunk,) = chunk_document(_doc("Just one line.", date="2024-01-01"), emb.token_spans, 64, 8)
    assert (chunk.text, chunk.start, chunk.end) == ("Just one line.", 0, 14)
    assert chunk.date == "2024-01-01"
    assert chunk_document(_doc("   \n\n  "), emb.token_spans, 64, 8) == []


def test_chunk_to_dict_round_trips() -> None:
    from askcorpus.chunk import Chunk

    emb = FakeEmbedder()
    (chunk,) = chunk_document(_doc("Round trip text.", title="T"), emb.token_spans, 64, 0)
    assert Chunk(**chunk.to_dict()) == chunk
