"""truecase: a copy of a page written wholly in lowercase with its names' capitals restored, so
the trained recogniser (which reads case) can find the names in it. Only case changes, so
offsets hold between the page and its copy.

Restoring is by one word list (pipelines/entities/lowercase_words.json): words written in
lowercase inside a sentence more often than capitalised on the training pages. Every other word,
and a sentence's first, is capitalised ("kelvatec signed with the lanbo university hospital"
gives "Kelvatec signed with the Lanbo University hospital" when "hospital" is on the list).

    python -m consortia.truecase corpus/train/texts pipelines/entities/lowercase_words.json
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def lowercase_page(text: str, *, max_upper: float = 0.005, min_letters: int = 200) -> bool:
    """A page written wholly in lowercase: at least `min_letters` letters, of which at most
    `max_upper` capitals.

    >>> lowercase_page("on feb. 16 the lanbo clinic opened. " * 10)
    True
    """
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return len(letters) >= min_letters and sum(c.isupper() for c in letters) <= max_upper * len(letters)


def lowercase_words(texts, *, min_count: int = 2) -> list[str]:
    """Words that inside a sentence (after a lowercase word) are written in lowercase more often
    than capitalised, seen at least `min_count` times there."""
    lower, upper = Counter(), Counter()
    for text in texts:
        prev = ""
        for m in _WORD.finditer(text):
            w = m.group()
            if prev[:1].islower() and text[m.start() - 1:m.start()] == " ":
                (lower if w[0].islower() else upper)[w.lower()] += 1
            prev = w
    return sorted(w for w, n in lower.items() if n >= min_count and n > upper[w])


def _opens_sentence(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0\"'“‘(":
        j -= 1
    return j == 0 or text[j - 1] in ".!?:;\n"


def recase(text: str, lowercase: frozenset, heads: frozenset = frozenset()) -> str:
    """`text` with a capital on a sentence's first word and every word not in `lowercase`, and
    on a name's words up to its head in `heads` ("the lanbo people's hospital": "Lanbo" is no
    listed word, so "People's Hospital" is its name too); same length, only case changed.

    >>> recase("kelvatec signed with the lanbo people's hospital. it grew.", frozenset(
    ...     {"signed", "with", "the", "people's", "hospital", "it", "grew"}), frozenset({"hospital"}))
    "Kelvatec signed with the Lanbo People's Hospital. It grew."
    """
    out = list(text)
    words = list(_WORD.finditer(text))
    capital = [w.group().lower() not in lowercase or _opens_sentence(text, w.start()) for w in words]
    for n, w in enumerate(words):
        if w.group().lower() in heads and not capital[n]:
            k = n - 1  # back over the name's lowercase words, joined by single spaces
            while (k >= 0 and not capital[k] and n - k < 5 and text[words[k].end():words[k + 1].start()] == " "
                   and words[k].group().lower() not in _FUNCTION_WORDS):
                k -= 1
            if k >= 0 and capital[k] and text[words[k].end():words[k + 1].start()] == " " and not _opens_sentence(text, words[k].start()):
                for j in range(k + 1, n + 1):
                    capital[j] = True
    for n, w in enumerate(words):
        if capital[n]:
            out[w.start()] = w.group()[0].upper()
    return "".join(out)


_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "in", "at", "to", "for", "with", "by",
                             "on", "its", "their", "his", "her", "our", "this", "that"})


def main(argv: list[str]) -> None:
    src, dest = Path(argv[0]), Path(argv[1])
    words = lowercase_words(p.read_text(encoding="utf-8") for p in sorted(src.glob("*.txt")))
    dest.write_text(json.dumps({"_comment": "words written in lowercase inside a sentence more often "
                                "than capitalised on the training pages (consortia.truecase)",
                                "words": words}, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
