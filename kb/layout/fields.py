"""Labelled fields of action plans: what a label or a column header means.

Action plans, action logs and minutes state one action with its owner, timescale and status,
either as label-value lines ("What: ... / Who: ... / When: ...", "Action: ... Responsible
Officer: ...") or as a table whose columns carry those labels.  The labels vary from body to
body, but their meaning does not, so this module maps a label (or header) to one role:

- "action": the item itself (What / Action / Deliverable / Task / Objective);
- "owner": who is responsible (Who / Lead / Owner / Responsible officer / By whom);
- "due": when (When / Timescale / By when / Deadline / Due date / Target date);
- "status": how it stands (Status / RAG / Progress);
- "update": the latest note (Latest update / Update / Comments / Notes);
- "logged": an action log's bookkeeping (Date raised / Meeting / Minute ref), neither item nor field;
- "measure": how success is measured (Measure / KPI / Metric): read as a note of the row, not its action.

`Block.fields` is keyed by these roles (except "action", which is the block's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = ("action", "owner", "due", "status", "update", "logged", "measure")

# The meaning of a label as a whole (matched against the label, lower-cased, spaces folded).
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("action", re.compile(
        r"(?:what|actions?|actions? (?:required|agreed|to be taken|needed)|agreed actions?|key actions?|"
        r"deliverables?|key deliverables?|tasks?|objectives?|commitments?|our commitments?|what will we do|"
        r"what we will do|what we are going to do|what we will deliver|what we have committed to|"
        r"what we(?: have)? commit(?:ted)? to(?: do)?|how)"
        r"(?: (?:no\.? ?)?\d{1,2}(?:\.\d{1,2})*[a-z]?)?")),
    ("owner", re.compile(
        r"who|leads?|lead\(s\)|owners?|action owners?|action by|led by|lead by|delivered by|who will lead|"
        r"who will deliver|who is responsible|lead (?:officer|organisation|partner)\(s\)|"
        r"responsible(?: (?:officers?|leads?|persons?|"
        r"people|organisations?|body|bodies|partners?|agenc(?:y|ies)))?|responsibility|by whom|accountable"
        r"(?: (?:officers?|leads?|bodies|body))?|lead (?:officers?|organisations?|agenc(?:y|ies)|partners?|"
        r"bodies|body|persons?|directors?|members?)|(?:key )?partners? (?:responsible|leading)")),
    ("due", re.compile(
        r"when|timescales?|time ?scales?|time ?frames?|timings?|by when|deadlines?|due|due dates?|date due|"
        r"target dates?|target completion(?: dates?)?|completion dates?|date (?:for|of) completion|"
        r"(?:expected|planned|revised) (?:completion|end) dates?|end dates?|key dates|dates?")),
    ("status", re.compile(r"status|rag|rag (?:status|rating)|ratings?|progress|current status|(?:b?rag) status")),
    ("logged", re.compile(  # an action log's bookkeeping columns: when and where an action was raised
        r"date (?:raised|added|opened|logged|agreed|identified|of meeting|of entry)|meeting(?: date)?|"
        r"raised(?: (?:on|at|by))?|source|minute(?: ref(?:erence)?| no\.?)?|agenda item|item(?: no\.?)?")),
    ("measure", re.compile(  # how success is measured: says what will be counted, not what will be done
        r"measures?|kpis?|key performance indicators?|metrics?|(?:success|performance|outcome) measures?|"
        r"measures? of success|how (?:will we|we will) (?:measure|know)(?: success)?")),
    ("update", re.compile(
        r"(?:latest |progress |current )?updates?|comments?|notes?|progress (?:update|to date|notes?)|"
        r"commentary|latest position|position")),
)

# A bare "Date" line on a cover is the paper's date, not a due date: in label-value lines the due
# role needs one of these words.
_LINE_DUE = re.compile(r"when|timescale|time ?scale|time ?frame|timing|deadline|due|target|completion|end date")


def label_role(label: str, line_form: bool = False) -> str | None:
    """The role of a label or column header ("Responsible Officer" -> "owner"), or None."""
    norm = re.sub(r"\s+", " ", re.sub(r"[*:_]+", " ", label)).strip().lower()
    norm = re.sub(r"\s*\(s\)$", "", norm)
    if not norm or len(norm) > 40:
        return None
    for role, pattern in _ROLE_PATTERNS:
        if pattern.fullmatch(norm):
            if role == "due" and line_form and not _LINE_DUE.search(norm):
                return None
            if role in ("status", "update") and line_form and norm in ("position", "ratings", "rating", "notes",
                                                                       "note"):
                return None
            return role
    return None


# A label at the start of a line or after a space, capitalised, followed by a colon:
# "What:", "**Who**:", "Responsible Officer:", "BY WHEN:".
_LABEL_AT = re.compile(r"(?:^|(?<=\s))\**(?P<label>[A-Z][A-Za-z()]*(?:[ ][A-Za-z()]+){0,3}(?:[ ]\d{1,2}"
                       r"(?:\.\d{1,2})*[a-z]?)?)\**\s*:\**(?=\s|$)")


@dataclass(frozen=True)
class Labelled:
    """One label found in a text: its role, the label as written and the value that follows it."""

    role: str
    label: str
    value: str
    start: int


def split_labels(text: str) -> list[Labelled]:
    """The labelled values of a line or paragraph, when it opens with a known label.

    "What: Run a campaign Who: Public Health When: 2020" gives three values; a text that does not
    open with a label gives [] (so prose with "Note: ..." in its middle is left alone).
    """
    found: list[tuple[str, str, int, int]] = []
    for m in _LABEL_AT.finditer(text):
        label = m.group("label")
        # the longest known label ending at the colon: "Latest Update" before "Update"
        ws = label.split(" ")
        role = None
        for k in range(len(ws)):
            cand = " ".join(ws[k:])
            if cand[:1].isupper():
                role = label_role(cand, line_form=True)
                if role:
                    start = m.start("label") + len(" ".join(ws[:k])) + (1 if k else 0)
                    if text[start - 2:start] == "**":
                        start -= 2
                    found.append((role, cand, start, m.end()))
                    break
    if not found or text[:found[0][2]].strip(" *-–•"):
        return []
    out: list[Labelled] = []
    for i, (role, label, start, end) in enumerate(found):
        stop = found[i + 1][2] if i + 1 < len(found) else len(text)
        out.append(Labelled(role, label, text[end:stop].strip(" *;,|"), start))
    return out


def looks_like_party(value: str) -> bool:
    """A short value naming who acts ("JS", "Director of Public Health", "All partners"), not an action."""
    ws = re.findall(r"[A-Za-z0-9][A-Za-z0-9'’&/.-]*", value)
    if not ws or len(ws) > 6 or value.rstrip().endswith("."):
        return False
    small = {"and", "of", "the", "for", "&", "all", "with", "to", "in", "/", "partners", "members", "officers",
             "leads", "agencies", "organisations", "colleagues"}
    return all(w[0].isupper() or w.lower() in small for w in ws)
