"""clean stage: raw text to the article's blocks, with metadata and an offset map to the raw text.

A page arrives with its furniture (language switches, menus, breadcrumbs, contact blocks, bylines,
share buttons, copyright lines, link spam). The stage keeps the article's blocks only: the title,
body paragraphs and list items, one block per raw line, joined by "\\n". Every character of the
clean text points back to its raw position (`Cleaned.offsets`), so later stages report raw offsets.

How a page is read, in order:
1. Split into lines; repair each line's Unicode with ftfy (mojibake, odd widths, control
   characters) and align the repaired line to the raw one so each character keeps a raw index;
   drop zero-width characters; collapse whitespace runs to one space; strip a leading bullet glyph.
2. Classify each line by its shape alone: byline/credit (gives `published` and `source`),
   breadcrumb, contact line, copyright or "related news" (the article's end), furniture vocabulary,
   link or Chinese-language lines, or a content candidate (prose, list item, menu-shaped line).
3. Read the page's structure: everything before a breadcrumb is header; everything after the
   article's end is footer; runs of menu-shaped lines are menus; the title is the line just above
   the first byline, else the first headline-shaped line above the first paragraph (a
   paragraph-length line without a full stop may be one; a photo caption, a wire lead, a
   speaker's label or a hard-wrapped line never is). With a headline chooser configured
   (title_model.py), the title is the line it picks near the story's start, the rules' pick being
   one of its features; the blocks stay the rules'.
4. A news-agency dateline opening the first paragraph ("BEIJING, July 26 (Xinhua) -- ") gives
   `published` and `source` and is cut from the clean text: it is furniture, not story (its place
   and date would otherwise become entities). The rest of the paragraph stays. With no dateline in
   the first blocks under the headline, a wire lead further down that names its agency and has the
   story going on below it is read the same way (a headline missed under a site's blurbs).

All vocabulary and patterns are data (pipelines/clean/*.json), validated when loaded.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from difflib import SequenceMatcher
from pathlib import Path

import ftfy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .title_model import PageView, TitleModel, load_title_model


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


# ---------------------------------------------------------------------------------------------
# Rules: the data file's shape (pydantic, extra keys are errors) and its compiled form.

class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")

    menu_max_words: int = Field(ge=1)
    menu_max_chars: int = Field(ge=1)
    menu_min_run: int = Field(ge=2)
    edge_min_run: int = Field(ge=1)
    prose_min_words: int = Field(ge=1)
    prose_long_words: int = Field(ge=1)
    title_max_words: int = Field(ge=1)
    title_max_chars: int = Field(ge=1)
    deck_min_words: int = Field(ge=1)
    byline_max_words: int = Field(ge=1)
    byline_max_leftover: int = Field(ge=0)
    credit_max_words: int = Field(ge=1)
    vocab_max_words: int = Field(ge=1)
    furniture_max_words: int = Field(ge=1)
    cjk_max_ratio: float = Field(gt=0, le=1)
    url_max_ratio: float = Field(gt=0, le=1)
    dateline_scan_blocks: int = Field(ge=1)
    yearless_max_days: int = Field(ge=0)


class _Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: list[str]
    source: list[str]
    person: list[str]
    count: list[str]
    other: list[str]


class _Breadcrumb(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labels: str
    home: list[str]
    arrow_separator: str
    plain_separator: str
    max_words: int = Field(ge=1)
    max_part_words: int = Field(ge=1)


class _Credits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patterns: list[str]


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str]


class _DatedWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str]
    long_name_words: list[str]
    long_name_min_words: int = Field(ge=2)


class _SignOff(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str


class _SourceValue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    strip_prefix: str
    strip_suffix: str
    reject: str
    photo_libraries: list[str]


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shape: _Shape
    months: dict[str, int]
    date_patterns: list[str] = Field(min_length=1)
    yearless_date_patterns: list[str]
    time_pattern: str
    datelines: list[str] = Field(min_length=1)
    byline_labels: _Labels
    credit_lines: _Credits
    tail_credits: _Credits
    sign_off: _SignOff
    byline_unlabelled_date_prefix: str
    leading_date_field: str
    epoch_stamp: str
    caption_credit: str
    running_header: str
    byline_ui_words: list[str]
    weekdays: list[str]
    byline_event_words: list[str]
    author_line: str
    generic_sources: list[str]
    generic_source_words: list[str]
    source_value: _SourceValue
    publishers: list[str]
    publication_words: list[str]
    author_field_publication_words: _Words
    date_field_publication_words: _DatedWords
    domain: str
    url: str
    list_marker: str
    bullet: str
    breadcrumb: _Breadcrumb
    menu_separator: str
    menu_words: list[str]
    furniture_lines: list[str]
    notice_lines: list[str]
    end_lines: list[str]
    contact_lines: list[str]
    phone: str
    spam_words: list[str]

    @field_validator("months")
    @classmethod
    def _months(cls, value: dict[str, int]) -> dict[str, int]:
        bad = {k: v for k, v in value.items() if not 1 <= v <= 12}
        if bad:
            raise ValueError(f"month numbers must be 1..12: {bad}")
        return value


@dataclass(frozen=True)
class CleanRules:
    """The compiled rules. Built once by `load_rules`; read-only afterwards."""

    shape: _Shape
    months: dict[str, int]
    dates: tuple[re.Pattern, ...]
    yearless: tuple[re.Pattern, ...]
    time: re.Pattern
    datelines: tuple[re.Pattern, ...]
    label: re.Pattern  # named groups date/source/person/count/other
    credits: tuple[re.Pattern, ...]  # named group source
    tail_credits: tuple[re.Pattern, ...]  # named group source, searched at a line's end
    sign_off: re.Pattern  # named groups source and dash, searched at a line's end
    unlabelled_date: re.Pattern
    leading_date: re.Pattern
    epoch: re.Pattern  # a time stamp in milliseconds since 1970, alone on its line
    caption: re.Pattern  # a photo credit ending a line: the line is a caption
    running_header: re.Pattern  # a magazine page's header: page number, name (group name), issue
    ui_words: frozenset[str]
    weekdays: frozenset[str]  # a weekday beside a byline's date is part of it, not a leftover word
    event_words: frozenset[str]  # beside a date, they make it an event's date
    author_line: re.Pattern
    generic_sources: frozenset[str]
    generic_source_words: frozenset[str]
    source_prefix: re.Pattern
    source_suffix: re.Pattern
    source_reject: re.Pattern
    photo_libraries: frozenset[str]  # folded names of stock-photo libraries: their credits are photos'
    publishers: frozenset[str]
    publication_words: frozenset[str]
    author_publication_words: frozenset[str]
    dated_publication_words: frozenset[str]  # end a publisher's name in a field beside a date
    dated_long_words: frozenset[str]  # ... when the name has at least `dated_long_min` words
    dated_long_min: int
    domain: re.Pattern
    url: re.Pattern
    list_marker: re.Pattern
    bullet: re.Pattern
    location: re.Pattern
    home: frozenset[str]
    arrow: re.Pattern
    plain_sep: re.Pattern
    crumb_max_words: int
    crumb_part_words: int
    menu_sep: re.Pattern
    menu_words: frozenset[str]
    furniture: re.Pattern
    notice: re.Pattern  # furniture at any length (a cookie notice, "Original title: ...")
    end: re.Pattern
    contact: re.Pattern
    phone: re.Pattern
    spam: re.Pattern


def _alternation(words) -> str:
    """A regex alternation of literal phrases, longest first, with flexible inner spaces."""
    parts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


def _any(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def load_rules(path: str | Path) -> CleanRules:
    """Read, validate and compile the rules file; a bad file is a ConfigError saying what to fix."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data = _strip_about(data)
        spec = _RulesFile.model_validate(data)
        return _compile(spec)
    except (OSError, ValueError, ValidationError, re.error) as err:
        raise ConfigError(f"clean rules {path}: {err}") from err


def _strip_about(data):
    """`_about` keys document the data file; they are not rules."""
    if isinstance(data, dict):
        return {k: _strip_about(v) for k, v in data.items() if k != "_about"}
    return data


def _compile(spec: _RulesFile) -> CleanRules:
    # Month names match in any case, also inside the case-sensitive dateline patterns.
    month = "(?i:%s)" % _alternation(spec.months)
    ci = re.IGNORECASE
    lab = spec.byline_labels
    # A label is a phrase then a colon; not glued to a preceding letter ("39Admin2020-06-25from:"
    # still finds "from:", "Platform:" does not find "form:"), unless it is capitalised after a
    # lowercase letter ("Source: Global TimesEditor: X" finds "Editor:").
    label = re.compile(
        r"(?:(?<![^\W\d_])|(?-i:(?<=[a-z])(?=[A-Z])))(?:(?P<date>%s)|(?P<source>%s)|(?P<person>%s)|(?P<count>%s)|(?P<other>%s))\s*[:\uff1a]"
        % (_alternation(lab.date), _alternation(lab.source), _alternation(lab.person),
           _alternation(lab.count), _alternation(lab.other)), ci)
    crumb = spec.breadcrumb
    return CleanRules(
        shape=spec.shape,
        months={k.lower(): v for k, v in spec.months.items()},
        dates=tuple(re.compile(p.replace("{month}", month), ci) for p in spec.date_patterns),
        yearless=tuple(re.compile(p.replace("{month}", month), ci) for p in spec.yearless_date_patterns),
        time=re.compile(spec.time_pattern, ci),
        # Datelines are matched case-sensitively: the place is capitalised (in capitals when no
        # date follows it), the agency too.
        datelines=tuple(re.compile(p.replace("{month}", month)) for p in spec.datelines),
        label=label,
        # case-sensitive: the publisher is capitalised ("appeared in March." credits nobody)
        credits=tuple(re.compile(p) for p in spec.credit_lines.patterns),
        tail_credits=tuple(re.compile(p) for p in spec.tail_credits.patterns),
        sign_off=re.compile(spec.sign_off.pattern),
        unlabelled_date=re.compile(spec.byline_unlabelled_date_prefix, ci),
        leading_date=re.compile(spec.leading_date_field),
        epoch=re.compile(spec.epoch_stamp),
        caption=re.compile(spec.caption_credit, ci),
        running_header=re.compile(spec.running_header.replace("{month}", month)),
        ui_words=frozenset(w.lower() for w in spec.byline_ui_words),
        weekdays=frozenset(w.lower() for w in spec.weekdays),
        event_words=frozenset(w.lower() for w in spec.byline_event_words),
        author_line=re.compile(spec.author_line.replace("^by", "^(?i:by)", 1)),
        generic_sources=frozenset(_fold(w) for w in spec.generic_sources),
        generic_source_words=frozenset(_fold(w) for w in spec.generic_source_words),
        source_prefix=re.compile(spec.source_value.strip_prefix, ci),
        source_suffix=re.compile(spec.source_value.strip_suffix, ci),
        # case-sensitive: lowercase initials ("hy") are rejected, an acronym ("AP") is not
        source_reject=re.compile(spec.source_value.reject),
        photo_libraries=frozenset(_fold(w) for w in spec.source_value.photo_libraries),
        publishers=frozenset(_fold(w) for w in spec.publishers),
        publication_words=frozenset(w.lower() for w in spec.publication_words),
        author_publication_words=frozenset(w.lower() for w in spec.author_field_publication_words.words),
        dated_publication_words=frozenset(w.lower() for w in spec.date_field_publication_words.words),
        dated_long_words=frozenset(w.lower() for w in spec.date_field_publication_words.long_name_words),
        dated_long_min=spec.date_field_publication_words.long_name_min_words,
        domain=re.compile(spec.domain, ci),
        url=re.compile(spec.url, ci),
        list_marker=re.compile(spec.list_marker, ci),
        bullet=re.compile(spec.bullet),
        location=re.compile(crumb.labels, ci),
        home=frozenset(w.lower() for w in crumb.home),
        arrow=re.compile(crumb.arrow_separator),
        plain_sep=re.compile(crumb.plain_separator),
        crumb_max_words=crumb.max_words,
        crumb_part_words=crumb.max_part_words,
        menu_sep=re.compile(spec.menu_separator),
        menu_words=frozenset(w.lower() for w in spec.menu_words),
        furniture=_any(spec.furniture_lines),
        notice=_any(spec.notice_lines),
        end=_any(spec.end_lines),
        contact=_any(spec.contact_lines),
        phone=re.compile(spec.phone),
        spam=re.compile(r"(?<![^\W_])(?:%s)(?![^\W_])" % _alternation(spec.spam_words), ci),
    )


def _fold(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").lower().split())


# ---------------------------------------------------------------------------------------------
# Step 1: lines, Unicode repair and whitespace, each keeping a raw index per character.

# Line breaks: what str.splitlines() honours, minus the C0/C1 separators (\x1c-\x1e, \x85) that
# are more often damaged bytes than real breaks (\x85 is mojibake's "…"; ftfy repairs it).
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\u2028\u2029]")
# Text that ftfy leaves as it is: printable ASCII without "&" (HTML entities), typographic
# quotes, dashes and other general punctuation, CJK punctuation and ideographs. Mojibake always
# holds characters outside this set (Latin-1 letters, C1 controls, "€", "™"), so this is only a
# fast path: anything else goes through ftfy.
_PLAIN = re.compile("[\t\x20-\x25\x27-\x7e\u2010-\u2027\u2030-\u205e\u3001-\u303f\u4e00-\u9fff]*")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, explain=False)
# Format and control characters that carry nothing visible (zero-width spaces and joiners, soft
# hyphens, bidi marks, BOM, C0/C1 controls): dropped without leaving a space.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_VISIBLE_RUN = re.compile("[^\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f"
                          "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+")
_NON_SPACE = re.compile(r"\S+")
_WIDE_GAP = re.compile(r"\s{2,}|[\t\u3000]")
_UNTIDY = re.compile(r"[^\S ]|  |^ | $|" + _INVISIBLE.pattern)
_TOKEN = re.compile(r"[^ \t]+")
# A token longer than this (a run of text without spaces) is repaired in pieces of this size.
_REPAIR_CHUNK = 64


def split_lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content in `raw`, line breaks excluded."""
    spans = []
    pos = 0
    for m in _BREAK.finditer(raw):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(raw)))
    return spans


def repair(segment: str) -> tuple[str, list[int]]:
    """ftfy's repair of one line, with the index in `segment` of each repaired character.

    ftfy runs on each space-delimited token that is not plain ASCII (its repairs are local: a
    mojibake sequence never spans an ASCII space), so the alignment of a repaired token with its
    raw form stays small and the whole repair linear in the line's length. Unchanged stretches
    map one to one; a changed stretch ("â€™" to "’") maps its characters onto the raw characters
    it replaced, in order, so the map never decreases.
    """
    if _PLAIN.fullmatch(segment):
        return segment, list(range(len(segment)))
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _TOKEN.finditer(segment):
        if _PLAIN.fullmatch(m.group()):
            continue  # copied with the stretch before the next repaired token
        out.append(segment[pos:m.start()])
        offs.extend(range(pos, m.start()))
        for lo in range(m.start(), m.end(), _REPAIR_CHUNK):
            piece = segment[lo:min(lo + _REPAIR_CHUNK, m.end())]
            fixed = ftfy.fix_text(piece, _FTFY)
            out.append(fixed)
            offs.extend(lo + i for i in _align(piece, fixed))
        pos = m.end()
    out.append(segment[pos:])
    offs.extend(range(pos, len(segment)))
    return "".join(out), offs


def _align(before: str, after: str) -> list[int]:
    """For each character of `after`, the index in `before` it comes from."""
    if before == after:
        return list(range(len(after)))
    offs: list[int] = []
    last = max(len(before) - 1, 0)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            offs.extend(range(i1, i2))
        elif op in ("replace", "insert"):
            width = i2 - i1
            for k in range(j2 - j1):
                offs.append(min(i1 + (k * width) // (j2 - j1) if width else i1, last))
    return offs


def collapse(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Drop invisible characters, collapse whitespace runs to one space, strip both ends.

    A collapsed space maps to the first whitespace character of its run.
    """
    if not _UNTIDY.search(text):
        return text, offs  # the common case: single spaces inside, nothing invisible
    if _INVISIBLE.search(text):
        kept_text, kept_offs = [], []
        for m in _VISIBLE_RUN.finditer(text):
            kept_text.append(m.group())
            kept_offs.extend(offs[m.start():m.end()])
        text, offs = "".join(kept_text), kept_offs
    parts: list[str] = []
    out: list[int] = []
    prev_end = -1
    for m in _NON_SPACE.finditer(text):
        if prev_end >= 0:
            parts.append(" ")
            out.append(offs[prev_end])
        parts.append(m.group())
        out.extend(offs[m.start():m.end()])
        prev_end = m.end()
    return "".join(parts), out


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
    stamp: str | None = None   # the date of a time stamp cut from the end of the headline
    credit: str | None = None  # a publisher credited at the line's end ("(Source: X)")


@dataclass(frozen=True)
class Byline:
    published: str | None
    yearless: tuple[int, int] | None  # (month, day) of a date written without a year
    source: str | None
    labelled: bool = False  # the source was given by a label ("Source: X", "from: X")


def build_lines(raw: str, rules: CleanRules, *, repair_unicode: bool = True) -> list[Line]:
    lines = []
    for start, end in split_lines(raw):
        seg = raw[start:end]
        if repair_unicode:
            fixed, local = repair(seg)
        else:
            fixed, local = seg, list(range(len(seg)))
        spaced = _WIDE_GAP.split(fixed.strip()) if _WIDE_GAP.search(fixed.strip()) else []
        text, local = collapse(fixed, local)
        bullet = False
        m = rules.bullet.match(text)
        if m:
            rest = len(text) - len(text[m.end():].lstrip())
            text, local, bullet = text[rest:], local[rest:], True
        lines.append(Line(start=start, end=end, text=text, offs=[start + o for o in local],
                          bullet=bullet, spaced=spaced))
    return _split_stamps(_split_leading_date(lines, rules), rules)


def _split_leading_date(lines: list[Line], rules: CleanRules) -> list[Line]:
    """A page whose first line opens with its date as a field ("date 2023-12-21 <headline>", as
    some crawls save it) gives that field a line of its own, so that the date is read as the
    publication date and what follows as the page's first line."""
    first = next((k for k, ln in enumerate(lines) if ln.text), None)
    m = rules.leading_date.match(lines[first].text) if first is not None else None
    if m is None or not lines[first].text[m.end():].strip():
        return lines
    return lines[:first] + _split_line(lines[first], m.end(), field=True) + lines[first + 1:]


def _split_line(ln: Line, cut: int, field: bool = False, glued: bool = False) -> list[Line]:
    """A line cut in two at `cut` (the space there dropped): two page elements run together."""
    rest = len(ln.text) - len(ln.text[cut:].lstrip())
    head = Line(start=ln.start, end=ln.offs[cut - 1] + 1, text=ln.text[:cut].rstrip(), offs=ln.offs[:cut],
                field=field, glued=glued)
    head.offs = head.offs[:len(head.text)]
    tail = Line(start=ln.offs[rest], end=ln.end, text=ln.text[rest:], offs=ln.offs[rest:], bullet=ln.bullet)
    return [head, tail]


# what may stand beside a page's date stamp: an agency in brackets, a time, a comma or bar, and
# before them a blog engine's placeholder left by the crawl ("[ad_1]")
_STAMP_REST = re.compile(r"(?:\[\w{1,10}\])?[\s,|\uff5c]*(?:\([A-Z][A-Za-z.&'\u2019 ]{1,40}\))?[\s,|\uff5c]*")


def _split_stamps(lines: list[Line], rules: CleanRules) -> list[Line]:
    """A page's date stamp run into the story's dateline on one line ("(Example News) 09:08, August
    16, 2023 LANSHAN, Aug. 15 (Example News) -- ..."): the stamp gets a line of its own, so that it
    is read as the page's date line and the dateline as the lead's."""
    out: list[Line] = []
    for ln in lines:
        # the stamp is a field (a byline, else furniture); a glued headline is the title but no
        # block: a block separator must point at a raw line break, and none is left between them
        stamp = _stamp_end(ln.text, rules) if ln.text[:1] in "([0123456789" or ln.text[:3].lower() in rules.months else None
        glued = None if stamp else _glued_dateline(ln.text, rules)
        cuts = None if stamp or glued else _glued_byline(ln.text, rules)
        if stamp or glued:
            out.extend(_split_line(ln, stamp or glued, field=bool(stamp), glued=bool(glued)))
        elif cuts:
            head, rest = _split_line(ln, cuts[0], glued=True)
            out.append(head)
            out.extend(_split_line(rest, cuts[1] - (len(ln.text) - len(rest.text)), field=True)
                       if cuts[1] < len(ln.text) else [rest])
        else:
            out.append(ln)
    return out


# an author's byline glued to the end of a headline ("...hospital ventureBy Li Ming (Example Daily)")
_GLUED_BY = re.compile(r"(?<=[a-z?!\u201d\u2019\"')])(?=By\s+[A-Z])")


def _glued_byline(text: str, rules: CleanRules) -> tuple[int, int] | None:
    """Where a headline of three words or more ends and where its dated byline ends, when the
    crawl ran headline, byline and lede into one line ("<headline>By Li Ming (Example Daily
    )Updated: 2007-05-25 08:31 <lede>"); else None."""
    m = _GLUED_BY.search(text[:_VIEW_CHARS])
    if m is None or len(text[:m.start()].split()) < 3:
        return None
    found = find_date(text[m.start():m.start() + 160], rules)
    if found is None:
        return None
    end = m.start() + found[2]
    stamp = rules.time.match(text, end + 1) if text[end:end + 1] == " " else None
    end = stamp.end() if stamp else end
    lede = text[end:].lstrip()
    if (lede and not lede[0].isupper() and lede[0] not in "\"\u201c") or parse_byline(text[m.start():end], rules) is None:
        return None  # the lede opens a sentence
    return m.start(), end


# a dateline's place in capitals glued to the end of a headline ("...for partnershipsLANSHAN - ")
_GLUED_PLACE = re.compile(r"(?<=[a-z?!\u201d\u2019\"')])(?=[A-Z]{3,}[A-Z.' ]*(?:,|\s*[-\u2013\u2014(]))")


def _glued_dateline(text: str, rules: CleanRules) -> int | None:
    """Where a headline of three words or more ends when the story's dateline is glued to it (the
    crawl dropped the break between them); else None."""
    for m in _GLUED_PLACE.finditer(text[:_VIEW_CHARS]):
        if len(text[:m.start()].split()) >= 3 and parse_dateline(text[m.start():], rules):
            return m.start()
    return None


def _stamp_end(text: str, rules: CleanRules) -> int | None:
    """Where a date stamp that opens `text` ends, when a dateline follows it; else None."""
    found = find_date(text[:80], rules)
    if found is None or not _STAMP_REST.fullmatch(rules.time.sub("", text[:found[1]])):
        return None
    after = rules.time.match(text[found[2]:].lstrip(" ,"))
    end = found[2] + (len(text[found[2]:]) - len(text[found[2]:].lstrip(" ,")) + after.end() if after else 0)
    return end if text[end:end + 1] == " " and parse_dateline(text[end:].lstrip(), rules) else None


def classify(line: Line, rules: CleanRules) -> None:
    """Set `line.kind` (and the shape flags) from the line alone.

    Kinds: blank, byline (gives metadata), breadcrumb, contact, end (copyright, "related news"),
    furniture (vocabulary, links, spam, Chinese-language lines, author/editor lines), content.
    """
    text = line.text
    shape = rules.shape
    if not text:
        line.kind = "blank"
        return
    words = text.split()
    line.words = len(words)
    line.listed = line.bullet or bool(rules.list_marker.match(text))
    line.caption = bool(rules.caption.search(text))
    line.dateline = parse_dateline(text, rules) is not None
    line.prose = (len(words) >= shape.prose_long_words
                  or (len(words) >= shape.prose_min_words and bool(_SENTENCE_END.search(text))))
    line.menu = (not line.listed and len(words) <= shape.menu_max_words
                 and len(text) <= shape.menu_max_chars and text[-1] not in _END_PUNCT + ",，、")
    # Fields set apart by wide gaps ("Source: X    Font size: A+ A A-") are cut there like at bars.
    fields = _join_spaced(line.spaced) if len(line.spaced) > 1 else text
    byline = _dateline_alone(text, rules) or parse_byline(fields, rules) or parse_credit(text, rules)
    if byline is not None and byline.source is None and byline.published and parse_credit(text, rules):
        # "Originally published on May 4, 2019 in Example Weekly": the date and the publisher
        byline = Byline(published=byline.published, yearless=None, source=parse_credit(text, rules).source)
    if line.field and byline is None:
        line.kind = "furniture"  # a field too vague for a publication date ("date 2017-08")
    elif byline is not None:
        line.kind = "byline"
        line.published, line.yearless, line.source = byline.published, byline.yearless, byline.source
        line.source_labelled = byline.labelled
    elif rules.end.search(text) and (len(words) <= shape.furniture_max_words or rules.end.match(text)):
        line.kind = "end"
    elif _MARKUP_ONLY.fullmatch(text) or _bare_label(text, rules):
        line.kind = "furniture"
    elif is_breadcrumb(text, rules):
        line.kind = "breadcrumb"
    elif is_contact(text, rules):
        line.kind = "contact"
    elif is_furniture(text, line.words, rules) or _menu_parts(line.spaced, rules):
        line.kind = "furniture"
    if line.kind in ("content", "end"):
        for pattern in rules.tail_credits:
            m = pattern.search(text)
            if m:
                line.credit = _source_value(m.group("source"), rules)
                break
        line.credit = line.credit or _wire_sign_off(text, rules)
        aged = _RELATIVE_STAMP.fullmatch(text)
        if aged and line.credit is None and _is_publisher(aged.group("name"), rules):
            # "Example Times 6 days ago": a site's name beside the story's age credits the site; the
            # line is left as it was read (no date, so no byline to anchor the headline on)
            line.credit = _source_value(aged.group("name"), rules)


def _dateline_alone(text: str, rules: CleanRules) -> Byline | None:
    """A story's dateline set on a line of its own, the story on the next ("LANSHAN, April 13
    (Example News) --"): the page's date and agency, as when it opens the first paragraph; never
    a headline."""
    found = parse_dateline(text + " A", rules) if len(text) <= 120 else None
    if found is None or found[0] < len(text):
        return None
    return Byline(published=found[1], yearless=found[2], source=found[3])


def _wire_sign_off(text: str, rules: CleanRules) -> str | None:
    """A wire's sign-off in capitals ending a paragraph ("... he said. -- EXAMPLE NEWS"); without a
    dash only a known publisher's ("... in Lanshan. REUTERS"): a cut-off excerpt's last word is
    capitalised too."""
    m = rules.sign_off.search(text[-80:])
    if m is None or not (m.group("dash") or _fold(m.group("source")) in rules.publishers):
        alone = _DASHED_NAME.fullmatch(text)  # "-- Example Daily" alone on the story's last line
        return _source_value(alone.group(1), rules) if alone and _is_publisher(alone.group(1), rules) else None
    return _source_value(m.group("source"), rules)


_DASHED_NAME = re.compile(r"(?:--|\u2014|\u2013)\s*(\S.{0,60})")


def _bare_label(text: str, rules: CleanRules) -> bool:
    """A date, author or count label alone on its line without its colon ("Date", "Author"), its
    value in the next cell: a field's name, never a headline. A source label so written is left
    to the rules that read its value from the next line."""
    m = rules.label.fullmatch(text.strip() + ":")
    return m is not None and not m.group("source")


def _join_spaced(parts: list[str]) -> str:
    """Parts of a line set apart by wide gaps, as byline fields cut at bars; a label's value after
    the gap stays with its label ("SOURCE:   Example Daily")."""
    out = ""
    for part in (" ".join(p.split()) for p in parts):
        out += (" " if out.endswith((":", "\uff1a")) else " |") + part if out else part
    return out


def is_breadcrumb(text: str, rules: CleanRules) -> bool:
    """A trail or location line: "Home > News > Health", "Current location: News", "Home / China"."""
    if rules.location.match(text):
        return True
    if len(text.split()) > rules.crumb_max_words:
        return False
    arrow_parts = rules.arrow.split(text)
    parts = arrow_parts if len(arrow_parts) > 1 else rules.plain_sep.split(text)
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > rules.crumb_part_words for p in parts):
        return False
    return parts[0].lower() in rules.home or (len(arrow_parts) > 2 and not _SENTENCE_END.search(text))


def is_contact(text: str, rules: CleanRules) -> bool:
    if rules.contact.match(text):
        return True
    # "Label: <phone number>" with a short label ("24-hour service: +86 ...").
    label, sep, value = text.partition(":")
    if sep and len(label.split()) <= 4 and rules.phone.fullmatch(value.strip()):
        return True
    # A line that is mostly a phone number.
    digits = sum(len(m.group()) for m in rules.phone.finditer(text))
    return digits >= 7 and digits >= 0.6 * len(text.replace(" ", ""))


def is_furniture(text: str, n_words: int, rules: CleanRules) -> bool:
    shape = rules.shape
    if rules.notice.search(text):
        return True
    if n_words >= 2 and all(w.lower() in rules.ui_words or w.isdigit() for w in text.split()):
        return True  # a row of page controls ("Print Mail Large Medium Small 0")
    if n_words <= shape.furniture_max_words and rules.furniture.search(text):
        return True
    if rules.author_line.match(text) and n_words <= shape.credit_max_words:
        return True
    dense = len(text) - text.count(" ")
    if _CJK.search(text) and len(_CJK.findall(text)) > shape.cjk_max_ratio * dense:
        return True  # a Chinese-language line in an English article: language switch or spam
    if "." in text or ":" in text:
        urls = sum(len(m.group()) for m in rules.url.finditer(text))
        if urls and urls >= shape.url_max_ratio * dense:
            return True
    if n_words <= shape.furniture_max_words and rules.spam.search(text):
        return True
    if text[-1] not in _END_PUNCT and _all_menu_words(text, rules):
        return n_words <= shape.vocab_max_words or _menu_line(text, rules)
    return _menu_line(text, rules)


def _menu_parts(parts: list[str], rules: CleanRules) -> bool:
    """Three parts or more, each short and without end punctuation: a menu laid out with wide
    spaces ("Departments   Doctors   Nursing   Pharmacy")."""
    return len(parts) >= 3 and all(
        len(p.split()) <= rules.crumb_part_words and not _SENTENCE_END.search(p) and p[-1] not in ",;:"
        for p in parts)


def _all_menu_words(text: str, rules: CleanRules) -> bool:
    words = [w.strip(_WORD_TRIM).lower() for w in text.split()]
    words = [w for w in words if w]
    return bool(words) and all(w in rules.menu_words for w in words)


def _menu_line(text: str, rules: CleanRules) -> bool:
    """A menu written on one line: "Home | About Us | News | Contact" (three parts or more)."""
    parts = [p for p in rules.menu_sep.split(text) if p.strip()]
    if len(parts) < 3:
        return False
    return all(len(p.split()) <= rules.crumb_part_words and not _SENTENCE_END.search(p) for p in parts)


# ---------------------------------------------------------------------------------------------
# Bylines and dates.

def find_date(text: str, rules: CleanRules) -> tuple[str, int, int] | None:
    """The first full calendar date in `text` as (ISO, start, end)."""
    best = None
    for pattern in rules.dates:
        for m in pattern.finditer(text):
            iso = _iso(m, rules)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
                break
    return best


def _iso(m: re.Match, rules: CleanRules) -> str | None:
    groups = m.groupdict()
    try:
        month = int(groups["m"]) if groups.get("m") else rules.months[groups["mon"].lower()]
        # a two-digit year only in the day-month-year stamp "16-Oct-15": this century's
        year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
        return date(year, month, int(groups["d"])).isoformat()
    except (KeyError, ValueError, TypeError):
        return None


def find_yearless(text: str, rules: CleanRules) -> tuple[tuple[int, int], int, int] | None:
    for pattern in rules.yearless:
        for m in pattern.finditer(text):
            month = rules.months.get(m.group("mon").lower())
            day = int(m.group("d"))
            if month and _valid_day(month, day):
                return (month, day), m.start(), m.end()
    return None


def _valid_day(month: int, day: int) -> bool:
    try:
        date(2000, month, day)  # a leap year, so 29 February is valid
        return True
    except ValueError:
        return False


def parse_byline(text: str, rules: CleanRules) -> Byline | None:
    """Read a byline or credit line, or return None when the line is not one.

    A byline holds a publication date and/or labelled fields ("Source:", "from:", "Updated:",
    "Editor:"), with little else: what is left once dates, times, labels with their values, an
    author segment ("By NAME"), UI words ("Print") and counts are taken out must be a few words
    (a site or author name glued on, as in "39Admin2020-06-25from:Publisher"). A sentence that
    happens to hold a date leaves many words and is not a byline.
    """
    shape = rules.shape
    words = text.split()
    if len(words) > shape.byline_max_words:
        return None
    # "Source - Example Daily", "Source | Example Daily": a source label set off by a dash or bar
    text = _DASHED_SOURCE_LABEL.sub(r"\1: ", text, count=1)
    if rules.epoch.fullmatch(text):
        # a page's machine time stamp printed under the headline ("1700000000000"), in UTC
        stamp = datetime.fromtimestamp(int(text) / 1000, tz=timezone.utc).date().isoformat()
        return Byline(published=stamp, yearless=None, source=None)
    m = _READ_MORE.fullmatch(text)
    if m and (_fold(m.group("source")) in rules.publishers or rules.domain.match(m.group("source"))):
        # "Read more: Example Daily" under a reposted story: the publisher it came from (a
        # headline there is no publisher's name)
        return Byline(published=None, yearless=None, source=_source_value(m.group("source"), rules),
                      labelled=True)
    if not _DIGIT_OR_COLON.search(text):
        # No date and no label: at most a publisher's name alone on its line, or in brackets
        # ("( example.com.cn )"), or bracketed after the authors ("By Wang Wu in Lanshan(Lanshan
        # Daily)").
        if _fold(text.strip(" ()[]|")) in rules.publishers or (
                text.startswith("(") and text.endswith(")") and _is_publisher(text, rules)):
            return Byline(published=None, yearless=None, source=_source_value(text, rules))
        m = _BY_ONE_NAME.fullmatch(text)
        if m and (_single_name(m.group("name")) or rules.domain.match(m.group("name"))) and _source_value(
                m.group("name"), rules):
            return Byline(published=None, yearless=None, source=_source_value(m.group("name"), rules))
        m = _AUTHOR_COMMA_PUBLISHER.fullmatch(text)
        paper = _ROLE_AFTER.sub("", m.group("source")) if m else None
        if paper and _is_publisher(paper, rules) and _source_value(paper, rules):
            # "Li Ming, Xinghe Daily" alone under a headline: the author, then the publisher (and
            # the author's role there: "Li Ming, Xinghe Daily staff reporter")
            return Byline(published=None, yearless=None, source=_source_value(paper, rules), labelled=True)
        if _BY_SEGMENT.match(text) and _trailing_publisher(text[3:], rules):
            # "By LI MING Associated Press": a known publisher after the authors, with no separator
            return Byline(published=None, yearless=None, source=_trailing_publisher(text[3:], rules),
                          labelled=True)
        # "By Wang Wu | Example Daily", "Example Weekly - Business - By WANG WU": a publisher's
        # name in a field beside the author's
        fields = [f.strip(" |-\u2013\u2014/") for f in _SEPARATOR.split(text)]
        if _BY_SEGMENT.match(text):
            # "By Wang Wu, Example Daily", "By Wang Wu for Example Daily": the publisher after the
            # author's name
            fields = [_ROLE_AFTER.sub("", g) for f in fields for g in _AUTHOR_THEN.split(f)]
        fields = [f for f in fields if f]
        if len(fields) >= 2 and any(_BY_SEGMENT.match(f) for f in fields):
            named = next((f for f in fields if not _BY_SEGMENT.match(f) and _is_publisher(f, rules)), None)
            if named and _source_value(named, rules):
                return Byline(published=None, yearless=None, source=_source_value(named, rules), labelled=True)
        m = _AUTHORS_THEN_PUBLISHER.match(text)
        if m and rules.author_line.match(m.group("authors")):
            source = _source_value(m.group("source"), rules)
            if source and (_is_publisher(source, rules, rules.publication_words | rules.author_publication_words)
                           or not _author_name_text(source)):
                return Byline(published=None, yearless=None, source=source, labelled=True)
        return None
    labels = list(rules.label.finditer(text))
    full = find_date(text, rules)
    yearless = None if full else find_yearless(text, rules)
    prefix = rules.unlabelled_date.match(text)
    if prefix is None:
        # after the author: "By Example Updated Jan.1"
        if _BY_SEGMENT.match(text):
            prefix = next((p for p in (rules.unlabelled_date.match(text, m.end())
                                       for m in re.finditer(r"\s+", text)) if p), None)
    date_start = full[1] if full else (yearless[1] if yearless else None)
    if prefix is None and date_start:
        # right before the date, after the publisher's name: "Example Finance Updated on 2024-01-28"
        before = text[:date_start].rstrip()
        prefix = next((p for p in (rules.unlabelled_date.match(before, m.end())
                                   for m in re.finditer(r"\s+", before)) if p and p.end() == len(before)), None)
    # a year-less date with its time ("May 6 10:12") is a time stamp, as a prefixed one is
    timed = yearless is not None and rules.time.match(text[yearless[2]:].lstrip()) is not None
    if not labels and not full and not (yearless and (prefix or timed)):
        # A known publisher alone on its line ("CGTN" under the headline) is a credit line. A
        # bare domain is not: lines of links are spam more often than credits.
        if _fold(text.strip(" ()[]|")) in rules.publishers:
            return Byline(published=None, yearless=None, source=_source_value(text, rules))
        return None
    if not labels and _SENTENCE_END.search(text) and not (full and full[2] >= len(text) - 1):
        return None
    # Cut the line into fields: each label owns the text up to the next label, separator or date.
    date_span = (full[1], full[2]) if full else ((yearless[1], yearless[2]) if yearless else None)
    cuts = sorted({m.start() for m in labels} | {m.start() for m in _SEPARATOR.finditer(text)}
                  | ({date_span[0]} if date_span else set()) | {len(text)})
    taken = [False] * len(text)

    def take(a: int, b: int) -> None:
        for i in range(a, b):
            taken[i] = True

    if date_span:
        take(*date_span)
        category = _CATEGORY_AFTER.match(text, date_span[1])
        if category:
            take(category.start(), category.end())  # "Posted ... on March 5, 2021 in Hospital News"
    for m in rules.time.finditer(text):
        take(m.start(), m.end())
    if prefix:
        take(prefix.start(), prefix.end())
    source = None
    source_labelled = False
    poster = False  # the source label named a person: the one who posted the page
    for m in labels:
        value_end = next(c for c in cuts if c > m.start() and c >= m.end()) if m.end() < len(text) else len(text)
        if date_span and m.end() <= date_span[0] < value_end:
            value_end = date_span[0]
        take(m.start(), value_end)
        if m.group("source") and (not source_labelled or poster):
            # "Publisher: Wang Wu From: Example University": a later source label names the publisher
            value = _source_value(text[m.end():value_end], rules)
            if not source_labelled or value is not None:
                source, source_labelled = value, True
                poster = value is not None and _author_name_text(value) and not _is_publisher(value, rules)
        elif (m.group("date") and source is None and not date_span
              and rules.domain.match(text[m.end():value_end].strip(" .,;|"))):
            # "Updated: example.gov.cn": a date field holding the site's domain, not a date
            source = _source_value(_site_name(text[m.end():value_end]), rules)
        elif m.group("person") and source is None and not _PHOTO_LABEL.search(m.group()) and _is_publisher(
                text[m.end():value_end], rules, rules.publication_words | rules.author_publication_words):
            # an author field that names a publication or body ("Author: Example Evening News", "By:
            # Example Health Care") credits it; a photo credit never does
            source = _source_value(text[m.end():value_end], rules)
        elif m.group("person") and source is None and not _PHOTO_LABEL.search(m.group()):
            # "Reporter: Wang Wu (Example Daily)": the author's publication in brackets after the name
            paper = _NAME_THEN_PAPER.fullmatch(text[m.end():value_end].strip())
            if paper and _is_publisher(paper.group(1), rules):
                source = _source_value(paper.group(1), rules)
    # Unlabelled segments between separators: an author segment, a UI word, or a publisher.
    for seg_start, seg_end in _segments(text, cuts):
        seg = text[seg_start:seg_end]
        bare = seg.strip(" |\uff5c-–—,;()[]\u2022\u00b7")
        if not bare or all(taken[seg_start + i] for i in range(len(seg)) if not seg[i].isspace()):
            continue
        credited = _PUBLISHER_BY.match(bare)
        if credited and source is None and not source_labelled and _is_publisher(credited.group(1), rules):
            # "(Example.org.cn by Wang Wu, April 5, 2007)": the publisher, then its author
            source = _source_value(credited.group(1), rules)
            take(seg_start, seg_end)
        elif re.match(r"(?i:by)\s", bare):
            take(seg_start, seg_end)
            # "By Global Times", "By ExampleNews": the byline names the publisher, not an author.
            name = bare[3:].strip()
            if prefix is not None and prefix.start() > seg_start:
                name = text[seg_start:prefix.start()].strip()[3:].strip()
            bracketed = _AUTHORS_THEN_PUBLISHER.match(seg.strip(" |\uff5c,;"))
            # "Posted on 2021-03-05 by Lanshan Hospital": as in an author field, a body's name
            if source is None and not source_labelled and (_is_publisher(
                    name, rules, rules.publication_words | rules.author_publication_words) or _single_name(name)):
                source = _source_value(name, rules)
            elif source is None and not source_labelled and _trailing_publisher(name, rules):
                source = _trailing_publisher(name, rules)
            elif source is None and not source_labelled and bracketed and _is_publisher(
                    bracketed.group("source"), rules, rules.publication_words | rules.author_publication_words):
                # "By Wang Wu (Example Daily) Updated: ...": the publisher in brackets after the authors
                source = _source_value(bracketed.group("source"), rules)
        elif source is None and not source_labelled and _unlabelled_publisher(bare, rules):
            source = _source_value(_site_name(_unlabelled_publisher(bare, rules)), rules)
            take(seg_start, seg_end)
    leftover = []
    for m in _NON_SPACE.finditer(text):
        if all(taken[m.start():m.end()]):
            continue
        piece = "".join(c for i, c in enumerate(m.group()) if not taken[m.start() + i])
        piece = piece.strip(_WORD_TRIM + "[]【】")
        if piece and not piece.isdigit() and piece.lower() not in rules.ui_words and (
                piece.lower() not in rules.weekdays):
            leftover.append(piece)
    # The leftover may also be a publisher beside the date ("Updated: Jul 26,2019 09:48 Xinhua").
    if source is None and not source_labelled and leftover and _unlabelled_publisher(" ".join(leftover), rules):
        source = _source_value(_site_name(_unlabelled_publisher(" ".join(leftover), rules)), rules)
        leftover = []
    if not source_labelled and any(m.group("person") and _PHOTO_LABEL.search(m.group()) for m in labels):
        # "Photo: Wang Wu / Example Daily": a photo credit's paper is never the page's source
        source = None
    if len(leftover) > shape.byline_max_leftover:
        return None
    if not labels and not date_span:
        return None
    # "Founded in: 1960-05-01", "TO BE HELD ON MAY 4, 2010": an event's date, not the page's
    # (the line stays a byline, as the shape of the page around it reads it)
    if any(w.lower() in rules.event_words for w in leftover):
        full = yearless = None
    published = full[0] if full else None
    return Byline(published=published, yearless=yearless[0] if yearless else None, source=source,
                  labelled=source_labelled and source is not None)


def parse_credit(text: str, rules: CleanRules) -> Byline | None:
    """A publisher credited in a sentence: "This article appeared in the X print edition as: ..."."""
    if len(text.split()) > rules.shape.byline_max_words:
        return None
    for pattern in rules.credits:
        m = pattern.match(text)
        if m and m.group("source").split()[0].lower().rstrip(".") not in rules.months:
            return Byline(published=None, yearless=None, source=_source_value(m.group("source"), rules))
    return None


# Fields of a byline are cut at bars, spaced dashes and slashes, and at an opening bracket: a
# UI control glued on after the value ("Source: X 【Font size: L M S】 【Print】").
_SEPARATOR = re.compile(r"[|\uff5c\[\u3010\u2571\uff0f]|\s[-–—/\u2022\u00b7]\s")
_DIGIT_OR_COLON = re.compile(r"[\d:\uff1a]")


def _segments(text: str, cuts: list[int]):
    prev = 0
    for c in cuts:
        if c > prev:
            yield prev, c
        prev = c


# "By <authors>(<publisher>)" and "<publisher> by <author>"
_AUTHORS_THEN_PUBLISHER = re.compile(r"^(?P<authors>(?i:by)\s.+?)\s*\(\s*(?P<source>[^()]{2,60}?)\s*\)$")
_PUBLISHER_BY = re.compile(r"^\(?\s*(\S.{0,40}?)\s+by\s+[A-Z]")


# a photo credit's label ("Photo source:", "Image courtesy:"): furniture, never the page's source
_PHOTO_LABEL = re.compile(r"(?i)photo|image|picture|credit|courtesy")

# "By <one capitalised word>" is a publisher: a person's byline has a given and a family name.
_BY_SEGMENT = re.compile(r"(?i:by)\s+\S")
# ... and a freelance's "special to" the paper ("By Li Ming, Special to the Example Times")
_AUTHOR_THEN = re.compile(r",\s+(?:(?i:special\s+to)\s+(?:the\s+)?(?=[A-Z]))?|\s+(?:for|(?i:special\s+to))\s+(?:the\s+)?(?=[A-Z])")
_RELATIVE_STAMP = re.compile(r"(?P<name>\S.*?)\s*[|\uff5c\u00b7\u2022-]?\s*(?:\d{1,2}|an?)\s*"
                             r"(?i:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+(?i:ago)\.?")
# ... or glued to a capitalised value by a dash ("Source-Xinhua", "SOURCE\u2014Lanshan Daily")
_DASHED_SOURCE_LABEL = re.compile(r"^((?i:sources?))(?:\s+[-\u2013\u2014|\uff5c]\s+(?=\S)|\s*[-\u2013\u2014]\s*(?=[A-Z]))")
# ... also after a comma, or a domain in brackets ("By, Example", "By (example.com.cn)")
_BY_ONE_NAME = re.compile(r"(?i:by),?\s+(?P<open>\(\s*)?(?P<name>[^\s()]+)(?(open)\s*\))")


def _trailing_publisher(value: str, rules: CleanRules) -> str | None:
    """A known publisher's name ending an author field ("Li Ming Associated Press"), as written;
    the authors' names stay in front of it."""
    words = value.strip(" .,;:|").split()
    return next((" ".join(words[k:]) for k in range(1, len(words))
                 if _fold(" ".join(words[k:])) in rules.publishers), None)


def _unlabelled_publisher(value: str, rules: CleanRules) -> str | None:
    """The publisher's name in an unlabelled field beside a date, without the words around it:
    "by Example Daily", "From Example Daily", "Example Daily on", the author before a comma
    ("Wang Wu, Example Daily"). After "by" or "from" the name is read as in an author field ("Posted
    on 2021-03-05 by Lanshan Hospital" credits the hospital)."""
    credited = _BY_OR_FROM.match(value.strip()) is not None
    value = _BESIDE_DATE.sub("", value.strip())
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return next((p for p in (parts[::-1] if len(parts) > 1 else parts) if _dated_publisher(p, rules) or (
        credited and len(parts) == 1
        and _is_publisher(p, rules, rules.publication_words | rules.author_publication_words))), None)


# a blog's category after the date ("... on March 5, 2021 in Hospital News")
_CATEGORY_AFTER = re.compile(r"\s+in\s+[A-Z][\w&'\u2019 -]{0,40}$")
_READ_MORE = re.compile(r"(?i:read\s+(?:more|the\s+(?:full|original)\s+(?:story|article)))(?:\s+(?i:at|on|from))?"
                        r"\s*[:\uff1a]?\s*(?P<source>\S.{0,40}?)\s*\.?")
_AUTHOR_COMMA_PUBLISHER = re.compile(r"[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){1,2},\s+(?P<source>[^,]{2,60})")
# the author's role after the publisher's name ("Example Daily staff reporter")
_ROLE_AFTER = re.compile(r"\s+(?i:(?:staff|senior|chief|special|our)\s+)?(?i:reporters?|correspondents?|writers?)$")
_BY_OR_FROM = re.compile(r"(?i:by|from)\s")


def _dated_publisher(value: str, rules: CleanRules) -> bool:
    """A publisher's name beside a date: one `_is_publisher` takes, or a name in capitals ending in
    a word that names a medium or a company beside a date ("Xinghe Health Net | 2021-03-05",
    "2014-10-13, Lanbo Medical"), or in "News" after two words or more ("Lanbo Evening News"; a
    section is "Hospital News")."""
    if _is_publisher(value, rules, rules.publication_words | rules.dated_publication_words):
        return True
    words = value.strip(" .,;:()[]").split()
    return len(words) >= rules.dated_long_min and _is_publisher(value, rules, rules.dated_long_words)


# the words that join a publisher's name to the date beside it
_BESIDE_DATE = re.compile(r"^(?i:by|from)\s+|\s+(?i:on|at)$")


def _site_name(value: str) -> str:
    """A site named by its address beside a date ("Updated: May 4, 2019 www.example.com"): the
    domain without the host's "www." (a labelled credit keeps the value as written)."""
    return re.sub(r"^\s*(?:https?://)?www\.(?=[^.\s]+\.)", "", value, flags=re.IGNORECASE)


def _single_name(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z.&-]+", value))


def _author_name_text(value: str) -> bool:
    return bool(_AUTHOR_NAME.fullmatch(value))


def _is_publisher(value: str, rules: CleanRules, publication_words: frozenset[str] | None = None) -> bool:
    # an edition in brackets after the name ("Example Daily (Lanshan)", "Example Weekly (Europe)")
    value = re.sub(r"(?<=\w)\s*\([^()]{2,30}\)$", "", value.strip(" .,;:")) or value
    value = value.strip(" .,;:()[]")
    if rules.domain.match(value) or _fold(value) in rules.publishers:
        return True
    # a name in capitals ending in a word that names a publication ("Lanshan Daily", "Example
    # Finance", "Qingshan Evening News"); a slash inside it is a photo credit's ("Photo/Example
    # Daily", "WANG WU/EXAMPLE DAILY"), never the page's source
    words = value.split()
    if "/" in value:
        return False
    return (1 < len(words) <= 5 and all(w[:1].isupper() for w in words)
            and words[-1].lower() in (rules.publication_words if publication_words is None else publication_words))


_NAME_THEN_PAPER = re.compile(r"[^()]+?\s*\(\s*([^()]{2,60}?)\s*\)")
_FIELD_RUN_ON = re.compile(r"\s+(?:Editor|Author|Reporter|Writer|Views?|Hits|Clicks?|Reads|Share\s+to|"
                           r"Font\s+size)\b(?:\s*[:\uff1a]?\s*\S.*|\s*[:\uff1a]?)$")
_URL_HOST = re.compile(r"^(?i:https?://)(?P<host>[\w-]+(?:\.[\w-]+)+)(?::\d+)?(?:[/?#]\S*)?$"
                       r"|^(?P<www>(?i:www)\.[\w-]+(?:\.[\w-]+)+)[/?#]\S*$")


def _strip_brackets(value: str) -> str:
    while value[:1] == "(" and value.count("(") > value.count(")") or value[:1] == "(" and value[-1:] == ")":
        value = value[1:].strip()
    while value[-1:] == ")" and value.count(")") > value.count("("):
        value = value[:-1].strip()
    return value


def _source_value(value: str, rules: CleanRules) -> str | None:
    """The publisher as written, or None for an empty, generic or non-English value."""
    value = " ".join(value.split()).strip(" .,;:|[]【】\uff5c-–—")
    # brackets around the value go, an edition's closing one stays ("Example Daily (Lanshan)")
    value = _strip_brackets(value).strip(" .,;:|[]【】\uff5c-–—")
    # the next field run on without its colon or bar ("X Editor Wang Wu", "X Views 120")
    run_on = _FIELD_RUN_ON.search(value)
    if run_on and value.split()[-1].lower() not in rules.publication_words:  # not "The Editor Daily"
        value = value[:run_on.start()]
    trimmed = None
    while trimmed != value:  # UI words glued on the end ("X Print Close", "X Font size: big medium small")
        trimmed = value
        for ui in sorted(rules.ui_words, key=len, reverse=True):
            if value.lower().endswith(" " + ui):
                value = value[:-len(ui) - 1].rstrip(" .,;:|")
                break
    # an address credits its site: the host, as a domain is written ("http://www.example.cn/a/1.html")
    value = _URL_HOST.sub(lambda m: m.group("host") or m.group("www"), value)
    # "reprinted from X", "X (Chinese)", "X website": the publisher is X
    value = rules.source_prefix.sub("", value, count=1)
    value = _strip_brackets(rules.source_suffix.sub("", value, count=1).strip(" .,;:|[]"))
    if rules.source_reject.search(value):
        return None
    if any(_fold(part).strip(" .,;:()") in rules.photo_libraries for part in re.split(r"[/|,]|\bvia\b", value)):
        return None  # "Source: Li Ming/Example Stock": a photo's credit under a picture, not the page's
    if (not value or _CJK.search(value) or _fold(value) in rules.generic_sources
            or len(value.split()) > rules.shape.credit_max_words or not re.search(r"[A-Za-z]", value)):
        return None
    # An office of the site's own institution named only by generic words ("Office of
    # Communications", "Party and Government Office") does not say who publishes.
    if all(w.strip(_WORD_TRIM) in rules.generic_source_words for w in _fold(value).split()):
        return None
    # a publisher's name is given as canonical names are, with an ASCII apostrophe ("People's Daily")
    return value.translate(_ASCII_APOSTROPHE)


_ASCII_APOSTROPHE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def parse_dateline(text: str, rules: CleanRules) -> tuple[int, str | None, tuple[int, int] | None, str | None] | None:
    """A news-agency dateline opening a paragraph: (length of the prefix, full ISO date or None,
    (month, day) when written without a year, agency or None)."""
    m = next((m for m in (p.match(text) for p in rules.datelines) if m), None)
    if not m or m.end() >= len(text):
        return None
    written = m.groupdict().get("date")
    iso = yearless = None
    if written:
        full = find_date(written, rules)
        if full:
            iso = full[0]
        else:
            found = find_yearless(written, rules)
            yearless = found[0] if found else None
    groups = m.groupdict()
    # "(Xinhua)", "/PRNewswire/", "-- (Example News) --" after the date
    agency = groups.get("agency") or groups.get("wire") or groups.get("wire2") or groups.get("wire3")
    if agency and not (written or groups.get("place")) and _place_like(agency, rules):
        # "(Lanshan) -- The hospital ...": the place a story is filed from, in brackets, names no
        # agency (a wire names itself as a known publisher, or in a coined name, "RTTNews", "Wirenews")
        agency = None
    return m.end(), iso, yearless, _source_value(agency, rules) if agency else None


_PLACE_WORDS = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _place_like(name: str, rules: CleanRules) -> bool:
    """A word or two in title case that no publisher's name is, nor holds a medium's word."""
    if not _PLACE_WORDS.fullmatch(name) or _fold(name) in rules.publishers:
        return False
    media = rules.publication_words | rules.dated_publication_words | rules.dated_long_words
    folded = name.lower()
    return not any(len(w) > 2 and w in folded for w in media)


def resolve_year(month_day: tuple[int, int], lines: list[Line], rules: CleanRules) -> str | None:
    """Give a year-less byline or dateline date its year only when the text leaves no doubt:
    full dates in the text that fall at most `yearless_max_days` before it must all point to one
    year (a story reports what happened in the days before its dateline)."""
    month, day = month_day
    years = set()
    for line in lines:
        if line.kind == "blank":
            continue
        for pattern in rules.dates:
            for m in pattern.finditer(line.text):
                iso = _iso(m, rules)
                if not iso:
                    continue
                seen = date.fromisoformat(iso)
                try:
                    stamped = date(seen.year, month, day)
                except ValueError:
                    continue
                if timedelta(0) <= stamped - seen <= timedelta(days=rules.shape.yearless_max_days):
                    years.add(seen.year)
    if len(years) == 1:
        year = years.pop()
        return date(year, month, day).isoformat()
    return None


# ---------------------------------------------------------------------------------------------
# Step 3: the page's structure.

def read_structure(lines: list[Line], rules: CleanRules) -> int | None:
    """Mark header, footer and menu lines; return the title's index or None. Linear in lines."""
    shape = rules.shape
    live = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
    # A paragraph wrapped at a fixed width: a line without end punctuation whose next line (no
    # blank between) goes on in lowercase ("... a delegation of six had an / exchange visit ...").
    for a, b in zip(live, live[1:]):
        if (b == a + 1 and lines[a].kind == lines[b].kind == "content"
                and lines[a].text[-1] not in _END_PUNCT and lines[b].text[:1].islower()):
            lines[a].wrapped = True
    copied = _page_title_copies(lines, live)
    prose = [i for i in live if lines[i].kind == "content" and lines[i].prose]
    body_start = prose[0] if prose else None

    # The article ends at a copyright or "related news" line after the body starts.
    if body_start is not None:
        end_at = next((i for i in live if i > body_start and lines[i].kind == "end"), None)
        if end_at is not None:
            for i in live:
                if i > end_at and lines[i].kind == "content":
                    lines[i].kind = "footer"
    prose = [i for i in prose if lines[i].kind == "content"]

    # The page header ends at the last breadcrumb above the second paragraph (the first may be a
    # sentence-shaped title), and only at one with a paragraph below it: a trail under the last
    # paragraph is page furniture at the foot, and taking it for the header's end would make the
    # whole article header (a one-paragraph story over "Home > News > Health" lost all its text).
    limit = prose[1] if len(prose) > 1 else len(lines)
    crumbs = [i for i in live if lines[i].kind == "breadcrumb" and i < limit
              and (not prose or i < prose[-1])]
    top = crumbs[-1] + 1 if crumbs else 0
    for i in live:
        if i < top and lines[i].kind == "content":
            lines[i].kind = "header"

    guarded = _headline_guards(lines, live)
    # Bylines at the top: fewer than two paragraphs above them.
    second = prose[1] if len(prose) > 1 else len(lines)
    bylines = [i for i in live if lines[i].kind == "byline" and top <= i < second]
    # A masthead (the site's name alone on its line, above everything) is not the byline that the
    # headline sits on when a dated or credit line follows below.
    while len(bylines) > 1 and _bare_credit(lines[bylines[0]]):
        bylines = bylines[1:]
    title = None
    if bylines:
        # The headline sits just above the byline, unless the byline line tops the headline: then
        # the line below it is headline-shaped and the body follows it, and what is above the
        # byline is a short site name or section label (fewer than four words: "Hospital gets
        # makeover with new wing" above the byline is the headline, its subheadline below).
        above = [i for i in live if top <= i < bylines[0] and lines[i].kind == "content"
                 and not lines[i].listed and _headline_shaped(lines[i], shape)]
        # "Headline / Kelly Tsang / Published: ...": an author's name alone between the headline
        # and the date line is a credit, not the headline
        # (a headline too short to tell from a menu item is not trusted over it)
        strong = [i for i in above if lines[i].words >= 4 or not lines[i].menu]
        if len(above) >= 2 and _author_name(lines[above[-1]]) and strong and strong[-1] != above[-1]:
            lines[above[-1]].kind = "furniture"
            above = above[:-1]
            # and a short publisher's name between the headline and the author is a masthead
            # ("Headline / China Example Online / Wang Wu / 2022-12-06")
            above = [i for i in above if i <= strong[-1]]
        below = [i for i in live if i > bylines[0] and lines[i].kind == "content"][:2]
        headline_below = (len(below) == 2 and not lines[below[0]].prose and not lines[below[0]].listed
                          and _headline_shaped(lines[below[0]], shape) and lines[below[1]].prose)
        if above and not (headline_below and lines[above[-1]].menu and lines[above[-1]].words < 4):
            title = above[-1]
            # The browser title names the headline: a line between it and the byline is its
            # subheadline ("300-bed hospital is expected to open in 2025").
            named = [i for i in above[:-1] if i in copied and title not in copied]
            if named:
                title = named[-1]
            elif _deck_under(lines, live, above, bylines[0], shape):
                # "<headline> / <subheadline> / <byline>": two headline-shaped lines of four words
                # or more right on the byline; the upper one is the headline
                title = above[-2]
        elif headline_below:
            title = below[0]
    if title is None:
        # No byline, or none with the headline next to it ("date 2020-02-12 / Page A2 / Free for
        # subscribers / <headline> / <paragraph>"): the title is among the lines above the first
        # paragraph. A section label ("Hospital News") may sit above it: prefer the first line
        # that reads as a headline (four words or more, or not menu-shaped), else the line nearest
        # the paragraph. A paragraph-shaped first line is the story itself and the page has no
        # title, unless it has no full stop and a paragraph follows it: then it is a long
        # headline ("City hospital opens its new wing, adding 300 beds for the district").
        in_menu = {i for run in _menu_runs(lines, live, None, guarded) if len(run) >= shape.menu_min_run
                   for i in run}
        content = [i for i in live if i >= top and lines[i].kind == "content"]
        # A photo's caption above the headline ("Officials at the signing. Photo: X") is not the
        # story's start.
        stop = next((i for i in content if (lines[i].prose or lines[i].wrapped) and not lines[i].caption),
                    None)
        above = [i for i in content if (stop is None or i < stop) and not lines[i].listed
                 and i not in in_menu and _headline_shaped(lines[i], shape)]
        headline = [i for i in above if lines[i].words >= 4 or not lines[i].menu]
        pick = headline[0] if headline else (above[-1] if above else None)
        # A long headline wins over a short label above it ("About Us News" over it).
        if not headline and stop is not None:
            after = [i for i in content if i > stop and any(c.isalpha() for c in lines[i].text)][:2]
            if (any(lines[i].prose for i in after) and not lines[stop].listed
                    and _long_headline(lines[stop], shape)):
                pick = stop
        if pick is not None and content and pick != content[-1]:
            title = pick
    if title is None and crumbs:
        # A page that prints its title above the breadcrumb.
        above = [i for i in live if i < crumbs[-1] and lines[i].kind == "header"]
        if above and _headline_shaped(lines[above[-1]], shape) and lines[above[-1]].words >= 3:
            title = above[-1]
            lines[title].kind = "content"

    # Menus: runs of menu-shaped lines (blank and furniture lines do not break a run). Longer runs
    # anywhere; shorter ones above the title and below the last paragraph. A run opened by a line
    # ending in a colon is a list ("The members are:"), not a menu.
    last_prose = prose[-1] if prose else None
    _sign_off(lines, live, last_prose, shape)
    head_end = title if title is not None else body_start
    previous = _previous_content(lines, live)
    for run in _menu_runs(lines, live, title, guarded):
        opener = previous.get(run[0])
        if opener is not None and lines[opener].text.endswith((":", "\uff1a")):
            continue
        at_edge = ((head_end is not None and run[-1] < head_end)
                   or (last_prose is not None and run[0] > last_prose))
        if len(run) >= shape.menu_min_run or (at_edge and len(run) >= shape.edge_min_run):
            for i in run:
                lines[i].kind = "menu"

    if title is not None:
        _trim_title(lines[title], rules)
    # Above the title only list items and paragraphs are article content.
    if title is not None:
        for i in live:
            if i < title and lines[i].kind == "content" and not lines[i].listed and not lines[i].prose:
                lines[i].kind = "header"
    return title


# Furniture glued to a headline: a section label before a bar ("News | "), a bar or a time stamp
# after it ("... Australia |", "... 03/17/2017 16:41"), wiki heading marks ("= Title =").
_TITLE_LABEL = re.compile(r"^[^|\uff5c]{1,25}?\s[|\uff5c]\s+(?=\S)")
_TITLE_FIELD = re.compile(r"(?i:title|headline|subject)\s*[:\uff1a]\s*(?=\S)")  # "Title: <headline>"
_TITLE_TAIL = re.compile(r"\s*[|\uff5c]\s*$")
_WIKI_HEADING = re.compile(r"^(=+)\s*(?P<t>\S.*?)\s*\1$")


def _trim_title(line: Line, rules: CleanRules) -> None:
    text = line.text
    lo, hi = 0, len(text)
    m = _WIKI_HEADING.match(text)
    if m:
        lo, hi = m.start("t"), m.end("t")
    m = _TITLE_LABEL.match(text, lo, hi) or _TITLE_FIELD.match(text, lo, hi)
    if m and len(text[m.end():hi].split()) >= 4 and len(text[lo:m.end()].split()) <= 3:
        lo = m.end()
    m = _TITLE_TAIL.search(text, lo, hi)
    if m and m.start() > lo:
        hi = m.start()
    found = find_date(text[lo:hi], rules)
    if found and found[1] == 0 and len(text[lo + found[2]:hi].split()) >= 4 and text[lo + found[2]:hi][:1].isupper():
        # the page's date glued or set before the headline ("2016-07-18Lanshan hospital opens ...")
        lo += found[2]
        line.stamp = found[0]
    found = find_date(text[lo:hi], rules)
    if found and found[1] > 0 and len(text[lo:lo + found[1]].split()) >= 4:
        tail = text[lo + found[2]:hi]
        tail = rules.time.sub("", tail).strip()
        if not tail:
            hi = lo + len(text[lo:lo + found[1]].rstrip())
            line.stamp = found[0]
    if (lo, hi) != (0, len(text)):
        line.text, line.offs = text[lo:hi], line.offs[lo:hi]


# A site name after the headline in a page's <title> ("Headline - Site", "Headline-Xinhua",
# "Headline | Site", "Headline_Site", "Headline - Xinhua | English.news.cn").
_SITE_SUFFIX = re.compile(r"\s*(?:[-\u2013\u2014|_\uff5c]|::)\s*[^-\u2013\u2014|_\uff5c!?]{1,40}$")


def _page_title_copies(lines: list[Line], live: list[int]) -> set[int]:
    """A scraped page often repeats its headline: once as the browser title (with the site's
    name after it) and once above the story. The copy is page header, not a block. Returns the
    lines that the browser title copies."""
    copied: set[int] = set()
    texts: dict[str, int] = {}
    for i in live:
        if lines[i].kind == "content" and not lines[i].prose:
            texts.setdefault(_fold(lines[i].text), i)
    if len(texts) < 2:
        return copied
    for i in live:
        ln = lines[i]
        if ln.kind != "content" or ln.prose:
            continue
        text = ln.text
        for _ in range(3):  # a site name and its section or domain after it
            m = _SITE_SUFFIX.search(text)
            if not m or m.start() == 0:
                break
            text = text[:m.start()]
            j = texts.get(_fold(text))
            if j is not None and j != i:
                ln.kind = "header"
                copied.add(j)
                break
    # Link texts or browser titles that end in the same site name ("Map of China | Example
    # Division", "Chengdu, China | Example Division") are page header.
    tails: dict[str, list[int]] = {}
    for i in live:
        ln = lines[i]
        if ln.kind == "content" and not ln.prose and " | " in ln.text:
            head, _, tail = ln.text.rpartition(" | ")
            if head.strip() and tail.strip():
                tails.setdefault(_fold(tail), []).append(i)
    for group in tails.values():
        if len(group) >= 2:
            for i in group:
                lines[i].kind = "header"
    # A trail of section names run into the headline, the headline printed again below it
    # ("Trade News Industry Views <headline>" / "<headline>"): the trail is page header.
    content = [i for i in live if lines[i].kind == "content"]
    for a, b in zip(content, content[1:]):
        long, short = lines[a].text, lines[b].text
        if (not lines[b].prose and len(short.split()) >= 3 and len(long) > len(short)
                and _fold(long).endswith(" " + _fold(short)) and len(long.split()) - len(short.split()) <= 6):
            lines[a].kind = "header"
            copied.add(b)
    return copied


def _contact_blocks(lines: list[Line], rules: CleanRules) -> None:
    """"Media contact:" opens a block: the short lines under it (a name and company, a phone, an
    address) are contact details up to the next blank line."""
    open_block = False
    for ln in lines:
        if ln.kind == "blank":
            open_block = False
        elif ln.kind == "contact":
            # "Media contact:" or a bare "Contacts" heading opens a block; "Tel: 123", a phone
            # number or an address line does not
            open_block = ln.text.endswith((":", "\uff1a")) or not re.search("[:\uff1a@\\d]", ln.text)
        elif open_block and ln.kind == "content" and not ln.prose and ln.words <= rules.shape.credit_max_words:
            ln.kind = "contact"
        else:
            open_block = False


def _sign_off(lines: list[Line], live: list[int], last_prose: int | None, shape: _Shape) -> None:
    """A notice signed at its foot: the issuer's name on its own line above the date line is part
    of the signature, not text ("Example Municipal Health Commission / March 3, 2021")."""
    if last_prose is None:
        return
    for a, b in zip(live, live[1:]):
        above, below = lines[a], lines[b]
        if (a > last_prose and below.kind == "byline" and below.published and above.kind == "content"
                and not above.listed and above.words <= shape.credit_max_words
                and above.text[-1] not in _END_PUNCT + ",;:"):
            above.kind = "furniture"


def _deck_under(lines: list[Line], live: list[int], above: list[int], byline: int, shape: _Shape) -> bool:
    """The last two of `above` a headline and its subheadline: adjacent live lines right on the
    byline, both of `deck_min_words` words or more, neither a paragraph nor menu-shaped, and
    neither holding the other."""
    if len(above) < 2:
        return False
    upper, lower = above[-2], above[-1]
    k = live.index(lower)
    if live[k - 1] != upper or live[k + 1] != byline:
        return False
    if not all(lines[i].words >= shape.deck_min_words and not lines[i].prose and not lines[i].menu
               for i in (upper, lower)):
        return False
    # not a trail ending in the headline, nor the site's name that the headline repeats
    a, b = (_fold(lines[i].text) for i in (upper, lower))
    return a not in b and b not in a


def _headline_shaped(line: Line, shape: _Shape) -> bool:
    # a lone counter ("0", "12") is not a headline; nor is a photo caption, a wire lead, the first
    # line of a hard-wrapped paragraph, a speaker's label ("Wang Wu:"), a line cut at a comma, or
    # a subheadline opened by a dash ("-Affiliate of ...")
    return (not line.caption and not line.dateline and not line.wrapped
            and line.text[-1] not in ":\uff1a,\uff0c" and line.text[0] not in "-\u2013\u2014"
            and line.words <= shape.title_max_words and len(line.text) <= shape.title_max_chars
            and line.text.count(". ") < 2 and any(c.isalpha() for c in line.text)
            and not _MONTH_YEAR.fullmatch(line.text))


# a month and year alone on a line ("July 2014", "Sept. 2019"): an archive's heading, never a headline
_MONTH_YEAR = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}")


# A sentence end inside a line, or a period ending it.
# (not an abbreviation's point: "Mr. Wang", "U.S. hospitals", "No. 3")
_INNER_STOP = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bCo)(?<!\bMrs)(?<!\bProf)(?<!\bLtd)"
                         r"(?<!\bInc)(?<!\b[A-Z])[.。](?=\s)|[.。]$")


def _long_headline(line: Line, shape: _Shape) -> bool:
    """A paragraph-length line that reads as a headline: without a full stop (it may hold or end
    in "?" or "!"), short enough for a title."""
    return _headline_shaped(line, shape) and not _INNER_STOP.search(line.text)


def _bare_credit(line: Line) -> bool:
    """A byline that is only a publisher's name: no date, no label."""
    return line.source is not None and not line.source_labelled and line.published is None and line.yearless is None


# Two or three capitalised words and nothing else ("Kelly Tsang", "WANG KAIYUAN", "Mary-Ann Lo").
_AUTHOR_NAME = re.compile(r"[A-Z][A-Za-z'\u2019-]+(?: [A-Z][A-Za-z'\u2019-]+){1,2}")


def _author_name(line: Line) -> bool:
    return bool(_AUTHOR_NAME.fullmatch(line.text))


def _previous_content(lines: list[Line], live: list[int]) -> dict[int, int]:
    """For each content line, the content line before it."""
    out: dict[int, int] = {}
    prev = None
    for i in live:
        if lines[i].kind == "content":
            if prev is not None:
                out[i] = prev
            prev = i
    return out


def _headline_guards(lines: list[Line], live: list[int]) -> set[int]:
    """Short lines that head the article rather than a menu: at least three words, right above a
    byline, or right above the first paragraph with no paragraph before them."""
    first_prose = next((i for i in live if lines[i].kind == "content" and lines[i].prose), None)
    out = set()
    nxt = None  # the next content or byline line below
    for i in reversed(live):
        ln = lines[i]
        if ln.kind not in ("content", "byline"):
            continue
        if ln.kind == "content" and ln.menu and ln.words >= 3 and nxt is not None:
            below = lines[nxt]
            if below.kind == "byline" or (below.prose and nxt == first_prose):
                out.add(i)
        nxt = i
    return out


def _menu_runs(lines: list[Line], live: list[int], title: int | None,
               guarded: set[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    for i in live:
        ln = lines[i]
        if ln.kind != "content":
            continue  # furniture between menu items does not break the menu
        if ln.menu and i != title and i not in guarded:
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


# ---------------------------------------------------------------------------------------------
# Step 4: metadata and the clean text.

def read_page(raw: str, rules: CleanRules, *, repair_unicode: bool = True) -> tuple[list[Line], int | None]:
    """Steps 1-3: the page's lines, each with its kind, and the rules' title line (or None)."""
    lines = build_lines(raw, rules, repair_unicode=repair_unicode)
    for line in lines:
        classify(line, rules)
    _contact_blocks(lines, rules)
    _labels_alone(lines, rules)
    for line in lines:
        if line.kind != "blank" and _magazine_name(line.text, rules):
            line.kind = "furniture"  # a printed page's running header ("30 | EXAMPLE REVIEW MAY 2017")
    return lines, read_structure(lines, rules)


def _labels_alone(lines: list[Line], rules: CleanRules) -> None:
    """A source label alone on its line with its value on the next ("Source:" / "Example Daily",
    a page's fields in two cells): the two lines read as one byline, the value's line is no
    content."""
    live = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
    for a, b in zip(live, live[1:]):
        label, value = lines[a], lines[b]
        m = rules.label.match(label.text)
        if (label.kind != "byline" or not m or not m.group("source") or m.end() < len(label.text)
                or value.kind not in ("content", "furniture", "menu") or value.prose
                or value.words > rules.shape.credit_max_words or value.text[-1] in _END_PUNCT
                or _vocab_share(value.text, rules) >= 0.5  # "Source:" over the footer's links
                # an empty field over a caption or a headline: the value must read as a publisher
                or not _is_publisher(value.text, rules, rules.publication_words | rules.author_publication_words
                                     | rules.dated_publication_words)):
            continue
        read = parse_byline(label.text + " " + value.text, rules)
        if read is not None and read.source is not None:
            label.source, label.source_labelled = read.source, True
            value.kind = "byline"


_VIEW_CHARS = 1000  # the chooser reads a line's first characters only (title_model._FEATURE_CHARS)


def page_view(lines: list[Line], title: int | None, rules: CleanRules) -> tuple[PageView, list[int]]:
    """What the headline chooser sees of a read page, and the line index of each of its rows."""
    live = [i for i, ln in enumerate(lines) if ln.kind != "blank" and ln.text]
    view = PageView(
        texts=[lines[i].text for i in live],
        kinds=[lines[i].kind for i in live],
        flags=[dict(prose=lines[i].prose, menu=lines[i].menu, listed=lines[i].listed,
                    caption=lines[i].caption, dateline=lines[i].dateline, wrapped=lines[i].wrapped,
                    headline_shaped=_headline_shaped(lines[i], rules.shape),
                    has_date=find_date(lines[i].text[:_VIEW_CHARS], rules) is not None,
                    menu_vocab=_vocab_share(lines[i].text[:_VIEW_CHARS], rules)) for i in live],
        words=[len(lines[i].text.split()) for i in live],
        rule_pick=live.index(title) if title in live else None)
    return view, live


def _vocab_share(text: str, rules: CleanRules) -> float:
    words = [w.strip(_WORD_TRIM).lower() for w in text.split()]
    words = [w for w in words if w]
    return sum(1 for w in words if w in rules.menu_words or w in rules.ui_words) / len(words) if words else 0.0


def title_text(lines: list[Line], index: int | None, title: int | None, rules: CleanRules) -> str | None:
    """The title that line `index` gives: the rules' title line as they trimmed it, any other line
    trimmed the same way (a section label before a bar, a time stamp after it); with the end of
    a headline wrapped onto the next line."""
    if index is None:
        return None
    if index == title:
        return lines[index].text + _run_on(lines, index)
    copy = Line(start=lines[index].start, end=lines[index].end, text=lines[index].text,
                offs=list(lines[index].offs))
    _trim_title(copy, rules)
    return copy.text + _run_on(lines, index)


# Words that cannot open a headline but go on a name or a phrase: a line opened by one of them in
# lowercase under a headline cut at a fixed width ("Introduction of the First People's Hospital" /
# "of Xinghe Province") is its end. Not "by": "by Li Ming" under a headline is its credit.
_RUN_ON_WORDS = frozenset("of and for in at on to with".split())
_RUN_ON_MAX_WORDS = 6


def _run_on(lines: list[Line], index: int) -> str:
    """The end of a headline wrapped onto the next line, with its leading space, or ""."""
    below = next((ln for ln in lines[index + 1:] if ln.kind != "blank"), None)
    if (below is None or below.kind != "content" or below.prose or below.words > _RUN_ON_MAX_WORDS
            or lines[index].text[-1:] in _END_PUNCT or below.text.split()[0] not in _RUN_ON_WORDS):
        return ""
    return " " + below.text


def clean(raw: str, rules: CleanRules, *, repair_unicode: bool = True,
          strip_dateline: bool = True, title_model: TitleModel | None = None) -> Cleaned:
    """The article's blocks, their offset map, and the page's title, date and publisher.

    With a `title_model`, the title is the line it chooses among the page's first lines (the
    rules' choice is one of its features); the blocks are the rules' either way."""
    lines, title = read_page(raw, rules, repair_unicode=repair_unicode)
    chosen_title: str | None = None
    if title_model is not None:
        view, live = page_view(lines, title, rules)
        pick = title_model.choose(view)
        chosen_title = title_text(lines, live[pick] if pick is not None else None, title, rules)
    kept = [ln for ln in lines if ln.kind == "content"]

    # Metadata: bylines at the top first (before the second paragraph), then a dateline opening
    # the body, then credit lines anywhere (a "Source:" line under the story).
    prose_seen = 0
    top_bylines, late_bylines, mastheads = [], [], []
    for k, ln in enumerate(lines):
        if ln.kind == "content" and ln.prose:
            prose_seen += 1
        elif ln.kind == "byline":
            (top_bylines if prose_seen < 2 else late_bylines).append(ln)
            if title is not None and k < title and prose_seen == 0:
                mastheads.append(ln)
    # the date under the headline is the article's; a date above it may be the site's today
    # ("Monday, 4 March 2024" over a story of 2019)
    published = (_first(ln.published for ln in top_bylines if ln not in mastheads)
                 or _first(ln.published for ln in top_bylines))
    masthead_date = None if _first(ln.published for ln in top_bylines if ln not in mastheads) else published
    # A labelled credit ("Source: Xinhua") says more than a site name alone on its line, and the
    # article's own credit (under the headline, in the dateline, at its foot) more than the site's
    # masthead above the headline ("China Daily" over "By X | chinadaily.com.cn").
    source = _first(ln.source for ln in top_bylines if ln.source_labelled) or _first(
        ln.source for ln in top_bylines if ln not in mastheads)
    # a labelled credit at the story's foot ("Source: Example News") names the publisher more
    # surely than the name that opens a dateline ("Example University, May 4, 2017:")
    source = source or _first(ln.source for ln in late_bylines if ln.source_labelled)
    yearless = _first(ln.yearless for ln in top_bylines)

    start = next((k for k, ln in enumerate(kept) if ln is lines[title]), -1) + 1 if title is not None else 0
    window = kept[start:start + rules.shape.dateline_scan_blocks]
    if not any(parse_dateline(ln.text, rules) for ln in window):
        window = [ln for ln in [_wire_lead(kept[start:], rules) or _lead_above(lines, title, rules)] if ln is not None]
    for ln in window:
        found = parse_dateline(ln.text, rules)
        if not found:
            continue
        cut, iso, month_day, agency = found
        if published and published == masthead_date and (iso or month_day) and not _soon_after(
                published, iso, month_day, rules.shape.yearless_max_days):
            # the story's dateline ("Beijing, Aug 15 (Example News)") under a date above the
            # headline that cannot be its publication day: that date is the site's today
            published, yearless = None, None
        published = published or iso
        yearless = yearless or month_day
        if source and agency and source.islower() and not rules.domain.match(source) and _fold(
                agency).startswith(_fold(source)):
            # a field's slug ("SOURCE: example") names the agency the dateline names in full
            source = None
        source = source or _as_written(agency, raw)
        if strip_dateline:
            ln.text, ln.offs = ln.text[cut:], ln.offs[cut:]
        break
    # a time stamp printed after the headline ("<headline> 03/17/2017 16:41")
    published = published or (lines[title].stamp if title is not None else None)
    published = published or _first(ln.published for ln in late_bylines)
    source = (source or _first(ln.source for ln in late_bylines) or _first(ln.source for ln in mastheads)
              or _credit_under_title(lines, title, rules)
              or _as_written(_running_header(lines, raw, rules), raw)
              or _masthead_name(lines, title, rules)
              or _as_written(_first(ln.credit for ln in lines if ln.kind in ("content", "end")), raw))
    if published is None and yearless is not None:
        published = resolve_year(yearless, lines, rules) or _year_from_field(yearless, lines)

    text_parts: list[str] = []
    offsets: list[int] = []
    blocks: list[tuple[int, int]] = []
    headline = None
    prev: Line | None = None
    length = 0
    for ln in lines:
        if ln.kind != "content" or not ln.text or ln.glued:
            continue
        if prev is not None:
            text_parts.append("\n")
            offsets.append(prev.end)  # the raw line break after the previous block
            length += 1
        text_parts.append(ln.text)
        offsets.extend(ln.offs)
        blocks.append((length, length + len(ln.text)))
        length += len(ln.text)
        if title is not None and ln is lines[title]:
            headline = ln.text
        prev = ln
    if title_model is not None:  # (without it the title is a block: a glued headline is none)
        headline = chosen_title
    return Cleaned(text="".join(text_parts), offsets=offsets, title=headline,
                   published=published, source=source, blocks=blocks)


def _soon_after(iso: str, dateline: str | None, month_day: tuple[int, int] | None, days: int) -> bool:
    """Whether a page dated `iso` can publish a story datelined `dateline` (or `month_day`, in
    that year or the one before): on the day or at most `days` later."""
    stamped = date.fromisoformat(iso)
    if dateline:
        written = [date.fromisoformat(dateline)]
    else:
        written = []
        for year in (stamped.year, stamped.year - 1):
            try:
                written.append(date(year, *month_day))
            except ValueError:
                pass
    return any(timedelta(0) <= stamped - w <= timedelta(days=days) for w in written)


_MONTH_FIELD = re.compile(r"\S+\s+(?P<y>\d{4})-(?P<m>\d{2})")


def _year_from_field(month_day: tuple[int, int], lines: list[Line]) -> str | None:
    """A year-less date whose month the page's own month field names ("date 2018-01" over "Jan 11
    (Reuters) -"): that field's year. A field of another month says nothing of the year."""
    for ln in lines:
        m = _MONTH_FIELD.fullmatch(ln.text) if ln.field else None
        if m and int(m.group("m")) == month_day[0]:
            try:
                return date(int(m.group("y")), *month_day).isoformat()
            except ValueError:
                return None
    return None


def _wire_lead(blocks: list[Line], rules: CleanRules) -> Line | None:
    """A wire story's lead further down than the first blocks under the headline (a page whose
    headline was missed under a site's blurbs): a paragraph opened by a dateline that names its
    agency in brackets or slashes ("QINGSHAN, May 2 (Example News) -- ") with the story going on
    in the paragraph below it (a teaser for another story stands alone)."""
    for ln, nxt in zip(blocks, blocks[1:]):
        found = parse_dateline(ln.text, rules)
        if found and found[3] and nxt.prose and re.search(
                r"[(/]\s*%s\s*[)/]" % re.escape(found[3]), ln.text[:found[0]]):
            return ln
    return None


def _lead_above(lines: list[Line], title: int | None, rules: CleanRules) -> Line | None:
    """A wire lead above the line taken for the headline ("LANSHAN, May 2, 2022 /Example Wire/ --
    A report by ...", a crawl that put the lead first): the first line of the page's top that
    opens with a dateline naming its agency."""
    if title is None:
        return None
    top = [ln for ln in lines[:title] if ln.kind in ("content", "header")][:3]
    return next((ln for ln in top if (found := parse_dateline(ln.text, rules)) and found[3]), None)


def _credit_under_title(lines: list[Line], title: int | None, rules: CleanRules) -> str | None:
    """A publication's name alone on the line under the headline ("Example Business Journal",
    "example.com.cn"): a credit line, as a known publisher's name there is."""
    if title is None:
        return None
    # ... or under the date line or the author's line below it, past a bar left alone on its line
    # ("Updated: 2021-12-21" / "|" / "example.gov.cn", "By Li Ming" / "Example Daily": the fields of
    # one byline, one to a line)
    under = [ln for ln in lines[title + 1:title + 8] if ln.kind != "blank"]
    below = next((ln for k, ln in enumerate(under) if k > 2 or not (
        (ln.kind == "byline" and ln.source is None) or not any(c.isalnum() for c in ln.text)
        or (ln.kind == "furniture" and rules.author_line.match(ln.text))
        or (_author_name(ln) and not _is_publisher(ln.text, rules)))), None)
    name = _paper_of_section(_FROM.sub("", below.text)) if below is not None else ""
    if (below is None or below.kind not in ("content", "menu", "furniture") or below.prose
            or len(name.split()) > rules.shape.menu_max_words or below.text[-1] in _END_PUNCT
            or _BY_SEGMENT.match(below.text) or ":" in below.text  # an author's or a field's line
            or not _is_publisher(name, rules)):
        return None
    return _source_value(name, rules)


_FROM = re.compile(r"^(?i:from|via)\s+(?=\S)")  # "From Example Daily" under the headline


def _running_header(lines: list[Line], raw: str, rules: CleanRules) -> str | None:
    """The magazine a printed page comes from, named by its running header: a page number, a bar
    and the magazine's name with its issue ("26 | Example Health Review March 2021"), or its
    domain or a known publisher's name ("12 | example.com"). A section's header ("31 | COVER
    STORY") names no issue and no publisher. Read on the raw line: a title's trimming cuts the
    page number off."""
    for ln in lines:
        value = _magazine_name(" ".join(raw[ln.start:ln.end].split()), rules) if ln.kind != "blank" else None
        if value:
            return value
    return None


def _magazine_name(text: str, rules: CleanRules) -> str | None:
    """The magazine a running header names, or None (a table's row "1 | Example Hospital" too)."""
    m = rules.running_header.fullmatch(text) if len(text.split()) <= 12 else None
    if not m:
        return None
    name = (m.group("name") or m.group("name2") or "").strip()
    if m.group("issue") or m.group("issue2") or rules.domain.match(name) or _fold(name) in rules.publishers:
        return _source_value(name, rules)
    return None


def _masthead_name(lines: list[Line], title: int | None, rules: CleanRules) -> str | None:
    """The site naming itself on a line of its own above the headline: a publication's name
    ("The Lanbo Post" over the headline) or a name just above the page's date line ("Xinghe
    Group" over "30 Apr 2021"). A section's label ("News", "Hospital News") names no one."""
    if title is None:
        return None
    above = [ln for ln in lines[:title] if ln.kind != "blank" and ln.text.strip()]
    for k in range(len(above) - 1, -1, -1):
        ln = above[k]
        if ln.kind not in ("header", "furniture", "content"):
            continue
        name = _paper_of_section(ln.text.strip(" .,;:|"))
        nxt = above[k + 1] if k + 1 < len(above) else None
        dated = (nxt is not None and nxt.kind == "byline" and nxt.published is not None and nxt.source is None
                 and _MASTHEAD_NAME.fullmatch(name) is not None)
        if _is_publisher(name, rules) or dated:
            value = _source_value(name, rules)
            if value and _fold(value) not in rules.generic_sources:
                return value
    return None


def _paper_of_section(text: str) -> str:
    """The paper's name in a print page's header, "Example Daily - - FRONT PAGE -" (its page or
    section in capitals after it); else the text as it stands."""
    fields = [f.strip(" |-\u2013\u2014/") for f in _SEPARATOR.split(text + " ")]
    fields = [f for f in fields if f]
    return fields[0] if len(fields) >= 2 and all(f.isupper() for f in fields[1:]) else text


# a name set as a masthead: two to five capitalised words, no digits or punctuation but "&"
_MASTHEAD_NAME = re.compile(r"[A-Z][A-Za-z&'\u2019-]+(?: [A-Z][A-Za-z&'\u2019-]+){1,4}")


def _as_written(value: str | None, raw: str) -> str | None:
    """An agency set in capitals in a dateline ("--(BUSINESS WIRE)--") is named as the page writes
    it elsewhere in mixed case ("Business Wire" on the masthead); else as it stands."""
    if not value or not value.isupper():
        return value
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, value.split())) + r"(?!\w)"
    for m in re.finditer(pattern, raw, re.IGNORECASE):
        if not m.group(0).isupper():
            return " ".join(m.group(0).split())
    return value


def _first(values):
    return next((v for v in values if v is not None), None)


def make_clean(rules: str, repair_unicode: bool = True, strip_dateline: bool = True,
               title_model: str | None = None):
    """The clean stage as configured in `[clean]` (registered as consortia.clean.v1 through the
    spacy_misc entry point): returns `raw -> Cleaned`.

    rules: the rules file (pipelines/clean/furniture.json).
    repair_unicode: repair mojibake and odd characters with ftfy (offsets stay exact).
    strip_dateline: cut a news-agency dateline ("BEIJING, July 26 (Xinhua) -- ") from the first
        paragraph; its date and agency still give `published` and `source`.
    title_model: the headline chooser's weights (pipelines/clean/title_model.json); None keeps
        the rules' title.
    """
    loaded = load_rules(rules)
    chooser = load_title_model(title_model) if title_model else None

    def run(raw: str) -> Cleaned:
        return clean(raw, loaded, repair_unicode=repair_unicode, strip_dateline=strip_dateline,
                     title_model=chooser)

    return run
