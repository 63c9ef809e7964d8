"""clean stage: raw text to the article's blocks, with metadata and an offset map to the raw text.

Every character of the clean text points back to its raw position (`Cleaned.offsets`), so later
stages report raw offsets. Blocks (the title, each paragraph) are joined by a newline, and a
newline in the clean text is always a block boundary.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True)
class Cleaned:
    text: str
    offsets: list[int]  # offsets[i] is the raw index of text[i]
    title: str | None = None
    published: str | None = None
    source: str | None = None
    blocks: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in the clean text

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to the raw span that holds its characters."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the clean text (length {len(self.text)})")
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class CleanRules:
    furniture: list[re.Pattern]
    dateline: re.Pattern


def load_rules(path: str | Path) -> CleanRules:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return CleanRules(furniture=[re.compile(p, re.IGNORECASE) for p in data["furniture_lines"]],
                          dateline=re.compile(data["dateline"]))
    except (OSError, ValueError, KeyError, re.error) as err:
        raise ConfigError(f"clean rules {path}: {err}") from err


def clean(raw: str, rules: CleanRules) -> Cleaned:
    """Keep the lines that are not furniture, one block per line."""
    text_parts: list[str] = []
    offsets: list[int] = []
    blocks: list[tuple[int, int]] = []
    published = None
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start = pos
        pos += len(line)
        stripped = body.strip()
        if not stripped:
            continue
        m = rules.dateline.search(stripped)
        if m and len(stripped) < 60:
            published = published or m.group("date")
            continue
        if any(p.search(stripped) for p in rules.furniture):
            continue
        lead = len(body) - len(body.lstrip())
        if text_parts:
            text_parts.append("\n")
            offsets.append(start - 1 if start > 0 else 0)
        block_start = sum(len(p) for p in text_parts)
        text_parts.append(stripped)
        offsets.extend(range(start + lead, start + lead + len(stripped)))
        blocks.append((block_start, block_start + len(stripped)))
    text = "".join(text_parts)
    title = text[blocks[0][0]:blocks[0][1]] if blocks else None
    return Cleaned(text=text, offsets=offsets, title=title, published=published, blocks=blocks)


def make_clean(rules: str):
    """The clean stage as configured in `[clean]` (registered as consortia.clean.v1 through the
    spacy_misc entry point): returns `raw -> Cleaned`."""
    loaded = load_rules(rules)

    def run(raw: str) -> Cleaned:
        return clean(raw, loaded)

    return run
