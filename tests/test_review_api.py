"""The review web API through FastAPI's TestClient: every endpoint, bad input, concurrency."""

import json
import sqlite3
import threading

import pytest
from fastapi.testclient import TestClient

from consortia.review.app import allowed_hosts, create_app
from consortia.review.store import Store

from .test_review_support import GANSU, build_record, open_session, standard_output, write_output

BASE = "http://127.0.0.1"


@pytest.fixture
def session(tmp_path):
    return open_session(tmp_path)


@pytest.fixture
def client(session):
    return TestClient(create_app(session), base_url=BASE)


def items(client, **params) -> list[dict]:
    r = client.get("/api/relations", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def by_pair(client, head, tail) -> dict:
    found = [i for i in items(client) if {i["relation"]["head"]["canonical"], i["relation"]["tail"]["canonical"]} == {head, tail}]
    assert len(found) == 1, found
    return found[0]


def decide(client, item_id, body, status=200) -> dict:
    r = client.post(f"/api/relations/{item_id}/decision", json=body)
    assert r.status_code == status, r.text
    return r.json()


def sha_of(client, doc_id) -> str:
    return next(d["sha256"] for d in client.get("/api/documents", params={"q": doc_id}).json()["documents"]
                if d["doc_id"] == doc_id)


# pages, assets, safety

def test_pages_and_assets_are_served_with_a_content_security_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/review.js"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    for name, kind in [("review.js", "text/javascript"), ("common.js", "text/javascript"),
                       ("document.js", "text/javascript"), ("style.css", "text/css")]:
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind), name
    doc = client.get(f"/document/{sha_of(client, 'gansu')}")
    assert doc.status_code == 200 and "document.js" in doc.text
    missing = client.get("/document/" + "0" * 64)
    assert missing.status_code == 404 and "no document" in missing.json()["detail"]


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e%2fstore.py", "/static/%2E%2E/store.py",
    "/static/..%5Cstore.py", "/static/store.py", "/static/__init__.py", "/static/", "/static",
    "/app.py", "/../pyproject.toml", "/static/%00review.js", "/static/review.js%00.py",
])
def test_nothing_outside_the_static_assets_is_served(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "import " not in r.text and "[build-system]" not in r.text


def test_requests_for_other_host_names_are_refused(client):
    """A page on another origin that rebinds its DNS name to 127.0.0.1 gets nothing."""
    r = client.get("/api/summary", headers={"Host": "attacker.example"})
    assert r.status_code == 400
    assert client.get("/api/summary", headers={"Host": "localhost:8765"}).status_code == 200
    assert allowed_hosts("0.0.0.0") == ["*"]
    assert "10.0.0.5" in allowed_hosts("10.0.0.5") and "attacker.example" not in allowed_hosts("10.0.0.5")


def test_a_form_post_is_not_a_json_body(client):
    """A foreign page can post a form without a CORS preflight; the API does not take it."""
    item = items(client)[0]
    r = client.post(f"/api/relations/{item['id']}/decision", content="action=accept",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422
    r = client.post(f"/api/relations/{item['id']}/decision", content='{"action": "accept"}',
                    headers={"Content-Type": "text/plain"})
    assert r.status_code == 422
    assert items(client)[0]["status"] == "pending"


# reading

def test_summary_counts_documents_and_types(client):
    s = client.get("/api/summary").json()
    assert s["total"] == 4 and s["reviewed"] == 0  # 3 facts in gansu (two partner_of merged), 1 in xss
    assert s["by_status"]["pending"] == 4
    assert s["documents"] == 2
    docs = client.get("/api/documents").json()["documents"]
    assert [d["doc_id"] for d in docs] == ["gansu", "xss"]
    assert [d["relations"] for d in docs] == [3, 1]
    assert s["reviewer"] == "ana" and s["stale"] == 0
    assert "partner_of" in s["types"] and s["end_labels"]["holds_position"] == [["PERSON"], ["ORG"]]


def test_the_same_fact_in_two_sentences_is_one_item_with_both_passages(client):
    item = by_pair(client, "Lanzhou Heart Hospital", "Gansu Medical University")
    assert item["relation"]["id"] == "r1" and item["relation"]["confidence"] == 0.9
    assert len(item["other_evidence"]) == 1
    assert "joint laboratory" in item["other_evidence"][0]["text"]


def test_evidence_marks_point_at_head_and_tail(client):
    item = by_pair(client, "Li Wenbo", "Gansu Medical University")
    text = item["relation"]["evidence"]["text"]
    marks = {m["end_of"]: text[m["start"]:m["end"]] for m in item["marks"]}
    assert marks == {"head": "Li Wenbo", "tail": "Gansu Medical University"}
    assert [m["label"] for m in item["marks"]] == ["PERSON", "ORG"]


def test_queue_filters_and_sorts(client, session):
    assert {i["relation"]["type"] for i in items(client, type="partner_of")} == {"partner_of"}
    assert len(items(client, type="partner_of")) == 2
    assert items(client, type="invested") == []
    gansu = sha_of(client, "gansu")
    assert {i["doc_id"] for i in items(client, doc=gansu)} == {"gansu"}
    confs = [i["relation"]["confidence"] for i in items(client, sort="confidence")]
    assert confs == sorted(confs) and len(confs) == 4
    assert [i["relation"]["confidence"] for i in items(client, sort="-confidence")] == sorted(confs, reverse=True)
    assert [i["relation"]["confidence"] for i in items(client, min_confidence=0.58, max_confidence=0.85)] == [0.8, 0.6]
    assert [i["doc_id"] for i in items(client)] == ["gansu"] * 3 + ["xss"]  # document order by default
    page = client.get("/api/relations", params={"offset": 1, "limit": 2}).json()
    assert page["matching"] == 4 and len(page["items"]) == 2
    decide(client, items(client)[0]["id"], {"action": "reject"})
    assert [i["status"] for i in items(client, status="rejected")] == ["rejected"]
    assert len(items(client, status="pending")) == 3


@pytest.mark.parametrize("params, status, words", [
    ({"type": "friend_of"}, 422, "type should be one of 'partner_of'"),
    ({"status": "maybe"}, 422, "status should be one of 'pending'"),
    ({"min_confidence": "1.5"}, 422, "min confidence should be less than or equal to 1"),
    ({"max_confidence": "-0.1"}, 422, "max confidence should be greater"),
    ({"min_confidence": "abc"}, 422, "min confidence should be a valid number"),
    ({"min_confidence": "0.9", "max_confidence": "0.1"}, 422, "above max_confidence"),
    ({"sort": "random"}, 422, "sort should be one of"),
    ({"limit": "0"}, 422, "limit should be greater than or equal to 1"),
    ({"doc": "f" * 64}, 404, "no document"),
])
def test_bad_queue_queries_get_a_clear_4xx(client, params, status, words):
    r = client.get("/api/relations", params=params)
    assert r.status_code == status
    assert words in r.json()["detail"]


def test_one_item_and_unknown_ids(client):
    item = items(client)[0]
    assert client.get(f"/api/relations/{item['id']}").json()["id"] == item["id"]
    for path in ["/api/relations/nope", "/api/relations/nope/history"]:
        r = client.get(path)
        assert r.status_code == 404 and "no relation 'nope'" in r.json()["detail"]
    r = client.post("/api/relations/nope/decision", json={"action": "accept"})
    assert r.status_code == 404 and "no relation 'nope'" in r.json()["detail"]
    for path in ["/api/documents/nope", "/api/documents/nope/relations"]:
        r = client.get(path) if path.endswith("nope") else client.post(path, json={
            "type": "partner_of", "head": {"entity": "e1"}, "tail": {"entity": "e2"}})
        assert r.status_code == 404 and "no document 'nope'" in r.json()["detail"]


def test_document_view_escapes_article_text_and_lists_entities(client):
    doc = client.get(f"/api/documents/{sha_of(client, 'xss')}").json()
    html = doc["html"]
    assert "<script" not in html and "<img" not in html and "onerror=&quot;" in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&amp; &quot;quotes&quot;" in html
    assert html.count("<mark ") == len(doc["entities"]) == 3
    assert [e["text"] for e in doc["entities"]] == ["Xining Plateau Hospital", "Haidong Clinic", "Golmud Hospital"]
    assert doc["raw_available"] is True and len(doc["items"]) == 1
    assert [c["canonical"] for c in doc["choices"]] == [e["text"] for e in doc["entities"]]


# deciding

def test_accept_reject_reset_and_history(client, session):
    item = by_pair(client, "Tianshui Eye Hospital", "Gansu Eye Care Alliance")
    data = decide(client, item["id"], {"action": "accept"})
    assert data["item"]["status"] == "accepted" and data["reviewed"] == 1 and data["total"] == 4
    assert data["item"]["reviewer"] == "ana" and data["item"]["decided_at"].startswith("2024-05-01T09:00:00.")
    assert decide(client, item["id"], {"action": "reject"})["item"]["status"] == "rejected"
    data = decide(client, item["id"], {"action": "reset"})
    assert data["item"]["status"] == "pending" and data["reviewed"] == 0
    history = client.get(f"/api/relations/{item['id']}/history").json()
    assert [h["status"] for h in history] == ["accepted", "rejected", "reset"]
    assert {h["reviewer"] for h in history} == {"ana"}
    stamps = [h["decided_at"] for h in history]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3


def test_each_decision_is_in_the_store_at_once(client, session):
    item = items(client)[0]
    decide(client, item["id"], {"action": "accept"})
    with sqlite3.connect(session.store.path) as conn:  # another connection sees it committed
        rows = conn.execute("SELECT status, reviewer, type, head, tail, original FROM decisions").fetchall()
    assert len(rows) == 1
    status, reviewer, type_, head, tail, original = rows[0]
    assert (status, reviewer, type_) == ("accepted", "ana", "partner_of")
    assert {head, tail} == {"Lanzhou Heart Hospital", "Gansu Medical University"}
    assert json.loads(original)["id"] == "r1"


def test_correct_changes_type_role_date_ends_and_keeps_the_original(client):
    item = by_pair(client, "Tianshui Eye Hospital", "Gansu Eye Care Alliance")
    data = decide(client, item["id"], {"action": "correct", "changes": {"type": "leads", "date": "2020"}})
    got = data["item"]
    assert got["status"] == "corrected" and got["relation"]["type"] == "leads" and got["relation"]["date"] == "2020"
    assert got["original"]["type"] == "member_of" and got["changed"] == ["type", "date"]
    # accepting a corrected relation keeps the correction
    assert decide(client, item["id"], {"action": "accept"})["item"]["relation"]["type"] == "leads"
    # changing everything back undoes the corrections: the original was never accepted as it is,
    # so it is pending again (issue 16: 't' then 'T' must not accept)
    back = decide(client, item["id"], {"action": "correct", "changes": {"type": "member_of", "date": None}})
    assert back["item"]["status"] == "pending" and back["item"]["changed"] == []

    person = by_pair(client, "Li Wenbo", "Gansu Medical University")
    got = decide(client, person["id"], {"action": "correct", "changes": {"role": "  Vice   President "}})["item"]
    assert got["relation"]["role"] == "vice president" and got["changed"] == ["role"]

    # a new tail: another entity of the document, by id
    got = decide(client, item["id"], {"action": "correct", "changes": {"tail": {"entity": "e6"}}})["item"]
    assert got["relation"]["tail"]["canonical"] == "Gansu Eye Care Alliance"  # e6 is the alliance itself
    got = decide(client, item["id"], {"action": "correct", "changes": {"head": {"entity": "e1"}}})["item"]
    assert got["relation"]["head"] == {"entity": "e1", "canonical": "Lanzhou Heart Hospital", "label": "ORG"}
    assert got["marks"] == [m for m in got["marks"] if m["end_of"] == "tail"]  # head is not in this sentence
    # or a name written in the text that is not an entity of its own
    got = decide(client, item["id"], {"action": "correct", "changes": {
        "head": {"canonical": "Tianshui Eye", "label": "ORG"}}})["item"]
    assert got["relation"]["head"] == {"entity": None, "canonical": "Tianshui Eye", "label": "ORG"}
    assert got["id"] == item["id"]  # the item keeps its identity whatever is corrected


@pytest.mark.parametrize("body, words", [
    ({}, "action is required"),
    ({"action": "approve"}, "action should be one of 'accept', 'reject', 'correct' or 'reset', not 'approve'"),
    ({"action": "correct"}, "needs 'changes'"),
    ({"action": "accept", "changes": {"type": "leads"}}, "takes no 'changes'"),
    ({"action": "correct", "changes": {}}, "at least one field"),
    ({"action": "correct", "changes": {"type": "friend_of"}}, "type should be one of"),
    ({"action": "correct", "changes": {"type": None}}, "type cannot be cleared"),
    ({"action": "correct", "changes": {"date": "May 2020"}},
     "date should be a date as YYYY, YYYY-MM or YYYY-MM-DD (XXXX for an unknown year), not 'May 2020'"),
    ({"action": "correct", "changes": {"colour": "red"}}, "colour is not a field this form knows"),
    ({"action": "correct", "changes": {"head": {}}}, "give an entity id"),
    ({"action": "correct", "changes": {"head": {"entity": "e99"}}}, "no entity 'e99'"),
    ({"action": "correct", "changes": {"head": {"canonical": "Shenyang Zoo", "label": "ORG"}}},
     "neither an entity nor written"),
    ({"action": "correct", "changes": {"type": "holds_position"}}, "joins PERSON to ORG, not ORG to ORG"),
    ({"action": "correct", "changes": {"tail": {"entity": "e5"}}}, "head and tail are the same"),
    ({"action": "correct", "changes": {"role": "director"}}, "only holds_position has a role"),
    ({"action": "correct", "changes": {"role": "x" * 201}}, "role should have at most 200 characters"),
    ({"action": "accept", "extra": 1}, "extra is not a field this form knows"),
    ("not an object", "the request body should be a valid dictionary"),
])
def test_bad_decisions_get_422_with_the_reason(client, body, words):
    item = by_pair(client, "Tianshui Eye Hospital", "Gansu Eye Care Alliance")
    r = client.post(f"/api/relations/{item['id']}/decision", json=body)
    assert r.status_code == 422, r.text
    assert words in r.json()["detail"]
    assert client.get(f"/api/relations/{item['id']}").json()["status"] == "pending"


def test_malformed_json_gets_422(client):
    item = items(client)[0]
    r = client.post(f"/api/relations/{item['id']}/decision", content="{action: accept",
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "json" in r.json()["detail"].lower()


def test_holds_position_needs_a_role(client):
    item = by_pair(client, "Li Wenbo", "Gansu Medical University")
    r = client.post(f"/api/relations/{item['id']}/decision", json={"action": "correct", "changes": {"role": ""}})
    assert r.status_code == 422 and "needs a role" in r.json()["detail"]


# adding a missed relation

def test_add_a_missed_relation_between_two_entities(client):
    sha = sha_of(client, "gansu")
    body = {"type": "invested", "head": {"entity": "e9"}, "tail": {"entity": "e10"},
            "purpose": "county hospitals"}
    r = client.post(f"/api/documents/{sha}/relations", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    got = data["item"]
    assert got["status"] == "added" and got["added"] and data["total"] == 5 and data["reviewed"] == 1
    rel = got["relation"]
    assert rel["head"]["canonical"] == "Gansu Provincial Government" and rel["tail"]["canonical"] == "80 million yuan"
    assert rel["evidence"]["text"] == "The Gansu Provincial Government allocated 80 million yuan to county hospitals."
    raw = GANSU.replace("[", "").replace("](ORG)", "").replace("](PERSON)", "").replace("](MONEY)", "")
    assert raw[rel["evidence"]["start"]:rel["evidence"]["end"]] == rel["evidence"]["text"]
    assert {m["end_of"] for m in got["marks"]} == {"head", "tail"}
    assert any(i["id"] == got["id"] and i["status"] == "added" for i in items(client))
    assert client.get(f"/api/relations/{got['id']}").json()["relation"]["type"] == "invested"

    again = client.post(f"/api/documents/{sha}/relations", json=body)
    assert again.status_code == 422 and "added already" in again.json()["detail"]
    assert decide(client, got["id"], {"action": "reject"})["item"]["status"] == "rejected"
    assert client.post(f"/api/relations/{got['id']}/decision", json={"action": "reset"}).status_code == 422
    assert decide(client, got["id"], {"action": "accept"})["item"]["status"] == "added"
    fixed = decide(client, got["id"], {"action": "correct", "changes": {"purpose": "township clinics"}})["item"]
    assert fixed["status"] == "added" and fixed["relation"]["purpose"] == "township clinics"
    assert fixed["id"] == got["id"]


@pytest.mark.parametrize("body, words", [
    ({"type": "partner_of", "head": {"entity": "e1"}, "tail": {"entity": "e2"}}, "found this relation already"),
    ({"type": "partner_of", "head": {"entity": "e1"}, "tail": {"entity": "e42"}}, "no entity 'e42'"),
    ({"type": "partner_of", "head": {"entity": "e1"}}, "tail is required"),
    ({"type": "invested", "head": {"entity": "e1"}, "tail": {"entity": "e3"}}, "joins GPE/ORG to MONEY"),
    ({"type": "partner_of", "head": {"entity": "e1"}, "tail": {"entity": "e4"}, "date": "yesterday"}, "date should be a date as YYYY"),
    ({"type": "partner_of", "head": {"entity": "e1"}, "tail": {"entity": "e4"}, "modality": "rumoured"}, "modality should be one of"),
])
def test_bad_additions_get_422(client, body, words):
    r = client.post(f"/api/documents/{sha_of(client, 'gansu')}/relations", json=body)
    assert r.status_code == 422, r.text
    assert words in r.json()["detail"]


# persistence: resume, re-runs, several clients

def test_reopening_the_same_output_resumes(tmp_path):
    first = open_session(tmp_path)
    client = TestClient(create_app(first), base_url=BASE)
    decided = {i["id"]: s for i, s in zip(items(client), ["accepted", "rejected"])}
    for item_id, status in decided.items():
        decide(client, item_id, {"action": status[:-2] if status == "accepted" else "reject"})
    again = open_session(tmp_path, tmp_path / "out.jsonl", store=Store(tmp_path / "review.sqlite"), reviewer="ben")
    client2 = TestClient(create_app(again), base_url=BASE)
    now = {i["id"]: i["status"] for i in items(client2)}
    assert {k: now[k] for k in decided} == decided
    assert client2.get("/api/summary").json()["reviewed"] == 2


def test_a_rerun_of_the_pipeline_keeps_decisions_for_relations_still_found(tmp_path):
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    partner = by_pair(client, "Lanzhou Heart Hospital", "Gansu Medical University")
    member = by_pair(client, "Tianshui Eye Hospital", "Gansu Eye Care Alliance")
    person = by_pair(client, "Li Wenbo", "Gansu Medical University")
    decide(client, partner["id"], {"action": "accept"})
    decide(client, member["id"], {"action": "correct", "changes": {"type": "leads"}})
    decide(client, person["id"], {"action": "reject"})

    # The new run: other relation ids and order, partner_of ends swapped, the member_of relation
    # gone, a new relation found; the document bytes are the same.
    rerun = tmp_path / "rerun"
    rerun.mkdir()
    new_relations = [("holds_position", 2, 3, {"role": "president"}),
                     ("partner_of", 1, 0, {"confidence": 0.95}),
                     ("member_of", 0, 5, {})]
    record = build_record(tmp_path, "gansu", GANSU, new_relations, write=False, relation_ids=["r7", "r8", "r9"])
    out = write_output(rerun / "out.jsonl", [record])
    later = open_session(tmp_path, out, store=Store(tmp_path / "review.sqlite"), reviewer="ana")
    client2 = TestClient(create_app(later), base_url=BASE)
    status = {(i["relation"]["type"], i["relation"]["head"]["canonical"]): i["status"] for i in items(client2)}
    assert status == {("holds_position", "Li Wenbo"): "rejected",
                      ("partner_of", "Gansu Medical University"): "accepted",
                      ("member_of", "Lanzhou Heart Hospital"): "pending"}
    summary = client2.get("/api/summary").json()
    assert summary["stale"] == 1  # the correction of the relation the new run no longer has
    kept = by_pair(client2, "Lanzhou Heart Hospital", "Gansu Medical University")
    assert kept["id"] == partner["id"] and kept["relation"]["id"] == "r8"


def test_two_clients_deciding_at_once_lose_nothing(tmp_path):
    """Two server processes' worth of clients (two apps on one store file), in two threads."""
    output = standard_output(tmp_path)
    store_path = tmp_path / "review.sqlite"
    sessions = [open_session(tmp_path, output, store=Store(store_path), reviewer=name) for name in ("ana", "ben")]
    clients = [TestClient(create_app(s), base_url=BASE) for s in sessions]
    ids = [i["id"] for i in items(clients[0])]
    rounds = 25
    failures: list[str] = []
    start = threading.Barrier(2)

    def work(client, action):
        start.wait()
        for n in range(rounds):
            for item_id in ids:
                r = client.post(f"/api/relations/{item_id}/decision", json={"action": action})
                if r.status_code != 200:
                    failures.append(r.text)

    threads = [threading.Thread(target=work, args=(c, a)) for c, a in zip(clients, ("accept", "reject"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    store = Store(store_path)
    assert store.count() == 2 * rounds * len(ids)
    for item_id in ids:
        history = store.history(item_id)
        assert len(history) == 2 * rounds
        assert sum(h.reviewer == "ana" and h.status == "accepted" for h in history) == rounds
        assert sum(h.reviewer == "ben" and h.status == "rejected" for h in history) == rounds
        # the current state is the latest decision, whoever made it
        assert store.current()[history[-1].match_key].status == history[-1].status
    assert clients[1].get("/api/summary").json()["reviewed"] == len(ids)


def test_an_output_that_is_not_a_run_is_refused(tmp_path):
    from consortia.review.queue import OutputFileError
    from consortia.review.session import Session

    from .test_review_support import Clock

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(OutputFileError, match=r"line 1: not an output record"):
        Session.open(bad, Store(tmp_path / "s.sqlite", clock=Clock()), reviewer="ana")
