"""Finding 5: `a/report.txt` and `b/report.txt` both got doc_id `report`, and export kept one of
them with exit status 0. doc_ids are now unique within a run and stable across runs, and export
refuses a second, different record under one doc_id."""

import json

from click.testing import CliRunner

from consortia.cli import cli
from consortia.models import Record

from ..test_resume import _article


def _ids(out) -> list[str]:
    return [Record.model_validate_json(line).doc_id for line in out.read_text(encoding="utf-8").splitlines()]


def test_files_with_one_name_in_two_folders_get_two_ids(tmp_path):
    for sub, i in (("a", 1), ("b", 2)):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "report.txt").write_text(_article(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _ids(out) == ["a/report", "b/report"]


def test_files_named_on_their_own_get_unique_ids_that_stay_the_same_from_run_to_run(tmp_path):
    for sub, i in (("a", 1), ("b", 2)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(_article(i), encoding="utf-8")
    args = [str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt")]
    runs = []
    for n in range(2):
        out = tmp_path / f"out{n}.jsonl"
        result = CliRunner().invoke(cli, ["run", *args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "doc_id 'report' is taken by an earlier input" in result.stderr
        runs.append(_ids(out))
    assert runs[0] == runs[1] and runs[0][0] == "report" and runs[0][1].startswith("report~")
    assert len(set(runs[0])) == 2


def test_doc_id_is_the_path_below_the_input_folder():
    from consortia.reader import doc_id_for

    assert doc_id_for("in/a/b/report.txt", root="in") == "a/b/report"
    assert doc_id_for("corpus/raw/000_x.txt", root="corpus/raw") == "000_x"
    assert doc_id_for("/data/x/report.txt") == "report"


def test_export_refuses_a_second_record_under_one_doc_id_and_exits_1(tmp_path):
    for sub, i in (("a", 1), ("b", 2)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(_article(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["run", str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt"),
                             "-o", str(out)])
    # what a run before the fix wrote: one doc_id for both
    old = tmp_path / "old.jsonl"
    old.write_text("".join(json.dumps({**json.loads(line), "doc_id": "report"}) + "\n"
                           for line in out.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    db = tmp_path / "db.sqlite"
    result = CliRunner().invoke(cli, ["export", str(old), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 1, result.output
    assert "[C040] report" in result.stderr and "not exported" in result.stderr
    assert "1 doc_ids met twice" in result.stderr


def test_gold_files_of_ids_with_a_folder_are_found_below_the_gold_folder(tmp_path):
    from consortia.evaluate import load_gold

    from ..conftest import GOLD

    source = sorted(GOLD.glob("*.json"))[0]
    (tmp_path / "a").mkdir()
    data = json.loads(source.read_text(encoding="utf-8"))
    (tmp_path / "a" / "report.json").write_text(json.dumps({**data, "doc_id": "a/report"}), encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["a/report"]
