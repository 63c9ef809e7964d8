"""Calibrate the relations stage: each rule's confidence is its precision on the development set.

    .venv/bin/python benchmarks/calibrate_relations.py            # measure, write confidence.json
    .venv/bin/python benchmarks/calibrate_relations.py --dry-run  # measure and show, write nothing
    .venv/bin/python benchmarks/calibrate_relations.py --details  # also list misses and false positives

Runs every item of tests/fixtures/relations/*.jsonl through the real pipeline (the default
config), counts per rule how many of its (non-negated) relations are correct, and writes
pipelines/relations/confidence.json with

    confidence = (correct + 1) / (predicted + 2)

the rule-of-succession estimate (a Beta(1, 1) prior): a rule seen right 20 times out of 20 gets
0.95, one seen once gets 0.67, an unseen rule the default 0.5. Small samples are not trusted
more than they deserve. `consortia eval` then reports precision per confidence band so a user
can choose `--min-confidence`.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "relations"
OUT = ROOT / "pipelines" / "relations" / "confidence.json"


def calibrate(counts: dict) -> dict:
    rules = {rule: {"confidence": round((c.correct + 1) / (c.predicted + 2), 4),
                    "correct": c.correct, "predicted": c.predicted}
             for rule, c in sorted(counts.items())}
    return {"_about": "Per-rule precision on tests/fixtures/relations, (correct + 1) / (predicted + 2); "
                      "written by benchmarks/calibrate_relations.py, read by the relations stage.",
            "default": 0.5, "rules": rules}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="show the figures, write nothing")
    parser.add_argument("--details", action="store_true", help="list misses and false positives")
    parser.add_argument("--config", default=None, help="pipeline config (default: pipelines/default.cfg)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from consortia.config import load_settings
    from consortia.evaluate import format_report
    from consortia.pipeline import Extractor
    from consortia.relations_devset import load_items, run_items, score

    items = load_items(sorted(FIXTURES.glob("*.jsonl")))
    result = score(run_items(Extractor(load_settings(args.config)), items), items)
    text = format_report(result.report)
    print(text[text.index("relations (document)"):text.index("metadata")].rstrip())
    print(f"\n{'rule':<44} {'correct':>7} {'pred':>5} {'conf':>6}")
    data = calibrate(result.rules)
    for rule, row in data["rules"].items():
        print(f"  {rule:<42} {row['correct']:>7} {row['predicted']:>5} {row['confidence']:6.3f}")
    if args.details:
        for title, rows in (("misses", result.misses), ("false positives", result.false_positives),
                            ("attribute errors", result.attribute_errors)):
            print(f"\n{title} ({len(rows)})")
            for item_id, what in rows:
                print(f"  {item_id:<6} {what}")
    if not args.dry_run:
        OUT.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
