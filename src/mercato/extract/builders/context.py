"""What the builders read and carry: the per-language rule set, the sentence context, the document state.

A ``SentenceContext`` is built once per sentence (amounts, speaker, triggers, offsets) and handed to
every builder, so no builder depends on state left behind by an earlier call; ``DocState`` is the
only thing that flows from one sentence to the next.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from spacy.tokens import Span, Token

from mercato.extract import deps
from mercato.extract.document import DocModel
from mercato.extract.entities import Ent
from mercato.extract.frames import triggers
from mercato.extract.lexicon import Frame, Lexicon
from mercato.extract.sentence import SentenceInfo, attribution


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
    org_counts: dict[str, int] = field(default_factory=dict)  # organization -> mentions so far
    doc: DocModel = field(default_factory=DocModel)  # what the whole article says: subject, people's employers
    people: tuple[list[Ent], int] | None = None  # the last people named together, and in which sentence
    reports: list[tuple[str, int]] = field(default_factory=list)  # who reported a claim, in which sentence
    round_said: int = -1  # the last sentence naming backers of the last round: a list after it goes on
    recruit_said: int = -1  # the last sentence naming a recruit ("One recruit, X,"): "Another, Y," goes on
    backed: tuple[str, str, int] | None = None  # (target, status, sentence) of the last backers named
    deal: tuple[Candidate, int] | None = None  # the last acquisition or licence stated, and in which sentence


OFFER_NOUNS = ("offer", "offers", "offre", "offres")  # an offer of anything: not pay by itself


@dataclass(frozen=True)
class RuleSet:
    """What the builders need of one language, compiled once: the lexicon and regexes built from it."""

    lex: Lexicon
    lang: str
    valuing: re.Pattern[str]  # a valuation verb a few words before "at"/"à" and an amount
    pay: re.Pattern[str]  # a pay noun of the offer frames other than "offer" itself
    former: frozenset[str]  # words of a title no longer held ("former", "ex", "ancien")

    @classmethod
    def build(cls, lex: Lexicon, lang: str) -> RuleSet:
        # "valuing the startup at $12 billion", "valorisant la startup à 29 milliards": a verb of
        # valuation, a few words, then "at"/"à" right before the amount (stems and words in the patterns)
        stems = "|".join(re.escape(w) for w in lex.cues.get("valuation_stems", [])) or "(?!x)x"
        at = "|".join(re.escape(w) for w in lex.cues.get("valuation_at", [])) or "(?!x)x"
        valuing = re.compile(rf"(?i)\b(?:{stems})\w*(?:\s+[\w'’-]+){{0,4}}\s+(?:{at})\s*$")
        nouns = [n for f in lex.frames if f.type == "offer" for n in lex.by_noun if f in lex.by_noun[n]]
        pay = re.compile(r"\b(" + "|".join(re.escape(n) for n in nouns if n not in OFFER_NOUNS) + r")\b")
        former = frozenset(w.lower() for w in lex.cues.get("former", []))
        return cls(lex, lang, valuing, pay, former)


@dataclass
class SentenceContext:
    """One sentence as every builder sees it, computed once before any builder runs."""

    rules: RuleSet
    info: SentenceInfo
    text: str
    low: str  # the text lowercased, where cue words are searched
    speaker: Ent | None  # who the sentence reports ("according to X", "X said")
    found: list[tuple[Token, Frame]]  # the triggers of the sentence and the frames they evoke
    has_denial: bool
    start: int  # char offsets of the sentence in the document text
    end: int
    _amounts: list[Any] | None = field(default=None, repr=False)
    _held: dict[str, bool] = field(default_factory=dict, repr=False)  # cue list -> may_hold's answer

    @property
    def amounts(self) -> list[Any]:
        """The money amounts of the sentence that are not valuations: read on first use, as most
        sentences reach no builder that asks."""
        if self._amounts is None:
            self._amounts = _amounts(self.rules, self.text)
        return self._amounts

    @property
    def lex(self) -> Lexicon:
        return self.rules.lex

    @property
    def lang(self) -> str:
        return self.rules.lang

    @classmethod
    def build(cls, rules: RuleSet, info: SentenceInfo, offset: int) -> SentenceContext:
        text = info.sent.text
        speaker = attribution(info)
        found = list(triggers(info))
        return cls(
            rules=rules,
            info=info,
            text=text,
            low=text.lower(),
            speaker=speaker,
            found=found,
            has_denial=any(f.type == "denial" for _, f in found),
            start=offset + info.sent.start_char,
            end=offset + info.sent.end_char,
        )

    def may_hold(self, *keys: str) -> bool:
        """Might the sentence hold a word of one of the cue lists ``keys`` ("refuse" for ``cues.refuse``,
        "status.reported")? Never no when one is there, in the text or in any token of it: a plain
        substring search of one run of letters of each word, far cheaper than the word regexes."""
        for key in keys:
            held = self._held.get(key)
            if held is None:
                words = self.rules.lex.cue_key_words(key)
                held = self._held[key] = words is None or any(w in self.low for w in words)
            if held:
                return True
        return False

    def cue_spans(self, name: str, group: str = "cues") -> Iterator[Span]:
        """Each match of the cue list ``group.name`` in the sentence, as the tokens it covers."""
        if not self.may_hold(f"{group}.{name}"):
            return
        sent = self.info.sent
        for m in self.rules.lex.cue(group, name).finditer(self.text):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is not None and len(span):
                yield span

    def cues(self, group: str, name: str, text: str) -> bool:
        """Does ``text`` hold a cue word of the pattern list ``group.name``?"""
        if (text is self.low or text is self.text) and not self.may_hold(f"{group}.{name}"):
            return False  # the sentence itself, which holds none of the list's words
        return bool(self.rules.lex.cue(group, name).search(text))

    def replace_offers(
        self, out: list[Candidate], made: list[dict[str, Any]], stale: Callable[[dict[str, Any]], bool]
    ) -> list[Candidate]:
        """``out`` less this sentence's offers ``stale`` says ``made`` corrects, plus ``made``."""
        kept = [c for c in out if not (c.type == "offer" and c.sent_start == self.start and stale(c.attrs))]
        return kept + [Candidate("offer", o, self.start, self.end, 0.6, self.known(o)) for o in made]

    def known(self, attrs: dict[str, Any]) -> bool:
        """Does the fact name an organization the knowledge base knows?"""
        names = {v for v in attrs.values() if isinstance(v, str)}
        return any(e.known and e.kind == "org" and e.name in names for e in self.info.ents)


Fn = TypeVar("Fn", bound=Callable[..., Any])


def needs(*keys: str) -> Callable[[Fn], Fn]:
    """Declares the cue lists a builder ``f(ctx, ...)`` cannot find anything without: when the sentence
    holds no word of any of them (``SentenceContext.may_hold``), the builder is not run and gives
    nothing: ``[]``, or, for one that corrects the candidates so far, its argument ``out`` as it was.
    Only for words the builder looks for in the sentence's own text or tokens (not in lemmas, nor in
    the sentences before)."""

    def gate(fn: Fn) -> Fn:
        params = list(inspect.signature(fn).parameters)
        at = params.index("out") if "out" in params else None

        @functools.wraps(fn)
        def gated(ctx: SentenceContext, *args: Any, **kwargs: Any) -> Any:
            if ctx.may_hold(*keys):
                return fn(ctx, *args, **kwargs)
            if at is None:
                return []
            return kwargs["out"] if "out" in kwargs else args[at - 1]

        return cast(Fn, gated)

    return gate


def _amounts(rules: RuleSet, text: str) -> list[Any]:
    """The amounts of ``text`` that are not valuations ("values the company at $4 billion", "at a $14
    billion valuation")."""
    valuation = rules.lex.cue("cues", "valuation")
    valued = rules.lex.cue("cues", "valuation_after")
    return [
        a
        for a in deps.parse_amounts(text, rules.lang)
        if not any(0 <= a.start - m.end() <= 2 for m in valuation.finditer(text[: a.start]))
        and not _followed_by(valued, text, a.end)
        and not rules.valuing.search(text, max(0, a.start - 80), a.start)
    ]


def _followed_by(rx: re.Pattern[str], text: str, pos: int) -> bool:
    """Does ``rx`` match right after ``pos``, past any spaces?"""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return rx.match(text, pos) is not None
