"""Knowledge of one area's parties, as data: the optional `gazetteer.toml` beside the documents.

Owners are found from grammar, fields, named-entity recognition, the naming conventions of English
public bodies and the acronyms each document defines (kb.extract.owners); none of that knows any
area.  What a reader of one area knows besides (that "RFT" is a hospital trust, that "the CCGs"
are three particular CCGs, that in a city's papers "the Council" is the city council) lives in a
gazetteer file that ships with the corpus and that a user can replace or extend:

    [area]
    names = ["Northshire"]                   # place words; the short aliases below apply only to
                                             # documents that mention one of them
    [[party]]
    name = "Riverside NHS Foundation Trust"  # the canonical name
    kind = "org"                             # org | group | person
    aliases = ["RFT", "Riverside Trust"]     # acronyms match case-sensitively, phrases in any case
    cased = ["Riverside"]                    # ordinary words that name the party only as written

    [collective]
    "the two trusts" = ["Riverside NHS Foundation Trust", "Hillside NHS Trust"]

    [authors."Northshire Health and Wellbeing Board"]   # what references mean in this body's papers
    "the Council" = "Northshire County Council"

The file is found beside the ingested files, like catalog.toml.  Without it kb still works.
This module is data only (no spaCy), so search and the app can fold owner names with it.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

GAZETTEER_NAME = "gazetteer.toml"
PARTIES_FILE = "parties.json"  # the names an index was built with (search and the app fold with it)


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class Party:
    name: str  # canonical name, e.g. "Riverside NHS Foundation Trust"
    kind: str  # "org" | "person" | "group"
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """The parties of one area: canonical names with aliases, collective aliases, and what generic
    references ("the Council") mean in the documents of a given author."""

    parties: tuple[Party, ...] = ()
    collectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    authors: dict[str, dict[str, str]] = field(default_factory=dict)
    area: tuple[str, ...] = ()
    cased: frozenset[str] = frozenset()
    digest: str = ""  # of the file's content: a changed gazetteer re-parses the documents

    def merged(self, other: Gazetteer) -> Gazetteer:
        return Gazetteer(
            parties=self.parties + other.parties,
            collectives={**self.collectives, **other.collectives},
            authors={**self.authors, **other.authors},
            area=tuple(dict.fromkeys(self.area + other.area)),
            cased=self.cased | other.cased,
            digest=hashlib.sha256((self.digest + other.digest).encode()).hexdigest()[:16] if other.digest else self.digest,
        )

    def mentions_area(self, text: str) -> bool:
        """Whether a document is about this gazetteer's area (one of its place words occurs in it).
        A gazetteer without place words applies everywhere."""
        if not self.area:
            return True
        return any(re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", text, re.IGNORECASE) for a in self.area)


EMPTY = Gazetteer()


def load_gazetteer(path: Path) -> Gazetteer:
    """The gazetteer in `path`; an empty one when there is no file.  A bad file raises
    GazetteerError with a one-line message naming it."""
    if not path.is_file():
        return EMPTY
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: invalid gazetteer ({exc})") from None
    try:
        return _from_data(data, hashlib.sha256(raw).hexdigest()[:16])
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise GazetteerError(f"{path}: invalid gazetteer ({exc})") from None


def _strings(value: object, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} must be a list of strings")
    return tuple(value)


def _from_data(data: dict, digest: str) -> Gazetteer:
    parties: list[Party] = []
    cased: set[str] = set()
    for i, p in enumerate(data.get("party", [])):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
            raise ValueError(f"party {i + 1} has no name")
        kind = p.get("kind", "org")
        if kind not in ("org", "group", "person"):
            raise ValueError(f"party {p['name']!r}: kind must be org, group or person")
        extra = _strings(p.get("cased"), f"party {p['name']!r} cased")
        cased.update(extra)
        parties.append(Party(p["name"].strip(), kind, _strings(p.get("aliases"), f"party {p['name']!r} aliases") + extra))
    collectives = {str(k): _strings(v, f"collective {k!r}") for k, v in dict(data.get("collective", {})).items()}
    authors = {str(a): {str(k): str(v) for k, v in dict(m).items()} for a, m in dict(data.get("authors", {})).items()}
    area = _strings(dict(data.get("area", {})).get("names"), "area names")
    return Gazetteer(tuple(parties), collectives, authors, area, frozenset(cased), digest)


# --------------------------------------------------------------------------------------------
# Names an index was built with: folding typed owner names and short names, without spaCy
# --------------------------------------------------------------------------------------------
def _fold(s: str) -> str:
    k = s.lower().replace("&", " and ").replace("’", "'")
    k = re.sub(r"\bwell[\s\-]*being\b", "wellbeing", k)
    k = re.sub(r"[^a-z0-9/]+", " ", k).strip()
    return re.sub(r"^(?:the|our) ", "", k)


def _is_acronym(alias: str) -> bool:
    return " " not in alias and bool(re.fullmatch(r"[A-Za-z][A-Za-z&/]*", alias)) and sum(c.isupper() for c in alias) >= 2


@dataclass
class PartyNames:
    """Aliases and short names of the parties an index knows (from its gazetteer files and the
    acronyms its documents define)."""

    aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical name
    short: dict[str, str] = field(default_factory=dict)  # canonical name -> the acronym people use

    def add(self, name: str, aliases: tuple[str, ...] | list[str]) -> None:
        self.aliases.setdefault(_fold(name), name)
        for a in aliases:
            key = _fold(a)
            if key and self.aliases.get(key, name) != name:
                self.aliases[key] = ""  # one alias, several parties: ambiguous, folds to nothing
            elif key:
                self.aliases[key] = name
        acronyms = [a for a in aliases if _is_acronym(a)]
        named = [a for a in aliases if a[:1].isupper() and len(a) <= len(name) - 4]
        short = min(acronyms or named or [name], key=len)
        if short != name and (name not in self.short or len(short) < len(self.short[name])):
            self.short[name] = short

    def canonical(self, name: str) -> str | None:
        return self.aliases.get(_fold(name)) or None

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> PartyNames:
        names = cls()
        for p in gazetteer.parties:
            names.add(p.name, p.aliases)
        return names

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"aliases": self.aliases, "short": self.short}, ensure_ascii=False, sort_keys=True),
                       encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> PartyNames:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(data.get("aliases", {})), dict(data.get("short", {})))
        except (OSError, ValueError, AttributeError):
            return cls()


_current = PartyNames()


def use_names(names: PartyNames) -> None:
    """The names the open index was built with (set when a KnowledgeBase opens an index)."""
    global _current
    _current = names


def short_name(name: str) -> str:
    """The acronym a party is known by ("RFT"), or its shortest proper alias, for narrow table
    columns; else its name."""
    return _current.short.get(name, name)


def canonical_name(name: str) -> str | None:
    """A typed owner name ("RFT") folded to its canonical form, if the open index knows it."""
    return _current.canonical(name)
