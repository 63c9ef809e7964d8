"""Training the headline chooser (consortia.title_model) on corpus/train, tuned on corpus/dev.

Each page of a split becomes one choice: its candidate lines and the "no title" option, with the
gold title marking the right ones (every candidate whose title text is the gold title; the "no
title" option when the gold has none). A page whose gold title no candidate gives is left out of
training and counted as a miss in every score. The model is a conditional logit (one softmax per
page over its options), fitted by full-batch gradient descent with Adam and an L2 penalty in
NumPy, from zero weights: the same corpus gives the same weights.

The L2 penalty and the number of candidate lines are chosen on corpus/dev pooled with grouped
cross-validation on corpus/train (pages of one site in one fold, each scored by a model that has
not seen its site): dev alone is 101 pages. corpus/test is never read.
"""

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..clean import load_rules, page_view, read_page, title_text
from ..title_model import BYLINE_REACH, FEATURES, TitleModel, best_option, features, option_keys, softmax_scores
from .corpus import ROOT, load_split, manifest

RULES = ROOT / "pipelines" / "clean" / "furniture.json"
MODEL = ROOT / "pipelines" / "clean" / "title_model.json"
CARD = ROOT / "pipelines" / "clean" / "TITLE_MODEL_CARD.md"
UNPENALISED = frozenset({"rule_pick", "none_bias"})
PENALTIES = (0.3, 1.0, 3.0, 10.0)
CANDIDATE_LIMITS = (6, 10)
FOLDS = 5
CV_REPEATS = 3
STEPS = 1500
RATE = 0.05


def _norm(s: str | None) -> str | None:
    return " ".join(s.split()) if s else None


@dataclass
class Page:
    doc_id: str
    site: str
    x: np.ndarray        # options x features; the last row is "no title"
    right: np.ndarray    # bool per option: choosing it gives the gold title
    rule_right: bool     # the rules' title is the gold title
    keys: list[str | None]  # per option, the text it gives (title_model.option_keys), for pooling


def pages(split: str, limit: int) -> list[Page]:
    rules = load_rules(RULES)
    sites = {r["doc_id"]: r.get("site", r["doc_id"]) for r in manifest(split)}
    out = []
    for doc_id, raw, gold in load_split(split):
        lines, title = read_page(raw, rules)
        view, live = page_view(lines, title, rules)
        cands, x = features(view, limit)
        want = _norm(gold.title)
        texts = [_norm(title_text(lines, live[i], title, rules)) for i in cands] + [None]
        right = np.array([t == want for t in texts])
        rule_right = _norm(title_text(lines, title, title, rules)) == want
        out.append(Page(doc_id, sites.get(doc_id, doc_id), x, right, rule_right, option_keys(view, cands)))
    return out


def fit(train: list[Page], penalty: float) -> np.ndarray:
    """Weights that maximise the log-probability of the right options, less penalty/2 * |w|^2."""
    usable = [p for p in train if p.right.any()]
    x = np.vstack([p.x for p in usable])
    right = np.concatenate([p.right for p in usable]).astype(float)
    sizes = np.array([len(p.x) for p in usable])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(usable)), sizes)
    w = np.zeros(x.shape[1])
    # the rules' choice and the "no title" option's bias are not shrunk towards zero: they carry
    # the prior that the rules are mostly right. The rules finding no headline is shrunk like any
    # other feature: it misses more headlines (a sentence-like one, one under a site's blurb)
    # than it rightly rejects, and unshrunk it outweighed the lines' own evidence.
    shrink = np.array([0.0 if name in UNPENALISED else 1.0 for name in FEATURES]) * penalty
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, STEPS + 1):
        s = x @ w
        s = s - np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s)
        z = np.add.reduceat(e, starts)[seg]
        zr = np.add.reduceat(e * right, starts)[seg]
        grad = x.T @ (e / z - e * right / zr) / len(usable) + shrink * w / len(usable)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def accuracy(test: list[Page], w: np.ndarray) -> float:
    return sum(bool(p.right[best_option(softmax_scores(p.x, w), p.keys)]) for p in test) / len(test)


def rule_accuracy(test: list[Page]) -> float:
    return sum(p.rule_right for p in test) / len(test)


def cross_validate(train: list[Page], penalty: float) -> float:
    """Accuracy over train when each page is scored by a model fitted without its site's pages,
    averaged over CV_REPEATS ways of dealing the sites into folds (one split moves the score by
    a few pages, as much as the settings it chooses between differ)."""
    sites = sorted({p.site for p in train})
    right = 0
    for rep in range(CV_REPEATS):
        order = sites if rep == 0 else random.Random(rep).sample(sites, len(sites))
        fold_of = {site: k % FOLDS for k, site in enumerate(order)}
        for k in range(FOLDS):
            held = [p for p in train if fold_of[p.site] == k]
            w = fit([p for p in train if fold_of[p.site] != k], penalty)
            right += round(accuracy(held, w) * len(held))
    return right / (len(train) * CV_REPEATS)


def train(*, log=print) -> dict:
    """Choose the penalty and candidate count on dev, fit on train, write the model and its card."""
    grid = []
    for limit in CANDIDATE_LIMITS:
        tr, dv = pages("train", limit), pages("dev", limit)
        for penalty in PENALTIES:
            w = fit(tr, penalty)
            row = dict(limit=limit, penalty=penalty, train=round(accuracy(tr, w), 3),
                       cv=round(cross_validate(tr, penalty), 3), dev=round(accuracy(dv, w), 3))
            log(json.dumps(row))
            grid.append(row)
    # dev alone (101 pages) moves by a page or two between settings: the choice pools its pages
    # with the cross-validated train pages, each page counting once
    best = max(grid, key=lambda r: (r["dev"] * len(dv) + r["cv"] * len(tr), -r["limit"], r["penalty"]))
    tr, dv = pages("train", best["limit"]), pages("dev", best["limit"])
    w = fit(tr, best["penalty"])
    result = dict(
        limit=best["limit"], penalty=best["penalty"], grid=grid,
        train=round(accuracy(tr, w), 3), dev=round(accuracy(dv, w), 3),
        cv=best["cv"],
        rules=dict(train=round(rule_accuracy(tr), 3), dev=round(rule_accuracy(dv), 3)),
        reachable=dict(train=round(sum(p.right.any() for p in tr) / len(tr), 3),
                       dev=round(sum(p.right.any() for p in dv) / len(dv), 3)),
        pages=dict(train=len(tr), dev=len(dv)))
    model = TitleModel(max_candidates=best["limit"], weights=w)
    data = {"_about": "Headline chooser weights (consortia.title_model), written by `consortia train metadata`; "
                      "see TITLE_MODEL_CARD.md.", **model.to_dict()}
    MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    write_card(result, w)
    return result


def write_card(result: dict, w: np.ndarray) -> None:
    top = sorted(zip(FEATURES, w), key=lambda fw: -abs(fw[1]))[:12]
    rows = "\n".join(f"| {name} | {weight:+.2f} |" for name, weight in top)
    grid = "\n".join(f"| {r['limit']} | {r['penalty']} | {r['train']:.3f} | {r['cv']:.3f} | {r['dev']:.3f} |"
                     for r in result["grid"])
    CARD.write_text(f"""# Headline chooser (pipelines/clean/title_model.json)

- **What**: a conditional logit (src/consortia/title_model.py) over a page's candidate lines (its
  first three; the {result['limit']} above its first paragraph and the {result['limit']} above the
  first paragraph that another follows, each with that paragraph and the two lines below; the clean
  rules' title line with two lines either side; any of its first {BYLINE_REACH} lines on a date
  line; no list item unless it sits on one) and a "no title" option;
  {len(FEATURES)} features of a line (its place, its kind after the clean rules read the page,
  length, case pattern, end punctuation, menu words, how many of its words the story repeats, the
  lines around it, other copies of its text, whether the rules chose it) and of the page. The
  clean stage's `title` is the likeliest option (copies of one line pooling their probability, as
  training counts them); the clean text is the rules' either way.
- **Data**: corpus/train ({result['pages']['train']} real pages) for the weights; corpus/dev
  ({result['pages']['dev']} pages) with the cross-validated train pages to choose the L2 penalty
  ({result['penalty']}) and the number of candidate lines; never corpus/test. A page whose gold title no candidate line gives
  (train {1 - result['reachable']['train']:.3f}, dev {1 - result['reachable']['dev']:.3f} of pages) counts as a miss.
- **Made by**: `consortia train metadata` (zero start, {STEPS} full-batch Adam steps: deterministic).
- **Title accuracy** (exact after folding whitespace, as `consortia eval` scores it; the clean stage
  alone, pages without a browser title):

| | rules alone | chooser |
|---|---:|---:|
| corpus/train (fitted on) | {result['rules']['train']:.3f} | {result['train']:.3f} |
| corpus/train, {FOLDS}-fold cross-validation grouped by site ({CV_REPEATS} deals of sites) | {result['rules']['train']:.3f} | {result['cv']:.3f} |
| corpus/dev | {result['rules']['dev']:.3f} | {result['dev']:.3f} |

- **Tuning grid** (fitted on train):

| candidates | L2 | train | train CV | dev |
|---:|---:|---:|---:|---:|
{grid}

- **Largest weights**:

| feature | weight |
|---|---:|
{rows}

- **Size and speed**: {len(FEATURES)} weights; a page's choice is one small matrix product.
""", encoding="utf-8")
