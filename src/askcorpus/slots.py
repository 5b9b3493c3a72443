"""Whether a sentence fills the slot a question asks about, rather than restating it: "Which
informed sources did Foreign Policy cite?" is not answered by "Citing informed sources,
Foreign Policy wrote ...", which names the kind of thing asked for but no member of it; nor
"What did Baerbock say at the European Policy Forum?" by what she said somewhere else."""

from __future__ import annotations

import re

from askcorpus.bm25 import tokenize
from askcorpus.chunk import sentence_spans
from askcorpus.cite import strip_markers
from askcorpus.gazetteer import is_country_adjective
from askcorpus.kinds import answer_type
from askcorpus.names import (
    CAPITALS,
    SPEAKS,
    TITLE_WORDS,
    is_country_name,
    misspelt,
    named_in,
    names_a_body,
    sentence_before,
    speakers_of,
)
from askcorpus.words import (
    FUNCTION_WORDS,
    MONTH_ABBR,
    MONTHS,
    NO_NAME,
    NUMBER_WORDS,
    OPENING_TIME,
    fold,
)

_AUX = r"did|does|do|was|were|is|are|has|have|had|will|would|could|can|should|must|may|might"
# "Which extra-regional armed forces did Putin name?", "Who were the informed sources
# Foreign Policy cited?", "Which risk-control mechanisms Russia and NATO set up ...?" (from
# "Name the ..."): the kind asked for, up to the verb, a name, a preposition or "that".
_PREPOSITION = r"in|of|on|at|from|for|with|by|to|between|among|during|about"
_PREPOSITIONS = frozenset(_PREPOSITION.split("|"))
_ASKS_KIND = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:which|what|who (?:were|are) the) "
    rf"(?P<kind>(?:(?!(?:{_AUX}|that|who|which|being|{_PREPOSITION})\b)[a-z][\w-]* (?:and )?)"
    rf"{{0,3}}?(?!(?:{_AUX})\b)[a-z][\w-]*)"
    # then the verb, maybe after a phrase ("... in the Asia-Pacific did ..."), or a name
    # and its verb ("... sources Foreign Policy cited", "... Rutte told Trump"); not "What
    # benefits are there?"
    rf"(?= (?:(?:{_PREPOSITION}) (?:(?!as |than )[^?,]){{1,50}}? )?(?:(?:{_AUX})\b(?! there\b)"
    r"|(?:that|who) (?!(?:is|are|was|were)\b))|"
    r" (?:that|who|being) |"
    r" (?:[A-Z][\w'’.-]* |and ){1,5}(?:(?:once|also|first|later|then|still|ever) )?"
    r"(?:[a-z]+ed|had|has|have|said|says|told|tells|met|made|gave|sent|held|took|set|saw|"
    r"wrote|brought|chose|led|spoke|sought|kept|named|cites|names|lists|mentions)\b)"
)
# "What are the names of the 'trios' ...?": which members of a kind
_NAMES_OF = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|which) (?:are|were) the names of (?:the )?", re.IGNORECASE
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
    "more", "own", "unnamed", "unidentified", "anonymous", "informed", "familiar", "senior",
    "western", "government", "official", "diplomatic", "intelligence", "military", "local",
})  # fmt: skip
_BRINGS_IN = frozenset({
    "including", "includes", "include", "included", "like", "namely", "notably",
    "called", "named", "known", "dubbed", "among", "especially", "particularly",
})  # fmt: skip
_NOT_KINDS = frozenset({"happens", "means", "remains", "makes", "causes", "leads", "helps"})
# "Which theory states that ...?": a text's verb after its noun, not a kind ("Which false
# claims that ...?", "Which southern states that ...?" are kinds)
_TELLS = frozenset({
    "states", "says", "shows", "claims", "suggests", "argues", "holds", "explains", "predicts",
    "describes", "requires", "allows", "asserts", "maintains", "notes", "posits", "proposes",
})  # fmt: skip
_TEXT_NOUNS = frozenset({
    "theory", "report", "study", "law", "rule", "principle", "document", "article", "paper",
    "statement", "treaty", "agreement", "plan", "model", "hypothesis", "book", "bill", "policy",
    "constitution", "doctrine", "survey", "poll", "letter", "memo", "resolution", "declaration",
    "charter", "clause", "section", "provision", "text", "version", "passage", "story",
})  # fmt: skip
_MEMBER_PREPOSITIONS = frozenset({"on", "from", "against", "for", "over", "with", "of", "to", "at"})
# Quotation marks around a word ("'trios'"), not an apostrophe inside one
_QUOTED_WORD = re.compile(r"(?<!\w)['‘’](?=\w)|(?<=\w)['‘’](?!\w)")
_NUMBER_WORDS = frozenset(NUMBER_WORDS.split("|"))


def _plural_forms(head: str) -> set[str]:
    forms = {head}
    if head.endswith("ies"):
        forms.add(head[:-3] + "y")
    elif re.search(r"[^aeiou]y$", head):
        forms.add(head[:-1] + "ies")  # "technology": "technologies"
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
    if (named := _NAMES_OF.match(plain)) is not None:
        plain = "which " + plain[named.end() :]
    m = _ASKS_KIND.match(plain[:1].lower() + plain[1:])
    if m is None or answer_type(question) is not None:
        return None
    words = m["kind"].lower().split()
    head = words[-1]
    if head in _NOT_KINDS:
        return None  # "What happens to ...?": a verb
    if head in _TELLS and words[-2:-1] and words[-2] in _TEXT_NOUNS:
        return None  # "Which theory states that ...?": a verb
    if (
        not re.search(r"[^su]s$", head)
        or head in ("species", "series")
        or _plural_forms(head) & (_ABSTRACT | FUNCTION_WORDS)
        or any(w in FUNCTION_WORDS for w in words if w != "and")
    ):
        return None  # one thing asked for may be told by its kind ("the museum")
    return words


def names_a_member(text: str, question: str, context: str = "") -> bool:
    """For "Which <kind> ...?", false if the text writes the kind only as the question does,
    with no member named: not after a name or a figure ("US armed forces", "three
    sources"), not followed by one ("forces of the US", "sources close to the Kremlin") or
    by words that bring one in ("such as", "including", a colon). When the text names the
    kind in none of its words it may answer in others, unless `context` (the other
    candidate sentences, for a question that insists on members: `insists_on_members`)
    names the kind only so: "Which specific technologies ...?" is not answered by a
    sentence on ties between states when the only technologies told are "technology
    exchanges". True for other questions."""
    kind = asked_kind(question)
    if kind is None:
        return True
    asked = set(tokenize(question))
    verdict = _member_told(text, kind, asked)
    if verdict is not None:
        return verdict
    told = [_member_told(context[a:b], kind, asked) for a, b in sentence_spans(context)]
    return all(v is None for v in told) or any(told)


# "Which specific ...?", "Name the ...", "List ...", "What are the names of ...?"
_INSISTS = re.compile(
    r"\b(?:specific|particular|exact|precise)\b|\bnames of\b|"
    r"^(?:(?:please|can you|could you|and|so) )?(?:name|list|identify)\b",
    re.IGNORECASE,
)


def insists_on_members(question: str) -> bool:
    """True for a question that asks for the members themselves ("Which specific
    technologies ...?", "Name the 'trios' ...", "List the ..."), as typed."""
    return _INSISTS.search(question.strip()) is not None


def _member_told(text: str, kind: list[str], asked: set[str]) -> bool | None:
    """Whether the text names a member where it writes the kind; None if it never does."""
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
    return False if found else None


def _followed_by_member(tokens: list[str], i: int, asked: set[str]) -> bool:
    """Right after the kind a colon, a bracket or a dash, or "of" and a word the question
    lacks ("fields of travel literature"), or "practicing ..."; or within a few words (not
    past a quotation or a colon) a name or a figure the question lacks, or words that
    bring members in ("including", "such as", "among them")."""
    after = tokens[i + 1 : i + 9]
    if after[:1] and after[0] in ":(—–":
        return True  # "sources: ...", "the forces (...)"
    if after[:1] and after[0].lower() in _MEMBER_PREPOSITIONS:
        # "tariffs on steel and aluminium", "topics from trade to climate": two words of
        # their own after the kind
        phrase = re.split(rf"\s(?:{_AUX})\s", " ".join(after[1:6]) + " ")[0].split()
        words = [t for t in phrase if t[:1].isalnum() and t.lower() not in FUNCTION_WORDS]
        if sum(not _asked_word(t.lower(), asked) for t in words) >= 2:
            return True
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
    # "What did X say ...?", and when or why X spoke there ("On what date did Lavrov speak at
    # the United Russia meeting?"); not "where", which asks for the setting
    r"^(?:(?:and|so|but|then) )?(?:what|when|why|how|(?:on |at )?(?:what|which) (?:date|day|"
    r"time)|in (?:what|which) (?:month|year)) (?:did|does|do|has|have|had|will|would) "
    r"(?P<who>(?:[\w’'.-]+ ){1,6}?)(?P<verb>say|tell|speak|talk|announce|warn|discuss|decide|agree|"
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


_OCCASION_WITH = re.compile(
    r"\b(?:at|in|during) (?:a|an|the|his|her|their) (?:[\w-]+ )?(?:conference|meeting|session|"
    r"talks|briefing|call) with (?:the )?(?P<with>(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)"
)
_BODY_WORDS = re.compile(
    r"\b(?:Ministry|Ministries|Council|Committee|Commission|Cabinet|Parliament|Senate|"
    r"Congress|Board|Government|Command|Staff|Agency|Department|Office|Directorate)\b"
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
    return [name for run in setting_runs(question) for name in run]


def setting_runs(question: str) -> list[list[str]]:
    """The names of a question's setting (`setting_names`), in runs of words next to each
    other: [["united", "russia"]] of "... at the United Russia party meeting?"."""
    m = _ASKS_DEED.match(question.strip()[:1].lower() + question.strip()[1:])
    if m is None:
        return []
    runs: list[list[str]] = []
    rest = m["rest"].rstrip(" ?.!")
    # the doer's own words ("General" of "Secretary General") tell no setting apart
    doer = {fold(re.sub(r"['’]s$", "", w)) for w in m["who"].split()}
    # "at a conference with the Defense Ministry leadership": the body the occasion was with
    # (not "in his talks with Trump", who may be told in the sentence before)
    for w in _OCCASION_WITH.finditer(rest):
        run = [fold(x) for x in w["with"].split() if fold(x) not in NO_NAME and fold(x) not in doer]
        if run and _BODY_WORDS.search(w["with"]):
            runs.append(run)
    for s in _SETTING.finditer(rest):
        # an occasion ("at the Almaty meeting") or where the question ends ("... in Paris?"),
        # not a place inside what was said ("... structures in Asia act as ...")
        if not _OCCASION.search(s["place"]) and s.end() < len(rest):
            continue
        words = re.findall(r"[\w’'-]+", s["place"])
        last = -2
        for i, w in enumerate(words):
            low = fold(re.sub(r"['’]s$", "", w))
            if low in MONTHS and _OCCASION.fullmatch(words[i + 1] if i + 1 < len(words) else ""):
                runs.append([low])  # "in his March interview": when it was, to be told
            elif (
                w[:1].isupper()
                and low not in NO_NAME
                and not low.isdigit()
                and not re.fullmatch(MONTH_ABBR, low)  # "in Sept."
                and not is_country_adjective(low)  # "in English", "in Russian"
                and low not in doer
            ):
                if i == last + 1 and runs:
                    runs[-1].append(low)
                else:
                    runs.append([low])
                last = i
    return runs


def places_the_deed(text: str, question: str, context: str = "") -> bool:
    """For "What did X say at the Almaty meeting?" or "... in Paris?", true only if the
    text names the setting word for word ("Almaty"; "France" does not place a remark in
    Paris), or the sentence before it names X and, with the text, the setting (a quotation
    told over two sentences). True for questions with no named setting."""
    runs = setting_runs(question)
    names = [name for run in runs for name in run]
    if not names:
        return True
    said = fold(strip_markers(text))

    def placed(folded: str) -> bool:
        # a name of several words is told whole: "United Russia" is not "Russia", nor is
        # the "Just Russia party" the "United Russia party"
        whole = all(_names_most(run, folded, whole=True) for run in runs if len(run) > 1)
        return whole and _names_most(names, folded)

    if placed(said):
        return True
    # "He said ..." or a quotation, after a sentence placing X there
    m = _ASKS_DEED.match(question.strip()[:1].lower() + question.strip()[1:])
    before = fold(sentence_before(strip_markers(text), context)) if context else ""
    doer = [fold(w) for w in re.findall(r"[\w’'-]+", m["who"]) if w[:1].isupper()] if m else []
    return bool(before) and placed(f"{before} {said}") and _names_most(doer, before)


def _names_most(names: list[str], folded: str, whole: bool = False) -> bool:
    """True if the text holds at least half the names (all of them, if `whole`), each as a
    whole word or another form of it ("Chinese" for "China", `named_in`; a capital only as
    itself), or all of them by their initials ("SCO" for "Shanghai Cooperation
    Organisation")."""
    held = sum(
        re.search(rf"\b{re.escape(n)}\b", folded) is not None
        or (n not in CAPITALS and named_in(n, folded))
        or (n in MONTHS and re.search(rf"\b{n[:3]}(?:t)?\.", folded) is not None)  # "Sept."
        for n in names
    )
    initials = "".join(n[0] for n in names)
    enough = held == len(names) if whole else 2 * held >= len(names)
    return enough or (len(names) > 1 and re.search(rf"\b{initials}\b", folded) is not None)


# Offices a doer may be asked by, each with the other ways news writes it
_OFFICES = {
    "president": r"(?<!vice[- ])president(?![- ]elect)|head of state",
    "president-elect": r"president[- ]elect",
    "prime minister": r"prime minister|premier",
    "foreign minister": (
        r"foreign (?:affairs )?minister|top (?:\w+ )?diplomat|secretary of state|foreign secretary|"
        r"minister of foreign affairs|minister for foreign affairs"
    ),
    "defence minister": r"defen[cs]e (?:minister|secretary)|minister of defen[cs]e",
    "chancellor": r"chancellor",
    "secretary general": r"secretary[- ]general|(?:nato|alliance) chief",
    "spokesperson": r"spokes(?:person|man|woman)",
}
_OFFICE = re.compile("|".join(rf"(?P<o{i}>\b(?:{p})s?\b)" for i, p in enumerate(_OFFICES.values())))
_OFFICE_NAMES = list(_OFFICES)
# "Why did Azerbaijan's president ...?", "On what date did Russia's top diplomat ...?": the
# doer, by office
_DOER_OFFICE = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|which \w+|when|where|why|how|on what \w+|in which \w+|"
    r"in what \w+|at what \w+) (?:did|does|do|has|have|had|will|would) (?:the |a |an )?"
    # the doer's own words before the office: "Azerbaijan's", "the new", "US"; not a verb
    # ("What did Macron tell the chancellor?": the chancellor is whom he told)
    r"(?:(?:[\w.-]+['’]s?|top|new|former|previous|outgoing|incoming|past|then|current|acting|"
    r"deputy|[A-Z][\w.-]*) ){0,3}"
    rf"(?P<office>(?i:{_OFFICE.pattern}))"
)
# A holder before the present one, and the present one: "NATO's previous Secretary-General"
# is not "Mark Rutte, the new Secretary General"
_EARLIER = re.compile(r"\b(?:former|previous|outgoing|past|ex|then)\b[\s-]+(?:\w+\s+){0,2}$")
# "Stoltenberg, who handed over to the new secretary general": the earlier one told too
_HANDOVER = re.compile(
    r"\b(?:handed over|hands over|succeeded|succeeds|replaced|replaces|predecessor|took over|"
    r"takes over|successor|stepped down|outgoing)\b"
)
# A group of office holders ("foreign ministers"; not "minister for foreign affairs")
_GROUP = re.compile(
    r"(?:ministers|secretaries|presidents|chancellors|premiers|generals|"
    r"spokes\w+s|diplomats|leaders)$",
    re.IGNORECASE,
)
_NEW = re.compile(r"\b(?:new|incoming|newly appointed)\s+(?:\w+\s+){0,2}$")


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
    announce ...?"; not "What did Macron tell the chancellor?", where the office is whom he
    told) and the text never names that office but opens with someone of another ("its
    Prime Minister Nikol Pashinyan announced ...")."""
    asked_q = question.strip()
    m = _DOER_OFFICE.search(asked_q[:1].lower() + asked_q[1:])
    if m is None:
        return False
    asked = _offices(fold(m["office"]))
    said = fold(strip_markers(text))
    if (
        _EARLIER.search(fold(m[0][: m.start("office")]))
        and _holders(said, asked[0]) == {"new"}
        and not _HANDOVER.search(said)
    ):
        return True  # the previous holder asked, only the new one told
    if _GROUP.search(m["office"]):
        # "the CSTO defense ministers": a group, not told by a meeting "of foreign affairs
        # ministers" (a group of another office), wherever the text names it
        groups = [_offices(g[0])[0] for g in _OFFICE.finditer(said) if _GROUP.search(g[0])]
        return bool(groups) and asked[0] not in groups
    # the text's first office, as its subject ("its Prime Minister Nikol Pashinyan
    # announced ...", "Russian President Vladimir Putin said ..."), not one it only
    # mentions ("the secretary of state would travel")
    first = _OFFICE.search(said)
    if first is None or not _opens_with(said, first.start()):
        return False  # "Hegseth announced that President Trump ...": not the subject
    return asked[0] not in _offices(said)


def _holders(folded: str, office: str) -> set[str]:
    """How a folded text tells the holders of an office: "new" ("the new Secretary
    General"), "earlier" ("former secretary general") or "plain"."""
    found = set()
    for m in _OFFICE.finditer(folded):
        if _offices(m[0]) != [office]:
            continue
        before = folded[max(0, m.start() - 40) : m.start()]
        found.add(
            "earlier" if _EARLIER.search(before) else "new" if _NEW.search(before) else "plain"
        )
    return found


def speaker_holds_office(text: str, question: str, context: str = "") -> bool:
    """For a doer asked by office ("What did the NATO spokesperson say ...?") and a text
    naming no office, false if the text's named speakers are all papers or bodies in
    `context` (the text's passage: "Foreign Policy wrote"), which hold no office. A person
    ("Holm proposed ...", "Peskov said ...") may hold it untold. True for other questions."""
    asked_q = question.strip()
    m = _DOER_OFFICE.search(asked_q[:1].lower() + asked_q[1:])
    said = fold(strip_markers(text))
    if m is None or _OFFICE.search(said):
        return True
    speakers = speakers_of(strip_markers(text)) - set(fold(asked_q).split())
    if not speakers:
        return True
    if all(names_a_body(w, context or text) for w in speakers):
        return False
    # "Blinken told reporters ...", where the passage calls him "Secretary of State Antony
    # Blinken": an office told for each speaker, none the one asked
    held = [_held_by(w, context) for w in speakers] if context else []
    return not held or not all(held) or any(_offices(fold(m["office"]))[0] in h for h in held)


_ANY_OFFICE = re.compile(_OFFICE.pattern, re.IGNORECASE)


def _held_by(name: str, passage: str) -> set[str]:
    """The offices a passage gives someone, by the name's folded last word: "Secretary of
    State Antony Blinken", "Blinken, the US secretary of state"."""
    held = set()
    name = re.escape(name)
    for m in _ANY_OFFICE.finditer(passage):
        line = passage[passage.rfind("\n", 0, m.start()) + 1 :].split("\n", 1)[0]
        if all(w[:1].isupper() for w in re.findall(r"[\w'’-]{4,}", line)):
            continue  # a headline ("NATO Chief Meets Trump"): its capitals tell no names
        if re.match(rf"(?: [A-Z][\w.'’-]*){{0,2}}? (?i:{name})\b", passage[m.end() :]) or (
            re.search(
                rf"\b(?i:{name}), (?:the |a |an )?(?:[\w'’-]+ ){{0,2}}$", passage[: m.start()]
            )
        ):
            held.update(_offices(fold(m[0])))
    return held


_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "a", "an", "new", "former"})
_CLAUSE_OPENERS = frozenset({"since", "because", "as", "while", "when", "after", "but", "and"})


def _opens_with(text: str, at: int) -> bool:
    """True if what stands at `at` in a folded text is its subject: after at most a time
    ("on friday,") and a few words that go with it ("the nato", "russian", "its"), at the
    start or after a word that opens a clause ("... since its prime minister nikol pashinyan
    announced ..."), not after a verb ("biden told reporters the secretary of state ...")."""
    before = OPENING_TIME.sub("", text[:at]).split()
    lead = 0
    while lead < min(3, len(before)) and (
        before[-1 - lead] in _DETERMINERS
        or is_country_adjective(before[-1 - lead])
        or before[-1 - lead].endswith(("'s", "’s"))
        or before[-1 - lead] in ("us", "nato", "un", "eu")
    ):
        lead += 1
    rest = before[: len(before) - lead]
    return not rest or rest[-1].strip(",") in _CLAUSE_OPENERS


# "Did Trump agree to ...?", "Did Armenia attend ...?": the named doer, then the verb
_ASKS_POLAR = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:did|does|do|will|would|can|could) "
    r"(?:[A-Z][\w.-]*\s+(?:and\s+)?){1,4}"
    r"(?:(?:not|ever|also|really|actually|then|later|finally|already|still|\w+ly) )*"
    r"(?P<verb>[a-z]+)\b(?P<rest>[^,?]*)"
)
_SPEECH_VERBS = frozenset({"say", "tell", "speak", "comment", "remark", "mention", "talk"})
_SPOKE = re.compile(r"\b(?:spoke|spoken|speak\w*|talk\w*|comment\w*|remark\w*|mention\w*)\b", re.I)
# The past forms of common irregular verbs ("Did they meet?": "met")
_IRREGULAR = {
    "meet": "met", "win": "won", "send": "sent", "have": "has had", "hold": "held",
    "pay": "paid", "strike": "struck", "choose": "chose chosen", "buy": "bought",
    "go": "went gone goes", "lose": "lost", "leave": "left", "make": "made",
    "take": "took taken", "give": "gave given", "see": "saw seen", "keep": "kept",
    "sell": "sold", "bring": "brought", "think": "thought", "find": "found", "lead": "led",
    "fight": "fought", "begin": "began begun", "break": "broke broken", "run": "ran",
    "come": "came", "get": "got gotten", "build": "built", "spend": "spent", "fall": "fell",
    "rise": "rose risen", "seek": "sought", "teach": "taught", "catch": "caught",
    "feel": "felt", "stand": "stood", "understand": "understood", "hear": "heard",
    "sit": "sat", "become": "became", "grow": "grew grown", "know": "knew known",
    "draw": "drew drawn", "fly": "flew flown", "throw": "threw thrown", "wear": "wore worn",
    "freeze": "froze frozen", "shut": "shut", "cut": "cut", "put": "put", "set": "set",
    "hit": "hit", "let": "let", "quit": "quit", "bid": "bid", "split": "split",
}  # fmt: skip


def _verb_forms(verb: str) -> str:
    """A pattern for a verb's forms: "agree|agrees|agreed|agreeing|agreement...", with the
    irregular past ("met" for "meet")."""
    if len(verb) <= 3:  # "go": not "government"
        forms = [verb, f"{verb}s", f"{verb}es", f"{verb}ing", f"{verb}ed", f"{verb}{verb[-1]}ed"]
        forms += [f"{verb[:-1]}ied", f"{verb[:-1]}ies"] if verb.endswith("y") else []
    else:
        stem = verb[:-1] if verb.endswith("e") else verb
        stem = stem[:-1] + "i" if re.search(r"[^aeiou]y$", verb) else stem
        forms = [rf"{re.escape(verb)}\w*", rf"{re.escape(stem)}\w*"]
    return "|".join([*forms, *_IRREGULAR.get(verb, "").split()])


def tells_the_polar(text: str, question: str) -> bool:
    """For "Did X <verb> ...?", true only if the text tells of that deed: a form of the verb
    ("agreed", "attend", "met"), for "say" / "tell" any speech, or another verb for what the
    question asks about (three in four of its words: "abandoned their tradition of
    neutrality" for "Did they keep their tradition of neutrality?"). "Rutte met Trump" does
    not say whether Trump agreed to anything. True for other questions, and for a doer with
    a possessive ("Did Russia's foreign minister ...?"), whose verb is not told apart."""
    asked = question.strip()
    m = _ASKS_POLAR.match(asked[:1].lower() + asked[1:])
    if m is None or re.search(r"['’]s?\s*$", asked[: m.start("verb")].rstrip()):
        return True
    verb = m["verb"]
    said = strip_markers(text)
    if verb in _SPEECH_VERBS:
        return SPEAKS.search(said) is not None or _SPOKE.search(said) is not None
    if re.search(rf"\b(?:{_verb_forms(verb)})\b", said, re.IGNORECASE):
        return True
    # "Did they keep their tradition of neutrality?": "They abandoned their tradition of
    # neutrality" answers no, in other words; the thing asked about must be there
    wanted = set(tokenize(re.split(r"\baccording to\b", m["rest"])[0]))
    return bool(wanted) and 4 * len(wanted & set(tokenize(said))) >= 3 * len(wanted)


# "Where did Rutte and Macron hold their meeting?", "What did Lind and Ode agree?": two
# named doers
_ASKS_PAIR = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|where|when|why|how|which \w+|who|whom|in which \w+|"
    r"on what \w+) (?:did|do|does|have|had|will|would) (?P<a>(?:[A-Z][\w'’.-]*\s+){0,2}"
    r"[A-Z][\w'’.-]*) and (?P<b>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)\s+[a-z]|"
    # "In which city did Rutte hold his meetings with Macron?", "When did Blinken meet Rutte?"
    r"^(?:(?:and|so|but|then) )?(?:(?:what|where|when|why|how|which \w+|in which \w+|"
    r"in what \w+|on what \w+) )?(?:did|do|does|have|had|will|would) "
    r"(?P<a2>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*) "
    # the meeting as what was done, not as a time ("What did Lind do after her talks ...?")
    r"(?:(?!(?:after|before|following|since|until|when|while|ahead)\b)[a-z]+ ){0,3}?"
    r"(?:(?:meet|meeting|meetings|talks|talk|speak|sit down|confer|negotiate) (?:with )?|"
    r"discuss with )"
    r"(?P<b2>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)(?=[\s?,]|$)"
)

# "What was the outcome of Rutte's meetings with Emmanuel Macron?": the pair by a possessive
_POSSESSIVE_PAIR = re.compile(
    r"\b(?P<a>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w.-]*)['’]s (?:[a-z]+ ){0,2}?(?:meetings?|"
    r"talks|conversations?|(?:phone )?calls?|summits?|encounters?|negotiations) with "
    r"(?P<b>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)(?=[\s?,]|$)"
)

# "The Russian and Chinese leaders signed ...", "the two sides": both told together
_BOTH_TOLD = re.compile(
    r"\bthe (?:two|\w+ and \w+) (?:leaders|men|women|presidents|sides|ministers)\b"
)
_OTHER_ONE = re.compile(
    r"\b(?:counterpart|host|guest|visitor|the (?:[a-z]+ )?(?:leader|president|prime minister|"
    r"premier|chancellor|minister))\b"
)


def names_both(text: str, question: str, context: str = "") -> bool:
    """For a question about what two named people did together ("Where did Rutte and Macron
    hold their meeting?", "In which city did Rutte hold his meetings with Macron?"), true
    only if the text names both (by any word of each name, or one misspelt by a letter), or
    the text with the sentence before it does (with `context`, its passage). A sentence
    about Rutte meeting Blinken says nothing of a meeting with Macron. True for other
    questions, and for talks with a country ("... with China?")."""
    asked = question.strip()
    m = _ASKS_PAIR.match(asked[:1].lower() + asked[1:])
    if m is None:
        m = _POSSESSIVE_PAIR.search(asked)
    if m is None:
        return True
    said = fold(strip_markers(text))
    groups = m.groupdict()

    def named(who: str, folded: str) -> bool:
        return any(
            re.search(rf"\b{re.escape(w)}\b", folded) or (len(w) >= 6 and misspelt(w, folded))
            for w in (fold(re.sub(r"['’]s$", "", x)) for x in who.split())
            if w not in NO_NAME and w not in TITLE_WORDS  # "President Xi": not "President"
        )

    first: str = m["a"] or groups.get("a2") or ""
    second: str = m["b"] or groups.get("b2") or ""
    if fold(second.split()[0]) in NO_NAME or (
        (m["b"] is None or m.re is _POSSESSIVE_PAIR) and is_country_name(second)
    ):
        return True  # "Which mayor did Lind meet on Friday?", "... talks with China?"
    a, b = named(first, said), named(second, said)
    if a and b:
        return True
    together = re.search(r"\b(?:the two|they|their|both|them)\b", said) is not None
    if _BOTH_TOLD.search(said):
        return True  # "The Russian and Chinese leaders signed ..."
    # "Biden met his Chinese counterpart", "Lind and the Ukrainian leader": the other one
    if (a or b) and _OTHER_ONE.search(said):
        return True
    if not (a or b) and together and not context:
        return True  # "The two leaders met in Woodside": who they are, told before
    if not context:
        return False  # "Meeting Rutte in Brussels, Blinken said ...": Rutte, but not Macron
    # the other one named just before ("Kim Jong Un arrived. The two met ...")
    told = f"{fold(sentence_before(strip_markers(text), context))} {said}"
    return named(first, told) and named(second, told)


# "What's the firm response Blinken promised ...?", "What measures made up the 'firm
# response' ...?": what a thing named in the question is
_ASKS_CONTENT = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:(?:what|which)(?:['’]s| (?:is|was|are|were)|(?: [a-z]+)? "
    r"(?:made up|make up|makes up|constitute[sd]?|comprised?|comprises|formed))|"
    r"(?:tell me|describe|give me|explain)(?: about)?) the (?P<thing>[^?]+)",
    re.IGNORECASE,
)
# "What firm response did the US take?", "... announce as the firm response to ...?": a
# thing of which the answer tells what it was
_DOING = r"did|does|do|has|have|had|will|would"
_ASKS_DONE_THING = re.compile(
    rf"^(?:(?:and|so|but|then) )?what (?P<thing>(?:(?!(?:{_AUX})\b)[\w’'-]+ ){{2,5}}?)"
    rf"(?:{_DOING})\b",
    re.IGNORECASE,
)
# "What will the firm response consist of?"
_CONSISTS = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|which)\b[^?]*?\bthe (?P<thing>[^?]+?) "
    r"(?:(?:will|would|might|could|should|does|did|do) )?(?:consists? of|involves?|entails?|"
    r"includes?|include|comprises?|look like|be made of)\b",
    re.IGNORECASE,
)
# "What form did Blinken say the firm response would take?"
_TAKES_FORM = re.compile(
    r"^(?:(?:and|so|but|then) )?what (?:form|forms|shape) (?:did|does|do|will|would|might|"
    r"could|should|is|was) (?:(?:[\w’'.-]+ ){1,6}?(?:say|said|tell|think|expect|suggest|"
    r"indicate|believe)s? (?:that )?|)the (?P<thing>[^?]+?) "
    r"(?:(?:will|would|might|could|should|is to|was to|is going to) )?take\b",
    re.IGNORECASE,
)
_AS_THE = re.compile(
    r"\b(?:what|which)\b[^?]*?\b(?:announce[ds]?|offer(?:ed|s)?|propose[ds]?|"
    r"take|took|taken|adopt(?:ed|s)?|impose[ds]?|pledge[ds]?|promise[ds]?|unveil(?:ed|s)?) "
    r"as the (?P<thing>[^?]+)",
    re.IGNORECASE,
)
_NAMING = frozenset({"called", "named", "dubbed", "termed", "labelled", "labeled", "under"})
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "as", "namely", ":"})
_ARTICLES = frozenset({"a", "an", "the", "this", "that", "its", "his", "her", "their"})


def tells_what_it_is(text: str, question: str, context: str = "") -> bool:
    """For "What is the <thing> X promised?", "What <thing> did X take?", "... announce as
    the <thing>?", "What will the <thing> consist of?" or "What form will the <thing>
    take?", false if the text ends on the thing as the question words it and only as the
    object of a verb ("... will get a firm response."), which names it without saying what
    it is; "Vilnius is the capital of Lithuania" says what the capital is. A thing the
    question quotes ("the 'firm response'") must be named, and so must one that `context`
    (the text's passage) quotes in another sentence. True for other questions."""
    plain = _QUOTED_WORD.sub("", question.strip())
    said = [w.lower() for w in re.findall(r"[\w’'-]+|:", _QUOTED_WORD.sub("", strip_markers(text)))]
    for done in (
        _ASKS_DONE_THING.search(plain),
        _AS_THE.search(plain),
        _CONSISTS.search(plain),
        _TAKES_FORM.search(plain),
    ):
        if done is None:
            continue
        thing = [w.lower() for w in _words(done["thing"])]
        if _ends_on(said, thing, 2):
            return False  # "What firm response did the US take?": "... will get a firm response."
        if _quoted_elsewhere(thing, said, context):
            return False  # the passage quotes the firm response in another sentence
    m = _ASKS_CONTENT.match(plain)
    if m is None:
        return True
    asked = [w.lower() for w in _words(m["thing"])]
    promised = _promised_thing(_words(m["thing"]))
    if not promised:
        return True  # "What was the first Lutheran hymnal?": "..., the first Lutheran hymnal."
    quoted = re.search(r"[\"“‘']\s*" + r"\W+".join(map(re.escape, promised)), question, re.I)
    if quoted and not set(tokenize(" ".join(promised))) <= set(tokenize(" ".join(said))):
        return False  # the "firm response" quoted: a text without it does not tell it
    if _quoted_elsewhere(promised, said, context):
        return False
    return not _ends_on(said, asked)


def _quoted_elsewhere(thing: list[str], said: list[str], context: str) -> bool:
    """True if `context` (the text's passage) quotes a thing of two words or more word for
    word (“... will get a firm response.”) and the text has none of its words: what the
    passage tells of it stands where it is quoted."""
    head = thing[:2]
    if len(head) < 2 or any(w in FUNCTION_WORDS for w in head) or set(head) & set(said):
        return False
    quoted = re.findall(r"[“\"]([^”\"]{1,400})[”\"]", context)
    return any(re.search(rf"\b{re.escape(' '.join(head))}\b", q.lower()) for q in quoted)


def _words(phrase: str) -> list[str]:
    """The words of a phrase, without quotation marks."""
    return re.findall(r"[\w’'-]+", re.sub(r"[“”\"]", " ", phrase))


def _ends_on(said: list[str], asked: list[str], least: int = 1) -> bool:
    """True if the words of a text end on the first words (at least `least`) of a thing
    asked about, after an article and not after "is" or "as" ("... will get a firm
    response."; not "Vilnius is the capital")."""
    for k in range(min(len(asked), 6), least - 1, -1):
        if said[-k:] != asked[:k] or asked[k - 1] in FUNCTION_WORDS:
            continue
        before = said[: len(said) - k]
        return bool(
            before[-2:]
            and before[-1] in _ARTICLES
            and not (set(before[-3:-1]) & _COPULAS)
            # the object of a verb ("will get a firm response"), not of "as part of the
            # military aid" or "in what it called a retaliatory step"
            and before[-2] not in _PREPOSITIONS | _NAMING
        )
    return False


_PROMISES = frozenset({
    "promised", "pledged", "proposed", "announced", "vowed", "threatened", "offered",
    "demanded", "outlined", "unveiled", "suggested", "floated", "laid", "sketched",
})  # fmt: skip


def _promised_thing(asked: list[str]) -> list[str]:
    """The words of a thing someone promised, proposed or announced, lower case, from the
    words after "What is the" ("firm response" of "firm response blinken promised over
    ...", "plan" of "plan Donald Trump laid out ..."), or []."""
    verb = next((i for i, w in enumerate(asked) if w.lower() in _PROMISES), None)
    if verb is None or verb < 2:
        return []
    named = 0  # a doer's name: "Donald Trump"
    while named < verb - 1 and asked[verb - 1 - named][:1].isupper():
        named += 1
    head = [w.lower() for w in asked[:verb]]
    for rel in ("that", "which"):
        if rel in head:
            at = head.index(rel)
            # "the sermon in which he warned": a place in it, not the thing promised
            return [] if at and head[at - 1] in _PREPOSITIONS else head[:at]
    doer = named or (2 if len(head) > 2 and head[-2] in _DETERMINERS | TITLE_WORDS else 1)
    if head[-1].isdigit():
        return []  # "... for Super Bowl 50 announced": no one who announced
    return head[:-doer]


# "Which country did Armenia's prime minister name as his nation's new security partner?":
# the role the answer was given
_ASKS_AS = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:which|who|whom)\b[^?]*?\b"
    r"(?:name[ds]?|naming|cho(?:o)?se[ns]?|chose|pick(?:ed|s)?|appoint(?:ed|s)?|"
    r"designate[ds]?|select(?:ed|s)?|elect(?:ed|s)?|nominate[ds]?|tap(?:ped|s)?) "
    r"(?:[\w’'.-]+ ){0,4}?as (?!what|which|who)(?:(?:his|her|its|their|the|a|an|"
    r"[\w’'-]+['’]s?) ){0,2}"
    rf"(?P<role>(?:(?!(?:{_PREPOSITION}|after|before|when|while|that|who|which|and)\b)"
    r"[\w-]+(?: |$)){1,4})"
)


# Words of choosing someone, in any form ("chose Tim Walz", "won the leadership contest")
_CHOOSING = re.compile(
    r"\b(?:nam(?:e|ed|es|ing)|cho(?:se|sen|ose|oses|osing)|pick\w*|tap(?:s|ped)|select\w*|"
    r"appoint\w*|nominat\w*|elect\w*|designat\w*|won|wins?|winner|identif\w*|succeed\w*|"
    r"replac\w*|hired?|install\w*|sworn|tipped|successor|will|becom\w*|became)\b",
    re.IGNORECASE,
)


def gives_the_role(text: str, question: str) -> bool:
    """For "Which <one> did X name (choose, appoint) as <role>?" ("... name as his nation's
    new security partner?"), true only if the text has a word of that role, in any form
    ("replace" for "replacement"), or tells a choice in any words ("chose", "won the
    contest"); a sentence about leaving an alliance names no partner. True for other
    questions."""
    asked = question.strip().rstrip("?.! ")
    m = _ASKS_AS.search(asked[:1].lower() + asked[1:])
    if m is None:
        return True
    wanted = set(tokenize(m["role"]))
    said = strip_markers(text)
    return not wanted or bool(wanted & set(tokenize(said))) or _CHOOSING.search(said) is not None


# "Who were Foreign Policy's sources ...?", "Which sources did Reuters cite?": whose sources
_NAME = r"(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*"
_ASKS_SOURCES_OF = re.compile(
    rf"^(?:(?:and|so|but|then) )?who (?:were|are) (?:the )?(?P<a>{_NAME})['’]s? (?:[\w-]+ )?"
    r"sources\b|"
    rf"^(?:(?:and|so|but|then) )?(?:which|what) (?:[\w-]+ )?(?:sources|officials|people|"
    rf"experts|insiders|diplomats) (?:(?:did|does|do|had|has|have) )?(?:the )?(?P<b>{_NAME}) "
    r"(?:cite|cited|quote|quoted|use|used|name|named|rel(?:y|ied))\b"
)


def cites_the_owner(text: str, question: str, context: str = "") -> bool:
    """For a question about whose sources ("Who were Foreign Policy's sources ...?"), true
    only if the text or the sentence before it (with `context`) names the one who cited
    them: Newsweek's words do not tell Foreign Policy's sources. True for other questions."""
    asked = question.strip()
    m = _ASKS_SOURCES_OF.match(asked[:1].lower() + asked[1:])
    if m is None:
        return True
    owner = [fold(w) for w in (m["a"] or m["b"]).split() if fold(w) not in NO_NAME]
    told = fold(strip_markers(text))
    if re.match(r"\W*(?:it|they|the (?:paper|newspaper|magazine|outlet|agency|report))\b", told):
        return True  # "It cited three officials": the paper, named before
    if context:
        told = f"{fold(sentence_before(strip_markers(text), context))} {told}"
    return not owner or any(re.search(rf"\b{re.escape(w)}\b", told) for w in owner)


# "What came out of the debate Lavrov proposed?", "What was the outcome of the summit?":
# the event whose outcome is asked
_EVENT = (
    r"(?P<event>meetings?|talks|summits?|conferences?|debates?|discussions?|sessions?|forums?|"
    r"gatherings?|negotiations|dialogue|consultations|votes?|referendum|proposals?|"
    r"initiatives?|offers?|plans?|requests?)"
)
_ASKS_OUTCOME_OF = re.compile(
    r"\b(?:(?:outcomes?|results?|upshot) of|(?:came|come) (?:out )?of) (?:(?:the|this|that|their|"
    rf"his|her|its|[\w'’-]+['’]s) )?(?P<named>(?:[\w'’-]+ ){{0,3}}?){_EVENT}\b|"
    r"^(?:(?:and|so|but|then) )?what did the (?:[\w'’-]+ ){0,4}?"
    rf"{_EVENT.replace('event', 'event2')} "
    r"(?:decide|agree|conclude|produce|yield|achieve|adopt|approve|resolve)\b|"
    # "When is the next Trump-Rutte meeting?": the next one, told as such an event
    rf"\bnext (?:[\w'’-]+ ){{0,3}}?{_EVENT.replace('event', 'event3')}\b|"
    # "What new target was agreed at the NATO summit in Vilnius?": a decision there (not
    # "What was agreed at the talks?", which an outcome in any words answers)
    r"^(?:(?:and|so|but|then) )?(?:what|which) (?P<thing>(?:[\w'’-]+ ){0,4}[\w'’-]+) "
    r"(?:was|were|is|are|has been|have been) (?P<agreed>agreed|adopted|decided|approved|"
    r"set|endorsed|reached|signed) (?:on |upon )?(?:at|during|by) (?:the |this |that |its |"
    r"their |[\w'’-]+['’]s )?(?:[\w'’-]+ ){0,3}?"
    rf"{_EVENT.replace('event', 'event4')}\b",
    re.IGNORECASE,
)
# Words that tell a decision made ("set a new target", "agreed", "adopted")
_DECIDED = (
    r"agree\w*|adopt\w*|decid\w*|decision|approv\w*|endors\w*|set|sets|setting|signed|"
    r"reached|commit\w*|pledg\w*|accord|deal|resolution|declaration|communiqu\w*"
)
# The words that tell of an event of each family
_MEETING_WORDS = (
    r"meetings?|met|meet|talks|summits?|conferences?|sessions?|forums?|gather\w*|negotiat\w*|"
    r"discuss\w*|consultations|dialogue|sat down"
)
# Words that tell what came of something
_OUTCOMES = (
    r"agree\w*|decid\w*|decision|backed|approv\w*|adopt\w*|reject\w*|vot\w*|pass\w*|"
    r"resolv\w*|conclu\w*|ended|result\w*|accept\w*|pledg\w*|signed|deal|accord|"
    r"commit\w*|won|lost|failed|set up|launch\w*|declar\w*|endors\w*|will|would|veto\w*|"
    r"block\w*"
)
# An event told only as what came after the sentence's deed: "remarks prior to meetings"
_BEFORE_EVENT = re.compile(
    r"\b(?:prior to|before|ahead of|in the run-up to|in advance of|on the eve of) (?:(?:the|his|"
    r"her|their|its|a|an) )?(?:[\w'’-]+ ){0,2}?(?:meetings?|talks|summits?|conferences?|"
    r"sessions?|forums?|negotiations|debates?|discussions?|votes?)\b",
    re.IGNORECASE,
)
# What came of a proposal: taken up or turned down, in any words
_TAKEN_UP = (
    r"accept\w*|reject\w*|adopt\w*|approv\w*|endors\w*|support\w*|backed|welcom\w*|"
    r"dismiss\w*|declin\w*|taken up|took up|turned down|launch\w*|began|begun|start\w*|held"
)
_EVENT_FAMILIES = {
    "proposal": _TAKEN_UP,
    "initiative": _TAKEN_UP,
    "offer": _TAKEN_UP,
    "plan": _TAKEN_UP,
    "request": _TAKEN_UP,
    "debate": r"debat\w*|discuss\w*|dialogue",
    "discussion": r"debat\w*|discuss\w*|dialogue|talks",
    "dialogue": r"debat\w*|discuss\w*|dialogue|talks",
    "vote": r"vot\w*|ballot|referendum|elect\w*",
    "referendum": r"vot\w*|ballot|referendum",
}


def tells_of_the_event(text: str, question: str, context: str = "") -> bool:
    """For the outcome of an event ("What came out of the debate Lavrov proposed?") or the
    next one ("When is the next Trump-Rutte meeting?"), true only if the text tells of an
    event of that kind (a debate or a discussion; for a summit any meeting; for a proposal
    its taking up or turning down): Lavrov blaming NATO is no outcome of a debate, "the
    next four to five months" no meeting, remarks "prior to meetings" no outcome of them.
    For "What new target was agreed at the summit?", a decision or the thing itself told.
    With `context` (its passage), an event asked by its name ("the Vilnius summit") must be
    named in the text or just before it, or the text must name a meeting ("the summit").
    True for other questions."""
    m = _ASKS_OUTCOME_OF.search(question.strip())
    if m is None:
        return True
    told = strip_markers(text)
    if m["agreed"]:
        # a decision told in its own words, or the thing decided ("the new target is 3%"),
        # not "will reach 1.3 trillion" (a forecast)
        head = m["thing"].split()[-1].lower()
        return re.search(rf"\b(?:{_DECIDED}|{re.escape(head)})\b", told, re.IGNORECASE) is not None
    names = [
        low
        for w in (m["named"] or "").split()
        if w[:1].isupper() and (low := fold(w)) not in NO_NAME and low not in TITLE_WORDS
    ]
    event = (m["event"] or m["event2"] or m["event3"]).lower()
    if (
        names
        and context
        and not re.search(rf"\b{re.escape(event)}|\b(?:{_MEETING_WORDS})\b", told, re.IGNORECASE)
    ):
        # "the Vilnius summit": a forecast in its passage that names neither Vilnius (nor
        # does the sentence before) nor a summit
        at = context.find(told[:60])
        before = context[max(0, at - 300) : at] if at > 0 else ""  # a sentence or two
        if not any(named_in(n, fold(f"{before} {told}")) for n in names):
            return False
    if event not in ("talks", "negotiations", "consultations"):
        event = re.sub(r"s$", "", event)
    words = _EVENT_FAMILIES.get(event, _MEETING_WORDS)
    if m["event3"] is None:
        words += f"|{_OUTCOMES}"  # an outcome told in any words: "Biden and Xi agreed ..."
        # "... in remarks prior to meetings with Macron": a meeting still to come then
        told = _BEFORE_EVENT.sub(" ", told)
    return re.search(rf"\b(?:{words})\b", told, re.IGNORECASE) is not None


# "What did Putin tell the Defense Ministry leadership?": whom they told, by name
_ASKS_TOLD = re.compile(
    r"^(?:(?:and|so|but|then) )?what (?:did|does|do|has|have|had|will|would) "
    r"(?:[\w’'.-]+ ){1,5}?tell (?:the )?(?P<to>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)"
)


# "... the official who talked to Reuters ...": someone described by whom they told
_TOLD_BY_WHOM = re.compile(
    r"\bwho (?:has |had )?(?:told|talked to|spoke to|spoke with|briefed|gave an interview to) "
    r"(?:the )?(?P<to>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)"
)
_TOLD_THING = re.compile(
    r"\b(?:the|this|that|her|his|their) (?:remarks?|comments?|statements?|words|claims?|warning|"
    r"assessment|prediction|quote)\b"
)
# The words that tell ministries apart, title words though they are
_BRANCHES = frozenset({
    "defense", "defence", "foreign", "treasury", "interior", "home", "health", "finance",
    "justice", "economy", "trade", "energy",
})  # fmt: skip


def tells_the_hearer(text: str, question: str, context: str = "") -> bool:
    """For "What did X tell the Defense Ministry leadership?", true only if the text, or the
    sentence before it (with `context`), names the branch that tells the hearer apart: a
    conference with the Foreign Ministry's is no word to the Defense Ministry. Other hearers
    may be told in other words ("the president-elect" for Trump). True for other
    questions."""
    asked = question.strip()
    m = _ASKS_TOLD.match(asked[:1].lower() + asked[1:])
    described = _TOLD_BY_WHOM.search(asked)
    if m is None and described is None:
        return True
    told = fold(strip_markers(text))
    if context:
        told = f"{fold(sentence_before(strip_markers(text), context))} {told}"
    if described is not None:
        # "Who was the senior Ukrainian official who talked to Reuters?": Reuters told
        hearer = [
            low
            for w in described["to"].split()
            if (low := fold(w)) not in NO_NAME and low not in TITLE_WORDS
        ]
        if (
            hearer
            and not any(re.search(rf"\b{re.escape(h)}\b", told) for h in hearer)
            and not _TOLD_THING.search(told)  # "The remark came from Ana Lind, ..."
        ):
            return False
    if m is None:
        return True
    branches = {low for w in m["to"].split() if (low := fold(w)) in _BRANCHES}
    return all(re.search(rf"\b{b}\b", told) for b in branches)


# "What did Dickinson recommend that Europe do?", "What did the report advise ...?": advice
_ASKS_ADVICE = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|which \w+|how) (?:did|does|do|has|have|had|will|would) "
    r"[^?]*?\b(?:recommend|advise|urge)\b",
    re.IGNORECASE,
)
# The words that give advice: "urged", "should", "called for", "it is time to"
_ADVISES = re.compile(
    r"\b(?:recommend\w*|advi[sc]\w*|urg\w+|suggest\w*|propos\w*|call(?:ed|s|ing)? (?:on|for|"
    r"upon)|should|must|ought|need(?:s|ed)? to|encourag\w*|appeal\w*|"
    r"press\w*|push\w*|insist\w*|demand\w*|warn\w*|time (?:has come|had come|to)|"
    r"better|best|let|taught \w+ to|told \w+ to|asked \w+ to)\b",
    re.IGNORECASE,
)


def gives_advice(text: str, question: str) -> bool:
    """For "What did X recommend (that Y do)?", true only if the text gives advice in some
    words ("urged", "should", "called for"): "Dickinson observed that Europeans pondered
    ..." tells what he saw, not what he advised. True for other questions."""
    if _ASKS_ADVICE.match(question.strip()) is None:
        return True
    return _ADVISES.search(strip_markers(text)) is not None


# "Which ASEAN official responded to Lavrov's claim ...?": whoever responded
_ASKS_RESPONDER = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:who|which (?:[\w'’-]+ ){0,2}?[\w'’-]+) (?:first |publicly |"
    r"later |then |quickly |also )?(?:responded|reacted|replied|hit back|retorted) (?:to|when|"
    r"after)\b",
    re.IGNORECASE,
)
_RETORTS = re.compile(
    r"\b(?:repl(?:y|ied|ies|ying)|rebu\w+|retort\w*|fired back|shot back|called (?:it|them|the))\b"
)


# The words of a response to words (not "threatens", "sent", "ordered": deeds)
_RESPONDS = re.compile(
    r"\b(?:respon\w+|react\w*|answer\w*|counter\w*|hit back|in turn|reject\w*|dismiss\w*|"
    r"denounc\w*|condemn\w*|criticis\w*|criticiz\w*|slam\w*|deni\w*|refut\w*|welcom\w+|"
    r"prais\w*|accept\w*|protest\w*|ridicul\w*|mock\w*)\b"
)


def tells_a_response(text: str, question: str) -> bool:
    """For "Who responded to X's claim?", true only if the text tells a response in some
    words ("dismissed", "in response", "hit back"): Lavrov's own claim, "Lavrov noted",
    answers no one's response to it, nor Rutte's remarks (that a tie "threatens" Europe)
    anyone's response to them. True for other questions."""
    if _ASKS_RESPONDER.match(question.strip()) is None:
        return True
    said = fold(strip_markers(text))
    return _RESPONDS.search(said) is not None or _RETORTS.search(said) is not None


# "At which political party's meeting did Putin speak?": a party asked for
_ASKS_PARTY = re.compile(r"\b(?:which|what) (?:political )?part(?:y|ies)\b", re.IGNORECASE)
# A party named: by the word, by a family of parties, or by initials ("the CDU")
_PARTY = re.compile(
    r"\bpart(?:y|ies)\b|\b(?:democrat|republican|labou?r|tor(?:y|ies)|conservative|liberal|green|"
    r"whig|federalist|communist|socialist|nazi|bolshevik|gop|caucus|coalition|congress|front|"
    r"league|movement|union|bloc|alliance|rally|platform)s?\b",
    re.IGNORECASE,
)


def names_a_party(text: str, question: str) -> bool:
    """For "Which party ...?", true only if the text names a party: by the word, a family
    ("the Democrats", "Labour") or initials ("the CDU"). "A conference with the Foreign
    Ministry leadership" names none. True for other questions."""
    if _ASKS_PARTY.search(question) is None:
        return True
    clean = strip_markers(text)
    return _PARTY.search(clean) is not None or re.search(r"\b[A-Z]{2,5}\b", clean) is not None


# "Who heads the Transatlantic Security Initiative?", "Who's the director of X?": the one at
# its head, whom "deputy director of the Transatlantic Security Initiative" is not
_ASKS_HEAD = re.compile(
    r"^(?:(?:and|so|but|then) )?who(?:['’]s| is| was)? (?:(?:heads|headed|leads|led|runs|ran|"
    r"directs|directed|chairs|chaired)|(?:is |was |['’]s )?the (?:head|director|chief|leader|"
    r"chair|chairman|chairwoman|chairperson|president) (?:of|at)) (?:the )?(?P<body>[^?]+)",
    re.IGNORECASE,
)
_UNDER = r"(?:deputy|vice|assistant|associate|former|acting|interim|co)[ -]"
_CLAUSE_AFTER = re.compile(r"\s(?:that|which|who|whom|where|when|as|in|on|at|during|after)\s")


def names_the_head(text: str, question: str) -> bool:
    """For "Who heads X?" or "Who is the director of X?", false if every office the text
    gives at X is one under or beside its head ("deputy director of the Transatlantic
    Security Initiative"). True for other questions, and for a text that does not name X's
    offices at all (the other checks hold it to X)."""
    m = _ASKS_HEAD.search(question.strip())
    if m is None:
        return True
    body = _CLAUSE_AFTER.split(m["body"])[0]  # "X that Dickinson serves ...": X
    words = [w for w in re.findall(r"[A-Z][\w'’-]+", body) if w.lower() != "the"]
    if not words:
        return True
    key = re.escape(words[-1])  # "Initiative" of "the Atlantic Council's Transatlantic ..."
    clean = strip_markers(text)
    offices = list(
        re.finditer(
            rf"\b(?P<under>{_UNDER})?(?:head|director|chief|leader|chair\w*|president)\b"
            rf"(?: (?:of|at) (?:the )?(?:[\w'’.-]+ ){{0,4}}?{key}\b)",
            clean,
            re.IGNORECASE,
        )
    )
    return not offices or any(o["under"] is None for o in offices)


# "What specific firm response did Blinken announce?", "What exactly was the firm response
# ...?", "What concrete form will the firm response take?": the thing itself, told in more
# words than the question's own
_SPECIFIC_NP = (
    r"(?:[a-z-]+ ){0,2}?[a-z-]+(?= (?:to|against|for|on|in|at|that|which|[a-z]+ed|take|have|"
    r"did|does|do|will|would|has|have|had|is|was|are|were|make|makes|made|constitute|"
    r"constitutes|comprise|comprises|include|includes)\b| [A-Z]|\?)"
)
_ASKS_SPECIFIC = re.compile(
    rf"\b[Ww]hat (?:concrete |specific |exact )?form (?:will|would|did|does) the "
    rf"(?P<np3>{_SPECIFIC_NP})|"
    rf"\b[Ww]hat (?:specific|concrete|exact|precise|particular) (?P<np>{_SPECIFIC_NP})|"
    rf"\b[Ww]hat exactly (?:is|was|are|were|will be) the (?P<np2>{_SPECIFIC_NP})"
)
# what tells the thing: "a firm response: sanctions on ...", "response, including ...",
# "in the form of ..."
_TOLD_WHAT = re.compile(
    r"^\s*(?::|,? (?:including|such as|like|namely|in the form of|with|through|by|of|that "
    r"(?:will|would|includes?))\b|\s[-–—])"
)


# A quotation mark, not an apostrophe ("Blinken's" keeps its own)
_QUOTE_MARK = re.compile(r"(?<![\w])['‘’“”\"]|['‘’“”\"](?![\w])")
_KIND_HEADS = frozenset(
    (  # noqa: SIM905
        "type types kind kinds sort sorts form forms way ways reason reasons date day year time "
        "number amount part role name place country city"
    ).split()
)


def tells_the_specific(text: str, question: str) -> bool:
    """For "What specific firm response did Blinken announce?", false if the text names the
    firm response only as such ("demands and will get a firm response."), with nothing that
    tells what it is, or one that does not speak of the thing at all (no word sharing the
    head's stem: "respond", "responded" for "response"). True for other questions."""
    # "What exactly was the 'firm response' ...?": the thing as if unquoted
    m = _ASKS_SPECIFIC.search(_QUOTE_MARK.sub("", question))
    if m is None:
        return True
    np = fold(m["np"] or m["np2"] or m["np3"])
    if (head_word := np.split()[-1]) in FUNCTION_WORDS or head_word in _KIND_HEADS:
        return True  # "What specific type of ctenophore ...?" asks for a kind, not a thing told
    said = fold(strip_markers(text))
    found = list(re.finditer(rf"\b{re.escape(np)}\b", said))
    if not found:  # told in other words, which share the thing's own ("respond" for it)
        head = set(tokenize(head_word))
        return bool(head & set(tokenize(said)))
    return any(_TOLD_WHAT.match(said[f.end() :]) for f in found)


# "What did the Kazakh host's foreign minister say at the meeting?": words asked for
_ASKS_WORDS = re.compile(
    r"^(?:(?:and|so|but|then) )?what (?:did|does|do|has|have|had|will|would) (?!you\b)"
    # "say" at the end or before where, when or of what; not "What do sources say he died
    # from?", which asks what the words tell
    r"(?:[\w'’.-]+ ){1,6}?(?:tell\b|say(?=\s*(?:[?,]|$|(?:about|at|in|on|of|during|after|"
    r"before|when|while|regarding|concerning|following|upon|with|to|last|this|that day)\b)))",
    re.IGNORECASE,
)
# Words told in other ways than a verb of speech or a quotation
_TELLS_WORDS = re.compile(
    r"\b(?:remarks?|statements?|comments?|words|speech|speaking|spoke|spoken|interview|message|"
    r"believ\w*|think\w*|thought|argu\w*|observ\w*|express\w*|highlight\w*|point\w* out|"
    r"mention\w*|cit(?:ed|es|ing)|report\w*|consider\w*|describ\w*|view\w*|sees?|saw|"
    r"maintain\w*|conclu\w*|announc\w*|insist\w*|letter|address\w*|briefing|"
    r"press conference|answer\w*|thank\w*|apologi[sz]\w*|congratulat\w*|hail\w*|"
    r"lament\w*|boast\w*|jok\w*|admit\w*|recall\w*|appeal\w*|pledg\w*|vow\w*|"
    r"reassur\w*|assur\w*|caution\w*|outlin\w*|acknowledg\w*|conced\w*|reject\w*|"
    r"denounc\w*|condemn\w*|welcom\w*|prais\w*|criticis\w*|criticiz\w*|complain\w*|"
    r"voic\w*|signal\w*|hint\w*|indicat\w*|deni\w*|confirm\w*|disclos\w*|reveal\w*)\b",
    re.IGNORECASE,
)


def tells_speech(text: str, question: str) -> bool:
    """For "What did X say ...?", true only if the text tells of words in some form (a verb
    of speech, a quotation, "in remarks", "believes"): "The Almaty meeting included foreign
    ministers of ..." says who came, not what anyone said. True for other questions."""
    if _ASKS_WORDS.match(question.strip()) is None:
        return True
    clean = strip_markers(text)
    return SPEAKS.search(clean) is not None or _TELLS_WORDS.search(clean) is not None


# "Which members of the incoming US administration joined the talks?": who took part
_ASKS_JOINED = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:who|which (?:[\w'’.-]+ ){0,8}?[\w'’.-]+) (?:also )?"
    r"(?:joined|attended|accompanied|took part in|participated in|sat in on|were present at|"
    r"was present at)\b",
    re.IGNORECASE,
)
_JOINING = re.compile(
    r"\b(?:join\w*|attend\w*|accompan\w*|took part|taking part|take part|participa\w*|"
    r"present|along with|alongside|joined by|delegations?|included|including|among|were there|"
    r"was there|also met|also there|sat in|guests?|featur\w*|appear\w*|together with)\b",
    re.IGNORECASE,
)


def tells_joining(text: str, question: str) -> bool:
    """For "Who joined (attended, accompanied) the talks?", true only if the text tells of
    taking part in some words ("attended", "alongside", "the delegation included"): "Rutte
    met Trump in Palm Beach" names the two who met, not anyone who joined them. True for
    other questions."""
    if _ASKS_JOINED.match(question.strip()) is None:
        return True
    return _JOINING.search(strip_markers(text)) is not None


# "What sanctions did Blinken announce?", "List the sanctions ...": sanctions asked for
_ASKS_SANCTIONS = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:what|which|list|name|give me|tell me(?: about)?)(?: the)? "
    r"(?:(?:new|economic|fresh|further|financial|additional|us|u\.s\.|eu) )*sanctions\b",
    re.IGNORECASE,
)
_SANCTIONS = re.compile(
    r"\b(?:sanction\w*|embargo\w*|bann?\w*|freez\w*|froze\w*|blacklist\w*|restrict\w*|"
    r"penalt\w*|tariffs?|export controls?|asset\w*)\b",
    re.IGNORECASE,
)


def names_the_sanctions(text: str, question: str) -> bool:
    """For "What sanctions did X announce?", true only if the text tells of sanctions in
    some words ("sanctioned", "an embargo", "froze assets"): "... demands and will get a
    firm response" names none. True for other questions."""
    if _ASKS_SANCTIONS.match(question.strip()) is None:
        return True
    return _SANCTIONS.search(strip_markers(text)) is not None
