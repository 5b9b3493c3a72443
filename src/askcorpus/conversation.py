"""Conversations: the history of each chat, and follow-ups made standalone before retrieval."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from askcorpus import names
from askcorpus.bm25 import tokenize
from askcorpus.cite import strip_markers
from askcorpus.gazetteer import countries_in, display_name, is_country_adjective
from askcorpus.roles import ROLE, ROLE_KIND
from askcorpus.words import fold

_FOLLOWUP = re.compile(
    r"\b(he|she|they|it|its|his|her|hers|him|them|their|theirs|that|this|those|these|there|"
    r"then|the same|such|former|latter|above)\b|^(and|also|what about|how about|why|so)\b",
    re.IGNORECASE,
)
# Words that stand for something said before ("it", "that", "he"), not openings ("why", "so")
_POINTS_BACK = re.compile(
    r"\b(he|she|they|it|its|his|her|hers|him|them|their|that|this|those|these|then)\b",
    re.IGNORECASE,
)
# Words that ask how, not about what ("How much did it cost?" names only "cost")
_WEAK_WORDS = frozenset({"much", "mani", "happen", "say", "mean"})
# A name in a question: a capitalised word after its first ("Where did Lavrov speak?")
_NAME = re.compile(r"(?<=\s)[A-Z][\w’'-]*")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_OPENING = r"^(?:(?:and|so|but|then),? )?"
_ASKS_WHO = re.compile(rf"{_OPENING}(?:who|whom)\b", re.IGNORECASE)
# "Who confirmed ...?", "Which Russian official accused ...?": the answer is a person
_PERSON_NOUN = (
    r"(?:official|minister|president|leader|fellow|spokes(?:person|man|woman)|chief|secretary|"
    r"diplomat|politician|head|person|expert|analyst|senator|envoy|ambassador|chancellor|"
    r"premier)s?"
)
# "What is the head count ...?", "What share of officials ...?" ask for no one
_PERSON_ASKED = (
    r"(?:who|whom|(?:which|what) (?:(?!(?:is|was|are|were|did|does|do|has|have|had|of)\b)"
    rf"[\w.'’-]+ ){{0,3}}?{_PERSON_NOUN})\b"
)
_ASKS_PERSON = re.compile(_OPENING + _PERSON_ASKED, re.IGNORECASE)
# "Before meeting him, which NATO Secretary General warned ...?", "Ahead of meetings with which
# French president did ...?": a person asked after a clause or a preposition
_ASKS_PERSON_LATER = re.compile(
    r"(?:[,;:]|\b(?:with|to|by|for|from|at|about)) (?:which|what) "
    r"(?:(?!(?:is|was|are|were|did|does|do|has|have|had|of)\b)[\w.'’-]+ )"
    rf"{{0,3}}?{_PERSON_NOUN}\b(?! of\b)",  # not ", who leads NATO,": a clause about someone
    re.IGNORECASE,
)
# "What did that president say he would ...?", "Which spokesperson confirmed it for his
# organisation?": "he" is the one the question names first
_NAMES_SOMEONE = re.compile(rf"\b(?:that|this|the|which|what) (?:[\w-]+ )?{_PERSON_NOUN}\b", re.I)
# "What is her job?", "What other post does he hold there?", "And what is that person's
# role?": what a person the conversation named does, asked by a pronoun
_ASKS_ROLE = re.compile(
    rf"{_OPENING}what(?: other| else)?(?:(?: is| was|['’]s) (?P<his>his|her|their|"
    rf"that person's|this person's)(?: other)? {ROLE}| {ROLE_KIND}{ROLE}s? (?:does|did) "
    r"(?P<he>he|she|that person|this person) (?:hold|have|occupy))\b",
    re.IGNORECASE,
)


@dataclass
class Turn:
    """One question and answer of a conversation."""

    question: str
    standalone: str
    answer: str
    chunk_ids: list[str]
    abstained: bool = False
    person: str | None = None  # whom the question's "he" or "she" was read as


@dataclass
class Conversation:
    """History of one chat, bounded in turns."""

    max_turns: int = 8
    turns: list[Turn] = field(default_factory=list)

    def add(self, turn: Turn) -> None:
        """Append a turn, dropping the oldest beyond the bound."""
        self.turns.append(turn)
        del self.turns[: max(0, len(self.turns) - self.max_turns)]

    def reset(self) -> None:
        """Forget everything."""
        self.turns.clear()


def is_followup(question: str, conversation: Conversation | None = None) -> bool:
    """Heuristic: the question leans on an earlier turn (pronouns, ellipsis, very short).
    A short question that names someone or something the conversation has not ("Where did
    Lavrov speak?" after "Where did Rutte meet Trump?") starts a topic of its own."""
    if _FOLLOWUP.search(question):
        return True
    if len(tokenize(question)) >= 3:
        return False
    said = " ".join(f"{t.question} {t.answer}" for t in conversation.turns) if conversation else ""
    named = _NAME.findall(question)
    return all(re.search(rf"\b{re.escape(n)}\b", said, re.IGNORECASE) for n in named)


def lacks_subject(question: str) -> bool:
    """A question that only points back ("When did that happen?", "Who said it?", "Why?")
    names nothing to look for: without earlier turns it is not answered."""
    if _NAME.search(question):
        return False
    words = len([w for w in tokenize(question) if w not in _WEAK_WORDS])
    return words == 0 or (words < 2 and bool(_POINTS_BACK.search(question)))


def person_meant(conversation: Conversation) -> str | None:
    """The one person the last turn is about: whom its answer named when it asked for a
    person ("Who confirmed the talks?" / "... confirmed by NATO spokesperson Farah
    Dakhlallah"), else whom its question named ("At which think tank is Philip Dickinson a
    fellow?"); none if that turn abstained or named no one, or several."""
    if not conversation.turns or conversation.turns[-1].abstained:
        return None
    prev = conversation.turns[-1]
    if _ASKS_PERSON.match(prev.question) or _ASKS_PERSON_LATER.search(prev.question):
        # not those named before: an answer may retell the meeting asked about ("Rutte met
        # Trump ... The talks, confirmed by NATO spokesperson Farah Dakhlallah, ...")
        before = " ".join(f"{t.question} {t.answer}" for t in conversation.turns[:-1])
        people = names.people_named(prev.answer, f"{prev.question} {before}")
    elif _describes_someone(prev.question):
        # "Where did the NATO Secretary-General hold talks with Trump?": two people
        return None
    else:
        people = names.people_named(prev.question)
        if not people and prev.person:  # "How did he describe ...?", read as Blinken
            people = [prev.person]
    unique = list(dict.fromkeys(without_title(p) for p in people))
    return unique[0] if len(unique) == 1 else None


def without_title(person: str) -> str:
    """A name without the title before it: "US Secretary of State Antony Blinken" is read
    as a run of capitals "State Antony Blinken", "French President Emmanuel Macron" as a
    whole; the name is what follows the title ("Secretary-General" too)."""
    words = person.split()
    while len(words) > 1 and (
        set(fold(words[0]).split("-")) <= names.TITLE_WORDS
        or is_country_adjective(fold(words[0]))
        or (len(words[0]) > 5 and words[0].endswith("ing"))  # "Meeting Rutte in Brussels"
    ):
        words.pop(0)
    return " ".join(words)


def with_person_named(question: str, conversation: Conversation | None) -> str | None:
    """A question after a person's role by a pronoun, with the pronoun replaced by whom the
    conversation means: "What is her job?" after "Who confirmed the talks?" (answered "...
    NATO spokesperson Farah Dakhlallah") is "What is Farah Dakhlallah's job?", a question
    of its own. None for other questions, or when the person is not clear."""
    m = _ASKS_ROLE.match(question)
    if m is None or conversation is None:
        return None
    person = person_meant(conversation)
    if person is None:
        return None
    group = "his" if m.group("his") else "he"
    name = f"{person}'s" if group == "his" else person
    return question[: m.start(group)] + name + question[m.end(group) :]


# "he", "his" or "she", "her job": one person, pointed back at
_HE = re.compile(r"\b(?:he|his)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her)\b", re.IGNORECASE)
# ... or as an object: "him", and "her" before no noun of hers ("met her in Paris", "told
# her?", "praised her yesterday", "called her Farah")
_OBJECT = re.compile(
    r"\bhim\b|\bher\b(?!\s+(?!(?:to|about|for|with|in|on|at|from|by|as|that|than|and|or|but|"
    r"if|when|while|after|before|since|during|into|over|under|a|an|the|this|these|those|"
    r"yesterday|today|tonight|tomorrow|last|next|again|earlier|later|first|once|twice|then|now|"
    r"there|here|ever|never|too|also)\b)(?-i:[a-z]))",
    re.IGNORECASE,
)


# "... did he", "... has she": the pronoun is the subject of the question asked
_AUXILIARY = re.compile(
    r"\b(?:did|does|do|has|have|had|is|was|will|would|can|could|should)\s+$", re.IGNORECASE
)


def _describes_someone(question: str) -> bool:
    """True if a question speaks of someone by a description, not a name: "the NATO
    Secretary-General" (not "the US Secretary of State Antony Blinken", a title)."""
    return any(
        not re.match(r"\s+(?:of\s+)?(?:[A-Z][\w.-]*\s+)*[A-Z][a-z]", question[m.end() :])
        for m in _NAMES_SOMEONE.finditer(question)
    )


def _names_one(text: str) -> bool:
    """True if a part of a question names someone by one capitalised word ("What did Rutte
    say ..."): not an acronym ("NATO"), a title ("President") or a country ("Ukraine")."""
    return any(
        not w.isupper() and fold(w) not in names.TITLE_WORDS and not countries_in(w, fold(w))
        for w in _NAME.findall(text)
    )


def with_pronoun_named(question: str, conversation: Conversation | None) -> tuple[str, str] | None:
    """A follow-up that asks about one person by "he" or "she", with the pronoun replaced by
    whom the conversation means (`person_meant`): "In which city did he meet the NATO chief?"
    after "Which US Secretary of State ...?" (answered "... Antony Blinken ...") is "In which
    city did Antony Blinken meet the NATO chief?", so the checks ask the answer's sentence
    for that person. Returns the question and the person; None when the question names the
    person already, mixes "he" and "she", or the person is not clear."""
    if conversation is None:
        return None
    he, she = _HE.findall(question), _SHE.findall(question)
    obj = _OBJECT.search(question)
    if bool(he) == bool(she) or (obj and not _he_then_him(question)):
        # neither, or both; or "Which NATO chief met him?", whose name would find his own
        # meetings, not the one asked about: "him" is left to the context, unless "he" is
        # there too ("When did he meet him?", below)
        return None
    first = (_HE if he else _SHE).search(question)
    assert first is not None
    before = question[: first.start()]
    someone = _NAMES_SOMEONE.search(before)
    if someone and someone[0].lower().startswith(("which", "what")) and _AUXILIARY.search(before):
        someone = None  # "Which NATO chief did he meet?": he is the one who met the chief
    if someone or names.people_named(before) or _names_one(before):
        return None  # "What did that president say he ...?": he is that president
    person = person_meant(conversation)
    if person is None or re.search(rf"\b{re.escape(person.split()[-1])}\b", question):
        return None
    if obj:
        other = _other_meant(conversation, person)
        if other is None or re.search(rf"\b{re.escape(other.split()[-1])}\b", question):
            return None
        question = question[: obj.start()] + other + question[obj.end() :]

    def named(m: re.Match[str]) -> str:
        return f"{person}'s" if m.group(0).lower() in ("his", "her") else person

    return (_HE if he else _SHE).sub(named, question), person


def _he_then_him(question: str) -> bool:
    """True if a question holds one "he" and, after it, one "him", and no "his" or other
    object pronoun that could be either man ("When did he meet him?"; not "Did he bring his
    wife with him?", "Who accompanied him when he flew in?")."""
    words = [fold(w) for w in re.findall(r"\b(?:he|his|him|her)\b", question, re.IGNORECASE)]
    # in one clause: "Who did he tell, and who told him?" may mean him twice
    one = re.search(r"\bhe\b[^,;]*\bhim\b", question, re.IGNORECASE)
    return words == ["he", "him"] and one is not None


def _other_meant(conversation: Conversation, person: str) -> str | None:
    """Whom "him" means beside "he": after "Which US Secretary of State met NATO chief Mark
    Rutte ...?" (answered Antony Blinken), "When did he meet him?" asks when Blinken met
    Rutte, the one other person that question named. None unless that turn asked for a
    person as the subject and named one other ("Which minister did Antony Blinken meet?"
    makes Blinken the one who met: "What did he ask him?" is left to the context)."""
    prev = conversation.turns[-1]
    if not (_ASKS_PERSON.match(prev.question) or _ASKS_PERSON_LATER.search(prev.question)):
        return None
    last = fold(person.split()[-1])
    others = list(
        dict.fromkeys(
            without_title(p)
            for p in names.people_named(prev.question)
            if fold(without_title(p).split()[-1]) != last
        )
    )
    if len(others) != 1:
        return None
    first = re.escape(others[0].split()[0])
    if re.search(
        rf"\b(?:did|does|do|has|have|had|will|would|is|was|were)\b[^?]*\b{first}\b",
        prev.question,
        re.IGNORECASE,
    ):
        return None
    return others[0]


# "Which member state ranks first ...?": the answer is a country
_ASKS_COUNTRY = re.compile(
    r"\b(?:which|what) (?:(?!(?:is|was|are|were|did|does|do|has|have|had|the|a)\b)[\w-]+ )?"
    r"(?:country|nation|member state|member country|member|ally)(?:['’]s)?\b(?! of\b)",
    re.IGNORECASE,
)
# "that country", "this member state": the country an earlier answer named
_THAT_COUNTRY = re.compile(
    r"\b(?:that|this|the same) (?:country|nation|member state|member|state|ally)\b", re.IGNORECASE
)
# "In which city ...?", "Where did they meet?": a question for a town; "that city" after it
_ASKS_TOWN = re.compile(
    r"\b(?:which|what) (?:[\w-]+ )?(?:city|town|capital)\b|^(?:(?:and|so),? )?where\b",
    re.IGNORECASE,
)
_THAT_TOWN = re.compile(r"\b(?:that|this|the same) (?:city|town|capital)\b", re.IGNORECASE)
# "How much did it spend?": "it" as the subject of a question for an amount
_IT_DID = re.compile(r"\b(?:did|does|do|has|had|is|was|will|would) (it)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"^(?:(?:and|so|but|then),? )?how (?:much|many)\b", re.IGNORECASE)
_THE_COUNTRIES = ("united ", "netherlands", "philippines", "czech republic", "bahamas")


def country_meant(conversation: Conversation) -> str | None:
    """The one country the last turn's answer named by name when it asked for a country
    ("Which member state ranks first?" / "... the military expenditure of the United States
    will rank first."), not by adjective ("Russian media") nor as a currency ("US dollars");
    none if it abstained, asked for no country or named several."""
    if not conversation.turns or conversation.turns[-1].abstained:
        return None
    prev = conversation.turns[-1]
    if not _ASKS_COUNTRY.search(prev.question):
        return None
    clean = names.CURRENCY_OWNER.sub(" ", strip_markers(prev.answer))
    clean = re.sub(r"[\w'’-]+", lambda m: " " if is_country_adjective(fold(m[0])) else m[0], clean)
    found = countries_in(clean, fold(clean)) - countries_in(prev.question, fold(prev.question))
    if len(found) != 1:
        return None
    (country,) = found
    name = display_name(country)
    return f"the {name}" if country.startswith(_THE_COUNTRIES) else name


def town_meant(conversation: Conversation) -> str | None:
    """The one town the last turn's answer placed something in when it asked where or for
    a city ("In which city is the summit held?" / "... in the Lithuanian capital Vilnius
    ..."); none if it abstained, asked for no place or named several."""
    if not conversation.turns or conversation.turns[-1].abstained:
        return None
    prev = conversation.turns[-1]
    if not _ASKS_TOWN.search(prev.question):
        return None
    found = set(names.towns_in(prev.answer, prev.question))
    return found.pop() if len(found) == 1 else None


def with_country_named(question: str, conversation: Conversation | None) -> str | None:
    """A follow-up about the country an earlier answer named, with the country named: "How
    much did that country spend?" or "How much did it spend that year?" after "Which member
    state ranks first?" (answered "... the United States ...") is "How much did the United
    States spend that year?", so the checks ask the answer's sentence for that country's
    sum. "it" is read so only in a question for an amount ("When was it held?" may be
    about the meeting). "That city" is the town an earlier answer named likewise ("That
    city is the capital of which country?" asks it of Vilnius). None for other questions,
    or when the country or town is not clear."""
    if conversation is None:
        return None
    if (town := _THAT_TOWN.search(question)) is not None:
        if (name := town_meant(conversation)) is None:
            return None
        # "the city of Almaty": the word "city" still finds "the Kazakh city of Almaty"
        noun = "town" if town[0].lower().endswith("town") else "city"
        named = f"{'T' if town.start() == 0 else 't'}he {noun} of {name}"
        return question[: town.start()] + named + question[town.end() :]
    that = _THAT_COUNTRY.search(question)
    it = _IT_DID.search(question) if _AMOUNT.match(question) else None
    if that is None and it is None:
        return None
    country = country_meant(conversation)
    if country is None:
        return None
    if that is not None:
        if that.start() == 0:  # "That country spent how much?"
            country = country[:1].upper() + country[1:]
        return question[: that.start()] + country + question[that.end() :]
    assert it is not None
    return question[: it.start(1)] + country + question[it.end(1) :]


# "that alliance", "the bloc he criticized": the body an earlier turn named by its acronym
_THAT_BODY = re.compile(
    r"\b(?:(?:that|this|the same) (?:alliance|organi[sz]ation|bloc)\b|"
    r"the (?:alliance|organi[sz]ation|bloc) (?:(?:that|which) )?(?:he|she|they) [a-z]+ed\b)",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b(?!\s*[—–:-])")  # not a dateline ("PARIS —")
_OPENING_CLAUSE = re.compile(r"^(?:after|before|when|since|once|as|while|until)\b", re.IGNORECASE)
# Acronyms that name no alliance: outlets, countries, measures
_NOT_BODIES = frozenset({
    "CNN", "BBC", "AFP", "NBC", "CBS", "ABC", "NPR", "TASS", "RIA", "DPRK", "PRC", "ROK", "UAE",
    "USSR", "GDP", "CEO", "USD", "EUR",
})  # fmt: skip


def body_meant(conversation: Conversation) -> str | None:
    """The one body the last turn named by its acronym, in its question or its answer
    ("NATO" of "Which French president once declared NATO to be 'brain dead'?"), not a
    country ("USA"), an outlet ("CNN") or a dateline ("PARIS —"); none if it named none or
    several."""
    if not conversation.turns:
        return None
    prev = conversation.turns[-1]
    said = prev.question if prev.abstained else f"{prev.question} {strip_markers(prev.answer)}"
    found = {
        a for a in _ACRONYM.findall(said) if a not in _NOT_BODIES and not countries_in(a, fold(a))
    }
    return found.pop() if len(found) == 1 else None


def with_body_named(question: str, conversation: Conversation | None) -> str | None:
    """A follow-up about the body an earlier turn named, with its name: "Which country did
    that alliance take in first?" after "Which French president called NATO 'brain dead'?"
    is "Which country did NATO take in first?", which finds the sentence that says "NATO
    first absorbed Finland". None for other questions, or when the body is not clear."""
    if conversation is None or (that := _THAT_BODY.search(question)) is None:
        return None
    if (body := body_meant(conversation)) is None:
        return None
    rest = question[that.end() :]
    if _OPENING_CLAUSE.match(question[: that.start()]) and "," in rest:
        # "After the war revived that alliance, which country did it take in first?": the
        # subject "it" of the main clause is the body of the opening one
        clause, main = rest.split(",", 1)
        main = re.sub(r"\b(did|does|has|had|will|would) it\b", rf"\1 {body}", main, count=1)
        rest = f"{clause},{main}"
    return question[: that.start()] + body + rest


def standalone_question(
    question: str, conversation: Conversation | None, max_chars: int = 1000
) -> str:
    """A follow-up is made self-contained by adding the earlier questions it depends on: the
    previous one, and before it each one back to the question that set the topic (the last
    asked on its own), so "it" in a third turn still finds the first turn's subject
    ("Where did Rutte meet Trump?" / "Who confirmed that meeting?" / "On which day did it
    happen?"). The questions are added as asked, not their own expansions, so the context
    never nests; the nearest come first and the whole is cut to the question length limit."""
    if not conversation or not conversation.turns or not is_followup(question, conversation):
        return question
    room = max_chars - len(question) - len(" (context: )")
    if room < 20:
        return question
    chain: list[str] = []
    prev = conversation.turns[-1]
    if _PERSON_PRONOUN.search(question) and _ASKS_WHO.match(prev.question):
        # "Who confirmed the talks?" / "What is her job?": she is whom the answer named
        chain.extend(dict.fromkeys(names.people_named(prev.answer, prev.question)))
    for turn in reversed(conversation.turns):
        chain.append(turn.question)
        if turn.standalone == turn.question:  # asked on its own: it set the topic
            break
    return f"{question} (context: {' '.join(chain)[:room]})"
