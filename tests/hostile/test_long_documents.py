"""Finding 1: time grew with the square of a document's length (reference resolution scanned
every earlier entity), there was no limit per document, and SIGTERM waited for the batch."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import consortia.relations as relations
from consortia.pipeline import Source
from consortia.runner import RunOptions, partial_path, run

from .helpers import one_line, with_pipeline

CONSORTIA = str(Path(sys.executable).parent / "consortia")


def _fits_calls(extractor, monkeypatch, chars: int) -> int:
    """How many entities the relations stage weighs for a text: its work on references."""
    calls = [0]
    real = relations.RelationExtractor._fits

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(relations.RelationExtractor, "_fits", counting)
    record = next(extractor.process([Source(doc_id="x", source_path="x", sha256="0", raw=one_line(chars))]))
    assert not record.errors and record.relations
    monkeypatch.undo()
    return calls[0]


def test_reference_resolution_grows_linearly_with_the_text(extractor, monkeypatch):
    # Before: 124,505 weighings for 50 KB (75 s); four times as many for twice the text.
    small = _fits_calls(extractor, monkeypatch, 20_000)
    large = _fits_calls(extractor, monkeypatch, 40_000)
    assert large / small < 2.5, (small, large)


def test_a_document_over_the_time_limit_gets_an_error_record_and_the_batch_goes_on(tmp_path, extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(one_line(2_000), encoding="utf-8")
    (folder / "b_long.txt").write_text(one_line(150_000), encoding="utf-8")
    (folder / "c.txt").write_text(one_line(3_000), encoding="utf-8")
    limited = with_pipeline(extractor, max_seconds_per_document=1.0)
    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=limited.settings, extractor=limited))
    from consortia.models import Record

    records = [Record.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.doc_id for r in records] == ["a", "b_long", "c"]
    assert records[1].errors and records[1].errors[-1].startswith("[C021] took longer than 1 s")
    assert records[0].relations and records[2].relations and not records[0].errors + records[2].errors
    assert summary.failed == 1


def test_sigterm_stops_a_run_within_seconds_with_status_143(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(one_line(2_000), encoding="utf-8")
    (folder / "b_long.txt").write_text(one_line(300_000), encoding="utf-8")  # about 15 s of work
    (folder / "c.txt").write_text(one_line(2_000), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([CONSORTIA, "run", str(folder), "-o", str(out), "--batch-size", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not partial_path(out).exists() or partial_path(out).read_bytes().count(b"\n") < 1:
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(1)  # well into the long document
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        waited = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = proc.stderr.read()
    assert proc.returncode == 143, stderr
    assert waited < 10, f"stopped {waited:.1f} s after SIGTERM"
    assert "--resume" in stderr and not out.exists()
    assert partial_path(out).read_bytes().count(b"\n") == 1
