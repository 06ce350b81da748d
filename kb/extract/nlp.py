"""The shared spaCy pipeline: a blank English tokenizer with a rule-based sentencizer.

No statistical model is downloaded or required.  Built lazily on first use so that commands
which never parse text (search, export, docs) never import spaCy.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A sentence "ending" in one of these is not an end: "e.g. frail elderly", "Section 5.2".
_NOT_AN_END = re.compile(r"\b(?:e\.g|i\.e|etc|approx|incl|no|vs|St|Dr|Cllr)\.$", re.I)


@lru_cache(maxsize=1)
def get_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, as exact substrings of it."""
    if len(text) < 40 or not re.search(r"[.!?;]\s+\S", text):
        return [text]
    spans: list[list[int]] = []
    for sent in get_nlp()(text).sents:
        if spans and _NOT_AN_END.search(text[spans[-1][0]:spans[-1][1]].rstrip()):
            spans[-1][1] = sent.end_char
        else:
            spans.append([sent.start_char, sent.end_char])
    return [text[a:b].strip() for a, b in spans if text[a:b].strip()]
