"""A question typed in lower case, given back with the corpus's capitals.

"where did rutte meet macron" reads, to every check that looks for names, as a question
naming no one. The corpus tells how its words are written: a word written capitalised in
the middle of its sentences ("Rutte", "NATO", "Almaty") is a name, and the question gets
that form ("Where did Rutte meet Macron?"). Questions with capitals of their own are left
as typed: their writer chose them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from askcorpus.gazetteer import COUNTRY as _COUNTRY
from askcorpus.names import TITLE_WORDS
from askcorpus.words import FUNCTION_WORDS, fold

# A word with its possessive: "Rutte's", "CSTO", "Kim", "Asia-Pacific"
_WORD = re.compile(r"[^\W\d_][\w-]*(?:['’]s)?")
# Where a sentence (or a quotation, a headline line) starts: its first word is capitalised
# whatever it is
_STARTS = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“‘(]\s*)$")
# Common words, and titles ("Prime Minister Nikol Pashinyan", "the prime minister"), that a
# question means as words
_KEEP = FUNCTION_WORDS | TITLE_WORDS | {
    "us", "will", "may", "can", "whom", "has", "have", "had", "be", "about",
}  # fmt: skip
# Short country names written as words, not letters
_COUNTRY_WORDS = {
    "chad",
    "cuba",
    "fiji",
    "iran",
    "iraq",
    "laos",
    "mali",
    "oman",
    "peru",
    "thai",
    "togo",
}
# A word right after these (or after an article and one or two lower-case words: "a new
# treaty") is a common noun unless the corpus writes it capitalised alone
_DETERMINER = re.compile(
    r"\b(?:the|a|an|which|what|whose|this|that|these|those|its|their|his|her|our|any|each|"
    r"every|no|some)\s+$|\b(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+"
    r"(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|meet|met|tell|told)\b)[a-z-]+\s+){1,2}$"
)
# Names world news writes often that a small corpus may never hold: "how did the kremlin
# respond" names the Kremlin, which the checks must see to tell it from Blinken
_WELL_KNOWN = {
    w.lower(): w
    for w in [
        "Kremlin",
        "Pentagon",
        "Zelensky",
        "Zelenskyy",
        "Erdogan",
        "Netanyahu",
        "Scholz",
        "Starmer",
        "Sunak",
        "Modi",
        "Orban",
        "Peskov",
        "Shoigu",
        "Zakharova",
        "Kyiv",
        "Kiev",
        "Bundestag",
        "Knesset",
        "Duma",
        "Elysee",
        "Whitehall",
        "Politico",
        "Reuters",
        "Bloomberg",
    ]
}
# A word is a name when at least this share of its mid-sentence uses is capitalised
_NAME_SHARE = 0.75


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _is_headline(line: str) -> bool:
    """True for a line in title case: most of its longer words capitalised."""
    long = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def _country_cased(m: re.Match[str]) -> str:
    """A country's name or adjective as written: "south korea" -> "South Korea", "uk" -> "UK"."""
    text = m.group()
    if len(text.replace(".", "")) <= 4 and " " not in text and text not in _COUNTRY_WORDS:
        return text.upper()  # "uk", "usa", "u.s.", "uae", "ussr"
    return re.sub(r"(?:^|(?<=[\s-]))[a-z]", lambda c: c.group().upper(), text)


@dataclass(frozen=True)
class Cases:
    """How a corpus writes its names: folded word -> capitalised form; `tails`, the words it
    capitalises only after another capitalised word (common nouns inside a name, "Treaty" of
    "North Atlantic Treaty Organization", or surnames after a first name), told apart in a
    question by a determiner before them; `heads`, the words it capitalises only before
    another ("North" of "North Korea", "Mark" of "Mark Rutte")."""

    names: dict[str, str] = field(default_factory=dict)
    tails: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()


def case_table(texts: Iterable[str]) -> Cases:
    """The words the texts write capitalised in at least three quarters of their
    mid-sentence uses, by their most common capitalised form; headlines are not read."""
    seen: Counter[str] = Counter()
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    leads: set[str] = set()  # written capitalised with no capitalised word before it
    alone: set[str] = set()  # written capitalised with no capitalised word after it
    for line in (line for text in texts for line in text.splitlines()):
        if _is_headline(line):
            continue  # "NATO Chief Meets Trump": a headline capitalises every word
        before = ""
        for m in _WORD.finditer(line):
            if m.start() == 0 or _STARTS.search(line[max(0, m.start() - 3) : m.start()]):
                before = m.group()
                continue  # a sentence's first word is capitalised whatever it is
            word = _bare(m.group())
            key = fold(word)
            seen[key] += 1
            if word[0].isupper():
                forms[key][word] += 1
                joined = line[m.start() - 1 : m.start()] in (" ", "-")
                if not (
                    joined and before[:1].isupper() and line[: m.start()].endswith(before + " ")
                ):
                    leads.add(key)
                if not re.match(r"(?:['’]s)?[ -][A-Z]", line[m.start() + len(word) :]):
                    alone.add(key)
            before = m.group()
    names = {
        key: capitalised.most_common(1)[0][0]
        for key, capitalised in forms.items()
        if key not in _KEEP and sum(capitalised.values()) >= _NAME_SHARE * seen[key]
    }
    return Cases(
        names,
        frozenset(k for k in names if k not in leads),
        frozenset(k for k in names if k not in alone),
    )


def is_lower_case(question: str) -> bool:
    """True if the question has no capitals past its first letter: typed in lower case."""
    return not any(ch.isupper() for ch in question[1:])


def truecased(question: str, cases: Cases) -> str:
    """The question with its first letter and the words `cases` knows as names capitalised
    (a tail only right after a capitalised word), and a question mark if it ends in none;
    unchanged if it has capitals of its own."""
    if not question or not is_lower_case(question):
        return question
    question = _COUNTRY.sub(_country_cased, question[0].lower() + question[1:])
    out: list[str] = []
    last = 0
    capital_before = False
    for m in _WORD.finditer(question):
        word = m.group()
        bare = _bare(word)
        key = fold(bare)
        name = cases.names.get(key) or _WELL_KNOWN.get(key)
        gap = question[last : m.start()]
        if (
            name is not None
            and key in cases.tails
            and not (capital_before and gap == " ")
            and _DETERMINER.search(question[: m.start()])
        ):
            name = None  # "which treaty", "the forum": a common noun; "meet macron": a name
        if name is not None and key in cases.heads:
            nxt = re.match(r"[ -]([^\W\d_][\w-]*)", question[m.end() :])
            if nxt is None or fold(_bare(nxt.group(1))) not in cases.names:
                name = None  # "how far north", "nato mark its": "North Korea", "Mark Rutte" only
        out.append(gap)
        out.append(word if name is None else name + word[len(bare) :])
        capital_before = name is not None
        last = m.end()
    out.append(question[last:])
    text = "".join(out)
    text = re.sub(r"\bthe us\b", "the US", text)  # "the us" is the country, not the pronoun
    text = text[0].upper() + text[1:]
    if not re.search(r"[?.!]\s*$", text):
        text = text.rstrip() + "?"
    return text
