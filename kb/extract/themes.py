"""Themes: which policy area a commitment belongs to, from its words and its section headings.

The theme list is the annotation guide's.  A commitment's own words decide first; the section
path breaks ties and fills in when the text is generic ("Review current specifications").
"""

from __future__ import annotations

import re

THEMES: dict[str, str] = {
    "stroke": r"strokes?|thromb\w+|hyper[- ]?acute|\bTIA\b|\bESD\b|\bHASU\b",
    "mental health": r"mental health|mental ill|\bIAPT\b|talking therap\w*|psychological therap\w*|\bCAMHS\b|"
    r"psychosis|suicid\w*|crisis concordat|eating disorder|\bMH\b|self-harm|perinatal mental|wellbeing service",
    "dementia": r"dementia",
    "learning disabilities and autism": r"learning disabilit\w*|learning difficult\w*|autis\w*|\bASD\b|\bADHD\b|"
    r"transforming care|\bLD\b",
    "cancer": r"cancer|screening|oncolog\w*|survivorship|\bLWBC\b|rapid diagnostic",
    "diabetes": r"diabet\w*|\bDESMOND\b|glucose",
    "end of life": r"end of life|palliative|hospice|advance care planning|die at home",
    "maternity and children": r"maternity|matern\w*|neonat\w*|paediatric\w*|children|child\b|young people|"
    r"births?\b|midwi\w+|pregnan\w*|infant|\bSEND\b|\bEHCP\b|looked after|\bCYP\b|school",
    "urgent and emergency care": r"urgent|emergency|\bA&E\b|\bUEC\b|U&EC|\bNHS ?111\b|ambulance|\bUTCs?\b|"
    r"walk[- ]in|out of hours|ambulatory|\bSDEC\b|\bED\b|crisis response|delayed transfers?|frailty service",
    "out of hospital": r"out of hospital|\bOoH\b|\bOOH\b|community services?|integrated (?:neighbourhood|community)|"
    r"community teams?|crisis response|reablement|better care fund|\bBCF\b|frail\w*|care closer to home|"
    r"neighbourhood teams?|social care",
    "primary care": r"primary care|general practice|\bGPs?\b|practices|\bPCNs?\b|primary care networks?|"
    r"seven day|7 day|social prescribing",
    "planned care": r"planned care|elective|outpatient|out-patient|\bMSK\b|musculo|referral|follow[- ]up|"
    r"orthopaedic|ophthalmolog\w*|procedures|diagnostics?|right care|thresholds|\bRTT\b|day case",
    "care homes": r"care homes?|nursing homes?|residential",
    "carers": r"\bcarers?\b",
    "medicines": r"medicines?|prescribing|pharmac\w+|prescriptions?",
    "prevention and public health": r"prevent\w*|public health|smoking|obesity|weight management|alcohol|drug|"
    r"healthy lifestyle|physical activity|inequalit\w*|wellbeing|well-being|population health|marmot|falls",
    "digital": r"digital|\bIT\b|\bIM&T\b|\bEPR\b|electronic|records?\b|technology|online|telehealth|video|"
    r"data sharing|\bICR\b|e-referral|portal|\bLDR\b",
    "workforce": r"workforce|staff\w*|recruit\w*|retention|training|apprentice\w*|\bLWAB\b|nurse associate|"
    r"roles|agency|leadership academy|people plan",
    "estates": r"estates?|premises|buildings?|capital|land|sites?\b|facilities",
    "finance and efficiency": r"financ\w*|savings?|£|cost\w*|efficien\w*|\bQIPP\b|\bCIP\b|budget\w*|"
    r"productivity|value for money|back[- ]office|tariff|payment|contract value|spend",
    "engagement": r"engag\w*|consult\w*|communicat\w*|stakeholders?|public|patients and the public|"
    r"healthwatch|listen|co-produc\w*|dialogue",
    "governance and partnership": r"governance|board|partnership|collaborat\w*|\bICS\b|accountable care|"
    r"design authority|programme|commissioning|contract\w*|strategic commission\w*|alliance|place\b",
}


def at_word_start(pattern: str) -> str:
    """A theme's pattern matched only where a word starts: "land" is no part of "England" or
    "Midlands", "board" of "dashboard", "elective" of "selective", nor "prescribing" of a folded
    concept token ("zzsocialprescribing")."""
    return rf"(?<![A-Za-z0-9])(?:{pattern})"


_COMPILED = {theme: re.compile(at_word_start(pattern), re.I) for theme, pattern in THEMES.items()}
# Specific clinical areas win over the broad organisational ones when both match.
_PRIORITY = list(THEMES)


def themes_for(text: str, section: tuple[str, ...] = ()) -> list[str]:
    """Themes of a commitment, most specific first; ['other'] when nothing matches."""
    found = [t for t in _PRIORITY if _COMPILED[t].search(text)]
    if not found:
        heading_text = " ".join(section[-2:])
        found = [t for t in _PRIORITY if _COMPILED[t].search(heading_text)]
    return found[:3] or ["other"]
