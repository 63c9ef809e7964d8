"""Property tests of the clean stage: for any input string it does not raise, its offset map is
monotonic and in range, every clean character comes from the raw character it points at (or from
the raw stretch ftfy repaired into it), and clean spans map back to valid raw spans."""

import bisect
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.clean import clean, load_rules, repair, split_lines

from .conftest import ROOT

RULES = load_rules(ROOT / "pipelines" / "clean" / "furniture.json")
BREAKS = "\r\n\x0b\x0c\u2028\u2029"

# Pieces of real pages: furniture, bylines, datelines, prose, and the characters that break cleaners.
PIECES = [
    "Home > News > Hospital News", "Position: Example NewsDetail", "Contact Us", "Tel: +86-10-1234567",
    "Updated: 2023-04-13 Print", "39Admin2020-06-25from:Example Daily", "Source: Xinhua| 2019-07-26 20:17:35",
    "Jul 1, 2019 | News", "BEIJING, July 26 (Xinhua) -- ", "Copyright © 2020 All Rights Reserved.",
    "English 中文版", "澳门娱乐城 www.spam.com", "http://www.example.cn/a.html", "• ", "① ", "1. ",
    "Lanzhou University Second Hospital formed an alliance with 18 hospitals in Gansu on Friday.",
    "Hospital Alliance was Established in Xining", "People\u00e2\u20ac\u2122s", "H\u00c3\u00b4pital",
    "\u200b", "\u200d", "\u00ad", "\ufeff", "\u00a0", "\u3000", "\t", " ", "\r\n", "\r", "\n", "\n\n",
    "\u2028", "\x0c", "\x85", "\x00", "\x1b[31m", "&amp;", "&nbsp;", "ﬁ", "e\u0301", "“", "”", "’",
    "\ud7ff", "😀", "ß", "İ", "Ǆ", "﷽",
]
pages = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=40).map("".join)
long_lines = st.builds(lambda word, n, tail: (word + " ") * n + tail,
                       st.sampled_from(["hospital", "医院", "â€™", "\u200b", "Home", "-"]),
                       st.integers(min_value=500, max_value=6000), st.text(max_size=20))
any_text = st.one_of(st.text(), pages, long_lines)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _line_of(raw: str, starts: list[int], spans: list[tuple[int, int]], offset: int) -> str:
    k = bisect.bisect_right(starts, offset) - 1
    s, e = spans[k]
    return raw[s:e]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_offsets_are_monotonic_in_range_and_point_at_their_source(raw):
    out = clean(raw, RULES)
    text, offs = out.text, out.offsets
    assert len(offs) == len(text)
    assert all(0 <= o < len(raw) for o in offs)
    assert all(a <= b for a, b in zip(offs, offs[1:]))
    spans = split_lines(raw)
    starts = [s for s, _ in spans]
    repaired: dict[int, str] = {}
    for i, ch in enumerate(text):
        source = raw[offs[i]]
        if ch == "\n":
            assert source in BREAKS  # a block separator points at a raw line break
            continue
        assert source not in BREAKS  # no block holds a line break
        if source == ch or (ch == " " and source.isspace()):
            continue
        # Otherwise the character is ftfy's repair of the raw stretch around it.
        k = bisect.bisect_right(starts, offs[i]) - 1
        if k not in repaired:
            repaired[k] = repair(_line_of(raw, starts, spans, offs[i]))[0]
        assert ch in repaired[k] or (ch == " " and any(c.isspace() for c in repaired[k])), (i, ch, source)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.data())
def test_clean_spans_map_back_to_valid_raw_spans(raw, data):
    out = clean(raw, RULES)
    assert "\n".join(out.text[a:b] for a, b in out.blocks) == out.text
    assert all("\n" not in out.text[a:b] for a, b in out.blocks)
    assert out.text.count("\n") == max(len(out.blocks) - 1, 0)
    if out.title is not None:
        assert out.title in out.text.split("\n")
    if out.published is not None:
        assert ISO.match(out.published) and date.fromisoformat(out.published)
    if not out.text:
        return
    start = data.draw(st.integers(min_value=0, max_value=len(out.text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(out.text)))
    a, b = out.to_raw(start, end)
    assert 0 <= a < b <= len(raw)
    assert a == out.offsets[start] and b == out.offsets[end - 1] + 1


# Printable ASCII without "&": nothing for ftfy to repair, so the raw text of a mapped span,
# with its whitespace collapsed, is exactly the clean span.
ascii_pages = st.lists(st.one_of(st.sampled_from([p for p in PIECES if re.fullmatch(r"[\x20-\x25\x27-\x7e\n\r]+", p)]),
                                 st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126,
                                                                exclude_characters="&"), max_size=60)),
                       max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(ascii_pages, st.data())
def test_span_within_a_block_is_its_raw_text_collapsed(raw, data):
    out = clean(raw, RULES)
    if not out.blocks:
        return
    lo, hi = data.draw(st.sampled_from(out.blocks))
    start = data.draw(st.integers(min_value=lo, max_value=hi - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=hi))
    a, b = out.to_raw(start, end)
    assert re.sub(r"\s+", " ", raw[a:b]) == out.text[start:end]


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_same_input_same_output(raw):
    assert clean(raw, RULES) == clean(raw, RULES)
