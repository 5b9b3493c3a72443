"""The `askcorpus` command's error handling (no model is loaded in any of these tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from askcorpus.embed import backend_fingerprint, model_fingerprint, model_identity
from askcorpus.index import build_index, current_generation
from askcorpus.settings import Settings
from fakes import FakeEmbedder, write_corpus


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ASKCORPUS_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "askcorpus.cli", *args],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert proc.returncode != 0, proc
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("askcorpus: error:")]
    assert len(errors) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])
    return errors[0]


class InProcess:
    """Runs `askcorpus.cli.main` in this process (cheaper than a subprocess) from tmp_path."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        from askcorpus import cli

        self.capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = self.capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)


@pytest.fixture
def main_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> InProcess:
    monkeypatch.chdir(tmp_path)
    return InProcess(capsys)


@pytest.fixture(scope="module")
def bundled_identity() -> tuple[str, str]:
    """model_id and fingerprint of the bundled embedding model under the default backend, read
    without loading it."""
    settings = Settings()
    path, backend = settings.embed_model_path(), settings.embed_backend
    name = model_identity(path)
    model_id = name if backend == "torch" else f"{name} [{backend}]"
    return model_id, backend_fingerprint(model_fingerprint(path), backend)


@pytest.fixture
def index_as_bundled_model(tmp_path: Path, bundled_identity) -> Path:
    """An index the CLI accepts as built by the bundled model (built with the fake one)."""
    model_id, fingerprint = bundled_identity
    corpus = write_corpus(tmp_path / "corpus")
    build_index(corpus, tmp_path / "index", FakeEmbedder(model_id, fingerprint), 32, 0)
    return tmp_path / "index"


def test_help_works(tmp_path: Path) -> None:
    proc = run_cli("--help", cwd=tmp_path)
    assert proc.returncode == 0
    assert "usage: askcorpus" in proc.stdout
    for command in ("index", "search"):
        assert command in proc.stdout
    sub = run_cli("search", "--help", cwd=tmp_path)
    assert sub.returncode == 0 and "--batch" in sub.stdout and "-k" in sub.stdout


def test_version(main_cli: InProcess) -> None:
    proc = main_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("askcorpus ")


def test_parser_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import askcorpus.cli as cli\n"
        "cli.build_parser().parse_args(['search', 'x'])\n"
        "heavy = ['torch', 'sentence_transformers', 'transformers', 'llama_cpp']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_index_missing_corpus_folder(tmp_path: Path) -> None:
    proc = run_cli(
        "index",
        "--corpus",
        str(tmp_path / "nope"),
        "--index",
        str(tmp_path / "index"),
        cwd=tmp_path,
    )
    assert_one_line_error(proc, "corpus folder not found", "nope")
    assert proc.returncode == 3
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_index_default_corpus_missing_in_cwd(main_cli: InProcess) -> None:
    proc = main_cli("index")
    assert_one_line_error(proc, "corpus folder not found")


def test_index_corpus_without_readable_documents(main_cli: InProcess, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"a.bin.txt": b"\x00\x00binary", "b.pdf": b"%PDF"})
    proc = main_cli("index", "--corpus", str(corpus), "--index", str(tmp_path / "i"))
    # what was there and why it was not read is named; the index folder made for it is gone
    assert_one_line_error(proc, "no readable documents", "skipped a.bin.txt: binary file")
    assert not (tmp_path / "i").exists()


def test_search_without_index_says_to_run_index(tmp_path: Path) -> None:
    proc = run_cli("search", "where is the lake?", "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert_one_line_error(proc, "no index", "askcorpus index")
    assert proc.returncode == 4


def test_search_empty_query(index_as_bundled_model: Path, tmp_path: Path) -> None:
    proc = run_cli("search", "", "--index", str(index_as_bundled_model), cwd=tmp_path)
    assert_one_line_error(proc, "empty")
    assert proc.returncode == 2


def test_search_blank_query(main_cli: InProcess, index_as_bundled_model: Path) -> None:
    proc = main_cli("search", " \u200b\t", "--index", str(index_as_bundled_model))
    assert_one_line_error(proc, "the query is empty")
    assert proc.returncode == 2


def test_search_without_query_or_batch(main_cli: InProcess) -> None:
    proc = main_cli("search")
    assert_one_line_error(proc, "QUERY", "--batch")


def test_search_k_zero_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("search", "lake", "-k", "0", cwd=tmp_path)
    assert proc.returncode == 2
    assert_one_line_error(proc, "argument -k", "(see `askcorpus search --help`)")
    assert "usage:" not in proc.stderr


@pytest.mark.parametrize("k", ["-1", "101", "abc", "2.5"])
def test_search_bad_k_values(main_cli: InProcess, k: str) -> None:
    proc = main_cli("search", "lake", "-k", k)
    assert proc.returncode == 2
    assert_one_line_error(proc, "argument -k")


def test_search_bad_date_is_a_usage_error(main_cli: InProcess) -> None:
    proc = main_cli("search", "lake", "--date-from", "2024-13-45")
    assert proc.returncode == 2
    assert "not a date" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_env_setting(tmp_path: Path) -> None:
    proc = run_cli("search", "lake", cwd=tmp_path, env={"ASKCORPUS_TOP_K": "abc"})
    assert_one_line_error(proc, "top_k", "ASKCORPUS_TOP_K")
    assert proc.returncode == 2


def test_bad_env_setting_for_index(main_cli: InProcess, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASKCORPUS_TOP_K", "abc")
    proc = main_cli("index")
    assert_one_line_error(proc, "top_k", "ASKCORPUS_TOP_K")
    assert proc.returncode == 2


def test_out_of_range_env_setting(main_cli: InProcess, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASKCORPUS_CHUNK_TOKENS", "5000")
    proc = main_cli("search", "lake")
    assert_one_line_error(proc, "ASKCORPUS_CHUNK_TOKENS")


def test_batch_with_missing_file(tmp_path: Path) -> None:
    proc = run_cli("search", "--batch", str(tmp_path / "queries.jsonl"), cwd=tmp_path)
    assert_one_line_error(proc, "input file not found", "queries.jsonl")
    assert proc.returncode == 2


def test_batch_with_malformed_line(
    main_cli: InProcess, index_as_bundled_model: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": 1, "question": "wrong field"}\n', encoding="utf-8")
    proc = main_cli("search", "--batch", str(batch), "--index", str(index_as_bundled_model))
    assert_one_line_error(proc, "q.jsonl:1", '"query"')


def test_batch_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    from askcorpus.cli import _read_jsonl

    batch = tmp_path / "q.jsonl"
    batch.write_text('\ufeff{"id": "a", "query": "lake"}\n', encoding="utf-8")
    assert _read_jsonl(str(batch), "query") == [(1, {"id": "a", "query": "lake"})]


def test_index_of_other_model_refused(main_cli: InProcess, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    build_index(corpus, tmp_path / "index", FakeEmbedder(), 32, 0)
    proc = main_cli("search", "lake", "--index", str(tmp_path / "index"))
    line = assert_one_line_error(proc, "fake/bag-of-words", "askcorpus index")
    assert "all-MiniLM-L6-v2" in line
    assert proc.returncode == 6


def test_corrupt_index_reported(main_cli: InProcess, index_as_bundled_model: Path) -> None:
    vec = current_generation(index_as_bundled_model) / "vectors.npy"
    vec.write_bytes(vec.read_bytes()[:64])
    proc = main_cli("search", "lake", "--index", str(index_as_bundled_model))
    assert_one_line_error(proc, "corrupt", "--rebuild")
    assert proc.returncode == 5


def test_chat_reports_a_broken_model_before_its_prompt(
    index_as_bundled_model: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    proc = run_cli(
        "chat",
        "--index",
        str(index_as_bundled_model),
        cwd=tmp_path,
        env={"ASKCORPUS_LLM_MODEL": str(bad), "HF_HUB_OFFLINE": "1"},
        stdin="Where is the lake?\n",
    )
    assert_one_line_error(proc, "cannot load LLM", "broken.gguf")
    assert "you>" not in proc.stdout + proc.stderr


def test_search_batch_from_a_pipe_and_an_unknown_doc_warned(
    main_cli: InProcess, index_as_bundled_model: Path, tmp_path: Path
) -> None:
    proc = run_cli(
        "search",
        "--batch",
        "/dev/stdin",
        "--index",
        str(index_as_bundled_model),
        cwd=tmp_path,
        env={"HF_HUB_OFFLINE": "1"},
        stdin='{"id": 1, "text": "lake"}\n',
    )
    assert_one_line_error(proc, '/dev/stdin:1: each line needs a "query" field')  # it was read
    idx = str(index_as_bundled_model)
    proc = main_cli("search", "lake", "--doc", "nope.txt", "--index", idx)
    assert "askcorpus: warning: no document nope.txt in the index\n" in proc.stderr
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"query": "lake"}\n', encoding="utf-8")
    proc = main_cli("search", "--batch", str(queries), "--doc", "nope.txt", "--index", idx)
    assert "askcorpus: warning: no document nope.txt in the index\n" in proc.stderr  # a batch too
    # given as a path, or misspelt: the id it may mean is named
    for given in ("corpus/alpha.txt", "./alpha.txt", "alpah.txt"):
        proc = main_cli("search", "lake", "--doc", given, "--index", idx)
        assert f"no document {given} in the index; did you mean alpha.txt?" in proc.stderr


def test_show_prints_what_citation_offsets_point_into(
    main_cli: InProcess, index_as_bundled_model: Path
) -> None:
    from askcorpus.index import load_index

    idx = str(index_as_bundled_model)
    data = load_index(index_as_bundled_model)
    doc = data.documents["alpha.txt"]
    proc = main_cli("show", "alpha.txt", "--index", idx)
    assert proc.returncode == 0 and proc.stdout.endswith(doc.text + "\n")
    assert proc.stdout.startswith(f"{doc.title}  [alpha.txt]")
    chunk = next(c for c in data.chunks if c.doc_id == "alpha.txt")
    proc = main_cli("show", chunk.chunk_id, "--index", idx)  # a citation's chunk_id
    assert proc.stdout.endswith(doc.text[chunk.start : chunk.end] + "\n")
    assert f"passage {chunk.chunk_id}, characters {chunk.start}-{chunk.end}" in proc.stdout
    proc = main_cli("show", "alpha.txt", "--start", "3", "--end", "11", "--json", "--index", idx)
    record = json.loads(proc.stdout)
    assert record["text"] == doc.text[3:11] and record["chars"] == len(doc.text)
    assert record["meta"] == doc.meta and (record["start"], record["end"]) == (3, 11)
    proc = main_cli("show", "alpah.txt", "--index", idx)
    assert_one_line_error(proc, "no document or passage alpah.txt", "did you mean alpha.txt?")
    proc = main_cli("show", "alpha.txt", "--start", "5", "--end", "99999", "--index", idx)
    assert_one_line_error(proc, "--end 99999 is past the end of alpha.txt", f"{len(doc.text)} ch")
    proc = main_cli("show", chunk.chunk_id, "--start", str(chunk.end), "--index", idx)
    assert_one_line_error(  # only what was given is named, with the passage's own range
        proc, f"--start {chunk.end} gives no characters", f"is {chunk.start}-{chunk.end}"
    )
    assert_one_line_error(main_cli("show", "alpha.txt", "--end", "-2"), "must be 0 or more")
