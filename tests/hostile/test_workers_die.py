"""Finding 4: `kill -9` of a `--workers 2` run left both workers and the resource tracker
running (five kills left 15 processes holding 1.7 GiB). Workers now die with the parent."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from consortia.runner import partial_path

from ..test_resume import _article

CONSORTIA = str(Path(sys.executable).parent / "consortia")


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_no_worker_outlives_a_parent_killed_with_sigkill(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"doc{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    log = (tmp_path / "stderr.txt").open("w")
    parent = subprocess.Popen([CONSORTIA, "run", str(folder), "-o", str(out), "--workers", "2",
                               "--batch-size", "4"], stdout=subprocess.DEVNULL, stderr=log)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 180
        while not partial_path(out).exists() or partial_path(out).read_bytes().count(b"\n") < 8:
            assert parent.poll() is None, (tmp_path / "stderr.txt").read_text()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        children = psutil.Process(parent.pid).children(recursive=True)
        assert len(children) >= 2, f"the pool's workers (and the resource tracker): {children}"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 20
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [c.pid for c in children if _alive(c)]
        assert not left, f"processes left after the parent was killed: {left}"
    finally:
        for c in children:  # never leave our own processes behind, even when the test fails
            if _alive(c):
                c.kill()
        if parent.poll() is None:
            parent.kill()


class _Silent:
    """A future whose worker never answers (stuck in code that does not return to Python)."""

    def result(self, timeout=None):
        assert timeout is not None, "the parent waited for a worker without a time limit"
        from concurrent.futures import TimeoutError as FutureTimeout  # as if `timeout` had passed

        raise FutureTimeout()


def test_a_worker_that_gives_no_answer_is_replaced_and_its_document_gets_an_error(tmp_path, settings, monkeypatch):
    from consortia.models import Record
    from consortia.reader import read_source
    from consortia.runner import _ProcessPool

    limited = settings.model_copy(update={"pipeline": settings.pipeline.model_copy(
        update={"max_seconds_per_document": 10.0})})  # a new worker's start fits in it
    sources = []
    for name in ("a", "stuck", "c"):
        (tmp_path / f"{name}.txt").write_text(_article(len(name)), encoding="utf-8")
        sources.append(read_source(tmp_path / f"{name}.txt", max_bytes=10_000))
    engine = _ProcessPool(limited, 1)
    try:
        first = list(engine.pool._processes.values())
        real = engine.submit
        monkeypatch.setattr(engine, "submit", lambda srcs: _Silent() if srcs[0].doc_id == "stuck" else real(srcs))
        records = [Record.model_validate_json(d.line) for d in engine._collect(sources, _Silent())]
        assert [r.doc_id for r in records] == ["a", "stuck", "c"]
        assert records[1].errors[-1].startswith("[C021] took longer than 10 s") and "replaced" in records[1].errors[-1]
        assert records[0].entities and records[2].entities and not records[0].errors + records[2].errors
        for proc in first:  # the silent worker's pool was ended, not left running
            proc.join(timeout=10)
            assert not proc.is_alive()
    finally:
        engine.close(now=True)
