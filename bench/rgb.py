"""RGB noise robustness and negative rejection with the default pipeline and bundled models.

RGB's English counterfactual set (100 news questions, 2018-2023) gives each question search
snippets that hold the answer (`positive`) and snippets on the same topic or unrelated that do
not (`negative`). Every snippet is indexed as one document, in two corpora:

- `noisy`: all positives and all negatives of all questions. Reported: the answer contains an
  accepted answer (askcorpus's eval matching: case, punctuation and articles ignored, a little
  looser than RGB's substring check), and how often it abstains.
- `negative`: the negatives only, less the few that do hold some question's accepted answer
  (RGB's negatives are not all answer-free), so no answer is in the corpus (RGB's "negative
  rejection"). Reported: how often it abstains, as it should.

Questions are split by id into a `tune` half (even ids) and a `report` half (odd ids): look at
`--thresholds` sweeps on the tune half only and report the other half.

    python bench/rgb.py                                  # both corpora, both halves
    python bench/rgb.py --thresholds 0.45,0.5,0.55,0.6   # abstain_threshold sweep
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from askcorpus.errors import AskcorpusError
from askcorpus.evaluate import contains_answer
from askcorpus.runtime import Runtime
from askcorpus.settings import Settings

DEFAULT_RGB = "../shared/benchmarks/rgb-en-fact/en_fact.json"
TITLE = "Search result"  # snippets have no titles; one neutral title for all


def flatten(answer: Any) -> list[str]:
    """RGB answers: a string, a list of strings, or a list of lists of equivalent strings."""
    if isinstance(answer, str):
        return [answer]
    out: list[str] = []
    for part in answer if isinstance(answer, list) else []:
        out.extend(flatten(part))
    return out


def load_rgb(path: Path) -> list[dict[str, Any]]:
    """The questions, each with its answers, positive and negative snippets."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            rows.append(
                {
                    "id": int(rec["id"]),
                    "query": rec["query"],
                    "answers": flatten(rec["answer"]),
                    "positive": list(rec.get("positive") or []),
                    "negative": list(rec.get("negative") or []),
                }
            )
    return rows


def corpus_docs(
    rows: Sequence[dict[str, Any]], kinds: Sequence[str], answer_free: bool = False
) -> list[dict[str, str]]:
    """One document per snippet; with `answer_free`, snippets holding any question's accepted
    answer are left out."""
    answers = [a for r in rows for a in r["answers"]]
    docs = []
    for r in rows:
        for kind in kinds:
            for i, text in enumerate(r[kind]):
                if answer_free and contains_answer(text, answers):
                    continue
                docs.append({"id": f"q{r['id']}-{kind[:3]}{i}", "title": TITLE, "text": text})
    return docs


def runtime_for(name: str, docs: list[dict[str, str]], work: Path, base: Settings) -> Runtime:
    """Index one corpus (reused while up to date) and a runtime over it."""
    corpus = work / f"corpus-{name}"
    common.write_jsonl_corpus(docs, corpus, f"{name}.jsonl")
    rt0 = Runtime(base)
    index_dir = work / f"index-{name}-{rt0.embedder.fingerprint}"
    return common.indexed_runtime(corpus, index_dir, base, rt0.embedder, f"{name} snippets")


def ask(rt: Runtime, row: dict[str, Any]) -> dict[str, Any]:
    try:
        ans = rt.answerer.answer(row["query"])
    except AskcorpusError as exc:
        return {"answer": "", "error": str(exc), "abstained": True, "correct": False}
    correct = not ans.abstained and contains_answer(ans.answer, row["answers"])
    return {"answer": ans.answer, "abstained": ans.abstained, "correct": correct}


def rate(records: list[dict[str, Any]], key: str) -> float:
    return sum(bool(r[key]) for r in records) / len(records) if records else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rgb", default=DEFAULT_RGB, help="RGB en_fact.json (JSON Lines)")
    p.add_argument(
        "--thresholds",
        default="",
        help="comma list of abstain_threshold values to sweep (default: the setting)",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=common.DEFAULT_WORK / "rgb",
        help="folder for the temporary corpora and indexes (reused by later runs)",
    )
    p.add_argument("--json", type=Path, default=None, help="results file (default bench/results)")
    args = p.parse_args(argv)
    path = common.resolve_data_path(args.rgb)
    if not path.is_file():
        raise SystemExit(f"RGB file not found: {path} (pass --rgb PATH)")
    rows = load_rgb(path)
    base = Settings()
    try:
        thresholds = [float(x) for x in args.thresholds.split(",") if x.strip()] or [
            base.abstain_threshold
        ]
    except ValueError:
        p.error("--thresholds takes numbers separated by commas, e.g. 0.5,0.55")
    args.work.mkdir(parents=True, exist_ok=True)
    runtimes = {
        "noisy": runtime_for("noisy", corpus_docs(rows, ("positive", "negative")), args.work, base),
        "negative": runtime_for(
            "negative", corpus_docs(rows, ("negative",), answer_free=True), args.work, base
        ),
    }
    halves = {
        "tune": [r for r in rows if r["id"] % 2 == 0],
        "report": [r for r in rows if r["id"] % 2 == 1],
    }
    results: list[dict[str, Any]] = []
    records: dict[str, Any] = {}
    with common.Timer() as t:
        for th in thresholds:
            per: dict[str, dict[str, list[dict[str, Any]]]] = {}
            for name, rt in runtimes.items():
                rt.settings = rt.settings.model_copy(update={"abstain_threshold": th})
                if "answerer" in rt.__dict__:
                    rt.answerer.settings = rt.settings
                per[name] = {
                    h: [ask(rt, r) | {"id": r["id"]} for r in qs] for h, qs in halves.items()
                }
            for half in halves:
                noisy, negative = per["noisy"][half], per["negative"][half]
                results.append(
                    {
                        "abstain_threshold": th,
                        "half": half,
                        "n": len(noisy),
                        "noisy_correct": rate(noisy, "correct"),
                        "noisy_abstained": rate(noisy, "abstained"),
                        "negative_abstained": rate(negative, "abstained"),
                    }
                )
            records[str(th)] = per
    print(f"RGB en_fact: {len(rows)} questions; {t.seconds:.0f} s")
    print(
        common.table(
            [
                [
                    f"{r['abstain_threshold']:.2f}",
                    r["half"],
                    r["n"],
                    r["noisy_correct"],
                    r["noisy_abstained"],
                    r["negative_abstained"],
                ]
                for r in results
            ],
            ["threshold", "half", "n", "noisy: correct", "noisy: abstained", "negative: abstained"],
        )
    )
    out = common.write_json(
        {
            "benchmark": "rgb-en-fact",
            "questions": len(rows),
            "settings": common.settings_summary(
                base, ("abstain_threshold", "lexical_weight", "support_threshold")
            ),
            "results": results,
            "records": records,
            "environment": common.environment(),
        },
        args.json,
        "rgb.json",
    )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
