"""The rules backend over a batch of documents of one language.

Documents are cut into paragraph chunks and streamed through ``nlp.pipe`` (one batch across all
documents, unused components disabled); each chunk is turned into mentions and per-sentence
candidate facts, then dropped, so memory stays bounded however long an article is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from mercato.extract import builders, deps
from mercato.extract.anaphora_order import prefer_recent
from mercato.extract.builders import Candidate, DocState, RuleSet, deal_amount
from mercato.extract.document import without_named_groups
from mercato.extract.entities import Ent, find_entities, resolve
from mercato.extract.events import without_event_orgs
from mercato.extract.lexicon import load_lexicon
from mercato.extract.listed import without_money_into_listed
from mercato.extract.merge import merge_facts
from mercato.extract.nlp import chunks, parse
from mercato.extract.prefilter import Verdict, get_prefilter
from mercato.extract.prefilter import enabled as prefilter_enabled
from mercato.extract.proposals import PROPOSAL_CONFIDENCE, Proposal, complete, propose
from mercato.extract.relevance import doc_relevance, fact_relevant, is_relevant
from mercato.extract.scorer import DocSignals, get_filter
from mercato.extract.sentence import SentenceInfo
from mercato.extract.unit_doc import settle_units
from mercato.model import Document, Evidence, Extraction, Fact, Mention

STRONG = 0.8  # a document this surely about the industry needs no industry word in each fact's sentence


@dataclass
class _DocWork:
    doc: Document
    ents: list[Ent] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    state: DocState = field(default_factory=DocState)
    skipped: Verdict | None = None  # the prefilter's reason not to parse it


def extract_one_language(
    docs: Sequence[Document], lang: str, filter_facts: bool = True, prefilter: bool | None = None
) -> list[Extraction]:
    """One ``Extraction`` per document; ``filter_facts``: let the learned filter (scorer.py) drop facts;
    ``prefilter``: skip the parse of documents that cannot hold a fact (default: ``prefilter.enabled``)."""
    lex = load_lexicon(lang)
    pf = get_prefilter(lang) if (prefilter_enabled() if prefilter is None else prefilter) else None
    kb = deps.get_kb()
    rules = RuleSet.build(lex, lang)
    work = [_DocWork(d) for d in docs]

    def items() -> Iterator[tuple[int, int, str]]:
        for wi, w in enumerate(work):
            # one apostrophe for the lexicons and the models ("l’entreprise" is "l'entreprise");
            # same length, so every offset still points into the document's own text
            pieces = [(off, text.replace("’", "'")) for off, text in chunks(w.doc.text or w.doc.raw_text)]
            if pf is not None and (verdict := pf.check(w.doc.text or w.doc.raw_text, pieces)) is not None:
                w.skipped = verdict
                continue
            if pf is not None:
                pieces = [(off, pf.blank(text)) for off, text in pieces]
            for off, text in pieces:
                yield wi, off, text

    stream = list(items()) if len(docs) < 64 else None
    source = stream if stream is not None else items()
    pending: list[tuple[int, int, str]] = []

    # pairings cost a second pass over each sentence: made only when the model may accept some, or
    # when extracting without the model (what the training script reads them from)
    model = get_filter()
    pairings = not filter_facts or (model is not None and any(model.proposals.thresholds.values()))

    def run(batch: list[tuple[int, int, str]]) -> None:
        for (wi, off, text), (_, sdoc) in zip(batch, parse([(o, t) for _, o, t in batch], lang), strict=True):
            _chunk(work[wi], off, sdoc, text, kb, lex, rules, pairings)

    for item in source:
        pending.append(item)
        if len(pending) >= 256:
            run(pending)
            pending = []
    if pending:
        run(pending)
    return [_finish(w, lang, lex, filter_facts) for w in work]


def _chunk(w: _DocWork, offset: int, sdoc, text: str, kb, lex, rules: RuleSet, pairings: bool) -> None:
    ents = find_entities(sdoc, offset, kb, lex, text)
    resolve(ents, w.ents)
    prefer_recent(sdoc, ents, w.ents, w.state.doc.subject, lex)
    w.ents.extend(e for e in ents if e.kind != "none")
    infos = []
    for sent in sdoc.sents:
        sent_ents = [e for e in ents if e.start >= sent.start and e.end <= sent.end and e.kind != "none"]
        infos.append(SentenceInfo(sent, sent_ents, lex) if sent_ents else None)
    # what the whole chunk says of its people and organizations, before any sentence's facts are built
    w.state.doc.observe([i for i in infos if i is not None], rules.former)
    w.state.doc.name_owned(ents)
    for sent, info in zip(sdoc.sents, infos, strict=True):
        if info is None:
            # a sentence naming no one can still state a fact about "he"/"il" named before, or about a
            # group joining the company the article is about ("ten researchers joined the ranks")
            pronoun = w.state.last_person is not None and any(t.lower_ in lex.person_pronouns for t in sent)
            group = w.state.doc.subject and any(t.lower_ in lex.group_nouns for t in sent)
            # ... or give the price of a deal just told ("The all-cash deal is worth $665 million")
            if not pronoun and not group and not deal_amount.points_back(w.state, sent.text, lex):
                continue
            info = SentenceInfo(sent, [], lex)
        w.candidates.extend(builders.run(rules, info, offset, w.state))
        if pairings:
            w.proposals.extend(propose(info, offset))


def _finish(w: _DocWork, lang: str, lex, filter_facts: bool) -> Extraction:
    doc = w.doc
    if w.skipped is not None:
        return Extraction(doc=doc, facts=[], mentions=w.skipped.mentions, relevant=w.skipped.relevant)
    text = doc.text or doc.raw_text
    known_orgs = len({e.name for e in w.ents if e.known and e.kind == "org"})
    score = doc_relevance(text, lang, lex, known_orgs)
    relevant = is_relevant(score)
    mentions = [
        Mention(
            e.name,
            "person" if e.kind == "person" or (e.kind == "any" and " " in e.name) else "org",
            e.cstart,
            e.cend,
            e.text,
            e.known,
        )
        for e in w.ents
        if not e.anaphor and e.name
    ]
    if not relevant:
        return Extraction(doc=doc, facts=[], mentions=mentions, relevant=False)

    def evidence(start: int, end: int, confidence: float) -> Evidence:
        sentence = text[start:end]
        lead = len(sentence) - len(sentence.lstrip())
        start, end = start + lead, start + len(sentence.rstrip())
        raw_start, raw_end = doc.offsets.to_raw(start), doc.offsets.to_raw(end)
        return Evidence(text[start:end], start, end, confidence, raw_start, raw_end, doc.id)

    def grounded_at(start: int, end: int, orgs_known: bool) -> bool:
        return score >= STRONG or fact_relevant(text[start:end], orgs_known, lex)

    facts = []
    grounded: set[int] = set()  # evidence of facts whose sentence is itself about the industry
    for c in w.candidates:
        ev = evidence(c.sent_start, c.sent_end, c.confidence)
        if grounded_at(c.sent_start, c.sent_end, c.orgs_known):
            grounded.add(id(ev))
        facts.append(Fact(c.type, dict(c.attrs), [ev], c.confidence))  # type: ignore[arg-type]
    facts = [f for f in merge_facts(facts) if any(id(e) in grounded for e in f.evidence)]
    _fill_claims(facts)
    _unit_owners(facts)
    facts = without_money_into_listed(without_event_orgs(settle_units(facts, lex), lex), lex)
    _makers_for_products(facts, deps.get_kb())
    facts = without_named_groups(merge_facts(facts))
    signals = DocSignals(lang, score, len(text), mentions)
    props = [p for p in w.proposals if grounded_at(p.sent_start, p.sent_end, p.orgs_known)]
    orgs = Counter(m.entity for m in mentions if m.kind == "org")
    signals.proposals = complete(props, facts, orgs, lambda s, e: evidence(s, e, PROPOSAL_CONFIDENCE))
    for f, feats in signals.proposals:
        feats.update({"relevance": score, f"lang={lang}": 1.0, "position": f.evidence[0].start / max(len(text), 1)})
    model = get_filter() if filter_facts else None
    if model is not None:
        facts = model.keep(facts, signals, deps.get_kb())
        if accepted := model.accept(signals.proposals):
            facts = merge_facts(facts + accepted)
    return Extraction(doc=doc, facts=facts, mentions=mentions, relevant=True, signals=signals)


def _makers_for_products(facts: list[Fact], kb) -> None:
    """ "a member of the ChatGPT team", "l'équipe de Gemini": a mover's workplace named by a product is
    the organization that makes it (``products`` in the knowledge base), unless the move would then end
    where it starts. Only moves: a product bought or funded ("Meta buys WhatsApp") was a company."""
    for f in facts:
        if f.type != "move":
            continue
        for slot, other in (("from_org", "to_org"), ("to_org", "from_org")):
            maker = kb.maker(f.attrs[slot]) if f.attrs.get(slot) else None
            if maker is not None and maker not in (f.attrs.get(other), kb.canonical(f.attrs.get(other))):
                f.attrs[slot] = maker


def _unit_owners(facts: list[Fact]) -> None:
    """A lab its leader was hired to run belongs to the new employer, not the one he left."""
    moves = [f for f in facts if f.type == "move" and f.attrs.get("person") and f.attrs.get("to_org")]
    for f in facts:
        leader = f.attrs.get("leader") if f.type == "unit" else None
        if not leader or _owned(f):
            continue
        for m in moves:
            said_together = {e.start for e in m.evidence} & {e.start for e in f.evidence}
            if m.attrs["to_org"].casefold() == str(f.attrs.get("name")).casefold():
                continue  # "X will head the new Robotics Group": the move's destination is the unit itself
            if m.attrs["person"] == leader and (m.attrs.get("from_org") == f.attrs.get("org") or said_together):
                f.attrs["org"] = m.attrs["to_org"]
                break


def _owned(unit: Fact) -> bool:
    """Does the unit's own sentence name its parent as a possessor ("Acme's search group")? Then
    that parent stands, whatever move its leader made."""
    org = str(unit.attrs.get("org") or "")
    return bool(org) and any(f"{org}'s" in e.sentence.replace("’", "'") for e in unit.evidence)


def _fill_claims(facts: list[Fact]) -> None:
    """A denial with no stated claimant disputes the claim the article attributes to someone."""
    claimers = [
        f.attrs["attributed_to"]
        for f in facts
        if f.type == "offer" and f.attrs.get("attributed_to") and not f.attrs.get("target_person")
    ]
    if not claimers:
        return
    top = max(set(claimers), key=claimers.count)
    for f in facts:
        if f.type == "denial" and not f.attrs.get("claim_by") and f.attrs.get("speaker") != top:
            f.attrs["claim_by"] = top
