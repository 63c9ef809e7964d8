"""A review session: one output file, one store, one reviewer; what the web API calls.

The output's records are held in memory; decisions are always read from and written to the
store, so several pages, tabs or server processes on the same store see each other's work.
"""

from dataclasses import dataclass
from pathlib import Path

from ..models import RELATION_TYPES
from .queue import (END_LABELS, STATUSES, DecisionIn, Item, NewRelation, NotFound, ReviewDoc,
                    ReviewError, apply_changes, comparable, current_relation, find_raw,
                    item_id, new_relation, pipeline_items, read_output, status_of, view)
from .store import DecisionRow, Store, StoredDocument


@dataclass(frozen=True)
class Filters:
    type: str | None = None
    status: str | None = None
    doc: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    sort: str = "document"  # document | confidence | -confidence


class Session:
    def __init__(self, store: Store, docs: list[ReviewDoc], *, output_path: str, reviewer: str):
        self.store = store
        self.output_path = output_path
        self.reviewer = reviewer
        self.docs = {d.sha256: d for d in docs}
        self.items = pipeline_items(docs)
        self._keys = {it.key: it for it in self.items.values()}

    @classmethod
    def open(cls, output: Path, store: Store, *, reviewer: str) -> "Session":
        """Read an output file, keep its records in the store, and start reviewing it."""
        records = read_output(output)
        docs = [ReviewDoc(r, find_raw(r, output), i) for i, r in enumerate(records)]
        store.load_output(str(output), [StoredDocument(d.sha256, d.doc_id, d.record.model_dump(mode="json"), d.raw)
                                        for d in docs], reviewer=reviewer)
        return cls(store, docs, output_path=str(output), reviewer=reviewer)

    # reading

    def entries(self) -> list[tuple[Item, DecisionRow | None]]:
        """Every item with its current decision: the pipeline's relations, then added ones."""
        current = self.store.current(self.docs)
        out = [(it, current.get(it.key)) for it in self.items.values()]
        added = [d for key, d in current.items()
                 if key not in self._keys and d.original is None and d.doc_sha256 in self.docs]
        per_doc: dict[str, int] = {}
        for d in added:
            doc = self.docs[d.doc_sha256]
            n = per_doc[doc.sha256] = per_doc.get(doc.sha256, 0) + 1
            out.append((Item(id=d.item_id, key=d.match_key, doc=doc, relations=[],
                             position=len(doc.record.relations) + n), d))
        return out

    def stale(self) -> int:
        """Decisions on relations of these documents that this output no longer has."""
        return sum(1 for key, d in self.store.current(self.docs).items()
                   if key not in self._keys and d.original is not None)

    def find(self, item_id: str) -> tuple[Item, DecisionRow | None]:
        item = self.items.get(item_id)
        if item is not None:
            return item, self.store.current([item.doc.sha256]).get(item.key)
        row = self.store.latest_for_item(item_id)
        if row is None or row.original is not None or row.doc_sha256 not in self.docs:
            raise NotFound(f"no relation {item_id!r} in {self.output_path}")
        return Item(id=row.item_id, key=row.match_key, doc=self.docs[row.doc_sha256], relations=[],
                    position=len(self.docs[row.doc_sha256].record.relations) + 1), row

    def doc(self, sha256: str) -> ReviewDoc:
        doc = self.docs.get(sha256)
        if doc is None:
            raise NotFound(f"no document {sha256!r} in {self.output_path}")
        return doc

    def counts(self, entries=None) -> dict:
        entries = self.entries() if entries is None else entries
        by_status = {s: 0 for s in STATUSES}
        for _, d in entries:
            by_status[status_of(d)] += 1
        return {"total": len(entries), "reviewed": len(entries) - by_status["pending"],
                "by_status": by_status}

    def summary(self) -> dict:
        entries = self.entries()
        per_doc: dict[str, int] = {}
        for it, _ in entries:
            per_doc[it.doc.sha256] = per_doc.get(it.doc.sha256, 0) + 1
        return {**self.counts(entries), "output": self.output_path, "store": str(self.store.path),
                "reviewer": self.reviewer, "stale": self.stale(), "types": list(RELATION_TYPES),
                "statuses": list(STATUSES),
                "end_labels": {t: [sorted(h), sorted(tl)] for t, (h, tl) in END_LABELS.items()},
                "documents": [{"sha256": d.sha256, "doc_id": d.doc_id, "title": d.record.title,
                               "relations": per_doc.get(d.sha256, 0)}
                              for d in sorted(self.docs.values(), key=lambda d: d.position)]}

    def queue(self, filters: Filters, *, offset: int = 0, limit: int = 2000) -> dict:
        if filters.doc is not None:
            self.doc(filters.doc)  # an unknown document is an error, not an empty list
        entries = self.entries()
        views = [view(it, d) for it, d in entries]
        chosen = [v for v in views if _keep(v, filters)]
        if filters.sort == "document":
            chosen.sort(key=lambda v: (v["doc_position"], v["position"]))
        else:
            sign = -1 if filters.sort.startswith("-") else 1
            chosen.sort(key=lambda v: (sign * v["relation"]["confidence"], v["doc_position"], v["position"]))
        return {**self.counts(entries), "matching": len(chosen),
                "items": chosen[offset:offset + limit]}

    def document(self, sha256: str) -> dict:
        from .render import document_html

        doc = self.doc(sha256)
        html, entities = document_html(doc)
        items = [view(it, d) for it, d in self.entries() if it.doc is doc]
        r = doc.record
        return {"sha256": doc.sha256, "doc_id": doc.doc_id, "title": r.title, "published": r.published,
                "source": r.source, "source_path": r.source_path, "raw_available": doc.raw is not None,
                "html": html, "entities": entities, "choices": doc.entity_choices(),
                "items": sorted(items, key=lambda v: v["position"])}

    def history(self, item_id: str) -> list[dict]:
        item, _ = self.find(item_id)
        return [{"status": r.status, "reviewer": r.reviewer, "decided_at": r.decided_at,
                 "relation": r.relation} for r in self.store.history(item.id)]

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
            else:
                status = "corrected" if _differs(relation, original) else "accepted"
        row = self._store(item, status, relation)
        return view(item, row)

    def add(self, sha256: str, body: NewRelation) -> dict:
        doc = self.doc(sha256)
        key, relation = new_relation(doc, body)
        if key in self._keys:
            raise ReviewError(f"the pipeline found this relation already (item {self._keys[key].id}): "
                              "accept or correct it there")
        item = Item(id=item_id(key), key=key, doc=doc, relations=[],
                    position=len(doc.record.relations) + 1)
        existing = self.store.current([doc.sha256]).get(key)
        if existing is not None and existing.status == "added":
            raise ReviewError(f"this relation was added already (item {item.id})")
        return view(item, self._store(item, "added", relation))

    def _store(self, item: Item, status: str, relation: dict) -> DecisionRow:
        original = item.original
        return self.store.decide(match_key=item.key, item_id=item.id, doc_sha256=item.doc.sha256,
                                 doc_id=item.doc.doc_id,
                                 relation_id=original["id"] if original else None, status=status,
                                 relation=relation, original=original, reviewer=self.reviewer,
                                 output_path=self.output_path)


def _differs(a: dict, b: dict) -> bool:
    return any(comparable(a, k) != comparable(b, k)
               for k in ("type", "head", "tail", "role", "date", "purpose", "modality"))


def _keep(v: dict, f: Filters) -> bool:
    rel = v["relation"]
    return ((f.type is None or rel["type"] == f.type)
            and (f.status is None or v["status"] == f.status)
            and (f.doc is None or v["doc_sha256"] == f.doc)
            and (f.min_confidence is None or rel["confidence"] >= f.min_confidence)
            and (f.max_confidence is None or rel["confidence"] <= f.max_confidence))
