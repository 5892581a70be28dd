"""Near-duplicate documents (syndicated copies, updated versions) by MinHash.

A wire story reprinted by fifty outlets is one report, not fifty: such copies
are linked to the earliest version (``documents.duplicate_of``) and not counted
again in an event's article and source counts.  Signatures are 64 MinHash
values over word 5-gram shingles; locality-sensitive hashing (16 bands of 4
rows) finds candidates without comparing every pair, and the estimated Jaccard
similarity decides.  Hashes come from BLAKE2b, so signatures are the same in
every process and on every machine.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
_PRIME = (1 << 31) - 1  # products of two values below 2**31 fit in uint64: exact arithmetic
_rng = np.random.default_rng(20240728)  # fixed: signatures must never change between versions
_A = _rng.integers(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)
del _rng


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> list[int] | None:
    """64 MinHash values of the text, or None for a text too short to compare."""
    grams = shingles(text)
    if len(grams) < 3:
        return None
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )
    prime = np.uint64(_PRIME)
    values = (_A[:, None] * (hashes[None, :] % prime) + _B[:, None]) % prime
    return [int(v) for v in values.min(axis=1)]


def bands(sig: list[int]) -> list[tuple[int, int]]:
    """(band number, bucket) pairs: documents sharing any bucket are candidates."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS]
        digest = hashlib.blake2b(repr(chunk).encode(), digest_size=7).digest()
        out.append((b, int.from_bytes(digest, "little")))
    return out


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the two documents' shingle sets."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / NUM_PERM
