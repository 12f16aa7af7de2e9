"""The rules backend: frames applied to each sentence give facts of the five contract types.

``SentenceRules.run`` takes one sentence (with its mentions) and returns candidate facts; the
per-type builders below read the frame's slots and the sentence's cue words (status, outcome,
component, creation language) from the pattern data. Merging across sentences is merge.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from mercato.extract import deps
from mercato.extract.entities import ORG_WORDS, Ent, unit_apposition
from mercato.extract.frames import (
    agent_side,
    by_agent,
    fits,
    is_passive,
    marked,
    patient_side,
    subordinate,
    triggers,
)
from mercato.extract.lexicon import Frame, Lexicon
from mercato.extract.sentence import OF_ORG, POSSESSIVES, SentenceInfo, attribution
from mercato.extract.tenure import tenure_origin

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
    "—",
    "–",
}


@dataclass
class Candidate:
    """A fact found in one sentence, before merging: type, attributes and the sentence."""

    type: str
    attrs: dict[str, Any]
    sent_start: int  # char offsets of the evidence sentence in the document text
    sent_end: int
    confidence: float = 0.7
    orgs_known: bool = False


@dataclass
class DocState:
    """What the rules carry from one sentence to the next within a document."""

    last_person: Ent | None = None
    last_org: str | None = None  # the organization the last sentences were about
    last_unit: tuple[str, str] | None = None  # (org, name) of the last unit named: "the division" later
    claimers: list[str] = field(default_factory=list)
    n_sent: int = 0  # sentences with mentions seen so far
    funding: tuple[str, str, int] | None = None  # (target, status, sentence number) of the last round
    hirer: str | None = None  # the organization people last moved to
    employers: dict[str, str] = field(default_factory=dict)  # person -> where the text says they moved


class SentenceRules:
    def __init__(self, lex: Lexicon, lang: str) -> None:
        self.lex = lex
        self.lang = lang
        # "valuing the French startup at $12 billion", "valorisant la startup à 29 milliards": a verb of
        # valuation, a few words, then "at"/"à" right before the amount (stems and words in the patterns)
        stems = "|".join(re.escape(w) for w in lex.cues.get("valuation_stems", [])) or "(?!x)x"
        at = "|".join(re.escape(w) for w in lex.cues.get("valuation_at", [])) or "(?!x)x"
        self._valuing = re.compile(rf"(?i)\b(?:{stems})\w*(?:\s+[\w'’-]+){{0,4}}\s+(?:{at})\s*$")

    # -- entry point ---------------------------------------------------------------------------
    def run(self, info: SentenceInfo, offset: int, state: DocState) -> list[Candidate]:
        out: list[Candidate] = []
        sent = info.sent
        valuation = self.lex.cue("cues", "valuation")
        valued = self.lex.cue("cues", "valuation_after")
        text = sent.text
        self._amounts = [  # "a round that values the company at $4 billion", "at a $14 billion valuation"
            a
            for a in deps.parse_amounts(text, self.lang)
            if not any(0 <= a.start - m.end() <= 2 for m in valuation.finditer(text[: a.start]))
            and not _followed_by(valued, text, a.end)
            and not self._valuing.search(text, max(0, a.start - 80), a.start)
        ]
        self._text = sent.text
        self._low = sent.text.lower()
        self._speaker = attribution(info)
        start, end = offset + sent.start_char, offset + sent.end_char
        state.n_sent += 1
        found = list(triggers(info))
        self._has_denial = any(f.type == "denial" for _, f in found)
        for tok, frame in found:
            try:
                attrs_list = getattr(self, f"_{frame.type}")(info, tok, frame, state)
            except (IndexError, ValueError):  # a malformed parse must not cost the document
                continue
            for attrs in attrs_list:
                out.append(Candidate(frame.type, attrs, start, end, 0.7, self._known(info, attrs)))
            if (
                frame.type == "move"
                and frame.name in ("join", "hire")
                and self._amounts
                and self._pay()
                and not self._has_denial
                and not self._cues("cues", "negation", self._low)
            ):
                # "X joined Meta with a package worth $200M": a hire with a stated package is also an offer
                for attrs in attrs_list:
                    if attrs.get("person") and attrs.get("to_org"):
                        offer = self._hire_offer(attrs)
                        out.append(Candidate("offer", offer, start, end, 0.6, self._known(info, offer)))
            if frame.name == "lead":
                # "X will head Microsoft's new consumer AI unit", "the division will be headed by X"
                for attrs in self._unit(info, tok, frame, state, led=True):
                    out.append(Candidate("unit", attrs, start, end, 0.6, self._known(info, attrs)))
        if not found:
            out += self._more_backers(info, start, end, state)
        for c in out:
            if c.type == "investment" and c.attrs.get("kind") == "funding":
                state.funding = (c.attrs["target"], c.attrs["status"], state.n_sent)
            if c.type == "move" and c.attrs.get("to_org"):
                state.hirer = c.attrs["to_org"]
                if c.attrs.get("person"):
                    state.employers[c.attrs["person"]] = c.attrs["to_org"]
        if self._speaker is not None and self._speaker.kind in ("person", "any"):
            state.claimers.append(self._speaker.name)
        orgs = [e for e in info.ents if e.kind == "org" and id(e) not in info.descriptor_ids]
        if orgs:
            state.last_org = orgs[0].name
        persons = [e for e in info.ents if e.kind == "person"]
        if persons:
            state.last_person = persons[0] if persons[0].start < 3 else persons[-1]
        return out

    def _more_backers(self, info: SentenceInfo, start: int, end: int, state: DocState) -> list[Candidate]:
        """A verbless list of three or more names right after a funding round continues its list of
        backers ("Mistral AI raised €105M from X, Y and Z. In Europe, A, B, C and D.")."""
        if state.funding is None or state.funding[2] != state.n_sent - 1:
            return []
        if any(t.pos_ == "VERB" for t in info.sent):
            return []
        target, status, _ = state.funding
        names = [e for e in info.ents if e.kind in ("org", "person") and e.name != target]
        best: list[Ent] = []
        for e in names:
            run = _listed(info, e)
            if len(run) > len(best):
                best = run
        if len(best) < 3:
            return []
        return [Candidate("investment", _backer(e.name, target, status), start, end, 0.5) for e in best]

    def _joined_round(self, info: SentenceInfo, tok: Token, state: DocState) -> list[dict[str, Any]]:
        """ "X and Y also take part in the round": backers of the round stated in the sentence before."""
        if state.funding is None or state.n_sent - state.funding[2] > 1 or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        verb = next((t for t in list(tok.ancestors)[:3] if t.pos_ == "VERB"), None)
        if verb is None or not self._cues("cues", "join_round", info.sent.doc[verb.i : tok.i].text.lower()):
            return []
        target, status, _ = state.funding
        subjects = [e for e in agent_side(info, verb, "investor", None) if e.kind in ("org", "any", "person")]
        backers = [e for e in (_listed(info, subjects[0]) if subjects else []) if e.name != target]
        return [_backer(e.name, target, status) for e in backers]

    def _pay(self) -> bool:
        nouns = [n for f in self.lex.frames if f.type == "offer" for n in self.lex.by_noun if f in self.lex.by_noun[n]]
        return bool(
            re.search(
                r"\b(" + "|".join(re.escape(n) for n in nouns if n not in ("offer", "offre")) + r")\b",
                self._low,
            )
        )

    def _hire_offer(self, move: dict[str, Any]) -> dict[str, Any]:
        comp = next((c for c in ("signing_bonus", "package", "annual") if self._cues("component", c, self._low)), None)
        return {
            "by_org": move["to_org"],
            "target_org": move.get("from_org"),
            "target_person": move["person"],
            "amount_usd": max(float(a.value_usd) for a in self._amounts if a.value_usd)
            if any(a.value_usd for a in self._amounts)
            else None,
            "component": comp,
            "outcome": "accepted" if move.get("status") == "done" else "unknown",
            "attributed_to": self._speaker.name if self._speaker is not None else None,
        }

    def _known(self, info: SentenceInfo, attrs: dict[str, Any]) -> bool:
        names = {v for v in attrs.values() if isinstance(v, str)}
        return any(e.known and e.kind == "org" and e.name in names for e in info.ents)

    # -- shared helpers ------------------------------------------------------------------------
    def _cues(self, group: str, name: str, text: str) -> bool:
        return bool(self.lex.cue(group, name).search(text))

    def _window(self, info: SentenceInfo, tok: Token, left: list[Ent]) -> str:
        doc = info.sent.doc
        a = min([e.start for e in left] + [tok.i - 6])
        a = max(a, info.sent.start)
        b = min(tok.i + 3, info.sent.end)
        return doc[a:b].text.lower()

    def _status(self, info: SentenceInfo, tok: Token, left: list[Ent], allow_failed: bool = False) -> str:
        text = self._window(info, tok, left)
        if allow_failed and self._cues("status", "failed", self._low):
            return "failed"
        if self._cues("status", "reported", text) or "Cnd" in tok.morph.get("Mood"):
            return "reported"
        aux_fut = any("Fut" in c.morph.get("Tense") for c in tok.children if c.pos_ == "AUX")
        # "is moving to Meta", "is also heading to OpenAI": the present progressive tells of what is coming
        ongoing = tok.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in tok.children)
        if self._cues("status", "announced", text) or "Fut" in tok.morph.get("Tense") or aux_fut or ongoing:
            return "announced"
        return "done"

    def _amount_near(self, tok: Token, info: SentenceInfo) -> float | None:
        if not self._amounts:
            return None
        pos = tok.idx - info.sent.start_char
        best = min(self._amounts, key=lambda a: abs(a.start - pos))
        return float(best.value_usd) if best.value_usd else None

    def _role(self, info: SentenceInfo, tok: Token, person_end: int | None) -> str | None:
        doc = info.sent.doc
        lex = self.lex
        rx = lex.cue("markers", "role")
        start_char = doc[tok.i].idx - info.sent.start_char
        right_after = []
        for t in doc[tok.i + 1 : min(tok.i + 5, info.sent.end)]:
            if t.lower_ in lex.title_words or t.lower_ in ("of", "de", "d'") and right_after:
                right_after.append(t)
                continue
            break
        if any(t.lower_ in lex.titles for t in right_after) and tok.pos_ in ("VERB", "AUX"):
            # "Anthropic hires new CTO ..."
            return _tidy(" ".join(t.text for t in right_after).strip())
        for m in rx.finditer(self._text):
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
            words = []
            people = {i for e in info.ents if e.kind in ("person", "any") for i in range(e.start, e.end)}
            for t in span:
                if t.i in people and not words:
                    continue  # "named X its new CTO": the title comes after the name
                infinitive = t.lower_ in ("to", "pour") and t.i + 1 < info.sent.end and doc[t.i + 1].pos_ == "VERB"
                infinitive = infinitive or t.lower_ == "as" and any(w.lower_ in lex.titles for w in words)
                if t.lower_ in ROLE_STOP or (t.pos_ in ("VERB", "AUX") and not words) or len(words) >= 10 or infinitive:
                    break
                words.append(t)
            while words and (
                words[0].pos_ in ("DET",) or words[0].lower_ in ("its", "their", "his", "her", "son", "sa")
            ):
                words.pop(0)
            text = " ".join(t.text for t in words).replace(" '", "'").replace("' ", "'")
            if any(t.lower_ in lex.titles for t in words):
                return _tidy(text)
        if person_end is not None:  # "appointed X chief scientist"
            words = []
            for t in doc[person_end : info.sent.end]:
                if t.lower_ in ROLE_STOP or len(words) >= 6 or t.pos_ in ("VERB", "AUX"):
                    break
                words.append(t)
            if words and any(t.lower_ in lex.titles for t in words) and words[0].pos_ != "ADP":
                return _tidy(" ".join(t.text for t in words))
        return None

    def _group(self, info: SentenceInfo, tok: Token, side: int) -> tuple[int | None, Ent | None, list[Ent]] | None:
        """An unnamed group of people near ``tok`` ("four OpenAI researchers", "au moins 10 chercheurs")."""
        doc, lex = info.sent.doc, self.lex
        rng = (
            range(tok.i + 1, min(tok.i + 12, info.sent.end))
            if side > 0
            else range(tok.i - 1, max(tok.i - 12, info.sent.start - 1), -1)
        )
        for i in rng:
            t = doc[i]
            if t.lower_ not in lex.group_nouns or t.pos_ not in ("NOUN", "PRON", "PROPN"):
                continue
            # count: numbers and quantifiers right before the noun (skipping an org name)
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
                    or (p.dep_ == "compound" and i - j < 3)
                    or p.lower_
                    in (
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
                ):
                    j -= 1
                    continue
                break
            count_text = doc[j:i].text
            count = (
                deps.parse_count(count_text, self.lang)
                if any(c.isdigit() for c in count_text) or count_text.strip()
                else None
            )
            if org is None:
                for e in info.candidates("org"):
                    if 0 <= e.start - i <= 3 and info.marker.get(id(e)) in (
                        "from_org",
                        "by_org",
                        "target",
                        "to_org",
                    ):
                        org = e
                        break
            if count is not None and count <= 0:
                count = None
            return count, org, self._members(info, i)
        return None

    def _members(self, info: SentenceInfo, noun: int) -> list[Ent]:
        """The people a group noun names next: "researchers, including A and B", "experts, dont le PDG
        de X, A"."""
        doc = info.sent.doc
        rx = self.lex.cue("cues", "members")
        if noun + 2 < info.sent.end and doc[noun + 1].text == ",":
            # "one of the researchers, Zhang, has joined": a name in apposition to the group noun
            named = [e for e in info.ents if e.start == noun + 2 and e.kind in ("person", "any")]
            if named and named[0].end < info.sent.end and doc[named[0].end].text in (",", "("):
                return named
        for k in range(noun + 1, min(noun + 13, info.sent.end)):
            m = rx.match(doc[k : info.sent.end].text.lower())
            if m is None:
                if doc[k].pos_ in ("VERB", "AUX"):
                    break
                continue
            people = [e for e in info.candidates("person") if 0 < e.start - k <= 12]
            return info.group_from(people[0], "person", +1) if people else []
        return []

    def _companions(
        self, info: SentenceInfo, persons: list[Ent], shared: tuple[Ent, str] | None
    ) -> tuple[int | None, Ent | None, list[Ent]] | None:
        """An unnamed group moving with the named people: "hired A and B, along with several other
        employees from the company" (from where the group says, else where the named people were)."""
        doc, last = info.sent.doc, persons[-1]
        rx = self.lex.cue("markers", "companions")
        for t in doc[last.end : min(last.end + 16, info.sent.end)]:
            if t.lower_ not in self.lex.group_nouns or t.pos_ not in ("NOUN", "PRON"):
                continue
            cue = rx.search(doc[last.end : t.i].text)
            if cue is None:
                return None
            words = doc[last.end + 1 : t.i].text[cue.end() :]
            count = deps.parse_count(words, self.lang) if any(c.isdigit() for c in words) else None
            after = [e for e in info.ents if e.fits("org") and 0 < e.start - t.i <= 3]
            org = after[0] if after and not after[0].anaphor else (shared[0] if shared else None)
            return count, org, []
        return None

    # -- move ----------------------------------------------------------------------------------
    def _move(self, info: SentenceInfo, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
        if self._cues("status", "failed", self._window(info, tok, [])) and frame.name != "leave":
            return []
        if frame.name == "promote":
            return self._promotion(info, tok, state)
        if tok.lemma_.lower() in self.lex.intent_verbs and _purpose_infinitive(tok):
            return []  # "offering bonuses to lure OpenAI talent": an attempt, not a move
        passive = is_passive(tok, info)
        subj_slot, obj_slot = (frame.patient, frame.agent) if passive else (frame.agent, frame.patient)
        left = agent_side(info, tok, subj_slot, state.last_person)
        if subj_slot == "to_org" and not left:
            left = self._boss_org(info, tok)  # "Microsoft AI chief Mustafa Suleyman hired ...": his organization
        if passive:
            want = "person" if obj_slot == "person" else "org"
            right = [e for e in info.candidates(want) if e.start > tok.i and by_agent(info, tok, e)][:1]
            if right:
                right = info.group_from(right[0], want, +1)
        else:
            right = patient_side(info, tok, obj_slot)
        group_org, group_members, kept_group = None, False, None
        if obj_slot == "person" and not passive:
            # "hired several OpenAI researchers, including A and B": the members, from the group's employer
            ahead = self._group(info, tok, +1)
            if ahead is not None and ahead[2] and (not right or ahead[2][0].start <= right[0].start):
                right, group_org, group_members = ahead[2], ahead[1], True
                kept_group = ahead
        slots: dict[str, list[Ent]] = {subj_slot: left, obj_slot: right}
        persons = [e for e in slots.get("person", []) if fits(e, "person")]
        if not persons and subj_slot == "person":
            # "four researchers joined Meta: A, B, C and D"
            colon = next((t.i for t in info.sent if t.i > tok.i and t.text == ":"), None)
            after = [e for e in info.candidates("person") if colon is not None and 0 < e.start - colon <= 2]
            if after:
                persons = info.group_from(after[0], "person", +1)
        nominal = tok.pos_ in ("NOUN", "PROPN")
        if not persons and nominal:
            persons = _holder(info, tok)  # "le départ de X", "the arrival of X", "Meta's hiring of X"
        if persons and subj_slot == "person":
            # "X is moving to Meta, along with colleagues Y and Z"
            for e in info.candidates("person"):
                if e.start > tok.i and info.marker.get(id(e)) == "companions":
                    persons += [p for p in info.group_from(e, "person", +1) if p not in persons]
                    break
        to_org = next(iter(slots.get("to_org", [])), None)
        from_org = next((e for e in slots.get("from_org", []) if not _in_apposition(info, persons, e)), None)
        lead_role = None
        if frame.name in ("lead", "join") and state.last_unit is not None and (to_org is None or to_org.kind == "any"):
            # "the division will be headed by X", "X will be part of the new division": X joins the
            # organization of the unit named before
            unit_tok = [
                t
                for t in info.sent
                if t.lower_ in self.lex.unit_nouns
                and (t in list(tok.subtree) or t.head == tok or tok in list(t.subtree) or _definite(info, t))
            ]
            if unit_tok:
                org_name, unit_name = state.last_unit
                to_org = Ent(0, 0, 0, 0, org_name, org_name, "org")
                lead_role = frame.unit_role.format(unit=unit_name) if frame.unit_role else None
        if frame.weak and (
            to_org is None
            or not self._cues("status", "announced", self._window(info, tok, left))
            and not self._cues("cues", "new_role", self._window(info, tok, left))
        ):
            return []
        if frame.needs_patient and not right:
            return []
        if to_org is None:
            to_org = next(
                (
                    e
                    for e in marked(info, "to_org", tok.i)
                    if e is not from_org and _same_clause(info, tok, e) and not subordinate(info, tok, e)
                ),
                None,
            )
            if (
                frame.name == "leave"
                and to_org is not None
                and info.sent.doc[max(to_org.start - 1, 0)].lower_ not in ("for", "pour")
            ):
                to_org = None
        if from_org is None:
            from_org = next(
                (
                    e
                    for e in marked(info, "from_org", tok.i)
                    if e is not to_org and _same_clause(info, tok, e) and not _in_apposition(info, persons, e)
                ),
                None,
            )
        if nominal and persons:
            # "Apple announced the departure of X", "OpenAI confirme l'arrivée de X": the announcer's
            gov = _governor_org(info, tok)
            if gov is not None and frame.name == "leave" and from_org is None:
                from_org = gov
            elif gov is not None and frame.name != "leave" and to_org is None:
                to_org = gov
        if from_org is None and group_org is not None and (to_org is None or group_org.name != to_org.name):
            from_org = group_org
        if from_org is None and frame.name in ("join", "found"):
            # "quitté Google en 2018 pour rejoindre Apple", "founded Scale after leaving MIT": the object
            # of the departure stated beside it
            for t in info.sent:
                if t.i == tok.i or frame.name == "join" and t.i > tok.i:
                    continue
                if any(f.name == "leave" for f in self.lex.verb_frames(t.lemma_.lower(), t.lower_)):
                    nxt = [e for e in info.candidates("org") if 0 < e.start - t.i <= 3 and e is not to_org]
                    from_org = nxt[0] if nxt else from_org
        if from_org is None and frame.name in ("join", "found", "lead", "leave"):
            from_org = tenure_origin(info, tok, persons, to_org)  # "spent two years at X before joining"
        group = None
        if not persons:
            group = self._group(info, tok, -1 if subj_slot == "person" else +1)
            if group is None and obj_slot == "person" and not passive:
                group = self._group(info, tok, -1)
            if group is None:
                return []
            if group[2]:
                # "several OpenAI researchers, including A and B": one move per named member
                kept_group = group
                persons, from_org, group, group_members = group[2], from_org or group[1], None, True
        if persons and to_org is None and nominal and subj_slot != "person" and group_members:
            # "the hiring of several experts, including X": by the organization the text is about
            to_org = _topic_org(state)
        status = self._status(info, tok, left)
        base_role = self._role(info, tok, persons[-1].end if persons and obj_slot == "person" else None) or lead_role
        if frame.role and not base_role:
            base_role = frame.role
        out = []
        if group is not None:
            count, gorg, _ = group
            f_org = from_org or gorg
            if to_org is None or (f_org is not None and f_org.name == to_org.name):
                return []  # "researchers are leaving OpenAI": too vague to be a move fact
            return [
                {
                    "person": None,
                    "count": count,
                    "from_org": _n(f_org),
                    "to_org": _n(to_org),
                    "role": None,
                    "status": status,
                }
            ]
        shared = next((info.affiliation[id(p)] for p in persons if id(p) in info.affiliation), None)
        for p in persons:
            f_org = from_org
            role = base_role
            # "A and B, co-founders of X": the descriptor after a list describes every name in it
            aff = info.affiliation.get(id(p)) or (shared if len(persons) > 1 else None)
            if aff is not None:
                org, title = aff
                if to_org is not None and org.name == to_org.name:
                    if role is None and title and any(w in self.lex.titles for w in title.lower().split()):
                        role = _tidy(title)
                elif f_org is None:
                    f_org = org
            if role and role.split()[0].lower() in POSSESSIVES - {"his", "her"}:  # those two point to a person
                # "hire its CEO X", "embaucher son PDG X": the chief of the organization named before, a
                # title held there (where the move starts), not the new one
                owner = [e for e in info.candidates("org") if e.end <= tok.i + 12 and e is not to_org]
                if f_org is None and owner and (to_org is None or owner[-1].name != to_org.name):
                    f_org, role = owner[-1], None
                else:
                    role = _tidy(role.split(None, 1)[1]) if " " in role else None
            if to_org is None and (f_org is None or frame.name != "leave"):
                continue
            if frame.name == "found" and f_org is None:
                continue  # founding is a move when the text says where the founder came from
            if to_org is not None and f_org is not None and to_org.name == f_org.name and not role:
                continue
            out.append(
                {
                    "person": p.name,
                    "count": None,
                    "from_org": _n(f_org),
                    "to_org": _n(to_org),
                    "role": role,
                    "status": status,
                }
            )
        if persons and to_org is not None and kept_group is None:
            kept_group = self._companions(info, persons, shared)
        if kept_group is not None and kept_group[1] is not None and to_org is not None:
            count, g_org, _ = kept_group
            if g_org.name != to_org.name:
                # "several Inflection employees, including X": the group, from its employer, besides X
                out.append(
                    {
                        "person": None,
                        "count": count,
                        "from_org": g_org.name,
                        "to_org": to_org.name,
                        "role": None,
                        "status": status,
                    }
                )
        return out

    def _promotion(self, info: SentenceInfo, tok: Token, state: DocState) -> list[dict[str, Any]]:
        """ "X takes over as interim CEO", "Y devient directrice scientifique de Z": same organization."""
        persons = agent_side(info, tok, "person", state.last_person)
        role = self._role(info, tok, None)
        if not role:
            words = []
            for t in info.sent.doc[tok.i + 1 : info.sent.end]:
                if t.lower_ in ROLE_STOP or len(words) >= 8 or t.pos_ in ("VERB", "AUX"):
                    break
                words.append(t)
            while words and words[0].pos_ in ("DET", "ADP", "PART"):
                words.pop(0)
            if any(t.lower_ in self.lex.titles for t in words):
                role = _tidy(" ".join(t.text for t in words))
        if not persons or not role:
            return []
        p = persons[0]
        aff = info.affiliation.get(id(p))
        org = aff[0].name if aff else None
        of = self._role_org(info, tok)
        if of is not None:  # "takes over as CEO of SSI", "devient PDG de SSI"
            org = of.name
            words = (role[: role.find(of.text)] if of.text in role else role).split()
            while words and words[-1].lower() in OF_ORG:
                words.pop()
            role = _tidy(" ".join(words)) or role
        if org is None:
            # the organization named in the sentence, nearest the verb; else the one the text is about
            near = sorted(info.candidates("org"), key=lambda e: abs(e.start - tok.i))
            org = near[0].name if near else state.last_org
        if org is None:
            return []
        status = self._status(info, tok, persons)
        return [{"person": p.name, "count": None, "from_org": org, "to_org": org, "role": role, "status": status}]

    def _boss_org(self, info: SentenceInfo, tok: Token) -> list[Ent]:
        """The organization of the person who hires: the one the text gives them, else the one they run."""
        boss = agent_side(info, tok, "person", None)
        if not boss:
            return []
        aff = info.affiliation.get(id(boss[0]))
        if aff is not None:
            return [aff[0]]
        employer = deps.get_kb().employer(boss[0].name)
        return [Ent(0, 0, 0, 0, employer, employer, "org", known=True)] if employer else []

    def _role_org(self, info: SentenceInfo, tok: Token) -> Ent | None:
        """The organization a title after ``tok`` names ("as CEO of SSI", "PDG de SSI"), if any."""
        doc = info.sent.doc
        for t in doc[tok.i + 1 : min(tok.i + 10, info.sent.end)]:
            if t.pos_ in ("VERB", "AUX") or t.text in (",", ";"):
                return None
            org = next((e for e in info.candidates("org") if e.start == t.i), None)
            if org is not None:
                prev = doc[t.i - 1].lower_
                return org if prev in OF_ORG else None
        return None

    # -- offer ---------------------------------------------------------------------------------
    def _offer(self, info: SentenceInfo, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
        is_noun = tok.pos_ in ("NOUN", "PROPN")
        left = agent_side(info, tok, "by_org", None)
        by_org = left[0] if left else None
        if is_noun:
            after = [
                e
                for e in info.candidates("org")
                if 0 < e.start - tok.i <= 3 and info.marker.get(id(e)) in ("by_org", "from_org")
            ]
            if after:
                by_org = after[0]
        if by_org is None and not is_noun:
            # "Zuckerberg offered $100M": a known leader's offer is his company's
            boss = agent_side(info, tok, "person", None)
            employer = deps.get_kb().employer(boss[0].name) if boss else None
            by_org = Ent(0, 0, 0, 0, employer, employer, "org", known=True) if employer else None
        possessor = _possessor_org(info, tok) if is_noun else None
        if possessor is not None:
            by_org = possessor  # "Meta's offer"
        if by_org is None:
            return []
        spoken = self._speaker.name if self._speaker is not None else None
        targets = [e for e in patient_side(info, tok, "person") if e.name not in (by_org.name, spoken)]
        if not targets:
            # "offered $250 million to X", "a proposé 250 millions de dollars à X": the recipient
            to = [e for e in marked(info, "to_org", tok.i, kind="person") if e.start - tok.i <= 14]
            targets = [e for e in info.group_from(to[0], "person", +1) if e.name != spoken] if to else []
        if is_noun and not targets and self._cues("outcome", "declined", self._low):
            # "Sutskever declined Meta's offer": who turned it down was its target
            refuser = [e for e in agent_side(info, tok.head, "person", state.last_person) if e.name != spoken]
            targets = refuser[:1] if tok.dep_ in ("dobj", "obj", "conj") else []
        group = self._group(info, tok, +1)
        if group is None and is_noun:
            group = self._group(info, tok, -1)
        amount = max((float(a.value_usd) for a in self._amounts if a.value_usd), default=None)
        if not (amount or targets or group or tok.lemma_.lower() in ("offer", "offrir", "proposer", "offre")):
            return []
        if is_noun and not (amount or group or targets):
            return []
        target_org = group[1] if group else None
        spk_aff = info.affiliation.get(id(self._speaker)) if self._speaker is not None else None
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
        comp = None
        for name in ("signing_bonus", "package", "annual"):
            if self._cues("component", name, self._low):
                comp = name
                break
        outcome = "unknown"
        if self._cues("outcome", "declined", self._low):
            outcome = "declined"
        elif targets and self._cues("outcome", "accepted", self._low):
            outcome = "accepted"
        spk = self._speaker
        attributed = spk.name if spk is not None and spk.name != by_org.name else None
        base = {
            "by_org": by_org.name,
            "target_org": _n(target_org),
            "amount_usd": amount,
            "component": comp,
            "outcome": outcome,
            "attributed_to": attributed,
        }
        if targets:
            out = []
            for p in targets:
                aff = info.affiliation.get(id(p))
                t_org = base["target_org"] or (aff[0].name if aff and aff[0].name != by_org.name else None)
                out.append(dict(base, target_person=p.name, target_org=t_org))
            return out
        if amount is None and group is None and (is_noun or not self._pay()):
            return []
        return [dict(base, target_person=None)]

    # -- investment ----------------------------------------------------------------------------
    def _investment(self, info: SentenceInfo, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
        passive = is_passive(tok, info)
        kind = frame.kind or "investment"
        status = self._status(info, tok, [], allow_failed=True)
        amount = self._amount_near(tok, info)
        stake = deps.parse_percent(self._text)
        if stake is not None and not self._cues("cues", "stake", self._low):
            stake = None  # "laid off 14% of its staff": a share of something else than the company
        if frame.name == "raise" and amount is None:
            joined = self._joined_round(info, tok, state)
            if joined:
                return joined
        if frame.name == "raise":
            funding = tok.lemma_.lower() in ("raise", "lever") or self._cues("cues", "funding", self._low)
            if amount is None or not funding:
                return []
            left = agent_side(info, tok, "target", None)
            target = left[0] if left else None
            funded = [
                e
                for e in info.candidates("org")
                if 0 < e.start - tok.i <= 3 and info.marker.get(id(e)) in ("to_org", "target")
            ]
            if tok.pos_ == "NOUN" and funded and target is not None and funded[0].name != target.name:
                # "the tech titan steered a $1.3bn funding drive for Inflection AI": the subject invests
                return [
                    {
                        "investor": target.name,
                        "target": funded[0].name,
                        "amount_usd": amount,
                        "stake_pct": None,
                        "kind": "investment",
                        "status": status,
                    }
                ]
            if target is None:
                return []
            out = [
                {
                    "investor": None,
                    "target": target.name,
                    "amount_usd": amount,
                    "stake_pct": None,
                    "kind": "funding",
                    "status": status,
                }
            ]
            # every list of backers after the round: "led by A, with participation from B and C"
            # (an organization "by" whom a round is led is a backer too)
            backers: list[Ent] = []
            for first in info.ents:
                marker = info.marker.get(id(first))
                if first.start <= tok.i or first in backers:
                    continue
                # "raised $2 billion from X": "from" marks the backer of a round, not an origin
                if (marker in ("investors", "from_org") and first.kind in ("org", "any", "person")) or (
                    marker == "agent" and first.kind in ("org", "any")
                ):
                    backers += [e for e in _listed(info, first) if e not in backers]
            out += [_backer(e.name, target.name, status) for e in backers if e.name != target.name]
            return out
        if frame.name == "portfolio":
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
        is_noun = tok.pos_ in ("NOUN", "PROPN")
        if is_noun:
            tgt = [
                e
                for e in info.candidates("org")
                if e.start > tok.i
                and e.start - tok.i <= 4
                and info.marker.get(id(e)) in ("target", "to_org", "from_org")
            ]
            inv = [e for e in info.candidates("org") if e.start > tok.i and by_agent(info, tok, e)]
            if not inv:
                inv = agent_side(info, tok, "investor", None)
            if not inv:
                # "Nvidia's $7 billion acquisition of Mellanox": the possessor named before the noun
                owner = _possessor_org(info, tok)
                inv = [owner] if owner is not None else []
            if not inv and _possessed(tok):
                # "its $19 billion acquisition of WhatsApp": the organization "its" stands for
                prev = [e for e in info.candidates("org") if e.end <= tok.i and e.kind == "org"]
                inv = prev[-1:] or ([_topic_org(state)] if state.last_org else [])
            target = tgt[0] if tgt else None
            investor = inv[0] if inv else None
            if (
                frame.name == "invest"
                and target is not None
                and info.marker.get(id(target))
                in (
                    "from_org",
                    "by_org",
                )
            ):
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
                return []
        elif passive:
            left = agent_side(info, tok, "target", None)
            target = left[0] if left else None
            inv = [e for e in info.candidates("org") if e.start > tok.i and by_agent(info, tok, e)]
            investor = inv[0] if inv else None
        else:
            left = agent_side(info, tok, "investor", None)
            investor = left[0] if left else None
            right = patient_side(info, tok, "target", limit=20) or [
                e for e in marked(info, "from_org", tok.i) if e.start - tok.i <= 12
            ]
            target = right[0] if right else None
        if target is None or investor is None or investor.name == target.name:
            return []
        people = [
            t for t in info.sent.doc[tok.i + 1 : max(tok.i + 1, target.start)] if t.lower_ in self.lex.group_nouns
        ]
        if people and target.start > tok.i:
            return []  # "racheter les cerveaux d'OpenAI": buying people is hiring, not an acquisition
        if kind == "investment" and amount is None and stake is None and not self._cues("cues", "money_in", self._low):
            return []
        return [
            {
                "investor": investor.name,
                "target": target.name,
                "amount_usd": amount if kind != "licensing" or amount else None,
                "stake_pct": stake if kind in ("investment", "acquisition") else None,
                "kind": kind,
                "status": status,
            }
        ]

    # -- unit ----------------------------------------------------------------------------------
    def _unit(
        self, info: SentenceInfo, tok: Token, frame: Frame, state: DocState, led: bool = False
    ) -> list[dict[str, Any]]:
        lex = self.lex
        units = [t for t in info.sent if t.lower_ in lex.unit_nouns]
        if not units:
            return []
        u = min(units, key=lambda t: abs(t.i - tok.i))
        doc = info.sent.doc
        near_new = any(t.lower_ in lex.new_words for t in doc[max(info.sent.start, u.i - 3) : u.i + 3])
        linked = u in list(tok.subtree) or tok in list(u.subtree) or u.head == tok or tok.head == u
        definite = _definite(info, u)
        if abs(u.i - tok.i) > 12 or not (linked or near_new or led and definite):
            return []  # the unit must be what is created ("launched a lab"), not a bystander
        ent = next((e for e in info.ents if e.start <= u.i < e.end and not e.anaphor), None)
        # "X, a new unit dedicated to ...": X is the name of a unit just created
        heads = {id(e): unit_apposition(doc, e, lex) for e in info.ents}
        apposed = next(
            (e for e in info.ents if heads[id(e)] is not None and (heads[id(e)] == u.i or e.start <= u.i < e.end)), None
        )
        if apposed is not None:
            ent, near_new = apposed, True
        if ent is not None and not led and self._founded(info, tok, ent):
            return []
        if ent is not None:
            name = _clean_unit(ent.text)
            org = ent if ent.known and ent.kind == "org" and ent.name.lower() != name.lower() else None
        else:
            name = self._unit_name(info, u)
            org = None
        bare = len([w for w in name.split() if w.lower() not in lex.new_words]) < 2 if name else definite
        if led and bare and state.last_unit and (linked or definite):
            org_name, name = state.last_unit  # "the division will be headed by X"
            return [{"org": org_name, "name": name, "leader": self._leader(info, tok, led, state.last_person)}]
        if not name or len(name.split()) < 2 and ent is None:
            return []
        if led and not near_new:
            return []  # leading an existing team is not a unit fact
        unit_words = set(lex.unit_nouns)

        def parent(e: Ent) -> bool:
            return e is not ent and not (set(e.name.lower().split()) & unit_words)

        if org is None and ent is not None and ent.start > info.sent.start:
            # "Meta's Superintelligence Lab": the possessor is the parent
            prev = [e for e in info.candidates("org") if e.end <= ent.start and ent.start - e.end <= 2 and parent(e)]
            org = prev[-1] if prev else None
        if org is None:
            left = [e for e in agent_side(info, tok, "org", None) if parent(e)]
            org = left[0] if left else None
        if org is None:
            near = sorted((e for e in info.candidates("org") if parent(e)), key=lambda e: abs(e.start - u.i))
            org = near[0] if near else None
        if org is None and apposed is not None:
            # "Y will run X, a new unit": the unit of Y's new employer, else of who hired last
            boss = self._leader(info, tok, led, state.last_person)
            hirer = state.employers.get(boss or "") or state.hirer
            org = Ent(0, 0, 0, 0, hirer, hirer, "org") if hirer else _topic_org(state)
        if org is None and led and ent is None:
            org = _topic_org(state)  # "X, hired to run a new lab": the lab of the organization the text is about
        if ent is None:
            # "a new division called Meta Superintelligence Labs": the unit's own name, when given
            called = [
                e
                for e in info.ents
                if e.start > u.i
                and e.start - u.i <= 10
                and len(e.name.split()) >= 2
                and self._cues("cues", "named", info.sent.doc[u.i + 1 : e.start].text)
            ]
            if called:
                ent, name = called[0], _clean_unit(called[0].text)
                if org is not None and not parent(org):
                    org = None
            else:
                quoted = _quoted_name(info, u, lambda text: self._cues("cues", "named", text))
                name = quoted or name  # "une équipe surnommée en interne le « superintelligence group »"
        if org is None:
            # "Zuckerberg is building a new team": the team of the company its known leader runs
            boss = agent_side(info, tok, "person", state.last_person)
            employer = deps.get_kb().employer(boss[0].name) if boss else None
            org = Ent(0, 0, 0, 0, employer, employer, "org", known=True) if employer else None
        if org is None and ent is not None and len(ent.name.split()) >= 2:
            org_name = ent.name.split()[0]  # "Microsoft AI", "Meta Superintelligence Labs": the brand
        elif org is None:
            return []
        else:
            org_name = org.name
            if len(org_name.split()) >= 2 and org_name.lower() in name.lower():
                org_name = org_name.split()[0]  # "la division Microsoft AI": named after its parent brand
        state.last_unit = (org_name, name)
        return [{"org": org_name, "name": name, "leader": self._leader(info, tok, led, state.last_person)}]

    def _founded(self, info: SentenceInfo, tok: Token, ent: Ent) -> bool:
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

    def _leader(self, info: SentenceInfo, tok: Token, led: bool, last_person: Ent | None = None) -> str | None:
        if led:
            if is_passive(tok, info):
                who = [e for e in info.candidates("person") if e.start > tok.i and by_agent(info, tok, e)]
            else:
                who = agent_side(info, tok, "person", last_person)  # "ce dernier va diriger...": the latter
            if who:
                return who[0].name
            return last_person.name if last_person is not None and self._pronoun_subject(info) else None
        lead_re = re.compile("|".join(re.escape(m) for m in self.lex.leader_markers), re.IGNORECASE)
        if lead_re.search(self._text):
            persons = [e for e in info.ents if e.kind == "person"]
            if persons:
                return persons[0].name
            if last_person is not None and self._pronoun_subject(info):
                return last_person.name
        return None

    def _pronoun_subject(self, info: SentenceInfo) -> bool:
        """Is the sentence's subject a pronoun for a person ("ce dernier rejoint X afin de diriger...")?"""
        return any(t.dep_.startswith("nsubj") and t.lower_ in self.lex.person_pronouns for t in info.sent)

    def _unit_name(self, info: SentenceInfo, u: Token) -> str | None:
        doc, lex = info.sent.doc, self.lex
        a = u.i
        while a > info.sent.start and a - u.i > -4:
            p = doc[a - 1]
            if p.pos_ in ("ADJ", "PROPN", "NOUN") and not p.is_punct and p.lower_ not in ("its", "their"):
                a -= 1
                continue
            break
        b = u.i + 1
        while b < info.sent.end and b - u.i <= 6:
            t = doc[b]
            if (
                t.is_punct
                and t.text not in ("«", "»", '"', "“", "”", "-")
                or t.lower_ in ("and", "et", "which", "qui", "that", "led", "dirigé")
            ):
                break
            if t.pos_ in ("VERB", "AUX") and t.lower_ not in (
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
            ):
                break
            b += 1
        words = doc[a:b].text
        if not any(w.lower() in lex.new_words for w in doc[max(info.sent.start, a - 2) : b].text.split()) and a == u.i:
            return None
        return _clean_unit(words)

    # -- denial --------------------------------------------------------------------------------
    def _denial(self, info: SentenceInfo, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
        is_phrase = not self.lex.verb_frames(tok.lemma_.lower(), tok.lower_)
        speaker = None
        if is_phrase and self._speaker is not None:
            speaker = self._speaker
        if is_phrase and speaker is None:
            # "X flatly denied it, stating that Y was being dishonest": the sentence's first actor speaks
            first = [
                e
                for e in info.ents
                if e.end <= tok.i and id(e) not in info.descriptor_ids and e.kind not in ("none", "media")
            ]
            speaker = first[0] if first else None
        if speaker is None:
            left = agent_side(info, tok, "speaker", state.last_person)
            speaker = left[0] if left else None
        if speaker is None and self._speaker is not None:
            speaker = self._speaker
        if speaker is None:
            return []
        # a spokesperson speaks for the organization
        spk_org = None
        if re.search("|".join(re.escape(s) for s in self.lex.spokesperson), self._low):
            spk_org = next((e for e in info.candidates("org") if e.end <= tok.i), None)
        name = spk_org.name if spk_org is not None and speaker.kind != "person" else speaker.name
        claim_by = None
        doc = info.sent.doc
        for e in info.ents:
            # whose claim: "denied Altman's claims", "disputed claims by Altman", "les propos de Sam Altman"
            if e.name == name or e.kind != "person" or not 0 < e.start - tok.i <= 7:
                continue
            poss = e.end < info.sent.end and doc[e.end].lower_ in ("'s", "’s")
            if poss or info.marker.get(id(e)) in ("agent", "from_org", "by_org"):
                claim_by = e.name
                break
        topic = self._topic(info, tok)
        return [{"speaker": name, "claim_by": claim_by, "topic": topic}]

    def _topic(self, info: SentenceInfo, tok: Token) -> str | None:
        if self._amounts:
            a = self._amounts[0]
            tail = self._text[a.start : a.start + 60].split()
            return " ".join(tail[:6])
        words = info.sent.doc[tok.i + 1 : min(tok.i + 9, info.sent.end)].text
        return words.strip(" ,.") or None


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
    from mercato.extract.sentence import COORD

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


def _purpose_infinitive(tok: Token) -> bool:
    """Is ``tok`` an infinitive of purpose or attempt ("to lure", "pour attirer", "trying to poach")?"""
    infinitive = tok.tag_ == "VB" or tok.morph.get("VerbForm") == ["Inf"]
    marked = any(c.lower_ in ("to", "pour", "afin", "de", "d'") for c in tok.children)
    modal = any(c.lower_ in ("will", "would", "'ll", "va", "vont") for c in tok.children)
    return (
        infinitive
        and marked
        and not modal
        and tok.dep_ not in ("ROOT",)
        and tok.head.lemma_ not in ("be", "set", "expect", "plan", "agree", "devoir", "aller", "decide", "décider")
    )


def _followed_by(rx: re.Pattern[str], text: str, pos: int) -> bool:
    """Does ``rx`` match right after ``pos``, past any spaces?"""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return rx.match(text, pos) is not None


def _n(e: Ent | None) -> str | None:
    return e.name if e is not None else None


def _tidy(text: str) -> str:
    return " ".join(text.replace(" ,", ",").split()).strip(" ,.;:")


def _clean_unit(text: str) -> str:
    text = re.sub(r"^(?:the|its|their|a|an|le|la|les|l'|un|une|son|sa|ses)\s+", "", text.strip(), flags=re.I)
    return " ".join(text.split()).strip(" ,.;:")


def _holder(info: SentenceInfo, tok: Token) -> list[Ent]:
    """The people a move noun is about, named right after it: "le départ de X", "the arrival of X"."""
    doc = info.sent.doc
    for e in info.candidates("person"):
        between = doc[tok.i + 1 : e.start]
        if 0 < e.start - tok.i <= 4 and all(t.lower_ in OF or t.pos_ == "DET" for t in between):
            return info.group_from(e, "person", +1)
    return []


def _governor_org(info: SentenceInfo, tok: Token) -> Ent | None:
    """The organization that is the subject of the verb governing a noun ("Apple announced the departure")."""
    head = tok
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            break
    if head.pos_ not in ("VERB", "AUX"):
        return None
    for s in head.children:
        if s.dep_.startswith("nsubj") and s.i < tok.i:
            found = [e for e in info.candidates("org") if e.start <= s.i < e.end]
            if found:
                return found[0]
    return None


OF = {"de", "d'", "d’", "of", "du"}
DEFINITE = {"the", "this", "that", "la", "le", "l'", "l’", "cette", "ce", "cet"}  # "the division": one named before
RELATIVE = {"qui", "who", "which", "dont", "où", "whose", "lequel", "laquelle"}


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


def _topic_org(state: DocState) -> Ent | None:
    """The organization the last sentences were about, as a mention."""
    name = state.last_org
    return Ent(0, 0, 0, 0, name, name, "org") if name else None


def _definite(info: SentenceInfo, t: Token) -> bool:
    """Is ``t`` introduced by a definite determiner ("the division", "cette équipe"): one named before?"""
    return any(d.lower_ in DEFINITE for d in info.sent.doc[max(info.sent.start, t.i - 2) : t.i])


def _possessed(tok: Token) -> bool:
    """Does a possessive pronoun or determiner govern ``tok`` ("its acquisition", "son rachat")?"""
    return any(
        c.dep_ in ("poss", "nmod:poss", "det:poss") or c.morph.get("Poss") == ["Yes"]
        for c in tok.children
        if c.pos_ in ("PRON", "DET")
    )


_QUOTED = re.compile(r"[«“\"]\s*([^«»“”\"]{3,60}?)\s*[»”\"]")


def _quoted_name(info: SentenceInfo, u: Token, named: Any) -> str | None:
    """A quoted name given to the unit noun ``u`` after a naming cue ("dubbed “the Fellowship”")."""
    doc = info.sent.doc
    tail = doc[u.i + 1 : min(u.i + 16, info.sent.end)].text
    m = _QUOTED.search(tail)
    if m is None or not named(tail[: m.start()]):
        return None
    return m.group(1).strip()


def _possessor_org(info: SentenceInfo, tok: Token) -> Ent | None:
    """The organization whose ``tok`` it is: "Nvidia's $7 billion acquisition", "Meta's offer"."""
    doc = info.sent.doc
    owners = [
        e
        for e in info.candidates("org")
        if 0 < tok.i - e.end <= 6 and doc[e.end].lower_ in ("'s", "’s") and e.kind == "org"
    ]
    return owners[-1] if owners else None
