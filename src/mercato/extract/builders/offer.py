"""Offer facts: an organization offering pay to a person or to another organization's staff.

Four shapes, all from the offer frames of the pattern data: an offer of pay ("offered $100M to X"),
a recruiting approach with no pay word ("tried to recruit X", "reached out to Acme staff", frame
``approach``), a recruiting drive ("launched a recruitment campaign", frame ``recruit_drive``), and
pay to keep one's own staff ("retention bonuses", "is raising its engineers' pay"), whose target is
the offerer itself. A payment that buys a company or a licence is an investment, never an offer.

Also the offer a hire implies when the sentence states the package ("joined Meta with a package
worth $200M"), built from the move fact.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from mercato.extract.builders import offer_groups
from mercato.extract.builders.common import Group, employer_of, group, name_of, possessor_org, topic_org
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.builders.offer_parties import owner_targets
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side, marked, patient_side, subject_tokens
from mercato.extract.lexicon import Frame
from mercato.extract.sentence import SentenceInfo

COMPONENTS = ("signing_bonus", "package", "annual")  # the component cue lists, in order of precedence
OFFER_WORDS = ("offer", "offrir", "proposer", "offre")
PAY_VERBS = ("pay", "payer", "verser", "allouer")  # a payment, an offer only when it names pay
POSSESSIVES = ("its", "their", "son", "sa", "ses", "leur", "leurs")
OBJECT_PRONOUNS = ("him", "her", "them", "le", "la", "les", "l'", "lui", "leur")
PLATFORM_MARKS = ("on", "sur", "via")
PLURAL = ("them", "les", "leur")  # "wrote to Acme researchers to persuade them": the group named before


def build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
    """The offers an offer trigger states: one per named target, else one to the group or organization,
    for each organization making it ("Mistral and Poolside offer record salaries")."""
    if frame.name == "approach" and not _attempt(ctx, tok):
        return []  # "X recruited Y" is a move; only an attempt or a drive is an approach
    if _is_deal(ctx, tok):
        return []
    is_noun = tok.pos_ in ("NOUN", "PROPN") and frame.name != "recruit_drive"
    verb = _means_verb(tok) if is_noun else None  # "poached staff with $1M bonuses": the poaching verb
    offerers = _offerers(ctx, verb or tok, is_noun and verb is None, frame)
    if not offerers and _own_staff(ctx, tok, group(ctx, tok, +1)):
        # "the pay of Tesla's engineers will rise", "bumps wages to keep Nvidia workers": their employer's
        grp = group(ctx, tok, +1)
        offerers = [grp[1]] if grp is not None and grp[1] is not None else []
    if not offerers and (it := _pronoun_offerer(ctx, verb or tok, state)) is not None:
        offerers = [it]  # "it offered...", "elle avait signé une offre...": the organization just named
    out: list[dict[str, Any]] = []
    for by_org in offerers:
        offers = _offers(ctx, tok, verb, frame, by_org, is_noun, state, {e.name for e in offerers})
        for o in offers:
            if any(o["target_org"] == e.name for e in offerers) and o["target_org"] != by_org.name:
                o["target_org"] = None  # "Meta, OpenAI and Google are shelling out": none targets another
        out += offers
    return owner_targets(ctx, out, state)


def _offers(
    ctx: SentenceContext,
    tok: Token,
    verb: Token | None,
    frame: Frame,
    by_org: Ent,
    is_noun: bool,
    state: DocState,
    offerers: set[str],
) -> list[dict[str, Any]]:
    """The offers of one offerer (``offerers``: the names of all who make it)."""
    info = ctx.info
    anchor = verb or tok
    targets = _targets(ctx, anchor, by_org, is_noun and verb is None, state, frame)
    grp = group(ctx, anchor, +1)
    phrase = _phrase(ctx, tok)
    if grp is None and (is_noun or phrase or frame.name == "approach"):
        grp = group(ctx, anchor, -1)
    amount = max((float(a.value_usd) for a in ctx.amounts if a.value_usd), default=None)
    own = _own_staff(ctx, tok, grp)
    drive = frame.name in ("recruit_drive", "approach")
    pronoun = _pronoun_object(ctx, anchor)
    unnamed = pronoun and not targets and not (pronoun in PLURAL and grp)
    if frame.name == "approach" and (unnamed or not (targets or grp)):
        return []  # "tried to poach him" with no one named before: nobody to target
    if grp is not None and grp[1] is not None and grp[1].name == by_org.name and not own:
        # "Acme employees": Acme is whose staff they are, not who courts them; the people courted may
        # be named before ("would hire Nova staff and match their pay, and Acme employees were angry")
        near = ctx.info.sent.doc[anchor.i : min(anchor.i + 4, ctx.info.sent.end)]
        theirs = any(t.lower_ in ("their", "leur", "leurs") for t in near)
        grp = group(ctx, anchor, -1) if phrase or theirs else None
        if grp is None or grp[1] is None or grp[1].name == by_org.name:
            return []
    if frame.name == "recruit_drive":
        amount = None  # the drive's figure, when one is said, is some offer within it
    if not (amount or targets or grp or own or drive or tok.lemma_.lower() in OFFER_WORDS):
        return []
    if is_noun and not (amount or grp or targets or own):
        return []
    target_org = by_org if own else _target_org(ctx, anchor, by_org, grp, targets)
    outcome = "unknown"
    if ctx.cues("outcome", "declined", ctx.low):
        outcome = "declined"
    elif targets and ctx.cues("outcome", "accepted", ctx.low):
        outcome = "accepted"
    spk = ctx.speaker
    base = {
        "by_org": by_org.name,
        "target_org": name_of(target_org),
        "amount_usd": amount,
        "component": component(ctx),
        "outcome": outcome,
        "attributed_to": spk.name if spk is not None and spk.name not in offerers and not _boss(spk, by_org) else None,
    }
    if targets:
        out = []
        for p in targets:
            aff = info.affiliation.get(id(p))
            t_org = base["target_org"] or (aff[0].name if aff and aff[0].name != by_org.name else None)
            out.append(dict(base, target_person=p.name, target_org=t_org))
        return out
    paid = pays(ctx) or phrase
    if amount is None and grp is None and not (own or drive) and (is_noun or not paid):
        return []
    if amount is None and target_org is None and not (drive or paid):
        return []  # "Acme offers tools to developers": a product, not pay
    return [dict(base, target_person=None)]


def _boss(person: Ent, org: Ent) -> bool:
    """Is ``person`` the known leader of ``org`` (whose words are the offer itself, not a claim)?"""
    employer = employer_of(person) if person.kind in ("person", "any") else None
    return employer is not None and employer.name == org.name


def _phrase(ctx: SentenceContext, tok: Token) -> bool:
    """Was the trigger found as a phrase of pay ("restricted stock", "hausses de salaires"), not a word?"""
    lex = ctx.lex
    lem, low = tok.lemma_.lower(), tok.lower_
    frames = lex.verb_frames(lem, low) + lex.by_noun.get(lem, lex.by_noun.get(low, []))
    return not any(f.type == "offer" for f in frames)


def _attempt(ctx: SentenceContext, tok: Token) -> bool:
    """Is the recruiting verb an attempt ("tried to recruit", "pour tenter de les débaucher", "is
    aggressively courting")? Then it states an approach, whatever came of it."""
    doc = ctx.info.sent.doc
    before = doc[max(ctx.info.sent.start, tok.i - 5) : tok.i].text
    return ctx.cues("cues", "attempt", before)


def _is_deal(ctx: SentenceContext, tok: Token) -> bool:
    """Is the money a deal for a company ("agreed to pay Acme $650M in licensing fees", "a $3bn offer
    for the startup fell through", "the proposed $9B merger")? A payment ("paid $2.7 billion to rehire
    X") is an offer only when the sentence names pay; a figure beside an acquisition is its price."""
    at = tok.idx - ctx.info.sent.start_char
    if any(m.start() != at for m in ctx.rules.pay.finditer(ctx.low)):
        return False  # a pay word besides the trigger ("agreed to pay" names no pay)
    if tok.lemma_.lower() in PAY_VERBS and tok.pos_ in ("VERB", "AUX"):
        return True  # "agreed to pay Acme": a payment; the noun ("reworking pay") is pay
    if not ctx.amounts:
        return False
    info = ctx.info
    doc = info.sent.doc
    # "a $3 billion offer for the startup X": an offer for a company is a bid for it
    for_org = any(
        0 < e.start - tok.i <= 8 and any(t.lower_ in ("for", "pour") for t in doc[max(tok.i, e.start - 5) : e.start])
        for e in info.candidates("org")
        if not (e.end < info.sent.end and doc[e.end].lower_ in ctx.lex.group_nouns | {"'s", "’s"})
    )
    return for_org or ctx.cues("cues", "deal", ctx.low)  # the deal's own value


def _means_verb(tok: Token) -> Token | None:
    """The verb an offer noun is the means of: "poaching OpenAI staff *with* $100M bonuses", "luring
    Acme employees away with packages": whoever poaches offers, and the poached are the targets."""
    head = tok.head
    if head.pos_ != "ADP" or head.lower_ not in ("with", "avec"):
        return None
    verb = head.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            return verb
        verb = verb.head
    return None


def _pronoun_object(ctx: SentenceContext, tok: Token) -> str:
    """The trigger's object pronoun ("tried to recruit him", "pour tenter de les débaucher"), or ""."""
    doc = ctx.info.sent.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < ctx.info.sent.end else ""
    prev = doc[tok.i - 1].lower_ if tok.i - 1 >= ctx.info.sent.start else ""
    if ctx.lang == "en":
        return nxt if nxt in OBJECT_PRONOUNS else ""
    return prev if prev in OBJECT_PRONOUNS else ""


def _offerers(ctx: SentenceContext, tok: Token, is_noun: bool, frame: Frame) -> list[Ent]:
    """Who offers: the subject (with the names coordinated to it), the organization marked after an
    offer noun, a known leader's company, or the possessor of the noun ("Meta's offer")."""
    info = ctx.info
    if each := offer_groups.each_of(ctx, tok):
        return each  # "with each company offering": every organization listed before
    if frame.name == "approach":
        return _subject_orgs(ctx, tok)
    left = agent_side(info, tok, "by_org", None)
    by_org = left[:1]
    if len(left) > 1 and all(e.kind == "org" for e in left):
        by_org = left  # "Meta and Google are offering": each makes its offer
    by_org = [e for e in by_org if not _platform(info, e)]
    if is_noun or frame.name == "recruit_drive":
        after = [
            e
            for e in info.candidates("org")
            if 0 < e.start - tok.i <= 4 and info.marker.get(id(e)) in ("by_org", "from_org", "agent", "investors")
        ]
        if after:
            by_org = info.group_from(after[0], "org", +1)  # "la campagne menée par A, B et C"
    if not by_org and not is_noun:
        # "Zuckerberg offered $100M": a known leader's offer is his company's
        boss = agent_side(info, tok, "person", None)
        employer = employer_of(boss[0]) if boss else None
        by_org = [employer] if employer is not None else []
    possessor = possessor_org(info, tok) if is_noun else None
    if possessor is not None:
        by_org = [possessor]  # "Meta's offer"
    return by_org


def _pronoun_offerer(ctx: SentenceContext, tok: Token, state: DocState) -> Ent | None:
    """The organization the last sentences were about, when an organization pronoun is the subject
    of the trigger (or of the verb whose object the offer noun is)."""
    pronouns = {w.lower() for w in ctx.lex.cues.get("org_pronouns", [])}
    verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("obj", "dobj") else tok
    if not any(s.lower_ in pronouns for s in subject_tokens(verb)):
        return None
    return topic_org(state)


def _platform(info: SentenceInfo, e: Ent) -> bool:
    """Is ``e`` where something was said ("in a message on Slack", "sur X"), not who offers?"""
    doc = info.sent.doc
    return e.start > info.sent.start and doc[e.start - 1].lower_ in PLATFORM_MARKS


def _subject_orgs(ctx: SentenceContext, tok: Token) -> list[Ent]:
    """The organization that is the grammatical subject of a recruiting verb (or whose known leader
    is): an attempt needs an attempter, never the nearest name ("companies trying to attract talent")."""
    info = ctx.info
    for s in subject_tokens(tok):
        found = [e for e in info.ents if e.start <= s.i < e.end and e.kind in ("org", "any", "person")]
        if not found:
            continue
        e = found[0]
        if e.kind == "person":
            employer = employer_of(e)
            aff = info.affiliation.get(id(e))
            return [employer] if employer is not None else ([aff[0]] if aff else [])
        return [e]
    return []


def _own_staff(ctx: SentenceContext, tok: Token, grp: Group | None) -> bool:
    """Is the pay for the offerer's own people: to keep them ("retention bonuses", "pour fidéliser
    les talents"), raised ("is boosting its salary budget"), or given to "its researchers"?"""
    if ctx.cues("cues", "retain", ctx.low):
        # "to attract and retain talent": the whole market, no one's own staff
        return not ctx.cues("cues", "attract", ctx.low)
    if ctx.cues("cues", "recruit", ctx.low):
        return False
    if (pays(ctx) or _phrase(ctx, tok)) and ctx.cues("cues", "pay_rise", ctx.low):
        return True
    doc = ctx.info.sent.doc
    near = doc[max(ctx.info.sent.start, tok.i - 3) : tok.i]
    return grp is not None and grp[1] is None and any(t.lower_ in ("its", "son", "sa", "ses") for t in near)


def _target_org(ctx: SentenceContext, tok: Token, by_org: Ent, grp: Group | None, targets: list[Ent]) -> Ent | None:
    """The organization whose staff the offer targets: the group's, the reporting speaker's (with no
    named target), else one marked as origin or target after the trigger."""
    info = ctx.info
    target_org = grp[1] if grp else None
    spk_aff = info.affiliation.get(id(ctx.speaker)) if ctx.speaker is not None else None
    if target_org is None and spk_aff is not None and spk_aff[0].name != by_org.name and not targets:
        target_org = spk_aff[0]  # "OpenAI CEO Sam Altman said Meta offered...": his staff were targeted
    if target_org is None:
        target_org = next(
            (
                e
                for e in info.candidates("org")
                if e.name != by_org.name and info.marker.get(id(e)) in ("from_org", "target") and e.start > tok.i
            ),
            None,
        )
    return target_org


def _targets(ctx: SentenceContext, tok: Token, by_org: Ent, is_noun: bool, state: DocState, frame: Frame) -> list[Ent]:
    """The people the offer was made to (not the offerer, not who reports it, not whose departure or
    words the sentence mentions)."""
    info = ctx.info
    spoken = ctx.speaker.name if ctx.speaker is not None else None
    reporters = _reporters(ctx)
    doc = info.sent.doc

    def fits(e: Ent) -> bool:
        owner = e.end < info.sent.end and doc[e.end].lower_ in ("'s", "’s")  # "Altman's departure"
        return e.name not in (by_org.name, spoken) and not owner and doc[e.start].idx not in reporters

    targets = [e for e in patient_side(info, tok, "person") if fits(e)]
    if not targets:
        # "offered $250 million to X", "a proposé 250 millions de dollars à X": the recipient
        to = [e for e in marked(info, "to_org", tok.i, kind="person") if e.start - tok.i <= 14]
        targets = [e for e in info.group_from(to[0], "person", +1) if fits(e)] if to else []
    nxt = doc[tok.i + 1] if tok.i + 1 < info.sent.end else None
    plural_group = _pronoun_object(ctx, tok) in PLURAL and group(ctx, tok, -1) is not None
    pronoun_next = nxt is not None and nxt.lower_ in OBJECT_PRONOUNS
    if not targets and frame.name == "approach" and pronoun_next and not plural_group:
        # "when the company tried to recruit him": the person named before
        # ("X said Meta had tried to poach him": the speaker may be whom the pronoun stands for)
        before = [e for e in info.candidates("person") if e.end <= tok.i and e.name != by_org.name]
        targets = before[-1:] or ([state.last_person] if state.last_person is not None else [])
    if is_noun and not targets and ctx.cues("outcome", "declined", ctx.low):
        # "Sutskever declined Meta's offer": who turned it down was its target
        refuser = [e for e in agent_side(info, tok.head, "person", state.last_person) if e.name != spoken]
        targets = refuser[:1] if tok.dep_ in ("dobj", "obj", "conj") else []
    return targets


def _reporters(ctx: SentenceContext) -> set[int]:
    """The char offsets where names just after a speech marker may start ("according to its chief
    Sam Altman", "selon le PDG X"): who comes there reports the offer, whatever the parser made of it."""
    low, base = ctx.low, ctx.info.sent.start_char
    out: set[int] = set()
    for marker in ctx.lex.speech_markers:
        if ctx.lang == "fr" and marker == "pour":
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(marker)}(?!\w)", low):
            words = list(re.finditer(r"\S+", low[m.end() :]))[:4]
            out.update(base + m.end() + w.start() for w in words)
    return out


def component(ctx: SentenceContext) -> str | None:
    """Which part of the pay the sentence names (signing bonus, package, annual pay), if any."""
    return next((c for c in COMPONENTS if ctx.cues("component", c, ctx.low)), None)


def pays(ctx: SentenceContext) -> bool:
    """Does the sentence name pay (a bonus, a package...), not only an offer?"""
    return bool(ctx.rules.pay.search(ctx.low))


def hire_offers(ctx: SentenceContext, frame: Frame, moves: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "X joined Meta with a package worth $200M": a hire with a stated package is also an offer."""
    if not (
        frame.type == "move"
        and frame.name in ("join", "hire")
        and ctx.amounts
        and pays(ctx)
        and not ctx.has_denial
        and not ctx.cues("cues", "negation", ctx.low)
    ):
        return []
    return [_hire_offer(ctx, m) for m in moves if m.get("person") and m.get("to_org")]


def _hire_offer(ctx: SentenceContext, move: dict[str, Any]) -> dict[str, Any]:
    return {
        "by_org": move["to_org"],
        "target_org": move.get("from_org"),
        "target_person": move["person"],
        "amount_usd": max(float(a.value_usd) for a in ctx.amounts if a.value_usd)
        if any(a.value_usd for a in ctx.amounts)
        else None,
        "component": component(ctx),
        "outcome": "accepted" if move.get("status") == "done" else "unknown",
        "attributed_to": ctx.speaker.name if ctx.speaker is not None else None,
    }
