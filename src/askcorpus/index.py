"""The on-disk index: chunks, vectors (FAISS), BM25 counts and a manifest, written atomically.

Layout: `index/CURRENT` names the live generation folder `index/gen-*/`. A build writes a new
generation completely (files, then a manifest with their checksums), then replaces `CURRENT` in
one rename. A crash at any point leaves the previous generation live and loadable.

Files of a generation: `documents.jsonl` (cleaned documents), `chunks.json` (chunk ids and
character offsets as columns; chunk text, title and date come from the document),
`vectors.npy` (the FAISS flat index is rebuilt from it at load: cheaper than storing it twice),
`bm25_counts.npz`, `bm25_vocab.json` and `manifest.json` (settings, a hash per document, a
checksum per file). Every file is read once at load: checksum and parse from the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from askcorpus.bm25 import BM25
from askcorpus.chunk import Chunk, chunk_document
from askcorpus.embed import Embedder
from askcorpus.errors import (
    ConfigError,
    IndexBusyError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    IndexOutdatedError,
)
from askcorpus.load import Document, check_corpus_dir, jsonl_lines, load_corpus

FORMAT = 2
CHUNKER_VERSION = 1
POINTER = "CURRENT"
PARTIAL = ".partial"
EMBED_STEP = 256  # chunks embedded (and checkpointed) per step

Progress = Callable[[int, int], None]


@dataclass
class IndexData:
    """A loaded index generation."""

    path: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    documents: dict[str, Document]
    vectors: np.ndarray
    faiss_index: Any
    bm25: BM25
    # documents.jsonl lines by document id, kept only for incremental builds (search=False):
    # unchanged documents are written back as they were read, not encoded again.
    document_lines: dict[str, str] = field(default_factory=dict)

    @property
    def embed_model(self) -> str:
        """Id of the embedding model the vectors came from."""
        return str(self.manifest["embed_model"])


@dataclass
class BuildSummary:
    """What `build_index` did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    resumed: int = 0
    reused_cleaned: int = 0
    seconds: float = 0.0
    rebuilt_because: str | None = None
    up_to_date: bool = False
    warnings: list[str] = field(default_factory=list)
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return dict(self.__dict__)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durable(path: Path, data: bytes | memoryview) -> None:
    """Write a file and flush it to disk."""
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _refuse_a_file(index_dir: Path) -> None:
    """ConfigError if the index folder's path is taken by something other than a folder."""
    if index_dir.exists() and not index_dir.is_dir():
        raise ConfigError(f"index folder {index_dir} is a file (--index or ASKCORPUS_INDEX_DIR)")


def check_index_dir(index_dir: Path) -> None:
    """ConfigError unless `index_dir` is a folder, or can be made one, that can be written."""
    _refuse_a_file(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot make index folder {index_dir}: {exc.strerror}") from None
    if not os.access(index_dir, os.W_OK):
        raise ConfigError(f"cannot write to index folder {index_dir}: permission denied")


@contextlib.contextmanager
def index_folder(index_dir: Path) -> Iterator[None]:
    """`check_index_dir`; if that made the folder and the work in the block fails, the folder
    is removed again when it is still empty (a checkpoint to resume from stays)."""
    made = not index_dir.exists()
    check_index_dir(index_dir)
    try:
        yield
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                index_dir.rmdir()  # only if empty
        raise


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder, or None if no index was ever published."""
    _refuse_a_file(index_dir)
    pointer = index_dir / POINTER
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    if not name or "/" in name or name.startswith("."):
        raise IndexCorruptError(
            f"index pointer {pointer} is damaged; run `askcorpus index --rebuild`"
        )
    return index_dir / name


def _corrupt(gen: Path, what: str) -> IndexCorruptError:
    return IndexCorruptError(
        f"index at {gen.parent} is corrupt or truncated ({what}); run `askcorpus index --rebuild`"
    )


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """The live manifest; raises IndexMissingError if there is no index."""
    gen = current_generation(index_dir)
    if gen is None:
        if being_built(index_dir):
            raise IndexMissingError(
                f"no index in {index_dir} yet: askcorpus is building it; try again when it ends"
            )
        raise IndexMissingError(f"no index in {index_dir}; run `askcorpus index` first")
    try:
        manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        what = (
            "manifest.json is missing"
            if gen.is_dir()
            else f"{POINTER} names {gen.name}, which is gone"
        )
        raise _corrupt(gen, what) from None
    except (OSError, ValueError) as exc:
        raise _corrupt(gen, f"manifest.json unreadable: {exc}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("format"), int):
        raise _corrupt(gen, "unknown manifest format")
    if manifest["format"] < FORMAT:
        raise IndexOutdatedError(
            f"index at {index_dir} was written by an older askcorpus (format "
            f"{manifest['format']}, now {FORMAT}); run `askcorpus index` to rebuild it"
        )
    if manifest["format"] != FORMAT:
        raise _corrupt(gen, f"unknown manifest format {manifest['format']}")
    return manifest


def check_embedder(manifest: dict[str, Any], embedder: Embedder) -> None:
    """Refuse to mix vectors of different models."""
    if (manifest["embed_model"], manifest["embed_fingerprint"]) != (
        embedder.model_id,
        embedder.fingerprint,
    ):
        raise IndexMismatchError(
            f"index was built with embedding model {manifest['embed_model']} "
            f"({manifest['embed_fingerprint']}) but {embedder.model_id} "
            f"({embedder.fingerprint}) is configured; run `askcorpus index` to re-embed, or set "
            "ASKCORPUS_EMBED_MODEL / ASKCORPUS_EMBED_BACKEND back"
        )


def load_index(index_dir: Path, verify: bool = True, search: bool = True) -> IndexData:
    """Load the live generation, checking every file against the manifest's checksums.

    `search=False` skips building the FAISS index (an incremental build only reuses rows).
    """
    import faiss
    import scipy.sparse as sp

    manifest = read_manifest(index_dir)
    gen = current_generation(index_dir)
    assert gen is not None

    def read(name: str) -> bytes:
        meta = manifest["files"].get(name)
        path = gen / name
        if meta is None or not path.is_file():
            raise _corrupt(gen, f"{name} is missing")
        data = path.read_bytes()
        if verify and (
            len(data) != meta["bytes"] or hashlib.sha256(data).hexdigest() != meta["sha256"]
        ):
            raise _corrupt(gen, f"{name} does not match its checksum")
        return data

    try:
        documents: dict[str, Document] = {}
        lines: dict[str, str] = {}
        for line in jsonl_lines(read("documents.jsonl").decode("utf-8")):
            if not line:
                continue
            doc = Document(**json.loads(line))
            documents[doc.doc_id] = doc
            if not search:
                lines[doc.doc_id] = line
        cols = json.loads(read("chunks.json"))
        chunks = []
        for cid, did, start, end in zip(
            cols["chunk_id"], cols["doc_id"], cols["start"], cols["end"], strict=True
        ):
            d = documents[did]
            chunks.append(Chunk(cid, did, d.title, d.text[start:end], start, end, d.date))
        vectors = np.load(io.BytesIO(read("vectors.npy")), allow_pickle=False)
        counts = sp.load_npz(io.BytesIO(read("bm25_counts.npz")))
        bm25 = BM25.from_parts(counts, json.loads(read("bm25_vocab.json")))
    except (
        OSError,
        ValueError,
        TypeError,
        KeyError,
        RuntimeError,
        AttributeError,
        zipfile.BadZipFile,
    ) as exc:
        raise _corrupt(gen, f"{type(exc).__name__}: {exc}") from None
    n = len(chunks)
    if vectors.shape != (n, manifest["dim"]) or bm25.counts.shape[0] != n:
        raise _corrupt(gen, "row counts of chunks, vectors and BM25 disagree")
    faiss_index = None
    if search:
        faiss_index = faiss.IndexFlatIP(int(manifest["dim"]))
        if n:
            faiss_index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return IndexData(gen, manifest, chunks, documents, vectors, faiss_index, bm25, lines)


def _config(embedder: Embedder, chunk_tokens: int, chunk_overlap: int) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "embed_model": embedder.model_id,
        "embed_fingerprint": embedder.fingerprint,
        "chunk_tokens": chunk_tokens,
        "chunk_overlap": chunk_overlap,
        "chunker_version": CHUNKER_VERSION,
    }


def _check_layout(corpus_dir: Path, index_dir: Path) -> bool:
    """ConfigError if the index folder is the corpus folder or holds it; True if it lies
    inside the corpus (its files are then no documents)."""
    corpus, index = corpus_dir.resolve(), index_dir.resolve()
    if corpus.is_relative_to(index):
        what = "is" if corpus == index else "holds"
        raise ConfigError(
            f"the index folder {index_dir} {what} the corpus folder {corpus_dir}; "
            "give the index a folder of its own (--index or ASKCORPUS_INDEX_DIR)"
        )
    return index.is_relative_to(corpus)


def _check_same_corpus(
    old: dict[str, Any], new: dict[str, Any], corpus_dir: Path, index_dir: Path
) -> bool:
    """ConfigError if the index holds another corpus than `corpus_dir`: indexing would remove
    all of its documents. An index whose recorded corpus folder is gone (the index was copied
    or moved on its own) may take the one given: True then, and `_check_relocated` decides
    once the corpus is read."""
    was = old.get("corpus")
    if was is None or was == new["corpus"]:
        return False
    if not (index_dir.resolve() / was).is_dir():
        return True
    other = os.path.relpath(index_dir.resolve() / was)
    raise ConfigError(
        f"index {index_dir} holds the corpus {other}, not {corpus_dir}: give --corpus {other} "
        f"(or ASKCORPUS_CORPUS_DIR), or --rebuild to replace it with {corpus_dir}"
    )


def _check_relocated(
    old: dict[str, Any], doc_ids: set[str], corpus_dir: Path, index_dir: Path
) -> None:
    """ConfigError unless the corpus given is the index's own, moved: at least half of the
    documents it holds are there (its folder may only be unmounted)."""
    held = set(old.get("documents", {}))
    if held and len(held & doc_ids) * 2 < len(held):
        was = os.path.relpath(index_dir.resolve() / old["corpus"])
        raise ConfigError(
            f"index {index_dir} holds the corpus {was}, which is gone, and {corpus_dir} holds "
            f"few of its documents ({len(held & doc_ids)} of {len(held)}): give --rebuild to "
            f"replace it with {corpus_dir}"
        )


def _rebuild_reason(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    for key, label in (
        ("embed_model", "embedding model"),
        ("embed_fingerprint", "embedding model files"),
        ("chunk_tokens", "chunk size"),
        ("chunk_overlap", "chunk overlap"),
        ("chunker_version", "chunker version"),
    ):
        if old.get(key) != new.get(key):
            return f"{label} changed ({old.get(key)} -> {new.get(key)})"
    return None


class _Checkpoint:
    """Embeddings saved per step while indexing, so an interrupted run resumes, not restarts."""

    def __init__(self, index_dir: Path, fingerprint: str) -> None:
        self.folder = index_dir / PARTIAL / fingerprint

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def load(self) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        if not self.folder.is_dir():
            return found
        for keys_file in self.folder.glob("*.json"):
            vec_file = keys_file.with_suffix(".npy")
            try:
                keys = json.loads(keys_file.read_text(encoding="utf-8"))
                vecs = np.load(vec_file, allow_pickle=False)
            except (OSError, ValueError):
                continue  # a step cut off mid-write: embed it again
            if len(keys) == len(vecs):
                found.update(zip(keys, vecs, strict=True))
        return found

    def save(self, keys: list[str], vecs: np.ndarray) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = self.folder / uuid.uuid4().hex
        np.save(stem.with_suffix(".npy"), vecs)
        tmp = stem.with_suffix(".tmp")
        tmp.write_text(json.dumps(keys), encoding="utf-8")
        os.replace(tmp, stem.with_suffix(".json"))

    def clear(self) -> None:
        shutil.rmtree(self.folder.parent, ignore_errors=True)


def _embed_new(
    embedder: Embedder,
    chunks: list[Chunk],
    checkpoint: _Checkpoint,
    summary: BuildSummary,
    progress: Progress | None,
) -> np.ndarray:
    """Embed chunks longest-first in steps, reusing and writing checkpoints."""
    texts = [c.embed_text() for c in chunks]
    keys = [checkpoint.key(t) for t in texts]
    done = checkpoint.load()
    out: dict[str, np.ndarray] = {k: done[k] for k in keys if k in done}
    summary.resumed = len(out)
    todo = sorted(
        {k: t for k, t in zip(keys, texts, strict=True) if k not in out}.items(),
        key=lambda kv: -len(kv[1]),
    )
    total = len(todo)
    if progress:
        progress(0, total)
    for i in range(0, total, EMBED_STEP):
        step = todo[i : i + EMBED_STEP]
        vecs = embedder.embed_documents([t for _, t in step])
        step_keys = [k for k, _ in step]
        checkpoint.save(step_keys, vecs)
        out.update(zip(step_keys, vecs, strict=True))
        if progress:
            progress(min(i + EMBED_STEP, total), total)
    summary.embedded = total
    if not keys:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([out[k] for k in keys]).astype(np.float32)


def _write_generation(
    index_dir: Path,
    config: dict[str, Any],
    documents: list[Document],
    chunks: list[Chunk],
    vectors: np.ndarray,
    bm25: BM25,
    doc_hashes: dict[str, str],
    same_lines: dict[str, str] | None = None,
) -> Path:
    """Write a complete generation, then switch CURRENT to it in one rename.

    `same_lines`: documents.jsonl lines of documents known to be unchanged, written as given.
    """
    same = same_lines or {}
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    gen = index_dir / f"gen-{stamp}-{uuid.uuid4().hex[:8]}"
    tmp = index_dir / f".tmp-{gen.name}"
    tmp.mkdir()
    docs_text = "".join(
        (same.get(d.doc_id) or json.dumps(d.__dict__, ensure_ascii=False)) + "\n" for d in documents
    ).encode("utf-8")
    cols = {
        "chunk_id": [c.chunk_id for c in chunks],
        "doc_id": [c.doc_id for c in chunks],
        "start": [c.start for c in chunks],
        "end": [c.end for c in chunks],
    }
    vec_buf = io.BytesIO()
    np.save(vec_buf, np.ascontiguousarray(vectors, dtype=np.float32))
    contents: dict[str, bytes | memoryview] = {
        "documents.jsonl": docs_text,
        "chunks.json": json.dumps(cols, ensure_ascii=False).encode("utf-8"),
        "vectors.npy": vec_buf.getbuffer(),
        **bm25.to_bytes(),
    }
    files = {}
    for name, data in contents.items():
        _write_durable(tmp / name, data)
        files[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {
        **config,
        "dim": int(vectors.shape[1]),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "n_documents": len(documents),
        "n_chunks": len(chunks),
        "documents": {
            d.doc_id: {"hash": doc_hashes[d.doc_id], "title": d.title, "date": d.date}
            for d in documents
        },
        "files": files,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    _fsync(tmp / "manifest.json")
    os.replace(tmp, gen)
    _fsync(index_dir)
    pointer_tmp = index_dir / f".{POINTER}.{uuid.uuid4().hex[:8]}"
    pointer_tmp.write_text(gen.name + "\n", encoding="utf-8")
    _fsync(pointer_tmp)
    os.replace(pointer_tmp, index_dir / POINTER)
    _fsync(index_dir)
    return gen


# The names of generation folders this module writes (see _write_generation): nothing else in
# the index folder is ever removed ("gen-ai/" of a user's own is left alone).
_GENERATION = re.compile(r"(?:\.tmp-)?gen-\d{8}T\d{6}-[0-9a-f]{8}")


def _cleanup(index_dir: Path, keep: Path) -> None:
    """Remove superseded generations and leftovers of interrupted builds."""
    for path in index_dir.iterdir():
        if path == keep or path.name == POINTER:
            continue
        if _GENERATION.fullmatch(path.name) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{POINTER}."):
            path.unlink(missing_ok=True)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    chunk_tokens: int,
    chunk_overlap: int,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> BuildSummary:
    """Bring the index in line with the corpus, embedding only new or changed documents.
    One build at a time per index folder: another one running raises IndexBusyError. A
    folder this build made is removed again if it fails with nothing in it."""
    check_corpus_dir(corpus_dir)
    with index_folder(index_dir), _write_lock(index_dir):
        return _build_unlocked(
            corpus_dir, index_dir, embedder, chunk_tokens, chunk_overlap, rebuild, progress
        )


def busy_error(index_dir: Path) -> IndexBusyError:
    """The error for a build refused while another one writes `index_dir`."""
    return IndexBusyError(f"another askcorpus is indexing into {index_dir}; wait for it to finish")


def being_built(index_dir: Path) -> bool:
    """True if a build holds the index folder's lock (see `_write_lock`)."""
    import fcntl

    try:
        fd = os.open(index_dir, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@contextlib.contextmanager
def _write_lock(index_dir: Path) -> Iterator[None]:
    """An exclusive lock on the index folder itself for one build (no lock file; released when
    the process ends, however it ends)."""
    import fcntl

    fd = os.open(index_dir, os.O_RDONLY)
    try:
        for attempt in range(5):  # a reader's look (`being_built`) holds it for a moment
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == 4:
                    raise busy_error(index_dir) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _build_unlocked(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    chunk_tokens: int,
    chunk_overlap: int,
    rebuild: bool,
    progress: Progress | None,
) -> BuildSummary:
    t0 = time.perf_counter()
    inside = _check_layout(corpus_dir, index_dir)
    config = _config(embedder, chunk_tokens, chunk_overlap)
    config["corpus"] = os.path.relpath(corpus_dir.resolve(), index_dir.resolve())

    old: IndexData | None = None
    rebuilt_because = None
    relocating = False
    if rebuild:
        rebuilt_because = "--rebuild requested"
    else:
        try:
            old = load_index(index_dir, search=False)
        except IndexMissingError:
            old = None
        except IndexOutdatedError:
            rebuilt_because = f"index format changed (now {FORMAT})"
        if old is not None:
            relocating = _check_same_corpus(old.manifest, config, corpus_dir, index_dir)
            rebuilt_because = _rebuild_reason(old.manifest, config)
            if rebuilt_because:
                old = None

    # Unchanged input is not cleaned again: its cleaned documents come from the old index.
    known = {d.raw_key: d for d in old.documents.values() if d.raw_key} if old else None
    report = load_corpus(corpus_dir, known, exclude=index_dir if inside else None)
    if relocating and old is not None:
        _check_relocated(old.manifest, {d.doc_id for d in report.documents}, corpus_dir, index_dir)
    summary = BuildSummary(
        warnings=list(report.warnings),
        documents=len(report.documents),
        rebuilt_because=rebuilt_because,
        reused_cleaned=report.reused,
    )

    old_rows: dict[str, list[int]] = {}
    old_hashes: dict[str, str] = {}
    if old is not None:
        for row, c in enumerate(old.chunks):
            old_rows.setdefault(c.doc_id, []).append(row)
        old_hashes = {k: v["hash"] for k, v in old.manifest["documents"].items()}

    new_ids = {d.doc_id for d in report.documents}
    summary.removed = len([d for d in old_hashes if d not in new_ids])
    # A document reused by its input key is the very document the old index holds: its hash
    # and its documents.jsonl line are the old ones (hashing and encoding 35 MB of text again
    # would cost about a second).
    same_input = {d.doc_id for d in report.documents if known and d.raw_key in known}
    doc_hashes = {
        d.doc_id: old_hashes[d.doc_id]
        if d.doc_id in same_input and d.doc_id in old_hashes
        else d.content_hash
        for d in report.documents
    }
    reuse: dict[str, bool] = {}
    for d in report.documents:
        if d.doc_id not in old_hashes:
            summary.added += 1
        elif old_hashes[d.doc_id] != doc_hashes[d.doc_id]:
            summary.changed += 1
        else:
            summary.unchanged += 1
            reuse[d.doc_id] = True

    # Documents cleaned afresh (new loader code) get their new input keys saved, so the next
    # run can reuse them: then the generation is rewritten even though nothing changed.
    stale_keys = old is not None and any(
        old.documents[d.doc_id].raw_key != d.raw_key
        for d in report.documents
        if d.doc_id in old.documents
    )
    # An index copied away from its corpus records where the corpus is now.
    relocated = old is not None and old.manifest.get("corpus") != config["corpus"]
    changed = summary.added or summary.changed or summary.removed or stale_keys or relocated
    if old is not None and not changed:
        _Checkpoint(index_dir, embedder.fingerprint).clear()  # of a run given up on, if any
        summary.up_to_date = True
        summary.chunks = len(old.chunks)
        summary.path = str(old.path)
        summary.seconds = time.perf_counter() - t0
        return summary

    # Chunk what is new, in corpus order; unchanged documents keep their rows.
    chunks: list[Chunk] = []
    fresh: list[Chunk] = []
    plan: list[tuple[bool, int]] = []  # (reused, row in old index or in `fresh`)
    max_tokens = 0
    # A renamed or moved file: the same content under a new id keeps its passages' vectors.
    gone = {h: doc_id for doc_id, h in old_hashes.items() if doc_id not in new_ids}
    for d in report.documents:
        if reuse.get(d.doc_id) and old is not None:
            for row in old_rows.get(d.doc_id, []):
                chunks.append(old.chunks[row])
                plan.append((True, row))
            continue
        moved = gone.pop(doc_hashes[d.doc_id], None) if d.doc_id not in old_hashes else None
        if moved is not None and old is not None:
            for row in old_rows.get(moved, []):
                c = old.chunks[row]
                n = c.chunk_id.rsplit("#", 1)[1]
                chunks.append(replace(c, chunk_id=f"{d.doc_id}#{n}", doc_id=d.doc_id))
                plan.append((True, row))
            continue
        if not max_tokens:  # loads the model: only when something needs chunking
            max_tokens = min(chunk_tokens, embedder.max_tokens)
        # An edited document: its passages whose text is unchanged keep their vectors (an
        # appended paragraph embeds the last passage or two, not the whole article).
        kept: dict[str, int] = {}
        if old is not None:
            kept = {old.chunks[r].embed_text(): r for r in old_rows.get(d.doc_id, [])}
        for c in chunk_document(d, embedder.token_spans, max_tokens, chunk_overlap):
            chunks.append(c)
            if (same := kept.get(c.embed_text())) is not None:
                plan.append((True, same))
            else:
                plan.append((False, len(fresh)))
                fresh.append(c)

    checkpoint = _Checkpoint(index_dir, embedder.fingerprint)
    new_vecs = _embed_new(embedder, fresh, checkpoint, summary, progress)
    dim = new_vecs.shape[1] if len(fresh) else old.vectors.shape[1] if old else embedder.dim
    old_pos = np.asarray([i for i, (reused, _) in enumerate(plan) if reused], dtype=np.int64)
    old_src = np.asarray([r for reused, r in plan if reused], dtype=np.int64)
    new_pos = np.asarray([i for i, (reused, _) in enumerate(plan) if not reused], dtype=np.int64)
    new_src = np.asarray([r for reused, r in plan if not reused], dtype=np.int64)
    vectors = np.zeros((len(chunks), dim), dtype=np.float32)
    if old is not None and len(old_pos):
        vectors[old_pos] = old.vectors[old_src]
    if len(new_pos):
        vectors[new_pos] = new_vecs[new_src]

    # BM25: old count rows are reused, only new chunks are tokenized.
    lexical = BM25.empty() if old is None else BM25(old.bm25.counts, dict(old.bm25.vocab))
    new_counts = lexical.count_rows([c.embed_text() for c in fresh])
    n_old = lexical.counts.shape[0]
    stacked = BM25.assemble([lexical.counts, new_counts], lexical.vocab).counts
    perm = np.asarray([r if reused else n_old + r for reused, r in plan], dtype=np.int64)
    final_bm25 = BM25(stacked[perm], lexical.vocab)

    same_lines = (
        {i: old.document_lines[i] for i in same_input if i in old.document_lines} if old else {}
    )
    gen = _write_generation(
        index_dir, config, report.documents, chunks, vectors, final_bm25, doc_hashes, same_lines
    )
    checkpoint.clear()
    _cleanup(index_dir, gen)
    summary.chunks = len(chunks)
    summary.path = str(gen)
    summary.seconds = time.perf_counter() - t0
    return summary
