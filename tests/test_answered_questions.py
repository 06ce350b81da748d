"""Reviews written as questions and answers ("Did we open the skate park?" / "Yes, in June 2023. ..."),
and a plan's summary list that restates its actions in a few words.  Every line here is written for
these tests."""

from __future__ import annotations

import pytest

from kb.layout.fields import progress_of, question_answered


@pytest.mark.parametrize("question, answer, status", [
    ("Did we open the skate park at Ferrow Green?", "Yes, but three months late. It opened in June.", "done"),
    ("**Have all four libraries got a makerspace?**", "Partly. Two have one and two are being fitted.", "ongoing"),
    ("Can residents now book the hall online? (action 6)", "Not yet. The booking system goes live in May.", "unmet"),
    ("Did we start a repair café?", "No – instead we gave a grant to the one run by the church.", "revised"),
    ("Did we start a repair café?", "No. Nobody offered to run it.", "unmet"),
    # no yes-or-no question, or no answer word first
    ("What did we do for young people?", "Yes. We opened two youth clubs.", None),
    ("Did we open the skate park?", "The skate park opened in June.", None),
    ("Did we open the skate park", "Yes. It opened in June.", None),  # no question mark: a title
])
def test_the_answer_to_a_question_a_review_asks_of_its_promise(question, answer, status):
    assert progress_of(question_answered(question, answer)) == status


_PLAN = ("Ferrow District Council\n\nOpen Spaces Plan 2021-2024\n\n**Parks for everyone**\n\n"
         "Our parks are busier than ever. We will open a skate park at Ferrow Green by summer 2023, "
         "designed with the young people who will use it.\n\n"
         "We will plant 2,000 street trees across the district's towns by March 2024, choosing species "
         "that cope with drought.\n\n"
         "**Less waste**\n\nWe will start a repair café in Ferrow town centre in 2022, run by volunteers.\n\n"
         "**Our actions on a page**\n\n"
         "1. Ferrow Green skate park – summer 2023\n"
         "2. Street trees, 2,000 – March 2024\n"
         "3. Repair café – 2022\n")


def test_a_review_written_as_questions_and_answers_gives_each_promise_its_status(tmp_path):
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2021-04_ferrow-dc_open-spaces-plan_2021-24.txt": _PLAN,
        "2024-07_ferrow-dc_did-we-keep-our-promises.txt":
        "Ferrow District Council\n\nOpen Spaces Plan 2021-2024: did we keep our promises?\n\n"
        "Every answer below starts with Yes, Partly, Not yet or No.\n\n"
        "**Did we open a skate park at Ferrow Green?**\n\n"
        "Yes, but two months late. It opened in September 2023 and young people helped to design it.\n\n"
        "**Did we plant 2,000 street trees?**\n\n"
        "Partly. We have planted 1,240 trees so far, and the rest will go in next winter.\n\n"
        "**Did we start a repair café?**\n\n"
        "No – instead we gave a grant to the repair café that the church already runs in Ferrow.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    seeds = {
        "skate": next(c for t, c in recs.items() if t.startswith("We will open a skate")),
        "trees": next(c for t, c in recs.items() if t.startswith("We will plant 2,000")),
        "café": next(c for t, c in recs.items() if t.startswith("We will start a repair")),
    }
    assert {k: kb.trace(c.id).status for k, c in seeds.items()} == {
        "skate": "delivered", "trees": "in progress", "café": "revised"}


def test_a_row_naming_the_summary_lists_short_form_reaches_the_promise_in_the_prose(tmp_path):
    """The review's question follows the plan's summary list ("Ferrow Leisure Card – April 2022") more
    closely than the prose that states the promise in full: the prose's statement, the same action of
    the same plan, has the row's verdict too, though its own words score under the floor a row needs
    to name an action alone."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2021-04_ferrow-dc_leisure-plan_2021-24.txt":
        "Ferrow District Council\n"
        "\n"
        "Leisure Plan 2021-2024\n"
        "\n"
        "**Prices people can afford**\n"
        "\n"
        "Cost keeps many families out of our centres.\n"
        "\n"
        "Target group\tWhat we heard\tWhat we will do\n"
        "Residents on benefits\tHalf of those we asked said the price stops them.\tFrom April 2022, residents who "
        "receive Universal Credit, Pension Credit, Housing Benefit or another means-tested benefit will be able to "
        "buy a Ferrow Leisure Card giving 50% off swimming, the gym and fitness classes at all three of the "
        "Council's sports centres and at the outdoor pool in Brindle Park, with the card renewed every year at the "
        "library and a leaflet about it sent out with every council tax bill.\n"
        "\n"
        "**Places to play**\n"
        "\n"
        "We will refurbish the play area at Mill Lane by 2023.\n"
        "\n"
        "**Our actions on a page**\n"
        "\n"
        "1. Ferrow Leisure Card – April 2022\n"
        "2. Mill Lane play area – 2023\n",
        "2024-07_ferrow-dc_leisure-plan-did-we-do-it.txt":
        "Ferrow District Council\n"
        "\n"
        "Leisure Plan 2021-2024: did we do what we said?\n"
        "\n"
        "**Did we bring in a Ferrow Leisure Card for people on low incomes, as we promised in 2021?**\n"
        "\n"
        "No – instead we made swimming free for children on free school meals in the holidays.\n"
        "\n"
        "**Did we refurbish the Mill Lane play area?**\n"
        "\n"
        "Yes. The new play area opened in May 2023.\n",
    })
    seed = next(c for c in kb.commitments() if c.text.startswith("From April 2022, residents"))
    assert kb.trace(seed.id).status == "revised"
