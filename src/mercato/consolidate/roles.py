"""A job title in the reader's language: "interim CEO" reads "PDG par intérim" on a French page.

Roles are kept as the article states them; only their display changes. A title the table of
``data/templates/roles.yaml`` does not know is shown as written, never half translated.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from mercato import knowledge

ROLES_FILE = knowledge.data_path("templates", "roles.yaml")
LANGS = ("en", "fr")


class Forms(BaseModel):
    """One title (or field, or modifier) in each language; the first form of a language is shown."""

    model_config = ConfigDict(extra="forbid")
    en: list[str]
    fr: list[str]


class Roles(BaseModel):
    model_config = ConfigDict(extra="forbid")
    titles: list[Forms]
    fields: list[Forms]
    heads: Forms
    modifiers: dict[str, Forms]


@cache
def _table() -> dict[str, Any]:
    raw = knowledge.load(ROLES_FILE, Roles).model_dump()

    def index(entries: list[dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        out = {}
        for entry in entries:
            for forms in entry.values():
                for form in forms:
                    out[form.lower()] = entry
        return out

    return {
        "titles": index(raw["titles"]),
        "fields": index(raw["fields"]),
        "heads": raw["heads"],
        "modifiers": raw["modifiers"],
    }


def translate_role(role: str | None, lang: str) -> str | None:
    """``role`` in ``lang`` when every part of it is known; else ``role`` as written."""
    if not role or lang not in LANGS:
        return role
    table = _table()
    text, mods = _strip_modifiers(role.strip(), table["modifiers"])
    core = _title(text, lang, table)
    if core is None:
        return role
    for mod in mods:
        form = table["modifiers"][mod][lang][0]
        if lang == "fr" and mod == "interim":
            core = f"{core} {form}"
        elif form.endswith("-"):
            core = form + core
        else:
            core = f"{form} {core}"
    return core


def _strip_modifiers(text: str, modifiers: dict[str, dict[str, list[str]]]) -> tuple[str, list[str]]:
    found: list[str] = []
    changed = True
    while changed:
        changed = False
        for mod, forms in modifiers.items():
            for form in (f for forms_of in forms.values() for f in forms_of):
                sep = "" if form.endswith("-") else r"\s+"
                lead = re.match(rf"(?i){re.escape(form)}{sep}(?=\S)", text)
                tail = re.search(rf"(?i)\s+{re.escape(form)}$", text)
                if lead or tail:
                    text = text[lead.end() :] if lead else text[: tail.start()]  # type: ignore[union-attr]
                    if mod not in found:
                        found.append(mod)
                    changed = True
    return text.strip(), found


def _title(text: str, lang: str, table: dict[str, Any]) -> str | None:
    entry = table["titles"].get(text.lower())
    if entry is not None:
        return str(entry[lang][0])
    for forms in table["heads"].values():
        for head in forms:
            if text.lower().startswith(head + " "):
                field = table["fields"].get(text[len(head) + 1 :].strip().lower())
                if field is None:
                    return None
                return f"{table['heads'][lang][0]} {field[lang][0]}"
    return None
