"""Whom a person pronoun of a sentence stands for, when the sentence itself names that person.

"X, a co-founder of Y's startup Z, said that he has left the company": the nearest name before "he"
is Y, named only inside X's description; the pronoun of a reported clause is the one who reports it
(the subject of the verb the clause hangs on). Without such a subject, the nearest name before the
pronoun that is not a possessor ("Y's startup") and does not sit inside another person's apposition.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.entities import Ent
from mercato.extract.sentence import SentenceInfo

CLIMB_UP = 4  # clauses climbed from the pronoun's verb to the reporting verb
REPORTED = {"ccomp", "xcomp", "conj", "parataxis"}  # clauses whose pronoun subject is the main subject's


def pronoun_antecedent(info: SentenceInfo, pronoun: Token) -> Ent | None:
    """The person named earlier in the sentence whom ``pronoun`` (a subject) stands for, or None."""
    people = [e for e in info.candidates("person") if e.kind == "person" and e.end <= pronoun.i]
    if not people:
        return None
    verb = pronoun.head
    for _ in range(CLIMB_UP):
        if verb.head is verb or verb.dep_ not in REPORTED:
            break  # "X will succeed Y when he exits": an adverbial clause may be about anyone
        verb = verb.head
        for s in verb.children:
            if not s.dep_.startswith("nsubj") or s.i >= pronoun.i:
                continue
            own = [e for e in people if e.start <= s.i < e.end]
            if own:
                return own[0]
    plain = [e for e in people if not _possessor(info, e) and not _inside_apposition(info, e, people)]
    return (plain or people)[-1]


def _possessor(info: SentenceInfo, e: Ent) -> bool:
    """Is ``e`` named as the owner of what follows ("Y's startup", "Y’s company")?"""
    doc = info.sent.doc
    return e.end < info.sent.end and doc[e.end].lower_ in ("'s", "’s", "'")


def _inside_apposition(info: SentenceInfo, e: Ent, people: list[Ent]) -> bool:
    """Is ``e`` named inside the comma-enclosed description of an earlier person ("X, a partner of Y,")?"""
    doc = info.sent.doc
    for p in people:
        if p.end >= e.start or p.end >= info.sent.end or doc[p.end].text != ",":
            continue
        closes = [t.i for t in doc[p.end + 1 : e.start] if t.text == ","]
        if not closes:
            return True
    return False
