"""The ``cues`` lists of the pattern files and the rules that read them name the same keys.

``cues`` is an open table of named word lists (a French-only list is fine, so the loader cannot
require every key in every language). A key misspelt on either side would silently read an empty
list; this check makes both sides agree: every key a file declares is read by some rule, and every
key a rule reads literally is declared by at least one language.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import mercato

SRC = Path(mercato.__file__).resolve().parent
PATTERNS = sorted((SRC / "data" / "patterns").glob("*.yaml"))
READS = re.compile(r"""(?:cues\.get|\.cues|\.cue)\(\s*(?:"cues",\s*)?"([a-z_]+)\"""")


def _declared() -> dict[str, set[str]]:
    return {p.name: set((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("cues", {})) for p in PATTERNS}


def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "extract").rglob("*.py"))


def test_every_declared_cue_is_read_by_a_rule() -> None:
    code = _code()
    unread = {f"{name}: {key}" for name, keys in _declared().items() for key in keys if f'"{key}"' not in code}
    assert not unread, f"cue lists no rule reads (misspelt, or left over): {sorted(unread)}"


def test_every_cue_a_rule_reads_is_declared() -> None:
    declared = set().union(*_declared().values())
    groups = {"status", "outcome", "component", "markers"}  # other sections, read through the same helper
    read = {m.group(1) for m in READS.finditer(_code())} - groups
    missing = read - declared
    assert not missing, f"rules read cue lists no pattern file declares: {sorted(missing)}"


def test_the_check_sees_a_misspelt_key() -> None:
    """The reader regex finds the three ways rules ask for a list (so the checks above can fail)."""
    sample = 'ctx.lex.cues.get("round_nams", []); ctx.cues("cues", "fundng", t); lex.cue("cues", "dael")'
    assert {m.group(1) for m in READS.finditer(sample)} == {"round_nams", "fundng", "dael"}
