"""Conversations: the history of each chat, and follow-ups made standalone before retrieval."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from askcorpus import names
from askcorpus.bm25 import tokenize
from askcorpus.roles import ROLE

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
_ASKS_PERSON = re.compile(
    # "What is the head count ...?", "What share of officials ...?" ask for no one
    rf"{_OPENING}(?:who|whom|(?:which|what) (?:(?!(?:is|was|are|were|did|does|do|has|have|had|"
    rf"of)\b)[\w.'’-]+ ){{0,3}}?(?:official|minister|"
    r"president|leader|fellow|spokes(?:person|man|woman)|chief|secretary|diplomat|politician|"
    r"head|person|expert|analyst|senator|envoy|ambassador|chancellor|premier)s?)\b",
    re.IGNORECASE,
)
# "What is her job?", "What other post does he hold there?", "And what is that person's
# role?": what a person the conversation named does, asked by a pronoun
_ASKS_ROLE = re.compile(
    rf"{_OPENING}what(?: other| else)?(?:(?: is| was|['’]s) (?P<his>his|her|their|"
    rf"that person's|this person's)(?: other)? {ROLE}| {ROLE}s? (?:does|did) "
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
    if _ASKS_PERSON.match(prev.question):
        people = names.people_named(prev.answer, prev.question)
    else:
        people = names.people_named(prev.question)
    unique = list(dict.fromkeys(people))
    return unique[0] if len(unique) == 1 else None


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
