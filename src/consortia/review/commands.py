"""`consortia review OUT.jsonl` (serve the page) and `consortia review export` (decisions out).

`review` is a click group whose callback serves when no subcommand is named. A group's own
positional argument would swallow a subcommand's name, so `ReviewGroup.parse_args` leaves the
argument empty when the first word names a subcommand; otherwise nothing follows but options,
which may then come on either side of OUT.jsonl.
"""

import getpass
import socket
from pathlib import Path

import click

from ..errors import ConsortiaError
from ..terminal import safe

DEFAULT_STORE = Path("outputs/review.sqlite")


class ReviewGroup(click.Group):
    def parse_args(self, ctx, args):
        if args and args[0] in self.commands:
            args = ["", *args]  # OUT.jsonl stays empty; the rest goes to the subcommand
        else:  # serving: options may come before or after OUT.jsonl
            ctx.allow_interspersed_args = True
        return super().parse_args(ctx, args)


class _OutputArgument(click.Argument):
    def get_usage_pieces(self, ctx):
        return []  # shown by the group's usage line instead, and kept out of `review export`'s


def _store_option(**kwargs):
    return click.option("--store", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_STORE,
                        show_default=True, **kwargs)


@click.group(cls=ReviewGroup, invoke_without_command=True, subcommand_metavar="OUT.jsonl | export [OPTIONS]")
@click.argument("output", metavar="OUT.jsonl", required=False, cls=_OutputArgument)
@_store_option(help="SQLite file that keeps the decisions (created if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a local address lets others change decisions.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--reviewer", default=None, help="Name stored with each decision (default: your login name).")
@click.pass_context
def review(ctx, output, store, host, port, reviewer):
    """Review a run's relations in a local web page: accept, reject, correct, add.

    Opens OUT.jsonl (the output of `consortia run`), starts a local server and prints its
    address. Every decision is saved in the --store at once; opening the same output again
    resumes, and a new run over the same documents keeps the decisions for the relations it
    still finds. The queue opens at the first undecided relation, a page at a time. Keys on the
    page: a accept, A accept the sentence, r reject, t/T next/previous type, e edit, u undo,
    j/k move, n/p page, / search by name, Esc leave a field. The document page fixes and adds
    entities; /graph draws the organisation graph.

    `consortia review export --help` turns the decisions into gold files, reviewed JSONL or
    Label Studio tasks.

    \b
    Example:
      consortia run corpus/raw -o outputs/corpus.jsonl
      consortia review outputs/corpus.jsonl --reviewer alice
      consortia review export --format gold -o outputs/reviewed-gold
    """
    if ctx.invoked_subcommand is not None:
        return
    if not output:
        raise click.UsageError("give the OUT.jsonl of a run to review (or: consortia review export ...)")
    path = Path(output)
    if not path.is_file():
        raise click.BadParameter(f"{path} is not a file", param_hint="OUT.jsonl")
    serve(path, store, host=host, port=port, reviewer=reviewer or _login())


def serve(output: Path, store_path: Path, *, host: str, port: int, reviewer: str) -> None:
    """Open the output, bind the socket (so a busy port is reported before anything starts), serve."""
    import uvicorn

    from .app import allowed_hosts, create_app
    from .session import Session
    from .store import Store

    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        session = Session.open(output, Store(store_path), reviewer=reviewer)
    except ConsortiaError as err:
        raise click.ClickException(safe(str(err))) from err
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    counts = session.counts()
    click.echo(f"{counts['total']} relations in {len(session.docs)} documents from {output}, "
               f"{counts['reviewed']} reviewed; decisions go to {store_path} as {reviewer!r}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can change decisions", err=True)
    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"Review at http://{url_host}:{bound}/  (Ctrl-C to stop)")
    config = uvicorn.Config(create_app(session, hosts=allowed_hosts(host)), log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}; "
                                   "choose another --port (0 picks a free one)") from err
    return sock


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "reviewer"


@review.command("export")
@_store_option(help="The review store to read.")
@click.option("--format", "fmt", type=click.Choice(["gold", "jsonl", "label-studio"]), required=True,
              help="gold: one guideline gold file per reviewed document (-o is a folder); "
                   "jsonl: the records with a `review` field on each relation (-o is a file); "
                   "label-studio: tasks with predictions (-o is a .json file; its labelling "
                   "config is written beside it).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Folder (gold) or file (jsonl, label-studio) to write.")
@click.option("--partial", is_flag=True,
              help="gold: also documents not fully reviewed (their undecided relations are left out).")
def export(store, fmt, output, partial):
    """Turn review decisions into data: gold files, reviewed JSONL or Label Studio tasks.

    Gold files hold the accepted, corrected and added relations of each fully reviewed document
    (every relation decided) with the entities of its record, in the guideline's format, so they
    can be scored with `consortia eval`.

    \b
    Example:
      consortia review export --format gold -o outputs/reviewed-gold
      consortia review export --store outputs/review.sqlite --format jsonl -o outputs/reviewed.jsonl
      consortia review export --format label-studio -o outputs/tasks.json
    """
    from . import exports
    from .store import Store

    if not store.is_file():
        raise click.BadParameter(f"{store} does not exist (decisions are stored by `consortia review`)",
                                 param_hint="--store")
    try:
        db = Store(store)
        if fmt == "gold":
            if output.exists() and not output.is_dir():
                raise click.BadParameter(f"{output} is a file; gold files go into a folder", param_hint="-o")
            written, skipped = exports.export_gold(db, output, partial=partial)
            note = f", {skipped} not fully reviewed left out (see --partial)" if skipped else ""
            click.echo(f"{written} gold files written to {output}{note}")
        else:
            if output.is_dir():
                raise click.BadParameter(f"{output} is a folder; {fmt} goes into a file", param_hint="-o")
            if not output.parent.is_dir():
                raise click.BadParameter(f"folder {output.parent} does not exist", param_hint="-o")
            if fmt == "jsonl":
                click.echo(f"{exports.export_jsonl(db, output)} records written to {output}")
            else:
                tasks, unplaced, config = exports.export_label_studio(db, output)
                note = f" ({unplaced} relations without a span to attach to left out)" if unplaced else ""
                click.echo(f"{tasks} Label Studio tasks written to {output}{note}; labelling config: {config}")
    except (ConsortiaError, OSError) as err:
        raise click.ClickException(safe(str(err))) from err
