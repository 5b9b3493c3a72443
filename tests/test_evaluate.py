"""Unit tests of the eval suite: scoring, metrics, gate and reports (fake answerer, fast)."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from askcorpus import evaluate as ev
from askcorpus.answer import Answer, Citation
from askcorpus.conversation import Conversation, Turn
from askcorpus.errors import InputFileError
from askcorpus.settings import Settings

GOLD = "000_a.txt"
OTHER = "001_b.txt"


# -- fakes --------------------------------------------------------------------------------------
def make_answer(
    text: str,
    cited: list[tuple[str, str]] | None = None,
    abstained: bool = False,
    first_token_ms: float = 50.0,
    total_ms: float = 100.0,
    question: str = "q",
) -> Answer:
    """An Answer citing (doc_id, passage text) pairs."""
    citations = [
        Citation(i + 1, f"{d}#{i}", d, d.upper(), t, 0, len(t), 0.5)
        for i, (d, t) in enumerate(cited or [])
    ]
    timings = {
        "retrieve_ms": 5.0,
        "first_token_ms": 0.0 if abstained else first_token_ms,
        "generate_ms": 10.0,
        "total_ms": total_ms,
    }
    return Answer(
        question, question, text, abstained, citations, timings, "fake-llm", grounded=not abstained
    )


class FakeAnswerer:
    """Answers from a script keyed by question; records the conversation like the real one."""

    def __init__(self, script: dict[str, Answer]) -> None:
        self.script = script
        self.histories: list[int] = []

    def answer(self, question: str, conversation: Conversation | None = None, **_: Any) -> Answer:
        ans = self.script.get(question) or make_answer("The corpus does not say.", abstained=True)
        if conversation is not None:
            self.histories.append(len(conversation.turns))
            conversation.add(Turn(question, question, ans.answer, []))
        return ans


class FakeRetriever:
    def __init__(self, ranking: dict[str, list[str]]) -> None:
        self.ranking = ranking

    def search(self, query: str, k: int = 5, **_: Any) -> list[Any]:
        docs = self.ranking.get(query, [OTHER])
        return [SimpleNamespace(chunk=SimpleNamespace(doc_id=d)) for d in docs[:k]]


class FakeRuntime:
    def __init__(self, script: dict[str, Answer], ranking: dict[str, list[str]]) -> None:
        self.settings = Settings()
        self.answerer = FakeAnswerer(script)
        self.retriever = FakeRetriever(ranking)
        self.generator = SimpleNamespace(model_id="fake-llm")
        self.index = SimpleNamespace(
            documents={GOLD: 1, OTHER: 1}, chunks=[1, 2, 3], path="idx", embed_model="fake-embed"
        )


QA_LINES = [
    {
        "id": "q1",
        "question": "Where did they meet?",
        "answers": ["Palm Beach"],
        "doc_ids": [GOLD],
        "split": "dev",
    },
    {
        "id": "q2",
        "question": "Who spoke?",
        "answers": ["Jens Stoltenberg", "Stoltenberg"],
        "doc_ids": [GOLD],
        "split": "test",
    },
    {
        "id": "u1",
        "question": "What is the weather?",
        "answers": [],
        "doc_ids": [],
        "unanswerable": True,
        "kind": "unrelated",
        "split": "dev",
    },
    {
        "id": "u2",
        "question": "How many soldiers?",
        "answers": [],
        "doc_ids": [],
        "unanswerable": True,
        "kind": "near_miss",
        "split": "test",
    },
]
CONV_LINES = [
    {
        "id": "c1",
        "split": "dev",
        "turns": [
            {"q": "Which city hosted it?", "answers": ["Vilnius"], "doc_ids": [GOLD]},
            {"q": "Who announced it?", "answers": ["Stoltenberg"], "doc_ids": [GOLD]},
            {"q": "In which month?", "answers": ["January"], "doc_ids": [GOLD]},
        ],
    },
]
SCRIPT = {
    # correct, cites gold
    "Where did they meet?": make_answer(
        "They met in Palm Beach, Florida [1].",
        [(GOLD, "Rutte met Trump in Palm Beach.")],
        first_token_ms=40,
        total_ms=90,
    ),
    # wrong answer citing another article
    "Who spoke?": make_answer(
        "Mark Rutte spoke [1].", [(OTHER, "Mark Rutte spoke.")], first_token_ms=60, total_ms=110
    ),
    # unanswerable u1: abstains (good); u2: hallucinates
    "How many soldiers?": make_answer("About 10,000 soldiers [1].", [(OTHER, "10,000 troops")]),
    "Which city hosted it?": make_answer("Vilnius [1].", [(GOLD, "The summit in Vilnius.")]),
    "Who announced it?": make_answer("Jens Stoltenberg [1].", [(GOLD, "Stoltenberg said.")]),
    "In which month?": make_answer("In March [1].", [(GOLD, "In January he said.")]),
}
RANKING = {"Where did they meet?": [GOLD, OTHER], "Who spoke?": [OTHER, OTHER, GOLD]}


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def eval_files(tmp_path: Path) -> tuple[Path, Path]:
    return (
        write_jsonl(tmp_path / "qa.jsonl", QA_LINES),
        write_jsonl(tmp_path / "conv.jsonl", CONV_LINES),
    )


def cli_args(qa: Path, conv: Path, **kw: Any) -> Namespace:
    base = {
        "qa": str(qa),
        "conversations": str(conv),
        "split": "all",
        "limit": None,
        "json": False,
        "output": None,
        "markdown": None,
        "baseline": None,
        "update_baseline": None,
        "quiet": True,
    }
    base.update(kw)
    return Namespace(**base)


# -- normalisation and matching -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The  Hague", "hague"),
        ("Macron’s “brain-dead” remark!", "macron s brain dead remark"),
        ("NATO – an alliance", "nato alliance"),
        ("A theme, the Theatre", "theme theatre"),
        ("July 14, 2024.", "july 14 2024"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert ev.normalize(text) == expected


def test_contains_answer_substring_after_normalisation() -> None:
    assert ev.contains_answer("He met them in PALM BEACH, Fla. [1]", ["Palm Beach"])
    assert ev.contains_answer("the ‘extra-regional’ forces", ["extra-regional forces"])
    assert not ev.contains_answer("Budapest [1]", ["Brussels", "Vienna"])
    assert not ev.contains_answer("anything", [""])


def test_citation_markers_do_not_make_numbers_match() -> None:
    assert not ev.contains_answer("In July [1] [2024]", ["July 1"])
    assert ev.strip_citations("Vilnius [1, 2].") == "Vilnius  ."


def test_is_correct_requires_not_abstaining() -> None:
    assert ev.is_correct("In Palm Beach [1].", ["Palm Beach"])
    assert not ev.is_correct("In Palm Beach [1].", ["Palm Beach"], abstained=True)
    assert not ev.is_correct("In Palm Beach.", [])


def test_token_f1() -> None:
    assert ev.token_f1("Palm Beach", ["Palm Beach"]) == 1.0
    assert ev.token_f1("in Palm Beach [1]", ["Palm Beach"]) == pytest.approx(0.8)
    assert ev.token_f1("Budapest", ["Palm Beach"]) == 0.0
    assert ev.token_f1("Stoltenberg said so", ["Jens Stoltenberg", "Stoltenberg"]) == pytest.approx(
        0.5
    )
    assert ev.token_f1("", ["x"]) == 0.0
    assert ev.exact_match("The Palm Beach.", ["palm beach"])
    assert not ev.exact_match("in Palm Beach", ["palm beach"])


# -- per-item scores ----------------------------------------------------------------------------
def test_score_retrieval() -> None:
    r = ev.score_retrieval([OTHER, GOLD, GOLD], [GOLD])
    assert r["gold_rank"] == 2 and r["mrr"] == 0.5
    assert r["hit@1"] is False and r["hit@5"] is True and r["recall@5"] == 1.0
    two = ev.score_retrieval([GOLD, GOLD, GOLD, GOLD, GOLD, OTHER], [GOLD, OTHER])
    assert two["recall@5"] == 0.5 and two["hit@1"]
    miss = ev.score_retrieval([OTHER] * 12, [GOLD])
    assert miss["gold_rank"] == 0 and miss["mrr"] == 0.0 and not miss["hit@5"]


def test_citation_precision_and_support() -> None:
    ans = make_answer("Palm Beach [1][2].", [(GOLD, "met in Palm Beach"), (OTHER, "unrelated")])
    s = ev.score_answer(ans, ["Palm Beach"], [GOLD])
    assert s["correct"] and s["cites_gold"] and s["correct_and_cited"]
    assert s["citation_precision"] == 0.5
    assert s["citation_support"] is True
    unsupported = make_answer("Palm Beach [1].", [(GOLD, "met in Florida")])
    s = ev.score_answer(unsupported, ["Palm Beach"], [GOLD])
    assert s["citation_precision"] == 1.0 and s["citation_support"] is False
    wrong_article = make_answer("Palm Beach [1].", [(OTHER, "Palm Beach")])
    s = ev.score_answer(wrong_article, ["Palm Beach"], [GOLD])
    assert s["correct"] and not s["correct_and_cited"] and s["citation_precision"] == 0.0


def test_abstention_is_not_scored_as_citing() -> None:
    ans = make_answer("The corpus does not say.", [(GOLD, "Palm Beach")], abstained=True)
    s = ev.score_answer(ans, ["Palm Beach"], [GOLD])
    assert not s["correct"] and s["f1"] == 0.0 and s["citation_precision"] is None
    assert ev.score_answer(ans, [], [], unanswerable=True)["correct"] is True


def test_percentile() -> None:
    assert ev.percentile([], 50) is None
    assert ev.percentile([10.0], 95) == 10.0
    assert ev.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert ev.percentile([float(x) for x in range(1, 101)], 95) == pytest.approx(95.05)


# -- aggregate metrics --------------------------------------------------------------------------
def test_metrics_from_fake_run(eval_files: tuple[Path, Path]) -> None:
    rt = FakeRuntime(SCRIPT, RANKING)
    qa = ev.load_qa(eval_files[0])
    convs = ev.load_conversations(eval_files[1])
    report = ev.run_eval(rt, qa, convs)
    m = report["metrics"]["all"]
    assert m["n_answerable"] == 2 and m["n_unanswerable"] == 2 and m["n_followup"] == 2
    assert m["retrieval_hit@1"] == 0.5 and m["retrieval_hit@5"] == 1.0
    assert m["retrieval_mrr"] == pytest.approx((1 + 1 / 3) / 2, abs=1e-4)
    assert m["answer_accuracy"] == 0.5
    assert m["correct_and_cited"] == 0.5
    assert m["citation_precision"] == 0.5
    assert m["citation_support"] == 0.5
    assert m["false_abstention_rate"] == 0.0
    # u1 abstained, u2 answered: recall 1/2; every abstention was on an unanswerable item
    assert m["abstention_recall"] == 0.5 and m["abstention_precision"] == 1.0
    # follow-ups: turn 2 right, turn 3 wrong; all turns 2/3
    assert m["followup_accuracy"] == 0.5
    assert m["conversation_accuracy"] == pytest.approx(0.6667, abs=1e-4)
    # turns were asked in order with history
    assert rt.answerer.histories == [0, 1, 2]
    # per split
    assert report["metrics"]["dev"]["answer_accuracy"] == 1.0
    assert report["metrics"]["test"]["answer_accuracy"] == 0.0
    assert report["metrics"]["dev"]["abstention_recall"] == 1.0
    assert report["metrics"]["test"]["abstention_recall"] == 0.0
    # latency: first token where the LLM streamed, else the whole answer (u1 abstained: 100)
    assert m["latency_first_token_p50_ms"] == 50.0
    assert m["latency_first_token_p95_ms"] == pytest.approx(88.0)
    # totals 90, 100 x5, 110: p95 sits at 5.7 of 6 -> 100 + 0.7 * 10
    assert m["latency_total_p95_ms"] == 107.0
    # targets and failures
    assert report["targets"]["correct_and_cited"]["all"] is False
    assert report["targets"]["false_abstention_rate"]["all"] is True
    assert report["failures"] == ["q2", "u2", "c1.3"]


def test_abstention_precision_counts_abstentions_on_answerable() -> None:
    def rec(unanswerable: bool, abstained: bool) -> dict[str, Any]:
        r: dict[str, Any] = {
            "unanswerable": unanswerable,
            "abstained": abstained,
            "split": "dev",
            "timings": {},
        }
        if not unanswerable:
            r.update(
                correct=False,
                f1=0.0,
                correct_and_cited=False,
                citation_precision=None,
                citation_support=None,
                retrieval={"hit@1": True, "hit@5": True, "recall@5": 1.0, "mrr": 1.0},
            )
        return r

    records = [
        rec(True, True),
        rec(True, True),
        rec(True, False),
        rec(False, True),
        rec(False, False),
        rec(False, False),
        rec(False, False),
    ]
    m = ev.compute_metrics(records, [])
    assert m["abstention_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["abstention_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["false_abstention_rate"] == 0.25
    assert m["followup_accuracy"] is None
    assert ev.compute_metrics([rec(True, False)], [])["abstention_precision"] is None


def test_wilson_interval_known_values() -> None:
    # Values from the closed form (Wilson 1927), z = 1.96.
    low, high = ev.wilson_interval(8, 11)
    assert low == pytest.approx(0.4343, abs=1e-3) and high == pytest.approx(0.9025, abs=1e-3)
    assert ev.wilson_interval(0, 10) == (0.0, pytest.approx(0.2775, abs=1e-3))
    low, high = ev.wilson_interval(10, 10)
    assert low == pytest.approx(0.7225, abs=1e-3) and high == 1.0
    with pytest.raises(ValueError):
        ev.wilson_interval(0, 0)
    with pytest.raises(ValueError, match="0 <= k <= n"):
        ev.wilson_interval(3, 2)


def test_target_intervals_give_counts_and_verdicts() -> None:
    def qa_rec(split: str, unanswerable: bool, abstained: bool, right: bool) -> dict[str, Any]:
        return {
            "split": split,
            "unanswerable": unanswerable,
            "abstained": abstained,
            "correct_and_cited": right,
        }

    # dev: 80 answerable, all right and none abstained -> both answerable targets met (0 of
    # 80 has an upper bound of 0.046);
    # test: 11 unanswerable, 8 abstained -> 0.90 lies inside [0.434, 0.902]: unclear;
    # test: 10 answerable, 5 abstained -> the whole interval is above 0.05: missed.
    qa = [qa_rec("dev", False, False, True) for _ in range(80)]
    qa += [qa_rec("test", True, i < 8, False) for i in range(11)]
    qa += [qa_rec("test", False, i < 5, i >= 5) for i in range(10)]
    turns = [{"split": "dev", "turn": t, "correct": True} for t in (1, 2, 2)]
    out = ev.target_intervals(qa, turns)
    dev, test = out["dev"], out["test"]
    assert dev["correct_and_cited"]["k"] == 80 and dev["correct_and_cited"]["verdict"] == "met"
    assert dev["false_abstention_rate"]["verdict"] == "met"
    assert "abstention_recall" not in dev  # no unanswerable dev items here
    assert dev["followup_accuracy"]["n"] == 2  # first turns are not follow-ups
    assert dev["followup_accuracy"]["verdict"] == "unclear"
    assert (test["abstention_recall"]["k"], test["abstention_recall"]["n"]) == (8, 11)
    assert test["abstention_recall"]["verdict"] == "unclear"
    assert test["false_abstention_rate"]["verdict"] == "missed"
    assert test["correct_and_cited"]["verdict"] == "missed"
    assert out["all"]["abstention_recall"]["n"] == 11
    text = ev.render_intervals({"intervals": out})
    assert "test  abstention recall (unanswerable)" in text
    assert "8/11" in text and "[0.434, 0.902]" in text and "unclear" in text


# -- gate ---------------------------------------------------------------------------------------
BASE = {
    "metrics": {"answer_accuracy": 0.80, "false_abstention_rate": 0.04, "abstention_recall": 0.9},
    "tolerance": {
        "answer_accuracy": 0.03,
        "false_abstention_rate": 0.02,
        "abstention_recall": 0.05,
    },
}


def test_gate_passes_within_tolerance() -> None:
    g = ev.compare_to_baseline(
        {"answer_accuracy": 0.775, "false_abstention_rate": 0.055, "abstention_recall": 0.95}, BASE
    )
    assert g.passed and not g.failures
    assert sorted(g.checked) == sorted(BASE["metrics"])
    assert any("answer_accuracy" in n for n in g.notes)


def test_gate_fails_beyond_tolerance_and_says_what_fell() -> None:
    g = ev.compare_to_baseline(
        {"answer_accuracy": 0.76, "false_abstention_rate": 0.07, "abstention_recall": 0.9}, BASE
    )
    assert not g.passed
    assert "answer_accuracy fell from 0.800 to 0.760 (tolerance 0.030)" in g.failures
    assert "false_abstention_rate rose from 0.040 to 0.070 (tolerance 0.020)" in g.failures
    assert len(g.failures) == 2


def test_gate_fails_on_missing_metric_and_exact_boundary_passes() -> None:
    g = ev.compare_to_baseline({"answer_accuracy": 0.77, "false_abstention_rate": 0.06}, BASE)
    assert not g.passed
    assert g.failures == ["abstention_recall: missing in this run (baseline 0.900)"]


def test_load_baseline_errors(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"not found.*--update-baseline"):
        ev.load_baseline(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(InputFileError, match="not valid JSON"):
        ev.load_baseline(bad)
    bad.write_text('{"metrics": {"answer_accuracy": "high"}}', encoding="utf-8")
    with pytest.raises(InputFileError, match="must be a number"):
        ev.load_baseline(bad)


# -- eval files ---------------------------------------------------------------------------------
def test_load_qa_reports_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="eval file not found"):
        ev.load_qa(tmp_path / "missing.jsonl")
    path = write_jsonl(tmp_path / "qa.jsonl", [QA_LINES[0], "{not json"])
    with pytest.raises(InputFileError, match=r"qa\.jsonl:2: not valid JSON"):
        ev.load_qa(path)
    path = write_jsonl(tmp_path / "qa.jsonl", [QA_LINES[0], {**QA_LINES[1], "answers": []}])
    with pytest.raises(InputFileError, match=r"qa\.jsonl:2: an answerable item needs"):
        ev.load_qa(path)
    path = write_jsonl(tmp_path / "qa.jsonl", [{**QA_LINES[0], "split": "train"}])
    with pytest.raises(InputFileError, match=r"qa\.jsonl:1: \"split\""):
        ev.load_qa(path)
    path = write_jsonl(tmp_path / "qa.jsonl", [QA_LINES[0], QA_LINES[0]])
    with pytest.raises(InputFileError, match="duplicate id"):
        ev.load_qa(path)
    path = write_jsonl(tmp_path / "qa.jsonl", [{**QA_LINES[0], "question": "  "}])
    with pytest.raises(InputFileError, match=r":1: \"question\""):
        ev.load_qa(path)
    with pytest.raises(InputFileError, match="is a folder"):
        ev.load_qa(tmp_path)
    no_split = {k: v for k, v in QA_LINES[0].items() if k != "split"}
    path = write_jsonl(tmp_path / "qa.jsonl", [no_split])
    with pytest.raises(InputFileError, match=r":1: \"split\" is missing"):
        ev.load_qa(path)
    typo = {k: v for k, v in QA_LINES[0].items() if k != "answers"} | {"answer": ["x"]}
    path = write_jsonl(tmp_path / "qa.jsonl", [typo])
    with pytest.raises(InputFileError, match=r"unknown fields: answer\)"):
        ev.load_qa(path)
    path = write_jsonl(tmp_path / "qa.jsonl", [{**QA_LINES[0], "unanswerable": True}])
    with pytest.raises(InputFileError, match=r":1: an unanswerable item has \"answers\""):
        ev.load_qa(path)


def test_load_conversations_checks_turns(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "split": "dev", "turns": []}])
    with pytest.raises(InputFileError, match=r"c\.jsonl:1: \"turns\""):
        ev.load_conversations(path)
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [{"id": "c1", "split": "dev", "turns": [{"q": "x", "answers": [], "doc_ids": []}]}],
    )
    with pytest.raises(InputFileError, match=r"c\.jsonl:1: turn 1"):
        ev.load_conversations(path)


def test_repo_eval_files_load() -> None:
    root = Path(__file__).resolve().parent.parent
    qa = ev.load_qa(root / "evals" / "qa.jsonl")
    convs = ev.load_conversations(root / "evals" / "conversations.jsonl")
    assert len(qa) >= 90 and any(i.unanswerable for i in qa)
    assert {i.split for i in qa} == {"dev", "test"}
    assert all(len(c.turns) >= 2 for c in convs)


def test_select_split_and_limit(eval_files: tuple[Path, Path]) -> None:
    qa, convs = ev.load_qa(eval_files[0]), ev.load_conversations(eval_files[1])
    q, c = ev.select(qa, convs, "test", None)
    assert [i.id for i in q] == ["q2", "u2"] and c == []
    q, c = ev.select(qa, convs, "all", 1)
    assert [i.id for i in q] == ["q1"] and len(c) == 1


# -- command and reports ------------------------------------------------------------------------
def test_run_cli_writes_reports_lists_failures_and_gates(
    eval_files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qa, conv = eval_files
    out, md, base = (
        tmp_path / "r" / "report.json",
        tmp_path / "r" / "report.md",
        tmp_path / "baseline.json",
    )
    rt = FakeRuntime(SCRIPT, RANKING)
    code = ev.run_cli(
        Settings(),
        cli_args(qa, conv, output=str(out), markdown=str(md), update_baseline=str(base)),
        runtime=rt,
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "3 failing questions" in printed
    assert "q2 [test] wrong answer" in printed and "answer: Mark Rutte spoke [1]." in printed
    assert f"cited [1] {OTHER}: Mark Rutte spoke." in printed
    assert "u2 [test] answered an unanswerable question" in printed
    assert "correct and cites a gold article" in printed
    assert "targets with 95% intervals" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["metrics"]["all"]["answer_accuracy"] == 0.5
    assert report["split"] == "all" and report["limit"] is None
    failing = {r["id"]: r for r in report["qa"] + report["turns"] if r["failure"]}
    assert failing["q2"]["citations"][0]["doc_id"] == OTHER
    markdown = md.read_text(encoding="utf-8")
    assert "| correct and cites a gold article |" in markdown
    assert "targets with 95% intervals" in markdown
    assert report["intervals"]["all"]["correct_and_cited"]["n"] == 2
    assert "### q2 (test): wrong answer" in markdown
    assert "- answer: Mark Rutte spoke [1]." in markdown
    assert f"  - [1] `{OTHER}`: Mark Rutte spoke." in markdown
    baseline = json.loads(base.read_text(encoding="utf-8"))
    assert baseline["metrics"]["answer_accuracy"] == 0.5
    assert set(baseline["tolerance"]) == set(ev.GATED_TOLERANCE)
    assert not any("latency" in k for k in baseline["metrics"])
    assert "llm_threads" not in baseline["settings"] and "api_key" not in baseline["settings"]
    assert baseline["settings"]["top_k"] == Settings().top_k
    if Path("prompts").is_dir():  # run from the repository root
        assert set(baseline["prompts"]) >= {"system.txt", "answer.txt"}

    # The same run passes against the baseline it just wrote.
    code = ev.run_cli(
        Settings(), cli_args(qa, conv, baseline=str(base)), runtime=FakeRuntime(SCRIPT, RANKING)
    )
    assert code == 0
    assert "gate: PASS" in capsys.readouterr().out

    # A regression beyond tolerance fails and names the metric.
    worse = dict(SCRIPT)
    worse["Where did they meet?"] = make_answer("In Florida [1].", [(GOLD, "in Florida")])
    code = ev.run_cli(
        Settings(), cli_args(qa, conv, baseline=str(base)), runtime=FakeRuntime(worse, RANKING)
    )
    assert code == 1
    printed = capsys.readouterr().out
    assert "gate: FAIL" in printed
    assert "REGRESSION answer_accuracy fell from 0.500 to 0.000 (tolerance 0.030)" in printed

    # Updating keeps hand-edited tolerances.
    data = json.loads(base.read_text(encoding="utf-8"))
    data["tolerance"]["answer_accuracy"] = 0.6
    base.write_text(json.dumps(data), encoding="utf-8")
    ev.run_cli(
        Settings(),
        cli_args(qa, conv, update_baseline=str(base)),
        runtime=FakeRuntime(worse, RANKING),
    )
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["tolerance"]["answer_accuracy"] == 0.6
    assert data["metrics"]["answer_accuracy"] == 0.0


def test_gate_refuses_a_run_over_other_questions(
    eval_files: tuple[Path, Path], tmp_path: Path
) -> None:
    qa, conv = eval_files
    base = tmp_path / "baseline.json"
    ev.run_cli(
        Settings(),
        cli_args(qa, conv, update_baseline=str(base)),
        runtime=FakeRuntime(SCRIPT, RANKING),
    )
    with pytest.raises(InputFileError, match="--split all; this run used --split dev"):
        ev.run_cli(
            Settings(),
            cli_args(qa, conv, split="dev", baseline=str(base)),
            runtime=FakeRuntime(SCRIPT, RANKING),
        )


def test_run_cli_json_output_is_parseable(
    eval_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    qa, conv = eval_files
    ev.run_cli(
        Settings(), cli_args(qa, conv, json=True, split="dev"), runtime=FakeRuntime(SCRIPT, RANKING)
    )
    report = json.loads(capsys.readouterr().out)
    assert set(report["metrics"]) == {"all", "dev"}
    assert [r["id"] for r in report["qa"]] == ["q1", "u1"]


def test_run_cli_bad_qa_file_fails_before_loading_models(tmp_path: Path) -> None:
    bad = write_jsonl(tmp_path / "qa.jsonl", ['{"id": "q1"'])

    class Exploding:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError("models must not load")

    with pytest.raises(InputFileError, match=r"qa\.jsonl:1"):
        ev.run_cli(Settings(), cli_args(bad, tmp_path / "none.jsonl"), runtime=Exploding())
    with pytest.raises(InputFileError, match="eval file not found"):
        ev.run_cli(
            Settings(),
            cli_args(write_jsonl(tmp_path / "ok.jsonl", QA_LINES), tmp_path / "none.jsonl"),
            runtime=Exploding(),
        )


def test_cli_eval_command_reports_input_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from askcorpus.cli import main

    code = main(["eval", "--qa", str(tmp_path / "missing.jsonl")])
    assert code == InputFileError.exit_code
    assert "eval file not found" in capsys.readouterr().err


def test_unanswerable_followups_load_and_score_apart(tmp_path: Path) -> None:
    turn1 = {"q": "Where did they meet?", "answers": ["Palm Beach"], "doc_ids": [GOLD]}
    silent = {"q": "How old is he?", "answers": [], "doc_ids": [], "unanswerable": True}
    path = write_jsonl(
        tmp_path / "c.jsonl", [{"id": "c1", "split": "dev", "turns": [turn1, silent]}]
    )
    conv = ev.load_conversations(path)[0]
    assert [t.unanswerable for t in conv.turns] == [False, True]
    bad = {**silent, "answers": ["42"]}
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "split": "dev", "turns": [turn1, bad]}])
    with pytest.raises(InputFileError, match=r"turn 2: an unanswerable turn has no \"answers\""):
        ev.load_conversations(path)
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "split": "dev", "turns": [silent]}])
    with pytest.raises(InputFileError, match=r"turn 1: a first turn asks on its own"):
        ev.load_conversations(path)

    def rec(turn: int, unanswerable: bool, correct: bool, abstained: bool) -> dict[str, Any]:
        return {
            "turn": turn,
            "unanswerable": unanswerable,
            "correct": correct,
            "correct_and_cited": correct and not unanswerable,
            "abstained": abstained,
            "timings": {},
        }

    turns = [
        rec(1, False, True, False),
        rec(2, False, True, False),  # an answerable follow-up, right
        rec(3, True, True, True),  # a silent one abstained
        rec(2, True, False, False),  # a silent one answered
    ]
    m = ev.compute_metrics([], turns)
    # unanswerable turns are not follow-ups to answer: accuracy counts the answerable one only
    assert m["n_followup"] == 1 and m["followup_accuracy"] == 1.0
    assert m["n_followup_unanswerable"] == 2 and m["followup_abstention"] == 0.5
    assert m["conversation_accuracy"] == 0.75
    counts = ev._target_counts([], turns)
    assert counts["followup_accuracy"] == (1, 1)
