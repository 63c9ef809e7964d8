"""clean stage: raw text to the article's blocks, with metadata and an offset map to the raw text.

A page arrives with its furniture (language switches, menus, breadcrumbs, contact blocks, bylines,
share buttons, copyright lines, link spam). The stage keeps the article's blocks only: the title,
body paragraphs and list items, one block per raw line, joined by "\n". Every character of the
clean text points back to its raw position (`Cleaned.offsets`), so later stages report raw offsets.

How a page is read, in order:
1. Split into lines; repair each line's Unicode with ftfy (mojibake, odd widths, control
   characters) and align the repaired line to the raw one so each character keeps a raw index;
   drop zero-width characters; collapse whitespace runs to one space; strip a leading bullet glyph.
2. Classify each line by its shape alone: byline/credit (gives `published` and `source`),
   breadcrumb, contact line, copyright or "related news" (the article's end), furniture vocabulary,
   link or Chinese-language lines, or a content candidate (prose, list item, menu-shaped line).
   On a hard-wrapped page (wire copy, a plain-text release broken into lines of a fixed width),
   the lines of one paragraph are marked as such (wrap.py): the structure below reads them as
   one paragraph, and `Cleaned.soft_breaks` lists the newlines between them, where a sentence
   runs on (each line stays a block: a name never crosses a line).
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

from .rules import CleanRules, load_rules
from .text import collapse, repair, split_lines
from .lines import Byline, Line
from .shapes import build_lines, classify, is_breadcrumb, is_contact, is_furniture
from .bylines import find_date, find_yearless, parse_byline, parse_credit, parse_dateline, resolve_year
from .structure import read_structure
from .page import Cleaned, clean, make_clean, page_view, read_page, title_text

__all__ = [
    "CleanRules",
    "load_rules",
    "collapse",
    "repair",
    "split_lines",
    "Byline",
    "Line",
    "build_lines",
    "classify",
    "is_breadcrumb",
    "is_contact",
    "is_furniture",
    "find_date",
    "find_yearless",
    "parse_byline",
    "parse_credit",
    "parse_dateline",
    "resolve_year",
    "read_structure",
    "Cleaned",
    "clean",
    "make_clean",
    "page_view",
    "read_page",
    "title_text",
]
