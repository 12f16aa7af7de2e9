"""Commands that read the market map: facts, disputes, stories, key points, flows, profiles, export."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from mercato.cli.root import ALL, DbOption, app
from mercato.cli.store import fail, open_store
from mercato.consolidate import flows, queries, stories
from mercato.consolidate import keypoints as kp
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.name_profiles import org_profile, person_profile
from mercato.consolidate.render import LANGS, sentence
from mercato.model import FACT_FIELDS, QueryError

console = Console()


@contextmanager
def market_conn(db: str | None):
    engine = open_store(db)
    try:
        with engine.connect() as conn:
            yield conn
    except QueryError as exc:
        raise fail(f"{exc}", 2) from None
    finally:
        engine.dispose()


def check_lang(lang: str | None) -> None:
    """Exit 2 on a language the titles are not written in (it fell back to English silently)."""
    if lang is not None and lang not in LANGS:
        raise fail(f"unknown language {lang!r}: use one of {', '.join(LANGS)}", 2) from None


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, default=str))


def fact_headline(f: dict[str, Any], lang: str = "en") -> str:
    """The fact's headline, as the web shows it ("Meta's bid to acquire X failed"), not its raw fields."""
    return sentence(f["type"], f, lang)


def _table(title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Table:
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _dates(item: dict[str, Any]) -> str:
    return " → ".join(dict.fromkeys(d for d in (item.get("first_date"), item.get("last_date")) if d))


def _facts_table(items: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("id", "type", "fact", "sources", "sites", "dates", "disputed"):
        table.add_column(col, overflow="fold")
    for f in items:
        dates = _dates(f)
        table.add_row(
            str(f["id"]),
            f["type"],
            fact_headline(f),
            str(f["n_sources"]),
            str(f["n_sites"]),
            dates,
            "[bold red]yes[/bold red]" if f["disputed"] else "",
        )
    return table


def _public(f: dict[str, Any]) -> dict[str, Any]:
    """A canonical fact as printed by ``--json``: contract fields, sources, dispute flag."""
    out = {"id": f["id"], "type": f["type"], **{k: f.get(k) for k in FACT_FIELDS[f["type"]]}}
    out["evidence"] = f["sources"][0]["evidence"] if f.get("sources") else None
    out["sources"] = [
        {k: s.get(k) for k in ("file", "url", "site", "date", "evidence", "doc_id")} for s in f.get("sources", [])
    ]
    out.update(
        disputed=f["disputed"],
        first_date=f["first_date"],
        last_date=f["last_date"],
        n_sites=f["n_sites"],
        values=f["values"],
    )
    return out


@app.command()
def facts(
    type: str | None = typer.Option(None, "--type", "-t", help="move, offer, investment, unit or denial"),
    org: str | None = typer.Option(None, "--org", help="only facts naming this organization"),
    person: str | None = typer.Option(None, "--person", help="only facts naming this person"),
    since: str | None = typer.Option(None, "--since", help="reported on or after YYYY-MM-DD"),
    until: str | None = typer.Option(None, "--until", help="reported on or before YYYY-MM-DD"),
    disputed: bool = typer.Option(False, "--disputed", help="only disputed facts"),
    limit: int = typer.Option(100, "--limit", min=0, help="at most this many; 0 for all"),
    as_json: bool = typer.Option(False, "--json", help="a JSON list (readable by score.py --corpus)"),
    db: str | None = DbOption,
) -> None:
    """Canonical facts merged across every stored article, with their sources."""
    with market_conn(db) as conn:
        items, total = queries.list_facts(
            conn,
            type=type,
            org=org,
            person=person,
            since=since,
            until=until,
            disputed=True if disputed else None,
            limit=limit or ALL,
        )
    if as_json:
        print_json([_public(f) for f in items])
        return
    console.print(_facts_table(items, f"{len(items)} of {total} facts"))


@app.command("fact")
def fact_cmd(
    fact_id: int = typer.Argument(..., help="fact id, as `mercato facts` lists them"),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """One fact: its headline, every source with its evidence sentence and offsets, its disputes."""
    with market_conn(db) as conn:
        found = queries.get_fact(conn, fact_id)
    if found is None:
        raise fail(f"no fact {fact_id}; list them with `mercato facts`", 1)
    if as_json:
        listed = [{k: d[k] for k in ("id", "kind", "summary")} for d in found["disputes"]]
        print_json({**_public(found), "disputes": listed})
        return
    flag = "  [bold red]disputed[/bold red]" if found["disputed"] else ""
    console.print(f"[bold]{fact_headline(found)}[/bold]  ({found['type']} {found['id']}){flag}", highlight=False)
    fields = [f"{k}={found[k]}" for k in FACT_FIELDS[found["type"]] if found.get(k) not in (None, "")]
    console.print(f"[dim]{', '.join(fields)}[/dim]", highlight=False)
    for src in found["sources"]:
        where = src.get("site") or src.get("url") or "local file"
        title = src.get("title") or Path(src.get("file") or "").name
        console.print(f"\n• doc {src['doc_id']} · {where} · {src.get('date') or 'undated'} — {title}", highlight=False)
        if src.get("evidence"):
            console.print(f'  "{src["evidence"]}"  [dim]@{src.get("start")}-{src.get("end")}[/dim]', highlight=False)
    for d in found["disputes"]:
        console.print(f"\n[red]dispute {d['id']} ({d['kind']})[/red]: {d['summary']}", highlight=False)


@app.command("disputes")
def disputes_cmd(
    kind: str | None = typer.Option(None, "--kind", help="denial, figures, outcome or status"),
    org: str | None = typer.Option(None, "--org"),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """Where sources disagree: each claim beside its denial or the conflicting figures."""
    with market_conn(db) as conn:
        rows, total = list_disputes(conn, kind=kind, org=org, limit=1000)
    if as_json:
        print_json(rows)
        return
    lines = [
        (
            str(d["id"]),
            d["kind"],
            fact_headline(d["claim"]) if d["claim"] else "",
            "; ".join(fact_headline(c) for c in d["counters"]),
            "; ".join(f"{s['value']} ({len(s['doc_ids'])} docs)" for s in d["sides"]),
        )
        for d in rows
    ]
    console.print(_table(f"{total} disputes", ("id", "kind", "claim", "against", "sides"), lines))


@app.command("stories")
def stories_cmd(
    lang: str = typer.Option("en", "--lang", help="language of the titles: en or fr"),
    min_docs: int = typer.Option(1, "--min-docs", min=1),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """Documents about the same event, grouped into stories."""
    check_lang(lang)
    with market_conn(db) as conn:
        rows, total = stories.list_stories(conn, lang=lang, min_docs=min_docs, limit=1000)
    if as_json:
        print_json(rows)
        return
    lines = [
        (str(x["id"]), x["title"], _dates(x), str(len(x["documents"])), ",".join(x["langs"]), str(len(x["facts"])))
        for x in rows
    ]
    console.print(_table(f"{total} stories", ("id", "title", "dates", "docs", "langs", "facts"), lines))


@app.command("story")
def story_cmd(
    story_id: int = typer.Argument(..., help="story id (or the id of one of its documents)"),
    lang: str = typer.Option("en", "--lang"),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """One story: its title, sources in every language, and facts."""
    check_lang(lang)
    with market_conn(db) as conn:
        story = stories.get_story(conn, story_id, lang)
    if story is None:
        raise fail(f"no story {story_id}; list them with `mercato stories`", 1) from None
    if as_json:
        print_json(story)
        return
    console.print(f"[bold]{story['title']}[/bold]  ({story['first_date']} → {story['last_date']})")
    for d in story["documents"]:
        console.print(f"  [{d['lang']}] {d['date'] or ''} {d['site'] or ''} — {d['title'] or d['source']}")
    console.print(_facts_table(story["facts"], "facts"))


@app.command()
def keypoints(
    doc_id: int | None = typer.Argument(None, help="document id"),
    story: int | None = typer.Option(None, "--story", help="a story id instead of a document"),
    lang: str | None = typer.Option(None, "--lang", help="fr or en [default: the document's]"),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """3 to 5 key points of a document or a story, each linked to its evidence."""
    check_lang(lang)
    if (doc_id is None) == (story is None):
        raise fail("give a DOC_ID or --story ID", 2) from None
    with market_conn(db) as conn:
        if story is not None:
            result = kp.keypoints_for_story(conn, story, lang)
        elif doc_id is not None:
            result = kp.keypoints_for_doc(conn, doc_id, lang)
    if result is None:
        raise fail("not found; list documents with `mercato docs`, stories with `mercato stories`", 1) from None
    if as_json:
        print_json(result)
        return
    console.print(f"[bold]{result['title'] or ''}[/bold]")
    for p in result["points"]:
        where = f"doc {p['doc_id']} @{p['start']}-{p['end']}" if p.get("start") is not None else ""
        console.print(f" • {p['text']}  [dim]{where}[/dim]")


@app.command("flows")
def flows_cmd(
    since: str | None = typer.Option(None, "--since"),
    until: str | None = typer.Option(None, "--until"),
    limit: int = typer.Option(flows.FLOW_LINKS, "--limit", help="the largest links shown; 0 for all"),
    as_json: bool = typer.Option(False, "--json"),
    db: str | None = DbOption,
) -> None:
    """Talent flows between organizations (the largest links), and the net flow of each."""
    with market_conn(db) as conn:
        result = flows.flows(conn, since, until, limit=limit or None)
    if as_json:
        print_json(result)
        return
    links = [
        (x["source"], x["target"], ("≥ " if x.get("at_least") else "") + str(x["people"]), ", ".join(x["named"]))
        for x in result["links"]
    ]
    shown = len(links)
    title = "talent flows" + (f" ({shown} largest of {result['total_links']})" if shown < result["total_links"] else "")
    console.print(_table(title, ("from", "to", "people", "named"), links))
    net = [(x["org"], f"{x['net']:+d}") for x in result["net"]]
    console.print(_table("net flow", ("organization", "net"), net))


@app.command()
def person(name: str, as_json: bool = typer.Option(False, "--json"), db: str | None = DbOption) -> None:
    """A person's timeline: moves, offers, disputes."""
    with market_conn(db) as conn:
        result = person_profile(conn, name)
    if not result["found"]:
        close = f"; did you mean {', '.join(result['close'])}?" if result["close"] else ""
        raise fail(f"no such person {name!r} in the store{close}", 1)
    if as_json:
        print_json(result)
        return
    console.print(_facts_table(result["timeline"], result["name"]))


@app.command()
def org(name: str, as_json: bool = typer.Option(False, "--json"), db: str | None = DbOption) -> None:
    """An organization's profile: arrivals, departures, offers, investments, disputes."""
    with market_conn(db) as conn:
        result = org_profile(conn, name)
    if not result["found"]:
        raise fail(f"no such organization {name!r} in the store", 1)
    if as_json:
        print_json(result)
        return
    console.print(f"[bold]{result['name']}[/bold]")
    for section, items in result.items():
        if section not in ("name", "found") and items:
            console.print(_facts_table(items, section.replace("_", " ")))


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, parquet or graphml"),
    output: str = typer.Option(..., "--output", "-o", help="file to write, or - for standard output"),
    db: str | None = DbOption,
) -> None:
    """Export canonical facts for pandas, a spreadsheet or Gephi."""
    import sys
    import tempfile

    from mercato.consolidate import export as exporter

    if format not in exporter.FORMATS:
        raise fail(f"unknown format {format!r}: use one of {', '.join(exporter.FORMATS)}", 2) from None
    to_stdout = output == "-"
    path = Path(output).expanduser()
    if not to_stdout and not path.parent.is_dir():
        raise fail(f"no directory {path.parent} for {path.name}: create it first", 1) from None
    with market_conn(db) as conn:
        items, _ = queries.list_facts(conn, limit=ALL)
    rows = [_public(f) for f in items]
    if to_stdout:  # the writers take a path: write to a temporary file, then copy its bytes out
        with tempfile.TemporaryDirectory() as tmp:
            exporter.FORMATS[format](rows, Path(tmp) / f"facts.{format}")
            sys.stdout.flush()
            sys.stdout.buffer.write((Path(tmp) / f"facts.{format}").read_bytes())
            sys.stdout.buffer.flush()
        Console(stderr=True).print(f"wrote {len(items)} facts to standard output")
        return
    exporter.FORMATS[format](rows, path)
    console.print(f"wrote {len(items)} facts to {path}")
