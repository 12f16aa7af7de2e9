"""The knowledge base: aliases to canonical names, found fast in running text."""

from __future__ import annotations

from mercato.link.kb import KnowledgeBase, get_kb


def test_aliases_resolve_to_canonical_names():
    kb = get_kb()
    for alias in ("Meta Platforms Inc.", "Facebook's parent", "la maison mère de Facebook", "META.O", "meta"):
        assert kb.canonical(alias) == "Meta", alias
    assert kb.canonical("DeepMind") == "Google DeepMind"
    assert kb.canonical("Yann Le Cun") == "Yann LeCun" and kb.kind("Yann Le Cun") == "person"
    assert kb.canonical("Some New Startup") is None
    assert kb.maker("ChatGPT") == "OpenAI" and kb.canonical("ChatGPT") is None
    assert kb.role_holder("ceo", "OpenAI") == "Sam Altman"


def test_find_prefers_the_longest_name_and_respects_case_for_short_aliases():
    text = (
        "Google DeepMind and Microsoft Corporation lost staff to Scale AI; the meta question of scale remains. X hired."
    )
    found = [(m.text, m.canonical) for m in get_kb().find(text)]
    assert found == [
        ("Google DeepMind", "Google DeepMind"),
        ("Microsoft Corporation", "Microsoft"),
        ("Scale AI", "Scale AI"),
        ("X", "X"),
    ]


def test_a_kb_is_data():
    kb = KnowledgeBase({"orgs": [{"name": "Acme AI", "aliases": ["Acme"], "exact": ["AA"]}], "people": []})
    assert [m.canonical for m in kb.find("acme and AA, not aa")] == ["Acme AI", "Acme AI"]


def test_a_name_written_without_its_spaces_is_the_same_name():
    """ "ScaleAI", "HuggingFace": the press runs a name's words together; it is still that organization."""
    kb = get_kb()
    assert kb.canonical("ScaleAI") == "Scale AI" and kb.canonical("Scale AI") == "Scale AI"
    assert [(m.text, m.canonical) for m in kb.find("Alexandr Wang de ScaleAI, MistralAI et Open AI.")] == [
        ("Alexandr Wang", "Alexandr Wang"),
        ("ScaleAI", "Scale AI"),
        ("MistralAI", "Mistral AI"),
        ("Open AI", "OpenAI"),
    ]
    assert kb.canonical("Scaleable") is None
