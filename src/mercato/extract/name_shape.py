"""What a proper name looks like: the words that make it an organization's, the title before a
person's name, the honorific and the ticker around it, the lines written in Title Case.

Knowledge about names lives in data (``link/names.py``); this module applies it to tokens.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from mercato.extract.lexicon import Lexicon
from mercato.extract.mention import Ent
from mercato.link import names

ORG_WORDS = names.org_words()
GENERIC = names.generic_words()
ADJECTIVAL = re.compile(r"-(?:" + "|".join(names.attribute_suffixes()) + r")$", re.IGNORECASE)

_TICKER = re.compile(r"\s+[A-Z]{1,5}\.[A-Z]{1,2}\b")  # "Meta META.O", "Apple AAPL.O"
_HONORIFIC = re.compile(r"^(?:M\.|Mr\.?|Mrs\.?|Ms\.?|Mme|Mlle|Dr\.?|Pr\.?)\s+")


def clean_name(text: str) -> str:
    text = _HONORIFIC.sub("", _TICKER.sub("", text.strip()))
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"^(?:the|The|l'|L'|l’|L’|['’]s\b)\s*", "", text)
    return " ".join(text.strip(' ,.;:«»"“”()[]-–—').split())


_SMALL = names.headline_small_words()


TITLES = names.person_titles()
PRODUCT_WORDS = names.product_words()
PRODUCT_NOUNS = names.product_nouns()
_DOTTED = re.compile(rf"[A-Z][\w-]*\.(?i:{'|'.join(re.escape(x) for x in names.dotted_suffixes())})")
_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?")  # "2", "3.5", "4o": the version ending a model's name


def after_title(sdoc: Doc, a: int, b: int) -> int:
    """Where a person's name starts in "Chief Financial Officer Dana Whitfield": after the title.

    Only when two capitalised words remain and none of them is an organization's word: "VP Research
    Nora Vale" is Nora Vale, "Data Robotics Inc" one name.
    """
    start = a
    while b - a > 2 and sdoc[a].lower_ in TITLES and sdoc[a].text[:1].isupper():
        a += 1
    return start if any(t.lower_ in ORG_WORDS for t in sdoc[a:b]) else a


def only_titles(name: str) -> bool:
    """A title with no name ("Chief Scientist", "Technologist"): never a person nor an organization."""
    return all(w.lower() in TITLES for w in name.split())


def describes_next(sdoc: Doc, end: int, lex: Lexicon) -> bool:
    """ "Danish AI company Brightloop": words before a lowercase organization noun and a name."""
    return (
        end + 1 < len(sdoc)
        and sdoc[end].text.islower()
        and sdoc[end].lower_ in lex.org_nouns
        and sdoc[end + 1].text[:1].isupper()
    )


def names_a_round(rounds: re.Pattern[str], name: str) -> bool:
    """Whether ``name`` is a funding round's name ("Series C", "Series-B", "M Series B")."""
    spaced = name.replace("-", " ")
    return any(m.end() == len(spaced) for m in rounds.finditer(spaced)) and (
        rounds.fullmatch(spaced) is not None or len(spaced.split()[0]) <= 2
    )


def headline_spans(text: str) -> list[tuple[int, int]]:
    """Char spans of lines written in Title Case (most words capitalised): headlines, menus."""
    out, pos = [], 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _SMALL]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.9 * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


CALENDAR = names.calendar_words()


def names_a_product(sdoc: Doc, a: int, b: int, name: str) -> bool:
    """Is the name at tokens ``a:b`` a chip's or a model's ("H100 GPU", "Vector Processing Unit",
    "Claude 3", "the Athena chip", "le chatbot Orla")? A product neither moves, invests nor hires."""
    words = name.lower().split()
    pairs = [f"{x} {y}" for x, y in zip(words, words[1:], strict=False)]
    if any(w in PRODUCT_WORDS for w in words + pairs):
        return True
    if len(words) >= 2 and _VERSION.fullmatch(words[-1]):
        return True
    after = sdoc[b] if b < len(sdoc) else None
    if after is not None and after.text.islower() and after.lower_ in PRODUCT_WORDS:
        return True
    before = sdoc[a - 1] if a > 0 else None
    return before is not None and before.text.islower() and before.lower_ in PRODUCT_NOUNS


def dotted(word: str) -> bool:
    """ "Nod.ai", "JD.com": a capitalised word with a web ending is a company's name, whatever the tagger
    says of it (a noun, a place)."""
    return _DOTTED.fullmatch(word) is not None


def date_like(sdoc: Doc, e: Ent) -> bool:
    """ "on Marhc 19", "le Jnavier 3": one capitalised word after a preposition and before a day's
    number, and nothing after but punctuation or a function word, is a misspelt month, not a name."""
    a, b = e.start, e.end
    if b - a == 2 and sdoc[b - 1].like_num:
        b -= 1  # the tagger may have taken the number into the name
    if b - a != 1 or a == 0 or b >= len(sdoc) or sdoc[a - 1].pos_ != "ADP":
        return False
    day = sdoc[b]
    if not (day.text.isdigit() and 1 <= int(day.text) <= 31):
        return False
    after = sdoc[b + 1] if b + 1 < len(sdoc) else None
    return after is None or after.is_punct or after.pos_ in ("ADP", "CCONJ", "SCONJ", "DET")
