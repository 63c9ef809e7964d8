"""`consortia export`: the command line, thin; the work is in load, review and flat."""

import sys
from pathlib import Path

import click

from ..cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, CannotStart
from ..errors import ConsortiaError
from ..terminal import safe


@click.command("export")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", "url", default=None, metavar="URL",
              help="SQLAlchemy database URL [default: sqlite:///outputs/consortia.db]. "
                   "PostgreSQL: postgresql+psycopg://user@host:5432/dbname.")
@click.option("--format", "fmt", type=click.Choice(["db", "csv"]), default="db", show_default=True,
              help="db: into the database. csv: flat tables in the -o folder, from the --db database "
                   "when one is given, else from the inputs alone.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the CSV files (with --format csv).")
@click.option("--review-store", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A review store (SQLite): its decisions reach the rows (review_status, "
                                 "corrections, added relations and entities); without inputs, "
                                 "the records it keeps are exported.")
def export_command(inputs, url, fmt, output, review_store):
    """Load runs (JSONL from `consortia run`) into a database as an organisation graph.

    Tables: documents, entities (one per cross-document key such as org:xiamen-cancer-hospital),
    aliases, mentions, relations, review_decisions; views reviewed_relations and
    reviewed_mentions (rejected ones left out). One transaction per document: exporting the
    same output again changes nothing, a re-processed document replaces its old rows, and an
    interrupted export leaves each document either fully in or as it was. Reviewed JSONL
    (`consortia review export --format jsonl`) is read like any output.

    \b
    Example:
      consortia export outputs/corpus.jsonl
      consortia export outputs/corpus.jsonl --db postgresql+psycopg://postgres@127.0.0.1:5432/news
      consortia export outputs/corpus.jsonl --format csv -o outputs/tables
      consortia export outputs/corpus.jsonl --review-store outputs/review.sqlite
    """
    from .db import DEFAULT_URL, open_database
    from .flat import write_csv
    from .load import ExportSummary, export_records, read_records
    from .review import import_store, with_review

    if fmt == "csv" and output is None:
        raise click.UsageError("--format csv needs -o FOLDER")
    if fmt == "db" and output is not None:
        raise click.UsageError("-o is for --format csv; the database is given by --db")
    if not inputs and review_store is None and not (fmt == "csv" and url):
        raise click.UsageError("nothing to export: give JSONL files and/or --review-store")
    if url is None:
        url = "sqlite://" if fmt == "csv" else DEFAULT_URL  # csv alone: a database in memory
    summary = ExportSummary()
    try:
        engine = open_database(url)
        try:
            records = read_records(inputs)
            if review_store is not None:
                records = with_review(records, review_store)
            if (inputs or review_store) and sys.stderr.isatty():
                with click.progressbar(length=0, label="records", file=sys.stderr) as bar:
                    export_records(engine, records, summary=summary, progress=bar.update)
            else:
                export_records(engine, records, summary=summary)
            if review_store is not None:
                summary.decisions = import_store(engine, review_store)
            if fmt == "csv":
                written = write_csv(engine, output)
                click.echo(f"wrote {', '.join(p.name for p in written)} to {output}", err=True)
        finally:
            engine.dispose()
    except ConsortiaError as err:
        raise CannotStart(str(err)) from err
    except OSError as err:  # an input vanished or the CSV folder is not writable
        raise CannotStart(f"{err.filename or ''}: {err.strerror or err}") from err
    for failure in summary.failures[:20]:
        click.echo(safe(f"error: {failure}"), err=True)  # paths and ids from the data: escaped
    click.echo(summary.line(), err=True)
    sys.exit(EXIT_DOCUMENTS_FAILED if summary.failed else EXIT_OK)
