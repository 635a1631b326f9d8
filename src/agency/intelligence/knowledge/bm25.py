"""An in-process Okapi BM25 index over a brand's passages (used where the
database has no full-text ranking of its own, i.e. SQLite).

Term weights are precomputed per posting, so a query costs one vector add per
query term: well under a millisecond at 10,000 passages.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOPWORDS_TEXT = (
    "a about above after again all am an and any are as at be because been before being "
    "below between both but by can could did do does doing down during each few for from "
    "further had has have having he her here hers him his how i if in into is it its itself "
    "just me more most my no nor not now of off on once only or other our ours out over own "
    "same she should so some such than that the their theirs them then there these they this "
    "those through to too under until up very was we were what when where which while who "
    "whom why will with would you your yours"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def _undouble(stem: str) -> str:
    """'shipp' → 'ship', 'roast' stays: a doubled final consonant is a suffix artefact."""
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        return stem[:-1]
    return stem


def _stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing and -ed (enough for ranking)."""
    if "'" in word:
        word = word.split("'")[0]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return _undouble(word[:-3])
    if len(word) > 4 and word.endswith("ed"):
        return _undouble(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-word-free, lightly stemmed terms."""
    return [_stem(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


class BM25Index:
    """Okapi BM25 (k1, b) over a fixed list of texts."""

    def __init__(self, texts: Sequence[str], *, k1: float = 1.5, b: float = 0.75) -> None:
        self.size = len(texts)
        tokenized = [tokenize(t) for t in texts]
        lengths = np.array([len(toks) for toks in tokenized], dtype=np.float32)
        avg = float(lengths.mean()) if self.size else 0.0
        norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        docs: dict[str, list[int]] = defaultdict(list)
        freqs: dict[str, list[int]] = defaultdict(list)
        for index, tokens in enumerate(tokenized):
            for term, count in Counter(tokens).items():
                docs[term].append(index)
                freqs[term].append(count)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, ids in docs.items():
            idx = np.array(ids, dtype=np.int64)
            tf = np.array(freqs[term], dtype=np.float32)
            df = len(ids)
            idf = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            weights = idf * tf * (k1 + 1) / (tf + norm[idx])
            self._postings[term] = (idx, weights.astype(np.float32))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text for ``query``."""
        total = np.zeros(self.size, dtype=np.float32)
        for term in set(tokenize(query)):
            posting = self._postings.get(term)
            if posting is not None:
                total[posting[0]] += posting[1]
        return total

    def top(self, query: str, k: int) -> list[tuple[int, float]]:
        """Indices and scores of the ``k`` best-scoring texts with a score above zero."""
        scores = self.scores(query)
        if not self.size:
            return []
        k = min(k, self.size)
        best = np.argpartition(-scores, k - 1)[:k]
        ranked = best[np.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in ranked if scores[i] > 0]
