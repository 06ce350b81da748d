"""The query language: free text, phrases, AND/OR/NOT, wildcards, fuzzy terms, and fields.

Fields: owner:, theme:, doc:, year:, kind:, status:, due:<DATE, due:>DATE, due:[A to B],
confidence:>0.6 (also >=, <, <=).
Field clauses are lifted out of the query string and turned into Whoosh queries here (their
values are names and dates, not words to stem); the free text goes to Whoosh's parser after the
thesaurus has expanded the phrases people use.  Anything malformed raises QueryError with a
one-line explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from whoosh import query as Q
from whoosh.qparser import (
    FuzzyTermPlugin,
    GroupPlugin,
    MultifieldParser,
    OrGroup,
    PhrasePlugin,
    WildcardPlugin,
)

from kb.filters import KINDS
from kb.index.schema import OPEN_END, OPEN_START
from kb.index.thesaurus import Thesaurus

FIELDS = ("owner", "theme", "doc", "year", "kind", "status", "due", "confidence")
_FIELD_CLAUSE = re.compile(
    r'(?P<neg>-|\bNOT\s+)?\b(?P<field>[a-z_]+):(?P<value>"[^"]*"|\[[^\]]*\]|[<>]=?\S+|[^\s()"]+)?', re.I)
_DATE = re.compile(r"^((?:19|20)\d{2})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
TEXT_BOOSTS = {"text": 2.0}
CONCEPT_BOOST = 2.0
_PLACEHOLDER = 990_000_000  # numeric stand-ins for concepts survive Whoosh's parser and analyzer


class QueryError(ValueError):
    """A query that cannot be understood; the message says what is wrong and where."""


@dataclass
class ParsedQuery:
    text_query: Q.Query | None
    filters: list[Q.Query] = field(default_factory=list)
    exclusions: list[Q.Query] = field(default_factory=list)
    text: str = ""  # the free-text part, for suggestions and highlighting
    terms: list[str] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)

    def combined(self) -> Q.Query:
        parts = ([self.text_query] if self.text_query is not None else []) + self.filters
        q: Q.Query = Q.And(parts) if len(parts) > 1 else (parts[0] if parts else Q.Every())
        if self.exclusions:
            q = Q.AndNot(q, Q.Or(self.exclusions))
        return q


def parse_date(value: str, what: str, end: bool = False) -> datetime:
    """'2020', '2020-04', '2020-04-01' -> datetime (first day, or the last when `end`)."""
    m = _DATE.match(value.strip())
    if not m:
        raise QueryError(f"{what}: '{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if end and not mo:
            return datetime(y, 12, 31)
        if end and not d:
            import calendar

            return datetime(y, int(mo), calendar.monthrange(y, int(mo))[1])
        return datetime(y, int(mo or 1), int(d or 1))
    except ValueError as exc:
        raise QueryError(f"{what}: '{value}' is not a date ({exc})") from None


def due_query(op: str, value: str, what: str = "due") -> Q.Query:
    """due:<D (due by before D), due:>D (due after D), due:[A to B] (due period overlaps A..B)."""
    if op == "[":
        m = re.fullmatch(r"\s*(\S+)\s+to\s+(\S+)\s*", value, re.I)
        if not m:
            raise QueryError(f"{what}: ranges look like [2018 to 2019]")
        lo, hi = parse_date(m.group(1), what), parse_date(m.group(2), what, end=True)
        if lo > hi:
            raise QueryError(f"{what}: the range [{m.group(1)} to {m.group(2)}] is empty")
        return Q.And([Q.DateRange("due_start", OPEN_START, hi), Q.DateRange("due_end", lo, OPEN_END)])
    if op.startswith("<"):
        d = parse_date(value, what)
        return Q.DateRange("due_end", OPEN_START, d, endexcl=(op == "<"))
    if op.startswith(">"):
        d = parse_date(value, what, end=True)
        return Q.DateRange("due_start", d, OPEN_END, startexcl=(op == ">"))
    d = parse_date(value, what)
    e = parse_date(value, what, end=True)
    return Q.And([Q.DateRange("due_start", OPEN_START, e), Q.DateRange("due_end", d, OPEN_END)])


def field_query(name: str, value: str, canonical_owner=None) -> Q.Query:
    """One field clause as a Whoosh query."""
    value = value.strip()
    if not value:
        raise QueryError(f"{name}: needs a value, e.g. {name}:\"...\"")
    if name == "owner":
        canon = canonical_owner(value) if canonical_owner else None
        if canon:
            return Q.Term("owners", canon.lower())
        words = re.findall(r"[A-Za-z0-9&]+", value.lower())
        if not words:
            raise QueryError(f"owner: '{value}' names no one")
        return Q.Or([Q.Term("owners", value.lower()), Q.And([Q.Term("owners_text", w) for w in words])])
    if name == "theme":
        return Q.Or([Q.Term("themes", value.lower()), Q.Prefix("themes", value.lower())])
    if name == "doc":
        return Q.Or([Q.Term("doc_id", value), Q.Wildcard("doc_id", f"*{value}*")])
    if name == "kind":
        if value.lower() not in KINDS:
            raise QueryError(f"kind: '{value}' is not a kind (use one of: {', '.join(KINDS)})")
        return Q.Term("kind", value.lower())
    if name == "status":
        return Q.Term("status", value.lower())
    if name == "year":
        m = re.fullmatch(r"((?:19|20)\d{2})(?:\s*(?:-|to|\.\.)\s*((?:19|20)\d{2}))?", value)
        if not m:
            raise QueryError(f"year: '{value}' is not a year (use 2017 or 2016-2019)")
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        return Q.NumericRange("year", lo, hi)
    if name == "confidence":
        return confidence_query(value)
    if name == "due":
        for op in ("<=", ">=", "<", ">", "["):
            if value.startswith(op):
                inner = value[len(op):]
                if op == "[":
                    inner = inner.rstrip("]")
                return due_query(op, inner)
        return due_query("=", value)
    raise QueryError(f"unknown field '{name}:' (fields: {', '.join(f + ':' for f in FIELDS)})")


def confidence_query(value: str, what: str = "confidence") -> Q.Query:
    """confidence:>0.6, >=0.6, <0.4, <=0.4 (a bare number means at least that)."""
    m = re.fullmatch(r"(<=|>=|<|>)?\s*(0(?:\.\d+)?|1(?:\.0*)?|\.\d+)", value.strip())
    if not m:
        raise QueryError(f"{what}: '{value}' is not a confidence (use a number from 0 to 1, e.g. >0.6)")
    op, x = m.group(1) or ">=", round(100 * float(m.group(2)))  # indexed in hundredths
    if op.startswith(">"):
        return Q.NumericRange("confidence", x, None, startexcl=(op == ">"))
    return Q.NumericRange("confidence", None, x, endexcl=(op == "<"))


def _check_balance(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: a phrase needs a closing "')
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            raise QueryError("unbalanced parenthesis: ')' without '('")
    if depth:
        raise QueryError("unbalanced parenthesis: '(' without ')'")


class QueryParser:
    def __init__(self, schema, thesaurus: Thesaurus | None = None, canonical_owner=None):
        self.schema = schema
        self.thesaurus = thesaurus or Thesaurus()
        self.canonical_owner = canonical_owner
        # OR ranking: BM25 already favours passages matching more of the words, so a long topic
        # ("podiatry services redesign and aftercare") still finds partial matches.
        self._parser = MultifieldParser(list(TEXT_BOOSTS), schema, fieldboosts=TEXT_BOOSTS, group=OrGroup)
        for plugin in (FuzzyTermPlugin(), WildcardPlugin(), PhrasePlugin(), GroupPlugin()):
            self._parser.remove_plugin_class(type(plugin))
            self._parser.add_plugin(plugin)
        from whoosh.qparser import FieldsPlugin

        self._parser.remove_plugin_class(FieldsPlugin)  # fields are handled above, not by Whoosh

    def parse(self, text: str) -> ParsedQuery:
        _check_balance(text)
        filters: list[Q.Query] = []
        exclusions: list[Q.Query] = []

        def lift(m: re.Match) -> str:
            name = m.group("field").lower()
            if name not in FIELDS:
                close = [f for f in FIELDS if _close(name, f)]
                if close:
                    raise QueryError(f"unknown field '{name}:' (did you mean {close[0]}:?)")
                return m.group(0)  # "P&P: prevention" is text, not a field
            raw = m.group("value") or ""
            if raw.startswith('"'):
                raw = raw[1:-1]
            q = field_query(name, raw, self.canonical_owner)
            (exclusions if m.group("neg") else filters).append(q)
            return " "

        free = _FIELD_CLAUSE.sub(lift, text)
        free = re.sub(r"\s+", " ", free).strip()
        free = self._lift_negations(free, exclusions)
        free = re.sub(r"^(?:AND|OR)\s+|\s+(?:AND|OR|NOT)$", "", free)
        text_query = None
        terms: list[str] = []
        concepts: set[str] = set()
        if free:
            text_query, terms, concepts = self._parse_with_concepts(free)
            if text_query is Q.NullQuery or isinstance(text_query, Q.NullQuery.__class__):
                text_query = None
        return ParsedQuery(text_query, filters, exclusions, free, terms, concepts)

    def _lift_negations(self, free: str, exclusions: list[Q.Query]) -> str:
        """Top-level `NOT x` / `-x` exclude documents (with OR ranking they would otherwise match all)."""
        pieces = re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', free)
        kept: list[str] = []
        depth, i = 0, 0
        while i < len(pieces):
            p = pieces[i]
            depth += p == "("
            depth -= p == ")"
            if depth == 0 and p == "NOT":
                if i + 1 >= len(pieces) or pieces[i + 1] in ("(", ")", "AND", "OR", "NOT"):
                    raise QueryError("NOT needs a word or phrase after it")
                exclusions.append(self._parse_text(pieces[i + 1]))
                i += 2
                continue
            if depth == 0 and p.startswith("-") and len(p) > 1:
                exclusions.append(self._parse_text(p[1:]))
                i += 1
                continue
            kept.append(p)
            i += 1
        return " ".join(kept)

    def _parse_text(self, text: str) -> Q.Query:
        return self._parse_with_concepts(text)[0]

    def _parse_with_concepts(self, free: str) -> tuple[Q.Query, list[str], set[str]]:
        """Parse free text; thesaurus phrasings become one term on the `concepts` field."""
        expanded, terms, concepts, surfaces = self._expand(free)
        try:
            q = self._parser.parse(expanded)
        except Exception as exc:  # whoosh raises assorted errors on odd syntax
            raise QueryError(f"cannot parse '{free}': {exc}") from None
        if concepts:
            analyzer = self.schema["text"].analyzer

            def swap(node: Q.Query) -> Q.Query:
                if isinstance(node, Q.Term) and str(node.text) in concepts:
                    if node.fieldname != "text":
                        return Q.NullQuery
                    concept = Q.Term("concepts", concepts[str(node.text)], boost=CONCEPT_BOOST)
                    # The words as typed also count, so a passage using the user's own phrasing
                    # ranks above one using a synonym of it (all of them, so no new loose matches).
                    words = [t.text for t in analyzer(surfaces[str(node.text)])]
                    if not words:
                        return concept
                    literal = [Q.Term("text", w, boost=TEXT_BOOSTS["text"]) for w in words]
                    return Q.Or([concept, literal[0] if len(literal) == 1 else Q.And(literal)])
                return node.apply(swap) if not isinstance(node, Q.Term) else node

            q = swap(q).normalize()
        return q, terms, set(concepts.values())

    def _expand(self, free: str) -> tuple[str, list[str], dict[str, str], dict[str, str]]:
        """Replace thesaurus phrasings by numeric placeholders for their concept; keep the rest.
        Returns the text, the plain words, placeholder -> concept and placeholder -> phrasing."""
        out: list[str] = []
        terms: list[str] = []  # plain words typed (not thesaurus phrasings), for highlighting
        concepts: dict[str, str] = {}
        surfaces: dict[str, str] = {}
        # Leave operators, phrases, groups, wildcards and fuzzy terms to Whoosh untouched.
        pieces = re.findall(r'"[^"]*"|\(|\)|\S+', free)
        run: list[str] = []

        def flush() -> None:
            for surface, group in self.thesaurus.segment(run):
                if len(group) == 1:
                    terms.append(surface)
                    out.append(surface)
                else:
                    placeholder = str(_PLACEHOLDER + len(concepts))
                    concepts[placeholder] = self.thesaurus.concept(surface) or surface.lower()
                    surfaces[placeholder] = surface
                    out.append(placeholder)
            run.clear()

        for p in pieces:
            plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9&'’-]*", p) and p not in ("AND", "OR", "NOT", "ANDNOT")
            if plain:
                run.append(p)
            else:
                flush()
                out.append(p)
                if p.startswith('"'):
                    terms.extend(p.strip('"').split())
        flush()
        return " ".join(out), terms, concepts, surfaces


def _close(a: str, b: str) -> bool:
    """Within two edits (typos like owners:, thme:, due_date:)."""
    if abs(len(a) - len(b)) > 2:
        return a.startswith(b) or b.startswith(a)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def _escape(term: str) -> str:
    return f'"{term}"' if re.search(r"[&'’-]", term) else term
