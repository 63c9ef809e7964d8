"""The headline chooser (consortia.title_model): candidates, features, the choice, the weights
file, its place in the clean stage, and its fitting, on small invented pages."""

import json

import numpy as np
import pytest

from consortia.clean import clean, load_rules, make_clean, page_view, read_page
from consortia.errors import ConfigError
from consortia.title_model import (FEATURES, PageView, TitleModel, best_option, candidates, features, first_prose,
                                   load_title_model, option_keys, story_start)
from consortia.training.metadata import Page, fit

from .conftest import ROOT

RULES_PATH = ROOT / "pipelines" / "clean" / "furniture.json"
MODEL_PATH = ROOT / "pipelines" / "clean" / "title_model.json"

# A page whose rules pick the headline above the byline.
BYLINE_PAGE = """Example Valley Health Network
Lanshan Hospital opens a cancer centre for the valley
Updated: 2021-03-04 10:20 Source: Lanshan Daily
The Lanshan Hospital opened a cancer centre on Monday, the hospital said in a statement on its site.
The centre has 200 beds and six operating theatres, and it will take patients from four counties.
"""

# A page that opens with its story: it has no headline.
NO_TITLE_PAGE = """The Lanshan Hospital opened a cancer centre on Monday, the hospital said in a statement on its site.
The centre has 200 beds and six operating theatres, and it will take patients from four counties.
"""


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES_PATH)


def _model(**weights: float) -> TitleModel:
    w = np.zeros(len(FEATURES))
    for name, value in weights.items():
        w[FEATURES.index(name)] = value
    return TitleModel(max_candidates=8, weights=w)


def _view(texts, kinds=None, prose=(), rule_pick=None, listed=()) -> PageView:
    kinds = kinds or ["content"] * len(texts)
    flags = [dict(prose=i in prose, menu=False, listed=i in listed, caption=False, dateline=False, wrapped=False,
                  headline_shaped=i not in prose, has_date=False, menu_vocab=0.0) for i in range(len(texts))]
    return PageView(texts=list(texts), kinds=list(kinds), flags=flags, words=[len(t.split()) for t in texts],
                    rule_pick=rule_pick)


def test_candidates_are_the_first_lines_those_above_the_story_and_around_the_rules_pick():
    texts = [f"Menu item {k}" for k in range(20)] + ["A paragraph of the story that goes on. " * 3] + ["Tail"] * 5
    view = _view(texts, prose={20}, rule_pick=None)
    assert candidates(view, 4) == [0, 1, 2, 16, 17, 18, 19, 20, 21, 22]
    view = _view(texts, prose={20}, rule_pick=10)
    assert candidates(view, 4) == [0, 1, 2, 8, 9, 10, 11, 12, 16, 17, 18, 19, 20, 21, 22]


def test_features_mark_the_rules_pick_and_the_no_title_option():
    view = _view(["Site name", "Hospital opens a new wing for children", "The hospital opened a wing. " * 4],
                 prose={2}, rule_pick=1)
    cands, x = features(view, 8)
    assert cands == [0, 1, 2]
    assert x.shape == (4, len(FEATURES))
    col = FEATURES.index
    assert list(x[:, col("rule_pick")]) == [0, 1, 0, 0]
    assert list(x[:, col("above_rule_pick")]) == [1, 0, 0, 0]
    assert list(x[:, col("just_above_first_prose")]) == [0, 1, 0, 0]
    assert list(x[:, col("none_bias")]) == [0, 0, 0, 1]
    assert x[3, col("none_rule_none")] == 0
    # the headline's words come back in its story; the site name's do not
    assert x[1, col("body_overlap")] == pytest.approx(2 / 4)  # hospital, wing (not opens, children)
    assert x[0, col("body_overlap_none")] == 1


def test_a_sentence_on_the_byline_heads_the_story_rather_than_opening_it():
    # a headline written as a sentence, the page's date line under it: the story starts below
    texts = ["Lanshan Clinic", "Two hospitals of Lanshan join forces to share their doctors and beds.",
             "Updated: 2021-03-04", "The two hospitals signed an agreement on Monday. " * 3,
             "The agreement runs for five years and covers training. " * 3]
    view = _view(texts, kinds=["content", "content", "byline", "content", "content"], prose={1, 3, 4},
                 rule_pick=1)
    assert (first_prose(view), story_start(view)) == (3, 3)
    cands, x = features(view, 8)
    col = FEATURES.index
    assert cands == [0, 1, 3, 4]
    assert list(x[:, col("just_above_first_prose")]) == [0, 1, 0, 0, 0]
    assert list(x[:, col("content_gap_1")]) == [1, 0, 0, 0, 0]
    # the same sentence with a paragraph under it opens the story
    plain = _view(texts[:2] + texts[3:], prose={1, 2, 3}, rule_pick=1)
    assert (first_prose(plain), story_start(plain)) == (1, 1)


def test_list_items_are_no_candidates_unless_on_the_date_line():
    # bulleted names of a hospital group over the story's headline
    texts = ["Xinghe Cancer Centre", "Xinghe Hospital East Branch", "Headline of the story about the merger",
             "Updated: 2021-03-04", "The two hospitals signed an agreement on Monday. " * 3]
    kinds = ["content", "content", "content", "byline", "content"]
    view = _view(texts, kinds=kinds, prose={4}, rule_pick=2, listed={0, 1})
    assert candidates(view, 8) == [2, 4]
    # a list item that sits on the page's date line is its headline
    view = _view(texts, kinds=kinds, prose={4}, rule_pick=2, listed={0, 1, 2})
    assert candidates(view, 8) == [2, 4]


def test_a_line_on_a_date_line_below_a_blurb_is_a_candidate():
    # a site's blurb opens the page; the headline sits on its date line further down
    texts = (["Xinghe News is the region's source of health news, reports and interviews. " * 2]
             + [f"Menu item {k}" for k in range(12)]
             + ["Xinghe Hospital opens a cancer centre", "2021-03-04", "The hospital opened a centre. " * 4])
    kinds = ["content"] * 13 + ["content", "byline", "content"]
    view = _view(texts, kinds=kinds, prose={0, 15})
    assert 13 in candidates(view, 4)


def test_features_of_labels_around_the_headline():
    texts = ["Xinghe Hospital", "A Brief Introduction to the Xinghe Hospital",
             "The Xinghe Hospital opened in 1950 and has grown into the largest hospital of its province, "
             "with four campuses, two thousand beds and a medical school that trains doctors for the region.",
             "It has 2,000 beds and four campuses. " * 3]
    view = _view(texts, prose={2, 3}, rule_pick=0)
    cands, x = features(view, 8)
    col = FEATURES.index
    assert cands == [0, 1, 2, 3]
    # the name inside the headline next to it is a label; the headline is not inside the name
    assert list(x[:, col("inside_neighbour")]) == [1, 0, 0, 0, 0]
    assert list(x[:, col("just_above_lede")]) == [0, 1, 0, 0, 0]
    assert x[1, col("lede_overlap")] == pytest.approx(2 / 4)  # xinghe, hospital of brief, introduction, ...
    assert list(x[:, col("rule_pick_short")]) == [1, 0, 0, 0, 0]
    # a headline repeated behind a section label is no label
    view = _view(["NEWS Hospital opens a new wing for children in the valley",
                  "Hospital opens a new wing for children in the valley",
                  "The hospital opened a wing. " * 4], prose={2}, rule_pick=1)
    cands, x = features(view, 8)
    assert list(x[:, col("inside_neighbour")]) == [0, 0, 0, 0]


def test_a_headline_printed_twice_pools_its_probability():
    # two copies at 0.3 each beat one line at 0.35
    keys = ["Site name", "Hospital opens a wing", "Hospital opens a wing", None]
    assert best_option(np.array([0.35, 0.3, 0.3, 0.05]), keys) == 1
    assert best_option(np.array([0.05, 0.3, 0.3, 0.35]), keys) == 1
    assert best_option(np.array([0.05, 0.2, 0.2, 0.55]), keys) == 3


def test_choose_follows_the_weights():
    view = _view(["Site name", "Hospital opens a new wing for children", "The hospital opened a wing. " * 4],
                 prose={2}, rule_pick=1)
    assert _model(rule_pick=2.0).choose(view) == 1
    assert _model(pos_0=2.0).choose(view) == 0
    assert _model(none_bias=2.0).choose(view) is None


def test_clean_takes_the_chosen_title_and_keeps_the_rules_blocks(rules):
    by_rules = clean(BYLINE_PAGE, rules)
    assert by_rules.title == "Lanshan Hospital opens a cancer centre for the valley"
    chosen = clean(BYLINE_PAGE, rules, title_model=_model(pos_0=5.0))
    assert chosen.title == "Example Valley Health Network"
    assert (chosen.text, chosen.offsets, chosen.blocks) == (by_rules.text, by_rules.offsets, by_rules.blocks)
    assert clean(BYLINE_PAGE, rules, title_model=_model(none_bias=5.0)).title is None


def test_a_chosen_line_is_trimmed_like_the_rules_title(rules):
    page = "News | Valley health round-up of the week\n" + BYLINE_PAGE
    lines, title = read_page(page, rules)
    view, live = page_view(lines, title, rules)
    assert view.texts[0] == "News | Valley health round-up of the week"
    assert view.texts[view.rule_pick] == "Lanshan Hospital opens a cancer centre for the valley"
    assert clean(page, rules, title_model=_model(pos_0=5.0)).title == "Valley health round-up of the week"


def test_the_shipped_model_keeps_clear_rules_choices(rules):
    run = make_clean(str(RULES_PATH), title_model=str(MODEL_PATH))
    assert run(BYLINE_PAGE).title == "Lanshan Hospital opens a cancer centre for the valley"
    assert run(NO_TITLE_PAGE).title is None


def test_weights_file_round_trip_and_validation(tmp_path):
    model = _model(rule_pick=1.5, none_bias=-0.25)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    loaded = load_title_model(path)
    assert loaded.max_candidates == 8
    assert np.array_equal(loaded.weights, model.weights)
    data = model.to_dict()
    data["features"] = data["features"][:-1]
    data["weights"] = data["weights"][:-1]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="retrain"):
        load_title_model(path)
    path.write_text(json.dumps({**model.to_dict(), "extra": 1}), encoding="utf-8")
    with pytest.raises(ConfigError, match="extra"):
        load_title_model(path)


def test_fit_learns_to_trust_the_rules_pick_when_it_is_right():
    pages = []
    for k in range(6):
        view = _view([f"Label {k}", f"Hospital {k} opens a new wing", "Story text goes on here. " * 5],
                     prose={2}, rule_pick=1)
        cands, x = features(view, 8)
        right = np.array([i == 1 for i in cands] + [False])
        pages.append(Page(f"p{k}", f"site{k}", x, right, True, option_keys(view, cands)))
    w = fit(pages, penalty=1.0)
    assert w[FEATURES.index("rule_pick")] > 1.0
    assert all(int(np.argmax(p.x @ w)) == 1 for p in pages)
    assert np.array_equal(w, fit(pages, penalty=1.0))  # deterministic
