"""Names as a reader writes them: titles before a name, dotted company names, descriptions, places.

Sentences of our own, each in a short article that is plainly about the AI industry.
"""

from __future__ import annotations

from typing import Any

from mercato.extract import extract_documents
from mercato.model import Document

LEAD = "The AI talent war between OpenAI, Meta and Google keeps heating up in Silicon Valley."


def _facts(sentence: str, lang: str = "en") -> list[dict[str, Any]]:
    text = f"{LEAD}\n\n{sentence}\n"
    doc = Document(source="t.txt", raw_text=text, text=text, lang=lang, id=1)
    (ex,) = extract_documents([doc])
    return [dict(f.attrs, type=f.type) for f in ex.facts]


def _mentions(sentence: str, lang: str = "en") -> dict[str, str]:
    """The mentions of one sentence, resolved as in a document: name -> kind."""
    from mercato.extract import deps
    from mercato.extract.entities import find_entities, resolve
    from mercato.extract.lexicon import load_lexicon
    from mercato.extract.nlp import get_nlp

    doc = get_nlp(lang)(sentence.replace("’", "'"))
    ents = find_entities(doc, 0, deps.get_kb(), load_lexicon(lang))
    resolve(ents, [])
    return {e.name: e.kind for e in ents if not e.anaphor}


def test_a_title_written_before_a_name_is_not_part_of_it() -> None:
    facts = _facts("General Counsel Tomas Brandt left Orbitex to join Quorum Labs.")
    moves = [f for f in facts if f["type"] == "move"]
    assert [m["person"] for m in moves] == ["Tomas Brandt"]
    assert moves[0]["to_org"] == "Quorum Labs"


def test_a_title_with_a_department_word_before_a_name_is_not_part_of_it() -> None:
    # "Research" is also an organization's word: it must not keep the title on the name
    from mercato.extract.name_shape import after_title
    from mercato.extract.nlp import get_nlp

    nlp = get_nlp("en")
    assert after_title(nlp("VP Research Tomas Okoro"), 0, 4) == 2
    assert after_title(nlp("Data Robotics Inc"), 0, 3) == 0  # a title word opening an organization's name
    names = _mentions("Quillon lost several leaders this year, including its VP Research Tomas Okoro.")
    assert names.get("Tomas Okoro") == "person" and "Research" not in names


def test_a_title_alone_is_neither_an_organization_nor_a_person() -> None:
    names = _mentions("Nora Vale becomes the new Chief Technologist at Quillon, and Ivo Brandt its Chief Scientist.")
    assert not any(n in names for n in ("Technologist", "Chief Technologist", "Scientist", "Chief Scientist"))
    fr = _facts("Nora Vale, cofondatrice et Chief Scientist, a annoncé son départ de Quillon AI.", lang="fr")
    assert [(m["person"], m["from_org"]) for m in fr if m["type"] == "move"] == [("Nora Vale", "Quillon AI")]


def test_a_dotted_company_name_is_one_name_and_does_not_end_the_sentence() -> None:
    facts = _facts("Lena Okafor left Vexa.AI to join Quorum Labs as chief scientist.")
    (move,) = [f for f in facts if f["type"] == "move"]
    assert (move["person"], move["from_org"], move["to_org"]) == ("Lena Okafor", "Vexa.AI", "Quorum Labs")


def test_a_description_before_a_name_is_not_the_name() -> None:
    facts = _facts("Last spring, Nvidia acquired Danish AI company Brightloop Systems.")
    (deal,) = [f for f in facts if f["type"] == "investment"]
    assert (deal["investor"], deal["target"], deal["kind"]) == ("Nvidia", "Brightloop Systems", "acquisition")


def test_a_place_owning_a_company_only_locates_it() -> None:
    facts = _facts("Microsoft will invest $2 billion in Singapore's Quantaflow, the companies said.")
    (deal,) = [f for f in facts if f["type"] == "investment"]
    assert (deal["investor"], deal["target"]) == ("Microsoft", "Quantaflow")
    assert deal["amount_usd"] == 2_000_000_000


def test_typographic_apostrophes_match_the_word_lists() -> None:
    from mercato.extract.lexicon import words_re

    rx = words_re(["l'entreprise", "la société"])
    assert rx.findall("Puis l’entreprise, puis l'entreprise.") == ["l’entreprise", "l'entreprise"]


def test_curly_and_straight_apostrophes_give_the_same_facts() -> None:
    text = (
        "Quorum Labs, une start-up parisienne, a levé 30 millions d’euros auprès d’Orbitex Ventures. "
        "L’entreprise a recruté Claire Vasseur, l’ancienne directrice de recherche d’Orbitex."
    )
    curly = _facts(text, lang="fr")
    straight = _facts(text.replace("’", "'"), lang="fr")
    assert curly and curly == straight


def test_a_round_name_with_the_amount_glued_on_is_not_the_company() -> None:
    facts = _facts("Nvidia put money into Quantaflow in its $125M Series B round led by Lumen Ventures.")
    deals = [f for f in facts if f["type"] == "investment"]
    assert deals and {d["target"] for d in deals} == {"Quantaflow"}
    assert ("Lumen Ventures", "Quantaflow") in {(d["investor"], d["target"]) for d in deals}


def test_backers_of_a_round_do_not_receive_it() -> None:
    facts = _facts(
        "Last year, Quorum Labs raised another $80 million from investors including Spark Capital and Cisco."
    )
    pairs = {(f["investor"], f["target"]) for f in facts if f["type"] == "investment"}
    assert {("Spark Capital", "Quorum Labs"), ("Cisco", "Quorum Labs"), (None, "Quorum Labs")} <= pairs
    assert not any(target in ("Spark Capital", "Cisco") for _, target in pairs)


def test_a_chip_or_a_model_is_never_a_person_or_a_party() -> None:
    names = _mentions("Vexa Robotics trains on the Z900 GPU, on its Kestrel Processing Unit and on the Orla chip.")
    assert not any(n in names for n in ("Z900 GPU", "Z900", "Kestrel Processing Unit", "Orla"))
    facts = _facts("Tomas Okoro helped build the Kestrel Processing Unit at Vexa before founding Quillon in 2021.")
    assert {m["person"] for m in facts if m["type"] == "move"} <= {"Tomas Okoro"}
    fr = _facts("L'entreprise derrière le chatbot Orla 2, Quillon, a levé 40 millions de dollars auprès de Vexa.", "fr")
    assert all(f["target"] != "Orla 2" for f in fr if f["type"] == "investment")


def test_a_name_with_a_digit_may_be_an_organization_but_not_a_person() -> None:
    from mercato.extract.mention import Ent

    assert not Ent(0, 2, 0, 6, "Pro D2", "Pro D2", "any").fits("person")
    assert Ent(0, 2, 0, 6, "Pro D2", "Pro D2", "any").fits("org")
    facts = _facts("Vexa Capital invested $1 billion in K42 last year, the companies said.")
    assert ("Vexa Capital", "K42") in {(f["investor"], f["target"]) for f in facts if f["type"] == "investment"}


def test_a_name_right_after_a_lowercase_organization_noun_is_an_organization() -> None:
    assert _mentions("Last year the startup Quillon hired Nora Vale away from Vexa.").get("Quillon") == "org"
    fr = _mentions("C'est au tour de la licorne française Quellis de recruter Nora Vale chez Vexa.", "fr")
    assert fr.get("Quellis") == "org"
    # the subject of a clause after the noun is no organization: "the company Ivo Brandt founded"
    assert _mentions("Nora Vale left the company Ivo Brandt founded in 2019.").get("Ivo Brandt") != "org"


def test_a_news_outlet_is_media_however_its_article_is_written() -> None:
    assert _mentions("Quillon hired Nora Vale from Vexa, per the FT.").get("FT") == "media"
    fr = _mentions("Mais selon the Information, Quillon a recruté Nora Vale chez Vexa.", "fr")
    assert fr.get("The Information") == "media" and "Information" not in fr
    facts = _facts("Vexa poached Nora Vale from Quillon, the FT reported on Monday.")
    assert all("FT" not in (f.get("to_org"), f.get("from_org")) for f in facts if f["type"] == "move")


def test_a_name_with_a_web_ending_is_one_organization_even_when_tagged_a_place() -> None:
    assert (
        _mentions("Vexa also brought Lyon-based Kora and Santa Clara-based Quill.ai into the fold.").get("Quill.ai")
        == "org"
    )
    assert (
        _mentions("Nora Vale a rejoint le laboratoire de Brenn.com après un passage chez Vexa.", "fr").get("Brenn.com")
        == "org"
    )


def test_a_country_or_a_city_is_no_party() -> None:
    names = _mentions("Vexa Capital will invest $300 million in China and open an office in Londres.")
    assert "China" not in names and names.get("Vexa Capital") == "org"
    fr = _facts("Quillon a levé 20 millions d'euros en France auprès de Vexa Ventures.", "fr")
    assert all(f["target"] != "France" for f in fr if f["type"] == "investment")
