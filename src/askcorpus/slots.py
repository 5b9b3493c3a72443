"""Whether a sentence fills the slot a question asks about, rather than restating it: "Which
informed sources did Foreign Policy cite?" is not answered by "Citing informed sources,
Foreign Policy wrote ...", which names the kind of thing asked for but no member of it; nor
"What did Baerbock say at the European Policy Forum?" by what she said somewhere else."""

from __future__ import annotations

import re

from askcorpus.bm25 import tokenize
from askcorpus.cite import strip_markers
from askcorpus.gazetteer import is_country_adjective
from askcorpus.kinds import answer_type
from askcorpus.names import SPEAKS, sentence_before
from askcorpus.words import FUNCTION_WORDS, NO_NAME, NUMBER_WORDS, fold

_AUX = r"did|does|do|was|were|is|are|has|have|had|will|would|could|can|should|must|may|might"
# "Which extra-regional armed forces did Putin name?", "Who were the informed sources
# Foreign Policy cited?", "Which risk-control mechanisms Russia and NATO set up ...?" (from
# "Name the ..."): the kind asked for, up to the verb, a name, a preposition or "that".
_PREPOSITION = r"in|of|on|at|from|for|with|by|to|between|among|during|about"
_ASKS_KIND = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:which|what|who (?:were|are) the) "
    rf"(?P<kind>(?:(?!(?:{_AUX}|that|who|which|{_PREPOSITION})\b)[a-z][\w-]* (?:and )?){{0,3}}?"
    rf"(?!(?:{_AUX})\b)[a-z][\w-]*)"
    # then the verb, maybe after a phrase ("... in the Asia-Pacific did ..."), or a name
    # and its verb ("... sources Foreign Policy cited"); not "What benefits are there?"
    rf"(?= (?:(?:{_PREPOSITION}) (?:(?!as |than )[^?,]){{1,50}}? )?(?:{_AUX})\b(?! there\b)|"
    r" (?:that|who) |"
    r" (?:[A-Z][\w'’.-]* |and ){1,5}(?:[a-z]+ed|had|has|have)\b)"
)
# Kinds that are a way or an aspect of something, not a set with members one could name
_ABSTRACT = frozenset({
    "kind", "type", "sort", "form", "way", "manner", "role", "part", "aspect", "level",
    "degree", "extent", "amount", "number", "share", "percentage", "proportion", "size",
    "effect", "impact", "result", "outcome", "reason", "purpose", "cause", "message", "view",
    "stance", "position", "reaction", "response", "meaning", "significance",
})  # fmt: skip
_TOKEN = re.compile(r"[\w’'-]+|[\"“”:;(—–]")
# Words before a kind that pick out no member ("such mechanisms", "several sources")
_NO_MEMBER = FUNCTION_WORDS | frozenset({
    "several", "other", "such", "certain", "various", "our", "any", "each", "every", "few",
    "more", "own", "unnamed", "unidentified", "anonymous",
})  # fmt: skip
_BRINGS_IN = frozenset({
    "including", "includes", "include", "included", "like", "namely", "notably",
    "called", "named", "known", "dubbed", "among", "especially", "particularly",
})  # fmt: skip
# Quotation marks around a word ("'trios'"), not an apostrophe inside one
_QUOTED_WORD = re.compile(r"(?<!\w)['‘’](?=\w)|(?<=\w)['‘’](?!\w)")
_NUMBER_WORDS = frozenset(NUMBER_WORDS.split("|"))


def _plural_forms(head: str) -> set[str]:
    forms = {head}
    if head.endswith("ies"):
        forms.add(head[:-3] + "y")
    elif head.endswith("es"):
        forms |= {head[:-2], head[:-1]}
    elif head.endswith("s"):
        forms.add(head[:-1])
    else:
        forms |= {head + "s", head + "es"}
    return forms


def asked_kind(question: str) -> list[str] | None:
    """The words of the plural kind a "Which <kind> ...?" question asks for, lower case
    ("informed sources"), or None for other questions and for kinds with their own answer
    checks (countries, dates, numbers) or no members to name (roles, ways)."""
    plain = _QUOTED_WORD.sub("", question.strip())
    m = _ASKS_KIND.match(plain[:1].lower() + plain[1:])
    if m is None or answer_type(question) is not None:
        return None
    words = m["kind"].lower().split()
    head = words[-1]
    if (
        not re.search(r"[^su]s$", head)
        or head in ("species", "series")
        or _plural_forms(head) & (_ABSTRACT | FUNCTION_WORDS)
        or any(w in FUNCTION_WORDS for w in words if w != "and")
    ):
        return None  # one thing asked for may be told by its kind ("the museum")
    return words


def names_a_member(text: str, question: str) -> bool:
    """For "Which <kind> ...?", false if the text writes the kind only as the question does,
    with no member named: not after a name or a figure ("US armed forces", "three
    sources"), not followed by one ("forces of the US", "sources close to the Kremlin") or
    by words that bring one in ("such as", "including", a colon). True when the text
    names the kind in none of its words (it may answer in others), and for other
    questions."""
    kind = asked_kind(question)
    if kind is None:
        return True
    asked = set(tokenize(question))
    tokens = _TOKEN.findall(_QUOTED_WORD.sub("", strip_markers(text)))
    lower = [t.lower() for t in tokens]
    heads = _plural_forms(kind[-1]) | ({kind[-1].split("-")[-1]} if "-" in kind[-1] else set())
    modifiers = {w for w in kind[:-1] if w != "and"}
    found = False
    for i, word in enumerate(lower):
        if word not in heads:
            continue
        found = True
        if i > 0 and tokens[i][:1].isupper():
            return True  # "the Treaty of ...": a name
        start = i
        # back over the question's own words ("reciprocating steam engines" for "marine
        # engines ... than steam turbines" reaches "reciprocating")
        while start > 0 and (
            lower[start - 1] in modifiers
            or lower[start - 1] == "and"
            or _asked_word(lower[start - 1], asked)
        ):
            start -= 1
        if start > 0 and _specifies(tokens[start - 1], start - 1, asked):
            return True
        if _followed_by_member(tokens, i, asked):
            return True
    return not found


def _followed_by_member(tokens: list[str], i: int, asked: set[str]) -> bool:
    """Right after the kind a colon, a bracket or a dash, or "of" and a word the question
    lacks ("fields of travel literature"), or "practicing ..."; or within a few words (not
    past a quotation or a colon) a name or a figure the question lacks, or words that
    bring members in ("including", "such as", "among them")."""
    after = tokens[i + 1 : i + 9]
    if after[:1] and after[0] in ":(—–":
        return True  # "sources: ...", "the forces (...)"
    if after and re.search(r"\w(?:ing|ed)$", after[0]) and not set(tokenize(after[0])) <= asked:
        return True  # "pharmacists practicing in hospitals"
    if (
        after[:1] == ["of"]
        and len(after) > 1
        and after[1].lower() not in FUNCTION_WORDS
        and not set(tokenize(after[1])) <= asked
    ):
        return True
    for j, tok in enumerate(after, start=i + 1):
        if tok in ('"', "“", "”", ":", ";"):
            return False
        if _novel_name(tok, j, asked) or tok.lower() in _BRINGS_IN:
            return True
        if tok.lower() == "such" and tokens[j + 1 : j + 2] == ["as"]:
            return True
    return False


def _novel_name(tok: str, j: int, asked: set[str]) -> bool:
    """A capitalised word (not a sentence's first) or a figure the question lacks."""
    if tok[:1].isdigit() or tok.lower() in _NUMBER_WORDS:
        return True
    low = fold(tok)
    return j > 0 and tok[:1].isupper() and low not in NO_NAME and not set(tokenize(low)) <= asked


def _specifies(tok: str, j: int, asked: set[str]) -> bool:
    """The word before the kind narrows it to members: a name, a figure, a possessive, or
    a describing word the question lacks ("parliamentary", not "some" or "citing")."""
    low = tok.lower()
    if _novel_name(tok, j, asked) or re.search(r"['’]s?$", tok):
        return True
    if low in _NO_MEMBER or not low[:1].isalpha() or set(tokenize(low)) <= asked:
        return False
    return not re.search(r"[^s]s$", low)  # "establishes": a verb


def _asked_word(word: str, asked: set[str]) -> bool:
    """A content word the question has ("steam" of "steam turbines")."""
    stems = set(tokenize(word))
    return bool(stems) and stems <= asked


# "What did Baerbock say at the European Policy Forum?", "What did Blinken tell reporters
# after meeting Rutte in Paris?": the doer, then the verb and what follows it
_ASKS_DEED = re.compile(
    r"^(?:(?:and|so|but|then) )?what (?:did|does|do|has|have|had|will|would) "
    r"(?P<who>(?:[\w’'.-]+ ){1,6}?)(?P<verb>say|tell|announce|warn|discuss|decide|agree|"
    r"propose|declare|state|promise|pledge|urge|claim|reveal|write|explain|stress|emphasi[sz]e|"
    r"note|argue|suggest|sign|accuse|describe|add|insist|confirm|deny|mention|predict|"
    r"demand|threaten|offer|call for|ask for|unveil|present|outline)\b(?P<rest>[^?]*)"
)
# A setting: "at the Almaty meeting", "in Paris", "during the Vilnius summit"
_SETTING = re.compile(
    r"\b(?:at|in|during)\s+(?P<place>(?:(?:the|a|an|its|his|her|their|this|last|[\w.’'-]+['’]s)"
    r"\s+)?(?:[\w’'-]+\s+){0,8}?[\w’'-]+?)(?=\s+(?:about|on|regarding|with|to|after|before|"
    r"when|while|and|that|in|at|during|for|over)\b|[,;]|$)"
)


_OCCASION = re.compile(
    r"\b(?:meeting|summit|forum|conference|interview|rally|council|session|talks|briefing|"
    r"congress|assembly|convention|ceremony|visit|trip|event|hearing|debate|speech|address|"
    r"gathering|dinner|parade|festival)s?\b",
    re.IGNORECASE,
)


def setting_names(question: str) -> list[str]:
    """The capitalised names of the setting a "What did X <verb> ...?" question places the
    deed in ("Almaty" of "... at the Almaty meeting?"), folded; [] for other questions."""
    m = _ASKS_DEED.match(question.strip()[:1].lower() + question.strip()[1:])
    if m is None:
        return []
    found: list[str] = []
    rest = m["rest"].rstrip(" ?.!")
    for s in _SETTING.finditer(rest):
        # an occasion ("at the Almaty meeting") or where the question ends ("... in Paris?"),
        # not a place inside what was said ("... structures in Asia act as ...")
        if not _OCCASION.search(s["place"]) and s.end() < len(rest):
            continue
        for w in re.findall(r"[\w’'-]+", s["place"]):
            low = fold(re.sub(r"['’]s$", "", w))
            if (
                w[:1].isupper()
                and low not in NO_NAME
                and not low.isdigit()
                and not is_country_adjective(low)  # "in English", "in Russian"
            ):
                found.append(low)
    return found


def places_the_deed(text: str, question: str, context: str = "") -> bool:
    """For "What did X say at the Almaty meeting?" or "... in Paris?", true only if the
    text names the setting word for word ("Almaty"; "France" does not place a remark in
    Paris), or the sentence before it names X and, with the text, the setting (a quotation
    told over two sentences). True for questions with no named setting."""
    names = setting_names(question)
    if not names:
        return True
    said = fold(strip_markers(text))
    if _names_most(names, said):
        return True
    # "He said ..." or a quotation, after a sentence placing X there
    m = _ASKS_DEED.match(question.strip()[:1].lower() + question.strip()[1:])
    before = fold(sentence_before(strip_markers(text), context)) if context else ""
    doer = [fold(w) for w in re.findall(r"[\w’'-]+", m["who"]) if w[:1].isupper()] if m else []
    return bool(before) and _names_most(names, f"{before} {said}") and _names_most(doer, before)


def _names_most(names: list[str], folded: str) -> bool:
    """True if the text holds at least half the names, each as a whole word ("Russia" is
    not "Russian")."""
    held = sum(re.search(rf"\b{re.escape(n)}\b", folded) is not None for n in names)
    return 2 * held >= len(names)


# Offices a doer may be asked by, each with the other ways news writes it
_OFFICES = {
    "president": r"president(?![- ]elect)|head of state",
    "president-elect": r"president[- ]elect",
    "prime minister": r"prime minister|premier",
    "foreign minister": (
        r"foreign (?:affairs )?minister|top diplomat|secretary of state|foreign secretary|"
        r"minister of foreign affairs|minister for foreign affairs"
    ),
    "defence minister": r"defen[cs]e (?:minister|secretary)|minister of defen[cs]e",
    "chancellor": r"chancellor",
    "secretary general": r"secretary[- ]general|(?:nato|alliance) chief",
    "spokesperson": r"spokes(?:person|man|woman)",
}
_OFFICE = re.compile("|".join(rf"(?P<o{i}>\b(?:{p})\b)" for i, p in enumerate(_OFFICES.values())))
_OFFICE_NAMES = list(_OFFICES)
# "Why did Azerbaijan's president ...?", "On what date did Russia's top diplomat ...?": the
# doer, by office
_DOER_OFFICE = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would) (?:the |a |an )?(?:[\w'’-]+ ){0,3}?"
    rf"(?P<office>{_OFFICE.pattern})"
)


def _offices(folded: str) -> list[str]:
    """The offices a folded text names, in order."""
    return [
        _OFFICE_NAMES[int(k[1:])]
        for m in _OFFICE.finditer(folded)
        for k, v in m.groupdict().items()
        if v
    ]


def contradicts_office(text: str, question: str) -> bool:
    """True if the question asks about a doer by office ("Why did Azerbaijan's president
    announce ...?") and the text never names that office but opens with someone of another
    ("its Prime Minister Nikol Pashinyan announced ...")."""
    m = _DOER_OFFICE.search(fold(question))
    if m is None:
        return False
    asked = _offices(m["office"])
    said = _offices(fold(strip_markers(text)))
    return bool(asked) and bool(said) and asked[0] not in said


# "Did Trump agree to ...?", "Did Armenia attend ...?": the named doer, then the verb
_ASKS_POLAR = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:did|does|do|will|would|can|could) "
    r"(?:[A-Z][\w'’.-]*\s+){1,3}(?:(?:ever|also|really|actually|then|later) )?(?P<verb>[a-z]+)\b"
)
_SPEECH_VERBS = frozenset({"say", "tell", "speak", "comment", "remark", "mention", "talk"})


def tells_the_polar(text: str, question: str) -> bool:
    """For "Did X <verb> ...?", true only if the text tells of that deed: the verb's stem
    ("agreed", "attend"), or for "say" / "tell" any speech. "Rutte met Trump" does not say
    whether Trump agreed to anything. True for other questions."""
    asked = question.strip()
    m = _ASKS_POLAR.match(asked[:1].lower() + asked[1:])
    if m is None:
        return True
    verb = m["verb"]
    said = strip_markers(text)
    if verb in _SPEECH_VERBS:
        return SPEAKS.search(said) is not None
    stem = verb[: max(4, len(verb) - 2)]
    return re.search(rf"\b{re.escape(stem)}", said, re.IGNORECASE) is not None


# "Where did Rutte and Macron hold their meeting?", "What did Lind and Ode agree?": two
# named doers
_ASKS_PAIR = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|where|when|why|how|which \w+|who|whom|in which \w+|"
    r"on what \w+) (?:did|do|does|have|had|will|would) (?P<a>(?:[A-Z][\w'’.-]*\s+){0,2}"
    r"[A-Z][\w'’.-]*) and (?P<b>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)\s+[a-z]"
)


def names_both(text: str, question: str, context: str = "") -> bool:
    """For a question about what two named people did together ("Where did Rutte and Macron
    hold their meeting?"), true only if the text names both (by any word of each name), or
    the sentence before it does (with `context`, its passage) and the text names neither or
    speaks of them together ("the two", "they", "their"). A sentence about Rutte meeting
    Blinken says nothing of a meeting with Macron. True for other questions."""
    asked = question.strip()
    m = _ASKS_PAIR.match(asked[:1].lower() + asked[1:])
    if m is None:
        return True
    said = fold(strip_markers(text))

    def named(who: str, folded: str) -> bool:
        return any(
            re.search(rf"\b{re.escape(w)}\b", folded)
            for w in (fold(x) for x in who.split())
            if w not in NO_NAME
        )

    a, b = named(m["a"], said), named(m["b"], said)
    if a and b:
        return True
    together = re.search(r"\b(?:the two|they|their|both|them)\b", said) is not None
    if not context or ((a or b) and not together):
        return False  # "Meeting Rutte in Brussels, Blinken said ...": Rutte, but not Macron
    told = f"{fold(sentence_before(strip_markers(text), context))} {said}"
    return named(m["a"], told) and named(m["b"], told)
