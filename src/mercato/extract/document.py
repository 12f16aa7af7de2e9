"""What an article says about its people and organizations as a whole, read before any fact is built.

A sentence often leaves a party implicit: "X announced his departure" (from where?), "Y joins as chief
product officer" (joins what?), "ten researchers joined the ranks". The article says it elsewhere: in
its headline and lead (the company the article is about), or in a title it gives the person in another
sentence ("X, OpenAI's CTO", "Acme researcher X"). ``DocModel`` gathers both once per parsed chunk
(an article is one chunk unless it is very long), from every sentence, before the builders run, so
what it answers does not depend on the order the sentences are read in.

It answers only where the article is plain about it: a subject organization must lead the others
clearly (precision first: a company filled in wrongly is a false fact). It also names "her company"
(the employer given to her), gives "they" / "tous" the people listed just before, and drops a group
move whose members the article names in full. "The company" / "l'entreprise" themselves are resolved
with the mentions, in entities.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Token

from mercato.extract.entities import Ent
from mercato.extract.frames import subject_tokens
from mercato.extract.sentence import SentenceInfo
from mercato.model import Fact

LEAD_SENTENCES = 3  # the headline and lead: where an article names what it is about
HEAD_WEIGHT, LEAD_WEIGHT = 3, 2  # a mention there counts this many times a later one
MARGIN = 1.5  # the subject's salience must be at least this many times the next organization's
MIN_MENTIONS = 2


@dataclass
class DocModel:
    """The article's subject organization and, per person, the organizations the text ties them to."""

    salience: Counter[str] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)
    lead_named: set[str] = field(default_factory=set)
    employers: dict[str, Counter[str]] = field(default_factory=dict)  # person -> org -> times tied
    former: dict[str, set[str]] = field(default_factory=dict)  # person -> orgs the text says they left
    seen_sentences: int = 0

    def observe(self, infos: list[SentenceInfo], former_words: frozenset[str]) -> None:
        """Count the organizations of the chunk's sentences (the first ones weigh more) and keep the
        title-to-organization ties each sentence states for a person."""
        for info in infos:
            k = self.seen_sentences
            self.seen_sentences += 1
            weight = HEAD_WEIGHT if k == 0 else LEAD_WEIGHT if k < LEAD_SENTENCES else 1
            for e in info.ents:
                if e.kind != "org" or e.anaphor or not e.name:
                    continue
                self.salience[e.name] += weight
                self.mentions[e.name] += 1
                if k < LEAD_SENTENCES:
                    self.lead_named.add(e.name)
            for e in info.ents:
                aff = info.affiliation.get(id(e))
                if aff is None or not e.name or e.kind not in ("person", "any"):
                    continue
                org, title = aff
                if not org.name or org.anaphor:
                    continue
                words = set(title.lower().replace("-", " ").split())
                lead_in = info.sent.doc[max(info.sent.start, min(org.start, e.start) - 3) : e.start].text.lower()
                if words & former_words or set(lead_in.replace("-", " ").split()) & former_words:
                    self.former.setdefault(e.name, set()).add(org.name)
                else:
                    self.employers.setdefault(e.name, Counter())[org.name] += 1

    def name_owned(self, ents: list[Ent]) -> None:
        """Name the anaphors that are a person's company ("her company", "l'entreprise de X"): the
        employer the article ties the person to; when it ties them to none (or several), nobody."""
        for e in ents:
            if e.owner is None or e.name:
                continue
            name = self.employer(e.owner.name)
            if name:
                e.name = name
            else:
                e.kind = "none"

    @property
    def subject(self) -> str | None:
        """The organization the article is about: named in its lead, named again, and well ahead of
        any other by salience. None when no organization stands out."""
        if not self.salience:
            return None
        ranked = self.salience.most_common(2)
        name, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if name not in self.lead_named or self.mentions[name] < MIN_MENTIONS or top < MARGIN * second:
            return None
        return name

    def employer(self, person: str) -> str | None:
        """The organization the article ties ``person`` to by a present title ("X, Acme's CTO"), when it
        names only one."""
        ties = self.employers.get(person)
        if not ties:
            return None
        names = [n for n in ties if n not in self.former.get(person, set())]
        return names[0] if len(names) == 1 else None

    def left(self, person: str) -> set[str]:
        """The organizations the article says ``person`` used to work for ("former Acme CTO X")."""
        return self.former.get(person, set())


def as_org(name: str | None) -> Ent | None:
    """An organization the document names, as a mention a builder can put in a slot."""
    return Ent(0, 0, 0, 0, name, name, "org") if name else None


def boss_employer(model: DocModel | None, hirers: list[Ent]) -> list[Ent]:
    """The organization a hiring person hires for: the employer the article gives them in any sentence."""
    if model is None or not hirers or hirers[0].kind != "person":
        return []
    org = as_org(model.employer(hirers[0].name))
    return [org] if org is not None else []


def implied_origin(model: DocModel | None, person: Ent) -> Ent | None:
    """Where ``person`` leaves from when the sentence does not say: the employer the article gives
    them, else the article's subject unless the article ties them elsewhere."""
    if model is None:
        return None
    own = model.employer(person.name)
    if own is not None:
        return as_org(own)
    subject = model.subject
    if subject is None or model.employers.get(person.name):
        return None
    return as_org(subject)


def implied_destination(model: DocModel | None, person: Ent | None, origin: Ent | None) -> Ent | None:
    """Where ``person`` (or an unnamed group) goes when the sentence does not say: the article's
    subject, unless that is where the move starts or the article ties them to another employer."""
    if model is None:
        return None
    subject = model.subject
    if subject is None or (origin is not None and origin.name == subject):
        return None
    if person is not None:
        own = model.employer(person.name)
        if own is not None and own != subject:
            return None
        if subject in model.left(person.name):
            return None
    return as_org(subject)


# complements of a move verb that may name where the move goes ("joined the board", "parti pour rejoindre X")
OBJECT_DEPS = {"dobj", "obj", "pobj", "obl", "obl:arg", "obl:mod", "iobj", "prep", "attr", "oprd", "nmod"} | {
    "xcomp",
    "advcl",
}


def open_destination(tok: Token, people: set[int], staff_nouns: frozenset[str], titles: set[str]) -> bool:
    """Does the move verb ``tok`` leave its destination unsaid ("X joins as CPO", "arrived in April",
    "joined the ranks")? Not when an object or complement of its own names a thing that is neither a
    title, a team nor a date ("joined the board", "moved to London"): the article's subject would
    wrongly fill it. ``people``: the token indexes of the movers, who may be the object ("hired X")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return True  # "the arrival of X", "son départ": a noun names no destination of its own
    for c in tok.children:
        if c.dep_ not in OBJECT_DEPS:
            continue
        sub = [t for t in c.subtree if t.i not in people]
        if any(t.pos_ == "PROPN" for t in sub):
            return False  # "l'équipe de modèles de X": a name the builder did not take as the destination
        if any(t.lower_ in titles for t in sub):
            continue  # "as chief product officer"
        if any(t.lower_ in staff_nouns for t in sub) and all(
            t.lower_ in staff_nouns or t.pos_ in ("DET", "ADP", "ADJ", "PUNCT") for t in sub
        ):
            continue  # "the ranks", "l'équipe"; not "the company's team", which names whose
        if any(t.pos_ == "NOUN" and t.ent_type_ not in ("DATE", "TIME") and not t.like_num for t in sub):
            return False
    return True


def own_departure(tok: Token, people: set[int], possessives: set[str]) -> bool:
    """Is the move noun ``tok`` the mover's own ("his departure", "son départ", "the exit of X"), not a
    noun of something else ("the departure documents")?"""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    if any(c.dep_ in ("poss", "nmod:poss") or c.lower_ in possessives for c in tok.children):
        return True
    return any(0 < i - tok.i <= 4 for i in people)


GROUP_REACH = 2  # "they" stands for the people listed at most this many sentences before


def listed_people(info: SentenceInfo) -> list[Ent]:
    """The people a sentence names together: its longest list ("A, B and C"), else every person it
    names when there are several ("A, an expert in X; B, a former Y; or C")."""
    best: list[Ent] = []
    for e in info.candidates("person"):
        if e.kind == "person" and len(run := info.group_from(e, "person", +1)) > len(best):
            best = run
    if len(best) < 2:
        seen = {e.name: e for e in info.candidates("person") if e.kind == "person"}
        best = list(seen.values())
    return best if len(best) >= 2 else []


def plural_antecedents(
    info: SentenceInfo, tok: Token, plural: re.Pattern[str], group: tuple[list[Ent], int] | None, n_sent: int
) -> list[Ent]:
    """The people a plural subject of ``tok`` stands for ("They joined Acme", "Tous ont rejoint X", "les
    deux hommes ont créé Y"): those listed together shortly before, when the sentence names no one."""
    # a one-word name of unsure kind is the company they found or join, rarely a person
    if (
        group is None
        or n_sent - group[1] > GROUP_REACH
        or any(e.fits("person") and not (e.kind == "any" and " " not in e.name) for e in info.ents)
    ):
        return []
    for s in subject_tokens(tok):
        if s.i < tok.i and plural.fullmatch(" ".join(t.text for t in s.subtree).lower()):
            return list(group[0])
    return []


def without_named_groups(facts: list[Fact]) -> list[Fact]:
    """A group whose members the article all names moves as those people only ("hires two
    researchers ... Maya Chen and Luis Ortega joined"): a group move is dropped when exactly as many
    named people make the same move (same destination, or same origin for a departure; the group's
    origin too when it states one)."""
    people = [f for f in facts if f.type == "move" and f.attrs.get("person")]
    out = []
    for f in facts:
        count = f.attrs.get("count") if f.type == "move" and not f.attrs.get("person") else None
        if count and any(f.attrs.get(k) for k in ("to_org", "from_org")):
            same = [p for p in people if _same_way(f, p)]
            if len(same) == count:
                continue
        out.append(f)
    return out


def _same_way(group: Fact, person: Fact) -> bool:
    to, origin = group.attrs.get("to_org"), group.attrs.get("from_org")
    if to:
        return person.attrs.get("to_org") == to and (not origin or person.attrs.get("from_org") == origin)
    return not person.attrs.get("to_org") and person.attrs.get("from_org") == origin
