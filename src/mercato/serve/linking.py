"""Names that link to their profiles, and the server-rendered SVG chart of facts per month.

A fact's sentence comes from a template (``consolidate.render.sentence``) that writes each name as the
fact gives it; ``linked`` finds those names in the sentence (longest first, so that "Meta
Superintelligence Labs" is not cut at "Meta") and makes each a link to its profile, keyed on identity
(``consolidate.identity``). Everything else is escaped.

The chart is plain SVG drawn here: no script, nothing inline for the Content-Security-Policy to refuse
(SVG presentation attributes are not styles), each bar titled with its month and count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from babel.dates import format_date
from markupsafe import Markup, escape

from mercato.consolidate.identity import named
from mercato.consolidate.render import sentence


def profile_path(kind: str, key: str) -> str:
    return f"/{'org' if kind == 'org' else 'person'}/{quote(key)}"


def linked(f: dict[str, Any], lang: str, link: Callable[..., str]) -> Markup:
    """The sentence of fact ``f`` in ``lang``, each person and organization in it a link to its profile."""
    text = sentence(f["type"], f, lang)
    targets: dict[str, tuple[str, str]] = {}
    for _field, kind, key, name in named(f["type"], f):
        targets.setdefault(name, (kind, key))
    return link_names(text, targets, link)


def link_names(text: str, targets: dict[str, tuple[str, str]], link: Callable[..., str]) -> Markup:
    """``text`` escaped, each occurrence of a name of ``targets`` (name -> (kind, key)) a profile link.

    The names are found as a regular expression of them all would find them (the leftmost occurrence
    first, the longest name there), with ``str.find``: each fact has its own names, so compiling that
    expression, a fresh one for nearly every fact of a page, cost more than rendering the page."""
    if not targets:
        return Markup(escape(text))
    found = []
    for rank, name in enumerate(sorted(targets, key=len, reverse=True)):
        start = text.find(name) if name else -1
        while start != -1:
            found.append((start, rank, name))
            start = text.find(name, start + 1)
    out: list[str] = []
    pos = 0
    for start, _rank, name in sorted(found):
        if start < pos:  # inside the name linked before it
            continue
        kind, key = targets[name]
        out.append(str(escape(text[pos:start])))
        href = escape(link(profile_path(kind, key)))
        out.append(f'<a class="entity entity-{kind}" href="{href}">{escape(name)}</a>')
        pos = start + len(name)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def dispute_ref(d: dict[str, Any]) -> str:
    """The permalink name of a dispute of ``list_disputes``."""
    anchor = (d.get("claim") or {}).get("anchor")
    return f"{d['kind']}-{anchor}" if anchor else str(d["id"])


CHART_W, CHART_H, PAD = 640, 140, 18


def month_label(month: str, lang: str) -> str:
    """ "2025-06" as "Jun 2025" / "juin 2025"."""
    try:
        return format_date(dt.date(int(month[:4]), int(month[5:7]), 1), "MMM yyyy", locale=lang)
    except (ValueError, LookupError):
        return month


def month_chart(
    months: list[tuple[str, Any]],
    label: str,
    lang: str = "en",
    value: Callable[[Any], str] = str,
) -> Markup:
    """An SVG bar chart of (month, number): one bar per month, titled with the month and ``value`` of its
    number; the first and last months labelled."""
    if not months:
        return Markup("")

    def fmt(m: str) -> str:
        return month_label(m, lang)

    top = max(n for _, n in months) or 1
    width = (CHART_W - 2 * PAD) / len(months)
    bar = max(width - 2, 1)
    body = []
    for i, (month, n) in enumerate(months):
        h = (CHART_H - 2 * PAD) * n / top
        x, y = PAD + i * width, CHART_H - PAD - h
        body.append(
            f'<rect class="bar" data-month="{escape(month)}" data-count="{n}" x="{x:.1f}" y="{y:.1f}" '
            f'width="{bar:.1f}" height="{h:.1f}"><title>{escape(fmt(month))}: {escape(value(n))}</title></rect>'
        )
    first, last = escape(fmt(months[0][0])), escape(fmt(months[-1][0]))
    axis = (
        f'<line class="axis" x1="{PAD}" y1="{CHART_H - PAD}" x2="{CHART_W - PAD}" y2="{CHART_H - PAD}"/>'
        f'<text x="{PAD}" y="{CHART_H - 4}">{first}</text>'
        f'<text x="{CHART_W - PAD}" y="{CHART_H - 4}" text-anchor="end">{last}</text>'
        f'<text x="{PAD}" y="12">{escape(value(top))}</text>'
    )
    return Markup(
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {CHART_W} {CHART_H}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>{"".join(body)}{axis}</svg>'
    )
