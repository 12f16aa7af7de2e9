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
from datasketch import MinHash, MinHashLSH

from conftest import SAMPLES
from mercato.clean import dedup, lang

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
    samples += ["Der schnelle braune Fuchs springt über den faulen Hund und läuft weiter durch den Wald.",
                "El rápido zorro marrón salta sobre el perro perezoso en el parque de la ciudad.",
                "Быстрая коричневая лиса прыгает через ленивую собаку.",
                "HELLO WORLD, AN ALL CAPS HEADLINE ABOUT HIRING",
                "1234567890 !!! ??? ... 1234567890 --- 1234567890", "Srpski jezik je lep i zanimljiv za učenje."]
    for sample in samples:
        if len(sample) >= lang.MIN_CHARS:
            assert lang._classify(sample) == py3langid.classify(sample)[0], sample


def test_language_falls_back_to_py3langid(monkeypatch):
    monkeypatch.setattr(lang, "_model", lambda: None)
    assert lang.detect_language("La start-up lyonnaise a recruté une chercheuse venue de Meta.") == "fr"
