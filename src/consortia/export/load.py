"""Records into the database: one transaction per document, idempotent, order-independent.

A document's rows (its `documents` row, mentions and relations) are replaced as a whole when its
record changed, and skipped when it did not (same `record_sha256`). The cross-document tables
(`entities`, `aliases`) hold counters; each document's transaction adds what its new rows
contribute and subtracts what its old rows contributed, so the work per document does not grow
with the size of the database, and an entity or alias that nothing refers to any more goes.
An entity's display `name` is its alias used most often as a canonical name (then most often
written, then the smallest string), which depends on the counts alone, not on export order.
"""

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from .. import models
from ..errors import ConsortiaError, DuplicateIdError
from ..models import Record, standing
from ..names import entity_key
from .schema import aliases, documents, entities, mentions, relations

log = logging.getLogger(__name__)

_CHUNK = 500  # bound parameters per IN (...) list, well under SQLite's and PostgreSQL's limits


class ExportError(ConsortiaError):
    """The export cannot start: bad database URL, unreachable server, foreign tables."""

    code = "C050"


class RecordError(ConsortiaError):
    """One line of an input file is not a valid record: that line is skipped, the export goes on."""

    code = "C051"


@dataclass
class ExportSummary:
    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    with_errors: int = 0
    failed: int = 0
    decisions: int = 0
    duplicates: int = 0  # doc_ids met twice with different records: the later one is refused
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = (f"{self.read} records: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {self.failed} failed; "
                f"{self.with_errors} documents with pipeline errors")
        if self.duplicates:
            text += f"; {self.duplicates} doc_ids met twice with different content (the later refused)"
        if self.decisions:
            text += f"; {self.decisions} review decisions"
        return f"{text}; {self.seconds:.1f} s"


# --- reading ---------------------------------------------------------------------------------

def read_records(paths: Iterable[Path]) -> Iterator[Record | RecordError]:
    """Records from JSONL files in order; an invalid line gives a RecordError in its place."""
    for path in paths:
        for number, record in models.read_records(path):
            if isinstance(record, str):
                record = RecordError(f"{path}:{number}: not a valid record ({record})")
            yield record


# --- a record as rows (pure) -----------------------------------------------------------------

@dataclass
class Rows:
    document: dict
    mentions: list[dict]
    relations: list[dict]


def record_sha256(record: Record) -> str:
    return hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()


def status_of(record: Record) -> str:
    if not record.errors:
        return "ok"
    return "partial" if record.entities or record.relations else "failed"


def rows_of(record: Record, sha: str | None = None) -> Rows:
    """The rows that one record contributes to the per-document tables (`sha`: its
    `record_sha256` when already computed)."""
    doc_id = record.doc_id
    document = {
        "doc_id": doc_id, "sha256": record.sha256, "status": status_of(record),
        "title": record.title, "published": record.published, "source": record.source,
        "source_path": record.source_path,
        "duplicate_paths": json.dumps(record.duplicate_paths, ensure_ascii=False),
        "encoding": record.encoding, "language": record.language,
        "pipeline_version": record.pipeline.version, "pipeline_config": record.pipeline.config,
        "config_sha256": record.pipeline.config_sha256, "model": record.pipeline.model,
        "n_entities": len(record.entities), "n_relations": len(record.relations),
        "n_errors": len(record.errors), "errors": json.dumps(record.errors, ensure_ascii=False),
        "record_sha256": sha or record_sha256(record),
    }
    ents, rels = standing(record)  # as review left them; without `review` fields, as extracted
    reviews = {r.id: r.review for r in record.relations}
    mention_rows = [{
        "doc_id": doc_id, "entity_id": e.id, "entity_key": entity_key(e.label, e.canonical),
        "label": e.label, "text": e.text, "start_char": e.start, "end_char": e.end,
        "canonical": e.canonical, "value": e.value, "mod": e.mod,
        "amount": None if e.amount is None else float(e.amount), "currency": e.currency,
        "review_status": status,
    } for e, status in ents]
    by_id = {m["entity_id"]: m for m in mention_rows}
    money_by_key: dict[str, dict] = {}
    for m in mention_rows:
        if m["label"] == "MONEY" and m["amount"] is not None:
            money_by_key.setdefault(m["entity_key"], m)
    relation_rows = []
    for r, status in rels:
        head_key, tail_key = entity_key(r.head.label, r.head.canonical), entity_key(r.tail.label, r.tail.canonical)
        money = None
        if r.tail.label == "MONEY":  # the amount sits on the MONEY mention; copy it for queries
            money = by_id.get(r.tail.entity) if r.tail.entity else None
            if money is None or money["entity_key"] != tail_key:
                money = money_by_key.get(tail_key)
        review = reviews.get(r.id)
        original = next((x for x in record.relations if x.id == r.id), None) if status == "corrected" else None
        relation_rows.append({
            "doc_id": doc_id, "rel_id": r.id, "type": r.type,
            "head_key": head_key, "head_label": r.head.label, "head_name": r.head.canonical,
            "head_entity": r.head.entity,
            "tail_key": tail_key, "tail_label": r.tail.label, "tail_name": r.tail.canonical,
            "tail_entity": r.tail.entity,
            "role": r.role, "date": r.date, "year": year_of(r.date), "purpose": r.purpose,
            "modality": r.modality, "confidence": float(r.confidence), "rule": r.rule,
            "evidence": r.evidence.text, "evidence_start": r.evidence.start,
            "evidence_end": r.evidence.end,
            "amount": money["amount"] if money else None, "currency": money["currency"] if money else None,
            "review_status": status, "reviewer": review.reviewer if review else None,
            "decided_at": review.decided_at if review else None,
            "original": (original.model_copy(update={"review": None}).model_dump_json()
                         if original is not None else None),
        })
    return Rows(storable(document), [storable(m) for m in mention_rows],
                [storable(r) for r in relation_rows])


def storable(row: dict) -> dict:
    """PostgreSQL text cannot hold U+0000: store it as U+FFFD, in every database alike, which
    keeps character offsets valid."""
    for k, v in row.items():
        if isinstance(v, str) and "\x00" in v:
            row[k] = v.replace("\x00", "\ufffd")
    return row


def year_of(iso: str | None) -> int | None:
    """The year of an ISO value as a number, None when unknown.

    >>> year_of("2018-07"), year_of("XXXX-12-29"), year_of(None)
    (2018, None, None)
    """
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


def alias_form(text: str) -> str:
    return " ".join(text.split())


# --- counters --------------------------------------------------------------------------------

@dataclass
class Delta:
    """What a document adds to (sign +1) or takes from (sign -1) the cross-document counters."""

    labels: dict[str, str] = field(default_factory=dict)
    documents: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)
    written: Counter = field(default_factory=Counter)     # (key, form) -> mentions written so
    canonical: Counter = field(default_factory=Counter)   # (key, form) -> uses as canonical name

    def add(self, mention_rows: Iterable[dict], relation_rows: Iterable[dict], sign: int) -> None:
        keys = set()
        for m in mention_rows:
            key = m["entity_key"]
            keys.add(key)
            self.labels[key] = m["label"]
            self.mentions[key] += sign
            self.written[key, alias_form(m["text"])] += sign
            self.canonical[key, alias_form(m["canonical"])] += sign
        for r in relation_rows:
            for end in ("head", "tail"):
                key = r[f"{end}_key"]
                keys.add(key)
                self.labels.setdefault(key, r[f"{end}_label"])
                self.canonical[key, alias_form(r[f"{end}_name"])] += sign
        for key in keys:
            self.documents[key] += sign

    def entity_rows(self) -> list[dict]:
        """Counter changes per entity. `name` only matters for an entity seen for the first
        time (an existing row keeps its own); `_rename` then checks it against all counts."""
        forms: dict[str, list] = {}
        for (key, form) in set(self.written) | set(self.canonical):
            forms.setdefault(key, []).append((form, self.written[key, form], self.canonical[key, form]))
        out = []
        for key in sorted(self.labels):
            d_docs, d_ments = self.documents[key], self.mentions[key]
            if d_docs or d_ments:
                out.append({"key": key, "label": self.labels[key], "name": best_name(forms[key]),
                            "n_documents": d_docs, "n_mentions": d_ments})
        return out

    def alias_rows(self) -> list[dict]:
        out = []
        for key, form in sorted(set(self.written) | set(self.canonical)):
            d_written, d_canonical = self.written[key, form], self.canonical[key, form]
            if d_written or d_canonical:
                out.append({"entity_key": key, "alias": form, "n_mentions": d_written,
                            "n_canonical": d_canonical})
        return out

    def shrinks(self) -> bool:
        return any(n < 0 for n in (*self.documents.values(), *self.written.values(),
                                   *self.canonical.values()))


def best_name(forms: Iterable[tuple[str, int, int]]) -> str:
    """The display name among (alias, n_mentions, n_canonical): used most as canonical, then
    written most, then the smallest string (so "Xiamen Central Hospital" before "Xiamen central
    hospital").

    >>> best_name([("Xiamen central hospital", 1, 1), ("Xiamen Central Hospital", 1, 1)])
    'Xiamen Central Hospital'
    """
    return min(forms, key=lambda f: (-f[2], -f[1], f[0]))[0]


# --- writing ---------------------------------------------------------------------------------

def _insert(conn: Connection):
    """The dialect's INSERT with ON CONFLICT (SQLite and PostgreSQL share the API)."""
    name = conn.dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        raise ExportError(f"database {name!r} is not supported: use SQLite or PostgreSQL")
    return dialect_insert


def _add_counts(conn: Connection, table, rows: list[dict], index: list[str], counters: list[str]) -> None:
    if not rows:
        return
    stmt = _insert(conn)(table)
    stmt = stmt.on_conflict_do_update(index_elements=index,
                                      set_={c: table.c[c] + stmt.excluded[c] for c in counters})
    conn.execute(stmt, rows)


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _stored_rows(conn: Connection, doc_id: str) -> tuple[list[dict], list[dict]]:
    m = conn.execute(select(mentions.c.entity_key, mentions.c.label, mentions.c.text,
                            mentions.c.canonical).where(mentions.c.doc_id == doc_id)).mappings().all()
    r = conn.execute(select(relations.c.head_key, relations.c.head_label, relations.c.head_name,
                            relations.c.tail_key, relations.c.tail_label, relations.c.tail_name)
                     .where(relations.c.doc_id == doc_id)).mappings().all()
    return [dict(x) for x in m], [dict(x) for x in r]


def _rename(conn: Connection, keys: list[str]) -> None:
    """Set each touched entity's display name from its alias counts."""
    for chunk in _chunks(keys):
        forms: dict[str, list] = {}
        for key, alias, n_m, n_c in conn.execute(
                select(aliases.c.entity_key, aliases.c.alias, aliases.c.n_mentions, aliases.c.n_canonical)
                .where(aliases.c.entity_key.in_(chunk))):
            forms.setdefault(key, []).append((alias, n_m, n_c))
        current = dict(conn.execute(select(entities.c.key, entities.c.name)
                                    .where(entities.c.key.in_(chunk))).all())
        changes = [{"k": key, "n": best_name(forms[key])} for key in sorted(current)
                   if key in forms and best_name(forms[key]) != current[key]]
        if changes:
            conn.execute(update(entities).where(entities.c.key == bindparam("k"))
                         .values(name=bindparam("n")), changes)


def export_record(conn: Connection, record: Record) -> str:
    """Write one record inside the caller's transaction: 'added', 'replaced' or 'unchanged'."""
    sha, doc_id = record_sha256(record), record.doc_id
    stored = conn.execute(select(documents.c.record_sha256)
                          .where(documents.c.doc_id == doc_id)).scalar_one_or_none()
    if stored == sha:
        return "unchanged"
    rows = rows_of(record, sha)
    delta = Delta()
    if stored is not None:
        old_mentions, old_relations = _stored_rows(conn, doc_id)
        delta.add(old_mentions, old_relations, -1)
        conn.execute(delete(relations).where(relations.c.doc_id == doc_id))
        conn.execute(delete(mentions).where(mentions.c.doc_id == doc_id))
        conn.execute(delete(documents).where(documents.c.doc_id == doc_id))
    delta.add(rows.mentions, rows.relations, +1)
    conn.execute(insert(documents), [rows.document])
    _add_counts(conn, entities, delta.entity_rows(), ["key"], ["n_documents", "n_mentions"])
    if rows.mentions:
        conn.execute(insert(mentions), rows.mentions)
    if rows.relations:
        conn.execute(insert(relations), rows.relations)
    alias_rows = delta.alias_rows()
    _add_counts(conn, aliases, alias_rows, ["entity_key", "alias"], ["n_mentions", "n_canonical"])
    touched = sorted({a["entity_key"] for a in alias_rows})
    if delta.shrinks():
        for chunk in _chunks(touched):
            conn.execute(delete(aliases).where(and_(aliases.c.entity_key.in_(chunk),
                                                    aliases.c.n_mentions <= 0,
                                                    aliases.c.n_canonical <= 0)))
        gone = sorted(k for k, n in delta.documents.items() if n < 0)
        for chunk in _chunks(gone):
            conn.execute(delete(entities).where(and_(entities.c.key.in_(chunk),
                                                     entities.c.n_documents <= 0)))
    _rename(conn, touched)
    return "added" if stored is None else "replaced"


def export_records(engine: Engine, items: Iterable[Record | RecordError], *,
                   summary: ExportSummary | None = None,
                   progress: Callable[[int], None] | None = None) -> ExportSummary:
    """Export records one transaction each. A record that fails is reported and rolled back
    alone; the database then holds exactly what it held before that record."""
    summary = summary or ExportSummary()
    started = time.monotonic()
    seen: dict[str, str] = {}
    for item in items:
        summary.read += 1
        if isinstance(item, RecordError):
            summary.failed += 1
            summary.failures.append(str(item))
        else:
            _export_one(engine, item, summary, seen)
        if progress:
            progress(1)
    summary.seconds += time.monotonic() - started
    return summary


def _export_one(engine: Engine, record: Record, summary: ExportSummary, seen: dict[str, str]) -> None:
    # Two different records under one doc_id in one export are two documents (a/report.txt and
    # b/report.txt of an older run), not a new version of one: the later one would replace the
    # earlier one's rows, so it is refused and reported; the database keeps the first.
    sha = record_sha256(record)
    previous = seen.get(record.doc_id)
    if previous is not None and previous != sha:
        summary.duplicates += 1
        summary.failed += 1
        summary.failures.append(str(DuplicateIdError(
            f"{record.doc_id} ({record.source_path}): not exported, an earlier record in this "
            f"export has the same doc_id and other content; run the pipeline again (doc_ids are "
            f"unique within a run) or export the runs one at a time")))
        return
    seen[record.doc_id] = sha
    try:
        with engine.begin() as conn:
            outcome = export_record(conn, record)
    except (IntegrityError, DataError) as err:  # this record's data: refused alone
        summary.failed += 1
        summary.failures.append(f"{record.doc_id}: not exported, the database is unchanged for it: "
                                f"{type(err).__name__}: {str(err).splitlines()[0]}")
        return
    except SQLAlchemyError as err:  # the database itself (gone, full, locked): stop here
        done = summary.added + summary.replaced + summary.unchanged
        raise ExportError(f"the database failed at record {summary.read} ({record.doc_id}): "
                          f"{str(err).splitlines()[0]}. The {done} records before it are in; "
                          f"run the same export again to go on from there") from err
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    if record.errors:
        summary.with_errors += 1
