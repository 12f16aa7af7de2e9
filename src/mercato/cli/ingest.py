"""``mercato ingest``, ``mercato docs`` and ``mercato rm``: getting articles in and looking at them."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from mercato.cli.root import ALL, DbOption, app

console = Console()
err = Console(stderr=True)

docs_app = typer.Typer(help="Stored documents.", invoke_without_command=True, no_args_is_help=False)
app.add_typer(docs_app, name="docs")


PLAIN_EVERY = 5.0  # seconds between progress lines when the output is not a terminal


def count_inputs(inputs: list[str]) -> int | None:
    """How many articles ``inputs`` likely hold (a file each, directories walked), for the bar's total;
    None when a URL, feed or archive makes it unknowable."""
    n = 0
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            n += sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.is_file() and path.suffix.lower() not in (".jsonl", ".warc", ".gz", ".xml", ".rss", ".atom"):
            n += 1
        else:
            return None
    return n


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(None, help="files, directories, URLs, RSS/Atom feeds, .jsonl, .warc(.gz)"),
    allow_private: bool = typer.Option(False, "--allow-private", help="allow URLs on private/loopback addresses"),
    no_extract: bool = typer.Option(False, "--no-extract", help="store documents without extracting facts"),
    max_mb: float = typer.Option(20.0, "--max-mb", help="skip files and pages larger than this"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="only the summary line"),
    date: str | None = typer.Option(
        None, "--date", help="publication date (YYYY-MM-DD) of inputs that carry none [default: their byline's]"
    ),
    resume: bool = typer.Option(
        False, "--resume", help="finish the documents an interrupted ingest left, retry failed extractions"
    ),
    workers: int = typer.Option(0, "--workers", "-w", min=0, help="processes that parse and extract; 0: one per core"),
    ray_address: str | None = typer.Option(
        None,
        "--ray",
        metavar="ADDRESS",
        help="read, clean and extract on Ray: 'local', 'auto' (the cluster of `ray start`) or ray://HEAD:10001",
    ),
    db: str | None = DbOption,
) -> None:
    """Read articles, clean them, store them once, extract and merge their facts.

    Prints one line per skipped item with the reason and a summary at the end. Exit code 0 when
    everything went in, 1 when something was skipped. Every ingest first extracts the documents a
    killed one stored without their facts; ``mercato ingest --resume`` (inputs optional) does that
    and also retries the documents whose extraction failed.
    """
    from mercato.cli.store import fail, open_store
    from mercato.parallel import default_workers
    from mercato.pipeline import ingest as run

    if not inputs and not resume:
        err.print("[red]error:[/red] nothing to ingest: give files, directories or URLs (or --resume)")
        raise typer.Exit(2)
    if resume and no_extract:
        err.print("[red]error:[/red] --resume extracts facts: it cannot go with --no-extract")
        raise typer.Exit(2)
    inputs = inputs or []
    if date is not None:
        import datetime as dt

        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise fail(f"bad --date {date!r}: use YYYY-MM-DD", 2) from None
    engine = open_store(db, must_exist=False)

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )

    expected = count_inputs(inputs)
    counts: dict[str, int] = {}
    last_line = [time.monotonic()]
    plain = not quiet and not err.is_terminal  # a log or a pipe: a line every PLAIN_EVERY seconds

    def on_item(status: str, item) -> None:  # Document | IngestError
        counts[status] = counts.get(status, 0) + 1
        done = sum(counts.values())
        if expected is not None and done > expected:  # a .jsonl or a feed holds more than one article
            progress.update(task, total=None)
        progress.update(task, completed=done, description=f"stored {done} · extracting and merging as it goes")
        if plain and time.monotonic() - last_line[0] >= PLAIN_EVERY:
            last_line[0] = time.monotonic()
            of = f" of ~{expected}" if expected and done <= expected else ""
            err.print(f"ingest: {done}{of} items stored ({', '.join(f'{n} {k}' for k, n in counts.items())})")
        if status == "skipped":
            progress.console.print(
                f"[yellow]skipped[/yellow] {item.source}: {item.reason}", highlight=False, soft_wrap=True
            )
        elif not quiet and status != "new":
            progress.console.print(f"[dim]{status}[/dim] {item.source}", highlight=False, soft_wrap=True)
        note = item.meta.get("encoding_note") if status in ("new", "updated") else None
        if note and not quiet:  # the encoding was a guess: say which, so a wrong one can be noticed
            progress.console.print(f"[dim]encoding[/dim] {item.source}: {note}", highlight=False, soft_wrap=True)

    if ray_address:
        _ingest_on_ray(inputs, ray_address, workers, allow_private, not no_extract, max_mb, db)
        return
    with progress:
        task = progress.add_task("reading", total=expected)
        report = run(
            inputs,
            engine=engine,
            allow_private=allow_private,
            extract=not no_extract,
            max_bytes=int(max_mb * 1_000_000),
            on_item=on_item,
            date=date,
            retry_failed=resume,
            workers=workers or default_workers(),
        )
    console.print(report.summary())
    if not report.ok:
        raise typer.Exit(1)


def _ingest_on_ray(
    inputs: list[str], address: str, workers: int, allow_private: bool, extract: bool, max_mb: float, db: str | None
) -> None:
    try:
        import ray  # noqa: F401
    except ImportError as exc:
        err.print(f"[red]error:[/red] --ray needs Ray ({exc}); install it with pip install 'mercato[ray]'")
        raise typer.Exit(2) from exc
    from mercato.batch.ray_job import ray_ingest
    from mercato.store.db import connect

    report = ray_ingest(
        inputs,
        connect(db),
        address=address,
        workers=workers or None,
        allow_private=allow_private,
        max_bytes=int(max_mb * 1_000_000),
        extract=extract,
    )
    for item in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {item.source}: {item.reason}", highlight=False, soft_wrap=True)
    console.print(report.summary())
    if not report.ok:
        raise typer.Exit(1)


@docs_app.callback()
def docs(
    ctx: typer.Context,
    limit: int = typer.Option(100, "--limit", min=0, help="at most this many; 0 for all"),
    offset: int = typer.Option(0, "--offset", min=0),
    lang: str | None = typer.Option(None, "--lang"),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """List stored documents (id, date, lang, site, title, chars)."""
    if ctx.invoked_subcommand is not None:
        return
    from mercato.cli.store import open_store
    from mercato.store.documents import list_documents

    with open_store(db).connect() as conn:
        rows, total = list_documents(conn, limit=limit or ALL, offset=offset, lang=lang)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} of {total} documents")
    for col in ("id", "date", "lang", "site", "title", "chars", "dup of"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["date"] or "",
            r["lang"] or "",
            r["site"] or "local file",
            r["title"] or r["source"].rsplit("/", 1)[-1],
            str(r["chars"]),
            str(r["duplicate_of"] or ""),
        )
    console.print(table)


@docs_app.command("show")
def docs_show(doc_id: int, as_json: bool = typer.Option(False, "--json"), db: str | None = DbOption) -> None:
    """Print one document's clean text and metadata."""
    from mercato.cli.store import open_store
    from mercato.store.documents import get_document

    with open_store(db).connect() as conn:
        doc = get_document(conn, doc_id)
    if doc is None:
        err.print(f"[red]error:[/red] no document {doc_id}; list them with `mercato docs`")
        raise typer.Exit(1)
    meta = {k: getattr(doc, k) for k in ("id", "source", "url", "title", "date", "author", "site", "lang")}
    if as_json:
        typer.echo(json.dumps({**meta, **doc.meta, "text": doc.text}, ensure_ascii=False))
        return
    for k, v in meta.items():
        if v:
            console.print(f"[bold]{k}[/bold]: {v}", highlight=False)
    console.print()
    console.print(doc.text, highlight=False, markup=False)


@app.command()
def rm(doc_id: int, db: str | None = DbOption) -> None:
    """Delete a document and its contributions to the market map."""
    from mercato import consolidate
    from mercato.cli.store import open_store
    from mercato.store.documents import delete_document

    with open_store(db).begin() as conn:
        consolidate.forget(conn, doc_id)
        found = delete_document(conn, doc_id)
    if not found:
        err.print(f"[red]error:[/red] no document {doc_id}")
        raise typer.Exit(1)
    console.print(f"deleted document {doc_id}")
