"""ingest stage: turn paths, URLs, feeds, JSON Lines and WARC archives into Documents.

``iter_documents`` yields a ``Document`` per article found, or an ``IngestError`` per input that
could not be read: one bad item never stops a batch.
"""

from __future__ import annotations

from mercato.ingest.errors import IngestError
from mercato.ingest.sources import iter_documents

__all__ = ["IngestError", "iter_documents"]
