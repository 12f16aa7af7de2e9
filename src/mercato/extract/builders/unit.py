"""Unit facts: a lab, team or division created inside an organization, and who leads it.

Called for unit triggers ("launched a new lab") and, with ``led=True``, for "lead" move triggers
("X will head the new division"). The last unit named is kept in ``DocState.last_unit`` so that
"the division" later in the text refers to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

from mercato.extract import deps
from mercato.extract.builders.common import definite, employer_of, topic_org, window
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.builders.unit_purpose import hire_of_purpose
from mercato.extract.entities import Ent, unit_apposition
from mercato.extract.frames import agent_side, by_agent, is_passive, subject_tokens
from mercato.extract.lexicon import Frame, Lexicon
from mercato.extract.sentence import SentenceInfo

# verbs that may sit inside a unit's name or description ("a lab dedicated to ...", "called X")
NAME_VERBS = (
    "dedicated",
    "focused",
    "dédié",
    "dédiée",
    "consacré",
    "consacrée",
    "building",
    "called",
    "baptisé",
    "dubbed",
)
QUOTES = ("«", "»", '"', "“", "”")
# words that end a unit's name: a clause, its leader ("under X", "led by"), what it is for
NAME_STOP = (
    "and",
    "et",
    "which",
    "qui",
    "that",
    "led",
    "dirigé",
    "dirigée",
    "under",
    "sous",
    "responsible",
    "chargé",
    "chargée",
)
TRAILING = ("ADP", "DET", "CCONJ", "ADV", "PRON")  # words that end no unit's name
BROAD = ("announce", "annoncer", "mettre")  # triggers that may only mention a unit, not create it
_QUOTED = re.compile(r"[«“\"]\s*([^«»“”\"]{3,60}?)\s*[»”\"]")


def build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState, led: bool = False) -> list[dict[str, Any]]:
    """The unit a trigger creates (or, ``led``, the unit someone is put at the head of)."""
    info, lex = ctx.info, ctx.lex
    # not a company that only bears the word ("Arm"): a unit noun is lowercase or inside a longer name
    units = [t for t in info.sent if t.lower_ in lex.unit_nouns and not _lone_name(info, t)]
    if not units:
        return []
    after = [t for t in units if t.i > tok.i]
    u = min(after if led and after else units, key=lambda t: abs(t.i - tok.i))  # one leads what follows
    doc = info.sent.doc
    near_new = any(t.lower_ in lex.new_words for t in doc[max(info.sent.start, u.i - 3) : u.i + 3])
    linked = u in list(tok.subtree) or tok in list(u.subtree) or u.head == tok or tok.head == u
    is_definite = definite(info, u)
    if abs(u.i - tok.i) > 12 or not (linked or near_new or led and is_definite):
        return []  # the unit must be what is created ("launched a lab"), not a bystander
    if led and u.i < tok.i and not linked:
        return []  # "X Labs launched with a round led by Y": Y leads the round, not the lab
    ent = next((e for e in info.ents if e.start <= u.i < e.end and not e.anaphor), None)
    # "X, a new unit dedicated to ...": X is the name of a unit just created
    heads = {id(e): unit_apposition(doc, e, lex) for e in info.ents}
    apposed = next(
        (e for e in info.ents if heads[id(e)] is not None and (heads[id(e)] == u.i or e.start <= u.i < e.end)), None
    )
    if apposed is not None:
        ent, near_new = apposed, True
    if ent is not None and not led and _founded(info, tok, ent):
        return []
    name: str | None
    if ent is not None:
        name = _clean_unit(ent.text)
        org = ent if ent.known and ent.kind == "org" and ent.name.lower() != name.lower() else None
    else:
        # "l'établissement d'un laboratoire", "created a lab in Zurich": created, so new
        created = u.head == tok and tok.lemma_.lower() not in BROAD and not led
        name = _unit_name(ctx, u, created)
        org = None
    bare = len([w for w in name.split() if w.lower() not in lex.new_words]) < 2 if name else is_definite
    if led and bare and state.last_unit and (linked or is_definite):
        last_org, last_name = state.last_unit  # "the division will be headed by X"
        return [{"org": last_org, "name": last_name, "leader": _leader(ctx, tok, led, state.last_person)}]
    if not name or len(name.split()) < 2 and ent is None:
        return []
    if led and not near_new and not _given_leader(ctx, tok, u, ent):
        return []  # leading a team, said in passing, is not a unit fact
    if _not_a_unit(ctx, tok, u, ent, name):
        return []
    org = _parent_org(ctx, tok, u, ent, apposed, org, led, state)
    if ent is None:
        ent, name, org = _own_name(ctx, u, name, org)
    if org is None:
        # "Zuckerberg is building a new team": the team of the company its known leader runs
        boss = agent_side(info, tok, "person", state.last_person) or info.candidates("person")[:1]
        org = employer_of(boss[0]) if boss else None
    org_name = _org_name(org, ent, name, state.last_org)
    if org_name is not None and ent is not None and org_name == ent.name and led:
        # the unit named as its own parent: the organization its leader joins, else the text's
        org_name = state.hirer or state.last_org
    if org_name is None:
        return []
    state.last_unit = (org_name, name)
    return [{"org": org_name, "name": name, "leader": _leader(ctx, tok, led, state.last_person)}]


def _lone_name(info: SentenceInfo, t: Token) -> bool:
    """Is ``t`` a one-word capitalized name ("Arm") rather than a unit noun?"""
    return t.text[:1].isupper() and any(e.start == t.i and e.end == t.i + 1 for e in info.ents)


def appointed_to_unit(ctx: SentenceContext, frame: Frame, moves: list[dict[str, Any]]) -> bool:
    """Does a hire or promotion give its person a title over a unit ("appointed general manager of
    Intel's client computing group", "took charge of Apple's search group")? Then the unit is given a
    leader: a unit fact."""
    if frame.name not in ("hire", "promote", "join"):
        return False
    units = ctx.lex.unit_nouns
    if any(m.get("person") and set(str(m.get("role") or "").lower().split()) & units for m in moves):
        return True
    # "X was appointed general manager of Intel's client group": a title, "of", then the unit
    doc, info = ctx.info.sent.doc, ctx.info
    words = [t.lower_ for t in doc[info.sent.start : info.sent.end]]
    return frame.name == "hire" and any(
        w in ctx.lex.titles and words[k + 1] in ("of", "de", "du") and _unit_of_title(words[k + 2 : k + 10], units)
        for k, w in enumerate(words[:-1])
    )


def _unit_of_title(words: list[str], units: set[str]) -> bool:
    """Do the words after "head of" name the unit itself ("of Intel's client group"), not a field
    first and a unit after ("director of engineering in its cloud division": a past title)?"""
    for w in words:
        if w in units:
            return True
        if w in ("in", "at", "within", "dans", "chez", "au", "à", ",", "who", "qui"):
            return False
    return False


def _given_leader(ctx: SentenceContext, tok: Token, u: Token, ent: Ent | None) -> bool:
    """ "X will lead Intel's data center group", "Y joins Meta to head its “superintelligence” team": a
    named unit given a leader (a new role: announced, or an infinitive of purpose) is a unit fact."""
    doc = ctx.info.sent.doc
    before = doc[max(ctx.info.sent.start, tok.i - 2) : tok.i]
    new_role = (
        ctx.cues("status", "announced", window(ctx.info, tok, []))
        or ctx.cues("cues", "new_role", window(ctx.info, tok, []))
        or any(t.lower_ in ("to", "pour", "de", "d'") for t in before)
        or not ctx.lex.verb_frames(tok.lemma_.lower(), tok.lower_)
        or any(f.name == "hire" for f in ctx.lex.verb_frames(tok.lemma_.lower(), tok.lower_))
    )  # a phrase ("took charge of") or an appointment is a new role itself
    if not new_role:
        return False
    head = doc[max(ctx.info.sent.start, u.i - 6) : u.i]
    owned = any(t.lower_ in ("'s", "’s", "its", "son", "sa", "ses") for t in head)
    quoted = any(t.text in QUOTES for t in head)
    return owned or quoted or (ent is not None and ent.text[:1].isupper())


def _not_a_unit(ctx: SentenceContext, tok: Token, u: Token, ent: Ent | None, name: str) -> bool:
    """A team that is no unit of the contract: the executive or product team ("appointments to its
    executive team"), a company called a lab ("X Labs launched last year", "her new venture, Y Lab")."""
    if ctx.cues("cues", "not_unit", name):
        return True
    words = [w for w in re.findall(r"[\w-]+", name.lower()) if w not in ctx.lex.new_words]
    orgs = {  # known organizations named before the unit noun ("the OpenAI lab"), not a name given after it
        w
        for e in ctx.info.ents
        if e.kind == "org" and e.known and e is not ent and e.end <= u.i
        for w in e.name.lower().split()
    }
    own = [w for w in words if w not in ctx.lex.unit_nouns]
    if own and all(w in orgs for w in own) and not (ent is not None and ent.known):
        return True  # "the OpenAI lab": the company itself
    if ent is None:
        return False
    doc = ctx.info.sent.doc
    # the unit is the subject of its own launch: a company starting up, not a unit its parent creates
    subject = any(s.i >= ent.start and s.i < ent.end for s in subject_tokens(tok)) and not is_passive(tok, ctx.info)
    lead = doc[max(ctx.info.sent.start, ent.start - 3) : ent.start]
    company = any(ctx.cues("cues", "venture", t.lower_) for t in lead)
    return subject or company


def _own_name(ctx: SentenceContext, u: Token, name: str, org: Ent | None) -> tuple[Ent | None, str, Ent | None]:
    """The unit's own name, when given after its noun: a name after a naming cue ("a new division
    called Meta Superintelligence Labs"), else a quoted one. Returns (mention, name, parent org)."""
    info = ctx.info
    called = [
        e
        for e in info.ents
        if e.start > u.i
        and e.start - u.i <= 10
        and len(e.name.split()) >= 2
        and ctx.cues("cues", "named", info.sent.doc[u.i + 1 : e.start].text)
    ]
    if called:
        if org is not None and not _parent(org, called[0], ctx.lex):
            org = None
        return called[0], _clean_unit(called[0].text), org
    quoted = _quoted_name(info, u, lambda text: ctx.cues("cues", "named", text))
    return None, quoted or name, org  # "une équipe surnommée en interne le « superintelligence group »"


def _org_name(org: Ent | None, ent: Ent | None, name: str, last_org: str | None = None) -> str | None:
    """The name of the organization the unit belongs to, its brand when the unit is named after it."""
    if org is None and ent is not None and len(ent.name.split()) >= 2 and ent.known:
        return ent.name.split()[0]  # "Microsoft AI", "Meta Superintelligence Labs": the brand
    if org is None and ent is not None and len(ent.name.split()) >= 2:
        return last_org or ent.name.split()[0]  # "the new Platform and Tools group": the text's organization
    if org is None:
        return None
    org_name = org.name
    if len(org_name.split()) >= 2 and org_name.lower() in name.lower():
        org_name = org_name.split()[0]  # "la division Microsoft AI": named after its parent brand
    return org_name


def _parent(e: Ent, unit: Ent | None, lex: Lexicon) -> bool:
    """Can ``e`` be the organization of the unit mentioned as ``unit``: another name, not itself a unit?"""
    return e is not unit and not (set(e.name.lower().split()) & lex.unit_nouns)


def _parent_org(
    ctx: SentenceContext,
    tok: Token,
    u: Token,
    ent: Ent | None,
    apposed: Ent | None,
    org: Ent | None,
    led: bool,
    state: DocState,
) -> Ent | None:
    """The organization the unit belongs to: its possessor, the subject, the nearest organization, or
    (for a unit just named) whoever hired its leader, else the organization the text is about."""
    info = ctx.info
    doc = info.sent.doc
    if org is None:
        # "Apple's Answers, Information and Knowledge group": the possessor is the parent
        owners = [
            e
            for e in info.ents
            if e.kind == "org"
            and 0 < u.i - e.end <= 8
            and doc[e.end].lower_ in ("'s", "’s")
            and e is not ent
            and not any(t.pos_ in ("VERB", "AUX", "DET") for t in doc[e.end + 1 : u.i])
        ]
        org = owners[-1] if owners else None
    if org is None and ent is not None and ent.start > info.sent.start:
        # "Meta's Superintelligence Lab": the possessor is the parent
        prev = [
            e
            for e in info.candidates("org")
            if e.end <= ent.start and ent.start - e.end <= 2 and _parent(e, ent, ctx.lex)
        ]
        org = prev[-1] if prev else None
    if org is None:
        hired = hire_of_purpose(ctx, tok) if led else None
        sides = agent_side(info, hired, "to_org", None) if hired is not None else []
        if hired is not None and not sides:
            boss = agent_side(info, hired, "person", state.last_person)
            sides = [b for b in (employer_of(boss[0]),) if b is not None] if boss else []
        if not led:
            sides = agent_side(info, tok, "org", None)
        left = [
            e
            for e in sides
            if _parent(e, ent, ctx.lex) and info.marker.get(id(e)) != "from_org" and not _in_name(doc, e, u)
        ]
        org = left[0] if left else None
    if org is None:
        # not where the unit's leader comes from ("X, who joined from Acme, will head a new group")
        leaders = agent_side(info, tok, "person", None) if led else []
        near = sorted(
            (
                e
                for e in info.candidates("org")
                if _parent(e, ent, ctx.lex)
                and not (led and (info.marker.get(id(e)) == "from_org" or e in leaders))
                and not _in_name(doc, e, u)
                and (e.end <= u.i or e.start - u.i <= 4)  # not one named in a later clause
            ),
            key=lambda e: abs(e.start - u.i),
        )
        org = near[0] if near else None
        if org is None and any(t.is_title for t in doc[max(info.sent.start, u.i - 4) : u.i]):
            org = topic_org(state)  # "the new Platform and Tools group will...": a named unit of the text's
    if org is None and apposed is not None:
        # "Y will run X, a new unit": the unit of Y's new employer, else of who hired last
        leader = _leader(ctx, tok, led, state.last_person)
        hirer = state.employers.get(leader or "") or state.hirer
        org = Ent(0, 0, 0, 0, hirer, hirer, "org") if hirer else topic_org(state)
    if org is None and led and (ent is None or not ent.known):
        org = topic_org(state)  # "X, hired to run a new lab": the lab of the organization the text is about
    return org


def _in_name(doc: Doc, e: Ent, u: Token) -> bool:
    """Is ``e`` a word of the unit's own name ("the CoreAI Platform and Tools group"): only name words
    between it and the unit noun?"""
    if not 0 <= u.i - e.end <= 5 or doc[e.end].lower_ in ("'s", "’s"):
        return False
    return all(t.pos_ in ("PROPN", "NOUN", "ADJ", "CCONJ", "PUNCT") for t in doc[e.end : u.i])


def _founded(info: SentenceInfo, tok: Token, ent: Ent) -> bool:
    """ "Mira Murati launched Thinking Machines Lab": a person starting a named lab starts a company (a
    founding move), unless it bears the brand of the company the person runs ("Zuckerberg launched Meta
    Superintelligence Labs")."""
    if agent_side(info, tok, "org", None) or not (boss := agent_side(info, tok, "person", None)):
        return False
    employer = deps.get_kb().employer(boss[0].name)
    if employer is None or employer == ent.name:
        return True
    named = {e.name for e in info.ents} | set(ent.name.split())
    return employer not in named and employer.split()[0] not in named


def _leader(ctx: SentenceContext, tok: Token, led: bool, last_person: Ent | None = None) -> str | None:
    """Who leads the unit: the subject (or agent) of a "lead" trigger, else a person a leader marker
    names ("led by X"), else the person a pronoun subject stands for."""
    info = ctx.info
    hired = hire_of_purpose(ctx, tok) if led else None
    if hired is not None:
        # "hired X and Y to run a new lab": the hired lead it
        who = [e for e in info.candidates("person") if hired.i < e.start < tok.i]
        if who:
            return who[0].name
    appointing = led and any(f.name == "hire" for f in ctx.lex.verb_frames(tok.lemma_.lower(), tok.lower_))
    if appointing and not is_passive(tok, info):
        who = [e for e in info.candidates("person") if e.start > tok.i]  # "Intel named X head of its group"
        if who:
            return who[0].name
    if led and appointing:
        who = agent_side(info, tok, "person", last_person)  # "X was appointed head of the group"
        if who:
            return who[0].name
    if led:
        if is_passive(tok, info):
            who = [e for e in info.candidates("person") if e.start > tok.i and by_agent(info, tok, e)]
        else:
            who = agent_side(info, tok, "person", last_person)  # "ce dernier va diriger...": the latter
        if who:
            return who[0].name
        return last_person.name if last_person is not None and _pronoun_subject(ctx) else None
    lead_re = re.compile("|".join(re.escape(m) for m in ctx.lex.leader_markers), re.IGNORECASE)
    if m := lead_re.search(ctx.text):
        persons = [e for e in info.ents if e.kind == "person"]
        at = info.sent.start_char + m.start()
        after = [e for e in persons if 0 <= info.sent.doc[e.start].idx - at <= 40]
        before = [e for e in persons if info.sent.doc[e.start].idx < at]
        if after and m.group(0).lower().split()[-1] in ("by", "par", "of", "de"):
            return after[0].name  # "led by X", "sous la direction de X"
        if before:
            return before[-1].name  # "named X at the head of its unit"
        if persons:
            return persons[0].name
        if last_person is not None and _pronoun_subject(ctx):
            return last_person.name
    return None


def _pronoun_subject(ctx: SentenceContext) -> bool:
    """Is the sentence's subject a pronoun for a person ("ce dernier rejoint X afin de diriger...")?"""
    return any(t.dep_.startswith("nsubj") and t.lower_ in ctx.lex.person_pronouns for t in ctx.info.sent)


def _unit_name(ctx: SentenceContext, u: Token, created: bool = False) -> str | None:
    """The words around the unit noun that name it ("a new AI research lab"), when they say it is new."""
    info, lex = ctx.info, ctx.lex
    doc = info.sent.doc
    a = u.i
    while a > info.sent.start and a - u.i > -6:
        p = doc[a - 1]
        if p.pos_ in ("ADJ", "PROPN", "NOUN", "X") and not p.is_punct and p.lower_ not in ("its", "their"):
            a -= 1
            continue
        if p.text in QUOTES:  # a new “frontier” team: the quoted word names it
            a -= 1
            continue
        if p.lower_ in ("and", "&", ",", "et") and a - 2 >= info.sent.start and doc[a - 2].is_title and doc[a].is_title:
            a -= 1  # "the Platform and Tools group", "Answers, Information and Knowledge group"
            continue
        break
    b = u.i + 1
    while b < info.sent.end and b - u.i <= 6:
        t = doc[b]
        if (
            t.is_punct
            and t.text not in ("«", "»", '"', "“", "”", "-")
            or t.lower_ in NAME_STOP
            or t.pos_ in ("SCONJ", "CCONJ", "PRON")
        ):
            break
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in NAME_VERBS:
            break
        b += 1
    while b - 1 > u.i and (doc[b - 1].pos_ in TRAILING or doc[b - 1].lower_ in lex.new_words):
        b -= 1  # "laboratoire de recherche en", "unité d'IA nouvellement": not part of the name
    words = doc[a:b].text
    # "a new lab", "son unité d'IA, nouvellement créée": the unit is said to be new
    around = doc[max(info.sent.start, a - 2) : min(b + 3, info.sent.end)].text.split()
    if not created and not any(w.lower() in lex.new_words for w in around) and a == u.i:
        return None
    return _clean_unit(words)


def _clean_unit(text: str) -> str:
    text = re.sub(r"^(?:the|its|their|a|an|le|la|les|l'|un|une|son|sa|ses)\s+", "", text.strip(), flags=re.I)
    return " ".join(text.split()).strip(" ,.;:")


def _quoted_name(info: SentenceInfo, u: Token, named: Callable[[str], bool]) -> str | None:
    """A quoted name given to the unit noun ``u`` after a naming cue ("dubbed “the Fellowship”")."""
    doc = info.sent.doc
    tail = doc[u.i + 1 : min(u.i + 16, info.sent.end)].text
    m = _QUOTED.search(tail)
    if m is None or not named(tail[: m.start()]):
        return None
    return m.group(1).strip()
