"""A page's line as the clean stage reads it, and what a byline or credit line gives."""

import re
from dataclasses import dataclass, field




# ---------------------------------------------------------------------------------------------
# Step 2: what one line is, from its shape.

_END_PUNCT = ".!?。！？;；:："
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]*$")
# A line of markup tags alone ("</p></body></html>"): left by a careless export, never story, and
# its slashes and angle brackets made it look like a breadcrumb trail.
_MARKUP_ONLY = re.compile(r"(?:\s*<[^<>]*>)+\s*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD_TRIM = "\"'“”‘’()[]{}<>:;,.!?|/\\-–—•·*#"


@dataclass
class Line:
    start: int                 # raw index of the line's first character
    end: int                   # raw index just past its last character (before the break)
    text: str                  # repaired, collapsed, bullet stripped
    offs: list[int]            # raw index of each character of text
    bullet: bool = False       # opened by a bullet glyph
    spaced: list[str] = field(default_factory=list)  # parts between wide gaps ("A   B   C")
    kind: str = "content"      # see classify()
    words: int = 0
    prose: bool = False        # a body paragraph
    menu: bool = False         # short, no end punctuation: a menu item if in a run
    listed: bool = False       # bullet or list number: a list item
    published: str | None = None
    yearless: tuple[int, int] | None = None
    source: str | None = None
    source_labelled: bool = False
    field: bool = False        # a metadata field cut from the page's first line (never content)
    glued: bool = False        # a headline cut from the line it was glued to: no block of its own
    caption: bool = False      # ends with a photo credit: a picture's caption, never the headline
    dateline: bool = False     # opens with a news agency's dateline: the story's first paragraph
    wrapped: bool = False      # its sentence runs on into the next line (a hard-wrapped paragraph)
    continues: bool = False    # goes on the paragraph of the line above it (wrap.py): no paragraph of its own
    stamp: str | None = None   # the date of a time stamp cut from the end of the headline
    credit: str | None = None  # a publisher credited at the line's end ("(Source: X)")


@dataclass(frozen=True)
class Byline:
    published: str | None
    yearless: tuple[int, int] | None  # (month, day) of a date written without a year
    source: str | None
    labelled: bool = False  # the source was given by a label ("Source: X", "from: X")


# Two or three capitalised words and nothing else ("Kelly Tsang", "WANG KAIYUAN", "Mary-Ann Lo").
_AUTHOR_NAME = re.compile(r"[A-Z][A-Za-z'\u2019-]+(?: [A-Z][A-Za-z'\u2019-]+){1,2}")


_VIEW_CHARS = 1000  # the chooser reads a line's first characters only (title_model._FEATURE_CHARS)
