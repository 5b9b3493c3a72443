"""Answer latency with the models already loaded: first token and total, p50/p95.

    .venv/bin/python bench/answer.py [--index index] [--qa evals/qa.jsonl] [--split test]
        [--repeat 1] [--json bench/results/answer.json]

Builds the index of corpus/ first if --index has none. Prints one line per question, then the
percentiles, and writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from askcorpus.runtime import Runtime  # noqa: E402
from askcorpus.settings import Settings  # noqa: E402


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> int:
    """Run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--index", default="index", help="index folder (built from corpus/ if empty)")
    ap.add_argument("--qa", default="evals/qa.jsonl", help="questions (JSONL with 'question')")
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    ap.add_argument("--repeat", type=int, default=1, help="passes over the questions")
    ap.add_argument("--json", default="bench/results/answer.json", help="where to write figures")
    args = ap.parse_args()

    settings = Settings(index_dir=Path(args.index))
    rt = Runtime(settings)
    if not (settings.index_dir / "CURRENT").exists():
        rt.build_index()
    items = [json.loads(line) for line in Path(args.qa).read_text().splitlines() if line.strip()]
    items = [q for q in items if args.split == "all" or q.get("split") == args.split]
    t = time.perf_counter()
    rt.generator.load()  # type: ignore[attr-defined]
    rt.answerer.answer(items[0]["question"])  # warm-up: loads the embedder, fills the cache
    load_s = time.perf_counter() - t

    first, total, answered = [], [], 0
    for _ in range(args.repeat):
        for q in items:
            ans = rt.answerer.answer(q["question"])
            total.append(ans.timings["total_ms"])
            # Time until the first answer text appears: the first streamed token, or the whole
            # answer when nothing streams (extracted answers, abstentions); as `askcorpus eval`.
            first.append(ans.timings["first_token_ms"] or ans.timings["total_ms"])
            answered += not ans.abstained
            print(
                f"{ans.timings['total_ms']:7.0f} ms  {'abstain' if ans.abstained else 'answer '}"
                f"  {q['question'][:70]}"
            )
    result = {
        "questions": len(total),
        "answered": answered,
        "load_and_warmup_s": round(load_s, 2),
        "first_token_ms": {
            "p50": round(pct(first, 50)),
            "p95": round(pct(first, 95)),
            "mean": round(statistics.mean(first)),
        }
        if first
        else None,
        "total_ms": {
            "p50": round(pct(total, 50)),
            "p95": round(pct(total, 95)),
            "mean": round(statistics.mean(total)),
        },
        "llm_threads": settings.threads(settings.llm_threads),
    }
    print(json.dumps(result, indent=2))
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
