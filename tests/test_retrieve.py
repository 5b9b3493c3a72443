"""Hybrid retrieval over a small index built with the fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from askcorpus.errors import QueryError
from askcorpus.index import build_index, load_index
from askcorpus.retrieve import Filters, Retriever, clean_query
from fakes import TINY_CORPUS, FakeEmbedder, write_corpus

DUPLICATE = (
    "Bridge Repairs\n\nEngineers closed the old stone bridge for repairs. "
    "Traffic was diverted through the market square."
)


@pytest.fixture(scope="module")
def index_and_embedder(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("retrieve")
    corpus = write_corpus(
        root / "corpus",
        {
            **TINY_CORPUS,
            "news/bridge-a.txt": DUPLICATE,
            "news/bridge-b.txt": DUPLICATE,  # same text, other file
            "undated.txt": "Bridge Club\n\nThe bridge club meets on Thursdays to play cards.",
        },
    )
    emb = FakeEmbedder()
    build_index(corpus, root / "index", emb, 32, 6)
    return load_index(root / "index"), emb


@pytest.fixture
def retriever(index_and_embedder) -> Retriever:
    data, emb = index_and_embedder
    return Retriever(data, emb)


def test_relevant_document_ranks_first(retriever: Retriever) -> None:
    for query, doc_id in (
        ("harbour budget cranes", "beta.md"),
        ("frozen glacier lake skaters", "alpha.txt"),
        ("apple harvest orchards", "gamma.txt"),
        ("card game club", "undated.txt"),
    ):
        hits = retriever.search(query, k=3)
        assert hits[0].chunk.doc_id == doc_id, (query, [h.chunk.chunk_id for h in hits])


def test_hits_are_sorted_and_shaped(retriever: Retriever, index_and_embedder) -> None:
    data, _ = index_and_embedder
    hits = retriever.search("bridge repairs traffic", k=4)
    assert 1 <= len(hits) <= 4
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for h in hits:
        d = h.to_dict()
        assert set(d) == {"chunk_id", "doc_id", "title", "text", "start", "end", "score"}
        assert d["text"] == data.documents[d["doc_id"]].text[d["start"] : d["end"]]
        assert -1.0 <= h.dense <= 1.0 + 1e-6 and h.bm25 >= 0
    assert len({h.chunk.chunk_id for h in hits}) == len(hits)


def test_duplicate_passages_removed(retriever: Retriever) -> None:
    hits = retriever.search("stone bridge repairs diverted traffic", k=5)
    dup_hits = [h for h in hits if h.chunk.doc_id.startswith("news/bridge-")]
    assert len(dup_hits) == 1
    texts = [" ".join(h.chunk.text.lower().split()) for h in hits]
    assert len(texts) == len(set(texts))


def test_filter_by_document_id(retriever: Retriever) -> None:
    hits = retriever.search("harbour budget", k=5, filters=Filters(doc_ids={"gamma.txt"}))
    assert hits and {h.chunk.doc_id for h in hits} == {"gamma.txt"}
    both = retriever.search("lake", k=10, filters=Filters(doc_ids={"alpha.txt", "beta.md"}))
    assert {h.chunk.doc_id for h in both} <= {"alpha.txt", "beta.md"}
    assert retriever.search("lake", k=5, filters=Filters(doc_ids=set())) == []


def test_filter_by_date_range(retriever: Retriever) -> None:
    # alpha.txt is dated 2024-01-10, gamma.txt 2024-06-05, the others have no date.
    late = retriever.search(
        "lake harvest harbour bridge", k=10, filters=Filters(date_from="2024-03-01")
    )
    assert {h.chunk.doc_id for h in late} == {"gamma.txt"}
    early = retriever.search(
        "lake harvest harbour bridge", k=10, filters=Filters(date_to="2024-03-01")
    )
    assert {h.chunk.doc_id for h in early} == {"alpha.txt"}
    window = retriever.search(
        "lake harvest", k=10, filters=Filters(date_from="2024-01-10", date_to="2024-06-05")
    )
    assert {h.chunk.doc_id for h in window} == {"alpha.txt", "gamma.txt"}
    none = retriever.search("lake", k=10, filters=Filters(date_from="2025-01-01"))
    assert none == []


def test_filters_combine(retriever: Retriever) -> None:
    hits = retriever.search(
        "lake harvest", k=10, filters=Filters(doc_ids={"alpha.txt"}, date_from="2024-03-01")
    )
    assert hits == []


@pytest.mark.parametrize("query", ["", "   ", "\u200b\u200d\ufeff", "\n\t"])
def test_empty_query_refused(retriever: Retriever, query: str) -> None:
    with pytest.raises(QueryError, match="empty"):
        retriever.search(query)


def test_overlong_query_and_bad_k_refused(index_and_embedder) -> None:
    data, emb = index_and_embedder
    r = Retriever(data, emb, max_query_chars=20)
    with pytest.raises(QueryError, match="limit is 20"):
        r.search("x" * 21)
    with pytest.raises(QueryError):
        r.search("lake", k=0)


def test_clean_query_normalises_whitespace_and_invisibles() -> None:
    assert clean_query("  where\u200b is\n the   lake? ", 100) == "where is the lake?"
    with pytest.raises(QueryError):
        clean_query(None, 100)  # type: ignore[arg-type]


def test_k_larger_than_index_returns_each_passage_once(
    retriever: Retriever, index_and_embedder
) -> None:
    data, _ = index_and_embedder
    hits = retriever.search("the", k=100)
    assert len(hits) == len(data.chunks) - 1  # one of the two duplicate chunks is dropped


@pytest.mark.parametrize("fusion", ["dense", "bm25", "rrf"])
def test_fusion_modes(index_and_embedder, fusion: str) -> None:
    data, emb = index_and_embedder
    r = Retriever(data, emb, fusion=fusion)
    hits = r.search("harbour budget cranes", k=2)
    assert hits[0].chunk.doc_id == "beta.md"


def test_bm25_only_returns_nothing_without_matching_terms(index_and_embedder) -> None:
    data, emb = index_and_embedder
    assert Retriever(data, emb, fusion="bm25").search("zeppelin", k=3) == []


def test_single_document_index(
    tmp_path: Path,
) -> None:
    # k is capped by what exists.
    corpus = write_corpus(tmp_path / "c", {"one.txt": "Only document here."})
    emb = FakeEmbedder()
    build_index(corpus, tmp_path / "i", emb, 32, 0)
    hits = Retriever(load_index(tmp_path / "i"), emb).search("document", k=5)
    assert [h.chunk.doc_id for h in hits] == ["one.txt"]
