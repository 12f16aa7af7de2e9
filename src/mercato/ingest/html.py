"""HTML pages to Documents with trafilatura: main text, title, date, author, site name."""

from __future__ import annotations

from typing import Any

import trafilatura

from mercato.ingest.errors import IngestError
from mercato.model import Document


def html_document(html: str, source: str, url: str | None = None) -> Document:
    """The article in ``html``; raises IngestError when the page holds no article text."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken pages
        raise IngestError(source, f"unreadable HTML ({type(exc).__name__})") from None
    data: dict[str, Any] = {} if result is None else result if isinstance(result, dict) else result.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise IngestError(source, "no article text found in the HTML page")
    title = data.get("title")
    raw = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    return Document(
        source=source,
        raw_text=raw,
        title=title,
        url=url or data.get("url"),
        date=data.get("date"),
        author=data.get("author"),
        site=data.get("sitename") or data.get("hostname"),
        html=html,
        lang=data.get("language"),
    )
