"""Citations: parse [n] markers, check each against its passage, drop what points at nothing."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from askcorpus.bm25 import tokenize
from askcorpus.gazetteer import CANONICAL, COUNTRY, countries_in, is_country_adjective

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\((\S+?)\)")
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
# A tag: "<" right before a name ("a < b and c > d" is prose); one way to match any text
_TAG = re.compile(r"</?[A-Za-z_|][\w|:-]*(?:[\s/][^<>]{0,300})?>")
_OPEN_TAG = re.compile(r"</?(?:[A-Za-z_|][^<>]{0,300})?$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENT_START = re.compile(r"(?:^|[.!?:]\s+|\n)([A-Z][\w'’-]*)")
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
# Capitalised words that carry no content of their own.
_FUNCTION = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "and",
    "or",
    "but",
    "according",
    "answer",
    "yes",
    "no",
    "mr",
    "mrs",
    "ms",
    "dr",
    "passage",
    "passages",
    "not",
    "there",
    "as",
    "by",
    "with",
    "from",
    "after",
    "before",
    "during",
    "since",
    "while",
    "so",
    "what",
    "who",
    "when",
    "where",
    "which",
    "why",
    "how",
    "is",
    "was",
    "are",
    "were",
    "however",
    "despite",
    "also",
    "see",
    "here",
    "sure",
    "based",
    "although",
    "meanwhile",
    "furthermore",
    "moreover",
    "because",
    "then",
    "both",
    "all",
    "some",
    "many",
    "most",
    "one",
    "if",
    "instead",
    "thus",
    "therefore",
    "yet",
    "still",
    "now",
    "today",
    "do",
    "does",
    "did",
}


def fold(text: str) -> str:
    """Lower-case, strip accents, straighten quotes: the form used for containment checks."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


def markers(text: str) -> list[int]:
    """Citation numbers in order of first appearance: [2], [1, 3] and [1][2] forms."""
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        for part in m.group(1).split(","):
            n = int(part)
            if n not in seen:
                seen.append(n)
    return seen


def renumbered(text: str, cited: list[int]) -> tuple[str, list[int]]:
    """The answer with its citations numbered 1, 2, ... in the order they first appear (the
    evidence numbers the prompt used are no concern of the reader), and the old numbers in
    that order: the new number of `order[i]` is i + 1. Numbers not cited are left as they are."""
    order: list[int] = []
    for n in markers(text) + cited:
        if n in cited and n not in order:
            order.append(n)
    new = {old: i + 1 for i, old in enumerate(order)}

    def sub(m: re.Match[str]) -> str:
        nums = [int(part) for part in m.group(1).split(",")]  # as `markers` reads them
        return "[" + ", ".join(str(new.get(n, n)) for n in nums) + "]"

    return _MARKER.sub(sub, text), order


def strip_markers(text: str) -> str:
    """The text without citation markers."""
    return " ".join(_MARKER.sub(" ", text).split()).replace(" .", ".").replace(" ,", ",")


def key_content(text: str) -> set[str]:
    """Names, numbers and dates of a claim, folded: what its evidence must contain."""
    clean = strip_markers(text)
    keys = {n.replace(",", "") for n in _NUMBER.findall(clean)}
    sentence_initial = {m.group(1) for m in _SENT_START.finditer(clean)}
    for word in _WORD.findall(clean):
        low = fold(word)
        if low in _FUNCTION:
            continue
        if (
            word[0].isupper() and (word not in sentence_initial or len(word) > 3)
        ) or low in _MONTHS:
            keys.add(low)
    return keys


def _present(key: str, haystack: str) -> bool:
    if key.isdigit() or _NUMBER.fullmatch(key):
        return (
            re.search(rf"(?<![\d.,]){re.escape(key)}(?![\d])", haystack.replace(",", ""))
            is not None
        )
    return re.search(rf"\b{re.escape(key)}", haystack) is not None


def unsupported(claim: str, evidence: str, given: str = "") -> set[str]:
    """Key content of the claim found neither in the evidence nor in the question (`given`)."""
    hay = fold(evidence)
    known = fold(given)
    return {k for k in key_content(claim) if not _present(k, hay) and not _present(k, known)}


def adds_key_content(answer: str, question: str) -> bool:
    """True if the answer names something (name, number, date) the question did not."""
    asked = fold(question)
    return any(not _present(k, asked) for k in key_content(answer))


def supports(claim: str, evidence: str, given: str = "", min_overlap: float = 0.5) -> bool:
    """True if the claim's names, numbers and dates all appear in the evidence (or question)
    and most of the words it adds beyond the question come from the evidence."""
    if unsupported(claim, evidence, given):
        return False
    new = set(tokenize(strip_markers(claim))) - set(tokenize(given))
    if not new:
        return False  # restating the question answers nothing
    found = new & set(tokenize(evidence))
    return len(found) / len(new) >= min_overlap


def drop_markup(text: str) -> str:
    """Remove HTML-like tags a model may write (`<sep>`, `<b>`, `<img ...>`), with the
    contents of script and style blocks; an answer is plain text."""
    return _TAG.sub(" ", _SCRIPT.sub(" ", text))


# Where streamed text may still turn into a link, an image, a URL or a tag
_OPEN_LINK = re.compile(r"!?\[[^\]\n]*(?:\](?:\([^)\s]*)?)?$|!$")
_OPEN_SCRIPT = re.compile(r"<\s*(script|style)\b(?!.*<\s*/\s*\1)", re.IGNORECASE | re.DOTALL)
_LAST_WORD = re.compile(r"\S*$")


def _held_from(raw: str) -> int:
    """Where the text that must wait for more of the reply begins (len(raw): none)."""
    cut = len(raw)
    lt = raw.rfind("<")
    if lt > raw.rfind(">") and _OPEN_TAG.match(raw, lt):
        cut = lt
    if m := _OPEN_SCRIPT.search(raw):
        cut = min(cut, m.start())
    if m := _OPEN_LINK.search(raw):
        cut = min(cut, m.start())
    word = _LAST_WORD.search(raw)
    if word and word.group(0):
        w = word.group(0).lower()
        tail = re.split(r"[^a-z:/]", w)[-1]  # "(ref:htt" may still become a URL
        url_start = tail and any(p.startswith(tail) for p in ("http://", "https://"))
        if "http" in w or "://" in w or url_start:
            cut = min(cut, word.start())
    for link in _LINK.finditer(raw):  # never cut inside a link: it is kept or dropped whole
        if link.start() < cut < link.end():
            cut = link.start()
    return cut


class StreamGuard:
    """Passes a streamed reply on as it comes, without what the final check drops from it
    (links and URLs not in the passages, tags): text that may still become one is held
    until it is complete."""

    def __init__(self, sink: Callable[[str], None], allowed_sources: str) -> None:
        self.sink = sink
        self.allowed = allowed_sources
        self.raw = ""
        self.sent = ""

    def feed(self, piece: str) -> None:
        """Take the next piece of the reply. A piece held back is passed on as "" (so a sink
        that counts pieces still counts the model's tokens)."""
        self.raw += piece
        if not self._emit(self.raw[: _held_from(self.raw)]):
            self.sink("")

    def flush(self) -> None:
        """The reply ended: pass on what was held, cleaned."""
        self._emit(self.raw)

    def _emit(self, raw: str) -> bool:
        clean = drop_foreign_links(drop_markup(raw), self.allowed)
        if len(clean) > len(self.sent) and clean.startswith(self.sent):
            self.sink(clean[len(self.sent) :])
            self.sent = clean
            return True
        return False


def drop_foreign_links(text: str, allowed_sources: str) -> str:
    """Remove markdown links, images and URLs that do not occur in the cited passages."""

    def link(m: re.Match[str]) -> str:
        if m.group(2) in allowed_sources and not m.group(0).startswith("!"):
            return m.group(0)
        return m.group(1) if not m.group(0).startswith("!") else ""

    text = _LINK.sub(link, text)
    return _URL.sub(lambda m: m.group(0) if m.group(0) in allowed_sources else "", text)


@dataclass
class CheckedAnswer:
    """An answer after citation checks."""

    text: str
    cited: list[int]
    dropped: list[int]
    grounded: bool


_CLAUSE = re.compile(r",\s|;\s|\s[-–—]\s|\s\(|\s(?:which|who|where|while|and|but|because)\s")


def clause_prefixes(text: str) -> list[str]:
    """The text, then its prefixes cut at clause boundaries, longest first."""
    cuts = sorted({m.start() for m in _CLAUSE.finditer(text)}, reverse=True)
    return [text] + [text[:c].rstrip() for c in cuts if c > 0]


def _cite(
    body: str,
    markers_given: list[int],
    evidence: dict[int, str],
    given: str,
) -> list[int]:
    """Markers (among those given, else any) whose evidence supports the body."""
    valid = [n for n in markers_given if n in evidence]
    kept = [n for n in valid if supports(body, evidence[n], given)]
    if kept:
        return kept
    # One passage may not hold everything: accept the union of the cited ones.
    if valid and supports(body, " ".join(evidence[n] for n in valid), given):
        return valid
    return [n for n in sorted(evidence) if supports(body, evidence[n], given)][:1]


def check(answer: str, evidence: dict[int, str], question: str) -> CheckedAnswer:
    """Keep markers that point at evidence supporting the answer; add the best one if none.

    A marker to an unknown number is dropped. A marker whose passage lacks the answer's key
    content is dropped. If no marker survives but some evidence supports the answer, that
    evidence is cited. An answer that is supported only up to a clause boundary ("Almaty,
    which is the capital ...") is cut there. `grounded` is False when nothing supports it.
    """
    given = question
    marks = markers(answer)
    full = drop_foreign_links(strip_markers(drop_markup(answer)), " ".join(evidence.values()))
    body, kept = full, []
    for candidate in clause_prefixes(full):
        kept = _cite(candidate, marks, evidence, given)
        if kept:
            body = candidate
            break
    dropped = [n for n in marks if n not in kept]
    allowed = " ".join(evidence[n] for n in kept)
    body = " ".join(drop_foreign_links(body, allowed).split())
    grounded = bool(kept) and bool(body)
    if grounded:
        end = body[-1] if body[-1] in ".!?" else "."
        text = body.rstrip(".!?,;: ") + " " + "".join(f"[{n}]" for n in kept) + end
    else:
        text = full
    return CheckedAnswer(text=text, cited=kept, dropped=dropped, grounded=grounded)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Capitalised words that name nothing by themselves.
_NO_NAME = _FUNCTION | _MONTHS | set(_WEEKDAYS)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    "hundred|thousand|million|billion|trillion|dozen|half|quarter|percent|per cent"
)
_MONTH_RE = "|".join(sorted(_MONTHS))
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "thirtieth"
)
# "How much of their GDP ...?" asks for a share, not an amount of money.
_SHARE_OF = (
    r"how much of (?:the |their |its |his |her |our |a )?(?:[\w-]+ )?(?:gdp|budgets?|income|"
    r"output|economy|vote|votes|population|market|revenues?|earnings|salary|wealth|land|"
    r"territory|workforce|electorate)\b"
)
# What kind of answer a question asks for, and how to recognise one in text.
_PROVISION = r"(?:article|section|clause|amendment|chapter|paragraph|provision)"
# "June 21", "21 June", "September 20th", "19th of October", "Sep. 13", "6/19/2020",
# "16.12.2022"
_CALENDAR_DATE = (
    rf"\b({_MONTH_RE}|{_MONTH_ABBR})\.? \d{{1,2}}(st|nd|rd|th)?\b|"
    rf"\b\d{{1,2}}(st|nd|rd|th)? (of )?({_MONTH_RE}|{_MONTH_ABBR})\b|"
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/(\d\d|\d{4})\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
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
            rf"\b{_PROVISION}s? (?:\d+|[ivxlc]+\b|({_NUMBER_WORDS})\b)|"
            rf"\b(?:{_ORDINALS}|\d+(?:st|nd|rd|th)) {_PROVISION}"
        ),
    ),
    (
        # "On which day of the month ...?": "on the 3rd", "June 21", "the twentieth"
        "monthday",
        re.compile(r"\bday of the month\b"),
        re.compile(
            rf"\b\d{{1,2}}(st|nd|rd|th)\b|\b({_MONTH_RE}) \d{{1,2}}\b|\b\d{{1,2}} ({_MONTH_RE})\b|"
            rf"\b\d{{4}}-\d\d-\d\d\b|\bthe ({_ORDINALS})\b|\b(twenty|thirty)-({_ORDINALS})\b"
        ),
    ),
    (
        # "At what time of day ...?": a clock time or a part of the day
        "clock",
        re.compile(r"\b(what|which) time of (the )?day\b|^what time (is|was|did|does|will)\b"),
        re.compile(
            r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2} ?(a\.m\.|p\.m\.|am|pm)(?!\w)|"
            r"\b(noon|midday|midnight|dawn|dusk|morning|afternoon|evening|night|o'clock)\b"
        ),
    ),
    (
        "weekday",
        re.compile(r"\b(day of the week|which weekday|what weekday|which day|what day)\b"),
        re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b"),
    ),
    (
        # "On what exact day ...?": a day, by date, weekday or name ("Christmas Day", "on the
        # 3rd"), not "next week"; "what specific day-to-day duties" asks no day
        "day",
        re.compile(r"\b(what|which) (exact|precise|specific|particular) day\b(?!-)"),
        re.compile(
            rf"{_CALENDAR_DATE}|\b({'|'.join(_WEEKDAYS)})\b|\bthe \d{{1,2}}(st|nd|rd|th)\b|"
            r"\b(christmas|new year['’]s|boxing|easter|independence|victory|labou?r|memorial|"
            r"armistice|remembrance|thanksgiving|election|inauguration|national) day\b|"
            r"\b(yesterday|today|tomorrow)\b"
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
    ("month", re.compile(r"\b(what|which) month\b"), re.compile(rf"\b({_MONTH_RE})\b")),
    (
        # "What was the total defence spending?", "How much did it cost?": an amount of money,
        # not a share ("two percent of GDP") or a count; a bare "40m" may be metres
        "money",
        re.compile(
            rf"\b(?!{_SHARE_OF})how much (?:[\w-]+ )?(money|cash|funding|funds|aid|assistance)\b|"
            r"\bin (us )?(dollars|euros)\b|"
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
            rf"(?:\d|\b(?:a|an|{_NUMBER_WORDS}|several|few|many|couple of|dozens of|hundreds of))"
            r"[\s-]*(?:[a-z]+ )?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|"
            r"months?|years?|decades?|centur(?:y|ies)|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|"
            r"feet|foot|ft|inch(?:es)?|yards?)\b|\d ?m\b|\bfortnight\b|\blifetime\b|"
            r"\b(?:for|over|within|in) (?:the )?(?:past |last |next )?(?:several |many |a few )?"
            r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b|"
            # "since 2004", "since June", "since he took office"; not "since its leader
            # announced ..." (because)
            rf"\bsince (?:\d|the |then\b|last |early |late |at least |before |after |{_MONTH_RE}|"
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
            r"\bwhat (percentage|percent|share|proportion|fraction)\b|\bhow many percent\b|"
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
        "number",
        re.compile(
            r"\bhow (many|much|long|old|far|often)\b|\bwhat (percentage|share|"
            r"proportion|number|amount|sum|fraction)\b|"
            r"\bwhat (is|was|are|were|will be) the (total|combined|overall) (?:[\w-]+ ){0,3}?"
            r"(spending|expenditure|cost|costs|number|amount|budget|value|population|revenue|"
            r"sum|figure|price|debt|income|count|size|output)\b"
        ),
        # "a two-way street", "one-sided", "a one-off" hold no count ("two-week" and
        # "two-thirds" do); "hundreds", "several types"; "for as long as necessary" and "known
        # in seconds" answer "how long"
        re.compile(
            rf"\d|\b({_NUMBER_WORDS})s?\b(?!-(?:way|sided|off)\b)|\bseveral\b|"
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
        "country",
        # "which other country", "which Central Asian country"; not "which country singer"
        re.compile(
            r"\b(which|what) (?!(?:group|bloc|set|pair|kind|type|sort|coalition|club)s? of\b)"
            r"(?:(?!is\b|was\b|did\b|does\b)[a-z-]+ ){0,2}?"
            r"(country|countries|nation|nations|member states?)\b"
            r"(?!['’]?s? (music|singer|star|song|band|artist|club|house|road|side|estate)\b)|"
            # "Which European NATO ally ...?" (but "Which of Trump's allies?" asks for people)
            r"\b(which|what) (?:(?:nato|eu|european|western|eastern|baltic|nordic|asian|gulf|"
            r"arab|african|pacific|atlantic|asean|g7|g20|other|fellow) ){1,3}all(y|ies)\b"
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
            rf"\b({'|'.join(m for m in sorted(_MONTHS) if m != 'may')})\b|"
            r"\bmay \d|\b(in|on|since|until|by|of|early|late|mid|last|next|this) may\b|"
            rf"\b({'|'.join(_WEEKDAYS)})\b|\b(spring|summer|autumn|winter)\b|\bthe fall\b|"
            r"\b(yesterday|today|tonight|tomorrow|ago|overnight|world war)\b|"
            r"\b(last|next|this|that|the same|the following|the previous) "
            r"(week|weekend|month|year|day|morning|afternoon|evening|night)\b|"
            rf"\b(\d+|a|an|{_NUMBER_WORDS}) (minutes?|hours?|days?|weeks?|months?|years?|decades?)"
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


_DOCUMENT = r"(report|article|story|piece|news item)"
_PUBLICATION_DATE = re.compile(
    rf"\b{_DOCUMENT}\b.{{0,80}}\b(published|posted|dated|filed)\b|"
    rf"\b(date|day) (is |was )?(given |shown |printed )?(on|of) (the|this|that) {_DOCUMENT}\b|"
    rf"\bwhen (was|did) (the|this|that) {_DOCUMENT}\b"
)


def asks_publication_date(question: str) -> bool:
    """True for a question about when a report or article itself was published or dated."""
    q = fold(question).strip()
    if answer_type(q) not in ("date", "day", "year", "month", "time"):
        return False
    return bool(_PUBLICATION_DATE.search(q))


# "which city", "which Kazakh city", "at which resort", "which private club or resort": a
# named spot
_ASKS_TOWN = re.compile(
    r"\b(which|what) (?:[\w-]+ )?(?:[\w-]+ or )?(city|town|village|resort|hotel|venue|"
    r"estate|mansion)\b"
)
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
_CITY_STATES = {"singapore", "monaco", "luxembourg", "kuwait", "djibouti", "san marino"}


# "Where was the conference held?", "Where did Putin hold his conference?", "Where did
# Rutte and Trump meet?": a meeting's or event's place, which "in Eurasia" is not ("Where
# were the hostages held?" and "Where did protesters gather?" ask no such thing)
_ASKS_VENUE = re.compile(
    r"^(?:(?:and|so|but|then) )?where (?:was|were|is|are|will|did|does|do|has|have|had)\b"
    r"(?:(?=[^?]*\b(?:summit|talks|meeting|conference|forum|session|ceremony|negotiations|"
    r"congress|convention|event)s?\b)(?=[^?]*\b(?:held|hold|holds|host|hosts|hosted|"
    r"took place|take place|takes place|convened?|staged?)\b)|[^?]*\bmeet\b)"
)
# A place no town names: "at NATO headquarters", "at the White House", "on Dock Street",
# "on the sidelines of the summit", "by video link", "online"
_VENUE = re.compile(
    r"\bat (?:the |his |her |their )?(?:[A-Z][\w'’.-]*\s+)+(?:[A-Z][\w'’-]*|headquarters|"
    r"residence|estate|resort|palace|hotel|hall|centre|center|stadium|office|base)\b|"
    r"\b(?:on|at|in) (?:\d+ )?(?:[A-Z][\w'’.-]*\s+)+(?:Street|Avenue|Road|Square|Boulevard|"
    r"Lane|Place)\b|\bon the sidelines\b|\b(?:by|via) video\b|\bonline\b|\bvirtually\b|"
    r"\bhosted by (?:the )?[A-Z]"
)


def _is_town(name: str, asked: str) -> bool:
    """A name that could be a town: not in the question, not a continent or wide region, a
    month, a weekday or a function word; nor an owner ("fallout from Donald Trump's
    reelection", "in Lithuania's capital": the place is the thing owned)."""
    if re.search(r"['’]s$", name.rstrip(".,;:")):
        return False
    words = [re.sub(r"['’]s$", "", w) for w in fold(name.rstrip(".")).split()]
    if words and words[0] == "the":  # "The Hague"
        words = words[1:]
    if not words or all(w in _REGIONS for w in words):
        return False
    if len(words) == 1 and is_country_adjective(words[0]):
        return False  # "in the Lithuanian capital": the adjective is no place
    if len(words) == 1 and (words[0] in _MONTHS or words[0] in _WEEKDAYS or words[0] in _FUNCTION):
        return False
    joined = " ".join(words)
    if words[-1] != "city" and words[-1] in _NOT_PERSON:
        return False  # "at the Atlantic Council", "of the Security Initiative"
    if _is_country(name):
        return False  # "at the U.S. think tank": a country, not a city
    return not _present(joined, asked)


def _is_country(name: str) -> bool:
    """True for a country's name ("Italy", "the U.S."), not a city-state ("Singapore")."""
    bare = name.strip().removeprefix("the ")
    low = re.sub(r"['’]s$", "", fold(bare.rstrip(",;:.")))
    if low in _CITY_STATES:
        return False
    return low in CANONICAL or bool(_US_NAME.fullmatch(bare))


def _places(text: str) -> list[str]:
    """The names a text places something in ("in Vilnius", "Almaty hosted")."""
    # "of NATO members": an acronym before a noun names a body ("in GENEVA" may be a town);
    # "Secretary of State Antony Blinken" names an office
    return [
        m.group(1) or m.group(2)
        for m in _PLACE.finditer(text)
        if not (m.group(1) and m.group(1).isupper() and re.match(r" [a-z]", text[m.end() :]))
        and not (
            m.group(1)
            and _STATE_OR_STAFF.match(m.group(1))
            and _OFFICE_OF.search(text, max(0, m.start(1) - 20), m.start(1))
        )
    ]


def names_a_venue(text: str, question: str) -> bool:
    """True if the text places a meeting in a town, country or named venue the question does
    not name (`names_a_town`; "held in Kazakhstan", "hosted by Lithuania", "at the White
    House", "online"); a continent, a wide region ("in Eurasia") or a nationality ("Russian
    President") is none."""
    asked = fold(question)
    clean = strip_markers(text)
    if _VENUE.search(clean):
        return True
    places = _places(clean)
    country = any(
        _is_country(p) and not re.search(rf"\b{re.escape(fold(p))}\b", asked)
        for p in (p.rstrip(".,;:") for p in places)
    )
    return country or names_a_town(text, question, places)


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
    if places and not any(_is_country(p) for p in places):
        return False
    # "Vilnius is the capital of Lithuania", "Turin, Italy hosted": a name shortly before a
    # country may be its city ("at the U.S. think tank Philip Dickinson" places nobody)
    if places:
        words = re.findall(r"[\w'’.-]+", clean)
        country_at = [
            i
            for i, w in enumerate(words)
            if _is_country(w) or _is_country(" ".join(words[i : i + 2]))  # "United States"
        ]
        return any(
            w[:1].isupper()
            and not _is_country(w)
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
    r"secretary[- ]general|secretary of state|spokesperson|spokesman|spokeswoman|"
    r"ambassador|governor|mayor)"
)
_ASKS_OFFICE = re.compile(
    rf"^(?:(?:and|so|but|then) )?who (?:is|was|are|were|will be|became) "
    rf"(?:the |its |their |[\w.-]+'s )?"
    rf"(?:current |new |former |present |next |first )?(?P<role>{_OFFICE})"
    rf"(?: (?:of|for|at|in)\b|\s*\?|$)|"
    # "Which country did she lead as prime minister?" (not "Who replaced him as CEO?")
    rf"\b(?:lead|led|leads|serve[sd]?|serving|govern(?:ed|s)?|rule[sd]?) (?:[\w-]+ ){{0,2}}?"
    rf"as (?:the |a |an |its |their )?(?P<role2>{_OFFICE})\b"
)
# Questions whose answer is someone: "Who confirmed ...?", "Which Ukrainian official ...?"
_ASKS_PERSON = re.compile(
    r"^(?:(?:and|so|but|then) )?who\b|\bwhich (?:[\w-]+ ){0,2}?"
    r"(?:official|minister|president|spokesperson|spokesman|spokeswoman|diplomat|politician|"
    r"journalist|reporter|chancellor|ambassador|envoy|analyst|senator|governor|mayor|person)s? "
    # the person is the one who acts: "Which official told Reuters ...?"
    r"(?=[a-z]+ed\b|said|says|told|tells|is|was|has|had|will|would|did|does|can|could|"
    r"announced|spoke|met|wrote|gave|made|led|took|became)"
)
# "Which member ranks second ...?", "the third-largest": the answer must hold that rank.
# (Not "first": "Who came first?" is answered by "won".)
_LATER_ORDINALS = _ORDINALS.split("|", 1)[1]
_ASKS_RANK = re.compile(
    rf"\b(?:rank(?:s|ed)?|place[sd]?|comes?|came|finish(?:es|ed)?) ({_LATER_ORDINALS})\b|"
    rf"\b({_LATER_ORDINALS})[- ](?:largest|biggest|highest|lowest|most|least|smallest|richest)\b"
)
_ORDINAL_DIGITS = {w: str(i + 1) for i, w in enumerate(_ORDINALS.split("|")[:20])}


def names_someone(text: str, question: str) -> bool:
    """True if the text names something (a capitalised name, not a month or weekday) that
    the question does not: the least an answer to "who?" must do."""
    asked = fold(question)
    keys = key_content(text) - _MONTHS - set(_WEEKDAYS)
    return any(not k[:1].isdigit() and not _present(k, asked) for k in keys)


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
_ASKS_NAMED_PERSON = re.compile(
    r"^(?:(?:and|so|but|then) )?who (?:is|was|are|were|will be|became|has been|had been) "
    r"(?:the |its |their |a |an )?(?:current |new |former |present |next |first |last |"
    rf"incoming |outgoing |interim |acting )?(?:[\w'’-]+ ){{0,2}}?{_PERSON_ROLE}\b|"
    # "Whom did X meet?" asks for people ("To whom ...?" may be answered "to reporters")
    r"^(?:(?:and|so|but|then) )?whom\b|"
    r"^(?:(?:and|so|but|then) )?who (?:directed|wrote|founded|co-founded|composed|painted|"
    r"invented|authored|designed|starred|stars|portrayed|portrays|sang|sings)\b|"
    r"\bwhich (?:(?:[\w'’-]+ ){0,2}?(?:journalist|reporter|correspondent|columnist|analyst|"
    r"diplomat|politician|lawmaker|senator|envoy|ambassador|candidate|economist|scientist|"
    r"spokesperson|spokesman|spokeswoman)|actor|actress|singer|director|author|writer|artist|"
    r"composer|painter|poet|novelist|rapper|musician|player|athlete|coach)s?\b|"
    # "Which NATO official replied ...?", "Which of Trump's advisers took part?", "Which
    # leaders did he brief?"; not "which official document"
    r"\bwhich (?:[\w'’-]+ ){0,2}?"
    r"(?:official|leader|minister|officer|adviser|advisor|aide)s? "
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
_HONORIFICS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "gov", "lt", "col"}
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
            if fold(bare) in _FUNCTION and fold(bare) not in _HONORIFICS:
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
        and not _is_country(" ".join(run))
        and not _present(fold(run[-1]), asked)
    ]


def _person_run(run: list[str]) -> bool:
    """True if a run of capitalised words can be a person's name: it ends in no firm's,
    month's, weekday's or office's word ("FIFA Council", "Foreign Minister")."""
    last = fold(run[-1])
    return (
        last not in _NOT_PERSON
        and last not in _MONTHS
        and last not in _WEEKDAYS
        and last not in _TITLE_WORDS
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

    runs = [r for r in _name_runs(text) if _person_run(r)]
    if any(not _present(fold(r[-1]), asked) for r in runs):
        return True
    if not context:
        return False
    surnames = {fold(r[-1]) for r in _name_runs(context) if _person_run(r)}
    said = _WORD.findall(strip_markers(text))
    words = {fold(re.sub(r"['’]s$", "", w)) for w in said if w[:1].isupper()}
    return any(w in surnames and not _present(w, asked) for w in words)


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
    r"novel|video game|game console|interview)"
)
_AUX = r"(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|may|might)"
# The words between "which" and the kind describe it ("which Ivy League school"); a verb
# or an article there makes another question ("What caused the bank to fail?"), and "what
# kind of film" asks for a kind.
_FILLER = rf"(?!(?:{_AUX}|the|a|an|its|their|his|her|this|that|of|kind|type|sort|part)\b)"
_ASKS_NAMED_THING = re.compile(
    rf"\b(?:which|what) (?:of the )?(?:{_FILLER}[\w'’-]+ ){{0,2}}?{_NAMED_KIND}(?:['’]s)?\b"
    r"(?! of (?:the )?(?:art|mind|play|emergency|the union|affairs)\b)"
)
# "What were the mechanisms called?", "What is the name of ...?": a name, or a quoted term
_ASKS_CALLED = re.compile(
    r"^(?:(?:and|so|but|then) )?what (?:is|was|are|were|will be) [^?]* (?:called|named|"
    r"known as|dubbed)\??$|\bwhat (?:is|was|are|were) the (?:official )?names? of\b"
)
# "By what name does NATO refer to the region?", "What does NATO call the region?": what
# someone calls a thing, told by a naming word or in quotes, not just any name ("the
# U.S.-led alliance"); "By what name was the army known?" asks only for a name
_ASKS_TERM = re.compile(
    r"\bby what (?:name|term) (?:does|do|did) [^?]* (?:refer to|call)\b|"
    r"^(?:(?:and|so|but|then) )?what (?:does|do|did) [^?]* call\b"
)
_QUOTED_TERM = re.compile(r"[“\"‘']([^”\"’']{2,60})[”\"’']")


_NAMING = re.compile(
    r"\b(?:calls?|called|named|known (?:to [\w ]{1,30}? )?as|dubbed|termed|referred to as|"
    r"nicknamed|titled|entitled)\b"
)


def _gives_term(text: str, question: str) -> bool:
    """True if the text names something ("are known as quadruple expansion engines") or
    quotes a term the question lacks ("so-called ‘trios’")."""
    asked = fold(question)
    if _NAMING.search(fold(strip_markers(text))):
        return True
    return any(
        not _present(fold(m.group(1)).strip(), asked)
        for m in _QUOTED_TERM.finditer(strip_markers(text))
    )


# "Which team won, Spain or England?": the answer is one of the question's own names.
_EITHER_OR = re.compile(r"\b[A-Z][\w'’.-]*,? or (?:the )?[A-Z]")


_CURRENCY_OWNER = re.compile(
    r"\b(?:[A-Z][\w.]* ){1,2}(?=(?:dollars?|euros?|pounds|yen|yuan|rubles?|roubles?|francs?|"
    r"rupees?|pesos?|cents)\b)"
)


_ASKS_FIRM = re.compile(rf"\b(?:{_FIRM_KIND})(?:['’]s)?$")
_US_NAME = re.compile(r"U\.?S\.?(?:A\.?)?")
# Alliances and blocs of states: no company, outlet or agency
_BLOCS = {
    "nato", "csto", "eu", "un", "asean", "osce", "brics", "g7", "g20", "sco", "opec", "aukus",
    "quad", "african union", "european union", "united nations",
}  # fmt: skip


def _asks_name(word: str, question: str) -> bool:
    """True if the question names `word` as a proper name (capitalised inside it)."""
    bare = re.sub(r"['’]s$", "", word)
    return bool(bare[:1].isupper()) and re.search(rf"\b{re.escape(bare)}\b", question) is not None


def names_something(text: str, question: str, context: str = "") -> bool:
    """True if the text gives a proper name the question lacks: a run of capitalised words, a
    capitalised word inside a sentence (not a month or weekday), an acronym, or a word that
    starts a sentence and reads as a name in `context` (the text's passage: capitalised
    inside a sentence there, or capitalised twice and never in lower case). "Social media
    giants have ..." names nothing; "Pfizer said ..." does when the passage says "Pfizer's"."""
    asked = fold(question)
    # "2 million Canadian dollars": a currency's country names no team, outlet or firm
    clean = _CURRENCY_OWNER.sub("", strip_markers(text))
    # "Which media outlet ...?" is no country ("the United States", "European")
    kind = _ASKS_NAMED_THING.search(asked)
    firm = kind is not None and _ASKS_FIRM.search(kind.group(0)) is not None

    def country(name: str) -> bool:  # or a country's or region's adjective ("European")
        low = fold(name).removeprefix("the ")
        return firm and (
            _is_country(name) or low in _CITY_STATES or low in _REGIONS or is_country_adjective(low)
        )

    for run in _name_runs(clean):  # "Tidewater Cranes" for "which company ... cranes"
        words = {fold(w) for w in run} - _NO_NAME - _NAME_PARTICLES - _HONORIFICS
        # a country, an alliance, or the question's own person ("Jens Stoltenberg" for
        # "Stoltenberg") names nothing new
        if (
            country(" ".join(run))
            or (firm and fold(" ".join(run)) in _BLOCS)
            or _asks_name(run[-1], question)
        ):
            clean = clean.replace(" ".join(run), " ")
            continue
        if any(not _present(w, asked) for w in words):
            return True
    passage = strip_markers(context) if context.strip() else clean
    starts = {m.start(1) for m in _SENT_START.finditer(passage)}
    inside: set[str] = set()  # words capitalised inside a sentence of the passage or text
    counts: dict[str, int] = {}
    for m in _WORD.finditer(passage):
        word = re.sub(r"['’]s$", "", m.group(0))
        if word[:1].isupper():
            counts[word] = counts.get(word, 0) + 1
            if m.start() not in starts or (len(word) >= 2 and word.isupper()):
                inside.add(word)
    lower = {w for w in _WORD.findall(passage) if w[:1].islower()}
    for word in _WORD.findall(clean):
        word = re.sub(r"['’]s$", "", word)
        low = fold(word)
        if not any(c.isupper() for c in word) or low in _NO_NAME or country(word):
            continue
        if firm and low in _BLOCS:  # "NATO" is no outlet or company
            continue
        if _present(low, asked):
            continue
        if not word[:1].isupper():  # "eBay", "iPhone"
            return True
        if word in inside or (counts.get(word, 0) >= 2 and word.lower() not in lower):
            return True
    return False


# "Who won ...?": the answer must say who won, not list the players of the final.
_ASKS_WINNER = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:who|which (?:[\w'’-]+ ){0,2}?[\w'’-]+|what [\w'’-]+) "
    r"(?:won|wins|will win|has won|had won)\b"
)
_SAYS_WON = re.compile(
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
_ASKS_CURRENT = re.compile(
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
    r"^(?:(?:and|so|but|then) )?(?:[Ww]hat|[Ww]hich|[Hh]ow (?:many|much))(?: [a-z-]+){0,3}? "
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
_SPEECH = (
    r"(?:said|says|saying|told|tells|stated|states|claimed|claims|warned|warns|wrote|writes|"
    r"announced|announces|argued|argues|added|adds|noted|notes|stressed|insist(?:s|ed)?|urged|"
    r"asserted|assured|declared|remarked|explained|predicted|suggested|promised|admitted|"
    r"tweeted|posted|called|calls|described|describes|accused|accuses|vowed|vows|condemned|"
    r"ruled out|signall?ed|pledged|denied|rejected|dismissed|critici[sz]ed|praised|welcomed|"
    r"proposed|demanded|threatened|questioned|replied|responded|acknowledged|conceded|"
    r"confirmed|emphasi[sz]ed|reiterated|recalled|blamed|according to)"
)
SPEECH = _SPEECH  # verbs of speech, for other modules ("he said", "she warned")
_SPEAKS = re.compile(rf"\b{_SPEECH}\b|[“”\"‘]")
_SPEAKER = re.compile(
    rf"\b([A-Z][\w'’-]+) (?:(?:also|has|had|then|later|previously|further|once|famously|"
    rf"reportedly|publicly|repeatedly|recently|again|first|openly) ){{0,2}}{_SPEECH}\b|"
    # "..., said Lavrov." names a speaker; "said NATO was ..." does not
    r"\bsaid ([A-Z][\w'’-]+)\b(?=(?:\s+[A-Z][\w'’-]+)*\s*(?:[.,;:!?)]|$))|"
    # "Mark Rutte, the new Secretary General of NATO, said ...": a name, then a title
    # between commas (no verb of speech, no quote, no clause of its own), then the verb
    rf"\b([A-Z][\w'’-]+), (?:the |a |an |[A-Z])(?:(?!{_SPEECH}\b)[^,;.:“”\"!?]){{0,100}}, "
    rf"(?:also |then |later |again )?{_SPEECH}\b"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who"}
_PRONOUN_SPEAKS = re.compile(rf"\b(?:he|she|they) (?:also |has |had |then |later )?{_SPEECH}\b")


def _speakers(text: str) -> set[str]:
    """The names reported as speaking in a text ("Lavrov said", "said Lavrov"), folded."""
    found = {fold(g) for x in _SPEAKER.finditer(text) for g in x.groups() if g}
    return found - _PRONOUNS - _NO_NAME  # "he said Thursday" names no speaker


def _sentence_before(text: str, context: str) -> str:
    """The sentence just before `text` in `context`, or "" when the text is not found there."""
    at = context.find(text[:60])
    if at <= 0:
        return ""
    before = re.split(r"(?<=[.!?”\"])\s+", context[:at].rstrip())
    return before[-1] if before else ""


def quotes_speaker(text: str, question: str, context: str = "") -> bool:
    """For "What did <name> say ...?": true if the text reports speech and the speakers it
    names ("Lavrov said", "said Lavrov") include the asked one (any word of the name), or it
    names none (a pronoun may stand for them: "he said"; with `context`, the text's passage,
    "He warned ..." speaks for the speaker of the sentence before it), or it names the asked
    one and reports a pronoun's speech ("Trump's victory, which he says ..."); true for
    other questions."""
    m = _ASKS_SAID.search(question.strip())
    if m is None:
        return True
    clean = strip_markers(text)
    if not _SPEAKS.search(clean):
        return False
    names = {fold(re.sub(r"['’]s$", "", w)) for w in m["who"].split()} - _NO_NAME
    speakers = _speakers(clean)
    if not speakers and _PRONOUN_SPEAKS.search(fold(clean)) and context:
        # "He warned ..." after "Rutte emphasized ...": he is Rutte
        before = strip_markers(_sentence_before(text, context))
        speakers = _speakers(before)
        if not speakers or speakers & names:
            return True
        # Asked by a role ("Belarus's foreign minister"), the role's own name must be in the
        # text, or in the sentence that names the speaker ("Russian Foreign Minister Sergei
        # Lavrov blamed ...": not Belarus's); its title words alone ("foreign ministers
        # met") show nothing.
        proper = names - _TITLE_WORDS - {fold(w) for w in m["who"].split() if w[:1].islower()}
        if (proper or names) & {fold(w) for w in _WORD.findall(clean)}:
            return True
        return bool(proper) and all(_named_in(n, fold(before)) for n in proper)
    if not speakers or speakers & names:
        return True
    # "Rutte described ... before meeting Macron": Rutte speaks, not Macron; but in "Foreign
    # Policy wrote: Trump's victory, which he says will end the war" Trump speaks too.
    named = any(re.search(rf"\b{re.escape(n)}\b", fold(clean)) for n in names)
    return named and bool(_PRONOUN_SPEAKS.search(clean))


# "What did Putin say about Finland joining NATO?", "How did Blinken describe the ties
# between Beijing and Moscow?", "What does X think of Y?": the words asked about (Y).
_ASKS_ABOUT = re.compile(
    r"\b(?:say|said|says|tell|told|think|thinks|thought|write|wrote|writes|warn|warned|claim|"
    r"claimed|comment|commented|remark|remarked|speak|spoke|feel|felt|argue|argued)\b"
    r"(?: [a-z]+)? (?:about|of|on|regarding|concerning) (?P<topic>[^?]+)|"
    r"^(?:(?:and|so|but|then) )?how (?:did|does|do|has|have|had|would|will) "
    r"(?P<by>(?:[\w'’.-]+ ){1,4}?)(?:describe|characteri[sz]e|portray|view|see|assess) "
    r"(?P<topic2>[^?]+)",
    re.IGNORECASE,
)
# "How did the Kremlin respond to ...?": the one who responds (X).
_ASKS_RESPONSE = re.compile(
    r"^(?:(?:and|so|but|then) )?how (?:did|does|do|has|have|had|would|will) "
    r"(?P<who>(?:[\w'’.-]+ ){1,4}?)(?:respond|react|reply|answer)(?:ed)? to\b"
    r"(?P<to>[^?]*)",
    re.IGNORECASE,
)


_REACTS = re.compile(
    r"\b(?:respon\w+|react\w*|retaliat\w*|counter\w*|hit back|in turn|answer\w*|"
    r"protest\w*|summon\w*|expel\w*|sanction\w*|welcom\w+|reject\w*|backed|opposed)\b"
)


def _names(words: str) -> list[str]:
    """The capitalised words of a stretch of a question, folded, possessives dropped."""
    found = []
    for w in _WORD.findall(words):
        low = fold(re.sub(r"['’]s$", "", w))
        if w[:1].isupper() and low not in _NO_NAME:
            found.append(low)
    return found


def _named_in(name: str, folded_text: str) -> bool:
    """True if the folded text holds the name, or its stem ("Korean" for "Korea", and
    "Korea" for "Korean"), or the same country by another form ("Russian" for "Russia")."""
    if _present(name, folded_text):
        return True
    if len(name) >= 5 and _present(name[:-1], folded_text):
        return True
    countries = countries_in(name, name)
    if name in _CAPITALS:  # "Moscow" is named by "Russia"
        countries = {_CAPITALS[name]}
    return bool(countries) and bool(countries & countries_in(folded_text, folded_text))


# Capitals (and the Kremlin) that stand for their country ("Washington would step up ...")
_CAPITALS = {
    "washington": "united states", "moscow": "russia", "kremlin": "russia", "beijing": "china",
    "kyiv": "ukraine", "kiev": "ukraine", "pyongyang": "north korea", "tehran": "iran",
    "london": "united kingdom", "paris": "france", "berlin": "germany", "tokyo": "japan",
    "seoul": "south korea", "ankara": "turkey", "minsk": "belarus", "brussels": "belgium",
}  # fmt: skip
_CAPITAL_NAME = re.compile(r"\b(" + "|".join(c.title() for c in _CAPITALS) + r")\b")


def with_countries(question: str) -> str:
    """The question with capitals that stand for their country named as the country
    ("Pyongyang's help to Moscow" -> "North Korea's help to Russia"), as news writes both."""
    return _CAPITAL_NAME.sub(lambda m: _CAPITALS[m.group(1).lower()].title(), question)


# Capitalised words of titles and offices, which an article may write another way
_TITLE_WORDS = {
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
    capital counts as its country ("Washington"), so do a stem, another form of a country
    ("Korean" for "Korea"), a shared first six letters ("Frenchmen", "French") and a
    misspelling by one letter."""
    folded = fold(document)
    # "Which British sculptor ...?": the words that describe the answer are no premise
    asked = _WH_PHRASE.sub(" ", strip_markers(question))
    # "the Rutte-Trump talks" names two people; other hyphens join one word's parts
    asked = re.sub(r"(?<=[a-z])[-–/](?=[A-Z])", " and ", asked)
    words = re.findall(r"\w[\w'’.]*", re.sub(r"[-–/]", " ", asked))
    runs: list[list[str]] = []
    run: list[str] = []
    for i, raw in enumerate(words):
        w = re.sub(r"['’]s$", "", raw).strip(".'’")
        low = fold(w)
        name = (
            i > 0
            and w[:1].isupper()
            and not w.isupper()
            and low not in _NO_NAME
            and low not in _TITLE_WORDS
            and low not in _HONORIFICS
        )
        if name:
            run.append(low)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    missing = []
    for r in runs:
        last = r[-1]
        if len(r) == 1 and last in _REGION_ADJECTIVES:
            continue  # "Which of the Nordic countries ...?" describes, names nothing
        if last in _CAPITALS and _CAPITALS[last] in countries_in(document, folded):
            continue
        if _named_in(last, folded):
            continue
        if len(last) >= 7 and re.search(rf"\b{re.escape(last[:6])}", folded):
            continue  # "Frenchman" for "Frenchmen"
        if len(last) >= 6 and any(_one_edit(last, w) for w in set(_WORD.findall(folded))):
            continue  # a misspelt name: "Kllbrandon" for "Kilbrandon"
        missing.append(" ".join(r))
    return missing


def _one_edit(a: str, b: str) -> bool:
    """True if `b` is `a` with one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


_WHEN_CLAUSE = re.compile(
    r"\s(?:before|after|during|since|until|when|while|ahead of|in the run-up to)\s", re.I
)


def keeps_topic(text: str, question: str) -> bool:
    """For a question about what someone said of a named topic ("What did Putin say about
    Finland joining NATO?", "How did Blinken describe Beijing's ties with Moscow?"), true
    only if the text names the topic's first name (Finland, Beijing); for "How did the
    Kremlin respond to Y?", only if it names the one responding, as a speaker when it names
    any ("Newsweek said Trump's return ..." is no reaction of Trump's), and Y's first name.
    True for other questions and for topics without a name."""
    said = fold(strip_markers(text))
    q = question.strip()
    m = _ASKS_ABOUT.search(q)
    if m is not None and not (m["by"] and re.search(rf"\b{_DOCUMENT}\b", m["by"].lower())):
        # not "How does the report describe X?": a report's own words may say "the talks"
        # "... describe NATO before the war between Russia and Ukraine?": the time clause
        # dates the remark; its names are not what the remark is about
        topic = _WHEN_CLAUSE.split(m["topic"] or m["topic2"], 1)[0]
        if any(not _named_in(n, said) for n in _names(topic)):
            return False
    if (m := _ASKS_RESPONSE.search(q)) is not None:
        if not _SPEAKS.search(strip_markers(text)) and not _REACTS.search(said):
            return False  # a sentence with no words and no reaction tells none
        names = _names(m["who"])
        if names and not any(_named_in(n, said) for n in names):
            return False
        # "Newsweek said Trump's return ..." is no reaction of Trump's
        speakers = _speakers(strip_markers(text))
        if names and speakers and not any(_named_in(n, " ".join(speakers)) for n in names):
            return False
        # "... to Lavrov's remarks?": a reaction to them names Lavrov
        to = _names(m["to"])
        if to and not _named_in(to[0], said):
            return False
    return True


# "When did Rutte take office?", "When did Finland join NATO?": the answer dates a start.
_ASKS_START = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:when|in what year|in which year|on what date) "
    r"(?:did|does|do|will|was|were|is|has|had) [^?]*?\b(?:become|take office|take over|"
    r"assume|join|be (?:appointed|elected|named|sworn in))\b",
    re.IGNORECASE,
)
_STARTS = re.compile(
    r"\b(?:bec[oa]m(?:e|es|ing)|appointed|appointment|named|elected|election|sworn|"
    r"(?:took|take|takes|taken|taking) (?:office|over|up|the helm)|assum(?:ed|es|ing)|"
    r"join(?:ed|s|ing)?|accession|admitted|admission|absorbed|membership|since|"
    r"succeed(?:ed|s|ing)|replac(?:ed|es|ing)|inaugurat\w*|nominat\w*|tenure|installed|"
    r"entered|first (?:day|term|year)|start(?:ed|s)? (?:his|her|their|its)|began (?:his|her|"
    r"their|its))\b",
    re.IGNORECASE,
)


def dates_the_start(text: str, question: str) -> bool:
    """For "When did X become Y / take office / join Z?", true only if the text tells of a
    start ("became", "was appointed", "joined", "since"): a sentence that only calls X "the
    new Secretary General" on some date does not date the start. True for other questions."""
    if _ASKS_START.search(question.strip()) is None:
        return True
    return _STARTS.search(strip_markers(text)) is not None


# "Whom did Baerbock meet ...?", "Which city did Blinken visit ...?": the one who acts.
_ASKS_DOER = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:[Ww]ho|[Ww]hom|[Ww]hich [a-z]+|[Ww]hat [a-z]+|[Ww]here|"
    r"[Ww]hen|[Hh]ow many [a-z]+) (?:did|does|do|has|have|had|will|would) "
    r"(?P<who>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*) (?!and\b|or\b|say|tell|think)[a-z]+\b"
)


def names_the_doer(text: str, question: str, context: str = "") -> bool:
    """For "Whom did Baerbock meet?" (a named subject, then a verb), true only if the text or,
    with `context` (its passage), the sentence before it ("She met ...") names the subject:
    a sentence on whom Rutte met does not say whom Baerbock met. True for other questions."""
    m = _ASKS_DOER.search(question.strip())
    if m is None:  # not "Whom did Lind and Osaka meet?" either: two doers
        return True
    last = fold(re.sub(r"['’]s$", "", m["who"].split()[-1]))
    if last in _NO_NAME or last in _TITLE_WORDS:
        return True
    said = fold(strip_markers(text))
    if _named_in(last, said):
        return True
    pronoun = re.search(r"\b(?:he|she|they|his|her|their)\b", said) is not None
    if not context:
        return pronoun  # "She met Lind": with no passage to read, she may be the one asked
    # the sentence before; for a pronoun two, as "her" may go back one more ("X was taken.
    # Y rescued her. She gave birth ...")
    before = _sentence_before(text, context)
    if pronoun and before:
        before = f"{_sentence_before(before, context)} {before}"
    return _named_in(last, fold(strip_markers(before)))


# Words of what is ahead: plans, schedules, the future tense
_AHEAD_WORDS = (
    r"next|will|shall|upcoming|forthcoming|future|plans?|planned|planning|scheduled|expected|"
    r"due to|set to|to be held|coming|later this|intends?"
)
# Questions about an event of one kind, and the words a sentence that tells of it uses: an
# account of the last meeting does not say who hosts the next, one of a conflict how it
# ended, one of a meeting what was agreed.
_EVENTS = [
    (
        # "Which country will host the next meeting?": a future event, not the last one
        re.compile(
            r"\b(?:the|its|their) next (?!(?:day|morning|evening|night|week|month|year|time|"
            r"step|steps)\b)[\w'’-]+"
        ),
        re.compile(rf"\b(?:{_AHEAD_WORDS}|to host)\b"),
    ),
    (
        # "When are they scheduled to meet again?", "When will the talks resume?": a plan or
        # a future event, which an account of the last one does not give
        re.compile(
            r"^(?:(?:and|so|but|then) )?(?:when|where) (?:will|are|is|do|does)\b[^?]*?"
            r"\b(?:again|resume|reconvene|next time)\b|"
            r"\b(?:are|is) (?:scheduled|due|set|slated|expected|planned|planning) to (?:meet|"
            r"hold|resume|return|visit|reconvene|convene|talk)\b"
        ),
        # words ahead, or no past account of the event ("The sides reconvene on March 3."
        # and "agreed to meet in May" are plans; "met on Friday" is the last meeting)
        re.compile(
            rf"\b(?:{_AHEAD_WORDS}|would|again|resume|reconvene|soon|agreed to|slated)\b|"
            r"^(?!.*\b(?:met|held|gathered|convened|talked|discussed|visited|took place|was|were|"
            r"began|started|opened|ended|concluded|happened|occurred)\b)",
            re.S,
        ),
    ),
    (
        # "Who chaired the meeting?": a list of who attended does not say who chaired it
        re.compile(
            r"\b(?:who|(?:which|what) (?:organi[sz]ation|institute|institution|body|group|"
            r"think tank|foundation|agency|company|firm|university|outlet)) (?:chaired|presided|"
            r"moderated|convened|hosted|organi[sz]ed)\b"
        ),
        re.compile(
            r"\b(?:chair\w*|presid(?:ed|es|ing|ency)|moderat\w*|conven\w*|(?:co-)?host(?:s|ed|"
            r"ing)?|headed|led|leads|organi[sz](?:ed|er|ers|es|ing)|invit\w*|welcom\w*|called|"
            r"mediat\w*|brokered|oversaw|oversees|arranged|received|sponsored|held (?:in|at|by))\b"
        ),
    ),
    (
        # "What did Rutte do after the talks?", "Where did Blinken travel after meeting
        # Rutte?": what came next, which an account of the talks themselves does not say
        re.compile(
            r"^(?:(?:and|so|but|then) )?(?:what|where) (?:did|does|will|would) [^?]*?\b"
            r"(?:do|go|travel|head|fly|move|turn) (?:after|following|once|next)\b"
        ),
        re.compile(
            r"\b(?:after|afterwards?|then|later|following|next|subsequently|went on|going on|"
            r"before heading|on to|onward|thereafter|once)\b"
        ),
    ),
    (
        # "How did the conflict end?", "How did the talks conclude?"
        re.compile(r"^(?:(?:and|so|but|then) )?how did [^?]+? (?:end|conclude|finish)\??$"),
        re.compile(
            r"\b(?:end(?:ed|s|ing)?|ceasefire|truce|peace|armistice|agreement|accord|deal|"
            r"treaty|victory|won|defeat(?:ed)?|lost|surrender\w*|conclu\w+|resolv\w+|"
            r"settle\w*|withdr[ae]w\w*|finish\w*|collaps\w+|broke (?:off|down))\b"
        ),
    ),
    (
        # "What post did she hold before becoming spokesperson?": an earlier post
        re.compile(
            r"\bbefore (?:(?:he|she|they) )?(?:becoming|became|joining|joined|"
            r"(?:being|was|were) (?:named|appointed|elected)|taking|took)\b"
        ),
        re.compile(
            # an earlier role told: "formerly", "served as", "was mayor of"; not any "was"
            # or "before" ("in the months before Trump's return")
            r"\b(?:former(?:ly)?|previously|earlier|prior|until|ex|used to|once|served as|"
            r"(?:was|were|had been) (?:the |a |an )?(?:[\w'’-]+ ){0,3}?(?:minister|premier|"
            r"president|chancellor|governor|mayor|ambassador|secretary|chief|head|leader|"
            r"director|chair\w*|commander|general|member|senator|envoy|spokes\w+|manager|"
            r"editor|officer|adviser|advisor|inspector|pm))\b"
        ),
    ),
    (
        # "Who will succeed Blinken?", "Whom does Trump plan to appoint as ambassador?"
        re.compile(r"\b(?:succeed|replace|successor|appoint|nominate)\b"),
        re.compile(
            r"\b(?:succeed\w*|replac\w*|successor|nominat\w*|nominee|pick\w*|tapped|named|"
            r"names|appoint\w*|chos[ea]n?|choose|tipped|t[ao]ok over|takes over|take over)\b"
        ),
    ),
    (
        # "Who were the informed sources Foreign Policy cited?": a sentence that tells of
        # no source, or keeps them anonymous ("Citing informed sources, ..."), does not say
        # who they were ("Who is the source of the gas?" and "Who cited anonymous sources?"
        # ask no such thing)
        re.compile(
            r"\bwho (?:were|are) (?:the |its |their |[\w'’]+['’]s )?(?:[\w-]+ )?sources\b|"
            r"\bwhich (?:[\w-]+ )?(?:officials|people|experts|insiders|diplomats|sources)\b"
            r"[^?]*\bas (?:its|their|his|her|the) sources?\b"
        ),
        re.compile(
            r"^(?=.*\b(?:sources?|citing|cited|according to|told|quoted|quoting|interviewed|"
            r"spoke|speaking|briefed|came from|reported|said)\b)"
            r"(?!.*(?:\b(?:informed|unnamed|anonymous|unidentified|undisclosed) (?:sources?|"
            r"officials?|people)\b|\b(?:sources?|people) (?:familiar|close) (?:with|to)\b))|"
            r"\bsources?,? (?:such as|including|like|namely)\b",
            re.S,
        ),
    ),
    (
        # "What did Rutte and Macron agree on?" (not "X has agreed to buy Y": an act)
        re.compile(
            r"\bagreed? (?:on|upon)\b|\bagreed? to\?|"
            r"\b(?:what|which) (?:[\w-]+ ){0,2}(?:agreements?|deals?|accords?|pacts?)\b"
        ),
        re.compile(
            r"\b(?:agree\w*|deal|accord|consensus|pact|signed|treaty|commit\w*|pledg\w*|"
            r"settled|joint (?:statement|declaration|communique))\b"
        ),
    ),
    (
        # "Which weapons did Macron promise?", "What specific arms has North Korea supplied?":
        # a kind of weapon, which "aid" or "military cooperation" does not name
        re.compile(
            r"\b(?:what|which) (?:[\w-]+ ){0,2}(?:weapons?|weaponry|arms|munitions|armaments|"
            r"military (?:equipment|hardware|supplies))\b"
        ),
        re.compile(
            r"\b(?:missiles?|rockets?|shells?|artillery|ammunition|munitions|drones?|"
            r"(?<!think )tanks?|"
            r"jets?|fighters?|aircraft|planes?|helicopters?|howitzers?|rifles?|guns?|grenades?|"
            r"mines|launchers?|warheads?|bombs?|torpedoes|air defen[cs]es?|armou?red vehicles?|"
            r"warships?|submarines?|f-\d+|patriots?|himars|atacms|javelins?|stingers?|"
            r"leopards?|abrams|bradleys?|storm shadow|scalp|taurus)\b"
        ),
    ),
]


# "What did Trump promise Rutte?", "What did Dickinson recommend the allies do?", "What did
# Rutte offer in exchange?": the content of that act, which a sentence that does not tell of
# it (or of a plan, "would") lacks. The verb is the question's own, after "did X".
_ASKED_ACT = (
    r"^(?:(?:and|so|but|then) )?(?:what|which|how much|how many)\b[^?]*?"
    r"\b(?:did|does|do|has|have|had|will|would)\s+(?:[\w'’.-]+\s+){{1,5}}?"
    # the act is the verb after its subject, not a noun ("What did the offer include?")
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )(?:{})\b"
)
_ACTS = [
    (
        "promised?|pledged?|vow(?:ed)?|guaranteed?",
        r"promis\w*|pledg\w*|vow\w*|guarantee\w*|commit\w*|assur\w*|announc\w*|earmark\w*|"
        r"will|would|won't|'d|’d",
    ),
    ("offer(?:ed)?", r"offer\w*|propos\w*|suggest\w*|agree\w*|in exchange|in return"),
    (
        "recommend(?:ed)?|advised?|suggest(?:ed)?",
        r"recommend\w*|advis\w*|advice|suggest\w*|urg\w*|want\w*|told [\w ]{1,30}? to|"
        r"call(?:s|ed|ing)? (?:on|for|upon)|should|must|ought|need to|propos\w*",
    ),
    (
        "demand(?:ed)?|request(?:ed)?",
        r"demand\w*|request\w*|ask\w*|insist\w*|call(?:s|ed|ing)? (?:on|for|upon)|urg\w*|"
        r"press\w*|push\w*|want\w*|need\w*|must|should",
    ),
    (
        "propose[d]?",
        r"propos\w*|suggest\w*|offer\w*|call(?:s|ed|ing)? for|urg\w*|recommend\w*|plan\w*|idea",
    ),
    (
        # "What joint document did the ministers adopt?": a sentence telling of adopting it
        "adopt(?:ed)?|approved?|endorsed?|ratif(?:y|ied)",
        r"adopt\w*|approv\w*|endors\w*|ratif\w*|sign\w*|pass(?:ed|es)|agree\w*|issu\w*|"
        r"unanimous\w*|vot\w*",
    ),
]
_EVENTS += [
    (re.compile(_ASKED_ACT.format(asks)), re.compile(rf"\b(?:{tells})\b")) for asks, tells in _ACTS
]


def tells_the_event(text: str, question: str) -> bool:
    """For a question about "the next meeting", what someone did after something, how
    something ended, an earlier post ("before becoming"), a successor, what was agreed or
    which weapons, true only if the text tells of that kind of event (`_EVENTS`): "will",
    "then", "ended", "previously", "named", "agreed", "missiles". True for other questions."""
    q = fold(question).strip()
    said = fold(strip_markers(text))
    return all(tells.search(said) for asks, tells in _EVENTS if asks.search(q))


# "How much did the United States spend on its military in 2023?": whose amount is asked
_ASKS_SPENDING = re.compile(
    r"\bhow much (?:money )?(?:did|does|do|will|would|has|have|had) (?P<who>(?:[\w.'’-]+ ){1,7}?)"
    r"(?:spend|pay|invest|allocate|budget|contribute|give|earn|raise)\b",
    re.IGNORECASE,
)


# "According to Russian media reports, ..." opening a sentence, with no spending in it
_ATTRIBUTION = re.compile(
    r"^\W*(?:according to|citing|per)\b(?:(?!spen[dt]|paid|pays?\b|invest)[^,;]){1,80},",
    re.IGNORECASE,
)


def names_the_spender(text: str, question: str) -> bool:
    """For "How much did <X> spend ...?", false if the text gives its amount after naming
    others but not X: "the expenditure of NATO member states will reach 1.3 trillion US
    dollars" does not say what the United States spent ("US dollars" names a currency) nor
    what "the European members together" did. X is the last run of names before the verb
    ("ABC" of "did Walt Disney want ABC to invest"), found by any of its forms (`_named_in`),
    its capital ("Washington") or its initials ("the EU"); it may also follow the amount as
    "by X" or "from X". True when the amount comes first or after no name ("It spent $5
    billion"), and for other questions."""
    m = _ASKS_SPENDING.search(question)
    if m is None:
        return True
    clean = _CURRENCY_OWNER.sub("", strip_markers(text))
    amount = re.search(_answer_pattern("money").pattern, clean, re.IGNORECASE)
    if amount is None:
        return True
    # "According to Russian media reports, ...": the source of the figure is no spender
    before = _ATTRIBUTION.sub(" ", clean[: amount.start()])
    if not _names(before):
        return True  # "It spent ...": who spends is in the sentences before
    runs = re.findall(r"(?:\b[A-Z][\w.'’-]*\s+)+", m["who"])
    spender = [w for w in _names(runs[-1] if runs else m["who"]) if w not in _TITLE_WORDS]
    countries = countries_in(" ".join(spender), " ".join(spender))
    initials = "".join(w[0] for w in spender if len(spender) > 1)

    def named(part: str) -> bool:
        folded = fold(part)
        if initials and re.search(rf"\b{initials}\b", folded):
            return True
        if countries and (
            countries & countries_in(part, folded)
            or any(c in countries and re.search(rf"\b{t}\b", folded) for t, c in _CAPITALS.items())
        ):
            return True
        return all(_named_in(w, folded) for w in spender)

    after = re.match(r"[^.;]{0,40}?\b(?:by|from)\s+([^,.;]{1,60})", clean[amount.end() :])
    return named(before) or (after is not None and named(after.group(1)))


def contradicts_nationality(text: str, question: str) -> bool:
    """True if the question pins a thing to a country by adjective ("Which French minister
    ...?") and the text opens with the same thing of another country ("German Foreign
    Minister ...") without naming the asked one."""
    q = [fold(w) for w in _WORD.findall(strip_markers(question))]
    pinned = [
        (w, q[i + 1])
        for i, w in enumerate(q[:-1])
        if is_country_adjective(w) and not is_country_adjective(q[i + 1])
    ]
    if not pinned:
        return False
    clean = strip_markers(text)
    said = [fold(w) for w in _WORD.findall(clean)]
    named = countries_in(clean, fold(clean))
    # Only the sentence's subject counts: "German Foreign Minister X urged ..." (the first
    # two words), not a second party ("... met Ukrainian Foreign Minister Y").
    for i in range(min(2, len(said))):
        if not is_country_adjective(said[i]):
            continue
        for adjective, noun in pinned:
            if (
                said[i] != adjective
                and not countries_in(adjective, adjective) & named
                and any(x in (noun, noun + "s") for x in said[i + 1 : i + 4])
            ):
                return True
    return False


def keeps_constraints(text: str, question: str, context: str = "") -> bool:
    """True unless the text misses what the question pins its answer to: the office of "Who
    is the president of X?" or "... lead as prime minister?" (named word for word), the rank
    of "Which member ranks second?", for a question about someone any name the question
    lacks, and for one whose answer must be a person ("Who is the CEO of X?") a person's
    name (`names_a_person`, read with `context`, the text's passage); a named thing for
    "Which company ...?" (`names_something`); a win for "Who won ...?"; and for "Who is
    the CEO ...?" a holder still in office (`names_current_holder`)."""
    q = fold(question).strip()
    said = fold(strip_markers(text)).replace("-", " ")
    if (m := _ASKS_OFFICE.search(q)) is not None:
        role = (m.group("role") or m.group("role2")).replace("-", " ")
        if not re.search(rf"\b{re.escape(role)}s?\b", said):
            return False
    if (m := _ASKS_RANK.search(q)) is not None:
        rank = m.group(1) or m.group(2)
        digits = _ORDINAL_DIGITS.get(rank, "")
        if not re.search(rf"\b{rank}\b", said) and not (
            digits and re.search(rf"\b{digits}(st|nd|rd|th)\b", said)
        ):
            return False
    if _ASKS_NAMED_PERSON.search(q) and not names_a_person(text, question, context):
        return False
    if (m := _ASKS_CURRENT.search(q)) is not None and not names_current_holder(text, m["role"]):
        return False
    called = _ASKS_CALLED.search(q) is not None
    if (
        (called or _ASKS_NAMED_THING.search(q))
        and not _EITHER_OR.search(question)
        and not names_something(text, question, context)
        and not (called and _gives_term(text, question))
    ):
        return False
    if _ASKS_TERM.search(q) and not _gives_term(text, question):
        return False
    if _ASKS_WINNER.search(q) and not _SAYS_WON.search(said):
        return False
    if not names_role_itself(text, question) or not quotes_speaker(text, question, context):
        return False
    if not keeps_topic(text, question) or not dates_the_start(text, question):
        return False
    if not names_the_doer(text, question, context) or not tells_the_event(text, question):
        return False
    if contradicts_nationality(text, question) or not names_the_spender(text, question):
        return False
    if not names_the_described(text, question):
        return False
    return not _ASKS_PERSON.search(q) or names_someone(text, question)


_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d.,]?\d)")


# "On what date in 2023 ...?", "when in 2021 ...?": the year the asked date falls in.
_WHEN_IN_YEAR = re.compile(
    r"\b(?:date|day|month|week|weekend|time|when) (?:in|of|during) (?:early |late |mid-?)?"
    r"((?:1[89]|20)\d\d)\b"
)
# The year of a date: "July 14, 2024", "14 July 2024", "in March 2023", "2024-07-14".
_DATED_YEAR = re.compile(
    rf"\b(?:{_MONTH_RE}|{_MONTH_ABBR})\.? (?:\d{{1,2}}(?:st|nd|rd|th)?,? )?((?:1[89]|20)\d\d)\b|"
    rf"\b\d{{1,2}} (?:{_MONTH_RE}|{_MONTH_ABBR})\.?,? ((?:1[89]|20)\d\d)\b|"
    r"\b((?:1[89]|20)\d\d)-\d\d-\d\d\b"
)
# "How old was she in 1884?" against "Born in 1856, she was 28": other years are expected.
_AGE_OR_SPAN = re.compile(r"\bhow (old|long|far|often)\b|\bhow many (years|decades|centuries)\b")


def contradicts_year(text: str, question: str, context: str = "") -> bool:
    """True if the question names a year, the text names years, and none is the asked one
    ("Who won in 2019?" against "Osaka, the 2018 champion"). For questions that ask for a
    year, date, month or time only a year the answer must fall in counts ("On what date in
    2023 ...?" against "On July 14, 2024"): their answer may itself be another year ("In what
    year did the 2018 champion retire?"). So is a number question, unless the text gives a
    number besides its years: "How much was spent in 2022?" against "1.3 trillion in 2023",
    but not against "2000 troops were sent" (a four-digit count)."""
    asked = set(_YEAR.findall(question))
    kind = answer_type(question)
    clean = strip_markers(text)
    if kind in ("year", "date", "day", "month", "time", "monthday", "clock", "weekday"):
        # Only a year the answer must fall in counts ("On what date in 2023 ...?"), against
        # the years of the text's dates ("on July 14, 2024"), not background ("since 1981").
        asked = set(_WHEN_IN_YEAR.findall(fold(question)))
        dated = {y for found in _DATED_YEAR.findall(fold(clean)) for y in found if y}
        return bool(asked) and bool(dated) and not (dated & asked)
    if not asked:
        return False
    said = set(_YEAR.findall(clean))
    if kind in ("number", "money", "duration", "percent") and (
        _AGE_OR_SPAN.search(fold(question)) or not _NUMBER.search(_YEAR.sub(" ", clean))
    ):
        return False
    if not said and context:
        # "Gurnah is being awarded the Nobel Prize" for "the 2018 prize", in a passage about
        # one year; a passage with several years (background: "joined in 1976") says nothing.
        years = set(_YEAR.findall(strip_markers(context)))
        said = years if len(years) == 1 else set()
    return bool(said) and not (said & asked)


# Numbered things in a sequence: "season 4", "the fourth season", "Game 7", "Pixel 6".
_SEQUENCE = (
    r"(?:season|episode|stage|round|game|chapter|part|series|volume|phase|leg|match|term|"
    r"edition|generation|version|level|step|act|wave|quarter|half|day|week)"
)
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(_ORDINALS.split("|")[:20])}
_CARDINALS = (  # noqa: SIM905 - a word list reads better as text
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_SEQUENCE_IN_WORDS = re.compile(rf"\b({_SEQUENCE}) ({'|'.join(_CARDINALS)})\b(?!-)")
_LABELLED = re.compile(r"\b([A-Za-z][\w'’-]*) (\d{1,3})\b(?![.,:/-]?\d|%| ?percent)")
_ORDINAL_OF = re.compile(
    rf"\b({_ORDINALS.rsplit('|', 1)[0]}|\d{{1,3}}(?:st|nd|rd|th))[- ](?:[\w-]+ ){{0,2}}?"
    rf"({_SEQUENCE})s?\b"
)


def _labels(text: str, named_only: bool) -> set[tuple[str, int]]:
    """(thing, number) pairs: "Season 11" and "the eleventh season" both give ("season",
    11); with `named_only`, other words count only if capitalised ("Pixel 6", not "at 6")."""
    out: set[tuple[str, int]] = set()
    for m in _LABELLED.finditer(text):
        word = fold(m.group(1))
        if word in _NO_NAME:
            continue
        if re.fullmatch(_SEQUENCE, word) or not named_only or any(c.isupper() for c in m[1]):
            out.add((word, int(m.group(2))))
    for m in _ORDINAL_OF.finditer(fold(text)):
        n = _ORDINAL_WORDS.get(m.group(1)) or int(re.sub(r"\D", "", m.group(1)))
        out.add((m.group(2), n))
    for m in _SEQUENCE_IN_WORDS.finditer(fold(text)):  # "stage five", "Game One"
        out.add((m.group(1), _CARDINALS.index(m.group(2)) + 1))
    return out


def contradicts_label(text: str, question: str) -> bool:
    """True if the question names a numbered thing ("season 4", "the first season", "Pixel
    6") and the text names the same thing only with other numbers ("the tenth season",
    "Pixel 7"): a sentence about another episode, model or round."""
    asked = _labels(strip_markers(question), named_only=True)
    if not asked:
        return False
    said = _labels(strip_markers(text), named_only=False)
    for thing, n in asked:
        others = {m for t, m in said if t == thing}
        if others and n not in others:
            return True
    return False


# "after the war" against "before the war": the other side of the same event.
_ORDER = re.compile(
    r"\b(before|prior to|ahead of|until|after|following|since|in the wake of)\s+"
    r"(?:the |a |an |his |her |its |their |this |that )?([\w'’-]+)"
)
_EARLIER = {"before", "prior to", "ahead of", "until"}


def contradicts_order(text: str, question: str) -> bool:
    """True if the question asks about the time after an event ("What happened after the
    war broke out?") and the text tells of the time before it ("Before the war, ...") and
    not after it, or the other way round."""
    asked = {(m[1] in _EARLIER, m[2]) for m in _ORDER.finditer(fold(question))}
    if not asked:
        return False
    said = {(m[1] in _EARLIER, m[2]) for m in _ORDER.finditer(fold(strip_markers(text)))}
    return any((not side, word) in said and (side, word) not in said for side, word in asked)


# "a 7.0-magnitude earthquake", "200,000 pickup trucks", "13%": a quantity of something; an
# approximate one ("more than 1,000 people") pins nothing exact.
_QUANTITY = re.compile(
    r"(?<![\w.,$€£])(\d+(?:[.,]\d+)*)(?:[- ]?(%|percent\b|per cent\b)|[- ]([a-z][a-z-]+))|"
    r"\b(magnitude|level|category|grade|class|size|speed|rate|score)[- ](\d+(?:\.\d+)?)\b"
)
_APPROXIMATELY = re.compile(
    r"(?:more than|over|at least|about|around|nearly|almost|roughly|approximately|some|up to|"
    r"less than|under|fewer than|below|above|close to|upwards of|just over|just under|"
    r"an estimated|estimated|~)\s*[$€£]?$"
)
_NOT_UNIT = {"and", "or", "to", "of", "in", "on", "at", "by", "for", "from", "the", "a", "an",
             "years", "year", "am", "pm", "st", "nd", "rd", "th"}  # fmt: skip


def _quantities(text: str, exact_only: bool) -> set[tuple[str, float]]:
    """(unit, value) pairs: "7.0-magnitude" and "magnitude 7" both give ("magnitude", 7.0)."""
    out: set[tuple[str, float]] = set()
    clean = strip_markers(text)
    for m in _QUANTITY.finditer(clean):
        if m.group(4):
            unit, number = m.group(4), m.group(5)
        else:
            number, unit = m.group(1), "%" if m.group(2) else m.group(3)
            if unit in _NOT_UNIT or unit in _MONTHS or unit in _WEEKDAYS:
                continue
            if _YEAR.fullmatch(number) and unit != "%":
                continue
        if exact_only and _APPROXIMATELY.search(fold(clean[: m.start()]).rstrip()):
            continue
        try:
            value = float(number.replace(",", ""))
        except ValueError:
            continue
        out.add((unit.rstrip("s") if len(unit) > 3 else unit, value))
    return out


def contradicts_quantity(text: str, question: str) -> bool:
    """True if the question gives an exact quantity of something ("a 7.0-magnitude
    earthquake", "13% inflation") and the text gives that thing only in other amounts
    ("magnitude-7.8"): a sentence about another event. "More than 1,000 people" pins
    nothing exact."""
    asked = _quantities(question, exact_only=True)
    if not asked:
        return False
    said = _quantities(text, exact_only=False)
    for unit, value in asked:
        others = {v for u, v in said if u == unit}
        if others and value not in others:
            return True
    return False


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
    rf"giving|small business) ({'|'.join(_WEEKDAYS)})\b|\b({'|'.join(_WEEKDAYS)})s\b"
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
    days = {w for w in _WEEKDAYS if re.search(rf"\b{w}\b", said)}
    if len(days) != 1 or _AHEAD.search(said) or not _PAST.search(said):
        return None
    if _NAMED_DAY.search(said) or set(_YEAR.findall(said)) - {str(day.year)}:
        return None  # "Good Friday", "every Friday", "on a Sunday in 2019"
    (weekday,) = days
    back = (day.weekday() - _WEEKDAYS.index(weekday)) % 7
    if back == 0 and re.search(rf"\blast {weekday}\b", said):
        back = 7
    return day - datetime.timedelta(days=back)


def answer_type(question: str) -> str | None:
    """The kind of answer a question asks for (monthday, clock, weekday, date, year, month,
    money, duration, percent, number, reason, country, time), if any."""
    q = fold(question)
    for name, asks, _ in _ANSWER_TYPES:
        if asks.search(q):
            return name
    return None


def _answer_pattern(kind: str) -> re.Pattern[str]:
    """How an answer of `kind` (a name in `_ANSWER_TYPES`) looks in folded text."""
    return next(p for name, _, p in _ANSWER_TYPES if name == kind)


def gives_date(text: str) -> bool:
    """True if the text names a calendar date ("June 21", "21 June 2024", "2024-06-21")."""
    return bool(_answer_pattern("date").search(fold(strip_markers(text))))


# "How long after the vote ...?" asks for a span from an event; "a day after X" answers it
_ASKS_SPAN_FROM = re.compile(r"\bhow long (?:after|before|ago|earlier|later|prior)\b")
_FROM_EVENT = re.compile(r"\s+(?:after|before|later|earlier|ago|prior to|on)\b")


def has_answer_type(text: str, question: str) -> bool:
    """True if the text holds an answer of the question's kind that the question lacks."""
    kind = answer_type(question)
    if kind == "country":  # "Russia" is the question's "Russian"
        clean = strip_markers(text)
        return bool(countries_in(clean, fold(clean)) - countries_in(question, fold(question)))
    if kind is None:
        if _ASKS_TOWN.search(fold(question)):  # "which city": a named spot, not a continent
            return names_a_town(text, question)
        if _ASKS_VENUE.search(fold(question)):  # "where was it held?": no continent either
            return names_a_venue(text, question)
        return True
    pattern = _answer_pattern(kind)
    folded = fold(strip_markers(text))
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
