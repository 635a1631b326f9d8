"""Offline research: answer from supplied passages by keyword overlap, citing them.

Passages are split into sentences; each is scored by BM25-style term overlap with
the question; the best sentences form the answer and their documents the
citations. With no documents the answer says so (it never makes facts up).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from agency.providers.base import (
    Citation,
    Document,
    ResearchRequest,
    ResearchResult,
    prompt_hash,
)

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_STOPWORD_TEXT = (
    "a an and are as at be by do does for from has have how i in is it its of on or our "
    "that the their them they this to was what when where which who why will with you "
    "your we us can should would could about into than then there these those"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def terms(text: str) -> list[str]:
    """Lower-case content words, crudely stemmed (plural s)."""
    words = [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def _sentences(doc: Document) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(doc.text) if len(s.strip()) > 20]


class PassageResearchProvider:
    """ResearchProvider over the request's own documents; no network."""

    name = "passages"
    model = "bm25-sentences-1"

    def research(self, request: ResearchRequest) -> ResearchResult:
        """The best-matching sentences as the answer, their sources as citations."""
        query = set(terms(request.question))
        units = [(doc, s) for doc in request.documents for s in _sentences(doc)]
        df: Counter[str] = Counter()
        tokenised = []
        for _, sentence in units:
            words = terms(sentence)
            tokenised.append(words)
            df.update(set(words))
        n = max(1, len(units))
        avg = sum(len(w) for w in tokenised) / n if tokenised else 1.0
        scored: list[tuple[float, int]] = []
        for i, words in enumerate(tokenised):
            tf = Counter(words)
            score = 0.0
            for term in query & tf.keys():
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                f = tf[term]
                score += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * len(words) / avg))
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda item: (-item[0], item[1]))

        chosen: list[int] = []
        citations: list[Citation] = []
        for _, i in scored:
            doc, sentence = units[i]
            if len(chosen) < 3:
                chosen.append(i)
            if doc.url not in {c.url for c in citations} and len(citations) < request.max_citations:
                citations.append(Citation(url=doc.url, title=doc.title, snippet=sentence[:300]))
        if chosen:
            answer = " ".join(units[i][1] for i in sorted(chosen))
        elif request.documents:
            answer = "None of the supplied documents answers this question."
        else:
            answer = "No documents were supplied, so there is nothing to answer from offline."
        return ResearchResult(
            answer=answer,
            citations=tuple(citations),
            provider=self.name,
            model=self.model,
            prompt_hash=prompt_hash(request.question),
            seed=request.seed,
        )
