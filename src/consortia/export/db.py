"""Connecting to the export database and making sure its tables are ours and current."""

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from .load import ExportError
from .schema import ADDED_IN_2, SCHEMA_VERSION, VIEWS, consortia_meta, metadata

DEFAULT_URL = "sqlite:///outputs/consortia.db"
SUPPORTED = ("sqlite", "postgresql")


def open_database(url: str, **engine_options) -> Engine:
    """An engine for `url`, checked and with the tables created. Raises ExportError with what to
    fix when the URL is wrong, the server does not answer or the tables are not ours."""
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise ExportError(f"{url!r} is not a database URL; use e.g. {DEFAULT_URL} or "
                          f"postgresql+psycopg://user@host:5432/dbname") from err
    if parsed.get_backend_name() not in SUPPORTED:
        raise ExportError(f"database {parsed.get_backend_name()!r} is not supported: use SQLite "
                          f"(sqlite:///path.db) or PostgreSQL (postgresql+psycopg://...)")
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            raise ExportError(f"folder {folder} for the SQLite database does not exist; create it "
                              f"or choose another path")
    try:
        engine = create_engine(parsed, **engine_options)
    except (ArgumentError, ImportError) as err:
        raise ExportError(f"cannot use {parsed.render_as_string(hide_password=True)}: {err}") from err
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    try:
        prepare(engine)
    except SQLAlchemyError as err:
        engine.dispose()
        raise ExportError(f"cannot open {parsed.render_as_string(hide_password=True)}: "
                          f"{str(err).splitlines()[0]}") from err
    return engine


def _sqlite_setup(engine: Engine) -> None:
    """Foreign keys on; WAL so that a commit per document is cheap (atomicity is unchanged, a
    power cut may lose the last commits, never half of one); and BEGIN IMMEDIATE so that a
    document's read-then-write happens under the write lock (pysqlite's own transaction
    handling would begin only at the first write)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def prepare(engine: Engine) -> None:
    """Create the tables if the database has none of them, upgrade version 1 in place (review
    columns, views), refuse foreign or other ones."""
    existing = set(inspect(engine).get_table_names())
    ours = set(metadata.tables)
    if consortia_meta.name not in existing and existing & ours:
        raise ExportError(f"the database already has table(s) {sorted(existing & ours)} that "
                          f"consortia did not create; export to another database or schema")
    metadata.create_all(engine)
    with engine.begin() as conn:
        version = conn.execute(select(consortia_meta.c.value)
                               .where(consortia_meta.c.name == "schema_version")).scalar_one_or_none()
        if version is None:
            conn.execute(consortia_meta.insert(), [{"name": "schema_version", "value": SCHEMA_VERSION}])
        elif version == "1":
            _upgrade_from_1(conn)
        elif version != SCHEMA_VERSION:
            raise ExportError(f"the database has export schema version {version}, this consortia "
                              f"writes version {SCHEMA_VERSION}; export to a new database")
        existing_views = set(inspect(conn).get_view_names())
        for name, query in VIEWS.items():
            if name not in existing_views:
                conn.execute(text(f"CREATE VIEW {name} AS {query}"))  # our own constant SQL


def _upgrade_from_1(conn) -> None:
    """Version 1 had no review columns: add them (every row pending) and say version 2."""
    for table, columns in ADDED_IN_2.items():
        for name in columns:
            column = metadata.tables[table].c[name]
            kind = column.type.compile(dialect=conn.dialect)
            default = " NOT NULL DEFAULT 'pending'" if name == "review_status" else ""
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {kind}{default}"))  # constants
    conn.execute(update(consortia_meta).where(consortia_meta.c.name == "schema_version")
                 .values(value=SCHEMA_VERSION))
