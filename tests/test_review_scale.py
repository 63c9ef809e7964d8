"""Issue 16 through the web API: paging and resume at any size, search, documents searched,
accept all in a sentence or document, t then T decides nothing, entities corrected and added
and used as relation ends, the graph, readable errors."""

import hashlib

import pytest
from fastapi.testclient import TestClient

from consortia.models import Record
from consortia.review.app import create_app
from consortia.review.session import Filters
from consortia.review.store import Store

from .test_review_support import Clock, open_session, write_output

BASE = "http://127.0.0.1"


def synthetic_output(path, *, documents: int, per_sentence: int = 3, sentences: int = 2,
                     types: tuple[str, ...] = ("partner_of",)):
    """An output of invented documents: each sentence names its ORGs, the first related to each
    of the others (types taken in turn)."""
    records = []
    for d in range(documents):
        lines, entities, relations = [], [], []
        at = 0
        for s in range(sentences):
            names = [f"Org{d}x{s}x{k} Hospital" for k in range(per_sentence + 1)]
            line = "; ".join(names) + " signed.\n"
            pos = at
            ids = []
            for name in names:
                start = at + line.index(name)
                ids.append(f"e{len(entities) + 1}")
                entities.append({"id": ids[-1], "label": "ORG", "text": name, "start": start,
                                 "end": start + len(name), "canonical": name})
            for k in range(per_sentence):
                relations.append({"id": f"r{len(relations) + 1}", "type": types[len(relations) % len(types)],
                                  "head": {"entity": ids[0], "canonical": names[0], "label": "ORG"},
                                  "tail": {"entity": ids[k + 1], "canonical": names[k + 1], "label": "ORG"},
                                  "confidence": round(0.5 + (d * 7 + k) % 50 / 100, 2),
                                  "evidence": {"text": line.rstrip("\n"), "start": pos, "end": pos + len(line) - 1},
                                  "rule": "synthetic"})
            lines.append(line)
            at += len(line)
        raw = "".join(lines)
        records.append(Record.model_validate({
            "doc_id": f"doc{d:05d}", "source_path": f"doc{d:05d}.txt", "raw": raw, "raw_format": "crawl-text",
            "sha256": hashlib.sha256(raw.encode()).hexdigest(), "title": f"News {d}", "text": raw,
            "entities": entities, "relations": relations,
            "pipeline": {"version": "test", "config": "t", "config_sha256": "0" * 64, "model": "none"}}))
    return write_output(path, records)


@pytest.fixture
def big(tmp_path):
    """2,400 relations in 400 documents, 2,100 of them accepted in the store."""
    out = synthetic_output(tmp_path / "big.jsonl", documents=400)
    session = open_session(tmp_path, out)
    entries = session.entries()
    rows = [session._row(it, "accepted", it.original) for it, _ in entries[:2100]]
    session.store.decide_many(rows)
    return session, TestClient(create_app(session), base_url=BASE)


def test_resume_opens_the_page_of_the_first_pending_relation_after_2000_decisions(big):
    session, client = big
    data = client.get("/api/relations", params={"resume": 1}).json()
    assert data["total"] == 2400 and data["reviewed"] == 2100 and data["matching"] == 2400
    assert data["first_pending"] == 2100
    assert data["offset"] <= 2100 < data["offset"] + len(data["items"]) <= data["offset"] + 60
    selected = next(i for i in data["items"] if i["id"] == data["selected"])
    assert selected["status"] == "pending"  # was: relation #1, already accepted
    assert all(i["status"] == "accepted" for i in data["items"] if i["position"] < selected["position"]
               and i["doc_sha256"] == selected["doc_sha256"])


def test_pages_keep_a_sentence_together_and_cover_every_item_once(big):
    _, client = big
    seen, offset = [], 0
    while True:
        data = client.get("/api/relations", params={"offset": offset, "limit": 50}).json()
        seen += [i["id"] for i in data["items"]]
        first, last = data["items"][0], data["items"][-1]
        assert first["relation"]["evidence"]["start"] in (0, first["relation"]["evidence"]["start"])
        offset = data["offset"] + len(data["items"])
        if offset >= data["matching"]:
            break
        following = client.get("/api/relations", params={"offset": offset, "limit": 1}).json()["items"][0]
        assert (following["doc_sha256"], following["relation"]["evidence"]["start"]) != (
            last["doc_sha256"], last["relation"]["evidence"]["start"])  # no sentence split by a page
    assert len(seen) == len(set(seen)) == 2400


def test_search_by_entity_name_and_documents_by_id_or_title(big):
    _, client = big
    data = client.get("/api/relations", params={"q": "org17x1x2"}).json()
    assert data["matching"] == 1 and data["items"][0]["relation"]["tail"]["canonical"] == "Org17x1x2 Hospital"
    docs = client.get("/api/documents", params={"q": "news 39"}).json()
    assert docs["matching"] == 11 and len(docs["documents"]) == 11  # 39, 390-399
    assert client.get("/api/documents", params={"q": "doc0"}).json()["matching"] == 400
    assert len(client.get("/api/documents", params={"q": "doc0"}).json()["documents"]) == 20
    by_id = client.get("/api/relations", params={"doc": "doc00017"}).json()
    assert by_id["matching"] == 6


def test_accept_all_in_a_sentence_then_in_the_document_leaves_decided_ones_alone(tmp_path):
    out = synthetic_output(tmp_path / "small.jsonl", documents=2)
    session = open_session(tmp_path, out)
    client = TestClient(create_app(session), base_url=BASE)
    items = client.get("/api/relations", params={"doc": "doc00000"}).json()["items"]
    client.post(f"/api/relations/{items[1]['id']}/decision", json={"action": "reject"})
    ev = items[0]["relation"]["evidence"]
    data = client.post(f"/api/documents/{items[0]['doc_sha256']}/accept-all",
                       json={"sentence": [ev["start"], ev["end"]]}).json()
    assert data["accepted"] == 2 and data["reviewed"] == 3
    data = client.post(f"/api/documents/{items[0]['doc_sha256']}/accept-all", json={}).json()
    assert data["accepted"] == 3 and data["reviewed"] == 6
    statuses = [i["status"] for i in client.get("/api/relations", params={"doc": "doc00000"}).json()["items"]]
    assert statuses == ["accepted", "rejected", "accepted", "accepted", "accepted", "accepted"]
    assert client.get("/api/relations", params={"doc": "doc00001"}).json()["by_status"]["pending"] == 6


def test_next_type_then_previous_type_decides_nothing(tmp_path):
    """Issue 16: 't' then 'T' marked a relation accepted without 'a'."""
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    item = next(i for i in client.get("/api/relations").json()["items"] if i["relation"]["type"] == "member_of")
    url = f"/api/relations/{item['id']}/decision"
    assert client.post(url, json={"action": "correct", "changes": {"type": "leads"}}).json()["item"]["status"] == "corrected"
    back = client.post(url, json={"action": "correct", "changes": {"type": "member_of"}}).json()
    assert back["item"]["status"] == "pending" and back["reviewed"] == 0
    # once accepted, going there and back keeps it accepted, and no more
    client.post(url, json={"action": "accept"})
    client.post(url, json={"action": "correct", "changes": {"type": "leads"}})
    back = client.post(url, json={"action": "correct", "changes": {"type": "member_of"}}).json()
    assert back["item"]["status"] == "accepted"


def test_validation_errors_read_as_sentences(tmp_path):
    """Issue 16: 'body.changes.date: String should match pattern ...' was shown as it was."""
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    item = client.get("/api/relations").json()["items"][0]
    r = client.post(f"/api/relations/{item['id']}/decision",
                    json={"action": "correct", "changes": {"date": "3/3/2021"}})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail == "date should be a date as YYYY, YYYY-MM or YYYY-MM-DD (XXXX for an unknown year), not '3/3/2021'"
    assert "body." not in detail and "pattern" not in detail


def test_entities_are_corrected_added_and_used_as_relation_ends(tmp_path):
    """Issue 16: a wrong span or label, or a missed organisation, survived review."""
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    gansu = client.get("/api/documents", params={"q": "gansu"}).json()["documents"][0]["sha256"]
    doc = client.get(f"/api/documents/{gansu}").json()
    raw = session.doc(gansu).raw
    base = f"/api/documents/{gansu}/entities"
    # a span one word too short, then fixed; a label fixed
    heart = next(e for e in doc["entities"] if e["entity"] == "e1")
    r = client.post(f"{base}/e1/decision", json={"action": "correct", "changes": {"end": heart["end"] - len(" Hospital")}})
    assert r.status_code == 200 and r.json()["entity"]["text"] == "Lanzhou Heart"
    r = client.post(f"{base}/e1/decision", json={"action": "correct", "changes": {"end": heart["end"]}})
    assert r.json()["status"] == "pending"  # back as the pipeline had it: no decision
    r = client.post(f"{base}/e9/decision", json={"action": "correct", "changes": {"label": "GPE"}})
    assert r.json()["status"] == "corrected" and r.json()["entity"]["label"] == "GPE"
    # a missed organisation, then a relation to it
    start = raw.index("county hospitals")
    r = client.post(base, json={"start": start - 1, "end": start + len("county hospitals"), "label": "ORG"})
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["entity"]["text"] == "county hospitals"  # white space trimmed
    doc = client.get(f"/api/documents/{gansu}").json()
    assert any(c["entity"] == added["entity_id"] for c in doc["choices"])
    assert any(e["entity"] == added["entity_id"] and e["status"] == "added" for e in doc["entities"])
    r = client.post(f"/api/documents/{gansu}/relations", json={
        "type": "member_of", "head": {"entity": added["entity_id"]}, "tail": {"entity": "e6"}})
    assert r.status_code == 201 and r.json()["item"]["relation"]["head"]["canonical"] == "county hospitals"
    # rejected: gone from the text's marks, listed as rejected
    r = client.post(f"{base}/e5/decision", json={"action": "reject"})
    assert r.json()["status"] == "rejected"
    doc = client.get(f"/api/documents/{gansu}").json()
    assert "e5" not in {e["entity"] for e in doc["entities"]}
    assert [e["id"] for e in doc["rejected_entities"]] == ["e5"]
    # the gold export carries them
    from consortia.review.exports import gold_document, reviewed

    gold = next(gold_document(r) for r in reviewed(session.store) if r.doc.doc_id == "gansu")
    labels = {(e["text"], e["label"]) for e in gold["entities"]}
    assert ("Gansu Provincial Government", "GPE") in labels and ("county hospitals", "ORG") in labels
    assert ("Tianshui Eye Hospital", "ORG") not in labels


@pytest.mark.parametrize("body, words", [
    ({"start": 5, "end": 3, "label": "ORG"}, "outside the text"),
    ({"start": 0, "end": 10 ** 6, "label": "ORG"}, "outside the text"),
    ({"start": 0, "end": 4, "label": "THING"}, "label should be one of"),
    ({"start": 0, "end": 60, "label": "ORG"}, "line break"),
])
def test_bad_entities_get_a_reason(tmp_path, body, words):
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    sha = client.get("/api/documents", params={"q": "gansu"}).json()["documents"][0]["sha256"]
    r = client.post(f"/api/documents/{sha}/entities", json=body)
    assert r.status_code == 422 and words in r.json()["detail"], r.text


def test_the_graph_api_gives_typed_edges_with_their_status_and_filters(tmp_path):
    session = open_session(tmp_path)
    client = TestClient(create_app(session), base_url=BASE)
    items = client.get("/api/relations").json()["items"]
    member = next(i for i in items if i["relation"]["type"] == "member_of")
    client.post(f"/api/relations/{member['id']}/decision", json={"action": "reject"})
    g = client.get("/api/graph").json()
    assert g["total_edges"] == 4 and g["documents"] == 2
    statuses = {e["data"]["type"]: e["data"]["status"] for e in g["edges"]}
    assert statuses["member_of"] == "rejected" and statuses["holds_position"] == "pending"
    names = {n["data"]["id"]: n["data"]["name"] for n in g["nodes"]}
    assert names["org:gansu-medical-university"] == "Gansu Medical University"
    edge = next(e["data"] for e in g["edges"] if e["data"]["type"] == "holds_position")
    assert (edge["source"], edge["target"]) == ("person:li-wenbo", "org:gansu-medical-university")
    assert "President of" in edge["evidence"]
    only = client.get("/api/graph", params=[("status", "pending"), ("type", "partner_of")]).json()
    assert {e["data"]["type"] for e in only["edges"]} == {"partner_of"}
    dated = client.get("/api/graph", params={"since": "2021", "until": "2021-12"}).json()
    assert [e["data"]["date"] for e in dated["edges"]] == ["2021-03-03"]
    doc = client.get("/api/graph", params={"doc": "xss"}).json()
    assert doc["documents"] == 1 and doc["total_edges"] == 1
    assert client.get("/api/graph", params={"since": "May"}).status_code == 422
    assert client.get("/graph").status_code == 200
    assert client.get("/static/cytoscape.min.js").status_code == 200


def test_another_process_deciding_is_seen_at_the_next_request(tmp_path):
    a = open_session(tmp_path)  # one store, two sessions (two server processes, say)
    b = type(a).open(tmp_path / "out.jsonl", Store(tmp_path / "review.sqlite", clock=Clock()), reviewer="bo")
    item = a.queue(Filters())["items"][0]
    from consortia.review.queue import DecisionIn

    b.decide(item["id"], DecisionIn(action="reject"))
    assert a.queue(Filters())["items"][0]["status"] == "rejected"
    assert a.counts()["reviewed"] == 1
