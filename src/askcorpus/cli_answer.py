"""CLI commands that answer with the LLM: ask, chat, serve, eval."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import textwrap
import threading
from typing import Any

from askcorpus.errors import AskcorpusError, InputFileError, QueryError


def _runtime(args: argparse.Namespace) -> Any:
    from askcorpus.cli import _settings
    from askcorpus.runtime import Runtime

    return Runtime(_settings(args))


def print_answer(ans: Any, streamed: str | None, out: Any = sys.stdout) -> None:
    """The final answer (if it differs from what streamed) and the numbered sources."""
    if streamed is None or streamed.strip() != ans.answer.strip():
        if streamed:
            out.write("\n")
        label = "checked answer: " if streamed else ""  # replaces a reply that streamed
        out.write(f"{label}{ans.answer}\n")
    else:
        out.write("\n")
    if ans.citations:
        out.write("\nclosest passages:\n" if ans.abstained else "\nsources:\n")
        for c in ans.citations:
            body = textwrap.shorten(" ".join(c.text.split()), 300)
            out.write(f"[{c.n}] {c.title} ({c.doc_id})\n")
            out.write(textwrap.indent(textwrap.fill(body, 92), "    ") + "\n")
    out.flush()


def _echo_sink(buffer: list[str]) -> Any:
    """A token sink that prints each piece as it arrives and keeps it in `buffer`."""

    def sink(piece: str) -> None:
        buffer.append(piece)
        sys.stdout.write(piece)
        sys.stdout.flush()

    return sink


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or a batch file of questions."""
    from askcorpus.cli import _batch_status, _line_failed, _Output, _read_jsonl, check_modes

    if args.question is None and not args.batch:
        raise InputFileError("give a QUESTION, or --batch FILE (see `askcorpus ask --help`)")
    check_modes(args, "QUESTION", "--batch")
    rt = _runtime(args)
    if args.question is not None:  # refuse a bad question before loading any model
        from askcorpus.retrieve import clean_query

        clean_query(args.question, rt.settings.max_question_chars)
    records = _read_jsonl(args.batch, "question") if args.batch else []
    out = _Output(args.output, args.batch) if args.batch else None  # the path is checked first
    rt.load_for_answers()
    if out is not None:
        failed = 0
        try:
            for lineno, rec in records:
                try:
                    ans = rt.answerer.answer(rec["question"], k=args.k)
                    out.write({"id": rec["id"], **ans.to_dict()})
                except QueryError as exc:  # one bad question does not stop the batch
                    failed += 1
                    _line_failed(args.batch, lineno, exc)
                    out.write({"id": rec["id"], "error": str(exc)})
        except BaseException:
            out.abandon()
            raise
        out.commit()
        return _batch_status(failed, len(records))
    if args.json:
        print(
            json.dumps(
                rt.answerer.answer(args.question, k=args.k).to_dict(), indent=2, ensure_ascii=False
            )
        )
        return 0
    streamed: list[str] = []
    ans = rt.answerer.answer(args.question, k=args.k, on_token=_echo_sink(streamed))
    print_answer(ans, "".join(streamed))
    return 0


def _chat_script(rt: Any, args: argparse.Namespace) -> int:
    from askcorpus.cli import _Output, _read_jsonl
    from askcorpus.conversation import Conversation
    from askcorpus.retrieve import clean_query

    records = _read_jsonl(args.script, "turns")
    for lineno, rec in records:  # every turn checked before the first is answered
        turns = rec["turns"]
        if not turns or not all(isinstance(t, dict) and isinstance(t.get("q"), str) for t in turns):
            raise InputFileError(
                f'{args.script}:{lineno}: "turns" must be a list of {{"q": "a question"}}'
            )
        for i, turn in enumerate(turns, start=1):
            try:
                clean_query(turn["q"], rt.settings.max_question_chars)
            except QueryError as exc:
                raise InputFileError(f"{args.script}:{lineno}: turn {i}: {exc}") from None
    out = _Output(args.output, args.script)  # the path is checked first
    rt.load_for_answers()
    try:
        for _, rec in records:
            turns = rec["turns"]
            conv = Conversation(max_turns=rt.settings.history_turns or 1)
            for i, turn in enumerate(turns, start=1):
                ans = rt.answerer.answer(turn["q"], conversation=conv, k=args.k)
                out.write({"id": rec["id"], "turn": i, **ans.to_dict()})
    except BaseException:
        out.abandon()
        raise
    out.commit()
    return 0


CHAT_HELP = "commands: /reset (new conversation), /sources (last answer's passages), /help, /quit"


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive conversation, or a scripted one with --script."""
    from askcorpus.conversation import Conversation

    if args.output and not args.script:
        raise InputFileError("--output goes with --script FILE (see `askcorpus chat --help`)")
    rt = _runtime(args)
    if args.script:
        return _chat_script(rt, args)
    with contextlib.suppress(ImportError):  # line editing and history for input()
        import readline  # noqa: F401
    rt.load_for_answers()  # before the prompt
    where = rt.settings.index_dir
    print(
        f"askcorpus chat — ask about the documents indexed in {where}/. {CHAT_HELP}",
        file=sys.stderr,
    )
    conv = Conversation(max_turns=rt.settings.history_turns or 1)
    last: Any = None
    while True:
        try:
            line = input("you> ").strip()
        except EOFError:
            print()
            return 0
        except KeyboardInterrupt:
            print()
            continue
        if not line:
            continue
        if line in ("/quit", "/exit"):
            return 0
        if line in ("/help", "/?"):
            print(CHAT_HELP)
            continue
        if line == "/reset":
            conv.reset()
            last = None
            print("(new conversation)")
            continue
        if line == "/sources":
            if last is None:
                print("(no answer yet)")
            else:
                print_answer(last, last.answer)
            continue
        if line.startswith("/"):
            print(f"unknown command {line}; {CHAT_HELP}")
            continue
        stop = threading.Event()
        streamed: list[str] = []
        sys.stdout.write("askcorpus> ")
        try:
            last = rt.answerer.answer(
                line,
                conversation=conv,
                k=args.k,
                on_token=_echo_sink(streamed),
                should_stop=stop.is_set,
            )
        except KeyboardInterrupt:
            stop.set()
            print("\n(stopped)")
            continue
        except AskcorpusError as exc:
            if exc.code != "bad_query":
                raise
            print(f"\n{exc}")
            continue
        print_answer(last, "".join(streamed))
        print()


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the chat service."""
    from askcorpus.cli import _settings
    from askcorpus.serve import run

    settings = _settings(args, host=args.host, port=args.port)
    run(settings)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Run the eval suite."""
    from askcorpus.cli import _settings
    from askcorpus.evaluate import run_cli

    return int(run_cli(_settings(args), args))


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Calibrate the abstention thresholds on the eval questions."""
    from askcorpus.calibrate import run_cli
    from askcorpus.cli import _settings

    return int(run_cli(_settings(args), args))


def _eval_inputs(p: Any, split: str, split_help: str) -> None:
    """The options naming the eval questions (eval and calibrate)."""
    p.add_argument("--qa", metavar="FILE", help="QA pairs (default evals/qa.jsonl)")
    p.add_argument(
        "--conversations",
        metavar="FILE",
        help="scripted conversations (default evals/conversations.jsonl)",
    )
    p.add_argument(
        "--split",
        choices=["dev", "test", "all"],
        default=split,
        help=f"{split_help} (default {split})",
    )
    p.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="only the first N questions and the first N conversations (quick)",
    )


def add_commands(sub: Any, index_help: str, positive_int: Any) -> None:
    """Register ask, chat, serve and eval on the subcommand parser."""
    from askcorpus.cli import ExamplesFormatter

    p = sub.add_parser(
        "ask",
        help="answer a question with cited sources",
        description="Answer a question from the indexed corpus. The answer "
        "streams, then its numbered sources are listed. If the corpus does not "
        "hold the answer, askcorpus says so and shows the closest passages.",
        epilog='examples:\n  askcorpus ask "Where did Rutte meet Trump?"\n'
        '  askcorpus ask "Who confirmed the talks?" --json\n'
        "  askcorpus ask --batch questions.jsonl --output answers.jsonl",
        formatter_class=ExamplesFormatter,
    )
    p.add_argument("question", nargs="?", help="the question")
    p.add_argument(
        "-k",
        type=positive_int,
        help="passages listed when abstaining (default: the top_k setting, 5)",
    )
    p.add_argument("--json", action="store_true", help="print the answer object as JSON")
    p.add_argument("--batch", metavar="FILE", help='JSONL input, one {"id", "question"} per line')
    p.add_argument("--output", metavar="FILE", help="JSONL output for --batch (default stdout)")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser(
        "chat",
        help="a conversation in the terminal (follow-ups understood)",
        description=f"Interactive chat. {CHAT_HELP}. Ctrl-C stops the current "
        "answer; Ctrl-D quits.",
        epilog="examples:\n  askcorpus chat\n"
        "  askcorpus chat --script conversations.jsonl --output answers.jsonl",
        formatter_class=ExamplesFormatter,
    )
    p.add_argument(
        "-k",
        type=positive_int,
        help="passages listed when abstaining (default: the top_k setting, 5)",
    )
    p.add_argument(
        "--script",
        metavar="FILE",
        help='JSONL conversations: {"id", "turns": '
        '[{"q"}, ...]} per line; one answer object per turn is written',
    )
    p.add_argument("--output", metavar="FILE", help="JSONL output for --script (default stdout)")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser(
        "serve",
        help="run the chat service (HTTP API and web page)",
        description="Serve POST /v1/chat, an OpenAI-compatible "
        "/v1/chat/completions, /v1/search, and a chat page at /.",
        epilog="examples:\n  askcorpus serve\n  askcorpus serve --port 8080\n"
        "  ASKCORPUS_API_KEY=secret askcorpus serve --host 0.0.0.0",
        formatter_class=ExamplesFormatter,
    )
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.add_argument(
        "--corpus",
        metavar="DIR",
        help="folder that POST /v1/reindex indexes (default corpus/; must be the index's own)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "eval",
        help="measure answer quality on hand-written QA pairs",
        description="Run the eval suite: retrieval hit@k/MRR, answer accuracy "
        "and F1, citation precision/support, abstention, follow-ups, latency.",
        epilog="examples:\n  askcorpus eval --split dev\n"
        "  askcorpus eval --limit 10                quick look\n"
        "  askcorpus eval --baseline evals/baseline.json --output report.json",
        formatter_class=ExamplesFormatter,
    )
    _eval_inputs(p, "all", "which questions to run")
    p.add_argument("--json", action="store_true", help="print the JSON report")
    p.add_argument("--output", metavar="FILE", help="write the JSON report here")
    p.add_argument("--markdown", metavar="FILE", help="write a markdown report here")
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="fail if a metric falls below this baseline (e.g. evals/baseline.json)",
    )
    p.add_argument(
        "--update-baseline", metavar="FILE", help="write the measured metrics as the new baseline"
    )
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser(
        "calibrate",
        help="choose the abstention thresholds on the eval questions",
        description="Run the eval questions (the dev split by default) once per pair of "
        "abstain_threshold and support_threshold on a grid and recommend the pair that "
        "abstains on the most unanswerable questions while abstaining on at most "
        "--max-false-abstain of the answerable ones. Calibrate on one split and report on "
        "another (askcorpus eval --split test).",
        epilog="examples:\n  askcorpus calibrate\n"
        "  askcorpus calibrate --abstain-grid 0.5,0.55,0.6 --support-grid 0,0.57,0.59,0.61",
        formatter_class=ExamplesFormatter,
    )
    _eval_inputs(p, "dev", "which questions to calibrate on")
    p.add_argument(
        "--abstain-grid",
        metavar="V,V,...",
        help="abstain_threshold values (default 0.45,0.5,0.55,0.6,0.65)",
    )
    p.add_argument(
        "--support-grid",
        metavar="V,V,...",
        help="support_threshold values, 0..1 (default 0,0.55,0.57,0.59,0.61,0.63,0.65)",
    )
    p.add_argument(
        "--max-false-abstain",
        type=float,
        default=0.05,
        metavar="RATE",
        help="largest share of answerable questions allowed to abstain (default 0.05)",
    )
    p.add_argument("--json", action="store_true", help="print the JSON report")
    p.add_argument("--output", metavar="FILE", help="write the JSON report here")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(func=cmd_calibrate)
