"""Finding triggers in a sentence and filling their argument slots from the parse.

A trigger is a token whose lemma a frame lists (verb or noun) or the start of a listed phrase.
Slots are filled syntax first (the trigger's subject, climbing through xcomp/conj/relative
clauses), then by position (nearest compatible mention), with prepositional markers ("from",
"by", "chez") deciding which slot an organization fills and the voice swapping agent/patient.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from mercato.extract.antecedents import pronoun_antecedent
from mercato.extract.entities import Ent
from mercato.extract.lexicon import Frame
from mercato.extract.sentence import SentenceInfo

VERB_TAGS = {"VBD", "VBN", "VBG", "VBZ", "VBP", "VB"}
PASSIVE_DEPS = {"auxpass", "aux:pass", "nsubjpass", "nsubj:pass"}
CLIMB = {"xcomp", "conj", "advcl", "ccomp", "dep", "parataxis", "acl", "csubj"}
# markers an argument may carry for each slot
SLOT_MARKERS = {
    "person": {"", "role"},
    "to_org": {"", "to_org"},
    "from_org": {"", "from_org"},
    "target": {"", "target", "to_org"},
    "investor": {""},
    "by_org": {"", "by_org"},
    "org": {""},
    "speaker": {""},
}


def slot_kind(slot: str) -> str:
    return "person" if slot == "person" else ("either" if slot == "speaker" else "org")


def fits(e: Ent, slot: str) -> bool:
    kind = slot_kind(slot)
    return e.kind != "none" and (kind == "either" or e.fits(kind))


def triggers(info: SentenceInfo) -> Iterator[tuple[Token, Frame]]:
    lex = info.lex
    seen: set[tuple[int, str]] = set()
    covered = {i for e in info.ents for i in range(e.start, e.end)}
    words, endings = lex.trigger_words, lex.fallback_endings
    for tok in info.sent:
        if tok.i in covered:
            continue
        lem, low = tok.lemma_.lower(), tok.lower_
        if lem not in words and low not in words and not (lem == low and low.endswith(endings)):
            continue  # no frame lists it: the tests below could only find nothing
        frames: list[Frame] = []
        pos = tok.pos_
        # a lowercase "proper noun" is the tagger misreading a verb in a title ("X rejoint Y" on its own line)
        # a participle after its auxiliary that the tagger calls a noun ("ils sont partis chez X")
        after_aux = pos in ("NOUN", "ADJ") and tok.i > info.sent.start and tok.nbor(-1).pos_ == "AUX"
        if pos in ("VERB", "AUX") or tok.tag_ in VERB_TAGS or pos == "PROPN" and tok.is_lower or after_aux:
            frames += lex.verb_frames(lem, low)
        # an "adverb" in a noun's slot is a noun the tagger misread ("Series D round" as an object)
        nominal = pos == "ADV" and tok.dep_ in ("dobj", "obj", "pobj", "nsubj", "nsubjpass")
        if pos in ("NOUN", "PROPN", "ADJ") or nominal or (pos == "VERB" and not frames):
            frames += lex.by_noun.get(lem, []) or lex.by_noun.get(low, [])
        for f in frames:
            if (tok.i, f.name) not in seen:
                seen.add((tok.i, f.name))
                yield tok, f
    text = info.sent.text  # spaCy joins the tokens' texts on each call: once for every phrase
    for rx, f in lex.phrases:
        for m in rx.finditer(text):
            span = info.sent.doc.char_span(
                info.sent.start_char + m.start(), info.sent.start_char + m.end(), alignment_mode="expand"
            )
            if span is not None and (span.start, f.name) not in seen:
                seen.add((span.start, f.name))
                yield span[0], f


def by_agent(info: SentenceInfo, tok: Token, e: Ent) -> bool:
    """Is ``e`` the agent of ``tok``: introduced by "by"/"par" right after it ("headed by a former
    Acme executive, Lena Park", "racheté par Google")?"""
    if info.marker.get(id(e)) == "agent":
        return True
    doc = info.sent.doc
    by = next((t.i for t in doc[tok.i + 1 : min(tok.i + 4, info.sent.end)] if t.lower_ in ("by", "par")), None)
    if by is None or not 0 < e.start - by <= 7:
        return False
    between = doc[by + 1 : e.start]
    return not any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";") for t in between)


def is_passive(tok: Token, info: SentenceInfo) -> bool:
    deps = {c.dep_ for c in tok.children}
    if tok.lemma_.lower() in info.lex.etre_verbs or tok.lower_ in info.lex.etre_verbs:
        return False  # "ils sont partis chez X": "être" is the auxiliary of the active past
    if deps & {"auxpass", "aux:pass", "agent", "obl:agent"}:
        return True  # a passive auxiliary, or a "by"/"par" agent ("Fondée en 2016 par X")
    # a passive subject with no passive auxiliary is the parser misreading "X rejoint Meta" (present tense,
    # spelled as the participle): passive only with an agent ("rejoint par X")
    if deps & PASSIVE_DEPS or tok.tag_ == "VBN" or tok.morph.get("VerbForm") == ["Part"]:
        # participle followed closely by "by/par" + a name: "acquired by Google", "racheté par Google"
        for e in info.ents:
            if 0 < e.start - tok.i <= 4 and info.marker.get(id(e)) == "agent":
                return True
    return False


def subject_tokens(tok: Token) -> list[Token]:
    t = tok
    for _ in range(4):
        subs = [c for c in t.children if c.dep_.startswith("nsubj") or c.dep_ == "expl:subj"]
        if subs:
            return subs
        if t.dep_ in ("relcl", "acl:relcl"):
            return [t.head]
        if t.dep_ == "acl" and t.head.pos_ not in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Part"]:
            return [t.head]  # "Scale, désormais dirigée par X": the participle describes its noun
        if t.dep_ in CLIMB and t.head is not t:
            t = t.head
            continue
        break
    return []


def ents_of_token(info: SentenceInfo, tok: Token, slot: str, before: int) -> list[Ent]:
    """Mentions filling ``slot`` in the phrase headed by ``tok`` (coordinated names included)."""
    out = []
    for e in info.ents:
        if e.start <= tok.i < e.end and fits(e, slot) and id(e) not in info.descriptor_ids:
            kind = slot_kind(slot) if slot != "speaker" else e.kind
            # "A, B et C ont rejoint...": the parser may hang only B on the verb; the list is the subject
            ahead = info.group_from(e, kind, +1)
            return (info.group_from(e, kind, -1)[:0:-1] if len(ahead) > 1 else []) + ahead
    lo, hi = tok.left_edge.i, min(tok.right_edge.i + 1, before)
    for e in info.ents:
        if lo <= e.start < hi and e.end <= before and fits(e, slot) and id(e) not in info.descriptor_ids:
            out.append(e)
    if out:
        return info.group_from(out[0], slot_kind(slot) if slot != "speaker" else out[0].kind, +1)
    return []


def agent_side(info: SentenceInfo, tok: Token, slot: str, last_person: Ent | None) -> list[Ent]:
    """The subject of ``tok`` when it can fill ``slot``: by syntax, else the nearest mention before."""
    near = _apposed_subject(info, tok, slot)
    if near is not None:
        return [near]
    subjects = subject_tokens(tok)
    for s in subjects:
        if s.i >= tok.i and s.dep_ not in ("relcl",):
            continue
        pronoun = s.lower_ in info.lex.person_pronouns or s.lemma_.lower() in info.lex.person_pronouns
        if pronoun and s.pos_ == "NOUN" and "Plur" in s.morph.get("Number"):
            pronoun = False  # "les deux hommes": the people listed before (document.plural_antecedents)
        if pronoun and s.pos_ == "NOUN" and (inner := ents_of_token(info, s, slot, tok.i)):
            return inner  # "l'ancienne dirigeante d'Apple Rachel Kim quitte...": the name, not an anaphor
        if pronoun and slot in ("person", "speaker"):
            before = pronoun_antecedent(info, s)
            if before is not None:  # "X, head of Optimus, announced he is leaving": the name just said
                return [before]
            if last_person is not None:
                return [last_person]
            continue
        if slot == "person" and _group_subject(info, s):
            # "le chercheur Jean Dupont a rejoint...": a title noun right before the names is no group
            # "deux chercheurs d'OpenAI, A et B, vont rejoindre...": the names the parser made subjects too
            named = [e for o in subjects if o is not s and o.i < tok.i for e in ents_of_token(info, o, slot, tok.i)]
            return _titled_names(info, s) or named  # "au moins 10 ingénieurs d'OpenAI": an unnamed group
        relative = s.morph.get("PronType") == ["Rel"] or s.lower_ in ("which", "who", "that", "qui")
        if relative:
            # "X, qui a levé...": the name just before the pronoun, however the parser attached the clause
            doc = info.sent.doc
            gap = 1 if s.i - 1 >= info.sent.start and doc[s.i - 1].text == "," else 0
            named = [e for e in info.ents if e.end == s.i - gap and fits(e, slot) and id(e) not in info.descriptor_ids]
            if named and slot == "person" and named[-1].kind == "person" and _plural(tok):
                # "Ce sont A, B et C qui ont quitté X": a plural verb is said of the whole list
                return info.group_from(named[-1], "person", -1)[::-1]
            if named:
                return named
        if relative and s.head.dep_ in ("relcl", "acl:relcl") and s.head.head.i < s.i:
            s = s.head.head  # "the company that was bought": the relative pronoun stands for its noun
        found = ents_of_token(info, s, slot, tok.i)
        if not found and s.pos_ == "NOUN":
            # "DeepMind, the AI company that was bought by Google": the name the noun is apposed to
            left = s.left_edge.i
            found = [
                e
                for e in info.ents
                if e.end == left - 1 and info.sent.doc[left - 1].text == "," and fits(e, slot) and e.kind != "none"
            ]
        if found:
            return found
        if s.pos_ in ("NOUN", "PRON"):
            # the subject is a common noun ("the company", "one of the researchers"): look inside it
            break
    left = [e for e in info.candidates(slot_kind(slot) if slot != "speaker" else "any") if e.end <= tok.i]
    if slot == "speaker":
        left = [e for e in info.ents if e.end <= tok.i and id(e) not in info.descriptor_ids and e.kind != "none"]
    left = [
        e for e in left if info.marker.get(id(e), "") in SLOT_MARKERS.get(slot, {""}) | {"role"} and tok.i - e.end <= 25
    ]
    if not left:
        return []
    nearest = left[-1]
    return info.group_from(nearest, slot_kind(slot) if slot != "speaker" else nearest.kind, -1)[::-1]


def _plural(tok: Token) -> bool:
    """Is the finite verb of ``tok``'s clause plural ("ont quitté", "ont décidé de partir", "have left")?"""
    for _ in range(3):
        verbs = [tok] + [c for c in tok.children if c.dep_.startswith("aux")]
        if any("Plur" in v.morph.get("Number") and "Fin" in v.morph.get("VerbForm") for v in verbs):
            return True
        if tok.dep_ != "xcomp" or tok.head is tok:
            return False
        tok = tok.head
    return False


def _group_subject(info: SentenceInfo, s: Token) -> bool:
    """Is subject ``s`` a group of people: a group noun, or a quantity pronoun whose complement is one
    ("beaucoup d'ingénieurs de X rejoignent Y", which the parser heads with the quantity)?"""
    groups = info.lex.group_nouns
    if s.lower_ in groups:
        return True
    return s.pos_ == "PRON" and any(c.dep_.startswith("nmod") and c.lower_ in groups for c in s.children)


def _titled_names(info: SentenceInfo, s: Token) -> list[Ent]:
    """The people a title noun introduces directly ("the researcher Ana Ruiz", "les ingénieurs A et B")."""
    for e in info.ents:
        if e.start == s.i + 1 and fits(e, "person") and id(e) not in info.descriptor_ids:
            return info.group_from(e, "person", +1)
    return []


def _apposed_subject(info: SentenceInfo, tok: Token, slot: str) -> Ent | None:
    """The name set off by commas right before the verb: "the firm's chief of sales, Ana Ruiz,
    has taken over" (the parser often attaches such a name to the clause before)."""
    doc = info.sent.doc
    j = tok.i - 1
    while j > info.sent.start and doc[j].pos_ in ("AUX", "ADV", "PART"):
        j -= 1
    if j <= info.sent.start or doc[j].text != "," or j == tok.i - 1:
        return None
    for e in info.ents:
        if e.end == j and fits(e, slot) and e.kind != "any" and doc[e.start - 1].text == ",":
            return e
    return None


def patient_side(info: SentenceInfo, tok: Token, slot: str, limit: int = 14) -> list[Ent]:
    """The first mention after ``tok`` that can fill ``slot`` (with names coordinated to it)."""
    allowed = SLOT_MARKERS.get(slot, {""})
    for e in info.candidates(slot_kind(slot) if slot != "speaker" else "any"):
        if e.start <= tok.i or e.start - tok.i > limit:
            continue
        if info.marker.get(id(e), "") not in allowed or subordinate(info, tok, e):
            continue
        return info.group_from(e, slot_kind(slot), +1)
    return []


def subordinate(info: SentenceInfo, tok: Token, e: Ent) -> bool:
    """Is ``e`` (after ``tok``) the subject of another verb, or in a clause of its own that a conjunction
    opens ("who joined after his startup Adept was acquired", "a rejoint l'équipe après que sa start-up
    Nexa a été rachetée")? Then it is not the patient of ``tok``: that clause tells of something else."""
    doc = info.sent.doc
    root = next((t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end), doc[e.start])
    if root.dep_.startswith("nsubj") and root.head.i != tok.i and root.head.pos_ in ("VERB", "AUX"):
        return True
    if _object_of_later_verb(root, tok):
        return True
    return any(t.dep_ == "mark" and t.head.i != tok.i for t in doc[tok.i + 1 : e.start])


def purpose_object(info: SentenceInfo, tok: Token, e: Ent) -> bool:
    """Is ``e`` what an infinitive of purpose after ``tok`` takes ("left to join X", "pour rejoindre X")?"""
    doc = info.sent.doc
    root = next((t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end), doc[e.start])
    return e.start > tok.i and _object_of_later_verb(root, tok)


def _object_of_later_verb(root: Token, tok: Token) -> bool:
    """Does ``root`` hang on a verb between ``tok`` and it, not on ``tok``? In "are leaving to join
    Meta" Meta is what "join" takes, not what "leaving" leaves."""
    t = root
    for _ in range(6):
        if t.head is t or t.head.i == tok.i:
            return False
        t = t.head
        if t.pos_ == "VERB" and tok.i < t.i < root.i:
            return t.head.i == tok.i and t.dep_ in ("xcomp", "advcl") and _infinitive(t)
    return False


def _infinitive(verb: Token) -> bool:
    """Is ``verb`` an infinitive of purpose ("to join", "pour rejoindre")?"""
    return verb.morph.get("VerbForm") == ["Inf"] and any(c.tag_ == "TO" or c.dep_ == "mark" for c in verb.children)


def marked(info: SentenceInfo, category: str, after: int = -1, kind: str = "org") -> list[Ent]:
    """Mentions introduced by a marker of ``category`` (e.g. "from_org"), after token ``after``."""
    return [e for e in info.ents if e.fits(kind) and e.start > after and info.marker.get(id(e)) == category]
