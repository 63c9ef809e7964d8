"""The five SQL queries of the README section "Export to a database", run as printed there on
an export of the seeds, on SQLite and (with CONSORTIA_TEST_PG_URL) on PostgreSQL.

The expected rows are facts the gold files state. Entity and relation quality is still being
raised by others, so the rows are checked on an export of the gold annotations themselves
(`gold_as_records`); the real pipeline's export is checked too, for the queries running and
agreeing with the records they were made from.
"""

import re

import pytest
from sqlalchemy import text

from consortia.export.load import export_records
from consortia.models import Record
from consortia.names import entity_key

from .conftest import ROOT, gold_as_records
from .test_export import db_url, engine, pg_schema  # noqa: F401  (fixtures)

HAINAN_PEOPLES = entity_key("ORG", "Hainan Provincial People's Hospital")
SYSU_FIRST = entity_key("ORG", "First Affiliated Hospital of Sun Yat-sen University")
CHONGQING_UNIVERSITY = entity_key("ORG", "Chongqing University")
CHONGQING_CANCER = entity_key("ORG", "Chongqing Cancer Hospital")
D000, D001, D003, D004 = ("000_3865419d8ee447c2", "001_eb3c54a3f2919452", "003_259c7e9677447b0d",
                          "004_a770c47e5967e5e5")


def readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Export to a database", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


QUERIES = readme_queries()


def run(eng, n: int, **params) -> list[tuple]:
    with eng.connect() as conn:
        return [tuple(r) for r in conn.execute(text(QUERIES[n - 1]), params)]


@pytest.fixture
def gold_db(engine):  # noqa: F811
    summary = export_records(engine, [Record.model_validate(r) for r in gold_as_records()])
    assert summary.added == 5 and summary.failed == 0
    return engine


def test_the_readme_has_five_queries():
    assert len(QUERIES) == 5
    assert all(q.strip().upper().startswith("SELECT") for q in QUERIES)


def test_q1_hospitals_a_hospital_partnered_with_since_2018(gold_db):
    assert run(gold_db, 1, org=HAINAN_PEOPLES) == [
        ("Hainan Provincial Cancer Hospital", "2019-01-30", D000)]  # no date stated: published
    assert run(gold_db, 1, org=SYSU_FIRST) == [
        ("Affiliated Hospital of Guizhou Medical University", "2023-04-13", D004)]


def test_q1_leaves_out_partnerships_before_2018(gold_db):
    # the gold dates this partnership 2017-10-24: the query must not report it
    assert run(gold_db, 1, org=CHONGQING_UNIVERSITY) == []
    with gold_db.connect() as conn:
        stated = conn.execute(text("SELECT date FROM relations WHERE type = 'partner_of' AND "
                                   ":org IN (head_key, tail_key)"), {"org": CHONGQING_UNIVERSITY}).all()
    assert [tuple(r) for r in stated] == [("2017-10-24",)]


def test_q2_who_holds_posts_in_which_commissions(gold_db):
    assert sorted(run(gold_db, 2)) == [
        ("Huang Minghui", "secretary and director", "Chongqing Health Committee", D003),
        ("Ma Quanying", "deputy secretary", "Dalian Health and Family Planning Commission", D001),
        ("Xia Pei", "deputy secretary", "Party Committee of Chongqing Health Committee", D003),
    ]


def test_q3_universities_that_took_over_hospitals(gold_db):
    assert run(gold_db, 3) == [("Chongqing University", "Chongqing Cancer Hospital", "2019-03-08", D003)]


def test_q4_investments(gold_db):
    purpose = "building 50 county-level medical sub-centers"
    assert sorted(run(gold_db, 4)) == [
        ("CPC Guizhou Provincial Committee", 250000000.0, "CNY", purpose, "2022", "asserted", D004),
        ("Guizhou", 250000000.0, "CNY", purpose, "2023", "planned", D004),
        ("Guizhou Provincial Government", 250000000.0, "CNY", purpose, "2022", "asserted", D004),
    ]


def test_q5_the_neighbourhood_of_an_organisation(gold_db):
    assert sorted(run(gold_db, 5, org=CHONGQING_CANCER)) == [
        ("affiliated_with", "out", "Chongqing University", "ORG", 1, None),
        ("holds_position", "in", "Wu Yongzhong", "PERSON", 1, None),
        ("partner_of", "out", "Chongqing University", "ORG", 1, "2017-10-24"),
        ("transferred_to", "out", "Chongqing University", "ORG", 1, "2019-03-08"),
    ]


def test_q5_counts_documents_across_articles(engine):  # noqa: F811
    """The same link stated in two articles is one row with documents = 2."""
    rows = gold_as_records()
    doc = next(r for r in rows if r["doc_id"] == D003)
    copy = {**doc, "doc_id": "another_article", "sha256": "1" * 64}
    export_records(engine, [Record.model_validate(r) for r in rows + [copy]])
    result = {(r[0], r[2]): r[4] for r in run(engine, 5, org=CHONGQING_CANCER)}
    assert result[("transferred_to", "Chongqing University")] == 2


def test_readme_queries_agree_with_the_pipeline_records(seed_records, engine):  # noqa: F811
    """On the real pipeline's export: every query runs, and Q2 returns exactly the
    holds_position facts of the records whose organisation is a commission or committee."""
    records = [seed_records[k] for k in sorted(seed_records)]
    export_records(engine, records)
    with engine.connect() as conn:
        names = dict(conn.execute(text("SELECT key, name FROM entities")).all())
    expected = set()
    for rec in records:
        for r in rec.relations:
            tail = entity_key(r.tail.label, r.tail.canonical)
            if r.type == "holds_position" and r.modality == "asserted" and (
                    "commission" in tail or "committee" in tail):
                expected.add((names[entity_key(r.head.label, r.head.canonical)], r.role, names[tail], rec.doc_id))
    assert set(run(engine, 2)) == expected
    assert len(run(engine, 2)) == len(expected)  # DISTINCT: one row per fact and document
    orgs = sorted({entity_key(e.label, e.canonical) for rec in records for e in rec.entities if e.label == "ORG"})
    for org in orgs[:5]:
        run(engine, 1, org=org)
        neighbours = run(engine, 5, org=org)
        related = sum(1 for rec in records for r in rec.relations if r.modality != "negated"
                      and org in (entity_key(r.head.label, r.head.canonical), entity_key(r.tail.label, r.tail.canonical)))
        assert (related == 0) == (neighbours == [])
    run(engine, 3)
    run(engine, 4)
