"""The clean stage's fast paths give exactly what the libraries they replace give.

``dedup.signature`` must equal datasketch's MinHash (signatures stored by earlier versions are
compared with new ones), and ``lang._classify`` must equal py3langid's classification.
"""

from __future__ import annotations

import random
import re
import zlib

import numpy as np
import py3langid
import yaml
from datasketch import MinHash, MinHashLSH

from conftest import SAMPLES
from mercato.clean import dedup, lang
from mercato.clean.text import clean_text

TEXTS = [
    "",
    "one",
    "two words",
    "Élodie Durand rejoint Mistral AI à Paris, a annoncé l'entreprise lundi.",
    "naïve café déjà-vu straße ΣΊΣΥΦΟΣ 東京 研究所 — 3,5 milliards d'euros_total",
    "the same words the same words the same words the same words",
    "Meta has hired Jane Roe, a researcher at OpenAI, to lead its new reasoning lab.\n\nShe starts in May.",
]


def _corpus() -> list[str]:
    texts = list(TEXTS)
    for path in sorted(SAMPLES.iterdir()):
        texts.append(path.read_text(encoding="utf-8"))
    rng = random.Random(5)
    alphabet = "abcdeéèàçß xyzΩ日ф_-'’.\n"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(100)]
    return texts


def _datasketch_signature(text: str) -> list[int]:
    """How signatures were computed (and stored) before dedup computed them itself."""
    words = re.findall(r"\w+", text.casefold())
    shingles = {" ".join(words[i : i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))}
    m = MinHash(num_perm=dedup.NUM_PERM, scheme=dedup.SCHEME, hashfunc=zlib.crc32)
    m.update_batch(list(shingles))
    return [int(v) for v in m.hashvalues]


def test_signature_is_datasketchs_minhash():
    for text in _corpus():
        assert dedup.to_list(dedup.signature(text)) == _datasketch_signature(text), text[:60]


def test_lsh_bands_are_datasketchs():
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert list(dedup._BANDS) == list(lsh.hashranges)


def test_stored_signatures_of_another_scheme_are_ignored():
    good = dedup.to_list(dedup.signature("a b c d"))
    assert dedup.from_list(good) is not None
    assert np.array_equal(dedup.from_list(good), dedup.signature("a b c d"))
    for bad in (None, {}, good[:32], good + good, [*good[:-1], -1], [*good[:-1], 1 << 40], [*good[:-1], "x"]):
        assert dedup.from_list(bad) is None


def test_index_finds_the_closest_original_and_forgets_removed_ones():
    base = " ".join(f"word{i}" for i in range(200))
    edited = base.replace("word100", "changed")
    other = " ".join(f"other{i}" for i in range(200))
    index = dedup.NearDuplicateIndex()
    index.add(1, dedup.signature(base))
    index.add(2, dedup.signature(other))
    assert index.find(dedup.signature(edited)) == 1
    assert index.find(dedup.signature("nothing like the others at all, really")) is None
    index.remove(1)
    assert index.find(dedup.signature(edited)) is None and len(index) == 1
    index.remove(1)  # twice is harmless


def test_language_is_py3langids():
    samples = []
    for text in _corpus():
        flat = " ".join(text.split())
        samples += [flat[i : i + lang.SAMPLE_CHARS] for i in range(0, max(1, len(flat) - 100), 173)]
    samples += [
        "Der schnelle braune Fuchs springt über den faulen Hund und läuft weiter durch den Wald.",
        "El rápido zorro marrón salta sobre el perro perezoso en el parque de la ciudad.",
        "Быстрая коричневая лиса прыгает через ленивую собаку.",
        "HELLO WORLD, AN ALL CAPS HEADLINE ABOUT HIRING",
        "1234567890 !!! ??? ... 1234567890 --- 1234567890",
        "Srpski jezik je lep i zanimljiv za učenje.",
    ]
    for sample in samples:
        if len(sample) >= lang.MIN_CHARS:
            assert lang._classify(sample) == py3langid.classify(sample)[0], sample


def test_language_falls_back_to_py3langid(monkeypatch):
    monkeypatch.setattr(lang, "_model", lambda: None)
    assert lang.detect_language("La start-up lyonnaise a recruté une chercheuse venue de Meta.") == "fr"


def test_words_are_the_regexs():
    """Signatures hash these words: they must be ``\\w+`` runs of the casefolded text, exactly."""
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    texts = [every[i : i + 4000] for i in range(0, len(every), 4000)]
    texts += [" ".join(t) for t in texts] + _corpus()
    for text in texts:
        assert dedup._words(text) == re.findall(r"\w+", text.casefold()), text[:60]


OTHER_LANGUAGES = [  # written for this test: none of these may be taken for French or English
    "El gobierno de España anunció ayer que la empresa ha contratado a más de cien ingenieros para su nuevo "
    "laboratorio en Madrid, y que los trabajos comenzarán en el mes de enero, según fuentes de la compañía.",
    "La società ha annunciato che il nuovo laboratorio di ricerca sarà aperto a Milano entro la fine "
    "dell'anno, e che sono già stati assunti più di cento ricercatori provenienti da tutta l'Europa.",
    "L'empresa ha anunciat que el nou laboratori de recerca obrirà a Barcelona a finals d'any, i que ja "
    "ha contractat més de cent investigadors de tot Europa per treballar amb els seus equips.",
    "A empresa anunciou que o novo laboratório de pesquisa será aberto em Lisboa até o fim do ano, e que "
    "já contratou mais de cem pesquisadores de toda a Europa para trabalhar com as suas equipes.",
    "Das Unternehmen hat angekündigt, dass das neue Forschungslabor bis Ende des Jahres in Berlin eröffnet "
    "wird und dass bereits mehr als hundert Forscher aus ganz Europa eingestellt wurden.",
]


def test_the_fast_path_leaves_other_languages_to_py3langid():
    for text in OTHER_LANGUAGES:
        assert lang._clear_language(text) is None, text
        assert lang.detect_language(text) not in ("fr", "en"), text


def test_the_fast_path_answers_clear_french_and_english():
    fr = (
        "La start-up a recruté trois chercheurs de Google DeepMind, qui rejoindront son équipe à Paris dès "
        "le mois prochain, selon plusieurs sources. Elle avait déjà annoncé une levée de fonds cette année "
        "et ses dirigeants sont très ambitieux pour leur laboratoire."
    )
    en = (
        "The company said on Friday that it had hired three researchers from Google DeepMind, who will join "
        "its team in London next month. It has also raised new funds this year, and its chief executive "
        "told reporters that they would double the size of their lab."
    )
    assert lang._clear_language(fr) == "fr" and lang._clear_language(en) == "en"
    assert lang._clear_language(fr[:200] + " " + en[:200]) is None  # mixed: py3langid decides


def test_function_word_lists_do_not_overlap():
    data = yaml.safe_load((lang._DATA / "function_words.yaml").read_text(encoding="utf-8"))
    lists = {name: {w.casefold() for w in words} for name, words in data["languages"].items()}
    others = {w.casefold() for words in data["others"].values() for w in words}
    for name, words in lists.items():
        assert not words & others, (name, words & others)
        for other_name, other in lists.items():
            assert other_name == name or not words & other, (name, other_name, words & other)


def _samples_of(texts: list[str]) -> list[str]:
    flat = [" ".join(t.split()) for t in texts]
    return [f[i : i + lang.SAMPLE_CHARS] for f in flat for i in range(0, max(1, len(f) - 100), 97)]


def _agree(samples: list[str]) -> int:
    fired = 0
    for sample in samples:
        if len(sample) >= lang.MIN_CHARS and (fast := lang._clear_language(sample)) is not None:
            assert fast == py3langid.classify(sample)[0], sample
            fired += 1
    return fired


def test_the_fast_path_agrees_with_py3langid_on_the_samples():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir())]
    texts += [clean_text(t)[0] for t in texts]
    assert _agree(_samples_of(texts)) > 0


def test_the_fast_path_agrees_with_py3langid_on_the_dev_articles(dev_articles):
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev_articles.glob("*.txt"))]
    texts += [clean_text(t)[0] for t in texts]
    assert _agree(_samples_of(texts)) > 0
