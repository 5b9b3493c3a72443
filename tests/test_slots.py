"""Whether a sentence fills the slot a question asks about: a member of the kind asked for,
the setting a remark is placed in, the office a doer is asked by."""

from __future__ import annotations

from askcorpus import constraints, slots


def test_a_kind_restated_names_no_member() -> None:
    sources = "Which informed sources did the Harbour Gazette cite?"
    assert slots.asked_kind(sources) == ["informed", "sources"]
    assert not slots.names_a_member(
        "Citing informed sources, the Harbour Gazette wrote: the port will close.", sources
    )
    # a member after the kind, before it, or brought in by "such as" / a colon
    assert slots.names_a_member("Informed sources at the Pebbleton Port Authority spoke.", sources)
    assert slots.names_a_member("Two informed sources told the Harbour Gazette.", sources)
    assert slots.names_a_member("Union informed sources told the Harbour Gazette.", sources)
    assert slots.names_a_member("It cited sources such as the port's pilots.", sources)
    assert slots.names_a_member("It cited three sources: pilots, dockers and tug crews.", sources)
    # a text that never names the kind may answer in other words
    assert slots.names_a_member("The Harbour Gazette quoted two pilots.", sources)
    forces = "Which extra-regional armed forces did the admiral say must leave the bay?"
    assert not slots.names_a_member(
        "The admiral said the presence of extra-regional armed forces in the area must end.",
        forces,
    )
    assert slots.names_a_member(
        "The admiral said extra-regional armed forces of Norland must leave the bay.", forces
    )
    # "such mechanisms" picks out none; "Name the ..." is asked as "Which ...?"
    mechanisms = "Which risk-control mechanisms that the two ports had set up?"
    assert not slots.names_a_member(
        "The ports set up some mechanisms to control the risk, but now lack such mechanisms.",
        mechanisms,
    )
    assert slots.names_a_member("They set up mechanisms including a joint hotline.", mechanisms)
    # a compound or a describing word before the kind is a member ("scalar quantities")
    quantities = "What physical quantities do not have direction?"
    assert slots.names_a_member("Unlike forces, scalar quantities have no direction.", quantities)


def test_kinds_with_their_own_checks_or_no_members_are_left_alone() -> None:
    assert slots.asked_kind("Which countries attended the summit?") is None  # a country check
    assert slots.asked_kind("What role did the mayor play?") is None  # one thing, no members
    assert slots.asked_kind("What causes the symptoms of inflammation?") is None  # a verb
    assert slots.asked_kind("What benefits are there to the expansion?") is None
    assert slots.asked_kind("Which treaty did the mayor sign?") is None  # one thing
    assert slots.names_a_member("The mayor signed the treaty.", "Which treaty did she sign?")


def test_a_remark_placed_somewhere_needs_that_place() -> None:
    forum = "What did Ana Lind say at the Harbour Forum in Pebbleton?"
    assert slots.setting_names(forum) == ["harbour", "forum", "pebbleton"]
    assert not slots.places_the_deed("Ana Lind urged higher port fees.", forum)
    assert slots.places_the_deed(
        "At the Harbour Forum in Pebbleton, Ana Lind urged higher port fees.", forum
    )
    # a quotation after the sentence that places the speaker there
    passage = (
        "Ana Lind spoke at the Harbour Forum in Pebbleton on Monday. “Fees must rise,” she said."
    )
    assert slots.places_the_deed("“Fees must rise,” she said.", forum, passage)
    # the sentence before must place the speaker too, not only the event
    passage = "The Harbour Forum met in Pebbleton. Ana Lind had said fees must rise."
    assert not slots.places_the_deed("Ana Lind had said fees must rise.", forum, passage)
    # a capital as a place is the city, not its country
    paris = "What did Ana Lind tell reporters after meeting the mayor in Paris?"
    assert not slots.places_the_deed("Meeting the mayor in Lyon, Ana Lind told France ...", paris)
    # a place inside what was said is no setting of the remark
    assert slots.setting_names("What does Ana Lind say cranes in Norland are used for?") == []
    # a language is no setting; questions without one are left alone
    assert slots.setting_names("What does Kitab Rudjdjar mean in English?") == []
    assert slots.places_the_deed("Ana Lind said fees must rise.", "What did Ana Lind say?")


def test_a_doer_asked_by_office() -> None:
    question = "Why did Norland's president announce that it would leave the pact?"
    assert slots.contradicts_office(
        "Its Prime Minister Ana Lind announced that Norland would leave the pact.", question
    )
    assert not slots.contradicts_office(
        "Norland's President Ana Lind announced that it would leave the pact.", question
    )
    # "top diplomat" is a foreign minister
    assert not slots.contradicts_office(
        "Norland's Foreign Minister Ana Lind blamed the pact.",
        "When did Norland's top diplomat blame the pact?",
    )
    # an office that is not the doer's is not held against the text
    assert not slots.contradicts_office(
        "Foreign Minister Ana Lind said the president would resign.",
        "What did Ana Lind say about the president?",
    )


def test_a_month_other_than_the_asked() -> None:
    assert constraints.contradicts_month(
        "On July 14, 2024, Ana Lind said at a conference that fees must rise.",
        "What did Ana Lind say at her conference in June 2024?",
    )
    assert constraints.contradicts_month(
        "Ana Lind announced in an interview in January that the July summit would vote.",
        "Who announced in a March interview that the July summit would vote?",
    )
    assert not constraints.contradicts_month(
        "On 14 June, Ana Lind said fees must rise.", "What did Ana Lind say in June?"
    )
    # no month in the text, or the verb "may", is no contradiction
    assert not constraints.contradicts_month(
        "Ana Lind said fees may rise.", "What did Ana Lind say in June?"
    )


def test_a_yes_no_question_needs_the_deed() -> None:
    agree = "Did Ben Ode agree to keep the harbour open after meeting Ana Lind?"
    assert not slots.tells_the_polar("Ana Lind met Ben Ode in Pebbleton on Friday.", agree)
    assert slots.tells_the_polar("Ben Ode agreed to keep the harbour open.", agree)
    # "No" is an answer too: "did not attend" tells of attending
    attend = "Did Norland attend the harbour summit?"
    assert slots.tells_the_polar("Norland did not attend the summit.", attend)
    # "say" is answered by any speech
    assert slots.tells_the_polar(
        "Ana Lind warned that fees would rise.", "Did Ana Lind say anything about fees?"
    )
    assert slots.tells_the_polar("Ana Lind met Ben Ode.", "Who did Ana Lind meet?")


def test_two_named_doers_are_both_needed() -> None:
    where = "Where did Ana Lind and Ben Ode hold their meeting?"
    assert not slots.names_both("Meeting Lind in Pebbleton, Kim Osaka said fees rise.", where)
    assert slots.names_both("Ana Lind met Ben Ode in Pebbleton on Friday.", where)
    # "the two" after a sentence naming both
    passage = "Ana Lind met Ben Ode on Friday. The two spoke in Pebbleton."
    assert slots.names_both("The two spoke in Pebbleton.", where, passage)
    assert not slots.names_both("Lind spoke in Pebbleton.", where, "Kim Osaka left. Lind spoke.")
    assert slots.names_both("Lind spoke.", "Where did Ana Lind speak?")


def test_checks_hold_against_the_review_cases() -> None:
    # yes/no: irregular pasts, a negation before the verb, speech by "spoke"
    assert slots.tells_the_polar("Lind met Ode in Oslo.", "Did Lind and Ode meet in Oslo?")
    assert slots.tells_the_polar("Norland won the vote.", "Did Norland not win the vote?")
    assert slots.tells_the_polar("Lind spoke to reporters.", "Did Lind speak to reporters?")
    assert not slots.tells_the_polar("The government fell.", "Did Lind go to Oslo?")
    # an office that is whom the doer told, or one the text only mentions, is no subject
    assert not slots.contradicts_office(
        "Foreign Minister Kim Osaka said so.", "What did Lind tell the chancellor?"
    )
    assert not slots.contradicts_office(
        "Ode announced that President Lind had ordered a pause.",
        "What did the defence secretary announce?",
    )
    assert not slots.contradicts_office(
        "Ode told reporters the prime minister would travel.", "What did the president say?"
    )
    # an office with no name, opening the text, is its subject
    assert slots.contradicts_office(
        "The NATO Secretary General said the port must close.",
        "What did the US Secretary of State say about the port?",
    )
    # a setting by another form of its name, or by its initials
    assert slots.places_the_deed(
        "At the Harbour Cooperation Forum summit, Lind said fees rise.",
        "What did Lind say at the Harbour Cooperation Forum summit?",
    )
    assert slots.places_the_deed(
        "At the HCF summit in Pebbleton, Lind said fees rise.",
        "What did Lind say at the Harbour Cooperation Forum summit?",
    )
    assert slots.places_the_deed(
        "On a Chinese state visit, Lind said fees rise.", "What did Lind say in China?"
    )
    # two doers told together, or one and "his counterpart"
    pair = "Where did Lind and Ode sign the pact?"
    assert slots.names_both("The Danish and Norwegian leaders signed it in Oslo.", pair, "x.")
    assert slots.names_both("Lind and her Norwegian counterpart signed it in Oslo.", pair)
    assert not slots.names_both(
        "President Lind signed it in Oslo.", "Where did President Lind and President Ode meet?"
    )
    # members as common nouns after the kind
    assert slots.names_a_member(
        "The outage affected services at banks, airlines and hospitals.",
        "Which services did the outage affect?",
    )
    assert not slots.names_a_member(
        "Citing informed sources, the Gazette wrote that the port will close.",
        "Which sources did the Gazette cite?",
    )
    assert slots.asked_kind("What happens to the port if the pact fails?") is None
