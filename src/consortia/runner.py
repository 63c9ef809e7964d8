"""Batch runs: inputs to a JSONL file, one record per document, in input order, with a summary.

A run has two passes over the inputs. The first hashes every file (fixed-size chunks, so memory
does not depend on file size): files with the same bytes are processed once, with the other
paths in `duplicate_paths`, and `--resume` knows what is already done before anything is read.
The second reads, decodes and extracts, batch by batch, in one process or in several (`workers`,
or a Dask cluster); records come back and are written in input order whatever the engine.

How the output is written, so that nothing is lost or duplicated:
- records go to `.OUT.partial` beside OUT (locked against a second run on the same OUT), each
  line with a single write, so a killed run leaves whole lines and at most one torn last line;
- at the end the partial file is fsynced and renamed to OUT: a reader never sees a half-written
  OUT, and a run that did not finish leaves OUT as it was;
- `resume` reads the partial file (and OUT) for records it can keep: one is kept only when it
  is exactly what this run would write for an input (same doc_id, path, sha256 of the file as it
  is now, duplicate paths and pipeline, config hash included); everything else (a torn or
  invalid line, an edited file, another config, a file that could not be read) is done again.
  The output is then written afresh in input order, kept records copied in their place, so an
  edited file's new record stands where the old one stood.
Because the model's output does not depend on how documents are batched, a resumed run writes
the same bytes as an uninterrupted one, whatever stopped the first run and whatever changed.

Signals: SIGINT or SIGTERM stops the run at once (not after the batch): the line being written
is finished, workers are ended, and the run reports 128+N; records written so far stay for
`--resume`. Workers die with the parent even when it is killed with SIGKILL.
"""

import ctypes
import fcntl
import hashlib
import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from pydantic import ValidationError

from .config import Settings
from .errors import ConfigError, ConsortiaError, InputError, OutputError, TimeLimitError
from .models import PipelineInfo, Record
from .pipeline import Extractor, Source
from .formats import format_of
from .reader import Fingerprint, fingerprints, input_paths, is_run_output, read_source

log = logging.getLogger(__name__)

RUN_OUTPUT = "run output"  # an input folder's JSONL that consortia wrote: counted, never read
MAX_LISTED = 20  # failures named in the summary; `failed` counts them all
Progress = Callable[[int, int], None]  # (documents just written, documents to write in all)


@dataclass
class RunOptions:
    """Everything a run takes from the command line, in one object."""

    inputs: list[str]
    output: Path
    settings: Settings
    workers: int = 1
    batch_size: int | None = None  # overrides [pipeline] batch_size
    resume: bool = False
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None  # Dask scheduler address, e.g. tcp://10.0.0.5:8786
    stdin: TextIO | None = None  # where `-` reads paths from (default sys.stdin)
    strict: bool = False  # files in input folders that the pipeline does not read are an error
    extractor: Extractor | None = None  # a pipeline already loaded (local, one worker): reused


@dataclass
class Summary:
    documents: int = 0  # records written by this run
    entities: int = 0
    relations: int = 0
    failed: int = 0  # records with errors
    warned: int = 0  # records with warnings (made, but maybe wrong: cleaning kept little, say)
    skipped: int = 0  # already in the output (resume)
    duplicates: int = 0  # inputs with the same bytes as an earlier one: listed in its record
    other_language: int = 0  # not English: recorded without extraction, not a failure
    unsupported: Counter = field(default_factory=Counter)  # files in folders not read, by suffix
    seconds: float = 0.0
    interrupted: int | None = None  # the signal that stopped the run early
    partial: Path | None = None  # where the records are when the run did not finish
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the first MAX_LISTED; `warned` counts all
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        extra = [f"{n} {what}" for n, what in ((self.warned, "with warnings"),
                                               (self.skipped, "already done"),
                                               (self.duplicates, "duplicate files"),
                                               (self.other_language, "not English"))
                 if n]
        return (f"{self.documents} documents, {self.entities} entities, {self.relations} relations, "
                f"{self.failed} with errors, " + "".join(f"{e}, " for e in extra)
                + f"{self.seconds:.1f} s")

    def unsupported_lines(self) -> list[str]:
        """'3 .pdf files skipped: not a supported format', one line per kind."""
        lines = []
        for kind, n in sorted(self.unsupported.items()):
            files = f"file{'s' if n > 1 else ''}"
            if kind == RUN_OUTPUT:
                lines.append(f"{n} .jsonl {files} skipped: the records of a consortia run, not crawler input")
            else:
                lines.append(f"{n} {kind or '(no suffix)'} {files} skipped: not a supported format "
                             f"(.txt, .html, .htm, .jsonl)")
        return lines


@dataclass(frozen=True)
class Done:
    """One document's result as it travels back from a worker: its JSON line and its counts."""

    line: str
    entities: int
    relations: int
    error: str | None
    language: str | None
    warning: str | None = None


def dump(record: Record) -> str:
    """The one serialisation of a record: compact, key order of the model, no trailing space."""
    return record.model_dump_json()


def done(record: Record) -> Done:
    return Done(line=dump(record), entities=len(record.entities), relations=len(record.relations),
                error=f"{record.source_path}: {record.errors[0]}" if record.errors else None,
                language=record.language,
                warning=f"{record.source_path}: {record.warnings[0]}" if record.warnings else None)


def process_sources(extractor: Extractor, sources: list[Source]) -> list[Done]:
    """What every engine runs on a batch: sources to finished lines, in order."""
    return [done(r) for r in extractor.process(sources)]


def run(options: RunOptions, progress: Progress | None = None) -> Summary:
    """Run the pipeline over the inputs into `options.output`. Raises ConsortiaError (the CLI's
    exit status 2) only when the run cannot start or its output cannot be written."""
    started = time.monotonic()
    settings = options.extractor.settings if options.extractor else options.settings
    if options.batch_size:
        settings = settings.model_copy(update={"pipeline": settings.pipeline.model_copy(
            update={"batch_size": options.batch_size})})
    check_output(options.output)
    summary = Summary()
    jobs = _jobs(input_paths(options.inputs, options.stdin, summary.unsupported), summary)
    if not jobs:
        skipped = "; ".join(summary.unsupported_lines())
        raise InputError(f"no input documents in {' '.join(options.inputs)}: pass text files, "
                         f"saved web pages (.html), crawler files (.jsonl), folders with such "
                         f"files below them, or - with paths on stdin" + (f" ({skipped})" if skipped else ""))
    if options.strict and summary.unsupported:
        raise InputError("--strict: the inputs hold files the pipeline does not read: "
                         + "; ".join(summary.unsupported_lines()))
    engine = _start_engine(options, settings)  # loads the model: fails before output is touched
    try:
        with Output(options.output, settings.sha256, resume=options.resume, info=engine.info) as output, \
                _StopOnSignal() as stop:
            summary.notes.extend(output.notes)
            try:
                todo = [j for j in jobs if not output.can_keep(j)]
                summary.skipped = len(jobs) - len(todo)
                results = _results(engine(_read_batches(todo, settings)), progress, len(todo))
                _write_in_input_order(jobs, output, results, stop, summary)
                stop.release()  # all written: a signal now acts as usual, never half a commit
            except _Stopped:
                summary.interrupted = stop.signal
                summary.partial = output.partial
            else:
                output.commit()
    except BaseException:
        engine.close(now=True)
        raise
    engine.close(now=summary.interrupted is not None)
    summary.seconds = time.monotonic() - started
    return summary


def _write_in_input_order(jobs: list[Fingerprint], output: "Output", results: Iterator[Done],
                          stop: "_StopOnSignal", summary: Summary) -> None:
    """Every input's line in input order: a kept record copied, else the next new result. A
    signal stops this at once, but never inside a line (resume keeps only whole lines)."""
    for job in jobs:
        kept = output.kept_line(job)
        if kept is not None:
            with stop.deferred():
                output.write_bytes(kept)
            continue
        d = next(results)
        with stop.deferred():
            output.write(d.line)
        _count(summary, d)


def _count(summary: Summary, d: Done) -> None:
    summary.documents += 1
    summary.entities += d.entities
    summary.relations += d.relations
    if d.error:
        summary.failed += 1
        if len(summary.failures) < MAX_LISTED:  # memory stays flat: count the rest
            summary.failures.append(d.error)
    if d.warning:
        summary.warned += 1
        if len(summary.warnings) < MAX_LISTED:
            summary.warnings.append(d.warning)
    if d.language not in (None, "en"):
        summary.other_language += 1


def _results(batches: Iterator[list[Done]], progress: Progress | None, total: int) -> Iterator[Done]:
    for batch in batches:
        yield from batch
        if progress:
            progress(len(batch), total)


def check_output(out: Path) -> None:
    folder = out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create the output folder {folder}: {err.strerror}; choose "
                          f"another -o") from err
    if out.is_dir():
        raise OutputError(f"output {out} is a folder; give a file name such as {out / 'out.jsonl'}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {folder} is not writable; choose another -o")


def _jobs(paths: Iterable[tuple[Path, str]], summary: Summary) -> list[Fingerprint]:
    """The first pass: one job per distinct content, in input order; duplicates folded in; each
    job with a doc_id no other job of the run has."""
    jobs: list[Fingerprint] = []
    first: dict[str, Fingerprint] = {}
    names: dict[str, set[str]] = {}  # the paths of contents seen more than once
    unread: set[str] = set()  # paths with no bytes to fold them by (few, so kept whole)
    ids: set[str] = set()
    for path, doc_id in paths:
        if format_of(str(path)) == "crawl" and is_run_output(path):
            summary.unsupported[RUN_OUTPUT] += 1  # a run's records, not articles
            continue
        for fp in fingerprints(path):
            where = _where(fp)
            # a crawler line's id comes from the line itself (formats.crawl_doc_id)
            named = fp if fp.line else None
            if not fp.sha256:
                if where not in unread:  # the same path twice: one input
                    unread.add(where)
                    jobs.append(named or _named(fp, doc_id, ids, summary))
                continue
            original = first.setdefault(fp.sha256, fp)
            if original is fp:
                jobs.append(named or _named(fp, doc_id, ids, summary))
                continue
            seen = names.setdefault(fp.sha256, {_where(original)})
            if where in seen:
                continue  # the same path twice (a file and its folder, say): one input
            seen.add(where)
            if original.duplicate_paths is None:
                original.duplicate_paths = []
            original.duplicate_paths.append(fp.path + (f":{fp.line}" if fp.line else ""))
            summary.duplicates += 1
    return jobs


def _where(fp: Fingerprint) -> str:
    """An input's identity: its path, and for a crawler file's document also its line."""
    return os.path.normpath(fp.path) + (f":{fp.line}" if fp.line else "")


def _named(fp: Fingerprint, doc_id: str, taken: set[str], summary: Summary) -> Fingerprint:
    """Give a job its doc_id; one already taken by an earlier input ("report" from a/report.txt
    and b/report.txt named on the command line) gets a short hash of its path: stable from run
    to run, and never two records under one id."""
    unique, salt = doc_id, os.path.normpath(fp.path)
    while unique in taken:
        unique = f"{doc_id}~{hashlib.sha256(salt.encode()).hexdigest()[:8]}"
        salt += "\0"  # a second clash (the hashed id taken too): hash again
    if unique != doc_id:
        summary.notes.append(f"{fp.path}: doc_id {doc_id!r} is taken by an earlier input; "
                             f"this one is {unique!r}")
    taken.add(unique)
    fp.doc_id = unique
    return fp


def _read_batches(jobs: list[Fingerprint], settings: Settings) -> Iterator[list[Source]]:
    """The second pass, lazily: only the batches in flight are held in memory."""
    size = settings.pipeline.batch_size
    for i in range(0, len(jobs), size):
        yield [read_source(j.path, max_bytes=settings.pipeline.max_bytes, expected=j)
               for j in jobs[i:i + size]]


# ---- the output file ------------------------------------------------------------------------

def partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.partial")


class Output:
    """The partial file of a run: locked, written one whole line at a time, in input order.

    On resume, the records an earlier run left (in the partial file, and in OUT) are indexed by
    doc_id: what is in the partial file is first moved to `.OUT.resume` (the lock stays on the
    partial file, which is then written afresh), so nothing is lost if this run is killed too.
    A record is reused only when it is byte for byte what this run would write (`can_keep`).
    """

    def __init__(self, out: Path, config_sha256: str, *, resume: bool, info: PipelineInfo | None = None):
        self.out, self.partial = out, partial_path(out)
        self.earlier = out.with_name(f".{out.name}.resume")
        self.config_sha256, self.info = config_sha256, info
        self.index: dict[str, tuple[int, int, int, tuple]] = {}  # doc_id -> (fd, offset, size, identity)
        self.readers: list[int] = []
        self.notes: list[str] = []
        try:
            self.fd = os.open(self.partial, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise OutputError(f"cannot write {self.partial}: {err.strerror}; choose another -o") from err
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            os.close(self.fd)
            raise OutputError(f"another run is writing {out} (it holds {self.partial}); wait for "
                              f"it or choose another -o") from err
        size = os.fstat(self.fd).st_size
        if resume:
            self._recover(size)
        elif size:
            self.notes.append(f"started over: the unfinished output of an earlier run was "
                              f"discarded (--resume continues it instead)")
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        if not resume and self.earlier.exists():
            self.earlier.unlink()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        for fd in self.readers:
            os.close(fd)
        self.readers = []
        if self.fd >= 0:
            os.close(self.fd)  # an unfinished run: the partial file stays for --resume
            self.fd = -1

    # -- resume

    def _recover(self, size: int) -> None:
        """Index the good records of the partial file (moved aside first) and of OUT."""
        good, dropped = 0, self._set_aside() if size else 0
        sources = [f for f in (self.earlier, self.out) if f.is_file()]
        for source in sources:
            fd = os.open(source, os.O_RDONLY)
            self.readers.append(fd)
            with open(fd, "rb", closefd=False) as fh:
                offset = 0
                for line in fh:
                    entry = self._good(line)
                    if entry is None or entry[0] in self.index:
                        dropped += 1
                    else:
                        self.index[entry[0]] = (fd, offset, len(line), entry[1])
                        good += 1
                    offset += len(line)
        if sources:
            self.notes.append(f"resumed from {', '.join(map(str, sources))}: {good} records to keep "
                              f"(unless their file changed)" + (
                                  f", {dropped} dropped (torn, invalid, duplicate or made with "
                                  f"another config)" if dropped else ""))

    def _set_aside(self) -> int:
        """Append the partial file's whole lines to `.OUT.resume` (after its own last whole
        line: a run killed while doing this left a torn one); return how many were torn."""
        fd = os.open(self.earlier, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            with open(self.earlier, "rb") as fh:
                end = fh.read().rfind(b"\n") + 1
            os.ftruncate(fd, end)
            os.lseek(fd, end, os.SEEK_SET)
            torn = 0
            with open(self.partial, "rb") as fh:
                for line in fh:
                    if line.endswith(b"\n"):
                        self._write_all(line, fd=fd)
                    else:
                        torn += 1
            os.fsync(fd)
        finally:
            os.close(fd)
        return torn

    def _good(self, line: bytes) -> tuple[str, tuple] | None:
        """(doc_id, identity) of a whole, valid line made with this config, else None."""
        if not line.endswith(b"\n"):
            return None  # torn: the run was killed while writing it
        try:
            record = Record.model_validate_json(line)
        except ValidationError:
            return None
        if record.pipeline.config_sha256 != self.config_sha256 or not record.sha256:
            return None  # made with another config, or a file that could not be read: redo it
        if self.info is not None and record.pipeline != self.info:
            return None  # another version of the pipeline: the bytes would differ
        return record.doc_id, (record.source_path, record.sha256, tuple(record.duplicate_paths))

    def can_keep(self, job: Fingerprint) -> bool:
        """Whether an earlier record is exactly what this run would write for `job`: same id,
        path, duplicates and sha256 of the file as it is now (an edited file is done again)."""
        entry = self.index.get(job.doc_id or "")
        return bool(job.sha256) and entry is not None and entry[3] == (
            job.path, job.sha256, tuple(job.duplicate_paths or ()))

    def kept_line(self, job: Fingerprint) -> bytes | None:
        if not self.can_keep(job):
            return None
        fd, offset, size, _ = self.index[job.doc_id or ""]
        return os.pread(fd, size, offset)

    # -- writing

    def write_bytes(self, data: bytes) -> None:
        try:
            self._write_all(data)
        except OSError as err:
            raise OutputError(f"cannot write {self.partial}: {err.strerror}; fix it and run again "
                              f"with --resume") from err

    def write(self, line: str) -> None:
        try:
            self._write_all((line + "\n").encode("utf-8"))
        except OSError as err:
            raise OutputError(f"cannot write {self.partial}: {err.strerror}; fix it and run again "
                              f"with --resume") from err

    def _write_all(self, data: bytes, fd: int | None = None) -> None:
        fd = self.fd if fd is None else fd
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]

    def commit(self) -> None:
        """Make the output visible: fsync, rename over OUT, fsync the folder."""
        os.fsync(self.fd)
        os.replace(self.partial, self.out)
        dir_fd = os.open(self.out.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        if self.earlier.exists():  # its records are in OUT now, or were not wanted
            self.earlier.unlink()


class _Stopped(BaseException):
    """Raised in the main thread by the first SIGINT/SIGTERM: the run stops where it stands.
    A BaseException, so that no `except Exception` on the way (a stage's guard) takes it."""


class _StopOnSignal:
    """Ctrl-C (SIGINT) or SIGTERM stops the run at once: the line being written is finished, the
    workers are ended, records so far stay. The handlers are then the previous ones again, so a
    second signal acts at once (a KeyboardInterrupt, or the default end of the process)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.signal: int | None = None
        self.previous: dict[int, object] = {}
        self.writing = False  # a line is being written: stop right after it

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.signal = signum
        log.warning("stopping (a second signal stops at once)")
        self.release()
        if not self.writing:
            raise _Stopped(signum)

    @contextmanager
    def deferred(self):
        """Hold a signal back while a line is written (a torn line would be redone anyway, but
        a whole one need not be)."""
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.signal is not None:
            raise _Stopped(self.signal)

    def release(self) -> None:
        """Give the signals back to the handlers that were there before."""
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous = {}

    def __exit__(self, *exc) -> None:
        self.release()


# ---- engines: batches of sources in, batches of results out, in input order -----------------

class _Engine:
    """Runs batches in order. `submit` returns something with `.result()`; `window` batches are
    in flight at once, which bounds memory; a batch whose worker died is retried document by
    document, and a document that kills its worker again gets a record saying so."""

    window = 1

    def __init__(self, settings: Settings):
        self.info = PipelineInfo(version=_version(), config=settings.path,
                                 config_sha256=settings.sha256, model=settings.pipeline.model)

    def submit(self, sources: list[Source]):
        raise NotImplementedError

    def close(self, now: bool = False) -> None:
        pass

    def __call__(self, batches: Iterable[list[Source]]) -> Iterator[list[Done]]:
        pending: deque = deque()
        for sources in batches:
            pending.append((sources, self.submit(sources)))
            if len(pending) >= self.window:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    def _result(self, future, sources: list[Source]) -> list[Done]:
        """A batch's result; an engine that can tell a stuck worker raises _Stuck."""
        return future.result()

    def _collect(self, sources: list[Source], future) -> list[Done]:
        try:
            return self._result(future, sources)
        except _StartFailed:
            raise
        except Exception as err:  # the worker died (out of memory?) or the cluster lost it
            log.warning("a worker failed on a batch (%s: %s); retrying its documents one by one",
                        type(err).__name__, err)
        out = []
        for src in sources:
            try:
                out.extend(self._result(self.submit([src]), [src]))
            except _StartFailed:
                raise
            except _Stuck as err:  # no answer within the time limit: the worker was replaced
                out.append(done(Record(
                    doc_id=src.doc_id, source_path=src.source_path, sha256=src.sha256,
                    duplicate_paths=src.duplicate_paths, encoding=src.encoding, pipeline=self.info,
                    errors=src.errors + [str(TimeLimitError(
                        f"took longer than {err.args[0]:g} s ([pipeline] max_seconds_per_document) "
                        f"in a worker that did not answer; the worker was replaced and the rest "
                        f"of the batch went on"))])))
            except Exception as err:  # this document takes its worker down: say so, go on
                record = Record(doc_id=src.doc_id, source_path=src.source_path, sha256=src.sha256,
                                duplicate_paths=src.duplicate_paths, encoding=src.encoding,
                                pipeline=self.info, errors=src.errors + [str(ConsortiaError(
                                    f"the worker processing this document died ({type(err).__name__}: "
                                    f"{err}); it may need more memory than the machine has"))])
                out.append(done(record))
        return out


class _Now:
    """A finished result with the interface of a future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _InProcess(_Engine):
    def __init__(self, settings: Settings, extractor: Extractor | None = None):
        super().__init__(settings)
        self.extractor = extractor or Extractor(settings)

    def submit(self, sources):
        return _Now(process_sources(self.extractor, sources))


class _StartFailed(Exception):
    """A worker could not build the pipeline (bad config, missing model). Plain args: pickles."""


class _Stuck(Exception):
    """A worker gave no answer in the time its batch may take; args: the per-document limit."""


_WORKER: Extractor | str | None = None  # the pipeline of a worker process, built once


def _init_worker(settings: Settings, parent: int | None = None) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent is not None:
        _die_with_parent(parent)
    try:
        _WORKER = Extractor(settings)
    except Exception as err:  # reported by the parent as "cannot start"
        _WORKER = f"{type(err).__name__}: {err}"


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """End this worker when the parent ends, however it ends (`kill -9` included): five killed
    runs had left fifteen processes holding 1.7 GiB. On Linux the kernel sends SIGKILL when the
    parent dies; elsewhere a thread checks once a second that the parent is still there."""
    try:
        if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _work(sources: list[Source]) -> list[Done]:
    if not isinstance(_WORKER, Extractor):
        raise _StartFailed(str(_WORKER))
    return process_sources(_WORKER, sources)


class _ProcessPool(_Engine):
    """`workers` processes, each building the pipeline once (spawned, so nothing of the parent's
    state is shared); the parent only reads files and writes lines."""

    def __init__(self, settings: Settings, workers: int):
        super().__init__(settings)
        self.settings, self.workers = settings, workers
        # Batches in flight. Results are taken in input order, so a slow batch at the head stalls
        # submission; with 2 per worker the other worker idled behind a long page (1,000 documents
        # with long ones: 69 s, 8 per worker 64 s; one in flight is 32 documents' text and records).
        self.window = 8 * workers
        self.pool = self._new_pool()
        for future in self._warm_up(self.pool):  # a bad config fails here
            future.result()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.settings, os.getpid()))

    def _warm_up(self, pool: ProcessPoolExecutor) -> list:
        """Start every worker now. A spawning pool starts a process only when a task finds no idle
        one, so one empty task alone started the second worker only after the first had loaded
        the model: it lost a model load's worth of work (2 workers at 1,000 documents 1.57-1.68x
        one, not 1.7x). One empty task per worker, submitted at once, starts them all together."""
        return [pool.submit(_work, []) for _ in range(self.workers)]

    def _result(self, future, sources: list[Source]) -> list[Done]:
        """Wait for a batch no longer than its documents may take (each gets the limit, plus one
        limit for the worker's start): the worker's own clock stops Python code, but not code
        that never returns to Python. Past that, the worker is stuck: its pool is replaced."""
        limit = self.settings.pipeline.max_seconds_per_document
        try:
            return future.result(timeout=limit * (len(sources) + 1))
        except FutureTimeout:
            log.warning("a worker gave no answer in %g s; replacing it", limit * (len(sources) + 1))
            self._kill_workers()
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()  # the batches the old one held fail and are retried
            raise _Stuck(limit) from None

    def _kill_workers(self) -> None:
        for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
            proc.terminate()

    def submit(self, sources):
        if getattr(self.pool, "_broken", False):  # a worker died: start a fresh pool
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
        return self.pool.submit(_work, sources)

    def close(self, now: bool = False) -> None:
        if now:  # stopped at once (a signal): do not wait for the batches in the workers
            self._kill_workers()
        self.pool.shutdown(wait=True, cancel_futures=True)


# Dask: the client reads the files and sends batches of sources (workers need not share a file
# system with it); each worker process builds the pipeline once, on its first batch, and keeps it.
_DASK_PIPELINES: dict[str, Extractor | str] = {}
_DASK_LOCK = threading.Lock()  # one batch at a time per process: a pipeline is not thread-safe


def _dask_work(settings: Settings, sources: list[Source]) -> list[Done]:
    key = settings.model_dump_json(exclude={"pipeline": {"batch_size"}})  # batching changes nothing
    with _DASK_LOCK:
        if key not in _DASK_PIPELINES:
            try:
                _DASK_PIPELINES.clear()  # one pipeline per process: a new config replaces the old
                _DASK_PIPELINES[key] = Extractor(settings)
            except Exception as err:  # reported by the client as "cannot start"
                _DASK_PIPELINES[key] = f"{type(err).__name__}: {err}"
        extractor = _DASK_PIPELINES[key]
        if not isinstance(extractor, Extractor):
            raise _StartFailed(extractor)
        return process_sources(extractor, sources)


class _Dask(_Engine):
    def __init__(self, settings: Settings, scheduler: str | None):
        super().__init__(settings)
        if not scheduler:
            raise ConfigError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786); "
                              "see README, \"Running on a cluster\"")
        from dask.distributed import Client

        try:
            _check_reachable(scheduler)
            self.client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {err}; start one "
                              f"with `dask scheduler` and workers with `dask worker {scheduler}`") from err
        self.settings = settings
        threads = sum(self.client.nthreads().values())
        if not threads:
            self.client.close()
            raise ConfigError(f"the Dask scheduler at {scheduler} has no workers; start some with "
                              f"`dask worker {scheduler} --nthreads 1`")
        self.window = 2 * threads
        self.n = 0
        try:
            self.client.gather(self.client.map(_dask_work, [settings] * threads,
                                               [[] for _ in range(threads)], pure=False))
        except BaseException:
            self.client.close()
            raise

    def submit(self, sources):
        self.n += 1
        return self.client.submit(_dask_work, self.settings, sources, pure=False,
                                  key=f"consortia-batch-{self.n}-{uuid.uuid4().hex[:8]}")

    def close(self, now: bool = False) -> None:
        self.client.close()


def _check_reachable(address: str) -> None:
    """Fail at once when nothing listens at a tcp:// address (Dask would retry until its timeout)."""
    if not address.startswith("tcp://"):
        return
    host, _, port = address[len("tcp://"):].rpartition(":")
    if port.isdigit():
        socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()


def _start_engine(options: RunOptions, settings: Settings) -> _Engine:
    try:
        if options.engine == "dask":
            return _Dask(settings, options.scheduler)
        if options.workers > 1:
            return _ProcessPool(settings, options.workers)
        return _InProcess(settings, options.extractor)
    except _StartFailed as err:
        message = str(err).split("] ", 1)[-1] if str(err).startswith("ConfigError") else str(err)
        raise ConfigError(f"the pipeline could not start in a worker: {message}") from err


def _version() -> str:
    from . import __version__

    return __version__
