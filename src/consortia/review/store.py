"""The review store: one SQLite file that keeps every decision the moment it is made.

Each decision is one INSERT in its own transaction (WAL journal, so several reviewers or server
processes can write at once and readers never block them). Rows are never updated: the
`decisions` table is the full history, and the latest row for a relation is its current state.

Tables (schema version 2, in `PRAGMA user_version`; a version 1 store gains the
`entity_decisions` table when opened):

``decisions``: one row per decision, append-only.
    id           INTEGER PRIMARY KEY   order of decisions (later id = later decision)
    match_key    TEXT    the relation's identity across runs: JSON array
                         [doc sha256, type, folded head, folded tail] of the relation as the
                         pipeline wrote it (partner_of ends sorted); for an added relation, of
                         the relation as first added. Built by `queue.match_key`.
    item_id      TEXT    first 16 hex digits of sha256(match_key): the id the web API uses
    doc_sha256   TEXT    sha256 of the document's raw bytes
    doc_id       TEXT    the document's doc_id
    relation_id  TEXT    id of the relation in the output reviewed ("r3"); NULL for an added one
    status       TEXT    accepted | rejected | corrected | added | reset ("reset" puts the
                         relation back in the queue: as if it had no decision)
    type, head, head_label, tail, tail_label, role, date, purpose, modality
                 the relation as decided (after the correction, if any); head and tail are
                 canonical names
    relation     TEXT    that relation as JSON, in the shape of `models.Relation`
    original     TEXT    the relation as the pipeline wrote it, JSON; NULL for an added one
    reviewer     TEXT    who decided (`consortia review --reviewer`)
    decided_at   TEXT    when, ISO 8601 UTC ("2024-05-01T09:30:12.345+00:00")
    output_path  TEXT    the output file under review when the decision was made

``current_decisions`` (view): the latest row per match_key, leaving out keys whose latest
    row is "reset". A downstream reader wants
    ``SELECT * FROM current_decisions WHERE status IN ('accepted', 'corrected', 'added')``.

``entity_decisions``: one row per decision on an entity mention, append-only, like `decisions`.
    id, doc_sha256, doc_id, reviewer, decided_at, output_path   as in `decisions`
    match_key    TEXT    JSON array [doc sha256, "entity", start, end, label] of the mention as
                         the pipeline wrote it, or [doc sha256, "added", start, end, label] of one
                         a reviewer added
    entity_id    TEXT    its id in the record ("e3"), or "n" + 8 hex digits for an added one
    status       TEXT    corrected | rejected | added | reset
    entity       TEXT    the mention as decided, JSON in the shape of `models.Entity`
    original     TEXT    the mention as the pipeline wrote it, JSON; NULL for an added one

``current_entity_decisions`` (view): the latest row per match_key, "reset" left out.

``documents``: the records reviewed, so that `consortia review export` needs only the store.
    sha256 TEXT PRIMARY KEY, doc_id TEXT, record TEXT (the output line, JSON), raw TEXT (the
    raw text, when its file could be read and matched the sha256, else NULL), output_path TEXT,
    loaded_seq INTEGER (grows with each load; the latest record of a doc_id wins on export),
    loaded_at TEXT.

``outputs``: each time an output file was opened for review.
    id INTEGER PRIMARY KEY, path TEXT, opened_at TEXT, reviewer TEXT, documents INTEGER,
    relations INTEGER.
"""

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ConsortiaError

SCHEMA_VERSION = 2
DECISION_STATUSES = ("accepted", "rejected", "corrected", "added", "reset")
ENTITY_STATUSES = ("corrected", "rejected", "added", "reset")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    match_key TEXT NOT NULL,
    item_id TEXT NOT NULL,
    doc_sha256 TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    relation_id TEXT,
    status TEXT NOT NULL CHECK (status IN ({", ".join(repr(s) for s in DECISION_STATUSES)})),
    type TEXT NOT NULL,
    head TEXT NOT NULL,
    head_label TEXT NOT NULL,
    tail TEXT NOT NULL,
    tail_label TEXT NOT NULL,
    role TEXT,
    date TEXT,
    purpose TEXT,
    modality TEXT NOT NULL,
    relation TEXT NOT NULL,
    original TEXT,
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    output_path TEXT
);
CREATE INDEX IF NOT EXISTS decisions_key ON decisions (match_key, id);
CREATE INDEX IF NOT EXISTS decisions_item ON decisions (item_id, id);
CREATE INDEX IF NOT EXISTS decisions_doc ON decisions (doc_sha256);
CREATE VIEW IF NOT EXISTS current_decisions AS
    SELECT d.* FROM decisions d
    JOIN (SELECT match_key, MAX(id) AS last_id FROM decisions GROUP BY match_key) latest
      ON d.id = latest.last_id
    WHERE d.status != 'reset';
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    record TEXT NOT NULL,
    raw TEXT,
    output_path TEXT,
    loaded_seq INTEGER NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entity_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    match_key TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    doc_sha256 TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({", ".join(repr(s) for s in ENTITY_STATUSES)})),
    entity TEXT NOT NULL,
    original TEXT,
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    output_path TEXT
);
CREATE INDEX IF NOT EXISTS entity_decisions_doc ON entity_decisions (doc_sha256, id);
CREATE VIEW IF NOT EXISTS current_entity_decisions AS
    SELECT d.* FROM entity_decisions d
    JOIN (SELECT match_key, MAX(id) AS last_id FROM entity_decisions GROUP BY match_key) latest
      ON d.id = latest.last_id
    WHERE d.status != 'reset';
CREATE TABLE IF NOT EXISTS outputs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    documents INTEGER NOT NULL,
    relations INTEGER NOT NULL
);
"""


class StoreError(ConsortiaError):
    """The review store cannot be opened or is not a review store."""

    code = "C040"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class DecisionRow:
    id: int
    match_key: str
    item_id: str
    doc_sha256: str
    doc_id: str
    relation_id: str | None
    status: str
    relation: dict
    original: dict | None
    reviewer: str
    decided_at: str
    output_path: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "DecisionRow":
        return cls(id=row["id"], match_key=row["match_key"], item_id=row["item_id"],
                   doc_sha256=row["doc_sha256"], doc_id=row["doc_id"],
                   relation_id=row["relation_id"], status=row["status"],
                   relation=json.loads(row["relation"]),
                   original=json.loads(row["original"]) if row["original"] else None,
                   reviewer=row["reviewer"], decided_at=row["decided_at"],
                   output_path=row["output_path"])


@dataclass(frozen=True)
class EntityDecisionRow:
    id: int
    match_key: str
    entity_id: str
    doc_sha256: str
    doc_id: str
    status: str
    entity: dict
    original: dict | None
    reviewer: str
    decided_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "EntityDecisionRow":
        return cls(id=row["id"], match_key=row["match_key"], entity_id=row["entity_id"],
                   doc_sha256=row["doc_sha256"], doc_id=row["doc_id"], status=row["status"],
                   entity=json.loads(row["entity"]),
                   original=json.loads(row["original"]) if row["original"] else None,
                   reviewer=row["reviewer"], decided_at=row["decided_at"])


@dataclass(frozen=True)
class StoredDocument:
    sha256: str
    doc_id: str
    record: dict
    raw: str | None


class Store:
    """The SQLite file. Each method opens its own connection, so one Store serves any thread."""

    def __init__(self, path: Path | str, *, clock: Callable[[], str] = utc_now, readonly: bool = False):
        self.path = Path(path)
        self.clock = clock
        self.readonly = readonly
        if self.path.parent and not self.path.parent.exists():
            raise StoreError(f"folder {self.path.parent} for the review store does not exist")
        if readonly:  # for readers (export): the file is neither created nor upgraded
            if not self.path.is_file():
                raise StoreError(f"review store {self.path} does not exist")
            try:
                with self._connect() as conn:
                    version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.DatabaseError as err:
                raise StoreError(f"{self.path} cannot be read as a review store: {err}") from err
            if version not in (1, SCHEMA_VERSION):
                raise StoreError(f"{self.path} has review store schema {version}; this "
                                 f"version of consortia reads schema {SCHEMA_VERSION}")
            return
        try:
            with self._connect() as conn:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version not in (0, 1, SCHEMA_VERSION):  # 1: gains entity_decisions below
                    raise StoreError(f"{self.path} has review store schema {version}; this "
                                     f"version of consortia reads schema {SCHEMA_VERSION}")
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path} cannot be used as a review store: {err}") from err

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: we issue BEGIN ourselves, so one decision is one transaction.
        if self.readonly:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                   isolation_level=None)
        else:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=30000")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # documents

    def load_output(self, output_path: str, documents: Iterable[StoredDocument], *,
                    reviewer: str) -> int:
        """Keep the records of an output being opened; returns how many were stored."""
        now = self.clock()
        docs = list(documents)
        with self._transaction() as conn:
            seq = conn.execute("SELECT COALESCE(MAX(loaded_seq), 0) FROM documents").fetchone()[0]
            for n, doc in enumerate(docs, start=seq + 1):
                conn.execute(
                    "INSERT INTO documents (sha256, doc_id, record, raw, output_path, loaded_seq, loaded_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET"
                    " doc_id=excluded.doc_id, record=excluded.record,"
                    " raw=COALESCE(excluded.raw, documents.raw), output_path=excluded.output_path,"
                    " loaded_seq=excluded.loaded_seq, loaded_at=excluded.loaded_at",
                    (doc.sha256, doc.doc_id, json.dumps(doc.record, ensure_ascii=False), doc.raw,
                     output_path, n, now))
            conn.execute("INSERT INTO outputs (path, opened_at, reviewer, documents, relations)"
                         " VALUES (?, ?, ?, ?, ?)",
                         (output_path, now, reviewer, len(docs),
                          sum(len(d.record.get("relations", [])) for d in docs)))
        return len(docs)

    def documents(self) -> list[StoredDocument]:
        """The latest stored record of each doc_id, ordered by doc_id."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT d.* FROM documents d JOIN (SELECT doc_id, MAX(loaded_seq) AS seq"
                " FROM documents GROUP BY doc_id) latest"
                " ON d.doc_id = latest.doc_id AND d.loaded_seq = latest.seq ORDER BY d.doc_id").fetchall()
        return [StoredDocument(sha256=r["sha256"], doc_id=r["doc_id"],
                               record=json.loads(r["record"]), raw=r["raw"]) for r in rows]

    # decisions

    def decide(self, *, match_key: str, item_id: str, doc_sha256: str, doc_id: str,
               relation_id: str | None, status: str, relation: dict, original: dict | None,
               reviewer: str, output_path: str | None) -> DecisionRow:
        """Store one decision in its own transaction and return it as stored."""
        return self.decide_many([dict(match_key=match_key, item_id=item_id, doc_sha256=doc_sha256,
                                      doc_id=doc_id, relation_id=relation_id, status=status,
                                      relation=relation, original=original, reviewer=reviewer,
                                      output_path=output_path)])[0]

    def decide_many(self, decisions: list[dict]) -> list[DecisionRow]:
        """Store several decisions (keyword arguments of `decide`) in one transaction: all or
        none ("accept all in this sentence")."""
        for d in decisions:
            if d["status"] not in DECISION_STATUSES:
                raise ValueError(f"status {d['status']!r} is not one of {DECISION_STATUSES}")
        ids = []
        with self._transaction() as conn:
            for d in decisions:
                ids.append(self._insert_decision(conn, **d))
            rows = [conn.execute("SELECT * FROM decisions WHERE id = ?", (i,)).fetchone() for i in ids]
        return [DecisionRow.from_row(r) for r in rows]

    def _insert_decision(self, conn: sqlite3.Connection, *, match_key: str, item_id: str,
                         doc_sha256: str, doc_id: str, relation_id: str | None, status: str,
                         relation: dict, original: dict | None, reviewer: str,
                         output_path: str | None) -> int:
        head, tail = relation["head"], relation["tail"]
        cur = conn.execute(
            "INSERT INTO decisions (match_key, item_id, doc_sha256, doc_id, relation_id, status,"
            " type, head, head_label, tail, tail_label, role, date, purpose, modality,"
            " relation, original, reviewer, decided_at, output_path)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (match_key, item_id, doc_sha256, doc_id, relation_id, status,
             relation["type"], head["canonical"], head["label"], tail["canonical"], tail["label"],
             relation.get("role"), relation.get("date"), relation.get("purpose"),
             relation.get("modality", "asserted"),
             json.dumps(relation, ensure_ascii=False),
             json.dumps(original, ensure_ascii=False) if original is not None else None,
             reviewer, self.clock(), output_path))
        return cur.lastrowid

    def since(self, last_id: int) -> list[DecisionRow]:
        """Decisions after `last_id`, oldest first: how a session keeps up with other writers."""
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM decisions WHERE id > ? ORDER BY id", (last_id,)).fetchall()
        return [DecisionRow.from_row(r) for r in rows]

    def current(self, doc_sha256s: Iterable[str] | None = None) -> dict[str, DecisionRow]:
        """The current decision per match_key ("reset" ones left out), for some documents or all."""
        with self._connect() as conn:
            if doc_sha256s is None:
                rows = conn.execute("SELECT * FROM current_decisions ORDER BY id").fetchall()
            else:
                shas = sorted(set(doc_sha256s))
                rows = []
                for i in range(0, len(shas), 500):  # stay under SQLite's variable limit
                    chunk = shas[i:i + 500]
                    rows += conn.execute(
                        f"SELECT * FROM current_decisions WHERE doc_sha256 IN ({','.join('?' * len(chunk))})"
                        " ORDER BY id", chunk).fetchall()
        return {r["match_key"]: DecisionRow.from_row(r) for r in rows}

    def latest_for_item(self, item_id: str) -> DecisionRow | None:
        """The latest row for an item id, "reset" included (None when never decided)."""
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM decisions WHERE item_id = ? ORDER BY id DESC LIMIT 1",
                               (item_id,)).fetchone()
        return DecisionRow.from_row(row) if row else None

    def history(self, item_id: str) -> list[DecisionRow]:
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM decisions WHERE item_id = ? ORDER BY id",
                                (item_id,)).fetchall()
        return [DecisionRow.from_row(r) for r in rows]

    # entity decisions

    def decide_entity(self, *, match_key: str, entity_id: str, doc_sha256: str, doc_id: str,
                      status: str, entity: dict, original: dict | None, reviewer: str,
                      output_path: str | None) -> EntityDecisionRow:
        if status not in ENTITY_STATUSES:
            raise ValueError(f"status {status!r} is not one of {ENTITY_STATUSES}")
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT INTO entity_decisions (match_key, entity_id, doc_sha256, doc_id, status, entity,"
                " original, reviewer, decided_at, output_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (match_key, entity_id, doc_sha256, doc_id, status, json.dumps(entity, ensure_ascii=False),
                 json.dumps(original, ensure_ascii=False) if original is not None else None,
                 reviewer, self.clock(), output_path))
            row = conn.execute("SELECT * FROM entity_decisions WHERE id = ?", (cur.lastrowid,)).fetchone()
        return EntityDecisionRow.from_row(row)

    def current_entities(self, doc_sha256: str | None = None) -> dict[str, EntityDecisionRow]:
        """The current decision per mention ("reset" left out), for one document or all."""
        with self._connect() as conn:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'current_entity_decisions'").fetchone():
                return {}  # a schema 1 store opened read-only: no entity decisions yet
            if doc_sha256 is None:
                rows = conn.execute("SELECT * FROM current_entity_decisions ORDER BY id").fetchall()
            else:
                rows = conn.execute("SELECT * FROM current_entity_decisions WHERE doc_sha256 = ?"
                                    " ORDER BY id", (doc_sha256,)).fetchall()
        return {r["match_key"]: EntityDecisionRow.from_row(r) for r in rows}

    def count(self) -> int:
        with self._connect() as conn:
            return conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
