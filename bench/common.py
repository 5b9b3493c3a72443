"""Helpers shared by the benchmarks: data loading, temporary corpora, timing and JSON output.

Benchmark data stays outside the repository: scripts take its path as an argument and write
their documents as a temporary JSONL corpus under a work folder (default under /tmp).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO / "bench" / "results"
DEFAULT_SQUAD = "../shared/benchmarks/squad-v1.1-dev/dev-v1.1.json"
DEFAULT_REALTIMEQA = "../shared/benchmarks/realtimeqa-2022"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "askcorpus-bench"

if str(REPO / "src") not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "src"))


def resolve_data_path(arg: str) -> Path:
    """A data path as given (relative to the current folder) or, failing that, to the repo root."""
    path = Path(arg).expanduser()
    if path.is_absolute() or path.exists():
        return path
    alt = (REPO / path).resolve()
    return alt if alt.exists() else path


def squad_title(raw: str) -> str:
    """SQuAD article titles are wiki slugs (`Super_Bowl_50`): make them read as titles."""
    return raw.replace("_", " ").strip()


def load_squad(path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """SQuAD v1.1 as (paragraphs, questions); every paragraph is one document.

    Paragraph ids are `pAAA-PPP` (article and paragraph position); each question carries the id
    of its own paragraph (`para`).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs: list[dict[str, str]] = []
    questions: list[dict[str, str]] = []
    for a, article in enumerate(data["data"]):
        title = squad_title(article["title"])
        for p, para in enumerate(article["paragraphs"]):
            pid = f"p{a:03d}-{p:03d}"
            paragraphs.append({"id": pid, "title": title, "text": para["context"]})
            for qa in para["qas"]:
                questions.append({"id": qa["id"], "question": qa["question"], "para": pid})
    return paragraphs, questions


def load_realtimeqa(folder: Path) -> list[dict[str, str]]:
    """The RealTime QA 2022 articles: union of every *_gold and *_gcs search result, one per URL.

    When a URL appears more than once the longest text wins (some search results hold only page
    furniture while the gold copy holds the article); the title comes from a search result.
    """
    by_url: dict[str, dict[str, str]] = {}
    files = sorted(folder.glob("*_gold.jsonl")) + sorted(folder.glob("*_gcs.jsonl"))
    if not files:
        raise SystemExit(f"no *_gold.jsonl / *_gcs.jsonl files in {folder}")
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            for res in json.loads(line).get("search_result") or []:
                url = (res.get("url") or "").strip()
                text = (res.get("text") or "").strip()
                if not url or not text:
                    continue
                date = (res.get("publish_date") or "").replace("/", "-")[:10]
                old = by_url.get(url)
                title = (res.get("title") or "").strip()
                if old is None:
                    by_url[url] = {"url": url, "text": text, "title": title, "date": date}
                    continue
                if len(text) > len(old["text"]):
                    old["text"] = text
                old["title"] = old["title"] or title
                old["date"] = old["date"] or date
    docs = []
    for url in sorted(by_url):
        d = by_url[url]
        d["id"] = hashlib.sha1(url.encode()).hexdigest()[:16]
        docs.append(d)
    return docs


def question_split(qid: str) -> str:
    """Deterministic half of a question: `dev` (for tuning) or `test` (for reporting)."""
    return "dev" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 == 0 else "test"


def write_jsonl_corpus(docs: Iterable[dict[str, str]], folder: Path, name: str) -> Path:
    """Write documents as one JSONL file (rewritten only when its content changes)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    lines = []
    for d in docs:
        rec = {k: d[k] for k in ("id", "title", "text", "url", "date") if d.get(k)}
        lines.append(json.dumps(rec, ensure_ascii=False))
    body = "\n".join(lines) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != body:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, path)
    return path


def indexed_runtime(
    corpus: Path, index_dir: Path, base: Any, embedder: Any, what: str, progress: Any = None
) -> Any:
    """Index a benchmark corpus (reused while up to date) and return a runtime over it that
    shares the already loaded embedder. `what` names the documents in the progress line."""
    from askcorpus.index import build_index
    from askcorpus.runtime import Runtime

    with Timer() as t:
        summary = build_index(
            corpus, index_dir, embedder, base.chunk_tokens, base.chunk_overlap, progress=progress
        )
    if not summary.up_to_date:
        print(
            f"indexed {summary.documents} {what} into {summary.chunks} chunks in {t.seconds:.1f} s",
            file=sys.stderr,
        )
    rt = Runtime(base.model_copy(update={"index_dir": index_dir, "corpus_dir": corpus}))
    rt.embedder = embedder
    return rt


def dir_bytes(path: Path) -> int:
    """Total size of the files below a folder."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def environment() -> dict[str, Any]:
    """What the figures were measured on (timings are noisy on a shared 2-core machine)."""
    import numpy

    info: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "numpy": numpy.__version__,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("torch", "sentence-transformers", "onnxruntime", "faiss-cpu"):
        try:  # read from package metadata: importing torch here would skew memory figures
            info[dist] = version(dist)
        except PackageNotFoundError:
            continue
    return info


def settings_summary(settings: Any, names: Sequence[str]) -> dict[str, Any]:
    """The settings that shaped a run, as plain JSON values."""
    out = {}
    for name in names:
        if hasattr(settings, name):
            val = getattr(settings, name)
            out[name] = val if isinstance(val, int | float | str | bool) else str(val)
    return out


def write_json(data: dict[str, Any], out: Path | None, default_name: str) -> Path:
    """Write results JSON (default under bench/results/) and return its path."""
    path = out if out is not None else RESULTS_DIR / default_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


class Timer:
    """`with Timer() as t: ...; t.seconds`."""

    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0


def fig(v: float | None) -> str:
    """A figure to three decimals, or "n/a" when there is none."""
    return "n/a" if v is None else f"{v:.3f}"


def table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    """A plain aligned text table."""
    cells = [[str(h) for h in header]] + [
        [fig(v) if isinstance(v, float) else str(v) for v in row] for row in rows
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
