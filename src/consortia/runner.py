"""Batch runs: inputs to a JSONL file, one record per document, with a summary.

The output is written to a temporary file in the same folder and renamed at the end, so a
reader never sees a half-written file.
"""

import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .errors import OutputError
from .models import Record
from .pipeline import Extractor, Source
from .reader import expand_inputs, read_source


@dataclass
class RunOptions:
    """Everything a run takes from the command line, in one object."""

    inputs: list[str]
    output: Path
    settings: Settings
    workers: int = 1
    batch_size: int | None = None


@dataclass
class Summary:
    documents: int = 0
    entities: int = 0
    relations: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.documents} documents, {self.entities} entities, {self.relations} relations, "
                f"{self.failed} with errors, {self.seconds:.1f} s")


def dump(record: Record) -> str:
    """The one serialisation of a record: compact, key order of the model, no trailing space."""
    return record.model_dump_json()


def sources(paths: Iterable[Path], settings: Settings) -> list[Source]:
    return [read_source(p, max_bytes=settings.pipeline.max_bytes) for p in paths]


def run(options: RunOptions, progress: Callable[[int], None] | None = None) -> Summary:
    out = options.output
    if out.parent and not out.parent.exists():
        raise OutputError(f"output folder {out.parent} does not exist")
    if not os.access(out.parent or Path("."), os.W_OK):
        raise OutputError(f"output folder {out.parent} is not writable")
    started = time.monotonic()
    items = sources(expand_inputs(options.inputs), options.settings)
    extractor = Extractor(options.settings)
    summary = Summary()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for record in extractor.process(items):
                fh.write(dump(record) + "\n")
                summary.documents += 1
                summary.entities += len(record.entities)
                summary.relations += len(record.relations)
                if record.errors:
                    summary.failed += 1
                    summary.failures.append(f"{record.source_path}: {record.errors[0]}")
                if progress:
                    progress(1)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    summary.seconds = time.monotonic() - started
    return summary
