"""Decisions out of the store: gold files, reviewed JSONL, Label Studio tasks.

Everything is read from the store alone (it keeps the records it reviewed, see store.py); of a
doc_id opened several times, the latest record counts. A relation's final form is the
reviewer's (corrected or added) or the pipeline's (accepted).
"""

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import LABELS, RELATION_TYPES, GoldDocument, Record, standing
from ..names import fold
from .queue import ReviewDoc, locate_end, pipeline_items, status_of
from .store import DecisionRow, EntityDecisionRow, Store

POSITIVE = ("accepted", "corrected", "added")


@dataclass
class Reviewed:
    """One stored document with its pipeline relations and the decisions on them."""

    doc: ReviewDoc
    entries: list[tuple[list[dict], DecisionRow | None]]  # (pipeline relations for a fact, decision)
    added: list[DecisionRow]  # relations a reviewer added (status "added" or withdrawn "rejected")

    @property
    def complete(self) -> bool:
        """Every relation of the pipeline decided, and something to show for it."""
        return (all(status_of(d) != "pending" for _, d in self.entries)
                and bool(self.entries or self.added))

    @property
    def touched(self) -> bool:
        return (any(status_of(d) != "pending" for _, d in self.entries) or bool(self.added)
                or bool(self.doc.entity_decisions))

    def final(self) -> list[dict]:
        """Accepted, corrected and added relations as they stand, one per fact."""
        out, seen = [], set()
        for rels, d in self.entries:
            if status_of(d) in POSITIVE:
                out.append(d.relation if d.status in ("corrected", "added") else rels[0])
        out += [d.relation for d in self.added if d.status == "added"]
        unique = []
        for rel in out:
            key = (rel["type"], fold(rel["head"]["canonical"]), fold(rel["tail"]["canonical"]))
            if rel["type"] == "partner_of":
                key = (key[0], *sorted(key[1:]))
            if key not in seen:
                seen.add(key)
                unique.append(rel)
        return unique


def reviewed(store: Store, records: Iterable[Record] | None = None) -> Iterator[Reviewed]:
    """The store's documents (or the given records: a run over the same documents) with the
    store's decisions on them, relations and entities."""
    stored = store.documents()
    current = store.current()
    entity_rows: dict[str, dict[str, EntityDecisionRow]] = {}
    for key, row in store.current_entities().items():
        entity_rows.setdefault(row.doc_sha256, {})[key] = row
    if records is None:
        pairs = ((Record.model_validate(s.record), s.raw) for s in stored)
    else:
        raws = {s.sha256: s.raw for s in stored}
        pairs = ((r, raws.get(r.sha256)) for r in records)
    for position, (record, raw) in enumerate(pairs):
        doc = ReviewDoc(record, raw, position)
        doc.set_entity_decisions(entity_rows.get(doc.sha256, {}))
        items = pipeline_items([doc])
        keys = {it.key for it in items.values()}
        entries = [(it.relations, current.get(it.key)) for it in items.values()]
        added = [d for k, d in current.items()
                 if d.doc_sha256 == doc.sha256 and d.original is None and k not in keys]
        yield Reviewed(doc, entries, added)


# Gold files (docs/annotation.md, "Gold file format")

def gold_document(r: Reviewed) -> dict:
    """The guideline's gold file: the entities as they stand after review (rejected ones left
    out), and the accepted, corrected and added relations, from the reviewed record."""
    rec = Record.model_validate(reviewed_record(r))
    ents, rels = standing(rec)
    entities = [e.model_dump(mode="json", exclude={"id", "review"}, exclude_none=True)
                for e, status in ents if status != "rejected"]
    by_id = {e.id: e for e, _ in ents}
    relations, seen = [], set()
    for relation, status in rels:
        rel = relation.model_dump(mode="json")
        if status not in POSITIVE or rel["modality"] == "negated":  # denied facts are not annotated
            continue
        key = (rel["type"], *(fold(rel[end]["canonical"]) for end in ("head", "tail")))
        if rel["type"] == "partner_of":
            key = (key[0], *sorted(key[1:]))
        if key in seen:
            continue
        seen.add(key)
        out = {"head": rel["head"]["canonical"], "type": rel["type"], "tail": rel["tail"]["canonical"],
               "role": rel.get("role"), "date": rel.get("date")}
        if rel.get("purpose"):
            out["purpose"] = rel["purpose"]
        if rel["modality"] != "asserted":
            out["modality"] = rel["modality"]
        money = by_id.get(rel["tail"].get("entity") or "")
        if rel["type"] == "invested" and money is not None and money.amount is not None:
            out["amount"], out["currency"] = money.amount, money.currency
        relations.append(out)
    gold = {"doc_id": rec.doc_id, "title": rec.title, "published": rec.published, "source": rec.source,
            "entities": entities, "relations": relations, "aliases": {}}
    GoldDocument.model_validate(gold)  # the one definition of the format has the last word
    return gold


def export_gold(store: Store, folder: Path, *, partial: bool = False) -> tuple[int, int]:
    """Gold files for reviewed documents; returns (written, skipped as not fully reviewed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    for r in reviewed(store):
        if not (r.complete or (partial and r.touched)):
            skipped += r.touched or bool(r.entries)
            continue
        text = json.dumps(gold_document(r), ensure_ascii=False, indent=2) + "\n"
        path = folder / f"{r.doc.doc_id}.json"  # a doc_id "a/report" is a file in a subfolder
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, text)
        written += 1
    return written, skipped


# Reviewed JSONL: the pipeline's records, a `review` field on each relation and on each entity
# a reviewer decided on (`models.RelationReview`, `models.EntityReview`): what `consortia export`
# and `consortia eval` read.

def review_field(d: DecisionRow | None) -> dict:
    status = status_of(d)
    decided = status != "pending"
    return {"status": status, "reviewer": d.reviewer if decided else None,
            "decided_at": d.decided_at if decided else None,
            "corrected": d.relation if decided and d.status == "corrected" else None}


def entity_review_field(d: EntityDecisionRow) -> dict:
    return {"status": d.status, "reviewer": d.reviewer, "decided_at": d.decided_at,
            "corrected": d.entity if d.status == "corrected" else None}


def reviewed_record(r: Reviewed) -> dict:
    """The record as the pipeline wrote it; every relation gains `review`, added ones follow;
    entities a reviewer decided on gain `review`, added ones follow."""
    record = r.doc.record.model_dump(mode="json")
    decision_of = {rel["id"]: d for rels, d in r.entries for rel in rels}
    for rel in record["relations"]:
        review = rel["review"] = review_field(decision_of.get(rel["id"]))
        if review["corrected"] is not None:  # one fact stated twice: each keeps its own passage
            review["corrected"] = {**review["corrected"], **{k: rel[k] for k in ("id", "evidence", "confidence", "rule")}}
    for d in r.added:
        record["relations"].append({**d.relation, "review": review_field(d)})
    entity_decisions = list(r.doc.entity_decisions.values())
    on_entity = {d.entity_id: d for d in entity_decisions if d.original is not None}
    for ent in record["entities"]:
        if ent["id"] in on_entity:
            ent["review"] = entity_review_field(on_entity[ent["id"]])
    for d in entity_decisions:
        if d.original is None:
            record["entities"].append({**d.entity, "review": entity_review_field(d)})
    return record


def reviewed_records(store: Store, records: Iterable[Record] | None = None) -> Iterator[Record]:
    """Records with the store's decisions as `review` fields, checked against the model."""
    for r in reviewed(store, records):
        yield Record.model_validate(reviewed_record(r))


def export_jsonl(store: Store, path: Path) -> int:
    lines = [r.model_dump_json() for r in reviewed_records(store)]
    _write(path, "".join(line + "\n" for line in lines))
    return len(lines)


# Label Studio: tasks with the pipeline's output as predictions (scores = confidence) and, for
# fully reviewed documents, the reviewed relations as an annotation.

LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
{labels}
  </Labels>
  <Relations>
{relations}
  </Relations>
  <Text name="text" value="$text"/>
</View>
""".format(labels="\n".join(f'    <Label value="{x}"/>' for x in LABELS),
           relations="\n".join(f'    <Relation value="{x}"/>' for x in RELATION_TYPES))


def _utf16(text: str):
    """Label Studio counts offsets in UTF-16 code units (JavaScript strings), Python in code points."""
    if all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    return lambda i: len(text[:i].encode("utf-16-le")) // 2


class _Regions:
    """The labelled spans of a task, and relation ends placed on them."""

    def __init__(self, doc: ReviewDoc):
        self.doc = doc
        self.text, spans, self.is_raw = doc.display()
        self.at = _utf16(self.text)
        self.results: list[dict] = []
        self.by_span: dict[tuple[int, int], str] = {}
        self.by_entity: dict[str, str] = {}
        for start, end, ent in spans:
            self.by_entity[ent.id] = self._add(start, end, ent.label, ent.id)

    def _add(self, start: int, end: int, label: str, rid: str) -> str:
        if (start, end) in self.by_span:
            return self.by_span[(start, end)]
        self.by_span[(start, end)] = rid
        self.results.append({"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                             "value": {"start": self.at(start), "end": self.at(end),
                                       "text": self.text[start:end], "labels": [label]}})
        return rid

    def end(self, rel: dict, which: str) -> str | None:
        end = rel[which]
        if end.get("entity") in self.by_entity:
            return self.by_entity[end["entity"]]
        if not self.is_raw:  # evidence offsets are raw offsets: without the raw text, no place
            return None
        ev = rel["evidence"]
        span = locate_end(self.doc, end, ev["start"], ev["text"])
        if span is None:
            return None
        # Label Studio allows nested spans: a parent inside its branch's name gets its own.
        start, stop = ev["start"] + span[0], ev["start"] + span[1]
        return self._add(start, stop, end["label"], f"{rel['id']}-{which}")


def _relation_results(regions: _Regions, relations: list[dict], *, scores: bool) -> tuple[list[dict], int]:
    out, seen, skipped = [], set(), 0
    for rel in relations:
        head, tail = regions.end(rel, "head"), regions.end(rel, "tail")
        if head is None or tail is None or head == tail:
            skipped += 1
            continue
        if (head, tail, rel["type"]) in seen:
            continue
        seen.add((head, tail, rel["type"]))
        result = {"from_id": head, "to_id": tail, "type": "relation", "direction": "right",
                  "labels": [rel["type"]]}
        if scores:
            result["score"] = rel["confidence"]
        out.append(result)
    return out, skipped


def label_studio_task(r: Reviewed) -> tuple[dict, int]:
    """One task, and how many relations could not be placed on spans."""
    rec = r.doc.record
    regions = _Regions(r.doc)
    predicted = [rel.model_dump(mode="json") for rel in rec.relations if rel.modality != "negated"]
    rel_results, skipped = _relation_results(regions, predicted, scores=True)
    confidences = [rel["confidence"] for rel in predicted]
    task = {
        "data": {"text": regions.text, "doc_id": rec.doc_id, "sha256": rec.sha256, "title": rec.title,
                 "text_is_raw": regions.is_raw},
        "predictions": [{
            "model_version": f"consortia {rec.pipeline.version} {rec.pipeline.config_sha256[:12]}",
            "score": round(sum(confidences) / len(confidences), 4) if confidences else 0.0,
            "result": [*regions.results, *rel_results],
        }],
    }
    if r.complete:
        final = [rel for rel in r.final() if rel["modality"] != "negated"]
        reviewed_results, more = _relation_results(regions, final, scores=False)
        skipped += more
        task["annotations"] = [{"result": [*regions.results, *reviewed_results]}]
    return task, skipped


def export_label_studio(store: Store, path: Path) -> tuple[int, int, Path]:
    """Tasks to `path` (JSON), the labelling config beside it; returns (tasks, unplaced, config)."""
    tasks, unplaced = [], 0
    for r in reviewed(store):
        task, skipped = label_studio_task(r)
        tasks.append(task)
        unplaced += skipped
    _write(path, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    config = path.with_name(f"{path.stem}.label-config.xml")
    _write(config, LABEL_CONFIG)
    return len(tasks), unplaced, config


def _write(path: Path, text: str) -> None:
    """Write whole or not at all: a temporary file in the same folder, then a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
