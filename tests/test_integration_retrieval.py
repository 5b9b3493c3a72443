"""Retrieval over the real corpus with the real bundled embedding model (loaded once)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from askcorpus import cli
from askcorpus.index import build_index
from askcorpus.runtime import Runtime
from askcorpus.settings import Settings

pytestmark = pytest.mark.integration

REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
A000 = "000_5466df48c453ddd6.txt"  # Lavrov / Putin / Rutte in Budapest / Baerbock / Newsweek
A001 = "001_6d3364db2e0d89d6.txt"  # Lavrov after the CSTO meeting in Almaty
A002 = "002_8b1ef959ab457d09.txt"  # Vilnius summit, defence spending, Macron "brain dead"
A003 = "003_06dc2cbe39cd1be0.txt"  # Rutte on Russia-China-North Korea-Iran; Blinken in Brussels
A004 = "004_301f6f64d80d5060.txt"  # Rutte meets Trump in Palm Beach, Florida

QUESTIONS = [
    ("In which city did the defence-pact foreign ministers of the CSTO gather?", A001),
    (
        "Where in the United States did the head of NATO hold talks with the incoming president?",
        A004,
    ),
    ("Who confirmed that the alliance chief and Trump had talked?", A004),
    ("Why did Armenia stay away from the Almaty ministerial?", A001),
    ("Which Lithuanian city is hosting the alliance's upcoming summit?", A002),
    ("Which French leader once described the alliance as brain dead?", A002),
    (
        "Which American diplomat met Rutte in Brussels and promised a firm response to "
        "Pyongyang's soldiers?",
        A003,
    ),
    ("Who said nothing about Ukraine should be decided without the Ukrainians?", A003),
    (
        "Which German minister wanted European allies to spend more than two percent of GDP "
        "on the military?",
        A000,
    ),
    (
        "Which magazine warned that alliance members face an imminent crisis after Trump's "
        "victory?",
        A000,
    ),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):
    """The real corpus indexed once with the bundled model; yields (settings, runtime, summary)."""
    root = tmp_path_factory.mktemp("integration")
    corpus = root / "corpus"
    shutil.copytree(REPO_CORPUS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=root / "index")
    rt = Runtime(settings)
    summary = build_index(
        corpus, settings.index_dir, rt.embedder, settings.chunk_tokens, settings.chunk_overlap
    )
    return settings, rt, summary


def test_index_built(env) -> None:
    _, rt, summary = env
    assert summary.documents == 5 and summary.added == 5
    assert summary.embedded == summary.chunks == len(rt.index.chunks) > 5
    assert rt.index.embed_model == rt.embedder.model_id
    assert rt.index.vectors.shape == (summary.chunks, rt.embedder.dim)


def test_second_build_is_up_to_date(env) -> None:
    settings, rt, _ = env
    s = build_index(
        settings.corpus_dir,
        settings.index_dir,
        rt.embedder,
        settings.chunk_tokens,
        settings.chunk_overlap,
    )
    assert s.up_to_date and s.embedded == 0


@pytest.mark.parametrize(
    ("question", "doc_id"), QUESTIONS, ids=[f"q{i}" for i in range(len(QUESTIONS))]
)
def test_right_article_in_top_3(env, question: str, doc_id: str) -> None:
    _, rt, _ = env
    hits = rt.retriever.search(question, k=3)
    assert doc_id in [h.chunk.doc_id for h in hits], [h.chunk.chunk_id for h in hits]


def test_no_chunk_exceeds_model_window(env) -> None:
    _, rt, _ = env
    emb = rt.embedder
    texts = [c.embed_text() for c in rt.index.chunks]
    for text, spans in zip(texts, emb.token_spans(texts), strict=True):
        assert len(spans) <= emb.max_tokens, text[:80]
    for c in rt.index.chunks:
        assert c.text == rt.index.documents[c.doc_id].text[c.start : c.end]


def test_filters_with_real_model(env) -> None:
    from askcorpus.retrieve import Filters

    _, rt, _ = env
    hits = rt.retriever.search("Rutte", k=5, filters=Filters(doc_ids={A004}))
    assert hits and {h.chunk.doc_id for h in hits} == {A004}
    dated = rt.retriever.search("NATO", k=10, filters=Filters(date_from="2024-11-01"))
    assert dated and {h.chunk.doc_id for h in dated} == {A003}


def test_cli_search_json(env) -> None:
    settings, _, _ = env
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "askcorpus.cli",
            "search",
            "Where did Lavrov speak about CSTO?",
            "-k",
            "3",
            "--json",
            "--index",
            str(settings.index_dir),
        ],
        cwd=settings.index_dir.parent,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if not k.startswith("ASKCORPUS_")},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    results = json.loads(proc.stdout)  # stdout holds only the JSON document
    assert isinstance(results, list) and len(results) == 3
    for r in results:
        assert set(r) == {"chunk_id", "doc_id", "title", "text", "start", "end", "score"}
        assert isinstance(r["score"], float) and isinstance(r["start"], int)
        assert r["chunk_id"].startswith(r["doc_id"] + "#")
        assert r["end"] - r["start"] == len(r["text"])
    assert A001 in [r["doc_id"] for r in results]


def test_cli_search_batch_writes_one_line_per_query(
    env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, rt, _ = env
    from askcorpus.embed import SentenceTransformerEmbedder

    # Reuse the loaded model: the CLI builds its own Runtime.
    monkeypatch.setattr(
        SentenceTransformerEmbedder, "from_settings", classmethod(lambda cls, s: rt.embedder)
    )
    queries = [
        {"id": "a", "query": "Palm Beach meeting"},
        {"query": "CSTO ministers Almaty"},
        {"id": 3, "query": "Vilnius summit"},
    ]
    batch = tmp_path / "queries.jsonl"
    batch.write_text("\n".join(json.dumps(q) for q in queries) + "\n\n", encoding="utf-8")
    out = tmp_path / "out" / "results.jsonl"
    code = cli.main(
        [
            "search",
            "--batch",
            str(batch),
            "--output",
            str(out),
            "-k",
            "2",
            "--index",
            str(settings.index_dir),
        ]
    )
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(queries)
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a", 2, 3]  # missing id -> line number
    assert [r["results"][0]["doc_id"] for r in records] == [A004, A001, A002]
    for r in records:
        assert 1 <= len(r["results"]) <= 2


def test_onnx_backend_gives_the_torch_vectors(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The default ONNX backend is the same model: exported into a fresh cache folder, its
    vectors match sentence-transformers under torch for passages and queries, and so do its
    token vectors (token by token, with the same character spans). The export says nothing
    (no tracer warnings or loading bars in a user's first `askcorpus index`)."""
    import warnings

    from askcorpus.embed import SentenceTransformerEmbedder

    path = Settings().embed_model_path()
    texts = [p.read_text(encoding="utf-8")[:1500] for p in sorted(REPO_CORPUS.glob("*.txt"))]
    texts += [q for q, _ in QUESTIONS[:3]]
    old = os.environ.get("ASKCORPUS_CACHE_DIR")
    os.environ["ASKCORPUS_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            capfd.readouterr()
            onnx = SentenceTransformerEmbedder(path, backend="onnx")
            a = onnx.embed_documents(texts)
        assert [str(w.message)[:80] for w in caught] == []
        assert capfd.readouterr().err == ""
        q = onnx.embed_query(QUESTIONS[0][0])
        tok_a = onnx.embed_tokens([texts[0], *texts[-3:]])  # a passage cut to 254 tokens
        blank = onnx.embed_tokens(["  "])[0]
    finally:
        if old is None:
            os.environ.pop("ASKCORPUS_CACHE_DIR")
        else:
            os.environ["ASKCORPUS_CACHE_DIR"] = old
    assert list((tmp_path / "cache" / "onnx").glob("*.onnx"))  # exported there, once
    torch = SentenceTransformerEmbedder(path, backend="torch")
    b = torch.embed_documents(texts)
    assert a.shape == b.shape == (len(texts), 384)
    assert float((a * b).sum(axis=1).min()) > 0.99999
    assert float(q @ torch.embed_query(QUESTIONS[0][0])) > 0.99999
    assert onnx.fingerprint != torch.fingerprint  # never mixed in one index
    tok_b = torch.embed_tokens([texts[0], *texts[-3:]])
    assert len(tok_a[0].spans) == 254 and blank.spans == [] and blank.vectors.shape == (0, 384)
    for text, x, y in zip([texts[0], *texts[-3:]], tok_a, tok_b, strict=True):
        assert x.spans == y.spans and x.vectors.shape == (len(x.spans), 384)
        assert float((x.vectors * y.vectors).sum(axis=1).min()) > 0.9999
        assert text[x.spans[0][0] : x.spans[0][1]] == text.split()[0]  # no [CLS]
