"""Knowledge files are validated on load: a misspelt key or a broken pattern names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from mercato.extract.lexicon import PATTERNS_DIR
from mercato.extract.patterns_schema import PatternsFile
from mercato.knowledge import KnowledgeError, load

GOOD = """frames:
  - name: join
    type: move
    verbs: [join]
    agent: person
    patient: to_org
titles: [ceo]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_patterns_of_every_language_are_valid() -> None:
    for path in sorted(PATTERNS_DIR.glob("[a-z][a-z].yaml")):
        assert load(path, PatternsFile).frames, path


def test_a_good_file_loads_with_defaults_for_what_it_leaves_out(tmp_path: Path) -> None:
    spec = load(_write(tmp_path, GOOD), PatternsFile)
    assert spec.frames[0].verbs == ["join"] and spec.titles == ["ceo"] and spec.unit_nouns == []


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (GOOD + "titels: [cto]\n", 8, "titels"),  # a misspelt key: knowledge nobody would apply
        (GOOD.replace("    verbs: [join]", "    verbs: [join]\n    vrebs: [rejoin]"), 5, "vrebs"),
        (GOOD.replace("patient: to_org", "patient: destination"), 6, "patient"),  # no such slot
        (GOOD + "group_nouns: researchers\n", 8, "group_nouns"),  # a string where a list is expected
        (GOOD.replace("    verbs: [join]", '    phrases: ["(?:take|took over"]'), 4, "not a regular expression"),
    ],
)
def test_a_wrong_file_fails_at_load_with_its_path_and_line(tmp_path: Path, text: str, line: int, says: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeError) as err:
        load(path, PatternsFile)
    message = str(err.value)
    assert f"{path}:{line}:" in message and says in message, message


def test_every_loader_reads_its_shipped_file() -> None:
    """Each stage's knowledge loads through the one validating loader (a broken file fails here)."""
    from mercato.clean import lang, text
    from mercato.consolidate import render, roles, topics
    from mercato.extract import amounts, coref
    from mercato.ingest import dates
    from mercato.link.kb import KnowledgeBase
    from mercato.serve import l10n

    assert KnowledgeBase.load().canonical("Facebook") == "Meta"
    assert text._lexicon().max_words > 0 and lang._function_words()
    assert dates._data()[0]["janvier"] == 1
    assert render.money(2e9, "fr") == "2 milliards de dollars"
    assert roles.translate_role("CEO", "fr") == "PDG" and topics.kind_words()["offer"].search("a bonus")
    assert amounts.parse_count("une douzaine", "fr") == 12 and amounts.to_usd(1.0, "EUR", "2024-01-02") == 1.09
    assert "nvidia" in coref._incumbents() and l10n.ui_words("en")["search"] == "Search"


def test_a_misspelt_key_in_the_knowledge_base_is_an_error(tmp_path: Path) -> None:
    from mercato.link.kb import KnowledgeBase

    path = _write(tmp_path, "orgs:\n  - {name: Vela Labs, alias: [Vela]}\n")
    with pytest.raises(KnowledgeError, match=r"xx.yaml:2: orgs.0.alias"):
        KnowledgeBase.load(path)


def _broken_copy(tmp_path: Path, shipped: Path, old: str, new: str) -> Path:
    """A copy of a shipped knowledge file, with ``old`` (found once) replaced by ``new``."""
    text = shipped.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / shipped.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _fails_at(path: Path, model: type[BaseModel], line: int, says: str) -> None:
    with pytest.raises(KnowledgeError) as err:
        load(path, model)
    message = str(err.value)
    assert f"{path}:{line}:" in message and says in message, message


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("\nfigures:", "\nfigurs:", 6, "figurs"),  # a misspelt key
        ("\ndecimal: ", "\ndecimal: 1.5  # ", 5, "decimal"),  # a number where a string is expected
        ("\nwords: {", "\nwords: {zorp: many, ", 3, "words.zorp"),  # a number word that is no number
    ],
)
def test_a_wrong_numbers_file_fails(tmp_path: Path, lang: str, old: str, new: str, line: int, says: str) -> None:
    from mercato.extract.amounts import NUMBERS_DIR, NumbersFile

    assert load(NUMBERS_DIR / f"{lang}.yaml", NumbersFile).scales
    _fails_at(_broken_copy(tmp_path, NUMBERS_DIR / f"{lang}.yaml", old, new), NumbersFile, line, says)


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("{EUR: 1.09,", "{EURO: 1.09,", 4, "EURO"),  # not a currency code
        ("{EUR: 1.09,", "{EUR: high,", 4, "EUR"),  # not a rate
        ('"2024-01-01"', '"2024-13-01"', 4, "2024-13-01"),  # not a date
    ],
)
def test_a_wrong_rates_file_fails_at_load(tmp_path: Path, old: str, new: str, line: int, says: str) -> None:
    from mercato.extract.amounts import RATES_FILE, RatesFile

    assert load(RATES_FILE, RatesFile).root
    _fails_at(_broken_copy(tmp_path, RATES_FILE, old, new), RatesFile, line, says)


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("incumbents: [", "incumbent: [", 3, "incumbent"),  # a misspelt key
        ("incumbents: [Meta, ", "incumbents: [{Meta: 1}, ", 3, "incumbents.0"),  # not a name
    ],
)
def test_a_wrong_incumbents_file_fails_at_load(tmp_path: Path, old: str, new: str, line: int, says: str) -> None:
    from mercato.extract.coref import INCUMBENTS_FILE, IncumbentsFile

    assert "Meta" in load(INCUMBENTS_FILE, IncumbentsFile).incumbents
    _fails_at(_broken_copy(tmp_path, INCUMBENTS_FILE, old, new), IncumbentsFile, line, says)


@pytest.mark.parametrize(
    ("lang", "old", "new", "errors"),
    [
        ("fr", "\nsearch:", "\nserach:", [("fr", 6, "serach: missing from en.yaml"), ("en", 6, "search: missing")]),
        ("en", "\nsearch:", "\nserach:", [("en", 6, "serach: missing from fr.yaml"), ("fr", 6, "search: missing")]),
        ("en", "\nfilter: ", "\nfilter: [Filter]  # ", [("en", 18, "filter: Input should be a valid string")]),
        ("fr", "\nfilter: ", "\nFilter: ", [("fr", 18, "Filter.[key]: String should match pattern")]),
    ],
)
def test_a_wrong_interface_words_file_fails_at_load(
    tmp_path: Path, lang: str, old: str, new: str, errors: list[tuple[str, int, str]]
) -> None:
    """Every language's interface words validate, and all languages have the same keys."""
    from mercato.serve.l10n import UI_WORDS_DIR, load_ui_words

    assert load_ui_words()["fr"]["search"] == "Recherche"
    for other in UI_WORDS_DIR.glob("*.yaml"):
        (tmp_path / other.name).write_bytes(other.read_bytes())
    _broken_copy(tmp_path, UI_WORDS_DIR / f"{lang}.yaml", old, new)
    with pytest.raises(KnowledgeError) as err:
        load_ui_words(tmp_path)
    message = str(err.value)
    for name, line, says in errors:
        assert f"{tmp_path / name}.yaml:{line}: {says}" in message, message


@pytest.mark.parametrize(
    ("lang", "old", "new", "errors"),
    [
        ("fr", "\nperson:", "\npersno:", [("fr", 7, "persno: missing from en.yaml"), ("en", 7, "person: missing")]),
        ("en", "\nfact: [fact, facts]", "\nfact: fact", [("en", 5, "fact: Input should be a valid tuple")]),
        ("fr", "\nsite: [site, sites]", "\nsite: [site, sites, x]", [("fr", 4, "site: Tuple should have at most 2")]),
    ],
)
def test_a_wrong_counted_words_file_fails_at_load(
    tmp_path: Path, lang: str, old: str, new: str, errors: list[tuple[str, int, str]]
) -> None:
    """The words the pages count are data: each a singular and a plural, the same keys in every language."""
    from mercato.serve.l10n import PLURALS_DIR, count, load_plurals

    assert load_plurals()["fr"]["fact"] == ("fait", "faits")
    assert (count(1, "fact", "fr"), count(3, "person", "en"), count(0, "dispute", "fr")) == (
        "1 fait",
        "3 people",
        "0 contestation",
    )
    for other in PLURALS_DIR.glob("*.yaml"):
        (tmp_path / other.name).write_bytes(other.read_bytes())
    _broken_copy(tmp_path, PLURALS_DIR / f"{lang}.yaml", old, new)
    with pytest.raises(KnowledgeError) as err:
        load_plurals(tmp_path)
    message = str(err.value)
    for name, line, says in errors:
        assert f"{tmp_path / name}.yaml:{line}: {says}" in message, message
