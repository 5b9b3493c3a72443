"""Word-level coverage of the question by the evidence (`askcorpus.support`)."""

from __future__ import annotations

import re

import pytest
from tests.fakes import FakeEmbedder

from askcorpus.embed import TokenVectors
from askcorpus.support import content_tokens, question_recall

QUESTION = "On what date did the council approve the harbour budget?"


def test_recall_is_the_share_of_content_words_matched() -> None:
    fake = FakeEmbedder(dim=1024)  # a word matches the same stem, nothing else
    # content words: date, council, approve, harbour, budget (what/did/the/on are stop words)
    full = "The council approved the harbour budget on that date."
    part = "The council approved the harbour budget on Tuesday."
    assert question_recall(QUESTION, [full], fake) == pytest.approx(1.0)
    assert question_recall(QUESTION, [part], fake) == pytest.approx(4 / 5)
    assert question_recall(QUESTION, ["Apple growers reported a record harvest."], fake) == 0.0
    # several texts cover the question together
    assert question_recall(
        QUESTION, ["The council met.", "A date for the harbour budget approval."], fake
    ) == pytest.approx(1.0)
    assert question_recall(QUESTION, [], fake) == 0.0
    assert question_recall("What is it?", ["Anything."], fake) is None  # nothing to cover


def test_content_tokens_skip_stop_words_and_punctuation() -> None:
    text = "Who is the Kyiv-backed leader of it?"
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]  # word pieces
    kept = [text[s:e] for s, e in (spans[i] for i in content_tokens(text, spans))]
    assert kept == ["Kyiv", "-", "backed", "leader"]  # pieces of one content word all count


def test_names_may_be_found_in_the_passage_around_the_evidence() -> None:
    """News sentences name people once, then report the fact without them: a name of the
    question (a capitalised word after the first) may match the passage around the
    sentence; any other word must be in the sentence itself."""
    fake = FakeEmbedder(dim=1024)
    question = "Who confirmed the talks between Rutte and Trump?"  # 4 content words
    sentence = "The talks were confirmed by Farah Dakhlallah."
    passage = f"Rutte met Trump in Palm Beach. {sentence}"

    def around() -> list[TokenVectors]:
        return fake.embed_tokens([passage])

    assert question_recall(question, [sentence], fake) == pytest.approx(2 / 4)
    assert question_recall(question, [sentence], fake, around) == pytest.approx(1.0)
    # the passage never supplies the fact asked, only the names
    named = "Rutte met Trump in Palm Beach."
    assert question_recall(question, [named], fake, around) == pytest.approx(2 / 4)
    # lower case is no name; the first word is never one ("Trump" opening the question)
    assert question_recall(question.lower(), [sentence], fake, around) == pytest.approx(2 / 4)
    assert question_recall("Trump confirmed which talks?", [sentence], fake, around) == (
        pytest.approx(2 / 3)
    )
