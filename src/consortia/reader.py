"""Finding and reading input documents: paths to `Source`s, with a clear error for each bad one."""

import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .pipeline import Source


def expand_inputs(inputs: Iterable[str], stdin=None) -> Iterator[Path]:
    """Files as given, folders as all `*.txt` below them (sorted), `-` as paths read from stdin."""
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            for line in stream:
                if line.strip():
                    yield Path(line.strip())
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def read_source(path: Path, *, max_bytes: int) -> Source:
    """Read one file. Problems become the Source's errors, never exceptions."""
    doc_id = path.stem
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is above the limit of {max_bytes} "
                             f"([pipeline] max_bytes in the config)")
        data = path.read_bytes()
    except (OSError, InputError) as err:
        return Source(doc_id=doc_id, source_path=str(path), sha256="", raw=None, language=None,
                      errors=[str(err) if isinstance(err, InputError)
                              else str(InputError(f"{path}: cannot read: {err.strerror or err}"))])
    sha = hashlib.sha256(data).hexdigest()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Source(doc_id=doc_id, source_path=str(path), sha256=sha, raw=None, language=None,
                      errors=[str(InputError(f"{path}: not valid UTF-8 ({err})"))])
    return Source(doc_id=doc_id, source_path=str(path), sha256=sha, raw=raw, encoding="utf-8")
