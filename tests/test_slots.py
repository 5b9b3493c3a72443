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


def test_a_thing_promised_is_told_not_restated() -> None:
    # the question names a thing someone promised; a sentence ending on it names it only
    restated = "Meeting Ode on Monday, Lind said the closure “demands and will get a firm reply.”"
    for asked in (
        "What's the firm reply Lind promised over the closure?",
        "What firm reply did Lind announce?",
        "What steps did the minister announce as the firm reply to the closure?",
    ):
        assert not slots.tells_what_it_is(restated, asked), asked
    told = "The firm reply Lind promised will be a harbour fee."
    assert slots.tells_what_it_is(told, "What's the firm reply Lind promised?")
    # a sentence without the promised thing quoted does not tell it; unquoted, it may be
    # told in other words ("Lind's reform raises fees")
    busy = "Lind told reporters the port was busy."
    assert not slots.tells_what_it_is(busy, "Tell me the 'harbour plan' Ana Lind laid out.")
    assert slots.tells_what_it_is(
        "Lind's reform raises fees.", "Tell me the plan Ana Lind laid out."
    )
    # the thing after a preposition or "called" is no object restated
    assert slots.tells_what_it_is(
        "Norway sent 40 guns as part of the military aid.", "What military aid did Norway send?"
    )
    # "is the ..." says what it is, an apposition too; a passive asks for no promise
    assert slots.tells_what_it_is(
        "Pebbleton is the capital of Tidewater.", "What is the capital of Tidewater?"
    )
    assert slots.tells_what_it_is(
        "In 1524 came the Harbour Book, the first port almanac.", "What was the first port almanac?"
    )
    assert slots.tells_what_it_is(
        "The board announced on May 2 that two ports were chosen.",
        "What date were the top two port choices for Race 50 announced?",
    )
    assert slots.tells_what_it_is("Lind won the Harbour Prize.", "What prize did Lind win?")


def test_a_role_chosen_for_someone_and_an_earlier_holder() -> None:
    asked = "Which country did Tidewater's mayor name as her city's new trade partner?"
    left = "Tidewater stayed away since its mayor Ana Lind announced she would leave the league."
    assert not slots.gives_the_role(left, asked)
    assert slots.gives_the_role("Lind named Norway the city's main partner.", asked)
    # the act told in the same words counts ("appointed his brother")
    assert slots.gives_the_role(
        "The new board appointed his brother Ode.", "Who was appointed as the replacement for Lind?"
    )
    # "as what" asks for the role itself
    assert slots.gives_the_role(left, "Which port did Lind name as what kind of hub?")
    # the previous holder asked, only the new one told
    new = "At the forum, Ana Lind, the new Secretary General of the League, said fees rise."
    assert slots.contradicts_office(new, "What did the League's previous Secretary-General say?")
    assert not slots.contradicts_office(new, "What did the League's Secretary-General say?")
    # a group of another office
    group = "“Fees rise,” he said after the meeting of foreign affairs ministers in Pebbleton."
    assert slots.contradicts_office(group, "In which city did the league's defence ministers meet?")
    assert not slots.contradicts_office(
        group, "In which city did the league's foreign ministers meet?"
    )


def test_sources_speakers_and_events_asked_about() -> None:
    gazette = "Citing informed sources, the Harbour Gazette wrote that the port will close."
    herald = "The Herald also said the port will close."
    for asked in (
        "Who were the Harbour Gazette's sources for the closure?",
        "Which officials did the Harbour Gazette cite as expecting the closure?",
    ):
        assert not slots.cites_the_owner(herald, asked), asked
        assert slots.cites_the_owner(gazette, asked), asked
    # a paper holds no office; an untitled person may
    office = "What did the League spokesperson say about the port?"
    said = "Citing informed sources, Harbour Policy said that the port will close."
    assert not slots.speaker_holds_office(said, office, said)
    assert slots.speaker_holds_office("Holm said the port will close.", office, "Tom Holm came.")
    # a lone surname is a person's
    assert slots.speaker_holds_office("Holm said the port will close.", office, "")
    # the outcome of a debate needs one told; a summit's, any meeting
    debate = "What came out of the debate Lind proposed on port fees?"
    assert not slots.tells_of_the_event("On Friday, Lind blamed the board for the fees.", debate)
    assert slots.tells_of_the_event("The debate ended with a vote for lower fees.", debate)
    summit = "What was the outcome of the Pebbleton summit?"
    assert slots.tells_of_the_event("The leaders met and agreed on lower fees.", summit)
    # meetings with someone named: both must be told
    met = "In which city did Lind hold her meetings with Ode?"
    assert not slots.names_both("Meeting Berg in Oslo on Monday, Lind said fees rise.", met)
    assert slots.names_both("Lind met Ode in Oslo.", met)
    assert slots.names_both("Lind met Carlsson in Oslo.", met.replace("Ode", "Karlsson"))
    assert slots.names_both("Lind met Berg on Friday.", "Which mayor did Lind meet on Friday?")
    assert slots.names_both(
        "After the talks, Lind flew to Bergen.", "What did Lind do after her talks with Ode?"
    )
    # a month before an occasion dates it: an interview then must be told
    interview = "What did Lind say in her March interview about the port?"
    assert not slots.places_the_deed("Lind said the port must grow.", interview)
    assert slots.places_the_deed("In a March interview, Lind said the port must grow.", interview)


def test_round_three_names_whole_hearers_and_things_quoted_elsewhere() -> None:
    # a setting's name of several words is told whole
    lavrov = (
        "“Fees rise,” Lind said at a meeting of the General Council of the United Harbour party."
    )
    assert not slots.places_the_deed(
        lavrov, "What did Lind say at the General Council of the Just Harbour party?"
    )
    assert slots.places_the_deed(
        lavrov, "What did Lind say at the General Council of the United Harbour party?"
    )
    assert not slots.places_the_deed(
        "Lind warned of risks for Harbour in remarks.",
        "What did Lind say at the United Harbour party meeting?",
    )
    # whom someone told, by the names that tell ministries apart
    told = "On July 14, 2024, Lind said at a conference with the Foreign Ministry that fees rise."
    assert not slots.tells_the_hearer(told, "What did Lind tell the Defense Ministry leadership?")
    assert slots.tells_the_hearer(told, "What did Lind tell the Foreign Ministry leadership?")
    assert slots.tells_the_hearer(
        "Lind told Ode that fees rise.", "What did Lind tell President Ode?"
    )
    # a thing the passage quotes in another sentence is not told by one without it
    passage = (
        "Meeting Ode on Monday, Lind said the closure “demands and will get a firm reply.” "
        "Speaking about the closure, Lind told reporters that trade was a two-way street."
    )
    other = "Speaking about the closure, Lind told reporters that trade was a two-way street."
    assert not slots.tells_what_it_is(other, "What was the firm reply Lind promised?", passage)
    assert not slots.tells_what_it_is(other, "What firm reply did Lind announce?", passage)
    assert slots.tells_what_it_is(other, "What firm reply did Lind announce?")
    unquoted = passage.replace("“", "").replace("”", "")
    assert slots.tells_what_it_is(other, "What firm reply did Lind announce?", unquoted)


def test_fourteenth_stop_offices_from_the_passage_advice_responses_and_outcomes() -> None:
    # a speaker whose office the passage tells, none the one asked
    passage = (
        "Foreign Minister Tom Holm met Secretary-General Kim Osaka on Friday. "
        "Holm told reporters that fees rise."
    )
    said = "Holm told reporters that fees rise."
    asked = "What did the former Secretary-General who sold the cranes say about fees?"
    assert not slots.speaker_holds_office(said, asked, passage)
    assert slots.speaker_holds_office("Osaka told reporters that fees rise.", asked, passage)
    assert slots.speaker_holds_office(said, asked, "Holm told reporters that fees rise.")
    # a headline's capitals give no one an office
    assert slots._held_by("holm", "Secretary-General Meets Holm\n\nHolm said so.") == set()
    assert slots._held_by("holm", "Osaka met Holm, the secretary general, on Friday.") == {
        "secretary general"
    }
    # the form a promised thing will take: ending on the thing does not tell it
    form = "What form did the Foreign Minister say the firm reply to the strike would take?"
    assert not slots.tells_what_it_is("Holm said the strike “will get a firm reply.”", form)
    assert slots.tells_what_it_is("Holm said the firm reply would be a new levy on ships.", form)
    # advice asked: what someone observed is none
    advice = "What did Holm recommend that the port do about the fees?"
    assert not slots.gives_advice(
        "Holm observed that the port pondered the fees for years.", advice
    )
    assert slots.gives_advice("Holm urged the port to cut the fees.", advice)
    assert slots.gives_advice("The port should cut fees, Holm said.", advice)
    assert slots.gives_advice("Holm observed the fees.", "What did Holm observe?")
    # a responder asked: the claim itself tells no response
    reply = "Which union official responded to the foreign minister's claim about fees?"
    assert not slots.tells_a_response("“Fees must rise,” Holm noted, adding that ships pay.", reply)
    assert slots.tells_a_response("Union official Ode dismissed the claim as false.", reply)
    assert slots.tells_a_response("Ode replied that the fees were fair.", reply)
    # an outcome of meetings that came after the remarks is not told by them
    outcome = "What was the outcome of Holm's meetings with Ode?"
    assert not slots.tells_of_the_event(
        "Holm warned of risks in remarks prior to meetings with Mayor Ode.", outcome
    )
    assert slots.tells_of_the_event("Holm and Ode agreed on lower fees at the meeting.", outcome)


def test_a_party_asked_for_must_be_named() -> None:
    party = "At which political party's meeting did the Norland president speak of fees?"
    said = "Norland's President Lind said at a conference with the Port Ministry that fees rise."
    assert not slots.names_a_party(said, party)
    assert slots.names_a_party(
        "Lind said at a United Harbour party congress that fees rise.", party
    )
    assert slots.names_a_party("Lind told the NHP congress that fees rise.", party)
    assert slots.names_a_party("Lind told the Social Democrats that fees rise.", party)
    assert slots.names_a_party(said, "At which meeting did the Norland president speak?")


def test_a_pair_told_by_a_possessive_must_both_be_named() -> None:
    outcome = "What was the outcome of Lind's meetings with Mayor Ode?"
    assert not slots.names_both("Ode said he would push for lower fees.", outcome)
    assert slots.names_both("Lind and Ode agreed on lower fees.", outcome)
    assert slots.names_both("Ode said so.", "What was the outcome of Lind's talks with Norway?")


def test_words_asked_for_must_be_told() -> None:
    asked = "What did the Norwegian host's harbour minister say at the port meeting in Oslo?"
    assert not slots.tells_speech("The Oslo meeting included ministers of five ports.", asked)
    assert slots.tells_speech("“Fees rise,” Berg said at the meeting.", asked)
    assert slots.tells_speech("Berg thanked the delegates for their patience.", asked)
    assert slots.tells_speech("In remarks at the meeting, Berg backed lower fees.", asked)
    # "What do the records say he died from?" asks what the words tell, not for words
    assert slots.tells_speech("He died of pneumonia.", "What do the records say he died from?")


def test_round_two_settings_pairs_decisions_proposals_and_joining() -> None:
    # when someone spoke at a named occasion: the occasion must be told
    when = "On what date did Lind speak at the United Harbour meeting?"
    assert not slots.places_the_deed("On Friday, Lind blamed the board for the fees.", when)
    assert slots.places_the_deed("On Friday, Lind spoke at the United Harbour meeting.", when)
    # an occasion with someone: whom it was with
    held = "What did Lind say at a conference with the Defense Ministry leadership?"
    foreign = "Lind said at a conference with the Foreign Ministry leadership that fees rise."
    assert not slots.places_the_deed(foreign, held)
    assert slots.places_the_deed(foreign, held.replace("Defense", "Foreign"))
    # a person met may be told in the sentence before
    talks = "What did Lind stress the importance of in his talks with Ode?"
    assert slots.places_the_deed("Lind stressed the importance of joint efforts.", talks)
    # "What did X discuss with Y?": both named
    discuss = "What did Tom Lind discuss with Kim Ode?"
    assert not slots.names_both("Lind assured the board that fees would fall.", discuss)
    assert slots.names_both("Lind and Ode discussed the fees.", discuss)
    # a thing agreed at an occasion: a decision, or the thing itself, told
    agreed = "What new dredging target was agreed at the harbour summit in Oslo?"
    assert not slots.tells_of_the_event("Dredging will reach 1.3 million tonnes in 2023.", agreed)
    assert slots.tells_of_the_event("The summit set a dredging goal of 2 metres.", agreed)
    assert slots.tells_of_the_event("The new target is 2 metres, Lind said.", agreed)
    assert slots.tells_of_the_event(
        "Both sides will swap 1,000 crates.", "What was agreed at the Oslo talks?"
    )
    # what came of a proposal: taken up or turned down
    proposal = "What was the outcome of Lind's proposal that ports start a debate on fees?"
    assert not slots.tells_of_the_event("“Fees rise,” he said after the meeting.", proposal)
    assert slots.tells_of_the_event("The ports rejected the proposal.", proposal)
    # who joined: taking part told
    joined = "Which members of the new board joined the mayor's talks in Oslo?"
    assert not slots.tells_joining("The mayor met Lind in Oslo on Friday.", joined)
    assert slots.tells_joining("Lind and Ode attended the talks.", joined)
    assert slots.tells_joining("The mayor met Lind.", "Whom did the mayor meet?")


def test_round_three_sanctions_responses_named_events_and_hearers() -> None:
    # sanctions asked for: told in some words
    sanctions = "What sanctions did the Harbour Secretary announce over the strike?"
    assert not slots.names_the_sanctions("Lind said the strike “will get a firm reply.”", sanctions)
    assert slots.names_the_sanctions("Lind froze the union's assets.", sanctions)
    assert slots.names_the_sanctions("Lind said so.", "What did Lind announce?")
    # a response, not remarks that a tie "threatens" the port
    reply = "Which Norwegian official responded to the mayor's remarks at the Oslo forum?"
    assert not slots.tells_a_response("The mayor said the tie threatens the port.", reply)
    assert slots.tells_a_response("Berg rejected the mayor's remarks.", reply)
    # an event asked by its name must be named, here or in the sentence before
    summit = "What was the outcome of the Oslo summit regarding the new dredging target?"
    forecast = "Dredging will reach 1.3 million tonnes in 2023, reports said."
    context = f"The Oslo summit will be held next week. {'Trade rose. ' * 30}{forecast}"
    assert not slots.tells_of_the_event(forecast, summit, context)
    assert slots.tells_of_the_event(forecast, summit)  # no passage: nothing to read it in
    agreed = "At the Oslo summit, leaders agreed on 2 metres."
    assert slots.tells_of_the_event(agreed, summit, agreed)
    passage = "The Oslo talks ended on Friday. Leaders agreed on 2 metres."
    assert slots.tells_of_the_event("Leaders agreed on 2 metres.", summit, passage)
    # someone described by whom they told
    who = "Who was the senior Norwegian official who talked to Reuters?"
    assert not slots.tells_the_hearer("The talks, confirmed by spokesperson Berg, ended.", who)
    assert slots.tells_the_hearer("Berg, a senior official, told Reuters fees rise.", who)
    # "Did A meet B?" and "... during his meeting with B": both named
    met = "Did Tom Lind meet Kim Ode after the Oslo meeting?"
    assert not slots.names_both("Lind did not attend the Oslo meeting.", met)
    assert slots.names_both("Lind met Ode in Oslo.", met)
    during = "What did Tom Lind say during his meeting with Kim Ode?"
    assert not slots.names_both("Lind assured the board that fees would fall.", during)


def test_a_deputy_does_not_answer_who_heads_the_body() -> None:
    said = (
        "Senior fellow at the Harbour Council and deputy director of the Dock Safety "
        "Initiative Per Holm observed that the cranes rust."
    )
    for asked in (
        "Who heads the Dock Safety Initiative?",
        "who's the director of the Harbour Council's Dock Safety Initiative?",
        "Who heads the Dock Safety Initiative that Per Holm serves as deputy director of?",
    ):
        assert not slots.names_the_head(said, asked), asked
        assert not constraints.keeps_constraints(said, asked)
    # its head, or a deputy asked for as such, answers; a text naming no office there is free
    head = "Ana Lind, director of the Dock Safety Initiative, said the cranes rust."
    assert slots.names_the_head(head, "Who heads the Dock Safety Initiative?")
    assert slots.names_the_head(said, "Who is the deputy director of the Dock Safety Initiative?")
    assert slots.names_the_head("Ana Lind said so.", "Who heads the Dock Safety Initiative?")


def test_the_country_that_titles_a_person_asked_about_is_no_answer() -> None:
    from askcorpus import kinds

    said = (
        "Russian President Ana Lind said it was imperative to restrict the presence of "
        "extra-regional armed forces in the area."
    )
    asked = "Which countries' armed forces did Lind say should be restricted?"
    assert not kinds.has_answer_type(said, asked)
    # the same title answers when the question does not name its holder
    assert kinds.has_answer_type(said, "Which country's president spoke of armed forces?")
    assert kinds.has_answer_type(said + " Troops left Georgia.", asked)


def test_a_specific_thing_is_not_told_by_its_name_alone() -> None:
    said = "Lind also said the closure of the harbour “demands and will get a firm response.”"
    for asked in (
        "What specific firm response did Lind announce against the closure?",
        "What exactly was the firm response Lind announced?",
        "What concrete form will the firm response to the closure take?",
    ):
        assert not slots.tells_the_specific(said, asked), asked
        assert not constraints.keeps_constraints(said, asked)
    # told what it is, or asked without "specific", the text answers (the other checks read it)
    told = "Lind promised a firm response: a levy on every ship."
    assert slots.tells_the_specific(told, "What specific firm response did Lind announce?")
    assert slots.tells_the_specific(said, "What response did Lind promise?")
    # a text that never speaks of a response does not tell it; one in other words may
    asked = "What specific firm response did Lind set?"
    assert not slots.tells_the_specific("Lind set a levy.", asked)
    assert slots.tells_the_specific("Her responses to the closure include a levy.", asked)
    # "What specific type of ...?" asks for a kind, which other checks read
    assert slots.tells_the_specific("Lind set a levy.", "What specific type of levy did Lind set?")
    # the thing asked before "make up" or "include": measures the text never speaks of
    for asked in (
        "What specific measures make up the 'firm response' Lind promised?",
        "What concrete steps will the firm response include?",
    ):
        assert not slots.tells_the_specific(said, asked), asked
    assert slots.tells_the_specific(
        "Lind named the measures: a levy and a ban.",
        "What specific measures make up the response?",
    )
    # a modal verb after the words is no end of a thing ("What precise percentage should ...?")
    assert slots.tells_the_specific(
        "Members should spend 2% on the harbour.", "What precise percentage should members spend?"
    )
    # the thing quoted is the thing asked ("What exactly was the 'firm response' ...?")
    for asked in (
        "What exactly was the 'firm response' Lind announced?",
        "What specific “firm response” did Lind announce?",
    ):
        assert not slots.tells_the_specific(said, asked), asked


def test_members_asked_for_in_other_shapes() -> None:
    # a name and an irregular verb after the kind, "being ...", "the names of", "kinds of"
    told = "Which specific gauges Ana Lind told the board that the port is buying?"
    assert slots.asked_kind(told) == ["specific", "gauges"]
    assert slots.asked_kind("Which specific gauges being tested could slow the cranes?") == [
        "specific",
        "gauges",
    ]
    assert slots.asked_kind("What are the names of the tug crews Ana Lind hired?") == [
        "tug",
        "crews",
    ]
    # "states" there is the verb after a text; "kinds of" asks for a describing word
    assert slots.asked_kind("Which theory states that tides slow ships?") is None
    assert slots.asked_kind("Which southern states that border Norland voted?") == [
        "southern",
        "states",
    ]
    assert slots.asked_kind("What kinds of aid did the port send?") is None
    assert slots.asked_kind("What type of crane did the port buy?") is None
    # a question that insists on the members themselves, as typed
    assert slots.insists_on_members("Which specific gauges did she name?")
    assert slots.insists_on_members("Name the gauges the port bought.")
    assert slots.insists_on_members("What are the names of the tug crews?")
    assert not slots.insists_on_members("Which gauges did the port buy?")


def test_a_kind_the_other_sentences_name_only_bare_is_not_answered_in_other_words() -> None:
    asked = "Which gauges did Ana Lind say the port is buying?"
    other = "Ana Lind said the port signed deals with Norland and Sudland."
    bare = f"{other} She said the port is buying gauges soon."
    # alone, a sentence that never names gauges may answer in other words
    assert slots.names_a_member(other, asked)
    assert slots.names_a_member(other, asked, "The port opened in 1901. " + other)
    # not when the other sentences (`context`) name gauges, and name none of them
    assert not slots.names_a_member(other, asked, bare)
    assert slots.names_a_member(
        other, asked, f"{other} She said the port is buying gauges such as the Kestrel 5."
    )
