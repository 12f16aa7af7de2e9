"""Move shapes beyond the plain "X joined Y": founding, co-founders, idioms, memberships, role changes.

One short article per shape (a lead sentence about the AI industry keeps it in scope, then the
sentences under test, all written for these tests), extracted in one batch per call as the
pipeline does, and the move facts a reader would take from it.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

LEAD = {
    "en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    "founded_en": ("en", "Lena Ward founded Orbit Labs in 2021."),
    "founded_fr": ("fr", "Paul Martin a fondé Nexa Robotique en 2019."),
    "cofounded_with_en": ("en", "Lena Ward co-founded Orbit Labs in 2020 with venture investor Tom Reyes."),
    "cofounded_with_fr": (
        "fr",
        "Paul Martin a cofondé Nexa Robotique en 2019 avec notamment Inès Moreau et Hugo Petit.",
    ),
    "fronted_participle_en": ("en", "Founded in 2021 by Lena Ward and Tom Reyes, Orbit Labs sells coding agents."),
    "fronted_participle_fr": (
        "fr",
        "Fondée en 2016 par Paul Martin et Inès Moreau, Nexa Robotique développe des modèles d'IA pour l'industrie.",
    ),
    "launch_company_en": ("en", "Lena Ward launched Orbit Labs last year."),
    "launch_product_en": ("en", "Lena Ward launched Llama 4 in April. Tom Reyes launched the new chip."),
    "founding_adjective_en": ("en", "Lena Ward was one of Orbit Labs' founding members."),
    "aside_parenthesis_fr": (
        "fr",
        "Fondée en 2016, Nexa Robotique (à ne pas confondre avec la société de Paul Martin) conçoit des puces.",
    ),
    "idioms_en": (
        "en",
        "Lena Ward came on board at Orbit Labs in May. Tom Reyes signed on with Anthropic last week. "
        "Nina Cole stepped down from Vela Labs.",
    ),
    "idioms_fr": (
        "fr",
        "Paul Martin a plié bagage pour Anthropic. Inès Moreau est passée chez Mistral AI en mars. "
        "Hugo Petit a quitté le navire Nexa Robotique.",
    ),
    "serve_as_en": (
        "en",
        "Lena Ward, a former Google engineer, will serve as Orbit Labs' chief scientist. "
        "Tom Reyes took on the role of CTO at Vela Labs.",
    ),
    "relieve_fr": (
        "fr",
        "Chez Nexa Robotique, Paul Martin et Inès Moreau prendront la relève en tant que co-PDG par intérim.",
    ),
    "departures_including_en": (
        "en",
        "The exit follows a series of departures from Orbit Labs, including that of former CTO Lena Ward, "
        "VP Research Tom Reyes and chief scientist Nina Cole.",
    ),
    "dash_list_en": (
        "en",
        "Last month, two key leaders departed Orbit Labs – cofounder Lena Ward and researcher Tom Reyes.",
    ),
    "departure_dont_fr": ("fr", "Nexa Robotique a connu plusieurs départs, dont celui de Paul Martin."),
    "additions_include_en": (
        "en",
        "Orbit Labs hired ten people this spring. "
        "Other notable additions include Google alums Lena Ward and Tom Reyes.",
    ),
    "departure_noun_speaker_en": (
        "en",
        "Tom Reyes denied any link between the departure of three executives and the restructuring of Orbit Labs. "
        "Lena Ward announced her departure from Vela Labs on Monday.",
    ),
    "campaign_en": (
        "en",
        "Orbit Labs denies poaching claims made by Vela Labs. "
        "Orbit Labs launched a recruitment campaign aimed at Google engineers.",
    ),
    "purpose_fr": (
        "fr",
        "Nexa Robotique s'est lancée dans une vaste opération de débauchage pour attirer les talents de Google. "
        "Les primes proposées par Vela pour recruter des experts n'ont pas eu d'effet.",
    ),
    "now_title_en": (
        "en",
        "Recent exits include research scientist Lena Ward, now CEO of Orbit Labs. "
        "Nina Cole, a former Google engineer, now chief scientist at Vela Labs, spoke on Monday. "
        "Tom Reyes, now 45, lives in Paris.",
    ),
    "now_title_fr": ("fr", "Parmi eux figure le chercheur Paul Martin, aujourd'hui PDG de Nexa Robotique."),
    "appointed_of_en": (
        "en",
        "Tom Reyes has been appointed senior vice president and general manager of Orbit Labs' robotics group.",
    ),
    "appointed_list_en": (
        "en",
        "Orbit Labs has appointed its chief operating officer Lena Ward, and chief technology officer Tom Reyes, "
        "as interim co-CEOs.",
    ),
    "descriptor_name_fr": (
        "fr",
        "En septembre, Nexa Robotique a embauché Paul Martin, ancien directeur financier de Vela d'Inès Moreau, "
        "en tant que directeur financier.",
    ),
    "layoffs_en": (
        "en",
        "Orbit Labs laid off 600 engineers in May. More than 2,000 employees were laid off by Vela Labs. "
        "Nexa Corp fired its CEO Lena Ward.",
    ),
    "layoffs_fr": (
        "fr",
        "Nexa Robotique a licencié 10 000 salariés. Vela Labs procédait encore à des licenciements. "
        "Le conseil d'Orbit Labs a limogé son PDG Paul Martin, Inès Moreau a annoncé la nouvelle.",
    ),
    "bring_in_en": (
        "en",
        "In July, Orbit Labs announced an agreement to bring in Lena Ward, co-founder and CEO of Vela Labs, "
        "and other employees.",
    ),
    "titled_subjects_en": (
        "en",
        "Vela CEO Lena Ward, CTO Tom Reyes, Chief Scientist Nina Cole — all of whom are co-founders of the "
        "company — joined Amazon.",
    ),
    "chaired_en": ("en", "Orbit Fund will be chaired by Lena Ward. Tom Reyes chairs the board of Vela Labs."),
    "cuts_en": (
        "en",
        "Vela Labs has removed its chief product officer, Tom Reyes, in a shakeup. "
        "Orbit Labs is cutting the workforce by tens of thousands.",
    ),
    "cuts_fr": ("fr", "Nexa Robotique va supprimer 300 postes en France."),
    "group_founders_fr": ("fr", "Fondée en 2021 par des anciens d'OpenAI, Nexa Robotique développe des modèles."),
    "group_founders_en": (
        "en",
        "Founded in 2021 by former Orbit Labs employees, including Lena Ward, Vela AI builds chatbots. "
        "Founded by top researchers from OpenAI and Google, Nexa AI sells agents.",
    ),
    "recruitment_by_fr": (
        "fr",
        "Son embauche fait suite au recrutement par Nexa Robotique de Paul Martin, ancien cadre d'Amazon, "
        "en tant que vice-président.",
    ),
    "lost_en": (
        "en",
        "Orbit Labs lost its VP of research, Lena Ward. Vela Labs lost three researchers to Meta last month. "
        "Nexa Corp lost the lawsuit.",
    ),
    "lost_fr": (
        "fr",
        "Nexa Robotique a perdu son directeur scientifique, Paul Martin. Vela a perdu 2 milliards d'euros.",
    ),
    "titled_subjects_fr": (
        "fr",
        "Paul Martin, patron et cofondateur de Vela, ainsi que le président Inès Moreau et d'autres membres clés, "
        "rejoignent les rangs de Nexa Robotique.",
    ),
    "fronted_before_en": ("en", "Before joining Orbit Labs, Lena Ward spent ten years at Google."),
    "fronted_before_fr": ("fr", "Avant de rejoindre Nexa Robotique, Paul Martin a passé dix ans chez Google."),
    "promoted_en": (
        "en",
        "Orbit Labs promoted Nina Cole from scientist to president. "
        "Tom Reyes, the CTO of Vela Labs, will replace Lena Ward as CEO.",
    ),
    "promoted_fr": (
        "fr",
        "Nexa Robotique a promu Inès Moreau au poste de directrice financière. "
        "Hugo Petit remplacera Paul Martin à la tête de Mistral AI.",
    ),
    "companions_before_en": (
        "en",
        "Lena Ward, along with Tom Reyes and key members of their research team, joined Google's AI unit DeepMind.",
    ),
    "left_post_en": (
        "en",
        "Tom Reyes has left his role as vice president at Intel. The report claims Reyes is headed to AMD.",
    ),
    "left_post_fr": ("fr", "Paul Martin a quitté son poste chez Nexa Robotique."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD)


def _moves(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["person"]: r for r in rows if r["type"] == "move" and r["person"]}


def _move(rows: list[dict[str, Any]], person: str, **want: Any) -> dict[str, Any]:
    moves = _moves(rows)
    assert person in moves, rows
    got = moves[person]
    assert {k: got.get(k) for k in want} == want, got
    return got


@pytest.mark.parametrize(
    ("case", "person", "org"),
    [("founded_en", "Lena Ward", "Orbit Labs"), ("founded_fr", "Paul Martin", "Nexa Robotique")],
)
def test_founding_is_a_move_even_with_no_earlier_employer(facts, case: str, person: str, org: str) -> None:
    """ "X founded Y" is a move to Y as founder; the schema does not ask where X came from."""
    got = _move(facts[case], person, to_org=org, from_org=None)
    assert got["role"] in ("founder", "fondateur"), got


def test_cofounders_named_after_with_found_the_company_too(facts) -> None:
    _move(facts["cofounded_with_en"], "Lena Ward", to_org="Orbit Labs")
    _move(facts["cofounded_with_en"], "Tom Reyes", to_org="Orbit Labs", role="founder")
    for person in ("Paul Martin", "Inès Moreau", "Hugo Petit"):
        _move(facts["cofounded_with_fr"], person, to_org="Nexa Robotique", role="fondateur")


@pytest.mark.parametrize(
    ("case", "people", "org"),
    [
        ("fronted_participle_en", ("Lena Ward", "Tom Reyes"), "Orbit Labs"),
        ("fronted_participle_fr", ("Paul Martin", "Inès Moreau"), "Nexa Robotique"),
    ],
)
def test_a_participle_opening_the_sentence_founds_the_subject_after_it(facts, case: str, people, org: str) -> None:
    for person in people:
        _move(facts[case], person, to_org=org)


def test_launch_founds_a_company_but_not_a_product(facts) -> None:
    _move(facts["launch_company_en"], "Lena Ward", to_org="Orbit Labs", role="founder")
    assert not _moves(facts["launch_product_en"]), facts["launch_product_en"]


def test_descriptions_and_asides_are_no_founding(facts) -> None:
    """ "one of its founding members" describes; a name inside a parenthesis founded nothing."""
    assert not _moves(facts["founding_adjective_en"]), facts["founding_adjective_en"]
    assert not _moves(facts["aside_parenthesis_fr"]), facts["aside_parenthesis_fr"]


def test_move_idioms_in_both_languages(facts) -> None:
    """ "came on board at", "signed on with", "stepped down from"; "a plié bagage pour", "est passée chez",
    "a quitté le navire"."""
    en, fr = facts["idioms_en"], facts["idioms_fr"]
    _move(en, "Lena Ward", to_org="Orbit Labs")
    _move(en, "Tom Reyes", to_org="Anthropic")
    _move(en, "Nina Cole", from_org="Vela Labs", to_org=None)
    _move(fr, "Paul Martin", to_org="Anthropic")
    _move(fr, "Inès Moreau", to_org="Mistral AI")
    _move(fr, "Hugo Petit", from_org="Nexa Robotique", to_org=None)


def test_a_role_taken_elsewhere_starts_where_the_text_ties_the_person(facts) -> None:
    """ "X, a former Google engineer, will serve as Acme's chief scientist": from Google to Acme, with the
    title alone; "took on the role of CTO at Vela Labs": a new role in the same place."""
    rows = facts["serve_as_en"]
    _move(rows, "Lena Ward", from_org="Google", to_org="Orbit Labs", role="chief scientist", status="announced")
    _move(rows, "Tom Reyes", from_org="Vela Labs", to_org="Vela Labs", role="CTO")


def test_every_person_taking_over_gets_the_role(facts) -> None:
    rows = facts["relieve_fr"]
    for person in ("Paul Martin", "Inès Moreau"):
        _move(rows, person, from_org="Nexa Robotique", to_org="Nexa Robotique", status="announced")
    assert "Nexa Robotique" not in _moves(rows), rows


@pytest.mark.parametrize(
    ("case", "people"),
    [
        ("departures_including_en", ("Lena Ward", "Tom Reyes", "Nina Cole")),
        ("dash_list_en", ("Lena Ward", "Tom Reyes")),
    ],
)
def test_a_list_of_titled_names_each_leave(facts, case: str, people) -> None:
    """ "departures from X, including that of former CTO A, VP Research B and chief scientist C", "two
    leaders departed X – cofounder A and researcher B": one departure per name, titles between names."""
    for person in people:
        _move(facts[case], person, from_org="Orbit Labs", to_org=None)


def test_a_departure_noun_names_its_holder_not_the_clause_subject(facts) -> None:
    _move(facts["departure_dont_fr"], "Paul Martin", from_org="Nexa Robotique")
    assert "Nexa Robotique" not in _moves(facts["departure_dont_fr"])
    rows = facts["departure_noun_speaker_en"]
    assert "Tom Reyes" not in _moves(rows), rows
    _move(rows, "Lena Ward", from_org="Vela Labs", to_org=None)


def test_newcomers_listed_with_include_join_the_company_of_the_text(facts) -> None:
    """ "Other notable additions include Google alums A and B": each joins the company the text is about."""
    rows = facts["additions_include_en"]
    for person in ("Lena Ward", "Tom Reyes"):
        _move(rows, person, from_org="Google", to_org="Orbit Labs")


@pytest.mark.parametrize("case", ["campaign_en", "purpose_fr"])
def test_campaigns_claims_and_purposes_are_no_moves(facts, case: str) -> None:
    """ "denies poaching claims", "a recruitment campaign", "opération de débauchage pour attirer", "pour
    recruter des experts": attempts and talk, nobody moved."""
    assert not [r for r in facts[case] if r["type"] == "move"], facts[case]


def test_now_with_a_title_is_the_role_held_today(facts) -> None:
    """ "X, now CEO of Y": a move to Y (from where the text ties X before, if it does); "now 45" is no title."""
    rows = facts["now_title_en"]
    _move(rows, "Lena Ward", to_org="Orbit Labs", from_org=None, role="CEO")
    _move(rows, "Nina Cole", from_org="Google", to_org="Vela Labs", role="chief scientist")
    assert "Tom Reyes" not in _moves(rows), rows
    _move(facts["now_title_fr"], "Paul Martin", to_org="Nexa Robotique", role="PDG")


def test_an_appointment_names_its_organization_after_the_title(facts) -> None:
    _move(facts["appointed_of_en"], "Tom Reyes", to_org="Orbit Labs")
    rows = facts["appointed_list_en"]
    for person in ("Lena Ward", "Tom Reyes"):
        _move(rows, person, to_org="Orbit Labs")


def test_a_name_inside_a_descriptor_is_not_hired(facts) -> None:
    rows = facts["descriptor_name_fr"]
    _move(rows, "Paul Martin", to_org="Nexa Robotique")
    assert "Inès Moreau" not in _moves(rows), rows


def test_layoffs_are_group_departures_to_nowhere(facts) -> None:
    """ "laid off 600 engineers" -> count 600 from the subject; "were laid off by X"; "fired its CEO Y" and
    "a limogé son PDG Y" -> Y leaves; "procédait à des licenciements" -> a group with no count."""
    en, fr = facts["layoffs_en"], facts["layoffs_fr"]
    groups = {(r["from_org"], r["count"]) for r in en + fr if r["type"] == "move" and r["person"] is None}
    assert {("Orbit Labs", 600), ("Vela Labs", 2000), ("Nexa Robotique", 10000), ("Vela Labs", None)} <= groups
    assert not [r for r in en + fr if r["type"] == "move" and r["to_org"]], en + fr
    _move(en, "Lena Ward", from_org="Nexa Corp", to_org=None)
    _move(fr, "Paul Martin", from_org="Orbit Labs", to_org=None)
    assert "Inès Moreau" not in _moves(fr), fr


def test_a_phrasal_hire_names_who_comes_after_its_particle(facts) -> None:
    _move(facts["bring_in_en"], "Lena Ward", from_org="Vela Labs", to_org="Orbit Labs")


def test_a_subject_list_with_titles_between_the_names_all_move(facts) -> None:
    """ "Vela CEO A, CTO B, Chief Scientist C ... joined Amazon": each from Vela, none the other's employer."""
    for person in ("Lena Ward", "Tom Reyes", "Nina Cole"):
        _move(facts["titled_subjects_en"], person, from_org="Vela", to_org="Amazon")


def test_a_chair_named_to_come_joins_and_a_sitting_chair_does_not(facts) -> None:
    rows = facts["chaired_en"]
    _move(rows, "Lena Ward", to_org="Orbit Fund", role="chairman", status="announced")
    assert "Tom Reyes" not in _moves(rows), rows


def test_removals_and_job_cuts_are_departures(facts) -> None:
    en = facts["cuts_en"]
    _move(en, "Tom Reyes", from_org="Vela Labs", to_org=None)
    assert {"from_org": "Orbit Labs", "person": None} in [
        {"from_org": r["from_org"], "person": r["person"]} for r in en if r["type"] == "move"
    ], en
    fr = [r for r in facts["cuts_fr"] if r["type"] == "move"]
    assert [(r["from_org"], r["count"], r["to_org"]) for r in fr] == [("Nexa Robotique", 300, None)], fr


def test_an_unnamed_group_founds_the_company_after_the_participle(facts) -> None:
    """ "Fondée par des anciens d'OpenAI, Y": a group move from OpenAI to Y; "by former X employees,
    including A, Y": A founded Y, from X; "researchers from OpenAI and Google": from several places."""
    fr = [r for r in facts["group_founders_fr"] if r["type"] == "move"]
    assert [(r["person"], r["from_org"], r["to_org"]) for r in fr] == [(None, "OpenAI", "Nexa Robotique")], fr
    en = facts["group_founders_en"]
    _move(en, "Lena Ward", from_org="Orbit Labs", to_org="Vela AI", role="founder")
    nexa = [r for r in en if r["type"] == "move" and r["to_org"] == "Nexa AI"]
    assert [(r["person"], r["from_org"]) for r in nexa] == [(None, None)], en


def test_a_hiring_noun_with_its_agent_before_the_name(facts) -> None:
    rows = facts["recruitment_by_fr"]
    _move(rows, "Paul Martin", from_org="Amazon", to_org="Nexa Robotique", role="vice-président")
    assert "Nexa Robotique" not in _moves(rows), rows


def test_losing_people_is_their_departure_and_losing_money_is_not(facts) -> None:
    en = facts["lost_en"]
    _move(en, "Lena Ward", from_org="Orbit Labs", to_org=None)
    groups = [(r["count"], r["from_org"], r["to_org"]) for r in en if r["type"] == "move" and r["person"] is None]
    assert groups == [(3, "Vela Labs", "Meta")], en
    fr = [r for r in facts["lost_fr"] if r["type"] == "move"]
    assert [(r["person"], r["from_org"], r["to_org"]) for r in fr] == [("Paul Martin", "Nexa Robotique", None)], fr


def test_a_french_subject_list_with_ainsi_que_and_titles(facts) -> None:
    rows = facts["titled_subjects_fr"]
    for person in ("Paul Martin", "Inès Moreau"):
        _move(rows, person, to_org="Nexa Robotique")


@pytest.mark.parametrize(
    ("case", "person", "to"),
    [("fronted_before_en", "Lena Ward", "Orbit Labs"), ("fronted_before_fr", "Paul Martin", "Nexa Robotique")],
)
def test_a_move_in_a_clause_opening_the_sentence_is_the_main_subjects(facts, case: str, person: str, to: str) -> None:
    """ "Before joining Acme, X spent ten years at Rival": X moved from Rival to Acme."""
    _move(facts[case], person, from_org="Google", to_org=to)


def test_promotions_and_replacements_are_new_roles_in_the_same_place(facts) -> None:
    en, fr = facts["promoted_en"], facts["promoted_fr"]
    _move(en, "Nina Cole", from_org="Orbit Labs", to_org="Orbit Labs", role="president")
    _move(en, "Tom Reyes", from_org="Vela Labs", to_org="Vela Labs", role="CEO", status="announced")
    _move(fr, "Inès Moreau", from_org="Nexa Robotique", to_org="Nexa Robotique", role="directrice financière")
    _move(fr, "Hugo Petit", from_org="Mistral AI", to_org="Mistral AI", status="announced")
    assert "Paul Martin" not in _moves(fr) and "Lena Ward" not in _moves(en), (en, fr)


def test_companions_named_before_the_verb_move_too(facts) -> None:
    for person in ("Lena Ward", "Tom Reyes"):
        _move(facts["companions_before_en"], person, to_org="Google")


def test_leaving_a_post_leaves_its_place_and_headed_to_is_a_destination(facts) -> None:
    _move(facts["left_post_en"], "Tom Reyes", from_org="Intel", to_org="AMD")
    _move(facts["left_post_fr"], "Paul Martin", from_org="Nexa Robotique", to_org=None)
