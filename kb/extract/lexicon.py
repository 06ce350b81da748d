"""Word lists the rules share: action verbs, their nominalisations, forward and past markers.

Planning documents state commitments in a handful of shapes: imperatives ("Develop a workforce
strategy"), nominalised actions ("Reduction in out-patient activity"), gerunds ("Implementing
better births") and modal sentences ("We will ...").  No statistical model is available offline,
so these lists stand in for a part-of-speech tagger on exactly the words that matter.
"""

from __future__ import annotations

import re

ACTION_VERBS = frozenset(
    """
    achieve act address adopt advise agree aim align allow apply appoint appraise approve assess assure
    attract award begin bring build close collaborate collate commence commission complete confirm
    consider consolidate continue co-design co-develop co-produce create decide define deliver deploy
    design determine develop direct drive educate embed empower enable encourage engage enhance ensure
    enter establish evaluate expand explore extend facilitate finalise focus form formalise help hold
    identify implement improve include increase influence inform integrate introduce invest involve keep
    launch lead look maintain make manage maximise meet minimise mobilise monitor move offer operate optimise
    optimize oversee pilot plan prepare prevent prioritise proceed procure produce progress promote protect
    provide publish put raise realise recommission recruit redesign reduce refresh reinvest relaunch remove
    reconfigure reform release replace report resource respond restructure retain review roll run scale scope
    secure seek set share shift simplify sign standardise start strengthen streamline submit support sustain
    tackle tailor target test trial transform treat undertake update upscale use utilise work
    consult lobby install incorporate request investigate purchase revise switch eliminate examine
    propose
    """.split()
)

# "Reduction in ...", "Implementation of ...": the nouns that name an action to be taken.
ACTION_NOUNS = frozenset(
    """
    achievement adoption alignment appraisal approval assessment assurance award commissioning completion
    consolidation consultation creation delivery deployment design development embedding engagement enhancement
    establishment evaluation expansion exploration extension formation implementation improvement introduction
    investment integration launch mobilisation procurement provision recommissioning recruitment redesign
    reduction re-specification respecification review roll-out rollout sharing simplification
    standardisation strengthening streamlining transformation upscaling use options expanding closure
    reconfiguration relocation replacement
    """.split()
)

# Participial adjectives that head commitment bullets: "Enhanced support for Carers", "Reduced length of stay".
ACTION_ADJECTIVES = frozenset(
    """
    enhanced improved increased reduced greater better extended expanded earlier faster further more fewer
    new consistent integrated standardised streamlined sustainable automatic rapid single simple stronger
    """.split()
)

MODAL_FORWARD = (
    r"will|shall|'ll|is to|are to|plan to|planning to|planned to|intend(?:s|ed)? to|"
    r"(?:we|our \w+|the ccgs?|ccgs?|board|system|partners?|partnership) (?:are |is )?aim(?:s|ing)? to|"
    r"our aim is|aiming to|"
    r"committed to|commitment (?:is|to)|are looking to|is looking to|look to|seek(?:s|ing)? to|"
    r"going to|expected to|need(?:s)? to|must|should|propose(?:s|d)? to|want(?:s)? to|"
    r"is intended|it is the intention|our intention|the intention is|"
    r"is anticipated|it is anticipated|anticipated that|continue(?:s)? to|"
    r"agree(?:s|d)? to|ambition|our focus|priorit(?:y|ies) (?:is|are|will)|objective is|"
    r"resolved that|recommended to|asked to|"
    r"(?<!believed )(?<!likely )(?<!appears )(?<!seems )(?<!said )(?<!known )(?<!thought )"
    r"to be (?!(?:closer|a|an|the|more|less|very|in|on|at|of|reviewed\.)\b)\w+(?:ed|en|t|up)\b"
)

# Past forms that are unambiguous or come with an auxiliary; bare participles ("Increased access")
# head commitment bullets too often to count as past on their own.
PAST_MARKERS = (
    r"has been|have been|had been|was|were|had|did|took place|took|began|saw|"
    r"(?:we|they|it|which|who|this|that|board|group|ccgs?|partners|commissioners|providers|team|service|"
    r"report|presentation|meeting|members|workstream) (?:\w+ly )?(?:\w+ed|took|began|met|saw|led|held|set up|"
    r"made|gave|sought|brought|went|came|won)"
)


def gerund_stems(word: str) -> list[str]:
    """Candidate base forms of an -ing word ("working" -> work, "making" -> make, "planning" -> plan)."""
    w = word.lower()
    if not w.endswith("ing") or len(w) < 6:
        return []
    stem = w[:-3]
    candidates = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    return candidates


def is_action_verb(word: str) -> bool:
    return word.lower() in ACTION_VERBS


def is_gerund_action(word: str) -> bool:
    return any(s in ACTION_VERBS for s in gerund_stems(word))


def past_stems(word: str) -> list[str]:
    """Candidate base forms of an -ed word ("expanded" -> expand, "completed" -> complete,
    "identified" -> identify, "planned" -> plan)."""
    w = word.lower()
    if not w.endswith("ed") or len(w) < 5:
        return []
    stem = w[:-2]
    candidates = [stem, w[:-1]]
    if stem.endswith("i"):
        candidates.append(stem[:-1] + "y")
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    return candidates


def is_action_form(word: str) -> bool:
    """An action verb in any of its forms (develop, develops, developed, developing), or a noun or
    participle that names an action ("Reduction", "Enhanced")."""
    w = word.lower()
    return (w in ACTION_VERBS or w in ACTION_NOUNS or w in ACTION_ADJECTIVES
            or w.endswith("s") and (w[:-1] in ACTION_VERBS or w.endswith("es") and w[:-2] in ACTION_VERBS)
            or any(s in ACTION_VERBS for s in past_stems(w)) or is_gerund_action(w))

# Heads of noun phrases that name a party (a body or an office-holder) rather than a thing: "the
# council", "officers", "the directorate", "the Cabinet Member".  A "would" of minutes is a reported
# undertaking when a party is its subject ("the council would consult"), a prediction when a thing is
# ("these scenarios would only give an indication").
PARTY_HEADS = frozenset(
    """
    agency agencies alliance authority authorities board boards body bodies cabinet ccg ccgs chair chairman
    chairs clinician clinicians colleagues commissioner commissioners committee committees company companies
    council councillor councillors councils department departments directorate directorates director directors
    executive forum government governor governors group groups icb leader leaders lead leads management manager
    managers member members ministers minister network networks nhs office officer officers organisation
    organisations panel partner partners partnership partnerships practice practices provider providers
    secretary service services staff team teams trust trustee trustees trusts unit we workforce
    """.split()
)

# Verbs by which a paper asks a party to act ("Systems are asked to ...", "Cabinet is invited to ..."),
# and what a party asked so does that is no work of its own: taking note of a paper.
REQUEST_VERBS = frozenset({"ask", "invite", "request", "recommend", "encourage", "urge", "direct", "instruct"})
# Verbs that give work to the party they name: "The Board has asked the Trust to review ...", "the
# group was tasked with ...", "commissioned the service to ...".
ASSIGNING_VERBS = frozenset({"ask", "task", "commission"})
# Decisions taken: the verb of a resolution or an agreement.
DECISION_VERBS = frozenset({"resolve", "agree", "decide", "approve", "endorse", "determine", "ratify", "adopt",
                            "support", "recommend", "conclude", "accept", "commit", "delegate",
                            "request", "instruct", "direct", *ASSIGNING_VERBS})
# TAKING_IN: what a meeting does with a paper that is no act ("Note the progress", "To receive the minutes").
TAKING_IN = frozenset({"note", "receive", "welcome", "thank", "acknowledge", "comment"})
NOTING_VERBS = TAKING_IN | {"consider", "discuss", "read", "review", "scrutinise", "scrutinize"}


# A title that names who will act on the list under it, as plans head their action lists: "What
# the Council will do", "How partners can help", "Actions Northshire County Council can take"; and
# its opening words, without which it reads as the sentence it stands for ("the Council will do").
DOER_TITLE_LEAD = re.compile(r"^(?:what|how)\s+|^(?:key\s+|our\s+)?(?:actions?|steps)\s+(?:that\s+)?", re.I)
DOER_TITLE = re.compile(r"^(?:what|how)\s+\S.{0,70}?\s+(?:will|can|could|should|must|is going to|are going to)"
                        r"(?:\s+\w+){1,2}\W*$|^(?:key\s+|our\s+)?(?:actions?|steps)\s+(?:that\s+)?\S.{0,70}?\s+"
                        r"(?:will|can|could|should|must)\s+(?:take|do|deliver)(?:\s+(?:in|with|as|to|for|together|jointly)\b(?:\s+\w+){0,2})?\W*$",
                        re.I)
