"""The command line: one click group; each command is thin and delegates to a plain function.

Exit codes: 0 all good; 1 some documents failed (their records say why); 2 the command could
not start (bad arguments, unreadable config, output not writable).
"""

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ConsortiaError
from .terminal import install_log_handler, safe

EXIT_OK, EXIT_DOCUMENTS_FAILED, EXIT_CANNOT_START = 0, 1, 2


class CannotStart(click.ClickException):
    """A run that could not start: exit status 2. The message names paths: printed escaped."""

    exit_code = EXIT_CANNOT_START

    def format_message(self) -> str:
        return safe(self.message)


def echo_err(message: str) -> None:
    """One line on stderr about the data (paths, messages): escaped, so it stays one line."""
    click.echo(safe(message), err=True)


def config_option(f):
    return click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help="Pipeline config (default: pipelines/default.cfg).")(f)


class LazyGroup(click.Group):
    """Commands that live in their own module (review, export) are imported only when used, so
    that `consortia run` does not pay for a web framework or a database driver."""

    lazy = {"review": "consortia.review.commands:review",
            "export": "consortia.export:export_command"}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name].split(":")
            try:
                self.add_command(getattr(importlib.import_module(module), attr), name)
            except ModuleNotFoundError as err:
                if not err.name or not err.name.startswith("consortia"):
                    raise
                return None  # not built yet
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consortia")
def cli():
    """Turn English news about healthcare institutions into structured, reviewable facts.

    \b
    Example:
      consortia run corpus/raw -o outputs/corpus.jsonl
      consortia eval outputs/corpus.jsonl --gold corpus/gold
    """
    install_log_handler()


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="JSONL file to write, one record per input document.")
@config_option
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Leave out relations below this confidence (overrides the config).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that run the pipeline in parallel (each loads the model once).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=None,
              help="Documents per batch (overrides the config).")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted run: keep OUTPUT's records that match their file "
                   "(sha256) and this config, redo the rest in place.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run here, or on a Dask cluster (needs --scheduler).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option("--strict", is_flag=True,
              help="Refuse to run when input folders hold files it does not read (.pdf, ...).")
def run(inputs, output, config_path, min_confidence, workers, batch_size, resume, engine, scheduler,
        strict):
    """Run the pipeline over files, folders or `-` (paths on stdin).

    It reads text files (.txt), saved web pages (.html, .htm: their main text and metadata) and
    crawler output (.jsonl: one article a line, with `url` and `html` or `text`). Other files in
    input folders are skipped and counted in the summary (--strict refuses them). A missing
    output folder is created.

    Exit status: 0 all documents done; 1 some documents failed (their records say why);
    2 the run could not start or write its output; 128+N stopped by signal N (Ctrl-C: 130),
    the records so far kept for --resume.

    \b
    Example:
      consortia run corpus/raw -o outputs/corpus.jsonl
      consortia run archive/ -o archive.jsonl --workers 2 --resume
    """
    from .config import load_settings
    from .runner import RunOptions, partial_path
    from .runner import run as run_pipeline

    overrides = {}
    if min_confidence is not None:
        overrides["pipeline.min_confidence"] = min_confidence
    if batch_size is not None:
        overrides["pipeline.batch_size"] = batch_size
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        settings = load_settings(config_path, overrides)
        options = RunOptions(inputs=list(inputs), output=output, settings=settings, workers=workers,
                             resume=resume, engine=engine, scheduler=scheduler, strict=strict)
        summary = run_pipeline(options, progress=bar)
    except ConsortiaError as err:
        raise CannotStart(str(err)) from err
    except KeyboardInterrupt:
        echo_err(f"\ninterrupted: the records written so far are in {partial_path(output)}; "
                 f"run the same command with --resume to finish")
        sys.exit(128 + 2)
    finally:
        if bar is not None:
            bar.close()
    for note in summary.notes:
        echo_err(f"note: {note}")
    for warning in summary.warnings:
        echo_err(f"warning: {warning}")
    if summary.warned > len(summary.warnings):
        echo_err(f"... and {summary.warned - len(summary.warnings)} more: see the records' `warnings`")
    for line in summary.unsupported_lines():
        echo_err(f"note: {line}")
    for failure in summary.failures:
        echo_err(f"error: {failure}")
    if summary.failed > len(summary.failures):
        echo_err(f"... and {summary.failed - len(summary.failures)} more: see the records' `errors`")
    echo_err(summary.line())
    if summary.interrupted is not None:
        echo_err(f"stopped early: the records so far are in {summary.partial}; run the same "
                 f"command with --resume to finish")
        sys.exit(128 + summary.interrupted)
    sys.exit(EXIT_DOCUMENTS_FAILED if summary.failed else EXIT_OK)


class _ProgressBar:
    """click's progress bar, opened when the run knows how many documents it has to do."""

    def __init__(self):
        self.bar = None

    def __call__(self, advance: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="documents", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(advance)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command("eval")
@click.argument("predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of gold JSON files (required).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--metadata-only", is_flag=True,
              help="Score title, published and source only: for gold that annotates nothing else "
                   "(corpus/metadata).")
def eval_command(predictions, gold_dir, as_json, metadata_only):
    """Score a run's output against gold annotations (docs/annotation.md, "Scoring").

    \b
    Example:
      consortia eval outputs/corpus.jsonl --gold corpus/gold
      consortia eval outputs/test.jsonl --gold corpus/test/gold
      consortia eval outputs/meta.jsonl --gold corpus/metadata/gold --metadata-only
    """
    from .evaluate import evaluate, format_report, load_gold, load_predictions, to_json

    if gold_dir is None:  # no default: scoring against the wrong gold looks like a real score
        raise click.UsageError("which gold? pass --gold corpus/gold for a run over the seeds "
                               "(corpus/raw), --gold corpus/test/gold for the real test split "
                               "(corpus/test/texts), or your own folder of gold files")

    try:
        report = evaluate(load_predictions(predictions), load_gold(gold_dir), metadata_only=metadata_only)
    except ConsortiaError as err:
        raise CannotStart(str(err)) from err
    click.echo(to_json(report) if as_json else format_report(report))


@cli.command()
@click.argument("what", type=click.Choice(["all", "metadata", "ner", "relations"]), default="all")
@click.option("--fraction", type=click.FloatRange(0.01, 1.0), default=1.0, show_default=True,
              help="Share of the training documents to use (a learning curve), drawn with a fixed seed.")
@click.option("--design", type=click.Choice(["linear", "encoder", "spacy", "marker", "mean"]), default="mean", show_default=True,
              help="Relation classifier: a linear model of parse features, a fine-tuned small transformer, a spaCy pair classifier on the recogniser's tok2vec, the transformer reading each pair with its names marked, or the mean of the linear and spaCy ones (shipped).")
@click.option("--tune-only", is_flag=True,
              help="relations: keep the trained model, choose its threshold and calibration on dev again.")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs/train"),
              show_default=True, help="Folder for the training corpora and runs.")
@config_option
def train(what, fraction, design, tune_only, work, config_path):
    """Train the learned components on corpus/train, tuned on corpus/dev (never corpus/test).

    `metadata` fits the clean stage's headline chooser into pipelines/clean/title_model.json
    (seconds); `ner` fine-tunes the entity recogniser into pipelines/ner/model; `relations` trains
    the relation classifier into pipelines/relations/model (with the recogniser the config names);
    `all` does the three in two processes: the headline chooser and then the recogniser in one,
    the relation classifier in the other, its threshold chosen last with the new recogniser
    (with --tune-only, one after the other). Fixed seeds: the same corpus gives the same models.
    Needs no GPU; on two cores it took 13.5 to 29 minutes on the 1,417 training pages.

    \b
    Example:
      consortia train
      consortia train relations --fraction 0.5
      consortia train metadata
    """
    import json

    from .config import load_settings

    try:
        if what == "all" and not tune_only:
            from .training.schedule import train_all

            results = train_all(config_path, work, fraction=fraction, design=design,
                                log=lambda line: click.echo(line, err=True))
            _report_metadata(results["metadata"])
            click.echo(f"ner: {json.dumps(results['ner'])}")
            _report_relations(results["relations"])
            return
        settings = load_settings(config_path)
        if what in ("all", "metadata"):
            from .training import metadata

            _report_metadata(metadata.train(log=lambda line: click.echo(f"metadata: {line}", err=True)))
        if what in ("all", "ner"):
            from .training import ner

            result = ner.train(settings, work / "ner", fraction=fraction)
            click.echo(f"ner: {json.dumps(result)}")
        if what in ("all", "relations"):
            from .training import relations

            _report_relations(relations.retune(settings) if tune_only else relations.train(
                settings, design=design, fraction=fraction, log=lambda line: click.echo(f"relations: {line}", err=True)))
    except ConsortiaError as err:
        raise CannotStart(str(err)) from err


def _report_metadata(result: dict) -> None:
    click.echo(f"metadata: title accuracy dev {result['dev']} (rules alone {result['rules']['dev']}), "
               f"train cross-validation {result['cv']} (rules alone {result['rules']['train']})")


def _report_relations(meta: dict) -> None:
    click.echo(f"relations: threshold {meta['threshold']}, dev {meta['dev_curve'][meta['threshold']]}, "
               f"train {meta['train']}")
    if meta.get("far"):  # the second model (references, two sentences): off at 1.01
        click.echo(f"relations: second model threshold {meta['far']['threshold']}, dev with it "
                   f"{meta['dev_with_far']}, train {meta['far']['train']}")


@cli.command("graph")
@click.argument("output", metavar="[OUT.jsonl]", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", "url", default=None, metavar="URL",
              help="Read an export database (`consortia export`) instead of a JSONL output.")
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .graphml, .gexf or .json (node-link), or say --format.")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default=None,
              help="Format of -o [default: from its suffix].")
@click.option("--with-rejected", is_flag=True,
              help="Keep relations a reviewer rejected (their edges have status 'rejected').")
def graph_command(output, url, path, fmt, with_rejected):
    """Write the organisation graph for Gephi or networkx: entities as nodes, relations as
    typed, directed edges with their status, date, document and evidence.

    Reads a run's output (reviewed JSONL from `consortia review export --format jsonl` too:
    corrections applied, rejected relations left out) or an export database.

    \b
    Example:
      consortia graph outputs/corpus.jsonl -o outputs/graph.graphml
      consortia graph --db sqlite:///outputs/consortia.db -o outputs/graph.gexf
    """
    from . import graph as g
    from .models import read_records

    if (output is None) == (url is None):
        raise click.UsageError("give OUT.jsonl or --db URL (one of them)")
    if not path.parent.is_dir():
        raise click.BadParameter(f"folder {path.parent} does not exist", param_hint="-o")
    try:
        fmt = g.format_of(path, fmt)
        if output is not None:
            records = []
            for n, record in read_records(output):
                if isinstance(record, str):
                    raise g.GraphError(f"{output}:{n}: not an output record ({record})")
                records.append(record)
            edges = g.edges_from_records(records, rejected=with_rejected)
        else:
            edges = g.edges_from_db(url, rejected=with_rejected)
        graph = g.build_graph(edges)
        g.write_graph(graph, path, fmt)
    except ConsortiaError as err:
        raise CannotStart(str(err)) from err
    except OSError as err:
        raise CannotStart(f"{err.filename or path}: {err.strerror or err}") from err
    click.echo(f"{len(graph.nodes)} nodes, {len(graph.edges)} edges written to {path} ({fmt})", err=True)


@cli.command()
def schema():
    """Print the JSON Schema of one output record.

    \b
    Example:
      consortia schema > record.schema.json
    """
    import json

    from .models import Record

    click.echo(json.dumps(Record.model_json_schema(), indent=2))


def main() -> None:
    cli()


if __name__ == "__main__":  # `python -m consortia.cli ...` runs the CLI as the script does
    main()
