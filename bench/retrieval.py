"""Retrieval benchmark on SQuAD v1.1 dev: recall@1/5/20 and MRR for dense, BM25 and hybrid.

Every SQuAD paragraph is one document (title = article title); a question is answered by its
own paragraph. Questions are split deterministically in two halves by a hash of their id: `dev`
(for tuning settings) and `test` (for reporting). The index is built with the real bundled model
into a work folder and reused by later runs (only rebuilt when the model or chunking changes).

    python bench/retrieval.py                      # test half, configured settings
    python bench/retrieval.py --split all          # dev, test and all rows
    python bench/retrieval.py --sweep              # fusion variants, dev and test figures
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from askcorpus.index import build_index, load_index
from askcorpus.retrieve import Retriever, clean_query
from askcorpus.settings import Settings

KS = (1, 5, 20)
SEARCH_K = 40  # chunks asked for, so that 20 distinct paragraphs are nearly always seen
RETRIEVAL_SETTINGS = (
    "embed_backend",
    "embed_batch_size",
    "chunk_tokens",
    "chunk_overlap",
    "fusion",
    "rrf_k",
    "dense_weight",
    "bm25_weight",
    "candidates",
    "fusion_norm",
    "bm25_k1",
    "bm25_b",
    "convex_bm25_weight",
)


class CachedQueries:
    """An embedder whose query vectors come from a table computed once in batches."""

    def __init__(self, inner: Any, table: dict[str, np.ndarray]) -> None:
        self._inner = inner
        self._table = table

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._table.get(text)
        return vec if vec is not None else self._inner.embed_query(text)


def query_vectors(embedder: Any, texts: Sequence[str], work: Path) -> dict[str, np.ndarray]:
    """Embed every question once (cached in the work folder per model fingerprint)."""
    h = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
    path = work / f"queries-{embedder.fingerprint}-{h}.npy"
    if path.is_file():
        vecs = np.load(path)
    else:
        print(f"embedding {len(texts)} questions ...", file=sys.stderr)
        vecs = embedder.embed_documents(list(texts))
        np.save(path, vecs)
    return dict(zip(texts, vecs, strict=True))


def prepare(args: argparse.Namespace, settings: Settings) -> tuple[Any, Any, list[dict[str, str]]]:
    """Build (or reuse) the SQuAD index; returns (index, embedder with cached queries, qs)."""
    from askcorpus.embed import SentenceTransformerEmbedder

    squad = common.resolve_data_path(args.squad)
    if not squad.is_file():
        raise SystemExit(f"SQuAD file not found: {squad} (pass --squad PATH)")
    paragraphs, questions = common.load_squad(squad)
    work: Path = args.work
    corpus = work / "corpus-squad"
    common.write_jsonl_corpus(paragraphs, corpus, "squad.jsonl")
    embedder = SentenceTransformerEmbedder.from_settings(settings)
    chunking = f"{settings.chunk_tokens}-{settings.chunk_overlap}"
    index_dir = work / f"index-squad-{embedder.fingerprint}-{chunking}"
    with common.Timer() as t:
        summary = build_index(
            corpus, index_dir, embedder, settings.chunk_tokens, settings.chunk_overlap
        )
    if not summary.up_to_date:
        print(
            f"indexed {summary.documents} paragraphs into {summary.chunks} chunks "
            f"in {t.seconds:.1f} s",
            file=sys.stderr,
        )
    index = load_index(index_dir)
    for q in questions:
        q["query"] = clean_query(q["question"], 10**6)
        q["doc_id"] = f"squad.jsonl#{q['para']}"
    table = query_vectors(embedder, [q["query"] for q in questions], work)
    return index, CachedQueries(embedder, table), questions


def gold_ranks(retriever: Retriever, questions: Sequence[dict[str, str]]) -> np.ndarray:
    """1-based rank of each question's paragraph among distinct retrieved paragraphs (0 = not
    in the top 20)."""
    ranks = np.zeros(len(questions), dtype=np.int32)
    for i, q in enumerate(questions):
        seen: list[str] = []
        for hit in retriever.search(q["query"], k=SEARCH_K):
            if hit.chunk.doc_id not in seen:
                seen.append(hit.chunk.doc_id)
                if len(seen) == max(KS):
                    break
        if q["doc_id"] in seen:
            ranks[i] = seen.index(q["doc_id"]) + 1
    return ranks


def metrics(ranks: np.ndarray) -> dict[str, float]:
    """Recall@k and MRR@20 from gold ranks."""
    found = ranks > 0
    out = {f"R@{k}": float(np.mean(found & (ranks <= k))) for k in KS}
    out["MRR"] = float(np.mean(np.where(found, 1.0 / np.maximum(ranks, 1), 0.0)))
    out["n"] = len(ranks)
    return out


def split_metrics(ranks: np.ndarray, splits: np.ndarray, which: str) -> dict[str, dict]:
    """Metrics per half: the asked-for one, or dev, test and all for `all`."""
    names = ["dev", "test", "all"] if which == "all" else [which]
    return {s: metrics(ranks if s == "all" else ranks[splits == s]) for s in names}


def hybrid_label(settings: Settings) -> str:
    """The configured fusion in a few words."""
    s = settings
    bm25 = f"BM25 k1={s.bm25_k1:g} b={s.bm25_b:g}"
    if s.fusion == "convex":
        return f"convex {s.fusion_norm} bm25 share {s.convex_bm25_weight:g}, {bm25}"
    if s.fusion == "rrf":
        return (
            f"rrf k={s.rrf_k} weights dense {s.dense_weight:g} / bm25 {s.bm25_weight:g}, "
            f"{s.candidates} candidates, {bm25}"
        )
    return s.fusion


def make_retriever(index: Any, embedder: Any, settings: Settings, **overrides: Any) -> Retriever:
    """A retriever from settings with some of them replaced."""
    return Retriever.from_settings(index, embedder, settings.model_copy(update=overrides))


def sweep_variants() -> list[tuple[str, dict[str, Any]]]:
    """Fusion variants tried on the dev half (each sets a few retrieval settings)."""
    rrf = {
        "fusion": "rrf",
        "rrf_k": 60,
        "dense_weight": 1.0,
        "bm25_weight": 1.0,
        "candidates": 50,
        "bm25_k1": 1.2,
        "bm25_b": 0.75,
    }
    cvx = {
        "fusion": "convex",
        "fusion_norm": "zscore",
        "convex_bm25_weight": 0.4,
        "candidates": 50,
        "bm25_k1": 1.2,
        "bm25_b": 0.75,
    }
    out: list[tuple[str, dict[str, Any]]] = [("rrf k=60 (old default)", rrf)]
    for w in (2.0, 3.0):
        out.append((f"rrf bm25_weight={w:g}", {**rrf, "bm25_weight": w}))
    out.append(("rrf k=10 bm25_weight=2", {**rrf, "rrf_k": 10, "bm25_weight": 2.0}))
    out.append(("rrf bm25_weight=2 candidates=100", {**rrf, "bm25_weight": 2.0, "candidates": 100}))
    for a in (0.4, 0.5, 0.6):
        out.append(
            (f"convex minmax a={a:g}", {**cvx, "fusion_norm": "minmax", "convex_bm25_weight": a})
        )
    for a in (0.3, 0.4, 0.5):
        out.append((f"convex zscore a={a:g}", {**cvx, "convex_bm25_weight": a}))
    for k1, b in ((0.9, 0.4), (0.6, 0.4), (0.4, 0.5)):
        out.append((f"convex zscore a=0.4 k1={k1:g} b={b:g}", {**cvx, "bm25_k1": k1, "bm25_b": b}))
    return out


def run_sweep(
    index: Any,
    embedder: Any,
    settings: Settings,
    questions: list[dict[str, str]],
    splits: np.ndarray,
) -> list[dict[str, Any]]:
    """Score every variant on both halves (choose on dev, report test).

    Dense and BM25 scores are computed once per question (and per BM25 k1/b) with the
    retriever's own scorers; each variant then runs the retriever's `fuse` function on them.
    """
    from askcorpus.retrieve import fuse

    fields = type(settings).model_fields
    doc_of = [c.doc_id for c in index.chunks]
    qvecs = np.stack([embedder.embed_query(q["query"]) for q in questions])
    dense_all = qvecs @ index.vectors.T
    lexical_cache: dict[tuple[float, float], list[np.ndarray]] = {}
    rows = []
    for name, over in sweep_variants():
        over = {k: v for k, v in over.items() if k in fields}
        r = make_retriever(index, embedder, settings, **over)
        key = (r.bm25.k1, r.bm25.b)
        if key not in lexical_cache:
            lexical_cache[key] = [r.bm25.scores(q["query"]) for q in questions]
        lexical_all = lexical_cache[key]
        pool = max(r.candidates, SEARCH_K)
        ranks = np.zeros(len(questions), dtype=np.int32)
        for i, q in enumerate(questions):
            fused = fuse(
                dense_all[i],
                lexical_all[i],
                None,
                pool,
                r.fusion,
                rrf_k=r.rrf_k,
                dense_weight=r.dense_weight,
                bm25_weight=r.bm25_weight,
                convex_bm25_weight=r.convex_bm25_weight,
                fusion_norm=r.fusion_norm,
            )
            seen: list[str] = []
            for row in sorted(fused, key=lambda x: (-fused[x], x)):
                if doc_of[row] not in seen:
                    seen.append(doc_of[row])
                    if len(seen) == max(KS):
                        break
            if q["doc_id"] in seen:
                ranks[i] = seen.index(q["doc_id"]) + 1
        m = split_metrics(ranks, splits, "all")
        rows.append({"variant": name, "settings": over, "dev": m["dev"], "test": m["test"]})
        print(
            f"  {name:42s} dev R@1 {m['dev']['R@1']:.3f} R@5 {m['dev']['R@5']:.3f}  "
            f"test R@1 {m['test']['R@1']:.3f} R@5 {m['test']['R@5']:.3f}",
            file=sys.stderr,
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--squad", default=common.DEFAULT_SQUAD, help="SQuAD v1.1 dev JSON file")
    p.add_argument(
        "--split",
        choices=["dev", "test", "all"],
        default="test",
        help="questions scored: dev half (tuning), test half (reporting) or all",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=common.DEFAULT_WORK / "retrieval",
        help="cache folder for the corpus, index and question vectors",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results file (default bench/results/retrieval.json)",
    )
    p.add_argument(
        "--sweep", action="store_true", help="also score fusion variants on the dev and test halves"
    )
    p.add_argument("--limit", type=int, default=0, help="score only the first N questions")
    args = p.parse_args(argv)

    settings = Settings()
    args.work.mkdir(parents=True, exist_ok=True)
    index, embedder, questions = prepare(args, settings)
    if args.limit:
        questions = questions[: args.limit]
    splits = np.asarray([common.question_split(q["id"]) for q in questions])
    if args.split != "all" and not args.sweep:
        questions = [q for q, s in zip(questions, splits, strict=True) if s == args.split]
        splits = splits[splits == args.split]

    results: dict[str, Any] = {}
    modes = {
        "dense": make_retriever(index, embedder, settings, fusion="dense"),
        "bm25": make_retriever(index, embedder, settings, fusion="bm25"),
        "hybrid": Retriever.from_settings(index, embedder, settings),
    }
    for mode, retriever in modes.items():
        with common.Timer() as t:
            ranks = gold_ranks(retriever, questions)
        results[mode] = split_metrics(ranks, splits, "all" if args.sweep else args.split)
        # Search time per question with its vector precomputed (BM25, fusion, dedup).
        ms = 1000 * t.seconds / max(len(questions), 1)
        results[mode]["ms_per_query_cached_vectors"] = round(ms, 3)

    shown = ["dev", "test", "all"] if args.split == "all" or args.sweep else [args.split]
    rows = []
    for mode in modes:
        for s in shown:
            m = results[mode][s]
            rows.append([mode, s, m["n"], m["R@1"], m["R@5"], m["R@20"], m["MRR"]])
    print(
        f"SQuAD v1.1 dev, {len(index.documents)} paragraphs, {len(index.chunks)} chunks; "
        f"hybrid = {hybrid_label(settings)}"
    )
    print(common.table(rows, ["mode", "split", "n", "R@1", "R@5", "R@20", "MRR"]))

    out: dict[str, Any] = {
        "benchmark": "retrieval-squad-v1.1-dev",
        "split": args.split,
        "split_rule": "sha1(question id) even -> dev, odd -> test",
        "documents": len(index.documents),
        "chunks": len(index.chunks),
        "embed_model": index.manifest["embed_model"],
        "embed_fingerprint": index.manifest["embed_fingerprint"],
        "settings": common.settings_summary(settings, RETRIEVAL_SETTINGS),
        "results": results,
        "environment": common.environment(),
    }
    if args.sweep:
        print("fusion variants (choose on dev, report test):", file=sys.stderr)
        out["sweep"] = run_sweep(index, embedder, settings, questions, splits)
        srows = [
            [
                r["variant"],
                r["dev"]["R@1"],
                r["dev"]["R@5"],
                r["dev"]["MRR"],
                r["test"]["R@1"],
                r["test"]["R@5"],
                r["test"]["MRR"],
            ]
            for r in out["sweep"]
        ]
        print(
            common.table(
                srows,
                ["variant", "dev R@1", "dev R@5", "dev MRR", "test R@1", "test R@5", "test MRR"],
            )
        )
    path = common.write_json(out, args.json, "retrieval.json")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
