"""`askcorpus calibrate` with the bundled models on the default corpus's dev split."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest

from askcorpus import calibrate as cal
from askcorpus import evaluate as ev
from askcorpus import kinds, page, roles
from askcorpus.answer import as_which
from askcorpus.runtime import Runtime
from askcorpus.settings import Settings

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


def test_calibrate_agrees_with_eval_and_rejects_a_threshold_that_abstains_on_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(
        corpus_dir=REPO / "corpus", index_dir=tmp_path / "index", prompts_dir=REPO / "prompts"
    )
    rt = Runtime(settings)
    rt.build_index()
    qa = REPO / "evals" / "qa.jsonl"
    conv = REPO / "evals" / "conversations.jsonl"
    out = tmp_path / "cal.json"
    now = (settings.abstain_threshold, settings.support_threshold)
    args = Namespace(
        qa=str(qa),
        conversations=str(conv),
        split="dev",
        limit=None,
        abstain_grid=f"{now[0]},5",  # 5: no sentence scores that high
        support_grid=str(now[1]),
        max_false_abstain=0.05,
        json=False,
        output=str(out),
        quiet=True,
    )
    assert cal.run_cli(settings, args, runtime=rt) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    points = {p["abstain_threshold"]: p for p in report["points"]}
    # all but what bypasses the threshold by design: an acronym spelled out in the corpus,
    # a question about a part of the page (its sources, a linked headline), which the part
    # answers, and a person's role, which a title by the name answers
    items = [json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines()]
    dev = [i for i in items if i["split"] == "dev"]

    def bypass(kind: bool) -> tuple[int, int]:
        asked = [i for i in dev if bool(i.get("unanswerable")) == kind]
        exact = [
            i
            for i in asked
            if page.asked_part(i["question"])
            or kinds.asked_acronym(i["question"])
            or roles.asked_person(as_which(i["question"]))
        ]
        return len(asked) - len(exact), len(asked)

    must, of = bypass(False)
    assert points[5.0]["answerable_abstained"] >= must / of - 1e-3  # rates are rounded
    must, of = bypass(True)
    assert points[5.0]["unanswerable_abstained"] >= must / of - 1e-3
    assert report["recommended"] == {"abstain_threshold": now[0], "support_threshold": now[1]}
    assert "(the current settings)" in capsys.readouterr().out
    assert rt.answerer.settings is settings  # the sweep put them back
    # the point at the current settings measures what `askcorpus eval --split dev` does
    items, convs = ev.select(ev.load_qa(qa), ev.load_conversations(conv), "dev", None)
    m = ev.run_eval(rt, items, convs)["metrics"]["all"]
    mine = points[now[0]]
    assert mine["answerable_abstained"] == m["false_abstention_rate"]
    assert mine["unanswerable_abstained"] == m["abstention_recall"]
    assert mine["correct_and_cited"] == m["correct_and_cited"]
    assert mine["followup_accuracy"] == m["followup_accuracy"]
