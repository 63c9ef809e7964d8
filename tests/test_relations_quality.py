"""The relations stage's quality bar: on the seeds (against corpus/gold) and on our own
development set (tests/fixtures/relations), both through the real pipeline."""

from collections import Counter

import pytest

from consortia.evaluate import evaluate, load_gold
from consortia.relations_devset import load_items, run_items, score

from .conftest import FIXTURES, GOLD
from .test_no_seed_names import SEED_NAMES

DEV = sorted((FIXTURES / "relations").glob("*.jsonl"))
TYPES = ("partner_of", "member_of", "leads", "transferred_to", "affiliated_with", "branch_of", "part_of",
         "holds_position", "invested")


@pytest.fixture(scope="module")
def dev_items():
    return load_items(DEV)


@pytest.fixture(scope="module")
def dev_result(rules_extractor, dev_items):
    """The written development set measures the rules (the trained classifier is measured on
    corpus/dev and corpus/test)."""
    return score(run_items(rules_extractor, dev_items), dev_items)


def test_seed_relations_meet_the_bar(seed_records):
    report = evaluate(seed_records, load_gold(GOLD))
    micro = report.micro(report.relations)
    assert micro.f1 >= 0.95, report.as_dict()["relations"]
    for rtype, prf in report.relations.items():  # the learned-extraction issue's bar for the seeds
        if prf.gold:
            assert prf.f1 >= 0.95, (rtype, prf.as_dict())
    assert report.role.total and report.role.correct / report.role.total >= 0.95
    assert report.date.total and report.date.correct / report.date.total >= 0.9


def test_devset_is_large_varied_and_free_of_seed_names(dev_items):
    assert len(dev_items) >= 80
    negatives = [i for i in dev_items if not i["relations"]]
    assert len(negatives) >= 15
    per_type = Counter(r["type"] for i in dev_items for r in i["relations"])
    wordings = {t: {i["wording"] for i in dev_items for r in i["relations"] if r["type"] == t} for t in TYPES}
    for rtype in TYPES:
        assert per_type[rtype] >= 6, (rtype, per_type[rtype])
        assert len(wordings[rtype]) >= 4, (rtype, wordings[rtype])
    texts = "\n".join(i["text"] for i in dev_items).replace("\u2019", "'").lower()
    assert not [n for n in SEED_NAMES if n.lower() in texts]


def test_devset_precision_and_recall(dev_result):
    micro = dev_result.report.micro(dev_result.report.relations)
    detail = {"misses": dev_result.misses, "false_positives": dev_result.false_positives}
    assert micro.precision >= 0.9, detail
    assert micro.recall >= 0.9, detail


def test_devset_near_misses_yield_no_fact(dev_items, dev_result):
    negative_ids = {i["id"] for i in dev_items if not i["relations"]}
    wrong = [fp for fp in dev_result.false_positives if fp[0] in negative_ids]
    assert len(wrong) <= 1, wrong  # at most one of the >= 15 near-misses may slip through


def test_devset_roles_dates_and_purposes(dev_result):
    report = dev_result.report
    for name, acc in (("role", report.role), ("date", report.date), ("purpose", report.purpose)):
        assert acc.total and acc.correct / acc.total >= 0.9, (name, dev_result.attribute_errors)
