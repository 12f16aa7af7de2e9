"""Backers named in a list that no investment verb governs: "Other investors included A, B and C",
"The round was led by A", "Acme's backers, including A and B", "Parmi les investisseurs figurent A et B".

A sentence holding a backer noun ("investors", "actionnaires") or a round noun ("round", "tour de
table") and a word that opens a list ("included", "such as", "led by", "figurent", "dont") names
backers; whose backers they are is, in order: the round of the same sentence, the organization
owning the noun ("Acme's investors", "les investisseurs d'Acme"), or the last round the article
stated. The list runs over people's descriptions ("Acme co-founder A, the billionaire B and C")
and parentheses, and stops at a verb or a relative pronoun, where another clause begins.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from mercato.extract import deps
from mercato.extract.builders.context import Candidate, DocState, SentenceContext, needs
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side
from mercato.extract.sentence import SentenceInfo
from mercato.link import names as link_names

_FUNDS = link_names.fund_words()
# tokens that separate two names of a list ("A, B and C", "A ainsi que B")
SEPARATORS = {",", "and", "et", "&", "ou", "or", "plus", "ainsi", "well", "along", "alongside", ";"}
# tokens that open another clause: a list of names stops there
CLAUSE = {"who", "which", "that", "qui", "que", "dont", "whose", "while", "tandis", "alors", "when", "lorsque"}
# prepositions by which a name after a backer noun is whose backers they are ("investors in Acme")
OWNER_PREPS = {"of", "in", "de", "d'", "du", "des", "dans"}
# prepositions of place: a name right after one locates the name before ("based in X", "basé à X")
PLACE_PREPS = {"in", "à", "en", "au", "aux"}
COPULAS = {"être", "be"}  # "A est l'un des soutiens de B", "A is one of B's backers"
MAX_GAP = 10  # tokens between two names of one list, descriptions included
OWNER_GAP = 3  # tokens between a name and the owner told right after it ("A du ministère des Armées")


@needs("backer_nouns", "funding")
def listed(ctx: SentenceContext, state: DocState, found: list[Candidate]) -> list[Candidate]:
    """The backers a list in this sentence names, as investment candidates."""
    info = ctx.info
    if not (ctx.cues("cues", "backer_nouns", ctx.low) or ctx.cues("cues", "funding", ctx.low)):
        return []
    opener = ctx.lex.cue("cues", "backer_list")
    shut = _parenthesized(info)
    rounds = [c for c in found if c.type == "investment" and c.attrs.get("kind") == "funding"]
    out: list[Candidate] = []
    # the list opens after a listing word near the noun, or right after the noun ("existing investor A")
    opens = [(m.end(), MAX_GAP, False) for m in opener.finditer(ctx.text)]
    opens += [(m.end(), 5, True) for m in ctx.lex.cue("cues", "backer_nouns").finditer(ctx.text)]
    for end, reach, noun in opens:
        after = info.token_from(info.sent.start_char + end)
        if after is None or not _near_cue(ctx, info, after):
            continue
        if _acting(ctx, info, after):
            continue  # "an investor group including A and B agreed to buy X": they act, the verb says how
        if ctx.cues("cues", "held_companies", info.sent.doc[max(info.sent.start, after - 6) : after + 2].text):
            continue  # "l'un des bailleurs de fonds d'entreprises telles que A et B": companies it backs
        owner = _owner(ctx, info, after)
        names = roster(info, after, shut, reach) or _in_parentheses(info, after, shut)
        if (
            owner is None
            and names
            and (_introduces_owner(info, names[0]) or noun and _owned_after_noun(info, after, names[0]))
        ):
            owner, names = names[0], roster(info, names[0].end, shut, reach)
            subject = _copula_subject(info, after - 1) if noun and not names else None
            if subject is not None and subject.name != owner.name:
                # "A est l'un des principaux soutiens de son concurrent B": A backs B
                out.append(_candidate(ctx, backer(subject.name, owner.name, "done")))
        if owner is not None and _holding(ctx, info, after):
            # "among Acme's other investments are A and B": Acme invests in each
            out += [_candidate(ctx, backer(owner.name, e.name, "done")) for e in names if e.name != owner.name]
            continue
        target, st = _target(ctx, state, rounds, owner)
        if target is None:
            continue
        for e in names:
            if e.name != target and not any(x.attrs.get("investor") == e.name for x in out):
                out.append(Candidate("investment", backer(e.name, target, st), ctx.start, ctx.end, 0.6))
    return out


def glued(ctx: SentenceContext) -> list[Candidate]:
    """ "Acme-backed Nova", "Acme-funded Nova": the name glued to a backing participle invests in the
    name it describes (the entity finder drops the glued name as an attribute; it is read back here)."""
    info = ctx.info
    doc = info.sent.doc
    suffixes = ctx.lex.cue_set("backed_suffixes")
    out: list[Candidate] = []
    if "-" not in ctx.text and "–" not in ctx.text or not any(w in ctx.low for w in suffixes):
        return out
    for t in info.sent:
        if t.lower_ not in suffixes or t.i < info.sent.start + 2 or doc[t.i - 1].text not in ("-", "–"):
            continue
        j = t.i - 1
        while j > info.sent.start and doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper():
            j -= 1
        if j == t.i - 1:
            continue
        name = _canonical(doc[j : t.i - 1].text)
        target = next((e for e in info.ents if 0 < e.start - t.i <= 4 and e.kind in ("org", "any")), None)
        if target is not None and target.name != name:
            attrs = backer(name, target.name, "done")
            out.append(Candidate("investment", attrs, ctx.start, ctx.end, 0.6))
    return out


def by_list(ctx: SentenceContext, tok: Token) -> list[Ent]:
    """Every backer named after "by"/"par" a few words past a passive trigger ("backed by A, the
    fund B and C", "soutenue entre autres par la société de capital-risque A")."""
    info = ctx.info
    doc = info.sent.doc
    by = next((t.i for t in doc[tok.i + 1 : min(tok.i + 5, info.sent.end)] if t.lower_ in ("by", "par")), None)
    return roster(info, by + 1, None, 6) if by is not None else []


def _in_parentheses(info: SentenceInfo, at: int, shut: set[int]) -> list[Ent]:
    """ "les investisseurs déjà présents (A, B et C)", "its existing investors (A, B and C)": the names
    listed inside parentheses right after the noun and the words describing it."""
    doc = info.sent.doc
    end = min(info.sent.end, at + 4)
    opening = next((t.i for t in doc[at:end] if t.text == "("), None)
    if opening is None or not all(_describes_noun(t) for t in doc[at:opening]):
        return []  # "les investisseurs saluent la nouvelle (...)": a clause of its own before them
    closing = next((t.i for t in doc[opening:] if t.text == ")"), info.sent.end)
    inside = set(range(opening, closing + 1))
    return [e for e in roster(info, opening + 1, shut - inside, 0) if e.end <= closing]


def _describes_noun(t: Token) -> bool:
    """Is ``t`` a word describing the noun before it ("déjà présents", "existing")?"""
    return t.pos_ in ("ADV", "ADJ") or t.pos_ == "VERB" and t.dep_ in ("amod", "acl")


def _canonical(text: str) -> str:
    """The knowledge base's name for ``text``, else the text itself."""
    found = [m for m in deps.get_kb().find(text) if getattr(m, "kind", None) == "org" and m.text == text]
    return found[0].canonical if found else text


@needs("join_round")
def joined(ctx: SentenceContext, state: DocState, found: list[Candidate]) -> list[Candidate]:
    """ "A, B and C took part in the round", "A, B et C y ont participé": the subjects of a verb of
    joining a round back the round of the sentence, else the article's last round."""
    info = ctx.info
    if not ctx.cues("cues", "join_round", ctx.low):
        return []
    rounds = [c for c in found if c.type == "investment" and c.attrs.get("kind") == "funding"]
    out: list[Candidate] = []
    for tok in info.sent:
        if tok.pos_ not in ("VERB", "AUX") or not ctx.cues("cues", "join_round", tok.lower_):
            continue
        doc = info.sent.doc
        clitic = any(t.lower_ == "y" for t in doc[max(info.sent.start, tok.i - 3) : tok.i])
        if not clitic and not ctx.cues("cues", "funding", doc[tok.i : min(info.sent.end, tok.i + 8)].text.lower()):
            continue  # "A joined Acme" is a move; "A joined the round" / "A y a participé" is money
        names = _list_before(info, tok) or [
            e for e in agent_side(info, tok, "investor", None) if e.end <= tok.i and not e.anaphor
        ]
        if not names:
            continue
        target, st = _target(ctx, state, rounds, None)
        out += [
            Candidate("investment", backer(e.name, target, st), ctx.start, ctx.end, 0.6)
            for e in names
            if target is not None and e.name != target and e.end <= tok.i
        ]
    return out


def _list_before(info: SentenceInfo, tok: Token) -> list[Ent]:
    """The list of names that ends a few words before ``tok`` ("A, B, C et d'autres y ont participé")."""
    before = [e for e in info.ents if e.end <= tok.i and not e.anaphor and e.kind in ("org", "any", "person")]
    if not before or tok.i - before[-1].end > 6:
        return []
    last = before[-1]
    for e in before:
        run = roster(info, e.start, None, 0)
        if last in run:
            return run[: run.index(last) + 1]
    return [last]


def members_after(ctx: SentenceContext, tok: Token) -> list[Ent]:
    """The names a members cue lists a few words after ``tok``, past a common noun ("invested in
    companies such as A and B", "a investi dans des entreprises telles que A et B")."""
    info = ctx.info
    doc = info.sent.doc
    span = doc[tok.i + 1 : min(info.sent.end, tok.i + 7)]
    m = ctx.lex.cue("cues", "members").search(span.text)
    at = info.token_from(span.start_char + m.end()) if m is not None else None
    if at is None or any(tok.i < e.start < at for e in info.ents):
        return []  # no list, or a name before it: that name is the object itself
    return [e for e in roster(info, at, None, 3) if e.kind in ("org", "any")]


def subject_org(state: DocState, other: str) -> Ent | None:
    """The organization money goes to when a sentence names none: the article's last round, else the
    organization it names most (not ``other``, the one paying)."""
    name = state.funding[0] if state.funding is not None else None
    if name is None and state.org_counts:
        best, count = max(state.org_counts.items(), key=lambda kv: kv[1])
        name = best if count >= 2 else None
    if name is None or name == other:
        return None
    return Ent(0, 0, 0, 0, name, name, "org")


def without_co_backers(found: list[Candidate], extra: list[Candidate]) -> list[Candidate]:
    """Drop facts of ``found`` that read one listed backer as investing in another ("investors like
    A and B, who put $X into the company" says nothing of A investing in B)."""
    names = {c.attrs["investor"] for c in extra}
    return [
        c
        for c in found
        if not (c.type == "investment" and c.attrs.get("investor") in names and c.attrs.get("target") in names)
    ]


def funding(target: str, amount: float | None, status: str) -> dict[str, Any]:
    """A funding round of ``target``: its total, with no investor (each backer is a fact of its own)."""
    return {
        "investor": None,
        "target": target,
        "amount_usd": amount,
        "stake_pct": None,
        "kind": "funding",
        "status": status,
    }


def backer(investor: str, target: str, status: str) -> dict[str, Any]:
    """A backer of a funding round: an investment with no amount of its own."""
    return {
        "investor": investor,
        "target": target,
        "amount_usd": None,
        "stake_pct": None,
        "kind": "investment",
        "status": status,
    }


def roster(info: SentenceInfo, after: int, shut: set[int] | None = None, reach: int = MAX_GAP) -> list[Ent]:
    """The names listed from token ``after`` on: the first within a few describing words, then each
    one a separator away, over descriptions of people and parenthesized remarks."""
    doc = info.sent.doc
    shut = shut if shut is not None else _parenthesized(info)
    names = [
        e
        for e in info.ents
        if e.start >= after
        and e.kind in ("org", "any", "person")
        and id(e) not in info.descriptor_ids
        and e.start not in shut
        and not e.anaphor
        and not placed(doc, e)
    ]
    if not names or names[0].start - after > reach:
        return []
    taken = {i for e in info.ents for i in range(e.start, e.end)}
    if any(_ends_list(t) for t in doc[after : names[0].start] if t.i not in taken and t.i not in shut):
        return []
    out, end = [names[0]], names[0].end
    for e in names[1:]:
        gap = [t for t in doc[end : e.start] if t.i not in taken and t.i not in shut]
        end = e.end
        if not gap:
            continue  # one name the finder split in two ("CMA" "CGM")
        if len(gap) <= OWNER_GAP and gap[-1].lower_ in OWNER_PREPS and not any(_ends_list(t) for t in gap):
            continue  # "A du ministère des Armées, B": the owner of the name before, no list item
        if len(gap) > MAX_GAP or any(_ends_list(t) for t in gap) or not any(t.lower_ in SEPARATORS for t in gap):
            break
        if gap[-1].lower_ in PLACE_PREPS | OWNER_PREPS:
            continue  # "A, an investor based in Singapore, B", "A, head of X, B": describes the name before
        out.append(e)
    return out


def placed(doc: Doc, e: Ent) -> bool:
    """Is ``e`` a place: right after "à"/"en" or "based in" ("un investisseur basé à Singapour")?"""
    if e.start < 2:
        return False
    prev, before = doc[e.start - 1].lower_, doc[e.start - 2].lower_
    return prev in ("à", "en", "au", "aux") or prev == "in" and before in ("based", "headquartered", "located")


def _ends_list(t: Token) -> bool:
    """Does ``t`` open another clause, so that a list of names stops before it?"""
    if t.lower_ == "que" and t.i > 0 and t.nbor(-1).lower_ in ("tels", "telles", "tel", "telle", "ainsi"):
        return False  # "tels que", "ainsi que" go on with the list
    if t.lower_ in CLAUSE or t.text in (".", "!", "?"):
        return True
    # "existing investor X", "l'investisseur existant X": a participle describing a name is no verb
    return t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "compound") and not t.is_title


def _parenthesized(info: SentenceInfo) -> set[int]:
    """Token indices inside parentheses: "(formerly Acme)", "(which manages $6 trillion)"."""
    out: set[int] = set()
    depth = 0
    for t in info.sent:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
            out.add(t.i)
        if depth:
            out.add(t.i)
    return out


def _near_cue(ctx: SentenceContext, info: SentenceInfo, at: int) -> bool:
    """Is a backer or round noun within the few words around token ``at`` (the list's opener)?"""
    doc = info.sent.doc
    start = max(info.sent.start, at - 9)
    window = doc[start : min(info.sent.end, at + 6)].text.lower()
    return ctx.cues("cues", "backer_nouns", window) or ctx.cues("cues", "funding", window)


def _acting(ctx: SentenceContext, info: SentenceInfo, at: int) -> bool:
    """Is the backer noun before token ``at`` the subject of a deal verb of the sentence?"""
    doc = info.sent.doc
    nouns = [t for t in doc[max(info.sent.start, at - 9) : at] if ctx.cues("cues", "backer_nouns", t.lower_)]
    triggers = {t.i for t, f in ctx.found if f.type == "investment" and t.pos_ == "VERB"}
    return any(t.dep_.startswith("nsubj") and t.head.i in triggers for n in nouns for t in (n, n.head))


def _holding(ctx: SentenceContext, info: SentenceInfo, at: int) -> bool:
    """Is the noun before token ``at`` one of what an investor holds ("investments", "portfolio")?"""
    window = info.sent.doc[max(info.sent.start, at - 6) : at].text.lower()
    return ctx.cues("cues", "holding_nouns", window)


def _candidate(ctx: SentenceContext, attrs: dict[str, Any]) -> Candidate:
    return Candidate("investment", attrs, ctx.start, ctx.end, 0.6)


def _owner(ctx: SentenceContext, info: SentenceInfo, at: int) -> Ent | None:
    """The organization whose backers the list names: "Acme's investors", "Acme investors",
    "investors in Acme", "les investisseurs d'Acme", just before the opener at token ``at``."""
    doc = info.sent.doc
    start = max(info.sent.start, at - 9)
    nouns = [t for t in doc[start:at] if ctx.cues("cues", "backer_nouns", t.lower_)]
    if not nouns:
        return None
    noun = nouns[-1]
    for e in info.ents:
        if e.kind not in ("org", "any") or id(e) in info.descriptor_ids:
            continue
        between = doc[e.end : noun.i]
        if e.end <= noun.i and len(between) <= 3 and all(t.lower_ in ("'s", "’s") or t.pos_ == "ADJ" for t in between):
            return e
        after = doc[noun.i + 1 : e.start]
        if e.start > noun.i and len(after) <= 3 and after and after[0].lower_ in OWNER_PREPS and e.start < at:
            return e
    return None


def _describes_owner(t: Token) -> bool:
    """A word between "de" and a name that describes the name ("son", "concurrent"), not a fund's noun."""
    if t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PUNCT") and t.text != "-":
        return False
    return t.pos_ == "DET" or (t.is_lower or t.text == "-") and t.lower_ not in _FUNDS  # "start-up" in 3 tokens


def _copula_subject(info: SentenceInfo, noun: int) -> Ent | None:
    """The name a copula makes the noun at token ``noun`` ("A est l'un des soutiens", "A is one of the
    backers"): the subject of the clause, a few words before, with only the copula as verb between."""
    doc = info.sent.doc
    before = [e for e in info.ents if e.end <= noun and e.kind in ("org", "any", "person") and not e.anaphor]
    if not before or noun - before[-1].end > 7:
        return None
    verbs = [t for t in doc[before[-1].end : noun] if t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1 or verbs[0].lemma_.lower() not in COPULAS or "," in doc[before[-1].end : noun].text:
        return None
    return before[-1]


def _introduces_owner(info: SentenceInfo, e: Ent) -> bool:
    """Is ``e`` introduced by "of"/"de" (the owner of the noun before it, not a backer)?"""
    doc = info.sent.doc
    before = [t for t in doc[max(info.sent.start, e.start - 2) : e.start]]
    if before and before[-1].pos_ == "DET":
        before = before[:-1]
    owned = e.end < info.sent.end and doc[e.end].lower_ in ("'s", "’s")  # "in Musk's X": X owns it
    return bool(before) and before[-1].lower_ in OWNER_PREPS and e.kind in ("org", "any") and not owned


def _owned_after_noun(info: SentenceInfo, at: int, e: Ent) -> bool:
    """ "les soutiens de son concurrent A", "les actionnaires de la start-up A": "de" right after the
    backer noun (token ``at``), then only words describing ``e``: ``e`` owns the noun."""
    doc = info.sent.doc
    between = doc[at + 1 : e.start]
    if e.kind not in ("org", "any") or e.end < info.sent.end and doc[e.end].lower_ in ("'s", "’s"):
        return False  # "investors in Musk's X": X is whose investors they are, not Musk
    return doc[at].lower_ in OWNER_PREPS and len(between) <= 5 and all(_describes_owner(t) for t in between)


def _target(
    ctx: SentenceContext, state: DocState, rounds: list[Candidate], owner: Ent | None
) -> tuple[str | None, str]:
    """Whose backers: the round of this sentence, the noun's owner, or the article's last round."""
    reported = "reported" if ctx.cues("status", "reported", ctx.low) else None
    if rounds:
        return rounds[0].attrs["target"], rounds[0].attrs["status"]
    if owner is not None:
        return owner.name, reported or "done"
    if state.funding is not None:
        return state.funding[0], reported or state.funding[1]
    if ctx.cues("cues", "backer_nouns", ctx.low) and state.org_counts:
        # "Other investors include A and B" with no round stated: the company the article is about
        name, count = max(state.org_counts.items(), key=lambda kv: kv[1])
        if count >= 2:
            return name, reported or "done"
    return None, "done"
