"""Where a mover worked before, told by a verb of tenure beside the move.

"X spent two years at Nvidia before joining Anthropic", "X, who led research at Meta for years, is
heading to OpenAI", "X joined Meta after leading Scale AI", "X a passé huit ans chez Google avant de
rejoindre Microsoft": the organization of that past tenure is where the move starts. The verbs
(``cues.tenure``), the words before the place (``cues.tenure_at``) and the words that put a tenure
before the move when it is told after it (``cues.after``) are per-language data in the patterns.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from mercato.extract.entities import Ent
from mercato.extract.lexicon import load_lexicon
from mercato.extract.sentence import SentenceInfo

RELATIVE_PRONOUNS = {"who", "that", "which", "qui"}
WINDOW = 8  # tokens between the tenure verb and the organization it names


@cache
def _words(lang: str, name: str) -> frozenset[str]:
    """The cue list ``name`` of ``lang``'s patterns, lowercased, built once (this runs for every move)."""
    return frozenset(w.lower() for w in load_lexicon(lang).cues.get(name, []))


def tenure_origin(info: SentenceInfo, trigger: Token, persons: list[Ent], to_org: Ent | None) -> Ent | None:
    """The organization a past tenure of ``persons`` names in the trigger's sentence, if any."""
    lex = info.lex
    verbs = _words(lex.lang, "tenure")
    if not verbs or not persons:
        return None
    after = _words(lex.lang, "after")
    for t in info.sent:
        if t.lower_ in after:
            org = _place(info, t, trigger, to_org, verbless=True)  # "after seven years at X", "après dix ans chez X"
            if org is not None:
                return org
        if t.i == trigger.i or t.pos_ != "VERB" or t.lemma_.lower() not in verbs:
            continue
        if not (t.i < trigger.i or _after_cue(info, t) or _move_told_first(info, trigger)) or not _past(t):
            continue
        if not _about(info, t, persons):
            continue
        org = _place(info, t, trigger, to_org)
        if org is not None:
            return org
    return None


def _move_told_first(info: SentenceInfo, trigger: Token) -> bool:
    """ "Before joining Acme, X spent ten years at Rival", "Avant de rejoindre Acme, X a passé...": the move
    sits in a clause that opens the sentence with a word of ``cues.before``, and the tenure came first."""
    first = next((t for t in info.sent if not t.is_punct), None)
    return first is not None and first.i < trigger.i and first.lower_ in _words(info.lex.lang, "before")


def _after_cue(info: SentenceInfo, t: Token) -> bool:
    """ "after leading", "après avoir dirigé": a tenure told after the move that came before it."""
    after = _words(info.lex.lang, "after")
    doc = info.sent.doc
    return any(doc[k].lower_ in after for k in range(max(info.sent.start, t.i - 3), t.i))


def _past(t: Token) -> bool:
    """A finished tenure: past tense, past participle, or a gerund ("after leading"); never "will lead",
    "to lead" or "pour diriger", which say what comes next."""
    if t.tag_ in ("VBD", "VBN", "VBG"):
        return not any(c.lower_ in ("will", "to") for c in t.children)
    if t.tag_ in ("VB", "VBZ", "VBP"):
        return any(c.dep_ == "aux" and c.tag_ == "VBD" for c in t.children)  # "helped build", "did run"
    return t.morph.get("VerbForm") == ["Part"] or "Past" in t.morph.get("Tense") or "Imp" in t.morph.get("Tense")


def _about(info: SentenceInfo, t: Token, persons: list[Ent]) -> bool:
    """Is the tenure the mover's? Its subject is one of them, a pronoun for them, or it has none (a
    participle or gerund of the mover's clause); a relative clause hangs on the mover (or on a noun
    in apposition to the mover: "X, one of the developers who helped build ...")."""
    spans = [range(p.start, p.end) for p in persons]

    def on_person(i: int) -> bool:
        return any(i in s for s in spans)

    subjects = [c for c in t.children if c.dep_.startswith("nsubj")]
    if not subjects:
        return True
    s = subjects[0]
    if on_person(s.i) or s.lower_ in info.lex.person_pronouns:
        return True
    if s.lower_ in RELATIVE_PRONOUNS and t.dep_.startswith(("relcl", "acl")):
        head = t.head
        for _ in range(4):  # "X, one of the engineers who ...": up through "of" and the apposition
            if on_person(head.i):
                return True
            if head.dep_ not in ("pobj", "prep", "appos", "nmod") or head.head.i == head.i:
                return False
            head = head.head
    return False


def _inside_object(span, t: Token) -> bool:
    """Is the name in the object of ``t`` ("leading Scale AI", "led Apple's models team", "dirigeait
    l'équipe des modèles d'Apple"), reached from the name up through nouns only?"""
    root = next((x for x in span if not span.start <= x.head.i < span.end), span[0])
    x = root
    for _ in range(6):
        if x.head.i == t.i:
            return x.dep_ in ("dobj", "obj", "poss", "nmod") or x is not root
        if x.head.i == x.i or x.head.pos_ in ("VERB", "AUX"):
            return False
        x = x.head
    return False


def _place(info: SentenceInfo, t: Token, trigger: Token, to_org: Ent | None, verbless: bool = False) -> Ent | None:
    """The organization the tenure verb is at ("at Nvidia", "chez Google") or leads ("leading Scale AI");
    ``verbless``: after a bare "after" ("after a decade at X"), with no verb in between."""
    doc = info.sent.doc
    at = _words(info.lex.lang, "tenure_at")
    for e in info.ents:
        if not e.fits("org") or not 0 < e.start - t.i <= WINDOW:
            continue
        if to_org is not None and e.name == to_org.name or t.i < trigger.i < e.start:
            continue
        if verbless and any(x.pos_ in ("VERB", "AUX") for x in doc[t.i + 1 : e.start]):
            continue
        k = e.start - 1
        while k > t.i and doc[k].pos_ == "DET":
            k -= 1
        led = _inside_object(doc[e.start : e.end], t)
        said_at = any(doc[max(k - j, t.i + 1) : k + 1].text.lower() in at for j in range(3))
        if led or said_at:
            return e
    return None
