"""The clean stage itself: a page read, its title, publication date and source, and its blocks."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..title_model import PageView, TitleModel, load_title_model
from .rules import CleanRules, _fold, load_rules
from .lines import _CJK, _END_PUNCT, Line, _SENTENCE_END, _VIEW_CHARS, _WORD_TRIM
from .shapes import build_lines, classify
from .wrap import mark_wrapped
from .bylines import _BY_SEGMENT, find_date, _is_publisher, _place_like, parse_byline, parse_dateline, resolve_year, _SEPARATOR, _single_name, _source_value
from .structure import _author_name, _contact_blocks, _headline_shaped, _long_headline, read_structure, _trim_title


@dataclass(frozen=True)
class Cleaned:
    text: str
    offsets: list[int]  # offsets[i] is the raw index of text[i]
    title: str | None = None
    published: str | None = None
    source: str | None = None
    blocks: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in the clean text
    # clean-text indices of the newlines inside a hard-wrapped paragraph (clean/wrap.py): its
    # sentences run on across them, though each line stays a block
    soft_breaks: list[int] = field(default_factory=list)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to the raw span that holds its characters."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the clean text (length {len(self.text)})")
        return self.offsets[start], self.offsets[end - 1] + 1


# ---------------------------------------------------------------------------------------------
# Step 4: metadata and the clean text.

def read_page(raw: str, rules: CleanRules, *, repair_unicode: bool = True) -> tuple[list[Line], int | None]:
    """Steps 1-3: the page's lines, each with its kind, and the rules' title line (or None)."""
    lines = build_lines(raw, rules, repair_unicode=repair_unicode)
    for line in lines:
        classify(line, rules)
    mark_wrapped(lines, rules)
    _contact_blocks(lines, rules)
    _labels_alone(lines, rules)
    _issuer_alone(lines, rules)
    _weather_widget(lines, rules)
    _day_list(lines, rules)
    issues = set()
    for line in lines:
        if line.kind != "blank" and _magazine_name(line.text, rules):
            line.kind = "furniture"  # a printed page's running header ("30 | EXAMPLE REVIEW MAY 2017")
            issues.add(_issue(line.text, rules))
    issues.discard("")
    for line in lines:
        if line.kind != "blank" and _fold(line.text) in issues:
            line.kind = "furniture"  # the same issue named without its page number ("Example Review May 2017")
    return lines, read_structure(lines, rules)


def _issue(text: str, rules: CleanRules) -> str:
    """A running header's magazine and issue, folded, without the page number; "" without an issue."""
    m = rules.running_header.fullmatch(text)
    name, issue = (m.group("name"), m.group("issue")) if m.group("name") else (m.group("name2"), m.group("issue2"))
    return _fold(name.strip() + issue) if issue else ""


def _labels_alone(lines: list[Line], rules: CleanRules) -> None:
    """A source label alone on its line with its value on the next ("Source:" / "Example Daily",
    a page's fields in two cells): the two lines read as one byline, the value's line is no
    content. The value may also be a site's address under the headline of the story it cites
    ("Reference(s):" / "<headline>" / "example.com")."""
    live = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
    for a, b, c in zip(live, live[1:], live[2:] + [None]):
        label = lines[a]
        m = rules.label.match(label.text)
        if label.kind != "byline" or not m or not m.group("source") or m.end() < len(label.text):
            continue
        cited = lines[c] if c is not None and rules.domain.match(lines[c].text) else None
        value = next((v for v in (lines[b], cited) if v is not None and _label_value(v, rules)), None)
        read = parse_byline(label.text + " " + value.text, rules) if value is not None else None
        if read is not None and read.source is not None:
            label.source, label.source_labelled = read.source, True
            value.kind = "byline"


def _issuer_alone(lines: list[Line], rules: CleanRules) -> None:
    """A wire's "News provided by" alone on its line over the name of the body that issued the
    release, with the release's date glued on or not ("Example Health GroupJul 17, 2017, 07:00
    ET"): the issuer is the publisher, the two lines a byline."""
    live = [ln for ln in lines if ln.kind != "blank"]
    for label, value in zip(live, live[1:]):
        if not rules.issuer_label.fullmatch(label.text) or value.prose or not value.text[:1].isupper():
            continue
        found = find_date(value.text, rules)
        name = value.text[:found[1]] if found else value.text
        source = _source_value(name, rules) if len(name.split()) <= rules.shape.credit_max_words else None
        if source is not None:
            label.kind, label.source, label.source_labelled = "byline", source, True
            value.kind, value.published = "byline", found[0] if found else None


def _weather_widget(lines: list[Line], rules: CleanRules) -> None:
    """A header's temperature alone on its line ("32 C") and the place named under it: furniture
    (the place's name is headline-shaped). A date line beside them is the header's today, not the
    story's date ("Wednesday, April 24, 2024" / "32 C" / "Lanshan City")."""
    live = [ln for ln in lines if ln.kind != "blank"]
    for k, temp in enumerate(live):
        if not rules.temperature.fullmatch(temp.text):
            continue
        temp.kind = "furniture"
        place = live[k + 1] if k + 1 < len(live) else None
        if place is not None and place.kind == "content" and not place.prose and (
                place.words <= rules.weather_place_max_words and place.text[-1] not in _END_PUNCT):
            place.kind = "furniture"
        below = k + 2 if place is not None and place.kind == "furniture" else k + 1
        for near in live[max(k - 1, 0):k] + live[below:below + 1]:
            if near.kind == "byline" and near.source is None and _today(near.text, rules):
                near.kind, near.published, near.yearless = "furniture", None, None


_DAY_LIST_MIN = 3


def _day_list(lines: list[Line], rules: CleanRules) -> None:
    """Dates alone on three lines or more in a row ("Fri, October 24, 2025" / "Thu, October 23,
    2025" / ...): an archive's list of days, navigation, not the page's date."""
    live = [ln for ln in lines if ln.kind != "blank"]
    run: list[Line] = []
    for ln in live + [None]:
        if ln is not None and ln.kind == "byline" and ln.source is None and _today(ln.text, rules):
            run.append(ln)
            continue
        if len(run) >= _DAY_LIST_MIN:
            for day in run:
                day.kind, day.published, day.yearless = "furniture", None, None
        run = []


def _today(text: str, rules: CleanRules) -> bool:
    """A date line of the date alone, with its weekday or not."""
    found = find_date(text, rules)
    rest = (text[:found[1]] + " " + text[found[2]:]) if found else text
    return found is not None and all(w.strip(_WORD_TRIM).lower() in rules.weekdays for w in rest.split())


def _listed_item_date(line: Line, above: Line | None, rules: CleanRules) -> bool:
    """A date alone under a headline of the related stories listed after the article's end."""
    return (above is not None and above.kind == "footer" and not above.prose and line.source is None
            and _today(line.text, rules))


def _label_value(value: Line, rules: CleanRules) -> bool:
    """A line that may be the value of a source label above it: a publisher's name, not prose."""
    return not (value.kind not in ("content", "furniture", "menu") or value.prose
                or value.words > rules.shape.credit_max_words or value.text[-1] in _END_PUNCT
                or _vocab_share(value.text, rules) >= 0.5  # "Source:" over the footer's links
                # an empty field over a caption or a headline: the value must read as a publisher
                or not _is_publisher(value.text, rules, rules.publication_words | rules.author_publication_words
                                     | rules.dated_publication_words))


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
        return lines[index].text + _run_on(lines, index, rules)
    copy = Line(start=lines[index].start, end=lines[index].end, text=lines[index].text,
                offs=list(lines[index].offs))
    _trim_title(copy, rules)
    return copy.text + _run_on(lines, index, rules)


# Words that cannot open a headline but go on a name or a phrase: a line opened by one of them in
# lowercase under a headline cut at a fixed width ("Introduction of the First People's Hospital" /
# "of Xinghe Province") is its end. Not "by": "by Li Ming" under a headline is its credit.
_RUN_ON_WORDS = frozenset("of and for in at on to with".split())
_RUN_ON_MAX_WORDS = 6


def _section_label(words: list[str], rules: CleanRules) -> bool:
    """A section's label after a body's head word ("Company News"), not the rest of its name."""
    return bool(words) and all(w.strip(_WORD_TRIM).lower() in rules.menu_words for w in words)


def _run_on(lines: list[Line], index: int, rules: CleanRules) -> str:
    """The end of a headline wrapped onto the next line, with its leading space, or ""."""
    below = next((ln for ln in lines[index + 1:] if ln.kind != "blank"), None)
    if (below is None or below.kind != "content" or below.prose or below.words > _RUN_ON_MAX_WORDS
            or lines[index].text[-1:] in _END_PUNCT or not (below.text.split()[0] in _RUN_ON_WORDS or (
                # the head word of a body's name cut off after its first words ("... of Xinghe First
                # Medical" / "University (Xinghe Provincial Hospital)"), the headline's last word capitalised
                below.text.split()[0] in rules.name_heads and lines[index].text.split()[-1][:1].isupper()
                and not _section_label(below.text.split()[1:], rules)))):
        return ""
    return " " + below.text


def clean(raw: str, rules: CleanRules, *, repair_unicode: bool = True,
          strip_dateline: bool = True, title_model: TitleModel | None = None) -> Cleaned:
    """The article's blocks, their offset map, and the page's title, date and publisher.

    With a `title_model`, the title is the line it chooses among the page's first lines (the
    rules' choice is one of its features); the blocks are the rules' either way."""
    lines, title = read_page(raw, rules, repair_unicode=repair_unicode)
    chosen_title: str | None = None
    headline_at = title  # the headline's line, which parts the masthead above it from the story's bylines
    if title_model is not None:
        view, live = page_view(lines, title, rules)
        pick = title_model.choose(view, frozenset(k for k, i in enumerate(live) if _barred(lines[i], rules)
                                                  or _in_wrapped_paragraph(lines, i)))
        if pick is not None and _never_a_headline(lines[live[pick]], rules):
            pick = None
        if pick is None and _headline_alone(lines, live, rules):
            pick = 0
        if pick is None and _under_crawl_lead(lines, live, rules):
            pick = 2
        dated = _under_day_header(lines, rules)
        if dated is not None and dated in live:
            pick = live.index(dated)
        chosen_title = title_text(lines, live[pick] if pick is not None else None, title, rules)
        headline_at = live[pick] if pick is not None else title
        chosen_title = _paged(lines, headline_at, chosen_title) if pick is not None else chosen_title
        chosen_title = _unglued(lines, headline_at, chosen_title) if pick is not None else chosen_title
        chosen_title = _unlabelled(lines, headline_at, chosen_title, rules) if pick is not None else chosen_title
    run_on = _crawl_run_on(lines, rules) if title_model is not None and chosen_title is None else None
    if run_on is not None:
        chosen_title = run_on[0]
    kept = [ln for ln in lines if ln.kind == "content"]

    # Metadata: bylines at the top first (before the second paragraph), then a dateline opening
    # the body, then credit lines anywhere (a "Source:" line under the story).
    prose_seen = 0
    top_bylines, late_bylines, mastheads = [], [], []
    above = None  # the last line with text
    for k, ln in enumerate(lines):
        if ln.kind == "content" and ln.prose and not ln.continues:
            prose_seen += 1
        elif ln.kind == "byline" and _listed_item_date(ln, above, rules):
            pass  # "Related News" / "<other story's headline>" / "09 January, 2020": that story's date
        elif ln.kind == "byline":
            (top_bylines if prose_seen < 2 else late_bylines).append(ln)
            if headline_at is not None and k < headline_at and prose_seen == 0:
                mastheads.append(ln)
        above = ln if ln.kind != "blank" else above
    # the date under the headline is the article's; a date above it may be the site's today
    # ("Monday, 4 March 2024" over a story of 2019)
    published = (_first(ln.published for ln in top_bylines if ln not in mastheads)
                 or _first(ln.published for ln in top_bylines))
    masthead_date = None if _first(ln.published for ln in top_bylines if ln not in mastheads) else published
    # A labelled credit ("Source: Xinhua") says more than a site name alone on its line, and the
    # article's own credit (under the headline, in the dateline, at its foot) more than the site's
    # masthead above the headline ("China Daily" over "By X | chinadaily.com.cn"); a dated byline's
    # publisher more than a name alone on its line (a wire's credit under the picture, "REUTERS").
    source = _first(ln.source for ln in top_bylines if ln.source_labelled) or _first(
        ln.source for ln in top_bylines if ln not in mastheads and ln.published) or _first(
        ln.source for ln in top_bylines if ln not in mastheads)
    # a labelled credit at the story's foot ("Source: Example News") names the publisher more
    # surely than the name that opens a dateline ("Example University, May 4, 2017:")
    foot = _first(ln.source for ln in late_bylines if ln.source_labelled)
    yearless = _first(ln.yearless for ln in top_bylines)

    start = next((k for k, ln in enumerate(kept) if ln is lines[title]), -1) + 1 if title is not None else 0
    # a headline printed twice is not one of the story's first blocks
    repeat = _fold(lines[title].text) if title is not None else None
    window = [ln for ln in kept[start:] if _fold(ln.text) != repeat][:rules.shape.dateline_scan_blocks]
    if not any(parse_dateline(ln.text, rules) for ln in window):
        window = [ln for ln in [_wire_lead(kept[start:], rules) or _lead_above(lines, title, rules)] if ln is not None]
    for ln in window:
        found = parse_dateline(ln.text, rules)
        if not found:
            continue
        cut, iso, month_day, agency = found
        if agency and _place_in_capitals(agency, raw, rules):
            agency = None
        if published and published == masthead_date and (iso or month_day) and not _soon_after(
                published, iso, month_day, rules.shape.yearless_max_days):
            # the story's dateline ("Beijing, Aug 15 (Example News)") under a date above the
            # headline that cannot be its publication day: that date is the site's today
            published, yearless = None, None
        published = published or iso
        yearless = yearless or month_day
        source = source or _foot_or_agency(foot, agency, rules)
        if source and agency and source.islower() and not rules.domain.match(source) and _fold(
                agency).startswith(_fold(source)):
            # a field's slug ("SOURCE: example") names the agency the dateline names in full
            source = None
        source = source or _paper_as_written(_as_written(agency, raw), rules)
        if strip_dateline:
            ln.text, ln.offs = ln.text[cut:], ln.offs[cut:]
        break
    source = source or foot
    # the title as the page gives it (the chooser's, else the rules' line, also where the chooser takes
    # none): a site names itself there
    headline_line = (chosen_title if title_model is not None else None) or (
        lines[title].text if title is not None else None)
    # a time stamp printed after the headline ("<headline> 03/17/2017 16:41")
    published = published or (lines[title].stamp if title is not None else None)
    published = published or _first(ln.published for ln in late_bylines)
    source = (source or _first(ln.source for ln in late_bylines) or _domain_sign_off(lines, rules)
              or _acronym_sign_off(lines, raw)
              or _disclaimed_outlet(lines, rules)
              or _first(ln.source for ln in mastheads)
              or (run_on[1] if run_on else None)
              or _credit_under_title(lines, title, rules)
              or _as_written(_running_header(lines, raw, rules), raw)
              or _masthead_name(lines, title, rules)
              or _site_in_title(headline_line, rules)
              or _site_in_browser_title(lines, rules)
              or _dated_site(lines, headline_line, rules)
              or _paper_as_written(_as_written(_first(ln.credit for ln in lines if ln.kind in ("content", "end")), raw),
                                   rules))
    if published is None and yearless is not None:
        published = resolve_year(yearless, lines, rules) or _year_from_field(yearless, lines)

    text_parts: list[str] = []
    offsets: list[int] = []
    blocks: list[tuple[int, int]] = []
    soft_breaks: list[int] = []
    headline = None
    prev: Line | None = None
    length = 0
    for k, ln in enumerate(lines):
        if ln.kind != "content" or not ln.text or ln.glued:
            continue
        if prev is not None:
            if ln.continues and prev is lines[k - 1] and prev.wrapped:
                soft_breaks.append(length)
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
    headline = _without_outlet(headline, rules)
    return Cleaned(text="".join(text_parts), offsets=offsets, title=headline,
                   published=published, source=source, blocks=blocks, soft_breaks=soft_breaks)


def _never_a_headline(line: Line, rules: CleanRules) -> bool:
    """A line the chooser may not take for the headline: an address or a contact field, or a
    line the furniture patterns name ("Read to the end of the article to view", a notice). A line
    that is furniture by its menu words alone may still be a page's heading ("Overview of
    International Cooperation")."""
    return line.kind == "contact" or (line.kind == "furniture" and bool(
        rules.furniture.search(line.text) or rules.notice.search(line.text)))


# One word of letters alone on its line ("Other", "Hospitals"): a section or filter label over a
# listing, not a headline (no headline of the corpora is one English word). The chooser takes
# the next likeliest line instead.
_ONE_WORD = re.compile(r"[A-Za-z]+")


def _section_label_alone(line: Line) -> bool:
    return bool(_ONE_WORD.fullmatch(line.text))


# Words of two letters or more: a line with fewer than two, and no Chinese or Japanese (whose words
# run together), is a control or a label with a count ("+ \u21ba \u2212 16 px", "Business | 5").
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _too_few_words(line: Line) -> bool:
    return not _CJK.search(line.text) and len(_LETTER_WORD.findall(line.text)) < 2


def _home_trail(line: Line, rules: CleanRules) -> bool:
    """A breadcrumb whose separators the page lost: a home word (`breadcrumb.home`) glued to the
    next label ("HomeNewsHealth News...") or parted from it by a run of spaces ("Home  Affiliated
    Hospitals")."""
    text = line.text
    for word in rules.home:
        n = len(word)
        if (" " not in word and len(text) > n + 1 and text[:n].lower() == word and text[0].isupper()
                and (text[n].isupper() or (text[n] == " " and line.offs[n + 1] - line.offs[n] > 1))):
            return True
    return False


def _barred(line: Line, rules: CleanRules) -> bool:
    """A line the chooser may not take, its next likeliest option being taken instead."""
    return _section_label_alone(line) or _too_few_words(line) or _home_trail(line, rules)


def _in_wrapped_paragraph(lines: list[Line], index: int) -> bool:
    """A line of a hard-wrapped paragraph (wrap.py): its sentence goes on from the line above or
    into the line below, so it is no headline."""
    return lines[index].continues or (index + 1 < len(lines) and lines[index + 1].continues)


def _headline_alone(lines: list[Line], live: list[int], rules: CleanRules) -> bool:
    """A page that is nothing but its headline (a listing's one entry): one line, shaped as a
    headline, with no full stop (one sentence of a story is no headline)."""
    return len(live) == 1 and lines[live[0]].kind == "content" and not lines[live[0]].prose \
        and _long_headline(lines[live[0]], rules.shape)


def _under_crawl_lead(lines: list[Line], live: list[int], rules: CleanRules) -> bool:
    """A crawl that saved the story's lead with its date field ("date 2021-10-23 XINGHE, Oct. 23
    (Xinhua) -- ..." or a photo's caption there) and the headline on the next line: that line,
    shaped as a headline, is the title."""
    if len(live) < 3 or not lines[live[0]].field:
        return False
    lead, below = lines[live[1]], lines[live[2]]
    return bool(lead.dateline or lead.caption) and below.kind == "content" and not below.prose \
        and _long_headline(below, rules.shape)


_UNGLUED_MIN_WORDS = 3


def _unglued(lines: list[Line], at: int, headline: str | None) -> str | None:
    """The headline without a breadcrumb glued before it ("HomeNewsHealth NewsXinghe Hospital opens
    ..."), when the page prints it again on a line of its own just below; else as chosen."""
    if not headline:
        return headline
    for ln in lines[at + 1:at + 6]:
        copy = ln.text.strip() if ln.kind != "blank" else ""
        cut = len(headline) - len(copy)
        if (len(copy.split()) >= _UNGLUED_MIN_WORDS and cut > 0 and headline.endswith(copy)
                and not headline[cut - 1].isspace() and copy[:1].isupper()):
            return copy
    return headline


def _unlabelled(lines: list[Line], at: int, headline: str | None, rules: CleanRules) -> str | None:
    """The headline without the section label a crawl's date line runs into it ("date 2019-06-25
    Culture <headline>"), when two capitalised words or more follow the label (a headline in
    capitals keeps its first word); else as chosen."""
    above = next((ln for ln in reversed(lines[:at]) if ln.kind != "blank"), None)
    return _without_label(headline, rules) if headline and above is not None and above.field else headline


def _without_label(headline: str, rules: CleanRules) -> str:
    words = headline.split()
    if (len(words) < 3 or words[0] not in rules.crawl_section_labels or headline.isupper()
            or not all(w[:1].isupper() for w in words[1:3])):
        return headline
    return headline[len(words[0]):].lstrip()


_RUN_ON_MAX_OUTLET_WORDS = 5
_RUN_ON_HEADLINE_WORDS = (3, 25)


def _crawl_run_on(lines: list[Line], rules: CleanRules) -> tuple[str, str] | None:
    """A crawl that ran headline, byline and story into the line after its date field ("date
    2021-01-17 <headline> The Example Times Sunday, Jan 17, 2021 ... <story>"): the headline
    (without a section label before it) and the known outlet the date follows; else None."""
    live = [ln for ln in lines if ln.kind != "blank"]
    if len(live) < 2 or not live[0].field or live[1].kind != "content":
        return None
    words = live[1].text[:_VIEW_CHARS].split()
    lo, hi = _RUN_ON_HEADLINE_WORDS
    for k in range(lo, min(hi, len(words)) + 1):
        for n in range(1, _RUN_ON_MAX_OUTLET_WORDS + 1):
            name = " ".join(words[k:k + n])
            after = " ".join(words[k + n:k + n + 6])
            found = find_date(after, rules) if _fold(name) in rules.publishers else None
            if found and all(w.strip(_WORD_TRIM).lower() in rules.weekdays for w in after[:found[1]].split()):
                return _without_label(" ".join(words[:k]), rules), _source_value(name, rules)
    return None


_PAGE_SUFFIX = re.compile(r"\s+[-\u2013\u2014|]\s*Page\s+\d{1,3}$", re.IGNORECASE)


def _paged(lines: list[Line], at: int, headline: str | None) -> str | None:
    """The headline as the page's own title line above it prints it, with the page's number ("<X> -
    Page 3" over "<X>": the third page of a multi-page article, named so); else as chosen."""
    for ln in lines[:at]:
        m = _PAGE_SUFFIX.search(ln.text) if ln.kind != "blank" else None
        if m and headline and ln.text[:m.start()] == headline:
            return ln.text
    return headline


def _under_day_header(lines: list[Line], rules: CleanRules) -> int | None:
    """A blog's post under its day header ("<blog's name>" / "Thursday, March 23, 2017" / "<post's
    title>" / <post>): the headline-shaped line right under a date line that opens with its
    weekday, with a paragraph under it, before the story's first paragraph; else None."""
    live = [k for k, ln in enumerate(lines) if ln.kind != "blank"]
    for a, b, c in zip(live, live[1:], live[2:]):
        if lines[a].prose or lines[b].prose:
            return None
        first = lines[a].text.split()[0].strip(",").lower() if lines[a].text.split() else ""
        if (lines[a].kind == "byline" and lines[a].published and first in rules.weekdays
                and lines[b].kind == "content" and _headline_shaped(lines[b], rules.shape) and lines[c].prose):
            return b
    return None


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


def _foot_or_agency(foot: str | None, agency: str | None, rules: CleanRules) -> str | None:
    """The foot's labelled credit, unless the story's dateline names a known outlet and the foot
    does not: "LANSHAN (Example News) -- ..." over "(Source: Example Ministry)" is the outlet's
    story, the ministry the body whose statement it drew on."""
    if agency and foot and _fold(agency) in rules.publishers and _fold(foot) not in rules.publishers:
        return None  # the dateline's agency follows
    return foot


def _domain_sign_off(lines: list[Line], rules: CleanRules) -> str | None:
    """A site's domain alone on the page's last line, right under the story's last sentence ("...
    he said." / "example.com.cn"): the site signing off the story it carried. A domain among other
    lines (a list of links, a header) is as often spam as a credit."""
    live = [ln for ln in lines if ln.kind != "blank" and ln.text.strip()]
    if len(live) < 2 or not rules.domain.match(live[-1].text.strip()):
        return None
    above = live[-2].text.rstrip()
    return _source_value(live[-1].text, rules) if live[-2].prose and _SENTENCE_END.search(above) else None


# "- LBN" on the story's last line (a list's dash to the crawl): not a wire's "- END -" or "- MORE"
_DASHED_ACRONYM = re.compile(r"[-\u2013\u2014]+\s*(?!(?:END|ENDS|ENDITEM|MORE|PHOTO|VIDEO)$)(?P<name>[A-Z]{2,6})")


def _acronym_sign_off(lines: list[Line], raw: str) -> str | None:
    """An outlet's short name in capitals after a dash, alone on the page's last line under the
    story's last sentence ("... would oversee the projects." / "- LBN"): the wire signing off."""
    live = [ln for ln in lines if ln.kind != "blank" and ln.text.strip()]
    if len(live) < 2 or not live[-2].prose or not _SENTENCE_END.search(live[-2].text.rstrip()):
        return None
    m = _DASHED_ACRONYM.fullmatch(raw[live[-1].start:live[-1].end].strip())
    return m.group("name") if m else None


_DISCLAIMER_LABEL = re.compile(r"(?i:legal\s+disclaimer)\s*[:\uff1a]")
_DISCLAIMED_MAX_WORDS = 4


def _disclaimed_outlet(lines: list[Line], rules: CleanRules) -> str | None:
    """A repost's "Legal Disclaimer:" alone on its line, the outlet it took the story from alone on
    the next and the disclaimer's text under it ("Legal Disclaimer:" / "example" / "X provides the
    information as is ..."): the outlet."""
    live = [ln for ln in lines if ln.kind != "blank" and ln.text.strip()]
    for label, name, text in zip(live, live[1:], live[2:]):
        if (_DISCLAIMER_LABEL.fullmatch(label.text.strip()) and not name.prose and text.prose
                and len(name.text.split()) <= _DISCLAIMED_MAX_WORDS and name.text[-1] not in _END_PUNCT):
            return _source_value(name.text, rules)
    return None


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
        or (_author_name(ln) and not _is_publisher(ln.text, rules)
            and not _body_over_date(ln, under, rules)))), None)
    name = _paper_of_section(_FROM.sub("", below.text)) if below is not None else ""
    if (below is None or below.kind not in ("content", "menu", "furniture") or below.prose
            or len(name.split()) > rules.shape.menu_max_words or below.text[-1] in _END_PUNCT
            or _BY_SEGMENT.match(below.text) or ":" in below.text  # an author's or a field's line
            or not (_is_publisher(name, rules) or _body_over_date(below, under, rules))):
        return None
    return _source_value(name, rules)


def _body_over_date(line: Line, under: list[Line], rules: CleanRules) -> bool:
    """A body's name right under the headline and above the story's date line ("Lanbo University
    Hospital" / "Date: 2023-05-31"): the institution posting its own news, as in an author field
    (under an author's line it is as often the author's employer)."""
    return (len(under) > 1 and line is under[0] and under[1].kind == "byline" and under[1].published is not None
            and under[1].source is None
            and _is_publisher(line.text, rules, rules.publication_words | rules.author_publication_words))


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
    Group" over "30 Apr 2021"). A section's label ("News", "Hospital News", "Press Releases" over the
    date) names no one."""
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
                 and _MASTHEAD_NAME.fullmatch(name) is not None and not _section_label(name.split(), rules))
        if name.isupper() and _fold(name) not in rules.publishers:
            continue  # a site's logo set in capitals ("LANBO STAR JOURNAL") is its masthead, no credit
        if _is_publisher(name, rules) or dated:
            value = _source_value(name, rules)
            if value and _fold(value) not in rules.generic_sources:
                return value
    return None


def _dated_site(lines: list[Line], headline: str | None, rules: CleanRules) -> str | None:
    """A site's one-word name between the headline and the page's date line ("Lanbo" /
    "2024.11.06 12:52"): one capitalised word is no person's name (a byline names a given and a
    family name), nor a section's label (menu words, or a word the page writes in lowercase:
    "Economy", "Markets")."""
    live = [ln for ln in lines if ln.kind != "blank"]
    lowercase = {w for ln in live for w in re.findall(r"\b[a-z]+\b", ln.text)}
    for above, ln, below in zip(live, live[1:], live[2:]):
        if ln.prose or above.prose:
            return None
        word = ln.text.lower()
        if (above.text == headline and _single_name(ln.text) and word not in rules.menu_words
                and word not in rules.ui_words and word not in rules.months and word not in rules.weekdays
                and word not in lowercase
                and below.kind == "byline" and below.published is not None and below.source is None):
            return _source_value(ln.text, rules)
    return None


# a headline's fields: "<headline> - <section> - <site>", "<headline>_<site>", "<headline> | <site>"
_TITLE_FIELDS = re.compile(r"\s[|\uff5c\u2013\u2014-]\s|\s?[|\uff5c_]\s?")


def _site_in_title(title: str | None, rules: CleanRules) -> str | None:
    """The site named after the headline in its own title line ("<headline> - Example Daily",
    "<headline> \u2013 Health \u2013 Lanbo News Center"): a publication's name, or, after a section's
    field too, a name that holds a word of the media ("News", "Net", "Network"). A section or a
    topic after the bar ("<headline> | Hospital News") names no one."""
    fields = [f.strip() for f in _TITLE_FIELDS.split(title or "")]
    if len(fields) < 2 or not all(fields) or len(fields[0].split()) < 3:
        return None
    last = fields[-1]
    media = (rules.publication_words | rules.dated_publication_words | rules.dated_long_words) - (
        rules.author_publication_words - rules.dated_long_words)
    words = [w.lower() for w in last.split()]
    if _is_publisher(last, rules, media - rules.dated_long_words) or (
            len(words) >= rules.dated_long_min and words[-1] in rules.dated_long_words) or (
            len(fields) >= 3 and _MASTHEAD_NAME.fullmatch(last) and any(w in media for w in words[:-1])):
        value = _source_value(last, rules)
        return value if value and _fold(value) not in rules.generic_sources else None
    return None


# (after a bar a name is as often a section's: "<headline> | CITY News")
_BROWSER_TITLE = re.compile(r"(?P<head>.+?)\s+[\u2013\u2014-]\s+(?P<site>[A-Z][\w&'\u2019.-]*(?: [A-Z][\w&'\u2019.-]*){1,3})")
_BROWSER_TITLE_BELOW = 5  # lines to the heading that repeats the browser title's head


def _site_in_browser_title(lines: list[Line], rules: CleanRules) -> str | None:
    """The outlet after the dash of a browser title opening the page, the heading below printing
    its head again ("<headline> – Example News" / "<headline>", a repost): a name ending in a
    word of the media, of two words or more, not a section's ("Hospital News")."""
    live = [ln for ln in lines if ln.kind != "blank" and ln.text.strip()]
    m = _BROWSER_TITLE.fullmatch(live[0].text.strip()) if live else None
    if m is None or not any(_fold(ln.text) == _fold(m.group("head")) for ln in live[1:1 + _BROWSER_TITLE_BELOW]):
        return None
    site = m.group("site")
    media = (rules.publication_words | rules.dated_publication_words | rules.dated_long_words) - (
        rules.author_publication_words - rules.dated_long_words)  # a body's words name the page's subject
    first = site.split()[:-1]
    if not _is_publisher(site, rules, media) or _section_label(first, rules) or any(
            w in rules.name_heads or _fold(w) in rules.generic_source_words for w in first):
        return None  # "Hospital News", "World News": a section's
    return _source_value(site, rules)


def _without_outlet(title: str | None, rules: CleanRules) -> str | None:
    """The headline without a known outlet after its last bar or dash ("<headline> \u2013 Example
    Daily (subscription)", an aggregator's item): the outlet is the source, not part of the title."""
    fields = list(_TITLE_FIELDS.finditer(title or ""))
    if not fields:
        return title
    last = fields[-1]
    outlet = rules.source_suffix.sub("", title[last.end():]).strip()
    head = title[:last.start()].strip()
    return head if _fold(outlet) in rules.publishers and len(head.split()) >= 3 else title


def _paper_of_section(text: str) -> str:
    """The paper's name in a print page's header, "Example Daily - - FRONT PAGE -" (its page or
    section in capitals after it); else the text as it stands."""
    fields = [f.strip(" |-\u2013\u2014/") for f in _SEPARATOR.split(text + " ")]
    fields = [f for f in fields if f]
    return fields[0] if len(fields) >= 2 and all(f.isupper() for f in fields[1:]) else text


# a name set as a masthead: two to five capitalised words, no digits or punctuation but "&"
_MASTHEAD_NAME = re.compile(r"[A-Z][A-Za-z&'\u2019-]+(?: [A-Z][A-Za-z&'\u2019-]+){1,4}")


# an image's alt text left by the crawl ("example logo") names the site, not a common word
_LOGO = re.compile(r"[ \t]+logo\b", re.IGNORECASE)


def _paper_as_written(value: str | None, rules: CleanRules) -> str | None:
    """A paper of the gazetteer named with its "The" in a dateline in capitals ("SINGAPORE (THE
    EXAMPLE TIMES) -"), as the paper writes itself; a wire's tag in capitals ("(EXAMPLE WIRE)")
    stays as the page sets it."""
    if value and value.isupper() and value.startswith("THE "):
        return rules.papers_as_written.get(_fold(value), value)
    return value


def _as_written(value: str | None, raw: str) -> str | None:
    """An agency set in capitals in a dateline ("--(BUSINESS WIRE)--") is named as the page writes
    it elsewhere in mixed case ("Business Wire" on the masthead); else as it stands."""
    if not value or not value.isupper():
        return value
    pattern = r"(?<![\w.])" + r"\s+".join(map(re.escape, value.split())) + r"(?![\w]|\.\w)"
    lowered = False
    for m in re.finditer(pattern, raw, re.IGNORECASE):
        if _LOGO.match(raw, m.end()):
            continue
        if m.group(0).islower():
            lowered = True
        elif not m.group(0).isupper():
            return " ".join(m.group(0).split())
    # "(AREA) -- ..." over "the area's hospitals": a common word set in capitals names no agency
    return None if lowered else value


def _place_in_capitals(agency: str, raw: str, rules: CleanRules) -> bool:
    """A dateline's name in capitals that the page writes elsewhere as a place's name ("(LANBO) --"
    over "the Lanbo Teaching Hospital"): the place the story is filed from, not its agency."""
    written = _as_written(agency, raw) if agency.isupper() else None
    return written is not None and written != agency and _place_like(written, rules)


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
