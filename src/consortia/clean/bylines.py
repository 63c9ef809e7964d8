"""Dates, bylines, credit lines and datelines: a line's `published` and `source`."""

import re
from datetime import date, datetime, timedelta, timezone

from .rules import CleanRules, _fold
from .text import _NON_SPACE
from .lines import _AUTHOR_NAME, Byline, _CJK, Line, _SENTENCE_END, _WORD_TRIM


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
        # a two-digit year only in the day-month-year stamp "16-Oct-15" and after a date label
        # ("Pub Date:17-06-28"): this century's
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
    named = _named_address(text, rules)
    if named is not None:
        return named
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
        m = _OUTLET_WIRE_STORY.fullmatch(text)
        if m and _fold(m.group("source")) in rules.publishers:
            # "Example Evening Post AP Story" over a repost: the paper that ran the wire's story
            return Byline(published=None, yearless=None, source=_source_value(m.group("source"), rules))
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
        m = _AUTHORS_SLASH_PUBLISHER.fullmatch(text)
        if m and rules.author_line.match(m.group("authors")) and _source_value(m.group("source"), rules):
            # "By Li Ming and Wang Wu/Example Daily": the outlet after the people's names, past a
            # slash with no spaces (a photo credit's slash comes after its label, never after "By")
            return Byline(published=None, yearless=None, source=_source_value(m.group("source"), rules),
                          labelled=True)
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
        dated = date_span is not None and value_end == date_span[0] and not text[m.end():value_end].strip()
        if m.group("source") and (not source_labelled or poster) and not dated:
            # "Publisher: Wang Wu From: Example University": a later source label names the publisher
            # (a label holding the date alone, "Published by: 05 Nov 2015 | Published by: Example",
            # is a date's field; an empty one, "Source: Date: ...", still says the page names none)
            value = _source_value(text[m.end():value_end], rules)
            if not source_labelled or value is not None:
                source, source_labelled = value, True
                poster = value is not None and _author_name_text(value) and not _is_publisher(value, rules)
        elif (m.group("date") and source is None and not date_span
              and rules.domain.match(text[m.end():value_end].strip(" .,;|"))):
            # "Updated: example.gov.cn": a date field holding the site's domain, not a date
            source = _source_value(_site_name(text[m.end():value_end]), rules)
        elif m.group("person") and source is None and not _PHOTO_LABEL.search(m.group()) and _is_publisher(
                _paper_after_author(text[m.end():value_end]), rules,
                rules.publication_words | rules.author_publication_words):
            # an author field that names a publication or body ("Author: Example Evening News", "By:
            # Example Health Care") credits it, without the person before a comma ("Reporter: Li
            # Ming, Example Daily"); a photo credit never does
            source = _source_value(_paper_after_author(text[m.end():value_end]), rules)
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
            if date_span and seg_end == date_span[0]:
                name = _BEFORE_DATE.sub("", name)  # "By EXN in August 3, 2025": the name before "in <date>"
            # (the time before the date goes: "By Wang Wu (Example Daily) 08:04, May 4, 2025")
            # (and a date's prefix after the brackets: "By Wang Wu (Example Daily) Update:2022-09-28")
            if prefix is not None and seg_start < prefix.start() < seg_end:
                seg = text[seg_start:prefix.start()]
            bracketed = _AUTHORS_THEN_PUBLISHER.match(rules.time.sub("", seg).strip(" |\uff5c,;"))
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
        elif source is None and not source_labelled and (release := _RELEASE.fullmatch(bare)) and _source_value(
                release.group(1), rules):
            # "Xinghe Health news release, May 3, 2019": the issuer of a release is its publisher
            source = _source_value(release.group(1), rules)
            take(seg_start, seg_end)
        elif source is None and not source_labelled and _unlabelled_publisher(bare, rules):
            name = _unlabelled_publisher(bare, rules)
            # "15th August 2010, www.example.lk, By Li Ming": a repost's credit copying the site and
            # its byline keeps the host as written, as a labelled credit does
            source = _source_value(name if _HOST_THEN_AUTHOR.search(bare) else _site_name(name), rules)
            take(seg_start, seg_end)
    leftover = []
    fields_left = set()  # the separator-parted fields the leftover words lie in
    for m in _NON_SPACE.finditer(text):
        if all(taken[m.start():m.end()]):
            continue
        piece = "".join(c for i, c in enumerate(m.group()) if not taken[m.start() + i])
        piece = piece.strip(_WORD_TRIM + "[]【】")
        if piece and not piece.isdigit() and piece.lower() not in rules.ui_words and (
                piece.lower() not in rules.weekdays):
            leftover.append(piece)
            fields_left.add(len(_SEPARATOR.findall(text[:m.start()])))
    after_date = _name_after_date(leftover, rules)
    if source is None and not labels and date_span and _date_first(text, date_span[0], rules) and after_date and (
            not _SEPARATOR.search(text)):
        # "2021-03-05 10:12:00 LBG LBG": the publisher's name right after the page's date, given
        # twice by a site's source and author fields side by side (after a bar a name is as often
        # a section: "Jul 1, 2019 | Hospital News")
        source = _source_value(after_date, rules)
        leftover = []
    # The leftover may also be a publisher beside the date ("Updated: Jul 26,2019 09:48 Xinhua").
    # Its words must lie in one field: "Li Ming | 7 June 2018 | News" is an author and a section.
    if (source is None and not source_labelled and leftover and len(fields_left) == 1
            and _unlabelled_publisher(" ".join(leftover), rules)):
        source = _source_value(_site_name(_unlabelled_publisher(" ".join(leftover), rules)), rules)
        leftover = []
    if not source_labelled and any(m.group("person") and _PHOTO_LABEL.search(m.group()) for m in labels):
        # "Photo: Wang Wu / Example Daily": a photo credit's paper is never the page's source
        source = None
    if source is None and not labels and _name_then_stamp(text, date_span, rules, dots_only=True):
        # "Lan Bo Wan Bao Wang\u00b72025-07-11 11:31": an aggregator's item names its outlet before the
        # dot and the stamp, transliterated into any number of words (not a person's two or three)
        name = text[:date_span[0]].rstrip(" \u00b7\u2022")
        section = all(w.strip(_WORD_TRIM).lower() in rules.menu_words for w in name.split())  # "Hospital News"
        if not section and (not _author_name_text(name) or _is_publisher(name, rules)):
            source = _source_value(name, rules)
    if source is None and not labels and full and _glued_name(text, date_span, rules):
        # "examplehealthAugust 31, 2017": an aggregator's item opens with its outlet's name glued to
        # the date, and nothing else on the line
        source = _source_value(text[:date_span[0]], rules)
    if len(leftover) > shape.byline_max_leftover and not _name_then_stamp(text, date_span, rules):
        return None
    if not labels and not date_span:
        return None
    # "Founded in: 1960-05-01", "TO BE HELD ON MAY 4, 2010": an event's date, not the page's
    # (the line stays a byline, as the shape of the page around it reads it)
    if any(w.lower() in rules.event_words for w in leftover):
        full = yearless = None
    if full and _DAY_RANGE_BEFORE.search(text[:full[1]]):
        full = None  # "3 – 5 December 2024": a range of days is an event's, not a publication's
    # "SHOOTING TIME: June 16, 2024" in a video agency's listing: a date that is the value of a
    # field naming no publication date is not the page's
    owner = max((m for m in labels if date_span and m.end() <= date_span[0]), key=lambda m: m.end(), default=None)
    if owner is not None and owner.group("other") and not text[owner.end():date_span[0]].strip():
        full = yearless = None
    published = full[0] if full else None
    return Byline(published=published, yearless=yearless[0] if yearless else None, source=source,
                  labelled=source_labelled and source is not None)


# "Source: http://www.example-daily.com / Example Daily / Home> News / by X / Lanbo \u2013 May 4, 2013": a
# repost's credit copying its source page's address, name and byline, fields parted by slashes
_ADDRESS_THEN_NAME = re.compile(r"(?i:sources?)\s*[:\uff1a]\s*(?P<address>\S+)\s+/\s+(?P<name>[^/]{2,60}?)(?:\s+/\s+.*)?")


def _named_address(text: str, rules: CleanRules) -> Byline | None:
    """A source label's address followed by the site's name, the name being the address's words
    ("www.example-daily.com / Example Daily"): the name, and the date the copied byline gives."""
    m = _ADDRESS_THEN_NAME.fullmatch(text)
    if not m:
        return None
    host = _URL_HOST.sub(lambda h: h.group("host") or h.group("www"), m.group("address"))
    name = m.group("name").strip()
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w != "the"]
    if not rules.domain.match(host) or not words or "".join(words) not in re.sub(r"[^a-z0-9]", "", host.lower()):
        return None
    found = find_date(text, rules)
    return Byline(published=found[0] if found else None, yearless=None, source=_source_value(name, rules),
                  labelled=True)


def parse_credit(text: str, rules: CleanRules) -> Byline | None:
    """A publisher credited in a sentence: "This article appeared in the X print edition as: ..."."""
    if len(text.split()) > rules.shape.byline_max_words:
        return None
    for pattern in rules.credits:
        m = pattern.match(text)
        # a pattern's `outlet` group names a paper, whose name may be all generic words ("The
        # News International"), where `source` may name an office ("Press Office")
        name = m and (m.groupdict().get("outlet") or m.groupdict().get("source"))
        if m and name.split()[0].lower().rstrip(".") not in rules.months:
            return Byline(published=None, yearless=None,
                          source=_source_value(name, rules, offices="outlet" not in m.groupdict()))
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


_BEFORE_DATE = re.compile(r"\s+(?i:in|on)$")
_RELEASE = re.compile(r"((?:[A-Z][\w.&'\u2019-]*\s+){1,5})(?i:news|press|media)\s+release")

# "By <authors>(<publisher>)" and "<publisher> by <author>"
_AUTHORS_THEN_PUBLISHER = re.compile(r"^(?P<authors>(?i:by)\s.+?)\s*\(\s*(?P<source>[^()]{2,60}?)\s*\)$")
_AUTHORS_SLASH_PUBLISHER = re.compile(r"(?P<authors>(?i:by)\s.*?[a-z.])/(?P<source>[A-Z][\w&'\u2019.-]*(?: [A-Z][\w&'\u2019.-]*){0,3})")
_PUBLISHER_BY = re.compile(r"^\(?\s*(\S.{0,40}?)\s+by\s+[A-Z]")


# a photo credit's label ("Photo source:", "Image courtesy:"): furniture, never the page's source
_PHOTO_LABEL = re.compile(r"(?i)photo|image|picture|credit|courtesy")

# "By <one capitalised word>" is a publisher: a person's byline has a given and a family name.
_BY_SEGMENT = re.compile(r"(?i:by)\s+\S")
# ... and a freelance's "special to" the paper ("By Li Ming, Special to the Example Times")
_AUTHOR_THEN = re.compile(r",\s+(?:(?i:special\s+to)\s+(?:the\s+)?(?=[A-Z]))?|\s+(?:for|(?i:special\s+to))\s+(?:the\s+)?(?=[A-Z])")
_RELATIVE_STAMP = re.compile(r"(?P<name>\S.*?)\s*[|\uff5c\u00b7\u2022-]?\s*(?:\d{1,2}|an?)\s*"
                             r"(?i:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+(?i:ago)\.?")
# ... or glued to a capitalised value by a dash or a bar ("Source-Xinhua", "SOURCE\u2014Lanshan Daily",
# "Source| Lanshan Daily")
_DASHED_SOURCE_LABEL = re.compile(r"^((?i:sources?))(?:\s+[-\u2013\u2014|\uff5c]\s+(?=\S)|\s*[-\u2013\u2014|\uff5c]\s*(?=[A-Z]))")
# ... also after a comma, or a domain in brackets ("By, Example", "By (example.com.cn)")
_BY_ONE_NAME = re.compile(r"(?i:by),?\s+(?P<open>\(\s*)?(?P<name>[^\s()]+)(?(open)\s*\))")


def _trailing_publisher(value: str, rules: CleanRules) -> str | None:
    """A known publisher's name ending an author field ("Li Ming Associated Press"), as written;
    the authors' names stay in front of it. The field may be the name alone ("By Associated Press")."""
    words = value.strip(" .,;:|").split()
    return next((" ".join(words[k:]) for k in range(len(words))
                 if _fold(" ".join(words[k:])) in rules.publishers), None)


def _unlabelled_publisher(value: str, rules: CleanRules) -> str | None:
    """The publisher's name in an unlabelled field beside a date, without the words around it:
    "by Example Daily", "From Example Daily", "Example Daily on", the author before a comma
    ("Wang Wu, Example Daily"). After "by" or "from" the name is read as in an author field ("Posted
    on 2021-03-05 by Lanshan Hospital" credits the hospital)."""
    credited = _BY_OR_FROM.match(value.strip()) is not None
    value = _BESIDE_DATE.sub("", value.strip())
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) > 1 and _fold(parts[0]) in rules.publishers:
        return parts[0]  # "(Example News Agency, example.org.cn May 4, 2004)": the agency, then the site carrying it
    return next((p for p in (parts[::-1] if len(parts) > 1 else parts) if _dated_publisher(p, rules) or (
        credited and len(parts) == 1
        and _is_publisher(p, rules, rules.publication_words | rules.author_publication_words))), None)


# a blog's category after the date ("... on March 5, 2021 in Hospital News")
_CATEGORY_AFTER = re.compile(r"\s+in\s+[A-Z][\w&'\u2019 -]{0,40}$")
_READ_MORE = re.compile(r"(?i:read\s+(?:more|the\s+(?:full|original)\s+(?:story|article)))(?:\s+(?i:at|on|from))?"
                        r"\s*[:\uff1a]?\s*(?P<source>\S.{0,40}?)\s*\.?")
_OUTLET_WIRE_STORY = re.compile(r"(?P<source>[A-Z].{1,60}?)\s+[A-Z]{2,6}\s+(?i:story|report)")
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
    if _COINED_NAME.fullmatch(value.strip(" .,;:()[]")):
        return True  # "Nov 20, 2020 · ExampleOcean": a coined name, words run together, is a site's
    words = value.strip(" .,;:()[]").split()
    return len(words) >= rules.dated_long_min and _is_publisher(value, rules, rules.dated_long_words)


# two or more capitalised words run together ("ExampleOcean", "LanshanPharma"); not a surname's
# prefix ("McLean", "MacLeod")
_COINED_NAME = re.compile(r"(?!Ma?c[A-Z])[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+")


# the words that join a publisher's name to the date beside it
_BESIDE_DATE = re.compile(r"^(?i:by|from)\s+|\s+(?i:on|at)$")


def _site_name(value: str) -> str:
    """A site named by its address beside a date ("Updated: May 4, 2019 www.example.com"): the
    domain without the host's "www." (a labelled credit keeps the value as written)."""
    return re.sub(r"^\s*(?:https?://)?www\.(?=[^.\s]+\.)", "", value, flags=re.IGNORECASE)


def _date_first(text: str, date_start: int, rules: CleanRules) -> bool:
    """Nothing but a weekday before the line's date ("Monday, 2021-03-05 ...")."""
    return all(w.strip(_WORD_TRIM).lower() in rules.weekdays for w in text[:date_start].split())


def _name_after_date(words: list[str], rules: CleanRules) -> str | None:
    """The leftover of a date-first byline read as a name: a capitalised name of one to three words
    written twice in a row ("LBG LBG", "Lanbo Group Lanbo Group": a site's source and author
    fields giving the same body), not of menu words alone ("News News"). A name written once
    after a date and time is as often a time zone ("Singapore Standard Time") or an app's link
    ("Example App Download") as a publisher."""
    half = len(words) // 2
    if len(words) not in (2, 4, 6) or words[:half] != words[half:]:
        return None
    words = words[:half]
    if all(w.strip(_WORD_TRIM).lower() in rules.menu_words for w in words):
        return None
    return " ".join(words) if all(re.fullmatch(r"[A-Z][\w&'\u2019.-]*", w) for w in words) else None


# a site's name set before its date by a dot or a bar ("Example Health Net\u00b72025-11-20 10:15")
_NAME_BEFORE_STAMP = re.compile(r"[A-Z][\w'\u2019&.-]*(?: [A-Z][\w'\u2019&.-]*){0,9}\s*[\u00b7\u2022|\uff5c]\s*")


def _name_then_stamp(text: str, date_span: tuple[int, int] | None, rules: CleanRules,
                     dots_only: bool = False) -> bool:
    """A line of a name, a dot or a bar, and a date with its time, and nothing else: the site's
    date line, however long the name (a transliterated one runs to five words or more).
    `dots_only`: a dot only (after a bar a name is as often a section's)."""
    if date_span is None or not _NAME_BEFORE_STAMP.fullmatch(text[:date_span[0]]):
        return False
    if dots_only and text[:date_span[0]].rstrip()[-1:] not in "\u00b7\u2022":
        return False
    rest = text[date_span[1]:].strip()
    return rules.time.fullmatch(rest) is not None


_GLUED_NAME = re.compile(r"[A-Za-z][a-z0-9.-]{3,40}")


def _glued_name(text: str, date_span: tuple[int, int], rules: CleanRules) -> bool:
    """One word glued to the date that follows it (no space between), the line holding nothing
    else but a time: a site's name, not a label, weekday or menu word ("PostedMay 4, 2019")."""
    name = text[:date_span[0]]
    rest = text[date_span[1]:].strip(" ,|")
    return bool(_GLUED_NAME.fullmatch(name) and name[-1:].isalnum() and text[date_span[0]:][:1].isalpha()
                and (not rest or rules.time.fullmatch(rest))
                and not rules.label.match(name + ": ") and not rules.unlabelled_date.match(name + " " + text[date_span[0]:])
                and name.lower() not in rules.ui_words | rules.weekdays | rules.menu_words | set(rules.months))


def _single_name(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z.&-]+", value))


def _author_name_text(value: str) -> bool:
    return bool(_AUTHOR_NAME.fullmatch(value))


def _is_publisher(value: str, rules: CleanRules, publication_words: frozenset[str] | None = None) -> bool:
    # an edition in brackets after the name ("Example Daily (Lanshan)", "Example Weekly (Europe)")
    value = re.sub(r"(?<=\w)\s*\([^()]{2,30}\)$", "", value.strip(" .,;:")) or value
    value = value.strip(" .,;:()[]")
    if rules.domain.match(value) or _WWW_HOST.fullmatch(value) or _fold(value) in rules.publishers:
        return True
    # a name in capitals ending in a word that names a publication ("Lanshan Daily", "Example
    # Finance", "Qingshan Evening News"); a slash inside it is a photo credit's ("Photo/Example
    # Daily", "WANG WU/EXAMPLE DAILY"), never the page's source
    words = value.split()
    if "/" in value:
        return False
    return (1 < len(words) <= 5 and all(w[:1].isupper() for w in words)
            and words[-1].lower() in (rules.publication_words if publication_words is None else publication_words))


# a host with its "www." as one comma-parted field, the author's after it
_HOST_THEN_AUTHOR = re.compile(r"(?<![\w.])(?i:www)\.\S+,\s+(?i:by)\s+[A-Z]")
# a site's host with its "www.", under any country's domain ("www.example.lk"): no word or file name
_WWW_HOST = re.compile(r"(?i:www)\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}")


def _paper_after_author(value: str) -> str:
    """"Li Ming, Example Daily" in an author's or editor's field: the paper after the person's
    name (a person is never the source); else the value as it stands."""
    m = _AUTHOR_COMMA_PUBLISHER.fullmatch(value.strip())
    return _ROLE_AFTER.sub("", m.group("source")) if m else value


_NAME_THEN_PAPER = re.compile(r"[^()]+?\s*\(\s*([^()]{2,60}?)\s*\)")
_FIELD_RUN_ON = re.compile(r"\s+(?:Editor|Author|Reporter|Writer|Views?|Hits|Clicks?|Reads|Share\s+to|"
                           r"Font\s+size)\b(?:\s*[:\uff1a]?\s*\S.*|\s*[:\uff1a]?)$")
_BARE_COUNT = re.compile(r"(?<=[A-Za-z.])\s+\d{1,7}$")
# (an address a page cut short keeps its host: "https://www.example.com/a-lon ... 53928.html")
_URL_HOST = re.compile(r"^(?i:https?://)(?P<host>[\w-]+(?:\.[\w-]+)+)(?::\d+)?(?:[/?#]\S*(?:\s*(?:\.\.\.|\u2026)\s*\S*)?)?$"
                       r"|^(?P<www>(?i:www)\.[\w-]+(?:\.[\w-]+)+)[/?#]\S*$")


def _strip_brackets(value: str) -> str:
    while value[:1] == "(" and value.count("(") > value.count(")") or value[:1] == "(" and value[-1:] == ")":
        value = value[1:].strip()
    while value[-1:] == ")" and value.count(")") > value.count("("):
        value = value[:-1].strip()
    return value


def _source_value(value: str, rules: CleanRules, *, offices: bool = True) -> str | None:
    """The publisher as written, or None for an empty, generic or non-English value (`offices`:
    or an office named by generic words alone)."""
    value = " ".join(value.split()).strip(" .,;:|[]【】\uff5c-–—")
    # brackets around the value go, an edition's closing one stays ("Example Daily (Lanshan)")
    value = _strip_brackets(value).strip(" .,;:|[]【】\uff5c-–—")
    # "Source: Responsible Editor of Example Daily: Wang Wu" (a translated "Source: X Responsible
    # editor: Y", the editor's field read as "of X"): the publisher is X
    editor_of = _EDITOR_OF.fullmatch(value)
    if editor_of:
        value = editor_of.group(1)
    # a social-media account's id after the name ("Example Health (ID: examplehealth)")
    value = _ACCOUNT_ID.sub("", value)
    # the next field run on without its colon or bar ("X Editor Wang Wu", "X Views 120")
    run_on = _FIELD_RUN_ON.search(value)
    if run_on and value.split()[-1].lower() not in rules.publication_words:  # not "The Editor Daily"
        value = value[:run_on.start()]
    # a view count run on with no label at all ("Source: Example 110"): no publisher's name ends
    # in a number set apart (none of the 578 gold sources in corpus/ does)
    value = _BARE_COUNT.sub("", value)
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
    if _several_papers(value, rules):
        return None  # "Source: Example Daily; Lanbo Times": a digest's item credits several papers, no publisher
    if rules.source_reject.search(value) or all(w.lower() in rules.ui_words for w in value.split()):
        return None  # (a row of share buttons, "Facebook Twitter LinkedIn", is no publisher)
    if any(_fold(part).strip(" .,;:()") in rules.photo_libraries for part in re.split(r"[/|,]|\bvia\b", value)):
        return None  # "Source: Li Ming/Example Stock": a photo's credit under a picture, not the page's
    if (not value or _CJK.search(value) or _fold(value) in rules.generic_sources
            or len(value.split()) > rules.shape.credit_max_words or not re.search(r"[A-Za-z]", value)):
        return None
    # An office of the site's own institution named only by generic words ("Office of
    # Communications", "Party and Government Office") does not say who publishes.
    if offices and all(w.strip(_WORD_TRIM) in rules.generic_source_words for w in _fold(value).split()):
        return None
    # a publisher's name is given as canonical names are, with an ASCII apostrophe ("People's Daily")
    return value.translate(_ASCII_APOSTROPHE)


# the first day of a range right before a date ("3 \u2013 5 December 2024"), not a time's or a date's digits
_DAY_RANGE_BEFORE = re.compile(r"(?<![\d.:/-])\d{1,2}\s*[-\u2013\u2014]\s*$")


def _several_papers(value: str, rules: CleanRules) -> bool:
    """Papers' names parted by semicolons ("Example Daily; Lanbo Times; The Lanbo Star"); not a
    name with another field after it ("Example Daily; Editor Li Ming")."""
    parts = [p.strip() for p in value.split(";")]
    media = rules.publication_words | rules.dated_publication_words | rules.dated_long_words
    return len(parts) > 1 and all(_is_publisher(p, rules, media) for p in parts)


_EDITOR_OF = re.compile(r"(?i:(?:responsible\s+)?editor(?:\s+in\s+charge)?\s+of)\s+(?:the\s+)?(\S.*?)\s*[:\uff1a]\s*\S.*")
_ACCOUNT_ID = re.compile(r"\s*[(\uff08]\s*(?i:id)\s*[:\uff1a]\s*[\w.-]+\s*[)\uff09]$")
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
    if groups.get("lead") is not None:
        # "Newswise -- LANSHAN, Minn. -- ...", "EXAMPLE-NEWS. The bank ...": a wire's name opening the
        # lead; any other capitalised words before a dash or a full stop are the story's
        return (m.end(), None, None, _source_value(groups["lead"], rules)) if _wire_name(groups["lead"], rules) else None
    if groups.get("lead_dated") is not None:
        # "Example Health Network August 29 The ...": a site's name and a day opening the lead; the
        # day without its year dates nothing
        name = groups["lead_dated"]
        return (m.end(), None, None, _source_value(name, rules)) if _wire_name(name, rules, any_case=True) else None
    # "(Xinhua)", "/PRNewswire/", "-- (Example News) --" after the date
    agency = groups.get("agency") or groups.get("wire") or groups.get("wire2") or groups.get("wire3")
    if agency and not (written or groups.get("place")) and _place_like(agency, rules):
        # "(Lanshan) -- The hospital ...": the place a story is filed from, in brackets, names no
        # agency (a wire names itself as a known publisher, or in a coined name, "RTTNews", "Wirenews")
        agency = None
    if agency and " " not in agency and _CAMEL_NAME.fullmatch(agency):
        # "LanshanMedicalCollege(LMC),Dec.22, 2020:": a name whose spaces the page lost
        agency = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", agency)
    return m.end(), iso, yearless, _source_value(agency, rules) if agency else None


_CAMEL_NAME = re.compile(r"(?:[A-Z][a-z]{2,}){3,}")


_PLACE_WORDS = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _wire_name(name: str, rules: CleanRules, any_case: bool = False) -> bool:
    """A known publisher, or a name in capitals (`any_case`: in any case) that holds a medium's
    word ("EXAMPLE-NEWS")."""
    if _fold(name) in rules.publishers:
        return True
    # a body's words ("Hospital", "University") open a story's lead as often as they name a wire
    media = (rules.publication_words | rules.dated_publication_words | rules.dated_long_words) - (
        rules.author_publication_words - rules.dated_long_words)
    return (any_case or name.isupper()) and any(w in media for w in re.split(r"[\s-]+", name.lower()))


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
