"""Hard-wrapped paragraphs: wire copy and plain-text releases broken into lines of a fixed width.

Such a page prints one paragraph on several lines, each ending mid-sentence. Read line by line,
a sentence over three lines is three blocks, a short wrapped line looks like a menu item and a
paragraph of nine-word lines is never prose. The breaks inside a paragraph are soft: the lines
stay blocks of the clean text (a name never crosses a line, docs/annotation.md), but their
sentence runs on, and the page's structure reads the paragraph as one.

A page is wrapped when `min_joins` lines or more run on in a lowercase word on the next line
("... a delegation of six had an" / "exchange visit ...") and those lines are `min_width`
characters long or more at the median (a table's cells break mid-phrase too, but short). On such
a page, a content line without end punctuation runs on into the content line under it when that
line opens in lowercase or a digit, when the line is nearly as long as the page's width
(`width_ratio`: a headline or a label is shorter), when it ends in a word that ends no sentence
("... was founded in"), or when its last word and the next line's first are a pair the page
writes together elsewhere ("... North China's Inner" / "Mongolia ...", "Inner Mongolia" below).
Thresholds and words: the `wrap` section of pipelines/clean/furniture.json.
"""

import statistics

from .lines import _END_PUNCT, _SENTENCE_END, _WORD_TRIM, Line
from .rules import CleanRules

_CLOSERS = "\"'”’)]"


def _ends_sentence(text: str) -> bool:
    """End punctuation at the line's end, closing quotes or brackets after it ("... said.\"")."""
    last = text.rstrip(_CLOSERS)[-1:]
    return last != "" and last in _END_PUNCT


def _may_run_on(above: Line, below: Line) -> bool:
    """Two adjacent content lines of words, the lower no list item, the upper without end
    punctuation, or with an abbreviation's full stop before a lowercase word ("... a U.S." /
    "subsidiary ...")."""
    return (above.kind == below.kind == "content" and _lettered(above.text) and _lettered(below.text)
            and not below.listed and not below.bullet
            and (not _ends_sentence(above.text) or (above.text[-1] == "." and below.text[0].islower())))


def _lettered(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _words(text: str) -> list[str]:
    return [w.strip(_WORD_TRIM) for w in text.split()]


def _pairs(lines: list[Line]) -> set[tuple[str, str]]:
    """The pairs of adjacent words the page writes on one line."""
    out: set[tuple[str, str]] = set()
    for ln in lines:
        words = _words(ln.text)
        out.update(zip(words, words[1:]))
    return out


def soft_joins(lines: list[Line], rules: CleanRules) -> list[int]:
    """Indices k of the lines whose break to line k + 1 is soft; [] when the page is not wrapped."""
    wrap = rules.wrap
    candidates = [k for k in range(len(lines) - 1) if _may_run_on(lines[k], lines[k + 1])]
    sure = [k for k in candidates if lines[k + 1].text[:1].islower() and not _ends_sentence(lines[k].text)]
    if len(sure) < wrap.min_joins:
        return []
    width = statistics.median(len(lines[k].text) for k in sure)
    if width < wrap.min_width:
        return []
    together = _pairs(lines)

    def soft(k: int) -> bool:
        last, first = _words(lines[k].text)[-1], _words(lines[k + 1].text)[0]
        return (first[:1].islower() or first[:1].isdigit() or len(lines[k].text) >= wrap.width_ratio * width
                or last in wrap.run_on_words or (last, first) in together)

    return [k for k in candidates if soft(k)]


def mark_wrapped(lines: list[Line], rules: CleanRules) -> None:
    """Mark a wrapped page's paragraphs: each line that runs on is `wrapped`, each line it runs
    into `continues`, and every line of a paragraph that is prose as a whole is prose, none of
    them menu-shaped."""
    for k in soft_joins(lines, rules):
        lines[k].wrapped = True
        lines[k + 1].continues = True
    start = 0
    while start < len(lines):
        end = start
        while lines[end].wrapped and end + 1 < len(lines):
            end += 1
        if end > start:
            _read_as_one(lines[start:end + 1], rules)
        start = end + 1


def _read_as_one(run: list[Line], rules: CleanRules) -> None:
    words = sum(ln.words for ln in run)
    shape = rules.shape
    prose = words >= shape.prose_long_words or (
        words >= shape.prose_min_words and bool(_SENTENCE_END.search(run[-1].text)))
    for ln in run:
        ln.menu = False
        ln.prose = ln.prose or prose
