"""The database schema of an export, declared once here (never inferred from the data).

Natural keys everywhere (doc_id, entity key, the record's own entity and relation ids), so the
contents of the database are a function of the records exported, whatever their order, and
exporting the same records again writes the same rows. Dates stay ISO strings at the precision
the text gave ("2018", "2018-07", "2018-07-26", "XXXX-12-29"), which sort and compare as text in
both SQLite and PostgreSQL; `relations.year` is the year as a number for range queries.
"""

from sqlalchemy import (Boolean, Column, Double, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, text)

# Bump when a table changes; a database made by another version is refused, not half-written
# (version 1 is upgraded in place: `db.prepare` adds the review columns and the view).
SCHEMA_VERSION = "2"
REVIEW_STATUS_COMMENT = ("pending (not reviewed), accepted, rejected (kept for history), "
                         "corrected (the row holds the corrected values), added (by a reviewer)")

metadata = MetaData()

consortia_meta = Table(
    "consortia_meta", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("doc_id", Text, primary_key=True),
    Column("sha256", String(64), nullable=False, comment="of the raw bytes ('' when unreadable)"),
    Column("status", String(8), nullable=False,
           comment="ok (no errors), partial (errors, some extraction), failed (errors, none)"),
    Column("title", Text),
    Column("published", String(10), comment="YYYY-MM-DD"),
    Column("source", Text),
    Column("source_path", Text, nullable=False),
    Column("duplicate_paths", Text, nullable=False, comment="JSON array"),
    Column("encoding", String(64)),
    Column("language", String(16)),
    Column("pipeline_version", String(32), nullable=False),
    Column("pipeline_config", Text, nullable=False),
    Column("config_sha256", String(64), nullable=False),
    Column("model", Text, nullable=False),
    Column("n_entities", Integer, nullable=False),
    Column("n_relations", Integer, nullable=False),
    Column("n_errors", Integer, nullable=False),
    Column("errors", Text, nullable=False, comment="JSON array of messages"),
    Column("record_sha256", String(64), nullable=False,
           comment="sha256 of the exported record: an unchanged record is skipped"),
)

entities = Table(
    "entities", metadata,
    Column("key", Text, primary_key=True, comment="consortia.names.entity_key(label, canonical)"),
    Column("label", String(8), nullable=False),
    Column("name", Text, nullable=False, comment="the canonical name used most often"),
    Column("n_documents", Integer, nullable=False, comment="documents that mention it or relate it"),
    Column("n_mentions", Integer, nullable=False),
)

aliases = Table(
    "aliases", metadata,
    Column("entity_key", Text, ForeignKey("entities.key"), primary_key=True),
    Column("alias", Text, primary_key=True, comment="a surface form, white space collapsed"),
    Column("n_mentions", Integer, nullable=False, comment="mentions written this way"),
    Column("n_canonical", Integer, nullable=False,
           comment="mentions and relation ends whose canonical name is this form"),
)

mentions = Table(
    "mentions", metadata,
    Column("doc_id", Text, ForeignKey("documents.doc_id"), primary_key=True),
    Column("entity_id", String(32), primary_key=True, comment="the record's id: e1, e2, ..."),
    Column("entity_key", Text, ForeignKey("entities.key"), nullable=False),
    Column("label", String(8), nullable=False),
    Column("text", Text, nullable=False, comment="raw[start_char:end_char]"),
    Column("start_char", Integer, nullable=False, comment="offset in the RAW text"),
    Column("end_char", Integer, nullable=False),
    Column("canonical", Text, nullable=False),
    Column("value", String(32), comment="DATE: ISO value"),
    Column("mod", String(8), comment="DATE: START, MID, END, APPROX"),
    Column("amount", Double, comment="MONEY"),
    Column("currency", String(3), comment="MONEY: ISO 4217"),
    Column("review_status", String(16), nullable=False, server_default=text("'pending'"),
           comment=REVIEW_STATUS_COMMENT),
    Index("ix_mentions_entity_key", "entity_key"),
)

relations = Table(
    "relations", metadata,
    Column("doc_id", Text, ForeignKey("documents.doc_id"), primary_key=True),
    Column("rel_id", String(32), primary_key=True, comment="the record's id: r1, r2, ..."),
    Column("type", String(32), nullable=False),
    Column("head_key", Text, ForeignKey("entities.key"), nullable=False),
    Column("head_label", String(8), nullable=False),
    Column("head_name", Text, nullable=False, comment="the canonical name in this relation"),
    Column("head_entity", String(32), comment="the mention's entity_id, null when part of a longer name"),
    Column("tail_key", Text, ForeignKey("entities.key"), nullable=False),
    Column("tail_label", String(8), nullable=False),
    Column("tail_name", Text, nullable=False),
    Column("tail_entity", String(32)),
    Column("role", Text),
    Column("date", String(32), comment="ISO value at the written precision"),
    Column("year", Integer, comment="the year of `date` as a number, null when unknown"),
    Column("purpose", Text),
    Column("modality", String(16), nullable=False),
    Column("confidence", Double, nullable=False),
    Column("rule", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("amount", Double, comment="invested: the MONEY tail's amount"),
    Column("currency", String(3), comment="invested: the MONEY tail's currency"),
    Column("review_status", String(16), nullable=False, server_default=text("'pending'"),
           comment=REVIEW_STATUS_COMMENT),
    Column("reviewer", Text),
    Column("decided_at", String(40)),
    Column("original", Text, comment="corrected: JSON of the relation as extracted"),
    Index("ix_relations_type", "type"),
    Index("ix_relations_head_key", "head_key"),
    Index("ix_relations_tail_key", "tail_key"),
)

review_decisions = Table(
    "review_decisions", metadata,
    Column("store", Text, primary_key=True, comment="the review store's file name"),
    Column("decision_id", Integer, primary_key=True, autoincrement=False,
           comment="the store's id: later is later"),
    Column("doc_id", Text, nullable=False),
    Column("doc_sha256", String(64), nullable=False),
    Column("rel_id", String(32), comment="the relation's id in the reviewed output; null when added"),
    Column("status", String(16), nullable=False,
           comment="accepted, rejected, corrected, added, reset (as the review store says)"),
    Column("reviewer", Text),
    Column("decided_at", String(40)),
    Column("current", Boolean, nullable=False,
           comment="the latest decision on this relation in this store, and not a reset"),
    Column("match_key", Text, comment="the review tool's identity of the relation across runs"),
    Column("type", String(32), comment="the relation reviewed: as extracted, or as added"),
    Column("head_key", Text),
    Column("tail_key", Text),
    Column("new_type", String(32), comment="the relation as decided; null when rejected or reset"),
    Column("new_head_key", Text),
    Column("new_tail_key", Text),
    Column("new_role", Text),
    Column("new_date", String(32)),
    Column("relation", Text, comment="JSON of the relation as decided"),
    Column("original", Text, comment="JSON of the relation as extracted; null when added"),
    Index("ix_review_decisions_relation", "doc_id", "type", "head_key", "tail_key"),
)

# Relations as review leaves them: rejected ones out, corrected ones with their corrections,
# added ones in, pending ones (not reviewed yet) in. The README's questions read this view.
VIEWS = {
    "reviewed_relations": "SELECT * FROM relations WHERE review_status <> 'rejected'",
    "reviewed_mentions": "SELECT * FROM mentions WHERE review_status <> 'rejected'",
}
# Columns added since schema version 1, for the upgrade in place.
ADDED_IN_2 = {"mentions": ["review_status"], "relations": ["review_status", "reviewer", "decided_at", "original"]}

TABLES = ("documents", "entities", "aliases", "mentions", "relations", "review_decisions")
