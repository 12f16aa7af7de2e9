"""A unit the text calls new and names without a verb of creation (builders/new_unit.py), on
sentences of our own: "Acme's new Vision Research Lab" is a unit of Acme; a description ("Acme's new
research lab", "Acme's new Copilot app team") is not a name and makes no unit by itself.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "named": ("en", "Some OpenAI staff may follow Nora Vale to Microsoft's new Vision Research Lab, a memo said."),
    "described": ("en", "Some OpenAI staff may follow Nora Vale to Microsoft's new research lab, a memo said."),
    "product_team": ("en", "Microsoft's new Copilot app team shipped a feature to customers last week."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="unit")


def test_a_named_new_unit_of_a_possessor(facts) -> None:
    find_fact(facts["named"], org="Microsoft", name="Vision Research Lab")


def test_a_described_new_unit_is_no_name(facts) -> None:
    assert not facts["described"]
    assert not facts["product_team"]
