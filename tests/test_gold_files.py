"""The gold files hold to the guideline (the same properties as shared/tools/check_gold.py)."""

import json
import re

import pytest

from consortia.models import GoldDocument

from .conftest import GOLD, RAW

GOLD_FILES = sorted(GOLD.glob("*.json"))


def test_every_raw_text_has_gold():
    assert [f.stem for f in GOLD_FILES] == [f.stem for f in sorted(RAW.glob("*.txt"))]
    assert len(GOLD_FILES) == 5


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_valid(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    gold = GoldDocument.model_validate(data)  # labels, types, ISO values, MONEY codes
    raw = (RAW / f"{path.stem}.txt").read_text(encoding="utf-8")
    assert gold.doc_id == path.stem
    spans = []
    for e in gold.entities:
        assert e.start is not None and 0 <= e.start < e.end <= len(raw), e
        assert raw[e.start:e.end] == e.text, e
        assert "\n" not in e.text, e
        assert e.canonical, e
        if e.label == "DATE":
            assert e.value and re.match(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$", e.value), e
        if e.label == "MONEY":
            assert isinstance(e.amount, (int, float)) and re.match(r"^[A-Z]{3}$", e.currency or ""), e
        spans.append((e.start, e.end))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "entities overlap"
    names = {e.canonical for e in gold.entities}
    for canonical, alts in gold.aliases.items():
        names |= {canonical, *alts}
    ascii_raw = raw.replace("\u2019", "'")
    for r in gold.relations:
        for end in (r.head, r.tail):
            assert end in names or end in raw or end in ascii_raw, (r, end)
        if r.type == "holds_position":
            assert r.role, r
