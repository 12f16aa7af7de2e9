"""Move facts: a person (or an unnamed group) leaving one organization for another, and promotions.

``build`` runs named steps over one trigger: read the two sides of the trigger, find the people,
find the destination, then the origin, then the title and status, and emit one fact per person
(plus the unnamed group moving with them). The steps share a ``_Move`` working record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from mercato.extract.builders import founded_by, founding, layoff, membership, move_guard, promotion, rival
from mercato.extract.builders import lead_group as leads
from mercato.extract.builders import move_args as args
from mercato.extract.builders import peers as joined_peers
from mercato.extract.builders.common import (
    Group,
    definite,
    employer_of,
    group,
    listed,
    members,
    name_of,
    role,
    status,
    tidy,
    topic_org,
    window,
)
from mercato.extract.builders.companions import companions
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.document import (
    boss_employer,
    implied_destination,
    implied_origin,
    open_destination,
    own_departure,
    plural_antecedents,
)
from mercato.extract.entities import Ent
from mercato.extract.frames import (
    agent_side,
    by_agent,
    fits,
    is_passive,
    marked,
    patient_side,
    purpose_object,
    subordinate,
)
from mercato.extract.lexicon import Frame
from mercato.extract.sentence import POSSESSIVES, SentenceInfo
from mercato.extract.tenure import tenure_origin

RELATIVE = {"qui", "who", "which", "dont", "où", "whose", "lequel", "laquelle"}


@dataclass
class _Move:
    """What the steps of ``build`` have found so far about one move trigger."""

    ctx: SentenceContext
    tok: Token
    frame: Frame
    state: DocState
    passive: bool = False
    subj_slot: str = ""
    obj_slot: str = ""
    left: list[Ent] = field(default_factory=list)
    right: list[Ent] = field(default_factory=list)
    persons: list[Ent] = field(default_factory=list)
    nominal: bool = False  # the trigger is a noun ("the departure of X")
    to_org: Ent | None = None
    from_org: Ent | None = None
    lead_role: str | None = None  # the title of whoever leads the unit named before
    group_org: Ent | None = None  # the employer of the group the people were named in
    group_members: bool = False  # the people are the named members of a group
    kept_group: Group | None = None  # a group moving besides the named people
    group: Group | None = None  # the unnamed group that moves, when no one is named


def build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
    """The move facts a move trigger states."""
    if ctx.cues("status", "failed", window(ctx.info, tok, [])) and frame.name != "leave":
        return []
    if move_guard.not_a_move(ctx, tok, frame):  # "joined its funding round", "Acme ... join Rival"
        return []
    if tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound"):
        return []  # "its founding members", "the departing executives", "a hiring spree": a description
    if frame.name in ("promote", "now_role"):
        return promotion.build(ctx, tok, state, same_place=frame.name == "promote")
    if frame.name == "member":
        return membership.build(ctx, tok, state)
    if frame.name in ("layoff", "lose"):
        return layoff.build(ctx, tok, state, lose=frame.name == "lose")
    if move_guard.attempt(ctx, tok):
        return []  # "offering bonuses to lure OpenAI talent": an attempt, not a move
    if tok.pos_ == "NOUN" and move_guard.describes_campaign(ctx, tok):
        return []  # "a recruitment campaign", "denies poaching claims": no one moved
    if frame.name == "found" and (described := founded_by.build(ctx, tok, frame)):
        return described  # "X, la start-up cofondée en 2023 par A et B": the company the participle follows
    if frame.name == "join" and (joined := joined_peers.build(ctx, tok, state)):
        return joined  # "X joins the likes of A and B": A and B moved to where X went
    m = _Move(ctx, tok, frame, state)
    _sides(m)
    _people(m)
    m.to_org = rival.described(ctx, m.to_org)  # "joined OpenAI rival Anthropic": Anthropic
    m.persons = move_guard.not_owners(ctx, m.persons)  # "to join Musk's xAI startup": not Musk
    m.to_org = move_guard.unless_former(ctx, m.to_org)  # "joins as CPO and ex-Square exec X ...": not Square
    m.to_org, m.right = founding.relative_antecedent(ctx, tok, frame.name == "found", m.to_org, m.right)
    if not m.persons and m.subj_slot == "person":  # "They joined Acme": the people listed just before
        plural = ctx.lex.cue("cues", "plural_people")
        m.persons = plural_antecedents(ctx.info, tok, plural, state.people, state.n_sent)
    _unit_destination(m)
    if frame.name == "found":
        _founders(m)
    if frame.weak and (
        m.to_org is None
        or not ctx.cues("status", "announced", window(ctx.info, tok, m.left))
        and not ctx.cues("cues", "new_role", window(ctx.info, tok, m.left))
    ):
        return []
    if frame.needs_patient and not m.right and not (m.passive and m.to_org is not None):
        return []  # (a passive names its company: "Fondée par des anciens d'OpenAI, Y" has a group agent)
    _marked_orgs(m)
    m.from_org = founding.main_clause_origin(ctx, tok, m.to_org, m.from_org)  # "Founded by A, Y got $1B from B"
    if m.to_org is None and frame.name == "hire":
        m.to_org = promotion.role_org(ctx.info, tok)  # "was appointed head of sales of Acme", "...Acme's CTO"
    if frame.name == "hire" and m.from_org is None and ctx.cues("cues", "promote_verbs", tok.lemma_):
        m.from_org = m.to_org  # "Acme promoted X to president": a new role in the same place
    _announcer(m)
    _origin(m)
    m.from_org = rival.not_descriptor(ctx, m.from_org)  # "Y, concurrent d'OpenAI": not where X was
    if not m.persons and not _unnamed_group(m):
        return []
    if m.persons and m.to_org is None and m.nominal and m.subj_slot != "person" and m.group_members:
        # "the hiring of several experts, including X": by the organization the text is about
        m.to_org = topic_org(state)
    st = status(ctx, tok, m.left)
    person_end = m.persons[-1].end if m.persons and m.obj_slot == "person" else None
    base_role = role(ctx, tok, person_end) or m.lead_role
    if not base_role and frame.name == "hire" and ctx.cues("cues", "promote_verbs", tok.lemma_):
        base_role = promotion.promoted_title(ctx, tok)  # "promoted X from scientist to president"
    if frame.role and not base_role:
        base_role = frame.role
    if m.group is not None:
        return _group_fact(m, st)
    info = ctx.info
    shared = next((info.affiliation[id(p)] for p in m.persons if id(p) in info.affiliation), None)
    shared = shared if args.plain_list(info, m.persons) else None  # "A, an investor, and B, ex-X": B's own
    out = [f for p in m.persons if (f := _person_fact(m, p, base_role, shared, st)) is not None]
    if m.persons and m.to_org is not None and m.kept_group is None:
        m.kept_group = companions(ctx, tok, m.persons, shared)
    if m.kept_group is not None and m.to_org is not None:
        count, g_org, _ = m.kept_group
        if g_org is not None and g_org.name != m.to_org.name:
            # "several Inflection employees, including X": the group, from its employer, besides X
            out.append(_fact(None, count, g_org.name, m.to_org.name, None, st))
    return out


def _fact(
    person: str | None, count: int | None, from_org: str | None, to_org: str | None, role: str | None, status: str
) -> dict[str, Any]:
    return {"person": person, "count": count, "from_org": from_org, "to_org": to_org, "role": role, "status": status}


def _sides(m: _Move) -> None:
    """The mentions on the subject and object sides of the trigger (swapped in the passive)."""
    info, tok, frame = m.ctx.info, m.tok, m.frame
    m.passive = is_passive(tok, info)
    if m.passive and frame.name == "join" and not any(by_agent(info, tok, e) for e in info.ents if e.start > tok.i):
        m.passive = False  # "X is headed to AMD": a participle of direction, not a passive
    m.subj_slot, m.obj_slot = (frame.patient, frame.agent) if m.passive else (frame.agent, frame.patient)
    m.left = agent_side(info, tok, m.subj_slot, m.state.last_person)
    if m.subj_slot == "to_org" and not m.left:
        m.left = _boss_org(info, tok)  # "Microsoft AI chief Mustafa Suleyman hired ...": his organization
        if not m.left:  # "Nadella hired X": the employer the article gives the hirer elsewhere
            m.left = boss_employer(m.state.doc, agent_side(info, tok, "person", None))
    if m.passive:
        want = "person" if m.obj_slot == "person" else "org"
        m.right = [e for e in info.candidates(want) if e.start > tok.i and by_agent(info, tok, e)][:1]
        if m.right:
            m.right = info.group_from(m.right[0], want, +1)
    else:
        m.right = args.own_objects(info, tok, patient_side(info, tok, m.obj_slot))  # not "... and joined Y"
    if m.obj_slot == "person" and not m.passive:
        # "hired several OpenAI researchers, including A and B": the members, from the group's employer
        ahead = group(m.ctx, tok, +1)
        if ahead is not None and ahead[2] and (not m.right or ahead[2][0].start <= m.right[0].start):
            m.right, m.group_org, m.group_members = ahead[2], ahead[1], True
            m.kept_group = ahead


def _people(m: _Move) -> None:
    """The people who move: on their side of the trigger, listed after a colon, or held by a noun."""
    info, tok = m.ctx.info, m.tok
    slots: dict[str, list[Ent]] = {m.subj_slot: m.left, m.obj_slot: m.right}
    persons = [e for e in slots.get("person", []) if fits(e, "person")]
    if not persons and m.obj_slot == "person" and not m.passive:
        persons = args.after_particle(info, tok)  # "to bring in X", "brought on X"
    if persons:
        # "appointed its COO A, and CTO B, as co-CEOs", "Acme CEO A, CTO B, Chief Scientist C joined":
        # titles between the names (a list before the trigger ends there)
        more = [e for e in listed(info, persons[0]) if e.start > tok.i or e.end <= tok.i]
        if len(more) > len(persons) and all(p in more for p in persons):
            persons = more
    # a move noun ("departure"), not a verb the tagger calls a noun ("part chez", "rejoint" in a title)
    lex = m.ctx.lex
    if not persons and m.subj_slot == "person":
        persons = args.fronted_clause_subject(m.ctx, tok)  # "Before joining Acme, X spent ten years at Rival"
    m.nominal = tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in lex.by_noun or tok.lower_ in lex.by_noun)
    if m.nominal and m.subj_slot == "person":
        # a move noun is about its holder ("X's departure", "the departure of X"), not about the subject of
        # the clause it sits in ("X denied any link with the departures")
        persons = [e for e in persons if args.possessor(info, e, tok)]
    if not persons and m.subj_slot == "person":
        # "four researchers joined Meta: A, B, C and D"
        # "two leaders departed – A and B": a dash introduces the list as a colon does
        colon = next((t.i for t in info.sent if t.i > tok.i and t.text in (":", "–", "—")), None)
        after = [e for e in info.candidates("person") if colon is not None and 0 < e.start - colon <= 2]
        if after:
            persons = listed(info, after[0])
    if not persons and m.nominal:
        # "le départ de X", "the arrival of X", "Meta's hiring of X"; "departures from X, including A and B"
        persons = args.holder(info, tok) or members(m.ctx, tok.i)
    if persons:
        # "X is moving to Meta, along with colleagues Y and Z", "Meta hired A as well as B"
        for e in info.candidates("person"):
            later = e.start > persons[0].start or m.obj_slot == "person" and e.start > tok.i
            if e not in persons and later and info.marker.get(id(e)) == "companions":
                persons += [p for p in info.group_from(e, "person", +1) if p not in persons]
                break
    m.persons = persons
    # "a lancé cette entreprise avec X, qui travaillait chez Apple": a relative clause has its own places
    m.to_org = next((e for e in slots.get("to_org", []) if e.start < tok.i or _same_clause(info, tok, e)), None)
    m.from_org = next((e for e in slots.get("from_org", []) if not _in_apposition(info, persons, e)), None)


def _founders(m: _Move) -> None:
    """The company a fronted participle founds, and the co-founders named after "with"."""
    if m.passive and m.to_org is None:
        m.to_org, m.persons = founding.fronted_company(m.ctx, m.tok, m.persons)
        if m.to_org is None and not m.persons:
            m.to_org = founding.fronted_company_after_group(m.ctx, m.tok)  # "Fondée par des anciens de X, Y"
    m.persons += [p for p in founding.cofounders(m.ctx, m.tok, m.persons, m.to_org) if p not in m.persons]


def _unit_destination(m: _Move) -> None:
    """ "the division will be headed by X", "X will be part of the new division": X joins the
    organization of the unit named before."""
    info, tok, frame, state = m.ctx.info, m.tok, m.frame, m.state
    if (
        frame.name not in ("lead", "join")
        or state.last_unit is None
        or not (m.to_org is None or m.to_org.kind == "any")
    ):
        return
    unit_tok = [
        t
        for t in info.sent
        if t.lower_ in m.ctx.lex.unit_nouns
        and (t in list(tok.subtree) or t.head == tok or tok in list(t.subtree) or definite(info, t))
    ]
    if unit_tok:
        org_name, unit_name = state.last_unit
        m.to_org = Ent(0, 0, 0, 0, org_name, org_name, "org")
        m.lead_role = frame.unit_role.format(unit=unit_name) if frame.unit_role else None


def _marked_orgs(m: _Move) -> None:
    """Destination and origin by their markers ("to", "from") in the trigger's clause."""
    info, tok = m.ctx.info, m.tok
    if m.to_org is None:
        m.to_org = next(
            (
                e
                for e in marked(info, "to_org", tok.i)
                if e is not m.from_org
                and _same_clause(info, tok, e)
                and not subordinate(info, tok, e)
                and not _in_apposition(info, m.persons, e)
            ),
            None,
        )
        if (
            m.frame.name == "leave"
            and m.to_org is not None
            and info.sent.doc[max(m.to_org.start - 1, 0)].lower_ not in m.ctx.lex.cues.get("leave_toward", [])
        ):
            m.to_org = None
    if m.from_org is None and m.frame.name == "leave":
        # "left his role as VP at Intel", "a quitté son poste chez Intel": the place of the post left
        posts = args.post_nouns(m.ctx)
        for e in marked(info, "to_org", tok.i):
            between = info.sent.doc[tok.i + 1 : e.start]
            if (
                len(between) <= 10
                and any(t.lower_ in posts for t in between)
                and _same_clause(info, tok, e)
                and not subordinate(info, tok, e)  # "a quitté ses fonctions pour rejoindre X": X is the destination
            ):
                m.from_org = e
                if m.to_org is e:
                    m.to_org = None
                break
    if m.from_org is None:
        m.from_org = next(
            (
                e
                for e in marked(info, "from_org", tok.i)
                if e is not m.to_org and _same_clause(info, tok, e) and not _in_apposition(info, m.persons, e)
            ),
            None,
        )


def _announcer(m: _Move) -> None:
    """ "Apple announced the departure of X", "OpenAI confirme l'arrivée de X": the announcer's."""
    if not m.nominal:
        return
    gov = args.governor_org(m.ctx.info, m.tok)
    agent = args.noun_agent(m.ctx.info, m.tok) if m.frame.name == "hire" else None
    gov, m.to_org = (agent, agent) if agent is not None else (gov, m.to_org)  # "le recrutement par OpenAI de X"
    if gov is not None and m.frame.name == "leave" and m.from_org is None:
        m.from_org = gov
    elif gov is not None and m.frame.name != "leave" and m.to_org is None:
        m.to_org = gov


def _origin(m: _Move) -> None:
    """Where the people come from when no marker says it: the group's employer, a departure stated
    beside the trigger, or the tenure the text gives them."""
    info, tok, frame, lex = m.ctx.info, m.tok, m.frame, m.ctx.lex
    if m.from_org is None and m.group_org is not None and (m.to_org is None or m.group_org.name != m.to_org.name):
        m.from_org = m.group_org
    if m.from_org is None and frame.name in ("join", "found"):
        # "quitté Google en 2018 pour rejoindre Apple", "founded Scale after leaving MIT": the object
        # of the departure stated beside it
        for t in info.sent:
            if t.i == tok.i or frame.name == "join" and t.i > tok.i:
                continue
            if any(f.name == "leave" for f in lex.verb_frames(t.lemma_.lower(), t.lower_)):
                nxt = [e for e in info.candidates("org") if 0 < e.start - t.i <= 3 and e is not m.to_org]
                m.from_org = nxt[0] if nxt else m.from_org
    if m.from_org is None and frame.name in ("join", "found", "lead", "leave"):
        m.from_org = tenure_origin(info, tok, m.persons, m.to_org)  # "spent two years at X before joining"


def _unnamed_group(m: _Move) -> bool:
    """With no one named: the group that moves, or its named members. False when there is none."""
    ctx, tok = m.ctx, m.tok
    grp = group(ctx, tok, -1 if m.subj_slot == "person" else +1)
    grp = grp or leads.find(ctx, tok, -1 if m.subj_slot == "person" else +1)  # "la direction de X est partie"
    if grp is None and m.obj_slot == "person" and not m.passive:
        grp = group(ctx, tok, -1)
    if grp is None:
        return False
    if grp[2]:
        # "several OpenAI researchers, including A and B": one move per named member
        m.kept_group = grp
        m.persons, m.from_org, m.group_members = grp[2], m.from_org or grp[1], True
    else:
        m.group = grp
    return True


def _group_fact(m: _Move, st: str) -> list[dict[str, Any]]:
    """The move of an unnamed group, when it says where it goes and that is not where it was."""
    assert m.group is not None
    count, gorg, _ = m.group
    f_org = m.from_org or gorg
    if f_org is not None and args.several(m.ctx.info, f_org):
        f_org = None  # "researchers from OpenAI and Google": from several organizations
    if m.to_org is None and m.frame.name == "join" and _open(m):
        m.to_org = implied_destination(m.state.doc, None, f_org)  # "ten researchers joined the ranks"
    if m.to_org is None or (f_org is not None and f_org.name == m.to_org.name):
        return []  # "researchers are leaving OpenAI": too vague to be a move fact
    return [_fact(None, count, name_of(f_org), name_of(m.to_org), None, st)]


def _person_fact(
    m: _Move, p: Ent, base_role: str | None, shared: tuple[Ent, str] | None, st: str
) -> dict[str, Any] | None:
    """The move of one named person, with the origin and title their description gives."""
    info, lex, to_org, frame = m.ctx.info, m.ctx.lex, m.to_org, m.frame
    f_org = m.from_org
    title = base_role
    # "A and B, co-founders of X": the descriptor after a list describes every name in it
    aff = info.affiliation.get(id(p)) or (shared if len(m.persons) > 1 else None)
    if aff is not None and any(aff[0] is q for q in m.persons):
        aff = None  # "CTO A, Chief Scientist B": B is listed with A, not A's employer
    if aff is not None:
        org, held = aff
        if to_org is not None and org.name == to_org.name:
            if title is None and held and any(w in lex.titles for w in held.lower().split()):
                title = tidy(held)
        elif f_org is None:
            f_org = org
    if title and title.split()[0].lower() in POSSESSIVES - {"his", "her"}:  # those two point to a person
        # "hire its CEO X", "embaucher son PDG X": the chief of the organization named before, a
        # title held there (where the move starts), not the new one
        owner = [e for e in info.candidates("org") if e.end <= m.tok.i + 12 and e is not to_org]
        if f_org is None and owner and (to_org is None or owner[-1].name != to_org.name):
            f_org, title = owner[-1], None
        else:
            title = tidy(title.split(None, 1)[1]) if " " in title else None
    if to_org is None:  # the sentence leaves a side unsaid: what the article says elsewhere
        to_org, f_org = _implied(m, p, f_org)
    if to_org is None and (f_org is None or frame.name != "leave"):
        return None
    if frame.needs_origin and f_org is None and (to_org is None or to_org.kind != "org"):
        return None  # "launched Y" founds Y when Y reads as a company or the founder's origin is stated
    if to_org is not None and f_org is not None and to_org.name == f_org.name and not title:
        return None
    return _fact(p.name, None, name_of(f_org), name_of(to_org), title, st)


IMPLIED_TO = {"join", "hire"}  # frames whose destination an article may leave to its subject


def _open(m: _Move) -> bool:
    people = {i for p in m.persons for i in range(p.start, p.end)}
    return open_destination(m.tok, people, m.ctx.lex.staff_nouns, m.ctx.lex.titles)


def _implied(m: _Move, p: Ent, f_org: Ent | None) -> tuple[Ent | None, Ent | None]:
    """(to_org, from_org) of a move whose sentence names no destination: a departure leaves the
    employer the article gives ``p`` (or its subject); an arrival joins the article's subject."""
    if p.kind != "person":
        return None, f_org  # a name of unknown kind is too weak to be given an employer
    people = {i for q in m.persons for i in range(q.start, q.end)}
    if m.frame.name == "leave" and own_departure(m.tok, people, POSSESSIVES):
        origin = f_org or implied_origin(m.state.doc, p)
        later = (e for e in m.ctx.info.ents if purpose_object(m.ctx.info, m.tok, e))
        if origin is not None and any(e.name == origin.name for e in later):
            return None, None  # "a quitté ses fonctions pour rejoindre X": X is where they go, not where from
        return None, origin
    if m.frame.name in IMPLIED_TO and _open(m):
        return implied_destination(m.state.doc, p, f_org), f_org
    return None, f_org


def _boss_org(info: SentenceInfo, tok: Token) -> list[Ent]:
    """The organization of the person who hires: the one the text gives them, else the one they run."""
    boss = agent_side(info, tok, "person", None)
    if not boss:
        return []
    aff = info.affiliation.get(id(boss[0]))
    if aff is not None:
        return [aff[0]]
    employer = employer_of(boss[0])
    return [employer] if employer else []


def _same_clause(info: SentenceInfo, tok: Token, e: Ent) -> bool:
    """Is ``e`` (after ``tok``) still in the trigger's clause? A relative clause in between ("X, who had
    joined the firm from Apple") or a clause a conjunction opens ("ont rejoint X pour travailler sur les
    modèles de la société") has its own origin and destination."""
    between = info.sent.doc[tok.i + 1 : e.start]
    return not any(
        t.lower_ in RELATIVE or t.dep_ in ("relcl", "acl:relcl") or t.dep_ == "mark" and t.head.i != tok.i
        for t in between
    )


def _in_apposition(info: SentenceInfo, persons: list[Ent], e: Ent) -> bool:
    """Is ``e`` inside the comma-apposition describing one of ``persons`` ("X, vice-president in charge
    of Machine Learning,")? What describes a person's job is not where they come from."""
    doc = info.sent.doc
    for p in persons:
        if p.end < e.start and doc[p.end].text == ",":
            between = doc[p.end + 1 : e.start]
            if any(q is not p and p.end <= q.start < e.start for q in persons):
                continue  # "A, B and C from X": a list of names, not an apposition
            if not any(t.text in (",", ")", ";") or t.lower_ in RELATIVE or t.pos_ in ("VERB", "AUX") for t in between):
                return True
    return False
