"""Helpers several builders share: status, title, unnamed groups and small token tests.

Each takes the ``SentenceContext`` of the sentence (or only what it needs), never builder state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from mercato.extract import deps
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.sentence import COORD, SentenceInfo

# words that end a title read after a trigger or a name ("appointed X chief scientist, who ...")
ROLE_STOP = {
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "and",
    "et",
    "who",
    "qui",
    "after",
    "après",
    "where",
    "while",
    "alors",
    "in",
    "en",
    "since",
    "depuis",
    "following",
    "from",
    "with",
    "avec",
    "alongside",  # "as the new CEO alongside co-founder X": a companion, not part of the title
    "together",
    "—",
    "–",
}
OF = {"de", "d'", "d’", "of", "du"}
DEFINITE = {"the", "this", "that", "la", "le", "l'", "l’", "cette", "ce", "cet"}  # "the division": one named before
# words that may stand between a group noun and its count ("at least 10", "près d'une douzaine de")
COUNT_WORDS = (
    "than",
    "least",
    "moins",
    "plus",
    "de",
    "d'",
    "of",
    "up",
    "to",
    "about",
    "some",
    "over",
    "nearly",
    "près",
    "environ",
    "around",
    "almost",
    "dozen",
    "douzaine",
    "une",
    "a",
    "-",
)

MAX_BETWEEN = 12  # tokens a separator and a title may take between two listed names
Group = tuple[int | None, Ent | None, list[Ent]]  # (count, organization, named members) of a group


def window(info: SentenceInfo, tok: Token, left: list[Ent]) -> str:
    """The lowercased words around ``tok`` (from its leftmost argument), where status cues are read."""
    doc = info.sent.doc
    a = min([e.start for e in left] + [tok.i - 6])
    a = max(a, info.sent.start)
    b = min(tok.i + 3, info.sent.end)
    return doc[a:b].text.lower()


def status(ctx: SentenceContext, tok: Token, left: list[Ent], allow_failed: bool = False) -> str:
    """done / announced / reported (/ failed): from cue words near the trigger and its tense and mood."""
    text = window(ctx.info, tok, left)
    if allow_failed and ctx.cues("status", "failed", ctx.low):
        return "failed"
    if ctx.cues("status", "reported", text) or "Cnd" in tok.morph.get("Mood"):
        return "reported"
    if ctx.cues("status", "announced", text) or _coming(tok):
        return "announced"
    # "is leaving to join Meta": an infinitive takes its tense from the verb it completes
    if tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl") and tok.head is not tok and _coming(tok.head):
        return "announced"
    return "done"


def _coming(tok: Token) -> bool:
    """Is ``tok`` in a future or present-progressive form ("will join", "is moving to Meta")?"""
    aux_fut = any("Fut" in c.morph.get("Tense") for c in tok.children if c.pos_ == "AUX")
    ongoing = tok.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in tok.children)
    return "Fut" in tok.morph.get("Tense") or aux_fut or ongoing


def amount_near(ctx: SentenceContext, tok: Token) -> float | None:
    """The dollar value of the sentence's amount nearest ``tok``."""
    if not ctx.amounts:
        return None
    pos = tok.idx - ctx.info.sent.start_char
    best = min(ctx.amounts, key=lambda a: abs(a.start - pos))
    return float(best.value_usd) if best.value_usd else None


def role(ctx: SentenceContext, tok: Token, person_end: int | None) -> str | None:
    """The title a move gives: right after the trigger, after a role marker ("as"), or after the name."""
    info, lex = ctx.info, ctx.lex
    right_after = _title_after(ctx, tok)
    if any(t.lower_ in lex.titles for t in right_after) and tok.pos_ in ("VERB", "AUX"):
        # "Anthropic hires new CTO ..."
        return tidy(" ".join(t.text for t in right_after).strip())
    marked = _marked_title(ctx, tok)
    if marked is not None:
        return marked
    if person_end is not None:  # "appointed X chief scientist"
        words: list[Token] = []
        for t in info.sent.doc[person_end : info.sent.end]:
            if t.lower_ in ROLE_STOP or len(words) >= 6 or t.pos_ in ("VERB", "AUX"):
                break
            words.append(t)
        if words and any(t.lower_ in lex.titles for t in words) and words[0].pos_ != "ADP":
            return tidy(" ".join(t.text for t in words))
    return None


def _title_after(ctx: SentenceContext, tok: Token) -> list[Token]:
    """Title words right after the trigger ("hires new CTO")."""
    info, lex = ctx.info, ctx.lex
    right_after: list[Token] = []
    for t in info.sent.doc[tok.i + 1 : min(tok.i + 5, info.sent.end)]:
        if t.lower_ in lex.title_words or t.lower_ in ("of", "de", "d'") and right_after:
            right_after.append(t)
            continue
        break
    while right_after and (right_after[-1].lower_ in ("of", "de", "d'") or right_after[-1].pos_ == "DET"):
        right_after.pop()  # "PDG de la start-up Acme": the title ends before the company's noun
    return right_after


def _marked_title(ctx: SentenceContext, tok: Token) -> str | None:
    """The title after a role marker following the trigger ("joined as chief scientist")."""
    info, lex = ctx.info, ctx.lex
    doc = info.sent.doc
    start_char = doc[tok.i].idx - info.sent.start_char
    for m in lex.cue("markers", "role").finditer(ctx.text):
        if m.start() < start_char:
            continue
        gap_end = info.sent.start_char + m.start()
        gap = doc.char_span(doc[tok.i].idx + len(tok.text), gap_end, alignment_mode="contract")
        if gap is not None and (
            any(t.pos_ == "VERB" or t.dep_ == "mark" for t in gap)
            or any(t.dep_.startswith("nsubj") and t.head.i != tok.i for t in gap)
        ):
            break  # "joining DeepMind, ..., X has taken over as CEO": the title belongs to another verb
        span = doc.char_span(info.sent.start_char + m.end(), info.sent.end_char, alignment_mode="expand")
        if span is None:
            continue
        words = _title_words(ctx, span)
        text = " ".join(t.text for t in words).replace(" '", "'").replace("' ", "'")
        if any(t.lower_ in lex.titles for t in words):
            return tidy(text)
    return None


def _title_words(ctx: SentenceContext, span: Span) -> list[Token]:
    """The words of a title at the start of ``span``, without a leading determiner or possessive."""
    info, lex = ctx.info, ctx.lex
    doc = info.sent.doc
    words: list[Token] = []
    people = {i for e in info.ents if e.kind in ("person", "any") for i in range(e.start, e.end)}
    for t in span:
        if t.i in people and not words:
            continue  # "named X its new CTO": the title comes after the name
        infinitive = t.lower_ in ("to", "pour") and t.i + 1 < info.sent.end and doc[t.i + 1].pos_ == "VERB"
        infinitive = infinitive or t.lower_ == "as" and any(w.lower_ in lex.titles for w in words)
        if t.lower_ in ROLE_STOP or (t.pos_ in ("VERB", "AUX") and not words) or len(words) >= 10 or infinitive:
            break
        words.append(t)
    while words and (words[0].pos_ in ("DET",) or words[0].lower_ in ("its", "their", "his", "her", "son", "sa")):
        words.pop(0)
    return words


def group(ctx: SentenceContext, tok: Token, side: int) -> Group | None:
    """An unnamed group of people near ``tok`` ("four OpenAI researchers", "au moins 10 chercheurs")."""
    info, lex = ctx.info, ctx.lex
    doc = info.sent.doc
    rng = (
        range(tok.i + 1, min(tok.i + 12, info.sent.end))
        if side > 0
        else range(tok.i - 1, max(tok.i - 12, info.sent.start - 1), -1)
    )
    if side < 0 and (c := _companions_start(ctx, tok)) is not None:
        # "A and B, along with members of its team, will join": the group named before the companions moves
        rng = range(c - 1, max(c - 12, info.sent.start - 1), -1)
    for i in rng:
        t = doc[i]
        if t.lower_ not in lex.group_nouns or t.pos_ not in ("NOUN", "PRON", "PROPN") and not _alumni(ctx, t):
            continue
        j, org = _count_start(info, i)
        count_text = doc[j:i].text
        count = (
            deps.parse_count(count_text, ctx.lang)
            if any(c.isdigit() for c in count_text) or count_text.strip()
            else None
        )
        if org is None:
            for e in info.candidates("org"):
                if 0 <= e.start - i <= 3 and info.marker.get(id(e)) in ("from_org", "by_org", "target", "to_org"):
                    org = e
                    break
        if count is not None and count <= 0:
            count = None
        return count, org, members(ctx, i)
    return None


def _companions_start(ctx: SentenceContext, tok: Token) -> int | None:
    """Where a phrase of companions ("along with", "together with") starts among the words before ``tok``."""
    info = ctx.info
    rx = ctx.lex.cue("markers", "companions")
    for k in range(tok.i - 1, max(tok.i - 12, info.sent.start + 2), -1):
        if info.sent.doc[k - 1].text == "," and rx.match(info.sent.doc[k : tok.i].text):
            return k
    return None


def _alumni(ctx: SentenceContext, t: Token) -> bool:
    """ "des anciens d'OpenAI": a word of former staff the tagger calls an adjective, used as a noun."""
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return t.pos_ == "ADJ" and t.lower_ in ctx.rules.former and nxt is not None and nxt.lower_ in OF


def _count_start(info: SentenceInfo, i: int) -> tuple[int, Ent | None]:
    """Where the count of the group noun at ``i`` starts (numbers and quantifiers right before it,
    skipping an organization name, which is returned)."""
    doc = info.sent.doc
    j, org = i, None
    while j > info.sent.start and i - j < 7:
        p = doc[j - 1]
        ent = next((e for e in info.ents if e.start <= p.i < e.end), None)
        if ent is not None:
            if ent.fits("org") and org is None:
                org = ent
            j = ent.start
            continue
        if (
            p.pos_ in ("NUM", "ADJ", "ADV", "DET")
            or (p.dep_ in ("compound", "amod") and i - j < 3)  # "its founding team"
            or p.lower_ in COUNT_WORDS
            or p.text in ("'s", "’s", "'", "’")  # "a quarter of Acme's staff": the group's employer is before the mark
        ):
            j -= 1
            continue
        break
    return j, org


def members(ctx: SentenceContext, noun: int) -> list[Ent]:
    """The people a group noun names next: "researchers, including A and B", "experts, dont le PDG
    de X, A"."""
    info = ctx.info
    doc = info.sent.doc
    rx = ctx.lex.cue("cues", "members")
    if noun + 2 < info.sent.end and doc[noun + 1].text == ",":
        # "one of the researchers, Zhang, has joined": a name in apposition to the group noun
        named = [e for e in info.ents if e.start == noun + 2 and e.kind in ("person", "any")]
        if named and named[0].end < info.sent.end and doc[named[0].end].text in (",", "("):
            return named
        if named:  # "its founding team, A and B, will join": the names in apposition, listed
            people = listed(info, named[0]) if named[0].fits("person") else []
            if len(people) > 1 and people[-1].end < info.sent.end and doc[people[-1].end].text in (",", "(", "—"):
                return people
    for k in range(noun + 1, min(noun + 13, info.sent.end)):
        m = rx.match(doc[k : info.sent.end].text.lower())
        if m is None:
            if doc[k].pos_ in ("VERB", "AUX"):
                break
            continue
        people = [e for e in info.candidates("person") if 0 < e.start - k <= 12]
        return listed(info, people[0]) if people else []
    return []


def listed(info: SentenceInfo, first: Ent) -> list[Ent]:
    """``first`` and the people listed after it, each perhaps with a title before the name ("former CTO A,
    VP Research B and chief scientist C"), where plain coordination stops at the first title."""
    doc = info.sent.doc
    out, cur = [first], first
    # a name of unsure kind after a title may have been read as the previous name's employer ("CTO A,
    # Chief Scientist B"): in a list it is one more person
    people = [e for e in info.ents if e.fits("person") and (id(e) not in info.descriptor_ids or e.kind == "any")]
    for nxt in people:
        if nxt.start < cur.end or nxt is first:
            continue
        between = doc[cur.end : nxt.start]
        if not between or len(between) > MAX_BETWEEN:
            break
        if not any(t.lower_ in COORD for t in between):
            break
        if any(t.pos_ in ("VERB", "AUX") or t.text in (";", ":", "(", ")", "—", "–") for t in between):
            break
        if between[-1].pos_ == "ADP" or between[-1].lower_ in ("d'", "d’", "of", "de", "with", "avec"):
            break  # "X, former CFO of xAI d'Elon Musk": a name inside the descriptor, not a list item
        out.append(nxt)
        cur = nxt
    return out


def employer_of(person: Ent) -> Ent | None:
    """The organization the knowledge base says ``person`` runs or works for, as a mention."""
    employer = deps.get_kb().employer(person.name)
    return Ent(0, 0, 0, 0, employer, employer, "org", known=True) if employer else None


def topic_org(state: DocState) -> Ent | None:
    """The organization the last sentences were about, as a mention."""
    name = state.last_org
    return Ent(0, 0, 0, 0, name, name, "org") if name else None


def possessor_org(info: SentenceInfo, tok: Token, kinds: tuple[str, ...] = ("org",)) -> Ent | None:
    """The organization whose ``tok`` it is: "Nvidia's $7 billion acquisition", "Meta's offer"."""
    doc = info.sent.doc
    owners = [
        e
        for e in info.candidates("org")
        if 0 < tok.i - e.end <= 6 and doc[e.end].lower_ in ("'s", "’s") and e.kind in kinds
    ]
    return owners[-1] if owners else None


def definite(info: SentenceInfo, t: Token) -> bool:
    """Is ``t`` introduced by a definite determiner ("the division", "cette équipe"): one named before?"""
    return any(d.lower_ in DEFINITE for d in info.sent.doc[max(info.sent.start, t.i - 2) : t.i])


def name_of(e: Ent | None) -> str | None:
    return e.name if e is not None else None


def tidy(text: str) -> str:
    return " ".join(text.replace(" ,", ",").split()).strip(" ,.;:")
