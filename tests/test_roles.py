"""A person's role: the questions that ask it and the titles that tell it."""

from __future__ import annotations

from askcorpus import roles


def test_the_questions_that_ask_a_persons_role() -> None:
    assert roles.asked_person("What is Ana Lind's job?") == "Ana Lind"
    assert roles.asked_person("What is the title of Per Holm?") == "Per Holm"
    assert roles.asked_person("What post does Ben Ode hold?") == "Ben Ode"
    assert roles.asked_person("What title does the report give Holm as he takes office?") == (
        "Holm"
    )
    # another, a former or a later role, or a role at some time, may not be told: not these
    for q in (
        "What other post does Ben Ode hold?",
        "What was Ana Lind's job before the vote?",
        "What is Ana Lind's role in the harbour deal?",
        "What is Lind's job?",  # a surname alone may be a place or a firm
        "What does Ana Lind do?",
        "What is the Kremlin's position?",  # a name is capitalised: this is no person's
        "What title does the report give Holm when he was mayor in 2005?",
        "What title does the report give Holm at the time of his first term?",
    ):
        assert roles.asked_person(q) is None, q
    assert roles.asked_person("what's Ana Lind's job?") == "Ana Lind"


def test_the_title_a_text_gives_a_person() -> None:
    said = "The vote, confirmed by Harbour spokesperson Ana Lind, ran."
    assert roles.title_of("Ana Lind", said) == "Harbour spokesperson"
    # a word in lower case that is no title ends it
    assert roles.title_of("Ana Lind", "It was confirmed by port spokesperson Ana Lind.") == (
        "spokesperson"
    )
    assert roles.title_of("Ben Ode", "On Friday, Harbour Board Chief Ben Ode left.") == (
        "Harbour Board Chief"
    )
    assert roles.title_of("Per Holm", "Since Port Secretary of State Per Holm said so.") == (
        "Port Secretary of State"
    )
    # an apposition after the name
    said = "In Osaka on Friday, Per Holm, the new Director General of the Port Authority, spoke."
    assert roles.title_of("Per Holm", said) == "new Director General of the Port Authority"
    # a surname alone is found too ("President Holm")
    assert roles.title_of("Per Holm", "The board thanked President Holm.") == "President"
    # no title: a verb before the name ("would not elect Holm"), a capital opening the
    # sentence ("Meeting Holm ..."), or no mention
    for text in (
        "Port Chief Jan Holm spoke.",  # another Holm: "Jan Holm" is not "Per Holm"
        "Per Holm, who met the President, said no.",  # a clause, not an apposition
        "Voters would not elect Holm again.",
        "Meeting Holm in Osaka, Lind spoke.",
        "Per Holm left the port.",
        "The port chief left.",
    ):
        assert roles.title_of("Per Holm", text) is None, text


def test_a_role_of_a_kind_is_a_role_asked() -> None:
    assert roles.asked_person("What government post does Sergei Lavrov hold?") == "Sergei Lavrov"
    assert roles.asked_person("What official title does Farah Dakhlallah have?") == (
        "Farah Dakhlallah"
    )
    assert roles.asked_person("What government spending does Sergei Lavrov want?") is None
