"""Ingestion benchmark: documents/s, chunks/s, peak memory, index size and re-index time.

Builds a fresh index of SQuAD v1.1 dev paragraphs or RealTime QA 2022 news articles with the
configured embedding backend (or --backend), then changes one document's text and measures the
incremental re-index, both in this process (model already loaded) and in a new process (what
`askcorpus index` costs after an edit: imports, model load, index load, write).

    python bench/ingest.py --corpus squad
    python bench/ingest.py --corpus realtimeqa --limit 500 --backend onnx-int8

Timings depend on whatever else the machine runs (2 cores): the JSON records the load average
and CPU seconds next to wall-clock seconds; rerun key numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from askcorpus.settings import Settings

INGEST_SETTINGS = (
    "embed_backend",
    "embed_batch_size",
    "embed_threads",
    "chunk_tokens",
    "chunk_overlap",
)
EDIT = " This sentence was added by the ingest benchmark to change the document."


def cpu_seconds() -> float:
    """User plus system CPU time of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class TimedEmbedder:
    """Wraps an embedder to add up the time spent embedding passages."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.embed_seconds = 0.0
        self.embedded = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> Any:
        t0 = time.perf_counter()
        out = self._inner.embed_documents(texts, progress)
        self.embed_seconds += time.perf_counter() - t0
        self.embedded += len(texts)
        return out


def gemm_gflops(seconds: float = 2.0) -> float:
    """This machine's float32 matrix-multiply speed at the model's layer shapes (numpy BLAS,
    all cores): the ceiling for any float32 embedding backend."""
    import numpy as np

    rng = np.random.default_rng(0)
    a = rng.random((4096, 384), dtype=np.float32)
    b = rng.random((384, 1536), dtype=np.float32)
    a @ b
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        a @ b
        n += 1
    return 2 * 4096 * 384 * 1536 * n / (time.perf_counter() - t0) / 1e9


def model_gflop(model_dir: Path, lengths: Sequence[int]) -> float | None:
    """Matrix-multiply work (GFLOP, 2 per multiply-add) of a BERT-style encoder reading texts
    of these token lengths: Q/K/V/output projections and feed-forward per token, attention per
    pair of tokens; from the model's config. Padding inside a batch is not counted."""
    try:
        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        h, ff, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    except (OSError, ValueError, KeyError):
        return None
    tokens = sum(lengths)
    pairs = sum(n * n for n in lengths)
    return layers * 2 * ((4 * h * h + 2 * h * ff) * tokens + 2 * h * pairs) / 1e9


class RandomVectors:
    """Timing stand-in: the real tokenizer (so chunks are the real ones) but pseudo-random
    vectors instead of the model. Measures everything in ingestion except the model itself;
    its figures are labelled as such and never used for recall."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.model_id = "timing-only/random-vectors"
        self.fingerprint = "random-" + inner.fingerprint
        self.dim = 384

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> Any:
        import hashlib

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            seed = int.from_bytes(hashlib.sha1(t.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            out[i] = v / np.linalg.norm(v)
        return out

    def embed_query(self, text: str) -> Any:
        return self.embed_documents([text])[0]


def load_docs(args: argparse.Namespace) -> list[dict[str, str]]:
    """The benchmark's documents, in a fixed order, cut to --limit."""
    if args.corpus == "squad":
        path = common.resolve_data_path(args.squad)
        if not path.is_file():
            raise SystemExit(f"SQuAD file not found: {path} (pass --squad PATH)")
        docs, _ = common.load_squad(path)
    else:
        folder = common.resolve_data_path(args.realtimeqa)
        if not folder.is_dir():
            raise SystemExit(f"RealTime QA folder not found: {folder} (pass --realtimeqa DIR)")
        docs = common.load_realtimeqa(folder)
    return docs[: args.limit] if args.limit else docs


REINDEX_CHILD = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {src!r})
from pathlib import Path
from askcorpus.embed import SentenceTransformerEmbedder
from askcorpus.index import build_index
from askcorpus.settings import Settings
s = Settings(embed_backend={backend!r})
emb = SentenceTransformerEmbedder.from_settings(s)
if {wrap!r}:
    sys.path.insert(0, {bench!r})
    from ingest import RandomVectors
    emb = RandomVectors(emb)
summary = build_index(Path({corpus!r}), Path({index!r}), emb, s.chunk_tokens, s.chunk_overlap)
print(json.dumps({{"process_seconds": time.perf_counter() - t0, "summary": summary.to_dict()}}))
"""


def reindex_in_new_process(
    corpus: Path, index_dir: Path, backend: str, random_vectors: bool = False
) -> dict[str, Any]:
    """Run build_index in a fresh interpreter; returns its own timing and the build summary."""
    code = REINDEX_CHILD.format(
        src=str(common.REPO / "src"),
        backend=backend.removeprefix("random-vectors-"),
        corpus=str(corpus),
        index=str(index_dir),
        wrap=random_vectors,
        bench=str(Path(__file__).parent),
    )
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"re-index process failed:\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_seconds_with_startup"] = wall
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", choices=["squad", "realtimeqa"], default="squad")
    p.add_argument("--squad", default=common.DEFAULT_SQUAD, help="SQuAD v1.1 dev JSON file")
    p.add_argument(
        "--realtimeqa",
        default=common.DEFAULT_REALTIMEQA,
        help="RealTime QA 2022 folder (*_gcs.jsonl, *_gold.jsonl)",
    )
    p.add_argument("--limit", type=int, default=0, help="index only the first N documents")
    p.add_argument(
        "--backend",
        choices=["torch", "onnx", "onnx-int8"],
        default=None,
        help="embedding backend (default: the embed_backend setting)",
    )
    p.add_argument("--batch-size", type=int, default=0, help="embedding batch size override")
    p.add_argument(
        "--work",
        type=Path,
        default=common.DEFAULT_WORK / "ingest",
        help="scratch folder for the corpus and index (the index is rebuilt)",
    )
    p.add_argument("--no-reindex", action="store_true", help="skip the re-index measurement")
    p.add_argument(
        "--random-vectors",
        action="store_true",
        help="timing only: real chunking, pseudo-random vectors instead of the model "
        "(measures the non-embedding cost of a large build and re-index)",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results file (default bench/results/ingest-CORPUS-LIMIT-BACKEND.json)",
    )
    args = p.parse_args(argv)

    from askcorpus.embed import SentenceTransformerEmbedder
    from askcorpus.index import build_index

    overrides: dict[str, Any] = {}
    if args.backend:
        overrides["embed_backend"] = args.backend
    if args.batch_size:
        overrides["embed_batch_size"] = args.batch_size
    settings = Settings(**overrides)
    backend = getattr(settings, "embed_backend", "torch")
    docs = load_docs(args)
    name = f"{args.corpus}-{args.limit or 'all'}"
    if args.random_vectors:
        backend = f"random-vectors-{backend}"
    corpus = common.write_jsonl_corpus(docs, args.work / f"corpus-{name}", "docs.jsonl").parent
    index_dir = args.work / f"index-{name}-{backend}"
    shutil.rmtree(index_dir, ignore_errors=True)
    text_mb = sum(len(d["text"].encode()) for d in docs) / 1e6

    print(
        f"{args.corpus}: {len(docs)} documents, {text_mb:.1f} MB of text; backend {backend}",
        file=sys.stderr,
    )
    real = SentenceTransformerEmbedder.from_settings(settings)
    embedder = TimedEmbedder(RandomVectors(real) if args.random_vectors else real)
    load_avg = os.getloadavg()[0]
    c0, t0 = cpu_seconds(), time.perf_counter()
    summary = build_index(
        corpus, index_dir, embedder, settings.chunk_tokens, settings.chunk_overlap
    )
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    build = {
        "documents": summary.documents,
        "chunks": summary.chunks,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "docs_per_s": round(summary.documents / seconds, 2),
        "chunks_per_s": round(summary.chunks / seconds, 2),
        "embed_seconds": round(embedder.embed_seconds, 2),
        "embed_chunks_per_s": round(embedder.embedded / max(embedder.embed_seconds, 1e-9), 2),
        "peak_rss_mb": round(common.peak_rss_mb(), 1),
        "index_bytes": common.dir_bytes(index_dir),
        "loadavg_1m_at_start": round(load_avg, 2),
        "loadavg_1m_at_end": round(os.getloadavg()[0], 2),
    }
    result: dict[str, Any] = {
        "benchmark": f"ingest-{args.corpus}",
        "limit": args.limit or None,
        "text_mb": round(text_mb, 2),
        "settings": common.settings_summary(settings, INGEST_SETTINGS),
        "embedder": "random vectors (timing of non-embedding work only)"
        if args.random_vectors
        else real.model_id,
        "build": build,
    }

    if not args.random_vectors and embedder.embedded:
        # How close the backend runs to the machine's float32 ceiling: model FLOPs per second
        # (from its config and the tokens it read) against a plain BLAS matrix multiply.
        # Tokens are counted after the build, outside every timing.
        from askcorpus.index import load_index

        texts = [c.embed_text() for c in load_index(index_dir).chunks]
        window = real.max_tokens
        lengths = [min(len(s), window) + 2 for s in real.token_spans(texts)]
        work = model_gflop(settings.embed_model_path(), lengths)
        if work:
            achieved = work / max(embedder.embed_seconds, 1e-9)
            ceiling = gemm_gflops()
            result["compute"] = {
                "model_gflop": round(work, 1),
                "embedding_gflops": round(achieved, 1),
                "gemm_gflops_fp32": round(ceiling, 1),
                "share_of_gemm": round(achieved / ceiling, 2),
            }

    if not args.no_reindex:
        # Change one document (the middle one), re-index, then change it back.
        victim = len(docs) // 2
        edited = [dict(d) for d in docs]
        edited[victim]["text"] = edited[victim]["text"] + EDIT
        common.write_jsonl_corpus(edited, corpus, "docs.jsonl")
        t1 = time.perf_counter()
        s1 = build_index(corpus, index_dir, embedder, settings.chunk_tokens, settings.chunk_overlap)
        warm = time.perf_counter() - t1
        common.write_jsonl_corpus(docs, corpus, "docs.jsonl")
        cold = reindex_in_new_process(corpus, index_dir, backend, args.random_vectors)
        result["reindex_one_changed"] = {
            "in_process_seconds": round(warm, 2),
            "in_process_changed": s1.changed,
            "in_process_embedded": s1.embedded,
            "new_process_build_seconds": round(cold["summary"]["seconds"], 2),
            "new_process_seconds": round(cold["process_seconds"], 2),
            "new_process_wall_with_startup": round(cold["wall_seconds_with_startup"], 2),
            "new_process_changed": cold["summary"]["changed"],
            "new_process_embedded": cold["summary"]["embedded"],
        }
    result["environment"] = common.environment()

    rows = [
        ["documents", build["documents"]],
        ["chunks", build["chunks"]],
        ["text MB", round(text_mb, 2)],
        ["build s (cpu s)", f"{build['seconds']:.1f} ({build['cpu_seconds']:.1f})"],
        ["documents/s", build["docs_per_s"]],
        ["chunks/s", build["chunks_per_s"]],
        ["embedding chunks/s", build["embed_chunks_per_s"]],
        ["peak RSS MB", build["peak_rss_mb"]],
        ["index MB", round(build["index_bytes"] / 1e6, 1)],
    ]
    if "compute" in result:
        c = result["compute"]
        rows += [
            ["model GFLOP/s (embedding)", c["embedding_gflops"]],
            ["BLAS float32 GFLOP/s (ceiling)", c["gemm_gflops_fp32"]],
            ["share of ceiling", c["share_of_gemm"]],
        ]
    if "reindex_one_changed" in result:
        r = result["reindex_one_changed"]
        rows += [
            ["re-index 1 doc, in process s", r["in_process_seconds"]],
            ["re-index 1 doc, new process s", r["new_process_wall_with_startup"]],
            ["  of which build_index s", r["new_process_build_seconds"]],
        ]
    print(
        f"ingest {args.corpus} ({args.limit or 'all'} docs), backend {backend}, "
        f"load avg {load_avg:.1f} at start"
    )
    print(common.table(rows, ["measure", "value"]))
    path = common.write_json(result, args.json, f"ingest-{name}-{backend}.json")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
