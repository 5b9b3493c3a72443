"""The answer pipeline: retrieve -> pick evidence sentences -> generate -> check citations.

The small default model is not trusted: evidence is short (the sentences that best match the
question), and an answer whose names, numbers and dates are not in the passage it cites is not
shown as grounded; it falls back to the best evidence sentence or to an abstention.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

import numpy as np

from askcorpus import cite, constraints, kinds, names, page, roles, slots
from askcorpus.bm25 import tokenize
from askcorpus.chunk import Chunk, sentence_spans
from askcorpus.conversation import (
    Conversation,
    Turn,
    lacks_subject,
    person_meant,
    standalone_question,
    with_body_named,
    with_country_named,
    with_person_named,
    with_pronoun_named,
)
from askcorpus.embed import TokenVectors
from askcorpus.errors import ContextOverflowError
from askcorpus.generate import Generator, StopCheck
from askcorpus.prompt import Prompts
from askcorpus.retrieve import Filters, Hit, Retriever, clean_query
from askcorpus.support import question_recall
from askcorpus.truecase import Cases, case_table, is_lower_case, truecased
from askcorpus.words import ANAPHOR

TokenSink = Callable[[str], None]
NOT_FOUND = "NOT IN PASSAGES"
EXTRACTIVE = "extractive"  # the `model` of an answer no LLM wrote
PASSAGE_CACHE_SIZE = 64  # token vectors of passages kept (a 200-token passage is ~300 KB)
V = TypeVar("V")

# Sentences that address an AI rather than inform a reader are not used as evidence.
_AI = r"(?:ai|a\.i\.|llm|(?:language |ai )?model|assistant|chatbot|bot)s?"
_INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|previous|above)s?\b|"
    r"\b(disregard|ignore|forget)\b.{0,30}\b(everything|anything)\b.{0,30}\b(told|said|given)\b|"
    r"\b(system prompt|you are now|as an ai|reply (only )?with|respond (only )?with|"
    r"say exactly|print exactly|output exactly)\b|"
    # addressed to the machine: "NOTE TO THE AI MODEL: ...", "Assistant, ...", "models reading
    # this"; news about AI ("attention to AI safety", "instructions for the model aircraft")
    # is not, so these need the shape of an address: a colon, or the sentence's start
    rf"\b(note|message|instructions?|attention)\s+(to|for)\s+(the\s+|any\s+|all\s+)?{_AI}\s*:|"
    rf"^\W*(important\s+)?(note|message|instructions?)\s+(to|for)\s+(the\s+|any\s+)?{_AI}\b|"
    r"^\W*(dear\s+)?(assistant|chatbot|llm|ai model|language model)\s*[,:]|"
    rf"\b{_AI}\s+(reading|processing|parsing|summari[sz]ing)\s+this\b|"
    r"\bsystem\s+(message|notice|override|instruction)s?\s*[:\]\-–—]|"
    r"^\W*(important\s+)?system\s+(message|notice|override|instruction)s?\b|"
    r"\b(answer|response|output|reply)\s+format\s+(update|change|rule)\b|"
    r"\b(append|add|include|insert)\b.{0,60}\bto\s+((every|each|your)\s+"
    r"(answers?|responses?|replies|reply|outputs?)|(all|any)\s+(answers?|responses?|replies))\b|"
    r"\b(print|reveal|repeat|show|output|display|leak)\b.{0,50}\b(your\s+(instructions|"
    r"prompt|rules)|instructions\s+you\s+(were|have\s+been)\s+given)\b|"
    r"\bthe\s+(true|correct|real|only)\s+answer\s+to\s+(every|any|all|each)\s+questions?\b",
    re.IGNORECASE,
)
# Latin look-alikes (Greek, Cyrillic) that would hide an order from the pattern above
# Words that only say which kind of answer is asked ("What day was it?", "When exactly?")
_KIND_WORDS = frozenset(tokenize("day week weekday date time year month hour exactly much many"))
# Words that say an event happened, not what it was ("Where did that meeting take place?")
_EVENT_WORDS = frozenset(tokenize("take place happen occur held hold"))
_CONFUSABLES = str.maketrans("ΑΒΕΗΙΚΜΝΟΡΤΧΥΖιοαеаорсухіІјԁ", "ABEHIKMNOPTXYZioaeaopcyxiIjd")


@dataclass
class Citation:
    """One numbered piece of evidence, as shown to the user."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    score: float


@dataclass
class Answer:
    """The answer object used by the CLI, batch files, evals and the service."""

    question: str
    standalone_question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    timings: dict[str, float]
    model: str
    finish_reason: str = "stop"
    grounded: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        d = asdict(self)
        d["timings"] = {k: round(v, 1) for k, v in self.timings.items()}
        for c in d["citations"]:
            c["score"] = round(c["score"], 4)
        return d


@dataclass
class _Evidence:
    chunk: Chunk
    start: int  # offsets into the document text
    end: int
    text: str
    score: float
    boost: float = 0.0  # part of the score from bridge re-ranking (not evidence strength)
    # for a follow-up, the score with the earlier questions' words counted too (how strong
    # the evidence is for the question as read in context; the ranking keeps its own words)
    in_context: float = float("-inf")
    leans: bool = False  # read with the sentence before (`with_antecedent`)


# A statement's end inside a question: "... died this week at age 90. Which genre ...?"
_STATEMENT_END = re.compile(r"(?<![\w’'])([\w’']+)[.!]\s+(?=[A-Z\"“])")
# What an asking sentence starts with: "Which genre ...?", "In which state ...?", "Is it ...?"
_ASKS = re.compile(
    r"^(?:[\w’'-]+ ){0,3}?(?:what|which|who|whom|whose|when|where|why|how)\b|"
    r"^(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b",
    re.IGNORECASE,
)
# Abbreviations that end in a full stop mid-sentence: "Florida Gov. Ron DeSantis"
_ABBREVIATION = re.compile(
    r"(?:mr|mrs|ms|dr|st|jr|sr|gov|sen|rep|gen|col|lt|sgt|capt|prof|inc|corp|co|ltd|no|vs|etc|"
    r"mt|ft|jan|feb|aug|sept|oct|nov|dec|pres|rev|atty|messrs|supt|ald|calif|fla)",
    re.IGNORECASE,
)


# "Name the senior official who told Reuters ...": asked as "Which senior official told ...?"
_NAME_THE = re.compile(
    r"^(?:(?:please|can you|could you) )?(?:name|identify|list) (?:the |all the |all |any |"
    r"one of the |two |three |four |five )?(?=[\w'’-]+)",
    re.IGNORECASE,
)


# "Give me the date of ...", "Tell me what Lavrov said ...": a request, read as the question it
# makes (`as_question`)
_REQUEST = re.compile(
    r"^(?:(?:please|kindly),? |(?:can|could|would) you )?(?:give|tell|show|get|find) me |"
    r"^(?:(?:please|kindly),? )?(?:provide|state|specify|describe|explain) (?=\w)",
    re.IGNORECASE,
)
# the question word of a request's clause; "how many troops" and "what share" keep their noun
_CLAUSE_WH = re.compile(
    r"^(?:(?:[Ww]hat|[Hh]ow (?:many|much))"
    r"(?: (?!(?:the|a|an|his|her|its|their|this|that|these|those)\b)[a-z][\w'’-]*)?|"
    r"[Ww]hen|[Ww]here|[Ww]hy|[Hh]ow(?: long| often| far| old)?)(?= )"
)
# subject questions ("who met Rutte", "which countries host ...") ask as they stand
_SUBJECT_WH = re.compile(r"^(?:who|whom|which|whose|whether|if)\b", re.IGNORECASE)
_AUX = frozenset(
    (  # noqa: SIM905 - a word list reads better as text
        "is was are were has have had will would can could should may might must does do did"
    ).split()
)
# past tenses of the verbs news questions ask about, by their plain form ("What did X say?")
_PAST = {
    past: plain
    for plain, past in (
        pair.split(":")
        for pair in (  # noqa: SIM905
            "say:said tell:told make:made meet:met give:gave take:took spend:spent hold:held "
            "send:sent win:won lead:led become:became come:came go:went see:saw know:knew "
            "think:thought bring:brought get:got leave:left find:found begin:began write:wrote "
            "speak:spoke choose:chose keep:kept mean:meant pay:paid seek:sought buy:bought "
            "sell:sold build:built fight:fought lose:lost hear:heard teach:taught feel:felt "
            "stand:stood rise:rose fall:fell grow:grew throw:threw draw:drew "
            "announce:announced propose:proposed warn:warned claim:claimed state:stated "
            "urge:urged accuse:accused describe:described declare:declared confirm:confirmed "
            "note:noted stress:stressed react:reacted respond:responded reject:rejected "
            "attend:attended join:joined sign:signed agree:agreed decide:decided host:hosted "
            "invade:invaded deploy:deployed launch:launched express:expressed "
            "release:released increase:increased raise:raised visit:visited plan:planned "
            "ask:asked discuss:discussed criticize:criticized insist:insisted "
            "vow:vowed pledge:pledged invite:invited elect:elected appoint:appointed "
            "argue:argued suggest:suggested predict:predicted estimate:estimated "
            "replace:replaced promise:promised advise:advised explain:explained "
            "dismiss:dismissed welcome:welcomed defend:defended skip:skipped "
            "refuse:refused vote:voted recommend:recommended emphasize:emphasized "
            "emphasise:emphasised mention:mentioned"
        ).split()
    )
}


_THE_ONE_THAT = re.compile(
    r"^(?:the|all the) (?!names? of\b)(?P<noun>(?:[\w'’-]+ ){0,3}?[\w'’-]+) "
    r"(?:(?:that|which|who) (?=[a-z])|(?=where |when |whom |(?:in|at|on|during) which ))"
    r"(?P<rest>.+)$"
)


def as_question(request: str) -> str:
    """A request as the question it makes: "Give me the date of the summit" -> "What is the
    date of the summit?", "Tell me what Trump said to Rutte" -> "What did Trump say to
    Rutte?", "tell me when Lavrov spoke" -> "When did Lavrov speak?". Anything else, and a
    clause the rules cannot turn ("Tell me about ..."), is returned as it was."""
    m = _REQUEST.match(request.strip())
    if m is None:
        return request
    rest = request.strip()[m.end() :].rstrip(" .?!")
    if _SUBJECT_WH.match(rest):
        return rest[:1].upper() + rest[1:] + "?"
    if (wh := _CLAUSE_WH.match(rest)) is not None:
        words = rest[wh.end() :].split()
        for i, word in enumerate(words[1:7], start=1):
            folded = word.lower()
            if folded in _AUX:  # "where the summit was held" -> "where was the summit held"
                words = [folded, *words[:i], *words[i + 1 :]]
                break
            if folded in _PAST:  # "what Trump said" -> "what did Trump say"
                words = ["did", *words[:i], _PAST[folded], *words[i + 1 :]]
                break
        clause = " ".join([wh.group(0), *words])
        return clause[:1].upper() + clause[1:] + "?"
    # "the city where Putin held ...", "the countries that ...": asked as "Which city ...?"
    if (which := _THE_ONE_THAT.match(rest)) is not None:
        return f"Which {which['noun']} {which['rest']}?"
    if re.match(r"(?:the|a|an|all|any|his|her|its|their|[\w.'’-]+['’]s?)\s", rest, re.IGNORECASE):
        plural = re.match(
            r"(?:the |all the )?(?:[\w'’-]+ ){0,2}?[\w'’-]+s (?:of|that|which|who)\b", rest
        )
        return f"What {'are' if plural else 'is'} {rest}?"
    return request


# "And what did Rutte say ...?", "So, where ...?": an opening that links to the turn before
_OPENING = re.compile(r"^(?:and|so|but|then|also|ok|okay|well)\b[,\s]+(?=[a-z])", re.IGNORECASE)


# "Who's the minister?" is "Who is ...?"; "Who's been named ...?", "What's happened?" have "has"
_WH_IS = re.compile(
    r"^(Who|What|Where|When|How|Which|who|what|where|when|how|which)['’]s\b"
    r"(?! (?:been|had|got|gotten|done|gone|[a-z]+ed)\b)"
)


def as_which(question: str) -> str:
    """A question as the checks read it: without an opening "And" or "So" ("And what did
    Rutte say ...?" -> "What did Rutte say ...?"), and an imperative that asks for names
    as the question it is: "Name the German foreign minister who urged ..." -> "Which
    German foreign minister urged ...?" (the checks know "which" questions); other questions
    unchanged."""
    if (opening := _OPENING.match(question.strip())) is not None:
        rest = question.strip()[opening.end() :]
        question = rest[:1].upper() + rest[1:]
    # "Who's Kazakhstan's foreign minister?" is "Who is ...?"
    question = _WH_IS.sub(r"\1 is", question.strip(), count=1)
    question = as_question(question)
    m = _NAME_THE.match(question.strip())
    if m is None:
        return question
    rest = question.strip()[m.end() :].rstrip(" .?!")
    # "the official who told Reuters" -> "official told Reuters"; "that" / "which" likewise
    rest = re.sub(r"^((?:[\w'’.-]+ ){1,5}?)(?:who|that|which) (?=[a-z])", r"\1", rest, count=1)
    return f"Which {rest}?"


def asking_sentence(question: str) -> str:
    """The sentence that asks, without the statements before it: "Which genre was she known
    for?" of "Loretta Lynn died this week. Which genre was she known for?"."""
    text = question.strip()
    start = 0
    for m in _STATEMENT_END.finditer(text):
        word = m.group(1)
        if _ABBREVIATION.fullmatch(word) or len(word) == 1:
            continue  # "Gov.", "J.", "U.S."
        if _ASKS.match(text[m.end() :]):  # not "Yahoo! Japan?"
            start = m.end()
    return text[start:]


# "According to the article on the Vilnius summit, what ...?": the clause names the document,
# which the answer's title and passage stand for, not what is asked
_ABOUT_DOCUMENT = re.compile(
    r"^(?:according to|in) (?:the|a|this|that) (?:[\w'’-]+ ){0,3}?(?:article|report|story|"
    r"piece|text|passage|item|coverage)\b[^,?]*, ",
    re.IGNORECASE,
)


# "..., according to the piece?": the same at the end
_BY_DOCUMENT = re.compile(
    r",?\s+(?:according to|in) (?:the|this|that) (?:[\w'’-]+ ){0,3}?(?:article|report|story|"
    r"piece|text|passage|item|coverage)\b[^,?]*(?=\?\s*$)",
    re.IGNORECASE,
)


def without_source(question: str) -> str:
    """The question without a clause that names its document ("According to the article on
    X, ...", "..., according to the piece?")."""
    return _BY_DOCUMENT.sub("", _ABOUT_DOCUMENT.sub("", question.strip()))


# ", where allies were expected to agree a higher goal,": a clause set off by commas describes
# what it follows and does not restrict it, so an answer need not repeat it
# what asks: a question word before the clause, so the clause's own "who" does not ask
_ASIDE = re.compile(
    r"^(?P<head>[^,?]*\b(?:what|which|who|whom|whose|when|where|why|how)\b[^,?]*?)"
    r",\s*(?:who|whom|whose|which|where)\b[^,?]*,\s*(?=(?!(?:and|or)\b)(?-i:[a-z]))",
    re.IGNORECASE,
)

# ", having earlier lost its direction?": background after the question, not what it asks
# (a clause that opens the question, "Despite being described as eight counties, how
# many ...?", often holds what it asks, and stays)
_CONCESSION = re.compile(
    r",\s*(?:having|despite|although|though|even though)\b[^,?]*(?=\?\s*$)", re.IGNORECASE
)


# ", relying on unnamed insiders,", ", besides the Ukrainians,": a phrase set off by commas
# (or opening the question and ending in one) that tells how or beside what, not what is
# asked
_PHRASE_ASIDE = re.compile(
    r"(?:,|^)\s*(?:relying on|citing|quoting|drawing on|based on|besides|apart from|aside from|"
    r"other than|speaking (?:at|in|to|on|after|before)|the one (?:that |which |who )?)\b"
    r"[^,?]*,\s*",
    re.IGNORECASE,
)


def _background(m: re.Match[str]) -> str:
    """A closing clause goes only when it names nothing ("having been appointed in October"
    and "despite losing in 2016" stay)."""
    clause = m.group(0)
    return clause if re.search(r"\d|\s[A-Z]", clause) else ""


def without_aside(question: str) -> str:
    """The question without a non-restrictive relative clause ("In which city was the
    summit, where allies were to agree a goal, to be held?" -> "In which city was the summit
    to be held?"); the clause must come after the question word and be followed by the rest
    of the question in lower case (not "and why?", nor the next name of a list). A phrase
    between commas that tells how or beside what (", relying on unnamed insiders,", ",
    besides the Ukrainians,") goes, and so does a concession or background clause that ends
    the question ("..., having earlier lost its direction?")."""
    text = _PHRASE_ASIDE.sub(" ", _ASIDE.sub(r"\g<head> ", question))
    return _CONCESSION.sub(_background, text).strip()


# A follow-up that turns to a subject of its own: "What about the French president?"
_NAMES_NEW = re.compile(r"^\W*(?:and )?(?:what|how) about\b", re.IGNORECASE)


_CONTEXT = re.compile(r" \(context: (.*)\)$", re.S)


def split_context(standalone: str) -> tuple[str, str]:
    """A standalone question's own words and its earlier questions ("" if it has none)."""
    m = _CONTEXT.search(standalone)
    return (standalone, "") if m is None else (standalone[: m.start()], m[1])


def without_context(standalone: str) -> str:
    """A standalone question as plain words: the follow-up, then the earlier question."""
    own, earlier = split_context(standalone)
    return f"{own} {earlier}" if earlier else own


_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
_HEADING_WORDS = 16
# A news page's link to another story: "More:Food prices soar ...", "►Grocery store shelves
# bare?:These products ..." (a label glued to the linked headline by a colon, or a bullet).
_TEASER = re.compile(r"^\W*►|^[^!?]{0,80}?[^\W_][?!]?:[A-Z]")
# A question states nothing: "Other shortages?" answers no question (a bracketed editor's
# note such as "[improper synthesis?]" does not make a sentence a question).
_QUESTION_END = re.compile(r"\?[\"'”’]*$")


def is_headline(e: _Evidence) -> bool:
    """A title, sub-heading, link teaser or question: the document's title, a link to another
    story ("More:Food prices soar ..."), a sentence that asks rather than states, or a short
    title-case line with no sentence end and no digits (an unpunctuated fact such as
    "Deaths: 1,234" is kept)."""
    text = e.text.strip()
    if text == e.chunk.title.strip() or _TEASER.search(text) or _QUESTION_END.search(text):
        return True
    if _SENTENCE_END.search(text) or any(ch.isdigit() for ch in text):
        return False
    words = [w for w in text.split() if len(w) > 3]
    if not words or len(text.split()) > _HEADING_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# A quotation its speaker gives by a pronoun only ("“It is the only way ...,” he said on
# Friday.") leans on the sentence before too, which names him.
_PRONOUN_SPEAKER = re.compile(rf"[,”\"’'—-]\s+(?:he|she|they) {names.SPEECH}\b[^\"“”]{{0,60}}$")


# "The high-level talks, confirmed by ...": the event the sentence before told, which a
# follow-up asks about ("Who confirmed that meeting?")
_EVENT_ANAPHOR = re.compile(
    r"^The (?:[\w-]+ ){0,2}?(?:talks|meeting|discussions?|negotiations|visit|call)\b"
    r"(?! (?:of|on|with|between|for|to|in|at|over)\b)"  # "The talks on Gaza": a topic of its own
)


# "that meeting", "the same talks": an event an earlier turn told
_THAT_EVENT = re.compile(
    r"\b(?:that|this|the same) (?:meeting|talks|summit|gathering|visit|conference|session|"
    r"encounter|trip)\b",
    re.IGNORECASE,
)
_TELLS_EVENT = re.compile(
    r"\b(?:met|meet|meets|meeting|talks|summit|gather(?:ed|ing)|visit(?:ed|s)?|conference)\b",
    re.IGNORECASE,
)


def event_told(question: str, standalone: str) -> str:
    """For a follow-up about "that meeting" (`standalone` its form with the earlier questions),
    the nearest earlier question that tells of a meeting; "" for other questions."""
    context = split_context(standalone)[1]
    if not context or not _THAT_EVENT.search(question):
        return ""
    earlier = re.split(r"(?<=\?)\s+", context.strip())
    return next((q for q in earlier if _TELLS_EVENT.search(q)), "")


def leans_on_before(text: str) -> bool:
    """True if a sentence opens with a pronoun or gives its quotation's speaker by one."""
    return bool(ANAPHOR.match(text) or _PRONOUN_SPEAKER.search(text))


def antecedent(chunk: Chunk, spans: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The span of the sentence just before the one at `start` (offsets into the chunk text),
    which a sentence leaning on it refers to (`leans_on_before`): in the same paragraph (a
    quotation ending "he said" may open its own, after the one naming him), and never a
    title, a heading or an injected order."""
    before = [span for span in spans if span[1] <= start]
    if not before:
        return None
    s, e = before[-1]
    own = next((chunk.text[a:b] for a, b in spans if a == start), "")
    breaks = len(re.findall(r"\n+", chunk.text[e:start]))  # paragraph breaks between
    if breaks > (1 if _PRONOUN_SPEAKER.search(own) else 0) or not _joinable(chunk, s, e):
        return None
    return s, e


def _joinable(chunk: Chunk, s: int, e: int) -> bool:
    """True if the sentence at chunk offsets s:e may be read with its neighbour: no title or
    heading, and no injected order."""
    text = chunk.text[s:e]
    if looks_like_injection(text):
        return False
    return not is_headline(_Evidence(chunk, chunk.start + s, chunk.start + e, text, 0.0))


def with_antecedent(e: _Evidence) -> _Evidence:
    """The sentence joined to the one before it in its passage when it leans on it
    (`leans_on_before`), so an extracted answer says what "it" is or who "he" is; otherwise
    the sentence itself."""
    if not (e.leans or leans_on_before(e.text)):
        return e
    c = e.chunk
    span = antecedent(c, sentence_spans(c.text), e.start - c.start)
    if span is None:
        return e
    s = span[0]
    return _Evidence(c, c.start + s, e.end, c.text[s : e.end - c.start], e.score, e.boost)


def _country_gloss(text: str, question: str) -> str:
    """For "Which country is that city in?" answered by "... the Kazakh city of Almaty",
    " (Kazakh: Kazakhstan.)": the country the sentence names by its adjective; else ""."""
    by_adjective = kinds.country_by_adjective(text, question)
    return "" if by_adjective is None else f" ({by_adjective[0]}: {by_adjective[1]}.)"


def with_neighbours(e: _Evidence) -> _Evidence:
    """The sentence with the one before and the one after it in its paragraph (not a
    heading, a title or an injected order), or the sentence itself when it stands alone."""
    c = e.chunk
    spans = sentence_spans(c.text)
    at = e.start - c.start
    own = next((i for i, (a, _) in enumerate(spans) if a == at), None)
    if own is None:
        return e
    start, end = spans[own]
    if (before := antecedent(c, spans, start)) is not None:
        start = before[0]
    if own + 1 < len(spans):
        s, t = spans[own + 1]
        if "\n" not in c.text[end:s] and _joinable(c, s, t):
            end = t
    if (start, end) == spans[own]:
        return e
    return _Evidence(c, c.start + start, c.start + end, c.text[start:end], e.score, e.boost)


def spelled_out(question: str, ranked: list[_Evidence]) -> tuple[str, str, _Evidence] | None:
    """For a question asking what an acronym stands for: the acronym, its full name and the
    best-ranked sentence that spells it out."""
    acronym = kinds.asked_acronym(question)
    if acronym is None:
        return None
    for e in ranked:
        name = kinds.expansion(e.text, acronym)
        if name is not None:
            return acronym, name, e
    return None


# "the NATO chief who had spoken ...": a determiner, up to three words, then who/whose.
# A capital "Who" inside a question is a name ("the Doctor Who series").
_DESCRIBED = re.compile(r"\b([Tt]he|[Aa]n?|[Tt]his|[Tt]hat)\s+(?:[\w'’-]+\s+){1,3}(who|whose)\s+\w")


def describes_entity(question: str) -> bool:
    """True if the question names someone by a relative clause ("the minister who ...")."""
    return bool(_DESCRIBED.search(question))


_WH = re.compile(r"\b(which|what|where|when|how|who|whom|whose|why)\b", re.I)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that take the main clause up again after a description: "The NATO chief who met
# Trump in Palm Beach | later met ...", "... | also accused ...".
_RESUMES = _word_set("also later then earlier subsequently previously afterwards")
# An auxiliary takes it up only before one of those, a participle or a comma ("| had
# earlier spoken", "| was elected", "| is, according to ..."), not inside the description
# ("who said NATO was brain dead", "who announced Armenia would leave", "whose country did
# not attend").
_AUXILIARIES = _word_set("had has have was were is are")
_PARTICIPLES = _word_set(
    "born spoken met said told held led sent won written chosen given taken seen known made"
    " become begun gone"
)
# After a comma, a question starts again ("According to the official who spoke to Reuters,
# what ..."); a list ("China, North Korea and Iran") or a date ("Thursday, November 7") goes on.
_RESTARTS = _word_set(
    "what which where when how why whom did does do is was are were has had can could will would"
)
_NAME_WORDS = frozenset(tokenize("name named full identity called known"))
_DOCUMENT_WORDS = _word_set("article report story piece headline page document text")
_AUX_THEN_SUBJECT = re.compile(
    r"\b(?:do|does|did|will|would|can|could|should|might|must|is|are|was|were|be|been)$", re.I
)
_EDGE_PUNCT = " \t\"'“”‘’;:,"


def _resumes(words: list[str], i: int) -> bool:
    """True if `words[i]` takes the main clause up again (see `_RESUMES`)."""
    w = words[i].lower()
    if w in _RESUMES:
        return True
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return w in _AUXILIARIES and (
        nxt in _RESUMES or nxt in _PARTICIPLES or nxt.endswith("ed") or nxt == ","
    )


def split_description(question: str) -> tuple[str, str] | None:
    """A question that names its subject by a relative clause, as (the description, the
    question without it): "The NATO chief who met Trump in Palm Beach had earlier spoken at
    which event in Budapest?" gives ("The NATO chief who met Trump in Palm Beach", "The NATO
    chief had earlier spoken at which event in Budapest?"). The description ends where the
    main clause is taken up again ("later", "also", "had earlier", "was born") or where a
    comma starts the question again ("..., what ..."); after a question word it runs to the
    end of the clause ("In which city did X meet the chief who ...?"). None when no end is
    found ("When does the official who spoke to Reuters expect ...?": its verb comes after
    the description; "The minister who spoke in Almaty accused NATO of what?": a verb no
    word marks) or the rest asks only for the described one."""
    m = _DESCRIBED.search(question)
    if m is None:
        return None
    at = m.start(2)
    before, after = question[:at], question[at:]
    if before.split()[-1].lower().rstrip("'’s") in _DOCUMENT_WORDS:
        return None  # "the article whose sources are TASS": the page, which one hop reads
    if _AUX_THEN_SUBJECT.search(question[: m.start(1)].rstrip()):
        # "When does [the official who ...] expect": the verb is still to come; "Which
        # customers were [the only people who ...]?" asks who fits the description
        return None
    tokens = list(re.finditer(r"[\w'’-]+|[,;?]|\.(?=\s|$)", after))
    words = [t.group() for t in tokens]
    asked_before = bool(_WH.search(before))
    stop = len(after) if asked_before else -1
    for i, t in enumerate(tokens):
        if i < 2:  # "who met", "who had spoken": the description's own verb
            continue
        w = t.group()
        if w in (";", "?", "."):
            if asked_before:
                stop = t.start()
            break
        if w == ",":
            if i + 1 < len(words) and words[i + 1].lower() in _RESTARTS:
                stop = t.start()
                break
            continue
        if not asked_before and _resumes(words, i):
            stop = t.start()
            break
    if stop < 0:
        return None
    description = (question[m.start(1) : at] + after[:stop]).strip(_EDGE_PUNCT)
    rest = " ".join((before + after[stop:]).split()).strip(_EDGE_PUNCT.replace("?", ""))
    main = re.sub(r"\s+([,?.;])", r"\1", rest.lstrip(",; "))
    if not _WH.search(main):
        return None
    # "What is the name of the official who told Reuters ...?" asks about the description
    # itself: one hop, answered where the description fits
    if len(set(tokenize(main)) - set(tokenize(description)) - _NAME_WORDS) < 2:
        return None
    return description, main


def meant_article(
    numbered: dict[int, _Evidence], fits: Callable[[str], bool] = lambda doc_id: True
) -> tuple[int, _Evidence] | None:
    """For a question about an article itself (its date, its headline): of the articles that
    `fits` (by document id), the one whose sentences match the question best in sum (one
    sentence can match a different article), as the number and evidence of its best
    sentence, which the answer cites."""
    weight: dict[str, float] = {}
    fit: dict[str, bool] = {}  # `fits` once per article, not once per sentence
    for e in numbered.values():
        doc = e.chunk.doc_id
        if doc not in fit:
            fit[doc] = fits(doc)
        if fit[doc]:
            weight[doc] = weight.get(doc, 0.0) + max(e.score, 0.0)
    if not weight:
        return None
    doc = max(weight, key=lambda d: weight[d])
    return next((i, x) for i, x in numbered.items() if x.chunk.doc_id == doc)


def with_bridge(
    answer: cite.CheckedAnswer, description: str, bridge: _Evidence, numbered: dict[int, _Evidence]
) -> cite.CheckedAnswer:
    """An extracted answer to a question read in two hops, with the sentence that tells whom
    or what its description means, cited: "... [1] ("The NATO chief who met Trump in Palm
    Beach": NATO Secretary-General Mark Rutte met with ... [2])". Unchanged if the answer's
    own sentence is that one. The bridge is added to `numbered`."""
    if any(overlaps(bridge, numbered[n]) for n in answer.cited):
        return answer
    m = next((i for i, e in numbered.items() if e is bridge), max(numbered, default=0) + 1)
    numbered[m] = bridge
    text = f'{answer.text} ("{description}": {bridge.text.rstrip()} [{m}])'
    return cite.CheckedAnswer(text, [*answer.cited, m], answer.dropped, answer.grounded)


def overlaps(a: _Evidence, b: _Evidence) -> bool:
    """True if two evidence units share text of the same chunk (one may hold the other)."""
    return a.chunk.chunk_id == b.chunk.chunk_id and a.start < b.end and b.start < a.end


def _cached(
    cache: OrderedDict[str, V], keys: list[str], compute: Callable[[list[str]], Any], size: int
) -> list[V]:
    """Values of `keys` from an LRU `cache` of at most `size` entries; the missing ones are
    computed in one call (`compute(missing)` returns their values in order)."""
    todo = list(dict.fromkeys(k for k in keys if k not in cache))
    for key, value in zip(todo, compute(todo) if todo else [], strict=True):
        cache[key] = value
    for key in keys:
        cache.move_to_end(key)
    values = [cache[k] for k in keys]
    while len(cache) > size:
        cache.popitem(last=False)
    return values


def looks_like_injection(text: str) -> bool:
    """True for text that gives orders to an assistant rather than stating facts."""
    return bool(_INJECTION.search(text.translate(_CONFUSABLES)))


@dataclass
class _TwoHops:
    """A question read in two hops: its description, the rest, the sentence the description
    fits (None: no such subject) and the evidence ranked for the rest."""

    description: str
    rest: str
    bridge: _Evidence | None
    ranked: list[_Evidence]


# How much of the corpus `Answerer._case_table` reads to learn its capitals
_CASE_SAMPLE_CHARS = 1_000_000


class Answerer:
    """Answers questions over one retriever with one generator."""

    def __init__(
        self, retriever: Retriever, generator: Generator, prompts: Prompts, settings: Any
    ) -> None:
        self.retriever = retriever
        self.generator = generator
        self.prompts = prompts
        self.settings = settings
        self._vector_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._token_cache: OrderedDict[str, TokenVectors] = OrderedDict()
        self._cases: tuple[Any, Cases] | None = None

    def _case_table(self, retriever: Retriever) -> Cases:
        """How the loaded index writes its names (`truecase.case_table`), built once per index
        from at most `_CASE_SAMPLE_CHARS` of its text, chunks taken evenly (1-3 s), so a
        large corpus does not hold up its first lower-case question."""
        index = retriever.index
        if self._cases is None or self._cases[0] is not index:
            chunks = index.chunks
            total = sum(len(c.text) for c in chunks)
            step = max(1, -(-total // _CASE_SAMPLE_CHARS))  # ceiling division
            self._cases = (index, case_table(c.text for c in chunks[::step]))
        return self._cases[1]

    # -- evidence -------------------------------------------------------------------------
    def _sentence_vectors(self, texts: list[str], retriever: Retriever) -> np.ndarray:
        """Embeddings of evidence sentences, cached (popular passages come back often)."""
        embed = retriever.embedder.embed_documents
        size = self.settings.sentence_cache_size
        vectors: list[np.ndarray] = _cached(self._vector_cache, texts, embed, size)
        return np.stack(vectors)

    def _passage_tokens(self, texts: list[str], retriever: Retriever) -> list[TokenVectors]:
        """Token vectors of the passages around cited sentences, cached (the candidates of
        one answer, and follow-ups, often share a passage)."""
        embed = retriever.embedder.embed_tokens
        return _cached(self._token_cache, texts, embed, PASSAGE_CACHE_SIZE)

    def _candidates(
        self, hits: list[Hit], conversation: Conversation | None, retriever: Retriever
    ) -> list[Hit]:
        pool = list(hits[: self.settings.evidence_passages])
        if conversation and conversation.turns:
            have = {h.chunk.chunk_id for h in pool}
            by_id = {c.chunk_id: c for c in retriever.index.chunks}
            for cid in conversation.turns[-1].chunk_ids:
                if cid not in have and cid in by_id:
                    pool.append(Hit(by_id[cid], 0.0, 0.0, 0.0))
                    have.add(cid)
        return pool

    def evidence(
        self,
        query: str,
        question: str,
        pool: list[Hit],
        limit: int | None = -1,
        retriever: Retriever | None = None,
        in_context: bool = False,
        bridging: bool = True,
    ) -> list[_Evidence]:
        """The sentences of the candidate passages that best match the question, best first,
        injection-like sentences left out: at most `limit` (`evidence_sentences` by default,
        None for all). `retriever` is the one the pool came from (default: the current one).
        With `in_context` (a follow-up to an answered turn, `query` its standalone form), each
        sentence's `in_context` score counts the earlier questions' words as well: "What day
        was it?" shares no word with the sentence that answers it, the earlier question does.
        `bridging` False leaves out the re-ranking of a question that describes its subject
        (`_bridge`), as for the description itself."""
        retriever = retriever or self.retriever
        if limit == -1:
            limit = self.settings.evidence_sentences
        # staying away from an event as news writes it: "Which country stayed away from that
        # gathering?" is scored against "... did not attend the meeting"
        if constraints.asks_absence_from(question):
            query = constraints.with_plain_absence(query)
            question = constraints.with_plain_absence(question)
        units: list[_Evidence] = []
        referred: dict[int, str] = {}  # a sentence opening with a pronoun -> the one before
        for rank, hit in enumerate(pool):
            c = hit.chunk
            spans = sentence_spans(c.text)
            for s, e in spans:
                text = c.text[s:e]
                if len(text) < 15 or looks_like_injection(text):
                    continue
                unit = _Evidence(c, c.start + s, c.start + e, text, -0.01 * rank)
                # a follow-up's "that meeting" is the one the sentence before told: "The
                # talks, confirmed by ..." is read with it (not for a question of its own,
                # where that sentence would crowd out others about the meeting)
                leans = leans_on_before(text) or bool(in_context and _EVENT_ANAPHOR.match(text))
                if leans and (span := antecedent(c, spans, s)) is not None:
                    referred[id(unit)] = c.text[span[0] : span[1]]
                    unit.leans = True
                units.append(unit)
        if not units:
            return []
        qv = retriever.embedder.embed_query(query)
        cos = self._sentence_vectors([u.text for u in units], retriever) @ qv
        qterms = set(tokenize(question)) or set(tokenize(query))
        # Shared words count by their rarity (IDF), so a sentence that shares the question's
        # distinctive words ("General Council") beats one sharing only common ones ("NATO").
        weight = {t: retriever.bm25.term_idf(t) for t in qterms}
        total = sum(weight.values()) or 1.0
        # A sentence opening with a pronoun also counts the words of the sentence it refers to
        # ("... specialty pharmacies. It is the fastest growing sector"); an extracted answer
        # then gives both (`with_antecedent`).
        terms = {id(u): set(tokenize(u.text + " " + referred.get(id(u), ""))) for u in units}
        # Words of the question that only the article's title holds ("the article on NATO
        # 'inflation'") count separately (`title_weight`).
        titles = {u.chunk.doc_id: u.chunk.title for u in units}
        titled = {doc: set(tokenize(title)) for doc, title in titles.items()}
        # A follow-up that asks for a kind of answer ("What day was it?", "Where did that
        # meeting take place?") may be weighed in context, where its passage holds its other
        # words ("How many troops did they send?": "troops"; not "take place"); "What did
        # they eat?" asks for no kind, and "When did they eat?" is no question about a
        # sentence that never speaks of eating.
        cterms: set[str] = set()
        own = set(tokenize(question)) - _KIND_WORDS - _EVENT_WORDS
        if in_context and (kinds.answer_type(question) is not None or kinds.asks_where(question)):
            # not the words of the kind or the event ("day", "week", "take place"): the
            # sentence that answers says "on Friday"
            cterms = set(tokenize(without_context(query))) - _KIND_WORDS - _EVENT_WORDS
        cweight = {t: retriever.bm25.term_idf(t) for t in cterms}
        ctotal = sum(cweight.values()) or 1.0
        passage_terms: dict[str, set[str]] = {}
        for u, c in zip(units, cos, strict=True):
            overlap = sum(weight[t] for t in qterms & terms[id(u)]) / total
            by_title = qterms & titled[u.chunk.doc_id] - terms[id(u)]
            penalty = u.score  # the passage's rank, set above
            u.score = float(c) + self.settings.lexical_weight * overlap + penalty
            u.score += self.settings.title_weight * sum(weight[t] for t in by_title) / total
            if cterms and u.chunk.chunk_id not in passage_terms:
                passage_terms[u.chunk.chunk_id] = set(tokenize(f"{u.chunk.title}. {u.chunk.text}"))
            if cterms and own <= passage_terms[u.chunk.chunk_id]:
                shared = sum(cweight[t] for t in cterms & terms[id(u)]) / ctotal
                u.in_context = float(c) + self.settings.lexical_weight * shared + penalty
        units.sort(key=lambda u: -u.score)
        if bridging and describes_entity(question) and self.settings.bridge_weight > 0:
            self._bridge(units, terms, qterms, weight)
        chosen: list[_Evidence] = []
        seen: set[str] = set()
        for u in units:
            if limit is not None and len(chosen) >= limit:
                break
            key = " ".join(u.text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            chosen.append(u)
        return chosen

    def _two_hops(
        self, question: str, pool: list[Hit], retriever: Retriever, filters: Filters | None
    ) -> _TwoHops | None:
        """A question that describes its subject (`split_description`), read in two hops: the
        sentence its description fits (the bridge; None if no article names such a subject),
        and the evidence for the rest of the question, searched too, with the people the
        bridge names ("The NATO chief had earlier spoken at which event? (Mark Rutte)").
        None to read it in one hop: no description, or no sentence that covers it."""
        described = split_description(question)
        if described is None:
            return None
        description, rest = described
        k = self.settings.evidence_passages

        def widened(hits: list[Hit], query: str) -> list[Hit]:
            have = {h.chunk.chunk_id for h in hits}
            more = retriever.search(query, k=k, filters=filters)
            return hits + [h for h in more if h.chunk.chunk_id not in have]

        pool = widened(pool, rest)
        bridge, named = self._bridge_sentence(description, pool, retriever)
        if bridge is None and named:  # its articles, but no sentence covers it: one hop
            return None
        people = names.people_named(bridge.text, question) if bridge else []
        query = f"{rest} ({', '.join(people)})" if people else rest
        if people:
            pool = widened(pool, query)
        ranked = self.evidence(query, query, pool, limit=None, retriever=retriever)
        return _TwoHops(description, rest, bridge, ranked)

    def _bridge_sentence(
        self, description: str, pool: list[Hit], retriever: Retriever
    ) -> tuple[_Evidence | None, bool]:
        """The sentence that a question's description of its subject ("the NATO chief who met
        Trump in Palm Beach") fits best, if one covers it (`support_threshold`) in an article
        that names its names; and whether a sentence that matches it well enough
        (`abstain_threshold`) is in such an article at all (if not, there is no such subject:
        a near miss)."""
        documents = retriever.index.documents
        named = False
        ranked = self.evidence(
            description, description, pool, limit=None, retriever=retriever, bridging=False
        )
        for e in ranked:
            if is_headline(e) or e.score < self.settings.abstain_threshold:
                continue
            doc = documents.get(e.chunk.doc_id)
            whole = f"{doc.title}. {doc.text}" if doc else f"{e.chunk.title}. {e.chunk.text}"
            if names.names_missing(description, whole):
                continue
            named = True
            if self.settings.support_threshold > 0:
                cov = self._coverage((description, description), [e], None, retriever)
                if cov is not None and cov < self.settings.support_threshold:
                    continue
            return e, True
        return None, named

    def _bridge(
        self,
        units: list[_Evidence],
        terms: dict[int, set[str]],
        qterms: set[str],
        weight: dict[str, float],
    ) -> None:
        """Re-rank for a question that names its subject by a description ("the minister who
        spoke in Almaty ... which party?"). The best sentence often just matches the
        description (the bridge); the answer is then in another article, in the sentence
        that covers the rest of the question. Such sentences gain what they cover of it."""
        top = next((u for u in units if not is_headline(u)), units[0])
        rest = qterms - terms[id(top)]
        mass = sum(weight[t] for t in rest)
        if mass <= 0:
            return
        bonus = self.settings.bridge_weight
        for u in units:
            if u.chunk.doc_id != top.chunk.doc_id:
                covered = sum(weight[t] for t in rest & terms[id(u)]) / mass
                u.boost = bonus * covered
                u.score += u.boost
        units.sort(key=lambda u: -u.score)

    def _fit(
        self, question: str, evidence: list[_Evidence], context: str
    ) -> list[dict[str, str]] | None:
        """Messages for the LLM, dropping the weakest evidence until they fit the window;
        None if not even part of one passage fits beside the question (a long question, a
        small `llm_ctx`)."""
        budget = self.generator.n_ctx - self.settings.llm_max_tokens - 8
        items = [(i + 1, e.chunk.title, e.text) for i, e in enumerate(evidence)]
        while items:
            messages = self.prompts.messages(question, items, context)
            used = sum(self.generator.count_tokens(m["content"]) + 8 for m in messages)
            if used <= budget:
                return messages
            if len(items) > 1:
                items.pop()
            else:
                n, title, text = items[0]
                cut = max(0, int(len(text) * budget / used) - 20)
                items = [(n, title, text[:cut])] if cut > 40 else []
        return None

    # -- the pipeline -----------------------------------------------------------------------
    def answer(
        self,
        question: str,
        conversation: Conversation | None = None,
        k: int | None = None,
        on_token: TokenSink | None = None,
        should_stop: StopCheck | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        """Answer one question (a turn of `conversation` if given)."""
        t0 = time.perf_counter()
        typed = clean_query(question, self.settings.max_question_chars)
        k = k or self.settings.top_k
        retriever = self.retriever  # one index for the whole answer, even if a reload swaps it
        # "where did rutte meet macron" is read as "Where did Rutte meet Macron?": the checks
        # find names by their capitals
        question = typed
        if is_lower_case(typed):
            question = truecased(typed, self._case_table(retriever))
        standalone = standalone_question(question, conversation, self.settings.max_question_chars)
        said = question  # the turn as asked, which the conversation keeps
        pointed: str | None = None  # whom its "he" or "she" was read as
        if (body := with_body_named(question, conversation)) is not None:
            # "Which country did that alliance take in first?" after a turn on NATO asks it
            # of NATO, on its own unless it still points back
            question = body
            standalone = standalone_question(
                question, conversation, self.settings.max_question_chars
            )
        if (named := with_person_named(question, conversation)) is not None:
            # "What is her job?" after "Who confirmed the talks?" asks "What is Farah
            # Dakhlallah's job?": checked and scored as that question, of its own (kept as
            # a follow-up in the history, so a later turn still reads the earlier ones)
            question = standalone = named
            pointed = person_meant(conversation) if conversation else None
        elif (pronoun := with_pronoun_named(question, conversation)) is not None:
            # "In which city did he meet the NATO chief?" after "Which US Secretary of State
            # ...?" asks for Antony Blinken's meeting: the name is checked in the answer's
            # article, and the earlier questions stay its context
            pointed = pronoun[1]
            standalone = pronoun[0] + standalone[len(question) :]
            question = pronoun[0]
        elif (country := with_country_named(question, conversation)) is not None:
            # "How much did it spend that year?" after "Which member state ranks first?"
            # asks what the United States spent: a sum of all members is no answer; "That
            # city is the capital of which country?" asks it of Vilnius
            standalone = country + standalone[len(question) :]
            question = country
        hits = retriever.search(
            standalone, k=max(k, self.settings.evidence_passages), filters=filters
        )
        pool = self._candidates(hits, conversation, retriever)
        if standalone != question and _NAMES_NEW.search(question):
            # "What about the French president: ...?" turns to a new subject, which the
            # earlier questions' words may crowd out: its own passages are candidates too
            have = {h.chunk.chunk_id for h in pool}
            own = retriever.search(question, k=self.settings.evidence_passages, filters=filters)
            pool += [h for h in own if h.chunk.chunk_id not in have]
        # a follow-up to an answered turn is weighed with the earlier questions' words too
        turns = conversation.turns if conversation else []
        in_context = standalone != question and bool(turns) and not turns[-1].abstained
        # A question that names its subject by a description ("The NATO chief who met Trump
        # had earlier spoken at which event?") is read in two hops: the description finds
        # its subject (the bridge sentence), the rest of the question finds the answer.
        hops = None
        if standalone == question and self.settings.bridge_weight > 0:
            hops = self._two_hops(question, pool, retriever, filters)
        asked = as_which(question if hops is None else hops.rest)  # what the checks read
        bridge = None if hops is None else hops.bridge
        subject = "" if hops is None else hops.description
        if hops is not None:
            ranked = hops.ranked
        else:
            ranked = self.evidence(
                standalone, question, pool, limit=None, retriever=retriever, in_context=in_context
            )
        evidence = ranked[: self.settings.evidence_sentences]
        t_retrieved = time.perf_counter()
        timings = {
            "retrieve_ms": (t_retrieved - t0) * 1000,
            "first_token_ms": 0.0,
            "generate_ms": 0.0,
            "total_ms": 0.0,
        }

        def finish(ans: Answer) -> Answer:
            ans.question = typed  # the question as the user wrote it
            ans.timings["total_ms"] = (time.perf_counter() - t0) * 1000
            if not ans.timings["first_token_ms"]:  # an answer not streamed shows all at once
                ans.timings["first_token_ms"] = ans.timings["total_ms"]
            if conversation is not None:
                conversation.add(
                    Turn(
                        said,
                        standalone,
                        ans.answer,
                        [c.chunk_id for c in ans.citations],
                        ans.abstained,
                        pointed,
                    )
                )
            return ans

        def answered(checked: cite.CheckedAnswer, model: str, reason: str = "stop") -> Answer:
            text, order = cite.renumbered(checked.text, checked.cited)  # [1], [2], ... as read
            citations = [self._citation(i + 1, numbered[n]) for i, n in enumerate(order)]
            return finish(
                Answer(
                    question,
                    standalone,
                    text,
                    False,
                    citations,
                    timings,
                    model,
                    reason,
                    grounded=True,
                )
            )

        numbered = {i + 1: e for i, e in enumerate(evidence)}
        # A question about a part of the page ("Which agency is credited as a source of the
        # report?") shares few words with the page's sentences: the part answers it, quoted,
        # in every answer mode, or the question goes on as any other.
        part = page.asked_part(question)
        if part is not None and (quoted := self._page_part(question, part, numbered, retriever)):
            if on_token is not None:
                on_token(cite.renumbered(quoted.text, quoted.cited)[0])
            return answered(quoted, EXTRACTIVE)

        # "What is Farah Dakhlallah's job?" shares few words with "NATO spokesperson Farah
        # Dakhlallah confirmed ...": the title given by the name answers, in every mode
        person = roles.asked_person(asked)
        if person is not None and (titled := self._titled(person, numbered, ranked)):
            if on_token is not None:
                on_token(cite.renumbered(titled.text, titled.cited)[0])
            return answered(titled, EXTRACTIVE)

        if lacks_subject(question) and not (conversation and conversation.turns):
            return finish(self._abstain(question, standalone, hits[:k], timings))
        if hops is not None and bridge is None:  # the description fits no such subject
            return finish(self._abstain(question, standalone, hits[:k], timings))

        best = max((max(e.score - e.boost, e.in_context) for e in ranked), default=float("-inf"))
        # A weak match abstains, unless an acronym asked about is spelled out (such questions
        # have too few words to score high, and the spelled-out form is an exact answer).
        if best < self.settings.abstain_threshold and spelled_out(question, ranked) is None:
            return finish(self._abstain(question, standalone, hits[:k], timings))

        # No LLM: the best evidence sentence; exact questions (acronyms, article dates) too.
        exact = kinds.asked_acronym(question) is not None or kinds.asks_publication_date(question)
        if self.settings.resolved_answer_mode() == "extract" or exact:
            extracted = self._extract(
                asked, numbered, ranked, retriever, standalone, bridge, subject
            )
            if extracted is None:
                return finish(self._abstain(question, standalone, hits[:k], timings))
            if bridge is not None:
                extracted = with_bridge(extracted, subject, bridge, numbered)
            if on_token is not None:
                on_token(cite.renumbered(extracted.text, extracted.cited)[0])
            return answered(extracted, EXTRACTIVE)

        context = ""
        if standalone != question and conversation and conversation.turns:
            prev = conversation.turns[-1]
            context = f"Earlier question: {prev.question}\nEarlier answer: {prev.answer}\n"
        if bridge is not None and not any(overlaps(bridge, e) for e in evidence):
            # the LLM reads who or what the description means ("Mark Rutte met Trump ...")
            evidence = [*evidence[: max(len(evidence) - 1, 1)], bridge]
            numbered = {i + 1: e for i, e in enumerate(evidence)}
        messages = self._fit(question, evidence, context)
        pieces: list[str] = []
        finish_reason = "stop"
        t_gen = time.perf_counter()
        if messages is not None:  # else no reply: the evidence answers, as for a failed one
            stream = self.generator.stream(
                messages,
                self.settings.llm_max_tokens,
                stop=["\n\n", "<passage", "Question:"],
                should_stop=should_stop,
            )
            # what streams is what the check would keep: no foreign links, no tags
            guard = None
            if on_token is not None:
                guard = cite.StreamGuard(on_token, " ".join(e.text for e in evidence))
            closing = contextlib.closing(stream)  # type: ignore[type-var]
            with closing, contextlib.suppress(ContextOverflowError):  # the evidence answers
                for piece in stream:
                    if not pieces:
                        timings["first_token_ms"] = (time.perf_counter() - t0) * 1000
                    pieces.append(piece)
                    if guard is not None:
                        guard.feed(piece)
            if guard is not None:
                guard.flush()
        if should_stop is not None and should_stop():
            finish_reason = "cancelled"
        timings["generate_ms"] = (time.perf_counter() - t_gen) * 1000
        raw = "".join(pieces).strip()

        checked = cite.check(
            raw, {n: e.text for n, e in numbered.items()}, question + " " + standalone
        )
        if NOT_FOUND.lower() in raw.lower() or not cite.adds_key_content(checked.text, question):
            checked.grounded = False  # the small model's "not found" and vacuous replies
        # "What date?" answered without a date; an office or rank the reply and its cited
        # sentences never name ("Anne Hidalgo [1]" is read with "Mayor Anne Hidalgo said").
        read_with = " ".join([checked.text, *(numbered[n].text for n in checked.cited)])
        if checked.grounded and not (
            kinds.has_answer_type(checked.text, asked)
            and constraints.keeps_constraints(
                read_with,
                asked,
                " ".join(
                    f"{numbered[n].chunk.title}. {numbered[n].chunk.text}" for n in checked.cited
                ),
            )
            # who said it is the cited sentences' to tell, not the reply's ("X confirmed [1]")
            and names.reports_the_source(" ".join(numbered[n].text for n in checked.cited), asked)
        ):
            checked.grounded = False
        if checked.grounded and not self._covers(
            (asked, standalone), [numbered[n] for n in checked.cited], ranked, retriever, bridge
        ):
            checked.grounded = False  # the cited sentences are about something else
        if not checked.grounded:
            fallback = None
            if self.settings.ungrounded == "extract":
                fallback = self._extract(
                    asked, numbered, ranked, retriever, standalone, bridge, subject
                )
            if fallback is None:
                return finish(
                    self._abstain(
                        question,
                        standalone,
                        hits[:k],
                        timings,
                        finish_reason,
                        EXTRACTIVE if messages is None else self.generator.model_id,
                    )
                )
            if bridge is not None:
                fallback = with_bridge(fallback, subject, bridge, numbered)
            return answered(fallback, EXTRACTIVE, finish_reason)  # the LLM's reply was not used
        return answered(checked, self.generator.model_id, finish_reason)

    def _extract(
        self,
        question: str,
        numbered: dict[int, _Evidence],
        ranked: list[_Evidence] | None = None,
        retriever: Retriever | None = None,
        standalone: str = "",
        bridge: _Evidence | None = None,
        description: str = "",
    ) -> cite.CheckedAnswer | None:
        """The best evidence sentence that holds the kind of answer asked for, cited.

        Among the top `extract_candidates` sentences (and `extract_reach` more, which must
        cover at least `reach_threshold` of the question), headlines are skipped (they restate the
        topic, rarely the answer), so are sentences scoring below `abstain_threshold`, bridge
        boost included (a weak match that happens to hold a date or a place is no answer),
        sentences that name only other years than the question's ("in 2019?" against
        "the 2018 champion"), another numbered thing ("the first season?" against "the
        tenth season"), another exact quantity ("a 7.0-magnitude quake" against
        "magnitude-7.8") or the other side of an event ("after the war?" against "Before the
        war, ..."), those whose article never names a name of the question ("in Budapest";
        `names.names_missing`; not for a question that describes its subject, whose names sit
        in two articles), and those that miss the role, rank or name the question pins
        its answer to (`constraints.keeps_constraints`). The shorter of near-equal sentences wins
        (`extract_length_penalty` per 100 characters), so a run-on sentence that matches
        everything does not crowd out the one that answers. Of those that cover the question
        (`_coverage` at least `support_threshold`), the best by score plus `coverage_weight`
        times coverage is the answer (with the check off, the best by score); if none covers
        it, the answer abstains.
        Two questions get an exact answer instead: an acronym to spell out (from any
        sentence of `ranked` that spells it out, added to `numbered` if it is not there) and
        an article's date (the metadata of the best-matching article).
        """
        if kinds.asked_acronym(question) is not None:
            # "What does CSTO stand for?": only a sentence that spells it out answers it.
            spelled = spelled_out(question, ranked if ranked is not None else [*numbered.values()])
            if spelled is None:
                return None
            acronym, name, e = spelled
            n = next((i for i, x in numbered.items() if x is e), len(numbered) + 1)
            numbered[n] = e
            return cite.CheckedAnswer(f"{acronym} stands for {name} [{n}].", [n], [], True)
        documents = (retriever or self.retriever).index.documents
        if kinds.asks_publication_date(question):
            # A document's date is metadata, not a sentence: the date of the article meant,
            # cited by its best sentence.
            meant = meant_article(numbered)
            if meant is None or not meant[1].chunk.date:
                return None
            n, e = meant
            return cite.CheckedAnswer(
                f"The article is dated {e.chunk.date} [{n}].", [n], [], grounded=True
            )
        per_char = self.settings.extract_length_penalty / 100
        kind = kinds.answer_type(question)
        asks_date = kind == "date"
        bridged = describes_entity(question)  # its names may sit in two articles
        # "What day of the week was that meeting?" asks of the meeting an earlier turn told:
        # its answer's article names that turn's names too ("Which US Secretary of State met
        # Mark Rutte in Brussels?": not the Palm Beach talks)
        earlier = event_told(question, standalone)
        typed, context = split_context(standalone or question)  # the follow-up, its context

        def names_kept(doc_id: str) -> bool:
            doc = documents.get(doc_id)
            if doc is None:
                return True
            whole = f"{doc.title}. {doc.text}"
            return not names.names_missing(question, whole) and not (
                earlier and names.names_missing(earlier, whole)
            )

        def article(e: _Evidence) -> str:
            """The sentence's whole article ("Lavrov proposed" is read with "Sergei Lavrov"
            in an earlier chunk), or its passage when the article is not at hand."""
            doc = documents.get(e.chunk.doc_id)
            return f"{doc.title}. {doc.text}" if doc else f"{e.chunk.title}. {e.chunk.text}"

        # The bridge itself answers only if it says more than the description: "The chief who
        # met Trump in Palm Beach was born where?" is not answered by the Palm Beach meeting.
        beyond: set[str] = set()
        if bridge is not None:
            asked_noun = re.findall(r"\b(?:which|what|whose)\s+([\w'’-]+)", question, re.I)
            beyond = set(tokenize(question)) - set(tokenize(description)) - _KIND_WORDS
            beyond -= set(tokenize(" ".join(asked_noun)))  # "which city": the kind, not a fact

        def answers_beyond(text: str) -> bool:
            return not beyond or bool(beyond & set(tokenize(text)))

        check = self.settings.support_threshold > 0
        first = self.settings.extract_candidates
        reach = first + (self.settings.extract_reach if check else 0)

        # the candidates together: "Which specific technologies ...?" is not answered by a
        # sentence without any when the only one that names them names none
        candidates = ""
        if slots.insists_on_members(typed):
            candidates = "\n".join(e.text for e in list(numbered.values())[:reach])

        def fits(e: _Evidence) -> bool:
            """The sentence holds the kind of answer asked for and keeps the question's
            constraints, and its evidence is strong enough."""
            return (
                not is_headline(e)
                and (
                    kinds.has_answer_type(e.text, question)
                    or (asks_date and kinds.weekday_date(e.text, e.chunk.date) is not None)
                )
                # read in two hops, the description's names are given, not answers: "The chief
                # who met Trump in Palm Beach was born in which city?" is no "Palm Beach"
                and (bridge is None or kinds.has_answer_type(e.text, standalone or question))
                # a follow-up's country is none its earlier questions gave
                and (kind != "country" or kinds.has_answer_type(e.text, question, context))
                and (bridge is None or not overlaps(e, bridge) or answers_beyond(e.text))
                and constraints.keeps_constraints(e.text, question, article(e))
                and slots.names_a_member(e.text, question, candidates)
                and not constraints.contradicts_year(e.text, question, e.chunk.text)
                and not constraints.contradicts_month(e.text, question)
                and not constraints.contradicts_label(e.text, question)
                and not constraints.contradicts_quantity(e.text, question)
                and not constraints.contradicts_order(e.text, question)
                # the answer's own evidence is strong (a follow-up's, read in context)
                and max(e.score, e.in_context) >= self.settings.abstain_threshold
                and (bridged or names_kept(e.chunk.doc_id))
            )

        found = [
            (e.score - per_char * len(e.text), n)
            for n, e in list(numbered.items())[:reach]
            if fits(e)
        ]
        if not found:
            return self._windowed(question, standalone, numbered, ranked, retriever, fits)
        found.sort(key=lambda t: (-t[0], t[1]))  # a tie goes to the higher-ranked
        asked = (question, standalone or question)
        later = set(list(numbered)[first:])  # held to `reach_threshold`
        blend = self.settings.coverage_weight if check else 0.0
        # Candidates that pass the coverage check compete on score plus `blend` times
        # coverage: of two sentences holding a date, the one that covers the question wins.
        # Coverage is at most 1, so once a score plus `blend` cannot beat the best total,
        # no later candidate can (with `blend` 0, the first that passes answers).
        best: tuple[float, int, _Evidence] | None = None
        for score, n in found:
            if best is not None and score + blend <= best[0]:
                break
            e = with_antecedent(numbered[n])
            cov = self._coverage(asked, [e], ranked, retriever, bridge) if check else None
            bar = self.settings.support_threshold
            if n in later:
                bar = max(bar, self.settings.reach_threshold)
            if cov is not None and cov < bar:
                continue
            total = score + blend * (1.0 if cov is None else cov)  # None: same for all
            if best is None or total > best[0]:
                best = (total, n, e)
        if best is None:
            return self._windowed(question, standalone, numbered, ranked, retriever, fits)
        _, n, chosen = best
        own = numbered[n]  # the sentence itself, without the one it leans on
        numbered[n] = chosen
        text = f"{numbered[n].text.rstrip()} [{n}]"
        when = kinds.weekday_date(chosen.text, chosen.chunk.date)
        if kind in ("date", "time") and when is not None and not kinds.gives_date(chosen.text):
            # "On Friday, ..." for "On what date ...?" or "When ...?": the date that Friday was.
            text += (
                f" ({when:%A} was {when:%B} {when.day}, {when.year}, counting back from the"
                f" article's date, {chosen.chunk.date}.)"
            )
        text += _country_gloss(own.text, question)
        return cite.CheckedAnswer(text=text, cited=[n], dropped=[], grounded=True)

    def _windowed(
        self,
        question: str,
        standalone: str,
        numbered: dict[int, _Evidence],
        ranked: list[_Evidence] | None,
        retriever: Retriever | None,
        fits: Callable[[_Evidence], bool],
    ) -> cite.CheckedAnswer | None:
        """A sentence that holds the answer while the sentences around it hold the rest of the
        question ("Following the Russia-Ukraine conflict, NATO was reactivated. NATO first
        absorbed Finland, ... Both countries have abandoned their centuries-old tradition of
        neutrality." for "Which country did NATO take in first after the Russia-Ukraine
        conflict, ending its tradition of neutrality?"): among the best `window_reach`
        sentences that fit the question (`fits`), the first whose window (it and the
        sentence on either side, in its paragraph) covers the question at least
        `window_threshold` answers, cited as the window. None when the check is off or no
        window covers the question."""
        threshold = self.settings.window_threshold
        if threshold <= 0 or self.settings.support_threshold <= 0:
            return None
        pool = ranked if ranked is not None else list(numbered.values())
        asked = (question, standalone or question)
        for e in pool[: self.settings.window_reach]:
            if not fits(e):
                continue
            window = with_neighbours(e)
            if window is e:
                continue
            cov = self._coverage(asked, [window], ranked, retriever)
            if cov is None or cov < threshold:
                continue
            n = next((i for i, x in numbered.items() if x is e), len(numbered) + 1)
            numbered[n] = window
            text = f"{window.text.rstrip()} [{n}]" + _country_gloss(e.text, question)
            return cite.CheckedAnswer(text, [n], [], grounded=True)
        return None

    @staticmethod
    def _page_part(
        question: str, part: str, numbered: dict[int, _Evidence], retriever: Retriever
    ) -> cite.CheckedAnswer | None:
        """A question about a part of the page ("Which agency is credited as a source?"),
        answered by quoting that part of the article meant (of those naming every name of
        the question); None if the article lacks the part or the part does not answer the
        question (`page.answers`). The part is added to `numbered` and cited: at its place
        in the text (a time stamp, a headline that opens the text), or with offsets -1 for a
        part the loader kept beside the text (`Document.meta`)."""
        documents = retriever.index.documents

        def names_kept(doc_id: str) -> bool:
            doc = documents.get(doc_id)
            return doc is not None and not names.names_missing(question, page.whole(doc))

        meant = meant_article(numbered, names_kept)
        if meant is None:
            return None
        e = meant[1]
        doc = documents[e.chunk.doc_id]
        line = page.best_line(page.part_lines(doc, part), question)
        if line is None or not page.answers(line, part, question):
            return None
        at = doc.text.find(line)
        chunk = e.chunk
        if at >= 0:
            chunk = next(
                (c for c in retriever.index.chunks if c.doc_id == doc.doc_id and c.end > at),
                chunk,
            )
        span = (at, at + len(line)) if at >= 0 else (-1, -1)
        n = len(numbered) + 1
        numbered[n] = _Evidence(chunk, *span, line, e.score)
        return cite.CheckedAnswer(f'{page.LABELS[part]} "{line}" [{n}].', [n], [], grounded=True)

    @staticmethod
    def _titled(
        person: str, numbered: dict[int, _Evidence], ranked: list[_Evidence]
    ) -> cite.CheckedAnswer | None:
        """For a question asking a person's role: the best-ranked sentence that gives the
        person a title (`roles.title_of`), cited; None if no sentence does."""
        for e in ranked:
            if is_headline(e) or roles.title_of(person, e.text) is None:
                continue
            n = next((i for i, x in numbered.items() if x is e), len(numbered) + 1)
            numbered[n] = e
            return cite.CheckedAnswer(f"{e.text.rstrip()} [{n}]", [n], [], grounded=True)
        return None

    def _covers(
        self,
        asked: tuple[str, str],
        cited: list[_Evidence],
        ranked: list[_Evidence] | None,
        retriever: Retriever | None,
        bridge: _Evidence | None = None,
    ) -> bool:
        """True if the cited sentences cover the question (`_coverage` at least
        `support_threshold`); always true when the check is off or nothing is cited."""
        threshold = self.settings.support_threshold
        if threshold <= 0 or not cited:
            return True
        score = self._coverage(asked, cited, ranked, retriever, bridge)
        return score is None or score >= threshold

    def _coverage(
        self,
        asked: tuple[str, str],
        cited: list[_Evidence],
        ranked: list[_Evidence] | None,
        retriever: Retriever | None,
        bridge: _Evidence | None = None,
    ) -> float | None:
        """How much of the question the cited sentences, each read with its article's title,
        cover (`support.question_recall`); with `names_in_passage`, the question's names may
        be found anywhere in a cited sentence's passage. A question that describes its
        subject ("the minister who ...") is covered by the answer and the best other sentence
        (the bridge; from another article if any) together. A follow-up counts the better of
        its own words and those together with the earlier question's, and a question that
        opens with a statement (or with a clause naming its document, "According to the
        article on X, ...", or an aside, `without_aside`) the better of all its words and
        the rest's; capitals that stand for their country count as the country too
        (`names.with_countries`). A question read in two hops is covered by the answer and
        its `bridge`; staying away counts in its plain words too
        (`constraints.with_plain_absence`). None when no form of the question has a content
        word."""
        question = asked[0]
        texts = [f"{e.chunk.title}. {e.text}" for e in cited]
        if bridge is not None:  # the sentence that the question's description fits
            if not any(overlaps(bridge, e) for e in cited):
                texts.append(f"{bridge.chunk.title}. {bridge.text}")
        elif ranked and describes_entity(question):
            docs = {e.chunk.doc_id for e in cited}
            rest = [
                u for u in ranked if not is_headline(u) and not any(overlaps(u, e) for e in cited)
            ]
            other = (u for u in rest if u.chunk.doc_id not in docs)
            bridge = next(other, rest[0] if rest else None)
            if bridge is not None:
                texts.append(f"{bridge.chunk.title}. {bridge.text}")
        retriever = retriever or self.retriever
        passages = [e.chunk.text for e in cited]

        def around() -> list[TokenVectors]:
            return self._passage_tokens(passages, retriever)

        context = around if self.settings.names_in_passage else None
        forms = {
            question,
            without_context(asked[1]),
            asking_sentence(question),
            without_source(question),
            without_aside(question),
            # "Pyongyang's help to Moscow" for "North Korea's ... Russia"; asides and the
            # document clause go too
            names.with_countries(without_source(without_aside(question))),
            # "Which country skipped it?" for "Armenia did not attend the meeting"
            constraints.with_plain_absence(question),
            constraints.with_plain_absence(without_context(asked[1])),
        }
        scores = [
            r
            for q in forms
            if (r := question_recall(q, texts, retriever.embedder, context)) is not None
        ]
        return max(scores) if scores else None

    @staticmethod
    def _citation(n: int, e: _Evidence) -> Citation:
        c = e.chunk
        return Citation(n, c.chunk_id, c.doc_id, c.title, e.text, e.start, e.end, e.score)

    def _abstain(
        self,
        question: str,
        standalone: str,
        hits: list[Hit],
        timings: dict[str, float],
        finish_reason: str = "stop",
        model: str = EXTRACTIVE,
    ) -> Answer:
        """The abstention, with the closest passages; `model` is the LLM's only when its
        reply was asked for (and found wanting)."""
        closest = [
            Citation(
                i + 1,
                h.chunk.chunk_id,
                h.chunk.doc_id,
                h.chunk.title,
                h.chunk.text,
                h.chunk.start,
                h.chunk.end,
                h.score,  # the retrieval score, as search shows it (hits are in its order)
            )
            for i, h in enumerate(hits)
        ]
        return Answer(
            question,
            standalone,
            self.prompts.abstain,
            True,
            closest,
            timings,
            model,
            finish_reason,
            grounded=False,
        )
