"""Calibrate the abstention thresholds on the eval set's questions (`askcorpus calibrate`).

Every pair of `abstain_threshold` and `support_threshold` values on a grid is run over the
chosen questions (the dev split by default) with the models loaded once. Each point reports
how many answerable questions abstained, how many unanswerable ones did, correct and cited,
and follow-ups. The point recommended is the one that abstains on the most unanswerable
questions while abstaining on at most `max_false_abstain` of the answerable ones (ties: more
correct and cited, then more follow-ups right, then the point nearest the current settings).
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from askcorpus.errors import InputFileError
from askcorpus.output import check_output

if TYPE_CHECKING:
    from askcorpus.evaluate import ConversationItem, QAItem
    from askcorpus.runtime import Runtime

# The settings calibrated: both are read by the answerer on every question, so a point needs
# no reload. Default grids span the values measured in the README around the defaults.
PARAMS = ("abstain_threshold", "support_threshold")
DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "abstain_threshold": (0.45, 0.5, 0.55, 0.6, 0.65),
    "support_threshold": (0.0, 0.55, 0.57, 0.59, 0.61, 0.63, 0.65),
}
MAX_POINTS = 400  # a grid beyond this is a typo, not a plan (each point reruns every question)

PointProgress = Callable[[int, int], None]


@dataclass
class Point:
    """One grid point and what it measured."""

    abstain_threshold: float
    support_threshold: float
    answerable_abstained: float | None
    unanswerable_abstained: float | None
    correct_and_cited: float | None
    followup_accuracy: float | None
    seconds: float

    def values(self) -> dict[str, float]:
        """The settings of this point."""
        return {p: getattr(self, p) for p in PARAMS}


def parse_grid(text: str, name: str) -> tuple[float, ...]:
    """Comma-separated values ("0.5,0.55,0.6") for one setting; raises InputFileError."""
    flag = "--" + name.replace("_threshold", "-grid")
    values: list[float] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            v = float(part)
        except ValueError:
            raise InputFileError(f"{flag}: not a number: {part!r}") from None
        if not math.isfinite(v):
            raise InputFileError(f"{flag}: not a finite number: {part!r}")
        if name == "support_threshold" and not 0 <= v <= 1:
            raise InputFileError(f"{flag}: {v} is outside 0..1")
        values.append(v)
    if not values:
        raise InputFileError(f"{flag}: give at least one value")
    return tuple(sorted(set(values)))


def sweep(
    rt: Runtime,
    qa_items: Sequence[QAItem],
    convs: Sequence[ConversationItem],
    grid: Mapping[str, Sequence[float]],
    progress: PointProgress | None = None,
) -> list[Point]:
    """Run the questions once per grid point; the runtime's settings are restored after."""
    from askcorpus.evaluate import evaluate_conversations, evaluate_qa, metrics_by_split

    combos = list(itertools.product(*(grid[p] for p in PARAMS)))
    check_size(len(combos))
    answerer = rt.answerer
    base = answerer.settings
    points: list[Point] = []
    try:
        for i, combo in enumerate(combos, start=1):
            update = dict(zip(PARAMS, combo, strict=True))
            answerer.settings = base.model_copy(update=update)
            t0 = time.perf_counter()
            qa = evaluate_qa(rt, qa_items)
            turns = evaluate_conversations(rt, convs)
            m = metrics_by_split(qa, turns)["all"]
            points.append(
                Point(
                    **update,
                    answerable_abstained=m["false_abstention_rate"],
                    unanswerable_abstained=m["abstention_recall"],
                    correct_and_cited=m["correct_and_cited"],
                    followup_accuracy=m["followup_accuracy"],
                    seconds=round(time.perf_counter() - t0, 1),
                )
            )
            if progress is not None:
                progress(i, len(combos))
    finally:
        answerer.settings = base
    return points


def check_size(n_points: int) -> None:
    """Refuse a grid too large to be meant (each point reruns every question)."""
    if n_points > MAX_POINTS:
        raise InputFileError(f"the grid has {n_points} points; at most {MAX_POINTS}")


def _num(v: float | None) -> float:
    return -1.0 if v is None else v


def meets(p: Point, max_false_abstain: float) -> bool:
    """True if the point abstains on at most `max_false_abstain` of the answerable questions."""
    return p.answerable_abstained is None or p.answerable_abstained <= max_false_abstain + 1e-9


def choose(points: Sequence[Point], max_false_abstain: float, current: dict[str, float]) -> Point:
    """The recommended point (see the module docstring). With no point within
    `max_false_abstain`, the one that abstains least on answerable questions."""
    if not points:
        raise InputFileError("no grid points to choose from")

    def distance(p: Point) -> float:
        return sum(abs(getattr(p, k) - current.get(k, getattr(p, k))) for k in PARAMS)

    feasible = [p for p in points if meets(p, max_false_abstain)]
    if feasible:
        return max(
            feasible,
            key=lambda p: (
                _num(p.unanswerable_abstained),
                _num(p.correct_and_cited),
                _num(p.followup_accuracy),
                -distance(p),
            ),
        )
    return min(
        points,
        key=lambda p: (
            _num(p.answerable_abstained),
            -_num(p.unanswerable_abstained),
            -_num(p.correct_and_cited),
            distance(p),
        ),
    )


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def render(points: Sequence[Point], chosen: Point, current: dict[str, float]) -> str:
    """A table of the grid (the chosen point marked `>`, the current settings `*`)."""
    head = (
        "  abstain  support  answerable-abstained  unanswerable-abstained  "
        "correct+cited  follow-ups"
    )
    lines = [head]
    for p in points:
        mark = ">" if p is chosen else ("*" if p.values() == current else " ")
        lines.append(
            f"{mark} {p.abstain_threshold:7.4g}  {p.support_threshold:7.4g}  "
            f"{_fmt(p.answerable_abstained):>20}  {_fmt(p.unanswerable_abstained):>22}  "
            f"{_fmt(p.correct_and_cited):>13}  {_fmt(p.followup_accuracy):>10}"
        )
    return "\n".join(lines)


def to_dict(
    points: Sequence[Point], chosen: Point, current: dict[str, float], **info: Any
) -> dict[str, Any]:
    """The JSON report."""
    return {
        **info,
        "current": current,
        "recommended": chosen.values(),
        "points": [asdict(p) for p in points],
    }


def run_cli(settings: Any, args: Any, runtime: Runtime | None = None) -> int:
    """`askcorpus calibrate`: sweep the grid on a split, print the table and the settings to use
    (`args` has the attributes of the subcommand; `runtime` replaces the one built from
    `settings`, for tests)."""
    import json
    import sys

    from askcorpus.evaluate import _progress, _warm_up, read_selection, write_json
    from askcorpus.runtime import Runtime

    max_false = float(getattr(args, "max_false_abstain", 0.05))
    if not 0 <= max_false <= 1:
        raise InputFileError("--max-false-abstain must be between 0 and 1")
    grid = {
        p: parse_grid(raw, p)
        if (raw := getattr(args, p.replace("threshold", "grid"), None))
        else DEFAULT_GRID[p]
        for p in PARAMS
    }
    n_points = math.prod(len(grid[p]) for p in PARAMS)
    check_size(n_points)
    output = check_output(args.output) if getattr(args, "output", None) else None
    qa_path, _, qa_items, convs = read_selection(args, "dev")
    split, limit = getattr(args, "split", None) or "dev", getattr(args, "limit", None)
    where = f"split {split!r} of {qa_path}" + (f" (first {limit})" if limit else "")
    if not any(i.unanswerable for i in qa_items):
        raise InputFileError(f"{where} has no unanswerable question to calibrate on")
    if not any(not i.unanswerable for i in qa_items):
        raise InputFileError(f"{where} has no answerable question")

    rt = runtime or Runtime(settings)
    _warm_up(rt)
    current = {p: float(getattr(settings, p)) for p in PARAMS}
    quiet = getattr(args, "quiet", False)
    if not quiet:
        print(
            f"calibrate: {n_points} points x {len(qa_items)} questions and "
            f"{sum(len(c.turns) for c in convs)} turns (split {split})",
            file=sys.stderr,
        )
    points = sweep(
        rt,
        qa_items,
        convs,
        grid,
        None if quiet else _progress(True, "calibrate", "points", every=1),
    )
    chosen = choose(points, max_false, current)
    report = to_dict(
        points,
        chosen,
        current,
        split=split,
        qa=str(qa_path),
        max_false_abstain=max_false,
        recommended_meets_max_false_abstain=meets(chosen, max_false),
        questions=len(qa_items),
        turns=sum(len(c.turns) for c in convs),
    )
    if getattr(args, "json", False):
        print(json.dumps(report, indent=1))
    else:
        print(render_advice(points, chosen, current, max_false, split))
    if output is not None:
        write_json(report, output)
        print(f"wrote {output}", file=sys.stderr)
    return 0


def render_advice(
    points: Sequence[Point], chosen: Point, current: dict[str, float], max_false: float, split: str
) -> str:
    """The table, then the settings to use and on what they were calibrated."""
    lines = [render(points, chosen, current), "(> recommended, * the current settings)", ""]
    within = meets(chosen, max_false)
    limit = f"{max_false * 100:g}%"
    if not within:
        lines.append(
            f"no point abstains on at most {limit} of the answerable questions; "
            "the one that abstains least:"
        )
    else:
        after = (
            "every split was used: report on questions not in the calibration"
            if split == "all"
            else "report on another split"
        )
        lines.append(
            f"recommended (most unanswerable abstained, answerable abstained at most "
            f"{limit}; calibrated on split {split}, {after}):"
        )
    lines.append(
        "  "
        + " ".join(f"ASKCORPUS_{p.upper()}={chosen.values()[p]:g}" for p in PARAMS)
        + (" (the current settings)" if chosen.values() == current else "")
    )
    return "\n".join(lines)
