"""``mercato extract``: facts of article files, as JSON lines (the scorer's contract) or a table."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from mercato.cli.root import app
from mercato.model import FACT_FIELDS, Extraction


@app.command("extract")
def extract_cmd(
    files: list[Path] = typer.Argument(..., help="article files (text or HTML)"),
    as_json: bool = typer.Option(False, "--json", help="one JSON line per file on stdout"),
    backend: str = typer.Option("rules", "--backend", help="rules | llm"),
    workers: int = typer.Option(1, "--workers", "-w", min=0, help="processes that parse files; 0: one per core"),
    no_filter: bool = typer.Option(
        False, "--no-filter", help="keep every fact the rules find (skip the learned fact filter)"
    ),
    no_prefilter: bool = typer.Option(
        False, "--no-prefilter", help="parse every file, even those that cannot hold a fact (to compare)"
    ),
) -> None:
    """Extract moves, offers, investments, units and denials from each FILE."""
    from mercato.extract import BACKENDS
    from mercato.extract.prefilter import ENV as PREFILTER_ENV
    from mercato.parallel import default_workers, ordered_map

    if backend not in BACKENDS:
        raise typer.BadParameter(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    if no_prefilter:  # through the environment, so that worker processes see it too
        os.environ[PREFILTER_ENV] = "0"
    failed = False
    n = min(workers or default_workers(), len(files))
    jobs = [(str(path), backend, not no_filter) for path in files]
    for given, lang, ext, error in ordered_map(_extract_file, jobs, n):
        if ext is None:
            failed = True
            _emit_error(given, error or "nothing extracted", as_json)
        elif as_json:
            row = {"file": given, "lang": lang, "facts": [f.to_contract() for f in ext.facts]}
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _table(given, lang, ext)
    if failed:
        raise typer.Exit(1)


def _extract_file(job: tuple[str, str, bool]) -> tuple[str, str | None, Extraction | None, str | None]:
    """(file, language, Extraction, None), or (file, None, None, the error): in a worker with --workers."""
    from mercato.clean import load_document
    from mercato.extract import extract_documents

    given, backend, filter_facts = job
    try:
        doc = load_document(given, require_text=False)
        (ext,) = extract_documents([doc], backend=backend, filter_facts=filter_facts)
    except Exception as exc:  # report and continue with the batch
        return given, None, None, f"{type(exc).__name__}: {exc}"
    return given, doc.lang, ext, None


def _emit_error(path: str, msg: str, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"file": path, "lang": None, "error": msg, "facts": []}, ensure_ascii=False) + "\n")
    else:
        typer.echo(f"{path}: cannot extract ({msg}); check the path and that it is a text or HTML article", err=True)


def _table(path: str, lang: str | None, ext: Extraction) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{path} ({lang or '?'}): {len(ext.facts)} facts"
        + ("" if ext.relevant else " - not about the tech/AI industry")
    )
    table.add_column("type")
    table.add_column("attributes")
    table.add_column("evidence", overflow="fold")
    for f in ext.facts:
        attrs = ", ".join(f"{k}={f.attrs.get(k)}" for k in FACT_FIELDS[f.type] if f.attrs.get(k) is not None)
        table.add_row(f.type, attrs, f.evidence[0].sentence[:200] if f.evidence else "")
    Console().print(table)


@app.command("patterns")
def patterns_cmd(lang: str = typer.Argument("en", help="fr | en")) -> None:
    """List the extraction frames of LANG (trigger words and their argument slots)."""
    from mercato.extract.lexicon import load_lexicon

    try:
        lex = load_lexicon(lang)
    except LookupError as exc:
        raise typer.BadParameter(str(exc)) from exc
    verbs: dict[str, list[str]] = {}
    for word, frames in lex.by_verb.items():
        for f in frames:
            verbs.setdefault(f.name, []).append(word)
    for f in lex.frames:
        typer.echo(
            f"{f.name:<12} {f.type:<10} agent={f.agent:<9} patient={f.patient:<9} {', '.join(verbs.get(f.name, []))}"
        )
