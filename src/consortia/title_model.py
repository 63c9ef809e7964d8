"""The headline chooser: a small learned model that picks the page's title line, or none.

The clean stage's rules (clean.read_structure) pick a title line from the page's structure. On
real pages they go wrong in a few recurring ways: a site blurb or a section label above the
headline, a subheadline under it, a headline that reads like a sentence, a page without a
headline given one. The chooser looks at the first lines of the page and scores each as the
title, with the rules' own choice as one of its features, and a "no title" option beside them:

    P(candidate c) = exp(w . x_c) / (exp(w . x_none) + sum over candidates exp(w . x_c'))

`x_c` describes one line (its place on the page, its kind after the rules read the page, its
length, case pattern and end punctuation, the lines around it, other copies of its text on the
page, whether the rules picked it); `x_none` describes the page (whether the rules found a title,
whether the page opens with its story). Options that give the same text (a headline printed
twice) pool their probability, as training counts them. The weights are data
(pipelines/clean/title_model.json, written by `consortia train metadata` from corpus/train, with
a card beside it); run time needs only NumPy. Same page and weights, same choice.
"""

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ConfigError

# Kinds a line may have once the rules have read the page (clean.classify, read_structure).
KINDS = ("content", "header", "footer", "menu", "furniture", "byline", "breadcrumb", "contact", "end")
# Where a candidate sits among the page's non-blank lines: 0, 1, 2, 3, 4, 5-7, 8-15, 16 and later.
_POSITIONS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 7), (8, 15), (16, 10 ** 9))
_END_CHARS = {".": "end_stop", "?": "end_question", "!": "end_exclaim", ":": "end_colon",
              ",": "end_comma", ")": "end_bracket", "\u3002": "end_stop", "\uff1a": "end_colon"}
# A sentence end inside the line (not an initial's or a title's point: "Dr. Wang", "U.S.").
_INNER_STOP = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bCo)(?<!\bMrs)(?<!\bProf)"
                         r"(?<!\b[A-Z])[.!?\u3002](?=\s+\S)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATOR = re.compile(r"\s[|\uff5c\-\u2013\u2014>_]\s|\s?[|\uff5c>]\s?")
_TRIM = "\"'\u201c\u201d\u2018\u2019()[]{}<>:;,.!?|/\\-\u2013\u2014*#"
_HEAD_LINES = 3
BYLINE_REACH = 30  # how many of the page's first lines are candidates for sitting on a date line
# The story's lede: its first paragraph this long (a site's blurb or a notice is shorter).
_LEDE_WORDS = 30
# A line's features read its first characters only: a headline is far shorter, and a page of one
# long line costs no more than one of many.
_FEATURE_CHARS = 1000
# Lines that carry the page's metadata or trail are never its headline.
_NEVER_TITLE = frozenset({"byline", "breadcrumb"})  # the page's first lines are always candidates (a crawl often opens with the headline)
_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")  # curly and straight quotes compare equal
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs".split())

LINE_FEATURES = (
    ["rule_pick", "above_rule_pick", "below_rule_pick"]
    + [f"pos_{lo}" for lo, _ in _POSITIONS]
    + [f"kind_{k}" for k in KINDS]
    + ["first_content", "before_first_prose", "just_above_first_prose", "after_first_prose",
       "prose", "menu", "listed", "caption", "dateline", "wrapped", "headline_shaped",
       "log_words", "words_1_3", "words_4_20", "words_over_25",
       "end_stop", "end_question", "end_exclaim", "end_colon", "end_comma", "end_bracket", "end_other",
       "inner_stop", "title_case", "all_caps", "starts_lower", "has_digit", "has_separator",
       "has_cjk", "has_date",
       "next_byline", "next_prose", "prev_byline", "prev_breadcrumb", "prev_header",
       "copy_elsewhere", "prefix_of_other", "next_to_rule_pick", "rule_pick_on_byline", "menu_vocab", "menu_run",
       "body_overlap", "body_overlap_none", "body_overlap_high", "inner_lowercase",
       "content_gap_0", "content_gap_1", "content_gap_2", "content_gap_3",
       "rule_pick_short", "rule_pick_unrepeated", "inside_neighbour", "just_above_lede", "lede_overlap",
       "before_story", "just_above_story", "story_gap_0", "story_gap_1", "story_gap_2", "story_gap_3"]
)
PAGE_FEATURES = ["none_bias", "none_rule_none", "none_no_prose", "none_first_is_prose",
                 "none_first_prose_early"]
FEATURES = tuple(LINE_FEATURES + PAGE_FEATURES)


@dataclass(frozen=True)
class PageView:
    """What the chooser sees of one page: its non-blank lines (text, kind and shape flags, as the
    rules left them) and the rules' title line. Built by clean.page_view."""

    texts: list[str]
    kinds: list[str]
    flags: list[dict[str, float]]  # prose, menu, listed, caption, dateline, wrapped, headline_shaped,
    # has_date (0 or 1) and menu_vocab (the share of its words that are menu or page-control words)
    words: list[int]
    rule_pick: int | None  # index into texts, or None


def _case(text: str) -> tuple[float, bool]:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words:
        return 0.0, False
    content = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    capital = sum(1 for w in content if w.lstrip("\"'\u201c\u2018(")[:1].isupper())
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return capital / len(content), bool(letters) and all(c.isupper() for c in letters) and len(letters) > 3


def _paragraphs(view: PageView) -> list[int]:
    """The page's body paragraphs: prose content lines, less one that sits directly on a byline
    (a headline written as a sentence, with the page's date line under it, heads the story)."""
    last = len(view.texts) - 1
    return [i for i, f in enumerate(view.flags) if f["prose"] and view.kinds[i] == "content"
            and not (i < last and view.kinds[i + 1] == "byline")]


def first_prose(view: PageView) -> int | None:
    return next(iter(_paragraphs(view)), None)


def story_start(view: PageView) -> int | None:
    """The first paragraph that another paragraph follows: the story's start, below a site's
    blurb or a notice that is one paragraph alone."""
    prose = _paragraphs(view)
    for i in prose:
        nxt = next((j for j in range(i + 1, len(view.texts)) if view.kinds[j] == "content"), None)
        if nxt is not None and view.flags[nxt]["prose"]:
            return i
    return prose[0] if prose else None


def candidates(view: PageView, limit: int) -> list[int]:
    """The lines the chooser considers, in page order: the page's first lines, the `limit` lines
    above the first paragraph with the paragraph and the two lines below it, the rules' pick with
    two lines either side, and any of the first BYLINE_REACH lines that sits on a date line;
    lines holding a letter only, never a byline or a breadcrumb, nor a list item (bulleted names
    over a headline) unless it sits on a date line."""
    last = len(view.texts) - 1
    lettered = [i for i, t in enumerate(view.texts)
                if any(c.isalpha() for c in t) and view.kinds[i] not in _NEVER_TITLE
                and not (view.flags[i]["listed"] and not (i < last and view.kinds[i + 1] == "byline"))]
    picked = set(lettered[:_HEAD_LINES])
    body, story = first_prose(view), story_start(view)
    if body is not None:
        for start in (body, story):
            picked.update([i for i in lettered if i < start][-limit:])
            picked.update([i for i in lettered if i >= start][:3])
    else:
        picked.update(lettered[:limit])
    if view.rule_pick is not None:
        picked.update(i for i in lettered if abs(i - view.rule_pick) <= 2)
    # a line on a date line near the top: a headline over its byline, below a site's blurb
    picked.update(i for i in lettered[:BYLINE_REACH] if i + 1 < len(view.kinds) and view.kinds[i + 1] == "byline")
    return sorted(picked)


def _content_words(text: str) -> set[str]:
    return {w for w in (t.strip(_TRIM).lower() for t in text.split()) if len(w) > 3 and w not in _SMALL_WORDS}


def features(view: PageView, limit: int) -> tuple[list[int], np.ndarray]:
    """The candidates and their feature rows; the last row is the "no title" option."""
    cands = candidates(view, limit)
    index = {name: k for k, name in enumerate(FEATURES)}
    x = np.zeros((len(cands) + 1, len(FEATURES)))
    texts = view.texts
    folded = [" ".join(t.lower().translate(_QUOTES).split()) for t in texts]
    body, story = first_prose(view), story_start(view)
    lede = next((i for i in _paragraphs(view) if view.words[i] >= _LEDE_WORDS), None)
    lede_words = _content_words(texts[lede][:_FEATURE_CHARS]) if lede is not None else set()
    first_content = next((i for i, k in enumerate(view.kinds) if k == "content"), None)
    # How many of the story's paragraphs use each word: a headline's words come back in its story,
    # a site's blurb or a menu label's do not.
    paragraphs = [_content_words(t[:_FEATURE_CHARS]) for t, f, k in zip(texts, view.flags, view.kinds)
                  if f["prose"] and k == "content"]
    for row, i in enumerate(cands):
        v = x[row]

        def put(name: str, value: float = 1.0) -> None:
            v[index[name]] = value

        text, flags = texts[i][:_FEATURE_CHARS], view.flags[i]
        if view.rule_pick is not None:
            put("rule_pick", float(i == view.rule_pick))
            put("above_rule_pick", float(i < view.rule_pick))
            put("below_rule_pick", float(i > view.rule_pick))
        put(next(f"pos_{lo}" for lo, hi in _POSITIONS if lo <= i <= hi))
        put(f"kind_{view.kinds[i]}" if view.kinds[i] in KINDS else "kind_furniture")
        put("first_content", float(i == first_content))
        if body is not None:
            put("before_first_prose", float(i < body))
            put("after_first_prose", float(i > body))
            nxt = next((j for j in range(i + 1, len(texts)) if view.kinds[j] == "content"), None)
            put("just_above_first_prose", float(nxt == body and i < body))
            gap = sum(1 for j in range(i + 1, body) if view.kinds[j] == "content")
            if i < body:
                put(f"content_gap_{min(gap, 3)}")
        if story is not None:
            put("before_story", float(i < story))
            nxt = next((j for j in range(i + 1, len(texts)) if view.kinds[j] == "content"), None)
            put("just_above_story", float(nxt == story and i < story))
            gap = sum(1 for j in range(i + 1, story) if view.kinds[j] == "content")
            if i < story:
                put(f"story_gap_{min(gap, 3)}")
        if view.rule_pick is not None:
            put("next_to_rule_pick", float(abs(i - view.rule_pick) == 1))
        for name in ("prose", "menu", "listed", "caption", "dateline", "wrapped", "headline_shaped", "has_date"):
            put(name, float(flags[name]))
        n = view.words[i]
        put("log_words", math.log1p(n) / 3)
        put("words_1_3", float(n <= 3))
        put("words_4_20", float(4 <= n <= 20))
        put("words_over_25", float(n > 25))
        end = text.rstrip("\"'\u201d\u2019")[-1:]
        if end in _END_CHARS:
            put(_END_CHARS[end])
        elif end and not end.isalnum():
            put("end_other")
        put("inner_stop", float(bool(_INNER_STOP.search(text))))
        put("menu_vocab", float(flags["menu_vocab"]))
        mine_words = _content_words(text)
        # the story's lede below: a headline sits right on it and shares its words, a blurb above
        # the story or a section label does not
        if lede is not None and i < lede:
            nxt = next((j for j in range(i + 1, len(texts)) if view.kinds[j] == "content"), None)
            put("just_above_lede", float(nxt == lede))
            if mine_words:
                put("lede_overlap", len(mine_words & lede_words) / len(mine_words))
        if mine_words and paragraphs:
            others = set().union(*(w for w in paragraphs if w != mine_words))
            share = len(mine_words & others) / len(mine_words)
            put("body_overlap", share)
            put("body_overlap_none", float(share == 0))
            put("body_overlap_high", float(share >= 0.5))
            # the rules' pick that the story never repeats a word of: a site's label
            put("rule_pick_unrepeated", float(i == view.rule_pick and share == 0))
        rest = [w for w in text.split()[1:] if w[:1].isalpha()]
        if rest:
            put("inner_lowercase", sum(1 for w in rest if w[:1].islower()) / len(rest))
        title_case, caps = _case(text)
        put("title_case", title_case)
        put("all_caps", float(caps))
        put("starts_lower", float(text[:1].islower()))
        put("has_digit", float(any(c.isdigit() for c in text)))
        put("has_separator", float(bool(_SEPARATOR.search(text))))
        put("has_cjk", float(bool(_CJK.search(text))))
        if i + 1 < len(texts):
            put("next_byline", float(view.kinds[i + 1] == "byline"))
            # the rules' pick sitting on the byline: the page's structure names its headline
            put("rule_pick_on_byline", float(i == view.rule_pick and view.kinds[i + 1] == "byline"))
            put("next_prose", float(view.flags[i + 1]["prose"]))
        # the rules' pick a label of a word or three ("Invest Korea", "The Past"): often a site's
        # or a section's name over the headline
        put("rule_pick_short", float(i == view.rule_pick and n <= 3))
        if i > 0:
            put("prev_byline", float(view.kinds[i - 1] == "byline"))
            put("prev_breadcrumb", float(view.kinds[i - 1] == "breadcrumb"))
            put("prev_header", float(view.kinds[i - 1] == "header"))
        # one of a run of short lines (site names, a menu the rules let through)
        put("menu_run", float(flags["menu"] and any(
            0 <= j < len(texts) and view.flags[j]["menu"] and view.kinds[j] not in ("byline", "blank")
            for j in (i - 1, i + 1))))
        mine = folded[i]
        # a site's or a section's name that a longer line next to it repeats ("X Hospital" over
        # "A Brief Introduction to X Hospital"); not a headline repeated behind a label
        put("inside_neighbour", float(len(mine) >= 8 and any(
            0 <= j < len(texts) and j != i and mine in folded[j] and not folded[j].startswith(mine)
            and len(mine) <= 0.8 * len(folded[j])
            for j in range(i - 2, i + 3))))
        if len(mine) >= 8:
            put("copy_elsewhere", float(sum(f == mine for f in folded) > 1))
            put("prefix_of_other", float(any(f != mine and f.startswith(mine) for f in folded)))
    last = x[-1]
    last[index["none_bias"]] = 1.0
    last[index["none_rule_none"]] = float(view.rule_pick is None)
    last[index["none_no_prose"]] = float(body is None)
    first_text = [i for i, t in enumerate(texts) if any(c.isalpha() for c in t)][:1]
    last[index["none_first_is_prose"]] = float(bool(first_text) and first_text[0] == body)
    last[index["none_first_prose_early"]] = float(body is not None and body <= 2)
    return cands, x


def softmax_scores(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    s = x @ weights
    s = s - s.max()
    e = np.exp(s)
    return e / e.sum()


def option_keys(view: PageView, cands: list[int]) -> list[str | None]:
    """What each option gives as the title, for pooling: a line's text (whitespace folded); None
    for the "no title" option."""
    return [" ".join(view.texts[i].split()) for i in cands] + [None]


def best_option(p: np.ndarray, keys: list[str | None]) -> int:
    """The option whose title is likeliest: options giving the same text (a headline printed twice)
    pool their probabilities, as training counts them; the first of the best group."""
    pooled: dict[str | None, float] = {}
    for key, q in zip(keys, p):
        pooled[key] = pooled.get(key, 0.0) + float(q)
    best = max(pooled, key=lambda k: pooled[k])
    return keys.index(best)


# ---------------------------------------------------------------------------------------------
# The weights file.

class _ModelFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    max_candidates: int = Field(ge=1)
    features: list[str]
    weights: list[float]

    @model_validator(mode="after")
    def _same_features(self):
        if list(self.features) != list(FEATURES):
            missing = sorted(set(FEATURES) - set(self.features))
            extra = sorted(set(self.features) - set(FEATURES))
            raise ValueError(f"the model's features are not this code's (missing {missing}, unknown {extra}): "
                             f"retrain it with `consortia train metadata`")
        if len(self.weights) != len(self.features):
            raise ValueError(f"{len(self.weights)} weights for {len(self.features)} features")
        return self


@dataclass(frozen=True)
class TitleModel:
    max_candidates: int
    weights: np.ndarray

    def choose(self, view: PageView, barred: frozenset[int] = frozenset()) -> int | None:
        """The index (into view.texts) of the title line, or None for a page without one. Rows in
        `barred` are no option: the likeliest of the others is taken (the scores are unchanged)."""
        cands, x = features(view, self.max_candidates)
        p = softmax_scores(x, self.weights)
        p[[k for k, i in enumerate(cands) if i in barred]] = 0.0
        best = best_option(p, option_keys(view, cands))
        return None if best == len(cands) else cands[best]

    def to_dict(self) -> dict:
        return {"version": 1, "max_candidates": self.max_candidates, "features": list(FEATURES),
                "weights": [round(float(w), 6) for w in self.weights]}


def load_title_model(path: str | Path) -> TitleModel:
    """Read and validate the weights file; a bad file is a ConfigError saying what to fix."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data = {k: v for k, v in data.items() if k != "_about"}
        spec = _ModelFile.model_validate(data)
    except (OSError, ValueError, ValidationError) as err:
        raise ConfigError(f"title model {path}: {err}") from err
    return TitleModel(max_candidates=spec.max_candidates, weights=np.asarray(spec.weights, dtype=float))
