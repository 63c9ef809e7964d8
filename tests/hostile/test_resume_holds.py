"""Finding 3: after editing one file of a finished run, `--resume` wrote the old and the new
record under one doc_id; a record redone on resume went to the end, not to its place. Now the
output after any resume is byte for byte an uninterrupted run over the files as they are."""

import shutil
from pathlib import Path

import pytest

from consortia.config import load_settings
from consortia.models import Record
from consortia.runner import RunOptions, partial_path, run

from ..conftest import ROOT
from ..test_resume import _article

N = 8


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(N):
        (d / f"doc{i}.txt").write_text(_article(i), encoding="utf-8")
    return d


def _run(folder: Path, out: Path, extractor, *, resume: bool = False):
    return run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings,
                          extractor=extractor, resume=resume))


def _fresh(folder: Path, tmp_path: Path, extractor) -> bytes:
    out = tmp_path / "fresh" / "out.jsonl"
    out.parent.mkdir(exist_ok=True)
    _run(folder, out, extractor)
    return out.read_bytes()


def test_an_edited_file_is_redone_in_place_after_a_finished_run(folder, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    _run(folder, out, extractor)
    (folder / "doc3.txt").write_text(_article(100), encoding="utf-8")
    summary = _run(folder, out, extractor, resume=True)
    assert (summary.skipped, summary.documents) == (N - 1, 1)
    assert out.read_bytes() == _fresh(folder, tmp_path, extractor)
    ids = [Record.model_validate_json(line).doc_id for line in out.read_bytes().splitlines()]
    assert ids == [f"doc{i}" for i in range(N)], "exactly one record per input, in input order"


def test_an_edit_inside_the_part_a_killed_run_wrote_is_redone_in_place(folder, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    _run(folder, out, extractor)
    lines = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    partial_path(out).write_bytes(b"".join(lines[:5]) + lines[5][:40])  # killed while writing doc5
    (folder / "doc1.txt").write_text(_article(101), encoding="utf-8")
    (folder / "doc6.txt").unlink()
    summary = _run(folder, out, extractor, resume=True)
    assert summary.skipped == 4 and summary.interrupted is None
    assert out.read_bytes() == _fresh(folder, tmp_path, extractor)


def test_a_killed_resume_resumed_again_still_gives_the_uninterrupted_bytes(folder, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    _run(folder, out, extractor)
    full = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    partial_path(out).write_bytes(b"".join(full[:3]))
    (folder / "doc0.txt").write_text(_article(102), encoding="utf-8")
    # a first resume killed after two lines: what it set aside stays in .out.jsonl.resume
    earlier = out.with_name(".out.jsonl.resume")
    earlier.write_bytes(b"".join(full[:3]))
    partial_path(out).write_bytes(b"".join(full[1:3]) + full[3][:10])
    _run(folder, out, extractor, resume=True)
    assert out.read_bytes() == _fresh(folder, tmp_path, extractor)
    assert not earlier.exists()


def test_a_changed_config_redoes_everything(folder, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    _run(folder, out, extractor)
    pipelines = tmp_path / "pipelines"
    shutil.copytree(ROOT / "pipelines", pipelines)
    cfg = pipelines / "default.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    other = extractor.__class__.__new__(extractor.__class__)
    other.__dict__.update(extractor.__dict__)
    other.settings = load_settings(cfg)
    other.info = other.info.model_copy(update={"config_sha256": other.settings.sha256,
                                               "config": other.settings.path})
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=other.settings,
                             extractor=other, resume=True))
    assert summary.skipped == 0 and summary.documents == N
    fresh = tmp_path / "fresh.jsonl"
    run(RunOptions(inputs=[str(folder)], output=fresh, settings=other.settings, extractor=other))
    assert out.read_bytes() == fresh.read_bytes()
