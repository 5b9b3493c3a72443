"""SQuAD-open: open-domain QA over the 2,067 SQuAD v1.1 dev paragraphs with the bundled models.

Every paragraph is indexed as one document. On a fixed random sample of questions (500, seeded)
the script reports:

- retrieval recall@1/@5 of the question's own paragraph (among distinct retrieved paragraphs);
- answer exact match / F1 (official SQuAD normalisation) and "contains" (a gold answer occurs in
  the response, which suits askcorpus's one-sentence answers) of the full pipeline (`open`);
- the same with the gold paragraph given (`gold`: retrieval restricted to that paragraph, the
  rest of the pipeline unchanged), so retrieval errors and reading errors are told apart;
- with `--modes absent`: retrieval restricted to the other paragraphs of the question's article
  that hold no gold answer (the corpus is on the topic but lacks the fact, the near miss that
  should abstain); reported: how often it abstains.

Answers use temperature 0 and a fixed seed, so reruns on the same machine agree. Finished
answers are cached in the work folder (keyed by models, settings and prompt files), so an
interrupted run resumes and `--limit N` after a longer run reports on its first N questions
at once; pass `--fresh` after changing askcorpus code.

    python bench/squad_open.py                    # 500 questions, both modes
    python bench/squad_open.py --limit 20         # quick run: first 20 of the sample
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
from askcorpus.errors import AskcorpusError
from askcorpus.evaluate import strip_citations
from askcorpus.retrieve import Filters
from askcorpus.runtime import Runtime
from askcorpus.settings import Settings

CORPUS_FILE = "squad.jsonl"
SEARCH_K = 40  # chunks asked for, so that 5 distinct paragraphs are nearly always seen
KS = (1, 5)
SETTINGS_SHOWN = (
    "chunk_tokens",
    "chunk_overlap",
    "top_k",
    "fusion",
    "rrf_k",
    "dense_weight",
    "bm25_weight",
    "candidates",
    "llm_ctx",
    "llm_max_tokens",
    "llm_temperature",
    "llm_seed",
    "llm_flash_attn",
    "evidence_passages",
    "evidence_sentences",
    "abstain_threshold",
    "support_threshold",
    "coverage_weight",
    "names_in_passage",
    "lexical_weight",
    "ungrounded",
    "answer_mode",
    "extract_candidates",
    "embed_backend",
)


# -- official SQuAD v1.1 scoring (evaluate-v1.1.py) ------------------------------------------
def squad_normalize(s: str) -> str:
    """Lower case, remove punctuation, articles and extra whitespace (official v1.1 script)."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def squad_f1(prediction: str, truth: str) -> float:
    pred, gold = squad_normalize(prediction).split(), squad_normalize(truth).split()
    same = sum((Counter(pred) & Counter(gold)).values())
    if same == 0:
        return 0.0
    p, r = same / len(pred), same / len(gold)
    return 2 * p * r / (p + r)


def score(response: str, truths: Sequence[str], abstained: bool) -> dict[str, Any]:
    """EM, F1 (max over gold answers) and containment of a response (0 when abstained)."""
    if abstained:
        return {"em": 0.0, "f1": 0.0, "contains": 0.0}
    text = strip_citations(response)
    norm = squad_normalize(text)
    return {
        "em": float(max(norm == squad_normalize(t) for t in truths)),
        "f1": max(squad_f1(text, t) for t in truths),
        "contains": float(any(squad_normalize(t) and squad_normalize(t) in norm for t in truths)),
    }


# -- data ------------------------------------------------------------------------------------
def squad_answers(path: Path) -> dict[str, list[str]]:
    """Question id -> accepted answer texts (deduplicated, in order)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for article in data["data"]:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                out[qa["id"]] = list(dict.fromkeys(a["text"] for a in qa["answers"]))
    return out


def sample_questions(questions: list[dict[str, str]], n: int, seed: int) -> list[dict[str, str]]:
    """A fixed random sample (same seed, same data -> same questions, same order)."""
    return random.Random(seed).sample(questions, min(n, len(questions)))


def prepare(args: argparse.Namespace) -> tuple[Runtime, list[dict[str, Any]], int]:
    """Index the paragraphs (reused when up to date); the runtime, sampled questions, #paras."""
    squad = common.resolve_data_path(args.squad)
    if not squad.is_file():
        raise SystemExit(f"SQuAD file not found: {squad} (pass --squad PATH)")
    paragraphs, questions = common.load_squad(squad)
    answers = squad_answers(squad)
    work: Path = args.work
    corpus = work / "corpus-squad"
    common.write_jsonl_corpus(paragraphs, corpus, CORPUS_FILE)
    base = Settings()
    if args.answer_mode:
        base = base.model_copy(update={"answer_mode": args.answer_mode})
    rt0 = Runtime(base)
    fp = rt0.embedder.fingerprint
    index_dir = work / f"index-squad-{fp}-{base.chunk_tokens}-{base.chunk_overlap}"
    rt = common.indexed_runtime(corpus, index_dir, base, rt0.embedder, "paragraphs")
    chosen = sample_questions(questions, args.n, args.seed)
    if args.limit:
        chosen = chosen[: args.limit]
    by_article: dict[str, list[dict[str, str]]] = {}
    for para in paragraphs:
        by_article.setdefault(para["id"].split("-")[0], []).append(para)
    for q in chosen:
        q["doc_id"] = f"{CORPUS_FILE}#{q['para']}"
        q["answers"] = answers[q["id"]]
        truths = [f" {squad_normalize(a)} " for a in q["answers"] if squad_normalize(a)]
        q["absent_docs"] = {
            f"{CORPUS_FILE}#{para['id']}"
            for para in by_article[q["para"].split("-")[0]]
            if para["id"] != q["para"]
            and not any(t in f" {squad_normalize(para['text'])} " for t in truths)  # whole words
        }
    return rt, chosen, len(paragraphs)


# -- run -------------------------------------------------------------------------------------
class RecordCache:
    """Finished question records, appended as they are done, so an interrupted or partial run
    resumes (and a later `--limit` run reuses them). Keyed by everything that shapes an answer:
    models, settings, prompt files and modes; any change starts a new cache file."""

    def __init__(self, work: Path, rt: Runtime, modes: Sequence[str]) -> None:
        prompts = Path(rt.settings.prompts_dir)
        key = json.dumps(
            {
                "model": str(rt.settings.llm_model_path()),
                "embed": rt.index.manifest["embed_fingerprint"],
                "index": rt.index.manifest.get("n_chunks"),
                "settings": common.settings_summary(rt.settings, SETTINGS_SHOWN),
                "prompts": {
                    p.name: p.read_text(encoding="utf-8") for p in sorted(prompts.glob("*.txt"))
                }
                if prompts.is_dir()
                else {},
                "modes": sorted(modes),
            },
            sort_keys=True,
        )
        digest = hashlib.sha1(key.encode()).hexdigest()[:12]
        self.path = work / f"records-{digest}.jsonl"
        self.done: dict[str, dict[str, Any]] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut off by an interruption
                self.done[rec["id"]] = rec

    def add(self, rec: dict[str, Any]) -> None:
        self.done[rec["id"]] = rec
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def distinct_docs(rt: Runtime, query: str, n: int) -> list[str]:
    seen: list[str] = []
    for hit in rt.retriever.search(query, k=SEARCH_K):
        if hit.chunk.doc_id not in seen:
            seen.append(hit.chunk.doc_id)
            if len(seen) == n:
                break
    return seen


def ask(
    rt: Runtime, question: str, filters: Filters | None, truths: Sequence[str], gold_doc: str
) -> dict[str, Any]:
    try:
        ans = rt.answerer.answer(question, filters=filters)
    except AskcorpusError as exc:
        return {
            "answer": "",
            "error": str(exc),
            "abstained": True,
            "cited": [],
            "cites_gold": False,
            "total_ms": 0.0,
            **score("", truths, True),
        }
    cited = [] if ans.abstained else [c.doc_id for c in ans.citations]
    return {
        "answer": ans.answer,
        "abstained": ans.abstained,
        "cited": cited,
        "cites_gold": gold_doc in cited,
        "total_ms": round(ans.timings.get("total_ms", 0.0), 1),
        **score(ans.answer, truths, ans.abstained),
    }


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def summarise(records: list[dict[str, Any]], modes: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(records)}
    for k in KS:
        out[f"recall@{k}"] = mean([float(0 < r["gold_rank"] <= k) for r in records])
    for mode in modes:
        rs = [r[mode] for r in records if mode in r]  # absent: articles with other paragraphs
        out[mode] = {
            "exact_match": mean([r["em"] for r in rs]),
            "f1": mean([r["f1"] for r in rs]),
            "contains": mean([r["contains"] for r in rs]),
            "cites_gold": mean([float(r["cites_gold"]) for r in rs]),
            "abstained": mean([float(r["abstained"]) for r in rs]),
            "mean_total_ms": mean([r["total_ms"] for r in rs]),
        }
    if "open" in modes and "gold" in modes:
        # Where the open pipeline loses answers: retrieval (gold paragraph not in the top 5)
        # or reading (the model misses even with the gold paragraph).
        cells = Counter()
        for r in records:
            retrieved = 0 < r["gold_rank"] <= 5
            cells[(retrieved, bool(r["open"]["contains"]), bool(r["gold"]["contains"]))] += 1
        n = max(len(records), 1)
        out["breakdown_contains"] = {
            "open_right": sum(v for (_, o, _), v in cells.items() if o) / n,
            "open_wrong_gold_right": sum(v for (_, o, g), v in cells.items() if not o and g) / n,
            "open_wrong_gold_wrong": sum(v for (_, o, g), v in cells.items() if not o and not g)
            / n,
            "open_wrong_retrieval_miss": sum(
                v for (ret, o, _), v in cells.items() if not o and not ret
            )
            / n,
            "open_wrong_retrieval_hit": sum(v for (ret, o, _), v in cells.items() if not o and ret)
            / n,
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--squad", default=common.DEFAULT_SQUAD, help="SQuAD v1.1 dev JSON file")
    p.add_argument("--n", type=int, default=500, help="questions sampled (default 500)")
    p.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    p.add_argument("--limit", type=int, default=0, help="only the first N sampled questions")
    p.add_argument(
        "--modes",
        default="open,gold",
        help="comma list of open (full pipeline), gold (gold paragraph given) and absent "
        "(only the article's paragraphs without the answer: should abstain)",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=common.DEFAULT_WORK / "squad-open",
        help="folder for the temporary corpus and index (reused by later runs)",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results file (default bench/results/squad_open.json)",
    )
    p.add_argument("--fresh", action="store_true", help="ignore answers cached in the work folder")
    p.add_argument(
        "--answer-mode",
        choices=["auto", "generate", "extract"],
        default=None,
        help="override the answer_mode setting (generate = the LLM writes the answer); the "
        "results file is then squad_open-MODE.json",
    )
    args = p.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in ("open", "gold", "absent") for m in modes):
        p.error("--modes takes a comma list of open, gold and absent")
    args.work.mkdir(parents=True, exist_ok=True)

    rt, questions, n_paras = prepare(args)
    resolve = getattr(rt.settings, "resolved_answer_mode", None)
    answer_mode = resolve() if callable(resolve) else "generate"
    cache = RecordCache(args.work, rt, modes)
    if args.fresh:
        cache.path.unlink(missing_ok=True)
        cache.done.clear()
    reused = sum(q["id"] in cache.done for q in questions)
    if reused:
        print(f"reusing {reused} answers cached in {cache.path}", file=sys.stderr)
    records: list[dict[str, Any]] = []
    with common.Timer() as t:
        for i, q in enumerate(questions, start=1):
            if q["id"] in cache.done:
                records.append(cache.done[q["id"]])
                continue
            docs = distinct_docs(rt, q["question"], max(KS))
            rank = docs.index(q["doc_id"]) + 1 if q["doc_id"] in docs else 0
            rec: dict[str, Any] = {
                "id": q["id"],
                "question": q["question"],
                "answers": q["answers"],
                "doc_id": q["doc_id"],
                "gold_rank": rank,
                "retrieved": docs,
            }
            if "open" in modes:
                rec["open"] = ask(rt, q["question"], None, q["answers"], q["doc_id"])
            if "gold" in modes:
                rec["gold"] = ask(
                    rt, q["question"], Filters(doc_ids={q["doc_id"]}), q["answers"], q["doc_id"]
                )
            if "absent" in modes and q["absent_docs"]:  # else the article has no other paragraph
                rec["absent"] = ask(
                    rt, q["question"], Filters(doc_ids=q["absent_docs"]), q["answers"], ""
                )
            cache.add(rec)
            records.append(rec)
            if i % 25 == 0 or i == len(questions):
                print(
                    f"  {i}/{len(questions)} questions ({time.perf_counter() - t.t0:.0f} s)",
                    file=sys.stderr,
                )
    summary = summarise(records, modes)

    print(
        f"SQuAD-open ({answer_mode} answers): {n_paras} paragraphs, "
        f"{len(rt.index.chunks)} chunks; "
        f"{len(records)} questions (seed {args.seed}); {t.seconds:.0f} s"
    )
    print(
        common.table([[f"recall@{k}", summary[f"recall@{k}"]] for k in KS], ["retrieval", "value"])
    )
    rows = [
        [
            m,
            summary[m]["exact_match"],
            summary[m]["f1"],
            summary[m]["contains"],
            summary[m]["cites_gold"],
            summary[m]["abstained"],
            summary[m]["mean_total_ms"],
        ]
        for m in modes
    ]
    print(
        common.table(rows, ["mode", "EM", "F1", "contains", "cites gold", "abstained", "mean ms"])
    )
    if "breakdown_contains" in summary:
        b = summary["breakdown_contains"]
        print(
            f"open answers (contains): right {b['open_right']:.3f}; wrong with the gold "
            f"paragraph outside the top 5 {b['open_wrong_retrieval_miss']:.3f}; wrong although "
            f"retrieved {b['open_wrong_retrieval_hit']:.3f}; gold-given also wrong "
            f"{b['open_wrong_gold_wrong']:.3f}"
        )

    out = {
        "benchmark": "squad-open-v1.1-dev",
        "questions": len(records),
        "sample": {"n": args.n, "seed": args.seed, "limit": args.limit or None},
        "paragraphs": n_paras,
        "chunks": len(rt.index.chunks),
        "model": rt.generator.model_id,
        "answer_mode": answer_mode,
        "embed_model": rt.index.manifest["embed_model"],
        "settings": common.settings_summary(rt.settings, SETTINGS_SHOWN),
        "scoring": "EM/F1: official SQuAD v1.1 normalisation, max over gold answers, citation "
        "markers removed; contains: a normalised gold answer is a substring of the "
        "normalised response; abstentions score 0. gold mode: retrieval restricted "
        "to the question's own paragraph.",
        "results": summary,
        "seconds": round(t.seconds, 1),
        "reused_cached_answers": reused,
        "environment": common.environment(),
        "records": records,
    }
    name = f"squad_open-{args.answer_mode}.json" if args.answer_mode else "squad_open.json"
    path = common.write_json(out, args.json, name)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
