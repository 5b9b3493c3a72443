"""The `askcorpus` command. Heavy libraries are imported inside the commands that need them."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

from askcorpus import __version__
from askcorpus.errors import (
    AskcorpusError,
    ConfigError,
    InputFileError,
    OutputFileError,
    QueryError,
)
from askcorpus.load import jsonl_lines
from askcorpus.output import check_output, open_output

EPILOG = """\
examples:
  askcorpus index                              index ./corpus into ./index (only what changed)
  askcorpus search "who leads NATO?" -k 3      ranked passages
  askcorpus ask "Where did Rutte meet Trump?"  an answer with numbered sources
  askcorpus chat                               a conversation in the terminal
  askcorpus serve                              the chat service on http://127.0.0.1:8000
  askcorpus eval                               answer quality on evals/qa.jsonl
  askcorpus calibrate                          abstention thresholds chosen on the dev split

Settings come from ASKCORPUS_* environment variables or askcorpus.toml (see README).
"""


class ExamplesFormatter(argparse.HelpFormatter):
    """Wraps the description as usual; keeps the lines of an epilog of examples as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _settings(args: argparse.Namespace, **extra: Any) -> Any:
    """Settings from the environment and askcorpus.toml, with the command's options over them
    (`extra`: setting name -> value; None keeps the setting)."""
    import tomllib

    from pydantic import ValidationError

    from askcorpus.settings import Settings, unknown_names

    overrides = {k: v for k, v in extra.items() if v is not None}
    option = {k: f"--{k.replace('_', '-')}" for k in overrides}
    for flag, field in (("index", "index_dir"), ("corpus", "corpus_dir")):
        value = getattr(args, flag, None)
        if value is None:
            continue
        if not value.strip():  # an unset shell variable: never the default folder instead
            raise ConfigError(f"--{flag} is empty; give a folder")
        overrides[field] = Path(value)
        option[field] = f"--{flag}"
    for name in unknown_names():
        print(f"askcorpus: warning: unknown setting {name} (ignored)", file=sys.stderr)
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        where = _source(field, option)
        raise ConfigError(f"invalid setting {field} ({where}): {err['msg']}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"askcorpus.toml is not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError("askcorpus.toml is not UTF-8 text") from None


def _source(field: str, option: dict[str, str]) -> str:
    """Where a bad value of `field` came from: the command line, the environment or the file."""
    if field in option:
        return option[field]
    env = f"ASKCORPUS_{field.upper()}"
    return env if env in os.environ else f"{field} in askcorpus.toml"


def _read_jsonl(path: str, required: str) -> list[tuple[int, dict[str, Any]]]:
    """(line number, record) of each line of a JSONL input file, all read and checked before
    any work: `required` must be there, a string (a list for "turns"); "id" a string or a
    number (the line number if missing). InputFileError names the file and line."""
    records = list(_records(path, required))
    if not records:
        raise InputFileError(f"{path} holds no lines to run")
    lines_of: dict[str, list[int]] = {}
    for lineno, rec in records:
        lines_of.setdefault(str(rec["id"]), []).append(lineno)
    for key, linenos in lines_of.items():
        if len(linenos) > 1:
            where = ", ".join(map(str, linenos[:5])) + (", ..." if len(linenos) > 5 else "")
            print(
                f'askcorpus: warning: {path}: id "{key}" repeats (lines {where}); '
                "their results carry the same id",
                file=sys.stderr,
            )
    return records


def _records(path: str, required: str) -> Iterator[tuple[int, dict[str, Any]]]:
    p = Path(path)
    if p.is_dir():
        raise InputFileError(f"{path} is a folder; give a JSONL file")
    if not p.exists():  # a pipe (/dev/stdin) is read as a file is
        raise InputFileError(f"input file not found: {path}")
    try:
        lines = jsonl_lines(p.read_text(encoding="utf-8-sig"))  # a BOM is no JSON
    except UnicodeDecodeError:
        raise InputFileError(f"{path} is not UTF-8 text") from None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict) or required not in rec:
            raise InputFileError(f'{path}:{lineno}: each line needs a "{required}" field')
        kind = list if required == "turns" else str
        if not isinstance(rec[required], kind):
            raise InputFileError(
                f'{path}:{lineno}: "{required}" must be a {"list" if kind is list else "string"}'
            )
        rec.setdefault("id", lineno)
        if not isinstance(rec["id"], str | int) or isinstance(rec["id"], bool):
            raise InputFileError(f'{path}:{lineno}: "id" must be a string or a number')
        yield lineno, rec


def check_modes(args: argparse.Namespace, positional: str, batch: str) -> None:
    """InputFileError for options that would be silently ignored: a positional together with
    --batch, or --output without --batch."""
    given = getattr(args, "query", None) or getattr(args, "question", None)
    if given is not None and args.batch:
        raise InputFileError(f"give a {positional} or {batch} FILE, not both")
    if args.output and not args.batch:
        raise InputFileError(f"--output goes with {batch} FILE; one answer prints to the terminal")


def _line_failed(path: str, lineno: int, exc: Exception) -> None:
    """Tell, on stderr, a batch line that got an "error" record instead of a result."""
    print(f"askcorpus: warning: {path}:{lineno}: {exc}", file=sys.stderr)


def _batch_status(failed: int, total: int) -> int:
    """Exit status of a batch: 1 (and a line on stderr) if any line failed."""
    if failed:
        print(
            f'askcorpus: error: {failed} of {total} lines failed (an "error" field in the output)',
            file=sys.stderr,
        )
        return 1
    return 0


def _same_file(a: Path, b: Path) -> bool:
    """True if both name one regular file (a terminal or pipe as input and output is not)."""
    try:
        return a.is_file() and b.is_file() and a.samefile(b)
    except OSError:
        return False


def _renamed_into_place(p: Path) -> bool:
    """True if results for `p` may go to a sibling `p.partial` renamed onto it at the end: `p`
    is a regular file or absent, not a link (the link, not its file, would be replaced; so
    /dev/stdout is written to directly), and its folder takes a new file."""
    if p.is_symlink() or (p.exists() and not p.is_file()):
        return False
    return os.access(p.parent, os.W_OK | os.X_OK)


class _Output:
    """Writes JSONL results line by line (flushed) to `FILE.partial`, renamed to FILE when the
    run ends (`commit`). A run that stops early (Ctrl-C, a crash, a full disk, a model that does
    not load) leaves an old FILE as it was, and what it did in FILE.partial (`abandon` says
    so). Stdout, a link, a path that is no regular file (a device, a pipe) and a file in a
    folder that takes no new file are written directly. The path is checked at once, and may
    not be the input file `source`."""

    def __init__(self, path: str | None, source: str | None = None) -> None:
        self.path = path
        self.lines = 0
        self.target: Path | None = None  # the file renamed into place at the end
        if path:
            p = check_output(path)
            if source and _same_file(p, Path(source)):
                raise OutputFileError(f"--output {path} is the input file; give another name")
            if _renamed_into_place(p):
                self.target = p
        self.file: TextIO | None = None if path else sys.stdout

    @property
    def partial(self) -> Path | None:
        return None if self.target is None else self.target.with_name(self.target.name + ".partial")

    def write(self, record: dict[str, Any]) -> None:
        if self.file is None:
            self.file = open_output(str(self.partial or self.path))
        try:
            self.file.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.file.flush()
        except OSError as exc:
            where = self.partial or self.path or "stdout"
            raise OutputFileError(f"cannot write {where}: {exc.strerror}") from None
        self.lines += 1

    def commit(self) -> None:
        """The run is done: FILE.partial becomes FILE (an empty FILE if nothing was written),
        with the mode an old FILE had."""
        if not self.path:
            return
        if self.file is None:
            self.file = open_output(str(self.partial or self.path))
        where = self.partial or self.path
        try:
            self.file.close()  # a write that fails only now is reported, and nothing renamed
            if self.partial is not None and self.target is not None:
                if self.target.exists():
                    self.partial.chmod(self.target.stat().st_mode & 0o7777)
                where = self.target
                self.partial.replace(self.target)
        except OSError as exc:
            kept = f"; the lines are in {self.partial}" if where == self.target else ""
            raise OutputFileError(f"cannot write {where}: {exc.strerror}{kept}") from None
        except KeyboardInterrupt:  # Ctrl-C before the rename: say where the lines are
            if self.partial is not None and self.partial.exists():
                self.abandon()
            raise

    def abandon(self) -> None:
        """The run stopped early: FILE is left as it was; say where the lines made are."""
        if self.path and self.file is not None:
            with contextlib.suppress(OSError):
                self.file.close()
            if self.partial is not None:
                print(
                    f"askcorpus: {self.lines} line(s) written before the stop are in"
                    f" {self.partial}; {self.path} was not changed",
                    file=sys.stderr,
                )


def _progress_bar(desc: str) -> Callable[[int, int], None]:
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in bar:
            if total == 0:
                return
            bar["bar"] = tqdm(total=total, desc=desc, unit="chunk", file=sys.stderr, disable=None)
        bar["bar"].n = done
        bar["bar"].refresh()
        if done >= total:
            bar["bar"].close()

    return update


def _near(doc: str, rt: Any) -> str:
    """ "; did you mean ...?" for a document id given as a path or without its folder."""
    import difflib

    ids = list(rt.index.documents)
    name = Path(doc).name
    same_name = [i for i in ids if Path(i.split("#", 1)[0]).name == name or i.endswith("/" + doc)]
    stem = Path(name.split("#", 1)[0]).stem
    begun = [i for i in ids if len(stem) >= 3 and Path(i).name.startswith(stem)]  # "004.txt"
    near = same_name or difflib.get_close_matches(doc, ids, n=1, cutoff=0.6) or begun
    return f"; did you mean {' or '.join(near[:3])}?" if near else ""


def cmd_index(args: argparse.Namespace) -> int:
    """Build or update the index."""
    from askcorpus.index import index_folder
    from askcorpus.load import check_corpus_dir
    from askcorpus.runtime import Runtime

    settings = _settings(args)
    rt = Runtime(settings)
    check_corpus_dir(settings.corpus_dir)  # a bad folder is the only line printed
    with index_folder(settings.index_dir):  # a folder made for a build that fails goes again
        print(f"indexing {settings.corpus_dir} -> {settings.index_dir}", file=sys.stderr)
        summary = rt.build_index(
            rebuild=args.rebuild, progress=None if args.json else _progress_bar("embedding")
        )
    for warning in summary.warnings:
        print(f"askcorpus: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
        return 0
    if summary.rebuilt_because:
        print(f"full rebuild: {summary.rebuilt_because}")
    if summary.up_to_date:
        print(
            f"index is up to date: {summary.documents} documents, {summary.chunks} chunks, "
            f"nothing to do ({summary.seconds:.2f} s)"
        )
    else:
        resumed = f", {summary.resumed} resumed from an interrupted run" if summary.resumed else ""
        print(
            f"added {summary.added}, changed {summary.changed}, removed {summary.removed}, "
            f"unchanged {summary.unchanged} documents; {summary.chunks} chunks "
            f"({summary.embedded} embedded{resumed}) in {summary.seconds:.1f} s"
        )
    return 0


def _filters(args: argparse.Namespace) -> Any:
    from askcorpus.retrieve import Filters

    return Filters(
        doc_ids=set(args.doc) if args.doc else None,
        date_from=args.date_from,
        date_to=args.date_to,
    )


def _print_hits(hits: list[Any]) -> None:
    for i, hit in enumerate(hits, start=1):
        c = hit.chunk
        print(f"{i}. {c.title}  [{c.doc_id}, score {hit.score:.4f}]")
        body = " ".join(c.text.split())
        print(textwrap.indent(textwrap.fill(textwrap.shorten(body, 400), 96), "   "))
        print()


def cmd_search(args: argparse.Namespace) -> int:
    """Search the index."""
    from askcorpus.retrieve import clean_query
    from askcorpus.runtime import Runtime

    if args.query is None and not args.batch:
        raise InputFileError("give a QUERY, or --batch FILE (see `askcorpus search --help`)")
    check_modes(args, "QUERY", "--batch")
    settings = _settings(args)
    if args.query is not None:  # a bad query is reported before any model or index loads
        clean_query(args.query, settings.max_question_chars, "query")
    rt = Runtime(settings)
    k = args.k or settings.top_k
    filters = _filters(args)
    # the batch file and the output path are checked before the index loads
    records = _read_jsonl(args.batch, "query") if args.batch else []
    out = _Output(args.output, args.batch) if args.batch else None
    for doc in sorted(set(args.doc or ()) - set(rt.index.documents)):
        print(
            f"askcorpus: warning: no document {doc} in the index{_near(doc, rt)}", file=sys.stderr
        )
    if out is not None:
        failed = 0
        try:
            for lineno, rec in records:
                try:
                    hits = rt.retriever.search(rec["query"], k=k, filters=filters)
                    out.write({"id": rec["id"], "results": [h.to_dict() for h in hits]})
                except QueryError as exc:
                    failed += 1
                    _line_failed(args.batch, lineno, exc)
                    out.write({"id": rec["id"], "error": str(exc)})
        except BaseException:
            out.abandon()
            raise
        out.commit()
        return _batch_status(failed, len(records))
    hits = rt.retriever.search(args.query, k=k, filters=filters)
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], indent=2, ensure_ascii=False))
    elif not hits:
        print("no passages found")
    else:
        _print_hits(hits)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a document (or a passage) as indexed: the text citation offsets point into."""
    from askcorpus.runtime import Runtime

    rt = Runtime(_settings(args))
    index = rt.index
    doc = index.documents.get(args.id)
    chunk = None
    if doc is None:  # a passage's id, "article.txt#2", as a citation's chunk_id gives it
        chunk = next((c for c in index.chunks if c.chunk_id == args.id), None)
        if chunk is None:
            raise QueryError(f"no document or passage {args.id} in the index{_near(args.id, rt)}")
        doc = index.documents[chunk.doc_id]
    start = args.start if args.start is not None else (chunk.start if chunk else 0)
    end = args.end if args.end is not None else (chunk.end if chunk else len(doc.text))
    if not 0 <= start < end <= len(doc.text):
        given = " ".join(
            f"--{name} {value}"
            for name, value in (("start", args.start), ("end", args.end))
            if value is not None
        )
        span = f"; passage {chunk.chunk_id} is {chunk.start}-{chunk.end}" if chunk else ""
        why = "is past the end" if max(start, end) > len(doc.text) else "gives no characters"
        raise QueryError(
            f"{given} {why} of {doc.doc_id}, whose text has {len(doc.text)} characters{span}"
        )
    text = doc.text[start:end]
    if args.json:
        record = {
            **doc.summary(),
            "start": start,
            "end": end,
            "text": text,
            "meta": doc.meta,
        }
        if chunk is not None:
            record["chunk_id"] = chunk.chunk_id
        print(json.dumps(record, indent=2, ensure_ascii=False))
        return 0
    print(f"{doc.title}  [{doc.doc_id}]")
    about = [doc.date, doc.url, doc.source]
    print("  ".join(a for a in about if a))
    for name, value in sorted(doc.meta.items()):  # page parts (credit, sources, ...)
        print(f"{name}: {value}")
    if chunk is not None or (start, end) != (0, len(doc.text)):
        part = f"passage {chunk.chunk_id}, " if chunk is not None else ""
        print(f"{part}characters {start}-{end} of {len(doc.text)}")
    print()
    print(text)
    return 0


def _offset(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1 or value > 100:
        raise argparse.ArgumentTypeError(f"must be between 1 and 100, got {value}")
    return value


def _date(text: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in one line, as every other error ("askcorpus: error: ...")."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"askcorpus: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (importable for docs and tests)."""
    parser = _Parser(
        prog="askcorpus",
        description="Ask questions about your documents; answers cite the passages they use.",
        epilog=EPILOG,
        formatter_class=ExamplesFormatter,
    )
    parser.add_argument("--version", action="version", version=f"askcorpus {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    index_help = "index folder (default: index/, or ASKCORPUS_INDEX_DIR)"

    p = sub.add_parser(
        "index",
        help="build or update the index (only changed documents)",
        description="Index the corpus: .txt, .md, .html and .jsonl files. Only "
        "added or changed documents are embedded; removed ones are dropped.",
        epilog="examples:\n  askcorpus index                      after adding or editing files\n"
        "  askcorpus index --corpus ~/notes --index ~/notes-index\n"
        "  askcorpus index --rebuild            re-embed everything",
        formatter_class=ExamplesFormatter,
    )
    p.add_argument(
        "--corpus", metavar="DIR", help="corpus folder (default: corpus/, or ASKCORPUS_CORPUS_DIR)"
    )
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.add_argument("--rebuild", action="store_true", help="re-embed everything from scratch")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser(
        "search",
        help="find the passages most relevant to a query",
        description="Hybrid search: dense embeddings and BM25 keyword scores, combined as "
        "the fusion setting says (default convex: a weighted sum of normalised scores).",
        epilog='examples:\n  askcorpus search "NATO summit Vilnius" -k 3\n'
        '  askcorpus search "Lavrov" --date-from 2024-01-01 --json\n'
        "  askcorpus search --batch queries.jsonl --output results.jsonl",
        formatter_class=ExamplesFormatter,
    )
    p.add_argument("query", nargs="?", help="what to look for")
    p.add_argument(
        "-k", type=_positive_int, help="number of passages (default: the top_k setting, 5)"
    )
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--batch", metavar="FILE", help='JSONL input, one {"id", "query"} per line')
    p.add_argument("--output", metavar="FILE", help="JSONL output for --batch (default stdout)")
    p.add_argument(
        "--doc", action="append", metavar="DOC_ID", help="only this document (repeatable)"
    )
    p.add_argument(
        "--date-from", type=_date, metavar="YYYY-MM-DD", help="only documents dated on or after"
    )
    p.add_argument(
        "--date-to", type=_date, metavar="YYYY-MM-DD", help="only documents dated on or before"
    )
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "show",
        help="print a document or passage as indexed (what citations point into)",
        description="Print a document's text as indexed: cleaned of markup, with the "
        "offsets that citations' start and end point into; or one passage by its chunk id.",
        epilog="examples:\n  askcorpus show 004_301f6f64d80d5060.txt\n"
        "  askcorpus show 004_301f6f64d80d5060.txt#1            a passage (a citation's chunk_id)\n"
        "  askcorpus show 004_301f6f64d80d5060.txt --start 0 --end 120\n"
        "  askcorpus show 004_301f6f64d80d5060.txt --json       with its page parts (meta)",
        formatter_class=ExamplesFormatter,
    )
    p.add_argument("id", metavar="ID", help="a document id, or a passage's chunk id (DOC#N)")
    p.add_argument("--start", type=_offset, metavar="N", help="first character to print")
    p.add_argument("--end", type=_offset, metavar="N", help="character to stop before")
    p.add_argument("--json", action="store_true", help="print the document as JSON")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(func=cmd_show)

    _add_answer_commands(sub, index_help)
    return parser


def _add_answer_commands(sub: Any, index_help: str) -> None:
    """Commands that use the LLM (defined in cli_answer to keep this module small)."""
    from askcorpus import cli_answer

    cli_answer.add_commands(sub, index_help, _positive_int)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run a command, turning domain errors into one-line messages."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except AskcorpusError as exc:
        print(f"askcorpus: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        kept = ""
        if args.command == "index":  # embeddings are checkpointed as they are made
            kept = " (embeddings made so far are kept: run the same command again to resume)"
        print(f"askcorpus: interrupted{kept}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # a disk or file-system failure no check foresaw: one line still
        where = f": {exc.filename}" if exc.filename else ""
        print(f"askcorpus: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
