"""Shared fixtures. Unit tests use `FakeEmbedder` (no torch); integration tests are marked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from fakes import FakeEmbedder, write_corpus  # noqa: E402


@pytest.fixture(autouse=True)
def _no_askcorpus_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must not depend on the developer's ASKCORPUS_* environment."""
    import os

    for name in list(os.environ):
        if name.startswith("ASKCORPUS_"):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    """A fresh deterministic embedder (64 dims, 64-token window)."""
    return FakeEmbedder()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The tiny three-document corpus written into tmp_path/corpus."""
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    """Where a test's index goes (not created yet)."""
    return tmp_path / "index"
