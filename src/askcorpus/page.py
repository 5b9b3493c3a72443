"""Questions about a news page's parts rather than its story: the headline, the time stamp,
the photo credit, the sources line and the links to other stories.

The loader drops the last three from the text (they are no news) and keeps them in
`Document.meta` (photo, sources, related); the headline is the document's title and the time
stamp a dateline at its head. A question that asks for one of them ("Which agency is
credited as a source of the report?") is answered with that part of the best-matching
article, quoted whole.
"""

from __future__ import annotations

import re

from askcorpus.bm25 import tokenize
from askcorpus.cite import adds_key_content
from askcorpus.kinds import has_answer_type
from askcorpus.load import Document
from askcorpus.words import fold

_DOCUMENT = r"(?:report|article|story|piece|page|post|news item)"
# The order matters: "the related headline" asks for a link, not for the page's headline.
# Each asks about this page: "the headline" (one, not "headlines in Russian media"), "the
# headline of the report on X", not "What headline did the Washington Post use?".
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "related",
        re.compile(
            r"\brelated (?:headline|story|article|link|report)s?\b|"
            r"\b(?:headline|story|article|link)s? linked\b|"
            r"\blinked (?:headline|story|article)s?\b|\bsee also\b"
        ),
    ),
    (
        "title",
        re.compile(
            r"\b(?:in|of|from|does|did|do) the head ?line\b(?![ -](?:figure|number|rate|"
            r"inflation|target|goal|grabbing)\b)|"
            rf"\bthe head ?line of (?:the|this|that) (?:[\w'’-]+ ){{0,4}}?{_DOCUMENT}\b|"
            rf"\b{_DOCUMENT}['’]s head ?line\b"
        ),
    ),
    (
        # a credit or caption, not "the images taken on Monday" or "who took the picture"
        "photo",
        re.compile(
            r"\b(?:photo|photograph|picture|image)s?\b.{0,80}\b(?:credit|credited|caption|"
            r"captioned)\b|\b(?:credit|credited|caption|captioned)\b.{0,80}\b(?:photo|"
            r"photograph|picture|image)s?\b"
        ),
    ),
    (
        # the page's sources line, not who the sources of a report were
        "sources",
        re.compile(
            r"\b(?:credited|listed) (?:as|among) (?:a |an |the |its )?sources?\b|"
            rf"\bsources? (?:listed|credited|given) (?:for|by|at the end of|in) (?:the|this|"
            rf"that) (?:[\w-]+ ){{0,2}}{_DOCUMENT}\b|\bsources? line\b|"
            # "What are the sources of the report?"; "Who were its sources?" asks for people
            rf"^what (?:are|were|is) the sources? (?:of|for|behind) (?:the|this|that) "
            rf"(?:[\w-]+ ){{0,2}}{_DOCUMENT}\b"
        ),
    ),
    (
        "time",
        re.compile(
            rf"\b{_DOCUMENT}\b[^?]{{0,80}}\b(?:time[- ]?)?stamped\b|\btime ?stamp\b|"
            rf"\b(?:what|which) time (?:was|is|did) (?:the|this|that) (?:[\w'’-]+ ){{0,4}}?"
            rf"{_DOCUMENT} (?:published|posted|filed|stamped)\b"
        ),
    ),
)
# A clock time: "12:14 pm", "09:30", "3 p.m.".
_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2} ?[ap]\.?m\b\.?", re.I)
# A dateline: a short line with a date or a label ("June 21, 2024 Hour: 12:14 pm",
# "Updated 09:30 GMT"), not a sentence of the story ("A missile struck Kyiv at 10:45.").
_DATELINE = re.compile(
    r"\b(?:hour|updated|published|posted|last modified)\b|\b\d{4}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d",
    re.I,
)
_DATELINE_WORDS = 12
_HEAD_CHARS = 400  # a page's time stamp sits at its head, before the story


def _is_dateline(line: str) -> bool:
    text = line.strip()
    return (
        len(text.split()) <= _DATELINE_WORDS
        and not text.endswith(".")
        and _DATELINE.search(text) is not None
    )


LABELS = {
    "title": "The article's headline is",
    "time": "The article is stamped",
    "photo": "The article's photo caption reads",
    "sources": "The article's sources line reads",
    "related": "The article links to another story:",
}


def asked_part(question: str) -> str | None:
    """The page part a question asks about (title, time, photo, sources, related), if any."""
    q = fold(question)
    return next((name for name, pattern in _ASKS if pattern.search(q)), None)


def part_lines(doc: Document, part: str) -> list[str]:
    """The lines of a document that are the given page part (none if the page lacks it)."""
    if part == "title":
        return [doc.title] if doc.title.strip() else []
    if part == "time":
        head = doc.text[:_HEAD_CHARS].split("\n")
        return [line.strip() for line in head if _STAMP.search(line) and _is_dateline(line)][:1]
    return [line for line in doc.meta.get(part, "").split("\n") if line.strip()]


def whole(doc: Document) -> str:
    """The whole page as text: title, story and the parts kept beside it."""
    return "\n".join([f"{doc.title}. {doc.text}", *doc.meta.values()])


# Capitalised words just before "headline" qualify it: "the Atlantic Council headline" is
# a heading of that name, not the page's headline unless that holds the name too.
_QUALIFIED = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,4})head ?line", re.UNICODE)
# The label of a part ("Sources: TASS", "Hour: 12:14 pm") is no answer.
_LABEL = re.compile(r"\b(sources?|photos?|images?|hour|credit)\s*:", re.I)
_NOT_QUALIFIERS = {"the", "a", "an", "in", "what", "which", "this", "that", "its", "according"}


def answers(line: str, part: str, question: str) -> bool:
    """True if a page part's line can answer the question: it holds the kind of answer asked
    for; a link, credit, sources line or time stamp names something the question does not
    ("Is Reuters credited as a source?" is not answered by "Sources: Reuters"; a title-case
    link names every word, so a link that only restates the question still answers it); a
    headline holds the words qualifying it ("the Atlantic Council headline")."""
    if not has_answer_type(line, question):
        return False
    if part != "title":
        return adds_key_content(_LABEL.sub(" ", line), question)
    m = _QUALIFIED.search(question)
    names = m.group(1).split() if m else []
    have = fold(line)
    return all(
        re.search(rf"\b{re.escape(fold(w))}\b", have)
        for w in names
        if w.lower() not in _NOT_QUALIFIERS
    )


def best_line(lines: list[str], question: str) -> str | None:
    """The line sharing the most words with the question (the first of equals)."""
    words = set(tokenize(question))
    return max(lines, key=lambda line: len(words & set(tokenize(line))), default=None)
