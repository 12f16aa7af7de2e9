"""A mention of a person or an organization in one parsed chunk: the unit every extraction rule reads.

Its kind is "person", "org", or "any" when the evidence is weak (the small English model often tags
people as ORG): the rules decide from the slot it fills.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Ent:
    """One mention: token span in its parsed chunk, char span in the document, canonical name."""

    start: int
    end: int
    cstart: int
    cend: int
    text: str
    name: str
    kind: str  # person | org | any | media (reports, never acts) | none (unresolved anaphor)
    known: bool = False
    anaphor: bool = False
    sent: int = -1  # char offset of its sentence's start in the document
    described: bool = False  # an apposition calls it an organization ("X, the startup")
    subject: bool = False  # the grammatical subject of its clause: what a later "the company" points to
    own_clause: tuple[int, int] = (-1, -1)  # an anaphor's: tokens of its clause's subject, never its referent
    para: int = -1  # char offset of its paragraph's start in the document
    size: str = ""  # an anaphor's: "small" ("the startup"), "large" ("the giant"), or either
    owner: Ent | None = None  # an anaphor's person: "her company", "l'entreprise de X" (document.py names it)
    apart: bool = False  # an anaphor's: a preposition or verb follows ("the startup with X"): no name of its own

    def fits(self, want: str) -> bool:
        """Can this mention fill a slot wanting ``want`` ("person" or "org")?"""
        if self.kind == "any" and want == "person":
            # a lone unknown word is rarely a person's full name, and no person's name holds a digit
            return " " in self.name and not any(c.isdigit() for c in self.name)
        return self.kind == want or self.kind == "any"
