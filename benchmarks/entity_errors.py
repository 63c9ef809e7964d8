"""List document-level entity false positives and misses per page, folded as `consortia eval` folds.

    python benchmarks/entity_errors.py run.jsonl corpus/dev/gold --label ORG [--summary]

A predicted (label, canonical) is wrong when neither its canonical nor any mention text folds to
a gold canonical or alias of that label; a gold canonical is missed when no prediction reaches
it. Same rule as src/consortia/evaluate.py (`_score_document`), so the counts add up to its table.
"""

import argparse
from collections import defaultdict
from pathlib import Path

from consortia.evaluate import _alias_groups, _names, load_gold, load_predictions
from consortia.names import fold


def page_errors(record, gold, label: str) -> tuple[list[str], list[str]]:
    """(false positive canonicals, missed gold canonicals) of one page for one label."""
    groups = _alias_groups(gold)
    gold_names = {c: _names(c, groups) for c in {e.canonical for e in gold.entities if e.label == label}}
    forms: dict[str, set[str]] = defaultdict(set)
    for e in (record.entities if record else []):
        if e.label == label:
            forms[e.canonical].update({fold(e.canonical), fold(e.text)})
    wrong = [c for c, f in forms.items() if not any(f & n for n in gold_names.values())]
    missed = [c for c, n in gold_names.items() if not any(f & n for f in forms.values())]
    return sorted(wrong), sorted(missed)


def other_labels(record, name: str, label: str) -> list[str]:
    """Labels the gold-missed name got instead, if predicted under another label."""
    return sorted({e.label for e in (record.entities if record else [])
                   if e.label != label and fold(e.canonical) == fold(name)})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--label", default="ORG")
    ap.add_argument("--summary", action="store_true", help="totals only")
    args = ap.parse_args()
    preds, gold = load_predictions(args.jsonl), load_gold(args.gold)
    n_fp = n_fn = 0
    for doc_id, g in sorted(gold.items()):
        wrong, missed = page_errors(preds.get(doc_id), g, args.label)
        n_fp, n_fn = n_fp + len(wrong), n_fn + len(missed)
        if args.summary or not (wrong or missed):
            continue
        print(f"== {doc_id}")
        for c in wrong:
            print(f"  FP {c}")
        for c in missed:
            alt = other_labels(preds.get(doc_id), c, args.label)
            print(f"  FN {c}" + (f"   (predicted as {','.join(alt)})" if alt else ""))
    print(f"{args.label}: {n_fp} false positives, {n_fn} missed, {len(gold)} pages")


if __name__ == "__main__":
    main()
