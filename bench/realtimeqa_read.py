"""RealTime QA 2022, read and near miss: the answer pipeline on news, given the right article or
only on-topic articles that lack the answer.

For each question with a gold article (the news story the quiz question was written from), two
runs of the full answer pipeline (`Answerer.answer`, default settings), retrieval restricted:

- `gold`: to the gold articles that hold the correct choice's text (normalised, whole words).
  Reported: the answer holds the correct choice ("right"), and how often it abstains.
- `absent`: to the question's own search results that do not hold the correct choice's text
  and are not gold: news on the same topic without the fact asked, the near miss that should
  abstain. Reported: how often it abstains.

Matching is literal, so both figures are rough: "Saudi Arabian" does not match the choice
"Saudi Arabia", and an on-topic article may give the answer in other words ("ads" for
"Advertisements"). Use them to compare settings, not as absolute rates. Questions are split by
position into a `tune` half (even) and a `report` half (odd): look at the tune half when
choosing a setting, report the other.

It reuses `bench/realtimeqa.py`'s corpus and index (built there on first use: hours on 2
cores; about 20 s to load when built). A run takes about 4 minutes.

    python bench/realtimeqa_read.py
    ASKCORPUS_SUPPORT_THRESHOLD=0.62 python bench/realtimeqa_read.py --json OUT.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
import realtimeqa
from askcorpus.answer import Answer
from askcorpus.evaluate import normalize
from askcorpus.retrieve import Filters
from askcorpus.runtime import Runtime

SETTINGS_SHOWN = (
    "abstain_threshold",
    "support_threshold",
    "coverage_weight",
    "names_in_passage",
    "lexical_weight",
    "title_weight",
    "extract_candidates",
    "answer_mode",
    "embed_backend",
)


def search_results(folder: Path) -> dict[str, list[str]]:
    """Each question's search-result article ids (the *_gcs.jsonl files), in their order."""
    out: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*_gcs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            urls = [(r.get("url") or "").strip() for r in rec.get("search_result") or []]
            ids = [realtimeqa.doc_id_of(u) for u in urls if u]
            out[rec["question_id"]] = list(dict.fromkeys(ids))
    return out


def holds(text: str, answer: str) -> bool:
    """True if the normalised answer occurs in the normalised text as whole words."""
    return f" {answer} " in f" {text} "


def ask(rt: Runtime, question: str, docs: Sequence[str], answer: str) -> dict[str, Any]:
    """One answer with retrieval restricted to `docs`."""
    ans: Answer = rt.answerer.answer(question, filters=Filters(doc_ids=set(docs)))
    return {
        "answer": ans.answer,
        "abstained": ans.abstained,
        "right": not ans.abstained and holds(normalize(ans.answer), answer),
        "docs": len(docs),
    }


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Per half and in all: gold-given right and abstained, near misses abstained."""
    out: dict[str, Any] = {}
    halves = {"tune": records[0::2], "report": records[1::2], "all": records}
    for half, recs in halves.items():
        gold = [r["gold_run"] for r in recs if "gold_run" in r]
        absent = [r["absent_run"] for r in recs if "absent_run" in r]
        out[half] = {
            "gold_n": len(gold),
            "gold_right": sum(x["right"] for x in gold) / len(gold) if gold else None,
            "gold_abstained": sum(x["abstained"] for x in gold) / len(gold) if gold else None,
            "absent_n": len(absent),
            "absent_abstained": (
                sum(x["abstained"] for x in absent) / len(absent) if absent else None
            ),
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--data", default=common.DEFAULT_REALTIMEQA, help="folder of the RealTime QA 2022 files"
    )
    p.add_argument("--limit", type=int, default=0, help="only the first N questions with gold")
    p.add_argument(
        "--work",
        type=Path,
        default=common.DEFAULT_WORK / "realtimeqa",
        help="folder of bench/realtimeqa.py's corpus and index (built there if missing)",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results (default bench/results/realtimeqa_read.json)",
    )
    args = p.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    setup = argparse.Namespace(data=args.data, work=args.work, weeks=0, limit=0)
    rt, questions, n_docs = realtimeqa.prepare(setup)
    related = search_results(common.resolve_data_path(args.data))
    texts: dict[str, list[str]] = {}
    for chunk in rt.index.chunks:
        texts.setdefault(chunk.doc_id, []).append(chunk.text)
    norm = {doc: normalize(" ".join(parts)) for doc, parts in texts.items()}

    questions = [q for q in questions if q["gold"]]
    if args.limit:
        questions = questions[: args.limit]
    records: list[dict[str, Any]] = []
    with common.Timer() as t:
        for i, q in enumerate(questions, start=1):
            answer = normalize(q["choices"][q["answer"]])
            rec: dict[str, Any] = {
                "id": q["id"],
                "question": q["question"],
                "choice": q["choices"][q["answer"]],
            }
            if answer:
                gold = [d for d in q["gold"] if holds(norm.get(d, ""), answer)]
                absent = [
                    d
                    for d in related.get(q["id"], [])
                    if d in norm and d not in q["gold"] and not holds(norm[d], answer)
                ]
                if gold:
                    rec["gold_run"] = ask(rt, q["question"], gold, answer)
                if absent:
                    rec["absent_run"] = ask(rt, q["question"], absent, answer)
            records.append(rec)
            if i % 25 == 0 or i == len(questions):
                print(
                    f"  {i}/{len(questions)} questions ({time.perf_counter() - t.t0:.0f} s)",
                    file=sys.stderr,
                )
    summary = summarise(records)
    print(
        f"RealTime QA 2022 read/near miss: {n_docs} articles, {len(rt.index.chunks)} chunks; "
        f"{len(records)} questions with a gold article; {t.seconds:.0f} s"
    )
    rows = [
        [
            half,
            s["gold_n"],
            common.fig(s["gold_right"]),
            common.fig(s["gold_abstained"]),
            s["absent_n"],
            common.fig(s["absent_abstained"]),
        ]
        for half, s in summary.items()
    ]
    header = ["half", "gold n", "gold: right", "gold: abstained", "absent n", "absent: abstained"]
    print(common.table(rows, header))
    out = {
        "benchmark": "realtimeqa-2022-read",
        "articles": n_docs,
        "chunks": len(rt.index.chunks),
        "limit": args.limit or None,
        "model": rt.generator.model_id,
        "embed_model": rt.index.manifest["embed_model"],
        "settings": common.settings_summary(rt.settings, SETTINGS_SHOWN),
        "scoring": "right: the normalised correct choice occurs in the normalised answer as whole "
        "words. gold: retrieval restricted to the gold articles holding the choice. absent: "
        "restricted to the question's search results that are not gold and lack it.",
        "results": summary,
        "seconds": round(t.seconds, 1),
        "environment": common.environment(),
        "records": records,
    }
    path = common.write_json(out, args.json, "realtimeqa_read.json")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
