"""What a question pins its answer to: offices, ranks, people, clock times, days of the
month, totals, town names; and the article-title weight in evidence ranking."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from tests.test_answer import _evidence, make, obeying_llm

from askcorpus import constraints, gazetteer, kinds, names, words
from askcorpus.answer import _Evidence
from askcorpus.chunk import Chunk


def test_office_must_be_named_word_for_word() -> None:
    president = "Who is the president of the harbour board?"
    assert not constraints.keeps_constraints(
        "Prime Minister Ana Lind chairs the harbour board.", president
    )
    assert constraints.keeps_constraints("Board President Ana Lind spoke.", president)
    general = "Who is the Secretary General of the port alliance?"
    assert constraints.keeps_constraints("Port alliance Secretary-General Ana Lind said.", general)
    assert not constraints.keeps_constraints("Ana Lind proposed a debate to the alliance.", general)
    led = "Which town did Ana Lind lead as mayor before joining the board?"
    assert not constraints.keeps_constraints("Ana Lind joined the board from Pebbleton.", led)
    assert constraints.keeps_constraints("Ana Lind was mayor of Pebbleton.", led)
    # An office that is not asked about is not demanded, nor one the question only mentions.
    assert constraints.keeps_constraints(
        "Ana Lind approved it.", "Who approved the harbour budget?"
    )
    assert constraints.keeps_constraints(
        "Tim Cook replaced Jobs in 2011.", "Who replaced Jobs as CEO?"
    )
    assert constraints.keeps_constraints(
        "Edward VI succeeded his father.", "Who succeeded Henry VIII as king?"
    )
    assert constraints.keeps_constraints(
        "The film was directed by Sam Mendes.", "Who was the director?"
    )
    # The office must be a whole word: "minister" is not "ministers'" nor "kingdom".
    assert not constraints.keeps_constraints(
        "The Kingdom of Spain agreed.", "Who is the mayor of Spain?"
    )


def test_rank_must_be_the_one_asked() -> None:
    second = "Which member ranks second in harbour spending?"
    assert not constraints.keeps_constraints("Of the members, Pebbleton ranks first.", second)
    assert constraints.keeps_constraints("Tidewater ranks second, after Pebbleton.", second)
    assert constraints.keeps_constraints("Tidewater is 2nd on the list.", second)
    third = "Which is the third-largest harbour?"
    assert not constraints.keeps_constraints("Pebbleton is the largest harbour.", third)
    assert constraints.keeps_constraints("Tidewater is the third largest harbour.", third)
    # "first" is often said as "won"
    assert constraints.keeps_constraints("Usain Bolt won the race.", "Who came first in the race?")


def test_question_about_someone_needs_a_name_it_lacks() -> None:
    official = "Which harbour official told Reuters the budget was late?"
    assert not constraints.keeps_constraints(
        "A senior harbour official told Reuters it was late.", official
    )
    assert constraints.keeps_constraints(
        "Harbour official Ana Lind told Reuters it was late.", official
    )
    who = "Who confirmed the harbour vote?"
    assert constraints.keeps_constraints("The vote was confirmed by spokesperson Ana Lind.", who)
    assert not constraints.keeps_constraints("The vote was confirmed on Tuesday in March.", who)
    assert names.names_someone("Ana Lind confirmed it.", who)
    assert not names.names_someone("It was confirmed in 2019.", who)
    # "Whose ...?" asks for an owner, which need not be a name; a "what" question about an
    # official asks for a thing.
    assert constraints.keeps_constraints("The presence of extra-regional forces.", "Whose forces?")
    for question in (
        "What did the minister announce?",
        "What was the president's main goal?",
        "What was the official reason for the delay?",
        "Which official document ended the war?",
    ):
        assert constraints.keeps_constraints("It was new tariffs on steel.", question), question


def test_day_of_month_clock_time_and_totals_are_answer_types() -> None:
    day = "On which day of the month were the harbour reports published?"
    assert kinds.answer_type(day) == "monthday"
    assert not kinds.asks_publication_date(day)  # the day in a sentence, not article metadata
    assert kinds.has_answer_type("Reports on the 3rd said so.", day)
    assert kinds.has_answer_type("Reports on June 21 said so.", day)
    assert not kinds.has_answer_type("Reports on Friday said so.", day)
    clock = "At what time of day was the harbour report stamped?"
    assert kinds.answer_type(clock) == "clock"
    assert kinds.has_answer_type("June 21, 2024 Hour: 12:14 pm", clock)
    assert kinds.has_answer_type("It was stamped at 9 a.m.", clock)
    assert not kinds.has_answer_type("It was stamped on June 21, 2024.", clock)
    assert kinds.answer_type("At what time did the Normans conquer England?") != "clock"
    total = "What was the total harbour spending in 2022?"
    assert kinds.answer_type(total) == "money"
    assert not kinds.has_answer_type("Harbour spending ought to rise, the board said.", total)
    assert kinds.answer_type("What was the overall result of the war?") is None
    long = "For how long will the board fund the harbour?"
    assert kinds.has_answer_type("It will fund it for as long as necessary.", long)
    assert not kinds.has_answer_type("It will fund it gladly.", long)


def test_medieval_years_vague_counts_and_bare_time_units_are_answers() -> None:
    year = "In which year did the harbour guild first meet?"
    assert kinds.has_answer_type("In 1237 the harbour guild first met.", year)
    assert kinds.has_answer_type("Its founder Ana Lind (1185-1226) called it.", year)
    assert not kinds.has_answer_type("The guild sent 1,200 boats.", year)  # a count
    assert not kinds.has_answer_type("The guild paid 1250.5 marks.", year)
    many = "How many kinds of boats does the harbour guild repair?"
    assert kinds.has_answer_type("The guild repairs several kinds of boats.", many)
    assert kinds.has_answer_type("Hundreds of boats are repaired.", many)
    assert not kinds.has_answer_type("The guild repairs many kinds of boats.", many)
    long = "How long does a repair by the harbour guild take?"
    assert kinds.has_answer_type("A repair is done in hours.", long)
    assert not kinds.has_answer_type("Repairs are done by the guild.", long)


def test_money_questions_need_an_amount_of_money() -> None:
    total = "What was the total harbour spending of the guild members in 2022?"
    assert kinds.answer_type(total) == "money"
    share = "The guild members gave two percent of their income to the harbour."
    assert not kinds.has_answer_type(share, total)  # a share is no total
    assert kinds.has_answer_type("Guild members spent $1.2 trillion on the harbour.", total)
    assert kinds.has_answer_type("Members spent 3.5bn euros on it.", total)
    cost = "How much did the new harbour crane cost?"
    assert kinds.answer_type(cost) == "money"
    assert kinds.has_answer_type("The crane cost 40 million kroner.", cost)
    assert not kinds.has_answer_type("The crane cost more than the old one.", cost)
    aid = "How much military aid has Pebbleton given the harbour guild?"
    assert kinds.answer_type(aid) == "money"
    assert not kinds.has_answer_type("Pebbleton gave two percent of its budget.", aid)
    assert not kinds.has_answer_type("The crane is 40m tall and cost a lot.", cost)
    assert kinds.answer_type("How much money was raised for the harbour?") == "money"
    # "how much" alone may ask a share or a quantity.
    assert kinds.answer_type("How much of the import bill is petroleum?") == "number"
    assert kinds.answer_type("What is the weight of a bushel of coal in pounds?") != "money"
    assert kinds.has_answer_type("Petroleum is 20% to 25% of the import bill.", "How much of it?")
    revenue = "What was Harbourline's revenue in the first quarter?"
    assert kinds.answer_type(revenue) == "money"
    assert not kinds.has_answer_type("Harbourline's first-quarter report came out today.", revenue)
    assert kinds.has_answer_type("Harbourline's revenue was $4.2 billion.", revenue)
    assert kinds.answer_type("What was Harbourline's revenue growth last year?") != "money"
    assert kinds.has_answer_type("A ferry ticket costs 90 cents.", "What is the ticket price?")


def test_amount_for_another_year_contradicts_the_question() -> None:
    question = "How much did the harbour board spend in 2022?"
    assert constraints.contradicts_year("It will spend 1.3 million euros in 2023.", question)
    assert not constraints.contradicts_year("It spent 1.3 million euros in 2022.", question)
    # A four-digit count is no year given for the answer.
    assert not constraints.contradicts_year("2000 troops were sent.", "How many troops in 2019?")
    assert not constraints.contradicts_year("It spent 1.3 million euros.", question)
    # An age or a span in another year is expected: "Born in 1856, he was 28".
    born = "Born in 1856, Tesla was 28 when he arrived."
    assert not constraints.contradicts_year(born, "How old was Tesla in 1884?")
    # A sentence without a year is read with the years of its passage.
    prize = "Who was awarded the 2018 harbour prize?"
    awarded = "Kim Osaka is being awarded the harbour prize."
    assert constraints.contradicts_year(awarded, prize, "Announced in 2021. " + awarded)
    assert not constraints.contradicts_year(awarded, prize, "Announced in 2018. " + awarded)
    assert not constraints.contradicts_year(awarded, prize, awarded)  # no year anywhere
    # Several years in the passage are background ("founded in 1976"), not the sentence's.
    background = f"The prize was founded in 1976 and moved in 1990. {awarded}"
    assert not constraints.contradicts_year(awarded, prize, background)


def test_a_date_question_may_pin_the_year_its_answer_falls_in() -> None:
    question = "On what date in 2023 did the harbour board meet?"
    assert constraints.contradicts_year("The board met on July 14, 2024.", question)
    assert not constraints.contradicts_year("The board met on July 14, 2023.", question)
    assert not constraints.contradicts_year("The board met on July 14.", question)
    # Background years are not the answer's: only the years of its dates count.
    ended = "The board met on March 30, ending a standoff that began in 2022."
    assert not constraints.contradicts_year(ended, question)
    # A year that names the subject is no year for the answer.
    champion = "On what date did the 2018 champion retire?"
    assert not constraints.contradicts_year("She retired on May 2, 2021.", champion)


def test_a_weekday_is_dated_from_the_article() -> None:
    friday = "On Friday, the harbour board approved the budget."
    assert kinds.weekday_date(friday, "2024-06-21") == datetime.date(2024, 6, 21)  # a Friday
    assert kinds.weekday_date(friday, "2024-06-24") == datetime.date(2024, 6, 21)  # Monday
    last = "The board met last Friday."
    assert kinds.weekday_date(last, "2024-06-21") == datetime.date(2024, 6, 14)
    assert kinds.weekday_date(friday, None) is None  # an undated article
    assert kinds.weekday_date(friday, "not a date") is None
    assert kinds.weekday_date("The board will meet on Friday.", "2024-06-21") is None
    assert kinds.weekday_date("It met on Monday and Friday.", "2024-06-21") is None
    # Named days, habits, other years and the present tense looking ahead are no dates.
    for text in (
        "The Good Friday Agreement was signed then.",
        "Protesters have gathered every Friday since March.",
        "The bridge collapsed on a Sunday in 2019.",
        "Parliament votes Friday on the bill.",
    ):
        assert kinds.weekday_date(text, "2024-06-21") is None, text


def test_extract_dates_a_weekday_for_a_date_question(tmp_path: Path) -> None:
    rt, _ = make(tmp_path, obeying_llm, answer_mode="extract")
    answerer = rt.answerer
    answerer.settings = answerer.settings.model_copy(update={"abstain_threshold": 0.0})
    text = "On Friday, the harbour board approved the budget."
    chunk = Chunk("news.txt#0", "news.txt", "Harbour budget vote", text, 0, len(text), "2024-06-21")
    e = _Evidence(chunk, 0, len(text), text, 0.9)
    question = "On what date did the harbour board approve the budget?"
    got = answerer._extract(question, {1: e})
    assert got is not None and got.cited == [1]
    assert "Friday was June 21, 2024" in got.text and "2024-06-21" in got.text
    # "When ...?" is answered by the weekday, and gets the date too.
    when = answerer._extract("When did the harbour board approve the budget?", {1: e})
    assert when is not None and "Friday was June 21, 2024" in when.text
    # Undated, the weekday is no date.
    undated = _Evidence(
        Chunk("n.txt#0", "n.txt", "Vote", text, 0, len(text)), 0, len(text), text, 0.9
    )
    assert answerer._extract(question, {1: undated}) is None


def test_how_long_what_share_and_why_need_their_kind_of_answer() -> None:
    served = "How long has Kim Osaka served as harbour master?"
    assert not kinds.has_answer_type("Harbour master Kim Osaka, June 21, 2024.", served)
    assert kinds.has_answer_type("Osaka has been harbour master for 20 years.", served)
    assert kinds.has_answer_type("Osaka has been harbour master since 2004.", served)
    assert not kinds.has_answer_type("In his third year, Osaka bought a boat.", served)  # no span
    assert kinds.has_answer_type("The border is 1,340 km long.", "How long is the border?")
    assert kinds.has_answer_type("The path is 1.2km long.", "How long is the path?")
    # The question's own unit does not count against the answer's.
    assert kinds.has_answer_type("The strike lasted 46 days.", "How long, in days, was it?")
    assert kinds.has_answer_type("Kim won 48 percent.", "What percent of voters backed Kim?")
    assert kinds.has_answer_type("Nine out of ten backed Kim.", "What share of voters backed Kim?")
    share = "What percentage of its budget does the board spend on cranes?"
    assert not kinds.has_answer_type("The board will spend 1.3 million euros in 2023.", share)
    assert kinds.has_answer_type("The board spends 12% of its budget on cranes.", share)
    assert kinds.has_answer_type("Cranes take half of the budget.", share)
    target = "What new budget target, as a share of output, did Kim say the board would set?"
    assert not kinds.has_answer_type("Kim said the board will set a new target in 2025.", target)
    assert kinds.has_answer_type("Kim said the new target is 3 percent of output.", target)
    why = "Why had the ferry not sailed when the barge had?"
    assert not kinds.has_answer_type("The barge sailed, and the ferry is expected to.", why)
    assert kinds.has_answer_type("The ferry stayed because of the storm.", why)
    assert kinds.has_answer_type("It stayed in port to avoid the storm.", why)
    assert kinds.has_answer_type("It was recalled, citing a risk of fire.", why)


def test_an_acronym_is_no_town() -> None:
    question = "In which city was the harbour board meeting held?"
    assert not names.names_a_town(
        "It is very important for the security of NATO members.", question
    )
    assert names.names_a_town("It was held in Rotterdam.", question)
    assert names.names_a_town("The talks were held in GENEVA.", question)  # a dateline's capitals


def test_where_in_a_place_asks_for_a_spot_within_it() -> None:
    within = "Where in Belarus has the harbour fleet been based?"
    assert not kinds.has_answer_type("The fleet moved to the east, including to Belarus.", within)
    assert not kinds.has_answer_type("The fleet is based in Eastern Europe.", within)
    assert kinds.has_answer_type("The fleet is based near Pebbleton.", within)
    # a state answers "where in the US", told in any words; the country itself does not
    gas = "Where in the US is it illegal to pump your own gas?"
    assert kinds.has_answer_type("The only other state that bans it is New Jersey.", gas)
    assert kinds.has_answer_type("In Oregon, drivers cannot pump their own gas.", gas)
    assert not kinds.has_answer_type("It is illegal in the United States.", gas)
    assert not kinds.has_answer_type("Pumping your own gas is banned in America.", gas)
    # "where in the west" names no place, so any account of it may answer
    assert kinds.has_answer_type("The fleet is based in Eastern Europe.", "Where in the west?")


def test_a_country_adjective_is_no_town() -> None:
    question = "Which city will host the summit after Vilnius?"
    assert not names.names_a_town("It will be held in the Lithuanian capital Vilnius.", question)
    assert not names.names_a_town("Leaders spoke of the Asian continent.", question)
    assert names.names_a_town("They will meet in Singapore.", question)
    assert names.names_a_town("It moves to the Lithuanian port of Klaipeda.", question)
    # The city may be the subject, with only its country matched as a place.
    capital = "Which city is the capital of the country?"
    assert kinds.has_answer_type("Vilnius is the capital of Lithuania.", capital)
    assert kinds.has_answer_type("Turin, Italy hosted the games.", "Which city hosted them?")
    # "which Kazakh city", "at which resort" ask for a named spot too.
    kazakh = "After a meeting in which Kazakh city did the minister speak?"
    assert not kinds.has_answer_type("The minister spoke in Asia.", kazakh)
    assert kinds.has_answer_type("The minister spoke in the Kazakh city of Almaty.", kazakh)
    resort = "At which resort in Palm Beach did the leaders meet?"
    assert not kinds.has_answer_type("The leaders met in Palm Beach, Florida.", resort)
    assert kinds.has_answer_type("The leaders met at Mar-a-Lago.", resort)
    club = "At which private club or resort in Palm Beach did the leaders meet?"
    assert not kinds.has_answer_type("The leaders met in Palm Beach, Florida.", club)
    assert kinds.has_answer_type("The leaders met at Mar-a-Lago.", club)


@pytest.mark.parametrize(
    ("question", "wrong", "right"),
    [
        (
            "Who is the president of the harbour board?",
            "Prime Minister Ana Lind visited the harbour board.",  # another office
            "Board president Kim Osaka opened the meeting.",
        ),
        (
            "Who is the CEO of Harbourline?",
            "Meet the new CEO of Harbourline and Tidewater.",  # no person named
            "Harbourline named Kim Osaka as its new CEO.",
        ),
        (
            "Which company recalled the harbour cranes this week?",
            "Crane makers have recalled harbour cranes before.",  # no company named
            "This week Tidewater recalled the harbour cranes.",
        ),
        (
            "When did the first season of Harbour Lights premiere?",
            "The tenth season of Harbour Lights premiered on May 2, 2022.",  # another season
            "The first season of Harbour Lights premiered on May 3, 2013.",
        ),
        (
            "Which town was hit by the 5.2-magnitude harbour earthquake?",
            "A magnitude-6.1 harbour earthquake hit near Osaka.",  # another quake
            "A 5.2-magnitude harbour earthquake hit near Lindhaven.",
        ),
    ],
)
def test_extract_skips_sentences_that_miss_what_the_question_pins_down(
    tmp_path: Path, question: str, wrong: str, right: str
) -> None:
    rt, _ = make(tmp_path, obeying_llm, answer_mode="extract")
    answerer = rt.answerer
    answerer.settings = answerer.settings.model_copy(update={"abstain_threshold": 0.0})
    bad, good = _evidence(wrong, 0.9), _evidence(right, 0.8)
    got = answerer._extract(question, {1: bad, 2: good})
    assert got is not None and got.cited == [2]
    assert answerer._extract(question, {1: bad}) is None


def test_title_words_rank_sentences_of_the_article_named(tmp_path: Path) -> None:
    files = {
        "inflation.md": "# Harbour inflation report\n\nBefore the storm, the board lost its "
        "sense of direction.\n",
        "ferry.md": "# Ferry news\n\nBefore the storm, the ferry lost its anchor.\n",
    }
    question = "What did it lose before the storm, according to the report on harbour inflation?"
    for weight, best in ((0.0, None), (0.5, "inflation.md")):
        rt, _ = make(tmp_path / str(weight), obeying_llm, files, title_weight=weight)
        answerer = rt.answerer
        pool = answerer.retriever.search(question, k=4)
        ranked = answerer.evidence(question, question, pool, limit=None)
        body = [e for e in ranked if "lost" in e.text]
        assert len(body) == 2
        gap = body[0].score - body[1].score
        if best is None:
            # without the title, the two sentences differ only by their own words
            assert abs(gap) < 0.3
        else:
            assert body[0].chunk.doc_id == best and gap > 0.05


def test_generated_reply_is_read_with_its_cited_sentences(tmp_path: Path) -> None:
    files = {
        "board.md": "# Harbour board\n\nBoard president Kim Osaka opened the harbour meeting.\n"
    }
    rt, _ = make(tmp_path, lambda prompt: "Kim Osaka [1].", files, abstain_threshold=0.0)
    # The short reply names no office; its cited sentence does.
    got = rt.answerer.answer("Who is the president of the harbour board?")
    assert not got.abstained and got.answer.startswith("Kim Osaka")
    assert got.model != "extractive"  # the reply itself, not the fallback sentence
    # Neither the reply nor any sentence names a mayor: no answer.
    assert rt.answerer.answer("Who is the mayor of the harbour board?").abstained


def test_questions_about_a_person_need_a_persons_name() -> None:
    ceo = "Who is the CEO of Harbourline in 2021?"
    # A firm, a title-case headline or an office named with no one in it answers no one.
    assert not constraints.keeps_constraints("CEO of Harbourline and Tidewater ...", ceo)
    assert not constraints.keeps_constraints("Meet the new CEO of Harbourline ...", ceo)
    assert not constraints.keeps_constraints("CEO, the Harbourline Group.", ceo)
    assert not constraints.keeps_constraints("Pebbleton Council members each receive a bonus.", ceo)
    assert not constraints.keeps_constraints(
        "Harbourline's New CEO Says Dockers' Jobs Are Safe.", ceo
    )
    # A full name, with initials, particles or an honorific, answers.
    assert constraints.keeps_constraints(
        "Harbourline founder John C. Bogle stepped down as CEO.", ceo
    )
    assert constraints.keeps_constraints("Its CEO is Ludwig van Osaka, the board said.", ceo)
    assert constraints.keeps_constraints("Mr. Lind, the CEO, said so.", ceo)
    # A short sentence of names is no headline while one longer word is in lower case.
    premier = "Who is the current Premier of Pebbleton?"
    assert constraints.keeps_constraints("The current Premier of Pebbleton is Ana Lind.", premier)
    assert not constraints.keeps_constraints(
        "The Premier Leads the Pebbleton Legislative Assembly.", premier
    )
    # A surname alone, if its passage gives the full name; a name the question holds is none.
    passage = "Ana Lind was named CEO of Harbourline. Lind said she would stay."
    assert not constraints.keeps_constraints("Lind said she would stay.", ceo)
    assert constraints.keeps_constraints("Lind said she would stay.", ceo, passage)
    assert not constraints.keeps_constraints("Ana Lind met the board.", "Who is Ana Lind's coach?")
    directed = "Who directed Harbour Lights?"
    assert not constraints.keeps_constraints(
        "Harbour Lights (1997), for which he won an Oscar.", directed
    )
    assert constraints.keeps_constraints("Harbour Lights was directed by Kim Osaka.", directed)
    actor = "Which actor won Best Actor at the harbour film awards?"
    assert not constraints.keeps_constraints("The Harbour Film Awards | 2020 ...", actor)
    # "Which journalist ...?" asks for a person too; a building or a magazine is none.
    wrote = "Which Harbour Times journalist wrote the piece on Kim Osaka's return?"
    house = "Osaka's return to the White House has left the guild in crisis, Foreign Policy wrote."
    assert not constraints.keeps_constraints(house, wrote)
    assert constraints.keeps_constraints("Reporter Ana Lind wrote the piece on the return.", wrote)
    # Sentences of names with a verb, surnames that are words, possessives, particles, quotes.
    for said, question in (
        ("Sundar Pichai is the CEO of Google and Alphabet.", "Who is the CEO of Google?"),
        ("Jason Day is the captain of the team.", "Who is the captain of the team?"),
        ("President Ana Lind's Harbour Party won.", "Who is the president of Pebbleton?"),
        ("The CEO is Ed Lee. Group shares rose.", ceo),
        ("Bashar al-Assad is the president of Syria.", "Who is the president of Syria?"),
        ("'Kim Osaka' directed it.", directed),
    ):
        assert constraints.keeps_constraints(said, question), said
    assert constraints.keeps_constraints(
        "Osaka's film won eleven awards.", directed, "Kim Osaka made it. Osaka's film won."
    )
    # Teams, firms and countries win races, play games, host and own things.
    assert constraints.keeps_constraints("Qatar is hosting the Cup.", "Who is the host of the Cup?")
    assert constraints.keeps_constraints(
        "Instagram is owned by Meta.", "Who is the owner of Instagram?"
    )
    assert constraints.keeps_constraints("Pebbleton won the regatta.", "Who won the 2021 regatta?")
    assert constraints.keeps_constraints("Tidewater played Pebbleton.", "Who played in the final?")


def test_questions_for_a_named_date_need_a_day() -> None:
    release = "What is the release date of the harbour report?"
    assert kinds.answer_type(release) == "date"
    assert kinds.answer_type("What was the date of the harbour vote?") == "date"
    for said in (
        "It was released on September 20th.",
        "It came out on the 19th of October.",
        "Release: 6/19/2020",
        "Sep. 13, 2022 ... the report is out.",
        "It was released on June 19, 2020.",
    ):
        assert kinds.has_answer_type(said, release), said
    assert kinds.has_answer_type("It opens on 16.12.2022.", release)
    assert not kinds.has_answer_type("The release date of the report was announced.", release)
    # "the date of" in a question about someone asks for the someone.
    assert kinds.answer_type("Who announced the date of the harbour vote?") is None
    assert not kinds.has_answer_type("The report is released in 2020.", release)


def test_questions_for_a_named_thing_need_a_proper_name() -> None:
    asks = names.ASKS_NAMED_THING
    for q in (
        "Which company recalled the cranes?",
        "Which of the companies recalled cranes?",
        "Which social media platform banned the ads?",
    ):
        assert asks.search(words.fold(q)), q
    for q in (
        "What did the company say?",
        "Which type of crane failed?",
        "What state of mind?",
        "What caused the bank to collapse?",  # a verb and an article: not "which bank"
        "What kind of film is it?",
        "What is the name of the method?",  # names of methods are common words
    ):
        assert not asks.search(words.fold(q)), q
    company = "Which company recalled the harbour cranes?"
    assert not constraints.keeps_constraints("Several crane makers recalled cranes.", company)
    assert not constraints.keeps_constraints(
        "Harbour cranes were recalled.", company
    )  # in the question
    assert constraints.keeps_constraints("Tidewater Cranes recalled them.", company)  # a name run
    assert constraints.keeps_constraints("The cranes, made by Tidewater, were recalled.", company)
    assert constraints.keeps_constraints("The firm, SKF, recalled them.", company)  # an acronym
    # A single word starting the sentence is a name if its passage writes it as one.
    first = "Tidewater recalled the cranes."
    assert constraints.keeps_constraints(first, company, first + " Shares of Tidewater fell.")
    assert constraints.keeps_constraints(first, company, first + " Tidewater said so. Tidewater!")
    assert not constraints.keeps_constraints(first, company, first)
    cranes = "Cranes recalled include two from the docks. The cranes are old. Cranes fail."
    assert not constraints.keeps_constraints("Cranes recalled include two.", company, cranes)
    assert constraints.keeps_constraints("eBay recalled them.", company)  # a capital inside
    # "Spain or England?": the answer names one of the question's own choices.
    assert constraints.keeps_constraints(
        "Spain beat England 1-0.", "Which team won, Spain or England?"
    )


def test_who_won_needs_a_sentence_that_says_who_won() -> None:
    question = "Who won the 2019 harbour regatta?"
    finalists = "The 2019 harbour regatta final: Kim Osaka and Ana Lind."
    assert not constraints.keeps_constraints(finalists, question)
    assert constraints.keeps_constraints("Kim Osaka won the 2019 harbour regatta.", question)
    assert constraints.keeps_constraints("Osaka beat Ana Lind in the final.", question)
    assert constraints.keeps_constraints("Osaka took the regatta title.", question)
    assert constraints.keeps_constraints("Osaka is being awarded the regatta prize.", question)
    assert constraints.keeps_constraints("The prize went to Kim Osaka.", question)
    team = "Which team won the harbour cup?"
    assert not constraints.keeps_constraints("The Tidewater Gulls played in the harbour cup.", team)
    assert constraints.keeps_constraints("The Tidewater Gulls are the harbour cup champions.", team)
    # Other questions about winning ask for something else: a count, an opponent.
    assert constraints.keeps_constraints("3,600 sailors took part.", "How many sailors won medals?")
    assert constraints.keeps_constraints("She met Ana Lind in the final.", "Who did Osaka beat?")


def test_who_is_the_ceo_needs_one_still_in_office() -> None:
    question = "Who is the CEO of Harbourline?"
    assert not constraints.keeps_constraints(
        "Kim Osaka, former CEO of Harbourline, spoke.", question
    )
    assert not constraints.keeps_constraints("Ex-CEO Kim Osaka of Harbourline spoke.", question)
    assert not constraints.keeps_constraints(
        "Kim Osaka, a former Harbourline CEO, spoke.", question
    )
    assert constraints.keeps_constraints("Ana Lind is the CEO of Harbourline.", question)
    # One mention of the role in office is enough.
    assert constraints.keeps_constraints(
        "Ana Lind, the CEO, replaced former CEO Kim Osaka.", question
    )
    # The former holder replaced is not the answer given.
    assert constraints.keeps_constraints("Ana Lind replaced former CEO Kim Osaka.", question)
    # Asked for a former holder, or in the past tense, a former holder answers.
    assert constraints.keeps_constraints(
        "Kim Osaka, the former CEO of Harbourline, spoke.", "Who is the former CEO of Harbourline?"
    )
    assert constraints.keeps_constraints(
        "Kim Osaka, former CEO of Harbourline, spoke.", "Who was the CEO of Harbourline?"
    )


def test_a_lower_post_another_speaker_or_another_country_is_no_answer() -> None:
    director = "Who is the director of the Harbour Security Initiative?"
    deputy = "Deputy director of the Harbour Security Initiative Kim Osaka said so."
    assert not constraints.keeps_constraints(deputy, director)
    assert constraints.keeps_constraints("Director Ana Lind of the initiative said so.", director)
    deputy_q = "Who is the deputy director of the Harbour Security Initiative?"
    assert constraints.keeps_constraints(deputy, deputy_q)
    president = "Who is the president of the harbour board?"
    assert not constraints.keeps_constraints("Vice President Kim Osaka opened it.", president)
    coach = "Who is the coach of the Harbour Lakers?"
    assert constraints.keeps_constraints("The Harbour Lakers, under coach Kim Osaka, won.", coach)

    said = "What did Ana Lind say about the harbour cranes?"
    assert not constraints.keeps_constraints("Kim Osaka also said the cranes were unsafe.", said)
    assert not constraints.keeps_constraints("The board first bought cranes, then barges.", said)
    assert constraints.keeps_constraints("Lind said the cranes were unsafe.", said)
    assert constraints.keeps_constraints("“The cranes are unsafe,” she said.", said)
    assert constraints.keeps_constraints("“The cranes are unsafe,” she said Thursday.", said)
    assert constraints.keeps_constraints("He insisted the cranes were unsafe.", said)
    assert constraints.keeps_constraints(
        "The cranes are unsafe, the minister said, according to TASS.", said
    )
    assert constraints.keeps_constraints("Ana accused the board of buying unsafe cranes.", said)
    # The asked name as the listener is not the asked speaker.
    described = "Kim Osaka described the cranes before meeting Ana Lind."
    assert not constraints.keeps_constraints(described, said)
    # The asked name with a pronoun's speech may be the asked speaker's words.
    wrote = "Harbour Times wrote: Lind's plan, which she says will save the cranes, works."
    assert constraints.keeps_constraints(wrote, said)

    french = "Which French minister urged members to raise harbour budgets?"
    german = "German Foreign Minister Kim Osaka urged an increase in harbour budgets."
    assert not constraints.keeps_constraints(german, french)
    assert constraints.keeps_constraints("French Minister Ana Lind urged an increase.", french)
    assert constraints.keeps_constraints(german, "Which German minister urged members?")
    # Another country's minister as a second party is no contradiction.
    visited = "Which French minister visited the harbour?"
    met = "Minister Ana Lind met German Foreign Minister Kim Osaka at the harbour."
    assert constraints.keeps_constraints(met, visited)


def test_another_season_model_or_round_contradicts_the_question() -> None:
    first = "When did the first season of Harbour Lights premiere?"
    assert constraints.contradicts_label(
        "The tenth season of Harbour Lights premiered in May.", first
    )
    assert not constraints.contradicts_label("Season 1 of Harbour Lights premiered in May.", first)
    assert not constraints.contradicts_label("Harbour Lights premiered in May.", first)  # no number
    model = "When was the Tidewater 6 announced?"
    assert constraints.contradicts_label("Tidewater revealed the Tidewater 7 in October.", model)
    assert not constraints.contradicts_label("It showed the Tidewater 6 and Tidewater 7.", model)
    stage = "Who won stage 5 of the regatta?"
    assert not constraints.contradicts_label(
        "Osaka won stage five, a day after Lind took stage 4.", stage
    )
    assert constraints.contradicts_label("Lind took stage four.", stage)
    quarter = "What was Harbourline's revenue in the first quarter?"
    assert constraints.contradicts_label("Third-quarter revenue was $5 billion.", quarter)
    # Dates, times and shares are not numbered things.
    assert not constraints.contradicts_label("It rose 5 percent on June 6.", "What rose on June 5?")
    assert not constraints.contradicts_label("The ferry left at 6 pm.", "What left at 5 pm?")


def test_words_about_a_named_topic_must_name_it() -> None:
    about = "What did Ana Lind say about Rotterdam's harbour cranes?"
    assert not constraints.keeps_constraints("Lind said the budget was too small.", about)
    assert constraints.keeps_constraints("Lind said the Rotterdam cranes were unsafe.", about)
    assert constraints.keeps_constraints(
        "Lind said cranes there were unsafe.", "What did Lind say about cranes?"
    )
    # A name's other forms: "Korean" for "Korea", "Russian" for "Russia".
    korea = "What did Lind say about North Korea sending troops?"
    assert constraints.keeps_constraints("Lind said North Korean troops had arrived.", korea)
    assert constraints.keeps_topic(
        "Lind said Russian ships had docked.", "What did Lind say of Russia?"
    )
    describe = "How did Lind describe the ties between Oslo and Rotterdam?"
    assert not constraints.keeps_constraints(
        "Lind told reporters that Rotterdam's ties with Bonn were close.", describe
    )
    assert constraints.keeps_constraints("Lind called Oslo's ties with Rotterdam close.", describe)
    respond = "How did the Kremlin respond to Lind's warning about the cranes?"
    assert not constraints.keeps_constraints("Lind warned that the cranes were unsafe.", respond)
    assert constraints.keeps_constraints("The Kremlin dismissed Lind's warning as noise.", respond)


def test_when_someone_took_office_needs_a_start() -> None:
    became = "When did Ana Lind become harbour master?"
    assert not constraints.keeps_constraints(
        "On June 3, 2024, Ana Lind, the new harbour master, spoke.", became
    )
    assert constraints.keeps_constraints("Ana Lind became harbour master on June 3, 2024.", became)
    assert constraints.keeps_constraints("Lind, harbour master since 2019, spoke.", became)
    joined = "When did Norway join the harbour league?"
    assert not constraints.keeps_constraints("Norway hosted the harbour league in 2019.", joined)
    assert constraints.keeps_constraints("The league absorbed Norway in 2019.", joined)
    # Other "when" questions are not asked about a start.
    assert constraints.keeps_constraints("Lind spoke on June 3.", "When did Ana Lind speak?")


def test_a_country_names_no_firm_and_an_office_may_be_a_countrys() -> None:
    outlet = "Which Dutch news outlet reported the harbour budget of 2 billion euros?"
    budget = (
        "According to Dutch media, the harbour budget of the United States is 2 billion US dollars."
    )
    assert not constraints.keeps_constraints(budget, outlet)
    assert constraints.keeps_constraints("The harbour budget was first reported by NOS.", outlet)
    prize = "Which team took the harbour prize?"
    assert not constraints.keeps_constraints(
        "The harbour prize of 2 million Canadian dollars was taken.", prize
    )
    # "Which team ...?" may be answered by a country's team.
    assert constraints.keeps_constraints(
        "The United States won the final.", "Which team won the final?"
    )
    minister = "Who was Norway's foreign minister at the meeting?"
    pm = "Norway's Prime Minister Kim Osaka did not attend the meeting."
    assert not constraints.keeps_constraints(pm, minister)
    assert constraints.keeps_constraints("Norway's foreign minister Kim Osaka attended.", minister)
    # A security initiative, a council and a country are no towns.
    town = "In which city is the harbour council headquartered?"
    assert not names.names_a_town("She works at the Harbour Security Initiative in the U.S.", town)
    assert names.names_a_town("The council sits in Mexico City.", town)
    assert names.names_a_town("The council sits in Singapore.", town)
    # Only a name shortly before a country may be its city, not any name near one.
    fellow = "Ana Lind, a fellow of the harbour council, spoke of unrest in Norway."
    assert not names.names_a_town(fellow, town)
    # An owner is no place: the place is the thing owned.
    assert not names.names_a_town("They fear the fallout from Ana Lind's reelection.", town)
    assert not names.names_a_town("The council sits in Norway's capital.", town)
    assert names.names_a_town("Leeds, United Kingdom hosts the council.", town)


def test_another_exact_quantity_contradicts_the_question() -> None:
    quake = "Which country was shaken by a 7.0-magnitude earthquake this week?"
    assert constraints.contradicts_quantity("Peru was shaken by a magnitude-7.8 earthquake.", quake)
    assert not constraints.contradicts_quantity("A magnitude 7 quake hit Chile.", quake)
    assert not constraints.contradicts_quantity("A quake hit Chile.", quake)
    recall = "Which automaker recalled 200,000 pickup trucks?"
    assert constraints.contradicts_quantity("Ford recalled 150,000 pickup trucks.", recall)
    assert not constraints.contradicts_quantity("Ford recalled 200,000 pickup trucks.", recall)
    prices = "Prices rose 13% in a year. In which month did they peak?"
    assert constraints.contradicts_quantity("Prices rose 8.6% in May.", prices)
    # An approximate quantity pins nothing exact; a date is no quantity.
    killed = "The quake killed more than 1,000 people. Where did it strike?"
    assert not constraints.contradicts_quantity("It killed 1,032 people in Paktika.", killed)
    assert not constraints.contradicts_quantity(
        "On June 22, he said so.", "What was said on 21 June?"
    )


def test_which_other_country_asks_for_a_country() -> None:
    other = "Which other country did Ana Lind visit on her harbour tour?"
    assert kinds.answer_type(other) == "country"
    assert not kinds.has_answer_type("Lind proposed a tour to all Eurasian harbour states.", other)
    assert kinds.has_answer_type("Lind also visited Norway on the tour.", other)
    assert kinds.answer_type("Which country singer won?") is None


def test_which_thing_did_someone_say_needs_their_words() -> None:
    which = "Which country did Ana Lind say was buying harbour cranes?"
    assert not constraints.keeps_constraints(
        "Kim Osaka said Norway was buying harbour cranes.", which
    )
    assert constraints.keeps_constraints("Lind said Norway was buying harbour cranes.", which)
    many = "How many cranes does Lind say the harbour bought?"
    assert not constraints.keeps_constraints("Osaka says the harbour bought 12 cranes.", many)


def test_shares_spans_roles_and_sides_of_an_event() -> None:
    # "How much of their budget ...?" asks for a share, not money.
    share = "How much of their budget did Lind ask the harbours to spend on cranes?"
    assert kinds.answer_type(share) == "percent"
    assert not kinds.has_answer_type("Harbours will spend 1.3 million euros on cranes.", share)
    assert kinds.answer_type("How much did the harbours spend on cranes?") == "money"
    # A causal "since" gives no span of time.
    last = "How long did the harbour meeting last?"
    because = "Norway did not attend the meeting since its minister announced he would leave."
    assert not kinds.has_answer_type(because, last)
    assert kinds.has_answer_type("It has been closed since June.", last)
    assert kinds.has_answer_type("She has led it since she became chair.", last)
    # A speaker asked by role; "said NATO was ..." names no speaker.
    role = "What did Norway's harbour minister say at the meeting?"
    assert not constraints.keeps_constraints(
        "The meeting included harbour ministers of Norway.", role
    )
    assert constraints.keeps_constraints("Norway's harbour minister said NATO was a threat.", role)
    # A region's or country's adjective names no firm.
    firms = "Which US crane companies are named as making money from the war?"
    assert not constraints.keeps_constraints(
        "It lets interest groups in European harbours profit.", firms
    )
    # "after the war?" against "Before the war, ...".
    after = "What happened to the board after the harbour war broke out?"
    assert constraints.contradicts_order("Before the harbour war, the board lost its way.", after)
    assert not constraints.contradicts_order("Following the harbour war, the board grew.", after)
    assert not constraints.contradicts_order("The board grew.", after)


def test_the_question_s_own_people_blocs_and_parties_are_no_answer() -> None:
    # "Jens Lind" is the question's "Lind"; an alliance is no outlet; a party named for a
    # country is not that country.
    outlet = "To which media outlet did Lind give her January interview about cranes?"
    assert not constraints.keeps_constraints(
        "Harbour chief Jens Lind said in an interview in January that NATO would buy cranes.",
        outlet,
    )
    assert constraints.keeps_constraints(
        "Lind told the Harbour Gazette in January about cranes.", outlet
    )
    assert not constraints.keeps_constraints("Lind told the European Union in January.", outlet)
    paper = "In which interview or publication did Lind first call the harbour 'dead'?"
    assert not constraints.keeps_constraints(
        "Harbour chief Ana Lind once called the harbour dead.", paper
    )
    states = "Which ASEAN member states did Lind say joined the crane deal?"
    assert kinds.answer_type(states) == "country"
    party = "Lind spoke at a meeting of the United Russia party on harbour cranes."
    assert not kinds.has_answer_type(party, states)
    assert kinds.has_answer_type("Lind said Vietnam joined the crane deal.", states)


def test_the_next_event_needs_words_about_what_is_ahead() -> None:
    host = "Which country will host the next harbour ministers' meeting?"
    assert not constraints.keeps_constraints(
        "Norway did not attend the meeting since it left.", host
    )
    assert constraints.keeps_constraints("The next meeting will be held in Norway.", host)
    # the next-meeting rule reads only questions about what is ahead
    assert constraints.tells_the_event(
        "Norway did not attend.", "Which country skipped the meeting?"
    )
    assert not constraints.tells_the_event("Norway did not attend.", "Which country hosted it?")


def test_a_pronoun_speaks_for_the_name_before_it() -> None:
    said = "What did Kim Osaka say about the harbour cranes?"
    context = "During the meeting, Lind emphasized the cranes. He warned that they were old."
    assert not constraints.keeps_constraints("He warned that they were old.", said, context)
    context = "During the meeting, Osaka emphasized the cranes. He warned that they were old."
    assert constraints.keeps_constraints("He warned that they were old.", said, context)
    # An adverb between the name and the verb: Lind speaks, not Osaka.
    reply = "What did Kim Osaka say in response to Lind's remark that the harbour is 'dead'?"
    assert not constraints.keeps_constraints(
        "Harbour chief Ana Lind once famously asserted it.", reply
    )


def test_a_reaction_is_the_responder_s_own() -> None:
    react = "How did Kim Osaka respond to Lind's warning about the cranes?"
    assert not constraints.keeps_constraints(
        "As Kim Osaka gets ready to take office, Lind emphasised the value of cranes.", react
    )
    assert constraints.keeps_constraints("Osaka dismissed Lind's warning about the cranes.", react)
    # other forms of asking for a reaction
    said = "Lind also said the cranes would get a firm response from the board."
    for asked in (
        "How did Kim Osaka react when Lind said the cranes would get a firm response?",
        "What did Osaka say in response to Lind's comments?",
        "What was Osaka's reaction to Lind's warning?",
        "What did Osaka think of Lind's warning about the cranes?",
    ):
        assert not constraints.keeps_topic(said, asked), asked
        assert constraints.keeps_topic("Osaka rejected Lind's warning as noise.", asked), asked
    # who reacted may be told before, by a pronoun
    assert constraints.keeps_topic("He also rejected Lind's warning.", react)
    # a forum is no person
    official = "Which Norland official replied to Lind's warning at the Harbour Forum?"
    forum = "At the Pebbleton Policy Forum in Oslo, Kim Osaka said the cranes were old."
    assert names.names_a_person(forum, official)
    assert not names.names_a_person("At the Pebbleton Policy Forum in Oslo, Lind spoke.", official)


def test_a_head_of_state_is_a_person_and_a_country_or_region_is_no_person() -> None:
    head = "Ahead of talks with which European head of state did the harbour chief warn Pebbleton?"
    regions = "The harbour chief said the threat reaches North America and South Korea."
    assert not constraints.keeps_constraints(regions, head)
    assert constraints.keeps_constraints(
        "The harbour chief spoke before meeting French President Ana Lind.", head
    )
    # a person's surname may be a country's name
    assert constraints.keeps_constraints("The harbour chief met Michael Jordan.", head)


def test_which_official_needs_a_person_and_a_name_needs_a_name() -> None:
    official = "Which harbour official replied to Lind's charge about the cranes?"
    assert not constraints.keeps_constraints(
        "The cranes are old, he said after the meeting of the Harbour Board in Oslo.", official
    )
    assert constraints.keeps_constraints("Harbour official Kim Osaka replied to Lind.", official)
    called = "What were the mechanisms the two harbours set up to share cranes called?"
    assert not constraints.keeps_constraints(
        "The two harbours established some mechanisms.", called
    )
    assert constraints.keeps_constraints("The two harbours set up the ‘Crane Pool’ scheme.", called)
    # "A day after X" dates a thing; it is no span of time.
    last = "How long did Lind's meeting with Osaka last?"
    assert not kinds.has_answer_type("A day after Lind's warning, Osaka assured the board.", last)
    assert kinds.has_answer_type("The talks lasted two days.", last)
    since = "How long after Lind's warning did Osaka speak?"
    assert kinds.has_answer_type("A day after Lind's warning, Osaka spoke.", since)
    known = "What are harbour cranes with four arms known as?"
    assert constraints.keeps_constraints("Such cranes are known as quadruple cranes.", known)


def test_an_age_of_a_tradition_is_a_span() -> None:
    old = "How long-standing was the harbour's neutrality?"
    assert kinds.has_answer_type("The harbour gave up its centuries-old neutrality.", old)
    assert not kinds.has_answer_type("The harbour gave up its neutrality.", old)


def test_a_reaction_names_what_it_reacts_to_and_a_next_step_needs_a_sequence() -> None:
    react = "How did Kim Osaka respond to Lind's remarks after the harbour meeting?"
    assert not constraints.keeps_constraints(
        "Norway stayed away since Kim Osaka announced that he would leave the board.", react
    )
    assert constraints.keeps_constraints("Osaka announced he would answer Lind in writing.", react)
    after = "What did Lind do after her talks with Osaka in Oslo ended?"
    assert not constraints.keeps_constraints("Lind met with Osaka in Oslo on Friday.", after)
    assert constraints.keeps_constraints("After the talks, Lind flew to Bergen.", after)
    assert constraints.tells_the_event("Lind met with Osaka.", "What did Lind do in Oslo?")
    advisers = "Which of Osaka's advisers took part in her Oslo meeting with Lind?"
    assert not constraints.keeps_constraints(
        "Ana Lind met with Kim Osaka in Oslo on Friday.", advisers
    )
    assert constraints.keeps_constraints(
        "Osaka's adviser Per Dahl joined the Oslo talks.", advisers
    )


def test_a_speaker_named_before_a_title_between_commas_speaks() -> None:
    text = "On Monday, Kim Osaka, the new head of the Harbour Board (HB), said the cranes are old."
    assert not names.quotes_speaker(text, "What did Ana Lind say about the cranes?")
    assert names.quotes_speaker(text, "What did Kim Osaka say about the cranes?")
    # A place and its description are no speaker.
    assert names.quotes_speaker(
        "In Oslo, the capital, she said the cranes are old.",
        "What did Ana Lind say about the cranes?",
    )
    # unnamed officials who speak are not Ana Lind
    assert not names.quotes_speaker(
        "In Oslo, the capital, officials said the cranes are old.",
        "What did Ana Lind say about the cranes?",
    )


def test_a_speaker_after_confirmed_by_speaks() -> None:
    text = "The talks, confirmed by port spokesperson Ana Lind, focused on the cranes."
    assert names.speakers_of(text) == {"lind"}
    # the name right after "by", not a place after it, nor someone an unnamed speaker met
    assert names.speakers_of("The talks, confirmed by Lind in Brask, lasted an hour.") == {"lind"}
    assert not names.speakers_of("The plan was announced by officials who later met Osaka.")
    assert not names.quotes_speaker(text, "What did Kim Osaka tell reporters after the talks?")
    assert names.quotes_speaker(text, "What did Lind tell reporters after the talks?")


def test_every_name_of_a_topic_must_be_named_except_in_a_report_s_words() -> None:
    summit = "What did Lind say about the upcoming Hanse summit in Bergen?"
    assert not constraints.keeps_topic(
        "Lind once famously asserted that the Hanse is dead.", summit
    )
    assert constraints.keeps_topic("Lind said the Hanse summit in Bergen would buy cranes.", summit)
    described = "How does the report describe the Lind-Osaka talks that the board confirmed?"
    assert constraints.keeps_topic(
        "The high-level talks, confirmed by the board, were long.", described
    )
    by_person = "How does Dahl describe the Lind-Osaka talks?"
    assert not constraints.keeps_topic("Dahl said the high-level talks were long.", by_person)
    # A time clause dates the remark; its names are not the topic.
    before = "How did Chile's president once describe the Hanse before the war with Peru?"
    assert constraints.keeps_topic(
        "Chile's President Ana Lind once said the Hanse is dead.", before
    )
    assert not constraints.keeps_topic("Ana Lind once said the league is dead.", before)


def test_allies_of_a_bloc_are_countries_and_whom_asks_for_a_person() -> None:
    assert kinds.answer_type("Which European NATO ally raised its spending first?") == "country"
    assert kinds.answer_type("Which NATO allies did Lind single out?") == "country"
    assert kinds.answer_type("Which of Lind's allies spoke?") is None
    assert kinds.answer_type("What do NATO allies fear?") is None
    whom = "Whom did Ana Lind meet at the harbour forum in Oslo?"
    assert not constraints.keeps_constraints("Ana Lind urged the forum to buy new cranes.", whom)
    assert constraints.keeps_constraints("At the forum, Ana Lind met Kim Osaka.", whom)


def test_the_full_name_of_an_acronym_is_an_expansion() -> None:
    assert kinds.asked_acronym("What is the full name of the alliance abbreviated as HB?") == "HB"
    assert kinds.asked_acronym("What is the full name of CSTO?") == "CSTO"
    assert kinds.asked_acronym("What is the full name of NATO's secretary general?") is None


def test_the_one_asked_about_does_what_the_answer_tells() -> None:
    whom = "Which cranes did Ana Lind inspect in Oslo?"
    context = "Kim Osaka toured Oslo. He inspected the blue cranes."
    assert not constraints.names_the_doer("He inspected the blue cranes.", whom, context)
    context = "Ana Lind toured Oslo. She inspected the blue cranes."
    assert constraints.names_the_doer("She inspected the blue cranes.", whom, context)
    assert constraints.names_the_doer("Lind inspected the blue cranes.", whom)
    assert not constraints.keeps_constraints("Kim Osaka inspected the blue cranes in Oslo.", whom)
    assert constraints.names_the_doer("She inspected the blue cranes.", whom)  # no passage to read
    # "her" may go back two sentences
    context = "Ana Lind was taken ill. Kim Osaka drove her home. She inspected the blue cranes."
    assert constraints.names_the_doer("She inspected the blue cranes.", whom, context)
    # Two doers, or a question that asks what someone said, are left to other checks.
    assert constraints.names_the_doer(
        "Osaka inspected them.", "Which cranes did Lind and Osaka see?"
    )


def test_a_meeting_asked_with_whom_names_the_one_met() -> None:
    where = "In which town did Lind meet Osaka?"
    said = "Meeting Lind in Oslo on Monday, Berg also praised the cranes."
    assert not constraints.names_the_met(said, where)
    assert not constraints.keeps_constraints(said, where)
    assert constraints.names_the_met("Lind met Kim Osaka in Oslo on Monday.", where)
    context = "Kim Osaka flew north. Lind met her in Oslo on Monday."
    assert constraints.names_the_met("Lind met her in Oslo on Monday.", where, context)
    # a title or a pronoun may stand for the one met; someone else named may not
    assert constraints.names_the_met("Lind met the Danish mayor in Oslo on Monday.", where)
    assert not constraints.names_the_met("Lind met Per Berg in Oslo on Monday.", where)
    # the doer's own title stands for no one met
    told = "What did Ana Lind tell Osaka?"
    own = "At the forum, Ana Lind, the new Secretary General of the board, said cranes are old."
    assert not constraints.names_the_met(own, told)
    assert constraints.names_the_met("Mayor Ana Lind told the Danish president so.", told)
    # any word of the name, and a capital for its country
    assert constraints.names_the_met("Lind met Kim in Oslo.", "Where did Lind meet Kim Jae-sun?")
    visit = "When did Lind visit Ukraine?"
    assert constraints.names_the_met("Lind paid a visit to Kyiv on Monday.", visit)
    # "hold talks with" and "speak with" ask the same; a question with no one met is left alone
    talks = "When did Lind hold talks with Osaka?"
    assert not constraints.names_the_met("Lind held talks with Berg on Monday.", talks)
    assert constraints.names_the_met("Lind met in Oslo.", "Where did Lind meet?")
    told = "What did Lind tell Osaka at the harbour forum?"
    assert not constraints.names_the_met(
        "At the harbour forum, Lind said the cranes were old.", told
    )
    # days of a month asked: "next week" gives none
    days = "On which days in July was the harbour summit held?"
    assert not kinds.has_answer_type("The summit will be held in Oslo next week.", days)
    assert kinds.has_answer_type("The summit was held on July 11 and 12 in Oslo.", days)
    assert constraints.names_the_met("Lind met in Oslo.", "Where did Lind meet the President?")


def test_where_needs_some_place_and_how_large_a_figure() -> None:
    where = "Where did Lind make her remark that the cranes were late?"
    assert not kinds.has_answer_type("Mayor Lind once famously said the cranes were late.", where)
    for placed in (
        "Lind said it at a press conference.",
        "Speaking in Oslo, Lind said the cranes were late.",
        "At the harbour forum, Lind said so.",
        "Lind said it online.",
    ):
        assert kinds.has_answer_type(placed, where), placed
    # "where else" is left to the other checks
    assert kinds.has_answer_type("Lind said so.", "Where else did Lind say so?")
    large = "How large is Norland's annual harbour budget?"
    assert not kinds.has_answer_type("Norland said harbour spending ought to rise.", large)
    assert kinds.has_answer_type("Norland's harbour budget is 2.1 billion crowns.", large)


def test_the_review_cases_of_the_eleventh_stop() -> None:
    # a decision told in other words; hosting told by a venue; a representative named
    decided = "What did the harbour court decide?"
    assert passes("The harbour court ruled that the cranes must go.", decided)
    assert passes("Norway was the venue for the harbour talks.", "Which country hosted the talks?")
    sent = "Lind skipped the talks and sent Per Holm to represent Denmark."
    assert passes(sent, "Who represented Denmark at the harbour talks?")
    # a reaction "when ...": the clause dates it, no name it must repeat
    react = "How did Lind react when Holm cut the harbour fund?"
    assert passes("Lind called the decision a betrayal of the port.", react)
    assert passes(
        "Lind has long regarded the fund as wasteful.", "What did Lind think of the fund?"
    )
    # where: told to an audience, or "visiting"
    assert passes("Lind told a news conference that the cranes were old.", "Where did Lind speak?")
    assert passes("Lind, visiting Oslo, said the cranes were old.", "Where did Lind say it?")
    # the doer by a title, unless another is named
    warn = "What did Lind warn about?"
    assert passes("The harbour chief warned about old cranes.", warn)
    assert not passes("Per Holm warned about old cranes.", warn)
    # "to" and "in" of a place, not of a verb or a year
    assert not kinds.has_answer_type(
        "Lind will meet again to face the board.", "Where will they meet?"
    )
    assert not kinds.has_answer_type("Lind said so in 2019.", "Where did Lind say so?")
    assert kinds.has_answer_type("Lind flew to Kyiv.", "Where did Lind go?")
    # a margin is a figure; a minister's nationality names no member
    assert not kinds.has_answer_type("Lind's win shook the board.", "By what margin did Lind win?")
    members = "Which NATO members spend less than two percent?"
    assert kinds.answer_type("Which NATO members spend less?") == "country"
    assert not kinds.has_answer_type(
        "German Foreign Minister Ana Lind urged members to pay.", members
    )
    assert kinds.has_answer_type("Germany and Poland spend less than two percent.", members)
    assert kinds.has_answer_type(
        "German Foreign Minister Ana Lind urged members to pay.", "Which country urged members?"
    )
    # "Sen." titles a senator
    assert names.names_the_officeholder(
        "Sen. Per Holm blocked the bill.", "Which senator blocked it?"
    )


def test_why_someone_acted_is_told_of_them() -> None:
    why = "Why did Norway boycott the harbour forum in Oslo?"
    context = (
        "The forum drew ministers of Norway, Sweden and Finland. Sweden did not attend the"
        " forum because its leader said he distrusts the board."
    )
    said = "Sweden did not attend the forum because its leader said he distrusts the board."
    # the sentence before names Norway, but this one is about Sweden, whose leader "he" is
    assert not constraints.names_the_doer(said, why, context)
    assert not constraints.keeps_constraints(said, why, context)
    assert constraints.names_the_doer("Norway stayed away because of the fees.", why, context)
    # a leader or a party may speak for the country asked about
    context = "Norway's prime minister Per Holm spoke. Holm said he distrusts the board."
    assert constraints.names_the_doer("Holm said he distrusts the board.", why, context)
    context = "Per Holm refused. Holm said he distrusts the board."
    assert constraints.names_the_doer("Holm said he distrusts the board.", why, context)
    context = "Norway stayed away. Democrats feared he would lose the vote."
    assert constraints.names_the_doer("Democrats feared he would lose the vote.", why, context)
    person = "Why did Lind criticise Osaka?"
    context = "Lind spoke. Osaka had said he did not understand the cranes, prompting it."
    said = "Osaka had said he did not understand the cranes, prompting it."
    assert constraints.names_the_doer(said, person, context)
    context = "Norway sent no one. Its leader said he distrusts the board."
    assert constraints.names_the_doer("Its leader said he distrusts the board.", why, context)
    # a first name of the one asked about, a nationality, a sentence's opening adverb
    tesla = "Why did Lind leave the harbour board?"
    context = "Ana Lind joined in 2001. Ana left the board because of the fees."
    assert constraints.names_the_doer("Ana left the board because of the fees.", tesla, context)
    context = "Lind spoke. Unfortunately, she left because of the fees."
    said = "Unfortunately, she left because of the fees."
    assert constraints.names_the_doer(said, tesla, context)
    context = "Lind met Danish officials. Danish officials said she left because of the fees."
    said = "Danish officials said she left because of the fees."
    assert constraints.names_the_doer(said, tesla, context)
    # a headline's word, capitalised only where it opens a title or a sentence
    context = '"Caution" Is Key, Says Lind. Caution made her leave the board.'
    assert constraints.names_the_doer("Caution made her leave the board.", tesla, context)


def test_an_ending_an_earlier_post_and_an_agreement_must_be_told() -> None:
    end = "How did the harbour dispute between Oslo and Bergen end?"
    assert not constraints.keeps_constraints(
        "Oslo quit the board over its dispute with Bergen.", end
    )
    assert constraints.keeps_constraints("The dispute ended with a truce in May.", end)
    before = "What post did Ana Lind hold before becoming harbour spokesperson?"
    assert not constraints.keeps_constraints(
        "The talks, confirmed by spokesperson Ana Lind, ran.", before
    )
    assert constraints.keeps_constraints("Lind was previously a crane inspector.", before)
    agree = "What did Lind and Osaka agree on when they met?"
    assert not constraints.keeps_constraints(
        "Lind described the risks before meeting Osaka.", agree
    )
    assert constraints.keeps_constraints("Lind and Osaka agreed to share cranes.", agree)
    # Agreeing to do something is an act, not an agreement between parties.
    buy = "Kim Osaka has agreed to buy a team in which league?"
    assert constraints.tells_the_event(
        "Osaka is part of a group buying a Major League Sailing club.", buy
    )


def test_which_article_of_a_treaty_needs_a_numbered_provision() -> None:
    asked = "Which article of the harbour treaty did Lind invoke?"
    assert kinds.answer_type(asked) == "provision"
    assert kinds.has_answer_type("Lind invoked Article 5 of the treaty.", asked)
    assert kinds.has_answer_type("Lind invoked the treaty's fifth article.", asked)
    assert not kinds.has_answer_type("Lind stressed the treaty's collective defence.", asked)
    assert kinds.answer_type("Which article of the corpus covers Lind?") is None


def test_a_lone_surname_is_read_with_the_whole_article(tmp_path: Path) -> None:
    filler = " ".join(f"The harbour has {n} berths for ships of every size." for n in range(2, 40))
    files = {
        "port.md": "# Port\n\nHarbour chief Kim Osaka opened the season on Monday. "
        f"{filler}\n\nLater, Osaka proposed new cranes for the northern quay.\n"
    }
    rt, _ = make(
        tmp_path,
        obeying_llm,
        files,
        answer_mode="extract",
        chunk_tokens=64,
        chunk_overlap=0,
        abstain_threshold=0.0,
    )
    chunks = [c for c in rt.index.chunks if "proposed new cranes" in c.text]
    assert chunks and all("Kim Osaka" not in c.text for c in chunks)  # another chunk names him
    ans = rt.answerer.answer("Which harbour official proposed new cranes for the northern quay?")
    assert not ans.abstained and "Osaka proposed" in ans.answer
    # "Foreign Minister" ends a run of capitals, but it is an office, not a surname.
    assert not names.names_a_person(
        "The Minister urged a bigger budget.",
        "Who was chancellor when the budget grew?",
        "Russian Foreign Minister Ana Lind spoke first. Then came the Foreign Minister.",
    )


def test_a_group_of_countries_a_successor_and_a_reaction_must_be_told() -> None:
    group = "To which group of countries did Lind address her proposal?"
    assert kinds.answer_type(group) is None  # "the Hanse countries" answers it
    assert kinds.answer_type("Which group countries joined?") == "country"
    succeed = "Who is expected to succeed Kim Osaka as harbour master?"
    assert not constraints.keeps_constraints(
        "Harbour master Kim Osaka met Ana Lind in Oslo.", succeed
    )
    assert constraints.keeps_constraints("Ana Lind is tipped to take over from Osaka.", succeed)
    react = "How did the mayor of Bergen react to Oslo buying new cranes?"
    assert not constraints.keeps_constraints(
        "Oslo bought new cranes for its port in Bergen.", react
    )
    assert constraints.keeps_constraints("Bergen's mayor welcomed Oslo's new cranes.", react)


def test_an_exact_day_needs_a_day() -> None:
    exact = "On what exact day did the harbour summit open?"
    assert kinds.answer_type(exact) == "day"
    assert kinds.answer_type("Which specific date was the levy set?") == "date"
    assert kinds.answer_type("What specific day-to-day duties does the envoy have?") is None
    assert not kinds.has_answer_type("The harbour summit will open in Pebbleton next week.", exact)
    assert not kinds.has_answer_type("One day the harbour summit opened.", exact)
    for day in ("on June 3", "on Monday", "on Christmas Day", "on the 3rd"):
        assert kinds.has_answer_type(f"The harbour summit opened {day}.", exact), day


def test_a_plan_to_meet_again_needs_words_ahead() -> None:
    again = "When are Lind and Osaka scheduled to meet again?"
    assert not constraints.tells_the_event("Lind met Osaka in Pebbleton on Friday.", again)
    assert constraints.tells_the_event("Lind and Osaka will meet in May to go on.", again)
    resume = "When will the harbour talks resume?"
    assert not constraints.tells_the_event("The harbour talks began on Friday.", resume)
    assert constraints.tells_the_event("The talks are expected to resume in May.", resume)
    # a plan in the present tense, or an agreement to meet, is no account of the last one
    assert constraints.tells_the_event("Negotiators reconvene in Pebbleton on March 3.", resume)
    assert constraints.tells_the_event("The sides agreed to meet in Pebbleton on May 2.", again)
    assert constraints.tells_the_event(
        "Lind met Osaka on Friday; they will meet again in May.", again
    )
    # a past event asked about in the past is no plan
    assert constraints.tells_the_event("Lind met Osaka on Friday.", "When did Lind meet Osaka?")


def test_who_stayed_away_must_be_told() -> None:
    absent = "Which harbour state was absent from the Pebbleton meeting?"
    attended = "The Pebbleton meeting included the ministers of Tidewater, Gullport and Saltmarsh."
    assert not constraints.tells_the_event(attended, absent)
    assert constraints.tells_the_event("Gullport did not attend the Pebbleton meeting.", absent)
    assert constraints.tells_the_event("Gullport didn't attend the Pebbleton meeting.", absent)
    for asked in (
        "Which state skipped the Pebbleton meeting?",
        "Which state stayed away from the Pebbleton meeting?",
        "Who did not attend the Pebbleton meeting?",
    ):
        assert not constraints.tells_the_event(attended, asked), asked
        assert constraints.tells_the_event("Gullport stayed away from the meeting.", asked), asked
    # "in the absence of" asks no one's absence
    cold = "What do the harbour turbines use as a cold sink in the absence of heat pumps?"
    assert constraints.tells_the_event("The harbour turbines use sea water as a cold sink.", cold)


def test_who_chaired_or_which_body_hosted_must_be_told() -> None:
    chaired = "Who chaired the meeting of harbour ministers in Pebbleton?"
    attended = "The meeting included the harbour ministers of Tidewater and Pebbleton."
    assert not constraints.tells_the_event(attended, chaired)
    # "Organization" is a name's word, not someone organising
    assert not constraints.tells_the_event("He spoke at the Harbour Treaty Organization.", chaired)
    assert constraints.tells_the_event("The meeting was chaired by Ana Lind.", chaired)
    assert constraints.tells_the_event("The meeting was mediated by Tidewater.", chaired)
    # "President" and "hostages" are no presiding or hosting
    assert not constraints.tells_the_event("President Ana Lind attended the meeting.", chaired)
    # a country or a minister asked for by what they did; a meeting placed in a town of theirs
    minister = "Which country's harbour minister chaired the meeting in Pebbleton?"
    assert not constraints.tells_the_event(attended, minister)
    country = "Which country hosted the meeting of harbour ministers?"
    assert not constraints.tells_the_event(attended, country)
    placed = "He spoke after the meeting of harbour ministers in the Norland city of Pebbleton."
    assert constraints.tells_the_event(placed, country)
    assert not constraints.tells_the_event(placed, chaired)  # where it met is not who chaired
    gathered = "Leaders gathered in Norland's capital Pebbleton, with Lind attending."
    assert constraints.tells_the_event(gathered, country)
    assert not constraints.tells_the_event("Norway did not attend the meeting at all.", country)
    hosted = "Which organisation hosted the harbour forum in Pebbleton?"
    assert not constraints.tells_the_event(
        "At the harbour forum in Pebbleton, Ana Lind spoke.", hosted
    )
    assert constraints.tells_the_event("The Port Institute hosted the harbour forum.", hosted)


def test_of_inside_a_title_or_name_is_no_place() -> None:
    city = "In which city did Lind sit down with the harbour chief?"
    blinken = "A day after, Secretary of State Ana Lind assured the board of her support."
    assert not names.names_a_town(blinken, city)
    assert names.names_a_town("Secretary of State Ana Lind met him in Pebbleton.", city)
    # other words before "of" leave the place a place
    assert names.names_a_town("Most of Pebbleton was left without power.", city)
    # a party's name is no town; a town beside a party, or before "party", still is
    asked = "In which city did Ana Lind make those remarks?"
    party = "Ana Lind said it at a council of the United Harbour party on trade."
    assert not kinds.has_answer_type(party, asked)
    assert not names.names_a_town(party, asked)
    assert names.names_a_town("Ana Lind spoke in Brask at the United Harbour party.", asked)
    assert names.names_a_town("Ana Lind spoke at the Brask party congress.", asked)
    assert names.names_a_town("Residents of Pebbleton said so.", city)
    assert names.names_a_town("The Secretary of Tidewater met Lind.", city)
    assert names.names_a_town("They met in the Kazakh city of Almaty.", city)


def test_which_estate_asks_for_a_named_spot() -> None:
    spot = "At which estate in Palm Cove did Lind and Osaka hold their talks?"
    assert not kinds.has_answer_type("Lind met Osaka in Palm Cove, Florida on Friday.", spot)
    assert kinds.has_answer_type("Lind met Osaka at Seaview Lodge in Palm Cove.", spot)


def test_a_region_s_adjective_describes_and_names_nothing() -> None:
    first = "Which of the two formerly neutral Nordic harbours joined the league first?"
    assert names.names_missing(first, "Pebbleton joined the league first, then Tidewater.") == []
    assert names.names_missing("When did Pebbleton join?", "Tidewater joined in May.") == [
        "pebbleton"
    ]
    # a language is no region: "the Latin name" must be in the article
    assert names.names_missing("What is the Latin name of the harbour?", "It opened.") == ["latin"]


def test_a_speaker_asked_by_role_must_hold_that_role() -> None:
    said = "What did Tidewater's harbour minister say about the levy?"
    reply = "“It is unfair,” he said after the meeting of harbour ministers."
    other = f"Pebbleton Harbour Minister Ana Lind criticised the levy. {reply}"
    assert not constraints.keeps_constraints(reply, said, other)
    same = f"Tidewater Harbour Minister Ana Lind criticised the levy. {reply}"
    assert constraints.keeps_constraints(reply, said, same)
    # a country's adjective names it ("Russian" for "Russia's")
    russia = "What did Russia's harbour minister say about the levy?"
    russian = f"Russian Harbour Minister Ana Lind criticised the levy. {reply}"
    assert constraints.keeps_constraints(reply, russia, russian)


def test_an_amount_belongs_to_who_is_named_before_it() -> None:
    total = (
        "Port reports estimate that the harbour spending of league members will reach 1.3"
        " billion euros in 2023, and among them Pebbleton will rank first."
    )
    one = "How much did Pebbleton on its own spend on its harbour in 2023?"
    assert not constraints.keeps_constraints(total, one)
    assert not constraints.keeps_constraints(
        total, "How much did the Northern members spend in 2023?"
    )
    assert constraints.keeps_constraints(total, "How much did the league members spend in 2023?")
    # a country by any of its forms; "US dollars" names a currency, not a spender
    us = "How much did the United States spend on its military?"
    assert not constraints.keeps_constraints("Allies will spend 1.3 trillion US dollars.", us)
    assert constraints.keeps_constraints("American military spending reached $900 billion.", us)
    # the amount first, or after no name: who spends is told elsewhere
    assert constraints.keeps_constraints("It spent $900 billion on its military.", us)
    # a capital for its country, initials for a bloc, "by X" after the amount
    assert constraints.keeps_constraints("Washington spent $916 billion on its military.", us)
    bloc = "How much did the Harbour League spend on cranes?"
    assert constraints.keeps_constraints("The HL spent 20 million euros on cranes.", bloc)
    bought = "How much did Tidewater pay for the cranes?"
    sold = "Pebbleton's cranes were bought for $9 million by Tidewater."
    assert constraints.keeps_constraints(sold, bought)
    assert not constraints.keeps_constraints("Pebbleton paid $9 million for the cranes.", bought)
    # the source of a figure ("According to Pebbleton media, ...") is no spender
    sourced = "According to Pebbleton media reports, League members spent 1.3 billion euros."
    assert not constraints.keeps_constraints(sourced, one)
    # the spender is the last name before the verb, not who wanted it
    wanted = "How much did Ana Lind want Port Bank to invest in the harbour?"
    assert constraints.keeps_constraints("Lind wanted Port Bank to invest $500,000 in it.", wanted)


def test_a_promise_offer_or_demand_needs_a_sentence_telling_of_it() -> None:
    met = "Mayor Lind met harbour chief Ana Osaka in Pebbleton on Friday to discuss the cranes."
    for question in (
        "What did Lind promise Osaka about the cranes?",
        "What did Lind offer Osaka in exchange for the cranes?",
        "What did Lind recommend the harbour do about the cranes?",
        "What level of spending did Lind demand from the harbour?",
    ):
        assert not constraints.keeps_constraints(met, question), question
    assert constraints.keeps_constraints(
        "Lind pledged that the cranes would arrive in May.",
        "What did Lind promise Osaka about the cranes?",
    )
    assert constraints.keeps_constraints(
        "Lind urged the harbour to buy two more cranes.",
        "What did Lind recommend the harbour do about the cranes?",
    )
    assert constraints.keeps_constraints(
        "Lind pushed the harbour to spend 3 percent on cranes.",
        "What level of spending did Lind demand from the harbour?",
    )
    # someone's "would" is no offer
    offer = "What did Lind offer Osaka in exchange for the cranes?"
    assert not constraints.keeps_constraints("Osaka said the port would buy the cranes.", offer)
    assert constraints.keeps_constraints("Lind offered Osaka two berths for the cranes.", offer)
    # other verbs ask for a thing: "What did Lind buy?" is not an act of speech
    assert constraints.keeps_constraints("Lind bought two cranes.", "What did Lind buy in May?")


def test_a_venue_is_a_town_or_country_not_a_region() -> None:
    held = "Where did Lind hold her July conference with the harbour board?"
    region = (
        "At a conference with the harbour board in July, Russian Mayor Lind said trade "
        "in Eurasia must grow."
    )
    assert not kinds.has_answer_type(region, held)
    assert kinds.has_answer_type("Lind held the conference in Pebbleton in July.", held)
    assert kinds.has_answer_type("The board met in Kazakhstan in July.", held)
    # other "where" questions take any place
    assert kinds.has_answer_type(region, "Where must trade grow, according to Lind?")


def test_anonymous_sources_do_not_say_who_they_were() -> None:
    who = "Who were the informed sources that the Harbour Times cited on the crane deal?"
    anonymous = "Citing informed sources, the Harbour Times wrote that the crane deal failed."
    assert not constraints.keeps_constraints(anonymous, who)
    # a sentence that tells of no source does not say who the sources were either
    assert not constraints.keeps_constraints(
        "Port chief Ana Osaka called the crane deal a failure.", who
    )
    named = "Port chief Ana Osaka told the Harbour Times that the crane deal failed."
    assert constraints.keeps_constraints(named, who)
    officials = "Which officials did the Harbour Times name as its sources on the deal?"
    assert not constraints.keeps_constraints(
        "Sources familiar with the deal said it failed.", officials
    )


def test_review_cases_of_the_act_venue_and_sources_checks() -> None:
    """Right answers the first versions refused, and wrong ones they let through."""
    keep = constraints.keeps_constraints
    # an act word used as a noun asks for no act; "announced" and "he'd" tell of a promise
    assert keep("The package included two berths.", "What did the offer include?")
    assert keep(
        "NATO then moved troops to Poland.", "What did NATO do after the offer was rejected?"
    )
    assert keep("Lind announced 2 million euros for the port.", "What did Lind promise the port?")
    assert keep("Lind said he'd end the strike in a day.", "What did Lind promise to do first?")
    assert not keep("Lind met Osaka's harbour chief.", "What has Lind pledged to Osaka?")
    # the sources check asks only who the sources were
    anon = "The Harbour Times, citing anonymous sources, reported the deal."
    assert keep(anon, "Who cited anonymous sources in reporting the deal?")
    assert keep("Tidewater Gas supplies the port.", "Who is the source of the port's gas?")
    quoted = "The Harbour Times quoted Ana Osaka, a senior port official."
    assert keep(quoted, "Who were the sources quoted by the Harbour Times?")
    # a source opening the sentence is no spender; a spender inside it still is
    inside = "According to the League Pebbleton spent 2.1 percent, or 90 million euros."
    assert not keep(inside, "How much did Tidewater spend on its harbour?")
    # a venue: a building, a host country, online; not a region, and a country the
    # question names only by adjective is still new
    venue = kinds.has_answer_type
    assert venue("The summit was hosted by Lithuania.", "Where was the 2023 summit held?")
    assert venue("The two met at the White House.", "Where did Lind and Osaka meet?")
    assert venue("They met at NATO headquarters.", "Where did the ministers meet?")
    assert venue("The meeting was held online.", "Where was the meeting held?")
    assert venue("The club met in a loft on Dock Street.", "Where did the club first meet?")
    assert venue("The delegations met in Russia.", "Where did the Russian delegations meet?")
    assert venue("They were held in a basement.", "Where were the hostages held?")


def test_review_cases_of_page_parts() -> None:
    from askcorpus import page
    from askcorpus.load import Document

    for story in (
        "What were the headlines in Russian media after the cranes arrived?",
        "What headline did the Harbour Times use for the crane story?",
        "Which headline-grabbing moves did the harbour council make?",
        "What did the satellite images taken on Monday show at the quay?",
        "Who were the sources of the Harbour Times report on the cranes?",
        "What time did the cranes arrive, as posted by the council?",
        "Which camera took the picture of the crane?",
        "What is the headline of the council statement?",
    ):
        assert page.asked_part(story) is None, story
    # a time stamp is a dateline, not the story's first clock time
    story_first = Document("a.txt", "Cranes", "Cranes arrived at 10:45 on June 21, said Lind.", "a")
    assert page.part_lines(story_first, "time") == []
    stamped = Document("b.txt", "Cranes", "Cranes\n\nJune 21, 2024 Hour: 12:14 pm\n\nText.", "b")
    assert page.part_lines(stamped, "time") == ["June 21, 2024 Hour: 12:14 pm"]
    # "EU" in "the EU headline" is a word, not part of "Europe"
    assert not page.answers(
        "Europe's security deteriorates", "title", "What does the EU headline say?"
    )


def test_a_speaker_asked_by_office_of_a_country_must_speak() -> None:
    minister = "What did the foreign minister of Norway say at the harbour talks?"
    assert not constraints.keeps_constraints(
        "The harbour talks included foreign ministers of Norway, Chile and Peru.", minister
    )
    assert constraints.keeps_constraints(
        "Norway's foreign minister said the talks went well.", minister
    )
    predict = "What did Ana Lind predict the council would do?"
    assert not constraints.keeps_constraints(
        "The Harbour Gazette said the council would act.", predict
    )
    assert constraints.keeps_constraints("Lind said the council would act.", predict)


def test_what_agreement_needs_a_sentence_telling_of_one() -> None:
    deal = "What concrete agreement did Lind and Osaka reach in Pebbleton?"
    assert not constraints.tells_the_event("Lind met Osaka in Pebbleton to discuss trade.", deal)
    assert constraints.tells_the_event("Lind and Osaka signed a fishing accord in Pebbleton.", deal)


def test_which_weapons_needs_a_kind_of_weapon() -> None:
    weapons = "Which specific weapons did Norway promise to send to Chile?"
    assert not constraints.tells_the_event(
        "Norway said it would push for aid to be sent to Chile.", weapons
    )
    assert not constraints.tells_the_event("A think tank said Norway would help Chile.", weapons)
    assert constraints.tells_the_event(
        "Norway will send air defence systems and drones to Chile.", weapons
    )
    assert constraints.tells_the_event("Norway promised F-16 jets.", weapons)


def test_who_is_the_described_person_needs_the_role_or_the_act() -> None:
    official = "Who is the senior Chilean official who told Reuters the winter will be hard?"
    assert not constraints.keeps_constraints("Osaka said he would keep pushing for aid.", official)
    assert constraints.keeps_constraints("Chilean official Ana Lind told Reuters so.", official)
    assert constraints.keeps_constraints(
        "The remark came from Ana Lind, the official in charge.", official
    )
    spokesperson = "Who was the spokesperson who confirmed the talks?"
    assert constraints.keeps_constraints("The talks, confirmed by Ana Lind, went on.", spokesperson)


def test_by_what_name_asks_for_a_term() -> None:
    name = "By what name does the alliance refer to the harbour region?"
    assert not constraints.keeps_constraints(
        "The alliance wants to control the harbour region.", name
    )
    assert constraints.keeps_constraints(
        "It rules the harbour region, which it calls the outer bight.", name
    )
    named = "Ana Lind said the U.S.-led alliance wants to control the harbour region."
    assert not constraints.keeps_constraints(named, name)  # a name, but not the region's
    known = "What is taking a larger share of wealth called?"
    assert constraints.keeps_constraints("This, known to economists as rent-seeking, grew.", known)
    # "By what name was it known?" asks only for a name, which needs no naming word.
    army = "By what name was the army that conquered the harbour known?"
    assert constraints.keeps_constraints(
        "Under Lind and the Golden Horde, they took the harbour.", army
    )
    call = "What does the alliance call the harbour region?"
    assert not constraints.keeps_constraints(
        "The alliance wants to control the harbour region.", call
    )


def test_an_earlier_post_and_an_adopted_document_must_be_told() -> None:
    before = "What post did Ana Lind hold before she became harbour master?"
    assert not constraints.tells_the_event(
        "Harbour master Ana Lind has said the port is safe.", before
    )
    assert constraints.tells_the_event("Lind was previously the port's mayor.", before)
    assert constraints.tells_the_event("Lind was the Dutch prime minister for years.", before)
    # neither a "before" of another event nor any "was" tells of an earlier post
    later = "Cole spoke in the months before Lind's return, and it was cold in 2024."
    assert not constraints.tells_the_event(later, before)
    adopt = "What joint document did the harbour ministers adopt at the end of their meeting?"
    assert not constraints.tells_the_event(
        "The meeting included the ministers of six ports.", adopt
    )
    assert constraints.tells_the_event("The ministers adopted a joint statement on cranes.", adopt)
    assert constraints.tells_the_event("They signed a declaration on the cranes.", adopt)


def test_a_capital_stands_for_its_country() -> None:
    assert names.with_countries("Did Pyongyang help Moscow?") == "Did North Korea help Russia?"
    warn = "What did Lind warn about Pyongyang's help to Moscow?"
    assert constraints.keeps_topic("Lind warned of North Korea's support for Russia.", warn)
    assert not constraints.keeps_topic("Lind warned of North Korea's support for Chile.", warn)


def test_citations_are_renumbered_in_reading_order() -> None:
    from askcorpus.cite import renumbered

    text, order = renumbered("Pier 4 [3], opened Friday [5][3] by the mayor [3, 5].", [5, 3])
    assert text == "Pier 4 [1], opened Friday [2][1] by the mayor [1, 2]."
    assert order == [3, 5]  # new number i + 1 is old order[i]
    assert renumbered("Friday [2] (see [7]).", [2]) == ("Friday [1] (see [7]).", [2])


def test_the_source_of_a_statement_must_be_reported() -> None:
    confirmed = "Who confirmed the meeting between Lind and Osaka?"
    met = "Harbour master Ana Lind met Mayor Kim Osaka in Port Vell on Friday."
    said = "Lind stressed the value of the cranes after the meeting."
    told = "The talks, confirmed by port spokesperson Eva Rask, focused on cranes."
    assert not constraints.keeps_constraints(met, confirmed)  # no one speaks
    assert not constraints.keeps_constraints(said, confirmed)  # speaks, but confirms nothing
    assert constraints.keeps_constraints(told, confirmed)
    denied = "Who denied the report on the cranes?"
    assert constraints.keeps_constraints("Rask rejected the report as false.", denied)
    assert not constraints.keeps_constraints("Rask said the cranes were new.", denied)
    # "who said" takes any speech, a quote or a claim; other "who" questions are not held to it
    asked = "Which port official told reporters that the cranes were late?"
    assert constraints.keeps_constraints("Eva Rask told reporters the cranes were late.", asked)
    assert constraints.keeps_constraints("Ana Lind, claiming the cranes were late, left.", asked)
    assert not constraints.keeps_constraints("Eva Rask inspected the late cranes.", asked)
    novel = "Who wrote the novel The Harbour?"  # an author, not a source
    assert constraints.keeps_constraints("The Harbour is a novel by Ana Lind.", novel)
    # a doer, not a source: these verbs ask for one only before what was said
    for question, text in (
        ("Who claimed the regatta title?", "Ana Lind won the regatta title."),
        ("Who reported record profits?", "Port Vell Shipping posted record profits."),
        ("Who warned of a storm?", "Eva Rask cautioned about a storm."),
        ("Who told Reuters about the cranes?", "Eva Rask spoke to Reuters about the cranes."),
    ):
        assert constraints.keeps_constraints(text, question), question
    assert not constraints.keeps_constraints("Eva Rask met Lind.", "Who warned that it was late?")


def test_an_arrival_a_term_s_end_and_a_summit_must_be_told() -> None:
    arrive = "On what date did the first harbour crews arrive in Pebbleton?"
    other_event = "At the harbour forum on Thursday, November 7, Ana Lind spoke of the crews."
    assert not constraints.tells_the_event(other_event, arrive)
    assert constraints.tells_the_event("The first crews arrived on November 7.", arrive)
    # "arrive at a record" is a result, not a journey
    record = "When did the Gulls arrive at a record of 13-0?"
    assert constraints.tells_the_event("The Gulls went 13-0 in 2011.", record)
    term = "When does Ana Lind's term as harbour master end?"
    assert not constraints.tells_the_event("A day after the warning, Lind spoke.", term)
    assert constraints.tells_the_event("Lind's mandate runs until 2028.", term)
    assert constraints.tells_the_event("Lind will step down in May.", term)
    summit = "At which summit did Ana Lind say the alliance would set a new target?"
    assert not constraints.tells_the_event("At the Harbour Policy Forum, Lind spoke.", summit)
    assert constraints.tells_the_event("At the Pebbleton summit, Lind spoke.", summit)
    assert constraints.tells_the_event("Speaking at the G7 in Pebbleton, Lind said so.", summit)
    # asked only as the question itself: not in a clause, not "what is the summit ..."
    for other in (
        "What is the summit expected to approve?",
        "When Lind arrived in Pebbleton, what did she tell reporters?",
        "Which club will Lind join when her contract with Tidewater ends?",
        "What long-term step did the port take to end its use of coal?",
    ):
        assert constraints.tells_the_event("Lind said the port would buy cranes.", other), other
    assert constraints.tells_the_event("Lind flew to Pebbleton on Monday.", arrive)


def test_which_property_in_a_town_asks_for_a_spot_within_it() -> None:
    asked = "At which property in Pebbleton did Lind and Ode hold their talks?"
    assert not kinds.has_answer_type("Lind met Ode in Pebbleton, Florida on Friday.", asked)
    assert kinds.has_answer_type("Lind met Ode at Gull Lodge in Pebbleton.", asked)
    residence = "At which residence did Lind and Ode hold their talks?"
    assert kinds.has_answer_type("Lind met Ode at Gull Lodge, her home.", residence)
    assert not kinds.has_answer_type("Lind met Ode in Belarus on Friday.", residence)
    # a property of a thing is no spot, nor is a residence permit
    water = "Which property of sea water makes the harbour ice float?"
    assert kinds.has_answer_type("Sea water expands as it freezes.", water)
    permits = "What residence permits will Tidewater issue to the harbour crews?"
    assert kinds.has_answer_type("Tidewater will issue one-year permits to the crews.", permits)


def test_no_country_or_alliance_names_a_party() -> None:
    party = "Which party does Harbour Minister Ana Lind belong to?"
    says = (
        "German Harbour Minister Ana Lind urged European members of the North Atlantic "
        "Treaty Organization (NATO) to spend more."
    )
    assert not names.names_something(says, party)
    assert names.names_something("Ana Lind of the Tidewater Party spoke.", party)
    # an alliance's long name is no company either
    company = "Which company builds the harbour cranes?"
    assert not names.names_something(
        "The cranes serve the North Atlantic Treaty Organization.", company
    )
    assert names.names_something("The cranes are built by Tidewater Cranes.", company)
    # a name that holds a country or a title word is still a name
    assert names.names_something("Air France cancelled flights.", "Which airline cancelled them?")
    assert names.names_something("Brothers of Italy won the vote.", "Which party won the vote?")
    assert names.names_something("Reform UK came third.", "Which party came third?")
    assert names.names_something("It ran in Foreign Affairs.", "Which magazine ran it?")


def test_a_titled_person_names_no_body() -> None:
    outlet = "Which Tidewater media outlet published the harbour estimate?"
    says = "NATO Secretary-General Ana Lind announced in an interview that the port grows."
    assert not names.names_something(says, outlet)
    party = "Which party does the harbour chief belong to?"
    assert not names.names_something("Harbour Minister Ana Lind spoke on Friday.", party)
    assert not names.names_something("President-elect Ana Lind spoke on Friday.", party)
    # an outlet or party still counts beside the person, and "General Electric" is a firm
    assert names.names_something("Secretary-General Ana Lind told the Pebbleton Gazette.", outlet)
    assert names.names_something("Minister Ana Lind of the Tidewater Party spoke.", party)
    company = "What company was chosen to build the harbour cranes?"
    assert names.names_something("General Electric was chosen to build them.", company)
    # a person answers a question about someone as before
    assert names.names_something(says, "Who announced that the port grows?")


def test_questions_for_dates_need_days_months_or_years() -> None:
    asked = "On which dates will the harbour summit in Pebbleton take place?"
    assert kinds.answer_type(asked) == "dates"
    assert not kinds.has_answer_type(
        "The harbour summit will be held in Pebbleton next week.", asked
    )
    for said in (
        "The summit runs on July 11 and 12.",
        "It was refurbished between November 2006 and May 2008.",
        "It meets on Tuesday and Wednesday.",
    ):
        assert kinds.has_answer_type(said, "Between what dates was it refurbished?"), said
    # one date still needs a day
    assert kinds.answer_type("On what date will the summit open?") == "date"
    assert not kinds.has_answer_type("It opens in May 2008.", "On what date will it open?")


def test_a_level_of_spending_asks_for_a_figure() -> None:
    asked = "What level of harbour spending did Lind demand from the towns?"
    assert kinds.answer_type(asked) == "number"
    assert not kinds.has_answer_type(
        "Lind questioned the fairness of harbour spending, pushing towns to pay more.", asked
    )
    assert kinds.has_answer_type("Lind demanded two percent of each town's budget.", asked)
    assert kinds.has_answer_type("Lind asked the towns for 3% of their budgets.", asked)
    # a level of something else is no figure
    assert kinds.answer_type("What level of access did the crews get?") is None


def test_one_of_someones_properties_is_a_spot() -> None:
    for asked in (
        "At which of Lind's properties in Pebbleton did the talks take place?",
        "At which of Lind's properties did the Pebbleton talks take place?",
    ):
        assert not kinds.has_answer_type("Lind met Ode in Pebbleton, Florida on Friday.", asked)
        assert kinds.has_answer_type("Lind met Ode at Gull Lodge in Pebbleton.", asked)
    # a property of a thing is still no place
    water = "Which of its properties makes the harbour ice float?"
    assert kinds.has_answer_type("Ice expands as it freezes.", "Which property of ice matters?")
    assert kinds.has_answer_type("Ice expands as it freezes.", water)
    assert kinds.has_answer_type("Ice expands.", "Which of sea water's properties matter?")


def test_who_is_chosen_as_an_office_needs_that_office() -> None:
    asked = "Who has Lind chosen as the harbour ambassador to Tidewater?"
    met = "Harbour Minister Ana Lind met Tidewater's mayor Ode Berg on Friday."
    assert not constraints.keeps_constraints(met, asked)
    named = "Lind named Ode Berg as her ambassador to Tidewater."
    assert constraints.keeps_constraints(named, asked)
    # the act alone, with no office, is no such question; but the role must be told, in
    # any form of its words
    replacement = "Who was appointed as Lind's replacement?"
    assert not constraints.keeps_constraints(met, replacement)
    assert constraints.keeps_constraints("Ode Berg will replace Lind, the board said.", replacement)


def test_according_to_someone_asks_for_their_words() -> None:
    asked = "According to the senior harbour official who told Reuters, what does the port need?"
    assert not names.quotes_speaker("Mayor Lind said the port needs cranes.", asked)
    assert names.quotes_speaker("A senior official told Reuters the port needs cranes.", asked)
    assert names.quotes_speaker("The port needs cranes, the official said.", asked)
    assert names.quotes_speaker("The port needs cranes.", asked)  # no one else speaks
    # a quote opening its sentence is the words of the speaker named before it
    passage = "Mayor Lind said the port would grow. “It needs cranes and ships,” she added."
    quote = "“It needs cranes and ships,” she added."
    assert not names.quotes_speaker(quote, asked, passage)
    # a nationality tells no source apart
    ukrainian = "According to the senior Ukrainian official, what does the port need?"
    assert not names.quotes_speaker("Lind said nothing is decided without Ukrainians.", ukrainian)
    # what a clause says of the source does not name it ("told Reuters")
    assert not names.quotes_speaker("Mayor Lind told Reuters the port needs cranes.", asked)
    # a document, a survey, a body, an office or an acronym speaks through others
    for source in (
        "the report on the port",
        "a new survey",
        "the White House",
        "the Kremlin",
        "Tidewater's president",
        "the FAA",
    ):
        asked = f"According to {source}, what does the port need?"
        assert names.quotes_speaker("Mayor Lind said the port needs cranes.", asked), source


def test_no_country_or_office_names_an_alliance_but_an_alliance_does() -> None:
    join = "Which alliance or organisation does Tidewater's Ana Lind plan to join instead?"
    leave = (
        "Tidewater's Prime Minister Ana Lind said it would leave the Harbour Pact, which did "
        "not support it against Azerbaijan."
    )
    assert not names.names_something(leave, f"{join[:-1]} of the Harbour Pact?")
    assert names.names_something("Ana Lind said Tidewater will join the Gull League.", join)
    assert names.names_something("Ana Lind said Tidewater will join NATO.", join)
    # the plural asks the same
    many = "Which alliances does Tidewater's Ana Lind plan to join?"
    assert not names.names_something("Tidewater's Prime Minister Ana Lind met Azerbaijan.", many)


def test_which_european_country_is_not_answered_by_another() -> None:
    asked = "Which European ally was the first to raise its port levy?"
    assert not kinds.has_answer_type("The United States pushed its allies to raise it.", asked)
    assert kinds.has_answer_type("Poland was the first to raise it.", asked)
    assert kinds.has_answer_type("The Dutch were the first.", asked)
    assert kinds.has_answer_type("Bosnia was the first.", asked)
    # "Eastern European" names Europe too; "Which ally" asks any country
    assert not kinds.has_answer_type("Canada raised it.", "Which Eastern European ally?")
    assert kinds.has_answer_type("Canada raised it first.", "Which ally raised its levy first?")


def test_the_european_countries_are_canonical_names() -> None:
    assert set(gazetteer.CANONICAL.values()) >= gazetteer.EUROPEAN


def test_a_nationality_is_told_by_its_adjective() -> None:
    asked = "What nationality is harbour spokesperson Ana Lind?"
    assert kinds.answer_type(asked) == "nationality"
    assert kinds.answer_type("Of which nationality were the crane inspectors?") == "nationality"
    # the countries a sentence speaks of give no one's nationality
    assert not kinds.has_answer_type(
        "The talks, confirmed by spokesperson Ana Lind, were on Russia and Iran.", asked
    )
    assert kinds.has_answer_type("Lind, a Lebanese-born engineer, spoke.", asked)
    assert kinds.has_answer_type("The Danish spokesperson Ana Lind spoke.", asked)
    # nor does the nationality the question itself names
    danish = "What nationality is the Danish port's spokesperson Ana Lind?"
    assert not kinds.has_answer_type("The Danish port's spokesperson is Ana Lind.", danish)


def test_who_else_needs_someone_besides_those_asked() -> None:
    asked = "Who else took part in the Oslo harbour talks besides Lind and Osaka?"
    said = (
        "NATO Secretary-General Ana Lind met with US Envoy Kim Osaka in Oslo, Norland on"
        " Friday to discuss the cranes."
    )
    # Lind and Osaka with their titles, and where they met, name no one else
    assert not names.names_someone(said, asked)
    assert not constraints.keeps_constraints(said, asked)
    assert names.names_someone("Lind and Osaka were joined by Per Holm in Oslo.", asked)
    assert names.names_someone("The talks included ministers of Denmark and Iceland.", asked)
    # ... and so does the phrase set first: "Besides Lind and Osaka, who else ...?"
    for first in ("Besides", "Apart from"):
        opening = f"{first} Lind and Osaka, who else took part in the Oslo harbour talks?"
        assert not constraints.keeps_constraints(said, opening), first
        joined = "Lind and Osaka were joined by Per Holm in Oslo."
        assert constraints.keeps_constraints(joined, opening), first
    # a group may answer it too, and without "else" the place still counts as before
    assert names.names_someone("Lind met Danish officials in Oslo.", asked)
    plain = "Who took part in the harbour talks?"
    assert names.names_someone("The talks were held in Oslo, Norland.", plain)


def test_someones_age_is_told_as_an_age() -> None:
    asked = "How old is harbour chief Ana Lind?"
    assert kinds.answer_type(asked) == "age"
    # "How old are the fossils?" asks for a span in years, as before
    assert kinds.answer_type("How old are the cranes in the harbour?") == "number"
    # a date of some event, or a count, gives no age
    said = "At the forum on Thursday, November 7, 2024, Ana Lind, the new harbour chief, spoke."
    assert not kinds.has_answer_type(said, asked)
    assert not kinds.has_answer_type("Lind was 5 minutes late to the forum.", asked)
    assert not kinds.has_answer_type("Lind said the budget was 20 percent higher.", asked)
    for told in (
        "Ana Lind, 57, spoke at the forum.",
        "Lind turned 39 in the off-season.",
        "The 41-year-old Lind spoke.",
        "Lind was 57 when she took the post.",
        "(Osaka was 39, Lind was 26).",
        "Lind was born in 1967 in Bergen.",
    ):
        assert kinds.has_answer_type(told, asked), told


def test_taking_up_a_post_and_representing_as_an_office() -> None:
    post = "When did Ana Lind take up her post as harbour chief?"
    said = "At the forum on November 7, 2024, Ana Lind, the new harbour chief, spoke."
    assert not constraints.dates_the_start(said, post)
    assert constraints.dates_the_start("Lind took up the post on October 1, 2024.", post)
    who = "Who represented Norland as foreign minister at the harbour forum?"
    listed = "The forum included foreign ministers of Norland, Sudmark and Vestia."
    assert not constraints.keeps_constraints(listed, who)
    said = "Norland's Foreign Minister Ana Lind told the forum the cranes were late."
    assert constraints.keeps_constraints(said, who)


def test_a_person_of_another_country_is_not_the_one_asked() -> None:
    asked = "Which Swedish official answered Lind's warning about the cranes?"
    said = "Mr. Lind described the risks in remarks before meeting Danish President Per Holm."
    assert names.only_other_nationals(said, asked)
    assert not constraints.keeps_constraints(said, asked)
    # a person with no nationality in their title, or of the country asked, may answer it
    assert not names.only_other_nationals("President Per Holm answered Lind.", asked)
    both = "Danish President Per Holm and Swedish Minister Kim Osaka answered Lind."
    assert not names.only_other_nationals(both, asked)
    # a question that pins no country leaves it to other checks
    assert not names.only_other_nationals(said, "Which official answered Lind's warning?")


def test_a_count_is_no_date_year_or_sum() -> None:
    people = "How many people attended the harbour forum in Oslo?"
    dated = "At the harbour forum in Oslo on Thursday, November 7, 2024, Ana Lind spoke."
    assert not kinds.has_answer_type(dated, people)
    assert not kinds.has_answer_type("Reports on the 3rd said the forum opened in 2023.", people)
    members = "How many member states does the harbour union have?"
    spent = "Its member states will spend 1.3 trillion US dollars, and Norland $5 billion."
    assert not kinds.has_answer_type(spent, members)
    # a count beside them still answers, a count that looks like a year too
    assert kinds.has_answer_type("On November 7, 2024, 400 people attended.", people)
    assert kinds.has_answer_type("A dinner in 1838 was attended by 2000 guests.", people)
    assert kinds.has_answer_type("The union has 32 member states since 2024.", members)
    # "How many years ...?" is no count of things
    assert kinds.has_answer_type("It was founded in 1949.", "How many years ago was it founded?")


def test_who_holds_the_office_asked_is_told() -> None:
    asked = "Which Norland harbour minister met Lind in Oslo?"
    article = (
        "Norland Harbour Minister Per Holm arrived in Oslo. Meeting Lind in Oslo on Wednesday,"
        " Holm also said the cranes were late. As President-elect Kim Osaka gets ready to take"
        " office, Lind praised the port."
    )
    said = "Meeting Lind in Oslo on Wednesday, Holm also said the cranes were late."
    assert names.names_the_officeholder(said, asked, article)
    other = "As President-elect Kim Osaka gets ready to take office, Lind praised the port."
    assert not names.names_the_officeholder(other, asked, article)
    assert not constraints.keeps_constraints(other, asked, article)
    # the office named, a name with no title, or a title of the same kind may answer it
    assert names.names_the_officeholder("Harbour Minister Per Holm met Lind.", asked)
    assert names.names_the_officeholder("Per Holm signed the harbour act.", asked)
    lavrov = "Norland Ports Affairs Minister Per Holm met Lind."
    assert names.names_the_officeholder(lavrov, asked)
    # a senator or an adviser is an office too; a name that only modifies ("the Holm
    # administration") or dates ("a day after Berg's warning") names no one acting
    senator = "Which Norland senator criticised Lind's pledge?"
    article = "Berg spoke. A day after Berg's warning, Lind said the Holm administration would pay."
    said = "A day after Berg's warning, Lind said the Holm administration would pay."
    assert not names.names_the_officeholder(said, senator, article)
    assert names.names_the_officeholder("Per Holm criticised Lind's pledge.", senator, article)
    adviser = "Which national security adviser joined Lind?"
    assert not names.names_the_officeholder("Harbour Minister Per Holm joined Lind.", adviser)


def test_the_review_cases_of_the_new_checks() -> None:
    # "who else": where the event was held ends at the sentence's end
    held = "The dinner was held in Oslo. Per Holm also attended."
    assert names.names_someone(held, "Who else attended the dinner besides Lind?")
    # a firm whose name opens with "General" is no titled person
    assert names.names_something(
        "General Dynamics Land Systems built the cranes.", "Which company built the cranes?"
    )
    # counts: "12 may have died" is no date; "in 2019 in Oslo" is a year
    killed = "How many people were killed?"
    assert kinds.has_answer_type("Officials said 12 may have died.", killed)
    assert not kinds.has_answer_type("The fair, first held in 2019 in Oslo, drew crowds.", killed)
    # ages, nationalities, dates and starts in other words
    age = "How old is Ana Lind?"
    for told in ("Lind took office at 78.", "Lind, now 81, spoke.", "Lind is 57 years of age."):
        assert kinds.has_answer_type(told, age), told
    assert not kinds.has_answer_type("The forum opened at 10 am.", age)
    assert kinds.has_answer_type("The union was founded in 1949.", "How old is the union?")
    nationality = "What nationality are the crane inspectors?"
    assert kinds.has_answer_type("The inspectors were Israelis.", nationality)
    assert kinds.has_answer_type("Each inspector is a US citizen.", nationality)
    assert kinds.has_answer_type(
        "The talks run on the 3rd and 4th.", "On what dates do the talks run?"
    )
    post = "When did Ana Lind take up the post?"
    assert constraints.dates_the_start("Lind's term began on October 1.", post)
    # an office of the same kind, in other words
    assert names.names_the_officeholder(
        "Defense Secretary Per Holm met Lind.", "Which defence minister met Lind?"
    )


def test_a_person_is_read_with_how_the_article_titles_them() -> None:
    article = (
        "Harbour Deal Signed\n"
        "Lind met Danish President-elect Per Holm in Oslo.\n"
        "As Holm gets ready, the port said: would voters elect Holm?\n"
        "Meeting Lind, Holm also praised the cranes."
    )
    assert names.described_as("holm", article) == ({"president", "elect"}, {"denmark"})
    # a lower-case verb ("elect Holm") or a headline titles no one
    assert names.described_as("holm", "Would voters elect Holm?") == (set(), set())
    assert names.described_as("lind", "Crane Chief Meets Lind in Oslo") == (set(), set())
    # lower-case trades and "of" inside a title count; a comma ends the description
    assert names.described_as("osaka", "The port's spokesperson Kim Osaka said so.")[0] == {
        "spokesperson"
    }
    state = names.described_as("osaka", "Swedish Secretary of State Kim Osaka arrived.")
    assert state == ({"secretary", "state"}, {"sweden"})
    assert names.described_as("osaka", "In his first term, Osaka spoke.") == (set(), set())


def test_the_office_asked_needs_someone_titled_so_or_untitled() -> None:
    article = "Lind met Norland President-elect Per Holm in Oslo. Meeting Lind, Holm also spoke."
    asked = "Which Norland harbour minister met Lind in Oslo?"
    # Holm is titled otherwise where the article names him in full
    assert not names.names_the_officeholder("Meeting Lind, Holm also spoke.", asked, article)
    # a sentence that names nobody new does not say who it was
    trade = "Which Norland defence secretary joined Lind in Oslo?"
    assert not names.names_the_officeholder("Lind spoke in Oslo on Wednesday.", trade)
    assert names.names_the_officeholder("Defence Secretary Kim Osaka joined Lind.", trade)
    # trades: "Which reporter wrote ...?" is not answered by a titled leader
    reporter = "Which Norland Post reporter wrote the piece on the cranes?"
    leader = "President-elect Per Holm's return has left the port in crisis, the piece says."
    assert not names.names_the_officeholder(leader, reporter)
    assert names.names_the_officeholder("Reporter Kim Osaka wrote it.", reporter)


def test_a_person_of_another_country_by_the_article() -> None:
    asked = "Which Swedish leader did Lind warn about the cranes?"
    article = (
        "Lind met Danish President-elect Per Holm.\nAs President-elect Per Holm left, Lind spoke."
    )
    said = "As President-elect Per Holm left, Lind spoke."
    assert not names.only_other_nationals(said, asked)  # no country in the sentence itself
    assert names.only_other_nationals(said, asked, article)
    assert not constraints.keeps_constraints(said, asked, article)


def test_a_figure_called_too_little_is_not_the_one_proposed() -> None:
    said = (
        "Ana Lind urged a bigger harbour budget since the share of two percent of the port's"
        " income proved insufficient in the present circumstances."
    )
    for asked in (
        "What share of its income did Ana Lind propose for the harbour?",
        "What new percentage of income did Lind want as the harbour goal?",
        # what she says it should be is asked as much as what she proposes
        "What share of income did Lind say the port should now devote to the harbour?",
    ):
        assert not constraints.proposes_the_figure(said, asked), asked
        assert not constraints.keeps_constraints(said, asked)
        # a reply that repeats the figure is read with its sentence's verdict on it
        assert not constraints.proposes_the_figure("2% [1] " + said, asked)
    # the figure proposed, beside the one called too little, answers; other questions are free
    both = "Lind proposed 3 percent, since two percent is not enough."
    assert constraints.proposes_the_figure(both, "What share did Lind propose?")
    assert constraints.proposes_the_figure(said, "What share of income goes to the harbour?")
    assert constraints.proposes_the_figure(said, "What share did Lind say the port spends?")
    # "What exact share ...?" asks for a share as much as "What share ...?"
    exact = "What exact share of its income did Ana Lind propose for the harbour?"
    assert kinds.answer_type(exact) == "percent"
    assert not constraints.keeps_constraints(said, exact)


def test_a_count_is_not_told_by_a_span_without_a_number() -> None:
    said = "Lind said she would push for aid to the port for as long as necessary."
    assert not kinds.has_answer_type(said, "How many ships did Lind pledge to send?")
    assert not kinds.has_answer_type("The port will stay shut indefinitely.", "How many ships?")
    # it answers how long, and a number still counts
    assert kinds.has_answer_type(said, "How long will Lind push for aid?")
    assert kinds.has_answer_type("Lind pledged 12 ships.", "How many ships did Lind pledge?")


def test_a_sum_in_a_currency_and_a_specific_target_ask_for_figures() -> None:
    said = "Ana Lind urged a bigger harbour budget since two percent of income proved too little."
    euros = "By how many euros did the port pledge to raise its budget?"
    assert kinds.answer_type(euros) == "money"
    assert not kinds.has_answer_type(said, euros)
    assert kinds.has_answer_type("The port raised it by 5 million euros.", euros)
    assert kinds.answer_type("By how many billion euros did the port raise it?") == "money"
    # pounds may weigh: any number answers
    assert kinds.answer_type("How many pounds of steam does the engine use?") == "number"
    target = "What specific spending target did Lind say the summit would set?"
    assert kinds.answer_type(target) == "number"
    assert not kinds.has_answer_type("Lind said the July summit will set a new target.", target)


def test_a_reason_for_a_thing_of_someone_names_them() -> None:
    asked = "Why has Osaka's entry into the harbour league been held up?"
    other = "Following the storm, the harbour league was reactivated."
    assert not constraints.names_whose_reason(other, asked)
    assert not constraints.keeps_constraints(other, asked, other)
    assert constraints.names_whose_reason("Osaka's bid is blocked by Kobe.", asked)
    # a sentence opening with a pronoun is read with the one before it
    passage = "Osaka applied in May. Its entry is blocked by Kobe."
    assert constraints.names_whose_reason("Its entry is blocked by Kobe.", asked, passage)
    assert not constraints.names_whose_reason("Its entry is blocked by Kobe.", asked)
    # other questions are free
    assert constraints.names_whose_reason(other, "Why was the league reactivated?")


def test_a_quoted_phrase_is_what_the_question_asks_about() -> None:
    asked = "Why did Ana Lind call the harbour plan 'dead in the water'?"
    other = "Ana Lind urged a bigger harbour budget since the old one proved insufficient."
    article = "Port chief Per Holm said the harbour plan was “dead in the water”. " + other
    # the phrase is in neither the sentence nor its article: it tells of something else
    assert not constraints.keeps_the_quote(other, asked, other)
    assert not constraints.keeps_constraints(other, asked, other)
    # the phrase in the sentence, or in its article (where "this" may stand for it), is kept
    assert constraints.keeps_the_quote(article, asked)
    assert constraints.keeps_the_quote(other, asked, article)
    # most of its words are enough ("gave birth" for 'give birth'); one word is no phrase
    assert constraints.keeps_the_quote(
        "The two churches gave birth to a new one.", 'Where did they "give birth" to it?'
    )
    assert constraints.keeps_the_quote(other, "Why did Lind call it 'doomed'?")
    # an apostrophe is no quotation mark: "the ministers' aides and the allies' deal" quotes
    # nothing
    assert constraints.keeps_the_quote(
        other, "Why did the ministers' aides and the allies' deal fail?"
    )


def test_who_wrote_or_said_it_stands_outside_the_quotation() -> None:
    piece = 'Citing sources, Harbour Weekly wrote: "Port chief Per Holm will lose the vote.'
    quoted = '"Per Holm will lose the vote," Harbour Weekly said in its newest issue.'
    for asked in (
        "Who wrote the Harbour Weekly piece saying the port chief will lose the vote?",
        "Which Harbour Weekly writer said the port chief will lose the vote?",
    ):
        assert not constraints.keeps_constraints(piece, asked), asked
        assert not constraints.keeps_constraints(quoted, asked), asked
        # a reply that names someone the quotation names is no writer either
        assert not constraints.keeps_constraints("Per Holm [1] " + piece, asked), asked
        # the writer named outside the quotation answers
        signed = '"Per Holm will lose the vote," Ana Lind wrote in Harbour Weekly.'
        assert constraints.keeps_constraints(signed, asked), asked
    # whom someone talked about may sit inside the quotation
    assert constraints.keeps_constraints(quoted, "Who will lose the vote, the weekly said?")
    assert constraints.outside_quotes(quoted).split() == [
        "Harbour",
        "Weekly",
        "said",
        "in",
        "its",
        "newest",
        "issue.",
    ]


def test_a_speaker_named_by_a_pronoun_is_read_in_the_sentence_before() -> None:
    article = 'Ana Lind spoke at the port. "The cranes will come," she said. Ports rose.'
    said = '"The cranes will come," she said.'
    asked = "Who said that the cranes will come?"
    assert constraints.keeps_constraints(said, asked, article)
    assert not constraints.keeps_constraints(said, asked)  # no article: no one named


def test_why_a_person_acted_is_not_told_by_another_country_sentence() -> None:
    said = "Denmark did not attend since its minister Per Holm said the port was late."
    asked = "Why did Ana Lind skip the harbour forum in Oslo?"
    article = f"Swedish Foreign Minister Ana Lind stayed home. {said}"
    assert not constraints.names_the_doer(said, asked, article)
    # her own country may speak for her; with no country known for her, nor is it refused
    own = "Sweden did not attend since the port was late."
    assert constraints.names_the_doer(own, asked, article)
    assert constraints.names_the_doer(said, asked, f"Ana Lind stayed home. {said}")
    # the person named, or a sentence that opens otherwise, may tell it
    assert constraints.names_the_doer(said, "Why did Per Holm skip the harbour forum?", article)
    assert constraints.names_the_doer("She said the port was late.", asked, article)


def test_a_country_that_ends_a_party_name_is_no_one() -> None:
    article = "Ana Lind spoke at a congress of the United Russia party. Russia's port is late."
    said = "The harbour magazine: the port notes its loss in conflict with Russia."
    asked = "Who wrote the harbour magazine piece on the port's loss?"
    assert not names.names_a_person(said, asked, article)
    assert names.names_a_person("Lind wrote it.", asked, article)  # a surname there is one


def test_which_named_property_asks_for_a_spot() -> None:
    asked = "At which Palm Beach property did Lind and Holm hold their talks?"
    assert not kinds.has_answer_type("Lind met Holm in Palm Beach, Florida on Friday.", asked)
    assert kinds.has_answer_type("They met at Mar-a-Lago, his Palm Beach club.", asked)


def test_a_spending_target_asks_for_a_figure() -> None:
    asked = "What new defence spending target did Ana Lind say the Oslo forum would adopt?"
    assert kinds.answer_type(asked) == "number"
    vague = "Lind announced in January that the forum will set a new defence spending target."
    assert not kinds.has_answer_type(vague, asked)
    assert kinds.has_answer_type("The forum set a target of 2% of income.", asked)
    assert kinds.answer_type("What concerns surround the new spending target?") is None


def test_which_bodys_officials_asks_for_the_body() -> None:
    asked = "Which organization's harbour ministers met in Oslo before Lind blamed the HPA?"
    # no person is asked for: the body is
    assert not names.ASKS_NAMED_PERSON.search(words.fold(asked))
    # the HPA spelled out is the question's own body, not the one asked for
    spelled = "Lind blamed the Harbour Pilots Association (HPA) for the late cranes."
    assert not names.names_something(spelled, asked)
    told = "Lind spoke after the meeting of the Nordic Ports Union (NPU) in Oslo."
    assert names.names_something(told, asked)
    assert names.ASKS_NAMED_PERSON.search(words.fold("Which harbour ministers met in Oslo?"))
    # an office asked for by "which" needs its holder's name, and so does a chief ("Which
    # NATO chief warned ...?")
    for role in ("Secretary General", "chief"):
        asked_role = f"Ahead of the talks, which Port Authority {role} warned the board?"
        assert names.ASKS_NAMED_PERSON.search(words.fold(asked_role)), role
        unnamed = f"The Port Authority {role} said the cranes were late."
        assert not constraints.keeps_constraints(unnamed, asked_role), role
        named = f"Port Authority {role} Ana Lind said the cranes were late."
        assert constraints.keeps_constraints(named, asked_role), role
    # not a chief concern
    assert not names.ASKS_NAMED_PERSON.search(
        words.fold("Which chief concern did the board raise?")
    )
    assert not names.ASKS_NAMED_PERSON.search(words.fold("Which head of the list was read?"))
    # a place picked out by its office holder asks for the place
    whose = "Which country whose president visited Brask hosts the summit?"
    assert not names.ASKS_NAMED_PERSON.search(words.fold(whose))


def test_a_sentence_on_another_country_does_not_answer_for_the_one_asked() -> None:
    said = "Denmark did not attend the forum since its minister Per Holm said the port was late."
    asked = "Which Swedish minister represented Sweden at the harbour forum in Oslo?"
    assert not constraints.keeps_the_country(said, asked)
    assert not constraints.keeps_constraints(said, asked)
    # the country asked named anywhere, a question asking for a country, or a question on
    # the country the text opens with leave it to other checks
    assert constraints.keeps_the_country("Denmark and Sweden sent ministers.", asked)
    assert constraints.keeps_the_country(said, "Which country skipped the harbour forum?")
    assert constraints.keeps_the_country(said, "Who represented Denmark at the forum?")


def test_the_review_cases_of_the_ninth_stop() -> None:
    share = "What share of its income did Ana Lind propose for the harbour?"
    # dotted dates and thousands are read, not a crash
    assert constraints.proposes_the_figure("Lind proposed 3.5% on 12.03.2024.", share)
    # a clause that proposes keeps its figure; "oil demand" and "asylum seekers" propose nothing
    assert constraints.proposes_the_figure(
        "Lind said two percent was no longer enough and proposed 3.5 percent.", share
    )
    assert constraints.proposes_the_figure(
        "Holm proposed 2 percent, while Lind said 2 percent was insufficient.", share
    )
    too_little = "Two percent is insufficient."
    assert constraints.proposes_the_figure(
        too_little, "What share of oil demand does Norland meet?"
    )
    # a country's own sources may tell what it did; only a person pinned to a country is held
    drones = "How many drones did Norway launch at the port overnight?"
    assert constraints.keeps_the_country("Denmark's navy said Norway launched 50 drones.", drones)
    assert constraints.keeps_the_country(
        "South Korea's navy said officials in Pyongyang named Kim Osaka.",
        "Which North Korean official ordered the launch?",
    )
    # a sentence split inside a straight quotation still tells its speaker
    said = 'We will never give up the port," Lind said.'
    assert constraints.keeps_constraints(said, "Who said the port would never be given up?")
    # the same office in other words
    peskov = "Kremlin spokesman Dmitry Peskov said the talks failed. Peskov also said more."
    assert names.names_the_officeholder(
        "Peskov also said more.", "Which Kremlin spokesperson said the talks failed?", peskov
    )
    # first names that are countries, and the country an ambassador is sent to
    assert names.described_as("bardella", "Jordan Bardella criticised the plan.") == (set(), set())
    antonov = "Russia's ambassador to the US Anatoly Antonov spoke."
    assert names.described_as("antonov", antonov)[1] == set()
    # an acronym is matched as a word ("INC" is not "incumbent"), and a surname that is a
    # country's name is a surname outside a party's name
    assert names.names_something(
        "The Indian National Congress won.", "Which party beat the incumbent?"
    )
    assert names.names_a_person(
        "Jordan said so.", "Who chairs the committee?", "Rep. Jim Jordan leads it."
    )


def test_a_first_name_or_a_surname_opening_the_text_is_no_country() -> None:
    asked = "Which French politician criticised the harbour deal?"
    assert constraints.keeps_the_country("Jordan Bardella criticised the deal on Sunday.", asked)
    senator = "Which US senator blocked the harbour bill?"
    article = "Senator Jim Jordan spoke. Jordan blocked the bill on Thursday."
    assert constraints.keeps_the_country("Jordan blocked the bill on Thursday.", senator, article)
    assert not constraints.keeps_the_country("Jordan blocked the bill on Thursday.", senator)
    # a proposal after a verdict with no comma between is a clause of its own
    assert constraints.proposes_the_figure(
        "Calling current spending insufficient Lind proposed 3% of income.",
        "What share of income did Lind propose for the harbour?",
    )


def test_checks_from_blind_batches_25_to_28() -> None:
    keeps = constraints.keeps_constraints
    listed = "The harbour talks included foreign ministers of Norway, Denmark, Sweden, and Finland."
    # "What is the name of ...?" asks for a person, whom a list of countries does not name
    named = "What is the name of Denmark's foreign minister at the harbour talks?"
    assert not keeps(listed, named)
    assert keeps("Danish Foreign Minister Ana Lind attended the harbour talks.", named)
    # an office asked by a "who was the ... who/when" question: someone holding it, not the
    # people the question already names
    defense = "Who was the Danish defense secretary when Lind met Holm in Oslo?"
    assert not keeps("Meeting Holm in Oslo on Monday, Lind also spoke.", defense)
    assert keeps("Defense Secretary Eva Berg flew to Oslo with Lind.", defense)
    # members of a team are people beyond the question's own
    team = "Which members of Lind's campaign team joined the harbour talks?"
    assert not keeps("Ana Lind joined the harbour talks on Friday.", team)
    assert keeps("Tom Holm and Eva Berg of her campaign team joined the talks.", team)
    # "who represented Denmark": not the countries listed beside it, and someone by name
    assert not keeps(listed, "Who represented Denmark at the harbour talks?")
    represented = "Who represented Denmark at the harbour talks?"
    assert not keeps("The threats come from NATO, he said after the harbour talks.", represented)
    assert keeps("Danish Foreign Minister Ana Lind spoke at the harbour talks.", represented)
    away = "Denmark did not attend the talks since its Prime Minister Ana Lind left the board."
    assert not keeps(away, represented)
    assert not keeps(listed, "Who led Denmark's delegation to the harbour talks?")
    assert not keeps(listed, "Who led the Denmark delegation to the harbour talks?")
    board = "Who represents the Harbour Board at home and abroad?"
    assert keeps("The Presiding Officer represents the Harbour Board abroad.", board)
    assert keeps(listed, "Who attended the harbour talks?")
    assert keeps(listed, "Who joined Denmark at the harbour talks?")


def test_a_venue_is_where_not_whose_and_not_the_asked_town() -> None:
    oslo = "The harbour summit will be held in the Norwegian capital Oslo next week."
    assert not kinds.has_answer_type(oslo, "Where will the harbour summit be held after Oslo?")
    assert kinds.has_answer_type(oslo, "Where will the harbour summit be held?")
    met = "Where did the ministers meet?"
    assert not kinds.has_answer_type("The ministers of Denmark met on Friday.", met)
    assert kinds.has_answer_type("The ministers met in the capital of Denmark.", met)
    assert kinds.has_answer_type("The ministers met in Denmark on Friday.", met)
    assert kinds.has_answer_type("The ministers met in the U.S. last week.", met)
    # a country's adjective before a town is no country of its own
    aarhus = "The talks of the Harbour Council were held in the Danish city of Aarhus."
    assert not kinds.has_answer_type(aarhus, "Where were the council talks held before Aarhus?")
    assert kinds.has_answer_type(aarhus, "Where were the council talks held?")


def test_a_change_and_a_share_other_than_the_asked() -> None:
    grow = "By how much did harbour spending grow in 2023?"
    assert not constraints.keeps_constraints(
        "Harbour spending reached 2 billion euros in 2023.", grow
    )
    assert constraints.keeps_constraints("Harbour spending grew by 5% in 2023.", grow)
    assert constraints.keeps_constraints("Spending rose from 1 billion to 2 billion euros.", grow)
    assert constraints.keeps_constraints("Spending was 2 billion euros.", "How much was spent?")
    instead = "What share of income did Lind say members should spend instead of two percent?"
    assert not constraints.keeps_constraints("Lind said two percent was too little.", instead)
    assert constraints.keeps_constraints("Lind said 3 percent, not two percent.", instead)
    assert constraints.keeps_constraints("Lind said half of it.", instead)
    assert constraints.keeps_constraints("Lind said two percent.", "What share did Lind want?")


def test_a_person_pinned_to_a_country_and_a_proposal_as_a_noun() -> None:
    asked = "What did Denmark's foreign minister propose at the harbour forum?"
    norwegian = "Norwegian Foreign Minister Tom Holm arrived. Holm proposed a harbour fund."
    assert not constraints.keeps_constraints("Holm proposed a harbour fund.", asked, norwegian)
    danish = "Danish Foreign Minister Tom Holm arrived. Holm proposed a harbour fund."
    assert constraints.keeps_constraints("Holm proposed a harbour fund.", asked, danish)
    untitled = "Tom Holm arrived. Holm proposed a harbour fund."
    assert constraints.keeps_constraints("Holm proposed a harbour fund.", asked, untitled)
    # a surname alone is read with how the article titles it
    which = "Which Danish official signed the harbour deal?"
    assert names.only_other_nationals("Holm signed the deal.", which, norwegian)
    assert not names.only_other_nationals("Holm signed the deal.", which, untitled)
    # "What proposal did X make?" asks of a proposal, as "What did X propose?" does
    made = "What proposal did Lind make at the harbour forum?"
    assert not constraints.tells_the_event("The forum included ministers of five states.", made)
    assert constraints.tells_the_event("Lind proposed a harbour fund at the forum.", made)
    # a noun with what it is about, before "did"; a decision asked for needs one told
    pledged = "What commitments on harbour aid did Lind make to Holm?"
    assert not constraints.tells_the_event("Lind met Holm in Oslo to discuss the port.", pledged)
    assert constraints.tells_the_event("Lind pledged 40 cranes to Holm.", pledged)
    decided = "What did the harbour ministers decide in Oslo?"
    assert not constraints.tells_the_event("Holm said the cranes would leave the port.", decided)
    assert constraints.tells_the_event("The ministers agreed to buy 40 cranes.", decided)
    assert constraints.tells_the_event("They voted to close the port.", decided)
    # "prior to meetings" tells no earlier post; "prior to joining" does
    before = "What job did Lind have before she took over as mayor?"
    assert not constraints.tells_the_event("Lind spoke prior to meetings with Holm.", before)
    assert constraints.tells_the_event("Prior to joining the council, Lind taught.", before)


def test_the_review_cases_of_the_tenth_stop() -> None:
    # the owner of the thing asked for is no person asked for
    party = "What is the name of the prime minister's party?"
    assert passes("The prime minister leads the Green Harbour party.", party)
    assert passes(
        "About 200 members of staff were laid off.", "Which members of staff were laid off?"
    )
    # a list of countries may be the answer when no one acts for the asked one
    listed = "The resolution was drafted by Norway, Denmark, Sweden and Finland."
    assert passes(listed, "Who drafted the harbour resolution with Norway?")
    assert passes(listed, "Who drafted the resolution on Norway?")
    # changes in other words, and margins
    assert passes("Norland Oil shares slumped 12% on Monday.", "By how much did the shares fall?")
    assert passes(
        "The harbour bill passed 218-214.", "By how many votes did the harbour bill pass?"
    )
    assert passes(
        "Norland will send 3,000 extra troops.", "How many more troops will Norland send?"
    )
    # a share the question states but does not set aside may be the answer again
    again = "What percentage of the vote did Lind get, after winning 51% in 2020?"
    assert passes("Lind again won 51% of the vote.", again)
    assert passes("Lind won 45pc of the vote.", "What share did Lind win instead of 40%?")
    # offers, demands and earlier posts told in other words
    assert passes(
        "Norland FC bid 40 million euros for the striker.", "What offer did Norland FC make?"
    )
    assert passes("The strikers sought a 5% raise.", "What demands did the strikers make?")
    assert passes(
        "Prior to that, Lind spent a decade running a bank.",
        "What did Lind do before becoming mayor?",
    )
    # "the resort of", "the university of": a place
    assert passes("The leaders met in the Danish resort of Skagen.", "Where did the leaders meet?")
    # a pinned person who is not the subject, or whom the text calls "he" or by their country
    assert passes(
        "Lind, speaking alongside German Chancellor Tom Holm, told French officials to wait.",
        "What did Lind tell French officials?",
    )
    assert passes(
        "He told Holm to wait, after Holm met Danish Foreign Minister Eva Berg.",
        "What did the Norwegian foreign minister tell Holm?",
    )
    assert passes(
        "Swedish Premier Tom Holm said Norway had promised to double its harbour fund.",
        "What did the Norwegian prime minister promise?",
    )


def test_checks_read_from_blind_batches_29_to_32() -> None:
    # a region's countries, and members that "the U.S.-led alliance" does not name
    led = "Lavrov said the U.S.-led alliance forms small groups between countries there."
    assert not passes(led, "Which countries make up the small groups Lavrov described?")
    assert not passes("Japan and the United States signed it.", "Which ASEAN countries signed it?")
    assert passes("Vietnam and the United States signed it.", "Which ASEAN countries signed it?")
    assert passes("U.S.-led forces moved in.", "Which country led the forces?")
    # "picked to be" names the office as "picked as" does
    picked = "Who has Lind picked to be her harbour minister?"
    assert not passes("Lind met Holm in Oslo on Friday to discuss the harbour.", picked)
    assert passes("Lind named Eva Berg harbour minister on Friday.", picked)
    # where a pact was signed: a place, not "outside of Europe"
    signed = "Where was the harbour pact signed?"
    assert not passes("The harbour pact endangers security outside of Europe.", signed)
    assert passes("The harbour pact was signed in Bergen on Monday.", signed)
    # members of a transition team are people, and a place is no one
    team = "Which members of the Lind transition team joined the harbour talks?"
    assert not passes("Ana Lind joined the harbour talks in Palm Beach, Florida on Friday.", team)
    assert not names.names_a_person(
        "Lind met Holm in Palm Beach.", "Which aides met Lind and Holm?"
    )
    assert names.names_a_person(
        "It had an advocate in Senator Milton Latham.", "Which senator backed the harbour act?"
    )
    # "the next summit after Bergen" is not the Bergen summit
    after = "When is the next harbour summit after Bergen going to be held?"
    assert not passes(
        "The harbour summit will be held in the Norwegian city Bergen next week.", after
    )
    assert passes("The next summit after Bergen will be held in Oslo next year.", after)
    # "Which US senators ...?": the country of a name used as an adjective
    senators = "Which US senators criticised the harbour deal?"
    macron = "French President Emmanuel Macron criticised the deal. Macron spoke twice."
    assert not passes("Macron criticised the deal.", senators, macron)


def test_the_review_cases_of_the_second_round() -> None:
    # "the next summit after The Hague" reads the whole name, and any later one answers
    hague = "Where is the next harbour summit after The Hague?"
    assert passes("The next harbour summit will be held in Ankara, Turkey, in July.", hague)
    vilnius = "When is the next harbour summit after Bergen?"
    assert passes("Leaders agreed in Bergen to meet next in Oslo in July.", vilnius)
    # "in" and "at" that take a person, and a name after a place and a comma
    assert passes("Speaking in Oslo, Ana Lind announced it.", "Which leader announced it?")
    assert passes("Norland FC has brought in Tom Holm as head coach.", "Who is the new head coach?")
    # a dateline, a town named by its country's adjective, a body's acronym
    assert not names.names_a_venue(
        "Lind spoke of the budget of European NATO members.", "Where did Lind and Holm meet?"
    )
    signed = "Where was the harbour deal signed?"
    assert passes("OSLO (Reuters) - The two firms signed the harbour deal on Tuesday.", signed)
    assert passes("The harbour deal was signed in the Qatari capital on Sunday.", signed)
    assert not passes("The harbour deal was signed on Tuesday after months of talks.", signed)
    # a region qualifier: "Baltic Sea" is a sea, "Nordic-Baltic" either, "non-ASEAN" neither
    assert passes("Germany and Poland signed the cable pact.", "Which Baltic Sea countries signed?")
    assert passes("Norway and Sweden signed it.", "Which Nordic-Baltic countries signed it?")
    assert passes("Japan and Canada signed it.", "Which non-ASEAN countries signed it?")
    assert passes("Greece joined the US-led coalition.", "Which country leads the coalition?")
    # an office in other words
    assert passes(
        "Lind named Tom Holm as Norway's new premier.", "Who has Lind named to be prime minister?"
    )
    assert passes(
        "Lind named Tom Holm minister of finance.", "Who has Lind chosen to be finance minister?"
    )


def passes(text: str, question: str, context: str = "") -> bool:
    """True if the text passes both the answer-kind check and the answer checks: what a
    candidate sentence must do to answer."""
    return kinds.has_answer_type(text, question) and constraints.keeps_constraints(
        text, question, context
    )


def test_checks_read_from_blind_batches_39_to_42() -> None:
    # "A senior Ukrainian official" after lower-case words is the subject, as is the first word
    assert constraints.contradicts_nationality(
        "A senior Danish official has told Reuters the next months will be pivotal.",
        "What did a senior Swedish official tell Reuters about the next months?",
    )
    assert not constraints.contradicts_nationality(
        "On Monday, talks with a senior Danish official ended.",
        "What did a senior Swedish official tell Reuters?",
    )
    # "Who else ...?" and "Which other officials ...?": not those the question names by office
    palm = (
        "Port Authority Director-General Ana Lind met with US President-elect Ben Ode in "
        "Pebbleton, Florida on Friday."
    )
    assert not names.names_someone(
        palm, "Which other officials took part in the talks between Lind and the President-elect?"
    )
    assert names.names_someone(
        palm, "Which other officials took part in the talks between Lind and the mayor?"
    )
    forum = "At the Harbour Forum, Ana Lind, the new Secretary General of the port alliance, spoke."
    assert not names.names_someone(
        forum, "Who else spoke at the Harbour Forum besides the alliance's new Secretary General?"
    )
    # a country set aside: another country answers
    assert names.names_someone(
        "Maps helped extend French and British power into West Africa.",
        "Who besides the British colonized Africa?",
    )
    # a capital that says where is the city itself, not its country
    article = "Ana Lind met France's foreign minister in Lyon on Monday."
    assert names.names_missing("What did Ana Lind say after meeting him in Paris?", article) == [
        "paris"
    ]
    assert names.names_missing("What did Ana Lind tell Paris?", article) == []
    # "Which foreign ministers ...?" is answered by the countries they came from
    ministers = "Which foreign ministers took part in the Pebbleton meeting?"
    listed = "The Pebbleton meeting included foreign ministers of Denmark, Norway and Iceland."
    assert constraints.keeps_constraints(listed, ministers)
    assert names.names_by_country("The Danish and Norwegian ministers took part.", ministers)
    assert not constraints.keeps_constraints("The meeting included foreign ministers.", ministers)
    # a reaction told by "he": he is whom the sentence before names
    react = "How did Norway's foreign minister react to the Pebbleton meeting?"
    quote = "“The threats come from the sea,” he said after the Pebbleton meeting."
    lavrov = f"Danish Foreign Minister Ana Lind spoke on Friday. {quote}"
    assert not constraints.keeps_topic(quote, react, lavrov)
    norway = f"Norway's Foreign Minister Ben Ode spoke on Friday. {quote}"
    assert constraints.keeps_topic(quote, react, norway)


def test_checks_read_from_blind_batches_43_to_46() -> None:
    # a reason for staying away is told only with the absence
    skip = "Why did Norway skip the harbour summit in Pebbleton?"
    assert not constraints.keeps_constraints(
        "“The sea is rising,” he said after the harbour summit in Pebbleton.", skip
    )
    assert constraints.tells_the_absence(
        "Norway did not attend the summit because it rejected the levy.", skip
    )
    assert constraints.tells_the_absence("Ana Lind spoke.", "Why did Ana Lind speak?")
    # a body's name counts as a whole, or by its initials
    article = "The Collective Security Treaty Organization met. The NFL agreed."
    assert names.names_missing("What did the Shanghai Cooperation Organisation say?", article)
    assert not names.names_missing("What did the National Football League agree?", article)
    # "Which members of X's team ...?" is not answered by X
    team = (
        "Which members of the President-elect's team joined his talks with the Secretary General?"
    )
    assert not constraints.keeps_constraints(
        "Port Secretary-General Ana Lind met US President-elect Ben Ode in Pebbleton.", team
    )
    assert constraints.keeps_constraints(
        "Kim Osaka and Per Holm joined Ode's talks with Secretary-General Lind.", team
    )
    # an agreement asked, even after a clause that sets the time
    agree = "When Lind met Ode, what did the two agree about the cranes?"
    assert not constraints.tells_the_event("Lind described the risks of old cranes.", agree)
    assert constraints.tells_the_event("The two agreed to buy new cranes.", agree)
    assert constraints.tells_the_event(
        "The analyst did not agree.", "What analyst did not agree with the ruling?"
    )
    # the outcome of an event still to come is not told
    outcome = "What was the outcome of the harbour summit in Pebbleton?"
    assert not constraints.tells_the_event(
        "The harbour summit will be held in Pebbleton next week.", outcome
    )
    assert constraints.tells_the_event("The summit ended with a levy agreed.", outcome)
    # "What is that official's name?" asks for a person's name
    reuters = "A senior Ukrainian official has told Reuters the next five months will be pivotal."
    assert not constraints.keeps_constraints(reuters, "What is that official's name?", reuters)
    named = "The official, Ivan Petrenko, told Reuters the next months will be pivotal."
    assert constraints.keeps_constraints(named, "What is that official's name?", named)
    # "How much exactly did X spend?" asks for X's sum too
    assert not constraints.names_the_spender(
        "Spending by NATO members will reach 1.3 trillion US dollars, the US ranking first.",
        "And how much exactly did the United States spend that year?",
    )
    # an expenditure "of X": not that of others, in X's currency
    spent = "What was the estimated military expenditure of the United States in 2023?"
    assert not constraints.names_the_spender(
        "Russian media estimated that NATO members' spending would reach 1.3 trillion US "
        "dollars in 2023.",
        spent,
    )
    assert constraints.names_the_spender(
        "The United States spent 900 billion dollars in 2023.", spent
    )


def test_the_review_cases_of_the_twelfth_stop() -> None:
    # staying away in more words
    skip = "Why did Lind skip the summit?"
    for told in (
        "Lind will skip the summit",
        "Lind pulled out of the summit",
        "Lind cannot travel to the summit",
        "Lind cancelled her trip",
    ):
        assert constraints.tells_the_absence(told, skip), told
    # months by abbreviation; "In May," opening a sentence
    assert not constraints.contradicts_month(
        "The board cut rates on Sept. 18.", "What did the board do in September?"
    )
    assert not constraints.contradicts_month(
        "In May, Lind called an election for July 4.", "What did Lind announce in May?"
    )
    # an outcome told beside a future: "the deal will cut tariffs"
    assert constraints.tells_the_event(
        "The pact passed and will cut tariffs.", "What was the outcome of the vote on the pact?"
    )
    # an agreement told as a pledge
    assert constraints.tells_the_event(
        "Both sides pledged to cut tariffs.", "What did Norway and Denmark agree?"
    )
    # the owner of an expenditure is the name right after "of"
    assert constraints.names_the_spender(
        "Norway spent 9 billion dollars on defence in 2023, SIPRI said.",
        "What was the military expenditure of Norway in 2023, according to SIPRI?",
    )
    # a body named by most of its words or by its initials
    assert not names.names_missing(
        "What did the United Nations Security Council decide?", "The UN Security Council met."
    )
    # "Who else ...?": firms by their initials
    assert names.names_someone("IBM and SAP were also fined.", "Who else besides Lind was fined?")


def test_review_cases_thirteenth_stop() -> None:
    # an outcome of an event only planned or proposed, or an agreement not told
    summit = "What did the Pebbleton summit decide about Norway's entry?"
    assert not constraints.keeps_constraints(
        "The summit will be held in Pebbleton next week.", summit
    )
    assert constraints.keeps_constraints("The Pebbleton summit decided to admit Norway.", summit)
    agreed = "What was agreed at the follow-up talks between Lind and Ode?"
    assert not constraints.keeps_constraints(
        "Lind met Ode in Oslo on Friday to discuss fees.", agreed
    )
    assert constraints.keeps_constraints(
        "At the follow-up talks, Lind and Ode agreed on lower fees.", agreed
    )
    # whose sources: a headline that names no source tells none
    cite = "Which sources did the Gazette cite?"
    assert not constraints.keeps_constraints("Gazette: the port will close.", cite)
    # "which outlet reported": a report, not the event alone
    outlet = "Which outlet first reported the Lind-Ode meeting?"
    assert not constraints.keeps_constraints("Lind met Ode in Oslo on Friday.", outlet)
    # a person's name asked in "what's the name of": countries do not name one
    name = "what's the name of the danish minister who went to oslo"
    assert not constraints.keeps_constraints(
        "The Oslo meeting included ministers of Denmark, Norway and Sweden.", name
    )
    # a Secretary General is no Secretary of State
    state = "Which Tidewater Secretary of State attended the Oslo talks?"
    met = "League Secretary-General Ana Lind met Mayor Ode Berg in Oslo on Friday."
    assert not constraints.keeps_constraints(met, state, met)
    # a date with its year opens a sentence like any time
    assert words.OPENING_TIME.sub("", "On July 14, 2024, President Lind said so.") == (
        "President Lind said so."
    )


def test_names_missing_from_a_document_acronyms_and_papers() -> None:
    document = (
        "Lind told Reuters the port will close. Over time, the Harbour Broadcasting Corp. spoke."
    )
    # whom someone told, by initials: neither written nor spelled out
    assert names.names_missing("What did Lind tell the BBC?", document) == ["bbc"]
    assert not names.names_missing("What did Lind tell the HBC?", document)
    # elsewhere a question's initials may be spelled out in another paragraph
    assert not names.names_missing("How many years has Lind played in the NFL?", document)
    # a paper whose title is a common word, never written as a title
    assert names.names_missing("What did Time magazine say about Lind?", document) == ["Time"]
    assert not names.names_missing(
        "What did Time magazine say about Lind?",
        "In an interview with Time magazine, Lind said so.",
    )


def test_review_cases_thirteenth_stop_round_two() -> None:
    # whom someone met: a meeting told, not another deed of theirs
    met = "Which Tidewater official did Ana Lind meet in Oslo?"
    assert not constraints.keeps_constraints(
        "As Lind gets ready to retire, she praised the port.", met
    )
    assert constraints.keeps_constraints(
        "Meeting Lind in Oslo on Monday, Ode Berg praised the port.", met
    )
    assert constraints.keeps_constraints("Lind held talks with Mayor Ode Berg in Oslo.", met)
    # the writer of an article: writing told
    writer = "Who wrote the Gazette article about the port's crisis?"
    assert not constraints.keeps_constraints(
        "The closure has left Ana Lind's port in crisis.", writer
    )
    assert constraints.keeps_constraints(
        "The article, penned by Ana Lind, warned of a crisis.", writer
    )
    # "..., according to X?" at the end asks for X's words, as it does at the start
    trailing = "Which ports have already met the target, according to Lind?"
    assert not constraints.keeps_constraints(
        "In this spirit, Norway also declared that ports must grow.", trailing
    )
    assert constraints.keeps_constraints("Lind said Pebbleton and Oslo met the target.", trailing)
    # what a promised thing will consist of, when the text only names it at its end
    consist = "What will the firm reply to the closure consist of?"
    assert not constraints.keeps_constraints(
        "Lind said the closure will get a firm reply.", consist
    )
    # the next meeting: a meeting told, not "the next four months"
    nxt = "When is the next Lind-Ode meeting?"
    assert not constraints.keeps_constraints(
        "Ode told reporters the next four months will be hard.", nxt
    )
    # a magazine's title written whole, not as a minister's office
    assert names.names_missing(
        "What did Harbour Affairs magazine report?", "Harbour Affairs Minister Lind spoke."
    ) == ["Harbour Affairs"]
    assert not names.names_missing(
        "What did Harbour Affairs magazine report?", "The Harbour Affairs weekly wrote."
    )


def test_a_prime_minister_is_no_foreign_minister() -> None:
    asked = "Who is the Tidewater foreign minister who skipped the Oslo meeting?"
    skipped = (
        "Tidewater did not attend since its Prime Minister Ana Lind announced she would leave."
    )
    assert not constraints.keeps_constraints(skipped, asked, skipped)


def test_fourteenth_stop_times_counts_shares_topics_and_late_doers() -> None:
    # "At what time did the meeting begin?": a day is no time of day
    begin = "At what time did the harbour meeting in Pebbleton begin?"
    assert kinds.answer_type(begin) == "clock"
    assert not kinds.has_answer_type("Lind met Ode in Pebbleton on Friday.", begin)
    assert kinds.has_answer_type("The meeting began at 10:30 on Friday.", begin)
    # "Give me the number of ...": a count, which a year does not give
    count = "Give me the number of tugs the port has stationed in Pebbleton since the strike."
    assert kinds.answer_type(count) == "number"
    assert not kinds.has_answer_type("Since 2014 the port has stationed tugs there.", count)
    assert kinds.answer_type("Give me the reason for the strike.") != "number"
    assert kinds.has_answer_type("The port has stationed 12 tugs there.", count)
    # a share of a sum, not of other things
    share = "What share of GDP did the harbour ministers agree to spend on dredging?"
    assert not kinds.has_answer_type("In the overwhelming majority of cases, fees rise.", share)
    assert kinds.has_answer_type("They agreed to spend 2% of GDP on dredging.", share)
    assert kinds.has_answer_type(
        "A majority of voters backed it.", "What share of the vote did the plan win?"
    )
    # a topic of two words the passage never uses is not what anyone said
    topic = "What did the port spokesperson say about Norland's nuclear program?"
    passage = "The port spokesperson said threats from Norland and Sudland were growing."
    assert not constraints.keeps_topic(passage, topic, passage)
    assert constraints.keeps_topic(passage, topic.replace("nuclear program", "threats"), passage)
    # one word may be told in others ("a new treaty": "a pact")
    treaty = "The allies said a new pact with Norland would be signed in June."
    assert constraints.keeps_topic(treaty, "What did the allies say about a new treaty?", treaty)
    # a doer after a long phrase: another speaker's words are not theirs
    late = "Which harbour exchanges between Norland and Sudland did Lind name during her talks?"
    assert not constraints.names_the_doer("Ode told reporters the exchanges grow.", late)
    assert constraints.names_the_doer("Lind named dredging and tug hire.", late)
    assert constraints.names_the_doer("The exchanges grow, officials said.", late)


def test_an_owner_between_nationality_and_office_is_skipped() -> None:
    # "the Norwegian host's foreign minister": a Swedish one is not it
    asked = "What did the Norwegian host's foreign minister say at the port meeting?"
    assert constraints.contradicts_nationality(
        "Swedish Foreign Minister Lind said fees rise.", asked
    )
    assert not constraints.contradicts_nationality(
        "Norwegian Foreign Minister Berg said fees rise.", asked
    )


def test_round_two_sources_things_of_a_country_figures_and_names() -> None:
    # "Who from X's team confirmed ...?": a confirmation told
    who = "Who from Lind's transition team confirmed the Oslo meeting with Ode?"
    assert not names.reports_the_source("Ode met Lind in Oslo on Friday.", who)
    assert names.reports_the_source("Aide Berg confirmed the meeting.", who)
    # things of another country, the asked one never named
    troops = "What did Lind say the deployment of Swedish troops to help Norway demands?"
    said = "Lind said the deployment of Danish troops to help Norway “demands a firm reply.”"
    assert constraints.contradicts_nationality(said, troops)
    assert not constraints.contradicts_nationality(said.replace("Danish", "Swedish"), troops)
    # "Which percentage ...?" and "What figure ...?" ask for figures
    assert kinds.answer_type("Which percentage of GDP did Lind propose?") == "percent"
    figure = "What figure did Lind give for the new dredging target?"
    assert kinds.answer_type(figure) == "number"
    assert not kinds.has_answer_type("Lind said the summit will set a new target.", figure)
    # "Give me the name of the official ...": a name, not a description
    name = "Give me the name of the senior Norwegian official who told Reuters fees rise."
    assert not constraints.keeps_constraints(
        "A senior Norwegian official has told Reuters fees rise.", name
    )
    assert constraints.keeps_constraints("Tom Lind, a senior official, told Reuters so.", name)


def test_round_three_kinds_members_and_requests_for_reactions() -> None:
    # "What new dredging percentage ...?": a share
    share = "What new dredging percentage did the Harbour Secretary announce as the target?"
    assert kinds.answer_type(share) == "percent"
    assert not kinds.has_answer_type("Lind announced the summit will set a new target.", share)
    # "Which countries are in ...?": members, which "the U.S.-led alliance" does not name
    members = "Which countries are in the harbour groups Lind talked about?"
    assert not kinds.has_answer_type(
        "Lind said the U.S.-led alliance forms small groups between countries.", members
    )
    assert kinds.has_answer_type("Lind said Norway and Sweden are in the groups.", members)
    # "Tell me how X reacted to ...": a reaction of X's
    react = "Tell me how Norway reacted to Lind calling the trade a two-way street."
    assert names.response_asked(react) == ("Norway ", " Lind calling the trade a two-way street.")


def test_where_people_gathered_asks_for_a_venue() -> None:
    asked = "Where did the harbour ministers gather when Lind blamed the HPA for the delays?"
    # a day and a wide region ("On Friday", "in the Nordic region") place no gathering
    told = "On Friday, Ana Lind blamed the HPA for most delays in the Nordic region."
    assert not kinds.has_answer_type(told, asked)
    assert kinds.has_answer_type("Lind spoke after the ministers' meeting in Brask.", asked)
    of_the = "Where did the ministers of the HPA gather when Lind blamed it for the delays?"
    assert not kinds.has_answer_type(told, of_the)
    # "Where did she say it?" still takes any phrase of place, and so does a crowd's gathering
    assert kinds.has_answer_type(told, "Where did Lind say it?")
    crowd = "The dockers gathered outside parliament on Sunday."
    assert kinds.has_answer_type(crowd, "Where did the dockers gather?")
