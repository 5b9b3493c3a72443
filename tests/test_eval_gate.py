"""CI gate: the full eval with the bundled models must not fall below evals/baseline.json.

Builds the index of corpus/ with the real embedding model, answers every question and
conversation of evals/ with the bundled LLM (temperature 0, fixed seed), writes the JSON and
markdown reports (into a temporary folder, or $EVAL_REPORT_DIR if set), and compares the
overall metrics with the committed baseline. A failure lists each metric that fell (from what
to what) and points at the reports.

Update the baseline on purpose, and commit its diff:
    askcorpus eval --update-baseline evals/baseline.json
"""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path

import pytest

from askcorpus import evaluate as ev
from askcorpus.runtime import Runtime
from askcorpus.settings import Settings

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "evals" / "baseline.json"

pytestmark = pytest.mark.integration


def test_eval_meets_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not BASELINE.is_file():
        pytest.fail(
            f"{BASELINE} is missing; create it with "
            "`askcorpus eval --update-baseline evals/baseline.json`"
        )
    settings = Settings(
        corpus_dir=REPO / "corpus", index_dir=tmp_path / "index", prompts_dir=REPO / "prompts"
    )
    rt = Runtime(settings)
    rt.build_index()

    reports = Path(os.environ.get("EVAL_REPORT_DIR", "") or tmp_path / "reports")
    args = Namespace(
        qa=str(REPO / "evals" / "qa.jsonl"),
        conversations=str(REPO / "evals" / "conversations.jsonl"),
        split="all",
        limit=None,
        json=False,
        quiet=True,
        output=str(reports / "eval.json"),
        markdown=str(reports / "eval.md"),
        baseline=str(BASELINE),
        update_baseline=None,
    )
    code = ev.run_cli(settings, args, runtime=rt)
    printed = capsys.readouterr().out
    gate = [line for line in printed.splitlines() if line.startswith(("gate:", "  REGRESSION"))]
    assert code == 0, (
        "eval fell below evals/baseline.json:\n"
        + "\n".join(gate)
        + f"\nreports: {reports / 'eval.md'}, {reports / 'eval.json'}"
        + "\n(if the change is intended: askcorpus eval --update-baseline evals/baseline.json)"
    )
    assert (reports / "eval.json").is_file() and (reports / "eval.md").is_file()
