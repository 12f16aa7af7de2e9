"""What the rules use from outside the rule modules, in one place: the knowledge base (link stage)
and the amount parsers. Builders call ``deps.get_kb()`` and ``deps.parse_count(...)`` rather than
importing them each, so a test or a script swaps one name here.
"""

from __future__ import annotations

from mercato.extract.amounts import parse_amounts, parse_count, parse_percent
from mercato.link.kb import get_kb

__all__ = ["get_kb", "parse_amounts", "parse_count", "parse_percent"]
