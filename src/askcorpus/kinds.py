"""The kind of answer a question asks for (a date, an amount, a country, ...) and whether a text
gives one; acronyms and article dates, which are answered exactly."""

from __future__ import annotations

import datetime
import re

from askcorpus.cite import strip_markers
from askcorpus.gazetteer import (
    CANONICAL,
    COUNTRY,
    REGIONS,
    countries_in,
    display_name,
    is_country_adjective,
)
from askcorpus.names import (
    ASKS_ESTATE,
    ASKS_TOWN,
    ASKS_VENUE,
    ASKS_WITHIN,
    names_a_spot,
    names_a_town,
    names_a_venue,
    names_some_place,
)
from askcorpus.words import (
    MONTH_ABBR,
    MONTH_RE,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    WEEKDAYS,
    WORD,
    fold,
)

# "How much of their GDP ...?", "How much of that total ...?" ask for a share, not an amount
# of money.
_SHARE_OF = (
    r"how much of (?:the |their |its |his |her |our |a |that |this )?(?:[\w-]+ )?(?:gdp|"
    r"budgets?|income|output|economy|vote|votes|population|market|revenues?|earnings|salary|"
    r"wealth|land|territory|workforce|electorate|total|sum|spending|expenditures?)\b"
)
# What kind of answer a question asks for, and how to recognise one in text.
_PROVISION = r"(?:article|section|clause|amendment|chapter|paragraph|provision)"
# "June 21", "21 June", "September 20th", "19th of October", "Sep. 13", "6/19/2020",
# "16.12.2022"
_CALENDAR_DATE = (
    rf"\b({MONTH_RE}|{MONTH_ABBR})\.? \d{{1,2}}(st|nd|rd|th)?\b|"
    rf"\b\d{{1,2}}(st|nd|rd|th)? (of )?({MONTH_RE}|{MONTH_ABBR})\b|"
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/(\d\d|\d{4})\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
)
# "Which European NATO ally (member) ...?": a country
_ALLIES = (
    r"\b(which|what) (?:(?:nato|eu|european|western|eastern|baltic|nordic|asian|gulf|arab|"
    r"african|pacific|atlantic|asean|g7|g20|other|fellow) ){1,3}(?:all(y|ies)|members?)\b(?!['’])"
)

_ANSWER_TYPES: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        # "Which article of NATO's founding treaty ...?": "Article 5", "the Fifth Amendment"
        "provision",
        re.compile(
            rf"\bwhich {_PROVISION}s? (?:of|in|under) [^?]{{0,40}}?\b(?:treaty|charter|"
            r"constitution|convention|law|act|code|agreement|pact|statute|bill)\b"
        ),
        re.compile(
            rf"\b{_PROVISION}s? (?:\d+|[ivxlc]+\b|({NUMBER_WORDS})\b)|"
            rf"\b(?:{ORDINALS}|\d+(?:st|nd|rd|th)) {_PROVISION}"
        ),
    ),
    (
        # "On which day of the month ...?": "on the 3rd", "June 21", "the twentieth"
        "monthday",
        re.compile(r"\bday of the month\b"),
        re.compile(
            rf"\b\d{{1,2}}(st|nd|rd|th)\b|\b({MONTH_RE}) \d{{1,2}}\b|\b\d{{1,2}} ({MONTH_RE})\b|"
            rf"\b\d{{4}}-\d\d-\d\d\b|\bthe ({ORDINALS})\b|\b(twenty|thirty)-({ORDINALS})\b"
        ),
    ),
    (
        # "At what time of day ...?": a clock time or a part of the day
        "clock",
        # "At what time did the meeting begin?" too: a day ("on Friday") is no time of day;
        # not "At what time did the Normans conquer England?", an era
        re.compile(
            r"\b(what|which) time of (the )?day\b|^what time (is|was|did|does|will)\b|"
            r"^(?:(?:and|so|but|then) )?(?:at|by|from|until|till|since) what time "
            r"(?:did|does|do|will|would|should|can|could)\b[^?]*\b(?:begin|start|end|finish|"
            r"open|close|arrive|land|leave|depart|take place|kick off|get under ?way|conclude|"
            r"adjourn|wrap up)\b"
        ),
        re.compile(
            r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2} ?(a\.m\.|p\.m\.|am|pm)(?!\w)|"
            r"\b(noon|midday|midnight|dawn|dusk|morning|afternoon|evening|night|o'clock)\b"
        ),
    ),
    (
        "weekday",
        re.compile(r"\b(day of the week|which weekday|what weekday|which day|what day)\b"),
        re.compile(rf"\b({'|'.join(WEEKDAYS)})\b"),
    ),
    (
        # "On what exact day ...?": a day, by date, weekday or name ("Christmas Day", "on the
        # 3rd"), not "next week"; "what specific day-to-day duties" asks no day
        "day",
        re.compile(r"\b(what|which) (exact|precise|specific|particular) day\b(?!-)"),
        re.compile(
            rf"{_CALENDAR_DATE}|\b({'|'.join(WEEKDAYS)})\b|\bthe \d{{1,2}}(st|nd|rd|th)\b|"
            r"\b(christmas|new year['’]s|boxing|easter|independence|victory|labou?r|memorial|"
            r"armistice|remembrance|thanksgiving|election|inauguration|national) day\b|"
            r"\b(yesterday|today|tomorrow)\b"
        ),
    ),
    (
        # "On what dates ...?", "Between what dates ...?": days, months or years ("November
        # 2006 and May 2008"), not "next week"
        "dates",
        re.compile(
            r"\b(what|which) (calendar |exact |precise |specific |particular )?dates\b|"
            # "On which days in July ...?": days of the month, not "next week"
            rf"\b(what|which) days? (?:in|of) (?:{MONTH_RE})\b"
        ),
        re.compile(
            rf"{_CALENDAR_DATE}|\b({MONTH_RE}|{'|'.join(WEEKDAYS)})\b|"
            r"\bthe \d{1,2}(?:st|nd|rd|th)\b|"
            r"(?<![\d.,])\b(1\d|20)\d\d\b(?![.,]\d)"
        ),
    ),
    (
        # "On what date ...?", "What is the release date of ...?", "What was the date of ...?"
        "date",
        re.compile(
            r"\b(what|which) (calendar |exact |precise |specific |particular )?date\b|"
            r"\bon what date\b|"
            r"\b(what|which) (is|was|are|were|will be) (the|its|their) (?:[\w-]+ ){0,2}?dates?\b"
        ),
        re.compile(_CALENDAR_DATE),
    ),
    (
        "year",
        re.compile(r"\b(what|which|in what|in which) year\b"),
        # 1000-2099, not a grouped count ("1,200"): "In 1237 Batu Khan ...", "Jochi (1185-1226)"
        re.compile(r"(?<![\d.,])\b(1\d|20)\d\d\b(?![.,]\d)"),
    ),
    ("month", re.compile(r"\b(what|which) month\b"), re.compile(rf"\b({MONTH_RE})\b")),
    (
        # "What was the total defence spending?", "How much did it cost?": an amount of money,
        # not a share ("two percent of GDP") or a count; a bare "40m" may be metres
        "money",
        re.compile(
            rf"\b(?!{_SHARE_OF})how much (?:[\w-]+ )?(money|cash|funding|funds|aid|assistance)\b|"
            r"\bin (us )?(dollars|euros)\b|"
            # "By how many euros did Germany raise it?": a sum, not any number
            r"\bhow many (?:(?:thousand|million|billion|trillion)s?(?: of)? )?(?:us |u\.s\. |"
            r"american )?(dollars|euros|yen|yuan|rubles|roubles)\b|"
            rf"\b(?!{_SHARE_OF})how much (?:[\w'’-]+ ){{0,6}}?(spend|spent|cost|costs|pay|paid|"
            r"raise|raised|earn|"
            r"earned|invest|invested)\b|"
            r"\bwhat (is|was|are|were|will be) the (total|combined|overall) (?:[\w-]+ ){0,3}?"
            r"(spending|expenditure|cost|costs|budget|revenue|price|debt|income|value)\b|"
            # "What was Tesla's revenue in Q1?", "What is the price of ...?"
            r"\bwhat (?:is|was|are|were|will be) (?:the |its |their |his |her |[\w.&'’-]+['’]s? )"
            r"(?:[\w-]+ ){0,2}?(revenues?|profits?|earnings|net income|prices?|budget|salary|"
            r"valuation|market value|net worth|bail|ransom|prize money|wage)\b"
            r"(?! (growth|margins?|increase|rise|change|date|forecast|guidance|per share)\b)"
        ),
        re.compile(
            r"[$€£¥₽₹₩]|\b(dollars?|euros?|pounds|yen|yuan|rubles?|roubles?|francs?|rupees?|usd|"
            r"eur|gbp|chf|cents|pence|reais|zlotys?|naira|rs)\b|\b(million|billion|trillion|bn)\b|"
            r"\b\d+(?:[.,]\d+)*\s?bn\b"
        ),
    ),
    (
        # "How long has she served?", "How long is the border?": a span of time or a length,
        # not just any number ("June 21, 2024" is no answer); "how long ago" asks when.
        "duration",
        re.compile(r"\bhow long\b(?! ago\b)"),
        # A quantity of a unit ("48 hours", "two full days", "1.2km"), not a unit alone ("his
        # third year"); "for years", "since 2004", "1939-1945".
        re.compile(
            rf"(?:\d|\b(?:a|an|{NUMBER_WORDS}|several|few|many|couple of|dozens of|hundreds of))"
            r"[\s-]*(?:[a-z]+ )?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|"
            r"months?|years?|decades?|centur(?:y|ies)|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|"
            r"feet|foot|ft|inch(?:es)?|yards?)\b|\d ?m\b|\bfortnight\b|\blifetime\b|"
            r"\b(?:for|over|within|in) (?:the )?(?:past |last |next )?(?:several |many |a few )?"
            r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b|"
            # "since 2004", "since June", "since he took office"; not "since its leader
            # announced ..." (because)
            rf"\bsince (?:\d|the |then\b|last |early |late |at least |before |after |{MONTH_RE}|"
            r"(?:his|her|their|its) (?:election|appointment|arrival|founding|creation|inception|"
            r"launch|start|birth|childhood|youth|debut|return|first)|"
            r"(?:he|she|they|it|we|i) (?:became|took|joined|was|were|started|began|first|came|"
            r"arrived|moved|left|won|got))|\bever since\b|"
            r"\bas long as (necessary|needed|it takes|required)\b|\bindefinitely\b|"
            r"\bfor life\b|\bovernight\b|\b(1\d|20)\d\d ?[-–] ?(1\d|20)?\d\d\b(?![-–]?\d)|"
            # "a centuries-old tradition", "a decades-long dispute"
            r"\b(?:centuries|decades|years|months|weeks|days)[- ](?:old|long)\b"
        ),
    ),
    (
        # "What percentage of GDP ...?", "What share of the vote ...?": a share, not a count
        "percent",
        # "..., as a percentage of GDP, ...?", "By what percentage did it rise?"
        re.compile(
            r"\b(?:what|which) (?:new |higher |lower |minimum |maximum |target |exact |precise |"
            r"specific |approximate )?(percentage|percent|share|proportion|fraction)\b|"
            r"\bhow many percent\b|"
            # "What new defense spending percentage did ...?"
            r"\b(?:what|which) (?:[\w-]+ ){1,3}?percentage\b|"
            r"\bas an? (percentage|percent|share|proportion|fraction) of\b|"
            rf"\b{_SHARE_OF}"
        ),
        re.compile(
            r"%|\bper ?cent(age)?\b|\d ?(pc|pct)\b|\b(half|halves|thirds?|quarters?|fifths?|"
            r"tenths?|majority|minority)\b|\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|"
            r"ten) (in|out of) (every )?(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|"
            r"twenty|hundred)\b(?![\d,.])|\bratio\b"
        ),
    ),
    (
        # "How old is Rutte?": someone's age ("57", "turned 39", "aged 41", "26 years old",
        # "the 13-year-old", "born in 1967"), which a date of some event does not give; not
        # "How old are the fossils?" (an age in years, left to the number kind)
        "age",
        re.compile(
            r"\bhow old (?:is|was|are|were|will be) (?!(?:the|some|these|those|this|that|it|"
            r"they|a|an|its|their|his|her|one|each|most|many|all)\b)"
        ),
        re.compile(
            rf"\b(?:\d{{1,3}}|{NUMBER_WORDS})[- ](?:years?|months?)[- ]old\b|"
            r"\b(?:years?|months?)[- ]old\b|\baged? (?:of )?\d{1,3}\b|"
            r"\bturn(?:ed|s|ing)? \d{1,3}\b|\bnow \d{1,3}\b|\b\d{1,3} years? of age\b|"
            r"\bat (?:the age of )?\d{2}\b(?! ?(?:%|percent|[ap]\.?m\b|:|o'clock))|"
            # "How old is NATO?": "founded in 1949"
            r"\b(?:founded|established|created|formed|built)\b|"
            # "(Manning was 39, Newton was 26)"
            r"\b(?:is|was|are|were) \d{1,3}(?=[,;)]|\.(?!\d)| (?:when|and|at|in|on)\b)|"
            r"\b\d{1,3}(?:st|nd|rd|th) birthday\b|\bborn\b|, \d{1,3},|\(\d{1,3}\)|"
            r"\b(?:his|her|their) (?:early |late |mid-?)?(?:teens|twenties|thirties|forties|"
            r"fifties|sixties|seventies|eighties|nineties|\d0s)\b"
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow (many|much|long|old|far|often)\b|\bby (?:what|how (?:big|large|wide|"
            r"narrow)(?: a)?) (?:margin|majority)\b|\bwhat (percentage|share|"
            r"proportion|number|amount|sum|fraction)\b|"
            # "What figure did Stoltenberg give for the target?"
            r"\bwhat (?:\w+ )?figures? (?:did|does|do|has|have|had|will|would|was|is|were|are)\b|"
            # "Give me the number of troops ...", "What was the number of ...?"
            r"\b(?:give|tell|show) (?:me |us )?the (?:total |overall )?(?:number|count|amount) "
            r"of\b|^(?:name|state) the (?:total )?number of\b|"
            r"\bwhat (?:is|was|are|were|will be) the number of\b|"
            # "How large is Germany's defence budget?": a size, not that it should rise
            r"\bhow (?:large|big|high|small|low) (?:is|was|are|were|will be) (?:the |its |"
            r"their |his |her |[\w.&'’-]+['’]s? )(?:[\w-]+ ){0,2}?(budgets?|spending|"
            r"expenditures?|army|armies|force|forces|population|economy|debt|deficit|share|"
            r"stake|contribution|fund|funding|aid|package|stockpile|arsenal|salary|cost|price|"
            r"turnout|majority)\b|"
            # "What level of defence spending ...?": a figure, not "more" or "fair"
            r"\bwhat (?:level|levels|rate) of (?:[\w-]+ ){0,2}?(spending|expenditure|funding|"
            r"investment|debt|inflation|unemployment|tariffs?|taxe?s?|taxation|interest)\b|"
            # "What new defence spending target ...?": a figure too
            r"\bwhat (?:(?:new|proposed|minimum|higher|lower|annual|defen[cs]e|military|"
            r"health|public|education|social|research|specific|exact|precise|concrete) )*"
            r"(?:spending|expenditure|budget|"
            r"funding|investment) (?:target|goal|benchmark|threshold|floor|ceiling|cap)s?\b|"
            r"\bwhat (is|was|are|were|will be) the (total|combined|overall) (?:[\w-]+ ){0,3}?"
            r"(spending|expenditure|cost|costs|number|amount|budget|value|population|revenue|"
            r"sum|figure|price|debt|income|count|size|output)\b"
        ),
        # "a two-way street", "one-sided", "a one-off" hold no count ("two-week" and
        # "two-thirds" do); "hundreds", "several types"; "for as long as necessary" and "known
        # in seconds" answer "how long"
        re.compile(
            rf"\d|\b({NUMBER_WORDS})s?\b(?!-(?:way|sided|off)\b)|\bseveral\b|"
            r"\bas long as (necessary|needed|it takes|required)\b|\bindefinitely\b|"
            r"\b(in|within|for|over) (a few |several )?(seconds|minutes|hours|days|weeks|months|"
            r"years|decades|centuries)\b"
        ),
    ),
    (
        # "Why had Sweden not joined?": a cause or a purpose, not a sentence that only
        # restates the event ("Sweden is expected to join").
        "reason",
        re.compile(r"^(?:(?:and|so|but|then) )?why\b"),
        re.compile(
            r"\b(because|since|due to|owing to|thanks to|as a result|results? (in|from)|"
            r"resulted (in|from)|reasons?|caus(e|es|ed|ing)|after|amid|following|in order|"
            r"so that|so as to|for fear|concerns?|concerned|fears?|feared|worr(y|ies|ied)|"
            r"given that|led to|leads? to|prompt(s|ed|ing)?|blam(e|es|ed|ing)|explain(s|ed)?|"
            r"citing|motivat\w*|aim(s|ed)? (to|at)|in an effort|seek(s|ing)? to|sought to|"
            r"in response|response to|therefore|thus|hence|accus(e|es|ed|ing)|protest\w*|"
            r"over|for|as|when|saying|in the wake of|in a dispute|"
            r"to (protect|avoid|prevent|ensure|help|reduce|stop|limit|save|keep|deter|counter|"
            r"address|boost|curb|support|allow|enable|make|raise|meet|win|gain|end))\b"
        ),
    ),
    (
        # "What nationality is the spokesperson?": a nationality ("Lebanese"), which a list of
        # countries the sentence speaks of does not give
        "nationality",
        re.compile(r"\b(?:what|which) nationality\b|\bnationality (?:is|was|are|were|of)\b"),
        COUNTRY,  # checked by `is_country_adjective`
    ),
    (
        "country",
        # "which other country", "which Central Asian country"; not "which country singer"
        re.compile(
            r"\b(which|what) (?!(?:group|bloc|set|pair|kind|type|sort|coalition|club)s? of\b)"
            r"(?:(?!is\b|was\b|did\b|does\b)[a-z-]+ ){0,2}?"
            r"(country|countries|nation|nations|member states?)\b"
            r"(?!['’]?s? (music|singer|star|song|band|artist|club|house|road|side|estate)\b)|"
            # "Which European NATO ally ...?" (but "Which of Trump's allies?" asks for people)
            + _ALLIES
        ),
        COUNTRY,  # checked by `countries_in`, which knows names from adjectives
    ),
    (
        "time",
        # "When did ...?", not "When the vote was held, who objected?"
        re.compile(
            r"^(?:(?:and|so|but|then) )?when\b(?![^?]*,\s*(who|what|which|where|how|why)\b)"
        ),
        # a year or decade, a century, a month ("may" only as a date), a weekday, a season, a
        # day word, a clock time, "two weeks", "a week later", "last year", "ago", an ISO date
        re.compile(
            rf"\b(1\d{{3}}|20\d\d)s?\b|\b\d0s\b|\bcentur(y|ies)\b|\b\d+ (ad|bc|bce|ce)\b|"
            rf"\b({'|'.join(m for m in sorted(MONTHS) if m != 'may')})\b|"
            r"\bmay \d|\b(in|on|since|until|by|of|early|late|mid|last|next|this) may\b|"
            rf"\b({'|'.join(WEEKDAYS)})\b|\b(spring|summer|autumn|winter)\b|\bthe fall\b|"
            r"\b(yesterday|today|tonight|tomorrow|ago|overnight|world war)\b|"
            r"\b(last|next|this|that|the same|the following|the previous) "
            r"(week|weekend|month|year|day|morning|afternoon|evening|night)\b|"
            rf"\b(\d+|a|an|{NUMBER_WORDS}) (minutes?|hours?|days?|weeks?|months?|years?|decades?)"
            r"( later| earlier| ago| before| after)?\b|"
            r"\b\d{1,2}(:\d\d)? ?(a\.m\.|p\.m\.|am|pm)(?!\w)|\b\d{4}-\d\d-\d\d\b"
        ),
    ),
]


_ASKS_EXPANSION = re.compile(
    r"(?i:\b(stands? for|abbreviat(?:ion|ed|es)|acronym|short for|spelled out)\b)|"
    # "the full name of CSTO", not "the full name of NATO's chief"
    r"\bfull (?:name|form) of (?:the )?(?=[A-Z][A-Z0-9&]{1,9}\b(?!['’]))"
)
_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9&]{1,9})s?\b")


def asked_acronym(question: str) -> str | None:
    """The acronym a question asks to spell out ("What does CSTO stand for?"), if any: one
    acronym, at most four words from the asking phrase."""
    ask = _ASKS_EXPANSION.search(question)
    if ask is None:
        return None
    found = list(
        dict.fromkeys(
            m.group(1)
            for m in _ACRONYM.finditer(question)
            if sum(ch.isalpha() for ch in m.group(1)) >= 2
            and len(question[min(m.end(), ask.start()) : max(m.start(), ask.end())].split()) <= 5
        )
    )
    return found[0] if len(found) == 1 else None


def _initials(words: list[str]) -> str:
    """Initials of the capitalised words and hyphen parts ("France-Presse" gives "FP")."""
    out = ""
    for word in words:
        for part in word.split("-"):
            part = part.strip("\"'“”‘’([{")
            if part[:1].isupper():
                out += part[0]
    return out


def expansion(text: str, acronym: str) -> str | None:
    """The full name the text gives for an acronym: "Full Name (ACR)" or "ACR (Full Name)",
    where the name's capitalised words start with the acronym's letters in order."""
    letters = acronym.replace("&", "")
    for m in re.finditer(rf"\(\s*{re.escape(acronym)}\s*\)", text):
        words = text[: m.start()].split()
        for i in range(len(words) - 1, max(-1, len(words) - 16), -1):
            initials = _initials(words[i:])
            if initials == letters and words[i].strip("\"'“”‘’([{")[:1].isupper():
                return " ".join(words[i:]).strip(" ,;:\"'“”‘’")
            if not letters.endswith(initials):
                break
    for m in re.finditer(rf"\b{re.escape(acronym)}\s*\(([^)]{{3,120}})\)", text):
        name = m.group(1).strip()
        if _initials(name.split()) == letters:
            return name
    return None


def spells_out(text: str, acronym: str) -> bool:
    """True if the text gives the acronym's full name (see `expansion`)."""
    return expansion(text, acronym) is not None


DOCUMENT = r"(report|article|story|piece|news item)"
_PUBLICATION_DATE = re.compile(
    rf"\b{DOCUMENT}\b.{{0,80}}\b(published|posted|dated|filed)\b|"
    rf"\b(date|day) (is |was )?(given |shown |printed )?(on|of) (the|this|that) {DOCUMENT}\b|"
    rf"\bwhen (was|did) (the|this|that) {DOCUMENT}\b"
)


def asks_publication_date(question: str) -> bool:
    """True for a question about when a report or article itself was published or dated."""
    q = fold(question).strip()
    if answer_type(q) not in ("date", "dates", "day", "year", "month", "time"):
        return False
    return bool(_PUBLICATION_DATE.search(q))


YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d.,]?\d)")


# "Rutte met Trump on Friday": the sentence tells of something done (the present tense, as in
# "Parliament votes Friday", may look ahead).
_PAST = re.compile(
    r"\b(was|were|had|did|said|told|met|spoke|made|took|gave|held|went|came|saw|led|won|lost|"
    r"left|sent|began|became|wrote|ran|found|brought|paid|sold|struck|hit|fell|rose|flew|"
    r"kept|stood|put|set|cut|beat|drew|chose|broke|spent|felt|got|sought|\w+ed)\b"
)
# Named days and habits: "Good Friday", "Black Monday", "every Sunday", "on a Sunday".
_NAMED_DAY = re.compile(
    rf"\b(good|black|bloody|cyber|super|ash|easter|holy|palm|every|each|a|fat|blue|"
    rf"giving|small business) ({'|'.join(WEEKDAYS)})\b|\b({'|'.join(WEEKDAYS)})s\b"
)
# "will meet on Friday", "next Friday": a weekday ahead of the article, not behind it.
_AHEAD = re.compile(
    r"\b(will|next|is due|are due|is to|are to|scheduled|upcoming|plans? to|expected to|"
    r"set to|would)\b"
)


def weekday_date(text: str, published: str | None) -> datetime.date | None:
    """The date a sentence's only weekday was ("On Friday, Lavrov blamed NATO ..."), counted
    back from its article's date (`published`, YYYY-MM-DD): that weekday on or before it
    ("last Friday": strictly before). None without a date, with no weekday or several, when
    the sentence tells of nothing done or looks ahead ("will meet on Friday", "votes
    Friday"), names a day ("Good Friday") or a habit ("every Friday"), or names a year other
    than the article's."""
    if not published:
        return None
    try:
        day = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
    said = fold(strip_markers(text))
    days = {w for w in WEEKDAYS if re.search(rf"\b{w}\b", said)}
    if len(days) != 1 or _AHEAD.search(said) or not _PAST.search(said):
        return None
    if _NAMED_DAY.search(said) or set(YEAR.findall(said)) - {str(day.year)}:
        return None  # "Good Friday", "every Friday", "on a Sunday in 2019"
    (weekday,) = days
    back = (day.weekday() - WEEKDAYS.index(weekday)) % 7
    if back == 0 and re.search(rf"\blast {weekday}\b", said):
        back = 7
    return day - datetime.timedelta(days=back)


def answer_type(question: str) -> str | None:
    """The kind of answer a question asks for (monthday, clock, weekday, dates, date, year, month,
    money, duration, percent, number, reason, age, nationality, country, time), if any."""
    q = fold(question)
    for name, asks, _ in _ANSWER_TYPES:
        if asks.search(q):
            return name
    return None


def answer_pattern(kind: str) -> re.Pattern[str]:
    """How an answer of `kind` (a name in `_ANSWER_TYPES`) looks in folded text."""
    return next(p for name, _, p in _ANSWER_TYPES if name == kind)


def gives_date(text: str) -> bool:
    """True if the text names a calendar date ("June 21", "21 June 2024", "2024-06-21")."""
    return bool(answer_pattern("date").search(fold(strip_markers(text))))


# "How long after the vote ...?" asks for a span from an event; "a day after X" answers it
_ASKS_SPAN_FROM = re.compile(r"\bhow long (?:after|before|ago|earlier|later|prior)\b")
_FROM_EVENT = re.compile(r"\s+(?:after|before|later|earlier|ago|prior to|on)\b")


# "Which countries make up the group?": its members, which "the U.S.-led alliance" does not
# name (it names the leader)
_ASKS_MEMBERS = re.compile(
    r"\b(?:make up|makes up|made up|form|forms|comprise|comprises|constitute|constitutes|"
    r"belong|belongs|members? of|(?:are|were|is) (?:in|part of))\b"
)
# "Which country leads the coalition?", "... formed the coalition?": the leader is asked
_ASKS_LEAD = re.compile(
    r"\b(?:lead|leads|led|leading|leader|head|heads|headed|in charge|formed|founded|created)\b"
)
_LED = re.compile(r"\b[\w.'’-]+-led\b")
# "Which Asia-Pacific countries ...?", "Which European NATO ally ...?", "from what Eastern
# European country ...?": of that region
_ASKS_REGION = re.compile(
    r"\b(?:which|what) (?:other |fellow )?"
    r"((?:(?!(?:is|was|were|are|did|does|do|has|have|had|will|would|can|could)\b)[\w-]+ ){1,2}?)"
    r"(?:countries|country|nations?|"
    r"states?|members?|allies|ally|partners?)\b"
)


# "How many people ...?", "Give me the number of troops" (not "how many years", "how many
# dollars": spans and sums)
_ASKS_COUNT = re.compile(
    r"\b(?:how many|the (?:total )?number of) (?!(?:[\w-]+ )?(?:years?|months?|weeks?|days?|"
    r"hours?|minutes?|seconds?|decades?|centuries|dollars?|euros?|pounds?|times|percent|points?)\b)"
)
# Spans of time without a number: they answer "how long", never "how many"
_NO_COUNT = re.compile(r"\bas long as (?:necessary|needed|it takes|required)\b|\bindefinitely\b")
# Numbers that count nothing: sums ("$5 billion", "1.3 trillion US dollars"), dates ("on
# the 3rd") and years ("in 2023", not "2000 guests")
_NOT_A_COUNT = re.compile(
    r"[$€£¥₽₹₩] ?\d(?:[\d.,]*\d)?(?: ?(?:million|billion|trillion|bn|m)\b)?|"
    r"(?<![\w.,])\d(?:[\d.,]*\d)?(?: (?:million|billion|trillion))? (?:(?:us|u\.s\.|american) )?"
    r"(?:dollars?|"
    r"euros?|pounds|yen|yuan|rubles?|roubles?|francs?|rupees?|usd|eur|gbp|chf)\b|"
    rf"(?:{_CALENDAR_DATE})(?:,? (?:1\d|20)\d\d)?|\bon the \d{{1,2}}(?:st|nd|rd|th)\b|"
    r"(?<![\d.,])\b(?:1[89]|20)\d\d\b(?![.,]\d| (?!(?:in|on|at|and|to|for|of|the|a|an|by|with|"
    r"when|as|after|before|during|from|until|or|but|while|was|is|were|are)\b)[a-z])"
)


# "What share of GDP ...?": a share of a sum, which a share of other things ("in the
# overwhelming majority of cases") does not give; a share of people may ("a majority of
# Americans" for "What share of the population ...?")
_SHARE_OF_SUM = re.compile(
    r"\b(?:percentage|percent|share|proportion|fraction) of (?:the |their |its |his |her |a |"
    r"[\w-]+['’]s )?(?:[\w-]+ )?(gdp|budgets?|income|output|economy|spending|revenues?|"
    r"earnings|salary|wealth)\b"
)
_WORD_SHARE = re.compile(
    r"\b(?:half|halves|thirds?|quarters?|fifths?|tenths?|majority|minority) of "
    r"(?:the |all |its |their |these |those |our )?([\w-]+)"
)


def _unless_a_count(m: re.Match[str]) -> str:
    """A match of `_NOT_A_COUNT` blanked, but "12 may have died" kept: no date."""
    return m.group(0) if re.fullmatch(r"\d{1,2} may", m.group(0)) else " "


# A nationality that titles a person: "German Foreign Minister", "Russian President"
_TITLE = (
    r"(?:Foreign |Prime |Defen[cs]e |Finance |Deputy |Vice )?(?:Affairs )?(?:Minister|"
    r"President|Chancellor|Premier|Ambassador|Secretary|Senator|Ministry)"
)
_TITLED_NATIONAL = re.compile(rf"\b[A-Z][a-z]+(?= {_TITLE}\b)")


# ... and the person it titles: "Russian President Vladimir Putin"
_TITLED_PERSON = re.compile(
    rf"\b[A-Z][a-z]+ {_TITLE} (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}})"
)


# "Which country does Baerbock serve as foreign minister?", "What country is he from?": the
# person's own country, which "German Foreign Minister Annalena Baerbock" gives
_ASKS_OWN_COUNTRY = re.compile(
    r"\b(?:[Dd]oes|[Dd]id|[Ii]s|[Ww]as) (?:[A-Z][\w'’.-]*\s)+(?:serve|represent|head|govern|"
    r"come from|hail from)\b|\b(?:[Ii]s|[Ww]as) (?:[A-Z][\w'’.-]*\s)+from\?$"
)


def _without_asked_nationals(text: str, question: str) -> str:
    """The text without the nationality that titles someone the question names: for "Which
    countries' forces did Putin say ...?", "Russian President Vladimir Putin" gives Putin's
    country, no answer; unless the question asks for that person's own country ("Which
    country does Baerbock serve as foreign minister?")."""
    if _ASKS_OWN_COUNTRY.search(question.strip()):
        return text
    asked = {fold(w) for w in WORD.findall(question)}

    def drop(m: re.Match[str]) -> str:
        if {fold(w) for w in m["name"].split()} & asked:
            return " " * (m.start("name") - m.start()) + m["name"]
        return m.group(0)

    return _TITLED_PERSON.sub(drop, text)


_ASKS_ALLIES = re.compile(_ALLIES)
_ASKS_WHERE = re.compile(
    r"(?:(?:and|so|but|then) )?where\b(?! else\b)(?![^?]*\bstands?\b)", re.IGNORECASE
)


def asks_where(question: str) -> bool:
    """True for "Where did ...?": a question for some place or occasion."""
    return _ASKS_WHERE.match(question.strip()) is not None


def country_by_adjective(text: str, question: str) -> tuple[str, str] | None:
    """For "Which country is that city in?" answered by a sentence that names the country
    only by its adjective ("in the Kazakh city of Almaty"), the adjective as written and the
    country's name ("Kazakh", "Kazakhstan"); None when the sentence names the country, or
    another one, or several by adjective, or the question asks for no country."""
    if answer_type(question) != "country":
        return None
    clean = _without_asked_nationals(strip_markers(text), question)
    folded = fold(clean)
    new = countries_in(clean, folded) - countries_in(question, fold(question))
    if len(new) != 1:
        return None
    (country,) = new
    if re.search(rf"(?<![\w-]){re.escape(country)}(?![\w-])", folded):
        return None  # named as well: the name answers
    adjective = next(
        (
            w
            for w in WORD.findall(clean)
            if is_country_adjective(fold(w)) and CANONICAL.get(fold(w)) == country
        ),
        None,
    )
    if adjective is None:
        return None
    return adjective, display_name(country)


# "the Russia-Ukraine conflict": two countries joined name the conflict between them, neither
# one as an answer ("Guinea-Bissau" is one country; "the German-Swiss border" tells a
# neighbour)
_PAIR = re.compile(
    r"\b[A-Z][\w.]*(?:[-–—][A-Z][\w.]*)+(?= (?i:conflict|war|crisis|fighting|hostilities)\b)"
)


def _country_pair(word: str) -> bool:
    """True unless the joined word is one country's name ("Guinea-Bissau")."""
    parts = re.split(r"[-–—]", word)
    return not countries_in(word, fold(word)) or all(countries_in(p, fold(p)) for p in parts)


def has_answer_type(text: str, question: str, given: str = "") -> bool:
    """True if the text holds an answer of the question's kind that the question lacks; for
    a country, nor `given` (a follow-up's earlier questions: "French" of "Which French
    president ...?" is no answer to "Which country did NATO take in first?"), unless the
    question asks a person's own country ("Which country does Baerbock serve?")."""
    kind = answer_type(question)
    if kind == "country":  # "Russia" is the question's "Russian"
        clean = strip_markers(text)
        q = fold(question)
        if _ASKS_MEMBERS.search(q) and not _ASKS_LEAD.search(q):  # leading is no membership
            clean = _LED.sub(" ", clean)
        if _ASKS_ALLIES.search(q):
            # "Which NATO members ...?" is not answered by "German Foreign Minister Annalena
            # Baerbock urged ...": her country is no member said to do it
            clean = _TITLED_NATIONAL.sub(" ", clean)
        clean = _without_asked_nationals(clean, question)
        clean = _PAIR.sub(lambda m: " " if _country_pair(m[0]) else m[0], clean)
        new = countries_in(clean, fold(clean)) - countries_in(question, fold(question))
        if given and not _ASKS_OWN_COUNTRY.search(question.strip()):
            new -= countries_in(given, fold(given))
        m = _ASKS_REGION.search(q)
        if m is not None and "non-" not in m.group(1):  # "Which ASEAN countries ...?"
            regions = [c for words, c in REGIONS if words.search(m.group(1))]
            if regions:  # "Nordic-Baltic": either
                new &= set().union(*regions)
        return bool(new)
    if kind == "nationality":  # "Lebanese", "Israelis", "a US citizen"
        asked = {fold(w) for w in WORD.findall(question)}
        raw = WORD.findall(strip_markers(text))
        words = [fold(w) for w in raw]
        if any(
            w not in asked and (is_country_adjective(w) or is_country_adjective(w[:-1]))
            for w in words
        ):
            return True
        return any(
            w in ("citizen", "citizens", "national", "nationals")
            and i > 0
            and words[i - 1] not in asked
            and bool(countries_in(raw[i - 1], words[i - 1]))
            for i, w in enumerate(words)
        )
    if kind is None:
        # "which city", "which of Trump's properties": a named spot, not a continent
        if ASKS_TOWN.search(fold(question)) or ASKS_ESTATE.search(question):
            return names_a_town(text, question)
        if ASKS_WITHIN.search(question.strip()):  # "where in Belarus": not Belarus itself
            return names_a_spot(text, question)
        if ASKS_VENUE.search(fold(question)):  # "where was it held?": no continent either
            return names_a_venue(text, question)
        if asks_where(question):  # "Where did he say it?": some place
            return names_some_place(text, question)
        return True
    pattern = answer_pattern(kind)
    folded = fold(strip_markers(text))
    if kind == "number" and _ASKS_COUNT.search(fold(question)):
        # "How many people attended?": a date, a year or a sum counts no one, nor does "for
        # as long as necessary" (which answers "how long")
        folded = _NOT_A_COUNT.sub(_unless_a_count, folded)
        folded = _NO_COUNT.sub(" ", folded)
    if kind == "percent" and (base := _SHARE_OF_SUM.search(fold(question))) is not None:
        sum_word = base[1].rstrip("s")
        folded = _WORD_SHARE.sub(lambda m: m[0] if m[1].rstrip("s") == sum_word else " ", folded)
    # "A day after Rutte's warning" dates a thing; it is no span of "How long did ...?"
    dated = kind == "duration" and not _ASKS_SPAN_FROM.search(fold(question))
    said = {
        m.group(0)
        for m in pattern.finditer(folded)
        if not (dated and _FROM_EVENT.match(folded, m.end()))
    }
    if kind in ("duration", "percent", "reason"):
        return bool(said)  # "How long, in days ...?" is answered by "46 days"
    asked = {m.group(0) for m in pattern.finditer(fold(question))}
    return bool(said - asked)
