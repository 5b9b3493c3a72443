"""Prompt templates: plain files in `prompts/` with {named} placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from askcorpus.errors import ConfigError

TEMPLATES = ("system", "answer", "abstain")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Chat-template control tokens and our own passage delimiters may not appear inside data.
_CONTROL = re.compile(
    r"<\|[^|>]{0,40}\|>|<\s*/?\s*passage[^>]*>|</?s>|\[/?INST\]|<</?SYS>>|"
    r"<(?:start|end)_of_turn>",
    re.IGNORECASE,
)
# Look-alikes of the delimiters' characters (full-width "＜", small "﹤", "〈")
_LOOKALIKE = str.maketrans("＜﹤〈＞﹥〉｜", "<<<>>>|")


def defang(text: str) -> str:
    """Remove chat control tokens and passage delimiters from untrusted text (also when
    written with look-alike characters)."""
    seen = text.translate(_LOOKALIKE)  # one character for one: spans match the original's
    spans = [m.span() for m in _CONTROL.finditer(seen)]
    if not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], " "]
        at = end
    return "".join([*out, text[at:]])


def render(template: str, values: dict[str, str], name: str = "template") -> str:
    """Fill {name} placeholders; values are inserted literally, never re-parsed."""

    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in values:
            raise ConfigError(f"prompt {name} uses unknown placeholder {{{key}}}")
        return values[key]

    return _PLACEHOLDER.sub(fill, template)


@dataclass
class Prompts:
    """The loaded templates."""

    system: str
    answer: str
    abstain: str

    @classmethod
    def load(cls, folder: Path) -> Prompts:
        """Read every template from a folder; a missing one is a clear error."""
        texts = {}
        for name in TEMPLATES:
            path = folder / f"{name}.txt"
            if not path.is_file():
                raise ConfigError(
                    f"prompt template missing: {path} (setting ASKCORPUS_PROMPTS_DIR; paths "
                    "are relative to the folder askcorpus runs in: the project folder)"
                )
            texts[name] = path.read_text(encoding="utf-8").strip()
        return cls(**texts)

    def passages_block(self, items: list[tuple[int, str, str]]) -> str:
        """Numbered, delimited evidence: (n, title, text) each in its own <passage> block."""
        blocks = []
        for n, title, text in items:
            title = " ".join(defang(title).split()).replace('"', "'")
            body = " ".join(defang(text).split())
            blocks.append(f'<passage n="{n}" title="{title}">\n{body}\n</passage>')
        return "\n".join(blocks)

    def messages(
        self,
        question: str,
        passages: list[tuple[int, str, str]],
        context: str = "",
    ) -> list[dict[str, str]]:
        """Chat messages: the fixed system prompt first (so its tokens are cached), then data."""
        user = render(
            self.answer,
            {
                "passages": self.passages_block(passages),
                "question": " ".join(defang(question).split()),
                "context": defang(context),
            },
            "answer",
        )
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]
