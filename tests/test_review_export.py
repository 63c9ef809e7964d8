"""`consortia review export`: gold files, reviewed JSONL, Label Studio tasks; and the CLI."""

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from consortia.cli import cli
from consortia.models import GoldDocument, Record
from consortia.review import exports
from consortia.review.app import create_app
from consortia.review.store import Store

from .test_review_support import (GANSU, XSS, build_record, open_session, standard_output,
                                  write_output)

BASE = "http://127.0.0.1"


def review_gansu(tmp_path) -> tuple[Path, dict]:
    """Decide every relation of the Gansu document (accept, reject, correct) and add one."""
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    items = {(i["relation"]["type"], i["relation"]["head"]["canonical"]): i
             for i in client.get("/api/relations").json()["items"]}
    post = lambda item, body: client.post(f"/api/relations/{item['id']}/decision", json=body).raise_for_status()
    post(items[("partner_of", "Lanzhou Heart Hospital")], {"action": "accept"})
    post(items[("holds_position", "Li Wenbo")], {"action": "reject"})
    post(items[("member_of", "Tianshui Eye Hospital")], {"action": "correct", "changes": {"type": "leads", "date": "2020"}})
    sha = next(d.sha256 for d in session.docs.values() if d.doc_id == "gansu")
    client.post(f"/api/documents/{sha}/relations", json={
        "type": "invested", "head": {"entity": "e9"}, "tail": {"entity": "e10"},
        "purpose": "county hospitals"}).raise_for_status()
    return tmp_path / "review.sqlite", items


def raw_of(marked: str) -> str:
    return re.sub(r"\[([^\]]+)\]\((?:ORG|PERSON|DATE|MONEY|GPE)\)", r"\1", marked)


# gold

def test_gold_files_hold_accepted_corrected_and_added_relations_of_reviewed_documents(tmp_path):
    store, _ = review_gansu(tmp_path)
    written, skipped = exports.export_gold(Store(store), tmp_path / "gold")
    assert (written, skipped) == (1, 1)  # xss has a relation nobody decided
    files = sorted((tmp_path / "gold").glob("*.json"))
    assert [f.name for f in files] == ["gansu.json"]
    data = json.loads(files[0].read_text(encoding="utf-8"))
    gold = GoldDocument.model_validate(data)
    raw = raw_of(GANSU)
    # the same properties as the project's gold-file check
    assert gold.doc_id == "gansu" and gold.title == "Gansu hospitals join forces"
    assert all(raw[e.start:e.end] == e.text for e in gold.entities) and len(gold.entities) == 10
    names = {e.canonical for e in gold.entities}
    assert all(r.head in names and r.tail in names for r in gold.relations)
    got = {(r.head, r.type, r.tail, r.role, r.date, r.purpose, r.modality) for r in gold.relations}
    assert got == {
        ("Lanzhou Heart Hospital", "partner_of", "Gansu Medical University", None, "2021-03-03", None, "asserted"),
        ("Tianshui Eye Hospital", "leads", "Gansu Eye Care Alliance", None, "2020", None, "asserted"),
        ("Gansu Provincial Government", "invested", "80 million yuan", None, None, "county hospitals", "asserted"),
    }
    invested = next(r for r in gold.relations if r.type == "invested")
    assert (invested.amount, invested.currency) == (80_000_000, "CNY")
    assert "id" not in data["entities"][0] and data["aliases"] == {}
    # --partial also writes the half-reviewed document, without its undecided relation
    written, _ = exports.export_gold(Store(store), tmp_path / "partial", partial=True)
    assert written == 1  # xss has no decision at all, so it is still left out


def test_gold_export_is_scored_by_consortia_eval(tmp_path):
    """Reviewed documents become evaluation data: the reviewed JSONL scores 1.0 against them."""
    from consortia.evaluate import evaluate, load_gold, load_predictions

    store, _ = review_gansu(tmp_path)
    exports.export_gold(Store(store), tmp_path / "gold")
    exports.export_jsonl(Store(store), tmp_path / "reviewed.jsonl")
    final = []
    for line in (tmp_path / "reviewed.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["doc_id"] != "gansu":
            continue
        kept = []
        for rel in rec["relations"]:
            review = rel.pop("review")
            if review["status"] in ("accepted", "added"):
                kept.append(rel)
            elif review["status"] == "corrected":
                kept.append(review["corrected"])
        rec["relations"] = kept
        final.append(rec)
    pred = tmp_path / "final.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in final), encoding="utf-8")
    report = evaluate(load_predictions(pred), load_gold(tmp_path / "gold")).as_dict()
    micro = report["relations"]["micro"]
    assert (micro["f1"], micro["gold"]) == (1.0, 3)
    assert report["relation_attributes"]["date"]["accuracy"] == 1.0
    assert report["entities_mention"]["micro"]["f1"] == 1.0


# reviewed JSONL

def test_jsonl_has_a_review_field_on_every_relation_and_the_added_ones(tmp_path):
    store, _ = review_gansu(tmp_path)
    n = exports.export_jsonl(Store(store), tmp_path / "reviewed.jsonl")
    lines = (tmp_path / "reviewed.jsonl").read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == 2
    gansu, xss = (json.loads(line) for line in lines)
    statuses = [(r["id"], r["type"], r["review"]["status"]) for r in gansu["relations"]]
    assert statuses[:4] == [("r1", "partner_of", "accepted"), ("r2", "holds_position", "rejected"),
                            ("r3", "member_of", "corrected"), ("r4", "partner_of", "accepted")]
    assert statuses[4][1:] == ("invested", "added") and len(statuses) == 5
    corrected = gansu["relations"][2]["review"]
    assert corrected["corrected"]["type"] == "leads" and corrected["reviewer"] == "ana"
    assert gansu["relations"][0]["review"]["corrected"] is None
    assert [r["review"] for r in xss["relations"]] == [
        {"status": "pending", "reviewer": None, "decided_at": None, "corrected": None}]
    for rec in (gansu, xss):  # without the review fields, each line is a pipeline record
        for rel in rec["relations"]:
            rel.pop("review")
        Record.model_validate(rec)


# Label Studio

def test_label_studio_tasks_have_spans_relations_with_scores_and_reviewed_annotations(tmp_path):
    store, _ = review_gansu(tmp_path)
    n, unplaced, config = exports.export_label_studio(Store(store), tmp_path / "tasks.json")
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert n == len(tasks) == 2 and unplaced == 0
    gansu = next(t for t in tasks if t["data"]["doc_id"] == "gansu")
    assert gansu["data"]["text"] == raw_of(GANSU) and gansu["data"]["text_is_raw"] is True
    (prediction,) = gansu["predictions"]
    spans = [r for r in prediction["result"] if r["type"] == "labels"]
    rels = [r for r in prediction["result"] if r["type"] == "relation"]
    assert len(spans) == 10
    for s in spans:
        v = s["value"]
        assert gansu["data"]["text"][v["start"]:v["end"]] == v["text"] and len(v["labels"]) == 1
        assert (s["from_name"], s["to_name"]) == ("label", "text")
    ids = {s["id"] for s in spans}
    assert all(r["from_id"] in ids and r["to_id"] in ids for r in rels)
    assert sorted((r["labels"][0], r["score"]) for r in rels) == [
        ("holds_position", 0.8), ("member_of", 0.55), ("partner_of", 0.7), ("partner_of", 0.9)]
    assert prediction["score"] == pytest.approx((0.9 + 0.8 + 0.55 + 0.7) / 4, abs=1e-4)
    (annotation,) = gansu["annotations"]
    reviewed = sorted(r["labels"][0] for r in annotation["result"] if r["type"] == "relation")
    assert reviewed == ["invested", "leads", "partner_of"]
    xss = next(t for t in tasks if t["data"]["doc_id"] == "xss")
    assert "annotations" not in xss  # not reviewed
    cfg = config.read_text(encoding="utf-8")
    assert config.name == "tasks.label-config.xml"
    assert all(f'<Relation value="{t}"/>' in cfg for t in ("partner_of", "invested", "holds_position"))
    assert all(f'<Label value="{x}"/>' in cfg for x in ("ORG", "PERSON", "MONEY"))


def test_label_studio_offsets_count_utf16_units_like_javascript(tmp_path):
    marked = "Fund news \U0001F3E5 today\n[Kunming Eye Clinic](ORG) joined the [Yunnan Eye Alliance](ORG).\n"
    out = write_output(tmp_path / "out.jsonl", [build_record(tmp_path, "emoji", marked, [("member_of", 0, 1, {})])])
    open_session(tmp_path, out)
    exports.export_label_studio(Store(tmp_path / "review.sqlite"), tmp_path / "t.json")
    (task,) = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    text = task["data"]["text"]
    span = next(r for r in task["predictions"][0]["result"] if r.get("value", {}).get("text") == "Kunming Eye Clinic")
    start = text.index("Kunming")
    assert span["value"]["start"] == start + 1  # the hospital emoji is two UTF-16 units, one code point
    assert span["value"]["end"] - span["value"]["start"] == len("Kunming Eye Clinic")


def test_an_end_inside_a_longer_name_gets_its_own_nested_span(tmp_path):
    marked = "Branch opens\nThe [Wuxi Cancer Hospital Suzhou Branch](ORG) opened on Monday.\n"
    record = build_record(tmp_path, "branch", marked, [])
    line = record.text.splitlines()[1]
    rel = {"id": "r1", "type": "branch_of",
           "head": {"entity": "e1", "canonical": "Wuxi Cancer Hospital Suzhou Branch", "label": "ORG"},
           "tail": {"entity": None, "canonical": "Wuxi Cancer Hospital", "label": "ORG"},
           "role": None, "date": None, "purpose": None, "modality": "asserted", "confidence": 0.9,
           "rule": "name.branch", "evidence": {"text": line, "start": 13, "end": 13 + len(line)}}
    record = Record.model_validate({**record.model_dump(), "relations": [rel]})
    out = write_output(tmp_path / "out.jsonl", [record])
    open_session(tmp_path, out)
    n, unplaced, _ = exports.export_label_studio(Store(tmp_path / "review.sqlite"), tmp_path / "t.json")
    (task,) = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    results = {r.get("id"): r for r in task["predictions"][0]["result"]}
    (relation,) = [r for r in task["predictions"][0]["result"] if r["type"] == "relation"]
    assert unplaced == 0 and relation["from_id"] == "e1" and relation["labels"] == ["branch_of"]
    tail = results[relation["to_id"]]["value"]
    assert tail["text"] == "Wuxi Cancer Hospital" and tail["labels"] == ["ORG"]
    assert task["data"]["text"][tail["start"]:tail["end"]] == "Wuxi Cancer Hospital"

    # Without the raw file the clean text is shown, and evidence offsets (raw) cannot place it.
    (tmp_path / "branch.txt").unlink()
    open_session(tmp_path, out, store=Store(tmp_path / "other.sqlite"))
    n, unplaced, _ = exports.export_label_studio(Store(tmp_path / "other.sqlite"), tmp_path / "t2.json")
    assert (n, unplaced) == (1, 1)
    (task,) = json.loads((tmp_path / "t2.json").read_text(encoding="utf-8"))
    assert task["data"]["text_is_raw"] is False
    assert [r["type"] for r in task["predictions"][0]["result"]] == ["labels"]


# the CLI

def test_review_help_and_export_help_end_in_examples():
    for args in (["review", "--help"], ["review", "export", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "Example:" in result.output
        assert result.output.rstrip().splitlines()[-1].strip() != "Example:"
    assert "OUT.jsonl | export" in CliRunner().invoke(cli, ["review", "--help"]).output


def test_export_from_the_command_line(tmp_path):
    store, _ = review_gansu(tmp_path)
    run = lambda *args: CliRunner().invoke(cli, ["review", "export", "--store", str(store), *args])
    result = run("--format", "gold", "-o", str(tmp_path / "g"))
    assert result.exit_code == 0, result.output
    assert "1 gold files written" in result.output and "1 not fully reviewed" in result.output
    result = run("--format", "jsonl", "-o", str(tmp_path / "r.jsonl"))
    assert result.exit_code == 0 and "2 records written" in result.output
    result = run("--format", "label-studio", "-o", str(tmp_path / "ls.json"))
    assert result.exit_code == 0 and "2 Label Studio tasks" in result.output
    assert (tmp_path / "ls.label-config.xml").is_file()


@pytest.mark.parametrize("args, words", [
    (["--format", "gold", "-o", "FILE"], "is a file; gold files go into a folder"),
    (["--format", "jsonl", "-o", "DIR"], "is a folder"),
    (["--format", "jsonl", "-o", "DIR/missing/x.jsonl"], "does not exist"),
    (["--format", "csv", "-o", "x"], "Invalid value for '--format'"),
    (["-o", "x"], "Missing option '--format'"),
])
def test_export_refuses_bad_arguments_with_exit_2(tmp_path, args, words):
    store, _ = review_gansu(tmp_path)
    (tmp_path / "FILE").write_text("x")
    (tmp_path / "DIR").mkdir()
    args = [a.replace("FILE", str(tmp_path / "FILE")).replace("DIR", str(tmp_path / "DIR")) for a in args]
    result = CliRunner().invoke(cli, ["review", "export", "--store", str(store), *args])
    assert result.exit_code == 2, result.output
    assert words in result.output


def test_export_needs_an_existing_store(tmp_path):
    result = CliRunner().invoke(cli, ["review", "export", "--store", str(tmp_path / "none.sqlite"),
                                      "--format", "gold", "-o", str(tmp_path / "g")])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "none.sqlite").exists()


def test_review_without_an_output_or_with_a_missing_one_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["review"])
    assert result.exit_code == 2 and "give the OUT.jsonl" in result.output
    result = CliRunner().invoke(cli, ["review", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "is not a file" in result.output


def test_a_busy_port_is_reported_before_serving(tmp_path):
    out = standard_output(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["review", str(out), "--store", str(tmp_path / "s.sqlite"),
                                          "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output


def _consortia() -> list[str]:
    exe = Path(sys.executable).with_name("consortia")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from consortia.cli import main; main()"]


def test_consortia_review_serves_on_localhost_and_prints_its_address(tmp_path):
    import http.client

    out = standard_output(tmp_path)
    store = tmp_path / "store" / "review.sqlite"  # its folder is created
    proc = subprocess.Popen([*_consortia(), "review", "--port", "0", str(out), "--store", str(store),
                             "--reviewer", "bob"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, lines = time.monotonic() + 60, []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Review at"):
                break
        match = re.search(r"Review at http://127\.0\.0\.1:(\d+)/", "".join(lines))
        assert match, ("".join(lines), proc.stderr.read() if proc.poll() is not None else "")
        assert "4 relations in 2 documents" in lines[0] and "'bob'" in lines[0]
        port = int(match.group(1))
        for _ in range(100):  # the socket is bound before the address is printed; the app follows
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", "/api/summary")
                response = conn.getresponse()
                break
            except ConnectionError:
                time.sleep(0.1)
        summary = json.loads(response.read())
        assert summary["reviewer"] == "bob" and summary["total"] == 4
        # raw request paths, not normalised by any client library
        for path in ["/static/../store.py", "/static/..%2fstore.py", "/static/../../../pyproject.toml",
                     "/static/%2e%2e/app.py", "//etc/passwd", "/static//etc/passwd"]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
            assert response.status == 404, (path, response.status)
            assert "import " not in body and "root:" not in body
        assert store.is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_options_may_come_before_or_after_the_output(tmp_path, monkeypatch):
    import consortia.review.commands as commands

    calls = []
    monkeypatch.setattr(commands, "serve", lambda output, store, **kw: calls.append((output, store, kw)))
    out = standard_output(tmp_path)
    for args in (["review", str(out), "--port", "9001", "--reviewer", "cy"],
                 ["review", "--port", "9001", "--reviewer", "cy", str(out)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    assert len(calls) == 2 and calls[0] == calls[1]
    output, store, kw = calls[0]
    assert output == out and store == Path("outputs/review.sqlite")
    assert kw == {"host": "127.0.0.1", "port": 9001, "reviewer": "cy"}


def test_an_xss_record_round_trips_through_every_export(tmp_path):
    """Export writes article text as data; nothing is interpreted or lost."""
    out = write_output(tmp_path / "out.jsonl", [build_record(tmp_path, "xss", XSS, [("partner_of", 0, 1, {})])])
    open_session(tmp_path, out)
    exports.export_jsonl(Store(tmp_path / "review.sqlite"), tmp_path / "r.jsonl")
    rec = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    assert "<script>window.__pwned=1</script>" in rec["text"]
    assert rec["relations"][0]["evidence"]["text"].count("<script>") == 1
