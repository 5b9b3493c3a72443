"""Whether an answer keeps what its question pins it to: the role, rank, topic, event, year,
label, order and quantity asked."""

from __future__ import annotations

import re

from askcorpus.bm25 import tokenize
from askcorpus.cite import strip_markers
from askcorpus.gazetteer import countries_in, is_country_adjective
from askcorpus.kinds import DOCUMENT, YEAR, answer_pattern, answer_type
from askcorpus.names import (
    ASKS_ABOUT,
    ASKS_CALLED,
    ASKS_CURRENT,
    ASKS_NAMED_PERSON,
    ASKS_NAMED_THING,
    ASKS_OFFICE,
    ASKS_PERSON,
    ASKS_RANK,
    ASKS_TERM,
    ASKS_WINNER,
    CAPITALS,
    CURRENCY_OWNER,
    EITHER_OR,
    ORDINAL_DIGITS,
    REACTS,
    ROLE_WORDS,
    SAYS_WON,
    SPEAKS,
    TITLE_WORDS,
    capitalised_names,
    capitals_named,
    described_as,
    gives_term,
    is_country_name,
    named_in,
    names_a_person,
    names_another_person,
    names_by_country,
    names_current_holder,
    names_role_itself,
    names_someone,
    names_something,
    names_the_described,
    names_the_officeholder,
    only_other_nationals,
    quotes_speaker,
    reports_the_source,
    response_asked,
    sentence_before,
    speakers_of,
    surnames_in,
)
from askcorpus.slots import (
    cites_the_owner,
    contradicts_office,
    gives_advice,
    gives_the_role,
    names_a_member,
    names_a_party,
    names_both,
    names_the_head,
    names_the_sanctions,
    places_the_deed,
    speaker_holds_office,
    tells_a_response,
    tells_joining,
    tells_of_the_event,
    tells_speech,
    tells_the_hearer,
    tells_the_polar,
    tells_the_specific,
    tells_what_it_is,
)
from askcorpus.words import (
    ANAPHOR,
    FUNCTION_WORDS,
    MONTH_ABBR,
    MONTH_RE,
    MONTHS,
    NO_NAME,
    NUMBER,
    NUMBER_WORDS,
    OPENING_TIME,
    ORDINALS,
    WEEKDAYS,
    WORD,
    fold,
)

_WHEN_CLAUSE = re.compile(
    r"\s(?:before|after|during|since|until|when|while|ahead of|in the run-up to)\s", re.I
)


_ABOUT = re.compile(r"\b(?:about|regarding|concerning)\b", re.IGNORECASE)
# "What did the NATO spokesperson say about ...?": words said, of a topic
_SAY_ABOUT = re.compile(
    r"(?:(?:and|so|but|then) )?what (?:did|does|do|has|have|had|will|would) ", re.I
)
# Words of a topic that carry none of its content ("What did he say about the issue?")
_TOPIC_FILLER = frozenset({
    "about", "issue", "issues", "matter", "matters", "topic", "subject", "question", "questions",
    "situation", "things", "thing", "plans", "plan", "idea", "ideas", "role", "future", "need",
    "possibility", "prospect", "prospects", "whether", "what", "which", "being", "their",
    "there", "would", "could", "should", "other", "after", "before", "during", "since",
})  # fmt: skip


_PHRASE_END = re.compile(
    r"\b(?:of|in|at|on|with|to|for|from|by|that|which|who|whom|whose|and|or|as|if|since|"
    r"because|after|before|during|while|when|amid|against|between|over|under|into)\b|[,;:]"
)


def _unread_topic(topic: str, context: str) -> bool:
    """True if the topic's noun phrase has two lower-case words or more ("North Korea's
    nuclear program") and none is in any form anywhere in `context`, the passage: it says
    nothing about a nuclear program. One word alone may be told in others ("a new treaty":
    "a pact")."""
    phrase = _PHRASE_END.split(topic, 1)[0]
    words = [
        w
        for w in re.findall(r"(?<![\w'’-])[a-z][a-z-]{4,}\b", phrase)
        if w not in _TOPIC_FILLER and w not in FUNCTION_WORDS
    ]
    folded = fold(context)
    return len(words) >= 2 and not any(re.search(rf"\b{re.escape(w[:5])}", folded) for w in words)


def keeps_topic(text: str, question: str, context: str = "") -> bool:
    """For a question about what someone said of a named topic ("What did Putin say about
    Finland joining NATO?", "How did Blinken describe Beijing's ties with Moscow?"), true
    only if the text names the topic's first name (Finland, Beijing); for "How did the
    Kremlin respond to Y?", only if it names the one responding, as a speaker when it names
    any ("Newsweek said Trump's return ..." is no reaction of Trump's), or, with `context`
    (the text's passage), a pronoun for them, unless the sentence before names someone else
    instead; and Y's first name. True for other questions and for topics without a name."""
    said = fold(strip_markers(text))
    q = question.strip()
    m = ASKS_ABOUT.search(q)
    if m is not None and not (m["by"] and re.search(rf"\b{DOCUMENT}\b", m["by"].lower())):
        # not "How does the report describe X?": a report's own words may say "the talks"
        # "... describe NATO before the war between Russia and Ukraine?": the time clause
        # dates the remark; its names are not what the remark is about
        topic = _WHEN_CLAUSE.split(m["topic"] or m["topic2"], 1)[0]
        if any(not named_in(n, said) for n in capitalised_names(topic)):
            return False
        if (
            context
            and m["topic"]
            and _SAY_ABOUT.match(q)
            and _ABOUT.search(m[0])
            and _unread_topic(topic, context)
        ):
            return False
    if (asked := response_asked(q)) is not None:
        who, to_what = asked
        views = re.search(
            r"\b(?:regard\w*|view\w*|sees?|believ\w*|consider\w*|think\w*|thought|"
            r"s[ck]eptic\w*|support\w*|oppos\w*)\b",
            said,
        )
        if not SPEAKS.search(strip_markers(text)) and not REACTS.search(said) and not views:
            return False  # a sentence with no words and no reaction tells none
        names = capitalised_names(who)
        # a pronoun outside what is quoted ("their" inside a quote is someone else's)
        outside = fold(outside_quotes(text))
        pronoun = re.search(r"\b(?:he|she|they|his|her|their)\b", outside) is not None
        if names and not any(named_in(n, said) for n in names):
            if not pronoun:
                return False
            # "He also rejected ...": who reacted, told before (with `context`, the
            # sentence before must name them)
            before = sentence_before(strip_markers(text), context) if context else ""
            if (
                before
                and not any(named_in(n, fold(before)) for n in names)
                and names_another_person(before, question)
            ):
                return False
        # "Newsweek said Trump's return ..." is no reaction of Trump's
        speakers = speakers_of(strip_markers(text))
        if names and speakers and not any(named_in(n, " ".join(speakers)) for n in names):
            return False
        # "... to Lavrov's remarks?": a reaction to them names Lavrov
        to = capitalised_names(to_what)
        if to and not named_in(to[0], said):
            return False
    return True


# "When did Rutte take office / take up his post?", "When did Finland join NATO?": the answer
# dates a start.
_ASKS_START = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:when|in what year|in which year|on what date) "
    r"(?:did|does|do|will|was|were|is|has|had) [^?]*?\b(?:become|take office|take over|"
    r"take up (?:(?:his|her|their|the|its) )?(?:post|office|position|role|duties|job)|"
    r"assume|join|be (?:appointed|elected|named|sworn in)|"
    # "On what date was Rutte appointed Secretary General?"
    r"(?<=\w )(?:appointed|elected|named|sworn in|installed|inaugurated|chosen))\b",
    re.IGNORECASE,
)
_STARTS = re.compile(
    r"\b(?:bec[oa]m(?:e|es|ing)|appointed|appointment|named|elected|election|sworn|"
    r"(?:took|take|takes|taken|taking) (?:office|over|up|the helm)|assum(?:ed|es|ing)|"
    r"join(?:ed|s|ing)?|accession|admitted|admission|absorbed|membership|since|"
    r"succeed(?:ed|s|ing)|replac(?:ed|es|ing)|inaugurat\w*|nominat\w*|tenure|installed|"
    r"entered|first (?:day|term|year)|start(?:ed|s)? (?:his|her|their|its)|began (?:his|her|"
    r"their|its)|(?:term|tenure|mandate) (?:began|begins|starts|started|will (?:start|begin))|"
    r"will (?:start|begin))\b",
    re.IGNORECASE,
)


def dates_the_start(text: str, question: str) -> bool:
    """For "When did X become Y / take office / join Z?", true only if the text tells of a
    start ("became", "was appointed", "joined", "since"): a sentence that only calls X "the
    new Secretary General" on some date does not date the start. True for other questions."""
    if _ASKS_START.search(question.strip()) is None:
        return True
    return _STARTS.search(strip_markers(text)) is not None


# "Whom did Baerbock meet ...?", "Which city did Blinken visit ...?", "Why did Belarus stay
# away ...?": the one who acts.
_DOER_TAIL = (
    r" (?:did|does|do|has|have|had|will|would) "
    r"(?P<who>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*) (?!and\b|or\b|say|tell|think)[a-z]+\b"
)
_ASKS_DOER = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:[Ww]ho|[Ww]hom|[Ww]hich [a-z]+|[Ww]hat(?: [a-z]+)?|[Ww]here|"
    r"[Ww]hen|[Ww]hy|[Hh]ow many [a-z]+)" + _DOER_TAIL
)
# "Which technology exchanges between Russia and North Korea did Rutte name ...?": a doer
# after a longer phrase, checked only against another speaker
_ASKS_DOER_LATE = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:[Ww]hich|[Ww]hat|[Hh]ow many)"
    r"(?: (?!(?:did|does|do|has|have|had|will|would)\b)[\w'’-]+){2,8}?" + _DOER_TAIL
)


def _opens_with_another(text: str, doer: str, context: str = "") -> bool:
    """True if the question asks about a country ("Why did Belarus stay away?") and the text
    opens with another ("Armenia did not attend since its leader said he ..."): a sentence
    about that one, whose pronouns stand for it. For a person asked about ("Why did Lavrov
    skip it?"), a text that does not name them and opens with a country other than the one
    `context` (their article) gives them. A leader, a party or a people may speak for the
    country asked about ("Orban said he ...", "Democrats feared ..."), and a country for its
    leader ("Hungary blocked it because ..."), so only another country counts, not a
    nationality ("Ukrainian officials")."""
    opening = re.match(r"\W*((?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)", text)
    if opening is None:
        return False
    words = opening[1].split()
    if any(is_country_adjective(fold(w)) for w in words):
        return False
    said = _opening_country(words, context)
    asked = countries_in(doer, fold(doer))
    if not asked and context:
        # a person ("Why did Lavrov skip it?"): a country other than the one their article
        # gives them ("Russian Foreign Minister Sergei Lavrov"); their own may speak for them
        last = fold(re.sub(r"['’]s$", "", doer.split()[-1]))
        asked = described_as(last, context)[1]
        if named_in(last, fold(text)):
            return False
    return bool(asked) and bool(said) and not said & asked


def _opening_country(words: list[str], context: str = "") -> set[str]:
    """The country that opens a text, from its first capitalised words: "Armenia", "North
    Korea", "Russia's"; not the first name of "Jordan Bardella" or "Chad Wolf", nor a surname
    that `context` gives a person ("Senator Jim Jordan", then "Jordan blocked ...")."""
    first = re.sub(r"['’]s$", "", words[0])
    if first != words[0] or len(words) == 1:
        name = first
    else:
        name = next(
            (
                " ".join(words[:k])
                for k in range(len(words), 1, -1)
                if is_country_name(" ".join(words[:k]))
            ),
            "",
        )
        name = re.sub(r"['’]s$", "", name)
    if not name or not is_country_name(name) or (context and fold(name) in surnames_in(context)):
        return set()
    return countries_in(name, fold(name))


def keeps_the_country(text: str, question: str, context: str = "") -> bool:
    """For a person asked for by one country ("Which Belarusian minister represented Belarus
    at the meeting?", "Which Kazakh official hosted it?"), false if the text opens with
    another country and never names the one asked, nor its capital ("Armenia did not attend
    the meeting since its Prime Minister ..."): a sentence about that one. True for other
    questions: "How many drones did Russia launch?" may be told by "Ukraine's air force said
    ..."."""
    q = fold(question)
    if not (ASKS_PERSON.search(q) or ASKS_NAMED_PERSON.search(q)):
        return True
    asked = countries_in(question, q)
    if len(asked) != 1:
        return True
    clean = strip_markers(text)
    said = fold(clean)
    named = countries_in(clean, said) | capitals_named(said)
    return not _opens_with_another(clean, question, context) or bool(named & asked)


# "What did Rutte warn about?": "what" with no noun, then the doer
_ASKS_BARE_WHAT = re.compile(
    r"(?:(?:and|so|but|then) )?what (?:did|does|do|has|have|had|will|would) "
)


def names_the_doer(text: str, question: str, context: str = "") -> bool:
    """For "Whom did Baerbock meet?" or "Why did Belarus boycott it?" (a named subject, then a
    verb), true only if the text or, with `context` (its passage), the sentence before it
    ("She met ...") names the subject: a sentence on whom Rutte met does not say whom Baerbock
    met, nor one on why Armenia stayed away why Belarus did. True for other questions."""
    m = _ASKS_DOER.search(question.strip())
    if m is None and (late := _ASKS_DOER_LATE.search(question.strip())) is not None:
        # "Blinken told reporters ...": another person's words, not what Rutte named
        last = fold(re.sub(r"['’]s$", "", late["who"].split()[-1]))
        if last in NO_NAME or last in TITLE_WORDS or countries_in(last, last):
            return True
        speakers = speakers_of(strip_markers(text))
        said = fold(strip_markers(text))
        return named_in(last, said) or not speakers or named_in(last, " ".join(speakers))
    if m is None:  # not "Whom did Lind and Osaka meet?" either: two doers
        return True
    bare_what = _ASKS_BARE_WHAT.match(fold(question.strip())) is not None
    if bare_what and (
        # "What did Luther's translation promote?", "What did European empires rely on?",
        # "What did Kublai do ...?": the doer may be a thing named by its owner or its kind,
        # and a deed told without the doer ("granaries were ordered built")
        re.search(r"['’]s$", m["who"])
        or is_country_adjective(fold(m["who"].split()[-1]))
        or re.match(r"do\b", question.strip()[m.end("who") :].strip())
    ):
        return True
    last = fold(re.sub(r"['’]s$", "", m["who"].split()[-1]))
    if last in NO_NAME or last in TITLE_WORDS:
        return True
    clean = strip_markers(text)
    said = fold(clean)
    if named_in(last, said):
        return True
    if _opens_with_another(clean, m["who"], context):
        return False
    if re.match(r"(?:(?:and|so|but|then) )?why\b", question.strip(), re.IGNORECASE):
        return True  # a reason may be told by whoever speaks for them ("Orban said he ...")
    speakers = speakers_of(clean)
    person = not countries_in(last, last) and last not in CAPITALS  # not "Washington"
    if person and speakers and not named_in(last, " ".join(speakers)):
        return False  # "... Putin also said at a conference ...": his words, not Lavrov's
    if _told_before(text, said, last, context):
        return True
    # "What did Rutte warn about?": "The NATO chief warned ..." may be him, told by a title;
    # a sentence naming someone else is theirs
    return bare_what and not names_another_person(text, question)


def _told_before(text: str, said: str, last: str, context: str) -> bool:
    """True if a pronoun of `said` (the folded text) may stand for `last` (a folded surname):
    with no passage to read, any pronoun; with `context`, the sentence before names them
    (for a pronoun, the two before, as "her" may go back one more: "X was taken. Y rescued
    her. She gave birth ...")."""
    pronoun = re.search(r"\b(?:he|she|they|his|her|their|it|its)\b", said) is not None
    if not context:
        return pronoun  # "She met Lind": with no passage to read, she may be the one asked
    before = sentence_before(text, context)
    if pronoun and before:
        before = f"{sentence_before(before, context)} {before}"
    return named_in(last, fold(strip_markers(before)))


# "In which city did Rutte meet Macron?", "When did Blinken hold talks with Wang Yi?": the
# one met, by name
_ASKS_MET = re.compile(
    r"\b(?:did|does|do|will|would|has|have|had) (?P<doer>(?:[A-Z][\w'’.-]*\s+){0,3}"
    r"[A-Z][\w'’.-]*) (?:meet(?: with)?|hold talks with|talk (?:to|with)|speak (?:to|with)|"
    r"sit down with|tell|warn|urge|brief|ask|call|phone|visit|invite|thank|congratulate) "
    r"(?P<met>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)"
)


# Words that may stand for a person met without their name
_MET_BY_TITLE = re.compile(
    rf"\b(?:{'|'.join(sorted(TITLE_WORDS | ROLE_WORDS))})s?\b|"
    r"\b(?:counterparts?|hosts?|allies|leaders|lawmakers|premier|delegation|him|her|them)\b"
)


def names_the_met(text: str, question: str, context: str = "") -> bool:
    """For "In which city did Rutte meet Macron?" (a named person met), true only if the text
    or, with `context`, the sentence before it names the one met: "Meeting Rutte in Brussels,
    Blinken said ..." places Blinken's meeting, not Macron's. True for other questions."""
    m = _ASKS_MET.search(question.strip())
    if m is None:
        return True
    last = fold(re.sub(r"['’]s$", "", m["met"].split()[-1]))
    if last in NO_NAME or last in TITLE_WORDS:
        return True
    said = fold(strip_markers(text))
    words = [fold(re.sub(r"['’]s$", "", w)) for w in m["met"].split()]
    if any(named_in(w, said) for w in words if w not in TITLE_WORDS):
        return True
    before = sentence_before(text, context) if context else ""
    if before and any(named_in(w, fold(strip_markers(before))) for w in words):
        return True
    # "Rutte met the French president", "Blinken told his Russian counterpart": a title or a
    # pronoun may stand for the one met, unless the text names someone else; not the doer's
    # own ("NATO Secretary-General Mark Rutte", "Mark Rutte, the new Secretary General of
    # NATO, said ...")
    doer = re.escape(m["doer"].split()[-1])
    own = re.sub(
        rf"(?:\b[A-Z][\w.-]*\s+)*{doer}\b(?:['’]s)?(?:,\s+(?:the |a |an )?[^,]{{0,90}},)?",
        " ",
        strip_markers(text),
    )
    return _MET_BY_TITLE.search(fold(own)) is not None and not names_another_person(text, question)


# Words of chairing or hosting a meeting ("presided", "co-hosted", "held in")
_HOSTS = (
    r"chair\w*|presid(?:ed|es|ing|ency)|moderat\w*|conven\w*|(?:co-)?host(?:s|ed|ing)?|"
    r"headed|led|leads|organi[sz](?:ed|er|ers|es|ing)|invit\w*|welcom\w*|called|mediat\w*|"
    r"brokered|oversaw|oversees|arranged|received|sponsored|held (?:in|at|by)"
)


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
        # ("Which country's foreign minister chaired it?" neither)
        re.compile(
            r"\b(?:who|(?:which|what) (?:organi[sz]ation|institute|institution|body|group|"
            r"think tank|foundation|agency|company|firm|university|outlet)) (?:chaired|presided|"
            r"moderated|convened|hosted|organi[sz]ed)\b|"
            r"\b(?:which|what) (?:[\w'’-]+ ){0,3}?(?:organi[sz]ation|institute|institution|body|"
            r"group|agency|country|nation|state|city|minister|official|leader|diplomat|member) "
            r"(?:chaired|presided|moderated|convened|organi[sz]ed)\b"
        ),
        re.compile(rf"\b(?:{_HOSTS})\b"),
    ),
    (
        # "Which country hosted the meeting?": hosting told, or a meeting placed in a town
        # ("... the meeting in the Kazakh city of Almaty"), whose country hosted it
        re.compile(
            r"\b(?:which|what) (?:[\w'’-]+ ){0,3}?(?:country|nation|state|city|town) hosted\b"
        ),
        re.compile(
            rf"\b(?:{_HOSTS}|(?:meetings?|summits?|talks|conferences?|forums?|sessions?) "
            r"(?:[^.]{0,120}? )?in the [a-z]+ (?:city|capital|town|resort) of|"
            # "Leaders gathered in Kazakhstan's capital", "took place at the Arena in Abu Dhabi"
            r"(?:met|meets?|gathered|gathers?|meetings?|summits?|talks|conferences?|forums?|"
            r"sessions?|took place|takes place|convened|opened|began|staged?),? "
            r"(?:at [^.]{0,60}? )?in|"
            r"venue|stag(?:ed|es|ing)|played host)\b"
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
        # "What was the outcome of the Vilnius summit?": what came of it, which a sentence
        # about the summit to come ("will be held next week") does not tell
        re.compile(
            r"^(?:(?:and|so|but|then) )?(?:what (?:was|were|is|are|has been) |tell me |"
            r"describe |give me )the (?:outcomes?|results?|upshot) of\b|"
            r"^(?:(?:and|so|but|then) )?how did [^?]+? turn out\b|"
            # "What came out of the debate Lavrov proposed?", "What did the Vilnius summit
            # decide about Sweden?"
            r"^(?:(?:and|so|but|then) )?what (?:came|has come|will come) (?:out )?of\b|"
            r"^(?:(?:and|so|but|then) )?what did the (?:[\w'’-]+ ){0,4}?(?:summit|meeting|talks|"
            r"conference|debate|session|forum|council|assembly|gathering) (?:decide|agree|"
            r"conclude|produce|yield|achieve|adopt|approve|resolve)\b"
        ),
        # (a future for the event itself, not for what follows it: "the deal will cut
        # tariffs" tells an outcome)
        re.compile(
            r"^(?!.*\b(?:will (?:be held|take place|meet|convene|open|begin|start|set|decide|"
            r"agree|adopt|vote|choose|announce)|(?:is|are) (?:expected|set|due|scheduled|slated) "
            # or only proposed: "Lavrov proposed ... the need to start a debate"
            r"to|next (?:week|month|year)|"
            r"propos\w+[^.]{0,60}\b(?:start|hold|launch|begin|open|convene)\b)\b)|"
            r"\b(?:agreed|decided|adopted|approved|ended|concluded|resulted|reached|signed|"
            r"declared|endorsed|failed|won|lost|passed|pledged|produced|granted)\b",
            re.S,
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
            # ("prior to meetings with Macron" tells no earlier post)
            r"\b(?:former(?:ly)?|previously|earlier|prior(?! to (?:(?:a|the|his|her|their) )?"
            r"(?:meetings?|talks|summits?|remarks|visits?|speech|speaking|the vote)\b)|until|ex|"
            r"used to|once|served as|"
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
            r"\bwho (?:were|are) (?:the |its |their |(?:[\w'’-]+ ){0,3}?[\w'’]+['’]s )?"
            r"(?:[\w-]+ )?sources\b|"
            # "Which informed sources did Foreign Policy cite?" (and "Name the ...")
            r"^(?:which|what) (?:[\w-]+ )?sources (?:did|does|do|had|has|have|were|was|"
            r"(?:[\w'’.-]+ ){1,4}(?:cited|quoted|relied|used|named))\b|"
            r"\bwhich (?:[\w-]+ )?(?:officials|people|experts|insiders|diplomats|sources)\b"
            r"[^?]*\bas (?:its|their|his|her|the) sources?\b|"
            # "Which NATO officials did Foreign Policy cite as acknowledging ...?"
            r"\bwhich (?:[\w-]+ )?(?:officials|people|experts|insiders|diplomats|sources) "
            r"(?:did|does|do|had|has|have) [^?]*\b(?:cite|quote|name)\b"
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
        # "What was agreed at the talks?", "What did Trump and Rutte agree?": not a meeting
        # told only with its purpose ("met ... to discuss security issues"); an agreement
        # may be told in any words ("will each hand over 1,000 prisoners")
        re.compile(
            r"\bwhat (?:was|were|has been|had been|is|will be) agreed\b|"
            r"^(?:(?:and|so|but|then) )?what did (?:[\w'’.-]+ ){1,6}?agree\b(?! to \w)"
        ),
        re.compile(
            r"^(?!.*\b(?:met|meets|meeting|gathered|talks|sat down)\b[^.]*\bto (?:discuss|talk|"
            r"address|review|explore|consider)\b)|"
            r"\b(?:agree\w*|deal|accord|pact|signed|will|would|accept\w*|set up|decided|"
            r"pledg\w*|commit\w*|settled|approved|adopted)\b",
            re.S,
        ),
    ),
    (
        # "Which German leader did Rutte meet?": a meeting told, not another deed of Rutte's
        # (not "Which official met Rutte?": "Blinken assured NATO ..." after the meeting
        # may name him)
        re.compile(
            r"^(?:(?:and|so|but|then) )?(?:who|whom|which (?:[\w'’.-]+ ){0,3}?[a-z]+) "
            r"(?:did|does|do|will|would|has|have|had) [^?]*?\bmeet\b"
        ),
        re.compile(
            r"\b(?:met|meet\w*|talks|visit\w*|host\w*|receiv\w*|sat down|spoke|talked|"
            r"discuss\w*|conferr\w*|summit|gather\w*|joined)\b"
        ),
    ),
    (
        # "Which outlet first reported the meeting?": a paper's report, which a sentence
        # telling of the meeting only does not name
        re.compile(
            r"\b(?:which|what) (?:[\w-]+ )?(?:outlets?|newspapers?|magazines?|papers?|agency|"
            r"agencies|networks?|broadcasters?|media|publications?|websites?|channels?) "
            r"(?:(?:first|originally|initially|also) )?(?:reported|broke|published|revealed|"
            r"carried|covered)\b"
        ),
        re.compile(
            r"\b(?:report\w*|wrote|writes|written|said|says|according to|told|publish\w*|"
            r"cit(?:ed|ing)|revealed|quot\w+|broke|story|print\w*|appeared in|ran|carried|"
            r"scoop|exclusive|article|account)\b|^[^:]{1,40}:"
        ),
    ),
    (
        # "Which country was absent from the meeting?", "Who skipped the summit?": a list of
        # who attended does not say who stayed away
        re.compile(
            r"\b(?:absen(?:t|ce) (?:from|at)|skipp(?:ed|ing)|boycott(?:ed|ing)?|stayed away|"
            r"(?:did not|didn['’]t|failed to|declined to|refused to) (?:attend|join|take part|"
            r"participate|show up|turn up)|not (?:present|represented) (?:at|for)|not invited|"
            r"missing from|no-show)\b"
        ),
        re.compile(
            # "n't" ends a word ("didn't"), so no boundary comes before it
            r"n['’]t\b|\b(?:absent|absence|not|never|no|without|skipp\w*|boycott\w*|"
            r"stay\w* away|miss\w*|declin\w*|refus\w*|exclud\w*|left out|pull\w* out|"
            r"withdr[ae]w\w*|snubb?\w*|instead)\b"
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
    (
        # "When did the first troops arrive in Russia?": a date of some other event ("At the
        # forum on November 7, ...") does not say when they arrived
        # (asked as the question itself, not in a clause: "When Putin arrived, what did he
        # say?"; not "arrive at a record", a result; not "reach", said of peaks and deals)
        re.compile(
            r"^(?:(?:and|so|but|then) )?(?:when|on what (?:day|date)|what (?:day|date|time|year|"
            r"month)|in what (?:year|month)) (?:did|does|do|will|is|are|was|were|has|have|had)\b"
            r"[^,?]*?\b(?:arrive[ds]?|landed)\b(?! at (?:a|an)\b)"
        ),
        re.compile(
            r"\b(?:arriv\w*|land(?:ed|s|ing)|landfall|reach\w*|came|come|comes|deploy\w*|sent|"
            r"entered|touched down|got to|moved (?:in|into|to)|crossed|flew|flown|visit\w*|"
            r"return\w*)\b"
        ),
    ),
    (
        # "When does Rutte's term end?": the end of a term, told as such
        # (asked as the question itself: not "Which club will he join when his contract
        # ends?"; not "long-term")
        re.compile(
            r"^(?:(?:and|so|but|then) )?(?:when|by when|until when|on what date|in what year|"
            r"what (?:day|date|year|month))\b[^?]*?(?<!-)\b(?:term|mandate|tenure|contract)\b"
            r"[^?]*?\b(?:end|ends|expire|expires|run out|runs out|finish|finishes|conclude|"
            r"concludes)\b"
        ),
        re.compile(
            r"\b(?:end\w*|expir\w*|until|till|through|runs? (?:out|to|until)|step\w* down|"
            r"leav\w*|left|successor|succeed\w*|replac\w*|term|mandate|tenure|contract)\b"
        ),
    ),
    (
        # "At which summit did Rutte say ...?": a summit, which a forum is not ("What is the
        # summit expected to approve?" asks something else)
        re.compile(
            r"\b(?:which|what) (?:(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|"
            r"can|could|should|the|a|an|its|their)\b)[\w'’-]+ ){0,2}?summits?\b"
        ),
        re.compile(
            r"\b(?:summits?|summitry|meetings? of (?:the )?(?:heads|leaders)|leaders['’] meeting|"
            r"g-?\d+)\b"
        ),
    ),
]


# "What did Trump promise Rutte?", "What did Dickinson recommend the allies do?", "What did
# Rutte offer in exchange?": the content of that act, which a sentence that does not tell of
# it (or of a plan, "would") lacks. The verb is the question's own, after "did X".
_ASKED_ACT = (
    # "When Rutte met Macron, what did the two agree ...?": a clause may set the time first
    r"^(?:(?:when|after|before|while|once|as) [^?,]{{3,160}}, )?"
    r"(?:(?:and|so|but|then) )?(?:what|which|how much|how many)\b[^?]*?"
    r"\b(?:did|does|do|has|have|had|will|would)\s+(?!not\b)(?:[\w'’.-]+\s+){{1,5}}?"
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
        # "What did the two leaders agree on?": an agreement told, not a meeting
        "agreed?",
        r"agree\w*|accord|deal|consensus|reached|settled|signed|unanimous\w*|commit\w*|"
        r"decid\w*|joint\w*|both|together|pledg\w*|vow\w*|promis\w*|endors\w*|approv\w*|"
        r"adopt\w*|accept\w*|struck|strike|pact|treaty",
    ),
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
    (
        # "What did the CSTO ministers decide in Almaty?": a decision told, not what was said
        "decided?|resolved?",
        r"decid\w*|decision\w*|agree\w*|resolv\w*|resolution\w*|conclu\w*|adopt\w*|approv\w*|"
        r"determin\w*|convinc\w*|narrow\w*|select\w*|pick\w*|"
        r"vot\w*|declar\w*|communiqu\w*|sign\w*|settl\w*|chose|chosen|choose|opt(?:s|ed)?|"
        r"rul(?:ed|es|ing)|found|backed|endors\w*|commit\w*|reject\w*|will|elected to|"
        r"set|cut|rais(?:ed|es)|held|kept|appl(?:y|ied)|launch\w*|order\w*",
    ),
]
_EVENTS += [
    (re.compile(_ASKED_ACT.format(asks)), re.compile(rf"\b(?:{tells})\b")) for asks, tells in _ACTS
]
# "What proposal did the minister make?" asks of the act "propose", as a noun
_ASKED_MADE = (
    r"^(?:(?:and|so|but|then) )?(?:what|which) (?:[\w-]+ )?(?:{})s? "
    # "What commitments on aid to Ukraine did Trump make?"
    r"(?:(?:on|about|regarding|over|for|of|to) [^?]*?)?(?:did|does|do|has|have|had|"
    r"will|would) [^?]*?\b(?:make|made|put forward|present|presented|submit|submitted|table|"
    r"tabled|issue|issued|give|gave)\b"
)
# what tells any of them: the question's own verbs and others of putting something forward
_MADE_TOO = (
    r"\b(?:put(?:s|ting)? forward|tabl\w+|present\w*|unveil\w*|float\w*|bid\w*|pay\w*|"
    r"willing|seek\w*|sought|appeal\w*|agree\w*|goal|target|call\w*|urg\w*|ask\w*|want\w*|"
    r"plan\w*|vow\w*|assur\w*|protect\w*|insist\w*|will|would|should|must|make|made|gave|"
    r"give\w*)\b"
)
_MADE = [
    ("proposal|suggestion|idea|initiative", "propose[d]?"),
    ("promise|pledge|commitment|guarantee", "promised?|pledged?|vow(?:ed)?|guaranteed?"),
    ("offer", "offer(?:ed)?"),
    ("recommendation", "recommend(?:ed)?|advised?|suggest(?:ed)?"),
    ("demand|request", "demand(?:ed)?|request(?:ed)?"),
]
_EVENTS += [
    (
        re.compile(_ASKED_MADE.format(noun)),
        re.compile(
            rf"{next(t for a, t in _EVENTS if a.pattern == _ASKED_ACT.format(verb)).pattern}|"
            rf"\b(?:{noun})|{_MADE_TOO}"
        ),
    )
    for noun, verb in _MADE
]


def tells_the_event(text: str, question: str) -> bool:
    """For a question about "the next meeting", what someone did after something, how
    something ended, an earlier post ("before becoming"), a successor, who stayed away, what
    was agreed or which weapons, true only if the text tells of that kind of event
    (`_EVENTS`): "will", "then", "ended", "previously", "named", "did not attend", "agreed",
    "missiles". True for other questions."""
    q = fold(question).strip()
    said = fold(strip_markers(text))
    return all(tells.search(said) for asks, tells in _EVENTS if asks.search(q))


# "How much did the United States spend on its military in 2023?": whose amount is asked
_ASKS_SPENDING = re.compile(
    r"\bhow much (?:money )?(?:exactly |precisely )?(?:did|does|do|will|would|has|have|had) "
    r"(?P<who>(?:[\w.'’-]+ ){1,7}?)"
    r"(?:spend|pay|invest|allocate|budget|contribute|give|earn|raise)\b|"
    # "What was the estimated military expenditure of the United States ...?"
    r"\b(?:spending|expenditures?|outlays?|budgets?) (?:of|by) (?P<owner>(?:the )?"
    r"(?:(?-i:[A-Z])[\w.'’-]*\s?)+)",
    re.IGNORECASE,
)


# "According to Russian media reports, ..." opening a sentence, with no spending in it
_ATTRIBUTION = re.compile(
    r"^\W*(?:according to|citing|per)\b(?:(?!spen[dt]|paid|pays?\b|invest)[^,;]){1,80},",
    re.IGNORECASE,
)


def names_the_spender(text: str, question: str) -> bool:
    """For "How much did <X> spend ...?" (or "the expenditure of <X>"), false if the text
    gives its amount after naming others but not X: "the expenditure of NATO member states
    will reach 1.3 trillion US dollars" does not say what the United States spent ("US
    dollars" names a currency) nor what "the European members together" did. X is the last
    run of names before the verb ("ABC" of "did Walt Disney want ABC to invest"), found by
    any of its forms (`named_in`), its capital ("Washington") or its initials ("the EU"); it
    may also follow the amount as "by X" or "from X". True when the amount comes first or
    after no name ("It spent $5 billion"), and for other questions."""
    m = _ASKS_SPENDING.search(question)
    if m is None:
        return True
    clean = CURRENCY_OWNER.sub("", strip_markers(text))
    amount = re.search(answer_pattern("money").pattern, clean, re.IGNORECASE)
    if amount is None:
        return True
    # "According to Russian media reports, ...": the source of the figure is no spender
    before = _ATTRIBUTION.sub(" ", clean[: amount.start()])
    if not capitalised_names(before):
        return True  # "It spent ...": who spends is in the sentences before
    who = m["who"] or m["owner"] + " "
    runs = re.findall(r"(?:\b[A-Z][\w.'’-]*\s+)+", who)
    run = (runs[0] if m["owner"] else runs[-1]) if runs else who
    spender = [w for w in capitalised_names(run) if w not in TITLE_WORDS]
    countries = countries_in(" ".join(spender), " ".join(spender))
    initials = "".join(w[0] for w in spender if len(spender) > 1)

    def named(part: str) -> bool:
        folded = fold(part)
        if initials and re.search(rf"\b{initials}\b", folded):
            return True
        if countries and (
            countries & countries_in(part, folded) or bool(countries & capitals_named(folded))
        ):
            return True
        return all(named_in(w, folded) for w in spender)

    after = re.match(r"[^.;]{0,40}?\b(?:by|from)\s+([^,.;]{1,60})", clean[amount.end() :])
    return named(before) or (after is not None and named(after.group(1)))


# "What share of GDP did Baerbock propose ...?": a figure someone wants, proposes or sets as
# a new goal. One that the text calls too little ("the distribution of two percent of the
# GDP ... proved insufficient") is the figure they want to leave behind, not the one asked.
# (A verb after "did X", not "oil demand" or "asylum seekers".)
_PROPOSE = r"(?:propose|want|urge|call for|seek|suggest|recommend|demand|push for|ask for|set)"
_ASKS_PROPOSAL = re.compile(
    rf"\b(?:did|does|do|will|would|has|have|had)\b[^?]*?\b{_PROPOSE}\b|"
    r"\b(?:proposed|wanted|urged|sought|suggested|recommended|demanded) by\b|"
    r"\bnew (?:[\w-]+ ){0,3}?(?:target|goal|benchmark|threshold|level)\b|"
    # "What share did Baerbock say members should now devote ...?": what ought to be
    r"\b(?:say|says|said|argue|argues|argued|believe|believes|think|thinks)\b[^?]*?"
    r"\b(?:should|must|ought to|needs? to|has to|have to)\b"
)
_PROPOSES = re.compile(
    r"\b(?:propos\w*|want\w*|urg(?:e|ed|es|ing)|call\w* for|seek\w*|sought|suggest\w*|"
    r"recommend\w*|demand(?:s|ed|ing)?|push\w* for|ask\w* for)\b"
)
_TOO_LITTLE = re.compile(
    r"\b(?:insufficient|not (?:enough|sufficient|adequate)|inadequate|too (?:low|little|small)|"
    r"no longer (?:enough|sufficient|adequate)|f[ae]ll short|falls short)\b"
)
# clause breaks, citation markers among them (a reply "2% [1]" is a clause of its own)
_CLAUSE = re.compile(
    r"[,;:]\s|\s*\[\d+(?:[,\s]+\d+)*\]\s*|"
    r"\s(?:since|because|as|while|but|although|though|whereas|and)\s"
)


def proposes_the_figure(text: str, question: str) -> bool:
    """For "What share of GDP did X propose (want, urge, set as the new target) ...?", false
    if every figure of the kind asked sits in a clause with a verdict of too little ("since
    the distribution of two percent ... proved insufficient"), or repeats such a figure in a
    clause that proposes nothing (a reply "2% [1]"). A clause that proposes ("and proposed
    3.5 percent") keeps its figure. True for other questions."""
    kind = answer_type(question)
    if kind not in ("percent", "money", "number") or not _ASKS_PROPOSAL.search(fold(question)):
        return True
    # "... insufficient, Lind proposed 3%": what a proposing verb begins is a clause too
    parts = [
        piece
        for part in _CLAUSE.split(fold(text))
        for piece in re.split(rf"(?=(?:{_PROPOSES.pattern}))", part)
    ]
    little = {v for part in parts if _TOO_LITTLE.search(part) for v in _values(part)}
    pattern = answer_pattern(kind)
    return any(
        pattern.search(part)
        and (_PROPOSES.search(part) or not (_values(part) and _values(part) <= little))
        for part in parts
        if not _TOO_LITTLE.search(part)
    )


_SMALL_NUMBERS = {w: i for i, w in enumerate(NUMBER_WORDS.split("|")[:12], start=1)}

# "By how much did spending grow?", "How many more troops ...?": a change, which a level
# ("will reach 1.3 trillion US dollars in 2023") does not give
_ASKS_CHANGE = re.compile(
    r"\bby how (?:much|many)\b|\bhow (?:much|many) (?:did|has|have|had|will|would|could|does|"
    r"do) [^?]*?\b(?:grow|rise|increase|fall|drop|decline|shrink|climb|jump|go up|go down|"
    r"decrease|expand)\b|\bhow (?:much|many) (?:more|less|fewer|higher|lower|bigger|smaller|"
    r"larger)\b"
)
_CHANGE = re.compile(
    r"\b(?:grow\w*|grew|rise|rose|risen|rising|increas\w*|decreas\w*|up|down|fall\w*|fell|"
    r"drop\w*|declin\w*|shr[iau]nk\w*|climb\w*|jump\w*|surg\w*|soar\w*|doubl\w*|tripl\w*|"
    r"quadrupl\w*|halv\w*|twice|thrice|cut|cuts|more|less|fewer|higher|lower|larger|smaller|"
    r"bigger|greater|above|below|gain\w*|los[st]|loss\w*|boost\w*|rais\w*|added|adding|"
    r"expan\w*|reduc\w*|lift\w*|slash\w*|plung\w*|slid\w*|tumbl\w*|spik\w*|exceed\w*|than|"
    r"times|fold|margin|slump\w*|sank|sink\w*|sunk|plummet\w*|dip\w*|eas(?:e|ed|es|ing)|"
    r"widen\w*|narrow\w*|hike\w*|rall\w*|weaken\w*|strengthen\w*|additional|another|further|"
    r"extra|compared|versus|vs|top(?:s|ped)|beat|outpac\w*|outperform\w*|trail\w*)\b|"
    r"\bfrom \S*\d|\bby \d|\b\d+ ?[-–] ?\d+\b|\b\d+ to \d+\b"
)


def states_a_change(text: str, question: str) -> bool:
    """For "By how much did X grow?" or "How many more ...?", true only if the text tells
    of a change or a difference (grew, rose, cut, more than, from ... to, by 5%), not just a
    level. True for other questions."""
    if not _ASKS_CHANGE.search(fold(question)):
        return True
    return _CHANGE.search(fold(strip_markers(text))) is not None


# "When is the next NATO summit after Vilnius?": a later one than Vilnius's (the whole name:
# "The Hague", "Artemis II")
_ASKS_NEXT_AFTER = re.compile(
    r"^(?:(?:[Aa]nd|[Ss]o|[Bb]ut|[Tt]hen),? )?(?:[Ww]hen|[Ww]here)\b[^?]*\bnext "
    r"(?:[\w-]+ ){0,3}?(?:after|following) (?:the )?"
    r"(?P<y>(?:The )?[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|[IVX]+\b|\d+\b))*)"
)
# what tells of a later one: "next" (not "next week"), "after", "following", "succeeds"
_LATER = re.compile(
    r"\b(?:after|following|since|follow\w*|succeed\w*|then|afterwards|later)\b|"
    r"\bnext\b(?! (?:week|month|year|day|weekend|time|spring|summer|autumn|fall|winter)\b)"
)


def passes_the_named(text: str, question: str) -> bool:
    """For "When (where) is the next summit after Vilnius?", false if the text names Vilnius
    and tells of nothing later ("next", "after", "following", "then"; not "next week"): it
    tells of the Vilnius summit itself. True for other questions."""
    m = _ASKS_NEXT_AFTER.search(question.strip())
    if m is None:
        return True
    said = fold(strip_markers(text))
    y = fold(re.sub(r"['’]s$", "", m["y"]))
    if re.search(rf"(?<![\w-]){re.escape(y)}(?![\w-])", said) is None:
        return True
    return _LATER.search(said) is not None


# "2%", "two percent", "3.5 per cent"
_SHARE = re.compile(
    rf"(?:\d+(?:\.\d+)?|{NUMBER_WORDS})(?:[ -](?:and a half|point \w+))? ?"
    r"(?:%|per ?cent|pc\b|pct\b)"
)
# "instead of two percent", "rather than 2%": a share the question sets aside
_SHARE_ASIDE = re.compile(
    r"\b(?:instead of|rather than|other than|in place of|beyond|apart from|besides|not)\s+"
    rf"(?:the |a |an |its |their )?(?:current |existing |old |present )?(?P<share>{_SHARE.pattern})"
)
_SHARE_WORDS = re.compile(r"\b(?:half|thirds?|quarters?|fifths?|tenths?|majority|minority)\b")


def gives_another_share(text: str, question: str) -> bool:
    """For "What share ... instead of two percent?" (a question that asks for a share and
    sets one aside), false if every share the text gives is the one set aside: "two percent
    ... proved insufficient" is not the share asked. True for other questions, and for a
    text whose shares are not read ("half", "45pc")."""
    q = fold(question)
    if answer_type(question) != "percent":
        return True
    aside = {v for m in _SHARE_ASIDE.finditer(q) for v in _values(m.group("share"))}
    if not aside:
        return True
    said = fold(strip_markers(text))
    given = {v for m in _SHARE.finditer(said) for v in _values(m.group(0))}
    if _SHARE_WORDS.search(said) or not given:
        return True
    return bool(given - aside)


def _values(text: str) -> set[float]:
    """The numbers a folded text gives in digits or small number words ("2%", "two");
    "12.03.2024" and "1.500.000" give their digit groups."""
    found = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))}
    return found | {float(_SMALL_NUMBERS[w]) for w in WORD.findall(text) if w in _SMALL_NUMBERS}


def _pronoun_speaker(text: str, context: str) -> str:
    """For a text whose words are a pronoun's ("“...,” he said after the meeting"), the
    sentence before it in `context`, which names the speaker; "" otherwise."""
    if not context or not _PRONOUN_SAID.search(outside_quotes(text)):
        return ""
    if speakers_of(strip_markers(text)):
        return ""
    before = strip_markers(text)
    for _ in range(3):  # past a "RELATED: <headline>" link between the two
        before = sentence_before(before, context)
        if re.search(r"[.!?”\"]\s*$", before) and "RELATED" not in before:
            return before
    return ""


def contradicts_nationality(text: str, question: str) -> bool:
    """True if the question pins a thing to a country by adjective ("Which French minister
    ...?") and the text opens with the same thing of another country ("German Foreign
    Minister ...") without naming the asked one."""
    q = [fold(w) for w in WORD.findall(strip_markers(question))]
    # "the Kazakh host's foreign minister": the thing after the owner
    pinned = [
        (w, q[i + 2] if re.search(r"['’]s$", q[i + 1]) and i + 2 < len(q) else q[i + 1])
        for i, w in enumerate(q[:-1])
        if is_country_adjective(w) and not is_country_adjective(q[i + 1])
    ]
    if not pinned:
        return False
    clean = OPENING_TIME.sub("", strip_markers(text))
    words = WORD.findall(clean)
    said = [fold(w) for w in words]
    named = countries_in(clean, fold(clean))
    # Only the sentence's subject counts: "German Foreign Minister X urged ..." (the first
    # two words) or "A senior Ukrainian official ..." (after lower-case words only), not a
    # second party ("... met Ukrainian Foreign Minister Y").
    for i in range(min(4, len(said))):
        if i >= 2 and not all(w[:1].islower() for w in words[1:i]):
            break
        if not is_country_adjective(said[i]):
            continue
        for adjective, noun in pinned:
            if (
                said[i] != adjective
                and not countries_in(adjective, adjective) & named
                and any(x in (noun, noun + "s") for x in said[i + 1 : i + 4])
            ):
                return True
    # "the deployment of Iranian troops" against "... of North Korean troops": things (not
    # people by office) of another country anywhere, the asked one never named
    for adjective, noun in pinned:
        if noun not in _NATIONAL_THINGS or countries_in(adjective, adjective) & named:
            continue
        if any(
            w == noun and is_country_adjective(said[i - 1]) and said[i - 1] != adjective
            for i, w in enumerate(said)
            if i > 0
        ):
            return True
    return False


# Things a country's adjective pins ("Iranian troops", "Chinese drones"), told apart by it
_NATIONAL_THINGS = frozenset({
    "troops", "soldiers", "forces", "drones", "missiles", "weapons", "arms", "jets", "warships",
    "tanks", "mercenaries", "units", "fighters", "munitions", "shells", "hackers", "satellites",
})  # fmt: skip


# "Who wrote the piece ...?", "Which Newsweek writer described NATO as ...?": the writer or
# speaker stands outside the quotation; whom it names is what was said
_ASKS_AUTHOR = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:who|which (?:[\w'’-]+ ){0,3}?[a-z]+) (?:wrote|writes|said|"
    r"says|reported|reports|told|claimed|stated|announced|published|penned|authored|"
    r"described|argued|warned|declared|noted)\b"
)
_ASKS_WRITER = re.compile(
    r"^(?:(?:and|so|but|then) )?which (?:[\w'’-]+ ){0,2}?(?:journalist|reporter|writer|"
    r"columnist|correspondent|analyst|commentator|editor|author)s? (?:wrote|writes|said|says|"
    r"reported|reports|claimed|argued|warned|described|noted)\b|"
    # "Who wrote the Newsweek article ...?"
    r"^(?:(?:and|so|but|then) )?who (?:wrote|authored|penned|(?:is|was) the author of)\b"
)
_TELLS_WRITING = re.compile(
    r"\bby [A-Z]|\baccording to\b|\b(?:author\w*|column|article|piece|op-ed|essay|report|"
    r"wr[io]te|written|writes|penned|compos\w+|scripted|drafted)\b|"
    r"(?-i:\w['’]s [A-Z])",  # "Wang Zhen's Nong Shu"
    re.I,
)
_PRONOUN_SAID = re.compile(
    r"\b(?:he|she|they)\s+(?:\w+ly\s+)?(?:said|says|wrote|writes|added|told|declared|noted)\b|"
    r"\b(?:said|wrote|added)\s+(?:he|she)\b",
    re.I,
)
# a double-quoted span, or one still open at the text's end
_QUOTED = re.compile(r"[“\"][^”\"]*(?:[”\"]|$)")


def outside_quotes(text: str) -> str:
    """The text without its quotations, nor the names they hold wherever else the text
    repeats them, unless it reports them speaking: a reply's "Donald Trump [1]" for the
    sentence 'Foreign Policy wrote: "... Donald Trump's victory ..."' names no writer, but
    '"We will win," Holm said' names Holm. A straight quote that closes before any opens
    ('win," Holm said.', a sentence split inside a quotation) closes one opened before."""
    clean = strip_markers(text)
    first = clean.find('"')
    if clean.count('"') % 2 and first > 0 and not clean[first - 1].isspace():
        at = max(clean.rfind("]", 0, first) + 1, 0)  # after a reply's marker, if any
        clean = f'{clean[:at]} "{clean[at:]}'
    quoted = " ".join(m.group(0) for m in _QUOTED.finditer(clean))
    outside = _QUOTED.sub(" ", clean)
    speaking = speakers_of(outside)
    inside = {fold(re.sub(r"['’]s$", "", w)) for w in WORD.findall(quoted) if w[:1].isupper()}
    inside -= speaking

    def drop(m: re.Match[str]) -> str:
        word = m.group(0)
        return " " if word[:1].isupper() and fold(re.sub(r"['’]s$", "", word)) in inside else word

    return WORD.sub(drop, outside)


# "Who represented Kazakhstan at the meeting?", "Who led Armenia's delegation?": a country
# acted for by someone, whom a sentence naming no person does not tell (not "Russia, Belarus,
# Kazakhstan ..." listed together; "Who represents the Scottish Parliament?" may be answered
# by an office: not a country)
_REPRESENTED = re.compile(
    r"^(?:(?:[Aa]nd|[Ss]o|[Bb]ut|[Tt]hen),? )?[Ww]ho (?:represented|represents|spoke for|"
    r"speaks for|(?:was|were|is|are) (?:there )?(?:representing|speaking for|on behalf of)|"
    r"(?:led|leads|headed|heads)) (?:the )?(?P<c>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)"
    r"(?:['’]s (?:[\w-]+ )?delegation\b|(?!['’\w]))"
)


# A country that sent no one: "Armenia did not attend the meeting", "Armenia boycotted it"
_STAYED_AWAY = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|will not|won't|would not|could not|couldn't|"
    r"cannot|can't|refused to|declined to|unable to) (?:be able to )?(?:attend|take part|"
    r"participate|join|send|travel|come|go|make it)\b|\b(?:absent|absence|skip\w*|"
    r"boycott\w*|stayed away|stays away|stay away|stayed home|no-show|snubbed|missed|"
    r"miss(?:es|ing) (?:the|a|this|its)|pull(?:ed|s|ing) out|cancel+(?:ed|s|ing)|"
    r"call(?:ed|s|ing) off)\b"
)


# "Why did Belarus skip the meeting?", "Why did it stay away?": an absence asked about
_ASKS_ABSENCE = re.compile(
    r"^(?:(?:and|so|but|then) )?why (?:did|does|do|will|would|has|have|had) "
    r"[^?]*?\b(?:skip|miss|boycott|stay away|stay home|not (?:attend|take part|participate|"
    r"join|go|come))\b|"
    r"^(?:(?:and|so|but|then) )?why (?:did|does|do|will|would|has|have|had)(?:n['’]t| not) "
    r"[^?]*?\b(?:attend|take part|participate|join|go|come|show up)\b|"
    r"^(?:(?:and|so|but|then) )?why (?:was|were|is|are) [^?]*?\b(?:absent|missing|not (?:at|"
    r"there|present))\b",
    re.IGNORECASE,
)


# Staying away in a question's other words: "skipped it", "stayed away", "boycotted it"
_ABSENCE_ASKED = re.compile(
    r"\b(?:skip(?:ped|s)?|stay(?:ed|s)? away(?: from)?|boycott(?:ed|s)?|snub(?:bed|s)?|"
    r"miss(?:ed|es)?(?= (?:it|the|that|this|its|their)\b)|"
    r"(?:did not|didn['’]t|failed to) (?:show|turn) up(?: (?:at|for)\b)?)",
    re.IGNORECASE,
)


# ... away from an event: "stayed away from that gathering", "did not show up there"
_ABSENT_FROM = re.compile(
    r"\s(?:(?:to|from|at|for) )?(?:(?:it|there)\s*\??$|(?:(?:the|that|this|its|their) )?"
    r"(?:[\w'’-]+ ){0,3}?(?:meeting|summit|talks|gathering|session|conference|forum|event|"
    r"ceremony|congress|assembly|dinner|parade|rally)s?\b)",
    re.IGNORECASE,
)


def asks_absence_from(question: str) -> bool:
    """True for a question about staying away from an event ("Which country stayed away from
    that gathering?", "... did not show up there?"), not about skipping a step or missing a
    deadline."""
    m = _ABSENCE_ASKED.search(question)
    return m is not None and _ABSENT_FROM.match(question[m.end() :]) is not None


def with_plain_absence(question: str) -> str:
    """The question with staying away said plainly, as news mostly writes it ("Which country
    skipped it?" -> "Which country did not attend it?"), for the coverage check, and for
    the evidence ranking of a question about an event (`asks_absence_from`)."""
    return _ABSENCE_ASKED.sub("did not attend", question)


def tells_the_absence(text: str, question: str) -> bool:
    """For "Why did Belarus skip the meeting?", true only if the text tells of someone
    staying away ("did not attend", "skipped", "boycotted"): a quotation from the meeting
    gives no reason for missing it. True for other questions."""
    if _ASKS_ABSENCE.search(question.strip()) is None:
        return True
    said = fold(strip_markers(text))
    # a reply that opens with the reason ("Because Russia objected ...") answers the why
    reason_first = re.match(r"\W*(?:because|due to)\b", said) is not None
    return reason_first or _STAYED_AWAY.search(said) is not None


# ... unless someone went in their place: "Putin skipped it and sent Lavrov to represent Russia"
_REPRESENTATIVE = re.compile(r"\b(?:represent\w*|sent|send|led|headed|on behalf|delegation)\b")


def represents_a_country(question: str) -> bool:
    """True for "Who represented <country>?" or "Who led <country>'s delegation?": the
    answer is a person."""
    m = _REPRESENTED.search(question.strip())
    return m is not None and is_country_name(m["c"]) and not is_country_adjective(fold(m["c"]))


# One office in other words: "premier" for "prime minister", "top diplomat" for a foreign
# minister or a secretary of state
_OFFICE_ALIASES = {
    "prime minister": ("premier",),
    "premier": ("prime minister",),
    "secretary of state": ("top diplomat", "foreign minister"),
    "foreign minister": ("top diplomat", "foreign secretary", "foreign affairs minister"),
    "secretary general": ("secretary-general",),
    "spokesperson": ("spokesman", "spokeswoman"),
    "spokesman": ("spokesperson", "spokeswoman"),
    "spokeswoman": ("spokesperson", "spokesman"),
}


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
    if (m := ASKS_OFFICE.search(q)) is not None:
        role = (m.group("role") or m.group("role2") or m.group("role3")).replace("-", " ")
        names = {role, *_OFFICE_ALIASES.get(role, ())}
        if swap := re.fullmatch(r"(secretary|minister) of (?:the )?(\w+(?: \w+)?)", role):
            names.add(f"{swap[2]} {swap[1]}")  # "secretary of the treasury": "treasury secretary"
        if swap := re.fullmatch(r"(\w+) (secretary|minister)", role):
            names |= {f"{swap[2]} of {swap[1]}", f"{swap[2]} of the {swap[1]}"}
        if not re.search(rf"\b(?:{'|'.join(map(re.escape, names))})s?\b", said):
            return False
    if (m := ASKS_RANK.search(q)) is not None:
        rank = m.group(1) or m.group(2)
        digits = ORDINAL_DIGITS.get(rank, "")
        if not re.search(rf"\b{rank}\b", said) and not (
            digits and re.search(rf"\b{digits}(st|nd|rd|th)\b", said)
        ):
            return False
    # who wrote or said it is named outside the quotation, or in the sentence before when a
    # pronoun stands for them ('"... without the Europeans," he said.')
    person = text
    if _ASKS_AUTHOR.search(q):
        person = outside_quotes(text)
        if _PRONOUN_SAID.search(person) and context:
            person = outside_quotes(f"{sentence_before(strip_markers(text), context)} {text}")
        # "Which Newsweek journalist wrote ...?": a sentence telling of no writing or speech
        # ("The triumph of Trump has left NATO in crisis") names no writer
        if (
            _ASKS_WRITER.search(q)
            and not SPEAKS.search(strip_markers(text))
            and not _TELLS_WRITING.search(text)
        ):
            return False
    if (
        ASKS_NAMED_PERSON.search(q)
        and not names_a_person(person, question, context)
        and not names_by_country(text, question)
    ):
        return False
    if represents_a_country(question) and (
        not names_a_person(text, question, context)
        or (_STAYED_AWAY.search(said) and not _REPRESENTATIVE.search(said))
    ):
        return False  # "Armenia did not attend ..., its Prime Minister ...": no one did
    if (m := ASKS_CURRENT.search(q)) is not None and not names_current_holder(text, m["role"]):
        return False
    called = ASKS_CALLED.search(q) is not None
    if (
        (called or ASKS_NAMED_THING.search(q))
        and not EITHER_OR.search(question)
        and not names_something(text, question, context)
        and not (called and gives_term(text, question))
    ):
        return False
    if ASKS_TERM.search(q) and not gives_term(text, question):
        return False
    if ASKS_WINNER.search(q) and not SAYS_WON.search(said):
        return False
    if not names_role_itself(text, question) or not quotes_speaker(text, question, context):
        return False
    if not reports_the_source(text, question):
        return False
    if not keeps_topic(text, question, context) or not dates_the_start(text, question):
        return False
    if not names_the_doer(text, question, context) or not tells_the_event(text, question):
        return False
    if not names_the_met(text, question, context) or not places_the_deed(text, question, context):
        return False
    if not names_both(text, question, context) or not tells_the_absence(text, question):
        return False
    if contradicts_nationality(text, question) or only_other_nationals(text, question, context):
        return False
    if contradicts_office(text, question) or not tells_the_polar(text, question):
        return False
    if not speaker_holds_office(text, question, context):
        return False
    if (spoken := _pronoun_speaker(text, context)) and (
        contradicts_nationality(spoken, question) or contradicts_office(spoken, question)
    ):
        return False  # "“...,” he said" after "Russian Foreign Minister Lavrov ..."
    if not names_the_spender(text, question) or not proposes_the_figure(text, question):
        return False
    if not keeps_the_country(text, question, context):
        return False
    if not states_a_change(text, question) or not gives_another_share(text, question):
        return False
    if not passes_the_named(text, question) or not names_a_member(text, question):
        return False
    if not tells_what_it_is(text, question, context) or not gives_the_role(text, question):
        return False
    if not tells_the_hearer(text, question, context) or not gives_advice(text, question):
        return False
    if not tells_a_response(text, question) or not names_a_party(text, question):
        return False
    if not tells_speech(text, question) or not tells_joining(text, question):
        return False
    if not names_the_sanctions(text, question) or not names_the_head(text, question):
        return False
    if not tells_the_specific(text, question) or not keeps_the_quote(text, question, context):
        return False
    if not names_whose_reason(text, question, context):
        return False
    if not cites_the_owner(text, question, context) or not tells_of_the_event(
        text, question, context
    ):
        return False
    if not names_the_described(text, question) or not names_the_officeholder(
        person, question, context
    ):
        return False
    return not ASKS_PERSON.search(q) or names_someone(person, question)


# "Why has Sweden's entry into NATO been held up?": the reason for a thing of someone's
_WHY_WHOSE = re.compile(
    r"^(?:(?:and|so|but|then),? )?[Ww]hy (?:has|have|had|is|was|are|were|did|does|do|will|would)"
    r" (?:the )?(?P<whose>(?:[A-Z][\w.-]* )*[A-Z][\w.-]*)['’]s? [a-z]"
)


def names_whose_reason(text: str, question: str, context: str = "") -> bool:
    """For "Why has Sweden's entry into NATO been held up?", true only if the text names
    Sweden (or, when it opens with a pronoun, the sentence before it in `context` does):
    "Following the Russia-Ukraine conflict, NATO was reactivated." gives a reason for
    something else. True for other questions."""
    m = _WHY_WHOSE.match(question.strip())
    if m is None:
        return True
    last = fold(m["whose"].split()[-1])
    clean = strip_markers(text)
    if last in NO_NAME or named_in(last, fold(clean)):
        return True
    return bool(ANAPHOR.match(clean)) and named_in(last, fold(sentence_before(clean, context)))


# A phrase the question quotes: 'brain dead', "firm response", “imminent crisis”
_QUOTED_PHRASE = re.compile(r"(?<![\w’'])'([^'?]{3,80}?)'(?![\w’])|[“\"‘]([^”\"’?]{3,80})[”\"’]")


def keeps_the_quote(text: str, question: str, context: str = "") -> bool:
    """A phrase of two words or more that the question quotes ("Why did Baerbock call NATO
    'brain dead'?") is what it asks about: false if the text and `context` (its passage or
    article, where the answer may name it as "this") hold fewer than half of its words: the
    text tells of something else ("Baerbock urged an increase ..."; Macron's "brain dead"
    stands in another article). True for other questions."""
    said = set(tokenize(strip_markers(f"{text} {context}")))
    for m in _QUOTED_PHRASE.finditer(question):
        phrase = m.group(1) or m.group(2)
        words = set(tokenize(phrase))
        # most of its words, as "gave birth" is "give birth" but not its stem
        if len(phrase.split()) >= 2 and 2 * len(words & said) < len(words):
            return False
    return True


# "On what date in 2023 ...?", "when in 2021 ...?": the year the asked date falls in.
_WHEN_IN_YEAR = re.compile(
    r"\b(?:date|day|month|week|weekend|time|when) (?:in|of|during) (?:early |late |mid-?)?"
    r"((?:1[89]|20)\d\d)\b"
)
# The year of a date: "July 14, 2024", "14 July 2024", "in March 2023", "2024-07-14".
_DATED_YEAR = re.compile(
    rf"\b(?:{MONTH_RE}|{MONTH_ABBR})\.? (?:\d{{1,2}}(?:st|nd|rd|th)?,? )?((?:1[89]|20)\d\d)\b|"
    rf"\b\d{{1,2}} (?:{MONTH_RE}|{MONTH_ABBR})\.?,? ((?:1[89]|20)\d\d)\b|"
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
    asked = set(YEAR.findall(question))
    kind = answer_type(question)
    clean = strip_markers(text)
    if kind in ("year", "date", "dates", "day", "month", "time", "monthday", "clock", "weekday"):
        # Only a year the answer must fall in counts ("On what date in 2023 ...?"), against
        # the years of the text's dates ("on July 14, 2024"), not background ("since 1981").
        asked = set(_WHEN_IN_YEAR.findall(fold(question)))
        dated = {y for found in _DATED_YEAR.findall(fold(clean)) for y in found if y}
        return bool(asked) and bool(dated) and not (dated & asked)
    if not asked:
        return False
    said = set(YEAR.findall(clean))
    if kind in ("number", "age", "money", "duration", "percent") and (
        _AGE_OR_SPAN.search(fold(question)) or not NUMBER.search(YEAR.sub(" ", clean))
    ):
        return False
    if not said and context:
        # "Gurnah is being awarded the Nobel Prize" for "the 2018 prize", in a passage about
        # one year; a passage with several years (background: "joined in 1976") says nothing.
        years = set(YEAR.findall(strip_markers(context)))
        said = years if len(years) == 1 else set()
    return bool(said) and not (said & asked)


# A month written as one: "July", "in May", "May 5", "5 May", not the verb "may"
_MONTH_NAMED = re.compile(
    rf"\b((?!May\b)(?:{MONTH_RE.title()}))\b|"
    r"\b(?i:in|on|of|since|until|by|early|late|mid|last|next|this)[ -](May)\b|"
    r"\b(May)(?=,? \d)|(?<=\d )(May)\b|"
    # "Sept. 18", "Dec. 3"
    rf"\b((?:{MONTH_ABBR.title()}))\.(?= ?\d)"
)


def _months(text: str) -> set[str]:
    """The months a text names, as their first three letters ("Sept." and "September" alike)."""
    return {m[:3] for found in _MONTH_NAMED.findall(text) for m in found if m}


def contradicts_month(text: str, question: str) -> bool:
    """True if the question names a month the text does not while the text names another:
    "What did Putin say at his conference in June 2024?" against "On July 14, 2024, Putin
    said at a conference ...", "Who announced in a March interview ...?" against "... in an
    interview in January"."""
    asked = _months(question)
    if not asked:
        return False
    said = _months(strip_markers(text))
    return bool(asked - said) and bool(said - asked)


# Numbered things in a sequence: "season 4", "the fourth season", "Game 7", "Pixel 6".
_SEQUENCE = (
    r"(?:season|episode|stage|round|game|chapter|part|series|volume|phase|leg|match|term|"
    r"edition|generation|version|level|step|act|wave|quarter|half|day|week)"
)
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(ORDINALS.split("|")[:20])}
_CARDINALS = (  # noqa: SIM905 - a word list reads better as text
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_SEQUENCE_IN_WORDS = re.compile(rf"\b({_SEQUENCE}) ({'|'.join(_CARDINALS)})\b(?!-)")
_LABELLED = re.compile(r"\b([A-Za-z][\w'’-]*) (\d{1,3})\b(?![.,:/-]?\d|%| ?percent)")
_ORDINAL_OF = re.compile(
    rf"\b({ORDINALS.rsplit('|', 1)[0]}|\d{{1,3}}(?:st|nd|rd|th))[- ](?:[\w-]+ ){{0,2}}?"
    rf"({_SEQUENCE})s?\b"
)


def _labels(text: str, named_only: bool) -> set[tuple[str, int]]:
    """(thing, number) pairs: "Season 11" and "the eleventh season" both give ("season",
    11); with `named_only`, other words count only if capitalised ("Pixel 6", not "at 6")."""
    out: set[tuple[str, int]] = set()
    for m in _LABELLED.finditer(text):
        word = fold(m.group(1))
        if word in NO_NAME:
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
            if unit in _NOT_UNIT or unit in MONTHS or unit in WEEKDAYS:
                continue
            if YEAR.fullmatch(number) and unit != "%":
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
