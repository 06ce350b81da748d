"""The Lead cell of an action plan's row that a text export ran into the row's other cells
(kb.extract.lead_cells), read by the owner finder.  Rows, headers and bodies written for these tests
(a made-up area, Wyvernshire)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kb.extract.lead_cells import LeadCells  # noqa: E402
from kb.extract.owners import OwnerGazetteer  # noqa: E402

# A plan whose table a PDF-to-text tool flattened: a row's cells follow its action's full stop.
GLUED = "\n".join([
    "Wyvernshire Parks Plan 2024-29",
    "By 2029 we will... Lead Partners",
    "These actions will be reviewed every year.",
    "P1 Plant two hundred street trees in the town centre.Parks TrustWCC, schools, Friends groups",
    "P2 Open a new community orchard at Millbrook.WCC Parks Trust, Millbrook Parish Council",
    "P3 Publish a map of every public footpath in the district.Wyvernshire Walking ForumWCC",
    "P4 Run a volunteer day at each park every spring.FWG WCC, Parks Trust",
    "P5 Plant a community woodland of ten hectares by 2028.Parks TrustWCC, Woodland Trust",
    "P6 Restore the walled garden at",
    "Ashcombe House for community growing.FWG Parks Trust",
    "P7 Repair the bandstand in Millbrook park.PT Town Band, Bandstand Friends",
    "Glossary",
    "WCC Wyvernshire County Council",
    "FWG Friends of Wyvern Gardens",
])

# A plan whose rows run their cells together with single spaces, a Scope column between the action
# and the lead (its header lists the scope's values), Start and End cells closing each row.
SPACED = "\n".join([
    "Theme / Action Lead Partners Timescale",
    "Scope",
    "Inside / Outside / Shared",
    "Start End",
    "Replace the depot boilers with heat pumps Inside Estates Fleet, Finance Apr-24 Mar-26 B1",
    "Fit solar panels on two libraries Inside EstatesLibraries Service Jun-24 Dec-25 B1",
    "Run a home insulation advice service Outside Energy Team Estates, Housing Sep-24 Mar-27 B2",
    "Switch the pool cars to electric Inside Fleet Finance Apr-24 Mar-25 B3",
    "Review the waste contract with the districts Shared Waste Team All Depts Apr-24 Mar-25 C1",
    "Train all staff in carbon literacy Shared HR Team Energy Team, Estates Apr-25 Mar-26 D1",
    "Develop a tree planting plan Outside Fin Team Parks, Districts Apr-24 Mar-26 E1",
    "The Finance Team keeps the register.",
])

# Rows with no category column: the action ends at its last word in lower case.
PLAIN = "\n".join([
    "Action Lead Partners Start End",
    "Resurface the market square car park Highways Unit Town Council Apr-24 Sep-24",
    "Extend the evening bus route to the hospital Transport Team Bus Company, Hospital Jan-25 Jul-25",
])


def _lead(text: str, action: str) -> str | None:
    g = OwnerGazetteer().for_document(text)
    return g._lead_cells.lead(action, g._names_a_party)


def test_the_cell_after_the_action_s_full_stop_is_its_lead() -> None:
    g = OwnerGazetteer().for_document(GLUED)
    assert g.owners("Plant two hundred street trees in the town centre.") == ["Parks Trust"]
    # two cells run together with a space: the first is the lead, spelt out as the glossary does
    assert g.owners("Open a new community orchard at Millbrook.") == ["Wyvernshire County Council"]
    assert g.owners("Publish a map of every public footpath in the district.") == ["Wyvernshire Walking Forum"]
    # an acronym the document writes out only once, undefined: its one spelt-out name
    assert g.owners("Run a volunteer day at each park every spring.") == ["Friends of Wyvern Gardens"]
    # an action whose record ends at a line break before its sentence runs into its cells
    assert g.owners("Restore the walled garden at") == ["Friends of Wyvern Gardens"]
    assert g.owners("These actions will be reviewed every year.") == []  # a sentence of its own
    # a lead by initials the document spells out once, then the partners' cell after a space
    assert g.owners("Repair the bandstand in Millbrook park.PT Town Band, Bandstand Friends") == ["Parks Trust"]
    # an action ending in a year, its cells run into its full stop
    assert g.owners("Plant a community woodland of ten hectares by 2028.Parks TrustWCC, Woodland Trust") \
        == ["Parks Trust"]


def test_no_lead_column_no_lead_cell() -> None:
    text = GLUED.replace("Lead Partners", "Notes")
    g = OwnerGazetteer().for_document(text)
    assert g._lead_cells.active is False
    assert g.owners("Plant two hundred street trees in the town centre.") == []


def test_the_lead_of_a_row_after_its_category_cell() -> None:
    assert _lead(SPACED, "Replace the depot boilers with heat pumps Inside Estates Fleet, Finance Apr-24 Mar-26 B1") \
        == "Estates"
    assert _lead(SPACED, "Fit solar panels on two libraries Inside EstatesLibraries Service Jun-24 Dec-25 B1") \
        == "Estates"
    # a name ending in a unit's head word, then the partners
    assert _lead(SPACED, "Run a home insulation advice service Outside Energy Team Estates, Housing Sep-24 Mar-27 B2") \
        == "Energy Team"
    # the words before a cell the document writes on its own elsewhere ("Finance")
    assert _lead(SPACED, "Switch the pool cars to electric Inside Fleet Finance Apr-24 Mar-25 B3") == "Fleet"
    # a partners' cell opens with "All"
    assert _lead(SPACED, "Review the waste contract with the districts Shared Waste Team All Depts Apr-24 Mar-25 C1") \
        == "Waste Team"
    assert _lead(SPACED, "Train all staff in carbon literacy Shared HR Team Energy Team, Estates Apr-25 Mar-26 D1") \
        == "HR Team"


def test_a_short_form_is_named_as_the_document_writes_it_in_full() -> None:
    assert _lead(SPACED, "Develop a tree planting plan Outside Fin Team Parks, Districts Apr-24 Mar-26 E1") \
        == "Finance Team"


def test_the_lead_of_a_row_with_no_category_column() -> None:
    assert _lead(PLAIN, "Resurface the market square car park Highways Unit Town Council Apr-24 Sep-24") \
        == "Highways Unit"
    assert _lead(PLAIN, "Extend the evening bus route to the hospital Transport Team Bus Company, Hospital Jan-25 "
                        "Jul-25") == "Transport Team"


def test_a_row_owner_is_the_lead_not_the_partner() -> None:
    g = OwnerGazetteer().for_document(SPACED)
    assert g.owners("Run a home insulation advice service Outside Energy Team Estates, Housing Sep-24 Mar-27 B2") \
        == ["Energy Team"]


def test_prose_and_rows_without_cells_have_no_lead_cell() -> None:
    cells = LeadCells(PLAIN)
    assert cells.lead("We will resurface the market square car park by September.") is None
    assert cells.lead("Resurface the market square car park Apr-24 Sep-24") is None
    assert LeadCells("Our plan for the year ahead.\nWe will open two clinics.").lead("We will open two clinics.") is None


def test_cells_kept_in_the_action_s_own_text() -> None:
    g = OwnerGazetteer().for_document(GLUED)
    assert g.owners("Plant two hundred street trees in the town centre.Parks TrustWCC, schools") == ["Parks Trust"]


def test_cells_on_a_line_of_their_own_before_the_next_row() -> None:
    text = GLUED + "\nP5 Light the riverside path with solar lamps.WCC Parks Trust\nP6 Map the district's hedgerows by 2026."
    g = OwnerGazetteer().for_document(text)
    assert g.owners("Light the riverside path with solar lamps.") == ["Wyvernshire County Council"]


def test_a_heading_run_into_a_glossary_line_is_no_part_of_the_name() -> None:
    text = "Our plan.\nAbbreviationsRPB Riverside Parks Board\nThe Riverside Parks Board will open the lido in May."
    g = OwnerGazetteer().for_document(text)
    assert g.owners("The Riverside Parks Board will open the lido in May.") == ["Riverside Parks Board"]
