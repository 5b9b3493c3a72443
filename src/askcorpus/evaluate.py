"""The eval suite: run hand-written QA pairs and scripted conversations, score, report, gate.

Scoring (see evals/README.md, "Answer matching"):

- An answer is *correct* if it is not an abstention and a normalised accepted answer is a
  substring of the normalised response (citation markers like ``[1]`` are removed first).
- *Token F1* is the SQuAD-style bag-of-tokens F1 against the best accepted answer (0 when the
  system abstained).
- *Retrieval* is scored on the question as asked: the rank of the first retrieved passage that
  comes from a gold article (hit@1, hit@5, MRR over the top 10) and the share of gold articles
  among the top 5 passages (recall@5, which matters for two-article questions).
- *Citation precision*: over answered answerable questions, the share of cited passages that
  come from a gold article. *Citation support*: over the same questions, the share where at
  least one cited passage contains an accepted answer.
- *Correct and cited*: an answerable question answered correctly **and** citing a passage of a
  gold article (the headline target, >= 80%).
- *Abstention* is over unanswerable items: recall = unanswerable items abstained on /
  unanswerable items; precision = unanswerable items abstained on / all abstentions.
  *False abstention rate* = answerable items abstained on / answerable items.
- *Follow-up accuracy*: correct turns among the second and later turns of the conversations,
  asked in order with the system's own answers as history.
- *Latency*: p50/p95 of the time until the first answer text appears (the first streamed
  token, or the whole answer when nothing streams: abstentions, extracted answers) and of the
  total time, over every question and turn asked.
- *Target intervals*: each target's count with its 95% Wilson score interval, and whether the
  whole interval meets the target, misses it, or holds it (too few items to tell).

The gate compares the overall metrics with a committed baseline (`evals/baseline.json`):
a metric fails when it is worse than its baseline value by more than its tolerance. Latency is
reported but not gated (it depends on the machine, not on the code under review).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from askcorpus.errors import AskcorpusError, InputFileError
from askcorpus.load import jsonl_lines
from askcorpus.output import check_output, write_text

if TYPE_CHECKING:
    from askcorpus.answer import Answer
    from askcorpus.runtime import Runtime
    from askcorpus.settings import Settings

DEFAULT_QA = Path("evals/qa.jsonl")
DEFAULT_CONVERSATIONS = Path("evals/conversations.jsonl")
SPLITS = ("dev", "test")
HIT_KS = (1, 5)
RECALL_K = 5
MRR_DEPTH = 10
REPORT_VERSION = 1
BASELINE_VERSION = 1

# Metrics where a smaller value is better (the gate fails when they rise).
LOWER_IS_BETTER = {
    "false_abstention_rate",
    "latency_first_token_p50_ms",
    "latency_first_token_p95_ms",
    "latency_total_p50_ms",
    "latency_total_p95_ms",
}
# Metrics written to the baseline and checked by the gate, with their default tolerance
# (absolute). One answerable question is 1/76 = 0.013, one unanswerable item 1/23 = 0.043 and
# one follow-up turn 1/23 = 0.043, so the defaults allow about two answerable questions, or one
# abstention/follow-up, to flip (e.g. float differences between CPUs) before failing.
GATED_TOLERANCE: dict[str, float] = {
    "retrieval_hit@1": 0.03,
    "retrieval_hit@5": 0.03,
    "retrieval_recall@5": 0.03,
    "retrieval_mrr": 0.03,
    "answer_accuracy": 0.03,
    "answer_f1": 0.03,
    "correct_and_cited": 0.03,
    "citation_precision": 0.03,
    "citation_support": 0.03,
    "false_abstention_rate": 0.03,
    "abstention_precision": 0.05,
    "abstention_recall": 0.05,
    "followup_accuracy": 0.05,
    "followup_abstention": 0.05,
}
# Targets of the answers issue (informational; the gate is the baseline).
TARGETS: dict[str, tuple[str, float]] = {
    "correct_and_cited": (">=", 0.80),
    "abstention_recall": (">=", 0.90),
    "false_abstention_rate": ("<=", 0.05),
    "followup_accuracy": (">=", 0.80),
}
# Rows of the terminal/markdown table: (metric, label, kind) with kind "rate", "ms" or "n".
TABLE_ROWS: list[tuple[str, str, str]] = [
    ("n_answerable", "answerable questions", "n"),
    ("n_unanswerable", "unanswerable questions", "n"),
    ("n_followup", "follow-up turns", "n"),
    ("n_followup_unanswerable", "unanswerable follow-up turns", "n"),
    ("retrieval_hit@1", "retrieval hit@1 (gold article)", "rate"),
    ("retrieval_hit@5", "retrieval hit@5", "rate"),
    ("retrieval_recall@5", "retrieval recall@5 (all gold articles)", "rate"),
    ("retrieval_mrr", "retrieval MRR@10", "rate"),
    ("answer_accuracy", "answer accuracy", "rate"),
    ("answer_f1", "answer token F1", "rate"),
    ("correct_and_cited", "correct and cites a gold article", "rate"),
    ("citation_precision", "citation precision", "rate"),
    ("citation_support", "citation support", "rate"),
    ("false_abstention_rate", "abstained on answerable", "rate"),
    ("abstention_precision", "abstention precision", "rate"),
    ("abstention_recall", "abstention recall (unanswerable)", "rate"),
    ("followup_accuracy", "follow-up accuracy", "rate"),
    ("followup_correct_and_cited", "follow-up correct and cited", "rate"),
    ("followup_abstention", "abstained on unanswerable follow-ups", "rate"),
    ("conversation_accuracy", "conversation turns correct", "rate"),
    ("latency_first_token_p50_ms", "first token p50 (ms)", "ms"),
    ("latency_first_token_p95_ms", "first token p95 (ms)", "ms"),
    ("latency_total_p50_ms", "total p50 (ms)", "ms"),
    ("latency_total_p95_ms", "total p95 (ms)", "ms"),
]


# -- eval data ----------------------------------------------------------------------------------
@dataclass
class QAItem:
    """One line of qa.jsonl."""

    id: str
    question: str
    answers: list[str]
    doc_ids: list[str]
    split: str
    unanswerable: bool = False
    kind: str = ""
    line: int = 0


@dataclass
class ConvTurn:
    """One scripted turn of a conversation."""

    q: str
    answers: list[str]
    doc_ids: list[str]
    unanswerable: bool = False  # a follow-up the corpus does not answer: abstaining is right


@dataclass
class ConversationItem:
    """One line of conversations.jsonl."""

    id: str
    split: str
    turns: list[ConvTurn]
    line: int = 0


def _read_lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if path.is_dir():
        raise InputFileError(f"{path} is a folder; give a JSONL eval file")
    if not path.is_file():
        raise InputFileError(
            f"eval file not found: {path} (run from the repository root or pass --qa / "
            "--conversations)"
        )
    try:
        lines = jsonl_lines(path.read_text(encoding="utf-8-sig"))  # a BOM is no JSON
    except UnicodeDecodeError:
        raise InputFileError(f"{path} is not UTF-8 text") from None
    out = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise InputFileError(f"{path}:{lineno}: each line must be a JSON object")
        out.append((lineno, rec))
    if not out:
        raise InputFileError(f"{path} holds no items")
    return out


def _str_list(rec: dict[str, Any], key: str, where: str) -> list[str]:
    value = rec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputFileError(f'{where}: "{key}" must be a list of non-empty strings')
    return [str(v) for v in value]


def _text(rec: dict[str, Any], key: str, where: str) -> str:
    value = rec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputFileError(f'{where}: "{key}" must be a non-empty string')
    return value


def _split(rec: dict[str, Any], where: str) -> str:
    split = rec.get("split")
    if split is None:
        raise InputFileError(f'{where}: "split" is missing ("dev" or "test")')
    if split not in SPLITS:
        raise InputFileError(f'{where}: "split" must be "dev" or "test", got {split!r}')
    return str(split)


QA_FIELDS = frozenset({"id", "question", "answers", "doc_ids", "split", "unanswerable", "kind"})


def load_qa(path: Path) -> list[QAItem]:
    """Read and check qa.jsonl; a bad line raises InputFileError naming file:line."""
    items: list[QAItem] = []
    seen: set[str] = set()
    for lineno, rec in _read_lines(path):
        where = f"{path}:{lineno}"
        item_id = _text(rec, "id", where)
        if item_id in seen:
            raise InputFileError(f"{where}: duplicate id {item_id!r}")
        seen.add(item_id)
        unanswerable = rec.get("unanswerable", False)
        if not isinstance(unanswerable, bool):
            raise InputFileError(f'{where}: "unanswerable" must be true or false')
        answers = _str_list(rec, "answers", where)
        doc_ids = _str_list(rec, "doc_ids", where)
        if not unanswerable and not answers:
            unknown = sorted(set(rec) - QA_FIELDS)
            raise InputFileError(
                f'{where}: an answerable item needs at least one of "answers"'
                + (f" (unknown fields: {', '.join(unknown)})" if unknown else "")
            )
        if unanswerable and answers:
            raise InputFileError(
                f'{where}: an unanswerable item has "answers"; drop them or make it answerable'
            )
        if not unanswerable and not doc_ids:
            raise InputFileError(f'{where}: an answerable item needs its gold "doc_ids"')
        items.append(
            QAItem(
                item_id,
                _text(rec, "question", where),
                answers,
                doc_ids,
                _split(rec, where),
                unanswerable,
                str(rec.get("kind", "")),
                lineno,
            )
        )
    return items


def load_conversations(path: Path) -> list[ConversationItem]:
    """Read and check conversations.jsonl; a bad line raises InputFileError naming file:line."""
    convs: list[ConversationItem] = []
    seen: set[str] = set()
    for lineno, rec in _read_lines(path):
        where = f"{path}:{lineno}"
        conv_id = _text(rec, "id", where)
        if conv_id in seen:
            raise InputFileError(f"{where}: duplicate id {conv_id!r}")
        seen.add(conv_id)
        raw = rec.get("turns")
        if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
            raise InputFileError(f'{where}: "turns" must be a non-empty list of objects')
        turns = []
        for i, t in enumerate(raw, start=1):
            tw = f"{where}: turn {i}"
            answers = _str_list(t, "answers", tw)
            unanswerable = t.get("unanswerable", False)
            if not isinstance(unanswerable, bool):
                raise InputFileError(f'{tw}: "unanswerable" must be true or false')
            if unanswerable and i == 1:
                raise InputFileError(
                    f"{tw}: a first turn asks on its own; put a question the corpus cannot "
                    "answer in qa.jsonl"
                )
            if unanswerable and answers:
                raise InputFileError(f'{tw}: an unanswerable turn has no "answers"')
            if not unanswerable and not answers:
                raise InputFileError(
                    f'{tw}: "answers" must not be empty (or mark the turn "unanswerable": true)'
                )
            turns.append(
                ConvTurn(_text(t, "q", tw), answers, _str_list(t, "doc_ids", tw), unanswerable)
            )
        convs.append(ConversationItem(conv_id, _split(rec, where), turns, lineno))
    return convs


# -- scoring ------------------------------------------------------------------------------------
_MARKER = re.compile(r"\[\d{1,3}(?:\s*,\s*\d{1,3})*\]")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_PUNCT = re.compile(r"[^\w\s]")
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def strip_citations(text: str) -> str:
    """The text without citation markers such as [1] or [1, 2]."""
    return _MARKER.sub(" ", text)


def normalize(text: str) -> str:
    """Lower-case, straighten quotes/dashes, punctuation to spaces, drop a/an/the, collapse
    whitespace (evals/README.md, "Answer matching"; same as evals/check_evals.py)."""
    text = text.translate(_QUOTES).lower()
    text = _PUNCT.sub(" ", text)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def contains_answer(text: str, answers: Iterable[str]) -> bool:
    """True if a normalised accepted answer is a substring of the normalised text (citation
    markers are removed from the text first)."""
    hay = normalize(strip_citations(text))
    return any(needle and needle in hay for needle in (normalize(a) for a in answers))


def is_correct(response: str, answers: Sequence[str], abstained: bool = False) -> bool:
    """An answer is correct if it is not an abstention and contains an accepted answer."""
    return not abstained and bool(answers) and contains_answer(response, answers)


def token_f1(response: str, answers: Sequence[str]) -> float:
    """SQuAD-style token F1 of the response against its best accepted answer."""
    pred = normalize(strip_citations(response)).split()
    best = 0.0
    for ans in answers:
        gold = normalize(ans).split()
        if not pred or not gold:
            continue
        common: dict[str, int] = {}
        for tok in gold:
            common[tok] = common.get(tok, 0) + 1
        same = 0
        for tok in pred:
            if common.get(tok, 0) > 0:
                same += 1
                common[tok] -= 1
        if same:
            p, r = same / len(pred), same / len(gold)
            best = max(best, 2 * p * r / (p + r))
    return best


def exact_match(response: str, answers: Sequence[str]) -> bool:
    """SQuAD exact match: the normalised response equals a normalised accepted answer."""
    pred = normalize(strip_citations(response))
    return any(pred == normalize(a) for a in answers if normalize(a))


def gold_rank(retrieved_doc_ids: Sequence[str], gold: Sequence[str]) -> int:
    """1-based rank of the first retrieved passage from a gold article; 0 if none."""
    for i, doc_id in enumerate(retrieved_doc_ids, start=1):
        if doc_id in gold:
            return i
    return 0


def _citation_dicts(answer: Answer) -> list[dict[str, Any]]:
    return [
        {
            "n": c.n,
            "doc_id": c.doc_id,
            "title": c.title,
            "text": c.text,
            "chunk_id": c.chunk_id,
            "score": round(float(c.score), 4),
        }
        for c in answer.citations
    ]


def score_answer(
    answer: Answer, answers: Sequence[str], doc_ids: Sequence[str], unanswerable: bool = False
) -> dict[str, Any]:
    """Scores of one answer against its accepted answers and gold articles."""
    cited = [] if answer.abstained else answer.citations
    gold_cited = [c for c in cited if c.doc_id in doc_ids]
    rec: dict[str, Any] = {
        "abstained": bool(answer.abstained),
        "n_cited": len(cited),
    }
    if unanswerable:
        rec["correct"] = bool(answer.abstained)
        return rec
    correct = is_correct(answer.answer, answers, answer.abstained)
    rec.update(
        {
            "correct": correct,
            "f1": 0.0 if answer.abstained else round(token_f1(answer.answer, answers), 4),
            "cites_gold": bool(gold_cited),
            "correct_and_cited": correct and bool(gold_cited),
            "citation_precision": (len(gold_cited) / len(cited)) if cited else None,
            "citation_support": any(contains_answer(c.text, answers) for c in cited)
            if cited
            else None,
        }
    )
    return rec


def score_retrieval(retrieved_doc_ids: Sequence[str], gold: Sequence[str]) -> dict[str, Any]:
    """Retrieval scores from the doc ids of the ranked passages (best first)."""
    rank = gold_rank(retrieved_doc_ids[:MRR_DEPTH], gold)
    top = set(retrieved_doc_ids[:RECALL_K])
    rec: dict[str, Any] = {
        "gold_rank": rank,
        "mrr": (1.0 / rank) if rank else 0.0,
        f"recall@{RECALL_K}": (len(top & set(gold)) / len(set(gold))) if gold else 0.0,
    }
    for k in HIT_KS:
        rec[f"hit@{k}"] = 0 < rank <= k
    return rec


def _mean(values: Iterable[float | bool | None]) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default method); None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _followups(turns: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answerable follow-ups: turns after the first that the corpus answers."""
    return [t for t in turns if t["turn"] >= 2 and not t.get("unanswerable")]


def compute_metrics(
    qa: Sequence[dict[str, Any]], turns: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Aggregate metrics from scored QA records and conversation-turn records."""
    ans = [r for r in qa if not r["unanswerable"]]
    una = [r for r in qa if r["unanswerable"]]
    answered = [r for r in ans if not r["abstained"]]
    follow = _followups(turns)
    silent = [t for t in turns if t.get("unanswerable")]  # follow-ups the corpus does not answer
    abstentions = [r for r in qa if r["abstained"]]
    m: dict[str, Any] = {
        "n_answerable": len(ans),
        "n_unanswerable": len(una),
        "n_turns": len(turns),
        "n_followup": len(follow),
        "n_followup_unanswerable": len(silent),
    }
    for k in HIT_KS:
        m[f"retrieval_hit@{k}"] = _mean(r["retrieval"][f"hit@{k}"] for r in ans)
    m[f"retrieval_recall@{RECALL_K}"] = _mean(r["retrieval"][f"recall@{RECALL_K}"] for r in ans)
    m["retrieval_mrr"] = _mean(r["retrieval"]["mrr"] for r in ans)
    m["answer_accuracy"] = _mean(r["correct"] for r in ans)
    m["answer_f1"] = _mean(r["f1"] for r in ans)
    m["correct_and_cited"] = _mean(r["correct_and_cited"] for r in ans)
    m["citation_precision"] = _mean(r["citation_precision"] for r in answered)
    m["citation_support"] = _mean(r["citation_support"] for r in answered)
    m["false_abstention_rate"] = _mean(r["abstained"] for r in ans)
    m["abstention_precision"] = (
        sum(r["unanswerable"] for r in abstentions) / len(abstentions) if abstentions else None
    )
    m["abstention_recall"] = _mean(r["abstained"] for r in una)
    m["followup_accuracy"] = _mean(t["correct"] for t in follow)
    m["followup_correct_and_cited"] = _mean(t["correct_and_cited"] for t in follow)
    m["followup_abstention"] = _mean(t["abstained"] for t in silent)
    m["conversation_accuracy"] = _mean(t["correct"] for t in turns)
    timed = list(qa) + list(turns)
    timings = [r["timings"] for r in timed if "total_ms" in r.get("timings", {})]
    # Time until the first answer text appears: the first streamed token, or the whole answer
    # when nothing streamed (abstentions, extracted answers).
    first = [
        t["first_token_ms"] if t.get("first_token_ms", 0) > 0 else t["total_ms"] for t in timings
    ]
    total = [t["total_ms"] for t in timings]
    for name, vals in (("first_token", first), ("total", total)):
        for q in (50, 95):
            v = percentile(vals, q)
            m[f"latency_{name}_p{q}_ms"] = round(v, 1) if v is not None else None
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.items()}


def metrics_by_split(
    qa: Sequence[dict[str, Any]], turns: Sequence[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Metrics overall ("all") and per split present in the records."""
    out = {"all": compute_metrics(qa, turns)}
    for split in SPLITS:
        q = [r for r in qa if r["split"] == split]
        t = [r for r in turns if r["split"] == split]
        if q or t:
            out[split] = compute_metrics(q, t)
    return out


def check_targets(metrics: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Whether each split meets the targets of the answers issue."""
    out: dict[str, dict[str, Any]] = {}
    for name, (op, value) in TARGETS.items():
        row: dict[str, Any] = {"op": op, "value": value}
        for split, m in metrics.items():
            v = m.get(name)
            row[split] = None if v is None else (v >= value if op == ">=" else v <= value)
        out[name] = row
    return out


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (95% with the default z)."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"an interval needs 0 <= k <= n and n >= 1, not k={k}, n={n}")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _target_counts(
    qa: Sequence[dict[str, Any]], turns: Sequence[dict[str, Any]]
) -> dict[str, tuple[int, int]]:
    """(successes, items) behind each target's rate."""
    ans = [r for r in qa if not r["unanswerable"]]
    una = [r for r in qa if r["unanswerable"]]
    follow = _followups(turns)
    return {
        "correct_and_cited": (sum(bool(r["correct_and_cited"]) for r in ans), len(ans)),
        "abstention_recall": (sum(bool(r["abstained"]) for r in una), len(una)),
        "false_abstention_rate": (sum(bool(r["abstained"]) for r in ans), len(ans)),
        "followup_accuracy": (sum(bool(t["correct"]) for t in follow), len(follow)),
    }


def target_intervals(
    qa: Sequence[dict[str, Any]], turns: Sequence[dict[str, Any]]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Each target's count, 95% Wilson interval and verdict, overall and per split.

    The verdict is "met" or "missed" when the whole interval lies on one side of the target,
    and "unclear" when the target lies inside it (too few items to tell).
    """
    groups: dict[str, tuple[Sequence[dict[str, Any]], Sequence[dict[str, Any]]]] = {
        "all": (qa, turns)
    }
    for split in SPLITS:
        in_qa = [r for r in qa if r["split"] == split]
        in_turns = [r for r in turns if r["split"] == split]
        if in_qa or in_turns:
            groups[split] = (in_qa, in_turns)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for split, (some_qa, some_turns) in groups.items():
        rows: dict[str, dict[str, Any]] = {}
        for name, (k, n) in _target_counts(some_qa, some_turns).items():
            if n == 0:
                continue
            low, high = wilson_interval(k, n)
            op, value = TARGETS[name]
            good, bad = (low >= value, high < value) if op == ">=" else (high <= value, low > value)
            verdict = "met" if good else "missed" if bad else "unclear"
            rows[name] = {
                "k": k,
                "n": n,
                "low": round(low, 4),
                "high": round(high, 4),
                "verdict": verdict,
            }
        out[split] = rows
    return out


def render_intervals(report: dict[str, Any]) -> str:
    """The targets' counts with 95% Wilson intervals, one line per split and target."""
    intervals = report.get("intervals") or {}
    lines = ["targets with 95% intervals (Wilson; 'unclear': the target lies inside):"]
    labels = {name: label for name, label, _ in TABLE_ROWS}
    for split in ("all", *SPLITS):
        for name, row in intervals.get(split, {}).items():
            lines.append(
                f"  {split:<4}  {labels.get(name, name):<34} {row['k']:>4}/{row['n']:<4}"
                f" [{row['low']:.3f}, {row['high']:.3f}]  {_target_text(name):<7}"
                f" {row['verdict']}"
            )
    return "\n".join(lines) if len(lines) > 1 else ""


def failure_reason(rec: dict[str, Any]) -> str | None:
    """Why a scored QA record or turn counts as failed (None if it passed)."""
    if rec.get("error"):
        return f"error: {rec['error']}"
    if rec.get("unanswerable"):
        return None if rec["abstained"] else "answered an unanswerable question"
    if rec["abstained"]:
        return "abstained"
    if not rec["correct"]:
        return "wrong answer"
    if not rec["cites_gold"]:
        return "correct but cites no gold article"
    return None


# -- running ------------------------------------------------------------------------------------
Progress = Callable[[int, int], None]


def _answer_record(answer: Answer) -> dict[str, Any]:
    return {
        "answer": answer.answer,
        "standalone_question": answer.standalone_question,
        "grounded": bool(answer.grounded),
        "finish_reason": answer.finish_reason,
        "citations": _citation_dicts(answer),
        "timings": {k: round(float(v), 1) for k, v in answer.timings.items()},
    }


def _error_record(exc: AskcorpusError) -> dict[str, Any]:
    return {
        "answer": "",
        "error": str(exc),
        "abstained": False,
        "correct": False,
        "n_cited": 0,
        "citations": [],
        "timings": {},
        "f1": 0.0,
        "cites_gold": False,
        "correct_and_cited": False,
        "citation_precision": None,
        "citation_support": None,
    }


def evaluate_qa(
    rt: Runtime,
    items: Sequence[QAItem],
    progress: Progress | None = None,
    offset: int = 0,
    total: int | None = None,
) -> list[dict[str, Any]]:
    """Ask every QA item once; return one scored record per item."""
    records = []
    total = total if total is not None else len(items)
    for i, item in enumerate(items):
        rec: dict[str, Any] = {
            "id": item.id,
            "split": item.split,
            "question": item.question,
            "unanswerable": item.unanswerable,
            "kind": item.kind,
            "answers": item.answers,
            "doc_ids": item.doc_ids,
        }
        if not item.unanswerable:
            hits = rt.retriever.search(item.question, k=MRR_DEPTH)
            ranked = [h.chunk.doc_id for h in hits]
            rec["retrieved_doc_ids"] = ranked
            rec["retrieval"] = score_retrieval(ranked, item.doc_ids)
        try:
            answer = rt.answerer.answer(item.question)
        except AskcorpusError as exc:
            if exc.code != "bad_query":
                raise
            rec.update(_error_record(exc))
        else:
            rec.update(_answer_record(answer))
            rec.update(score_answer(answer, item.answers, item.doc_ids, item.unanswerable))
        rec["failure"] = failure_reason(rec)
        records.append(rec)
        if progress is not None:
            progress(offset + i + 1, total)
    return records


def evaluate_conversations(
    rt: Runtime,
    convs: Sequence[ConversationItem],
    progress: Progress | None = None,
    offset: int = 0,
    total: int | None = None,
) -> list[dict[str, Any]]:
    """Ask every conversation's turns in order, with the system's own answers as history."""
    from askcorpus.conversation import Conversation

    records = []
    done = offset
    total = total if total is not None else sum(len(c.turns) for c in convs)
    for conv in convs:
        history = Conversation(max_turns=rt.settings.history_turns or 1)
        for n, turn in enumerate(conv.turns, start=1):
            rec: dict[str, Any] = {
                "id": f"{conv.id}.{n}",
                "conversation": conv.id,
                "turn": n,
                "split": conv.split,
                "question": turn.q,
                "unanswerable": turn.unanswerable,
                "answers": turn.answers,
                "doc_ids": turn.doc_ids,
            }
            try:
                answer = rt.answerer.answer(turn.q, conversation=history)
            except AskcorpusError as exc:
                if exc.code != "bad_query":
                    raise
                rec.update(_error_record(exc))
            else:
                rec.update(_answer_record(answer))
                rec.update(score_answer(answer, turn.answers, turn.doc_ids, turn.unanswerable))
            rec["failure"] = failure_reason(rec)
            records.append(rec)
            done += 1
            if progress is not None:
                progress(done, total)
    return records


def _warm_up(rt: Runtime) -> None:
    """Load the index, embedder and LLM before timing, so the first answer is not penalised."""
    _ = rt.answerer
    rt.retriever.search("warm up", k=1)
    load = getattr(rt.generator, "load", None)
    if callable(load):
        load()


def _prompt_hashes(settings: Any) -> dict[str, str]:
    """sha256 (first 12 hex digits) of each prompt template, so a report names its prompts."""
    where = getattr(settings, "prompts_path", None)
    folder = where() if callable(where) else Path(getattr(settings, "prompts_dir", "prompts"))
    if not folder.is_dir():
        return {}
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        for p in sorted(folder.glob("*.txt"))
    }


def _settings_dict(settings: Any) -> dict[str, Any]:
    try:
        raw = settings.model_dump()
    except AttributeError:
        raw = dict(vars(settings))
    skip = {"api_key"}
    return {
        k: (v if isinstance(v, int | float | str | bool) or v is None else str(v))
        for k, v in raw.items()
        if k not in skip
    }


def run_eval(
    rt: Runtime,
    qa_items: Sequence[QAItem],
    convs: Sequence[ConversationItem],
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the suite with a runtime and return the full report (metrics, targets, records)."""
    t0 = time.perf_counter()
    _warm_up(rt)
    total = len(qa_items) + sum(len(c.turns) for c in convs)
    qa = evaluate_qa(rt, qa_items, progress, 0, total)
    turns = evaluate_conversations(rt, convs, progress, len(qa_items), total)
    metrics = metrics_by_split(qa, turns)
    known = set(getattr(rt.index, "documents", {}) or {})
    gold = {d for i in qa_items for d in i.doc_ids} | {
        d for c in convs for t in c.turns for d in t.doc_ids
    }
    missing = sorted(gold - known) if known else []
    report: dict[str, Any] = {
        "version": REPORT_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t0, 1),
        "model": getattr(rt.generator, "model_id", ""),
        "embed_model": getattr(rt.index, "embed_model", ""),
        "index": {
            "path": str(getattr(rt.index, "path", "")),
            "documents": len(known),
            "chunks": len(getattr(rt.index, "chunks", [])),
        },
        "settings": _settings_dict(rt.settings),
        "prompts": _prompt_hashes(rt.settings),
        "metrics": metrics,
        "targets": check_targets(metrics),
        "intervals": target_intervals(qa, turns),
        "warnings": [f"gold article not in the index: {d}" for d in missing],
        "qa": qa,
        "turns": turns,
        "failures": [r["id"] for r in qa + turns if r["failure"]],
    }
    return report


# -- baseline gate ------------------------------------------------------------------------------
@dataclass
class GateResult:
    """Outcome of comparing metrics with a baseline."""

    passed: bool
    checked: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for the JSON report."""
        return {
            "passed": self.passed,
            "checked": self.checked,
            "failures": self.failures,
            "notes": self.notes,
        }


def load_baseline(path: Path) -> dict[str, Any]:
    """Read a baseline file: {"metrics": {name: value}, "tolerance": {name: abs tolerance}}."""
    if not path.is_file():
        raise InputFileError(
            f"baseline file not found: {path} (create it with "
            f"`askcorpus eval --update-baseline {path}`)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise InputFileError(f'{path}: a baseline needs a "metrics" object')
    tol = data.get("tolerance", {})
    if not isinstance(tol, dict):
        raise InputFileError(f'{path}: "tolerance" must be an object')
    for name, value in list(data["metrics"].items()) + list(tol.items()):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise InputFileError(f"{path}: {name} must be a number, got {value!r}")
    return data


def compare_to_baseline(
    metrics: dict[str, Any], baseline: dict[str, Any], default_tolerance: float = 0.0
) -> GateResult:
    """Fail a metric that is worse than its baseline by more than its tolerance.

    Higher is better except for LOWER_IS_BETTER metrics. Tolerances are absolute; a metric the
    baseline names but the run lacks (or could not compute) fails.
    """
    tolerance = baseline.get("tolerance", {})
    result = GateResult(passed=True)
    for name, base in sorted(baseline["metrics"].items()):
        if base is None:
            continue
        tol = float(tolerance.get(name, default_tolerance))
        value = metrics.get(name)
        result.checked.append(name)
        if value is None:
            result.failures.append(f"{name}: missing in this run (baseline {_fmt(base)})")
            continue
        if name in LOWER_IS_BETTER:
            worse = value > base + tol + 1e-9
            verb = "rose"
        else:
            worse = value < base - tol - 1e-9
            verb = "fell"
        if worse:
            result.failures.append(
                f"{name} {verb} from {_fmt(base)} to {_fmt(value)} (tolerance {_fmt(tol)})"
            )
        elif abs(value - base) > 1e-9:
            result.notes.append(f"{name}: {_fmt(base)} -> {_fmt(value)}")
    result.passed = not result.failures
    return result


# Settings that do not change answers (service, paths, threads) are left out of the baseline.
_NOT_IN_BASELINE = {
    "host",
    "port",
    "api_key",
    "cors_origins",
    "index_dir",
    "corpus_dir",
    "prompts_dir",
    "queue_size",
    "request_timeout_s",
    "max_body_bytes",
    "max_sessions",
    "session_ttl_s",
    "embed_threads",
    "llm_threads",
    "embed_batch_size",
    "sentence_cache_size",
}


def make_baseline(report: dict[str, Any], old: dict[str, Any] | None = None) -> dict[str, Any]:
    """A baseline from a report's overall metrics; tolerances kept from `old` when present."""
    overall = report["metrics"]["all"]
    tol = dict(GATED_TOLERANCE)
    if old:
        tol.update({k: v for k, v in old.get("tolerance", {}).items() if k in tol})
    settings = report.get("settings", {})
    return {
        "about": "Committed eval baseline. The gate (`askcorpus eval --baseline "
        "evals/baseline.json`, run by `make test`) fails when a metric is worse than "
        "its value here by more than its absolute tolerance. Regenerate with "
        "`askcorpus eval --update-baseline evals/baseline.json` and commit the diff.",
        "version": BASELINE_VERSION,
        "split": report.get("split", "all"),
        "limit": report.get("limit"),
        "model": report.get("model", ""),
        "embed_model": report.get("embed_model", ""),
        "counts": {
            k: overall.get(k) for k in ("n_answerable", "n_unanswerable", "n_turns", "n_followup")
        },
        "settings": {k: settings[k] for k in sorted(settings) if k not in _NOT_IN_BASELINE},
        "prompts": report.get("prompts", {}),
        "metrics": {k: overall.get(k) for k in GATED_TOLERANCE},
        "tolerance": tol,
    }


def _check_comparable(report: dict[str, Any], baseline: dict[str, Any], path: Path) -> None:
    """A baseline is only comparable with a run over the same items."""
    want = (baseline.get("split", "all"), baseline.get("limit"))
    got = (report.get("split", "all"), report.get("limit"))
    if want != got:
        raise InputFileError(
            f"{path} was measured with --split {want[0]}"
            + (f" --limit {want[1]}" if want[1] else "")
            + f"; this run used --split {got[0]}"
            + (f" --limit {got[1]}" if got[1] else "")
            + " (the gate needs the same questions)"
        )
    counts = baseline.get("counts") or {}
    overall = report["metrics"]["all"]
    for key, value in counts.items():
        if value is not None and overall.get(key) is not None and overall[key] != value:
            raise InputFileError(
                f"{path} was measured on {value} {key[2:]} items but this run has "
                f"{overall[key]} (the eval files changed: update the baseline)"
            )


# -- reports ------------------------------------------------------------------------------------
def _fmt(value: Any, kind: str = "rate") -> str:
    if value is None:
        return "n/a"
    if kind == "n" or isinstance(value, bool):
        return str(value)
    if kind == "ms":
        return f"{value:.0f}"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _target_text(name: str) -> str:
    if name not in TARGETS:
        return ""
    op, value = TARGETS[name]
    return f"{'≥' if op == '>=' else '≤'} {value:.2f}"


def _table_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    splits = [s for s in ("all", *SPLITS) if s in report["metrics"]]
    header = ["metric", *splits, "target"]
    rows = []
    for name, label, kind in TABLE_ROWS:
        cells = [label]
        for s in splits:
            text = _fmt(report["metrics"][s].get(name), kind)
            target = report["targets"].get(name, {}).get(s)
            if target is False:
                text += " !"
            cells.append(text)
        cells.append(_target_text(name))
        rows.append(cells)
    return header, rows


def render_table(report: dict[str, Any]) -> str:
    """The metrics as an aligned terminal table ("!" marks a missed target)."""
    header, rows = _table_rows(report)
    cells = [header, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i in (0, len(header) - 1) else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder=" …")


def _failed(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in report["qa"] + report["turns"] if r.get("failure")]


def render_failures(report: dict[str, Any], width: int = 300) -> str:
    """Every failing question with the answer given and the passages cited (terminal form)."""
    failed = _failed(report)
    if not failed:
        return "no failing questions"
    out = [f"{len(failed)} failing questions:"]
    for r in failed:
        out.append("")
        out.append(f"{r['id']} [{r['split']}] {r['failure']}")
        out.append(f"  Q: {r['question']}")
        if r.get("standalone_question") and r["standalone_question"] != r["question"]:
            out.append(f"  standalone: {r['standalone_question']}")
        expected = ", ".join(r["answers"]) if r["answers"] else "(abstain)"
        gold = ", ".join(r["doc_ids"]) if r["doc_ids"] else "-"
        out.append(f"  expected: {expected}   gold: {gold}")
        if "retrieval" in r:
            out.append(f"  gold rank in retrieval: {r['retrieval']['gold_rank'] or '>10'}")
        out.append(f"  answer: {_short(r['answer'], width)}")
        label = "closest passages" if r["abstained"] else "cited"
        for c in r["citations"]:
            out.append(f"  {label} [{c['n']}] {c['doc_id']}: {_short(c['text'], width)}")
    return "\n".join(out)


def _md_escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(report: dict[str, Any]) -> str:
    """The full report as markdown: settings, metrics per split, targets, gate, failures."""
    header, rows = _table_rows(report)
    lines = [
        "# askcorpus eval report",
        "",
        f"- created: {report['created']} ({report['seconds']} s)",
        f"- model: `{report['model']}`; embeddings: `{report['embed_model']}`",
        f"- index: {report['index']['documents']} documents, {report['index']['chunks']} chunks",
        f"- items: split `{report.get('split', 'all')}`"
        + (f", limit {report['limit']}" if report.get("limit") else ""),
        f"- failing: {len(report['failures'])}",
        "",
        "## Metrics",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 2) + ["---"]) + "|",
    ]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    lines += ["", "`!` marks a missed target. Latency is over every question and turn asked."]
    if intervals := render_intervals(report):
        lines += ["", "```", intervals, "```"]
    for note in report.get("warnings", []):
        lines.append(f"\n**warning:** {note}")
    gate = report.get("gate")
    if gate:
        lines += [
            "",
            "## Gate",
            "",
            f"{'PASS' if gate['passed'] else 'FAIL'} against `{gate['baseline']}` "
            f"({len(gate['checked'])} metrics checked).",
        ]
        lines += [f"- **{f}**" for f in gate["failures"]]
        lines += [f"- {n}" for n in gate["notes"]]
    lines += ["", "## Failing questions", ""]
    failed = _failed(report)
    if not failed:
        lines.append("None.")
    for r in failed:
        lines += [
            f"### {r['id']} ({r['split']}): {r['failure']}",
            "",
            f"- question: {_md_escape(r['question'])}",
        ]
        if r.get("standalone_question") and r["standalone_question"] != r["question"]:
            lines.append(f"- standalone question: {_md_escape(r['standalone_question'])}")
        lines.append(
            "- expected: "
            + (", ".join(f"`{a}`" for a in r["answers"]) if r["answers"] else "abstain")
        )
        if r["doc_ids"]:
            lines.append("- gold: " + ", ".join(f"`{d}`" for d in r["doc_ids"]))
        if "retrieval" in r:
            lines.append(f"- gold rank in retrieval: {r['retrieval']['gold_rank'] or '> 10'}")
        lines.append(f"- answer: {_md_escape(r['answer']) or '(none)'}")
        if r["citations"]:
            lines.append("- " + ("closest passages:" if r["abstained"] else "cited:"))
            for c in r["citations"]:
                lines.append(f"  - [{c['n']}] `{c['doc_id']}`: {_md_escape(c['text'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_json(report: dict[str, Any], path: Path) -> None:
    """Write the JSON report."""
    write_text(path, json.dumps(report, indent=1, ensure_ascii=False) + "\n")


def write_markdown(report: dict[str, Any], path: Path) -> None:
    """Write the markdown report."""
    write_text(path, render_markdown(report))


def write_baseline(baseline: dict[str, Any], path: Path) -> None:
    """Write a baseline file (stable key order, so its diff reads well in review)."""
    write_text(path, json.dumps(baseline, indent=2, ensure_ascii=False) + "\n")


# -- command line -------------------------------------------------------------------------------
def select(
    qa_items: list[QAItem], convs: list[ConversationItem], split: str, limit: int | None
) -> tuple[list[QAItem], list[ConversationItem]]:
    """Items of a split ("all" keeps both), then the first `limit` of each file."""
    if split != "all":
        qa_items = [i for i in qa_items if i.split == split]
        convs = [c for c in convs if c.split == split]
    if limit is not None:
        qa_items, convs = qa_items[:limit], convs[:limit]
    return qa_items, convs


def read_selection(
    args: Any, default_split: str
) -> tuple[Path, Path, list[QAItem], list[ConversationItem]]:
    """The QA and conversation files named by `--qa`/`--conversations` (defaults in evals/),
    read and cut to `--split` and `--limit`: (qa path, conversations path, items, convs)."""
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        raise InputFileError("--limit must be at least 1")
    qa_path = Path(args.qa) if getattr(args, "qa", None) else DEFAULT_QA
    qa_items = load_qa(qa_path)
    conv_arg = getattr(args, "conversations", None)
    conv_path = Path(conv_arg) if conv_arg else DEFAULT_CONVERSATIONS
    convs = load_conversations(conv_path) if conv_arg or conv_path.is_file() else []
    split = getattr(args, "split", None) or default_split
    qa_items, convs = select(qa_items, convs, split, limit)
    return qa_path, conv_path, qa_items, convs


def _progress(
    enabled: bool, desc: str = "eval", things: str = "questions and turns", every: int = 20
) -> Progress | None:
    """A progress bar on a terminal; otherwise a line every `every` items (CI logs)."""
    if not enabled:
        return None
    if not sys.stderr.isatty():

        def lines(done: int, total: int) -> None:
            if done % every == 0 or done == total:
                print(f"{desc}: {done}/{total} {things}", file=sys.stderr, flush=True)

        return lines
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, desc=desc, unit=things.split()[0], file=sys.stderr)
        bar["bar"].n = done
        bar["bar"].refresh()
        if done >= total:
            bar["bar"].close()

    return update


def run_cli(settings: Settings, args: Any, runtime: Runtime | None = None) -> int:
    """`askcorpus eval`: run, print the table (or JSON), write reports, gate, update baseline.

    `args` has the attributes of the `eval` subcommand (missing ones take their defaults);
    `runtime` replaces the one built from `settings` (tests). Exit status: 0, or 1 when
    `--baseline` is given and a metric regressed beyond its tolerance.
    """
    from askcorpus.runtime import Runtime

    for option in ("output", "markdown", "update_baseline"):
        if named := getattr(args, option, None):  # a bad path fails now, not after the run
            check_output(named)
    qa_path, conv_path, qa_items, convs = read_selection(args, "all")
    split, limit = getattr(args, "split", None) or "all", getattr(args, "limit", None)
    baseline_path = Path(args.baseline) if getattr(args, "baseline", None) else None
    baseline = load_baseline(baseline_path) if baseline_path else None
    if not qa_items and not convs:
        raise InputFileError(f"no eval items in split {split!r}")

    rt = runtime or Runtime(settings)
    as_json = bool(getattr(args, "json", False))
    report = run_eval(rt, qa_items, convs, progress=_progress(not getattr(args, "quiet", False)))
    report["split"] = split
    report["limit"] = limit
    report["files"] = {"qa": str(qa_path), "conversations": str(conv_path) if convs else None}

    gate: GateResult | None = None
    if baseline is not None and baseline_path is not None:
        _check_comparable(report, baseline, baseline_path)
        gate = compare_to_baseline(report["metrics"]["all"], baseline)
        report["gate"] = {"baseline": str(baseline_path), **gate.to_dict()}

    if getattr(args, "output", None):
        write_json(report, Path(args.output))
    if getattr(args, "markdown", None):
        write_markdown(report, Path(args.markdown))
    for note in report["warnings"]:
        print(f"warning: {note}", file=sys.stderr)

    info = sys.stderr if as_json else sys.stdout
    if as_json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(render_failures(report))
        print()
        print(
            f"askcorpus eval: {len(qa_items)} questions, "
            f"{sum(len(c.turns) for c in convs)} conversation turns, "
            f"split {split}{f', limit {limit}' if limit else ''}, {report['seconds']} s"
        )
        print(render_table(report))
        if intervals := render_intervals(report):
            print(intervals)
    if getattr(args, "output", None):
        print(f"wrote {args.output}", file=info)
    if getattr(args, "markdown", None):
        print(f"wrote {args.markdown}", file=info)

    if gate is not None:
        print(
            f"gate: {'PASS' if gate.passed else 'FAIL'} against {baseline_path} "
            f"({len(gate.checked)} metrics)",
            file=info,
        )
        for line in gate.failures:
            print(f"  REGRESSION {line}", file=info)
        for line in gate.notes:
            print(f"  changed {line}", file=info)

    update = getattr(args, "update_baseline", None)
    if update:
        path = Path(update)
        old = load_baseline(path) if path.is_file() else None
        write_baseline(make_baseline(report, old), path)
        print(
            f"wrote baseline {path} ({len(GATED_TOLERANCE)} metrics); review and commit its diff",
            file=info,
        )
    return 1 if gate is not None and not gate.passed else 0
