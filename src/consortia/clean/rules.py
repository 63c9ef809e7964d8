"""The clean stage's rules: pipelines/clean/*.json validated and compiled into CleanRules."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ConfigError


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


class _Wrap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_joins: int = Field(ge=1)
    min_width: int = Field(ge=1)
    width_ratio: float = Field(gt=0, le=1)
    run_on_words: list[str]


class _Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: list[str]
    source: list[str]
    person: list[str]
    count: list[str]
    other: list[str]
    # set alone on its line, without a colon, over the issuer's name ("News provided by")
    issuer_alone: list[str]


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


class _Weather(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: str
    place_max_words: int = Field(ge=1)


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


class _OutletList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: str = Field(pattern=r"^https?://")  # the public list the names were taken from
    names: list[str] = Field(min_length=1)


class _Outlets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lists: list[_OutletList] = Field(min_length=1)

    @field_validator("lists")
    @classmethod
    def _once(cls, value: list[_OutletList]) -> list[_OutletList]:
        # each name is recorded under the one list it was taken from
        names = [_fold(n) for item in value for n in item.names]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"outlets listed twice: {twice}")
        return value


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
    crawl_section_labels: _Words
    weather_widget: _Weather
    epoch_stamp: str
    caption_credit: str
    running_header: str
    byline_ui_words: list[str]
    weekdays: list[str]
    name_heads: list[str]
    wrap: _Wrap
    byline_event_words: list[str]
    author_line: str
    generic_sources: list[str]
    generic_source_words: list[str]
    source_value: _SourceValue
    publishers: list[str]
    news_outlets: _Outlets
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
    issuer_label: re.Pattern  # a label alone on its line over the issuer's name
    credits: tuple[re.Pattern, ...]  # named group source (or outlet: a paper, never an office)
    tail_credits: tuple[re.Pattern, ...]  # named group source, searched at a line's end
    sign_off: re.Pattern  # named groups source and dash, searched at a line's end
    unlabelled_date: re.Pattern
    leading_date: re.Pattern
    crawl_section_labels: frozenset[str]  # as written (capitalised): a section label after a crawl's date
    temperature: re.Pattern  # a weather widget's temperature alone on its line
    weather_place_max_words: int
    epoch: re.Pattern  # a time stamp in milliseconds since 1970, alone on its line
    caption: re.Pattern  # a photo credit ending a line: the line is a caption
    running_header: re.Pattern  # a magazine page's header: page number, name (group name), issue
    ui_words: frozenset[str]
    weekdays: frozenset[str]  # a weekday beside a byline's date is part of it, not a leftover word
    name_heads: frozenset[str]  # a body's head word, which may open the line a headline ran onto
    wrap: _Wrap  # hard-wrapped paragraphs (wrap.py)
    event_words: frozenset[str]  # beside a date, they make it an event's date
    author_line: re.Pattern
    generic_sources: frozenset[str]
    generic_source_words: frozenset[str]
    source_prefix: re.Pattern
    source_suffix: re.Pattern
    source_reject: re.Pattern
    photo_libraries: frozenset[str]  # folded names of stock-photo libraries: their credits are photos'
    publishers: frozenset[str]
    # a gazetteer paper named with its "The", folded, to its name as written: a dateline that sets
    # it in capitals ("(THE EXAMPLE TIMES)") names the paper as it writes itself
    papers_as_written: dict[str, str]
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
    papers = frozenset(w.lower() for w in spec.publication_words + spec.date_field_publication_words.words)
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
        issuer_label=re.compile(r"(?:%s)\s*[:\uff1a]?" % _alternation(lab.issuer_alone), ci),
        # case-sensitive: the publisher is capitalised ("appeared in March." credits nobody)
        credits=tuple(re.compile(p) for p in spec.credit_lines.patterns),
        tail_credits=tuple(re.compile(p) for p in spec.tail_credits.patterns),
        sign_off=re.compile(spec.sign_off.pattern),
        unlabelled_date=re.compile(spec.byline_unlabelled_date_prefix, ci),
        leading_date=re.compile(spec.leading_date_field),
        crawl_section_labels=frozenset(spec.crawl_section_labels.words),
        temperature=re.compile(spec.weather_widget.temperature),
        weather_place_max_words=spec.weather_widget.place_max_words,
        epoch=re.compile(spec.epoch_stamp),
        caption=re.compile(spec.caption_credit, ci),
        running_header=re.compile(spec.running_header.replace("{month}", month)),
        ui_words=frozenset(w.lower() for w in spec.byline_ui_words),
        weekdays=frozenset(w.lower() for w in spec.weekdays),
        name_heads=frozenset(spec.name_heads),
        wrap=spec.wrap,
        event_words=frozenset(w.lower() for w in spec.byline_event_words),
        author_line=re.compile(spec.author_line.replace("^by", "^(?i:by)", 1)),
        generic_sources=frozenset(_fold(w) for w in spec.generic_sources),
        generic_source_words=frozenset(_fold(w) for w in spec.generic_source_words),
        source_prefix=re.compile(spec.source_value.strip_prefix, ci),
        source_suffix=re.compile(spec.source_value.strip_suffix, ci),
        # case-sensitive: lowercase initials ("hy") are rejected, an acronym ("AP") is not
        source_reject=re.compile(spec.source_value.reject),
        photo_libraries=frozenset(_fold(w) for w in spec.source_value.photo_libraries),
        publishers=frozenset(_fold(w) for w in spec.publishers) | _outlet_names(spec.news_outlets, papers),
        papers_as_written={_fold(n): n for item in spec.news_outlets.lists for n in item.names
                           if n.startswith("The ")},
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


def _outlet_names(outlets: _Outlets, paper_words: frozenset[str]) -> frozenset[str]:
    """The outlets' folded names, and a paper's name without its leading "The" when a word of a
    publication ends it ("Jakarta Example Post" for "The Jakarta Example Post", as mastheads and
    credits often drop it); not another ("Nation" alone is a common word, "Example Project" in a
    sentence a project's name)."""
    names = {_fold(n) for item in outlets.lists for n in item.names}
    bare = {n[4:] for n in names if n.startswith("the ") and len(n.split()) >= 3}
    return frozenset(names | {n for n in bare if n.split()[-1] in paper_words})


def _fold(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").lower().split())
