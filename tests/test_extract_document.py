"""Document-level reasoning: what an article says elsewhere fills the parties a sentence leaves implicit.

Every text here is written for these tests: a subject company named in the headline and lead, people
described in one sentence and moving in another, "the company"/"l'entreprise" pointing back.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from mercato.extract import extract_documents
from mercato.extract.document import DocModel
from mercato.model import Document

CASES: dict[str, tuple[str, str]] = {
    # a departure and an arrival whose organization is only the article's subject
    "subject_en": (
        "en",
        "Orbitex reshuffles its artificial intelligence leadership\n\n"
        "Orbitex, the San Francisco AI startup building robot brains, announced two changes on Monday. "
        "Orbitex said its AI models now power warehouse robots.\n\n"
        "Former Lumina executive Dana Whitfield joins as chief product officer. "
        "Separately, chief scientist Paul Renner announced his departure after a year. "
        "Ten researchers joined the ranks this year.",
    ),
    "subject_fr": (
        "fr",
        "Kelvio remanie sa direction dans l'intelligence artificielle\n\n"
        "Kelvio, la start-up parisienne d'IA générative, a annoncé lundi deux changements. "
        "Kelvio entraîne ses modèles de langage sur des données industrielles.\n\n"
        "Dans un message publié lundi, Hugo Marchand annonce son départ.",
    ),
    # "the company" is the subject of the sentence before, not the organization named most
    "anaphor_fr": (
        "fr",
        "Le géant américain Vantor Systems domine l'IA générative. Vantor Systems a recruté des chercheurs. "
        "Vantor Systems investit.\n\n"
        "Lumio, une start-up lyonnaise spécialisée en intelligence artificielle, a levé 20 millions d'euros. "
        "L'entreprise a également recruté Claire Dubois au poste de directrice technique.",
    ),
    # the subject of the anaphor's own clause, or an organization in a person's apposition, is never
    # what "the firm"/"the company" means
    "own_clause_en": (
        "en",
        "Brightwave is an AI startup that builds coding models.\n\n"
        "Brightwave relies on chips from Korvan, which invested $2 billion in the firm last year. "
        "Ana Ruiz, former CEO of Deltaline, will join the company as its first chief financial officer.",
    ),
    # no organization stands out: nothing is filled
    "no_subject_en": (
        "en",
        "Korvan and Deltaline race to build AI models\n\n"
        "Korvan and Deltaline both train large language models. Korvan and Deltaline compete for AI researchers.\n\n"
        "Researcher Tom Baker announced his departure on Friday.",
    ),
    # a destination of the verb's own ("the board of a charity") is not the article's subject
    "own_object_en": (
        "en",
        "Orbitex expands its AI robotics business\n\n"
        "Orbitex, the San Francisco AI startup, announced record sales. Orbitex builds AI models for robots.\n\n"
        "Chief scientist Paul Renner joined the board of a local charity in March.",
    ),
    # "they" / "tous" stands for the people listed just before; the group they formed is those people only
    "plural_en": (
        "en",
        "Orbitex hires two AI researchers\n\n"
        "Orbitex, the San Francisco AI startup, is growing fast. Orbitex builds AI models for robots.\n\n"
        "Maya Chen and Luis Ortega spent five years building language models. They joined Orbitex in March.",
    ),
    "plural_fr": (
        "fr",
        "Les chercheurs en IA quittent Vantor Systems, le géant de l'intelligence artificielle générative.\n\n"
        "Les noms parlent d'eux-mêmes : Julie Martin, experte en modèles de langage ; Paul Girard, ancien "
        "chercheur en IA. "
        "Tous ont choisi de quitter Vantor Systems pour rejoindre Lumio Robotics.",
    ),
    # "the startup" is no incumbent (data/incumbents.yaml), however often the incumbent is named
    "startup_en": (
        "en",
        "Lumio Robotics raises $20 million for AI chips\n\n"
        "Microsoft invested $20 million in Lumio Robotics, a chip designer from Lyon. "
        "Microsoft said the deal strengthens its AI cloud. Microsoft also trains large language models. "
        "The startup will hire Claire Dubois as chief technology officer.",
    ),
    # "her company" is the company the article ties her to, in another sentence
    "possessive_en": (
        "en",
        "Brightwave Labs builds AI coding models\n\n"
        "Lena Park, the founder of Brightwave Labs, said the startup trains large language models for code. "
        "Delta Fund took a stake in her company last year, she said.",
    ),
    # the hirer's employer is given in another sentence
    "hirer_en": (
        "en",
        "Orbitex grows its AI research team\n\n"
        "Orbitex, the San Francisco AI startup, is growing. Sam Ortiz, the chief executive of Orbitex, wants "
        "more AI researchers.\n\nOrtiz hired Maya Chen from Lumina Labs in May.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    docs = [Document(source=name, raw_text=text, text=text, lang=lang) for name, (lang, text) in CASES.items()]
    out = extract_documents(docs)
    return {name: [f.to_contract() for f in ext.facts] for name, ext in zip(CASES, out, strict=True)}


def _moves(rows: list[dict[str, Any]]) -> set[tuple[Any, Any, Any]]:
    return {(r["person"], r["from_org"], r["to_org"]) for r in rows if r["type"] == "move"}


def test_a_departure_and_an_arrival_without_an_organization_are_the_subject_companys(facts) -> None:
    moves = _moves(facts["subject_en"])
    assert ("Dana Whitfield", "Lumina", "Orbitex") in moves
    assert ("Paul Renner", "Orbitex", None) in moves
    groups = [(r["count"], r["to_org"]) for r in facts["subject_en"] if r["type"] == "move" and not r["person"]]
    assert groups == [(10, "Orbitex")]  # a sentence naming no one: the group joins the article's subject


def test_a_french_departure_leaves_the_company_the_article_is_about(facts) -> None:
    assert ("Hugo Marchand", "Kelvio", None) in _moves(facts["subject_fr"])


def test_l_entreprise_is_the_subject_of_the_sentence_before_not_the_most_named(facts) -> None:
    moves = _moves(facts["anaphor_fr"])
    assert any(p == "Claire Dubois" and to == "Lumio" for p, _, to in moves), moves
    assert not any(p == "Claire Dubois" and to == "Vantor Systems" for p, _, to in moves)


def test_an_anaphor_skips_the_subject_of_its_own_clause_and_a_persons_apposition(facts) -> None:
    rows = facts["own_clause_en"]
    deals = {(r["investor"], r["target"]) for r in rows if r["type"] == "investment"}
    assert ("Korvan", "Brightwave") in deals
    moves = _moves(rows)
    assert any(p == "Ana Ruiz" and to == "Brightwave" for p, _, to in moves), moves


def test_with_no_clear_subject_a_bare_departure_gives_no_fact(facts) -> None:
    assert not _moves(facts["no_subject_en"])


def test_a_move_with_its_own_object_is_not_given_the_subject(facts) -> None:
    assert not any(p == "Paul Renner" for p, _, _ in _moves(facts["own_object_en"]))


def test_the_subject_must_lead_the_other_organizations_clearly() -> None:
    model = DocModel()
    assert model.subject is None
    model.salience.update({"Orbitex": 7, "Lumina": 3})
    model.mentions.update({"Orbitex": 3, "Lumina": 2})
    model.lead_named.update({"Orbitex", "Lumina"})
    assert model.subject == "Orbitex"
    model.salience["Lumina"] = 6  # within the margin: no subject
    assert model.subject is None
    model.salience["Lumina"] = 3
    model.lead_named.discard("Orbitex")  # not named in the headline or lead: not what the article is about
    assert model.subject is None


def test_a_former_title_is_where_a_person_was_not_where_they_work() -> None:
    model = DocModel()
    model.employers["Ana Ruiz"] = Counter({"Deltaline": 1, "Brightwave": 1})
    model.former["Ana Ruiz"] = {"Deltaline"}
    assert model.employer("Ana Ruiz") == "Brightwave"
    assert model.left("Ana Ruiz") == {"Deltaline"}


def test_they_are_the_people_listed_before_and_their_group_is_only_them(facts) -> None:
    rows = facts["plural_en"]
    assert {("Maya Chen", None, "Orbitex"), ("Luis Ortega", None, "Orbitex")} <= _moves(rows)
    assert not [r for r in rows if r["type"] == "move" and r["person"] is None], rows  # "two researchers"


def test_tous_are_the_people_listed_before_each_moving(facts) -> None:
    moves = _moves(facts["plural_fr"])
    assert {
        ("Julie Martin", "Vantor Systems", "Lumio Robotics"),
        ("Paul Girard", "Vantor Systems", "Lumio Robotics"),
    } <= (moves), moves


def test_the_startup_is_not_the_incumbent_named_most(facts) -> None:
    moves = _moves(facts["startup_en"])
    assert any(p == "Claire Dubois" and to == "Lumio Robotics" for p, _, to in moves), moves
    assert not any(p == "Claire Dubois" and to == "Microsoft" for p, _, to in moves)


def test_her_company_is_the_one_the_article_ties_her_to(facts) -> None:
    deals = {(r["investor"], r["target"]) for r in facts["possessive_en"] if r["type"] == "investment"}
    assert ("Delta Fund", "Brightwave Labs") in deals, deals


def test_a_person_hires_for_the_employer_the_article_gives_them(facts) -> None:
    assert ("Maya Chen", "Lumina Labs", "Orbitex") in _moves(facts["hirer_en"])
