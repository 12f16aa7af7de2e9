"""Titles of plain-text articles: the headline, not the page furniture or section label before it."""

from __future__ import annotations

from mercato.clean import clean_document
from mercato.ingest.sources import text_document

BODY = "The lab hired two researchers from a rival company to work on reasoning models, it said on Monday."


def test_headline_after_search_box_and_section_label():
    raw = f"Search our site\nTech\nLab hires two researchers from a rival\n{BODY}\n"
    doc = clean_document(text_document(raw, "a.txt"))
    assert doc.title == "Lab hires two researchers from a rival"
    assert "title_from_text" not in doc.meta


def test_a_text_that_starts_with_its_body_is_named_by_its_lead_and_given_titles_win():
    # Not its file's path (issue 14): the first words of its first sentence.
    title = clean_document(text_document(BODY + "\n" + BODY.replace("two", "three"), "b.txt")).title
    assert title == "The lab hired two researchers from a rival company to work on reasoning models, it said on Monday"
    assert clean_document(text_document(BODY, "c.txt", title="Given")).title == "Given"


def test_a_long_lead_is_cut_to_its_first_words():
    lead = " ".join(["word"] * 40) + "."
    title = clean_document(text_document(lead + "\nMore text follows here.", "d.txt")).title
    assert title == " ".join(["word"] * 14) + " …"


def test_the_byline_dates_a_file():
    from mercato.ingest.dates import byline_date

    assert byline_date("Titre\nPublié le 3 septembre 2025 à 10h\nLe corps.", "fr") == "2025-09-03"
    assert byline_date("Headline\nBy Jane Roe | June 12, 2025\nBody.", "en") == "2025-06-12"
    assert byline_date("Titre\n12/06/2025\nLe corps.", "fr") == "2025-06-12"
    assert byline_date("Headline\n2025-06-13\nBody.", "en") == "2025-06-13"
    # A date in a sentence is an event's, not the article's.
    assert byline_date("Headline\nThe company said on July 8, 2025 that it had agreed to buy a startup.", "en") is None
    doc = clean_document(text_document("Headline here today\nPublished June 12, 2025\n" + BODY, "e.txt"))
    assert doc.date == "2025-06-12"
