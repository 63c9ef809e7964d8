"""Batch robustness through the whole pipeline: bad inputs never stop a run, each gets a record
that says what happened, and exit statuses tell a script what to do."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from consortia.cli import cli
from consortia.models import Record
from consortia.pipeline import Source
from consortia.runner import RunOptions, run

from .conftest import RAW

ARTICLE = ("Wuhan Union Hospital signs agreement with county hospital\n\n"
           "Wuhan Union Hospital and the People's Hospital of Xianning signed an agreement on "
           "March 3, 2021 to form a medical alliance. Professor Li Wenjun, president of Wuhan "
           "Union Hospital, said the alliance would train doctors from Xianning.\n")
CHINESE = ("武汉协和医院与咸宁市人民医院签署合作协议，双方将组建医疗联合体。"
           "协和医院院长表示，联合体将帮助咸宁培养医生，推动分级诊疗。\n") * 3


def _records(path: Path) -> list[Record]:
    return [Record.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _raw(record: Record) -> str:
    """The raw text offsets index, as the README says: the bytes decoded with `encoding`."""
    return Path(record.source_path).read_bytes().decode(record.encoding, errors="replace")


def _assert_offsets(record: Record, raw: str) -> None:
    for ent in record.entities:
        assert 0 <= ent.start < ent.end <= len(raw) and raw[ent.start:ent.end] == ent.text
    ids = [e.id for e in record.entities]
    assert len(set(ids)) == len(ids)
    for rel in record.relations:
        ev = rel.evidence
        assert 0 <= ev.start < ev.end <= len(raw) and raw[ev.start:ev.end] == ev.text
        for end in (rel.head, rel.tail):
            assert end.entity is None or end.entity in ids


@pytest.fixture()
def bad_folder(tmp_path):
    """One folder with every kind of input a crawl produces, good ones among them."""
    d = tmp_path / "in"
    d.mkdir()
    files = {
        "a_good.txt": ARTICLE.encode("utf-8"),
        "b_empty.txt": b"",
        "c_blank.txt": b"  \n\n\t \r\n",
        "d_binary.txt": b"%PDF-1.4\n\0\0\x01\x02binary" * 20,
        "e_garbage.txt": bytes((i * 7919 + 13) % 255 + 1 for i in range(2000)),
        "f_bom.txt": b"\xef\xbb\xbf" + ARTICLE.replace("March 3", "March 4").encode("utf-8"),
        "g_utf16.txt": ARTICLE.replace("March 3", "March 5").encode("utf-16"),
        "h_gbk.txt": (ARTICLE.replace("March 3", "March 6") + "\n" + CHINESE[:40] + "\n").encode("gb18030"),
        "i_chinese.txt": CHINESE.encode("utf-8"),
        "j_crlf.txt": ARTICLE.replace("March 3", "March 7").replace("\n", "\r\n").encode("utf-8"),
        "k_cr.txt": ARTICLE.replace("March 3", "March 8").replace("\n", "\r").encode("utf-8"),
        "l_copy_of_good.txt": ARTICLE.encode("utf-8"),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    (d / "sub").mkdir()
    (d / "sub" / "loop").symlink_to(d)  # a symbolic link loop inside the input folder
    return d


def test_a_folder_of_bad_inputs_gives_one_clear_record_each(bad_folder, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(bad_folder)], output=out, settings=extractor.settings,
                             extractor=extractor))
    records = {Path(r.source_path).name: r for r in _records(out)}
    # The copy is folded into the original's record; the loop adds nothing.
    assert sorted(records) == sorted(p.name for p in bad_folder.glob("*.txt") if p.name != "l_copy_of_good.txt")
    assert records["a_good.txt"].duplicate_paths == [str(bad_folder / "l_copy_of_good.txt")]
    assert summary.duplicates == 1

    def failed_with(name, words):
        r = records[name]
        assert any(words in e for e in r.errors), (name, r.errors)
        assert r.entities == [] and r.relations == [] and r.text == ""

    failed_with("b_empty.txt", "empty (0 bytes)")
    failed_with("c_blank.txt", "only whitespace")
    failed_with("d_binary.txt", "binary file")
    failed_with("e_garbage.txt", "not valid UTF-8")
    assert summary.failed == 4 and len(summary.failures) == 4

    zh = records["i_chinese.txt"]
    assert zh.language == "zh" and zh.errors == [] and zh.entities == [] and zh.text == ""
    assert summary.other_language == 1

    for name, encoding in (("a_good.txt", "utf-8"), ("f_bom.txt", "utf-8-sig"), ("g_utf16.txt", "utf-16"),
                           ("h_gbk.txt", "gb18030"), ("j_crlf.txt", "utf-8"), ("k_cr.txt", "utf-8")):
        r = records[name]
        assert r.errors == [] and r.encoding == encoding and r.language == "en", name
        assert any(e.label == "ORG" for e in r.entities), name
        _assert_offsets(r, _raw(r))
    # Line ends change offsets, not what is found.
    plain = [(e.label, e.text) for e in records["a_good.txt"].entities]
    for name in ("j_crlf.txt", "k_cr.txt"):
        assert [(e.label, e.text.replace("\r\n", "\n").replace("\r", "\n"))
                for e in records[name].entities if e.label != "DATE"] == [p for p in plain if p[0] != "DATE"]
    assert summary.documents == len(records)


def test_exit_status_is_1_when_some_documents_fail_and_the_others_are_written(bad_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["run", str(bad_folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "4 with errors" in result.output and "1 duplicate files" in result.output
    assert "1 not English" in result.output
    assert "b_empty.txt: [C010]" in result.output, "each failure is named with its reason"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 11


@pytest.mark.parametrize("args, words", [
    (["run", str(RAW), "-o", str(RAW)], "is a directory"),
    (["run", str(RAW / "nope.txt"), "-o", "{tmp}/o.jsonl"], "no such file or folder"),
    (["run", str(RAW), "-o", "{tmp}/o.jsonl", "--config", "{tmp}/missing.cfg"], "does not exist"),
    (["run", str(RAW), "-o", "{tmp}/o.jsonl", "--workers", "0"], "--workers"),
    (["run", str(RAW), "-o", "{tmp}/o.jsonl", "--engine", "dask"], "--scheduler"),
    (["run", "{tmp}/empty_folder", "-o", "{tmp}/o.jsonl"], "no input documents"),
])
def test_a_run_that_cannot_start_exits_2_with_a_message(tmp_path, args, words):
    (tmp_path / "empty_folder").mkdir()
    result = CliRunner().invoke(cli, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_output_not_writable_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(RAW), "-o", str(blocker / "sub" / "out.jsonl")])
    assert result.exit_code == 2 and "cannot create the output folder" in result.output


def test_oversized_file_is_refused_and_the_run_goes_on(tmp_path, extractor):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with open(d / "big.txt", "wb") as fh:  # 20 MB of text
        fh.write(ARTICLE.encode("utf-8") * (20_000_000 // len(ARTICLE) + 1))
    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(d)], output=out, settings=extractor.settings, extractor=extractor))
    big, good = sorted(_records(out), key=lambda r: r.doc_id != "big")
    assert "above the limit" in big.errors[0] and len(big.sha256) == 64
    assert good.entities and not good.errors
    assert summary.failed == 1


def test_files_that_vanish_or_turn_unreadable_mid_run_are_recorded(tmp_path, extractor):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"doc{i}.txt").write_text(ARTICLE.replace("March 3", f"March {10 + i}"), encoding="utf-8")
    seen = []

    def progress(advance, total):  # after the first batch, two later files go bad
        seen.append(advance)
        if len(seen) == 1:
            (d / "doc2.txt").unlink()
            (d / "doc3.txt").unlink()
            os.mkfifo(d / "doc3.txt")

    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(d)], output=out, settings=extractor.settings,
                             extractor=extractor, batch_size=1), progress=progress)
    records = _records(out)
    assert [r.doc_id for r in records] == ["doc0", "doc1", "doc2", "doc3"]
    assert records[1].entities and not records[1].errors
    assert "removed or renamed" in records[2].errors[0]
    assert "not a regular file" in records[3].errors[0]
    assert summary.failed == 2 and summary.documents == 4


def test_a_stage_that_returns_bad_offsets_loses_that_item_not_the_document(extractor):
    from consortia.clean import Cleaned
    from consortia.pipeline import _Prepared
    from consortia.stagedata import new_entity, state

    text = "Jilin University signed with Yanbian Hospital."
    cleaned = Cleaned(text=text, offsets=list(range(len(text))))
    doc = extractor.nlp.make_doc(text)
    good = new_entity(0, 16, "ORG", "Jilin University")
    state(doc)["entities"] = [new_entity(30, 900, "ORG", "broken"), good, new_entity(5, 5, "ORG", ""),
                              {"start": 1, "end": 3, "label": "THING"}]
    state(doc)["relations"] = [{"type": "partner_of", "head": {"entity": 1, "canonical": "Jilin University",
                                                                "label": "ORG"}}]
    src = Source(doc_id="x", source_path="x.txt", sha256="0" * 64, raw=text)
    record = extractor._record(src, _Prepared(cleaned, doc, [], "en"), doc)
    assert [e.text for e in record.entities] == ["Jilin University"] and record.entities[0].id == "e1"
    assert len(record.errors) == 4 and all("left out" in e for e in record.errors)
    Record.model_validate_json(record.model_dump_json())


def test_summary_line_names_documents_first():
    from consortia.runner import Summary

    line = Summary(documents=3, entities=9, relations=2, failed=1, skipped=4, seconds=1.25).line()
    assert line == "3 documents, 9 entities, 2 relations, 1 with errors, 4 already done, 1.2 s"


def test_records_are_json_lines_in_input_order(tmp_path, extractor):
    out = tmp_path / "o.jsonl"
    run(RunOptions(inputs=[str(RAW)], output=out, settings=extractor.settings, extractor=extractor))
    ids = [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(p.stem for p in RAW.glob("*.txt"))


def test_paths_on_stdin_are_documents_even_when_missing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["run", "-", "-o", str(out)],
                                input=f"{good}\n\n{tmp_path / 'missing.txt'}\n")
    assert result.exit_code == 1, result.output
    first, second = _records(out)
    assert first.entities and not first.errors
    assert second.doc_id == "missing" and "cannot read" in second.errors[0]


def test_an_unreadable_path_named_twice_is_one_input(tmp_path, extractor):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "removed.txt")  # dangling: no bytes, so no sha256 to fold it by
    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(link), str(tmp_path / "." / "gone.txt")], output=out,
                             settings=extractor.settings, extractor=extractor))
    records = _records(out)
    assert len(records) == 1 and "cannot read" in records[0].errors[0]
    assert summary.documents == 1 and summary.failed == 1
