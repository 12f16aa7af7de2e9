"""extract stage: facts from clean text.

TEMPORARY interface stub (owned by the extraction work): the signature is the contract.
"""

from __future__ import annotations

from collections.abc import Sequence

from mercato.model import Document, Extraction


def extract_documents(docs: Sequence[Document], backend: str = "rules") -> list[Extraction]:
    """One ``Extraction`` per document, in order."""
    return [Extraction(doc=d) for d in docs]
