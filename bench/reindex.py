"""Re-index time after one changed document, on an existing index.

Edits one document of a JSONL corpus (appends a sentence to its text), then measures

- `askcorpus index` as a user runs it: a new process, wall-clock time including start-up,
  imports, loading the index and the model, re-embedding the changed document and writing the
  new generation;
- the same work in this process with the model already loaded (what the chat service's
  reload costs);

then puts the document back and re-indexes once more (timed too), so the corpus and index end
as they began. Each edit touches a different document. Run it on the index the RealTime QA
benchmark leaves in its work folder:

    python bench/realtimeqa.py                       # builds the index once
    python bench/reindex.py --corpus WORK/realtimeqa/corpus-realtimeqa \\
        --index WORK/realtimeqa/index-realtimeqa-<fingerprint>-200-40

where WORK is the benchmarks' work folder (askcorpus-bench in the system temp folder).
(`python bench/reindex.py --help` lists the folders it finds there.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from askcorpus.settings import Settings

EDIT = " This sentence was added by the re-index benchmark to change the document."


def corpus_file(corpus: Path) -> Path:
    """The one JSONL file of a benchmark corpus folder."""
    files = sorted(corpus.glob("*.jsonl"))
    if len(files) != 1:
        raise SystemExit(f"expected one .jsonl file in {corpus}, found {len(files)}")
    return files[0]


def write_corpus(path: Path, original: bytes, edit_line: int | None = None) -> None:
    """Write the corpus back byte for byte, or with record `edit_line` (0-based) edited."""
    data = original
    if edit_line is not None:
        lines = original.split(b"\n")
        rec = json.loads(lines[edit_line])
        rec["text"] = rec["text"] + EDIT
        lines[edit_line] = json.dumps(rec, ensure_ascii=False).encode("utf-8")
        data = b"\n".join(lines)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def cli_index(corpus: Path, index: Path) -> tuple[float, dict[str, Any]]:
    """`askcorpus index --json` in a new process: wall seconds and its summary."""
    cmd = [sys.executable, "-m", "askcorpus.cli", "index", "--json"]
    cmd += ["--corpus", str(corpus), "--index", str(index)]
    env = {**os.environ, "PYTHONPATH": str(common.REPO / "src")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"askcorpus index failed:\n{proc.stderr[-2000:]}")
    return wall, json.loads(proc.stdout[proc.stdout.index("{") :])


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="work folders found: "
        + ", ".join(str(x) for x in sorted(common.DEFAULT_WORK.glob("*/index-*")))
        if common.DEFAULT_WORK.is_dir()
        else None,
    )
    p.add_argument("--corpus", type=Path, required=True, help="corpus folder (one .jsonl)")
    p.add_argument("--index", type=Path, required=True, help="its index folder (built)")
    p.add_argument("--repeat", type=int, default=3, help="edits measured (default 3)")
    p.add_argument("--json", type=Path, default=None, help="results file")
    args = p.parse_args(argv)

    from askcorpus.embed import SentenceTransformerEmbedder
    from askcorpus.index import build_index

    settings = Settings()
    path = corpus_file(args.corpus)
    original = path.read_bytes()
    records = [i for i, line in enumerate(original.split(b"\n")) if line.strip()]
    embedder = SentenceTransformerEmbedder.from_settings(settings)

    def in_process() -> tuple[float, Any]:
        t0 = time.perf_counter()
        s = build_index(
            args.corpus, args.index, embedder, settings.chunk_tokens, settings.chunk_overlap
        )
        return time.perf_counter() - t0, s

    # Bring the index in line first (and load the model), untimed. This must be cheap: an
    # index of another backend, model or format would be re-embedded whole.
    write_corpus(path, original)
    if not args.index.is_dir():
        raise SystemExit(f"no index at {args.index}: build it first (see --help)")
    _, first = in_process()
    if first.rebuilt_because or first.embedded > 100:
        raise SystemExit(
            f"the index was not up to date ({first.rebuilt_because or first.embedded}); "
            "this run re-embedded it, so rerun now to measure"
        )
    n_chunks = first.chunks

    runs: list[dict[str, Any]] = []
    try:
        for i in range(args.repeat):
            line = records[(i + 1) * len(records) // (args.repeat + 1)]
            write_corpus(path, original, line)
            cli_s, cli = cli_index(args.corpus, args.index)
            write_corpus(path, original)
            warm_s, warm = in_process()
            runs.append(
                {
                    "line": line,
                    "cli_wall_seconds": round(cli_s, 2),
                    "cli_build_seconds": round(cli["seconds"], 2),
                    "cli_changed": cli["changed"],
                    "cli_embedded": cli["embedded"],
                    "in_process_seconds": round(warm_s, 2),
                    "in_process_changed": warm.changed,
                    "in_process_embedded": warm.embedded,
                }
            )
            print(
                f"edit of line {line}: `askcorpus index` {cli_s:.2f} s "
                f"({cli['embedded']} chunks embedded); put back in process {warm_s:.2f} s",
                file=sys.stderr,
            )
    finally:
        write_corpus(path, original)

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 2)

    median = {k: med(k) for k in ("cli_wall_seconds", "cli_build_seconds", "in_process_seconds")}
    result: dict[str, Any] = {
        "benchmark": "reindex-one-changed",
        "documents": len(records),
        "chunks": n_chunks,
        "settings": common.settings_summary(
            settings, ("embed_backend", "chunk_tokens", "chunk_overlap")
        ),
        "median": median,
        "runs": runs,
        "environment": common.environment(),
    }
    rows = [
        ["documents", len(records)],
        ["chunks", n_chunks],
        ["`askcorpus index` wall s (median)", median["cli_wall_seconds"]],
        ["  of which build_index s", median["cli_build_seconds"]],
        ["in process, model loaded s", median["in_process_seconds"]],
    ]
    print(common.table(rows, ["measure", "value"]))
    out = common.write_json(result, args.json, "reindex.json")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
