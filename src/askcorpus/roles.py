"""A person's role: asked for ("What is Farah Dakhlallah's job?", "What title does the report
give Donald Trump?") and told by the title a text gives the person ("NATO spokesperson Farah
Dakhlallah", "Mark Rutte, the new Secretary General of NATO,").

Such a question shares few words with the sentence that answers it, so it scores low; the
title standing by the person's name is the answer, and a sentence that gives none does not
answer it.
"""

from __future__ import annotations

import re

from askcorpus.cite import strip_markers
from askcorpus.names import TITLE_WORDS
from askcorpus.words import FUNCTION_WORDS, fold

# The words that ask for a role ("What is her job?" of a follow-up reads them too)
ROLE = r"(?:job|role|title|position|post|office|occupation|profession|function)"
# "What government post ...?", "What official title ...?": the kind of role, same question
ROLE_KIND = r"(?:(?:government|official|formal|political|current|diplomatic|exact|main) )?"
# A person's name: two to four capitalised words ("Farah Dakhlallah", "Antony Blinken")
_PERSON = r"(?P<person>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3})"
# or, where the question says it asks of a person's title in a text, a surname alone
_NAMED = r"(?P<person>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3})"
# The questions, whole: "What is X's job?", "What is the title of X?", "What post does X
# hold?", "What title does the report give X (as ...)?". No other, former, next or earlier
# role, and no role at another time ("before", "in 2019"): those the text may not tell. Only
# the question's own words ignore case: a name is capitalised ("the Kremlin's position" is
# no person's).
_WHAT = r"^(?i:(?:and |so )?what)"
# "as he was ...", "at the time of his first term", "in 2005": another time
_LATER = r"(?![^?]*\b(?:was|were|former|formerly|earlier|previous|previously|before|first|\d{4})\b)"
_ASKS = (
    re.compile(rf"{_WHAT}(?i:(?: is|['’]s)) {_PERSON}['’]s? (?i:{ROLE})\??$"),
    re.compile(rf"{_WHAT}(?i: is the {ROLE} of) {_PERSON}\??$"),
    re.compile(rf"{_WHAT}(?i: {ROLE_KIND}{ROLE} does) {_PERSON}(?i: (?:hold|have|occupy))\??$"),
    re.compile(
        rf"{_WHAT}(?i: {ROLE} does the (?:article|report|story|piece|text) "
        rf"(?:[\w-]+ ){{0,3}}?give) {_NAMED}"
        rf"(?i:(?: (?:as|while|at the time of) {_LATER}[^?]*)?)\??$"
    ),
)
# Words that may stand in a title before a name: capitalised words ("NATO", "US", "Foreign"),
# title words in lower case ("spokesperson") and the "of" of "Secretary of State"
_TITLE_WORD = re.compile(r"^(?:[A-Z][\w.&-]*|of|[a-z-]+)$")


def asked_person(question: str) -> str | None:
    """The person whose role the question asks, or None for other questions."""
    q = question.strip()
    for pattern in _ASKS:
        m = pattern.match(q)
        if m is not None:
            return m["person"].removesuffix("'s").removesuffix("’s")
    return None


# The nouns of titles ("spokesperson", "Secretary-General"), not their other words ("elect" in
# "would not elect Trump", "first", "state")
_TITLE_NOUNS = frozenset(
    (  # noqa: SIM905
        "president minister secretary general chancellor spokesperson spokesman spokeswoman "
        "ambassador director fellow chief leader head king queen pope premier envoy"
    ).split()
)


def _is_title(word: str) -> bool:
    return any(part in _TITLE_NOUNS for part in fold(word).split("-"))


def title_of(person: str, text: str) -> str | None:
    """The title the text gives the person, right before the name ("US Secretary of State
    Antony Blinken": "US Secretary of State") or as an apposition after it ("Mark Rutte, the
    new Secretary General of NATO,"); None if it gives none."""
    clean = strip_markers(text)
    last = person.split()[-1]
    first = person.split()[0]
    for m in re.finditer(rf"\b(?:{re.escape(first)} )?{re.escape(last)}\b", clean):
        before = clean[: m.start()].split()
        if (
            len(person.split()) > 1
            and not m.group(0).startswith(first)
            and before
            and before[-1][:1].isupper()
            and not _is_title(before[-1])
            and fold(before[-1]) not in FUNCTION_WORDS
        ):
            continue  # "Joe Biden" is not "Jill Biden"
        run: list[str] = []
        for word in reversed(before[-6:]):
            folded = fold(word)
            if word != "of" and (
                folded in FUNCTION_WORDS  # "Since NATO Secretary-General ...": after it
                or not _TITLE_WORD.match(word)
                or (word.islower() and not (_is_title(word) or folded in TITLE_WORDS))
            ):
                break
            run.insert(0, word)
        while run and run[0] == "of":
            run.pop(0)
        if any(_is_title(w) for w in run):
            return " ".join(run)
        after = re.match(
            r",\s+(?:the |a |an )?((?:[\w.&()-]+ ){0,12}?[\w.&()-]+),", clean[m.end() :]
        )
        if (
            after is not None
            and fold(after[1].split()[0]) not in FUNCTION_WORDS  # not ", who met the President,"
            and any(_is_title(w) for w in after[1].split()[:4])
        ):
            return after[1]
    return None
