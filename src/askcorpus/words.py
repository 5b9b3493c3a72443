"""Word lists and text folding shared by the citation and answer checks."""

from __future__ import annotations

import re
import unicodedata

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A time before a sentence's subject: "On Friday, Russian Foreign Minister Sergei Lavrov ..."
OPENING_TIME = re.compile(
    r"^\W*(?:on|in|at|last|this|early|late|earlier|later)\b[^,]{0,30}(?:,\s*\d{4})?,\s*",
    re.IGNORECASE,
)
SENT_START = re.compile(r"(?:^|[.!?:]\s+|\n)([A-Z][\w'’-]*)")
MONTHS = {
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
FUNCTION_WORDS = {
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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Capitalised words that name nothing by themselves.
NO_NAME = FUNCTION_WORDS | MONTHS | set(WEEKDAYS)
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    "hundred|thousand|million|billion|trillion|dozen|half|quarter|percent|per cent"
)
MONTH_RE = "|".join(sorted(MONTHS))
MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "thirtieth"
)


# A sentence that opens with a pronoun leans on the one before ("It is the fastest growing
# sector ...", "Both countries have abandoned ...").
ANAPHOR = re.compile(
    r"^[\"'“‘(]?(It|Its|This|These|Those|He|She|They|His|Her|Their|Such|Both|The two\b(?!-)|"
    r"Each\b(?! (?:year|day|week|month|time)))\b"
)
