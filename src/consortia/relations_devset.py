"""The relations development set: load it, run it through the real pipeline, score it.

tests/fixtures/relations/*.jsonl hold one item per line: {"id", "text", "relations": [{"head",
"type", "tail", "role"?, "date"?, "purpose"?, "modality"?}], "aliases"?}. Items with no relations
are near-misses that must yield none. Scoring is `consortia eval`'s (evaluate.evaluate: folded
names, partner_of in either order, negated relations ignored); on top of it, each rule's
precision, which benchmarks/calibrate_relations.py turns into the stage's confidences.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import Report, evaluate
from .models import SYMMETRIC_TYPES, GoldDocument, GoldRelation, Record
from .names import fold
from .pipeline import Extractor, Source


def load_items(paths: list[Path]) -> list[dict]:
    items = []
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                item = json.loads(line)
                item.setdefault("id", f"{Path(path).stem}-{n}")
                items.append(item)
    ids = [i["id"] for i in items]
    if len(ids) != len(set(ids)):
        raise ValueError("development items need unique ids")
    return items


def run_items(extractor: Extractor, items: list[dict]) -> dict[str, Record]:
    """Each item as one document through every stage (clean included)."""
    sources = [Source(doc_id=i["id"], source_path=f"devset/{i['id']}.txt",
                      sha256=hashlib.sha256(i["text"].encode()).hexdigest(), raw=i["text"])
               for i in items]
    return {r.doc_id: r for r in extractor.process(sources)}


def gold_document(item: dict) -> GoldDocument:
    rels = [GoldRelation(**{k: v for k, v in r.items() if k in GoldRelation.model_fields}) for r in item["relations"]]
    return GoldDocument(doc_id=item["id"], title=None, published=None, source=None, entities=[],
                        relations=rels, aliases=item.get("aliases", {}))


@dataclass
class RuleCount:
    correct: int = 0
    predicted: int = 0


@dataclass
class DevResult:
    report: Report
    rules: dict[str, RuleCount] = field(default_factory=dict)
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)
    attribute_errors: list[tuple[str, str]] = field(default_factory=list)


def _forms(record: Record, canonical: str) -> set[str]:
    forms = {fold(canonical)}
    for e in record.entities:
        if e.canonical == canonical:
            forms |= {fold(e.canonical), fold(e.text)}
    return forms


def _gold_forms(item: dict, name: str) -> set[str]:
    forms = {fold(name)}
    for canonical, alts in item.get("aliases", {}).items():
        group = {fold(canonical)} | {fold(a) for a in alts}
        if forms & group:
            forms |= group
    return forms


def matches(record: Record, rel, item: dict, gold: dict) -> bool:
    if rel.type != gold["type"]:
        return False
    ph, pt = _forms(record, rel.head.canonical), _forms(record, rel.tail.canonical)
    gh, gt = _gold_forms(item, gold["head"]), _gold_forms(item, gold["tail"])
    if ph & gh and pt & gt:
        return True
    return rel.type in SYMMETRIC_TYPES and bool(ph & gt and pt & gh)


def score(records: dict[str, Record], items: list[dict]) -> DevResult:
    golds = {i["id"]: gold_document(i) for i in items}
    result = DevResult(report=evaluate(records, golds))
    rules: dict[str, RuleCount] = defaultdict(RuleCount)
    for item in items:
        rec = records[item["id"]]
        gold = [g for g in item["relations"] if g.get("modality") != "negated"]
        preds = [r for r in rec.relations if r.modality != "negated"]
        for r in preds:
            hit = next((g for g in gold if matches(rec, r, item, g)), None)
            rules[r.rule].predicted += 1
            rules[r.rule].correct += hit is not None
            if hit is None:
                result.false_positives.append((item["id"], f"{r.type} {r.head.canonical} -> {r.tail.canonical} [{r.rule}]"))
                continue
            for attr in ("role", "date", "purpose"):
                want = hit.get(attr)
                got = getattr(r, attr)
                if (want or got) and fold(want or "") != fold(got or "") and not (attr == "purpose" and not want):
                    result.attribute_errors.append((item["id"], f"{r.type} {attr}: got {got!r}, want {want!r}"))
        for g in gold:
            if not any(matches(rec, r, item, g) for r in preds):
                result.misses.append((item["id"], f"{g['type']} {g['head']} -> {g['tail']}"))
    result.rules = dict(sorted(rules.items()))
    return result
