"""One clear line for the mistakes a user makes at the edges: output paths, settings files,
options that would be ignored, batch lines of the wrong type, a taken port, Ctrl-C."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from askcorpus.cli import _Output, _same_file
from askcorpus.embed import reraise_interrupt
from askcorpus.errors import ConfigError, OutputFileError
from askcorpus.index import check_index_dir
from askcorpus.output import check_output, write_text
from askcorpus.serve import check_port
from askcorpus.settings import unknown_names
from test_cli_foundation import InProcess, assert_one_line_error, main_cli  # noqa: F401


@pytest.fixture
def questions(tmp_path: Path) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "Where is the lake?"}\n', encoding="utf-8")
    return path


# -- output paths -------------------------------------------------------------------------------
def test_output_paths_that_cannot_be_files(tmp_path: Path) -> None:
    with pytest.raises(OutputFileError, match="is a folder"):
        check_output(tmp_path)
    a_file = tmp_path / "f.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(OutputFileError, match=r"f\.txt is a file, not a folder"):
        check_output(a_file / "deeper" / "out.jsonl")
    assert check_output(tmp_path / "new" / "out.jsonl").parent.is_dir()  # its folder is made
    assert list((tmp_path / "new").iterdir()) == []  # the probe file is gone
    with pytest.raises(OutputFileError, match=r"cannot write /proc/nope\.jsonl"):
        check_output("/proc/nope.jsonl")  # a folder where no file can be made


def test_write_text_failure_leaves_no_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(OutputFileError, match="cannot write /dev/full"):
        write_text("/dev/full", "x" * 100_000)
    out = _Output("/dev/full")  # the batch writer: each line flushed, a failure one line
    with pytest.raises(OutputFileError, match="No space left"):
        out.write({"id": 1, "text": "x"})
    out.abandon()  # closing must not raise the failed flush again, nameless
    write_text(tmp_path / "r.json", "{}")
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.parametrize("command", ["ask", "search"])
def test_batch_output_to_a_folder_is_one_line(
    main_cli: InProcess,  # noqa: F811
    questions: Path,
    tmp_path: Path,
    command: str,
) -> None:
    if command == "search":
        questions.write_text('{"query": "lake"}\n', encoding="utf-8")
    proc = main_cli(command, "--batch", str(questions), "--output", str(tmp_path))
    assert_one_line_error(proc, "cannot write", "is a folder")
    assert proc.returncode == 2


def test_eval_refuses_a_bad_output_before_running(main_cli: InProcess, tmp_path: Path) -> None:  # noqa: F811
    # no index, no models: the output path is refused first, and no stray file is left
    proc = main_cli("eval", "--output", str(tmp_path))
    assert_one_line_error(proc, "is a folder")
    assert_one_line_error(main_cli("eval", "--markdown", "/proc/nope.md"), "/proc/nope.md")
    assert not (tmp_path.parent / f"{tmp_path.name}.tmp").exists()


def test_index_folder_that_is_a_file(tmp_path: Path, main_cli: InProcess) -> None:  # noqa: F811
    a_file = tmp_path / "index-file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="is a file"):
        check_index_dir(a_file)
    proc = main_cli("search", "lake", "--index", str(a_file))
    assert_one_line_error(proc, "index-file is a file")


# -- settings --------------------------------------------------------------------------------
def test_malformed_settings_file(main_cli: InProcess, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "askcorpus.toml").write_text("top_k =\n", encoding="utf-8")
    proc = main_cli("search", "lake")
    assert_one_line_error(proc, "askcorpus.toml is not valid TOML")
    assert proc.returncode == 2


def test_bad_value_is_blamed_on_where_it_came_from(
    main_cli: InProcess,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "askcorpus.toml").write_text('top_k = "abc"\n', encoding="utf-8")
    proc = main_cli("search", "lake")
    assert_one_line_error(proc, "top_k in askcorpus.toml")
    monkeypatch.setenv("ASKCORPUS_TOP_K", "zero")
    assert_one_line_error(main_cli("search", "lake"), "(ASKCORPUS_TOP_K)")
    monkeypatch.delenv("ASKCORPUS_TOP_K")
    (tmp_path / "askcorpus.toml").unlink()
    assert_one_line_error(main_cli("serve", "--port", "99999"), "(--port)")


def test_toml_true_is_no_number(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pydantic import ValidationError

    from askcorpus.settings import Settings

    monkeypatch.chdir(tmp_path)
    (tmp_path / "askcorpus.toml").write_text("top_k = true\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="top_k"):
        Settings()
    (tmp_path / "askcorpus.toml").write_text("names_in_passage = false\ntop_k = 4\n")
    settings = Settings()
    assert settings.names_in_passage is False and settings.top_k == 4


def test_empty_folder_options_are_refused(main_cli: InProcess) -> None:  # noqa: F811
    assert_one_line_error(main_cli("index", "--corpus", "", "--index", "x"), "--corpus is empty")
    assert_one_line_error(main_cli("search", "lake", "--index", " "), "--index is empty")


def test_unknown_setting_names_are_warned(tmp_path: Path) -> None:
    toml = tmp_path / "askcorpus.toml"
    toml.write_text("topk = 3\ntop_k = 4\nTOP_K = 4\n", encoding="utf-8")  # keys read in any case
    env = {"ASKCORPUS_TOPK": "3", "ASKCORPUS_TOP_K": "3", "ASKCORPUS_CACHE_DIR": "x", "HOME": "/"}
    assert unknown_names(env, toml) == ["ASKCORPUS_TOPK", f"{toml}: topk"]
    assert unknown_names({}, tmp_path / "none.toml") == []
    toml.write_text("[askcorpus]\ntop_k = 3\n", encoding="utf-8")  # a table hides its settings
    assert unknown_names({}, toml) == [
        f"{toml}: [askcorpus] (write settings at the top of the file, not under a table)"
    ]
    (tmp_path / "folder.toml").mkdir()
    assert unknown_names({}, tmp_path / "folder.toml") == [
        f"{tmp_path / 'folder.toml'} (a folder, not a file)"
    ]


def test_unknown_setting_warning_on_the_command_line(
    main_cli: InProcess,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASKCORPUS_TOPK", "3")
    proc = main_cli("search", "")
    assert "warning: unknown setting ASKCORPUS_TOPK (ignored)" in proc.stderr


# -- options that would be ignored, batch lines -----------------------------------------------
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["ask", "Where?", "--batch", "q.jsonl"], "not both"),
        (["search", "lake", "--batch", "q.jsonl"], "not both"),
        (["ask", "Where?", "--output", "out.jsonl"], "--output goes with --batch"),
        (["search", "lake", "--output", "out.jsonl"], "--output goes with --batch"),
        (["chat", "--output", "out.jsonl"], "--output goes with --script"),
    ],
)
def test_options_that_would_be_ignored_are_refused(
    main_cli: InProcess,  # noqa: F811
    args: list[str],
    fragment: str,
) -> None:
    assert_one_line_error(main_cli(*args), fragment)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('{"id": 1, "question": null}', '"question" must be a string'),
        ('{"id": 1, "question": 5}', '"question" must be a string'),
        ('{"id": [1], "question": "Where?"}', '"id" must be a string or a number'),
    ],
)
def test_batch_line_of_the_wrong_type(
    main_cli: InProcess,  # noqa: F811
    tmp_path: Path,
    line: str,
    fragment: str,
) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": 0, "question": "Where is the lake?"}\n' + line + "\n")
    proc = main_cli("ask", "--batch", str(batch), "--output", str(tmp_path / "a.jsonl"))
    assert_one_line_error(proc, "q.jsonl:2", fragment)
    assert not (tmp_path / "a.jsonl").exists()  # checked before the first question ran


def test_repeated_batch_ids_are_warned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from askcorpus.cli import _read_jsonl

    batch = tmp_path / "q.jsonl"
    lines = ['{"id": "a", "question": "A?"}', '{"question": "B?"}', '{"id": "a", "question": "C?"}']
    batch.write_text("\n".join(lines) + '\n{"id": 2, "question": "D?"}\n', encoding="utf-8")
    assert [n for n, _ in _read_jsonl(str(batch), "question")] == [1, 2, 3, 4]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2, err
    assert 'id "a" repeats (lines 1, 3)' in err[0] and 'id "2" repeats (lines 2, 4)' in err[1]


def test_empty_batch_and_folder_as_input(main_cli: InProcess, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    assert_one_line_error(main_cli("ask", "--batch", "empty.jsonl"), "holds no lines")
    assert_one_line_error(main_cli("ask", "--batch", str(tmp_path)), "is a folder")


@pytest.mark.parametrize(
    "turns", [[{"q": ""}], [{"q": 5}], [], [{"q": "x" * 5000}], [{"q": "Where?"}, {"q": "  "}]]
)
def test_chat_script_turns_checked_before_any_answer(
    main_cli: InProcess,  # noqa: F811
    tmp_path: Path,
    turns: list[dict[str, object]],
) -> None:
    script = tmp_path / "c.jsonl"
    script.write_text(json.dumps({"id": "c", "turns": turns}) + "\n", encoding="utf-8")
    proc = main_cli("chat", "--script", str(script), "--output", str(tmp_path / "o.jsonl"))
    assert_one_line_error(proc, "c.jsonl:1")
    assert not (tmp_path / "o.jsonl").exists()


# -- the service's port, Ctrl-C ------------------------------------------------------------
def test_taken_port_is_a_config_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            check_port("127.0.0.1", port)
    check_port("127.0.0.1", port)  # free again


def test_interrupt_inside_an_import_is_an_interrupt() -> None:
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as inner:
            raise ImportError("initialization failed") from inner
    except ImportError as exc:
        with pytest.raises(KeyboardInterrupt):
            reraise_interrupt(exc)
    reraise_interrupt(ImportError("No module named onnxruntime"))  # a real one passes through


def test_a_run_that_fails_before_its_first_answer_keeps_the_old_output(
    main_cli: InProcess,  # noqa: F811
    questions: Path,
    tmp_path: Path,
) -> None:
    old = tmp_path / "answers.jsonl"
    old.write_text('{"id": "a", "answer": "kept"}\n', encoding="utf-8")
    # no index here: the run fails when it loads, before any answer is written
    proc = main_cli("ask", "--batch", str(questions), "--output", str(old))
    assert_one_line_error(proc, "no index")
    assert old.read_text(encoding="utf-8") == '{"id": "a", "answer": "kept"}\n'


def test_prompts_found_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from askcorpus.settings import Settings

    monkeypatch.chdir(tmp_path)  # no prompts/ here: the project's own are used
    assert (Settings().prompts_path() / "system.txt").is_file()
    mine = tmp_path / "mine"
    assert Settings(prompts_dir=mine).prompts_path() == mine  # one set on purpose stays
    (tmp_path / "prompts").mkdir()
    assert Settings().prompts_path() == Path("prompts")  # the working folder's own first


def test_model_setting_errors_name_the_setting_and_a_folder(tmp_path: Path) -> None:
    from askcorpus.errors import ModelNotFoundError
    from askcorpus.settings import Settings

    with pytest.raises(ModelNotFoundError, match=r"is a folder.*llm_model"):
        Settings(llm_model=str(tmp_path)).llm_model_path()
    with pytest.raises(ModelNotFoundError, match=r"ASKCORPUS_LLM_MODEL or askcorpus\.toml"):
        Settings(llm_model=str(tmp_path / "nope.gguf")).llm_model_path()


def test_embedding_folder_without_weights_says_so(tmp_path: Path) -> None:
    from askcorpus.embed import SentenceTransformerEmbedder
    from askcorpus.errors import ModelNotFoundError

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match=r"no model weights in .*embed_model"):
        SentenceTransformerEmbedder(tmp_path, backend="onnx")
    (tmp_path / "0_Transformer").mkdir()
    (tmp_path / "0_Transformer" / "pytorch_model.bin").write_bytes(b"")
    assert SentenceTransformerEmbedder(tmp_path, backend="torch").path == tmp_path


def test_outputs_never_touch_a_neighbouring_file(tmp_path: Path) -> None:
    mine = tmp_path / "report.json.tmp"  # a user's own file beside the output
    mine.write_text("keep", encoding="utf-8")
    write_text(tmp_path / "report.json", "{}")
    check_output(tmp_path / "other.json")
    assert mine.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.json.tmp"]
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644


def test_the_checked_answer_is_labelled_only_when_it_replaces_streamed_text() -> None:
    import io
    from types import SimpleNamespace

    from askcorpus.cli_answer import print_answer

    def shown(streamed: str | None, answer: str, abstained: bool = False) -> str:
        out = io.StringIO()
        print_answer(
            SimpleNamespace(answer=answer, abstained=abstained, citations=[]), streamed, out
        )
        return out.getvalue()

    assert shown(None, "Almaty [1].") == "Almaty [1].\n"  # --json-less batch: nothing streamed
    assert shown("", "The corpus does not say.", True) == "The corpus does not say.\n"
    assert shown("Almaty [1].", "Almaty [1].") == "\n"  # what streamed is the answer
    replaced = shown("In London [1].", "The corpus does not say.", True)
    assert replaced == "\nchecked answer: The corpus does not say.\n"


def test_ctrl_c_while_indexing_says_the_work_is_kept(
    main_cli: InProcess,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from askcorpus.runtime import Runtime

    def interrupted(self: Runtime, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Runtime, "build_index", interrupted)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("A lake froze.", encoding="utf-8")
    proc = main_cli("index")
    assert proc.returncode == 130
    assert proc.stderr.splitlines()[-1] == (
        "askcorpus: interrupted (embeddings made so far are kept: run the same command again "
        "to resume)"
    )


# -- batch output: a run stopped early leaves the old file --------------------------------------
def test_batch_output_is_renamed_into_place_only_when_the_run_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a.jsonl"
    partial = tmp_path / "a.jsonl.partial"
    target.write_text("old\n", encoding="utf-8")
    out = _Output(str(target))
    out.write({"id": 1})
    out.abandon()  # Ctrl-C, a crash: the old file stays, the lines made are kept beside it
    assert target.read_text(encoding="utf-8") == "old\n"
    assert partial.read_text(encoding="utf-8") == '{"id": 1}\n'
    err = capsys.readouterr().err
    assert f"1 line(s) written before the stop are in {partial}" in err
    assert f"{target} was not changed" in err
    out = _Output(str(target))
    out.write({"id": 2})
    out.commit()
    assert target.read_text(encoding="utf-8") == '{"id": 2}\n'
    assert not partial.exists()


def test_ctrl_c_during_the_rename_says_where_the_lines_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.jsonl"
    target.write_text("old\n", encoding="utf-8")
    out = _Output(str(target))
    out.write({"id": 1})

    def interrupted(self: Path, other: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        out.commit()
    assert target.read_text(encoding="utf-8") == "old\n"
    err = capsys.readouterr().err
    assert f"1 line(s) written before the stop are in {target}.partial" in err


class _StopsAtSecond:
    """An answerer whose second question is interrupted (Ctrl-C)."""

    def __init__(self) -> None:
        self.asked = 0

    def answer(self, question: str, **_: object) -> object:
        from askcorpus.answer import Answer

        self.asked += 1
        if self.asked == 2:
            raise KeyboardInterrupt
        return Answer(question, question, "An answer.", False, [], {}, "fake")


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_an_interrupted_batch_keeps_the_old_output(
    main_cli: InProcess,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    from askcorpus.runtime import Runtime

    fake = _StopsAtSecond()
    monkeypatch.setattr(Runtime, "answerer", property(lambda self: fake))
    monkeypatch.setattr(Runtime, "load_llm", lambda self: None)
    src = tmp_path / "in.jsonl"
    if command == "ask":
        src.write_text('{"question": "One?"}\n{"question": "Two?"}\n', encoding="utf-8")
        flag = "--batch"
    else:
        src.write_text('{"id": "c", "turns": [{"q": "One?"}, {"q": "Two?"}]}\n', encoding="utf-8")
        flag = "--script"
    out = tmp_path / "out.jsonl"
    out.write_text("earlier answers\n", encoding="utf-8")
    proc = main_cli(command, flag, str(src), "--output", str(out))
    assert proc.returncode == 130
    assert out.read_text(encoding="utf-8") == "earlier answers\n"
    kept = (tmp_path / "out.jsonl.partial").read_text(encoding="utf-8").splitlines()
    assert len(kept) == 1 and json.loads(kept[0])["answer"] == "An answer."
    assert "out.jsonl.partial" in proc.stderr and "interrupted" in proc.stderr


@pytest.mark.parametrize("command", ["ask", "chat", "search"])
def test_batch_output_onto_its_input_is_refused(
    main_cli: InProcess,  # noqa: F811
    tmp_path: Path,
    command: str,
) -> None:
    src = tmp_path / "in.jsonl"
    line = {"ask": '{"question": "One?"}', "search": '{"query": "one"}'}.get(
        command, '{"turns": [{"q": "One?"}]}'
    )
    src.write_text(line + "\n", encoding="utf-8")
    flag = "--script" if command == "chat" else "--batch"
    proc = main_cli(command, flag, str(src), "--output", str(src))
    assert_one_line_error(proc, "is the input file")
    assert src.read_text(encoding="utf-8") == line + "\n"


def test_batch_output_through_a_link_keeps_the_link_and_an_old_mode(tmp_path: Path) -> None:
    import os
    import stat

    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    out = _Output(str(link))  # written through the link, not a file renamed over it
    out.write({"id": 1})
    out.commit()
    assert link.is_symlink() and real.read_text(encoding="utf-8") == '{"id": 1}\n'
    assert not (tmp_path / "link.jsonl.partial").exists()
    out = _Output(str(real))  # renamed into place, with the mode the old file had
    out.write({"id": 2})
    out.commit()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert real.read_text(encoding="utf-8") == '{"id": 2}\n'
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert not _same_file(fifo, fifo)  # `--batch /dev/stdin --output /dev/stdout` on one tty
    assert _same_file(real, tmp_path / "." / "real.jsonl")
