"""Lower-case questions read with the corpus's capitals (`truecase`)."""

from __future__ import annotations

from askcorpus.truecase import case_table, is_lower_case, truecased

TEXTS = [
    "Oslo Harbour Board Meets Again\n"
    "Mayor Ana Lind met Kim Osaka in Oslo on Monday. The board said the NATO forum in "
    "Palm Beach and the Harbour Treaty were discussed. Later Lind met the board again, and "
    "Osaka told us the pact of 1990 still holds. North Korea and Kim Osaka replied.",
]


def test_names_the_corpus_capitalises_get_capitals() -> None:
    cases = case_table(TEXTS)
    assert truecased("where did lind meet osaka", cases) == "Where did Lind meet Osaka?"
    assert truecased("what did nato say about palm beach?", cases) == (
        "What did NATO say about Palm Beach?"
    )
    assert truecased("what did osaka's board say", cases) == "What did Osaka's board say?"


def test_words_the_corpus_writes_in_lower_case_stay_so() -> None:
    cases = case_table(TEXTS)
    # "board" is mostly lower case; "meets" only in the headline; "us" is a pronoun
    assert truecased("who met the board", cases) == "Who met the board?"
    assert "Meets" not in truecased("when lind meets osaka", cases)
    assert truecased("what did osaka tell us", cases) == "What did Osaka tell us?"
    # a word capitalised only inside a name stays a common noun after "the" or "which"
    assert truecased("which treaty holds", cases) == "Which treaty holds?"
    assert truecased("is the harbour treaty signed", cases) == "Is the Harbour Treaty signed?"


def test_countries_and_the_us_are_capitalised_from_the_gazetteer() -> None:
    cases = case_table(TEXTS)
    assert truecased("did south korea or the uk reply", cases) == "Did South Korea or the UK reply?"
    assert truecased("how much did the us spend", cases) == "How much did the US spend?"
    assert truecased("did iran vote", cases) == "Did Iran vote?"


def test_a_question_with_capitals_of_its_own_is_left_as_typed() -> None:
    cases = case_table(TEXTS)
    assert not is_lower_case("Where did Lind meet osaka")
    assert truecased("Where did Lind meet osaka", cases) == "Where did Lind meet osaka"
    assert is_lower_case("Where did lind meet osaka")
    assert truecased("", cases) == ""


def test_a_word_that_opens_names_is_capitalised_only_before_a_name() -> None:
    cases = case_table(TEXTS)
    # "North" only ever opens "North Korea" here; "Kim" only ever opens "Kim Osaka"
    assert truecased("did north korea reply", cases) == "Did North Korea reply?"
    assert truecased("how far north did lind go", cases) == "How far north did Lind go?"


def test_well_known_names_are_capitalised_though_the_corpus_lacks_them() -> None:
    cases = case_table(["The mayor met Lind in Oslo on Friday. The board thanked Lind."])
    asked = truecased("how did the kremlin respond to lind's remarks", cases)
    assert asked == "How did the Kremlin respond to Lind's remarks?"
