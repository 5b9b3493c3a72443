"""Embedding models behind a small interface; sentence-transformers loaded lazily, offline."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from askcorpus.errors import EMBED_SETTING, ModelNotFoundError

if TYPE_CHECKING:
    from askcorpus.settings import Settings

_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.onnx", "openvino_model.bin")

# How passages are embedded. "torch" runs the sentence-transformers model as shipped; "onnx" runs
# the same weights exported once to ONNX (fp32) under onnxruntime, without importing torch (much
# quicker start, less memory; same vectors to 1e-6); "onnx-int8" also quantises the MatMul
# weights to int8 (vectors differ slightly: cosine >= 0.99; little faster than fp32 on CPUs
# without VNNI instructions, such as the 2-core AMD EPYC measured in bench/). The ONNX files
# are exported from the local model folder and cached in a user-writable folder, never in the
# model folder. Each backend has its own fingerprint, so an index is never mixed across them.
BACKENDS = ("torch", "onnx", "onnx-int8")
ONNX_EXPORT_VERSION = 2  # bump when the export recipe changes: cached ONNX files renew
# Bump when exported vectors change: indexes renew. (Export v2 added the token output; the
# sentence vectors are those of v1, so indexes built with v1 stay valid.)
VECTOR_VERSION = 1


@dataclass
class TokenVectors:
    """Contextual vectors of one text's tokens (special tokens left out), L2-normalised, with
    the character span of each token in the text."""

    spans: list[tuple[int, int]]
    vectors: np.ndarray  # (tokens, dim) float32


class Embedder(Protocol):
    """What the indexer and retriever need from an embedding model."""

    model_id: str
    fingerprint: str

    @property
    def dim(self) -> int:
        """Vector dimension."""
        ...

    @property
    def max_tokens(self) -> int:
        """Tokens the model reads per text, not counting special tokens."""
        ...

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Character span of each token of each text (no special tokens)."""
        ...

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """L2-normalised float32 vector for one query."""
        ...

    def embed_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Contextual token vectors of each text (for word-level matching)."""
        ...


def reraise_interrupt(exc: BaseException) -> None:
    """Raise KeyboardInterrupt if `exc` came of one: Ctrl-C while a compiled extension
    initialises surfaces as an ImportError (pybind11 wraps it), which is no missing package."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, KeyboardInterrupt):
            raise KeyboardInterrupt from exc
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__


def model_fingerprint(path: Path) -> str:
    """Hash of a model folder's config files and weight sizes (cheap, no model load)."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(path)):
        full = path / name
        if name.endswith(".json") and full.is_file():
            h.update(name.encode())
            h.update(full.read_bytes())
    for sub in ("", "onnx", "openvino"):
        for name in _WEIGHT_FILES:
            full = path / sub / name
            if full.is_file():
                h.update(f"{sub}/{name}:{full.stat().st_size}".encode())
    return h.hexdigest()[:16]


def backend_fingerprint(base: str, backend: str) -> str:
    """Fingerprint of a model run by a backend (the torch one keeps the plain fingerprint)."""
    if backend == "torch":
        return base
    tag = f"{base}:{backend}:export-v{VECTOR_VERSION}"
    return hashlib.sha256(tag.encode()).hexdigest()[:16]


def cache_root() -> Path:
    """User-writable cache folder (ASKCORPUS_CACHE_DIR, else $XDG_CACHE_HOME/askcorpus)."""
    env = os.environ.get("ASKCORPUS_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "askcorpus"


def model_identity(path: Path) -> str:
    """A readable id for a local model folder."""
    readme = path / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8", errors="replace").splitlines()[:40]:
            if line.startswith("# "):
                name = line[2:].strip()
                if name and len(name) < 100:
                    return name if "/" in name else f"sentence-transformers/{name}"
    cfg = path / "config.json"
    if cfg.is_file():
        name = json.loads(cfg.read_text(encoding="utf-8")).get("_name_or_path")
        if isinstance(name, str) and name and not name.startswith("/"):
            return name
    return path.name


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class OnnxLayout:
    """What the ONNX backend needs to know about a sentence-transformers folder.

    Supported: a Transformer module followed by Pooling (mean or CLS) and optionally Normalize,
    which covers the bundled all-MiniLM-L6-v2 and most sentence-transformers text models.
    """

    def __init__(self, path: Path) -> None:
        modules = []
        try:
            modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            modules = []
        kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
        if not modules:  # a plain transformers folder: mean pooling, as sentence-transformers does
            kinds, modules = ["Transformer", "Pooling"], [{"path": ""}, {"path": ""}]
        if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
            raise ModelNotFoundError(
                f"the onnx embedding backends support Transformer+Pooling(+Normalize) models, not "
                f"{'+'.join(kinds)} ({path}); set ASKCORPUS_EMBED_BACKEND=torch"
            )
        self.transformer_dir = path / str(modules[0].get("path", ""))
        st_cfg = _read_json(self.transformer_dir / "sentence_bert_config.json")
        hf_cfg = _read_json(self.transformer_dir / "config.json")
        pool = _read_json(path / str(modules[1].get("path", "")) / "config.json")
        if pool.get("pooling_mode_cls_token"):
            self.pooling = "cls"
        elif pool.get("pooling_mode_mean_tokens", True) and not any(
            pool.get(k)
            for k in (
                "pooling_mode_max_tokens",
                "pooling_mode_mean_sqrt_len_tokens",
                "pooling_mode_weightedmean_tokens",
                "pooling_mode_lasttoken",
            )
        ):
            self.pooling = "mean"
        else:
            raise ModelNotFoundError(
                f"the onnx embedding backends support mean or CLS pooling only ({path}); "
                "set ASKCORPUS_EMBED_BACKEND=torch"
            )
        limit = int(hf_cfg.get("max_position_embeddings", 512))
        self.max_seq_length = min(int(st_cfg.get("max_seq_length") or limit), limit)
        self.lower_case = bool(st_cfg.get("do_lower_case", False))
        self.dim = int(pool.get("word_embedding_dimension") or hf_cfg.get("hidden_size", 0))
        self.tokenizer_file = self.transformer_dir / "tokenizer.json"
        if not self.tokenizer_file.is_file():
            raise ModelNotFoundError(
                f"the onnx embedding backends need a fast tokenizer file {self.tokenizer_file}; "
                "set ASKCORPUS_EMBED_BACKEND=torch"
            )


def export_onnx(layout: OnnxLayout, dest: Path, quantize: bool) -> None:
    """Export the model to ONNX, optionally int8-quantised: outputs `embedding` (pooled,
    L2-normalised) and `tokens` (the last hidden state, one vector per token).

    Needs torch, transformers and onnx (export) and onnxruntime (quantisation); runs once per
    model and backend, offline from the local folder. The file appears atomically.
    """
    import tempfile

    import torch
    from transformers import AutoModel

    class _Sentence(torch.nn.Module):
        def __init__(self, model: Any, pooling: str) -> None:
            super().__init__()
            self.model = model
            self.pooling = pooling

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            if self.pooling == "cls":
                vec = hidden[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                vec = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(vec, p=2.0, dim=1), hidden

    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a one-off export shows the index's bar, not its own
    try:
        model = AutoModel.from_pretrained(
            str(layout.transformer_dir), local_files_only=True, attn_implementation="eager"
        ).eval()
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    wrapper = _Sentence(model, layout.pooling)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".export-") as tmp:
        fp32 = Path(tmp) / "model.onnx"
        dummy = torch.ones((2, 8), dtype=torch.long)
        axes = {"batch": 0, "seq": 1}
        dyn = {
            name: {v: k for k, v in axes.items()}
            for name in ("input_ids", "attention_mask", "token_type_ids")
        }
        # The tracer and exporter warn about how they lower Python branches and advanced
        # indexing (a fixed graph for a fixed model: the export is checked against the torch
        # vectors in the tests); the warnings are not for users, who would see them once.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                wrapper,
                (dummy, dummy, torch.zeros_like(dummy)),
                str(fp32),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["embedding", "tokens"],
                dynamic_axes={**dyn, "embedding": {0: "batch"}, "tokens": {0: "batch", 1: "seq"}},
                opset_version=17,
                dynamo=False,
            )
        out = _fuse_transformer(fp32, layout)
        if quantize:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            # Per-channel int8 weights of the MatMul nodes (per-tensor int8 lost accuracy:
            # cosine to fp32 down to 0.90 on SQuAD paragraphs, per-channel keeps >= 0.99).
            quantized = Path(tmp) / "model-int8.onnx"
            quantize_dynamic(
                str(out),
                str(quantized),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
            out = quantized
        os.replace(out, dest)


def _fuse_transformer(model: Path, layout: OnnxLayout) -> Path:
    """Fuse attention, LayerNorm and GELU nodes with onnxruntime's transformer optimizer.

    Same results (cosine 1.0 to the unfused graph), fewer and faster kernels. Models the
    optimizer does not know are left as exported.
    """
    cfg = _read_json(layout.transformer_dir / "config.json")
    if cfg.get("model_type") != "bert":
        return model
    try:
        from onnxruntime.transformers import optimizer

        fused = optimizer.optimize_model(
            str(model),
            model_type="bert",
            num_heads=int(cfg.get("num_attention_heads", 0)),
            hidden_size=int(cfg.get("hidden_size", 0)),
            opt_level=1,
        )
        out = model.with_name("model-fused.onnx")
        fused.save_model_to_file(str(out))
        return out
    except Exception:  # an optimizer failure only costs speed: keep the plain export
        return model


class _OnnxEncoder:
    """Tokenizer plus onnxruntime session: texts in, L2-normalised vectors out."""

    def __init__(self, path: Path, layout: OnnxLayout, quantize: bool, threads: int) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from tokenizers import Tokenizer

        base = model_fingerprint(path)
        kind = "int8" if quantize else "fp32"
        self.file = cache_root() / "onnx" / f"{base}-{kind}-v{ONNX_EXPORT_VERSION}.onnx"
        if not self.file.is_file():
            try:
                export_onnx(layout, self.file, quantize)
                for stale in self.file.parent.glob(f"{base}-{kind}-v*.onnx"):
                    if stale != self.file:  # an older export recipe's file
                        with contextlib.suppress(OSError):
                            stale.unlink()
            except ImportError as exc:
                reraise_interrupt(exc)
                raise ModelNotFoundError(
                    f"exporting the embedding model to ONNX needs {exc.name}; install "
                    "onnxruntime and onnx, or set ASKCORPUS_EMBED_BACKEND=torch"
                ) from exc
            except Exception as exc:  # export of an unusual architecture
                raise ModelNotFoundError(
                    f"cannot export {path} to ONNX ({type(exc).__name__}: {exc}); "
                    "set ASKCORPUS_EMBED_BACKEND=torch"
                ) from exc
        try:
            import onnxruntime as ort
        except ImportError as exc:
            reraise_interrupt(exc)
            if importlib.util.find_spec("onnxruntime") is not None:
                raise ModelNotFoundError(
                    f"onnxruntime is installed but failed to load ({exc}); "
                    "set ASKCORPUS_EMBED_BACKEND=torch"
                ) from exc
            raise ModelNotFoundError(
                "embed_backend onnx needs onnxruntime (pip install onnxruntime), "
                "or set ASKCORPUS_EMBED_BACKEND=torch"
            ) from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(
                str(self.file), opts, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # a damaged cache file: export again once
            self.file.unlink(missing_ok=True)
            raise ModelNotFoundError(
                f"cannot load cached ONNX model {self.file} ({type(exc).__name__}); it was "
                "removed and will be exported again on the next run"
            ) from exc
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.layout = layout
        self.spans = Tokenizer.from_file(str(layout.tokenizer_file))
        self.spans.no_truncation()
        self.spans.no_padding()
        self.tok = Tokenizer.from_file(str(layout.tokenizer_file))
        self.tok.enable_truncation(layout.max_seq_length)
        pad_id = self.tok.token_to_id("[PAD]")
        self.tok.enable_padding(pad_id=pad_id if pad_id is not None else 0)

    def _feed(self, texts: Sequence[str]) -> tuple[list[Any], dict[str, np.ndarray]]:
        """Tokenised batch (padded) and the session inputs for it."""
        if self.layout.lower_case:
            texts = [t.lower() for t in texts]
        enc = self.tok.encode_batch(list(texts))
        feed = {
            "input_ids": np.asarray([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.asarray([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.asarray([e.type_ids for e in enc], dtype=np.int64),
        }
        return enc, {k: v for k, v in feed.items() if k in self.inputs}

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.layout.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            _, feed = self._feed([texts[i] for i in rows])
            out[rows] = self.session.run(["embedding"], feed)[0]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        enc, feed = self._feed(texts)
        hidden = self.session.run(["tokens"], feed)[0]
        out = []
        for e, h in zip(enc, hidden, strict=True):
            keep = [
                i
                for i, (mask, special) in enumerate(
                    zip(e.attention_mask, e.special_tokens_mask, strict=True)
                )
                if mask and not special
            ]
            out.append(_token_vectors([e.offsets[i] for i in keep], h[keep]))
        return out


def _token_vectors(spans: Sequence[tuple[int, int]], hidden: np.ndarray) -> TokenVectors:
    vecs = np.asarray(hidden, dtype=np.float32).reshape(len(spans), hidden.shape[-1])
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return TokenVectors([(int(a), int(b)) for a, b in spans], vecs / np.maximum(norms, 1e-12))


class SentenceTransformerEmbedder:
    """A local sentence-transformers model, loaded on first use, run by torch or onnxruntime."""

    def __init__(
        self, path: Path, batch_size: int = 64, threads: int = 0, backend: str = "torch"
    ) -> None:
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise ModelNotFoundError(
                f"not a sentence-transformers model folder: {path} ({EMBED_SETTING})"
            )
        if not any(next(path.rglob(name), None) for name in _WEIGHT_FILES):
            raise ModelNotFoundError(
                f"no model weights in {path} (model.safetensors or pytorch_model.bin; "
                f"{EMBED_SETTING})"
            )
        if backend not in BACKENDS:
            raise ValueError(f"unknown embedding backend {backend!r}; use one of {BACKENDS}")
        self.path = path
        self.batch_size = batch_size
        self.threads = threads
        self.backend = backend
        name = model_identity(path)
        self.model_id = name if backend == "torch" else f"{name} [{backend}]"
        self.fingerprint = backend_fingerprint(model_fingerprint(path), backend)
        self._layout = OnnxLayout(path) if backend != "torch" else None
        self._model: Any = None
        self._onnx: _OnnxEncoder | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> SentenceTransformerEmbedder:
        """Build from settings (bundled model unless ASKCORPUS_EMBED_MODEL is set)."""
        return cls(
            settings.embed_model_path(),
            batch_size=settings.embed_batch_size,
            threads=settings.threads(settings.embed_threads),
            backend=getattr(settings, "embed_backend", "torch"),
        )

    @property
    def model(self) -> Any:
        """The loaded SentenceTransformer (loaded once; torch backend)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    @property
    def onnx(self) -> _OnnxEncoder:
        """The onnxruntime encoder (exported once, then loaded from the cache)."""
        if self._onnx is None:
            with self._lock:
                if self._onnx is None:
                    assert self._layout is not None
                    self._onnx = _OnnxEncoder(
                        self.path, self._layout, self.backend == "onnx-int8", self.threads
                    )
        return self._onnx

    def _load(self) -> Any:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer

        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            return SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many types for a bad folder
            raise ModelNotFoundError(
                f"cannot load embedding model {self.path}: {type(exc).__name__}: {exc}"
            ) from exc

    @property
    def dim(self) -> int:
        """Vector dimension."""
        if self._layout is not None and self._layout.dim:
            return self._layout.dim
        get_dim = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        return int(get_dim())

    @property
    def max_tokens(self) -> int:
        """Tokens the model reads per text, not counting its special tokens."""
        if self._layout is not None:
            return self._layout.max_seq_length - 2
        return int(self.model.max_seq_length) - 2

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Character span of every token, from the model's own (fast) tokenizer."""
        if not texts:
            return []
        if self._layout is not None:
            encs = self.onnx.spans.encode_batch(list(texts), add_special_tokens=False)
            return [[(int(s), int(e)) for s, e in enc.offsets] for enc in encs]
        enc = self.model.tokenizer(
            list(texts),
            add_special_tokens=False,
            return_offsets_mapping=True,
            truncation=False,
            verbose=False,
        )
        return [[(int(s), int(e)) for s, e in offs] for offs in enc["offset_mapping"]]

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Embed passages in length-sorted batches; rows are L2-normalised."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._layout is not None:
            return self.onnx.encode(list(texts), self.batch_size)
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query."""
        if self._layout is not None:
            return self.onnx.encode([text], 1)[0]
        vec = self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vec[0], dtype=np.float32)

    def embed_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Contextual vectors of each text's tokens (truncated as for embedding), one batch."""
        if not texts:
            return []
        if self._layout is not None:
            return self.onnx.tokens(texts)
        model = self.model
        enc = model.tokenizer(
            list(texts),
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            truncation=True,
            max_length=int(model.max_seq_length),
            verbose=False,
        )
        hidden = model.encode(list(texts), output_value="token_embeddings", convert_to_numpy=False)
        out = []
        for offsets, special, h in zip(
            enc["offset_mapping"], enc["special_tokens_mask"], hidden, strict=True
        ):
            keep = [i for i, sp in enumerate(special) if not sp]  # same truncation as encode
            out.append(_token_vectors([offsets[i] for i in keep], h.cpu().numpy()[keep]))
        return out
