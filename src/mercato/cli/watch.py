"""``mercato watch ORG|PERSON|QUERY --since DATE``: what is new or changed about it (``consolidate.watch``)."""

from __future__ import annotations

import typer

from mercato.cli.market import check_lang, console, fact_headline, market_conn, print_json
from mercato.cli.root import DbOption, app
from mercato.consolidate.watch import watch


@app.command("watch")
def watch_cmd(
    what: str = typer.Argument(..., help="an organization, a person (name or key) or words to search"),
    since: str | None = typer.Option(None, "--since", help="facts new or changed on or after YYYY-MM-DD"),
    lang: str = typer.Option("en", "--lang", help="language of the headlines: en or fr"),
    as_json: bool = typer.Option(False, "--json", help="a JSON list"),
    db: str | None = DbOption,
) -> None:
    """New and changed facts about an organization, a person or a search, newest first, with permalinks."""
    check_lang(lang)
    with market_conn(db) as conn:
        kind, key, items = watch(conn, what, since)
    if as_json:
        print_json([{"kind": kind, "key": key, **f} for f in items])
        return
    console.print(f"[bold]{len(items)}[/bold] new or changed facts ({kind}: {key})")
    for f in items:
        anchor = f.get("anchor") or f["id"]
        console.print(f"{(f.get('last_date') or '')[:10]:10}  {fact_headline(f, lang)}  [dim]/fact/{anchor}[/dim]")
