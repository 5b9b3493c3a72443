"""The on-disk index: incremental builds, model changes, crash safety, corruption, BM25."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from askcorpus import index as index_mod
from askcorpus import load as load_mod
from askcorpus.bm25 import BM25, tokenize
from askcorpus.errors import (
    ConfigError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    IndexOutdatedError,
)
from askcorpus.index import build_index, current_generation, load_index
from askcorpus.retrieve import Retriever
from fakes import TINY_CORPUS, FakeEmbedder, long_document, write_corpus

TOKENS, OVERLAP = 32, 6


def _build(corpus: Path, index: Path, emb: FakeEmbedder, **kw):
    return build_index(
        corpus, index, emb, kw.pop("chunk_tokens", TOKENS), kw.pop("chunk_overlap", OVERLAP), **kw
    )


def _vectors_by_chunk(data) -> dict[str, np.ndarray]:
    return {c.chunk_id: data.vectors[i] for i, c in enumerate(data.chunks)}


def _doc_ids(data) -> set[str]:
    return {c.doc_id for c in data.chunks}


@pytest.fixture
def built(corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder):
    """A first build of the tiny corpus; the embedder's counters are reset afterwards."""
    summary = _build(corpus_dir, index_dir, fake_embedder)
    fake_embedder.reset_counts()
    return summary


# --- first build and layout ----------------------------------------------------------------


def test_first_build_layout_and_manifest(corpus_dir: Path, index_dir: Path) -> None:
    emb = FakeEmbedder()
    s = _build(corpus_dir, index_dir, emb)
    assert (s.added, s.changed, s.removed, s.unchanged, s.documents) == (3, 0, 0, 0, 3)
    assert not s.up_to_date and s.rebuilt_because is None and s.resumed == 0
    data = load_index(index_dir)
    assert s.chunks == len(data.chunks) == emb.embedded == s.embedded
    assert _doc_ids(data) == set(TINY_CORPUS)
    gen = current_generation(index_dir)
    assert gen is not None and gen.name.startswith("gen-") and Path(s.path) == gen
    assert (index_dir / "CURRENT").read_text(encoding="utf-8").strip() == gen.name
    m = data.manifest
    assert (m["embed_model"], m["embed_fingerprint"], m["dim"]) == (
        "fake/bag-of-words",
        "fake0001",
        64,
    )
    assert (m["chunk_tokens"], m["chunk_overlap"], m["n_chunks"]) == (TOKENS, OVERLAP, s.chunks)
    assert set(m["files"]) >= {
        "chunks.json",
        "documents.jsonl",
        "vectors.npy",
        "bm25_counts.npz",
        "bm25_vocab.json",
    }
    for name, meta in m["files"].items():
        assert len(meta["sha256"]) == 64
        assert (gen / name).stat().st_size == meta["bytes"]
    assert data.vectors.shape == (s.chunks, 64) and data.vectors.dtype == np.float32
    assert data.faiss_index.ntotal == s.chunks
    for c in data.chunks:
        assert c.text == data.documents[c.doc_id].text[c.start : c.end]
    # No leftovers of the build.
    assert sorted(p.name for p in index_dir.iterdir()) == ["CURRENT", gen.name]


def test_missing_index_raises_with_hint(index_dir: Path) -> None:
    with pytest.raises(IndexMissingError, match="askcorpus index"):
        load_index(index_dir)


# --- incremental updates -------------------------------------------------------------------


def test_unchanged_corpus_is_up_to_date_and_embeds_nothing(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    gen_before = current_generation(index_dir)
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert s.up_to_date and s.unchanged == 3
    assert (s.added, s.changed, s.removed, s.embedded) == (0, 0, 0, 0)
    assert fake_embedder.calls == 0 and fake_embedder.embedded == 0
    assert current_generation(index_dir) == gen_before
    assert s.chunks == built.chunks


def test_added_document_only_its_chunks_embedded(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    before = _vectors_by_chunk(load_index(index_dir))
    write_corpus(corpus_dir, {"delta.txt": "Volcano Watch\n\n" + long_document(6, seed="v")})
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert (s.added, s.changed, s.removed, s.unchanged) == (1, 0, 0, 3)
    data = load_index(index_dir)
    new_chunks = [c for c in data.chunks if c.doc_id == "delta.txt"]
    assert len(new_chunks) >= 2
    assert s.embedded == fake_embedder.embedded == len(new_chunks)
    assert sorted(fake_embedder.embedded_texts) == sorted(c.embed_text() for c in new_chunks)
    after = _vectors_by_chunk(data)
    for cid, vec in before.items():
        assert np.array_equal(after[cid], vec)


def test_modified_document_only_it_reembedded(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    old = load_index(index_dir)
    before = _vectors_by_chunk(old)
    write_corpus(
        corpus_dir,
        {
            "gamma.txt": "date 2024-06-05 Orchard Harvest\n\n"
            "Pear growers reported a poor harvest after the frost."
        },
    )
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert (s.added, s.changed, s.removed, s.unchanged) == (0, 1, 0, 2)
    data = load_index(index_dir)
    gamma = [c for c in data.chunks if c.doc_id == "gamma.txt"]
    assert s.embedded == fake_embedder.embedded == len(gamma)
    assert all("Pear growers" in t for t in fake_embedder.embedded_texts)
    assert "Pear growers" in data.documents["gamma.txt"].text
    after = _vectors_by_chunk(data)
    for c in old.chunks:
        if c.doc_id != "gamma.txt":
            assert np.array_equal(after[c.chunk_id], before[c.chunk_id])
    # Order of documents in the index follows the corpus, rows stay aligned.
    assert [c.doc_id for c in data.chunks] == sorted(c.doc_id for c in data.chunks)


def _count_cleaning(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the ids of documents the loader cleans (rather than reuses)."""
    cleaned: list[str] = []
    real = load_mod._make_document

    def counting(doc_id: str, *a, **kw):
        cleaned.append(doc_id)
        return real(doc_id, *a, **kw)

    monkeypatch.setattr(load_mod, "_make_document", counting)
    return cleaned


def test_reindex_cleans_only_changed_input(
    corpus_dir: Path,
    index_dir: Path,
    fake_embedder: FakeEmbedder,
    built,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [
        json.dumps({"id": "a", "title": "Harbour", "text": "Ferries left the harbour at noon."}),
        json.dumps({"id": "b", "title": "Mill", "text": "The old mill ground wheat for years."}),
    ]
    (corpus_dir / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _build(corpus_dir, index_dir, fake_embedder)
    first = load_index(index_dir)
    cleaned = _count_cleaning(monkeypatch)
    lines[1] = json.dumps({"id": "b", "title": "Mill", "text": "The mill now grinds rye."})
    (corpus_dir / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert cleaned == ["feed.jsonl#b"]  # the other jsonl line and the .txt/.md files: reused
    assert (s.changed, s.reused_cleaned) == (1, len(TINY_CORPUS) + 1)
    data = load_index(index_dir)
    assert data.documents["feed.jsonl#a"] == first.documents["feed.jsonl#a"]
    assert "rye" in data.documents["feed.jsonl#b"].text
    # The same result as cleaning everything from scratch.
    fresh = load_mod.load_corpus(corpus_dir)
    assert {d.doc_id: d for d in fresh.documents} == data.documents


def test_new_loader_version_cleans_everything_again(
    corpus_dir: Path,
    index_dir: Path,
    fake_embedder: FakeEmbedder,
    built,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cleaned = _count_cleaning(monkeypatch)
    monkeypatch.setattr(load_mod, "LOADER_VERSION", "test-next")
    load_mod._loader_fingerprint.cache_clear()
    try:
        s = _build(corpus_dir, index_dir, fake_embedder)
        again = _build(corpus_dir, index_dir, fake_embedder)
    finally:
        monkeypatch.undo()
        load_mod._loader_fingerprint.cache_clear()
    assert (s.added, s.changed, s.embedded, s.reused_cleaned) == (0, 0, 0, 0)
    assert sorted(cleaned) == sorted(TINY_CORPUS)
    # The new keys were saved: the next run reuses every cleaned document.
    assert again.up_to_date and again.reused_cleaned == len(TINY_CORPUS)


def test_line_separator_inside_a_document_keeps_the_index_loadable(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder
) -> None:
    # U+2028/U+2029/U+0085 are line breaks to str.splitlines but not to JSONL.
    text = "Lighthouse\n\nThe keeper\u2028lit the lamp\u2029at dusk\u0085every night."
    write_corpus(corpus_dir, {"light.txt": text})
    rec = {"id": "x", "title": "Ferry", "text": "The ferry\u2028left at noon."}
    line = json.dumps(rec, ensure_ascii=False)
    (corpus_dir / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert not s.warnings
    data = load_index(index_dir)
    assert "feed.jsonl#x" in data.documents and "light.txt" in data.documents
    assert _build(corpus_dir, index_dir, fake_embedder).up_to_date


def test_index_of_older_format_is_rebuilt_announced(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    path = current_generation(index_dir) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["format"] = index_mod.FORMAT - 1
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexOutdatedError, match="askcorpus index"):
        load_index(index_dir)
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert s.rebuilt_because and "format" in s.rebuilt_because
    assert fake_embedder.embedded == s.chunks > 0
    assert load_index(index_dir).manifest["format"] == index_mod.FORMAT


def test_deleted_document_chunks_gone(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    (corpus_dir / "beta.md").unlink()
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert (s.added, s.changed, s.removed, s.unchanged, s.embedded) == (0, 0, 1, 2, 0)
    data = load_index(index_dir)
    assert _doc_ids(data) == {"alpha.txt", "gamma.txt"}
    assert "beta.md" not in data.documents and "beta.md" not in data.manifest["documents"]
    assert data.bm25.counts.shape[0] == len(data.chunks) == data.vectors.shape[0]
    assert not np.any(data.bm25.scores("harbour cranes dockworkers"))


def test_renamed_document_keeps_its_vectors(
    corpus_dir: Path, index_dir: Path, tmp_path: Path, fake_embedder: FakeEmbedder, built
) -> None:
    (corpus_dir / "news").mkdir()
    (corpus_dir / "beta.md").rename(corpus_dir / "news" / "beta.md")
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert (s.added, s.removed, s.embedded) == (1, 1, 0)  # nothing embedded again
    data = load_index(index_dir)
    assert _doc_ids(data) == {"alpha.txt", "gamma.txt", "news/beta.md"}
    fresh = _build(corpus_dir, tmp_path / "fresh", FakeEmbedder())
    assert fresh.embedded == s.chunks
    again = load_index(tmp_path / "fresh")
    assert [c.to_dict() for c in data.chunks] == [c.to_dict() for c in again.chunks]
    np.testing.assert_allclose(data.vectors, again.vectors, atol=1e-6)
    assert (
        data.bm25.scores("harbour cranes").tolist() == again.bm25.scores("harbour cranes").tolist()
    )


def test_incremental_result_equals_fresh_rebuild(
    corpus_dir: Path, index_dir: Path, tmp_path: Path, fake_embedder: FakeEmbedder, built
) -> None:
    (corpus_dir / "beta.md").unlink()
    write_corpus(
        corpus_dir,
        {
            "gamma.txt": "Orchard news\n\nPlums everywhere this year.",
            "delta.md": "# Volcano\n\n" + long_document(5, seed="v"),
        },
    )
    _build(corpus_dir, index_dir, fake_embedder)
    inc = load_index(index_dir)
    fresh_dir = tmp_path / "fresh"
    _build(corpus_dir, fresh_dir, FakeEmbedder())
    fresh = load_index(fresh_dir)
    assert [c.to_dict() for c in inc.chunks] == [c.to_dict() for c in fresh.chunks]
    np.testing.assert_allclose(inc.vectors, fresh.vectors, atol=1e-6)
    for q in ("plums orchard", "volcano", "glacier skaters ice", "harbour"):
        np.testing.assert_allclose(inc.bm25.scores(q), fresh.bm25.scores(q), rtol=1e-5)


def test_an_edited_document_embeds_only_its_changed_passages(
    corpus_dir: Path, index_dir: Path, tmp_path: Path
) -> None:
    article = "# Volcano\n\n" + long_document(20, seed="v")
    write_corpus(corpus_dir, {"delta.md": article})
    _build(corpus_dir, index_dir, FakeEmbedder())
    passages = len([c for c in load_index(index_dir).chunks if c.doc_id == "delta.md"])
    assert passages >= 4
    write_corpus(corpus_dir, {"delta.md": article + "\n\nA late note: the ash fell on Friday."})
    emb = FakeEmbedder()
    s = _build(corpus_dir, index_dir, emb)
    assert s.changed == 1 and 1 <= s.embedded <= 2 < passages  # the last passage or two
    assert all("ash fell" in t for t in emb.embedded_texts)
    # the same index as one built afresh
    inc = load_index(index_dir)
    _build(corpus_dir, tmp_path / "fresh", FakeEmbedder())
    fresh = load_index(tmp_path / "fresh")
    assert [c.to_dict() for c in inc.chunks] == [c.to_dict() for c in fresh.chunks]
    np.testing.assert_allclose(inc.vectors, fresh.vectors, atol=1e-6)
    for q in ("volcano ash friday", "harbour"):
        np.testing.assert_allclose(inc.bm25.scores(q), fresh.bm25.scores(q), rtol=1e-5)


def test_other_model_id_triggers_full_rebuild(corpus_dir: Path, index_dir: Path, built) -> None:
    other = FakeEmbedder(model_id="fake/other-model")
    s = _build(corpus_dir, index_dir, other)
    assert s.rebuilt_because and "embedding model" in s.rebuilt_because
    assert "fake/other-model" in s.rebuilt_because
    assert (s.added, s.unchanged) == (3, 0)
    assert other.embedded == s.chunks == built.chunks
    assert load_index(index_dir).embed_model == "fake/other-model"


def test_other_fingerprint_triggers_full_rebuild(corpus_dir: Path, index_dir: Path, built) -> None:
    other = FakeEmbedder(fingerprint="fake0002")
    s = _build(corpus_dir, index_dir, other)
    assert s.rebuilt_because and "embedding model files" in s.rebuilt_because
    assert other.embedded == s.chunks


def test_chunk_settings_change_triggers_full_rebuild(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    s = _build(corpus_dir, index_dir, fake_embedder, chunk_tokens=16)
    assert s.rebuilt_because and "chunk size" in s.rebuilt_because
    assert fake_embedder.embedded == s.chunks
    s2 = _build(corpus_dir, index_dir, fake_embedder, chunk_tokens=16, chunk_overlap=0)
    assert s2.rebuilt_because and "chunk overlap" in s2.rebuilt_because


def test_explicit_rebuild_reembeds_everything(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    s = _build(corpus_dir, index_dir, fake_embedder, rebuild=True)
    assert s.rebuilt_because == "--rebuild requested" and not s.up_to_date
    assert fake_embedder.embedded == s.chunks == built.chunks


def test_index_loaded_with_other_embedder_refused_by_retriever(index_dir: Path, built) -> None:
    data = load_index(index_dir)
    other = FakeEmbedder(model_id="fake/other-model", fingerprint="ffff")
    with pytest.raises(IndexMismatchError) as err:
        Retriever(data, other)
    msg = str(err.value)
    assert "fake/bag-of-words" in msg and "fake/other-model" in msg and "askcorpus index" in msg


def test_same_model_id_but_other_dimension_refused_at_search(index_dir: Path, built) -> None:
    data = load_index(index_dir)
    retriever = Retriever(data, FakeEmbedder(dim=32))
    with pytest.raises(IndexMismatchError, match="dimension"):
        retriever.search("harbour")


def test_only_the_index_own_generations_are_removed(corpus_dir: Path, tmp_path: Path) -> None:
    index = tmp_path / "mine"
    (index / "gen-ai").mkdir(parents=True)
    (index / "gen-ai" / "notes.md").write_text("my notes", encoding="utf-8")
    emb = FakeEmbedder()
    _build(corpus_dir, index, emb)
    write_corpus(corpus_dir, {"new.txt": "A new harbour crane arrived on Monday."})
    _build(corpus_dir, index, emb)
    gens = [p.name for p in index.iterdir() if p.name.startswith("gen-20")]
    assert len(gens) == 1  # the superseded generation is gone
    assert (index / "gen-ai" / "notes.md").read_text(encoding="utf-8") == "my notes"


def test_index_folder_is_not_the_corpus_nor_read_as_part_of_it(tmp_path: Path) -> None:
    from askcorpus.errors import ConfigError

    corpus = write_corpus(tmp_path / "docs")
    emb = FakeEmbedder()
    with pytest.raises(ConfigError, match="is the corpus folder"):
        _build(corpus, corpus, emb)
    with pytest.raises(ConfigError, match="holds the corpus folder"):
        _build(corpus, tmp_path, emb)
    first = _build(corpus, corpus / "idx", emb)
    again = _build(corpus, corpus / "idx", emb)
    assert again.up_to_date and again.documents == first.documents
    assert not any(c.doc_id.startswith("idx/") for c in load_index(corpus / "idx").chunks)


def test_an_index_of_another_corpus_is_not_overwritten(tmp_path: Path) -> None:
    from askcorpus.errors import ConfigError

    mine = write_corpus(tmp_path / "mine")
    other = write_corpus(tmp_path / "other", {"x.txt": "Another corpus altogether."})
    emb = FakeEmbedder()
    _build(mine, tmp_path / "index", emb)
    before = _doc_ids(load_index(tmp_path / "index"))
    with pytest.raises(ConfigError, match=r"holds the corpus .*mine, not .*other"):
        _build(other, tmp_path / "index", emb)
    assert _doc_ids(load_index(tmp_path / "index")) == before and "x.txt" not in before
    assert _build(other, tmp_path / "index", emb, rebuild=True).documents >= 1


def test_an_index_copied_away_from_its_corpus_takes_the_corpus_given(tmp_path: Path) -> None:
    import shutil

    mine = write_corpus(tmp_path / "mine")
    emb = FakeEmbedder()
    _build(mine, tmp_path / "index", emb)
    shutil.copytree(tmp_path / "index", tmp_path / "sub" / "index")  # mine is not at sub/mine
    report = _build(mine, tmp_path / "sub" / "index", emb)
    assert report.embedded == 0  # the same corpus: nothing to embed again
    # an index whose corpus is gone does not take a corpus that holds few of its documents
    shutil.copytree(tmp_path / "index", tmp_path / "far" / "away" / "index")
    other = write_corpus(tmp_path / "other", {"x.txt": "Another corpus altogether."})
    with pytest.raises(ConfigError, match="which is gone"):
        _build(other, tmp_path / "far" / "away" / "index", emb)
    # it now records mine where it is, so another corpus is refused again
    with pytest.raises(ConfigError, match=r"holds the corpus .*mine, not .*other"):
        _build(other, tmp_path / "sub" / "index", emb)


def test_one_build_at_a_time_per_index(corpus_dir: Path, index_dir: Path, built) -> None:
    import fcntl

    from askcorpus.errors import IndexBusyError

    held = os.open(index_dir, os.O_RDONLY)  # another process's build holds the folder
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(IndexBusyError, match="another askcorpus is indexing"):
            _build(corpus_dir, index_dir, FakeEmbedder())
    finally:
        os.close(held)
    assert _build(corpus_dir, index_dir, FakeEmbedder()).up_to_date


def test_an_index_being_built_for_the_first_time_says_so(tmp_path: Path) -> None:
    import fcntl

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    with pytest.raises(IndexMissingError, match="run `askcorpus index` first"):
        load_index(index_dir)
    held = os.open(index_dir, os.O_RDONLY)  # a first build holds the folder
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(IndexMissingError, match="askcorpus is building it"):
            load_index(index_dir)
    finally:
        os.close(held)


def test_progress_callback_reports_totals(corpus_dir: Path, index_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    s = _build(corpus_dir, index_dir, FakeEmbedder(), progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, s.chunks) and calls[-1] == (s.chunks, s.chunks)


# --- crash safety --------------------------------------------------------------------------


def _assert_old_content(index_dir: Path) -> None:
    data = load_index(index_dir)
    assert "Apple growers" in data.documents["gamma.txt"].text
    assert "delta.txt" not in data.documents
    assert data.bm25.scores("apple")[[c.doc_id == "gamma.txt" for c in data.chunks]].max() > 0


def _change_corpus(corpus_dir: Path) -> None:
    write_corpus(
        corpus_dir,
        {
            "gamma.txt": "Orchard\n\nPear growers had a poor year.",
            "delta.txt": "Volcano\n\nThe volcano erupted at dawn.",
        },
    )


@pytest.mark.parametrize("where", ["bm25_counts.npz", "vectors.npy", "pointer"])
def test_crash_while_writing_generation_keeps_previous_index(
    corpus_dir: Path,
    index_dir: Path,
    fake_embedder: FakeEmbedder,
    built,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    gen_before = current_generation(index_dir)
    _change_corpus(corpus_dir)

    if where != "pointer":
        real_write = index_mod._write_durable

        def flaky_write(path: Path, data: bytes) -> None:
            if path.name == where:  # half the file lands, then the disk fills up
                path.write_bytes(data[: len(data) // 2])
                raise OSError("disk full (simulated)")
            real_write(path, data)

        monkeypatch.setattr(index_mod, "_write_durable", flaky_write)
    else:
        real_replace = os.replace

        def flaky_replace(src, dst, *a, **kw):
            if Path(str(dst)).name == "CURRENT":
                raise OSError("power cut (simulated)")
            return real_replace(src, dst, *a, **kw)

        monkeypatch.setattr(index_mod.os, "replace", flaky_replace)

    with pytest.raises(OSError, match="simulated"):
        _build(corpus_dir, index_dir, fake_embedder)
    monkeypatch.undo()

    assert current_generation(index_dir) == gen_before
    _assert_old_content(index_dir)

    # The next build completes and cleans up what the crash left behind.
    s = _build(corpus_dir, index_dir, fake_embedder)
    assert (s.added, s.changed) == (1, 1)
    data = load_index(index_dir)
    assert "Pear growers" in data.documents["gamma.txt"].text
    assert "delta.txt" in data.documents
    assert sorted(p.name for p in index_dir.iterdir()) == ["CURRENT", data.path.name]


def test_interrupted_embedding_resumes_from_checkpoint(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_mod, "EMBED_STEP", 4)
    corpus = write_corpus(
        tmp_path / "big",
        {
            "long.txt": "Long Read\n\n" + long_document(40, seed="a"),
            "other.txt": "Second Read\n\n" + long_document(20, seed="b"),
        },
    )
    crashing = FakeEmbedder(fail_on_call=2)
    with pytest.raises(RuntimeError, match="simulated crash"):
        _build(corpus, index_dir, crashing)
    assert crashing.embedded == 4
    with pytest.raises(IndexMissingError):
        load_index(index_dir)
    assert (index_dir / ".partial").is_dir()

    resumed = FakeEmbedder()
    s = _build(corpus, index_dir, resumed)
    assert s.chunks > 8
    assert s.resumed == 4
    assert s.embedded == resumed.embedded == s.chunks - 4
    assert not (index_dir / ".partial").exists()

    fresh_dir = tmp_path / "fresh"
    _build(corpus, fresh_dir, FakeEmbedder())
    np.testing.assert_allclose(
        load_index(index_dir).vectors, load_index(fresh_dir).vectors, atol=1e-6
    )


def test_an_up_to_date_run_clears_a_checkpoint_given_up_on(
    corpus_dir: Path, index_dir: Path, built, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_mod, "EMBED_STEP", 1)
    extra = corpus_dir / "extra.txt"
    extra.write_text("Extra\n\n" + long_document(10, seed="c"), encoding="utf-8")
    with pytest.raises(RuntimeError, match="simulated crash"):
        _build(corpus_dir, index_dir, FakeEmbedder(fail_on_call=2))
    assert (index_dir / ".partial").is_dir()
    extra.unlink()  # the change is given up on: the corpus is as indexed
    assert _build(corpus_dir, index_dir, FakeEmbedder()).up_to_date
    assert not (index_dir / ".partial").exists()


def test_checkpoint_of_other_model_not_reused(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_mod, "EMBED_STEP", 4)
    corpus = write_corpus(tmp_path / "big", {"long.txt": long_document(30)})
    with pytest.raises(RuntimeError):
        _build(corpus, index_dir, FakeEmbedder(fail_on_call=2))
    other = FakeEmbedder(fingerprint="other-fp")
    s = _build(corpus, index_dir, other)
    assert s.resumed == 0 and other.embedded == s.chunks


# --- corruption ----------------------------------------------------------------------------


def test_truncated_vectors_detected(index_dir: Path, built) -> None:
    gen = current_generation(index_dir)
    vec = gen / "vectors.npy"
    vec.write_bytes(vec.read_bytes()[: vec.stat().st_size // 2])
    with pytest.raises(IndexCorruptError, match="--rebuild") as err:
        load_index(index_dir)
    assert "vectors.npy" in str(err.value)
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        load_index(index_dir, verify=False)


def test_build_on_corrupt_index_raises_and_rebuild_recovers(
    corpus_dir: Path, index_dir: Path, fake_embedder: FakeEmbedder, built
) -> None:
    gen = current_generation(index_dir)
    vec = gen / "vectors.npy"
    vec.write_bytes(vec.read_bytes()[:100])
    write_corpus(corpus_dir, {"delta.txt": "Volcano\n\nThe volcano erupted."})
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        _build(corpus_dir, index_dir, fake_embedder)
    # Nothing was overwritten: the damaged generation is still the live one.
    assert current_generation(index_dir) == gen and gen.is_dir()
    assert fake_embedder.embedded == 0

    s = _build(corpus_dir, index_dir, fake_embedder, rebuild=True)
    assert s.rebuilt_because == "--rebuild requested"
    data = load_index(index_dir)
    assert _doc_ids(data) == set(TINY_CORPUS) | {"delta.txt"}
    assert not gen.exists()


def test_tampered_chunk_file_detected_by_checksum(index_dir: Path, built) -> None:
    path = current_generation(index_dir) / "documents.jsonl"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"glacier", b"GLACIER"))  # same size, other content
    with pytest.raises(IndexCorruptError, match="checksum"):
        load_index(index_dir)


@pytest.mark.parametrize("pointer", ["../elsewhere", ".hidden", ""])
def test_damaged_pointer_detected(index_dir: Path, built, pointer: str) -> None:
    (index_dir / "CURRENT").write_text(pointer, encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        load_index(index_dir)


def test_pointer_to_missing_generation_detected(index_dir: Path, built) -> None:
    (index_dir / "CURRENT").write_text("gen-does-not-exist\n", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match=r"CURRENT names gen-does-not-exist, which is gone"):
        load_index(index_dir)


def test_manifest_of_unknown_format_detected(index_dir: Path, built) -> None:
    path = current_generation(index_dir) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["format"] = 999
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="format"):
        load_index(index_dir)


# --- BM25 ----------------------------------------------------------------------------------


def test_bm25_ranks_chunk_with_query_term_first() -> None:
    texts = [
        "The council approved the harbour budget.",
        "Skaters gathered on the frozen lake.",
        "Apple growers reported a record harvest.",
        "The council met again on Friday about parks.",
    ]
    bm = BM25.empty()
    model = BM25.assemble([bm.count_rows(texts)], bm.vocab)
    for query, best in (("harbour", 0), ("frozen skaters", 1), ("harvests", 2), ("parks", 3)):
        scores = model.scores(query)
        assert int(np.argmax(scores)) == best, query
        assert scores[best] > 0
    # Only stop words, or unknown words: nothing scores.
    assert not np.any(model.scores("the and of"))
    assert not np.any(model.scores("zeppelin"))


def test_bm25_rare_term_outweighs_common_term() -> None:
    texts = ["nato nato summit", "nato meeting", "nato vilnius", "nato brussels"]
    bm = BM25.empty()
    model = BM25.assemble([bm.count_rows(texts)], bm.vocab)
    assert int(np.argmax(model.scores("nato vilnius"))) == 2


def test_bm25_save_load_round_trip(tmp_path: Path) -> None:
    bm = BM25.empty()
    model = BM25.assemble([bm.count_rows(["alpha beta", "beta gamma gamma"])], bm.vocab)
    model.save(tmp_path)
    again = BM25.load(tmp_path)
    assert again.vocab == model.vocab
    np.testing.assert_allclose(again.scores("gamma"), model.scores("gamma"))


def test_bm25_tokenize_stems_and_drops_stop_words() -> None:
    assert tokenize("The Ministers were meeting") == tokenize("minister meet")
