"""Meaning as a vector: static sentence embeddings that run offline on CPU.

Plans rename things between years ("end of life" becomes "dying at home", "agency staff" becomes
"premium rate staff"), so words alone miss links and searches.  WordLlama's `l2_supercat` model
(MIT) maps every token of the LLaMA-2 vocabulary to a 256-dimension vector trained for sentence
similarity; a passage's vector is the mean of its tokens' vectors, L2-normalised, so cosine
similarity is a dot product.  Its weights and tokenizer ship inside the `wordllama` wheel: nothing
is ever downloaded (we load from the installed package folder with downloads disabled).

Two ways to the same vectors:
- `embed(texts)`: WordLlama itself (batched, Rust tokenizer); used at ingest for every record.
- `embed_query(text)`: the same weights (memory-mapped from the safetensors file) and the same BPE
  tokenizer re-implemented in a few lines of Python, for `kb search`: importing wordllama and
  loading its tokenizer costs about a second, which a fresh search process cannot afford.  A test
  checks that both give the same token ids and vectors.

Closeness in topic (`Common`): the collection's mean and leading principal direction taken out of
every vector before the cosine, for search and for the tracer's candidates.

Vectors are computed at ingest from `record_topic_text` (a record's text with its context) and
stored in the store (`vectors` table); the search index keeps a copy aligned with its document
numbers.  `vectors_for` reads them back by id for the tracer.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from kb.model import Commitment

DIM = 256
EMBED_BATCH = 5000  # records embedded (and held) at once when vectors are refreshed at ingest
CONFIG = "l2_supercat"
WEIGHTS_FILE = f"weights/{CONFIG}_{DIM}.safetensors"
TOKENIZER_FILE = f"tokenizers/{CONFIG}_tokenizer_config.json"
TENSOR_KEY = "embedding.weight"
# Literal special-token strings: the Rust tokenizer reads them as special tokens wherever they occur,
# so both paths drop them from the text first (they never carry meaning in a plan).
_SPECIAL = re.compile(r"<unk>|<s>|</s>")
_WORD_PIECE = re.compile("\u2581+[^\u2581]*|[^\u2581]+")  # a word with the "▁" run before it


class SemanticUnavailable(Exception):
    """The embedding model's files are missing (wordllama not installed); the message is one line."""


@lru_cache(maxsize=1)
def model_dir() -> Path:
    """The installed wordllama package folder, which holds the weights and tokenizer (found without
    importing the package, so the search path stays light)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise SemanticUnavailable("the 'wordllama' package is not installed (pip install wordllama)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    for name in (WEIGHTS_FILE, TOKENIZER_FILE):
        if not (folder / name).is_file():
            raise SemanticUnavailable(f"wordllama's bundled file {folder / name} is missing")
    return folder


def fingerprint() -> str:
    """What stored vectors were computed with: the model files' names and this module's code (which
    holds `record_topic_text`), so changing either re-embeds every record at the next ingest."""
    h = hashlib.sha256(f"{CONFIG}:{DIM}".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


# --- what a record is about ----------------------------------------------------------------------------
def record_topic_text(c: Commitment) -> str:
    """The text whose meaning stands for a record: its own words, then the headings it sits under
    (the nearest two: a passage under "Stroke" is about stroke even when it never says so) and the
    sentence that introduced its list.  One place, shared by ingest, search and the tracer."""
    parts = [c.text.strip()]
    headings = [h.strip() for h in (c.section or "").split(" › ") if h.strip()]
    if headings:
        parts.append(" › ".join(headings[-2:]))
    intro = _intro(c)
    if intro:
        parts.append(intro)
    return " | ".join(parts)


def _intro(c: Commitment) -> str:
    """The list intro the pipeline put before the text in `context` ("Our priorities are: <text>")."""
    ctx, text = (c.context or "").strip(), c.text.strip()
    if ctx and text and ctx.endswith(text) and len(ctx) > len(text):
        return ctx[: -len(text)].strip()
    return ""


# --- ingest path: wordllama itself -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _wordllama():
    """WordLlama loaded from its own package folder with downloads disabled (its default looks for
    the tokenizer in a cache folder that does not exist and then goes to the network)."""
    folder = model_dir()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama import WordLlama  # its import calls logging.basicConfig(level=INFO)
    finally:
        root.handlers[:], root.level = handlers, level  # keep the application's logging as it was
    return WordLlama.load(config=CONFIG, dim=DIM, cache_dir=folder, disable_download=True)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Vectors of `texts` (n x 256, float32, unit length; a text without any token is all zeros)."""
    texts = [_clean(t) for t in texts]
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    # Batches are padded to their longest text: embedding texts of similar length together (then
    # putting the rows back in order) does the same sums on far fewer padding tokens.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    raw = np.asarray(_wordllama().embed([texts[i] for i in order], norm=False, batch_size=128), dtype=np.float32)
    out = np.empty_like(raw)
    out[order] = raw
    return _normalise(out)


# --- search path: the same weights and BPE, no wordllama import ---------------------------------------
class QueryEmbedder:
    """The model's BPE tokenizer and mean pooling in plain Python + numpy (see module docstring).

    The tokenizer is LLaMA-2's: "▁" prepended and spaces replaced by "▁", no pre-tokenizer, BPE
    merges applied lowest rank first (leftmost among equals), characters outside the vocabulary as
    their UTF-8 bytes (`<0xNN>` tokens).  Parsing the tokenizer's 1.8 MB JSON and its 61,000 merges
    takes half a second, so the index build saves them compactly (`save`) and a search process
    loads that (`load`, a few milliseconds)."""

    def __init__(self, vocab: dict[str, int], merges: dict[int, int], unk: int, embedding: np.ndarray):
        self.vocab, self.merges, self.unk, self.embedding = vocab, merges, unk, embedding
        self.size = max(vocab.values(), default=0) + 1  # merge codes: pair = a * size + b
        self.key: str | None = None  # which tokenizer file a saved copy came from
        self._cache: dict[str, np.ndarray] = {}
        self._words: dict[str, list[int]] = {}
        self._words_apart = not any("\u2581" in t.lstrip("\u2581") for t in vocab)

    @classmethod
    def from_model(cls, folder: Path | None = None) -> QueryEmbedder:
        """Read the tokenizer from the model's own JSON (the slow, authoritative way)."""
        folder = folder or model_dir()
        model = json.loads((folder / TOKENIZER_FILE).read_text(encoding="utf-8"))["model"]
        vocab: dict[str, int] = model["vocab"]
        size = max(vocab.values()) + 1
        merges: dict[int, int] = {}
        for rank, merge in enumerate(model["merges"]):
            a, b = merge.split(" ", 1) if isinstance(merge, str) else merge
            ia, ib, ab = vocab.get(a), vocab.get(b), vocab.get(a + b)
            if ia is not None and ib is not None and ab is not None:
                merges.setdefault(ia * size + ib, rank * size + ab)
        unk = vocab.get(model.get("unk_token") or "<unk>", 0)
        return cls(vocab, merges, unk, _read_safetensor(folder / WEIGHTS_FILE, TENSOR_KEY))

    def save(self, path: Path) -> None:
        """The tokenizer as arrays (vocabulary in id order, merges as pair -> rank/result codes)."""
        tokens = [""] * self.size
        for t, i in self.vocab.items():
            tokens[i] = t
        keys = np.fromiter(self.merges.keys(), dtype=np.int64, count=len(self.merges))
        vals = np.fromiter(self.merges.values(), dtype=np.int64, count=len(self.merges))
        meta = np.frombuffer(json.dumps({"tokens": tokens, "unk": self.unk, "key": query_tokenizer_key()}).encode(),
                             dtype=np.uint8)
        with path.open("wb") as fh:
            np.savez(fh, keys=keys, vals=vals, meta=meta)

    @classmethod
    def load(cls, path: Path, folder: Path | None = None) -> QueryEmbedder:
        with np.load(path) as z:
            meta = json.loads(z["meta"].tobytes())
            merges = dict(zip(z["keys"].tolist(), z["vals"].tolist(), strict=True))
        vocab = {t: i for i, t in enumerate(meta["tokens"]) if t}
        out = cls(vocab, merges, meta["unk"], _read_safetensor((folder or model_dir()) / WEIGHTS_FILE, TENSOR_KEY))
        out.key = meta.get("key")
        return out

    def token_ids(self, text: str) -> list[int]:
        """LLaMA's BPE, a word at a time: no token of the vocabulary holds "▁" after another character
        (checked when the tokenizer is read, `_words_apart`), so no merge crosses the start of a word
        and each word's tokens can be worked out once and reused."""
        text = _clean(text)
        if not text:
            return []
        norm = "\u2581" + text.replace(" ", "\u2581")
        if not self._words_apart:
            return self._bpe(norm)
        ids: list[int] = []
        for word in _WORD_PIECE.findall(norm):
            hit = self._words.get(word)
            if hit is None:
                if len(self._words) > 50_000:
                    self._words.clear()
                hit = self._words[word] = self._bpe(word)
            ids.extend(hit)
        return ids

    def _bpe(self, norm: str) -> list[int]:
        vocab, ids = self.vocab, []
        for ch in norm:
            i = vocab.get(ch)
            if i is not None:
                ids.append(i)
            else:
                ids.extend(vocab.get(f"<0x{b:02X}>", self.unk) for b in ch.encode("utf-8"))
        merges, size = self.merges, self.size
        while len(ids) > 1:
            best, at = None, -1
            for k in range(len(ids) - 1):
                m = merges.get(ids[k] * size + ids[k + 1])
                if m is not None and (best is None or m < best):  # lower code = lower rank
                    best, at = m, k
            if best is None:
                break
            ids[at:at + 2] = [best % size]
        return ids

    def __call__(self, text: str) -> np.ndarray:
        """The unit vector of one text (zeros when it has no token), float32 (256,)."""
        hit = self._cache.get(text)
        if hit is None:
            ids = self.token_ids(text)
            vec = (np.asarray(self.embedding[ids], dtype=np.float32).sum(axis=0, dtype=np.float32) / len(ids)
                   if ids else np.zeros(DIM, dtype=np.float32))
            hit = _normalise(vec[None, :])[0]
            if len(self._cache) > 1024:
                self._cache.clear()
            self._cache[text] = hit
        return hit


def query_tokenizer_key() -> str:
    """Which tokenizer file a saved copy was made from (its size and modification time)."""
    st = (model_dir() / TOKENIZER_FILE).stat()
    return f"{CONFIG}:{DIM}:{st.st_size}:{st.st_mtime_ns}"


def saved_tokenizer_key(path: Path) -> str | None:
    try:
        with np.load(path) as z:
            return json.loads(z["meta"].tobytes()).get("key")
    except (OSError, ValueError, KeyError):
        return None


def load_query_embedder(saved: Path | None) -> QueryEmbedder:
    """The light embedder from a saved copy when it matches the installed model, else from the
    model's own files (slower, same result)."""
    if saved is not None and saved.is_file():
        try:
            embedder = QueryEmbedder.load(saved)
        except (OSError, ValueError, KeyError):
            embedder = None
        if embedder is not None and embedder.key == query_tokenizer_key():
            return embedder
    return query_embedder()


@lru_cache(maxsize=1)
def query_embedder() -> QueryEmbedder:
    """The light embedder read from the model's JSON (for processes without a saved copy)."""
    return QueryEmbedder.from_model()


def embed_query(text: str) -> np.ndarray:
    """One text's vector by the light path (no wordllama import)."""
    return query_embedder()(text)


def _read_safetensor(path: Path, key: str) -> np.ndarray:
    """One tensor of a safetensors file, memory-mapped (the format is an 8-byte little-endian header
    length, a JSON header with each tensor's dtype, shape and byte offsets, then the raw data)."""
    dtypes = {"F16": np.float16, "F32": np.float32, "BF16": None}
    with path.open("rb") as fh:
        n = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(n))
    info = header[key]
    dtype = dtypes.get(info["dtype"])
    if dtype is None:
        raise SemanticUnavailable(f"{path}: tensor {key} has unsupported dtype {info['dtype']}")
    start, _ = info["data_offsets"]
    return np.memmap(path, dtype=dtype, mode="r", offset=8 + n + start, shape=tuple(info["shape"]))


def _clean(text: str) -> str:
    return _SPECIAL.sub(" ", text or "")


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0).astype(np.float32, copy=False)


# --- closeness in topic: a collection's common component taken out --------------------------------------
COMMON_MIN_RECORDS = 50  # fewer vectors than this estimate no common direction worth taking out
COMMON_SAMPLE = 4000  # vectors (evenly spaced) the leading direction is estimated from


@dataclass(frozen=True)
class Common:
    """What every passage of a collection shares: the mean of its vectors and their leading
    principal direction.  Averaged word vectors of plan sentences all lean the same way (the
    register of planning: "deliver", "services", "partners"), which squeezes every cosine into a
    narrow band; with the common component taken out (Arora, Liang and Ma 2017, "A simple but
    tough-to-beat baseline for sentence embeddings"; Mu and Viswanath 2018, "All-but-the-top"),
    the topic decides what is close.  Estimated on the collection itself, never fitted."""

    mean: np.ndarray
    top: np.ndarray  # 1 x DIM

    @classmethod
    def of(cls, vectors: np.ndarray, mean: np.ndarray | None = None) -> Common | None:
        """The common component of `vectors` (or of an even sample of them, with the whole
        collection's `mean`); None for fewer than COMMON_MIN_RECORDS.  The mean is that of the
        vectors a passage has (an all-zero row, a text of no token, has no direction to share)."""
        if len(vectors) < COMMON_MIN_RECORDS:
            return None
        if mean is None:
            held = vectors[vectors.any(axis=1)]
            mean = held.mean(axis=0) if len(held) else np.zeros(vectors.shape[1], dtype=np.float32)
        mean = np.asarray(mean, dtype=np.float32)
        sample = vectors[::max(1, len(vectors) // COMMON_SAMPLE)] - mean
        top = np.linalg.svd(sample, full_matrices=False)[2][:1]
        return cls(mean, top.astype(np.float32))

    def remove(self, vectors: np.ndarray) -> np.ndarray:
        """`vectors` (n x DIM, or one vector) without the common component, unit length; a vector
        of no token (all zeros) stays all zeros."""
        one = vectors.ndim == 1
        m = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        c = m - self.mean
        out = _normalise(c - (c @ self.top.T) @ self.top)
        out[~m.any(axis=1)] = 0.0
        return out[0] if one else out

    def to_json(self) -> dict:
        return {"mean": [round(float(x), 6) for x in self.mean], "top": [round(float(x), 6) for x in self.top[0]]}

    @classmethod
    def from_json(cls, d: dict) -> Common:
        return cls(np.array(d["mean"], dtype=np.float32), np.array([d["top"]], dtype=np.float32))


# --- stored vectors ------------------------------------------------------------------------------------
def to_blob(vec: np.ndarray) -> bytes:
    """A vector as stored (float16: half the size, cosine within 1e-3)."""
    return np.asarray(vec, dtype=np.float16).tobytes()


def from_blobs(blobs: Sequence[bytes | None]) -> np.ndarray:
    out = np.zeros((len(blobs), DIM), dtype=np.float32)
    for i, b in enumerate(blobs):
        if b:
            out[i] = np.frombuffer(b, dtype=np.float16)
    return out


def refresh_vectors(writer, progress: Callable[[int, int], None] | None = None) -> int:
    """Give every record in a store being written a vector of its `record_topic_text`: all of them
    when the model or recipe changed (`fingerprint`), else those that have none (new documents).
    Returns how many were computed; `progress(done, total)` hears of each batch."""
    current = fingerprint()
    if writer.get_meta("semantic") != current:
        writer.clear_vectors()
    done, total = 0, writer.count_without_vectors()
    while todo := writer.commitments_without_vectors(limit=EMBED_BATCH):  # a batch at a time: any store size
        if progress is not None:
            progress(done, total)
        writer.put_vectors([c.id for c in todo], embed([record_topic_text(c) for c in todo]))
        done += len(todo)
    if progress is not None and done:
        progress(done, total)
    writer.set_meta("semantic", current)
    return done


def vectors_for(source, ids: Sequence[str]) -> np.ndarray:
    """The stored vectors of records by id (len(ids) x 256, float32, unit length), in `ids` order.

    `source` is a Store, a store Writer (during ingest), a KnowledgeBase or an index folder.  A
    record stored without a vector (a store written before vectors existed) is embedded now from
    its record; an unknown id gets a zero row."""
    from kb.store.sqlite import Store

    if isinstance(source, str | Path):
        source = Store(Path(source))
    store = getattr(source, "store", source)  # a KnowledgeBase holds its Store
    ids = list(ids)
    blobs = store.vector_blobs(ids)
    out = from_blobs([blobs.get(i) for i in ids])
    missing = [i for i in ids if blobs.get(i) is None]
    if missing:
        records = store.commitments_by_ids(missing)
        known = [i for i in missing if i in records]
        if known:
            computed = dict(zip(known, embed([record_topic_text(records[i]) for i in known]), strict=True))
            for k, cid in enumerate(ids):
                if cid in computed:
                    out[k] = computed[cid]
    return out


__all__ = ["DIM", "embed", "embed_query", "record_topic_text", "vectors_for", "refresh_vectors",
           "QueryEmbedder", "SemanticUnavailable", "fingerprint"]
