"""A review session: one output file, one store, one reviewer; what the web API calls.

The output's records are held in memory, with an index of the queue items in document order.
Decisions are written to the store and read back from it: each request first reads the
decisions stored since the last one (`Store.since`), so several pages, tabs or server
processes on the same store see each other's work, and a request costs the same at 50 relations
or 50,000. The queue is served a page at a time; only the page's items are rendered.
"""

import threading
from dataclasses import dataclass
from pathlib import Path

from ..models import RELATION_TYPES
from .queue import (END_LABELS, STATUSES, DecisionIn, EntityDecisionIn, Item, NewEntity,
                    NewRelation, NotFound, ReviewDoc, ReviewError, added_entity, apply_changes,
                    comparable, corrected_entity, current_relation, entity_match_key, find_raw,
                    item_id, new_relation, pipeline_items, read_output, status_of, view)
from .store import DecisionRow, Store, StoredDocument

PAGE = 50  # queue items per page, a sentence's relations kept together


@dataclass(frozen=True)
class Filters:
    type: str | None = None
    status: str | None = None
    doc: str | None = None  # a document's sha256 or doc_id
    q: str | None = None  # part of the head's or tail's name, any case
    min_confidence: float | None = None
    max_confidence: float | None = None
    sort: str = "document"  # document | confidence | -confidence


class Entry:
    """A queue item with its current decision and the relation as it stands (kept up to date
    by `Session._sync`, so that a request filters 50,000 of them without rebuilding any)."""

    __slots__ = ("item", "decision", "relation", "status", "sentence", "order")

    def __init__(self, item: Item, decision: DecisionRow | None):
        self.item, self.decision = item, decision
        self.relation = current_relation(item, decision)
        self.status = status_of(decision)
        ev = self.relation["evidence"]
        self.sentence = (item.doc.sha256, ev["start"], ev["end"])
        self.order = (item.doc.position, ev["start"], item.position)  # document order


class Session:
    def __init__(self, store: Store, docs: list[ReviewDoc], *, output_path: str, reviewer: str):
        self.store = store
        self.output_path = output_path
        self.reviewer = reviewer
        self.docs = {d.sha256: d for d in docs}
        self._by_doc_id = {d.doc_id: d for d in docs}
        self.items = pipeline_items(docs)
        self._keys = {it.key: it for it in self.items.values()}
        self._added: dict[str, Item] = {}  # relations reviewers added, by match key
        self._current: dict[str, DecisionRow] = {}  # match key -> current decision, resets left out
        self._entries_by_key = {it.key: Entry(it, None) for it in self.items.values()}  # queue order
        self._last = 0
        self._lock = threading.Lock()
        for sha, rows in _by_doc(store.current_entities()).items():
            if sha in self.docs:
                self.docs[sha].set_entity_decisions(rows)
        self._sync()

    @classmethod
    def open(cls, output: Path, store: Store, *, reviewer: str) -> "Session":
        """Read an output file, keep its records in the store, and start reviewing it."""
        records = read_output(output)
        docs = [ReviewDoc(r, find_raw(r, output), i) for i, r in enumerate(records)]
        store.load_output(str(output), [StoredDocument(d.sha256, d.doc_id, d.record.model_dump(mode="json"), d.raw)
                                        for d in docs], reviewer=reviewer)
        return cls(store, docs, output_path=str(output), reviewer=reviewer)

    # keeping up with the store

    def _sync(self) -> None:
        with self._lock:
            for row in self.store.since(self._last):
                self._last = row.id
                if row.doc_sha256 not in self.docs:
                    continue
                if row.status == "reset":
                    self._current.pop(row.match_key, None)
                else:
                    self._current[row.match_key] = row
                if row.original is None and row.match_key not in self._keys and row.match_key not in self._added:
                    doc = self.docs[row.doc_sha256]
                    n = sum(1 for it in self._added.values() if it.doc is doc)
                    self._added[row.match_key] = Item(id=row.item_id, key=row.match_key, doc=doc,
                                                      relations=[], position=len(doc.record.relations) + n + 1)
                item = self._keys.get(row.match_key) or self._added.get(row.match_key)
                if item is not None:
                    self._entries_by_key[row.match_key] = Entry(item, self._current.get(row.match_key))

    # reading

    def entries(self) -> list[tuple[Item, DecisionRow | None]]:
        """Every item with its current decision: the pipeline's relations, then added ones."""
        self._sync()
        current = self._current
        return ([(it, current.get(it.key)) for it in self.items.values()]
                + [(it, current.get(it.key)) for it in self._added.values()])

    def _entries(self) -> list[Entry]:
        self._sync()
        return list(self._entries_by_key.values())

    def stale(self) -> int:
        """Decisions on relations of these documents that this output no longer has."""
        self._sync()
        return sum(1 for key, d in self._current.items() if key not in self._keys and d.original is not None)

    def find(self, item_id: str) -> tuple[Item, DecisionRow | None]:
        self._sync()
        item = self.items.get(item_id) or next((it for it in self._added.values() if it.id == item_id), None)
        if item is None:
            raise NotFound(f"no relation {item_id!r} in {self.output_path}")
        return item, self._current.get(item.key)

    def doc(self, sha256_or_id: str) -> ReviewDoc:
        doc = self.docs.get(sha256_or_id) or self._by_doc_id.get(sha256_or_id)
        if doc is None:
            raise NotFound(f"no document {sha256_or_id!r} in {self.output_path}")
        return doc

    def counts(self, entries: list[Entry] | None = None) -> dict:
        entries = self._entries() if entries is None else entries
        by_status = {s: 0 for s in STATUSES}
        for e in entries:
            by_status[e.status] += 1
        return {"total": len(entries), "reviewed": len(entries) - by_status["pending"],
                "by_status": by_status}

    def summary(self) -> dict:
        return {**self.counts(), "output": self.output_path, "store": str(self.store.path),
                "reviewer": self.reviewer, "stale": self.stale(), "types": list(RELATION_TYPES),
                "statuses": list(STATUSES), "documents": len(self.docs),
                "end_labels": {t: [sorted(h), sorted(tl)] for t, (h, tl) in END_LABELS.items()}}

    def documents(self, q: str = "", *, limit: int = 20) -> dict:
        """Documents whose doc_id or title contains `q` (any case), in output order."""
        needle = q.strip().lower()
        counts: dict[str, int] = {}
        for it, _ in self.entries():
            counts[it.doc.sha256] = counts.get(it.doc.sha256, 0) + 1
        found = [d for d in sorted(self.docs.values(), key=lambda d: d.position)
                 if needle in d.doc_id.lower() or needle in (d.record.title or "").lower()]
        return {"matching": len(found),
                "documents": [{"sha256": d.sha256, "doc_id": d.doc_id, "title": d.record.title,
                               "relations": counts.get(d.sha256, 0)} for d in found[:limit]]}

    def queue(self, filters: Filters, *, offset: int = 0, limit: int = PAGE, resume: bool = False) -> dict:
        """One page of the items that pass the filters. A sentence's relations are kept on one
        page. `resume`: the page that holds the first pending item (`selected` names it)."""
        doc = self.doc(filters.doc) if filters.doc is not None else None  # unknown: an error
        entries = self._entries()
        chosen = [e for e in entries if _keep(e, filters, doc)]
        if filters.sort == "document":
            chosen.sort(key=lambda e: e.order)
        else:
            sign = -1 if filters.sort.startswith("-") else 1
            chosen.sort(key=lambda e: (sign * e.relation["confidence"], e.item.doc.position, e.item.position))
        first_pending = next((n for n, e in enumerate(chosen) if e.status == "pending"), None)
        selected = None
        if resume:
            at = first_pending if first_pending is not None else 0
            selected = chosen[at].item.id if chosen else None
            offset = at - at % limit  # the page it falls on, as paging from the start finds it
        offset = min(offset, max(len(chosen) - 1, 0))
        while 0 < offset and chosen[offset - 1].sentence == chosen[offset].sentence:
            offset -= 1  # a page starts at the start of a sentence
        stop = min(offset + limit, len(chosen))
        while 0 < stop < len(chosen) and chosen[stop].sentence == chosen[stop - 1].sentence:
            stop += 1
        return {**self.counts(entries), "matching": len(chosen),
                "offset": offset, "first_pending": first_pending, "selected": selected,
                "items": [view(e.item, e.decision) for e in chosen[offset:stop]]}

    def document(self, sha256: str) -> dict:
        from .render import document_html

        doc = self.doc(sha256)
        doc.set_entity_decisions(self.store.current_entities(doc.sha256))
        html, entities = document_html(doc)
        items = [view(it, d) for it, d in self.entries() if it.doc is doc]
        status = {e.id: "pending" for e in doc.record.entities}
        for d in doc.entity_decisions.values():
            status[d.entity_id] = d.status
        for ent in entities:
            ent["status"] = status.get(ent["entity"], "pending")
        r = doc.record
        return {"sha256": doc.sha256, "doc_id": doc.doc_id, "title": r.title, "published": r.published,
                "source": r.source, "source_path": r.source_path, "raw_available": doc.raw is not None,
                "html": html, "entities": entities, "choices": doc.entity_choices(),
                "rejected_entities": [d.original for d in doc.entity_decisions.values()
                                      if d.status == "rejected"],
                "items": sorted(items, key=lambda v: v["position"])}

    def history(self, item_id: str) -> list[dict]:
        item, _ = self.find(item_id)
        return [{"status": r.status, "reviewer": r.reviewer, "decided_at": r.decided_at,
                 "relation": r.relation} for r in self.store.history(item.id)]

    def graph(self, *, doc: str | None = None, types: list[str] | None = None,
              statuses: list[str] | None = None, since: str | None = None, until: str | None = None,
              limit: int = 3000) -> dict:
        """The organisation graph of the run (or of one document) as the review leaves it."""
        from ..graph import Edge, build_graph, in_period

        one = self.doc(doc) if doc else None
        edges = []
        for e in self._entries():
            if one is not None and e.item.doc is not one:
                continue
            rel, status = e.relation, e.status
            date = rel.get("date") or e.item.doc.record.published
            if (types and rel["type"] not in types) or (statuses and status not in statuses) \
                    or not in_period(date, since, until):
                continue
            edges.append(Edge(id=e.item.id, type=rel["type"], status=status,
                              head=(rel["head"]["label"], rel["head"]["canonical"]),
                              tail=(rel["tail"]["label"], rel["tail"]["canonical"]),
                              date=date, modality=rel["modality"], confidence=rel["confidence"],
                              doc_id=e.item.doc.doc_id, doc_sha256=e.item.doc.sha256,
                              evidence=rel["evidence"]["text"]))
        graph = build_graph(edges)
        data = graph.as_json(limit=limit)
        return {**data, "documents": len({e.doc_id for e in edges})}

    # writing: one store transaction each

    def decide(self, item_id: str, body: DecisionIn) -> dict:
        item, decision = self.find(item_id)
        shown = current_relation(item, decision)
        original = item.original
        if body.action == "reset":
            if original is None:
                raise ReviewError("an added relation cannot go back to the queue; reject it to withdraw it")
            status, relation = "reset", original
        elif body.action == "reject":
            status, relation = "rejected", shown
        else:
            relation = shown if body.action == "accept" else apply_changes(item.doc, shown, body.changes)
            if original is None:
                status = "added"
            elif body.action == "accept" or _differs(relation, original):
                status = "corrected" if _differs(relation, original) else "accepted"
            else:  # a correction back to the original ('t' then 'T') decides nothing by itself
                status, relation = self._before_corrections(item), original
        row = self._store(item, status, relation)
        return view(item, row)

    def _before_corrections(self, item: Item) -> str:
        """The state the item had before the corrections that just came back to the original:
        accepted or rejected if it was, else back in the queue."""
        for row in reversed(self.store.history(item.id)):
            if row.status != "corrected":
                return row.status if row.status in ("accepted", "rejected") else "reset"
        return "reset"

    def accept_all(self, sha256: str, *, sentence: tuple[int, int] | None = None) -> dict:
        """Accept every pending relation of a document, or of one of its sentences (the
        evidence span), in one transaction; decided ones keep their decision."""
        doc = self.doc(sha256)
        todo = [e for e in self._entries() if e.item.doc is doc and e.status == "pending"
                and (sentence is None or e.sentence[1:] == tuple(sentence))]
        rows = self.store.decide_many([self._row(e.item, "accepted", e.relation) for e in todo])
        self._sync()
        return {"items": [view(e.item, r) for e, r in zip(todo, rows)], "accepted": len(rows)}

    def add(self, sha256: str, body: NewRelation) -> dict:
        doc = self.doc(sha256)
        key, relation = new_relation(doc, body)
        if key in self._keys:
            raise ReviewError(f"the pipeline found this relation already (item {self._keys[key].id}): "
                              "accept or correct it there")
        self._sync()
        existing = self._current.get(key)
        if existing is not None and existing.status == "added":
            raise ReviewError(f"this relation was added already (item {item_id(key)})")
        item = Item(id=item_id(key), key=key, doc=doc, relations=[], position=len(doc.record.relations) + 1)
        row = self._store(item, "added", relation)
        item = self._added.get(key, item)
        return view(item, row)

    def decide_entity(self, sha256: str, entity_id: str, body: EntityDecisionIn) -> dict:
        """Fix a mention's span, label or name; reject it; or undo that (reset)."""
        doc = self.doc(sha256)
        doc.set_entity_decisions(self.store.current_entities(doc.sha256))
        original = doc.original_entity(entity_id)
        added = next((d for d in doc.entity_decisions.values() if d.entity_id == entity_id and d.original is None), None)
        if original is None and added is None:
            raise NotFound(f"document {doc.doc_id} has no entity {entity_id!r}")
        if original is not None:
            key = entity_match_key(doc.sha256, original.start, original.end, original.label)
            before = original.model_dump(mode="json", exclude={"review"})
        else:
            key, before = added.match_key, None  # type: ignore[union-attr]
        now = doc.entity(entity_id)
        if body.action == "reset":
            if original is None:
                raise ReviewError("an added entity cannot go back: reject it to withdraw it")
            status, entity = "reset", before
        elif body.action == "reject":
            status, entity = "rejected", (now.model_dump(mode="json", exclude={"review"}) if now else before)
        else:
            if now is None:
                raise ReviewError(f"entity {entity_id} was rejected: undo that before correcting it")
            entity = corrected_entity(doc, now, body.changes)  # type: ignore[arg-type]
            status = "added" if original is None else "corrected"
            if original is not None and entity == before:
                status = "reset"
        row = self.store.decide_entity(match_key=key, entity_id=entity_id, doc_sha256=doc.sha256,
                                       doc_id=doc.doc_id, status=status, entity=entity,
                                       original=before, reviewer=self.reviewer,
                                       output_path=self.output_path)
        doc.set_entity_decisions(self.store.current_entities(doc.sha256))
        return {"entity_id": entity_id, "status": "pending" if status == "reset" else row.status,
                "entity": row.entity}

    def add_entity(self, sha256: str, body: NewEntity) -> dict:
        doc = self.doc(sha256)
        doc.set_entity_decisions(self.store.current_entities(doc.sha256))
        key, entity = added_entity(doc, body)
        row = self.store.decide_entity(match_key=key, entity_id=entity["id"], doc_sha256=doc.sha256,
                                       doc_id=doc.doc_id, status="added", entity=entity, original=None,
                                       reviewer=self.reviewer, output_path=self.output_path)
        doc.set_entity_decisions(self.store.current_entities(doc.sha256))
        return {"entity_id": row.entity_id, "status": "added", "entity": row.entity}

    def _row(self, item: Item, status: str, relation: dict) -> dict:
        original = item.original
        return dict(match_key=item.key, item_id=item.id, doc_sha256=item.doc.sha256,
                    doc_id=item.doc.doc_id, relation_id=original["id"] if original else None,
                    status=status, relation=relation, original=original, reviewer=self.reviewer,
                    output_path=self.output_path)

    def _store(self, item: Item, status: str, relation: dict) -> DecisionRow:
        row = self.store.decide(**self._row(item, status, relation))
        self._sync()
        return row


def _by_doc(rows: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for key, row in rows.items():
        out.setdefault(row.doc_sha256, {})[key] = row
    return out


def _differs(a: dict, b: dict) -> bool:
    return any(comparable(a, k) != comparable(b, k)
               for k in ("type", "head", "tail", "role", "date", "purpose", "modality"))


def _keep(e: Entry, f: Filters, doc: ReviewDoc | None) -> bool:
    rel = e.relation
    if f.q:
        needle = f.q.strip().lower()
        if needle not in rel["head"]["canonical"].lower() and needle not in rel["tail"]["canonical"].lower():
            return False
    return ((f.type is None or rel["type"] == f.type)
            and (f.status is None or e.status == f.status)
            and (doc is None or e.item.doc is doc)
            and (f.min_confidence is None or rel["confidence"] >= f.min_confidence)
            and (f.max_confidence is None or rel["confidence"] <= f.max_confidence))

