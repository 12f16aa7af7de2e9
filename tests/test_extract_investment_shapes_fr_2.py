"""More French investment shapes, one per test, on sentences of our own: "the company" resolved
past a verb ("les actionnaires de l'entreprise sont A"), a company's name the tagger reads as a
common noun at a sentence's start ("Pinceau, une startup française, a levé"), backers listed in
parentheses after the backer noun ("les investisseurs déjà présents (A, B et C)"), entering a
company's capital ("A est entré au capital de Nova", "Nova fait entrer à son capital A"), the owner
of a backer noun past its description ("A est l'un des actionnaires de la start-up Nova"), a list
going on with the backers the sentence before named ("On retrouve aussi les fonds C et D"), a round
in a relative clause hung on a name in passing ("cofondatrice de Nova, startup qui a bouclé"), a round
after the main clause ("Nova est valorisée à X après un tour de Y"), and negative
cases where a shape could misfire.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "actionnaires_de_l_entreprise_sont": (
        "fr",
        "Nuvex investit 1 milliard de dollars dans Quillon AI. Nuvex devient ainsi un partenaire de Quillon AI, "
        "selon Nuvex.\nDésormais, Quillon AI utilisera aussi les services de Nuvex. Les autres actionnaires de "
        "l'entreprise sont Marlow, un fonds d'investissement de Dubaï, et Tessel Capital, un fonds américain.",
    ),
    "la_start_up_nommee": (
        "fr",
        "Nuvex investit 1 milliard de dollars dans Quillon AI. Nuvex devient ainsi un partenaire de Quillon AI.\n"
        "La start-up Brava Labs a levé 12 millions d'euros auprès de Marlow.",
    ),
    # "Pinceau" is a common noun to the tagger: the apposition closed before the verb makes it a name
    "nom_commun_en_tete": (
        "fr",
        "Pinceau, une startup française spécialisée dans la robotique, a levé 30 millions d'euros auprès de "
        "Marlow Capital.",
    ),
    "nom_commun_sans_apposition_close": (
        "fr",
        "Pinceau, une startup française a levé 30 millions d'euros auprès de Marlow Capital.",
    ),
    "investisseurs_entre_parentheses": (
        "fr",
        "Quillon AI a levé 80 millions d'euros mardi. En plus des investisseurs déjà présents (Marlow, Tessel "
        "Capital et Brava Partners), qui ont tous suivi, Quillon AI accueille un nouveau fonds.",
    ),
    "parentheses_apres_une_proposition": (
        "fr",
        "Quillon AI a levé 80 millions d'euros mardi. Les investisseurs saluent la nouvelle (selon Marlow et "
        "Tessel Capital).",
    ),
    "entre_au_capital": ("fr", "Le fonds Marlow Capital est entré au capital de Quillon AI en juin dernier."),
    "fait_entrer_a_son_capital": (
        "fr",
        "Quillon AI a levé 80 millions d'euros mardi. En plus de ses actionnaires, Quillon AI fait entrer à son "
        "capital le fonds de Nora Vale, ancienne dirigeante de Brava.",
    ),
    "ouvrir_son_capital_conseil": ("fr", "Nora Vale conseille à Quillon AI d'ouvrir son capital à Marlow Capital."),
    "l_un_des_actionnaires_de": (
        "fr",
        "Marlow Capital est l'un des principaux actionnaires de la start-up Quillon AI.",
    ),
    "soutiens_de_son_concurrent": (
        "fr",
        "Nuvex vend du cloud à Brava Labs. Si Nuvex est le fournisseur de Brava Labs, c'est aussi l'un des "
        "principaux soutiens de son concurrent Quillon AI, qui utilise ses serveurs.",
    ),
    "actionnaires_puis_on_retrouve": (
        "fr",
        "Quillon AI a été fondée en 2023. Quillon AI vend des robots. Parmi les actionnaires de Quillon AI, "
        "Nora Vale, présidente de Brava, et Tomas Brandt. On retrouve aussi les fonds d'investissement "
        "américains Marlow Capital et Tessel Partners, très impliqués.",
    ),
    "on_retrouve_des_clients": (
        "fr",
        "Marlow Capital a investi 10 millions d'euros dans Quillon AI. On retrouve aussi Tessel Partners et "
        "Brava Labs parmi ses clients.",
    ),
    "relative_apres_une_apposition": (
        "fr",
        "Selon Nora Vale, cofondatrice de Quillon AI, startup tricolore qui a bouclé une série C de 70 millions "
        "de dollars en juin dernier, le marché est porteur.",
    ),
    "relative_d_une_personne": (
        "fr",
        "Selon Nora Vale, qui a bouclé une série C de 70 millions de dollars en juin dernier, le marché est porteur.",
    ),
    "valorisee_apres_un_tour": (
        "fr",
        "Quillon AI est valorisée à 12 milliards d'euros après un tour de table de 600 millions d'euros mené par "
        "Marlow Capital.",
    ),
    "quitte_apres_une_levee": (
        "fr",
        "Nora Vale a quitté Quillon AI après une levée de fonds de 600 millions d'euros.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def test_company_noun_before_a_verb_is_the_subject_before(facts: dict[str, list[dict[str, Any]]]) -> None:
    # "l'entreprise sont Marlow": the verb says what its shareholders are; "l'entreprise" is the company
    # the paragraph was about, not the most named one
    rows = facts["actionnaires_de_l_entreprise_sont"]
    for investor in ("Marlow", "Tessel Capital"):
        f = find_fact(rows, investor=investor, target="Quillon AI")
        assert f["kind"] == "investment" and f["amount_usd"] is None and f["status"] == "done"
    assert not [r for r in rows if r["target"] == "Nuvex"]


def test_company_noun_right_before_its_name_is_that_name(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["la_start_up_nommee"], kind="funding", target="Brava Labs")
    assert f["amount_usd"] == pytest.approx(13_900_000, rel=0.1)


def test_common_noun_opening_a_sentence_named_by_an_apposition(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["nom_commun_en_tete"]
    assert find_fact(rows, kind="funding", target="Pinceau")["amount_usd"] == pytest.approx(34_800_000, rel=0.1)
    assert find_fact(rows, investor="Marlow Capital", target="Pinceau")["status"] == "done"


def test_common_noun_opening_with_no_closed_apposition_is_no_name(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["nom_commun_sans_apposition_close"] if r["target"] == "Pinceau"]


def test_backers_listed_in_parentheses_after_the_noun(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["investisseurs_entre_parentheses"]
    for investor in ("Marlow", "Tessel Capital", "Brava Partners"):
        f = find_fact(rows, investor=investor, target="Quillon AI")
        assert f["kind"] == "investment" and f["amount_usd"] is None and f["status"] == "done"


def test_parentheses_after_a_clause_name_no_backer(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["parentheses_apres_une_proposition"] if r["investor"]]


def test_entering_the_capital_of_a_company(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["entre_au_capital"], investor="Marlow Capital", target="Quillon AI")
    assert f["kind"] == "investment" and f["status"] == "done"


def test_company_admitting_a_backer_to_its_capital(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["fait_entrer_a_son_capital"], investor="Nora Vale", target="Quillon AI")
    assert f["kind"] == "investment" and f["amount_usd"] is None


def test_capital_opening_only_advised_is_no_investment(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not facts["ouvrir_son_capital_conseil"]


def test_copula_makes_the_subject_a_backer_of_the_noun_s_owner(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["l_un_des_actionnaires_de"], investor="Marlow Capital", target="Quillon AI")
    assert f["kind"] == "investment" and f["amount_usd"] is None


def test_owner_of_the_backer_noun_backs_no_one(facts: dict[str, list[dict[str, Any]]]) -> None:
    # "les soutiens de son concurrent Quillon AI": Quillon AI is whose backers they are
    assert not [r for r in facts["soutiens_de_son_concurrent"] if r["investor"] == "Quillon AI"]


def test_list_after_named_backers_goes_on(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["actionnaires_puis_on_retrouve"]
    for investor in ("Nora Vale", "Tomas Brandt", "Marlow Capital", "Tessel Partners"):
        f = find_fact(rows, investor=investor, target="Quillon AI")
        assert f["kind"] == "investment" and f["amount_usd"] is None and f["status"] == "done"


def test_list_with_no_money_after_an_investment_names_no_backer(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["on_retrouve_des_clients"] if r["investor"] in ("Tessel Partners", "Brava Labs")]


def test_round_in_a_relative_clause_on_a_name_in_passing(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["relative_apres_une_apposition"], kind="funding", target="Quillon AI")
    assert f["amount_usd"] == pytest.approx(70_000_000, rel=0.1) and f["status"] == "done"


def test_round_in_a_relative_clause_on_a_person_has_no_target(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["relative_d_une_personne"] if r["target"] == "Nora Vale"]


def test_round_after_the_main_clause_is_its_subject_s(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["valorisee_apres_un_tour"]
    f = find_fact(rows, kind="funding", target="Quillon AI")
    assert f["amount_usd"] == pytest.approx(696_000_000, rel=0.1)  # the round, not the valuation
    assert find_fact(rows, investor="Marlow Capital", target="Quillon AI")["amount_usd"] is None


def test_round_after_a_person_s_departure_names_no_raiser(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["quitte_apres_une_levee"] if r["kind"] == "funding"]
