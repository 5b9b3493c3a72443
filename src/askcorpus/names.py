"""Does a text name what a question asks for: a town or venue, a person, a firm, a term or a
speaker; and which of a question's names an article lacks."""

from __future__ import annotations

import re
from collections.abc import Callable

from askcorpus.chunk import sentence_spans
from askcorpus.cite import key_content, key_present, strip_markers
from askcorpus.gazetteer import CANONICAL, PARTY, countries_in, is_country_adjective
from askcorpus.words import (
    FUNCTION_WORDS,
    MONTHS,
    NO_NAME,
    ORDINALS,
    SENT_START,
    WEEKDAYS,
    WORD,
    fold,
)

# "which city", "which Kazakh city", "at which resort", "which private club or resort": a
# named spot
ASKS_TOWN = re.compile(
    r"\b(which|what) (?:[\w-]+ )?(?:[\w-]+ or )?(city|town|village|resort|hotel|venue|"
    r"estate|mansion|property(?= (?:in|at|near|outside)\b)|"
    # not "residence permits"
    r"residence(?! (?:permits?|status|cards?|rules|rights|requirements?|visas?|halls?)\b))\b"
)
# "At which of Trump's properties ...?": one of someone's estates, a named spot (read on the
# question as written: "which of its properties" asks about a thing)
ASKS_ESTATE = re.compile(
    r"\b[Ww](?:hich|hat) of (?:[A-Z][\w.-]* )*[A-Z][\w.-]*['’]s? (?:[\w-]+ )?propert(?:y|ies)\b|"
    # "At which Palm Beach property ...?", "Which Trump property ...?"
    r"\b[Ww](?:hich|hat) (?:[A-Z][\w.'’-]* ){1,3}property\b"
)
# "Where in Belarus ...?": a spot within the place named, which that place itself is not
ASKS_WITHIN = re.compile(r"^(?:(?:[Aa]nd|[Ss]o|[Bb]ut|[Tt]hen) )?[Ww]here in (?:the )?[A-Z]")
# Adjectives of regions, which describe a kind ("the Nordic countries") rather than name
_REGION_ADJECTIVES = {
    "nordic", "scandinavian", "baltic", "european", "asian", "african", "american", "eurasian",
    "western", "eastern", "northern", "southern", "transatlantic", "mediterranean", "balkan",
    "caucasian",
}  # fmt: skip
# Continents and wide regions: where a city question's answer is not.
_REGIONS = {
    "africa",
    "america",
    "americas",
    "antarctica",
    "arctic",
    "asia",
    "asia-pacific",
    "atlantic",
    "balkans",
    "caucasus",
    "central",
    "eurasia",
    "europe",
    "indo-pacific",
    "latin",
    "middle",
    "oceania",
    "pacific",
    "scandinavia",
    "north",
    "south",
    "east",
    "west",
} | _REGION_ADJECTIVES
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_PLACE = re.compile(
    rf"\b(?:[Ii]n|[Aa]t|[Tt]o|[Ff]rom|[Nn]ear|of|capital|city|town),?\s+(?:the\s+)?({_NAME})|"
    rf"\b({_NAME})(?:\s+(?:will host|hosts|hosted|is hosting)\b|-based\b)"
)


# "Secretary of State Antony Blinken", "Head of State", "Chief of Staff": an office, no place
_OFFICE_OF = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister|[Hh]eads?|[Dd]epartment|[Cc]hiefs?) of\s+$")
_STATE_OR_STAFF = re.compile(r"(?:State|Staff)\b")
_PARTY_AFTER = re.compile(r"\s+(?:party|parties)\b", re.IGNORECASE)
# "ministers of Russia": an "of" after people or a body says whose, not where ("the city of",
# "the resort of", "outside of" do say where)
_OF_BEFORE = re.compile(r"(\w+) of,?\s+(?:the\s+)?$")
_WHOSE_NOUNS = {
    "minister", "ministers", "leader", "leaders", "head", "heads", "delegation", "delegations",
    "representative", "representatives", "government", "governments", "official",
    "officials", "member", "members", "president", "presidents", "citizen", "citizens",
    "people", "envoy", "envoys", "ambassador", "ambassadors", "diplomats", "chief", "chiefs",
    "secretary", "secretaries", "premier", "premiers", "king", "queen", "army", "forces",
    "troops", "navy", "embassy", "embassies", "allies", "partners", "friends", "enemies",
}  # fmt: skip
_CITY_STATES = {"singapore", "monaco", "luxembourg", "kuwait", "djibouti", "san marino"}


# "Where was the conference held?", "Where did Putin hold his conference?", "Where did
# Rutte and Trump meet?": a meeting's or event's place, which "in Eurasia" is not ("Where
# were the hostages held?" and "Where did protesters gather?" ask no such thing)
ASKS_VENUE = re.compile(
    r"^(?:(?:and|so|but|then) )?where (?:was|were|is|are|will|did|does|do|has|have|had)\b"
    r"(?:(?=[^?]*\b(?:summit|talks|meeting|conference|forum|session|ceremony|negotiations|"
    r"congress|convention|event)s?\b)(?=[^?]*\b(?:held|hold|holds|host|hosts|hosted|"
    r"took place|take place|takes place|convened?|staged?)\b)|"
    r"[^?]*\b(?:meet|convene)\b|"
    # "Where did the CSTO foreign ministers gather?" (not "Where did the crowd gather?")
    r"[^?]*\b(?:ministers|leaders|delegates|delegations|officials|envoys|diplomats|"
    r"heads of (?:state|government))(?: of (?:the )?[\w-]+)?\s+(?:gather|gathered|assemble|"
    r"assembled)\b|"
    # "Where was the pact signed?"
    r"(?=[^?]*\b(?:pact|deal|agreement|treaty|accord|declaration)s?\b)[^?]*\bsigned\b)"
)
# A place no town names: "at NATO headquarters", "at the White House", "on Dock Street",
# "on the sidelines of the summit", "by video link", "online"
_VENUE = re.compile(
    r"\bat (?:the |his |her |their )?(?:[A-Z][\w'’.-]*\s+)+(?:[A-Z][\w'’-]*|headquarters|"
    r"residence|estate|resort|palace|hotel|hall|centre|center|stadium|office|base)\b|"
    r"\b(?:on|at|in) (?:\d+ )?(?:[A-Z][\w'’.-]*\s+)+(?:Street|Avenue|Road|Square|Boulevard|"
    r"Lane|Place)\b|\bon the sidelines\b|\b(?:by|via) video\b|\bonline\b|\bvirtually\b|"
    # "told the Munich Security Conference", "addressed the UN Security Council"
    r"\b(?:told|addressed|address|addresses|addressing) (?:the |a )?(?:[A-Z][\w'’.-]*\s+)*"
    r"(?:Conference|Forum|Summit|Council|Assembly|Parliament|Congress|Senate|Convention|"
    r"Committee|Dialogue|Bundestag|Duma|Knesset)\b|\b(?:told|addressed) parliament\b|"
    r"\bhosted by (?:the )?[A-Z]"
)


def _is_town(name: str, asked: str) -> bool:
    """A name that could be a town: not in the question, not a continent or wide region, a
    month, a weekday or a function word; nor an owner ("fallout from Donald Trump's
    reelection", "in Lithuania's capital": the place is the thing owned)."""
    if re.search(r"['’]s$", name.rstrip(".,;:")):
        return False
    parts = [w.strip(".,;:") for w in name.split()]
    if len(parts) > 1 and all(
        (len(w) >= 3 and w.isalpha() and w.isupper())
        or fold(w) in _REGION_ADJECTIVES
        or is_country_adjective(fold(w))
        for w in parts
    ):
        return False  # "of European NATO members": a body's acronym, no town
    words = [re.sub(r"['’]s$", "", w) for w in fold(name.rstrip(".")).split()]
    if words and words[0] == "the":  # "The Hague"
        words = words[1:]
    if not words or all(w in _REGIONS for w in words):
        return False
    if len(words) == 1 and is_country_adjective(words[0]):
        return False  # "in the Lithuanian capital": the adjective is no place
    if len(words) == 1 and (
        words[0] in MONTHS or words[0] in WEEKDAYS or words[0] in FUNCTION_WORDS
    ):
        return False
    joined = " ".join(words)
    if words[-1] != "city" and words[-1] in _NOT_PERSON:
        return False  # "at the Atlantic Council", "of the Security Initiative"
    if is_country_name(name):
        return False  # "at the U.S. think tank": a country, not a city
    return not key_present(joined, asked)


def towns_in(text: str, question: str) -> list[str]:
    """The names a text places something in that could be towns (`names_a_town`): "Vilnius"
    of "... in the Lithuanian capital Vilnius next week", not the question's own."""
    asked = fold(question)
    return [p.rstrip(".,;:") for p in _places(strip_markers(text)) if _is_town(p, asked)]


def is_country_name(name: str) -> bool:
    """True for a country's name ("Italy", "the U.S."), not a city-state ("Singapore")."""
    bare = name.strip().removeprefix("the ")
    low = re.sub(r"['’]s$", "", fold(bare.rstrip(",;:.")))
    if low in _CITY_STATES:
        return False
    return low in CANONICAL or bool(_US_NAME.fullmatch(bare))


def _places(text: str, belonging: bool = True) -> list[str]:
    """The names a text places something in ("in Vilnius", "Almaty hosted"); with
    `belonging` false, not the names that only say whose ("foreign ministers of Russia", but
    "the capital of Kazakhstan" is a place)."""
    # "of NATO members": an acronym before a noun names a body ("in GENEVA" may be a town);
    # "Secretary of State Antony Blinken" names an office
    return [
        m.group(1) or m.group(2)
        for m in _PLACE.finditer(text)
        if not (
            m.group(1)
            and m.group(1).isupper()
            and re.match(r" [a-z]", text[m.end() :])
            and not is_country_name(m.group(1))  # "in the U.S. last week"
        )
        and (
            belonging
            or not (m.group(1) and _says_whose(text[max(0, m.start(1) - 40) : m.start(1)]))
        )
        and not (
            m.group(1)
            and _STATE_OR_STAFF.match(m.group(1))
            and _OFFICE_OF.search(text, max(0, m.start(1) - 20), m.start(1))
        )
        # "of the United Russia party": a party's name, no place (a town may still be one
        # word before "party": "the Berlin party congress")
        and not (m.group(1) and " " in m.group(1) and _PARTY_AFTER.match(text, m.end(1)))
    ]


# "NEW YORK (Reuters) -": a dateline places the story
_PLACE_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,40}\s*\([A-Z][\w .&-]*\)\s*[-–—]")
# "in the Qatari capital", "at the Swiss resort": a town in the adjective's country
_ADJECTIVE_TOWN = re.compile(
    r"\b(?:in|at|near|outside) the ([A-Z][\w'’-]*) (?:capital|city|town|port|resort|village)\b"
    r"(?!,? (?:of )?[A-Z])"  # "the Norwegian capital Oslo": Oslo is the place, read as a town
)


def _says_whose(before: str) -> bool:
    """True if `before` ends in an "of" after people or a body ("foreign ministers of "),
    which says whose, not where ("the capital of ", "the resort of ")."""
    m = _OF_BEFORE.search(before)
    return m is not None and fold(m.group(1)) in _WHOSE_NOUNS


def names_a_venue(text: str, question: str) -> bool:
    """True if the text places a meeting in a town, country or named venue the question does
    not name (`names_a_town`; "held in Kazakhstan", "hosted by Lithuania", "at the White
    House", "online"); a continent, a wide region ("in Eurasia") or a nationality ("Russian
    President") is none."""
    asked = fold(question)
    clean = strip_markers(text)
    if _VENUE.search(clean):
        return True
    if _PLACE_DATELINE.match(clean):
        return True  # "NEW YORK (Reuters) - The two companies signed the deal ..."
    asked_countries = countries_in(question, asked)
    for m in _ADJECTIVE_TOWN.finditer(clean):  # "in the Qatari capital": a town in Qatar
        if (
            is_country_adjective(fold(m[1]))
            and not countries_in(m[1], fold(m[1])) & asked_countries
        ):
            return True
    places = _places(clean, belonging=False)
    # "in the Lithuanian capital Vilnius" places it in Vilnius, not in "Lithuanian"
    country = any(
        is_country_name(p)
        and not is_country_adjective(fold(p))
        and not re.search(rf"\b{re.escape(fold(p))}\b", asked)
        for p in (p.rstrip(".,;:") for p in places)
    )
    return country or names_a_town(text, question, places)


# "Where did Macron say it?" may be answered by a town, a country, a named venue, an
# occasion ("at a press conference", "during a visit"), or a place of any kind ("among the
# plankton", "beneath the field"): a preposition of place or time, or an adverb of place
_SOME_PLACE = re.compile(
    # ("to" of a place, not of a verb: "to Kyiv", "to the front", not "to face"; "in" of a
    # place, not of a year: "said in 2019" says when)
    r"\bto (?:the|a|an|his|her|their|its|(?-i:[A-Z]))|\bin (?!\d)|"
    r"\b(?:at|on|from|into|onto|near|among|amid|through|beneath|below|under|"
    r"underneath|above|along|toward|towards|within|throughout|across|between|inside|"
    r"outside|around|behind|beyond|over|via|during|before|after|where|aboard|alongside|"
    r"visiting|ahead of)\b|\btold (?:a|an|the) (?:[\w-]+ ){0,3}(?:conference|briefing|rally|"
    r"meeting|summit|forum|gathering|session|audience|crowd|parliament|congress|assembly)\b|"
    r"\b(?:abroad|"
    r"overseas|here|there|nearby|locally|online|worldwide|nationwide|home|underground|"
    r"upstream|downstream|offshore|inland)\b",
    re.IGNORECASE,
)


def names_some_place(text: str, question: str) -> bool:
    """For "Where did X say it?" or "Where is X?": true if the text places something: a
    venue, a town or a country (`names_a_venue`), or any phrase of place or occasion ("in
    the capital", "at a press conference", "among the plankton"). A sentence with none
    ("Macron once asserted that NATO is brain dead") does not say where."""
    clean = strip_markers(text)
    return names_a_venue(clean, question) or _SOME_PLACE.search(clean) is not None


def names_a_spot(text: str, question: str) -> bool:
    """For "Where in Belarus ...?": true if the text names a town (`names_a_town`) or holds
    any other name that could be one (`_is_town`: no country, region, nationality, month,
    or name the question holds), told in any words ("... is New Jersey"), that is no
    acronym ("NATO") and no lone word opening a sentence ("Pumping gas is banned")."""
    if names_a_town(text, question):
        return True
    asked = fold(question)
    clean = strip_markers(text)
    starts = {m.start(1) for m in SENT_START.finditer(clean)}
    for m in re.finditer(rf"\b{_NAME}", clean):
        words = m.group(0).split()
        if m.start() in starts and len(words) == 1:
            continue
        while words and fold(words[0]) in FUNCTION_WORDS:  # "In Oregon", "The Hague"
            words = words[1:]
        acronym = all(w.rstrip(".").isupper() for w in words)
        if words and not acronym and _is_town(" ".join(words), asked):
            return True
    return False


def names_a_town(text: str, question: str, places: list[str] | None = None) -> bool:
    """True if the text places something in a named spot ("in Vilnius", "the Kazakh city of
    Almaty", "Vilnius will host") that the question does not name and that is no continent or
    wide region. A short reply that is just a name ("Vilnius [1].") counts too. `places`:
    the text's `_places`, when the caller has them."""
    asked = fold(question)
    clean = strip_markers(text)
    places = _places(clean) if places is None else places
    if any(_is_town(p, asked) for p in places):
        return True
    if places and not any(is_country_name(p) for p in places):
        return False
    # "Vilnius is the capital of Lithuania", "Turin, Italy hosted": a name shortly before a
    # country may be its city ("at the U.S. think tank Philip Dickinson" places nobody)
    if places:
        words = re.findall(r"[\w'’.-]+", clean)
        country_at = [  # a country's name, not its adjective ("the Kazakh city of Almaty")
            i
            for i, w in enumerate(words)
            for name in (w, " ".join(words[i : i + 2]))  # "United States"
            if is_country_name(name) and not is_country_adjective(fold(name).removeprefix("the "))
        ]
        return any(
            w[:1].isupper()
            and not is_country_name(w)
            and _is_town(w, asked)
            and any(0 < c - i <= 6 for c in country_at)
            for i, w in enumerate(words)
        )
    words = clean.split()
    return len(words) <= 4 and any(
        w[:1].isupper() and _is_town(w.strip(".,;:!?"), asked) for w in words
    )


# Offices a question can pin its answer to: "Who is the president of X?", "Which country
# did she lead as prime minister?". The answer must name the office (not "prime minister"
# for "president").
_OFFICE = (
    r"(?:prime minister|vice president|president|chancellor|premier|"
    r"(?:foreign|defen[cs]e|finance|interior|economy) minister|minister|"
    r"secretary[- ]general|secretary of (?:state|defen[cs]e|the treasury|the interior|"
    r"homeland security|the navy|the army|war)|spokesperson|spokesman|spokeswoman|"
    r"ambassador|governor|mayor)"
)
ASKS_OFFICE = re.compile(
    rf"^(?:(?:and|so|but|then) )?who (?:is|was|are|were|will be|became) "
    rf"(?:the |its |their |[\w.-]+'s )?"
    rf"(?:current |new |former |present |next |first )?(?P<role>{_OFFICE})"
    rf"(?: (?:of|for|at|in)\b|\s*\?|$)|"
    # "Which country did she lead as prime minister?" (not "Who replaced him as CEO?")
    rf"\b(?:lead|led|leads|serve[sd]?|serving|govern(?:ed|s)?|rule[sd]?) (?:[\w-]+ ){{0,2}}?"
    rf"as (?:the |a |an |its |their )?(?P<role2>{_OFFICE})\b|"
    # "Who has Trump chosen as the US ambassador to NATO?"
    rf"^(?:(?:and|so|but|then) )?who (?:[\w'’.-]+ ){{1,3}}?(?:chosen|chose|named|picked|"
    rf"appointed|nominated|selected|tapped) (?:as|to be|to serve as) (?:the |a |an |its |their |"
    rf"his |her )?"
    rf"(?:[\w.-]+ )??(?P<role3>{_OFFICE})\b"
)
# Questions whose answer is someone: "Who confirmed ...?", "Which Ukrainian official ...?"
ASKS_PERSON = re.compile(
    r"^(?:(?:and|so|but|then) )?who\b|"
    r"^(?:besides|other than|apart from|aside from|in addition to)\b[^?,]*,\s*who\b|"
    r"\bwhich (?:[\w-]+ ){0,2}?"
    r"(?:official|minister|president|spokesperson|spokesman|spokeswoman|diplomat|politician|"
    r"journalist|reporter|chancellor|ambassador|envoy|analyst|senator|governor|mayor|person)s? "
    # the person is the one who acts: "Which official told Reuters ...?"
    r"(?=[a-z]+ed\b|said|says|told|tells|is|was|has|had|will|would|did|does|can|could|"
    r"announced|spoke|met|wrote|gave|made|led|took|became)"
)
# "Which member ranks second ...?", "the third-largest": the answer must hold that rank.
# (Not "first": "Who came first?" is answered by "won".)
_LATER_ORDINALS = ORDINALS.split("|", 1)[1]
ASKS_RANK = re.compile(
    rf"\b(?:rank(?:s|ed)?|place[sd]?|comes?|came|finish(?:es|ed)?) ({_LATER_ORDINALS})\b|"
    rf"\b({_LATER_ORDINALS})[- ](?:largest|biggest|highest|lowest|most|least|smallest|richest)\b"
)
ORDINAL_DIGITS = {w: str(i + 1) for i, w in enumerate(ORDINALS.split("|")[:20])}


# "Who else took part besides Rutte and Trump?", "Who other than Tesla ...?": someone new
ASKS_ELSE = re.compile(
    r"^(?:(?:and|so|but|then) )?who(?:m)? else\b|^(?:(?:and|so|but|then) )?who(?:m)?\b[^?]*"
    r"\b(?:besides|other than|apart from|aside from|in addition to)\b|"
    # "Besides Rutte and Trump, who else took part?"
    r"^(?:besides|other than|apart from|aside from|in addition to)\b[^?,]*,\s*whom?\b|"
    # "Which other officials took part ...?"
    r"^(?:(?:and|so|but|then) )?(?:which|what) other (?:[\w-]+ ){0,2}?(?:officials?|people|"
    r"persons?|leaders?|ministers?|diplomats?|participants?|figures?|representatives?|"
    r"delegates?|politicians?|aides?|advis[eo]rs?|speakers?)\b|"
    # "Which members of the President-elect's team joined?": not the President-elect
    r"\bwhich (?:members?|officials?|aides?) of (?:the )?[\w'’ -]{1,40}?['’]s? (?:team|"
    r"entourage|delegation|campaign|staff|cabinet)\b|"
    # "Which of the President-elect's advisers attended?": not the President-elect
    r"\bwhich of (?:the )?[\w'’ -]{1,40}?['’]s? (?:advis[eo]rs|aides|officials|ministers|"
    r"staff|team|allies|envoys|deputies)\b"
)
# Initials that name no one taking part: "US", "UN", "EU" and the like are places or blocs
_NOT_FIRMS = {"us", "usa", "uk", "un", "eu", "nato", "ceo", "gdp", "tv", "ai"}
# Titles that stand for another: "the NATO chief" is its Secretary General
_TOP_TITLES = {"chief", "head", "leader", "boss"}
# "in Palm Beach, Florida": where a thing happened, which names no one who took part
_LOCATED = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*(?:,\s+[A-Z][\w'’-]*)?"
)


def _without_the_asked(text: str, question: str) -> str:
    """The text without the people the question names, with their titles and what opens
    them ("NATO Secretary-General Mark Rutte" for Rutte), and without where it happened."""
    asked = fold(question)
    clean = _LOCATED.sub(" ", strip_markers(text))
    for run in _name_runs(clean):
        if _person_run(run) and (
            key_present(fold(run[-1]), asked) or _titled_as_asked(run, clean, asked)
        ):
            pattern = r"(?:\b[A-Z]{2,}\s+)?" + r"\s+".join(re.escape(w) for w in run)
            clean = re.sub(pattern, " ", clean)
    return clean


def _titled_as_asked(run: list[str], text: str, asked: str) -> bool:
    """True if the person the run names holds the office a question describes them by:
    "US President-elect Donald Trump" for "the President-elect", "NATO Secretary-General
    Mark Rutte" or "Mark Rutte, the new Secretary General of NATO" for "the NATO chief"
    (two words of the office, or its body and a word for its head)."""
    at = text.find(" ".join(run))
    before = text[max(0, at - 12) : at]
    after = re.match(r",\s+(?:the\s+)?([^,;.]{0,60})", text[at + len(" ".join(run)) :])
    title = " ".join(
        [before.split()[-1] if before.split() else "", *run[:-2], after[1] if after else ""]
    )
    words = set(re.findall(r"[a-z]+", fold(title)))
    asked_words = set(re.findall(r"[a-z]+", asked))
    offices = words & (TITLE_WORDS | ROLE_WORDS)
    shared = len(offices & asked_words)
    bodies = {w for w in words & asked_words if re.search(rf"\b{w.upper()}\b", title)}  # "NATO"
    if asked_words & _TOP_TITLES and offices & {"secretary", "president", "director", "head"}:
        shared += 1
    return shared + len(bodies) >= 2


def names_someone(text: str, question: str) -> bool:
    """True if the text names something (a capitalised name, not a month or weekday) that
    the question does not: the least an answer to "who?" must do. For "Who else ...
    besides Rutte?", neither Rutte's own words ("NATO Secretary-General Mark") nor where it
    happened ("in Palm Beach, Florida") name someone else."""
    asked = fold(question)
    if ASKS_ELSE.search(asked.strip()):
        # someone new: not a place ("warned about North Korea"), unless a country is what
        # the question sets aside ("Who besides the British colonized Africa?")
        rest = _without_the_asked(text, question)
        aside = re.search(
            r"\b(?:besides|other than|apart from|aside from|in addition to)\b(.*)", asked
        )
        if (
            aside
            and countries_in(aside[1], aside[1])
            and countries_in(rest, fold(rest)) - countries_in(asked, asked)
        ):
            return True
        # "ministers of Denmark and Iceland" took part
        if countries_of_people(rest) - countries_in(asked, asked):
            return True
        # firms by their initials: "IBM and SAP were also fined"
        firms = {w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", rest)}
        if any(f not in asked and f not in _NOT_FIRMS for f in firms):
            return True
        return names_another_person(rest, question)
    keys = key_content(text) - MONTHS - set(WEEKDAYS)
    return any(not k[:1].isdigit() and not key_present(k, asked) for k in keys)


# "Who is the senior official who told Reuters ...?": the person described by a role and an
# act. A sentence naming someone with neither ("Macron said ...") says nothing of who that is.
_ASKS_DESCRIBED = re.compile(
    r"^(?:(?:and|so|but|then) )?who (?:is|was|are|were) the (?:[\w'’-]+ ){0,3}?"
    r"(?P<role>officials?|spokes(?:person|man|woman)|diplomats?|analysts?|experts?|sources?|"
    r"commanders?|envoys?|officers?|lawmakers?|senators?|advis[eo]rs?|aides?|journalists?|"
    r"reporters?|fellows?|researchers?|executives?|negotiators?|politicians?|person|man|woman|"
    r"people) (?:who|that|whom) (?:has |had |was |were |is |are |also )?(?P<verb>[a-z]+)"
)


def names_the_described(text: str, question: str) -> bool:
    """For "Who is the <role> who <did something>?": true if the text holds the role
    ("official") or the act ("told"); true for other questions."""
    m = _ASKS_DESCRIBED.search(fold(question).strip())
    if m is None:
        return True
    said = fold(strip_markers(text))
    role, verb = m["role"].rstrip("s"), m["verb"]
    stem = verb[: max(4, len(verb) - 3)]
    return bool(re.search(rf"\b{re.escape(role)}|\b{re.escape(stem)}", said))


# Questions whose answer is a person, not a team, firm or country: "Who is the CEO of X?",
# "Who directed X?", "Which actress starred in ...?" (not "Who won ...?" or "Who played ...?",
# which teams answer too).
_PERSON_ROLE = (
    rf"(?:{_OFFICE}|ceo|chief executive|chair|chairman|chairwoman|chairperson|founder|"
    r"co-founder|director|coach|manager|captain|author|writer|composer|creator|"
    r"presenter|editor|inventor|designer|singer|actor|actress|star|head)"
)
# Whose name "What is the name of ...?" may ask for besides an office holder's: "the senior
# Ukrainian official who told Reuters ..."
_NAMED_ROLE = (
    rf"(?:{_PERSON_ROLE}|official|diplomat|envoy|ambassador|aide|adviser|advisor|spokes\w+|"
    r"journalist|reporter|analyst|expert|fellow|lawmaker|senator|commander|officer)"
)
ASKS_NAMED_PERSON = re.compile(
    r"^(?:(?:and|so|but|then) )?who (?:is|was|are|were|will be|became|has been|had been) "
    r"(?:the |its |their |a |an )?(?:current |new |former |present |next |first |last |"
    rf"incoming |outgoing |interim |acting )?(?:[\w'’-]+ ){{0,2}}?{_PERSON_ROLE}\b|"
    # "Whom did X meet?" asks for people ("To whom ...?" may be answered "to reporters")
    r"^(?:(?:and|so|but|then) )?whom\b|"
    # "What is that official's name?"
    r"^(?:(?:and|so|but|then) )?what(?:['’]s| is| was) (?:the |that |this )"
    rf"(?:[\w'’-]+ ){{0,2}}?{_NAMED_ROLE}['’]s (?:full )?names?\b|"
    # "What is the name of Kazakhstan's foreign minister?"
    r"^(?:(?:and|so|but|then) )?(?:what(?:['’]s| (?:is|was|are|were))|(?:give|tell) me|name) "
    r"the names? of (?:the |its |their |"
    rf"his |her |[\w.'’-]+['’]s? )?(?:current |new |former |then |first )?"
    rf"(?:[\w'’-]+ ){{0,2}}?{_NAMED_ROLE}s?\b(?!['’])|"
    # "Which members of Trump's transition team joined?": people
    r"\bwhich (?:members?|officials?) of (?:(?:the )?[\w.-]+['’]s (?:[\w-]+ ){0,2}?"
    r"(?:team|entourage|campaign)|(?:the )?(?:[\w.-]+ )?transition team)\b|"
    # "Which of the President-elect's advisers attended?"
    r"\bwhich of (?:the )?[\w.-]+['’]s (?:advis[eo]rs|aides|officials|ministers|envoys|"
    r"deputies)\b|"
    # "Who represented Kazakhstan as foreign minister?": the one in that office
    r"^(?:(?:and|so|but|then) )?who (?:represented|attended|served|spoke|acted|stood in|"
    r"(?:was|were) (?:there|present)) [^?]*?\bas (?:the |its |their |a |an |his |her )?"
    rf"(?:[\w'’-]+ ){{0,2}}?{_PERSON_ROLE}\b|"
    r"^(?:(?:and|so|but|then) )?who (?:directed|wrote|founded|co-founded|composed|painted|"
    r"invented|authored|designed|starred|stars|portrayed|portrays|sang|sings)\b|"
    # (not "Which organisation's ministers met ...?", which asks for the organisation)
    r"\bwhich (?![\w-]+['’]s\b)(?:(?:[\w'’-]+ ){0,2}?(?:journalist|reporter|correspondent|"
    r"columnist|writer|analyst|diplomat|politician|lawmaker|senator|envoy|ambassador|"
    r"candidate|economist|scientist|"
    r"spokesperson|spokesman|spokeswoman|heads? of (?:state|government))|actor|actress|singer|"
    r"director|author|writer|artist|composer|painter|poet|novelist|rapper|musician|player|"
    r"athlete|coach)s?\b|"
    # "Which NATO official replied ...?", "Which of Trump's advisers took part?", "Which
    # leaders did he brief?", "Which NATO Secretary General warned ...?", "Which NATO chief
    # warned ...?"; not "which official document"
    r"\bwhich (?![\w-]+['’]s\b)(?:(?!whose\b)[\w'’-]+ ){0,2}?"
    rf"(?:official|leader|minister|officer|adviser|advisor|aide|chief|head|(?i:{_OFFICE}))s? "
    r"(?=(?:[a-z]+ed|said|says|told|did|does|do|was|were|is|are|has|have|had|will|would|met|"
    r"spoke|took|gave|led|made|became|went|flew)\b)"
)
# Last words of names that are not people: "FIFA Council", "the LEGO Group", "Crew List".
_NOT_PERSON = {
    "academy",
    "act",
    "agency",
    "agreement",
    "airlines",
    "airport",
    "alliance",
    "arena",
    "army",
    "arts",
    "assembly",
    "association",
    "award",
    "awards",
    "bank",
    "board",
    "bridge",
    "building",
    "bureau",
    "center",
    "centre",
    "championship",
    "championships",
    "city",
    "club",
    "college",
    "command",
    "commission",
    "committee",
    "company",
    "conference",
    "congress",
    "corp",
    "corporation",
    "council",
    "county",
    "cup",
    "cut",
    "department",
    "dynasty",
    "edition",
    "empire",
    "entertainment",
    "federation",
    "festival",
    "film",
    "forces",
    "forum",
    "foundation",
    "fund",
    "game",
    "games",
    "government",
    "group",
    "hospital",
    "house",
    "inc",
    "initiative",
    "institute",
    "island",
    "islands",
    "journal",
    "kingdom",
    "league",
    "list",
    "ltd",
    "magazine",
    "media",
    "ministry",
    "mosque",
    "movie",
    "museum",
    "navy",
    "network",
    "news",
    "ocean",
    "office",
    "open",
    "organisation",
    "organization",
    "palace",
    "parliament",
    "party",
    "policy",
    "press",
    "prize",
    "program",
    "programme",
    "project",
    "province",
    "records",
    "republic",
    "review",
    "river",
    "school",
    "sciences",
    "sea",
    "season",
    "security",
    "senate",
    "series",
    "service",
    "services",
    "show",
    "square",
    "stadium",
    "state",
    "states",
    "station",
    "street",
    "studio",
    "studios",
    "summit",
    "times",
    "tournament",
    "tower",
    "trailer",
    "treaty",
    "union",
    "university",
    "valley",
    "war",
    "week",
}
_NAME_PARTICLES = {"de", "da", "di", "du", "del", "der", "van", "von", "bin", "al", "la", "le"}
# Abbreviations ending in a full stop inside a name: "Mr. Rutte", "Martin Luther King Jr."
_HONORIFICS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "gov", "lt", "col", "rep",
}  # fmt: skip
_NAME_PIECE = re.compile(r"[^\s,;:()\[\]\"“”!?|/…]+")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")


def _name_runs(text: str) -> list[list[str]]:
    """Runs of two or more capitalised words ("Simona Halep", "John C. Bogle", "Mr. Rutte"),
    unbroken by punctuation, with name particles ("van", "de") inside."""
    clean = strip_markers(text)
    runs: list[list[str]] = []
    run: list[str] = []

    def close() -> None:
        while run and run[-1] in _NAME_PARTICLES:
            run.pop()
        if len(run) >= 2:
            runs.append(list(run))
        run.clear()

    last_end = 0
    for m in _NAME_PIECE.finditer(clean):
        if clean[last_end : m.start()].strip():  # punctuation between: the run ends
            close()
        last_end = m.end()
        raw = m.group(0).strip("'‘’")
        word = re.sub(r"['’]s$", "", raw)
        initial = bool(_INITIAL.match(word))
        bare = word if initial else word.rstrip(".")
        capital = bare[:1].isupper() or bool(re.match(r"(?:al|el)-[A-Z]", bare))  # al-Assad
        if capital and (initial or any(ch.islower() for ch in bare)):
            if fold(bare) in FUNCTION_WORDS and fold(bare) not in _HONORIFICS:
                close()
            else:
                run.append(bare)
        elif run and bare in _NAME_PARTICLES:
            run.append(bare)
        else:
            close()
        if word != raw:  # "Macron's En Marche Party": a possessive ends the name
            close()
        elif word.endswith(".") and not initial and fold(bare) not in _HONORIFICS:
            close()  # a sentence ends here
    close()
    return runs


_MINOR = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "as"}


def _title_case(text: str) -> bool:
    """True for a headline-style text: four or more words, every one capitalised but minor
    words ("in", "of"); "Sundar Pichai is the CEO of Google." has "is"."""
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _MINOR]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def people_named(text: str, question: str = "") -> list[str]:
    """The people a text names that the question does not ("Farah Dakhlallah" of "The talks
    were confirmed by NATO spokesperson Farah Dakhlallah." for "Who confirmed the talks?")."""
    if _title_case(strip_markers(text)):
        return []
    asked = fold(question)
    return [
        " ".join(run)
        for run in _name_runs(text)
        if _person_run(run)
        and not is_country_name(" ".join(run))
        and not key_present(fold(run[-1]), asked)
    ]


def _person_run(run: list[str]) -> bool:
    """True if a run of capitalised words can be a person's name: it ends in no firm's,
    month's, weekday's or office's word ("FIFA Council", "Foreign Minister"), and it is no
    country or region as a whole ("North Korea", "North America"; "Michael Jordan" may be
    a person)."""
    last = fold(run[-1])
    whole = " ".join(run)
    return (
        last not in _NOT_PERSON
        and last not in MONTHS
        and last not in WEEKDAYS
        and last not in TITLE_WORDS
        and not is_country_name(whole)
        and not all(fold(w) in _REGIONS for w in run)
    )


# "in Palm Beach, Florida", "at the White House": where; not "brought in Thomas Tuchel",
# "fired at Robert Fico" (verbs whose "in" or "at" takes a person)
_PLACED = re.compile(
    r"(?<!\bbrought )(?<!\bsworn )(?<!\bfaith )(?<!\bfired )(?<!\bout )(?<!\baimed )"
    r"(?<!\bjeered )(?<!\bshot )(?<!\blooked )(?<!\blaughed )(?<!\bpointed )(?<!\bswung )"
    r"(?<!\baim )(?<!\bvoted )(?<!\bcalled )(?<!\bbelief )(?<!\btrust )(?<!\bconfidence )"
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*"
)
# "..., Florida" after a blanked place: a state or country; not "Speaking in Kyiv, Zelensky"
_PLACED_TAIL = re.compile(r"(?<= ),\s+([A-Z][\w'’-]*)")


def _unless_titled(m: re.Match[str]) -> str:
    """A `_PLACED` match blanked, unless a title opens its name ("in Senator Milton
    Latham" names a person)."""
    first = next(w for w in m.group(0).split()[1:] if w != "the")
    low = fold(first).rstrip(".")
    return m.group(0) if _is_title(first) or low in _HONORIFICS or low in ROLE_WORDS else " "


def _unplaced(text: str) -> str:
    """The text without where things happened (`_PLACED`), a state or country after a place
    ("in Palm Beach, Florida") included."""
    out = _PLACED.sub(_unless_titled, text)
    return _PLACED_TAIL.sub(
        lambda t: " " if t[1] in _US_STATES or is_country_name(t[1]) else t[0], out
    )


def names_a_person(text: str, question: str, context: str = "") -> bool:
    """True if the text names a person the question does not: a run of capitalised words
    ("Simona Halep", "President Macron") whose last word is new to the question and is no
    firm's, event's or place's ("FIFA Council", "the LEGO Group"), or a single new word that
    ends such a name in `context` (the sentence's passage: "Gurnah" after "Abdulrazak
    Gurnah")."""
    asked = fold(question)
    if _title_case(strip_markers(text)):
        return False  # "Vanguard's New CEO Says Advisors' Jobs ...": every word looks a name

    if ASKS_ELSE.search(asked.strip()):  # "Which members of X's team ...?": not X
        text = _without_the_asked(text, question)
    # "in Palm Beach, Florida": where it happened, no one named
    unplaced = _unplaced(strip_markers(text))
    runs = [r for r in _name_runs(unplaced) if _person_run(r)]
    if any(not key_present(fold(r[-1]), asked) for r in runs):
        return True
    return bool(context) and bool(surnames_said(unplaced, asked, context))


# "Which foreign ministers took part?": people of a role, in the plural
_ROLES_BY_COUNTRY = (
    r"ministers|leaders|officials|diplomats|envoys|ambassadors|delegations|delegates|"
    r"representatives|heads of state"
)
_ASKS_ROLE_PLURAL = re.compile(rf"\bwhich (?:[\w'’-]+ ){{0,2}}?(?P<role>{_ROLES_BY_COUNTRY})\b")


def countries_of_people(text: str, role: str = _ROLES_BY_COUNTRY) -> set[str]:
    """The countries a text tells people of a role by: "foreign ministers of Russia, Belarus
    and Kazakhstan", "the Polish and Czech ministers" ({"russia", "belarus", ...}); not a
    country named otherwise ("warned about North Korea")."""
    said = fold(strip_markers(text))
    singular = rf"(?:{role.replace('s|', 's?|')}s?)"
    told = re.search(rf"\b{singular} (?:of|from) ([^.;:]+)", said) or re.search(
        rf"((?:\w+,? (?:and )?){{1,6}}){singular}\b", said
    )
    return countries_in(told[1], told[1]) if told else set()


def names_by_country(text: str, question: str) -> bool:
    """For "Which foreign ministers took part?", true if the text tells them by country
    (`countries_of_people`), countries the question does not name; false for other
    questions."""
    m = _ASKS_ROLE_PLURAL.search(fold(question))
    if m is None:
        return False
    role = m["role"].split()[0].rstrip("s")
    asked = fold(question)
    return bool(countries_of_people(text, role) - countries_in(asked, asked))


def surnames_said(text: str, asked: str, context: str) -> set[str]:
    """The capitalised words of `text` that end a person's name in `context` (its article:
    "Blinken also said" after "Antony Blinken"), folded, that the folded question `asked`
    does not hold."""
    surnames = surnames_in(context)
    said = {fold(re.sub(r"['’]s$", "", w)) for w in WORD.findall(text) if w[:1].isupper()}
    return {w for w in said if w in surnames and not key_present(w, asked)}


def names_a_body(word: str, context: str) -> bool:
    """True if a folded word ends only names of no person in `context` ("policy" of "Foreign
    Policy wrote"): a paper or a body; false for a lone surname ("Peskov said")."""
    runs = [r for r in _name_runs(PARTY.sub(" ", strip_markers(context))) if fold(r[-1]) == word]
    return bool(runs) and not any(_person_run(r) for r in runs)


def surnames_in(context: str) -> set[str]:
    """The folded last words of the people's names in `context`, not of its parties' names
    ("Russia" ends "the United Russia party", no one's name)."""
    return {
        fold(r[-1]) for r in _name_runs(PARTY.sub(" ", strip_markers(context))) if _person_run(r)
    }


# "Which Newsweek reporter wrote ...?", "Which US defense secretary joined ...?": trades and
# offices that `_OFFICE` leaves out
_TRADE = (
    r"(?:defen[cs]e|foreign|home|interior|treasury|health|energy|commerce|labou?r) secretary|"
    r"journalist|reporter|correspondent|columnist|editor|economist|senator|envoy|"
    r"(?:national security|security|foreign policy|defen[cs]e|military) advis[eo]r"
)
# "Which US Secretary of State met Rutte?", "Who was the US defense secretary who ...?": a
# person asked for by office
_ASKS_BY_OFFICE = re.compile(
    rf"^(?:(?:and|so|but|then),? )?(?:which (?:[\w.-]+ ){{0,2}}?(?P<office>{_TRADE}|{_OFFICE}) "
    r"(?!of\b|for\b)[a-z]+|"
    rf"who (?:is|was|are|were) the (?:[\w.-]+ ){{0,2}}?(?P<office2>{_TRADE}|{_OFFICE}) "
    r"(?:who|that|whom|when)\b)"
)


# Lower-case words that title a person in running text: "NATO spokesperson Farah Dakhlallah"
ROLE_WORDS = {
    "spokesperson", "spokesman", "spokeswoman", "reporter", "journalist", "correspondent",
    "columnist", "editor", "analyst", "economist", "writer", "author", "official", "envoy",
    "diplomat", "lawmaker", "senator", "commander", "adviser", "advisor", "aide", "coach",
    "representative", "rep", "sen", "gov", "governor", "mayor", "general",
}  # fmt: skip


def described_as(surname: str, context: str) -> tuple[set[str], set[str]]:
    """The title words and the countries that open a person's name wherever `context` names
    them by `surname` (folded): ({"president", "elect"}, {"united states"}) for "Trump" in
    "Rutte met US President-elect Donald Trump"; ({"spokesperson"}, set()) for "Dakhlallah"
    in "NATO spokesperson Farah Dakhlallah". First names ("Jordan Bardella" too), initials
    and an organisation's acronym are passed over; anything else ends the description, and
    so does the country of "ambassador to the US". Headlines are skipped ("NATO Chief Meets
    Trump."), and only a capitalised surname counts ("may" is no May)."""
    titles: set[str] = set()
    countries: set[str] = set()
    clean = "\n".join(strip_markers(line) for line in context.splitlines())
    for start, end in sentence_spans(clean):  # "Rep. Jim Jordan" and "the U.S." stay whole
        if not _title_case(clean[start:end]):
            _describe(clean[start:end].split(), surname, titles, countries)
    return titles, countries


def _describe(words: list[str], surname: str, titles: set[str], countries: set[str]) -> None:
    """Add to `titles` and `countries` what opens each mention of `surname` in `words`."""
    for i, raw in enumerate(words):
        bare = re.sub(r"['’]s$", "", raw.strip("\"'“”‘’.,;:()"))
        if not bare[:1].isupper() or fold(bare) != surname:
            continue
        j = i - 1
        firsts = 0  # "Donald", "Nikol", "J.", and "Jordan" of "Jordan Bardella"
        while (
            j >= 0
            and firsts < 3
            and words[j][:1].isupper()
            and (words[j][-1:].isalpha() or bool(_INITIAL.match(words[j])))
            and fold(words[j]) not in FUNCTION_WORDS
            and not _is_title(words[j])
            and fold(words[j]) not in ROLE_WORDS  # "Senator Raphael Warnock"
            and not is_country_adjective(fold(words[j]))
            and not (words[j].isupper() and len(words[j]) >= 2)
            and not (firsts and countries_in(words[j], fold(words[j])))
        ):
            j, firsts = j - 1, firsts + 1
        while j >= 0 and (
            words[j][-1:] not in {",", ";", ":", ".", ")", '"', "”"}
            or _INITIAL.match(words[j])
            or fold(words[j]).rstrip(".") in _HONORIFICS  # "Rep. Jim Jordan"
        ):
            word = words[j]
            low = fold(word).rstrip(".")
            if countries_in(word, low):
                if {"to", "of", "for", "in"} & {fold(w) for w in words[max(j - 2, 0) : j]}:
                    break  # "ambassador to the US Anatoly Antonov"
                countries |= countries_in(word, low)
            elif (word[:1].isupper() and _is_title(word)) or low in ROLE_WORDS:
                titles |= set(low.split("-")) - NO_NAME
            elif low == "of" and 0 < j < i - 1 and _is_title(words[j + 1]):
                pass  # "Secretary of State"
            elif not (word.isupper() and len(word) >= 2):  # "NATO", "US" open titles too
                break
            j -= 1


def names_the_officeholder(text: str, question: str, context: str = "") -> bool:
    """For "Which US Secretary of State met Rutte?", false if the text names neither the
    office nor a person whom `context` (the text's article) gives it ("US Secretary of State
    Antony Blinken", then "Blinken also said"), and every other person it names is titled
    otherwise: a sentence on "President-elect Donald Trump" does not say which Secretary of
    State. True for other questions."""
    m = _ASKS_BY_OFFICE.search(fold(question).strip())
    if m is None:
        return True
    office = (m["office"] or m["office2"]).replace("-", " ")
    said = fold(strip_markers(text)).replace("-", " ")
    if re.search(rf"\b{re.escape(office)}s?\b", said):
        return True
    article = fold(context).replace("-", " ")
    for name in set(capitalised_names(strip_markers(text))) - TITLE_WORDS:
        if re.search(rf"\b{re.escape(office)} (?:[\w.'’-]+ ){{0,3}}?{re.escape(name)}\b", article):
            return True
    # only someone titled otherwise ("President-elect Donald Trump", here or wherever the
    # article names them) is not the one asked; an untitled name ("Bill Clinton signed ...")
    # may be, and so may a title of the same kind ("Foreign Affairs Minister Sergei Lavrov"
    # for "foreign minister", "Defense Secretary Lloyd Austin" for "defence minister"). A
    # text that names nobody new does not say who it is.
    kind = {_SAME_OFFICE.get(w, w) for w in office.split()} - {"of", "state", "general"}
    # the words that tell offices of a kind apart: a Secretary-General is no Secretary of
    # State ("Secretary Blinken" may be)
    needed = {_SAME_OFFICE.get(w, w) for w in office.split()} & _OFFICE_BRANCHES
    for titles in _new_people(text, question, context).values():
        held = {_SAME_OFFICE.get(t, t) for t in titles}
        if not titles or (held & kind and (needed <= held or not held & _OFFICE_BRANCHES)):
            return True
    return False


_OFFICE_BRANCHES = frozenset({
    "state", "general", "defense", "foreign", "treasury", "interior", "home", "health",
    "prime", "finance", "justice",
})  # fmt: skip


# Words of one office or trade: "Kremlin spokesman" for "which spokesperson", "BBC
# correspondent" for "which journalist"
_SAME_OFFICE = {
    "defence": "defense", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "reporter": "journalist", "correspondent": "journalist", "columnist": "journalist",
    "writer": "journalist", "editor": "journalist", "envoy": "ambassador",
    "economist": "analyst", "premier": "prime", "gov": "governor", "sen": "senator",
    "senate": "senator",
}  # fmt: skip


_GOVERNMENT = re.compile(
    r"\b[A-Z][\w'’-]*(?= (?:administration|government|campaign|era|presidency|camp)\b)"
)


def _new_people(text: str, question: str, context: str = "") -> dict[str, set[str]]:
    """The people a text names that the question does not, by folded last name, each with
    the title words the text or `context` (its article) gives them: runs of capitalised
    words ("President-elect Donald Trump"), and single words that end a person's name in
    `context` ("Blinken also said" after "Antony Blinken")."""
    asked = fold(question)
    people: dict[str, set[str]] = {}
    # "the Biden administration", "the Trump campaign": a government or a team, no one
    # acting; "a day after Rutte's warning": whose words, not who acts
    text = _GOVERNMENT.sub(" ", text)
    text = re.sub(r"\b(?:after|before|since|following|despite) [A-Z][\w-]*['’]s\b", " ", text)
    for run in _name_runs(text):
        if _person_run(run) and not key_present(fold(run[-1]), asked):
            own = {p for w in run if _is_title(w) for p in fold(w).split("-")} - NO_NAME
            people[fold(run[-1])] = own
    if context:
        for surname in surnames_said(strip_markers(text), asked, context):
            people.setdefault(surname, set())
    for surname in people:
        people[surname] |= described_as(surname, context)[0]
    return people


# "Which Chinese official responded ...?": a person pinned to a country by its adjective
_NATIONAL_ROLES = (
    r"(?:officials?|leaders?|ministers?|presidents?|diplomats?|"
    r"politicians?|spokes(?:person|man|woman)|envoys?|ambassadors?|lawmakers?|senators?|"
    r"generals?|commanders?|officers?|advis[eo]rs?|aides?|heads? of (?:state|government))"
)
_ASKS_NATIONAL = re.compile(rf"\bwhich ((?:[\w-]+ ){{1,3}}?){_NATIONAL_ROLES}\b")


# "What did Kazakhstan's foreign minister propose?", "Why did the Belarusian president stay
# away?": the question is about a person pinned to a country by name or adjective
_PINNED_SUBJECT = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|how|why|when|where|which [\w-]+)\b[^?]*?"
    r"\b(?:did|does|do|has|have|had|will|would) (?:the )?"
    rf"((?:[\w'’-]+ ){{1,3}}?){_NATIONAL_ROLES}\b"
)


# Words that may stand between "the" and the office of a pinned person: "the top Chinese
# diplomat", "the new Russian foreign minister"
_ROLE_MODIFIERS = {
    "top", "senior", "new", "former", "current", "foreign", "prime", "defense", "defence",
    "finance", "interior", "deputy", "chief", "north", "south", "east", "west", "the", "then",
    "vice", "acting", "interim",
}  # fmt: skip
_PRONOUN_SUBJECT = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")


def only_other_nationals(text: str, question: str, context: str = "") -> bool:
    """True if the question asks for a person of one country ("Which Chinese official
    ...?") and every person the text names beside the question's own is titled as of
    another ("French President Emmanuel Macron"), here or where `context` (the text's
    article) names them. A person with no nationality in their title may be the one asked
    about."""
    m = _ASKS_NATIONAL.search(fold(question))
    pinned = m is None and (m := _PINNED_SUBJECT.search(fold(question))) is not None
    if m is None:
        return False
    if pinned and not all(
        w in _ROLE_MODIFIERS or is_country_adjective(w) or is_country_name(w)
        for w in m.group(1).split()
    ):
        return False  # "What did Lind tell French officials?": Lind is asked about
    asked = {
        c
        for w in m.group(1).split()
        # "Chinese", "Kazakhstan's", and a name used as one ("US senators": no pronoun here)
        for c in ({"united states"} if w == "us" else countries_in(w, w))
        if w == "us" or is_country_adjective(w) or is_country_name(w)
    }
    if not asked:
        return False
    words = fold(question)
    clean = strip_markers(text)
    if pinned and (
        _PRONOUN_SUBJECT.search(clean)  # "He told Blinken ...": he may be the one asked
        or countries_in(clean, fold(clean)) & asked  # "Tokyo had promised", "Japan's envoy"
        or any(c in asked for t, c in CAPITALS.items() if named_in(t, fold(clean)))
    ):
        return False
    runs = [r for r in _name_runs(text) if _person_run(r) and not key_present(fold(r[-1]), words)]
    people = {
        fold(r[-1]): {
            c for w in r if is_country_adjective(fold(w)) for c in countries_in(w, fold(w))
        }
        for r in runs
    }
    if context:  # "Blinken also said ...", after "US Secretary of State Antony Blinken"
        for surname in surnames_said(clean, words, context):
            people.setdefault(surname, set())
    if not people:
        return False
    for surname, said in people.items():
        said = said | described_as(surname, context)[1]
        if not said or said & asked:
            return False
    return True


# Questions whose answer is a named thing: "Which company recalled ...?", "Which team won
# ...?". Kinds of things that go by proper names; not "which type", "which change" or
# "which area", answered in common words ("ads").
# Kinds that a firm or an outlet answers: a country, region or alliance names none of them.
_FIRM_KIND = (
    r"company|companies|firms?|business|brand|automaker|carmaker|airline|bank|retailer|"
    r"chain|network|channel|broadcaster|newspaper|magazine|outlet|platform|app|website|agency|"
    r"publication"
)
_NAMED_KIND = (
    rf"(?:{_FIRM_KIND}|team|club|school|university|college|league|tournament|band|party|"
    r"state|city|town|province|island|river|holiday|movie|film|show|series|album|song|"
    r"novel|video game|game console|interview|alliances?|organi[sz]ations?|blocs?)"
)
_AUX = r"(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|may|might)"
# The words between "which" and the kind describe it ("which Ivy League school"); a verb
# or an article there makes another question ("What caused the bank to fail?"), and "what
# kind of film" asks for a kind.
_FILLER = rf"(?!(?:{_AUX}|the|a|an|its|their|his|her|this|that|of|kind|type|sort|part)\b)"
ASKS_NAMED_THING = re.compile(
    rf"\b(?:which|what) (?:of the )?(?:{_FILLER}[\w'’-]+ ){{0,2}}?{_NAMED_KIND}(?:['’]s)?\b"
    r"(?! of (?:the )?(?:art|mind|play|emergency|the union|affairs)\b)"
)
# "What were the mechanisms called?", "What is the name of ...?": a name, or a quoted term
ASKS_CALLED = re.compile(
    r"^(?:(?:and|so|but|then) )?what (?:is|was|are|were|will be) [^?]* (?:called|named|"
    r"known as|dubbed)\??$|\bwhat (?:is|was|are|were) the (?:official )?names? of\b"
)
# "By what name does NATO refer to the region?", "What does NATO call the region?": what
# someone calls a thing, told by a naming word or in quotes, not just any name ("the
# U.S.-led alliance"); "By what name was the army known?" asks only for a name
ASKS_TERM = re.compile(
    r"\bby what (?:name|term) (?:does|do|did) [^?]* (?:refer to|call)\b|"
    r"^(?:(?:and|so|but|then) )?what (?:does|do|did) [^?]* call\b"
)
_QUOTED_TERM = re.compile(r"[“\"‘']([^”\"’']{2,60})[”\"’']")


_NAMING = re.compile(
    r"\b(?:calls?|called|named|known (?:to [\w ]{1,30}? )?as|dubbed|termed|referred to as|"
    r"nicknamed|titled|entitled)\b"
)


def gives_term(text: str, question: str) -> bool:
    """True if the text names something ("are known as quadruple expansion engines") or
    quotes a term the question lacks ("so-called ‘trios’")."""
    asked = fold(question)
    if _NAMING.search(fold(strip_markers(text))):
        return True
    return any(
        not key_present(fold(m.group(1)).strip(), asked)
        for m in _QUOTED_TERM.finditer(strip_markers(text))
    )


# "Which team won, Spain or England?": the answer is one of the question's own names.
EITHER_OR = re.compile(r"\b[A-Z][\w'’.-]*,? or (?:the )?[A-Z]")


CURRENCY_OWNER = re.compile(
    r"\b(?:[A-Z][\w.]* ){1,2}(?=(?:dollars?|euros?|pounds|yen|yuan|rubles?|roubles?|francs?|"
    r"rupees?|pesos?|cents)\b)"
)


# Kinds that no alliance names: a firm, an outlet, a party ("NATO" is none of them)
_ASKS_FIRM = re.compile(rf"\b(?:{_FIRM_KIND}|party)(?:['’]s)?$")
# Kinds of bodies that no country, region, nationality or office names: those, and an
# alliance or organisation, which an alliance may answer ("Which party does Baerbock belong
# to?" is not answered by "German", "European" or "Foreign Minister")
_ASKS_BODY = re.compile(rf"\b(?:{_FIRM_KIND}|party|alliances?|organi[sz]ations?|blocs?)(?:['’]s)?$")
_US_STATES = {
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "Wisconsin", "Wyoming",
}  # fmt: skip
_US_NAME = re.compile(r"U\.?S\.?(?:A\.?)?")
# Alliances and blocs of states: no company, outlet or agency
_BLOCS = {
    "nato", "csto", "eu", "un", "asean", "osce", "brics", "g7", "g20", "sco", "opec", "aukus",
    "quad", "african union", "european union", "united nations",
    "north atlantic treaty organization", "north atlantic treaty organisation",
    "collective security treaty organization", "collective security treaty organisation",
    "shanghai cooperation organization", "shanghai cooperation organisation",
    "association of southeast asian nations", "organization of the petroleum exporting countries",
}  # fmt: skip


def _asks_name(word: str, question: str) -> bool:
    """True if the question names `word` as a proper name (capitalised inside it)."""
    bare = re.sub(r"['’]s$", "", word)
    return bool(bare[:1].isupper()) and re.search(rf"\b{re.escape(bare)}\b", question) is not None


# Offices that end a title ("the Russian Foreign Minister"; not "Foreign Affairs", a magazine)
_OFFICE_WORDS = {
    "president", "minister", "secretary", "general", "chancellor", "chief", "spokesperson",
    "ambassador", "director", "head", "leader", "king", "queen", "pope", "fellow",
}  # fmt: skip


def _is_title(word: str) -> bool:
    """True for a title's word, hyphenated ones too ("Secretary-General", "President-elect")."""
    return all(part in TITLE_WORDS | NO_NAME for part in fold(word).split("-"))


def _titled_person(run: list[str]) -> bool:
    """True if the run is a title and a person's full name after it ("Secretary-General Jens
    Stoltenberg", "Interior Minister Nancy Faeser"): a person, whom no party, firm, outlet or
    alliance is. "General Electric" is no General named Electric."""
    # a bare "General" opens firms' names too ("General Dynamics Land Systems")
    titles = [i for i, w in enumerate(run) if fold(w) not in NO_NAME | {"general"} and _is_title(w)]
    if not titles:
        return False
    rest = run[titles[-1] + 1 :]
    return len(rest) >= 2 and _person_run(rest)


def _after_titles(run: list[str], country: Callable[[str], bool]) -> list[str]:
    """The run without the titles and countries that open it ("Russian Foreign Minister
    Sergei Lavrov" -> "Sergei Lavrov", "the Russian Foreign Minister" -> nothing); "Air
    France" and "Foreign Affairs" (no office) stay whole."""
    i = 0
    while i < len(run) and (_is_title(run[i]) or country(run[i])):
        i += 1
    if i == len(run) and fold(run[-1]) not in _OFFICE_WORDS:
        return run
    return run[i:]


_WORD_BEFORE = re.compile(r"([\w'’.-]+)\s+(?:(?:of|for|and)\s+(?:the\s+)?)?$")


def _closes_name(before: str, country: Callable[[str], bool]) -> bool:
    """True if a country's word after the text `before` closes a name ("Brothers of Italy",
    "Reform UK", "Alternative for Germany"): a capitalised word comes just before it (or
    before "of", "for", "and"), and that word is no function word, title or country itself
    ("The Russian Foreign Minister", "Foreign Minister of Belarus")."""
    m = _WORD_BEFORE.search(before)
    if m is None or not m.group(1)[:1].isupper():
        return False
    low = fold(m.group(1))
    return low not in FUNCTION_WORDS | NO_NAME | TITLE_WORDS and not country(m.group(1))


def names_something(text: str, question: str, context: str = "") -> bool:
    """True if the text gives a proper name the question lacks: a run of capitalised words, a
    capitalised word inside a sentence (not a month or weekday), an acronym, or a word that
    starts a sentence and reads as a name in `context` (the text's passage: capitalised
    inside a sentence there, or capitalised twice and never in lower case). "Social media
    giants have ..." names nothing; "Pfizer said ..." does when the passage says "Pfizer's"."""
    asked = fold(question)
    # "2 million Canadian dollars": a currency's country names no team, outlet or firm
    clean = CURRENCY_OWNER.sub("", strip_markers(text))
    # "Which media outlet ...?" is no country ("the United States", "European")
    kind = ASKS_NAMED_THING.search(asked)
    firm = kind is not None and _ASKS_FIRM.search(kind.group(0)) is not None
    body = kind is not None and _ASKS_BODY.search(kind.group(0)) is not None

    def country(name: str) -> bool:  # or a country's or region's adjective ("European")
        low = fold(name).removeprefix("the ")
        return body and (
            is_country_name(name)
            or low in _CITY_STATES
            or low in _REGIONS
            or is_country_adjective(low)
        )

    for run in _name_runs(clean):  # "Tidewater Cranes" for "which company ... cranes"
        whole = " ".join(run)
        # a country, an alliance, or the question's own person ("Jens Stoltenberg" for
        # "Stoltenberg") names nothing new
        # nor does the name spelled out of the question's acronym ("North Atlantic Treaty
        # Organization" for "NATO")
        initials = "".join(w[0] for w in run if fold(w) not in FUNCTION_WORDS).lower()
        spelled = len(initials) >= 3 and re.search(rf"\b{re.escape(initials)}\b", asked) is not None
        if (
            country(whole)
            or (firm and fold(whole) in _BLOCS)
            or _asks_name(run[-1], question)
            or spelled
        ):
            clean = clean.replace(whole, " ")
            continue
        if body:  # "the Russian Foreign Minister" names no body ("Air France" does), nor
            # does the person a title opens ("Secretary-General Jens Stoltenberg")
            run = [] if _titled_person(run) else _after_titles(run, country)
            if not run:
                clean = clean.replace(whole, " ")
                continue
        words = {fold(w) for w in run} - NO_NAME - _NAME_PARTICLES - _HONORIFICS
        if any(not key_present(w, asked) for w in words):
            return True
    passage = strip_markers(context) if context.strip() else clean
    starts = {m.start(1) for m in SENT_START.finditer(passage)}
    inside: set[str] = set()  # words capitalised inside a sentence of the passage or text
    counts: dict[str, int] = {}
    for m in WORD.finditer(passage):
        word = re.sub(r"['’]s$", "", m.group(0))
        if word[:1].isupper():
            counts[word] = counts.get(word, 0) + 1
            if m.start() not in starts or (len(word) >= 2 and word.isupper()):
                inside.add(word)
    lower = {w for w in WORD.findall(passage) if w[:1].islower()}
    for m in WORD.finditer(clean):
        word = re.sub(r"['’]s$", "", m.group(0))
        low = fold(word)
        if not any(c.isupper() for c in word) or low in NO_NAME:
            continue
        if country(word) and not _closes_name(clean[: m.start()], country):
            continue
        if firm and low in _BLOCS:  # "NATO" is no outlet or company
            continue
        if body and low in TITLE_WORDS:  # "Minister" is no body
            continue
        if key_present(low, asked):
            continue
        if not word[:1].isupper():  # "eBay", "iPhone"
            return True
        if word in inside or (counts.get(word, 0) >= 2 and word.lower() not in lower):
            return True
    return False


# "Who won ...?": the answer must say who won, not list the players of the final.
ASKS_WINNER = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:who|which (?:[\w'’-]+ ){0,2}?[\w'’-]+|what [\w'’-]+) "
    r"(?:won|wins|will win|has won|had won)\b"
)
SAYS_WON = re.compile(
    r"\b(won|win|wins|winning|winners?|champions?|victory|victorious|beat|beats|beaten|"
    r"defeat(ed|s)?|triumph(ed|s)?|prevailed|claimed|clinched|captured|crowned|elected|"
    r"lifted|took (the )?(crown|gold|honou?rs?)|gold medal|trophy|trophies|titles?|"
    r"awarded|received|receives|given to|went to|goes to|named|took home|earned|earns|"
    r"laureates?|edged|came (top|first)|finished first|topped|secured|scooped|swept|routed|"
    r"outlasted)\b"
)


# "Who is the CEO of X?" asks for the one in office now: "Eric Schmidt, former CEO of
# Google" holds the role no longer.
_PAST_HOLDER = r"(?:former|ex|then|late|previous|outgoing|erstwhile|onetime)"
ASKS_CURRENT = re.compile(
    r"^(?:(?:and|so|but|then) )?who (?:is|are) (?:the |its |their )?(?:current |present )?"
    rf"(?:(?!{_PAST_HOLDER}\b)[\w'’-]+ ){{0,2}}?(?P<role>{_PERSON_ROLE})\b"
)
# "Ana Lind replaced former CEO Kim Osaka": the former holder is the one replaced.
_SUCCEEDS = re.compile(
    r"\b(?:replac\w*|succeed\w*|(?:took|takes|taking|take) over from|after) (?:\w+ ){0,3}?"
    rf"{_PAST_HOLDER}\b"
)


def names_current_holder(text: str, role: str) -> bool:
    """True unless every mention of the role in the text is a past holder's ("former CEO",
    "ex-president"); true when the text does not name the role at all, or says someone
    replaced or succeeded the former holder."""
    said = fold(strip_markers(text)).replace("-", " ")
    role = role.replace("-", " ")
    if _SUCCEEDS.search(said):
        return True
    mentions = list(re.finditer(rf"\b(?:(\w+) )?(?:\w+ )?{re.escape(role)}s?\b", said))
    return not mentions or any(
        not re.fullmatch(_PAST_HOLDER, m.group(1) or "")
        and not re.search(rf"\b{_PAST_HOLDER} (?:\w+ )?{re.escape(role)}", m.group(0))
        for m in mentions
    )


# "Who is the director of X?" is not answered by "deputy director" or "creative director":
# a lower or narrower post than the one asked about.
_SUBORDINATE = {
    "deputy", "vice", "assistant", "associate", "junior", "creative", "art",
    "artistic", "video", "music", "musical", "casting", "technical",
}  # fmt: skip
_ASKS_ROLE = re.compile(
    r"^(?:(?:and|so|but|then) )?who (?:is|was|are|were|will be|has been|had been|became) "
    r"(?:the |its |their |a |an )?(?:current |new |former |present |next |first |last |"
    rf"incoming |outgoing |interim |acting )?(?P<pre>(?:[\w'’-]+ ){{0,2}}?)"
    rf"(?P<role>{_PERSON_ROLE})\b"
)


def names_role_itself(text: str, question: str) -> bool:
    """For "Who is the <role> of X?": true unless every mention of the role in the text is a
    lower or narrower post ("deputy director", "vice president", "video director"); true
    when the text does not name the role, or the question asks for such a post itself."""
    m = _ASKS_ROLE.search(fold(question).strip())
    if m is None or set(m["pre"].replace("-", " ").split()) & _SUBORDINATE:
        return True
    role = m["role"].replace("-", " ")
    said = fold(strip_markers(text)).replace("-", " ")
    mentions = list(re.finditer(rf"\b(?:(\w+) )?{re.escape(role)}s?\b", said))
    return not mentions or any(x.group(1) not in _SUBORDINATE for x in mentions)


# "What did Lavrov say about ...?": the answer gives the asked speaker's words. A sentence
# that reports no speech ("Rutte met Trump") or another speaker's ("Blinken told reporters
# ...") is no answer; "he said" may be the asked speaker's.
_ASKS_SAID = re.compile(
    # "Which country did Rutte say ...?", "How many troops does Blinken say ...?"
    # "How quickly did the Atlantic Council say ...?"
    r"^(?:(?:and|so|but|then) )?(?:[Ww]hat|[Ww]hich|[Hh]ow (?:many|much|soon|quickly|fast|"
    r"long|far|often|big|large))(?: [a-z-]+){0,3}? "
    r"(?:did|does|do|has|have|had|will|would) "
    # "Lavrov", "Belarus's foreign minister", "the Kremlin"
    r"(?P<who>(?:the )?(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*(?:\s+[a-z]+){0,2}?|"
    # "the foreign minister of Belarus", "the head of the IAEA"
    r"the (?:[a-z-]+ ){1,3}of (?:the )?(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*) "
    # verbs of speech only: "What did Watt add to the engine?" and "What did Apple
    # announce?" ask for a thing, not for words
    r"(?:say|tell|claim|warn|argue|suggest|stress|admit|insist|declare|tweet|predict|"
    r"forecast)\b"
)
# Verbs of speech ("he said", "she warned"); the answerer reads them too
SPEECH = (
    r"(?:said|says|saying|told|tells|stated|states|claimed|claims|warned|warns|wrote|writes|"
    r"announced|announces|argued|argues|added|adds|noted|notes|stressed|insist(?:s|ed)?|urged|"
    r"asserted|assured|declared|remarked|explained|predicted|suggested|promised|admitted|"
    r"tweeted|posted|called|calls|described|describes|accused|accuses|vowed|vows|condemned|"
    r"ruled out|signall?ed|pledged|denied|rejected|dismissed|critici[sz]ed|praised|welcomed|"
    r"proposed|demanded|threatened|questioned|replied|responded|acknowledged|conceded|"
    r"confirmed|emphasi[sz]ed|reiterated|recalled|blamed|according to)"
)
SPEAKS = re.compile(rf"\b{SPEECH}\b|[“”\"‘]")
_SPEAKER = re.compile(
    rf"\b([A-Z][\w'’-]+) (?:(?:also|has|had|then|later|previously|further|once|famously|"
    rf"reportedly|publicly|repeatedly|recently|again|first|openly) ){{0,2}}{SPEECH}\b|"
    # "..., said Lavrov." names a speaker; "said NATO was ..." does not
    r"\bsaid ([A-Z][\w'’-]+)\b(?=(?:\s+[A-Z][\w'’-]+)*\s*(?:[.,;:!?)]|$))|"
    # "Mark Rutte, the new Secretary General of NATO, said ...": a name, then a title
    # between commas (no verb of speech, no quote, no clause of its own), then the verb
    rf"\b([A-Z][\w'’-]+), (?:the |a |an |[A-Z])(?:(?!{SPEECH}\b)[^,;.:“”\"!?]){{0,100}}, "
    rf"(?:also |then |later |again )?{SPEECH}\b|"
    # "The talks, confirmed by NATO spokesperson Farah Dakhlallah, ...": the last word of
    # the name right after "by" and a title ("confirmed by Rutte in Brussels": Rutte)
    r"\b(?:confirmed|announced|stated|reported|revealed|disclosed|told) by "
    r"(?:(?:the |a |an )?(?:[A-Z]{2,}\s)?(?:[a-z][\w-]*\s){0,2})?(?:[A-Z][\w'’.-]*\s){0,3}"
    r"([A-Z][\w'’-]+)\b(?!\s+[A-Z])"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who"}
_PRONOUN_SPEAKS = re.compile(rf"\b(?:he|she|they) (?:also |has |had |then |later )?{SPEECH}\b")


def speakers_of(text: str) -> set[str]:
    """The names reported as speaking in a text ("Lavrov said", "said Lavrov"), folded."""
    found = {fold(g) for x in _SPEAKER.finditer(text) for g in x.groups() if g}
    return found - _PRONOUNS - NO_NAME  # "he said Thursday" names no speaker


def sentence_before(text: str, context: str) -> str:
    """The sentence just before `text` in `context`, or "" when the text is not found there."""
    at = context.find(text[:60])
    if at <= 0:
        return ""
    before = re.split(r"(?<=[.!?”\"])\s+", context[:at].rstrip())
    return before[-1] if before else ""


# "Who confirmed the talks?", "Which official told Reuters ...?": the source of a statement
# ("Who wrote the novel?" asks for an author, not a source; "Who claimed the title?", "Who
# reported record profits?" and "Who warned of a recession?" for a doer: those verbs ask for a
# source only before what was said, "Who warned that ...?")
_ASKS_SOURCE = re.compile(
    # "Who from Trump's transition team confirmed ...?", "Which of his aides said ...?"
    r"^(?:(?:and|so|but|then),? )?(?:who(?: (?:from|at|in|of) (?:[\w'’.-]+ ){1,4}?)?|"
    r"which of (?:[\w'’.-]+ ){1,4}?|which (?:[a-z-]+ ){0,2}(?:official|spokes\w+|"
    r"minister|leader|person|agency|outlet|newspaper|magazine|paper|network|broadcaster))\s*"
    r"(?:(?:first|publicly|also|officially|later|reportedly) )?(?P<verb>(?:confirm|announc|stat|"
    r"reveal|den|disclos|insist|argu|suggest|not|stress)(?:ed|es|s|ied|ies)|said|says|told|tells|"
    r"tweeted|(?:claim|declar|report|predict|warn)(?:ed|s)(?=,? (?:that\b|[\"'“‘])))\b"
)
# Speech that `SPEECH` leaves out, for a statement's source ("unveiled by", "reported by")
_SOURCE_WORDS = re.compile(
    r"\b(?:confirm|announc|report|reveal|disclos|unveil|claim|spokes|spoke|speak|talk|"
    r"caution|forecast)\w*"
)
# Statements whose source only a sentence telling that act names: someone who "said" the
# talks were held did not confirm them
_SOURCE_ACTS = {
    "confirm": re.compile(r"\b(?:confirm|verif|acknowledg)\w*"),
    "den": re.compile(r"\b(?:den(?:y|ies|ied|ial)|reject|dismiss|refut|rebut)\w*"),
}


def reports_the_source(text: str, question: str) -> bool:
    """For "Who said ...?" or "Which official told ...?" (a statement's source), true only if
    the text reports speech: a verb of speech, a quote or a spokesperson ("Rutte met Trump in
    Palm Beach" says nothing of who spoke); for "Who confirmed ...?" and "Who denied ...?" it
    must tell that act. True for other questions."""
    m = _ASKS_SOURCE.search(fold(question).strip())
    if m is None:
        return True
    said = fold(strip_markers(text))
    act = next((p for stem, p in _SOURCE_ACTS.items() if m["verb"].startswith(stem)), None)
    if act is not None:
        return bool(act.search(said))
    return bool(SPEAKS.search(said) or _SOURCE_WORDS.search(said))


# "According to the senior official who spoke to Reuters, what ...?": the words of that source
_ACCORDING = re.compile(
    r"^according to (?P<who>[^,?]{2,80}?), (?=(?:what|which|who|whom|whose|when|where|why|"
    r"how)\b)|"
    # "Which members reached the goal, according to Baerbock?"
    r"^(?=(?:what|which|who|whom|whose|when|where|why|how)\b)[^?]*?, according to "
    r"(?P<who2>[^,?]{2,80}?)\s*\?*$",
    re.IGNORECASE,
)
# Sources whose words others may speak or write: a document or data ("According to the
# article on X", "the indictment", "a new poll"), a body ("the White House", whose spokesman
# speaks for it), or an office ("Ukraine's president", who is named when he speaks)
_SPOKEN_FOR = re.compile(
    r"\b(?:report|article|story|piece|news item|headline|editorial|study|survey|census|data|"
    r"figure|statistic|poll|indictment|statement|document|filing|forecast|estimate|record|"
    r"ruling|complaint|lawsuit|memo|letter|analysis|research|finding|paper|book|website|tally|"
    r"kremlin|pentagon|white house|downing street|ministry|department|government|"
    r"administration|council|agency|commission|committee|office|court|police|army|military|"
    r"authorit(?:y|ies)|embassy|parliament|congress|senate|cabinet|bureau|service|institute|"
    r"organi[sz]ation|union|bank|fund|company|firm|party|campaign|university|hospital|"
    r"cent(?:er|re)|foundation|group|association|network|channel|newspaper|magazine|outlet|"
    r"president|prime minister|minister|chancellor|secretary|spokes(?:person|man|woman)|chief|"
    r"head|leader|king|queen|pope|mayor|governor|premier|ceo|chair(?:man|woman|person)?)s?\b",
    re.IGNORECASE,
)


# An unnamed speaker: "A senior Ukrainian official has told Reuters", "officials said"
_ROLE_SPEAKS = re.compile(
    r"\b(?:officials?|spokes(?:person|man|woman)|sources?|diplomats?|aides?|analysts?|experts?|"
    r"insiders?|advis[eo]rs?|observers?|people familiar)\b(?: [\w'’-]+){0,3}? "
    rf"(?:(?:has|have|had) )?{SPEECH}\b"
)


def quotes_speaker(text: str, question: str, context: str = "") -> bool:
    """For "What did <name> say ...?": true if the text reports speech and the speakers it
    names ("Lavrov said", "said Lavrov") include the asked one (any word of the name), or it
    names none (a pronoun may stand for them: "he said"; with `context`, the text's passage,
    "He warned ..." speaks for the speaker of the sentence before it), or it names the asked
    one and reports a pronoun's speech ("Trump's victory, which he says ..."). For
    "According to <someone>, what ...?", which a sentence without speech may answer, false
    only if the text (or, for a quote that opens it, the sentence before it) names speakers
    and none of them, nor any word of that someone ("Macron said ..." for "According to the
    senior Ukrainian official who spoke to Reuters, ..."); a document, a body or an office
    (`_SPOKEN_FOR`) may speak through others, so it is not held to that. True for other
    questions."""
    m = _ASKS_SAID.search(question.strip())
    if m is None:
        source = _ACCORDING.search(question.strip())
        if source is None:
            return True
        # the source itself, not what a clause says of it ("who spoke to Reuters")
        named = re.split(
            r"\s(?:who|whom|whose|that|which)\s", source["who"] or source["who2"], maxsplit=1
        )[0]
        capitals = [w for w in WORD.findall(named) if w[:1].isupper()]
        if _SPOKEN_FOR.search(named) or (capitals and all(w.isupper() for w in capitals)):
            return True  # a document, a body, an office, or an acronym's ("the FAA")
        if re.fullmatch(r"\s*(?:him|her|them|it)\s*", named, re.IGNORECASE):
            return True  # "According to him, ...": who he is, the turn before told
        said = strip_markers(text)
        speakers = speakers_of(said)
        if not speakers and context and said.lstrip().startswith(("“", '"', "‘")):
            # a quote opening its sentence is the words of the speaker named before it
            said = f"{strip_markers(sentence_before(text, context))} {said}"
            speakers = speakers_of(said)
        who = {fold(re.sub(r"['’]s$", "", w)) for w in WORD.findall(named)}
        # a nationality tells no source apart ("Ukrainians" is no Ukrainian official)
        words = {w for w in who - NO_NAME - FUNCTION_WORDS if not is_country_adjective(w)}
        folded = fold(said)
        return not speakers or bool(speakers & words) or any(key_present(w, folded) for w in words)
    clean = strip_markers(text)
    if not SPEAKS.search(clean):
        return False
    names = {fold(re.sub(r"['’]s$", "", w)) for w in m["who"].split()} - NO_NAME
    speakers = speakers_of(clean)
    if not speakers and _PRONOUN_SPEAKS.search(fold(clean)) and context:
        # "He warned ..." after "Rutte emphasized ...": he is Rutte
        before = strip_markers(sentence_before(text, context))
        speakers = speakers_of(before)
        if not speakers or speakers & names:
            return True
        # Asked by a role ("Belarus's foreign minister"), the role's own name must be in the
        # text, or in the sentence that names the speaker ("Russian Foreign Minister Sergei
        # Lavrov blamed ...": not Belarus's); its title words alone ("foreign ministers
        # met") show nothing.
        proper = names - TITLE_WORDS - {fold(w) for w in m["who"].split() if w[:1].islower()}
        if (proper or names) & {fold(w) for w in WORD.findall(clean)}:
            return True
        return bool(proper) and all(named_in(n, fold(before)) for n in proper)
    if not speakers and _ROLE_SPEAKS.search(clean):
        # "A senior Ukrainian official has told Reuters ...": someone unnamed speaks, not
        # Zelensky; unless the asked one is named there too ("Zelensky's spokesman said")
        return any(re.search(rf"\b{re.escape(n)}\b", fold(clean)) for n in names)
    if not speakers or speakers & names:
        return True
    # "Rutte described ... before meeting Macron": Rutte speaks, not Macron; but in "Foreign
    # Policy wrote: Trump's victory, which he says will end the war" Trump speaks too.
    named = any(re.search(rf"\b{re.escape(n)}\b", fold(clean)) for n in names)
    return named and bool(_PRONOUN_SPEAKS.search(clean))


# "What did Putin say about Finland joining NATO?", "How did Blinken describe the ties
# between Beijing and Moscow?", "What does X think of Y?": the words asked about (Y).
ASKS_ABOUT = re.compile(
    r"\b(?:say|said|says|tell|told|think|thinks|thought|write|wrote|writes|warn|warned|claim|"
    r"claimed|comment|commented|remark|remarked|speak|spoke|feel|felt|argue|argued)\b"
    # "What did Lavrov say in Almaty about ...?": where, then the topic
    r"(?: [a-z]+)?(?: (?:in|at|during) [\w'’-]+(?: [\w'’-]+)?)? (?:about|of|on|regarding|"
    r"concerning) (?P<topic>[^?]+)|"
    r"^(?:(?:and|so|but|then) )?how (?:did|does|do|has|have|had|would|will) "
    r"(?P<by>(?:[\w'’.-]+ ){1,4}?)(?:describe|characteri[sz]e|portray|view|see|assess) "
    r"(?P<topic2>[^?]+)",
    re.IGNORECASE,
)
# "How did the Kremlin respond to ...?": the one who responds (X).
ASKS_RESPONSE = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:how (?:did|does|do|has|have|had|would|will) "
    r"(?P<who>(?:[\w'’.-]+ ){1,6}?)(?:respond|react|reply|answer)(?:ed)? (?P<link>to|when|"
    r"after)\b|"
    # "Tell me how North Korea reacted to ...": the same, asked as a request
    r"(?:tell me|tell us|explain|describe) how (?P<who5>(?:[\w'’.-]+ ){1,6}?)(?:responded|"
    r"reacted|replied|answered) (?P<link2>to|when|after)\b|"
    # "What did Iran say in response to X?", "What did Zelensky think of X?", "What was
    # China's reaction to X?"
    r"what (?:did|does|do|has|have|had) (?P<who2>(?:[\w'’.-]+ ){1,4}?)(?:say|said) in "
    r"(?:response|reply|reaction) to\b|"
    r"what (?:did|does|do) (?P<who3>(?:[\w'’.-]+ ){1,4}?)think (?:of|about)\b|"
    r"what (?:was|is|were) (?P<who4>(?:[\w'’.-]+ ){1,4}?)(?:['’]s? )?(?:response|reaction|"
    r"reply|answer) to\b)(?P<to>[^?]*)",
    re.IGNORECASE,
)


def response_asked(question: str) -> tuple[str, str] | None:
    """For "How did X react to Y?" and its other forms, (X, Y) as written; else None. Y is
    empty for "How did X react when (after) ...?": the clause dates the reaction."""
    m = ASKS_RESPONSE.search(question)
    if m is None:
        return None
    who = m["who"] or m["who2"] or m["who3"] or m["who4"] or m["who5"] or ""
    return who, "" if (m["link"] or m["link2"]) in ("when", "after") else m["to"]


REACTS = re.compile(
    r"\b(?:respon\w+|react\w*|retaliat\w*|counter\w*|hit back|in turn|answer\w*|"
    r"protest\w*|summon\w*|expel\w*|sanction\w*|welcom\w+|reject\w*|backed|opposed|"
    r"ignor\w*|dismiss\w*|refus\w*|denounc\w*|condemn\w*|criticis\w*|criticiz\w*|"
    r"slam\w*|deni\w*|accept\w*|prais\w*|vow\w*|threat\w*|mobili[sz]\w*|sent|ordered)\b"
)


def capitalised_names(words: str) -> list[str]:
    """The capitalised words of a stretch of a question, folded, possessives dropped."""
    found = []
    for w in WORD.findall(words):
        low = fold(re.sub(r"['’]s$", "", w))
        if w[:1].isupper() and low not in NO_NAME:
            found.append(low)
    return found


def named_in(name: str, folded_text: str) -> bool:
    """True if the folded text holds the name, or its stem ("Korean" for "Korea", and
    "Korea" for "Korean"), or the same country by another form ("Russian" for "Russia")."""
    if key_present(name, folded_text):
        return True
    if len(name) >= 5 and key_present(name[:-1], folded_text):
        return True
    countries = countries_in(name, name)
    if name in CAPITALS:  # "Moscow" is named by "Russia"
        countries = {CAPITALS[name]}
    if not countries:
        return False
    said = countries_in(folded_text, folded_text) | capitals_named(folded_text)
    return bool(countries & said)  # "Beijing" names China


# Capitals (and the Kremlin) that stand for their country ("Washington would step up ...")
CAPITALS = {
    "washington": "united states", "moscow": "russia", "kremlin": "russia", "beijing": "china",
    "kyiv": "ukraine", "kiev": "ukraine", "pyongyang": "north korea", "tehran": "iran",
    "london": "united kingdom", "paris": "france", "berlin": "germany", "tokyo": "japan",
    "seoul": "south korea", "ankara": "turkey", "minsk": "belarus", "brussels": "belgium",
    "warsaw": "poland", "skopje": "north macedonia",
}  # fmt: skip
_CAPITAL_NAME = re.compile(r"\b(" + "|".join(c.title() for c in CAPITALS) + r")\b")
_CAPITAL_WORD = re.compile(r"\b(" + "|".join(CAPITALS) + r")\b")


def capitals_named(folded_text: str) -> set[str]:
    """The countries whose capitals (or the Kremlin) a folded text names: {"china"} for
    "talks in beijing"."""
    return {CAPITALS[c] for c in _CAPITAL_WORD.findall(folded_text)}


def with_countries(question: str) -> str:
    """The question with capitals that stand for their country named as the country
    ("Pyongyang's help to Moscow" -> "North Korea's help to Russia"), as news writes both."""
    return _CAPITAL_NAME.sub(lambda m: CAPITALS[m.group(1).lower()].title(), question)


# Capitalised words of titles and offices, which an article may write another way
TITLE_WORDS = {
    "president", "elect", "minister", "prime", "foreign", "affairs", "defence", "defense",
    "secretary", "general", "state", "chancellor", "chief", "spokesperson", "ambassador",
    "senior", "fellow", "deputy", "director", "head", "leader", "first", "lady", "king",
    "queen", "pope",
}  # fmt: skip


# "Which British sculptor ...?", "Which Member of Parliament ...?": names that describe the
# answer, not the premise
_WH_PHRASE = re.compile(
    r"\b(?:[Ww]hich|[Ww]hat|[Ww]hose) (?:of the )?(?:[A-Z][\w'’&.-]*(?: of)? )+"
)


def names_missing(question: str, document: str) -> list[str]:
    """The question's names that the document (its title and text) never gives, by the last
    word of each run of capitalised words inside the question ("Palm Beach", "European Policy
    Forum", "Nikol Pashinyan"), leaving out acronyms, titles ("Secretary General") and the
    words right after "which" that describe the answer ("Which British sculptor ...?"). A
    capital counts as its country ("Washington"), except as a place ("in Paris"); so do a
    stem, another form of a country ("Korean" for "Korea"), a shared first six letters
    ("Frenchmen", "French") and a misspelling by one letter."""
    folded = fold(document)
    # "Which British sculptor ...?": the words that describe the answer are no premise
    asked = _WH_PHRASE.sub(" ", strip_markers(question))
    # "the Rutte-Trump talks" names two people; other hyphens join one word's parts
    asked = re.sub(r"(?<=[a-z])[-–/](?=[A-Z])", " and ", asked)
    words = re.findall(r"\w[\w'’.]*", re.sub(r"[-–/]", " ", asked))
    runs: list[list[str]] = []
    run: list[str] = []
    places: set[int] = set()  # runs that say where: "in Paris", "at ... in Washington"
    for i, raw in enumerate(words):
        w = re.sub(r"['’]s$", "", raw).strip(".'’")
        low = fold(w)
        name = (
            i > 0
            and w[:1].isupper()
            and not w.isupper()
            and low not in NO_NAME
            and low not in TITLE_WORDS
            and low not in _HONORIFICS
        )
        if name:
            if not run and i > 0 and words[i - 1] in ("in", "at", "near", "outside"):
                places.add(len(runs))
            run.append(low)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    missing = []
    for n, r in enumerate(runs):
        last = r[-1]
        if len(r) == 1 and last in _REGION_ADJECTIVES:
            continue  # "Which of the Nordic countries ...?" describes, names nothing
        if last in CAPITALS and n in places:
            # "met in Paris": the city itself, which "France" does not place anything in
            if not re.search(rf"\b{last}\b", folded):
                missing.append(last)
            continue
        if last in CAPITALS and CAPITALS[last] in countries_in(document, folded):
            continue
        # a body's name counts as a whole: "Shanghai Cooperation Organisation" is not
        # named by "Collective Security Treaty Organization"
        # a body's name counts by most of its words, its last among them ("UN Security
        # Council" for "United Nations Security Council") or its initials ("NFL")
        if len(r) > 1 and _BODY.fullmatch(last):
            initials = "".join(w[0] for w in r if w not in FUNCTION_WORDS)
            held = sum(_named_somehow(w, folded) for w in r)
            if not (
                (_named_somehow(last, folded) and 2 * held >= len(r))
                or re.search(rf"\b{initials}\b", folded)
            ):
                missing.append(" ".join(r))
        elif not _named_somehow(last, folded):
            missing.append(" ".join(r))
    return missing + _acronyms_missing(asked, document, folded) + _media_missing(asked, document)


# "Time magazine", "The Sun newspaper": a title made of a common word
_MEDIA = re.compile(
    r"\b(?P<title>(?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]+) (?:magazine|newspaper|daily|weekly|"
    r"news agency|broadcaster|channel|network|tabloid)\b"
)


def _media_missing(asked: str, document: str) -> list[str]:
    """The titles of papers and magazines made of common words that the document never
    writes as a title: "Time magazine" ("time" names it for the check above) written only
    in lower case or at the start of a sentence, "Foreign Affairs magazine" not written
    whole ("Foreign Affairs Minister" is no magazine, nor "foreign policy magazine")."""
    missing = []
    for m in _MEDIA.finditer(asked):
        title = re.sub(r"^(?:The|A|An|What|Which|Did|Does|How|Why|When|Where|Who) ", "", m["title"])
        if fold(title) in FUNCTION_WORDS:
            continue
        if " " in title:
            if not re.search(rf"\b{re.escape(title)}\b(?! (?:[A-Z]|minister|ministry))", document):
                missing.append(title)
        elif (
            re.search(rf"\b{title.lower()}\b", document)
            and not re.search(rf"(?<=[\w,:;“\"(] ){title}\b|\b{title.upper()}\b", document)
            # at a sentence's start, as a title by what follows: "Time named Swift ..."
            and not re.search(
                rf"{title} (?:[a-z]+ed|said|says|wrote|writes|reports|magazine)\b", document
            )
        ):
            missing.append(title)
    return missing


# Initials any text may write out otherwise ("US" for "American"), and Roman numerals
_PLAIN_ACRONYMS = frozenset({"us", "usa", "uk", "eu", "un", "ceo", "tv", "gdp", "ad", "bc", "ok"})
# An acronym as whom someone spoke to or whose report it was: "tell the BBC", "according
# to the AP" (elsewhere a question may write initials its document spells out elsewhere)
_ACRONYM = re.compile(
    r"\b(?:tell|told|tells|telling|according to|reported by|interview with|quoted by|"
    r"speaking to|spoke to|said to|talking to|talked to) (?:the )?([A-Z][A-Z&]{1,5})s?(?![\w-])"
)
_ROMAN = re.compile(r"[IVXLC]+")
# A run of capitalised words, with the small words a name keeps inside ("Bank of England")
_CAPITAL_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|on|de)\s+)*[A-Z][\w’'-]*)*")


def _acronyms_missing(asked: str, document: str, folded: str) -> list[str]:
    """The question's acronyms ("BBC", "IAEA") that the document writes neither as they are
    nor by the initials of a name ("British Broadcasting Corporation"); not the common ones
    ("US") or Roman numerals."""
    wanted = {
        m[1].lower()
        for m in _ACRONYM.finditer(asked)
        if not _ROMAN.fullmatch(m[1]) and m[1].lower() not in _PLAIN_ACRONYMS
    }
    if not wanted:
        return []
    initials: set[str] = set()
    for run in _CAPITAL_RUN.findall(document):
        # "Agence France-Presse": each part of a hyphened word; "The New York Times" with
        # and without its "The"
        words = [w for w in re.split(r"[\s-]+", run) if w[:1].isupper()]
        initials.add("".join(w[0] for w in words).lower())
        if words and words[0] == "The":
            initials.add("".join(w[0] for w in words[1:]).lower())
    return sorted(
        a
        for a in wanted
        if not re.search(rf"(?<!\w){re.escape(a)}(?!\w)", folded) and a not in initials
    )


# The last word of a body's name, whose other words tell it apart
_BODY = re.compile(
    r"organi[sz]ation|council|forum|party|union|alliance|treaty|committee|assembly|agency|"
    r"institute|ministry|initiative|conference|association|commission|court|parliament|"
    r"congress|federation|league|bloc|pact|bank|fund|group"
)


def _named_somehow(word: str, folded: str) -> bool:
    """True if a folded document names the word, another form of it (`named_in`), a word
    sharing its first six letters ("Frenchman" for "Frenchmen") or a misspelling by one
    letter ("Kllbrandon" for "Kilbrandon")."""
    if named_in(word, folded):
        return True
    if len(word) >= 7 and re.search(rf"\b{re.escape(word[:6])}", folded):
        return True
    return len(word) >= 6 and misspelt(word, folded)


def misspelt(word: str, folded: str) -> bool:
    """True if a folded text has the word with one letter changed, added or dropped
    ("celoron" for "celeron")."""
    return any(_one_edit(word, w) for w in set(WORD.findall(folded)))


def _one_edit(a: str, b: str) -> bool:
    """True if `b` is `a` with one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def names_another_person(text: str, question: str) -> bool:
    """True if the text names someone the question does not: a capitalised word that is no
    place ("in Brussels"), country, nationality, capital, title, acronym or common word."""
    asked = fold(question)
    clean = _unplaced(strip_markers(text))
    for m in re.finditer(r"[A-Z][\w'’-]*", clean):
        w = re.sub(r"['’]s$", "", m.group())
        low = fold(w)
        first = not clean[: m.start()].strip() or re.search(r"[.!?]\s*$", clean[: m.start()])
        if first and re.search(r"(?:ed|ing|s)$", low):
            continue  # "Allied leaders", "Meeting Rutte", "Lawmakers": a common word
        if (
            low in NO_NAME
            or low in TITLE_WORDS
            or low in ROLE_WORDS
            or low in _NOT_PERSON
            or low in _REGIONS
            or w.isupper()
            or is_country_name(w)
            or is_country_adjective(low)
            or low in CAPITALS
            or named_in(low, asked)
        ):
            continue
        return True
    return False
