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
- `resume` continues the partial file (or starts from OUT's records): records whose sha256 and
  config sha256 match are kept and their documents skipped; a torn or invalid line, a record
  made with another config, a second record for the same document and the record of a file
  that could not be read at all (no sha256: it may be back) are dropped, and done again.
Because the model's output does not depend on how documents are batched, a resumed run writes
the same bytes as an uninterrupted one.
"""

import fcntl
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from pydantic import ValidationError

from .config import Settings
from .errors import ConfigError, ConsortiaError, InputError, OutputError
from .models import PipelineInfo, Record
from .pipeline import Extractor, Source
from .reader import Fingerprint, expand_inputs, fingerprints, read_source

log = logging.getLogger(__name__)

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
    skipped: int = 0  # already in the output (resume)
    duplicates: int = 0  # inputs with the same bytes as an earlier one: listed in its record
    other_language: int = 0  # not English: recorded without extraction, not a failure
    unsupported: Counter = field(default_factory=Counter)  # files in folders not read, by suffix
    seconds: float = 0.0
    interrupted: int | None = None  # the signal that stopped the run early
    partial: Path | None = None  # where the records are when the run did not finish
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        extra = [f"{n} {what}" for n, what in ((self.skipped, "already done"),
                                               (self.duplicates, "duplicate files"),
                                               (self.other_language, "not English"))
                 if n]
        return (f"{self.documents} documents, {self.entities} entities, {self.relations} relations, "
                f"{self.failed} with errors, " + "".join(f"{e}, " for e in extra)
                + f"{self.seconds:.1f} s")

    def unsupported_lines(self) -> list[str]:
        """'3 .pdf skipped: not a supported format', one line per suffix."""
        return [f"{n} {suffix or '(no suffix)'} file{'s' if n > 1 else ''} skipped: not a supported format (.txt, .html, "
                f".htm, .jsonl)" for suffix, n in sorted(self.unsupported.items())]


@dataclass(frozen=True)
class Done:
    """One document's result as it travels back from a worker: its JSON line and its counts."""

    line: str
    entities: int
    relations: int
    error: str | None
    language: str | None


def dump(record: Record) -> str:
    """The one serialisation of a record: compact, key order of the model, no trailing space."""
    return record.model_dump_json()


def done(record: Record) -> Done:
    return Done(line=dump(record), entities=len(record.entities), relations=len(record.relations),
                error=f"{record.source_path}: {record.errors[0]}" if record.errors else None,
                language=record.language)


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
    jobs = _jobs(expand_inputs(options.inputs, options.stdin, summary.unsupported), summary)
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
        with Output(options.output, settings.sha256, resume=options.resume) as output, \
                _StopOnSignal() as stop:
            summary.notes.extend(output.notes)
            todo = [j for j in jobs if not j.sha256 or j.sha256 not in output.done]
            summary.skipped = len(jobs) - len(todo)
            for batch in engine(_read_batches(todo, settings)):
                for d in batch:
                    output.write(d.line)
                    summary.documents += 1
                    summary.entities += d.entities
                    summary.relations += d.relations
                    if d.error:
                        summary.failed += 1
                        if len(summary.failures) < MAX_LISTED:  # memory stays flat: count the rest
                            summary.failures.append(d.error)
                    if d.language not in (None, "en"):
                        summary.other_language += 1
                if progress:
                    progress(len(batch), len(todo))
                if stop.signal is not None:  # Ctrl-C: stop after the batch just written
                    break
            if stop.signal is not None and summary.documents < len(todo):
                summary.interrupted = stop.signal
                summary.partial = output.partial
            else:
                output.commit()
    except BaseException:
        engine.close(now=True)
        raise
    engine.close()
    summary.seconds = time.monotonic() - started
    return summary


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


def _jobs(paths: Iterable[Path], summary: Summary) -> list[Fingerprint]:
    """The first pass: one job per distinct content, in input order; duplicates folded in."""
    jobs: list[Fingerprint] = []
    first: dict[str, Fingerprint] = {}
    names: dict[str, set[str]] = {}  # the paths of contents seen more than once
    unread: set[str] = set()  # paths with no bytes to fold them by (few, so kept whole)
    for fp in (fp for path in paths for fp in fingerprints(path)):
        where = _where(fp)
        if not fp.sha256:
            if where not in unread:  # the same path twice: one input
                unread.add(where)
                jobs.append(fp)
            continue
        original = first.setdefault(fp.sha256, fp)
        if original is fp:
            jobs.append(fp)
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
    """The partial file of a run: locked, recovered on resume, written one whole line at a time."""

    def __init__(self, out: Path, config_sha256: str, *, resume: bool):
        self.out, self.partial = out, partial_path(out)
        self.config_sha256 = config_sha256
        self.done: set[str] = set()
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
            os.ftruncate(self.fd, 0)
            self.notes.append(f"started over: the unfinished output of an earlier run was "
                              f"discarded (--resume continues it instead)")
        os.lseek(self.fd, 0, os.SEEK_END)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # an unfinished run: the partial file stays for --resume
            self.fd = -1

    def _recover(self, size: int) -> None:
        """Keep the good records of the partial file (or of OUT), in order, and note their keys."""
        if size:
            source, in_place = self.partial, True
        elif self.out.is_file():
            source, in_place = self.out, False
        else:
            return
        kept = dropped = 0
        write_at = 0
        with open(source, "rb") as fh:
            for line in fh:
                key = self._good(line)
                if key is None or key in self.done:
                    dropped += 1
                    continue
                self.done.add(key)
                kept += 1
                if not in_place or write_at != fh.tell() - len(line):
                    self._write_all(line, at=write_at)
                write_at += len(line)
        os.ftruncate(self.fd, write_at)
        os.fsync(self.fd)
        self.notes.append(f"resumed from {source}: {kept} records kept"
                          + (f", {dropped} dropped (torn, invalid, duplicate or made with "
                             f"another config)" if dropped else ""))

    def _good(self, line: bytes) -> str | None:
        if not line.endswith(b"\n"):
            return None  # torn: the run was killed while writing it
        try:
            record = Record.model_validate_json(line)
        except ValidationError:
            return None
        if record.pipeline.config_sha256 != self.config_sha256 or not record.sha256:
            return None  # made with another config, or a file that could not be read: redo it
        return record.sha256

    def write(self, line: str) -> None:
        try:
            self._write_all((line + "\n").encode("utf-8"))
        except OSError as err:
            raise OutputError(f"cannot write {self.partial}: {err.strerror}; fix it and run again "
                              f"with --resume") from err

    def _write_all(self, data: bytes, at: int | None = None) -> None:
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view) if at is None else os.pwrite(self.fd, view, at)
            view = view[n:]
            if at is not None:
                at += n

    def commit(self) -> None:
        """Make the output visible: fsync, rename over OUT, fsync the folder."""
        os.fsync(self.fd)
        os.replace(self.partial, self.out)
        dir_fd = os.open(self.out.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class _StopOnSignal:
    """Ctrl-C (SIGINT) or SIGTERM asks the run to stop after the current batch; a second one
    stops it at once (the partial file then ends in at most one torn line, which resume drops)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.signal: int | None = None
        self.previous: dict[int, object] = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.signal = signum
        log.warning("stopping after the current batch (again to stop at once)")
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    def __exit__(self, *exc) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


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

    def _collect(self, sources: list[Source], future) -> list[Done]:
        try:
            return future.result()
        except _StartFailed:
            raise
        except Exception as err:  # the worker died (out of memory?) or the cluster lost it
            log.warning("a worker failed on a batch (%s: %s); retrying its documents one by one",
                        type(err).__name__, err)
        out = []
        for src in sources:
            try:
                out.extend(self.submit([src]).result())
            except _StartFailed:
                raise
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


_WORKER: Extractor | str | None = None  # the pipeline of a worker process, built once


def _init_worker(settings: Settings) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _WORKER = Extractor(settings)
    except Exception as err:  # reported by the parent as "cannot start"
        _WORKER = f"{type(err).__name__}: {err}"


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
        self.window = 2 * workers
        self.pool = self._new_pool()
        self.submit([]).result()  # wait until a worker is up: a bad config fails here

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.settings,))

    def submit(self, sources):
        if getattr(self.pool, "_broken", False):  # a worker died: start a fresh pool
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
        return self.pool.submit(_work, sources)

    def close(self, now: bool = False) -> None:
        if now:  # stopped at once (a second Ctrl-C): do not wait for the batches in the workers
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                proc.terminate()
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
