"""Parallel runs write exactly what a one-process run writes, in input order, and survive a worker
that dies."""

import copy
import signal
from pathlib import Path

import psutil
import pytest

from consortia.models import Record
from consortia.pipeline import Source
from consortia.runner import RunOptions, _InProcess, _ProcessPool, run

from .test_resume import _article


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("parallel") / "in"
    d.mkdir()
    for i in range(36):
        (d / f"doc{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    return d


@pytest.fixture(scope="module")
def one_process(folder, tmp_path_factory, extractor):
    out = tmp_path_factory.mktemp("one") / "out.jsonl"
    run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings, extractor=extractor))
    return out.read_bytes()


def test_two_workers_write_the_same_bytes_in_input_order(folder, one_process, tmp_path, settings):
    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=settings, workers=2, batch_size=3))
    assert out.read_bytes() == one_process
    ids = [Record.model_validate_json(line).doc_id for line in out.read_bytes().splitlines()]
    assert ids == sorted(ids) and len(ids) == 37
    assert summary.documents == 37 and summary.failed == 1


def _workers() -> list[psutil.Process]:
    return [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]


def test_every_worker_is_up_before_the_first_batch(settings):
    # a spawning pool starts a process only for a task that finds none idle: the second worker
    # used to start after the first had loaded the model, a model load late
    engine = _ProcessPool(settings, 2)
    try:
        assert len(_workers()) == 2
    finally:
        engine.close()
    assert not _workers()


def test_the_models_batch_size_changes_no_byte(folder, one_process, tmp_path, extractor):
    # model_batch_size only bounds memory: one document at a time gives the same records
    one_at_a_time = copy.copy(extractor)
    pipeline = extractor.settings.pipeline.model_copy(update={"model_batch_size": 1})
    one_at_a_time.settings = extractor.settings.model_copy(update={"pipeline": pipeline})
    assert extractor.settings.pipeline.model_batch_size > 1
    out = tmp_path / "out.jsonl"
    run(RunOptions(inputs=[str(folder)], output=out, settings=one_at_a_time.settings,
                   extractor=one_at_a_time))
    assert out.read_bytes() == one_process


def test_a_worker_killed_mid_run_loses_nothing(folder, one_process, tmp_path, settings):
    killed = []

    def kill_a_worker(advance, total):
        if not killed:
            workers = _workers()
            assert workers, "the pool has worker processes"
            workers[0].send_signal(signal.SIGKILL)
            killed.append(workers[0].pid)

    out = tmp_path / "out.jsonl"
    run(RunOptions(inputs=[str(folder)], output=out, settings=settings, workers=2, batch_size=2),
        progress=kill_a_worker)
    assert killed
    assert out.read_bytes() == one_process


def test_a_document_that_kills_its_worker_gets_a_record_saying_so(extractor):
    class Fragile(_InProcess):
        """A worker that dies on any batch holding the poisoned document."""

        def submit(self, sources):
            if any(s.doc_id == "poison" for s in sources):
                return Died()
            return super().submit(sources)

    class Died:
        def result(self):
            raise BrokenPipeError("worker died")

    engine = Fragile(extractor.settings, extractor)
    sources = [Source(doc_id=name, source_path=f"{name}.txt", sha256=name, raw=_article(i))
               for i, name in enumerate(["a", "poison", "b", "c"])]
    batches = list(engine([sources[:2], sources[2:]]))
    records = [Record.model_validate_json(d.line) for batch in batches for d in batch]
    assert [r.doc_id for r in records] == ["a", "poison", "b", "c"]
    assert "worker processing this document died" in records[1].errors[0]
    assert records[1].entities == []
    assert all(r.entities and not r.errors for r in (records[0], records[2], records[3]))


def test_a_bad_config_stops_a_parallel_run_before_it_writes(tmp_path, folder):
    from click.testing import CliRunner

    from consortia.cli import cli

    cfg = Path(__file__).resolve().parents[1] / "pipelines" / "default.cfg"
    bad = cfg.parent / f".test-{tmp_path.name}.cfg"  # beside the real one, so its paths resolve
    text = cfg.read_text(encoding="utf-8")
    model_line = next(line for line in text.splitlines() if line.startswith("model = "))  # [pipeline]'s
    bad.write_text(text.replace(model_line, 'model = "en_core_web_xx_missing"', 1), encoding="utf-8")
    try:
        out = tmp_path / "out.jsonl"
        result = CliRunner().invoke(cli, ["run", str(folder), "-o", str(out), "--workers", "2",
                                          "--config", str(bad)])
    finally:
        bad.unlink()
    assert result.exit_code == 2, result.output
    assert "en_core_web_xx_missing" in result.output
    assert not out.exists() and not (tmp_path / ".out.jsonl.partial").exists()
