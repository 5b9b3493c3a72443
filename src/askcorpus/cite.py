"""Citations: parse [n] markers, check each against its passage, drop what points at nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from askcorpus.bm25 import tokenize
from askcorpus.words import FUNCTION_WORDS, MONTHS, NUMBER, SENT_START, WORD, fold

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\((\S+?)\)")
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
# A tag: "<" right before a name ("a < b and c > d" is prose); one way to match any text
_TAG = re.compile(r"</?[A-Za-z_|][\w|:-]*(?:[\s/][^<>]{0,300})?>")
_OPEN_TAG = re.compile(r"</?(?:[A-Za-z_|][^<>]{0,300})?$")


def markers(text: str) -> list[int]:
    """Citation numbers in order of first appearance: [2], [1, 3] and [1][2] forms."""
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        for part in m.group(1).split(","):
            n = int(part)
            if n not in seen:
                seen.append(n)
    return seen


def renumbered(text: str, cited: list[int]) -> tuple[str, list[int]]:
    """The answer with its citations numbered 1, 2, ... in the order they first appear (the
    evidence numbers the prompt used are no concern of the reader), and the old numbers in
    that order: the new number of `order[i]` is i + 1. Numbers not cited are left as they are."""
    order: list[int] = []
    for n in markers(text) + cited:
        if n in cited and n not in order:
            order.append(n)
    new = {old: i + 1 for i, old in enumerate(order)}

    def sub(m: re.Match[str]) -> str:
        nums = [int(part) for part in m.group(1).split(",")]  # as `markers` reads them
        return "[" + ", ".join(str(new.get(n, n)) for n in nums) + "]"

    return _MARKER.sub(sub, text), order


def strip_markers(text: str) -> str:
    """The text without citation markers."""
    return " ".join(_MARKER.sub(" ", text).split()).replace(" .", ".").replace(" ,", ",")


def key_content(text: str) -> set[str]:
    """Names, numbers and dates of a claim, folded: what its evidence must contain."""
    clean = strip_markers(text)
    keys = {n.replace(",", "") for n in NUMBER.findall(clean)}
    sentence_initial = {m.group(1) for m in SENT_START.finditer(clean)}
    for word in WORD.findall(clean):
        low = fold(word)
        if low in FUNCTION_WORDS:
            continue
        if (word[0].isupper() and (word not in sentence_initial or len(word) > 3)) or low in MONTHS:
            keys.add(low)
    return keys


def key_present(key: str, haystack: str) -> bool:
    if key.isdigit() or NUMBER.fullmatch(key):
        return (
            re.search(rf"(?<![\d.,]){re.escape(key)}(?![\d])", haystack.replace(",", ""))
            is not None
        )
    return re.search(rf"\b{re.escape(key)}", haystack) is not None


def unsupported(claim: str, evidence: str, given: str = "") -> set[str]:
    """Key content of the claim found neither in the evidence nor in the question (`given`)."""
    hay = fold(evidence)
    known = fold(given)
    return {k for k in key_content(claim) if not key_present(k, hay) and not key_present(k, known)}


def adds_key_content(answer: str, question: str) -> bool:
    """True if the answer names something (name, number, date) the question did not."""
    asked = fold(question)
    return any(not key_present(k, asked) for k in key_content(answer))


def supports(claim: str, evidence: str, given: str = "", min_overlap: float = 0.5) -> bool:
    """True if the claim's names, numbers and dates all appear in the evidence (or question)
    and most of the words it adds beyond the question come from the evidence."""
    if unsupported(claim, evidence, given):
        return False
    new = set(tokenize(strip_markers(claim))) - set(tokenize(given))
    if not new:
        return False  # restating the question answers nothing
    found = new & set(tokenize(evidence))
    return len(found) / len(new) >= min_overlap


def drop_markup(text: str) -> str:
    """Remove HTML-like tags a model may write (`<sep>`, `<b>`, `<img ...>`), with the
    contents of script and style blocks; an answer is plain text."""
    return _TAG.sub(" ", _SCRIPT.sub(" ", text))


# Where streamed text may still turn into a link, an image, a URL or a tag
_OPEN_LINK = re.compile(r"!?\[[^\]\n]*(?:\](?:\([^)\s]*)?)?$|!$")
_OPEN_SCRIPT = re.compile(r"<\s*(script|style)\b(?!.*<\s*/\s*\1)", re.IGNORECASE | re.DOTALL)
_LAST_WORD = re.compile(r"\S*$")


def _held_from(raw: str) -> int:
    """Where the text that must wait for more of the reply begins (len(raw): none)."""
    cut = len(raw)
    lt = raw.rfind("<")
    if lt > raw.rfind(">") and _OPEN_TAG.match(raw, lt):
        cut = lt
    if m := _OPEN_SCRIPT.search(raw):
        cut = min(cut, m.start())
    if m := _OPEN_LINK.search(raw):
        cut = min(cut, m.start())
    word = _LAST_WORD.search(raw)
    if word and word.group(0):
        w = word.group(0).lower()
        tail = re.split(r"[^a-z:/]", w)[-1]  # "(ref:htt" may still become a URL
        url_start = tail and any(p.startswith(tail) for p in ("http://", "https://"))
        if "http" in w or "://" in w or url_start:
            cut = min(cut, word.start())
    for link in _LINK.finditer(raw):  # never cut inside a link: it is kept or dropped whole
        if link.start() < cut < link.end():
            cut = link.start()
    return cut


class StreamGuard:
    """Passes a streamed reply on as it comes, without what the final check drops from it
    (links and URLs not in the passages, tags): text that may still become one is held
    until it is complete."""

    def __init__(self, sink: Callable[[str], None], allowed_sources: str) -> None:
        self.sink = sink
        self.allowed = allowed_sources
        self.raw = ""
        self.sent = ""

    def feed(self, piece: str) -> None:
        """Take the next piece of the reply. A piece held back is passed on as "" (so a sink
        that counts pieces still counts the model's tokens)."""
        self.raw += piece
        if not self._emit(self.raw[: _held_from(self.raw)]):
            self.sink("")

    def flush(self) -> None:
        """The reply ended: pass on what was held, cleaned."""
        self._emit(self.raw)

    def _emit(self, raw: str) -> bool:
        clean = drop_foreign_links(drop_markup(raw), self.allowed)
        if len(clean) > len(self.sent) and clean.startswith(self.sent):
            self.sink(clean[len(self.sent) :])
            self.sent = clean
            return True
        return False


def drop_foreign_links(text: str, allowed_sources: str) -> str:
    """Remove markdown links, images and URLs that do not occur in the cited passages."""

    def link(m: re.Match[str]) -> str:
        if m.group(2) in allowed_sources and not m.group(0).startswith("!"):
            return m.group(0)
        return m.group(1) if not m.group(0).startswith("!") else ""

    text = _LINK.sub(link, text)
    return _URL.sub(lambda m: m.group(0) if m.group(0) in allowed_sources else "", text)


@dataclass
class CheckedAnswer:
    """An answer after citation checks."""

    text: str
    cited: list[int]
    dropped: list[int]
    grounded: bool


_CLAUSE = re.compile(r",\s|;\s|\s[-–—]\s|\s\(|\s(?:which|who|where|while|and|but|because)\s")


def clause_prefixes(text: str) -> list[str]:
    """The text, then its prefixes cut at clause boundaries, longest first."""
    cuts = sorted({m.start() for m in _CLAUSE.finditer(text)}, reverse=True)
    return [text] + [text[:c].rstrip() for c in cuts if c > 0]


def _cite(
    body: str,
    markers_given: list[int],
    evidence: dict[int, str],
    given: str,
) -> list[int]:
    """Markers (among those given, else any) whose evidence supports the body."""
    valid = [n for n in markers_given if n in evidence]
    kept = [n for n in valid if supports(body, evidence[n], given)]
    if kept:
        return kept
    # One passage may not hold everything: accept the union of the cited ones.
    if valid and supports(body, " ".join(evidence[n] for n in valid), given):
        return valid
    return [n for n in sorted(evidence) if supports(body, evidence[n], given)][:1]


def check(answer: str, evidence: dict[int, str], question: str) -> CheckedAnswer:
    """Keep markers that point at evidence supporting the answer; add the best one if none.

    A marker to an unknown number is dropped. A marker whose passage lacks the answer's key
    content is dropped. If no marker survives but some evidence supports the answer, that
    evidence is cited. An answer that is supported only up to a clause boundary ("Almaty,
    which is the capital ...") is cut there. `grounded` is False when nothing supports it.
    """
    given = question
    marks = markers(answer)
    full = drop_foreign_links(strip_markers(drop_markup(answer)), " ".join(evidence.values()))
    body, kept = full, []
    for candidate in clause_prefixes(full):
        kept = _cite(candidate, marks, evidence, given)
        if kept:
            body = candidate
            break
    dropped = [n for n in marks if n not in kept]
    allowed = " ".join(evidence[n] for n in kept)
    body = " ".join(drop_foreign_links(body, allowed).split())
    grounded = bool(kept) and bool(body)
    if grounded:
        end = body[-1] if body[-1] in ".!?" else "."
        text = body.rstrip(".!?,;: ") + " " + "".join(f"[{n}]" for n in kept) + end
    else:
        text = full
    return CheckedAnswer(text=text, cited=kept, dropped=dropped, grounded=grounded)
