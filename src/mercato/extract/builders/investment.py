"""Investment facts: funding rounds and their backers, investments, acquisitions, licensing.

A round ("X raised $2B from A and B") gives a funding fact for the target and one backer fact per
investor listed after it; backers may also come in the next sentence ("A and B also take part in
the round", or a verbless list), which ``DocState.funding`` makes possible.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract import deps
from mercato.extract.builders import (
    after_round,
    backed_by,
    backers,
    deal_parties,
    joint_amount,
    licensing,
    round_relative,
    round_roster,
    unsized,
)
from mercato.extract.builders.common import OF, amount_near, possessor_org, status, topic_org
from mercato.extract.builders.context import Candidate, DocState, SentenceContext
from mercato.extract.builders.interest import mere_interest
from mercato.extract.entities import ORG_WORDS, Ent
from mercato.extract.frames import agent_side, by_agent, is_passive, marked, patient_side
from mercato.extract.lexicon import Frame
from mercato.extract.sentence import COORD, SentenceInfo


def build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
    """The investment facts an investment trigger states (a round's name is never a party)."""
    rounds = {w.lower() for w in ctx.lex.cues.get("round_names", [])}
    if backed_by.names_a_kind(ctx, tok):
        return []  # "un fonds d'investissement", "an investment firm": what a company is
    after = ctx.info.sent.doc[tok.i + 1 : min(tok.i + 5, ctx.info.sent.end)].text.lower()
    if tok.pos_ == "VERB" and ctx.cues("cues", "figurative_put", f"{tok.lower_} {after}") or mere_interest(ctx, tok):
        return []  # "puts it on par with A": a comparison; "interest in acquiring A": no deal yet
    return [
        f
        for f in joint_amount.split(ctx, joint_amount.relative_list(ctx, tok, _build(ctx, tok, frame, state)))
        if not any((f.get(k) or "-").split()[0].lower() in rounds for k in ("investor", "target"))
    ]


def _build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
    st = status(ctx, tok, [], allow_failed=True)
    amount = amount_near(ctx, tok)
    if frame.name not in ("raise", "receive"):
        amount = round_roster.own_share(ctx, tok, frame.kind, amount)  # "joined a $125M round": not its share
    stake = deps.parse_percent(ctx.text)
    if stake is not None and not ctx.cues("cues", "stake", ctx.low):
        stake = None  # "laid off 14% of its staff": a share of something else than the company
    if frame.name == "raise" and tok.pos_ != "VERB" and (led := _led_round(ctx, tok, state, st)) is not None:
        return led
    if frame.name == "raise" and amount is None:
        joined = _joined_round(ctx, tok, state)
        if joined:
            return joined
    if frame.name == "receive":
        return _received(ctx, tok, st) or _round(ctx, tok, amount, st)
    if frame.name == "raise":
        return _round(ctx, tok, amount, st)
    if frame.name == "portfolio":
        return _portfolio(ctx.info, tok)
    return _deal(ctx, tok, frame, state, amount, stake, st)


def _deal(
    ctx: SentenceContext,
    tok: Token,
    frame: Frame,
    state: DocState,
    amount: float | None,
    stake: float | None,
    st: str,
) -> list[dict[str, Any]]:
    """One organization putting money in (or buying, or licensing) another."""
    info = ctx.info
    kind = frame.kind or "investment"
    if kind == "licensing" and (paid := licensing.parties(ctx, tok, amount, st)) is not None:
        return paid  # "A pays B licensing fees", "B licenses its models to A": A is the licensee
    investor: Ent | None
    target: Ent | None
    partners: list[Ent] = []  # investors coordinated with the first ("A and B agreed to buy X")
    if tok.pos_ == "NOUN" and (led := round_roster.led_by_list(ctx, tok, amount, st)) is not None:
        return led  # "le financement de Nova, mené par A et B"
    if tok.pos_ in ("NOUN", "PROPN"):
        found = _noun_parties(info, tok, frame, state, amount, stake)
        if found is None:
            return []
        investor, target = found
    elif is_passive(tok, info):
        left = agent_side(info, tok, "target", None)
        target = left[0] if left else None
        inv = [e for e in info.candidates("org") if e.start > tok.i and by_agent(info, tok, e)]
        investor = inv[0] if inv else None
        target = target or deal_parties.fronted_target(info, tok, investor)
        listed = backers.by_list(ctx, tok) if kind == "investment" and investor is not None else []
        if target is not None and len(listed) > 1 and investor in listed:
            # "backed by A, the fund B and C": every name of the list backs the target
            return [backers.backer(e.name, target.name, st) for e in listed if e.name != target.name]
    else:
        left = deal_parties.without_possessor(info, agent_side(info, tok, "investor", None))
        investor = left[0] if left else _pronoun_org(info, tok, state)
        if investor is None and kind == "investment" and amount is not None:
            # "the billionaire X signed a $50M check": people invest too
            people = [e for e in agent_side(info, tok, "person", None) if e.kind == "person"]
            investor = people[0] if people else None
        partners = [e for e in left[1:] if e.kind in ("org", "any")]
        right = patient_side(info, tok, "target", limit=20) or [
            e for e in marked(info, "from_org", tok.i) if e.start - tok.i <= 12
        ]
        target = right[0] if right and not _heads_relative(info, right[0], tok) else None
        named = backers.members_after(ctx, tok)
        if investor is not None and named and (target is None or target in named):
            # "invested in companies such as A and B": each company named is a target
            return [dict(backers.backer(investor.name, e.name, st), kind=kind) for e in named if e is not investor]
        sized = amount is not None or round_roster.into_last_round(ctx, tok, state)
        if target is None and investor is not None and kind == "investment" and sized:
            # "SoftBank, which put in $500 million", "its backer Acme also invested" (no destination said,
            # right after a round): the money goes to the round (or company) told of
            target = backers.subject_org(state, investor.name)
    if target is None or investor is None or investor.name == target.name:
        return []
    if deal_parties.named_backers(ctx, tok, target):
        return []  # "X gets $25M, while investors like A recoup theirs": A invests, in whom the lists tell
    if target.start > tok.i and backers.placed(info.sent.doc, target):
        return []  # "an investor based in Singapore": a place, not a company invested in
    people = [t for t in info.sent.doc[tok.i + 1 : max(tok.i + 1, target.start)] if t.lower_ in ctx.lex.group_nouns]
    if people and target.start > tok.i:
        return []  # "racheter les cerveaux d'OpenAI": buying people is hiring, not an acquisition
    if kind == "investment" and amount is None and stake is None and not ctx.cues("cues", "money_in", ctx.low):
        return []
    return [
        {
            "investor": e.name,
            "target": target.name,
            "amount_usd": amount if kind != "licensing" or amount else None,
            "stake_pct": stake if kind in ("investment", "acquisition") else None,
            "kind": kind,
            "status": st,
        }
        for e in [investor, *partners]
        if e.name != target.name
    ]


def _noun_parties(
    info: SentenceInfo, tok: Token, frame: Frame, state: DocState, amount: float | None, stake: float | None
) -> tuple[Ent | None, Ent] | None:
    """Investor and target of an investment noun ("Nvidia's acquisition of Mellanox"); None without a target."""
    tgt = [
        e
        for e in info.candidates("org")
        if e.start > tok.i and e.start - tok.i <= 4 and info.marker.get(id(e)) in ("target", "to_org", "from_org")
    ]
    inv = [e for e in info.candidates("org") if e.start > tok.i and by_agent(info, tok, e)]
    if not inv:
        inv = agent_side(info, tok, "investor", None)
    if not inv:
        # "Nvidia's $7 billion acquisition of Mellanox": the possessor named before the noun
        owner = possessor_org(info, tok)
        inv = [owner] if owner is not None else []
    if not inv and _possessed(tok):
        # "its $19 billion acquisition of WhatsApp": the organization "its" stands for
        prev = [e for e in info.candidates("org") if e.end <= tok.i and e.kind == "org"]
        topic = topic_org(state)  # None exactly when no organization was the topic
        inv = prev[-1:] or ([topic] if topic is not None else [])
    target = tgt[0] if tgt else None
    investor = inv[0] if inv else None
    if frame.name == "invest" and target is not None and info.marker.get(id(target)) in ("from_org", "by_org"):
        # "un investissement de Meta", "an investment from Meta": the one after is the investor
        before = [e for e in info.candidates("org") if e.end <= tok.i and e is not target]
        investor, target = target, (before[-1] if before else None)
    if target is None and investor is not None and (amount or stake):
        # "a partnership with Scale AI involving an investment of $14B": the other party
        others = [e for e in info.candidates("org") if e.name != investor.name]
        target = min(others, key=lambda e: abs(e.start - tok.i)) if others else None
    if target is None and _possessed(tok):
        # "its acquisition by Microsoft": the possessor is the organization named before
        prev = [e for e in info.candidates("org") if e.end <= tok.i and e is not investor]
        target = prev[-1] if prev else None
    if target is None:
        return None
    return investor, target


def _round(ctx: SentenceContext, tok: Token, amount: float | None, st: str) -> list[dict[str, Any]]:
    """A funding round: the funding fact for who raises, and one fact per backer listed after it."""
    info = ctx.info
    funding = tok.lemma_.lower() in ("raise", "lever") or ctx.cues("cues", "funding", ctx.low)
    if not funding:
        return []
    if amount is None:
        return unsized.backers_of(ctx, tok, st)
    near = info.sent.doc[max(info.sent.start, tok.i - 1) : min(info.sent.end, tok.i + 2)].text.lower()
    if tok.pos_ == "NOUN" and ctx.cues("cues", "cumulative", near):
        return []  # "bringing its total funding to $1B": a sum of rounds, not one
    fronted = after_round.raiser(ctx, tok)  # "après avoir levé 5 M$, X est partie chez Y": X raised
    if fronted is None:
        return []
    left = [e for e in agent_side(info, tok, "target", None) if not _round_name(ctx, e)]
    left = deal_parties.without_examples(ctx, left)  # "courted by players like A": A is not who raises
    if any(_in_clause(info, e, tok) or _described_by(info, e) for e in left):
        left = []  # "a startup founded by researchers from A and B raised": A and B describe who raises
    left = left or round_relative.antecedent(ctx, tok)  # "X, cofondatrice de Nova, qui a levé 5 M$"
    left = left if fronted is False else [fronted]
    target = left[0] if left else None
    funded = [
        e for e in info.candidates("org") if 0 < e.start - tok.i <= 3 and info.marker.get(id(e)) in ("to_org", "target")
    ]
    lead = next((a for a in list(tok.ancestors)[:2] if a.pos_ == "VERB"), None) if tok.pos_ == "NOUN" else None
    if lead is not None and lead.i < tok.i and ctx.cues("cues", "join_round", lead.lower_):
        return []  # "A invested $400M in this round": A's share (an invest trigger's fact), not a round
    if lead is not None and ctx.cues("cues", "lead_round", lead.lower_) and target is not None:
        # "Acme led a $1B round for Nova": Acme backs the round, whoever it is for raises
        funded = [
            e
            for e in info.candidates("org")
            if 0 < e.start - tok.i <= 15
            and info.marker.get(id(e)) in ("to_org", "target")
            and e.name != target.name
            and not ctx.lex.cue("markers", "companions").search(info.sent.doc[tok.i : e.start].text)
        ]
        if not funded:
            return []
    if tok.pos_ == "NOUN" and funded and target is not None and funded[0].name != target.name:
        # "the giant led a $2bn funding drive for Quorum Labs": the subject backs the round, whose
        # total is the round's (the leader's own share is not told)
        return [
            backers.funding(funded[0].name, amount, st),
            _backer(target.name, funded[0].name, st),
        ]
    if target is None:
        return []
    out: list[dict[str, Any]] = [backers.funding(target.name, amount, st)]
    # every list of backers after the round: "led by A, with participation from B and C"
    # (an organization "by" whom a round is led is a backer too)
    listed_backers: list[Ent] = []
    for first in info.ents:
        marker = info.marker.get(id(first))
        if first.start <= tok.i or first in listed_backers:
            continue
        if fronted is not False and any(t.text == "," for t in info.sent.doc[tok.i : first.start]):
            break  # past the fronted clause of the round: the main clause names no backer
        # "raised $2 billion from X": "from" marks the backer of a round, not an origin
        if (marker in ("investors", "from_org") and first.kind in ("org", "any", "person")) or (
            marker == "agent" and first.kind in ("org", "any")
        ):
            listed_backers += [e for e in _listed(info, first) if e not in listed_backers]
    out += [_backer(e.name, target.name, st) for e in listed_backers if e.name != target.name]
    return out


def _led_round(ctx: SentenceContext, tok: Token, state: DocState, st: str) -> list[dict[str, Any]] | None:
    """ "Acme is leading the round", "Acme, which led Nova's round": the subject of a verb of leading
    whose object is a round backs it; the round is Nova's (its possessor), the one the article told
    of, or its subject's. None when ``tok`` is no round led by someone (the round rules apply)."""
    info = ctx.info
    lead = next((a for a in list(tok.ancestors)[:2] if a.pos_ == "VERB"), None)
    if lead is None or lead.i > tok.i or not ctx.cues("cues", "lead_round", lead.lower_):
        return None
    subject = [e for e in agent_side(info, lead, "investor", None) if e.end <= lead.i]
    subject = round_roster.apposed_leader(ctx, subject)
    funded = [
        e
        for e in info.candidates("org")
        if 0 < e.start - tok.i <= 15
        and info.marker.get(id(e)) in ("to_org", "target")
        and not ctx.lex.cue("markers", "companions").search(info.sent.doc[tok.i : e.start].text)
    ]
    owner = possessor_org(info, tok, ("org", "any")) or round_roster.of_owner(
        info, tok
    )  # "leading B's round", "le tour de B"
    funded = [e for e in funded if e is not owner]  # "dirige le tour de Nova": Nova's round
    if not subject or funded:
        return None  # "A led a $1B round for B": the round rules read it
    target = owner or backers.subject_org(state, subject[0].name)
    if target is None or target.name == subject[0].name:
        return []
    if owner is not None:
        state.funding = (target.name, st, state.n_sent)  # "B's round": "it also includes A and C" next
    return [_backer(e.name, target.name, st) for e in subject if e.name != target.name]


def _received(ctx: SentenceContext, tok: Token, st: str) -> list[dict[str, Any]]:
    """ "X received $3B from A and $8B from B": each backer's money, the amount said before its name."""
    info = ctx.info
    left = agent_side(info, tok, "target", None)
    if not left or not ctx.amounts:
        return []
    target = left[0]
    out: list[dict[str, Any]] = []
    for e in info.ents:
        if e.start <= tok.i or e.kind not in ("org", "any", "person") or e.name == target.name:
            continue
        if info.marker.get(id(e)) not in ("from_org", "investors", "by_org"):
            continue
        if any(t.lower_ in backers.CLAUSE for t in info.sent.doc[tok.i + 1 : e.start]):
            break  # "X will receive $25M, while investors like A ...": another clause, not X's backers
        pos = e.cstart - ctx.start
        before = [a for a in ctx.amounts if a.end <= pos]
        amount = float(before[-1].value_usd) if before and before[-1].value_usd else None
        out.append(dict(_backer(e.name, target.name, st), amount_usd=amount))
    return out


def _portfolio(info: SentenceInfo, tok: Token) -> list[dict[str, Any]]:
    """ "X's portfolio includes A and B": an investment of X in each."""
    left = agent_side(info, tok, "investor", None)
    right = patient_side(info, tok, "target", limit=6)
    if not left or not right:
        return []
    return [
        {
            "investor": left[0].name,
            "target": t.name,
            "amount_usd": None,
            "stake_pct": None,
            "kind": "investment",
            "status": "done",
        }
        for t in right
        if t.name != left[0].name
    ]


def _joined_round(ctx: SentenceContext, tok: Token, state: DocState) -> list[dict[str, Any]]:
    """ "X and Y also take part in the round": backers of the round stated in the sentence before."""
    info = ctx.info
    if state.funding is None or state.n_sent - state.funding[2] > 1 or tok.pos_ not in ("NOUN", "PROPN"):
        return []
    verb = next((t for t in list(tok.ancestors)[:3] if t.pos_ == "VERB"), None)
    if verb is None or not ctx.cues("cues", "join_round", info.sent.doc[verb.i : tok.i].text.lower()):
        return []
    target, st, _ = state.funding
    subjects = [e for e in agent_side(info, verb, "investor", None) if e.kind in ("org", "any", "person")]
    backers = [e for e in (_listed(info, subjects[0]) if subjects else []) if e.name != target]
    return [_backer(e.name, target, st) for e in backers]


def more_backers(ctx: SentenceContext, state: DocState) -> list[Candidate]:
    """A verbless list of three or more names right after a funding round continues its list of
    backers ("Mistral AI raised €105M from X, Y and Z. In Europe, A, B, C and D.")."""
    info = ctx.info
    if state.funding is None or state.funding[2] != state.n_sent - 1:
        return []
    if any(t.pos_ == "VERB" for t in info.sent):
        return []
    target, st, _ = state.funding
    names = [e for e in info.ents if e.kind in ("org", "person") and e.name != target]
    best: list[Ent] = []
    for e in names:
        run = _listed(info, e)
        if len(run) > len(best):
            best = run
    if len(best) < 3:
        return []
    return [Candidate("investment", _backer(e.name, target, st), ctx.start, ctx.end, 0.5) for e in best]


def _backer(investor: str, target: str, status: str) -> dict[str, Any]:
    """A backer of a funding round: an investment with no amount of its own."""
    return {
        "investor": investor,
        "target": target,
        "amount_usd": None,
        "stake_pct": None,
        "kind": "investment",
        "status": status,
    }


def _listed(info: SentenceInfo, first: Ent) -> list[Ent]:
    """``first`` and the names listed after it ("X, Y, Z ou W"), whatever their kind."""
    doc = info.sent.doc
    out, cur = [first], first
    for e in info.ents:
        if e.start < cur.end or e.kind in ("media", "none"):
            continue
        between = doc[cur.end : e.start]
        plain = all(t.lower_ in COORD or t.lower_ in OF or t.is_space for t in between)
        # "X et le fonds Y", "X and the fund Y": a coordinator, then the kind of the next name
        described = any(t.lower_ in COORD for t in between) and all(
            t.lower_ in COORD or t.pos_ == "DET" or t.lower_ in ORG_WORDS or t.is_space for t in between
        )
        if len(between) > 4 or not (plain and len(between) <= 3 or described):
            break
        out.append(e)
        cur = e
    return out


def _possessed(tok: Token) -> bool:
    """Does a possessive pronoun or determiner govern ``tok`` ("its acquisition", "son rachat")?"""
    return any(
        c.dep_ in ("poss", "nmod:poss", "det:poss") or c.morph.get("Poss") == ["Yes"]
        for c in tok.children
        if c.pos_ in ("PRON", "DET")
    )


def _in_clause(info: SentenceInfo, e: Ent, tok: Token) -> bool:
    """Is ``e`` named inside a clause that describes the subject of ``tok`` ("a startup founded by
    researchers from Acme raised..."): then it is not who raises."""
    doc = info.sent.doc
    named = {w.lower() for w in info.lex.cues.get("named", [])}
    t = next((t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end), doc[e.start])
    for _ in range(8):
        if t.head is t or t.head.i == tok.i:
            return False
        if t.dep_ in ("acl", "relcl", "acl:relcl") and t.head.i != tok.i:
            # "the startup, called Nexa, raised": a clause that names the subject is the subject
            return t.lower_ not in named
        t = t.head
    return False


def _described_by(info: SentenceInfo, e: Ent) -> bool:
    """Is ``e`` marked as an origin ("researchers from A"), or listed right after a name that is
    ("from A and B")?"""
    if info.marker.get(id(e)) in ("from_org", "by_org"):
        return True
    before = [x for x in info.ents if x.end < e.start and x.kind in ("org", "any")]
    if not before:
        return False
    gap = info.sent.doc[before[-1].end : e.start]
    return all(t.lower_ in COORD for t in gap) and info.marker.get(id(before[-1])) in ("from_org", "by_org")


def _round_name(ctx: SentenceContext, e: Ent) -> bool:
    """Is ``e`` a round's name the entity finder kept ("Series" of "Series-B")?"""
    return e.name.split()[0].lower() in {w.lower() for w in ctx.lex.cues.get("round_names", [])}


def _heads_relative(info: SentenceInfo, e: Ent, tok: Token) -> bool:
    """Is ``e`` followed by ", which"/", qui": the subject of a clause of its own, not an object of ``tok``."""
    doc = info.sent.doc
    nxt = doc[e.end : min(e.end + 2, info.sent.end)]
    relative = len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ in ("which", "who", "qui")
    return relative and not deal_parties.object_of(info, e, tok)


def _pronoun_org(info: SentenceInfo, tok: Token, state: DocState) -> Ent | None:
    """ "it bought X", "elle a racheté X": the organization the last sentences were about."""
    pronouns = {w.lower() for w in info.lex.cues.get("org_pronouns", [])}
    subjects = [t for t in info.sent.doc[info.sent.start : tok.i] if t.dep_.startswith("nsubj")]
    if not subjects or subjects[-1].lower_ not in pronouns or subjects[-1].head.i != tok.i:
        return None
    return topic_org(state)
