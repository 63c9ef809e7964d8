"""Issue 16: review decisions reach the database, through one record contract.

A review of the invented Gansu document (reject, correct, add; fix an entity's label, add a
missed entity and use it as a relation end) exported with `--review-store`, and the same
review exported as JSONL and read by `consortia export` and `consortia eval`. On SQLite always,
on PostgreSQL with CONSORTIA_TEST_PG_URL.
"""

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from consortia.cli import cli
from consortia.export.db import open_database
from consortia.models import Record
from consortia.review.queue import DecisionIn, EntityDecisionIn, NewEntity, NewRelation

from .test_export import db_url, dump, pg_schema  # noqa: F401  (fixtures)
from .test_review_support import open_session


def _find(session, head, tail):
    return next(it for it, _ in session.entries()
                if {it.original["head"]["canonical"], it.original["tail"]["canonical"]} == {head, tail})


@pytest.fixture
def reviewed(tmp_path):
    """A store with every kind of decision, and the output it reviewed."""
    session = open_session(tmp_path)
    gansu = next(d for d in session.docs.values() if d.doc_id == "gansu")
    member = _find(session, "Tianshui Eye Hospital", "Gansu Eye Care Alliance")
    session.decide(member.id, DecisionIn(action="reject"))
    partner = _find(session, "Lanzhou Heart Hospital", "Gansu Medical University")
    session.decide(partner.id, DecisionIn.model_validate({"action": "correct", "changes": {"date": "2021-03"}}))
    person = _find(session, "Li Wenbo", "Gansu Medical University")
    session.decide(person.id, DecisionIn(action="accept"))
    # an entity the pipeline missed, then used as a relation end
    start = gansu.raw.index("county hospitals")
    added = session.add_entity(gansu.sha256, NewEntity(start=start, end=start + len("county hospitals"),
                                                       label="ORG", canonical="Gansu county hospitals"))
    session.add(gansu.sha256, NewRelation.model_validate({
        "type": "affiliated_with", "head": {"entity": added["entity_id"]}, "tail": {"entity": "e6"}}))
    # a wrong label (the test's own choice): the provincial government as a GPE
    session.decide_entity(gansu.sha256, "e9", EntityDecisionIn.model_validate(
        {"action": "correct", "changes": {"label": "GPE"}}))
    return session


def rows(url, query):
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(query))]
    finally:
        engine.dispose()


def test_review_decisions_reach_the_relations_and_the_reviewed_view(reviewed, db_url):  # noqa: F811
    out, store = reviewed.output_path, str(reviewed.store.path)
    result = CliRunner().invoke(cli, ["export", out, "--db", db_url, "--review-store", store])
    assert result.exit_code == 0, result.output
    rels = {(r["head_name"], r["tail_name"]): r for r in rows(db_url, "SELECT * FROM relations")}
    rejected = rels["Tianshui Eye Hospital", "Gansu Eye Care Alliance"]
    assert rejected["review_status"] == "rejected" and rejected["reviewer"] == "ana"
    by_id = {(r["doc_id"], r["rel_id"]): r for r in rels.values()}
    corrected = next(r for r in rows(db_url, "SELECT * FROM relations") if (r["doc_id"], r["rel_id"]) == ("gansu", "r1"))
    assert corrected["review_status"] == "corrected" and corrected["date"] == "2021-03"
    assert corrected["year"] == 2021 and json.loads(corrected["original"])["date"] == "2021-03-03"
    assert rels["Li Wenbo", "Gansu Medical University"]["review_status"] == "accepted"
    added = rels["Gansu county hospitals", "Gansu Eye Care Alliance"]
    assert added["review_status"] == "added" and added["rel_id"].startswith("added-")
    assert rels["Xining Plateau Hospital", "Haidong Clinic"]["review_status"] == "pending"

    view = {(r["head_name"], r["tail_name"]) for r in rows(db_url, "SELECT * FROM reviewed_relations")}
    assert ("Tianshui Eye Hospital", "Gansu Eye Care Alliance") not in view
    assert ("Gansu county hospitals", "Gansu Eye Care Alliance") in view
    assert len(view) == len(rels) - 1
    assert by_id  # (every row has a doc_id and rel_id)

    mentions = {(r["doc_id"], r["entity_id"]): r for r in rows(db_url, "SELECT * FROM mentions")}
    assert mentions["gansu", "e9"]["label"] == "GPE" and mentions["gansu", "e9"]["review_status"] == "corrected"
    new = [m for m in mentions.values() if m["review_status"] == "added"]
    assert [(m["text"], m["canonical"], m["entity_key"]) for m in new] == [
        ("county hospitals", "Gansu county hospitals", "org:gansu-county-hospitals")]

    # the same store again changes nothing; one more decision replaces that document alone
    engine = open_database(db_url)
    before = dump(engine)
    result = CliRunner().invoke(cli, ["export", out, "--db", db_url, "--review-store", store])
    assert result.exit_code == 0 and "2 unchanged" in result.output, result.output
    assert dump(engine) == before
    xss = _find(reviewed, "Xining Plateau Hospital", "Haidong Clinic")
    reviewed.decide(xss.id, DecisionIn(action="reject"))
    result = CliRunner().invoke(cli, ["export", out, "--db", db_url, "--review-store", store])
    assert "1 replaced, 1 unchanged" in result.output, result.output
    engine.dispose()
    assert not [r for r in rows(db_url, "SELECT * FROM reviewed_relations") if r["doc_id"] == "xss"]


def test_the_store_alone_exports_its_records_reviewed(reviewed, db_url):  # noqa: F811
    result = CliRunner().invoke(cli, ["export", "--db", db_url, "--review-store", str(reviewed.store.path)])
    assert result.exit_code == 0, result.output
    statuses = sorted(r["review_status"] for r in rows(db_url, "SELECT review_status FROM relations"))
    # r1 and r4 state the same fact: both carry its correction
    assert statuses == ["accepted", "added", "corrected", "corrected", "pending", "rejected"]


def test_review_export_jsonl_is_read_by_export_and_eval(reviewed, tmp_path, db_url):  # noqa: F811
    store = str(reviewed.store.path)
    jsonl, gold = tmp_path / "reviewed.jsonl", tmp_path / "gold"
    runner = CliRunner()
    assert runner.invoke(cli, ["review", "export", "--store", store, "--format", "jsonl", "-o", str(jsonl)]).exit_code == 0
    records = [Record.model_validate_json(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert {r.review.status for rec in records for r in rec.relations} == {
        "accepted", "added", "corrected", "pending", "rejected"}
    assert any(e.review and e.review.status == "added" for rec in records for e in rec.entities)

    result = runner.invoke(cli, ["export", str(jsonl), "--db", db_url])
    assert result.exit_code == 0, result.output  # was: [C051] ... review: Extra inputs are not permitted
    via_jsonl = rows(db_url, "SELECT doc_id, rel_id, type, head_name, tail_name, date, review_status"
                             " FROM relations ORDER BY doc_id, rel_id")
    other = tmp_path / "other.db"
    runner.invoke(cli, ["export", reviewed.output_path, "--db", f"sqlite:///{other}", "--review-store", store])
    via_store = rows(f"sqlite:///{other}", "SELECT doc_id, rel_id, type, head_name, tail_name, date,"
                                           " review_status FROM relations ORDER BY doc_id, rel_id")
    assert via_jsonl == via_store

    assert runner.invoke(cli, ["review", "export", "--store", store, "--format", "gold", "--partial",
                               "-o", str(gold)]).exit_code == 0
    result = runner.invoke(cli, ["eval", str(jsonl), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    # scored as review left it: the rejected relation is gone, the added one is in
    assert scores["relations"]["micro"]["precision"] == 1.0 and scores["relations"]["micro"]["recall"] == 1.0
    assert scores["relation_attributes"]["date"]["accuracy"] == 1.0  # the corrected date


def test_the_readme_questions_give_the_reviewed_answers(reviewed, db_url):  # noqa: F811
    from .test_export_queries import QUERIES

    CliRunner().invoke(cli, ["export", reviewed.output_path, "--db", db_url,
                             "--review-store", str(reviewed.store.path)])
    engine = open_database(db_url)
    try:
        with engine.connect() as conn:
            q5 = [tuple(r) for r in conn.execute(text(QUERIES[4]), {"org": "org:gansu-eye-care-alliance"})]
    finally:
        engine.dispose()
    assert ("member_of", "in", "Tianshui Eye Hospital", "ORG", 1, None) not in q5  # rejected
    assert [r[:3] for r in q5] == [("affiliated_with", "in", "Gansu county hospitals")]  # added


def test_a_version_1_database_is_upgraded_in_place(tmp_path):
    import sqlite3

    from consortia.export.schema import ADDED_IN_2

    path = tmp_path / "old.db"
    engine = open_database(f"sqlite:///{path}")
    engine.dispose()
    con = sqlite3.connect(path)  # make it look like version 1: no review columns, no views
    for view in ("reviewed_relations", "reviewed_mentions"):
        con.execute(f"DROP VIEW {view}")
    for table, columns in ADDED_IN_2.items():
        for column in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE consortia_meta SET value = '1'")
    con.commit()
    con.close()
    engine = open_database(f"sqlite:///{path}")
    engine.dispose()
    assert rows(f"sqlite:///{path}", "SELECT value FROM consortia_meta") == [{"value": "2"}]
    assert rows(f"sqlite:///{path}", "SELECT COUNT(*) AS n FROM reviewed_relations") == [{"n": 0}]
