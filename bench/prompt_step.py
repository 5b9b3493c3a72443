"""Prompt read time of the LLM, read whole against read in steps (`generate.PROMPT_STEP`).

    .venv/bin/python bench/prompt_step.py [--steps 64,128,256] [--repeat 5] [--chars 2600]

The generator reads a prompt in steps so that a time limit, a client that left or a shutdown
can stop it between two steps; this prints what the steps cost (median seconds per read of
the first article of corpus/, interleaved so that load on the machine hits every variant).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from askcorpus import generate
from askcorpus.generate import LlamaGenerator
from askcorpus.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", default="64,128,256", help="step sizes to compare")
    parser.add_argument("--repeat", type=int, default=5, help="reads per variant")
    parser.add_argument("--chars", type=int, default=2600, help="characters of article text")
    args = parser.parse_args()
    gen = LlamaGenerator.from_settings(Settings())  # type: ignore[call-arg]
    article = sorted((REPO / "corpus").glob("*.txt"))[0]
    text = article.read_text(encoding="utf-8")[: args.chars]
    messages = [
        {"role": "system", "content": "Answer from the passages."},
        {"role": "user", "content": f"{text}\nQuestion: who?"},
    ]
    print(f"prompt of about {gen.count_tokens(text)} tokens, {gen.model_id}")
    variants: list[tuple[str, int | None]] = [("whole", None)]
    variants += [(f"step {n}", int(n)) for n in args.steps.split(",")]
    times: dict[str, list[float]] = {name: [] for name, _ in variants}
    for _ in range(args.repeat):
        for name, step in variants:
            generate.PROMPT_STEP = step or generate.PROMPT_STEP
            gen.llm.reset()  # nothing cached: the whole prompt is read
            t0 = time.perf_counter()
            "".join(gen.stream(messages, 1, should_stop=None if step is None else lambda: False))
            times[name].append(time.perf_counter() - t0)
    for name, values in times.items():
        each = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:>9}: median {statistics.median(values):.2f} s  ({each})")


if __name__ == "__main__":
    main()
