"""Load documents from a corpus folder: .txt, .md, .html/.htm and .jsonl."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from askcorpus.errors import CorpusError
from askcorpus.prompt import defang

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
# Part of every raw key: bump it whenever cleaning, title or date rules change, so documents
# cleaned by older rules are cleaned again instead of being reused from the index.
LOADER_VERSION = "1"

# Zero-width and bidi controls, soft hyphen, word joiners, BOM, variation selectors, tag block.
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufe00-\ufe0f\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)

# Lines that are web furniture rather than article text. A line is dropped only when it is short
# and consists of one of these prompts, so an article sentence that merely mentions "share" stays.
_BOILERPLATE = re.compile(
    r"^\W*(?:"
    r"leave a (?:reply|comment)|post a comment|\d*\s*comments?|add a comment|"
    r"your email address will not be published.*|required fields are marked.*|"
    r"(?:share|tweet|email|print|pin)(?: (?:this|on|via)\b.*)?|"
    r"(?:follow|like|subscribe to) us(?: on .*)?|subscribe(?: (?:now|to .*))?|"
    r"sign up for .*newsletter.*|click here.*|read more.*|advertisement|"
    r"see also|related(?: articles| stories| posts| news)?|further reading|more from .*|"
    r"spread the love|"
    r"photo: .*|image: .*|sources?: .*|copyright .*|all rights reserved.*|©.*"
    r")\W*$",
    re.IGNORECASE,
)
# After a "See also" / "Related" header, headline-like lines (no sentence end) are link lists.
_LINK_HEADER = re.compile(
    r"^\W*(?:see also|further reading|related(?: articles| stories| posts| news)?)\W*$", re.I
)
# "See also <headline>" on one line: an inline link to another article.
_INLINE_LINK = re.compile(r"^\W*(?:see also|read also|also read)\W*\s+\S", re.I)
_DATE_MARKER = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?P<month>(?:{_MONTHS})|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
# "June 21, 2024" / "Jun. 21 2024" and "21 June 2024" / "21st June, 2024".
_MONTH2 = _MONTH.replace("month", "month2")
_TEXT_DATE = re.compile(
    rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH2},? (?P<year2>\d{{4}})\b"
)
# Footnote marks ("... in 2023.[4]", "[citation needed]"): read as citations of our own
# they would point an answer at the wrong passage, so they are dropped.
# Not a Markdown link ("[1](url)") or link definition ("[1]: url").
_FOOTNOTE = re.compile(
    r"[ \t]?\[(?:\d{1,3}|citation needed|note \d{1,3})\](?![(:=])", re.IGNORECASE
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MAX_BOILERPLATE_WORDS = 14
_MAX_TITLE_CHARS = 160


@dataclass
class Document:
    """One document: `text` is what gets chunked and what citation offsets point into."""

    doc_id: str
    title: str
    text: str
    source: str
    date: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # Hash of the raw input this document was cleaned from (see `input_key`): lets a re-index
    # reuse the cleaned document instead of cleaning the same input again.
    raw_key: str = field(default="", compare=False)

    def summary(self) -> dict[str, Any]:
        """What the document is, without its text: id, title, date, url, source, length."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "source": self.source,
            "chars": len(self.text),
        }

    @property
    def content_hash(self) -> str:
        """Hash of everything that affects the index for this document."""
        h = hashlib.sha256()
        for part in (self.title, self.date or "", self.url or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class LoadReport:
    """Documents loaded plus one warning line per file skipped."""

    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reused: int = 0  # documents taken already cleaned from `known` instead of cleaned again


# Cleaned documents by raw key, from the previous index; a hit skips cleaning (and parsing).
Known = Mapping[str, Document]


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text. Only newlines end a record: JSON strings may hold U+2028,
    U+2029 or U+0085 raw, which `str.splitlines` would wrongly split on."""
    return [line.removesuffix("\r") for line in text.split("\n")]


@lru_cache(maxsize=1)
def _loader_fingerprint() -> str:
    """LOADER_VERSION plus a hash of this module's code: any change to the cleaning rules
    cleans every document again, even if nobody remembered to bump the version."""
    from askcorpus import prompt  # its `defang` cleans documents too

    code = Path(__file__).read_bytes() + Path(prompt.__file__).read_bytes()
    return LOADER_VERSION + hashlib.sha1(code).hexdigest()[:12]


@lru_cache(maxsize=1)
def _html_parser_version() -> str:
    import bs4

    return str(getattr(bs4, "__version__", "?"))


def input_key(*parts: str) -> str:
    """Hash identifying a document's raw input (kind, ids, raw text) and the loader code."""
    h = hashlib.sha1(_loader_fingerprint().encode())
    for part in parts:
        h.update(b"\x00")
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _reuse(known: Known | None, key: str) -> Document | None:
    doc = known.get(key) if known else None
    return replace(doc) if doc is not None else None


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, bidi controls, tag characters and variation selectors."""
    return _INVISIBLE.sub("", text)


# Lines of a news page that are no part of its story but that a reader may ask about: a
# photo credit ("photo"), the sources line ("sources") and links to other stories
# ("related"). The loader drops them from the text and keeps them beside it
# (`Document.meta`, one line per part).
_SOURCES_LINE = re.compile(r"^\W*sources?:", re.I)


def _keep_part(parts: dict[str, list[str]] | None, name: str, line: str) -> None:
    if parts is not None and line.strip():
        parts.setdefault(name, []).append(" ".join(line.split()))


def _keep_boilerplate(parts: dict[str, list[str]] | None, line: str) -> None:
    """Keep a dropped boilerplate line if it is a photo credit (`_CREDIT`) or a sources
    line."""
    if _CREDIT.match(line):
        _keep_part(parts, "photo", line)
    elif _SOURCES_LINE.match(line):
        _keep_part(parts, "sources", line)


def clean_text(text: str, parts: dict[str, list[str]] | None = None) -> str:
    """Normalise newlines, strip invisible characters and drop boilerplate lines; the page
    parts among them (photo, sources, related) go into `parts` if given."""
    text = strip_invisible(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    kept: list[str] = []
    in_links = False
    for line in text.split("\n"):
        stripped = line.strip()
        words = len(stripped.split())
        if _LINK_HEADER.match(stripped):
            in_links = True
            continue
        if in_links:
            if not stripped:
                continue
            if words <= _MAX_BOILERPLATE_WORDS * 2 and not stripped.endswith((".", "!", "?", '"')):
                if not _BOILERPLATE.match(stripped):  # "Follow us on Socials:" links nothing
                    _keep_part(parts, "related", stripped)
                continue
            in_links = False
        if stripped and words <= _MAX_BOILERPLATE_WORDS and _BOILERPLATE.match(stripped):
            _keep_boilerplate(parts, stripped)
            continue
        if (
            (link := _INLINE_LINK.match(stripped))
            and words <= _MAX_BOILERPLATE_WORDS * 2
            and not stripped.endswith((".", "!", "?", '"'))
        ):
            _keep_part(parts, "related", stripped[link.end() - 1 :])
            continue
        kept.append(line.rstrip())
    # Chat control tokens and passage delimiters are no text (and must not reach a prompt).
    out = _FOOTNOTE.sub("", defang("\n".join(kept)))
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def _split_sentence_tail(line: str) -> list[str]:
    """Split a line on sentence ends (rough; used for boilerplate tails only)."""
    return re.split(r"(?<=[.!?])\s+", line)


# A photo credit ends a caption: "Russian Foreign Minister Sergey Lavrov, June 21, 2024.
# Photo: X/ @mib_63". The caption says who is pictured, not what happened, so it goes too:
# a line of one short sentence and a short credit after it ("Photos by residents showed
# the flood." is news, not a credit).
_CREDIT = re.compile(r"^\W*(?:photo|image)(?::| by\b| credit\b)", re.IGNORECASE)
_MAX_CAPTION_WORDS = 30
_MAX_CREDIT_WORDS = 6


def _drop_boilerplate_tail(text: str, found: dict[str, list[str]] | None = None) -> str:
    """Remove boilerplate sentences glued onto the end of a paragraph (e.g. a comment form),
    and a photo caption with its credit; the page parts among them go into `found`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        parts = _split_sentence_tail(line)
        if (
            len(parts) == 2
            and _CREDIT.match(parts[1])
            and len(parts[1].split()) <= _MAX_CREDIT_WORDS
            and len(parts[0].split()) <= _MAX_CAPTION_WORDS
        ):
            _keep_part(found, "photo", line)
            lines[i] = ""
            continue
        keep = []
        for p in parts:
            if len(p.split()) <= _MAX_BOILERPLATE_WORDS and _BOILERPLATE.match(p.strip()):
                _keep_boilerplate(found, p.strip())
            else:
                keep.append(p)
        if len(keep) != len(parts):
            lines[i] = " ".join(keep)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def extract_date(text: str) -> tuple[str | None, str]:
    """Find a publication date; a leading `date YYYY-MM-DD` marker is removed from the text."""
    m = _DATE_MARKER.match(text)
    if m and normalize_date(m.group(1)):
        return m.group(1), text[m.end() :]
    head = text[:400]
    for m2 in _ISO_DATE.finditer(head):
        if _iso(*(int(g) for g in m2.groups())):
            return m2.group(0), text
    for m3 in _TEXT_DATE.finditer(head):
        found = _text_date(m3)
        if found:
            return found, text
    return None, text


def normalize_date(value: str) -> str | None:
    """A metadata date as ISO `YYYY-MM-DD` ("2024-06-21T10:00Z", "June 21, 2024"), or None."""
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?!\d)", value)
    if m:
        return _iso(*(int(g) for g in m.groups()))
    m3 = _TEXT_DATE.fullmatch(value)
    return _text_date(m3) if m3 else None


def _record_date(
    rec: dict[str, object], doc_id: str, lineno: int, warnings: list[str] | None
) -> str | None:
    """The record's `date` as ISO; one it cannot read is dropped with a warning."""
    raw = _str_field(rec, "date")
    if raw is None or not raw.strip():
        return None
    date = normalize_date(raw)
    if date is None and warnings is not None:
        warnings.append(f"{doc_id} line {lineno}: date {raw!r} not read (use YYYY-MM-DD)")
    return date


def _text_date(m: re.Match[str]) -> str | None:
    """A written date ("June 21, 2024", "21 June 2024") as ISO, or None if no such day."""
    name = (m.group("month") or m.group("month2")).rstrip(".")[:3].lower()
    month = [x[:3].lower() for x in _MONTHS.split("|")].index(name) + 1
    day = int(m.group("day") or m.group("day2"))
    return _iso(int(m.group("year") or m.group("year2")), month, day)


def _iso(year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD`, or None if there is no such day (February 30)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def title_from_text(text: str) -> str:
    """First line if it reads as a headline, else the first sentence, shortened. Lines
    without a letter or digit ("---", "***") are no headline."""
    lines = [line.strip() for line in text.strip().split("\n")]
    first = next((line for line in lines if any(ch.isalnum() for ch in line)), "")
    if len(first) <= _MAX_TITLE_CHARS:
        return first
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) <= _MAX_TITLE_CHARS:
        return sentence
    cut = sentence[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _make_document(
    doc_id: str,
    raw: str,
    source: str,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document | None:
    parts: dict[str, list[str]] = {}
    text = _drop_boilerplate_tail(clean_text(raw, parts), parts)
    found_date, text = extract_date(text)
    text = text.strip()
    if not text:
        return None
    title = " ".join(strip_invisible(title).split()) if title else ""
    if len(title) > _MAX_TITLE_CHARS:  # a title must never crowd the passage out of the window
        title = title_from_text(title)
    return Document(
        doc_id=doc_id,
        title=title or title_from_text(text),
        text=text,
        source=source,
        date=date or found_date,
        url=url,
        meta={name: "\n".join(lines) for name, lines in parts.items()},
    )


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise ValueError("binary file")
    return data.decode("utf-8")


# Elements that start a block of text of their own; the text of any other element (span, a,
# b, time, ...) runs on in the block around it.
_HTML_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_HTML_JUNK = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "canvas",
    "object",
]
# Where a page states when it was published: meta properties and names, then JSON-LD
_HTML_DATE_META = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
]
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def _html_date(soup: Any, html: str) -> str | None:
    """The page's publication date as ISO, from its metadata (meta tags, JSON-LD)."""
    for meta in soup.find_all("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _HTML_DATE_META and (date := normalize_date(str(meta.get("content") or ""))):
            return date
    if (m := _JSONLD_DATE.search(html)) and (date := normalize_date(m.group(1))):
        return date
    return None


def _time_date(soup: Any) -> str | None:
    """The first `<time datetime>` of the story (in its `<article>` or `<main>` if the page
    has one, its header included), not of navigation, a sidebar, a footer or a form."""
    story = soup.find(["main", "article"]) is not None
    for time_tag in soup.find_all("time"):
        if time_tag.find_parent(["nav", "aside", "footer", "form"]) is not None:
            continue
        if story and time_tag.find_parent(["main", "article"]) is None:
            continue
        if date := normalize_date(str(time_tag.get("datetime") or time_tag.get_text())):
            return date
    return None


def _html_blocks(root: Any) -> list[str]:
    """The text of an element as blocks: each block element's own text is one, the inline
    text around them (a `<div>` holding bare text, `<span>`s) runs on within its block."""
    from bs4 import NavigableString, Tag

    blocks: list[str] = []
    run: list[str] = []

    def end_block() -> None:
        text = " ".join("".join(run).split())
        if text:
            blocks.append(text)
        run.clear()

    def walk(el: Any) -> None:
        for child in el.children:
            if isinstance(child, Tag):
                if child.name in _HTML_BLOCKS or child.find(_HTML_BLOCKS) is not None:
                    end_block()
                    walk(child)
                    end_block()
                else:
                    run.append(child.get_text())
            elif type(child) is NavigableString:  # not a comment, doctype or CDATA
                run.append(str(child))

    walk(root)
    end_block()
    return blocks


def _html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Readable text (a block a paragraph), the title and the publication date of a page.
    Every `<article>` of the page is read (else its `<main>`, else its body); page chrome
    (navigation, header, footer, asides, forms, scripts) is left out."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = None
    if soup.title and soup.title.string:
        title = soup.title.string.strip()
    h1 = soup.find("h1")
    if h1 is not None and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)
    date = _html_date(soup, html) or _time_date(soup)  # before the page chrome goes
    for tag in soup(_HTML_JUNK):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    main = soup.find("main")
    scope = main or soup  # teaser cards outside the main story are no part of it
    articles = [a for a in scope.find_all("article") if a.find_parent("article") is None]
    roots = articles or [main or soup.body or soup]
    blocks = [block for root in roots for block in _html_blocks(root)]
    return "\n\n".join(blocks), title, date


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown file's YAML front matter (`---` lines around `key: value` lines), read for
    its plain values (title, date, url), and the text after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-", "#")):
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[m.end() :]


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            m = re.match(r"^#{1,6}\s+(.*)$", line.strip())
            return m.group(1).strip() if m else None
    return None


def _str_field(rec: dict[str, object], key: str) -> str | None:
    """A JSONL record's optional text field (non-strings such as numbers become text)."""
    value = rec.get(key)
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def load_file(
    path: Path, doc_id: str, warnings: list[str] | None = None, known: Known | None = None
) -> Iterator[Document]:
    """Yield the documents in one file (a .jsonl file may hold many).

    A malformed .jsonl line is skipped with a warning appended to `warnings` (the other lines
    still load); without a `warnings` list it raises ValueError. Documents whose raw key is in
    `known` are taken from there, already cleaned.
    """
    suffix = path.suffix.lower()
    source = doc_id
    raw = _read_text(path)
    if suffix in (".html", ".htm"):
        key = input_key("html", _html_parser_version(), doc_id, raw)
        doc = _reuse(known, key)
        if doc is None:
            text, title, date = _html_to_text(raw)
            doc = _make_document(doc_id, text, source, title=title, date=date)
        if doc:
            doc.raw_key = key
            yield doc
        elif warnings is not None:
            warnings.append(f"skipped {doc_id}: no text")
    elif suffix == ".jsonl":
        for lineno, line in enumerate(jsonl_lines(raw), start=1):
            if not line.strip():
                continue
            key = input_key("jsonl", doc_id, str(lineno), line)
            doc = _reuse(known, key)
            if doc is not None:
                yield doc
                continue
            problem = None
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problem = f"line {lineno} is not valid JSON ({exc.msg})"
            else:
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                    problem = f'line {lineno} has no "text" string'
            if problem:
                if warnings is None:
                    raise ValueError(problem)
                warnings.append(f"skipped {doc_id} {problem}")
                continue
            sub_id = str(rec.get("id") or lineno)
            if "#" in sub_id:  # "#" ends a document id in a chunk id ("a.jsonl#r1#0")
                fixed = sub_id.replace("#", "-")
                if warnings is not None:
                    warnings.append(
                        f"{doc_id} line {lineno}: id {sub_id!r} holds '#', which chunk ids use;"
                        f" read as {fixed!r}"
                    )
                sub_id = fixed
            doc = _make_document(
                f"{doc_id}#{sub_id}",
                rec["text"],
                f"{source}:{lineno}",
                title=_str_field(rec, "title"),
                date=_record_date(rec, doc_id, lineno, warnings),
                url=_str_field(rec, "url"),
            )
            if doc:
                doc.raw_key = key
                yield doc
            elif warnings is not None:
                warnings.append(f"skipped {doc_id} line {lineno}: no text")
    else:
        key = input_key("text", doc_id, suffix, raw)
        doc = _reuse(known, key)
        if doc is None:
            meta: dict[str, str] = {}
            title = None
            if suffix in (".md", ".markdown"):
                meta, raw = front_matter(raw)
                heading = _markdown_title(raw)
                if heading:
                    raw = re.sub(r"^\s*#{1,6}\s+", "", raw, count=1)
                title = meta.get("title") or heading
            date = normalize_date(meta["date"]) if meta.get("date") else None
            if meta.get("date") and date is None and warnings is not None:
                warnings.append(f"{doc_id}: date {meta['date']!r} not read (use YYYY-MM-DD)")
            doc = _make_document(
                doc_id,
                raw,
                source,
                title=title,
                date=date,
                url=meta.get("url") or None,
            )
        if doc:
            doc.raw_key = key
            yield doc
        elif warnings is not None:
            warnings.append(f"skipped {doc_id}: no text")


_CORPUS_SETTING = "--corpus, ASKCORPUS_CORPUS_DIR or corpus_dir in askcorpus.toml"


def check_corpus_dir(corpus_dir: Path) -> None:
    """Raise CorpusError unless `corpus_dir` is an existing folder."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder not found: {corpus_dir} ({_CORPUS_SETTING})")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path is not a folder: {corpus_dir} ({_CORPUS_SETTING})")


def iter_corpus_files(
    corpus_dir: Path, exclude: Path | None = None
) -> tuple[list[tuple[Path, str]], list[str]]:
    """List supported files below the corpus folder as (path, relative id); refuse escapes.
    Files under `exclude` (an index folder inside the corpus) are left out."""
    check_corpus_dir(corpus_dir)
    root = corpus_dir.resolve()
    skip = exclude.resolve() if exclude is not None else None
    files: list[tuple[Path, str]] = []
    warnings: list[str] = []
    by_real: dict[Path, int] = {}  # a file reached twice (a link to it) is read once
    other: set[str] = set()  # kinds of file not read
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        try:
            real = path.resolve()
        except OSError:
            warnings.append(f"skipped {rel}: cannot resolve path")
            continue
        if not real.is_relative_to(root):
            warnings.append(f"refused {rel}: it leads outside the corpus folder")
            continue
        if skip is not None and real.is_relative_to(skip):
            continue  # the index's own files
        if path.is_symlink() and not path.exists():
            warnings.append(f"skipped {rel}: a link to nothing")
            continue
        if path.is_dir():
            try:  # a folder that cannot be listed is otherwise passed over without a word
                with os.scandir(path) as entries:
                    next(entries, None)
            except OSError as exc:
                why = (exc.strerror or str(exc)).lower()
                warnings.append(f"skipped folder {rel}: {why} (its documents are not indexed)")
            continue
        if not path.is_file():
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            other.add(path.suffix.lower() or "no extension")
            continue
        if (at := by_real.get(real)) is not None:
            kept, itself = files[at][1], real.relative_to(root).as_posix()
            if rel == itself != kept:  # keep the file under its own name, not a link's
                files[at], (kept, rel) = (path, rel), (rel, kept)
            warnings.append(f"skipped {rel}: the same file as {kept}")
            continue
        by_real[real] = len(files)
        files.append((path, rel))
    if other:
        warnings.append(
            f"skipped files of kinds not read ({', '.join(sorted(other))}); "
            f"read are {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    return files, warnings


def load_corpus(
    corpus_dir: Path, known: Known | None = None, exclude: Path | None = None
) -> LoadReport:
    """Load every supported file; unreadable ones are skipped with a warning naming them.

    `known` (cleaned documents by raw key, from the previous index) spares re-cleaning
    unchanged input.
    """
    files, warnings = iter_corpus_files(corpus_dir, exclude)
    report = LoadReport(warnings=warnings)
    seen: dict[str, str] = {}  # document id -> where it was read
    for path, rel in files:
        try:
            docs = list(load_file(path, rel, report.warnings, known))
        except UnicodeDecodeError:
            report.warnings.append(f"skipped {rel}: not UTF-8 text")
            continue
        except OSError as exc:
            report.warnings.append(f"skipped {rel}: {(exc.strerror or str(exc)).lower()}")
            continue
        except ValueError as exc:
            report.warnings.append(f"skipped {rel}: {exc}")
            continue
        for doc in docs:
            if doc.doc_id in seen:
                numbered = doc.doc_id.rsplit("#", 1)[-1].isdigit()
                report.warnings.append(
                    f"skipped {doc.source}: its document id {doc.doc_id} is already "
                    f"{seen[doc.doc_id]}'s"
                    + (" (a record without an id takes its line number)" if numbered else "")
                )
                continue
            seen[doc.doc_id] = doc.source
            report.documents.append(doc)
            if known and doc.raw_key in known:
                report.reused += 1
    if not report.documents:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        why = ""
        if report.warnings:  # what was there and why it was not read, a readable kind first
            first = min(report.warnings, key=lambda w: w.startswith("skipped files of kinds"))
            more = len(report.warnings) - 1
            why = f"; {first}" + (f" (and {more} more)" if more else "")
        raise CorpusError(f"no readable documents in {corpus_dir} (supported: {kinds}){why}")
    return report
