"""Unit tests of `askcorpus calibrate` (a fake answerer whose abstention follows the settings)."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from askcorpus import calibrate as cal
from askcorpus.conversation import Conversation, Turn
from askcorpus.errors import InputFileError, OutputFileError
from askcorpus.settings import Settings
from test_evaluate import GOLD, OTHER, FakeRetriever, make_answer, write_jsonl

# question -> (best evidence score, coverage of the question by the answer)
SIGNALS = {
    "Where did they meet?": (0.70, 0.70),  # answerable, strong
    "Who confirmed the talks?": (0.58, 0.62),  # answerable, weaker
    "What did Trump tell Rutte?": (0.62, 0.58),  # near miss: on the topic, without the fact
    "Who won the World Cup?": (0.40, 0.30),  # unrelated
}
ANSWERS = {
    "Where did they meet?": ("They met in Palm Beach [1].", "Rutte met Trump in Palm Beach."),
    "Who confirmed the talks?": ("Farah Dakhlallah confirmed them [1].", "Dakhlallah confirmed."),
    "What did Trump tell Rutte?": ("They discussed security [1].", "They discussed security."),
    "Who won the World Cup?": ("Argentina [1].", "Argentina won."),
}
QA = [
    {"id": "a1", "question": "Where did they meet?", "answers": ["Palm Beach"], "split": "dev"},
    {
        "id": "a2",
        "question": "Who confirmed the talks?",
        "answers": ["Dakhlallah"],
        "split": "dev",
    },
    {"id": "u1", "question": "What did Trump tell Rutte?", "unanswerable": True, "split": "dev"},
    {"id": "u2", "question": "Who won the World Cup?", "unanswerable": True, "split": "dev"},
    {"id": "a3", "question": "Where did they meet?", "answers": ["Palm Beach"], "split": "test"},
]

CONVS = [
    {
        "id": "c1",
        "split": "dev",
        "turns": [
            {"q": "Where did they meet?", "answers": ["Palm Beach"], "doc_ids": [GOLD]},
            {"q": "Who confirmed the talks?", "answers": ["Dakhlallah"], "doc_ids": [GOLD]},
        ],
    }
]


class ThresholdAnswerer:
    """Abstains as the real pipeline does: a weak best score, or too little coverage."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.seen: list[tuple[float, float]] = []

    def answer(self, question: str, conversation: Conversation | None = None, **_: Any) -> Any:
        s = self.settings
        self.seen.append((s.abstain_threshold, s.support_threshold))
        score, coverage = SIGNALS[question]
        weak = score < s.abstain_threshold
        uncovered = s.support_threshold > 0 and coverage < s.support_threshold
        if weak or uncovered:
            ans = make_answer("The corpus does not say.", abstained=True)
        else:
            text, passage = ANSWERS[question]
            ans = make_answer(text, [(GOLD, passage)])
        if conversation is not None:
            conversation.add(Turn(question, question, ans.answer, []))
        return ans


class CalRuntime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.answerer = ThresholdAnswerer(settings)
        self.retriever = FakeRetriever({q: [GOLD, OTHER] for q in SIGNALS})
        self.generator = SimpleNamespace(model_id="fake-llm")


@pytest.fixture
def qa_file(tmp_path: Path) -> Path:
    rows = [{"answers": [], "doc_ids": [GOLD] if "answers" in r else [], **r} for r in QA]
    return write_jsonl(tmp_path / "qa.jsonl", rows)


def args(qa: Path, tmp_path: Path, **kw: Any) -> Namespace:
    base = {
        "qa": str(qa),
        "conversations": str(write_jsonl(tmp_path / "conv.jsonl", CONVS)),
        "split": "dev",
        "limit": None,
        "abstain_grid": "0.5,0.6",
        "support_grid": "0,0.6",
        "max_false_abstain": 0.05,
        "json": False,
        "output": None,
        "quiet": True,
    }
    base.update(kw)
    return Namespace(**base)


def test_sweep_measures_each_point_and_restores_settings(qa_file: Path, tmp_path: Path) -> None:
    from askcorpus.evaluate import load_qa, select

    settings = Settings()
    rt = CalRuntime(settings)
    items, _ = select(load_qa(qa_file), [], "dev", None)
    grid = {"abstain_threshold": (0.5, 0.6), "support_threshold": (0.0, 0.6)}
    points = cal.sweep(rt, items, [], grid)  # type: ignore[arg-type]
    assert rt.answerer.settings is settings  # restored
    assert sorted(set(rt.answerer.seen)) == [(0.5, 0.0), (0.5, 0.6), (0.6, 0.0), (0.6, 0.6)]
    by = {(p.abstain_threshold, p.support_threshold): p for p in points}
    # 0.5/0: only the unrelated question abstains
    assert by[(0.5, 0.0)].unanswerable_abstained == 0.5
    assert by[(0.5, 0.0)].answerable_abstained == 0.0
    # 0.5/0.6: the near miss abstains too (coverage 0.58 < 0.6)
    assert by[(0.5, 0.6)].unanswerable_abstained == 1.0
    assert by[(0.5, 0.6)].answerable_abstained == 0.0
    assert by[(0.5, 0.6)].correct_and_cited == 1.0
    # 0.6: the weaker answerable question (score 0.58) abstains
    assert by[(0.6, 0.6)].answerable_abstained == 0.5
    assert by[(0.6, 0.6)].correct_and_cited == 0.5


def test_choose_prefers_unanswerable_abstained_within_the_false_abstain_limit() -> None:
    def pt(a: float, s: float, fa: float, ua: float, cc: float) -> cal.Point:
        return cal.Point(a, s, fa, ua, cc, None, 0.0)

    points = [
        pt(0.5, 0.0, 0.0, 0.5, 1.0),
        pt(0.5, 0.6, 0.04, 0.9, 0.9),
        pt(0.6, 0.6, 0.2, 1.0, 0.7),  # abstains on most, but too often on answerable ones
        pt(0.55, 0.6, 0.04, 0.9, 0.95),  # same abstention, more correct
    ]
    current = {"abstain_threshold": 0.5, "support_threshold": 0.6}
    assert cal.choose(points, 0.05, current) is points[3]
    assert cal.choose(points, 0.25, current) is points[2]
    # nothing within the limit: the point that abstains least on answerable questions
    assert cal.choose(points[1:], 0.01, current) is points[3]  # then more correct
    # a tie goes to the point nearest the current settings
    tie = [pt(0.45, 0.6, 0.0, 1.0, 1.0), pt(0.5, 0.59, 0.0, 1.0, 1.0)]
    assert cal.choose(tie, 0.05, current) is tie[1]
    with pytest.raises(InputFileError):
        cal.choose([], 0.05, current)


def test_parse_grid() -> None:
    assert cal.parse_grid("0.6, 0.5,0.6,", "abstain_threshold") == (0.5, 0.6)
    with pytest.raises(InputFileError, match="not a number: 'x'"):
        cal.parse_grid("0.5,x", "abstain_threshold")
    with pytest.raises(InputFileError, match=r"--support-grid: 1\.5 is outside 0\.\.1"):
        cal.parse_grid("1.5", "support_threshold")
    for bad in ("nan", "inf", "-inf"):
        with pytest.raises(InputFileError, match="not a finite number"):
            cal.parse_grid(f"0.5,{bad}", "abstain_threshold")
    with pytest.raises(InputFileError, match="at least one value"):
        cal.parse_grid(" , ", "support_threshold")


def test_run_cli_recommends_and_writes_json(
    qa_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(abstain_threshold=0.6, support_threshold=0.0)
    out = tmp_path / "cal.json"
    code = cal.run_cli(settings, args(qa_file, tmp_path, output=str(out)), CalRuntime(settings))
    assert code == 0
    printed = capsys.readouterr().out
    assert "ASKCORPUS_ABSTAIN_THRESHOLD=0.5 ASKCORPUS_SUPPORT_THRESHOLD=0.6" in printed
    assert "(the current settings)" not in printed
    rows = [line for line in printed.splitlines() if line.startswith((">", "*"))]
    assert rows[0].startswith(">") and rows[1].startswith("*")  # chosen 0.5/0.6, current 0.6/0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["recommended"] == {"abstain_threshold": 0.5, "support_threshold": 0.6}
    assert report["recommended_meets_max_false_abstain"] is True
    assert "(> recommended, * the current settings)" in printed
    assert report["current"] == {"abstain_threshold": 0.6, "support_threshold": 0.0}
    assert len(report["points"]) == 4 and report["questions"] == 4  # the dev split only


def test_run_cli_says_when_no_point_is_within_the_limit(
    qa_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings()
    out = tmp_path / "cal.json"
    a = args(qa_file, tmp_path, abstain_grid="0.6,0.65", support_grid="0.6", output=str(out))
    cal.run_cli(settings, a, CalRuntime(settings))
    printed = capsys.readouterr().out
    assert "no point abstains on at most 5% of the answerable questions" in printed
    assert "ASKCORPUS_ABSTAIN_THRESHOLD=0.6 " in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["recommended_meets_max_false_abstain"] is False


def test_run_cli_errors(qa_file: Path, tmp_path: Path) -> None:
    settings = Settings()
    rt = CalRuntime(settings)
    with pytest.raises(InputFileError, match="no unanswerable question"):
        cal.run_cli(settings, args(qa_file, tmp_path, split="test"), rt)
    with pytest.raises(InputFileError, match="--max-false-abstain"):
        cal.run_cli(settings, args(qa_file, tmp_path, max_false_abstain=2.0), rt)
    with pytest.raises(InputFileError, match="--limit"):
        cal.run_cli(settings, args(qa_file, tmp_path, limit=0), rt)
    with pytest.raises(InputFileError, match=r"\(first 1\) has no unanswerable"):
        cal.run_cli(settings, args(qa_file, tmp_path, limit=1), rt)
    with pytest.raises(OutputFileError, match="is a folder"):
        cal.run_cli(settings, args(qa_file, tmp_path, output=str(tmp_path)), rt)
    with pytest.raises(OutputFileError, match="is a file, not a folder"):  # its folder is a file
        cal.run_cli(settings, args(qa_file, tmp_path, output=str(qa_file / "cal.json")), rt)
    # checked before any model or index is loaded (there is none here)
    nowhere = Settings(index_dir=tmp_path / "no-index")
    grid = ",".join(str(i / 100) for i in range(30))
    with pytest.raises(InputFileError, match="the grid has 900 points; at most 400"):
        cal.run_cli(nowhere, args(qa_file, tmp_path, abstain_grid=grid, support_grid=grid))


def test_cli_bad_grid_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from askcorpus.cli import main

    code = main(["calibrate", "--support-grid", "0.5,abc", "--index", str(tmp_path / "none")])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and "not a number: 'abc'" in err
