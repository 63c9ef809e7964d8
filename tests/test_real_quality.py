"""Floors on corpus/test: 89 real pages with gold written before any run, on which nothing is
trained, tuned or calibrated (corpus/test/README.md). The floors sit a little below the scores
measured on the commit that set them, so a change that helps the seeds or the written fixtures
but hurts real pages fails here. They rise with each measured improvement, never to fit a page."""

import hashlib
import json

import pytest

from consortia.evaluate import evaluate, load_gold
from consortia.reader import read_source

from .conftest import FIXTURES

TEST = FIXTURES.parents[1] / "corpus" / "test"

# Measured 2026-12-07, late evening (166 more mainland China pages; the relation classifier
# retrained on the 1,180 training pages, threshold 0.65 chosen on the 215 dev pages): entities
# 0.891, ORG 0.858, relations 0.643 (P 0.738, R 0.570), title 0.910, published 0.921, source 0.876;
# the precision floor rose from 0.70. That evening (mainland pages twice): relations 0.638
# (P 0.714, R 0.576), the rest as below.
# Measured 2026-12-07, second afternoon (recogniser and relation classifier retrained on 1,038
# pages with the price convention applied, threshold 0.5 chosen on dev; tenth-round byline rules;
# two part_of filters): entities 0.891, ORG 0.858, relations 0.629 (P 0.705, R 0.568), title
# 0.910, published 0.921, source 0.876; the floors stayed where they were.
# Measured 2026-12-07 afternoon on the commit that set these floors (the relation classifier
# retrained with `consortia train`, the surface acquisition rule, ORG, partner, post, investment
# and unit rules of five helpers, byline rules from corpus/metadata, calibration chosen again on
# dev): entities 0.895, ORG 0.859, relations 0.629 (P 0.720, R 0.558), title 0.910, published
# 0.921, source 0.876. Before it, 2026-12-07 noon (196 more training and dev pages on the
# weakest topics, the models retrained on them and tuned on the larger dev, PERSON honorific and
# hyphenated-name rules, byline rules from corpus/metadata): entities 0.895, ORG 0.858, relations
# 0.620 (P 0.706, R 0.553), title 0.910, published 0.921, source 0.876; the precision floor went
# down from 0.74 as recall rose (0.529 to 0.553) with the threshold chosen on dev. That morning
# (short names joined to their fuller
# form, the recogniser's generic names let through, member, transfer, investment, unit and
# headline rules, bylines from four more metadata rounds, relations retuned on dev): entities
# 0.889, ORG 0.852, relations 0.619 (P 0.758, R 0.523), title 0.910, published 0.921, source
# 0.876. The night before (helpers' entity, ORG, relation and headline rules in two more rounds,
# relations retuned on dev to threshold 0.8): entities 0.888, ORG 0.849, relations 0.614 (P 0.758,
# R 0.516), title 0.910, published 0.921, source 0.876. Earlier that night (helpers' ORG, byline
# and relation rules in two rounds):
# entities 0.886, ORG 0.847, relations 0.605 (P 0.727, R 0.518), title 0.910, published 0.921,
# source 0.876. Earlier that evening (donations, acronyms,
# degrees; the helpers' unit, takeover and ORG rules): entities 0.883, ORG 0.841, relations 0.600
# (P 0.734, R 0.508), title 0.899, published 0.921, source 0.876. Earlier that evening (the mean
# relation design, the rules of three helpers): entities 0.879, ORG 0.832, relations 0.588 (P 0.721, R 0.496),
# title 0.899, published 0.921, source 0.876. Earlier that day (models retrained on 784 pages):
# entities 0.879, ORG 0.833, relations 0.580 (P 0.668, R 0.512), title 0.899, published 0.921,
# source 0.876; the precision floor went down from 0.67 as recall rose (0.498 to 0.512) with
# thresholds chosen on dev. The release before: entities 0.875, ORG 0.825, relations 0.579
# (P 0.692). Before that (same day):
# entities 0.857, ORG 0.808, relations 0.508 (P 0.610), title 0.899, published 0.910, source
# 0.865. First learned components: entities 0.842, ORG 0.772, relations 0.470 (P 0.562). Before
# them: entities 0.801, ORG 0.727, relations 0.378 (P 0.651), title 0.787, published 0.876,
# source 0.820.
FLOORS = {"entities": 0.885, "ORG": 0.849, "relations": 0.615, "relations_precision": 0.72,
          "title": 0.89, "published": 0.91, "source": 0.86}


@pytest.fixture(scope="module")
def report(extractor):
    sources = [read_source(p, max_bytes=1_000_000) for p in sorted((TEST / "texts").glob("*.txt"))]
    return evaluate({r.doc_id: r for r in extractor.process(sources)}, load_gold(TEST / "gold"))


def test_the_test_split_is_whole():
    texts = sorted((TEST / "texts").glob("*.txt"))
    gold = sorted((TEST / "gold").glob("*.json"))
    manifest = [json.loads(line) for line in (TEST / "manifest.jsonl").read_text().splitlines() if line]
    assert len(texts) == len(gold) == len(manifest) == 89
    assert [p.stem for p in texts] == [p.stem for p in gold] == sorted(m["doc_id"] for m in manifest)


def test_no_test_page_in_train_or_dev():
    test = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (TEST / "texts").glob("*.txt")}
    urls = {m["url"] for m in map(json.loads, (TEST / "manifest.jsonl").read_text().splitlines())}
    for split in ("train", "dev"):
        folder = TEST.parent / split
        for p in folder.glob("texts/*.txt"):
            assert hashlib.sha256(p.read_bytes()).hexdigest() not in test, p
        manifest = folder / "manifest.jsonl"
        if manifest.exists():
            for line in manifest.read_text().splitlines():
                assert json.loads(line)["url"] not in urls, line


def test_entities_document_level(report):
    assert report.micro(report.document).f1 >= FLOORS["entities"], report.as_dict()["entities_document"]
    assert report.document["ORG"].f1 >= FLOORS["ORG"], report.document["ORG"].as_dict()


def test_relations(report):
    micro = report.micro(report.relations)
    assert micro.f1 >= FLOORS["relations"], report.as_dict()["relations"]
    assert micro.precision >= FLOORS["relations_precision"], micro.as_dict()


def test_metadata(report):
    for name in ("title", "published", "source"):
        acc = getattr(report, name)
        assert acc.correct / acc.total >= FLOORS[name], (name, acc.as_dict())
