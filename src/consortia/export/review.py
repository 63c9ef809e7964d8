"""Review decisions from a review store (SQLite) into the export database.

The store is read by column name, through the minimal set below; other columns and tables are
ignored, so the review tool can grow without breaking the export.

    table `decisions`, one row per decision:
      id           decision id, unique in the store                          required
      doc_id       the reviewed document                                     required
      doc_sha256   sha256 of that document's raw bytes                       required
      action       accept | reject | correct | add                           required
      relation_id  the relation's id in the reviewed output (null for add)   optional
      reviewer     who decided                                               optional
      decided_at   when (ISO 8601)                                           optional
      original     JSON of the relation as extracted (a models.Relation)     optional
      relation     JSON of the relation after the decision (correct, add)    optional

A decision is linked to relations by (doc_id, type, head_key, tail_key) of the original
relation, the way the review tool matches decisions across re-runs (document sha256, type and
ends); `current` marks the latest decision on each such relation. Importing a store replaces
that store's rows in one transaction, so importing it again changes nothing.
"""

import json
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, delete, insert

from ..names import entity_key
from .load import ExportError, storable
from .schema import review_decisions

REQUIRED = ("id", "doc_id", "doc_sha256", "action")
OPTIONAL = ("relation_id", "reviewer", "decided_at", "original", "relation")
ACTIONS = ("accept", "reject", "correct", "add")


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
        rows = con.execute(f"SELECT {', '.join(wanted)} FROM decisions").fetchall()  # names checked above
    except sqlite3.DatabaseError as err:
        raise ExportError(f"cannot read review store {path}: {err}") from err
    finally:
        con.close()
    return [{c: (row[c] if c in wanted else None) for c in (*REQUIRED, *OPTIONAL)} for row in rows]


def decision_rows(store: str, decisions: list[dict]) -> list[dict]:
    """Rows of `review_decisions` for one store (pure). Raises ExportError on a bad decision."""
    out = []
    for d in decisions:
        if d["action"] not in ACTIONS:
            raise ExportError(f"review store {store}: decision {d['id']} has action "
                              f"{d['action']!r}, expected one of {list(ACTIONS)}")
        original, after = _json(store, d, "original"), _json(store, d, "relation")
        if d["action"] == "reject":
            after = None
        elif d["action"] == "accept" and after is None:
            after = original
        ends = _ends(original) if original else (None, None, None)
        new = _ends(after) if after else (None, None, None)
        out.append({
            "store": store, "decision_id": str(d["id"]), "doc_id": d["doc_id"],
            "doc_sha256": d["doc_sha256"], "rel_id": d["relation_id"], "action": d["action"],
            "reviewer": d["reviewer"], "decided_at": d["decided_at"], "current": False,
            "type": ends[0], "head_key": ends[1], "tail_key": ends[2],
            "new_type": new[0], "new_head_key": new[1], "new_tail_key": new[2],
            "new_role": (after or {}).get("role"), "new_date": (after or {}).get("date"),
            "original": _dump(original), "corrected": _dump(after),
        })
    latest: dict[tuple, dict] = {}
    for row in sorted(out, key=lambda r: (r["decided_at"] or "", _id_order(r["decision_id"]))):
        ident = (row["doc_sha256"], row["type"] or row["new_type"], row["head_key"] or row["new_head_key"],
                 row["tail_key"] or row["new_tail_key"])
        latest[ident] = row
    for row in latest.values():
        row["current"] = True
    return [storable(r) for r in sorted(out, key=lambda r: _id_order(r["decision_id"]))]


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
        data = json.loads(value) if isinstance(value, str | bytes) else value
    except json.JSONDecodeError as err:
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


def _id_order(decision_id: str) -> tuple:
    return (0, int(decision_id), "") if decision_id.isdigit() else (1, 0, decision_id)
