"""Near-duplicates: syndicated copies of one article with small edits, found with MinHash + LSH.

A signature is datasketch's ``affine32`` MinHash of the text's word 3-shingles, hashed with CRC-32,
computed here directly with numpy: the values are exactly those ``datasketch.MinHash(num_perm=64,
scheme="affine32", hashfunc=zlib.crc32).update_batch(shingles)`` gives (a test holds them equal), so
signatures stored by earlier versions stay comparable, without datasketch's per-object costs (building
a MinHash, validating its permutations, building and hashing each shingle from a Python loop), which
were a quarter of a plain-text ingest. The LSH index is a dict per band, with datasketch's own band
layout for THRESHOLD (``MinHashLSH.hashranges``), so it returns the candidates datasketch would.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # stored signatures must be rebuilt with the scheme that made them
# CRC-32 of each shingle rather than datasketch's default SHA-1: faster, stable across
# processes (stored signatures stay comparable), and collisions are harmless for a similarity estimate.
_HASH = zlib.crc32
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=_HASH).permutations  # drawn once (seed 1)
_A = _PERMUTATIONS[0].astype(np.uint32)
_B = _PERMUTATIONS[1].astype(np.uint32)[:, None]  # a column: one permutation per row below
THRESHOLD = 0.8  # estimated Jaccard similarity of word 3-shingles above which two texts are one article
# datasketch's optimal (bands, rows) for THRESHOLD: the same candidates as its MinHashLSH.
_BANDS: tuple[tuple[int, int], ...] = tuple(MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges)
_MAX_HASH = (1 << 32) - 1
_WORD = re.compile(r"\w+")

Signature = np.ndarray  # NUM_PERM uint32 values


def _words(text: str) -> list[str]:
    """``re.findall(r"\\w+", text.casefold())``, word for word, a third faster on prose.

    Most whitespace-separated tokens are a single word (``str.isalnum`` is the very test ``\\w`` makes,
    and no whitespace is a word character); only the others (punctuation, apostrophes, underscores)
    need the regex. Signatures depend on these words: a test holds them equal to the regex's.
    """
    out: list[str] = []
    for token in text.casefold().split():
        if token.isalnum():
            out.append(token)
        else:
            out += _WORD.findall(token)
    return out


def _shingle_hashes(text: str) -> np.ndarray:
    """CRC-32 of each word 3-shingle ("w1 w2 w3", casefolded, UTF-8); one shingle for shorter texts.

    The text is encoded once and split into its words' bytes (a word holds no space); the shingles are
    then joined and hashed by ``map`` without a Python loop. A shingle seen twice is hashed twice: the
    minimum taken from the hashes does not mind, and that saves building a set.
    """
    words = " ".join(_words(text)).encode("utf-8").split(b" ")
    if len(words) < 3:
        return np.array([_HASH(b" ".join(words))], dtype=np.uint32)
    shingles = map(b" ".join, zip(words, words[1:], words[2:], strict=False))
    return np.fromiter(map(_HASH, shingles), dtype=np.uint32, count=len(words) - 2)


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``: for each permutation, the least permuted shingle hash."""
    hv = _shingle_hashes(text)
    # datasketch's affine32 scheme: MurmurHash3's finaliser once, then a * h + b modulo 2**32, with one
    # row per permutation so that the minimum runs along contiguous memory.
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    permuted = np.multiply.outer(_A, hv)
    permuted += _B
    return permuted.min(axis=1)


def to_list(sig: Signature) -> list[int]:
    return [int(v) for v in sig]


def from_list(values: object) -> Signature | None:
    """A stored signature, or None when it was not made by this scheme (wrong length or range)."""
    if not isinstance(values, list) or len(values) != NUM_PERM:
        return None
    try:
        wide = np.array(values, dtype=np.int64)
    except (TypeError, ValueError, OverflowError):
        return None
    if wide.ndim != 1 or wide.min() < 0 or wide.max() > _MAX_HASH:
        return None
    return wide.astype(np.uint32)


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of permutations where both minima agree."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


class NearDuplicateIndex:
    """An LSH index over the stored documents' signatures; ``find`` returns an original's id."""

    def __init__(self) -> None:
        self._tables: list[tuple[int, int, dict[bytes, set[int]]]] = [(start, end, {}) for start, end in _BANDS]
        self._sigs: dict[int, Signature] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: int) -> bool:
        return doc_id in self._sigs

    def get(self, doc_id: int) -> Signature | None:
        return self._sigs.get(doc_id)

    def add(self, doc_id: int, sig: Signature) -> None:
        if doc_id in self._sigs:
            return
        self._sigs[doc_id] = sig
        for start, end, table in self._tables:
            table.setdefault(sig[start:end].tobytes(), set()).add(doc_id)

    def remove(self, doc_id: int) -> None:
        sig = self._sigs.pop(doc_id, None)
        if sig is None:
            return
        for start, end, table in self._tables:
            key = sig[start:end].tobytes()
            bucket = table.get(key)
            if bucket is not None:
                bucket.discard(doc_id)
                if not bucket:
                    del table[key]

    def find(self, sig: Signature) -> int | None:
        """The id of the most similar indexed document at THRESHOLD or above (the latest on a tie)."""
        candidates: set[int] = set()
        for start, end, table in self._tables:
            bucket = table.get(sig[start:end].tobytes())
            if bucket:
                candidates |= bucket
        hits = [(jaccard(self._sigs[k], sig), k) for k in candidates]
        hits = [h for h in hits if h[0] >= THRESHOLD]
        return max(hits)[1] if hits else None
