"""Review decisions from a review store (`consortia review --store`, SQLite) into the database.

The decisions reach the rows themselves: `with_review` gives each record the store's decisions
as `review` fields (the contract of `consortia review export --format jsonl`), so its relations
and mentions are written with their `review_status` and corrections, added ones included.
Besides, every decision is kept as history in `review_decisions`:

The store's `decisions` table is read by column name, through the minimal set below; its other
columns and tables are ignored, so the review tool can grow without breaking the export.

    id           INTEGER, the order of decisions (later id = later decision)   required
    doc_id       the reviewed document                                         required
    doc_sha256   sha256 of that document's raw bytes                           required
    status       accepted | rejected | corrected | added | reset               required
    relation     JSON of the relation as decided (a models.Relation)           required
    original     JSON of the relation as extracted; null for an added one      optional
    relation_id  its id in the reviewed output ("r3"); null for an added one   optional
    match_key    the relation's identity across runs (review/queue.py)         optional
    reviewer, decided_at                                                        optional

Every decision becomes a row of `review_decisions` (the history); `current` marks the latest
decision per relation (per `match_key`, else per document, type and ends), unless that latest
one is a "reset". The relation reviewed (`type`, `head_key`, `tail_key`: the original, or the
added relation) joins `relations` on (doc_id, type, head_key, tail_key). Importing a store
replaces that store's rows in one transaction, so importing it again changes nothing.
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Engine, delete, insert

from ..names import entity_key
from .load import ExportError, RecordError, storable
from .schema import review_decisions

def with_review(items: Iterable, path: Path) -> Iterator:
    """The records (RecordError items pass through) with the decisions of the store at `path`
    applied; with no items, the store's own records. Raises ExportError on a bad store."""
    from ..review.exports import reviewed_records
    from ..review.store import Store, StoreError

    if not _is_review_tool_store(path):  # a minimal store of decisions only: history alone
        yield from items
        return
    try:
        store = Store(path, readonly=True)
    except StoreError as err:
        raise ExportError(str(err)) from err
    errors: list[RecordError] = []
    given = False

    def records():
        nonlocal given
        for item in items:
            given = True
            if isinstance(item, RecordError):
                errors.append(item)
            else:
                yield item

    stream = reviewed_records(store, records())
    first = next(stream, None)
    if not given:  # no inputs: the records the store keeps
        stream = reviewed_records(store)
        first = next(stream, None)
    if first is not None:
        yield from errors
        errors.clear()
        yield first
    for record in stream:
        yield from errors
        errors.clear()
        yield record
    yield from errors


def _is_review_tool_store(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            has_documents = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return version >= 1 and has_documents is not None


REQUIRED = ("id", "doc_id", "doc_sha256", "status", "relation")
OPTIONAL = ("original", "relation_id", "match_key", "reviewer", "decided_at")
STATUSES = ("accepted", "rejected", "corrected", "added", "reset")
KEEPS_RELATION = ("accepted", "corrected", "added")  # the relation as decided is a fact


def read_store(path: Path) -> list[dict]:
    """The decisions of a store as dicts with the columns above (missing optional ones None)."""
    if not path.is_file():
        raise ExportError(f"review store {path} does not exist")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise ExportError(f"cannot open review store {path}: {err}") from err
    try:
        columns = [row[1] for row in con.execute("PRAGMA table_info(decisions)")]
        if not columns:
            raise ExportError(f"review store {path} has no `decisions` table; is it a store "
                              f"written by `consortia review`?")
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ExportError(f"review store {path}: table `decisions` lacks column(s) {missing}")
        wanted = [c for c in (*REQUIRED, *OPTIONAL) if c in columns]
        con.row_factory = sqlite3.Row
        rows = con.execute(f"SELECT {', '.join(wanted)} FROM decisions ORDER BY id").fetchall()  # names checked above
    except sqlite3.DatabaseError as err:
        raise ExportError(f"cannot read review store {path}: {err}") from err
    finally:
        con.close()
    return [{c: (row[c] if c in wanted else None) for c in (*REQUIRED, *OPTIONAL)} for row in rows]


def decision_rows(store: str, decisions: list[dict]) -> list[dict]:
    """Rows of `review_decisions` for one store (pure). Raises ExportError on a bad decision."""
    out = []
    latest: dict[str, dict] = {}
    for d in sorted(decisions, key=lambda d: _order(store, d)):
        if d["status"] not in STATUSES:
            raise ExportError(f"review store {store}: decision {d['id']} has status "
                              f"{d['status']!r}, expected one of {list(STATUSES)}")
        decided, original = _json(store, d, "relation"), _json(store, d, "original")
        if decided is None:
            raise ExportError(f"review store {store}: decision {d['id']} has no `relation`")
        reviewed = _ends(original or decided)
        new = _ends(decided) if d["status"] in KEEPS_RELATION else (None, None, None)
        row = {
            "store": store, "decision_id": _order(store, d), "doc_id": d["doc_id"],
            "doc_sha256": d["doc_sha256"], "rel_id": d["relation_id"], "status": d["status"],
            "reviewer": d["reviewer"], "decided_at": d["decided_at"], "current": False,
            "match_key": d["match_key"],
            "type": reviewed[0], "head_key": reviewed[1], "tail_key": reviewed[2],
            "new_type": new[0], "new_head_key": new[1], "new_tail_key": new[2],
            "new_role": decided.get("role") if new[0] else None,
            "new_date": decided.get("date") if new[0] else None,
            "relation": _dump(decided), "original": _dump(original),
        }
        out.append(row)
        latest[d["match_key"] or json.dumps([d["doc_sha256"], *reviewed])] = row
    for row in latest.values():
        row["current"] = row["status"] != "reset"
    return [storable(r) for r in out]


def import_store(engine: Engine, path: Path) -> int:
    """Replace the rows of this store in `review_decisions` in one transaction; return how many."""
    store = path.name
    rows = decision_rows(store, read_store(path))
    with engine.begin() as conn:
        conn.execute(delete(review_decisions).where(review_decisions.c.store == store))
        if rows:
            conn.execute(insert(review_decisions), rows)
    return len(rows)


def _json(store: str, d: dict, column: str) -> dict | None:
    value = d[column]
    if value is None or value == "":
        return None
    try:
        data = json.loads(value)
    except (TypeError, json.JSONDecodeError) as err:
        raise ExportError(f"review store {store}: decision {d['id']}: `{column}` is not JSON: {err}") from err
    if not isinstance(data, dict):
        raise ExportError(f"review store {store}: decision {d['id']}: `{column}` is not a JSON object")
    return data


def _ends(rel: dict) -> tuple[str | None, str | None, str | None]:
    def key(end):
        if not isinstance(end, dict) or not end.get("canonical") or not end.get("label"):
            return None
        return entity_key(end["label"], end["canonical"])

    return rel.get("type"), key(rel.get("head")), key(rel.get("tail"))


def _dump(rel: dict | None) -> str | None:
    return None if rel is None else json.dumps(rel, ensure_ascii=False, sort_keys=True)


def _order(store: str, d: dict) -> int:
    try:
        return int(d["id"])
    except (TypeError, ValueError) as err:
        raise ExportError(f"review store {store}: decision id {d['id']!r} is not an integer") from err
