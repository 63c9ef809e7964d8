"""Builders for the review tests: small outputs of invented documents, no model needed.

A document is written with inline marks, `[Lanzhou Heart Hospital](ORG)`; the builder writes the
raw file (marks removed) and a record whose entity offsets point into it. Relations name their
ends by entity index; their evidence is the line(s) from the head to the tail.
"""

import hashlib
import json
import re
from pathlib import Path

from consortia.models import Record
from consortia.review.session import Session
from consortia.review.store import Store

_MARK = re.compile(r"\[([^\]]+)\]\((ORG|PERSON|DATE|MONEY|GPE)\)")

GANSU = """Gansu hospitals join forces
On March 3, 2021, [Lanzhou Heart Hospital](ORG) signed a cooperation agreement with [Gansu Medical University](ORG).
[Li Wenbo](PERSON), President of [Gansu Medical University](ORG), spoke at the signing.
[Tianshui Eye Hospital](ORG) joined the [Gansu Eye Care Alliance](ORG) last year.
[Gansu Medical University](ORG) and [Lanzhou Heart Hospital](ORG) will also build a joint laboratory.
The [Gansu Provincial Government](ORG) allocated [80 million yuan](MONEY) to county hospitals.
"""
GANSU_RELATIONS = [
    ("partner_of", 0, 1, {"confidence": 0.9, "date": "2021-03-03"}),
    ("holds_position", 2, 3, {"role": "president", "confidence": 0.8}),
    ("member_of", 4, 5, {"confidence": 0.55}),
    ("partner_of", 6, 7, {"confidence": 0.7, "modality": "planned"}),  # the same fact as the first
]

XSS = """<script>window.__pwned=1</script> Qinghai news
[Xining Plateau Hospital](ORG) formed an alliance with [Haidong Clinic](ORG) <script>window.__pwned=1</script> today.
Readers said <img src=x onerror="window.__pwned=1"> & "quotes" were fine; [Golmud Hospital](ORG) agreed.
"""
XSS_RELATIONS = [("partner_of", 0, 1, {"confidence": 0.6})]


def parse_marks(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    raw, spans, at = [], [], 0
    pos = 0
    for m in _MARK.finditer(marked):
        raw.append(marked[at:m.start()])
        pos += m.start() - at
        spans.append((pos, pos + len(m.group(1)), m.group(1), m.group(2)))
        raw.append(m.group(1))
        pos += len(m.group(1))
        at = m.end()
    raw.append(marked[at:])
    return "".join(raw), spans


def build_record(folder: Path, doc_id: str, marked: str, relations, *, title: str | None = None,
                 write: bool = True, relation_ids: list[str] | None = None) -> Record:
    raw, spans = parse_marks(marked)
    path = folder / f"{doc_id}.txt"
    if write:
        path.write_text(raw, encoding="utf-8")
    entities = []
    for n, (start, end, text, label) in enumerate(spans, start=1):
        ent = {"id": f"e{n}", "label": label, "text": text, "start": start, "end": end, "canonical": text}
        if label == "MONEY":
            ent.update(amount=80_000_000, currency="CNY")
        entities.append(ent)
    rels = []
    for n, (type_, h, t, extra) in enumerate(relations, start=1):
        head, tail = entities[h], entities[t]
        lo, hi = min(head["start"], tail["start"]), max(head["end"], tail["end"])
        ev_start = raw.rfind("\n", 0, lo) + 1
        ev_end = raw.find("\n", hi)
        ev_end = len(raw) if ev_end < 0 else ev_end
        rels.append({"id": relation_ids[n - 1] if relation_ids else f"r{n}", "type": type_,
                     "head": {"entity": head["id"], "canonical": head["canonical"], "label": head["label"]},
                     "tail": {"entity": tail["id"], "canonical": tail["canonical"], "label": tail["label"]},
                     "role": None, "date": None, "purpose": None, "modality": "asserted",
                     "confidence": 0.5, "evidence": {"text": raw[ev_start:ev_end], "start": ev_start, "end": ev_end},
                     "rule": f"test.{type_}", **extra})
    return Record.model_validate({
        "doc_id": doc_id, "source_path": str(path), "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "title": title if title is not None else raw.splitlines()[0], "published": None, "source": None,
        "text": raw, "entities": entities, "relations": rels,
        "pipeline": {"version": "test", "config": "test.cfg", "config_sha256": "0" * 64, "model": "none"}})


def write_output(path: Path, records: list[Record]) -> Path:
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path


def standard_output(folder: Path) -> Path:
    """Two documents: one about Gansu hospitals, one carrying HTML/script injections."""
    return write_output(folder / "out.jsonl", [
        build_record(folder, "gansu", GANSU, GANSU_RELATIONS),
        build_record(folder, "xss", XSS, XSS_RELATIONS),
    ])


class Clock:
    """A deterministic clock for the store: one millisecond per call."""

    def __init__(self):
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"2024-05-01T09:00:00.{self.n:03d}+00:00"


def open_session(folder: Path, output: Path | None = None, *, reviewer: str = "ana",
                 store: Store | None = None) -> Session:
    output = output or standard_output(folder)
    store = store or Store(folder / "review.sqlite", clock=Clock())
    return Session.open(output, store, reviewer=reviewer)


def test_builder_writes_records_whose_offsets_hold(tmp_path):
    out = standard_output(tmp_path)
    for line in out.read_text(encoding="utf-8").splitlines():
        record = Record.model_validate_json(line)
        raw = Path(record.source_path).read_text(encoding="utf-8")
        assert hashlib.sha256(raw.encode()).hexdigest() == record.sha256
        assert all(raw[e.start:e.end] == e.text for e in record.entities)
        assert all(raw[r.evidence.start:r.evidence.end] == r.evidence.text for r in record.relations)
        assert "[" not in raw and "](" not in raw
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [r["type"] for r in first["relations"]] == [t for t, *_ in GANSU_RELATIONS]
