"""A page's structure: header, footer, menus and the headline chosen by the rules."""

import re

from .rules import CleanRules, _fold, _Shape
from .lines import _AUTHOR_NAME, _END_PUNCT, Line
from .bylines import find_date


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
    # a hard-wrapped paragraph counts once, at its first line
    paragraphs = [i for i in prose if not lines[i].continues]

    # The page header ends at the last breadcrumb above the second paragraph (the first may be a
    # sentence-shaped title), and only at one with a paragraph below it: a trail under the last
    # paragraph is page furniture at the foot, and taking it for the header's end would make the
    # whole article header (a one-paragraph story over "Home > News > Health" lost all its text).
    limit = paragraphs[1] if len(paragraphs) > 1 else len(lines)
    crumbs = [i for i in live if lines[i].kind == "breadcrumb" and i < limit
              and (not prose or i < prose[-1])]
    top = crumbs[-1] + 1 if crumbs else 0
    for i in live:
        if i < top and lines[i].kind == "content":
            lines[i].kind = "header"

    guarded = _headline_guards(lines, live)
    # Bylines at the top: fewer than two paragraphs above them.
    second = paragraphs[1] if len(paragraphs) > 1 else len(lines)
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
_TITLE_FIELD = re.compile(r"(?i:title|headline|subject|story)\s*[:\uff1a]\s*(?=\S)")  # "Title: <headline>", a video agency's "STORY: <headline>"
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
        # (a date set off by a comma is the heading's own: "Remarks at the Opening of X, May 4, 2023")
        if not tail and not text[lo:lo + found[1]].rstrip().endswith(","):
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
