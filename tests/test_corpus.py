"""The training and development corpora hold to the guideline and to how they were built
(corpus/README.md): mention-level gold that sits at its offsets, a manifest with provenance for
every document, a fixed split by document, no page twice."""

import hashlib
import json
import re

import pytest

from consortia.models import GoldDocument

from .conftest import ROOT

CORPUS = ROOT / "corpus"
SPLITS = ("train", "dev")
ISO = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


def _manifest(split):
    return [json.loads(line) for line in (CORPUS / split / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_the_corpus_is_large_enough_and_every_document_has_its_files():
    total = 0
    for split in SPLITS:
        rows = _manifest(split)
        ids = [r["doc_id"] for r in rows]
        assert len(ids) == len(set(ids)), split
        assert sorted(ids) == sorted(p.stem for p in (CORPUS / split / "texts").glob("*.txt"))
        assert sorted(ids) == sorted(p.stem for p in (CORPUS / split / "gold").glob("*.json"))
        for r in rows:
            assert r["url"] and r["site"] and r["query"] and r["slice"] in {f"D{k}" for k in range(1, 7)}, r
        total += len(ids)
    assert total >= 400


def test_the_split_is_fixed_by_document():
    # dev when the first byte of sha256(doc_id) falls in the first 15% (corpus/tools/assemble.py)
    for split in SPLITS:
        for r in _manifest(split):
            in_dev = hashlib.sha256(r["doc_id"].encode()).digest()[0] * 100 < 15 * 256
            assert in_dev == (split == "dev"), r["doc_id"]


def test_no_page_is_in_two_documents():
    urls, texts = set(), set()
    for split in SPLITS + ("rehearsal", "history"):
        for r in _manifest(split):
            assert r["url"] not in urls, r["url"]
            urls.add(r["url"])
            digest = hashlib.sha256((CORPUS / split / "texts" / f"{r['doc_id']}.txt").read_bytes()).hexdigest()
            assert digest not in texts, r["doc_id"]
            texts.add(digest)


@pytest.mark.parametrize("split", SPLITS + ("history",))
def test_gold_is_mention_level_and_well_formed(split):
    """What ../shared/tools/check_gold.py checks, with the project's own gold model."""
    problems = []
    for path in sorted((CORPUS / split / "gold").glob("*.json")):
        gold = GoldDocument.model_validate_json(path.read_text(encoding="utf-8"))
        raw = (CORPUS / split / "texts" / f"{path.stem}.txt").read_text(encoding="utf-8")
        spans = []
        for e in gold.entities:
            if e.start is None or raw[e.start:e.end] != e.text or "\n" in e.text:
                problems.append((path.stem, e.text, e.start))
            if e.label == "DATE" and not (e.value and ISO.match(e.value)):
                problems.append((path.stem, e.text, "DATE value"))
            if e.label == "MONEY" and not (isinstance(e.amount, (int, float)) and e.currency):
                problems.append((path.stem, e.text, "MONEY"))
            spans.append((e.start or 0, e.end or 0))
        spans.sort()
        problems += [(path.stem, "overlap", a, b) for a, b in zip(spans, spans[1:]) if b[0] < a[1]]
        names = {e.canonical for e in gold.entities} | set(gold.aliases) | {a for v in gold.aliases.values() for a in v}
        ascii_raw = raw.replace("\u2019", "'")
        for r in gold.relations:
            for end in (r.head, r.tail):
                if end not in names and end not in raw and end not in ascii_raw:
                    problems.append((path.stem, r.type, end))
            if r.type == "holds_position" and not r.role:
                problems.append((path.stem, r.head, "no role"))
    assert not problems, problems[:20]


def test_rehearsal_pages_have_provenance_and_no_test_page():
    rows = _manifest("rehearsal")
    assert sorted(r["doc_id"] for r in rows) == sorted(p.stem for p in (CORPUS / "rehearsal" / "texts").glob("*.txt"))
    assert all(r["url"] and r["site"] and r["query"] for r in rows)
    test_urls = {r["url"] for r in _manifest("test")}
    assert not test_urls & {r["url"] for r in rows}
