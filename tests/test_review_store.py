"""The review store (SQLite) and the pure parts of the queue: keys, raw text, rendering."""

import hashlib
import json
import sqlite3

import pytest

from consortia.models import Record
from consortia.review.queue import (ReviewDoc, added_evidence, find_name, find_raw, item_id, match_key,
                                    read_output)
from consortia.review.render import document_html
from consortia.review.store import Store, StoredDocument, StoreError

from .test_review_support import GANSU, XSS, Clock, build_record, standard_output

REL = {"id": "r1", "type": "partner_of", "head": {"entity": "e1", "canonical": "Hefei Clinic", "label": "ORG"},
       "tail": {"entity": "e2", "canonical": "Anhui Medical College", "label": "ORG"}, "role": None, "date": None,
       "purpose": None, "modality": "asserted", "confidence": 0.7, "rule": "t",
       "evidence": {"text": "x", "start": 0, "end": 1}}


def decide(store, status, key="k1", relation=REL, reviewer="ana"):
    return store.decide(match_key=key, item_id=item_id(key), doc_sha256="s" * 64, doc_id="d", relation_id="r1",
                        status=status, relation=relation, original=REL, reviewer=reviewer, output_path="o.jsonl")


# the store

def test_a_new_store_has_the_documented_tables_in_wal_mode(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    with sqlite3.connect(store.path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert {"decisions", "current_decisions", "documents", "outputs"} <= names
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert {"entity_decisions", "current_entity_decisions"} <= names
        columns = [r[1] for r in conn.execute("PRAGMA table_info(decisions)")]
    import consortia.review.store as module

    for column in columns:  # the module docstring documents every column for other readers
        assert column in module.__doc__, column


def test_the_latest_decision_is_current_and_reset_takes_it_out(tmp_path):
    store = Store(tmp_path / "r.sqlite", clock=Clock())
    decide(store, "accepted")
    decide(store, "rejected", reviewer="ben")
    decide(store, "accepted", key="k2")
    current = store.current()
    assert {k: d.status for k, d in current.items()} == {"k1": "rejected", "k2": "accepted"}
    assert current["k1"].reviewer == "ben" and current["k1"].original == REL
    decide(store, "reset")
    assert set(store.current()) == {"k2"}
    assert store.latest_for_item(item_id("k1")).status == "reset"
    assert [d.status for d in store.history(item_id("k1"))] == ["accepted", "rejected", "reset"]
    assert store.current(["other"]) == {} and set(store.current(["s" * 64])) == {"k2"}
    with sqlite3.connect(store.path) as conn:  # what another engineer's export reads
        rows = conn.execute("SELECT match_key, status, type, head, tail, reviewer, decided_at FROM current_decisions").fetchall()
    assert rows == [("k2", "accepted", "partner_of", "Hefei Clinic", "Anhui Medical College", "ana",
                     "2024-05-01T09:00:00.003+00:00")]


def test_unknown_statuses_are_refused_by_code_and_by_the_table(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    with pytest.raises(ValueError, match="status 'maybe'"):
        decide(store, "maybe")
    with sqlite3.connect(store.path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO decisions (match_key, item_id, doc_sha256, doc_id, status, type, head,"
                     " head_label, tail, tail_label, modality, relation, reviewer, decided_at)"
                     " VALUES ('k', 'i', 's', 'd', 'maybe', 't', 'h', 'ORG', 't', 'ORG', 'asserted', '{}', 'r', 'now')")
    assert store.count() == 0


def test_a_failed_decision_leaves_nothing_behind(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    with pytest.raises(KeyError):
        decide(store, "accepted", relation={"type": "partner_of", "head": {"canonical": "a", "label": "ORG"}})
    assert store.count() == 0


@pytest.mark.parametrize("setup, words", [
    (lambda p: p.write_bytes(b"this is not a database, just some bytes" * 100), "cannot be used as a review store"),
    (lambda p: sqlite3.connect(p).execute("PRAGMA user_version=7").connection.commit(), "schema 7"),
])
def test_a_file_that_is_not_a_review_store_is_refused(tmp_path, setup, words):
    path = tmp_path / "r.sqlite"
    setup(path)
    with pytest.raises(StoreError, match=words):
        Store(path)


def test_a_store_in_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "r.sqlite")


def test_documents_keep_the_latest_record_per_doc_id_and_known_raw_text(tmp_path):
    store = Store(tmp_path / "r.sqlite", clock=Clock())
    old = StoredDocument("a" * 64, "doc", {"v": 1}, "raw one")
    other = StoredDocument("c" * 64, "another", {"v": 9}, None)
    store.load_output("one.jsonl", [old, other], reviewer="ana")
    store.load_output("two.jsonl", [StoredDocument("b" * 64, "doc", {"v": 2}, None)], reviewer="ana")
    store.load_output("three.jsonl", [StoredDocument("c" * 64, "another", {"v": 10}, None)], reviewer="ana")
    docs = {d.doc_id: d for d in store.documents()}
    assert docs["doc"].record == {"v": 2} and docs["doc"].sha256 == "b" * 64
    assert docs["another"].record == {"v": 10}
    store.load_output("four.jsonl", [StoredDocument("a" * 64, "doc", {"v": 3}, None)], reviewer="ana")
    docs = {d.doc_id: d for d in store.documents()}
    assert docs["doc"].record == {"v": 3} and docs["doc"].raw == "raw one"  # raw text kept once known
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM outputs").fetchone()[0] == 4


# keys

@pytest.mark.parametrize("a, b, same", [
    (("partner_of", "Hefei Clinic", "Anhui Medical College"), ("partner_of", "Anhui Medical College", "Hefei Clinic"), True),
    (("member_of", "Hefei Clinic", "Anhui Alliance"), ("member_of", "Anhui Alliance", "Hefei Clinic"), False),
    (("leads", "the Hefei Children’s Hospital", "Anhui Alliance"), ("leads", "Hefei children's hospital", "ANHUI  alliance"), True),
    (("leads", "Hefei Clinic", "Anhui Alliance"), ("member_of", "Hefei Clinic", "Anhui Alliance"), False),
])
def test_match_keys_fold_names_and_ignore_the_order_of_partners(a, b, same):
    assert (match_key("s", *a) == match_key("s", *b)) is same
    assert match_key("s", *a) != match_key("t", *a)  # another document's bytes


# raw text

def test_raw_text_is_found_beside_the_output_and_checked(tmp_path, monkeypatch):
    record = build_record(tmp_path, "gansu", GANSU, [])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert find_raw(record) == (tmp_path / "gansu.txt").read_text(encoding="utf-8")
    relative = Record.model_validate({**record.model_dump(), "source_path": "gansu.txt"})
    assert find_raw(relative, tmp_path / "out.jsonl") is not None
    assert find_raw(relative) is None  # not beside the working folder
    (tmp_path / "gansu.txt").write_text("changed", encoding="utf-8")
    assert find_raw(record) is None  # other bytes: not the text the offsets refer to
    (tmp_path / "gansu.txt").unlink()
    assert find_raw(record) is None


def test_raw_text_whose_offsets_do_not_hold_is_not_used(tmp_path):
    record = build_record(tmp_path, "gansu", GANSU, [])
    raw = (tmp_path / "gansu.txt").read_text(encoding="utf-8")
    (tmp_path / "gansu.txt").write_bytes(b"\xef\xbb\xbf" + raw.encode())  # a BOM the pipeline dropped
    with_bom = Record.model_validate({**record.model_dump(),
                                      "sha256": hashlib.sha256((tmp_path / "gansu.txt").read_bytes()).hexdigest()})
    assert find_raw(with_bom) == raw
    shifted = with_bom.model_dump()
    for e in shifted["entities"]:
        e["start"] += 2
        e["end"] += 2
    assert find_raw(Record.model_validate(shifted)) is None


def test_without_raw_text_entities_are_placed_in_the_clean_text(tmp_path):
    record = build_record(tmp_path, "gansu", GANSU, [])
    cleaned = Record.model_validate({**record.model_dump(), "text": record.text.replace("\n", "\n\n")})
    text, spans, is_raw = ReviewDoc(cleaned, None, 0).display()
    assert not is_raw and text == cleaned.text
    assert [text[s:e] for s, e, _ in spans] == [e.text for e in record.entities]
    assert all(ent.text == text[s:e] for s, e, ent in spans)


def test_find_name_ignores_case_quotes_and_line_breaks():
    assert find_name("the Hefei\nChildren’s  Hospital opened", "hefei children's hospital") == (4, 30)
    assert find_name("nothing here", "Hefei Clinic") is None
    assert find_name("text", "  ") is None


def test_added_evidence_is_the_sentence_or_sentences_around_both_ends(tmp_path):
    record = build_record(tmp_path, "gansu", GANSU, [])
    doc = ReviewDoc(record, find_raw(record), 0)
    e = {x.id: x for x in record.entities}
    one = added_evidence(doc, (e["e1"].start, e["e1"].end), (e["e2"].start, e["e2"].end))
    assert one["text"].startswith("On March 3, 2021, Lanzhou Heart Hospital") and one["text"].endswith("University.")
    two = added_evidence(doc, (e["e1"].start, e["e1"].end), (e["e3"].start, e["e3"].end))
    assert two["text"].count("\n") == 1 and two["text"].endswith("spoke at the signing.")
    assert doc.raw[two["start"]:two["end"]] == two["text"]
    no_raw = ReviewDoc(record, None, 0)
    assert added_evidence(no_raw, (e["e3"].start, e["e3"].end)) == {"text": "Li Wenbo", "start": e["e3"].start,
                                                                  "end": e["e3"].end}


# rendering

def test_document_html_escapes_article_text_and_marks_each_entity(tmp_path):
    record = build_record(tmp_path, "xss", XSS, [])
    html, entities = document_html(ReviewDoc(record, find_raw(record), 0))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'onerror=&quot;window.__pwned=1&quot;&gt;' in html and "&amp; &quot;quotes&quot;" in html
    assert [f'data-idx="{i}"' in html for i in range(3)] == [True] * 3
    assert html.count("<mark ") == 3 == len(entities)
    assert "<br>" in html  # line breaks survive as breaks


def test_an_entity_that_itself_holds_markup_is_escaped(tmp_path):
    marked = "Odd names\nThe [Jilin <b>Bold</b> Hospital](ORG) opened.\n"
    record = build_record(tmp_path, "odd", marked, [])
    html, _ = document_html(ReviewDoc(record, find_raw(record), 0))
    assert "<b>" not in html and "Jilin &lt;b&gt;Bold&lt;/b&gt; Hospital" in html


def test_read_output_keeps_one_record_per_document(tmp_path):
    out = standard_output(tmp_path)
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join([lines[0], "", lines[1], lines[0]]) + "\n", encoding="utf-8")
    assert [r.doc_id for r in read_output(out)] == ["gansu", "xss"]
    assert json.loads(lines[0])["doc_id"] == "gansu"
