"""Raw text to lines: line breaks, Unicode repair with an offset map, whitespace collapsed."""

import re
from difflib import SequenceMatcher

import ftfy




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
