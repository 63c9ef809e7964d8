"""Export runs into a database as an organisation graph (SQLite by default, PostgreSQL).

    schema    the tables, declared once
    load      records to rows, one transaction per document, cross-document counters
    db        connecting, creating and checking the tables
    review    decisions from a review store
    flat      CSV files for spreadsheets
    commands  `consortia export`
"""

from .commands import export_command

__all__ = ["export_command"]
