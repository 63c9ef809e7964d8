"""Interrupted runs: SIGKILL, Ctrl-C and torn lines end, after --resume, with exactly the file an
uninterrupted run writes; OUT itself is never half-written."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consortia.errors import OutputError
from consortia.models import Record
from consortia.runner import Output, RunOptions, partial_path, run

CONSORTIA = str(Path(sys.executable).parent / "consortia")
CITIES = ["Harbin", "Changchun", "Shenyang", "Jinan", "Qingdao", "Zhengzhou", "Hefei", "Nanchang",
          "Fuzhou", "Xiamen", "Kunming", "Lanzhou", "Xining", "Yinchuan", "Hohhot", "Urumqi",
          "Nanning", "Taiyuan", "Shijiazhuang", "Wuhan"]
N = 200


def _article(i: int) -> str:
    a, b = CITIES[i % len(CITIES)], CITIES[(7 * i + 3) % len(CITIES)]
    return (f"{a} hospitals sign alliance deal\n\n"
            f"{a} Central Hospital and {b} Maternal and Child Health Hospital signed an agreement "
            f"on May {i % 28 + 1}, {2005 + i % 17} to form a medical alliance, document {i}. "
            f"Wang Jianguo, director of {a} Central Hospital, said {b} would send {i % 9 + 2} doctors.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """200 short documents and the output of one uninterrupted run over them."""
    root = tmp_path_factory.mktemp("resume")
    folder = root / "in"
    folder.mkdir()
    for i in range(N):
        (folder / f"doc{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    full = root / "full.jsonl"
    done = subprocess.run([CONSORTIA, "run", str(folder), "-o", str(full), "--batch-size", "8"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return folder, full


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _start_and_stop_midway(folder: Path, out: Path, sig: int, after: int = 30) -> subprocess.Popen:
    proc = subprocess.Popen([CONSORTIA, "run", str(folder), "-o", str(out), "--batch-size", "4"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while _lines(partial_path(out)) < after:
        assert proc.poll() is None, f"the run ended before it could be stopped: {proc.stderr.read()}"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(sig)
    proc.wait(timeout=120)
    return proc


def _one_record_per_document(path: Path) -> None:
    ids = [Record.model_validate_json(line).doc_id for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == [f"doc{i:03d}" for i in range(N)]


def test_sigkill_then_resume_gives_the_uninterrupted_output(corpus, tmp_path):
    folder, full = corpus
    out = tmp_path / "out.jsonl"
    proc = _start_and_stop_midway(folder, out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    written = _lines(partial_path(out))
    assert 30 <= written < N, "killed part-way through"
    assert not out.exists(), "OUT appears only when the run is complete"
    resumed = subprocess.run([CONSORTIA, "run", str(folder), "-o", str(out), "--resume"],
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{N - written} documents" in resumed.stderr and f"{written} already done" in resumed.stderr
    _one_record_per_document(out)
    assert out.read_bytes() == full.read_bytes()
    assert not partial_path(out).exists()


def test_ctrl_c_stops_at_once_with_a_summary_and_a_resumable_file(corpus, tmp_path, extractor):
    folder, full = corpus
    out = tmp_path / "out.jsonl"
    proc = _start_and_stop_midway(folder, out, signal.SIGINT)
    stderr = proc.stderr.read()
    assert proc.returncode == 130, stderr
    assert "documents," in stderr and "--resume" in stderr
    data = partial_path(out).read_bytes()
    assert data.endswith(b"\n"), "whole lines (the line being written is finished)"
    assert not out.exists()
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings,
                             extractor=extractor, resume=True))
    assert summary.skipped == data.count(b"\n") and summary.interrupted is None
    assert out.read_bytes() == full.read_bytes()


def test_torn_invalid_duplicate_and_stale_lines_are_dropped_on_resume(corpus, tmp_path, extractor):
    folder, full = corpus
    lines = full.read_bytes().splitlines(keepends=True)
    stale = lines[3].replace(b'"config_sha256":"', b'"config_sha256":"0ld')
    out = tmp_path / "out.jsonl"
    partial_path(out).write_bytes(b"".join(lines[:3] + [stale, b"not json\n", lines[1]] + lines[4:10])
                                  + lines[10][:57])
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings,
                             extractor=extractor, resume=True))
    assert summary.skipped == 9 and summary.documents == N - 9
    assert any("9 records to keep (unless their file changed), 4 dropped" in n for n in summary.notes), summary.notes
    _one_record_per_document(out)
    # doc003's record was stale, so it is made again, in its place: the uninterrupted bytes.
    assert out.read_bytes() == full.read_bytes()


def test_resume_from_a_finished_output_only_adds_new_documents(corpus, tmp_path, extractor):
    folder, full = corpus
    out = tmp_path / "out.jsonl"
    out.write_bytes(full.read_bytes())
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text(_article(N + 1), encoding="utf-8")
    summary = run(RunOptions(inputs=[str(folder), str(extra)], output=out,
                             settings=extractor.settings, extractor=extractor, resume=True))
    assert summary.skipped == N and summary.documents == 1
    data = out.read_bytes()
    assert data.startswith(full.read_bytes()) and data.count(b"\n") == N + 1


def test_without_resume_the_output_is_replaced_whole(corpus, tmp_path, extractor):
    folder, full = corpus
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    partial_path(out).write_text("left by a killed run\n", encoding="utf-8")
    seen = []
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings,
                             extractor=extractor),
                  progress=lambda n, total: seen.append(out.read_text(encoding="utf-8")))
    assert set(seen) == {"old\n"}, "a reader sees the old file until the new one is complete"
    assert any("started over" in n for n in summary.notes)
    assert out.read_bytes() == full.read_bytes()


def test_a_second_run_on_the_same_output_cannot_start(corpus, tmp_path, extractor):
    folder, _ = corpus
    out = tmp_path / "out.jsonl"
    with Output(out, extractor.settings.sha256, resume=False):
        with pytest.raises(OutputError, match="another run is writing"):
            run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings,
                           extractor=extractor))


def test_write_failure_is_an_output_error(tmp_path, extractor, monkeypatch):
    out = tmp_path / "out.jsonl"
    with Output(out, extractor.settings.sha256, resume=False) as output:
        def full_disk(fd, data):
            raise OSError(28, os.strerror(28))

        monkeypatch.setattr(os, "write", full_disk)
        with pytest.raises(OutputError, match="No space left on device.*--resume"):
            output.write("{}")


def test_resume_redoes_files_that_could_not_be_read(tmp_path, extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "c"):
        (folder / f"{name}.txt").write_text(_article(ord(name)), encoding="utf-8")
    os.mkfifo(folder / "b.txt")  # unreadable as a document in the first run
    out = tmp_path / "out.jsonl"
    options = RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings, extractor=extractor)
    assert run(options).failed == 1
    (folder / "b.txt").unlink()
    (folder / "b.txt").write_text(_article(ord("b")), encoding="utf-8")
    options.resume = True
    summary = run(options)
    assert summary.skipped == 2 and summary.documents == 1 and summary.failed == 0
    records = [Record.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.doc_id for r in records] == ["a", "b", "c"], "redone in its place"
    assert records[1].entities and not records[1].errors
