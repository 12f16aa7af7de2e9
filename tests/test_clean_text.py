"""The cleaner keeps the article and drops the page around it, with offsets back to the original."""

from __future__ import annotations

from mercato.clean import clean_document, clean_text, detect_language
from mercato.model import Document

PAGE = """Tech
Une start-up lyonnaise recrute une chercheuse de Meta
La start-up lyonnaise Exemplia a recruté une chercheuse venue de Meta pour diriger son équipe de recherche.
portrait.jpg
Partager sur X
La jeune pousse compte tripler son équipe avant l'été, selon sa fondatrice.
-
Région En Ligne 2 jours
Inondations : la préfecture déclenche l'alerte orange
-
Culture En Ligne 1 semaine
Un festival de jazz annonce sa programmation
-
Sport En Ligne 3 jours
Le club remporte le derby"""


def test_keeps_headline_and_body_drops_furniture_and_tail():
    text, _ = clean_text(PAGE)
    assert text.startswith("Tech\n\nUne start-up lyonnaise recrute")
    assert "selon sa fondatrice." in text
    for junk in ("portrait.jpg", "Partager", "En Ligne", "Inondations", "festival", "derby"):
        assert junk not in text


def test_offsets_map_back_to_the_original():
    text, offsets = clean_text(PAGE)
    sentence = "La jeune pousse compte tripler son équipe avant l'été, selon sa fondatrice."
    start = text.index(sentence)
    end = start + len(sentence)
    assert PAGE[offsets.to_raw(start) : offsets.to_raw(end)] == sentence


def test_a_cut_last_sentence_is_kept():
    raw = (
        "Meta a annoncé le recrutement de deux chercheurs venus d'OpenAI pour son nouveau laboratoire.\n"
        "Les deux chercheurs travailleront sur les modèles de raisonnement, a précisé l'entreprise, qui ne"
    )
    text, _ = clean_text(raw)
    assert text.endswith("qui ne")


def test_menus_and_repeated_lines_are_dropped():
    raw = (
        "Home\nNews\nTech\nSport\nA long article sentence about AI labs hiring researchers in Paris today.\n"
        "A long article sentence about AI labs hiring researchers in Paris today.\nEnd of the story, said Ana."
    )
    text, _ = clean_text(raw)
    assert "Home" not in text and text.count("A long article") == 1


def test_language_and_document():
    raw = "OpenAI a recruté trois chercheurs de Google pour son laboratoire."
    doc = clean_document(Document(source="x", raw_text=raw))
    assert doc.lang == "fr"
    assert detect_language("Meta hired three researchers from Google for its lab in London.") == "en"
    assert detect_language("ok") == "und"
