"""Coreference within a document: "the company" / "l'entreprise" / "her startup" as mentions, and
``resolve``, which names them and turns short names into the full names the document used first
("Altman" -> "Sam Altman").
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span, Token

from mercato import knowledge
from mercato.extract.lexicon import Lexicon
from mercato.extract.mention import Ent

INCUMBENTS_FILE = knowledge.data_path("incumbents.yaml")


class IncumbentsFile(BaseModel):
    """data/incumbents.yaml: the large, established companies "the giant" may name."""

    model_config = ConfigDict(extra="forbid")
    incumbents: list[str]


def _names_next(sdoc: Doc, i: int, taken: list[bool], lex: Lexicon) -> bool:
    """Is a name given within a few words after token ``i``, with no punctuation, verb or preposition
    but "of"/"de" between (but for a naming word: "the startup, called Nexa", "la start-up, baptisée Nexa")?"""
    named = {w.lower() for w in lex.cues.get("named", []) if " " not in w}
    for tok in sdoc[i : i + 6]:
        if tok.lower_ in named or tok.text == "," and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ in named:
            continue
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return False
        if _apart(tok):
            return False  # "a fondé la start-up avec Nora Vale": the name after "avec" is a partner's
        if taken[tok.i] or (tok.pos_ == "PROPN" and any(c.isupper() for c in tok.text)):
            return True
    return False


def _apart(tok: Token) -> bool:
    """A preposition or a conjunction but "of"/"de": what follows it is not the name of the noun before."""
    return tok.pos_ in ("ADP", "CCONJ") and tok.lower_ not in _OF | {"des"}


def anaphora(sdoc: Doc, text: str, offset: int, lex: Lexicon, taken: list[bool], ents: list[Ent]) -> list[Ent]:
    out: list[Ent] = []
    if not lex.org_anaphora_re:
        return out
    people = [e for e in ents if e.kind == "person"]
    for m in lex.org_anaphora_re.finditer(text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]):
            continue
        owner = None
        if _names_next(sdoc, span.end, taken, lex):
            # "l'entreprise de Mark Zuckerberg": a person's company; else "l'entreprise d'IA xAI", the name itself
            owner = next((p for p in people if p.start == span.end + 1 and sdoc[span.end].lower_ in _OF), None)
            if owner is None:
                continue
        out.append(_anaphor(span, offset, m.group(0), lex, owner))
    for m in lex.cue("cues", "possessive_org").finditer(text):
        # "her company", "sa start-up": the company of the person named last before
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]) or any(a.start <= span.start < a.end for a in out):
            continue
        before = [p for p in people if p.end <= span.start and span.start - p.end <= OWNER_REACH]
        if before:
            out.append(_anaphor(span, offset, m.group(0), lex, before[-1]))
    return out


_OF = {"de", "d'", "d’", "of", "du"}
OWNER_REACH = 40  # tokens between a person and "her company" that still points to them


def _anaphor(span: Span, offset: int, text: str, lex: Lexicon, owner: Ent | None) -> Ent:
    doc = span.doc
    return Ent(
        span.start,
        span.end,
        offset + span.start_char,
        offset + span.end_char,
        text,
        "",
        "org",
        anaphor=True,
        own_clause=_clause_subject(span, lex),
        size=_size(lex, text),
        owner=owner,
        # "les actionnaires de l'entreprise sont X": a verb between makes X what it is, not its name
        apart=span.end < len(doc) and (_apart(doc[span.end]) or doc[span.end].pos_ in ("VERB", "AUX")),
    )


@cache
def _incumbents() -> frozenset[str]:
    return frozenset(n.lower() for n in knowledge.load(INCUMBENTS_FILE, IncumbentsFile).incumbents)


def _size(lex: Lexicon, text: str) -> str:
    """ "small" for "the startup" / "la jeune pousse", "large" for "the giant" / "le géant", else ""."""
    if lex.cue("cues", "small_org_nouns").search(text):
        return "small"
    return "large" if lex.cue("cues", "large_org_nouns").search(text) else ""


def fits_size(anaphor: Ent, name: str) -> bool:
    """Can ``name`` be what ``anaphor`` names? "The startup" is no incumbent; "the giant" is one."""
    if anaphor.size == "small":
        return name.lower() not in _incumbents()
    if anaphor.size == "large":
        return name.lower() in _incumbents()
    return True


def _clause_subject(span: Span, lex: Lexicon) -> tuple[int, int]:
    """The tokens of the subject of the clause ``span`` stands in, which it cannot name: "Acme, which
    invested in the firm" is not "the firm", nor is any organization inside the subject ("X, former CEO
    of Acme, will join the company", "backers like Acme, who put $5M into the company") but where the
    verb is a departure: a place left may be the subject's own ("Acme executive X is leaving the company")."""
    t = span.root
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            break
        t = t.head
    subj = next((c for c in t.children if c.dep_.startswith("nsubj")), None)
    if subj is None or span.start <= subj.i < span.end:
        return (-1, -1)
    # a place left may be the subject's own, and so may the firm of a new title ("X, Acme's counsel,
    # becomes interim CEO of the startup")
    leaving = any(f.name in ("leave", "promote") for f in lex.verb_frames(t.lemma_.lower(), t.lower_))
    if (subj.morph.get("PronType") == ["Rel"] or subj.lower_ in ("which", "who", "that", "qui")) and t.dep_ in (
        "relcl",
        "acl:relcl",
    ):
        subj = t.head  # the relative pronoun stands for the noun the clause describes
    if leaving:
        return (subj.i, subj.i + 1)
    return (subj.left_edge.i, min(subj.right_edge.i + 1, span.start))


def resolve(ents: list[Ent], context: list[Ent] | None = None) -> None:
    """Document-level coreference: short names to full names, anaphors to the last organization.

    ``context`` holds the mentions of the document's earlier chunks (already resolved).
    """
    context = context or []
    full: dict[str, set[str]] = {}
    ents_all = context + ents
    # a name an apposition calls an organization ("X, the startup") is one in every mention
    orgs = {e.name for e in ents_all if e.described}
    for e in ents:
        if e.name in orgs and e.kind in ("person", "any") and not e.anaphor:
            e.kind = "org"
    persons = {e.name for e in ents_all if e.kind == "person" and not e.anaphor}
    for e in ents_all:
        if e.anaphor or e.kind not in ("person", "any"):
            continue
        parts = e.name.split()
        if len(parts) >= 2:
            full.setdefault(parts[-1].lower(), set()).add(e.name)
            full.setdefault(parts[0].lower(), set()).add(e.name)
    for e in ents:
        if e.anaphor or e.known or e.kind == "org" and (" " in e.name or e.name.lower() not in full):
            continue
        parts = e.name.split()
        if len(parts) == 1:
            names = full.get(parts[0].lower(), set())
            if e.kind == "org":  # an organization is a last name mistagged, never the first word of a name
                names = {n for n in names if n.split()[-1].lower() == parts[0].lower()}
            if len(names) == 1:
                e.name = next(iter(names))
                e.kind = "person"
            elif len(names) > 1:
                # prefer the candidate that is a person elsewhere
                best = sorted(n for n in names if n in persons)
                if best:
                    e.name = best[0]
                    e.kind = "person"
            elif e.kind == "person" and not e.known:
                e.kind = "any"  # a lone unknown word tagged PERSON is as often a product or a company
        elif e.kind == "any" and e.name in persons:
            e.kind = "person"
    # "Atreides Management" after "Atreides", an organization: the longer name is the organization's
    single_orgs = {e.name.lower() for e in ents_all if e.kind == "org" and not e.anaphor and " " not in e.name}
    for e in ents:
        if e.kind == "any" and not e.anaphor and " " in e.name and e.name.split()[0].lower() in single_orgs:
            e.kind = "org"
    # an anaphor ("the company") points to the organization the article has named most so far
    counts: dict[str, int] = {}
    known: dict[str, bool] = {}
    first: dict[str, int] = {}
    for e in context:
        if e.kind == "org" and e.name:
            counts[e.name] = counts.get(e.name, 0) + 1
            known[e.name] = e.known
            first.setdefault(e.name, e.cstart)
    latest = {e.name: e.cstart for e in context if e.kind == "org" and e.name}
    ordered = sorted(ents, key=lambda x: x.cstart)
    # before any name, "L'entreprise annonce..." opens an article about its subject: the one named most
    overall: dict[str, int] = dict(counts)
    for e in ordered:
        if e.kind == "org" and e.name and not e.anaphor:
            overall[e.name] = overall.get(e.name, 0) + 1
            first.setdefault(e.name, e.cstart)
            known.setdefault(e.name, e.known)
    for i, e in enumerate(ordered):
        if e.anaphor and e.owner is not None:
            continue  # "her company": named from what the document says of her (document.py)
        if e.anaphor:
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            a, b = e.own_clause
            same_sent = [
                x
                for x in ordered[:i]
                if orgish(x)
                and not x.anaphor
                and x.sent == e.sent
                and not (x.start < b and a < x.end)
                and fits_size(e, x.name)
            ]
            follows = nxt is not None and not nxt.anaphor and not e.apart
            if follows and nxt is not None and 0 <= nxt.cstart - e.cend <= 12 and nxt.start - e.end <= 1:
                # "the startup Kalia", "la start-up française Kalia": the name that follows is the referent
                e.kind = "none"
            elif same_sent:
                # the last organization of the sentence, a known one first ("Amazon's lab ... the giant")
                ref = ([x for x in same_sent if x.known] or same_sent)[-1]
                e.name, e.known = ref.name, ref.known
            elif not overall:
                # "un nom ressort : Brumo. Cette jeune entreprise...": an unknown one-word name just before
                near = [x for x in ordered[:i] if orgish(x) and not x.anaphor and x.para == e.para and x.sent < e.sent]
                if near and near[-1].sent == max(x.sent for x in ordered[:i]):
                    e.name, e.known = near[-1].name, near[-1].known
                else:
                    e.kind = "none"
            elif (before := _previous_subject(context + ordered[:i], e)) is not None:
                # "X, une start-up lyonnaise, a levé... L'entreprise compte...": the subject just before
                e.name, e.known = before.name, before.known
            else:
                # the most named so far (or, before any name, in all); on a tie, the one named last
                named = counts or overall
                # "the former researcher of X founded the startup": X, in the clause's subject, is not it
                mine = {x.name for x in ordered[:i] if x.sent == e.sent and x.start < b and a < x.end}
                fitting = {n: c for n, c in named.items() if fits_size(e, n) and n not in mine} or named
                e.name = max(fitting, key=lambda n: (fitting[n], latest.get(n, first[n])))
                e.known = known[e.name]
            # an anaphor is not counted: a guess must not make its referent look more named than it is
        elif e.kind == "org":
            counts[e.name] = counts.get(e.name, 0) + 1
            known[e.name] = e.known
            first.setdefault(e.name, e.cstart)
            latest[e.name] = e.cstart


def _previous_subject(before: list[Ent], e: Ent) -> Ent | None:
    """The organization that was the subject of the last earlier sentence of ``e``'s paragraph naming
    one, if it was (a new paragraph may turn to another actor: then the most named is the safer guess)."""
    orgs = [
        x
        for x in before
        if orgish(x) and not x.anaphor and x.name and x.sent < e.sent and x.para == e.para and fits_size(e, x.name)
    ]
    if not orgs:
        return None
    last = max(x.sent for x in orgs)
    subjects = [x for x in orgs if x.sent == last and x.subject]
    return subjects[0] if subjects else None


def orgish(e: Ent) -> bool:
    """Can the mention be what "the company" points back to? An organization, or a one-word name of
    unknown kind ("Brightwave"): a person is rarely named by one unknown word."""
    return e.kind == "org" or e.kind == "any" and " " not in e.name
