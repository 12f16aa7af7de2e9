"""What the rules need to know about one sentence, computed once: its entity mentions, how each
is introduced (after "from", "by", "chez"...), which are descriptors of a person ("a researcher
at OpenAI", "former Scale AI CEO"), coordinated name lists, and who the sentence is attributed to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from mercato.extract.entities import Ent, org_apposition, unit_apposition
from mercato.extract.lexicon import Lexicon

POSSESSIVES = {"its", "their", "his", "her", "son", "sa", "ses", "leur", "leurs"}
# words that tie a title to its organization ("CEO of X", "head of research at X", "PDG de X", "chez X")
OF_ORG = frozenset({"of", "at", "de", "d'", "d’", "du", "chez"})
COORD = {",", "and", "et", "&", "ou", "or", "as", "well", "ainsi", "que", "plus"}
# words that end a person's descriptor before an organization could be named as the employer
# ("vice-président en charge du Machine Learning": a field, not an employer)
STOP_DESCRIPTOR = {
    "who",
    "which",
    "that",
    "qui",
    "que",
    "dont",
    "lequel",
    "laquelle",
    "où",
    "where",
    "when",
    "charge",
    "chargé",
    "chargée",
    "responsible",
    "overseeing",
}


@dataclass
class SentenceInfo:
    """One sentence with its mentions and the relations between them."""

    sent: Span
    ents: list[Ent]
    lex: Lexicon
    marker: dict[int, str] = field(default_factory=dict)  # id(ent) -> marker category
    affiliation: dict[int, tuple[Ent, str]] = field(default_factory=dict)  # id(person) -> (org, title)
    descriptor_ids: set[int] = field(default_factory=set)  # orgs that only describe a person

    def __post_init__(self) -> None:
        self._marker_res = self.lex.marker_cues()
        self._covering: dict[int, list[Ent]] = {}  # token -> the mentions covering it
        for x in self.ents:
            for i in range(x.start, x.end):
                self._covering.setdefault(i, []).append(x)
        for e in self.ents:
            self.marker[id(e)] = self._marker_of(e)
        self._descriptors()
        self._owned_units()
        self._org_appositions()

    # -- markers -------------------------------------------------------------------------------
    def _marker_of(self, e: Ent) -> str:
        doc = self.sent.doc
        # skip determiners/possessives right before the name ("from the startup", "chez l'")
        a = max(self.sent.start, e.start - 7)
        toks = [t for t in doc[a : e.start]]
        if len(toks) >= 2 and toks[-2].lower_ in self.lex.staff_nouns and toks[-1].pos_ == "ADP":
            toks = toks[:-2]  # "rejoint les rangs de Google", "joined the ranks of Google": as "joined Google"
        skipped = 0
        # skip determiners and a short descriptive head ("from the AI startup X", "chez la start-up X")
        while (
            toks
            and not any(x is not e for x in self._covering.get(toks[-1].i, ()))  # not inside another name
            and (
                toks[-1].pos_ == "DET"
                or toks[-1].lower_ in ("the", "l'", "l’", "la", "le", "les")
                or (
                    skipped < 3
                    # "for AI startup X": an organization noun the parser took for a verb describes too
                    and (toks[-1].pos_ in ("NOUN", "ADJ", "PROPN") or toks[-1].lower_ in self.lex.org_nouns)
                    and toks[-1].lower_ not in self.lex.titles
                )
            )
        ):
            skipped += toks[-1].pos_ != "DET"
            toks.pop()
        glued = _glued_prefix(doc[e.start].text, e.text)  # "ex-Apple": the marker is in the name's token
        if glued and not skipped:
            toks = []  # what precedes the token says less than the prefix glued to the name
        if not toks and not glued:
            return ""
        tail = (" ".join(t.text for t in toks) + glued).lower().replace("’", "'")
        tail = tail.replace("d '", "d'").replace(" '", "'")
        best, best_len = "", 0
        for cat, rx, words in self._marker_res:
            if words is not None and not any(w in tail for w in words):
                continue  # none of its words: the regex cannot match
            for m in rx.finditer(tail):
                if m.end() >= len(tail.rstrip()) - 0 and m.end() - m.start() > best_len:
                    best, best_len = cat, m.end() - m.start()
        return best

    # -- descriptors ---------------------------------------------------------------------------
    def _descriptors(self) -> None:
        doc = self.sent.doc
        orgs = [e for e in self.ents if e.kind in ("org", "any")]
        by_end = {e.end: e for e in orgs}
        by_start = {e.start: e for e in orgs}
        kin = set(self.lex.cues.get("kin_nouns", []))
        for p in self.ents:
            if not p.fits("person") or p.kind == "any" and p.known:
                continue
            # before: "OpenAI researcher X", "former Scale AI CEO X", "Windsurf's X", "Apple's X"
            i = p.start
            steps, seen_title = 0, False
            while i > self.sent.start and steps < 6:
                tok = doc[i - 1]
                if (i in by_end) and by_end[i] is not p and seen_title:
                    org = by_end[i]
                    title = doc[org.end : p.start].text.strip(" ,'’s")
                    if org.kind in ("org", "any"):
                        self._set_affiliation(p, org, title)
                    break
                low = tok.lower_
                staff = low in self.lex.group_nouns and tok.tag_ == "NNS"  # "former OpenAI researchers A and B"
                if (
                    low in self.lex.title_words
                    or staff
                    or low in kin  # "former OpenAI executives and siblings A and B"
                    or low in ("'s", "’s", "-", "and", "&", "of", "et")
                    or (tok.pos_ == "ADJ" and tok.is_lower)
                ):
                    seen_title = seen_title or staff or low in self.lex.titles or low in ("'s", "’s")
                    i -= 1
                    steps += 1
                    continue
                break
            # before, with no comma: "l'ancienne directrice technique d'OpenAI Mira Murati"
            before = by_end.get(p.start)
            if (
                id(p) not in self.affiliation
                and before is not None
                and before is not p
                and before.kind in ("org", "any")
            ):
                self._title_of(p, before)
            # before, set off by a comma: "the CEO of Scale AI, X", "le PDG de Scale AI, X"
            if id(p) not in self.affiliation and p.start - 2 >= self.sent.start and doc[p.start - 1].text == ",":
                before = by_end.get(p.start - 1)
                if before is not None and before is not p and before.kind in ("org", "any"):
                    self._title_of(p, before)
                else:
                    self._possessive_title(p)
            # after: "X, a researcher at OpenAI," / "X, ancien chercheur d'OpenAI," / "X (ex-Google)"
            if id(p) in self.affiliation:
                continue  # said before the name: the stronger reading
            j = p.end
            # "X, the San Francisco startup": says what X is, not where it works (see _org_appositions)
            described = org_apposition(doc, p, self.lex) is not None
            if j < self.sent.end and doc[j].text in (",", "(", "—", "–") and not described:
                title_toks: list[Token] = []
                k = j + 1
                while k < self.sent.end and k - j <= 12:
                    tok = doc[k]
                    if tok.text in (",", ")", ".", ";", ":", "—", "–") or tok.lower_ in STOP_DESCRIPTOR:
                        break
                    if any(x.start == k and x.kind == "person" for x in self.ents):
                        break
                    if (
                        tok.pos_ in ("VERB", "AUX")
                        and tok.tag_ not in ("VBN",)
                        and tok.lower_ not in ("passé", "issu", "venu")
                        and tok.morph.get("VerbForm") != ["Part"]
                    ):
                        break
                    if k in by_start and by_start[k] is not p:
                        org = by_start[k]
                        glued = _glued_prefix(doc[k].text, org.text).strip()
                        if not title_toks and glued and org.kind in ("org", "any"):
                            self._set_affiliation(p, org, glued)  # "X (ex-Google)", "X, ex-Apple,"
                            break
                        if org.kind in ("org", "any") and any(
                            t.lower_ in self.lex.title_words
                            or t.lower_ in self.lex.titles
                            or t.lower_ in ("de", "d'", "at", "of", "chez", "from")
                            for t in title_toks
                        ):
                            title = doc[j + 1 : org.start].text.strip(" ,")
                            self._set_affiliation(p, org, title)
                            break
                        k = org.end
                        continue
                    title_toks.append(tok)
                    k += 1

    def _title_of(self, p: Ent, org: Ent) -> None:
        """ "le PDG de Scale AI, X", "the head of research at Nvidia X": a title of ``org`` before ``p``."""
        doc = self.sent.doc
        head = doc[max(self.sent.start, org.start - 7) : org.start]
        words = [t.lower_ for t in head]
        of = words and words[-1] in OF_ORG
        if of and any(w in self.lex.titles for w in words):
            k = len(words) - 1 - next(i for i, w in enumerate(reversed(words)) if w in self.lex.titles)
            self._set_affiliation(p, org, doc[head.start + k : org.start - 1].text)

    def _possessive_title(self, p: Ent) -> None:
        """ "Apple's head of AI models, X": an organization's possessive, a title, then the name."""
        doc = self.sent.doc
        for org in self.ents:
            if org.kind not in ("org", "any") or org is p or not 0 < p.start - org.end <= 8:
                continue
            between = doc[org.end : p.start - 1]
            if (
                len(between) > 1
                and between[0].lower_ in ("'s", "’s")
                and any(t.lower_ in self.lex.titles for t in between[1:])
                and not any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in between)
            ):
                self._set_affiliation(p, org, between[1:].text)
                return

    def _org_appositions(self) -> None:
        """Names inside an organization's apposition ("X, the San Francisco startup,") describe it; a
        name apposed to a unit noun ("X, a new unit") is the unit's, not an organization to join."""
        for e in self.ents:
            if e.kind in ("org", "any") and unit_apposition(self.sent.doc, e, self.lex) is not None:
                self.descriptor_ids.add(id(e))
            head = org_apposition(self.sent.doc, e, self.lex)
            if head is not None:
                self.descriptor_ids.update(id(x) for x in self.ents if e.end < x.start and x.end <= head)

    def _owned_units(self) -> None:
        """ "its Superintelligence AI team": a unit's name, not an organization a
        person could join or leave (the owner is who "its" points to)."""
        doc = self.sent.doc
        for e in self.ents:
            if e.kind not in ("org", "any") or e.known or e.end >= self.sent.end or e.start == self.sent.start:
                continue
            if doc[e.start - 1].lower_ in POSSESSIVES and doc[e.end].lower_ in self.lex.unit_nouns:
                self.descriptor_ids.add(id(e))

    def _set_affiliation(self, p: Ent, org: Ent, title: str) -> None:
        self.affiliation[id(p)] = (org, title)
        self.descriptor_ids.add(id(org))

    # -- coordination --------------------------------------------------------------------------
    def token_from(self, char: int) -> int | None:
        """The index of the sentence's first token starting at or after document character ``char``."""
        return next((t.i for t in self.sent if t.idx >= char), None)

    def token_covering(self, char: int) -> Token | None:
        """The token of the sentence covering document character ``char``."""
        return next((t for t in self.sent if t.idx <= char < t.idx + len(t.text)), None)

    def group_from(self, e: Ent, want: str, direction: int) -> list[Ent]:
        """``e`` and the names coordinated with it ("Beyer, Kolesnikov and Zhai")."""
        doc = self.sent.doc
        out = [e]
        ents = [x for x in self.ents if x.fits(want) and id(x) not in self.descriptor_ids]
        idx = ents.index(e) if e in ents else -1
        if idx < 0:
            return out
        cur = e
        rng = range(idx + 1, len(ents)) if direction > 0 else range(idx - 1, -1, -1)
        for n in rng:
            nxt = ents[n]
            a, b = (cur.end, nxt.start) if direction > 0 else (nxt.end, cur.start)
            between = [t for t in doc[a:b]]
            if not between or len(between) > 3:
                # allow a descriptor in between: "X, Meta's CTO, and Y"
                if not self._only_descriptor(between):
                    break
            elif not all(t.lower_ in COORD for t in between) and not self._titled_coord(between):
                break
            out.append(nxt)
            cur = nxt
        return out

    def _titled_coord(self, toks: list[Token]) -> bool:
        """ "A et le CTO B", "A and CTO B": a coordination whose second name comes with its title."""
        words = [t.lower_ for t in toks]
        return words[0] in ("et", "and") and all(
            t.lower_ in COORD or t.pos_ == "DET" or t.lower_ in self.lex.titles for t in toks
        )

    def _only_descriptor(self, toks: list[Token]) -> bool:
        if not toks or len(toks) > 16:
            return False
        texts = [t.lower_ for t in toks]
        if texts[0] != "," or texts[-1] not in (",", "and", "et"):
            return False
        # "X, an investor who worked at Apple, and Y": a verb only inside the descriptor's relative clause
        rel = next((k for k, t in enumerate(toks) if t.lower_ in ("who", "qui")), len(toks))
        closed = texts[-2:] in ([",", "and"], [",", "et"])
        return not any(t.pos_ == "VERB" and (k < rel or not closed) for k, t in enumerate(toks))

    def candidates(self, want: str) -> list[Ent]:
        return [e for e in self.ents if e.fits(want) and id(e) not in self.descriptor_ids]

    def text_between(self, a: int, b: int) -> str:
        return self.sent.doc[a:b].text


_QUOTE_RE = re.compile(r"[\"“”«»]")


def _source_gap(lex: Lexicon, gap: str) -> bool:
    """Is ``gap`` what may stand between "according to"/"selon" and the source: a few letters, or words
    naming what the source is ("l'agence", "the newspaper", ``cues.source_nouns``)?"""
    if len(gap) < 6:
        return True
    nouns = {w.lower() for w in lex.cues.get("source_nouns", [])}
    words = [w for w in re.split(r"[\s'’]+", gap.lower()) if w]
    return bool(nouns) and len(words) <= 4 and all(w in nouns for w in words)


def attribution(info: SentenceInfo, exclude: set[str] | None = None) -> Ent | None:
    """Who the sentence reports ("according to X", "selon X", "X said/claimed that")."""
    lex, doc, sent = info.lex, info.sent.doc, info.sent
    exclude = exclude or set()
    low = sent.text.lower()
    for marker in lex.speech_markers:
        if marker not in low:
            continue  # (no need to build and look up its regex)
        for m in re.finditer(r"(?<!\w)" + re.escape(marker) + r"(?!\w)", low):
            if marker == "pour" and lex.lang == "fr":
                continue  # too ambiguous alone
            pos = sent.start_char + m.end()
            after = [e for e in info.ents if doc[e.start].idx >= pos and e.kind != "none"]
            if after and _source_gap(lex, doc.text[pos : doc[after[0].start].idx]) and after[0].name not in exclude:
                return after[0]
    for tok in sent:
        if tok.lemma_.lower() not in lex.speech_verbs or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in tok.children if c.dep_.startswith("nsubj")]
        for s in subj:
            for e in info.ents:
                if e.start <= s.i < e.end and e.name not in exclude and e.kind != "none":
                    return e
        # inverted or post-quote: "…," Altman said / a affirmé Sam Altman
        near = [e for e in info.ents if 0 < e.start - tok.i <= 3 or 0 < tok.i - e.end + 1 <= 2]
        near = [e for e in near if e.name not in exclude and e.kind != "none"]
        if near:
            return near[0]
    return None


def _glued_prefix(token: str, name: str) -> str:
    """The hyphenated prefix a tokenizer left on a name ("ex-" of "ex-Apple"), else ""."""
    first = name.split()[0] if name.split() else ""
    if first and token != first and token.endswith(first) and token[: -len(first)].endswith(("-", "‑")):
        return " " + token[: -len(first)]
    return ""
