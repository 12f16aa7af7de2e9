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


def test_no_title_when_the_text_starts_with_its_body_and_given_titles_win():
    assert clean_document(text_document(BODY + "\n" + BODY.replace("two", "three"), "b.txt")).title is None
    assert clean_document(text_document(BODY, "c.txt", title="Given")).title == "Given"
