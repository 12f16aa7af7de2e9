"""Per-language pattern data (src/mercato/data/patterns/<lang>.yaml) turned into fast lookups.

The YAML holds the knowledge (trigger lemmas, markers, cue words); this module only indexes it
so the rules can ask "which frames does this lemma trigger?" in constant time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mercato import knowledge
from mercato.extract.patterns_schema import MediaFile, PatternsFile

PATTERNS_DIR = knowledge.data_path("patterns")


@dataclass(slots=True)
class Frame:
    """A trigger and its argument structure (see the comment at the top of patterns/en.yaml)."""

    name: str
    type: str
    agent: str
    patient: str
    kind: str | None = None
    role: str | None = None
    unit_role: str | None = None  # the title of whoever leads a unit, "{unit}" standing for its name
    weak: bool = False
    needs_patient: bool = False
    needs_amount: bool = False
    # a move only when the text also says where the person came from: for verbs that found a company
    # as often as they launch a product ("launched", "a lancé")
    needs_origin: bool = False


@dataclass(slots=True)
class Lexicon:
    lang: str
    frames: list[Frame]
    by_verb: dict[str, list[Frame]]
    by_noun: dict[str, list[Frame]]
    phrases: list[tuple[re.Pattern[str], Frame]]
    markers: dict[str, list[str]]
    group_nouns: set[str]
    titles: set[str]
    title_words: set[str]
    unit_nouns: set[str]
    new_words: set[str]
    leader_markers: list[str]
    status: dict[str, list[str]]
    outcome: dict[str, list[str]]
    component: dict[str, list[str]]
    cues: dict[str, list[str]]  # other named word lists the rules ask for ("members": "including", "dont")
    speech_verbs: set[str]
    speech_markers: list[str]
    spokesperson: list[str]
    person_pronouns: set[str]
    intent_verbs: set[str]
    industry_re: re.Pattern[str]
    org_anaphora_re: re.Pattern[str] | None
    media_re: re.Pattern[str] | None = None
    media_names: dict[str, str] = field(default_factory=dict)
    cue_res: dict[str, re.Pattern[str]] = field(default_factory=dict)
    cue_keys: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # see ``cue_key_words``
    cue_sets: dict[str, frozenset[str]] = field(default_factory=dict)  # see ``cue_set``
    marker_list: list[tuple[str, re.Pattern[str], tuple[str, ...] | None]] | None = None  # see ``marker_cues``
    # nouns that only name organizations: an apposition headed by one describes an organization
    # ("X, the San Francisco startup"), not where X works
    org_nouns: frozenset[str] = frozenset()
    # nouns a name is seen through ("rejoint les rangs de Google" is "rejoint Google"): the preposition
    # between them marks nothing
    staff_nouns: frozenset[str] = frozenset()
    # (ending, lemma ending) pairs for verb forms the lemmatizer leaves as they are ("quitte", "cofonde")
    lemma_fallback: tuple[tuple[str, str], ...] = ()
    # verbs whose past takes "to be" ("ils sont partis"): that auxiliary makes no passive
    etre_verbs: frozenset[str] = frozenset()
    # every lemma and form a frame lists, and the endings ``lemma_fallback`` reads: a token whose lemma and
    # form are neither, and whose form has none of those endings, triggers nothing (``frames.triggers``)
    trigger_words: frozenset[str] = frozenset()
    fallback_endings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.trigger_words = frozenset(self.by_verb) | frozenset(self.by_noun)
        self.fallback_endings = tuple(ending for ending, _ in self.lemma_fallback)

    def verb_frames(self, lemma: str, form: str) -> list[Frame]:
        """The frames a verb triggers, by its lemma, its form, or a regular lemma of its form."""
        found = self.by_verb.get(lemma) or self.by_verb.get(form)
        if found or lemma != form:
            return found or []
        for ending, lemma_ending in self.lemma_fallback:
            if form.endswith(ending) and (found := self.by_verb.get(form[: -len(ending)] + lemma_ending)):
                return found
        return []

    def cue(self, group: str, name: str) -> re.Pattern[str]:
        """A compiled regex matching any cue of ``getattr(self, group)[name]`` as whole words."""
        key = f"{group}.{name}"
        if key not in self.cue_res:
            self.cue_res[key] = words_re(getattr(self, group).get(name, []))
        return self.cue_res[key]

    def marker_cues(self) -> list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]:
        """Each marker category with its regex and ``cue_key_words`` (built once)."""
        if self.marker_list is None:
            self.marker_list = [(k, self.cue("markers", k), self.cue_key_words(f"markers.{k}")) for k in self.markers]
        return self.marker_list

    def cue_set(self, name: str) -> frozenset[str]:
        """The words of the cue list ``cues.name``, lowercased, for token lookups (built once)."""
        if name not in self.cue_sets:
            self.cue_sets[name] = frozenset(w.lower() for w in self.cues.get(name, []))
        return self.cue_sets[name]

    def cue_key_words(self, key: str) -> tuple[str, ...] | None:
        """For the cue list ``key`` ("refuse" for ``cues.refuse``, "status.reported"): one run of
        letters of each of its words, lowercased, the longest, which any text holding the word holds
        too; None when some word has no letter to look for (nothing can then be ruled out)."""
        if key not in self.cue_keys:
            group, _, name = key.rpartition(".")
            words: list[str] = []
            for item in getattr(self, group or "cues").get(name, []):
                runs = re.findall(r"\w+", item.lower())
                if not runs:
                    self.cue_keys[key] = None
                    break
                words.append(max(runs, key=len))
            else:
                self.cue_keys[key] = tuple(sorted(set(words), key=len, reverse=True))
        return self.cue_keys[key]


def words_re(items: list[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any item as whole words (items may end with an apostrophe)."""
    # typographic and straight apostrophes are the same letter to a reader ("l’entreprise")
    parts = sorted(
        (re.escape(i.replace("’", "'")).replace(r"\ ", r"\s+").replace("'", "['’]") for i in items if i),
        key=len,
        reverse=True,
    )
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


@cache
def load_lexicon(lang: str) -> Lexicon:
    path = PATTERNS_DIR / f"{lang}.yaml"
    if not path.exists():
        raise LookupError(f"no extraction patterns for language {lang!r}: add {path}")
    data: dict[str, Any] = knowledge.load(path, PatternsFile).model_dump()
    frames, phrases = [], []
    by_verb: dict[str, list[Frame]] = {}
    by_noun: dict[str, list[Frame]] = {}
    for f in data["frames"]:
        frame = Frame(
            name=f["name"],
            type=f["type"],
            agent=f["agent"],
            patient=f["patient"],
            kind=f.get("kind"),
            role=f.get("role"),
            unit_role=f.get("unit_role"),
            weak=bool(f.get("weak")),
            needs_patient=bool(f.get("needs_patient")),
            needs_amount=bool(f.get("needs_amount")),
            needs_origin=bool(f.get("needs_origin")),
        )
        frames.append(frame)
        for v in f.get("verbs", []):
            by_verb.setdefault(v.lower(), []).append(frame)
        for n in f.get("nouns", []):
            by_noun.setdefault(n.lower(), []).append(frame)
        if f.get("phrases"):
            # one pass per frame over each sentence: its phrases as one alternation
            alternatives = "|".join(f"(?:{p})" for p in f["phrases"])
            phrases.append((re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE), frame))
    titles = {t.lower() for t in data.get("titles", [])}
    media_path = PATTERNS_DIR / "media.yaml"
    media = knowledge.load(media_path, MediaFile).media if media_path.exists() else []
    anaphora = data.get("org_anaphora", [])
    return Lexicon(
        lang=lang,
        frames=frames,
        by_verb=by_verb,
        by_noun=by_noun,
        phrases=phrases,
        markers={k: list(v) for k, v in data.get("markers", {}).items()},
        group_nouns={w.lower() for w in data.get("group_nouns", [])},
        titles=titles,
        title_words=titles | {t.lower() for t in data.get("title_noise", [])},
        unit_nouns={w.lower() for w in data.get("unit_nouns", [])},
        new_words={w.lower() for w in data.get("new_words", [])},
        leader_markers=list(data.get("leader_markers", [])),
        status={k: list(v) for k, v in data.get("status", {}).items()},
        outcome={k: list(v) for k, v in data.get("outcome", {}).items()},
        component={k: list(v) for k, v in data.get("component", {}).items()},
        cues={k: list(v) for k, v in data.get("cues", {}).items()},
        speech_verbs={w.lower() for w in data.get("speech_verbs", [])},
        speech_markers=list(data.get("speech_markers", [])),
        spokesperson=list(data.get("spokesperson", [])),
        person_pronouns={w.lower() for w in data.get("person_pronouns", [])},
        intent_verbs={w.lower() for w in data.get("intent_verbs", [])},
        industry_re=words_re(data.get("industry_terms", [])),
        org_anaphora_re=words_re(anaphora) if anaphora else None,
        org_nouns=frozenset(w.lower() for w in data.get("org_nouns", [])),
        staff_nouns=frozenset(w.lower() for w in data.get("staff_nouns", [])),
        etre_verbs=frozenset(w.lower() for w in data.get("etre_verbs", [])),
        lemma_fallback=tuple(sorted(((a, b) for a, b in data.get("lemma_fallback", [])), key=lambda p: -len(p[0]))),
        media_re=re.compile(
            r"(?<![\w-])(?:" + "|".join(_media_name(m) for m in sorted(media, key=len, reverse=True)) + r")(?![\w-])"
        )
        if media
        else None,
        media_names={m.lower(): m for m in media},
    )


def _media_name(name: str) -> str:
    """A media name as a pattern: "The Information" is also written "the Information" mid-sentence."""
    if name.startswith("The "):
        return "[Tt]" + re.escape(name[1:])
    return re.escape(name)
