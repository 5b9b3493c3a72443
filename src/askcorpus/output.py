"""Output files named by the user: checked before any work, written without tracebacks."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TextIO

from askcorpus.errors import OutputFileError


def check_output(path: str | Path) -> Path:
    """The output file `path`, its folder made; OutputFileError if it cannot be a file (a
    folder, or under a file). Called before the work whose result it will hold."""
    p = Path(path)
    if p.is_dir():
        raise OutputFileError(f"cannot write {path}: it is a folder; give a file name")
    above = next((a for a in p.parents if a.exists()), None)
    if above is not None and not above.is_dir():
        raise OutputFileError(f"cannot write {path}: {above} is a file, not a folder")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.exists():  # can a file be made there? (a probe of a unique name, removed)
            with tempfile.NamedTemporaryFile(dir=p.parent, prefix=f".{p.name}.", suffix=".probe"):
                pass
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    return p


def open_output(path: str | Path) -> TextIO:
    """`path` opened for writing text (see `check_output`)."""
    p = check_output(path)
    try:
        return open(p, "w", encoding="utf-8")
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_text(path: str | Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (a temporary file, then renamed); a path
    that is no regular file (a device, a pipe) is written to directly, never replaced."""
    p = check_output(path)
    if p.exists() and not p.is_file():
        try:
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as exc:
            raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        tmp.chmod(p.stat().st_mode & 0o777 if p.exists() else 0o644)  # not mkstemp's 0600
        tmp.replace(p)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise OutputFileError(f"cannot write {path}: {exc.strerror or exc}") from None
