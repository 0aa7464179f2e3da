"""Which pairs of articles are worth aligning: MinHash and LSH over word shingles.

Aligning every pair of N articles costs N² alignments; instead each article is cut into
overlapping windows of :data:`WINDOW` words (every :data:`STRIDE` words), each window is
summarized by a MinHash of its word :data:`SHINGLE`-grams (datasketch), and a MinHash
LSH index returns the windows of other articles whose shingles overlap enough
(estimated Jaccard similarity around :data:`THRESHOLD` or more).  Windows, rather than
whole articles, let a copied paragraph inside a long article be found: the Jaccard
similarity of two whole articles that share one paragraph out of ten is small, that of
the two windows holding it is not.  Two articles become a candidate pair when any of
their windows meet; :func:`helpers.reuse.align.align` then decides.
"""
from __future__ import annotations

import zlib
from typing import Iterable, Sequence

WINDOW = 24  # words
STRIDE = 8  # words
SHINGLE = 4  # words per shingle
THRESHOLD = 0.3  # Jaccard similarity of two windows' shingles the index aims at
NUM_PERM = 128


def _passthrough(value: int) -> int:
    return value


def shingle_hashes(keys: Sequence[str], n: int = SHINGLE) -> list[int]:
    """A 32-bit hash of every run of ``n`` words (of the whole text when shorter)."""
    if len(keys) < n:
        return [zlib.crc32("\x1f".join(keys).encode("utf-8"))] if keys else []
    return [zlib.crc32("\x1f".join(keys[i:i + n]).encode("utf-8")) for i in range(len(keys) - n + 1)]


def windows(hashes: list[int], window: int = WINDOW, stride: int = STRIDE) -> list[list[int]]:
    """The shingle hashes of each window of ``window`` words, ``stride`` words apart;
    the last window ends with the text."""
    size = max(1, window - SHINGLE + 1)
    if len(hashes) <= size:
        return [hashes] if hashes else []
    starts = list(range(0, len(hashes) - size + 1, stride))
    if starts[-1] != len(hashes) - size:
        starts.append(len(hashes) - size)
    return [hashes[s:s + size] for s in starts]


def candidate_pairs(texts: Iterable[Sequence[str]], *, threshold: float = THRESHOLD,
                    num_perm: int = NUM_PERM) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of the texts (each a sequence of normalized words)
    that have a window in common by MinHash LSH."""
    from datasketch import MinHash, MinHashLSH

    owners: list[int] = []
    sets: list[list[int]] = []
    for n, keys in enumerate(texts):
        for w in windows(shingle_hashes(keys)):
            owners.append(n)
            sets.append(w)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes = MinHash.bulk(sets, num_perm=num_perm, hashfunc=_passthrough)
    with lsh.insertion_session() as session:
        for key, mh in enumerate(hashes):
            session.insert(key, mh, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for key, mh in enumerate(hashes):
        mine = owners[key]
        for other in lsh.query(mh):
            theirs = owners[other]
            if theirs != mine:
                pairs.add((min(mine, theirs), max(mine, theirs)))
    return pairs
