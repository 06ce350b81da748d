"""A review written as prose, action by action, each account closing on the body's verdict.

Scrutiny reviews, annual reports and committee papers often report on a plan's actions without a
table: a bold title naming the action ("**Weekly clinic (HW2.4).** The clinic has run every week since
...", or the title on a line of its own), or a paragraph that restates it ("The strategy also said
that the partners would commission ..."), then the findings, then a verdict in one of the ways a
committee writes one:

* a status line: "Status: Achieved.", "RAG rating – amber";
* a status said alone, with or without a pointer after it: "Partially met.", "Not achieved – see
  recommendation R2.", "Superseded by the county-wide programme.", or in brackets at the paragraph's
  end: "... in the weeks before. (Complete)";
* a sentence about "this action" (or "it", "this"): "This action was superseded by ...", "This action
  is only partly met.", "We are satisfied that this has been delivered.", "The committee considers
  this action partially met.", "The committee does not consider this action achieved, because ...".

Each such passage is the body's report on one action, as a review table's row is: its title the
action, its findings the update, the verdict the status.  `read_narrative_review` turns each into an
action block (`RawBlock("action")` with status and update fields), as `read_reported_sections` does
for numbered sub-headings.  A passage starts at a bold title, at a heading, or at the first
paragraph after the previous verdict; it ends at its verdict.  A document needs two such verdicts for
its prose to be read as a review (one "this has been delivered" in a plan's context is no review).
"""

from __future__ import annotations

import re

from kb.extract.classify import shape
from kb.layout.fields import (
    STATED_VERB,
    is_timescale,
    label_role,
    listed_references,
    progress_of,
    question_answered,
    split_labels,
    stated_status,
    status_phrase,
    status_phrase_head,
    tagged_status,
    takes_no_value,
)
from kb.layout.markup import strip_markup, words
from kb.layout.parse import _VERDICT_WORD, RawBlock, join_lines

_MIN_VERDICTS = 2  # passages with a verdict before a document's prose reads as a review
_DETAIL_LINES = 2  # an item's detail set apart as a paragraph: a line or two
_TITLE_WORDS = 30  # a bold run-in title is a name, not a paragraph set in bold

# a verdict's subject that refers back to the action the passage is about: "this action", "this
# delivery plan action", "the commitment", "it", "this"
# ... which may say what it was to do or is about, up to the verb: "the commitment to recruit 20 more
# pharmacists has been achieved", "the commitments on online consultation and on direct booking have
# both been achieved", "the aim for patients' experience of booking remains outstanding"
_ITEM_NOUN = r"(?:action|commitment|recommendation|objective|aim|goal|priority|promise|pledge|target|deliverable)s?"
_SAYS_WHAT = r"(?:to|on|for|of|about|in|that)"  # "the commitment to ...", "the commitments on ..."
_BACK_SUBJECT = (r"(?:(?:this|that|the|each|these|those|both)(?:\s+[\w-]+){0,3}?\s+" + _ITEM_NOUN +
                 r"(?:\s+" + _SAYS_WHAT + r"\s+[^.;:,()]{1,90}?)?|this|it)")
_BACK_VERDICT = re.compile(
    r"\b" + _BACK_SUBJECT + r"\s+(?:has|have|had|is|are|was|were|remains?)\s+(?:(?:now|therefore|also|so far|only|"
    r"fully|largely|both|all)\s+)?(?P<neg>(?:not|never)\s+(?:yet\s+)?)?(?:been\s+)?(?:(?:only|fully)\s+)?"
    r"(?P<s>" + _VERDICT_WORD + r"[^.;]*)"
    r"|\b(?P<neg2>(?:do|does|did)\s+not\s+)?(?:consider|regard|count|judge|assess|deem|rate|record|class|mark)"
    r"(?:s|ed|es)?\s+" + _BACK_SUBJECT + r"\s+(?:as\s+|to\s+be\s+|to\s+have\s+been\s+)?(?P<s2>" + _VERDICT_WORD + r"[^.;]*)", re.I)
# an action said still to be undone: "this commitment remains outstanding" ("an outstanding result"
# praises: only "remains outstanding" says not done)
_STILL_OUTSTANDING = re.compile(r"\b" + _BACK_SUBJECT + r"\s+(?:still\s+)?(?:remains?|is|are)\s+(?:still\s+)?"
                                r"(?P<s>outstanding|undelivered|incomplete)\b", re.I)
# progress made on the action, graded: "we have made partial progress on this commitment", "some
# progress has been made against the aim"
_PROGRESS_MADE = re.compile(r"\b(?:made|making|seen)\s+(?P<s>partial|some|limited|good|little)\s+progress\s+"
                            r"(?:on|with|against|towards)\s+" + _BACK_SUBJECT + r"|\b(?P<s2>partial|some|limited)\s+"
                            r"progress\s+(?:has|have)\s+been\s+made\s+(?:on|with|against|towards)\s+" + _BACK_SUBJECT, re.I)
# a verdict sentence whose subject says what the commitment was, after the paragraph's own number:
# "4.9 The commitment to recruit 20 more pharmacists has been achieved." -> "recruit 20 more pharmacists"
_NAMED_SUBJECT = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2}){0,2}\s+)?(?:the|this|that|these|those|both)\s+(?:[\w-]+\s+){0,3}?"
                            + _ITEM_NOUN + r"\s+" + _SAYS_WHAT + r"\s+(?P<what>[^.;:()]{3,120}?)\s+"
                            r"(?:has|have|had|is|are|was|were|remains?)\b", re.I)
# a verdict word in what is to be made so, not what is: "to ensure this recommendation is implemented"
_AIMED_BEFORE = re.compile(r"\b(?:ensur(?:e|es|ing)|make sure|so|in order|until|once|unless)\s+(?:that\s+)?$", re.I)
_DEFINES = re.compile(r"\b(?:means?|meaning|denotes?|signif(?:y|ies))\s+(?:that\s+)?(?:the|an?|this|it)\b", re.I)
_ASKED_BEFORE = re.compile(r"\b(?:whether|if|how|what|of)\s+(?:[\w'’-]+\s+){0,4}$", re.I)
# a status line: "Status: Achieved.", "RAG rating – amber", "Overall assessment: partially met"
_STATUS_LINE = re.compile(r"^(?:(?:overall|current|final)\s+)?(?:status|rag(?:\s+(?:status|rating))?|rating|"
                          r"assessment|verdict|progress)\s*[:–—-]\s*(?P<s>.+)$", re.I)
# where a status said alone stops and its pointer or reason begins: "Not achieved – see ...",
# "Superseded by the county-wide programme", "Partially met (two of three sites)"
_STATUS_HEAD = re.compile(r"\s*(?:[–—:;,(]|\s-\s|\.\s|\.$|\s+(?:by|because|as|following|after|due to|in favour of|"
                          r"and replaced|see)\b)")
# a status said of the action in a sentence of its account: "Its status is On track", "The rating is Amber"
_ITS_STATUS_IS = re.compile(r"\b(?:its|the|their|this action's)\s+(?:status|rating|position|rag(?: rating)?)\s+"
                            r"(?:is|was|remains|remained)\s+(?P<s>[^.;]{2,60})", re.I)
_BRACKETED_END = re.compile(r"\(([^()]{2,40})\)\s*\.?\s*$")
# a verdict on an action named by its number, as a passage on two actions gives one each: "HW2.5 is
# not achieved", "we count HW2.4 as achieved", "The committee considers HW3.2 achieved and HW3.3
# partially met"
_NUMBER = r"[A-Z]{1,4}-?\d{1,2}(?:[./-]\d{1,2}){0,2}[a-z]?|\d{1,2}\.\d{1,2}(?:\.\d{1,2})?[a-z]?"  # ("HW-22/1")
_NUMBER_IS = re.compile(r"\b(?P<ref>" + _NUMBER + r")\s+(?:is|was|has|have|remains)\s+(?:been\s+)?"
                        r"(?P<neg>(?:not|never)\s+(?:yet\s+)?)?(?:been\s+)?(?P<s>" + _VERDICT_WORD + r")")
_JUDGED = re.compile(r"\b(?P<neg>(?:do|does|did)\s+not\s+)?(?:consider|regard|count|judge|assess|deem|rate|record|class|"
                     r"mark)(?:s|ed|es)?\s+"
                     r"(?=(?:" + _NUMBER + r")\s)", re.I)
_NUMBER_AS = re.compile(r"(?P<ref>" + _NUMBER + r")\s+(?:as\s+|to\s+be\s+|to\s+have\s+been\s+)?(?P<s>"
                        + _VERDICT_WORD + r")")
# an action named with its number in brackets and then its status: "... (A2) are Delayed", "... (A3): Not started"
_BRACKETED_NUMBER_STATUS = re.compile(r"\((?P<ref>" + _NUMBER + r")\)\s*(?::\s*|\s(?:is|are|was|were|remains?)\s+)"
                                      r"(?P<s>[^.;:]{3,40})(?:[.;]|$)")
# Actions named by the word and a plain number, as minutes and letters name them ("action 9", "(action 12)",
# "actions 7 and 8"), and the verb of being that opens the verdict right after ("... remained in progress").
_NAMED_ACTIONS = re.compile(r"\(?\b(?:actions?|commitments?)\s+(?P<refs>\d{1,2}[a-z]?(?:(?:,\s*|\s+and\s+|\s*&\s*)"
                            r"\d{1,2}[a-z]?)*)\b\)?", re.I)
_WHETHER_BEFORE = re.compile(r"\b(?:whether|if)\s+(?:[\w'’-]+\s+){0,6}$", re.I)
_STATED_NEXT = re.compile(r"\s+(?:is|are|was|were|had|has|have|remained|remains|remain)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?)])\s+(?=[A-Z(\"“‘])")


def sentences(text: str) -> list[str]:
    """The text's sentences, split at a full stop (or a closing bracket) before a capital."""
    return [s for s in _SENTENCE.split(text.strip()) if s]


def _said_alone(sentence: str) -> str | None:
    """A status said alone ("Partially met – see recommendation R1.", "Superseded by ..."): the
    sentence, when its head is a status phrase and nothing else."""
    head = _STATUS_HEAD.split(sentence.strip(), maxsplit=1)[0]
    return sentence.strip().rstrip(".") if status_phrase(head) else None


# words a plan also writes as a timescale ("Ongoing", "Ongoing - reviewed annually"): alone they give
# no verdict, since a plan's action lines carry them as often as a review's


def sentence_verdict(sentence: str) -> str | None:
    """The status phrase a sentence states as a verdict on the action it follows, or None."""
    found = _sentence_verdict(sentence)
    return None if found and is_timescale(found) else found


def _told_as_so(before: str) -> bool:
    """Whether the words before a verdict leave it said as how things stand, not asked ("whether it
    had been delivered") nor aimed at ("to ensure this recommendation is implemented")."""
    return not (_ASKED_BEFORE.search(before) or _AIMED_BEFORE.search(before))


def _sentence_verdict(sentence: str) -> str | None:
    text = strip_markup(sentence).strip()
    line = _STATUS_LINE.match(text)
    labels = split_labels(text) if line is None else []
    if line or labels and labels[0].role == "status" and labels[0].start == 0:
        # "Status: Achieved.", "RAG rating – amber", "Where this stands: Closed."
        value = (line.group("s") if line else labels[0].value).strip().rstrip(".")
        return value if progress_of(value) else None
    alone = _said_alone(text)
    if alone and progress_of(alone):
        return alone
    stated = _ITS_STATUS_IS.search(text)
    if stated and (said := stated_status(stated.group(0))):
        return said  # "Its status is On track, with no change since last year"
    found = None
    if _DEFINES.search(text):
        return None  # a key that says what each status means ("C means that the action has been completed")
    still = _STILL_OUTSTANDING.search(text)
    if still and _told_as_so(text[:still.start()]):
        found = still.group("s")  # "The aim for patients' experience ... remains outstanding"
    moved = _PROGRESS_MADE.search(text)
    if moved:
        found = f"{moved.group('s') or moved.group('s2')} progress"  # "We have made partial progress on this commitment"
    for m in _BACK_VERDICT.finditer(text):
        if not _told_as_so(text[:m.start()]):
            continue  # a question or a share, not a verdict: "asked whether it had been delivered",
            # "how much of the commitment has been delivered"
        said = (m.group("s") or m.group("s2")).strip()
        phrase = f"not {said}" if (m.group("neg") or m.group("neg2")) else said
        if progress_of(phrase):
            found = phrase
    return found


# A verdict on several actions listed by number, as a report written by exception lists the actions it
# does not report on one by one: "The following actions were complete by March 2024: A1.1, A1.3 and
# A3.1–A3.3", "Actions 2.1, 2.4 and 3.2 have been achieved.", "Complete: 1.1, 1.4 and 2.2".
_LIST_AFTER = re.compile(r"^(?P<lead>[^:]{3,200}):\s*(?P<refs>[^:]+)$")
def listed_verdicts(sentence: str) -> list[tuple[str, str]]:
    """(number, status phrase) for each action a sentence lists by number under one verdict
    (`_LIST_AFTER`, or the list before its verb), else []."""
    text = sentence.strip().rstrip(".")
    after = _LIST_AFTER.match(text)
    if after and (refs := listed_references(after.group("refs"))):
        lead = re.sub(r"^\s*\d{1,2}(?:\.\d{1,2})*\s+", "", after.group("lead"))  # its paragraph's number
        status = stated_status(lead)
        return [(ref, status) for ref in refs] if status else []
    verb = STATED_VERB.search(text)
    if verb and not re.fullmatch(_NUMBER, text[:verb.start()].strip()) and (refs := listed_references(text[:verb.start()])):
        # (one number written with a stroke, "HW-23/2 has not been delivered", is no list)
        status = stated_status(text[verb.start():])
        return [(ref, status) for ref in refs] if status else []
    return []


def numbered_verdicts(text: str) -> list[tuple[str, str]]:
    """The verdicts a paragraph gives actions it names by number, (number, status phrase) in order: one
    by one ("HW2.5 is not achieved") or several under one verdict (`listed_verdicts`)."""
    out: list[tuple[str, str]] = []
    for s in sentences(strip_markup(text)):
        out += listed_verdicts(s)
        for m in _BRACKETED_NUMBER_STATUS.finditer(s):
            # "Flood works at 30 places (A2) are Delayed ▼.", "Cooled rooms (A3): Not started."
            said = re.sub(r"[^\w)]+$", "", m.group("s")).strip()
            if status_phrase_head(said):
                out.append((m.group("ref"), said))
        for m in _NUMBER_IS.finditer(s):
            out.append((m.group("ref"), f"{'not ' if m.group('neg') else ''}{m.group('s')}"))
        for m in _NAMED_ACTIONS.finditer(s):
            # "Solar PV (action 9) remained in progress", "she reported that actions 7 and 8 were delayed"
            asked = _WHETHER_BEFORE.search(s[:m.start()])  # "asked whether action 4 had been delivered"
            clause = re.split(r"[.;:!?](?:\s|$)", s[m.end():], maxsplit=1)[0]  # (to its full stop: "... 38 of")
            said = stated_status(clause) if _STATED_NEXT.match(clause) and not asked else None
            if said:
                out += [(ref, said) for ref in re.findall(r"\d{1,2}[a-z]?", m.group("refs"))]
        judged = _JUDGED.search(s)
        if judged:  # "considers HW3.2 achieved and HW3.3 partially met": each number its verdict
            for m in _NUMBER_AS.finditer(s, judged.end()):
                out.append((m.group("ref"), f"{'not ' if judged.group('neg') else ''}{m.group('s')}"))
    return [(ref, phrase) for ref, phrase in dict(out).items() if progress_of(phrase)]


def paragraph_verdict(text: str) -> str | None:
    """The verdict a paragraph closes on or states (the last one), or None: a status in brackets at
    its end ("(Complete)"), else its sentences' last verdict."""
    end = _BRACKETED_END.search(text)
    if end and status_phrase(end.group(1)) and not is_timescale(end.group(1)):
        return end.group(1).strip()
    found = None
    for s in sentences(text):
        found = sentence_verdict(s) or found
    return found


def _bold_run_in(block: RawBlock) -> str | None:
    """The bold title a paragraph opens with ("**Weekly clinic (HW2.4).** The clinic has run ..."), or None."""
    raw = join_lines(sl.text for sl in block.lines).strip()
    m = re.match(r"\*\*(.+?)\*\*\s*\S", raw)
    if m is None or len(words(m.group(1))) > _TITLE_WORDS:
        return None
    return strip_markup(m.group(1)).strip().rstrip(".").strip()


# A paragraph's run-in title in plain type, a name and a colon before its account ("Public access
# defibrillators: 2,618 are now registered ..."): a few words, capitalised, no field's label ("Lead:",
# "Update:", "Note:").
_PLAIN_RUN_IN = re.compile(r"([A-Z][\w'’&/-]*(?:\s+[\w'’&/()-]+){0,5}):\s+[A-Z0-9£“\"]")
_NOT_A_TITLE = frozenset({"note", "notes", "source", "sources", "example", "examples", "key", "nb", "please note", "target",
                          "targets", "baseline", "date", "deadline", "result", "results"})


def _plain_run_in(block: RawBlock) -> str | None:
    """The plain run-in title a paragraph opens with, or None."""
    if block.kind != "paragraph":
        return None
    m = _PLAIN_RUN_IN.match(block.text.strip())
    if m is None:
        return None
    title = m.group(1)
    if title.lower() in _NOT_A_TITLE or label_role(title) is not None or takes_no_value(title):
        return None
    return title


def _title_of(block: RawBlock) -> tuple[str, str]:
    """A passage's first block as (title, the rest of its text): a heading whole, a paragraph's bold
    run-in title, or a paragraph's first sentence."""
    if block.kind == "heading":
        return block.text.strip(), ""
    bold = _bold_run_in(block)
    text = block.text.strip()
    if bold:
        rest = text[len(bold):].lstrip(" .:–—-") if text.startswith(bold) else text
        if bold.endswith(":") and rest:
            # a bold label, not a title ("**We said we would:** train 500 staff. 612 have been."): what
            # the passage is about is the label's value, its first sentence, as the label reads it
            first = sentences(rest)[0]
            return f"{bold} {first}", rest[len(first):].strip()
        return bold, rest
    first = sentences(text)
    return (first[0], text[len(first[0]):].strip()) if first else (text, "")


def _verdict_of(block: RawBlock) -> str | None:
    status = block.fields.get("status")
    if status and progress_of(status):
        return status.strip().rstrip(".")
    return paragraph_verdict(block.text) if block.kind == "paragraph" else None


def _as_action(passage: list[RawBlock], verdict: str, number: str | None = None, title: str | None = None) -> RawBlock:
    """A passage closed by its verdict as one action block: its title the action, the rest its update
    (`number`: the action of a passage on several that this verdict is for, its row's label; `title`:
    the sentence that names it, when that is not the passage's first)."""
    lead = passage[0]
    if title is not None:
        rest = lead.text.replace(title, " ").strip()
    else:
        title, rest = _title_of(lead)
        named = _NAMED_SUBJECT.match(title)
        if named and sentence_verdict(title):
            title = named.group("what")  # "The commitment to recruit 20 pharmacists has been achieved": what it was
    update = " ".join(t for t in [rest, *(b.text for b in passage[1:]), lead.fields.get("update", "")] if t)
    first = lead.first
    fields = {**lead.fields, "status": verdict, "update": update, **({"ref": number} if number else {})}
    return RawBlock("action", [first], blank_before=passage[0].blank_before, label="Action",
                    fields=fields, items=[(title, first)])


def read_narrative_review(blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks with each passage that closes on a verdict read as an action block (see the module
    docstring); unchanged when fewer than `_MIN_VERDICTS` passages close on one."""
    out: list[RawBlock] = []
    passage: list[RawBlock] = []
    found = 0
    for b in blocks:
        if b.kind not in ("heading", "paragraph"):
            out += passage + [b]
            passage = []
            continue
        if b.fields.get("status") and not _bold_run_in(b):
            if passage and _status_line_alone(b) and (verdict := _verdict_of(b)):
                out.append(_as_action(passage, verdict))  # the status line that closes the account above
                found += 1
            elif _findings_under_title(b, passage) and (verdict := _verdict_of(b)):
                # findings closed by their status line ("Where this stands: Closed."), under a title that
                # names the commitment: the title's account
                out.append(_as_action([*passage, b], verdict))
                found += 1
            else:
                out += passage + [b]  # an item that reports already ("3.1 Open a centre" over "Status: Green")
            passage = []
            continue
        if b.kind == "heading" or _bold_run_in(b) or _plain_run_in(b) or not passage or _names_one_number(b, passage):
            out += passage
            passage = [b]
        else:
            passage.append(b)
        numbered = numbered_verdicts(b.text) if b.kind == "paragraph" else []
        first = sentences(strip_markup(b.text))[:1]
        # a paragraph whose first sentence names the one action it gives a verdict ("Cooled rooms in the
        # care homes (A3): Not started. A survey found ..."): its own account, not the passage's above
        names_its_own = len(numbered) == 1 and bool(first) and numbered[0][0] in first[0]
        if len(numbered) >= 2 or (numbered and len(passage) > 1) or names_its_own:
            # a passage on two actions or more, each given its verdict by number: a row for each; a
            # list of numbers under one verdict is its own account ("The following were complete: ...")
            listing = next((s for s in sentences(strip_markup(b.text)) if listed_verdicts(s)), None)
            if listing is not None or names_its_own:
                out += passage[:-1]
                passage = [b]
            out += [_as_action(passage, phrase, ref, listing) for ref, phrase in numbered]
            passage = []
            found += len(numbered)
            continue
        answer = _answer_to_question(passage)
        if answer is not None:
            # a question the review asks of a promise, then its answer ("Did we open the pitch?" / "Yes,
            # but four months late. ..."): the question names the promise, the answer is its verdict
            out += passage[:-2]
            passage = passage[-2:]
        verdict = answer or (_verdict_of(b) if b.kind == "paragraph" else None)
        if verdict and len(passage) == 1 and not _verdict_of_own(b, verdict):
            # the verdict alone ("Status: Achieved.") after a paragraph it closes: no passage of its own
            out += passage
            passage = []
            continue
        if verdict:
            # (the question whole, with its note: "Did we find out whether ...? (action 4)")
            out.append(_as_action(passage, verdict, title=passage[0].text.strip(" *") if answer else None))
            passage = []
            found += 1
    out += passage
    if found < _MIN_VERDICTS:
        return blocks
    for k, b in enumerate(out[:-1]):
        b.blank_after = out[k + 1].blank_before
    return out


_NAMED_NUMBER = re.compile(r"\b(?:" + _NUMBER + r")\b")


def _names_one_number(block: RawBlock, passage: list[RawBlock]) -> bool:
    """A paragraph whose first sentence names one action by its number ("Our first commitment, HW-22/1,
    was to ...") opens the account of that action, when the passage so far names none."""
    first = sentences(block.text)
    if not first or _said_alone(first[0]):
        return False  # a verdict said alone ("Not achieved – see recommendation R2.") closes, it opens nothing
    numbers = {m.group(0) for m in _NAMED_NUMBER.finditer(first[0])
               if not re.search(r"\brecommendations?\s*$", first[0][:m.start()], re.I)}
    # (a heading's own section number, "5.6 Eating disorders", names no action)
    return len(numbers) == 1 and not any(_NAMED_NUMBER.search(re.sub(r"^\s*[\d.]+\s", "", b.text)) for b in passage)


def _answer_to_question(passage: list[RawBlock]) -> str | None:
    """The verdict of a passage's last paragraph that answers the yes-or-no question the block before it
    asks (kb.layout.fields.question_answered), or None."""
    if len(passage) < 2 or passage[-1].kind != "paragraph":
        return None
    return question_answered(strip_markup(passage[-2].text), strip_markup(passage[-1].text))


def _title_alone(block: RawBlock) -> bool:
    """A heading, or a line set wholly in bold ("**Support after traumatic events**", read as an
    imperative, is no heading but a title all the same)."""
    raw = join_lines(sl.text for sl in block.lines).strip()
    return block.kind == "heading" or (
        len(block.lines) == 1 and raw.startswith("**") and raw.endswith("**") and raw.count("**") == 2
        and len(words(raw)) <= _TITLE_WORDS)


def _status_line_alone(block: RawBlock) -> bool:
    """A paragraph that is a status line and nothing else ("Where this stands: Closed.")."""
    labels = split_labels(strip_markup(block.text).strip())
    return len(labels) == 1 and labels[0].role == "status" and labels[0].start == 0 \
        and len(words(labels[0].value)) <= _TITLE_WORDS


_FINDINGS_WORDS = 20  # a paragraph this long under a title is an account of it, as is one told in the past


def _findings_under_title(block: RawBlock, passage: list[RawBlock]) -> bool:
    """A paragraph of findings right under a title alone (a heading, or a bold line): not an item
    numbered or named in a line of its own ("3.1 Open a centre" over its status), but prose about the
    thing its title names."""
    if len(passage) != 1 or not _title_alone(passage[0]):
        return False
    first = sentences(block.text)
    told = shape(first[0]) if first else set()
    if "modal" in told or len(words(block.text)) < _FINDINGS_WORDS and "past" not in told:
        return False  # what will be done, or a line too short to be an account of anything done
    return not re.match(r"\s*\**\s*(?:[A-Z]{1,4}[-\s]?)?\d{1,2}(?:\.\d{1,2})*[a-z]?\b", block.text)


def _verdict_of_own(block: RawBlock, verdict: str) -> bool:
    """Whether the paragraph says more than its verdict (a title or findings before it)."""
    return len(words(block.text)) > len(words(verdict)) + 3


def read_tagged_items(blocks: list[RawBlock]) -> list[RawBlock]:
    """A list item whose first line carries a status tag and whose next lines give the detail, as a
    slide's bullet does ("ShCR – GP view [Delivered]" over "all 41 practices ... since Oct 2022"): an
    action block, its first line the action, the tag its status, the rest its update -- so a review
    row names its action in the words of that line, not diluted by the detail under it."""
    out: list[RawBlock] = []
    for b in _join_item_paragraphs(blocks):
        tag = tagged_status(b.lines[0].text) if b.kind == "list_item" and len(b.lines) >= 2 else None
        if tag is None:
            out.append(b)
            continue
        first = b.lines[0]
        update = strip_markup(join_lines(sl.text for sl in b.lines[1:])).strip()
        out.append(RawBlock("action", [first], depth=b.depth, blank_before=b.blank_before, blank_after=b.blank_after,
                            label="Action", fields={**b.fields, "status": tag, "update": update},
                            items=[(strip_markup(first.text).strip(), first)]))
    return out


def _join_item_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """A list of status-tagged items with the detail of each item set as a paragraph of its own
    under it, as a slide's sub-text is printed to PDF ("- ShCR – GP view [Delivered]", then "all 41
    practices see ..." a paragraph apart, then the next item): each such paragraph is the item's
    own continuation.  Only in a list of two or more tagged items (a review's), where prose between
    items is an item's detail: a paragraph between two items joins the item above, unless it leads in
    to what follows (ends with a colon); after the last item only a paragraph that opens in lower
    case (a line broken off the item) does."""
    out: list[RawBlock] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind != "list_item":
            out.append(b)
            i += 1
            continue
        run = [b]  # the list: its items and the paragraphs among them
        j = i + 1
        while j < len(blocks) and blocks[j].kind in ("list_item", "paragraph"):
            run.append(blocks[j])
            j += 1
        while run[-1].kind == "paragraph" and not _goes_on(run[-1]):  # prose after the list is not the list's
            run.pop()
            j -= 1
        tagged = sum(tagged_status(join_lines(sl.text for sl in r.lines)) is not None for r in run)
        if tagged < 2:
            out.append(b)
            i += 1
            continue
        for r in run:
            if r.kind == "paragraph" and out and out[-1].kind == "list_item" and _detail_of_item(r):
                item = out[-1]
                out[-1] = RawBlock("list_item", item.lines + r.lines, depth=item.depth, blank_before=item.blank_before,
                                   blank_after=r.blank_after, fields=item.fields, marker=item.marker)
            else:
                out.append(r)
        i = j
    return out


def _goes_on(block: RawBlock) -> bool:
    """A paragraph that opens in lower case: a line broken off the text above it."""
    first = strip_markup(block.lines[0].text).lstrip()
    return bool(first) and first[0].islower()


def _detail_of_item(block: RawBlock) -> bool:
    """A paragraph that can be the detail of the item above it: a line or two that neither leads in
    to what follows ("The following were stopped:") nor gives a status of its own (a slide's title
    over its "RAG: Partly delivered | Amber" line opens the next account)."""
    return (len(block.lines) <= _DETAIL_LINES and not strip_markup(block.lines[-1].text).rstrip().endswith(":")
            and not any(lab.role == "status" for sl in block.lines for lab in split_labels(strip_markup(sl.text))))
