"""Domain errors. Raised in the core; turned into messages only at the edges (CLI, HTTP)."""

from __future__ import annotations

# How a model error names the setting to fix (it may come from the environment or the file).
LLM_SETTING = "setting llm_model: ASKCORPUS_LLM_MODEL or askcorpus.toml"
EMBED_SETTING = "setting embed_model: ASKCORPUS_EMBED_MODEL or askcorpus.toml"


class AskcorpusError(Exception):
    """Base class: a problem the user can fix. `str(err)` is a one-line message."""

    exit_code = 1
    http_status = 400
    code = "error"


class ConfigError(AskcorpusError):
    """A setting is invalid."""

    exit_code = 2
    code = "bad_setting"


class CorpusError(AskcorpusError):
    """The corpus folder is missing, empty or unsafe."""

    exit_code = 3
    code = "bad_corpus"


class IndexMissingError(AskcorpusError):
    """No index has been built yet."""

    exit_code = 4
    http_status = 503
    code = "no_index"


class IndexCorruptError(AskcorpusError):
    """An index file is unreadable or inconsistent."""

    exit_code = 5
    http_status = 500
    code = "index_corrupt"


class IndexMismatchError(AskcorpusError):
    """The index was built with another embedding model or dimension."""

    exit_code = 6
    http_status = 500
    code = "index_mismatch"


class IndexOutdatedError(IndexMismatchError):
    """The index was written in an older on-disk format; `askcorpus index` rebuilds it."""

    code = "index_outdated"


class IndexBusyError(AskcorpusError):
    """Another process is writing the same index."""

    exit_code = 8
    code = "index_busy"
    http_status = 409


class ModelNotFoundError(AskcorpusError):
    """A model file or folder cannot be found or loaded."""

    exit_code = 7
    http_status = 500
    code = "model_not_found"


class ContextOverflowError(AskcorpusError):
    """A prompt does not fit the LLM's context window (`llm_ctx`); the answer pipeline then
    answers without the LLM."""

    exit_code = 2
    code = "context_overflow"


class QueryError(AskcorpusError):
    """The question or query is empty, too long or malformed."""

    exit_code = 2
    http_status = 422
    code = "bad_query"


class OutputFileError(AskcorpusError):
    """An output file cannot be written (a folder, under a file, no permission, disk full)."""

    exit_code = 2
    code = "bad_output_file"


class InputFileError(AskcorpusError):
    """A batch or eval input file is missing or malformed."""

    exit_code = 2
    code = "bad_input_file"
