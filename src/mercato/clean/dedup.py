"""Near-duplicates: syndicated copies of one article with small edits, found with MinHash + LSH."""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # stored signatures must be rebuilt with the scheme that made them
# CRC-32 of each shingle rather than datasketch's default SHA-1: three times faster, stable across
# processes (stored signatures stay comparable), and collisions are harmless for a similarity estimate.
_HASH = zlib.crc32
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=_HASH).permutations  # drawn once
THRESHOLD = 0.8  # estimated Jaccard similarity of word 3-shingles above which two texts are one article
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))}
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=_HASH, permutations=_PERMUTATIONS)
    m.update_batch(list(shingles))
    return m


def to_list(m: MinHash) -> list[int]:
    return [int(v) for v in m.hashvalues]


def from_list(values: list[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.array(values, dtype=np.uint64), scheme=SCHEME,
                   hashfunc=_HASH, permutations=_PERMUTATIONS)


class NearDuplicateIndex:
    """An LSH index over the stored documents' signatures; ``find`` returns an original's id."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._sigs: dict[int, MinHash] = {}

    def add(self, doc_id: int, m: MinHash) -> None:
        if doc_id not in self._sigs:
            self._lsh.insert(str(doc_id), m)
            self._sigs[doc_id] = m

    def remove(self, doc_id: int) -> None:
        if self._sigs.pop(doc_id, None) is not None:
            self._lsh.remove(str(doc_id))

    def find(self, m: MinHash) -> int | None:
        hits = [(self._sigs[int(k)].jaccard(m), int(k)) for k in self._lsh.query(m)]
        hits = [h for h in hits if h[0] >= THRESHOLD]
        return max(hits)[1] if hits else None
