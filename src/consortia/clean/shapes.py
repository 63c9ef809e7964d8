"""Lines from the raw text, each classified by its shape alone (byline, breadcrumb, contact,
furniture, content), with glued fields split off."""

import re

from .rules import CleanRules, _fold
from .text import collapse, repair, split_lines, _WIDE_GAP
from .lines import Byline, _CJK, _END_PUNCT, Line, _MARKUP_ONLY, _SENTENCE_END, _VIEW_CHARS, _WORD_TRIM
from .bylines import find_date, _is_publisher, parse_byline, parse_credit, parse_dateline, _RELATIVE_STAMP, _source_value


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
        name = _BY.sub("", aged.group("name")) if aged else None
        if aged and line.credit is None and _is_publisher(name, rules):
            # "Example Times 6 days ago", "By Example Times - 3 weeks ago": a site's name beside the
            # story's age credits the site; the line is left as it was read (no date, so no byline
            # to anchor the headline on)
            line.credit = _source_value(name, rules)


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
        if alone and _is_publisher(alone.group(1), rules):
            return _source_value(alone.group(1), rules)
        # "... she added. - Example News Agency": a known publisher after a dash, in any case
        known = _DASHED_KNOWN.search(text[-80:])
        return _source_value(known.group(1), rules) if known and _fold(known.group(1)) in rules.publishers else None
    return _source_value(m.group("source"), rules)


_DASHED_NAME = re.compile(r"(?:--|\u2014|\u2013)\s*(\S.{0,60})")
_DASHED_KNOWN = re.compile(r"[a-z0-9)][.!?][\"'\u201d\u2019]?\s+[-\u2013\u2014]+\s*([A-Z][\w&.'\u2019-]*(?:\s+[A-Z][\w&.'\u2019-]*){0,3})\s*$")
_BY = re.compile(r"^(?i:by)\s+")


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


_SLASHED_SECTION = re.compile(r"\s/\s+\w+$")


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
    if (len(arrow_parts) == 1 and len(parts) == 2 and _SLASHED_SECTION.search(text)
            and parts[1].lower() in rules.menu_words):
        return True  # a site's name over its section ("Example Deals / News")
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
