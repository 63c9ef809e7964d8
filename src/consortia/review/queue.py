"""Relations under review: their identity across runs, queue items, corrections, added relations.

A queue item is one fact of one document: (document sha256, type, head, tail), compared on
folded canonical names (`names.fold`), partner_of in either order. The pipeline may state the
same fact in several sentences; those relations are one item, shown with its first evidence and
the others listed. Because the key uses the raw bytes' sha256 and canonical names, not relation
ids, a re-run of the pipeline over the same documents finds its earlier decisions again.
"""

import codecs
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import ConsortiaError
from ..models import ISO_DATE, SYMMETRIC_TYPES, Entity, Label, Modality, Record, RelationType, read_records
from ..names import ascii_quotes, fold

STATUSES = ("pending", "accepted", "rejected", "corrected", "added")

# The guideline's relation table (docs/annotation.md, "Relations"): the labels each type joins.
END_LABELS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    **{t: (frozenset({"ORG"}), frozenset({"ORG"}))
       for t in ("partner_of", "member_of", "leads", "transferred_to", "affiliated_with",
                 "branch_of", "part_of")},
    "holds_position": (frozenset({"PERSON"}), frozenset({"ORG"})),
    "invested": (frozenset({"ORG", "GPE"}), frozenset({"MONEY"})),
}

# Where an added relation's evidence sentence starts and ends: line breaks (block boundaries)
# and sentence-final punctuation followed by white space.
_SENTENCE_BREAK = re.compile(r"\n|(?<=[.!?])\s+")


class ReviewError(ConsortiaError):
    """A request the review tool cannot carry out; the message says why (HTTP 422)."""

    code = "C041"


class NotFound(ConsortiaError):
    """An unknown relation or document id (HTTP 404)."""

    code = "C042"


class OutputFileError(ConsortiaError):
    """The output file to review cannot be read."""

    code = "C043"


def match_key(doc_sha256: str, type_: str, head: str, tail: str) -> str:
    """The identity of a fact across runs.

    >>> match_key("ab", "partner_of", "Yantai Hospital", "the Qingdao Clinic")
    '["ab", "partner_of", "qingdao clinic", "yantai hospital"]'
    """
    a, b = fold(head), fold(tail)
    if type_ in SYMMETRIC_TYPES and b < a:
        a, b = b, a
    return json.dumps([doc_sha256, type_, a, b], ensure_ascii=False)


def entity_match_key(doc_sha256: str, start: int, end: int, label: str, *, added: bool = False) -> str:
    """The identity of a mention under review: where the pipeline (or a reviewer) put it.

    >>> entity_match_key("ab", 3, 9, "ORG")
    '["ab", "entity", 3, 9, "ORG"]'
    """
    return json.dumps([doc_sha256, "added" if added else "entity", start, end, label])


def item_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def relation_key(doc_sha256: str, relation: dict) -> str:
    return match_key(doc_sha256, relation["type"], relation["head"]["canonical"],
                     relation["tail"]["canonical"])


# Documents

@dataclass
class ReviewDoc:
    """A record under review, with its raw text when the file could be found and matched."""

    record: Record
    raw: str | None
    position: int
    _entities: dict[str, Entity] = field(default_factory=dict, repr=False)
    entities: list[Entity] = field(default_factory=list, repr=False)  # as they stand after review
    entity_decisions: dict = field(default_factory=dict, repr=False)  # match key -> EntityDecisionRow

    def __post_init__(self):
        self.set_entity_decisions({})

    def set_entity_decisions(self, rows: dict) -> None:
        """Apply the current entity decisions of this document (store.current_entities):
        corrected mentions replace the pipeline's, rejected ones go, added ones join."""
        self.entity_decisions = rows
        current = []
        for e in self.record.entities:
            d = rows.get(entity_match_key(self.sha256, e.start, e.end, e.label))
            if d is None:
                current.append(e)
            elif d.status == "corrected":
                current.append(Entity.model_validate({**d.entity, "id": e.id}))
        current += [Entity.model_validate(d.entity) for d in rows.values() if d.status == "added"]
        self.entities = sorted(current, key=lambda e: (e.start, -e.end))
        self._entities = {e.id: e for e in self.entities}

    def original_entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.record.entities if e.id == entity_id), None)

    @property
    def sha256(self) -> str:
        return self.record.sha256

    @property
    def doc_id(self) -> str:
        return self.record.doc_id

    def entity(self, entity_id: str | None) -> Entity | None:
        return self._entities.get(entity_id) if entity_id else None

    def entity_choices(self) -> list[dict]:
        """One choice per distinct (label, canonical), pointing at its first mention."""
        seen, out = set(), []
        for e in self.entities:
            key = (e.label, fold(e.canonical))
            if key not in seen:
                seen.add(key)
                out.append({"entity": e.id, "canonical": e.canonical, "label": e.label})
        return out

    def display(self) -> tuple[str, list[tuple[int, int, Entity]], bool]:
        """The text to show whole, its entity spans (no overlaps), and whether it is the raw text.

        Entity offsets are raw offsets; without the raw text, each entity is found in the clean
        text by searching for its text in order, which is right wherever cleaning kept it.
        """
        ents = self.entities
        spans: list[tuple[int, int, Entity]] = []
        if self.raw is not None:
            text, found = self.raw, ((e.start, e.end, e) for e in ents)
        else:
            text, found, cursor = self.record.text, [], 0
            for e in ents:
                at = text.find(e.text, cursor)
                if at >= 0:
                    found.append((at, at + len(e.text), e))
                    cursor = at + len(e.text)
        for start, end, ent in found:
            if not spans or start >= spans[-1][1]:
                spans.append((start, end, ent))
        return text, spans, self.raw is not None


def read_output(path: Path) -> list[Record]:
    """The records of a run's output, each checked against the output model."""
    records, seen = [], set()
    try:
        for n, record in read_records(path):
            if isinstance(record, str):
                raise OutputFileError(f"{path}, line {n}: not an output record of consortia run ({record})")
            if record.sha256 in seen:  # the same bytes twice: review them once
                continue
            seen.add(record.sha256)
            records.append(record)
    except OSError as err:
        raise OutputFileError(f"cannot read {path}: {err}") from err
    return records


def find_raw(record: Record, output_path: Path | None = None) -> str | None:
    """The raw text the record's offsets refer to, or None when its file is gone or changed.

    The file is looked for at `source_path` (as written, then beside the output file); it must
    have the record's sha256, and every entity and evidence text must sit at its offsets.
    """
    if record.raw is not None:  # a web page or crawler line: the record carries its raw text
        return record.raw if _offsets_hold(record, record.raw) else None
    if not record.sha256 or not record.source_path:
        return None
    candidates = [Path(record.source_path)]
    if output_path is not None and not Path(record.source_path).is_absolute():
        candidates.append(output_path.parent / record.source_path)
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != record.sha256:
            continue
        try:
            text = data.decode(codecs.lookup(record.encoding or "utf-8").name)
        except (LookupError, UnicodeDecodeError):
            continue
        for candidate in (text, text.removeprefix("\ufeff")):
            if _offsets_hold(record, candidate):
                return candidate
    return None


def _offsets_hold(record: Record, raw: str) -> bool:
    return (all(raw[e.start:e.end] == e.text for e in record.entities)
            and all(raw[r.evidence.start:r.evidence.end] == r.evidence.text for r in record.relations))


# Queue items

@dataclass
class Item:
    """One fact of one document under review: the pipeline's relations for it, or an added one."""

    id: str
    key: str
    doc: ReviewDoc
    relations: list[dict]  # the pipeline's relations for this fact, first one shown; [] if added
    position: int  # order within the document

    @property
    def original(self) -> dict | None:
        return self.relations[0] if self.relations else None


def pipeline_items(docs: list[ReviewDoc]) -> dict[str, Item]:
    """Items for every relation in the output, in document order, duplicates merged."""
    items: dict[str, Item] = {}
    for doc in docs:
        by_key: dict[str, Item] = {}
        for rel in doc.record.relations:
            data = rel.model_dump(mode="json")
            key = relation_key(doc.sha256, data)
            if key in by_key:
                by_key[key].relations.append(data)
            else:
                by_key[key] = Item(id=item_id(key), key=key, doc=doc, relations=[data],
                                   position=len(by_key))
        items.update({it.id: it for it in by_key.values()})
    return items


def current_relation(item: Item, decision) -> dict:
    """The relation as it stands: the reviewer's version when corrected or added."""
    if decision is not None and (decision.status in ("corrected", "added") or item.original is None):
        return decision.relation
    return item.original  # type: ignore[return-value]


def status_of(decision) -> str:
    return "pending" if decision is None or decision.status == "reset" else decision.status


def view(item: Item, decision) -> dict:
    """The item as the web page shows it."""
    rel = current_relation(item, decision)
    original = item.original
    changed = ([k for k in ("type", "head", "tail", "role", "date", "purpose", "modality")
                if comparable(rel, k) != comparable(original, k)] if original else [])
    decided = decision is not None and decision.status != "reset"
    return {
        "id": item.id,
        "doc_sha256": item.doc.sha256,
        "doc_id": item.doc.doc_id,
        "title": item.doc.record.title,
        "doc_position": item.doc.position,
        "position": item.position,
        "relation_id": original["id"] if original else None,
        "status": status_of(decision),
        "reviewer": decision.reviewer if decided else None,
        "decided_at": decision.decided_at if decided else None,
        "added": original is None,
        "relation": rel,
        "original": original,
        "changed": changed,
        "marks": evidence_marks(item.doc, rel),
        "other_evidence": [r["evidence"] for r in item.relations[1:]],
    }


def comparable(rel: dict, key: str):
    value = rel.get(key)
    if key in ("head", "tail") and value:
        return (fold(value["canonical"]), value["label"])
    return value


def evidence_marks(doc: ReviewDoc, rel: dict) -> list[dict]:
    """Where the head and tail sit in the evidence text (offsets relative to it), no overlaps."""
    ev = rel["evidence"]
    marks = []
    for role in ("head", "tail"):
        span = locate_end(doc, rel[role], ev["start"], ev["text"])
        if span and not any(span[0] < m["end"] and m["start"] < span[1] for m in marks):
            marks.append({"start": span[0], "end": span[1], "label": rel[role]["label"], "end_of": role})
    return sorted(marks, key=lambda m: m["start"])


def locate_end(doc: ReviewDoc, end: dict, base: int, text: str) -> tuple[int, int] | None:
    """The span of a relation end in `text` (which is raw[base:base + len(text)]), relative to it.

    Its own entity if inside; else another mention of the same canonical; else the name as
    written (an end that is only part of a longer name, like a parent inside a branch's name).
    """
    limit = base + len(text)
    ent = doc.entity(end.get("entity"))
    if ent and base <= ent.start and ent.end <= limit:
        return ent.start - base, ent.end - base
    wanted = fold(end["canonical"])
    for e in doc.entities:
        if base <= e.start and e.end <= limit and e.label == end["label"] and fold(e.canonical) == wanted:
            return e.start - base, e.end - base
    found = find_name(text, end["canonical"])
    return found


def find_name(text: str, name: str) -> tuple[int, int] | None:
    """A name in a text, ignoring case, quote style and how white space is written."""
    words = ascii_quotes(name).split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    m = pattern.search(ascii_quotes(text))  # ascii_quotes maps one character to one: offsets hold
    return (m.start(), m.end()) if m else None


# Corrections and added relations

class EndChoice(BaseModel):
    """A relation end: an entity of the document by id, or a name in its text with a label."""

    model_config = ConfigDict(extra="forbid")
    entity: str | None = Field(None, max_length=50)
    canonical: str | None = Field(None, min_length=1, max_length=300)
    label: Label | None = None

    @model_validator(mode="after")
    def _one_way(self):
        if self.entity is None and (self.canonical is None or self.label is None):
            raise ValueError("give an entity id, or a canonical name and a label")
        return self


class Changes(BaseModel):
    """Fields to change; a field left out stays as it is, a field set to null is cleared."""

    model_config = ConfigDict(extra="forbid")
    type: RelationType | None = None
    head: EndChoice | None = None
    tail: EndChoice | None = None
    role: str | None = Field(None, max_length=200)
    date: str | None = Field(None, pattern=ISO_DATE)
    purpose: str | None = Field(None, max_length=500)
    modality: Modality | None = None

    @model_validator(mode="after")
    def _not_empty(self):
        if not self.model_fields_set:
            raise ValueError("a correction needs at least one field to change")
        for name in ("type", "head", "tail", "modality"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared")
        return self


class DecisionIn(BaseModel):
    """A reviewer's decision on one item."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["accept", "reject", "correct", "reset"]
    changes: Changes | None = None

    @model_validator(mode="after")
    def _changes_only_to_correct(self):
        if self.action == "correct" and self.changes is None:
            raise ValueError("action 'correct' needs 'changes'")
        if self.action != "correct" and self.changes is not None:
            raise ValueError(f"action {self.action!r} takes no 'changes' (use 'correct')")
        return self


class NewRelation(BaseModel):
    """A relation the pipeline missed, between two ends chosen in one document."""

    model_config = ConfigDict(extra="forbid")
    type: RelationType
    head: EndChoice
    tail: EndChoice
    role: str | None = Field(None, max_length=200)
    date: str | None = Field(None, pattern=ISO_DATE)
    purpose: str | None = Field(None, max_length=500)
    modality: Modality = "asserted"


def resolve_end(doc: ReviewDoc, choice: EndChoice) -> tuple[dict, tuple[int, int] | None]:
    """The end as stored in a relation, and its raw span when known."""
    if choice.entity is not None:
        ent = doc.entity(choice.entity)
        if ent is None:
            raise ReviewError(f"document {doc.doc_id} has no entity {choice.entity!r}")
        return {"entity": ent.id, "canonical": ent.canonical, "label": ent.label}, (ent.start, ent.end)
    name = " ".join(choice.canonical.split())  # type: ignore[union-attr]
    span = find_name(doc.raw, name) if doc.raw is not None else None
    if span is None and find_name(doc.record.text, name) is None:
        raise ReviewError(f"{name!r} is neither an entity nor written in document {doc.doc_id}")
    return {"entity": None, "canonical": name, "label": choice.label}, span


def _clean_text(value: str | None, *, lower: bool = False) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return (value.lower() if lower else value) or None


def check_relation(doc: ReviewDoc, rel: dict) -> dict:
    """The guideline's rules for a relation a reviewer wrote; raises ReviewError with the reason."""
    heads, tails = END_LABELS[rel["type"]]
    if rel["head"]["label"] not in heads or rel["tail"]["label"] not in tails:
        raise ReviewError(f"{rel['type']} joins {'/'.join(sorted(heads))} to {'/'.join(sorted(tails))}, "
                          f"not {rel['head']['label']} to {rel['tail']['label']}")
    if fold(rel["head"]["canonical"]) == fold(rel["tail"]["canonical"]):
        raise ReviewError("head and tail are the same")
    if rel["type"] == "holds_position" and not rel.get("role"):
        raise ReviewError("holds_position needs a role (the title as written, e.g. 'director')")
    if rel["type"] != "holds_position" and rel.get("role"):
        raise ReviewError(f"only holds_position has a role, not {rel['type']}")
    if rel["type"] != "invested" and rel.get("purpose"):
        raise ReviewError(f"only invested has a purpose, not {rel['type']}")
    from ..models import Relation

    try:  # the output model has the last word on the shape
        return Relation.model_validate(rel).model_dump(mode="json")
    except ValidationError as err:
        raise ReviewError(f"not a valid relation: {err.errors()[0]['msg']}") from err


def apply_changes(doc: ReviewDoc, rel: dict, changes: Changes) -> dict:
    new = json.loads(json.dumps(rel))
    fields = changes.model_fields_set
    for end in ("head", "tail"):
        if end in fields:
            new[end], _ = resolve_end(doc, getattr(changes, end))
    if "type" in fields:
        new["type"] = changes.type
        if changes.type != "holds_position" and "role" not in fields:
            new["role"] = None  # a role belongs to holds_position only
        if changes.type != "invested" and "purpose" not in fields:
            new["purpose"] = None
    if "role" in fields:
        new["role"] = _clean_text(changes.role, lower=True)
    if "purpose" in fields:
        new["purpose"] = _clean_text(changes.purpose)
    for name in ("date", "modality"):
        if name in fields:
            new[name] = getattr(changes, name)
    return check_relation(doc, new)


def new_relation(doc: ReviewDoc, body: NewRelation) -> tuple[str, dict]:
    """An added relation and its match key, with the sentence(s) around both ends as evidence."""
    head, head_span = resolve_end(doc, body.head)
    tail, tail_span = resolve_end(doc, body.tail)
    key = match_key(doc.sha256, body.type, head["canonical"], tail["canonical"])
    rel = {"id": f"added-{item_id(key)[:8]}", "type": body.type, "head": head, "tail": tail,
           "role": _clean_text(body.role, lower=True), "date": body.date,
           "purpose": _clean_text(body.purpose), "modality": body.modality, "confidence": 1.0,
           "evidence": added_evidence(doc, head_span, tail_span), "rule": "review:added"}
    return key, check_relation(doc, rel)


def added_evidence(doc: ReviewDoc, *spans: tuple[int, int] | None) -> dict:
    """From the start of the sentence of the first end to the end of the sentence of the last."""
    known = [s for s in spans if s is not None]
    if doc.raw is None or not known:
        if known:  # without the raw text only an entity's own span is certain
            ent = next(e for e in doc.entities if (e.start, e.end) == known[0])
            return {"text": ent.text, "start": ent.start, "end": ent.end}
        raise ReviewError(f"the raw text of {doc.doc_id} is not available: choose entities, not names")
    raw = doc.raw
    lo, hi = min(s for s, _ in known), max(e for _, e in known)
    start = max((m.end() for m in _SENTENCE_BREAK.finditer(raw, 0, lo)), default=0)
    stop = next((m.start() for m in _SENTENCE_BREAK.finditer(raw, hi)), len(raw))
    while start < stop and raw[start].isspace():
        start += 1
    return {"text": raw[start:stop], "start": start, "end": stop}


# Entities: a fixed span or label, a mention that is not an entity, one the pipeline missed

class EntityChanges(BaseModel):
    """What to change in a mention: its span (raw offsets), label or canonical name."""

    model_config = ConfigDict(extra="forbid")
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, gt=0)
    label: Label | None = None
    canonical: str | None = Field(None, min_length=1, max_length=300)

    @model_validator(mode="after")
    def _not_empty(self):
        if not self.model_fields_set:
            raise ValueError("a correction needs at least one field to change")
        return self


class EntityDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["correct", "reject", "reset"]
    changes: EntityChanges | None = None

    @model_validator(mode="after")
    def _changes_only_to_correct(self):
        if (self.action == "correct") != (self.changes is not None):
            raise ValueError("'changes' goes with action 'correct', and only with it")
        return self


class NewEntity(BaseModel):
    """A mention the pipeline missed: raw offsets and a label (the canonical name defaults to
    the text)."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    label: Label
    canonical: str | None = Field(None, min_length=1, max_length=300)


def span_text(doc: ReviewDoc, start: int, end: int) -> tuple[int, int, str]:
    """The span trimmed of white space, and its text; raises ReviewError when it cannot be one."""
    if doc.raw is None:
        raise ReviewError(f"the raw text of {doc.doc_id} is not available: spans cannot be set")
    if not 0 <= start < end <= len(doc.raw):
        raise ReviewError(f"span {start}-{end} is outside the text (0-{len(doc.raw)})")
    text = doc.raw[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    if start >= end:
        raise ReviewError("the span holds only white space")
    if "\n" in doc.raw[start:end]:
        raise ReviewError("an entity does not run over a line break")
    return start, end, doc.raw[start:end]


def corrected_entity(doc: ReviewDoc, ent: Entity, changes: EntityChanges) -> dict:
    data = ent.model_dump(mode="json", exclude={"review"})
    fields = changes.model_fields_set
    if "start" in fields or "end" in fields:
        start, end, text = span_text(doc, changes.start if changes.start is not None else ent.start,
                                     changes.end if changes.end is not None else ent.end)
        data.update(start=start, end=end, text=text)
        if "canonical" not in fields and fold(ent.text) == fold(ent.canonical):
            data["canonical"] = " ".join(text.split())  # a name that was its text stays its text
    if changes.label is not None and changes.label != ent.label:
        data["label"] = changes.label
        if ent.label == "DATE":
            data.update(value=None, mod=None)
        if ent.label == "MONEY":
            data.update(amount=None, currency=None)
    if changes.canonical is not None:
        data["canonical"] = " ".join(changes.canonical.split())
    try:
        return Entity.model_validate(data).model_dump(mode="json", exclude={"review"})
    except ValidationError as err:
        raise ReviewError(f"not a valid entity: {err.errors()[0]['msg']}") from err


def added_entity(doc: ReviewDoc, body: NewEntity) -> tuple[str, dict]:
    start, end, text = span_text(doc, body.start, body.end)
    key = entity_match_key(doc.sha256, start, end, body.label, added=True)
    if any(e.start == start and e.end == end and e.label == body.label for e in doc.entities):
        raise ReviewError(f"{text!r} is already a {body.label} entity")
    canonical = " ".join((body.canonical or text).split())
    return key, {"id": f"n{item_id(key)[:8]}", "label": body.label, "text": text, "start": start,
                 "end": end, "canonical": canonical}
