"""Flat CSV tables for spreadsheet users: a dump of the export database, one file per table."""

import csv
from pathlib import Path

from sqlalchemy import Engine, select

from .schema import metadata

# What a spreadsheet user gets; review decisions only when the database has some.
CSV_TABLES = ("documents", "entities", "aliases", "mentions", "relations", "review_decisions")


def write_csv(engine: Engine, folder: Path) -> list[Path]:
    """Write each table to FOLDER/<table>.csv (UTF-8, header row, rows in primary-key order)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with engine.connect() as conn:
        for name in CSV_TABLES:
            table = metadata.tables[name]
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            if name == "review_decisions" and not rows:
                continue
            path = folder / f"{name}.csv"
            tmp = path.with_name(f".{path.name}.tmp")
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(table.columns.keys())
                writer.writerows(rows)
            tmp.replace(path)
            written.append(path)
    return written
