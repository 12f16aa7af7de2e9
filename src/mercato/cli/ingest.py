"""``mercato ingest``, ``mercato docs`` and ``mercato rm``: getting articles in and looking at them."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from mercato.cli import ALL, DbOption, app

console = Console()
err = Console(stderr=True)

docs_app = typer.Typer(help="Stored documents.", invoke_without_command=True, no_args_is_help=False)
app.add_typer(docs_app, name="docs")


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="files, directories, URLs, RSS/Atom feeds, .jsonl, .warc(.gz)"),
    allow_private: bool = typer.Option(False, "--allow-private", help="allow URLs on private/loopback addresses"),
    no_extract: bool = typer.Option(False, "--no-extract", help="store documents without extracting facts"),
    max_mb: float = typer.Option(20.0, "--max-mb", help="skip files and pages larger than this"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="only the summary line"),
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
    everything went in, 1 when something was skipped.
    """
    from mercato.parallel import default_workers
    from mercato.pipeline import ingest as run

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )

    def on_item(status: str, item) -> None:  # noqa: ANN001 - Document | IngestError
        progress.advance(task)
        if status == "skipped":
            progress.console.print(
                f"[yellow]skipped[/yellow] {item.source}: {item.reason}", highlight=False, soft_wrap=True
            )
        elif not quiet and status != "new":
            progress.console.print(f"[dim]{status}[/dim] {item.source}", highlight=False, soft_wrap=True)

    if ray_address:
        _ingest_on_ray(inputs, ray_address, workers, allow_private, not no_extract, max_mb, db)
        return
    with progress:
        task = progress.add_task("ingesting", total=None)
        report = run(
            inputs,
            db,
            allow_private=allow_private,
            extract=not no_extract,
            max_bytes=int(max_mb * 1_000_000),
            on_item=on_item,
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
    from mercato.store.db import connect
    from mercato.store.documents import list_documents

    with connect(db).connect() as conn:
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
            r["site"] or "",
            r["title"] or r["source"],
            str(r["chars"]),
            str(r["duplicate_of"] or ""),
        )
    console.print(table)


@docs_app.command("show")
def docs_show(doc_id: int, as_json: bool = typer.Option(False, "--json"), db: str | None = DbOption) -> None:
    """Print one document's clean text and metadata."""
    from mercato.store.db import connect
    from mercato.store.documents import get_document

    with connect(db).connect() as conn:
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
    from mercato.store.db import connect
    from mercato.store.documents import delete_document

    with connect(db).begin() as conn:
        consolidate.forget(conn, doc_id)
        found = delete_document(conn, doc_id)
    if not found:
        err.print(f"[red]error:[/red] no document {doc_id}")
        raise typer.Exit(1)
    console.print(f"deleted document {doc_id}")
