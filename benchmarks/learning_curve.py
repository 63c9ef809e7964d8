"""Learning curve: test F1 with 25%, 50% and 100% of the training documents.

    python benchmarks/learning_curve.py [--design linear|encoder|spacy|mean] [--ner] [--fractions 0.25 0.5 1]

For each fraction (drawn with a fixed seed), trains the relation classifier (and with --ner the
entity recogniser too) into a temporary folder, tunes its threshold on corpus/dev as
`consortia train` does, runs the whole pipeline over corpus/test and prints relation and entity
F1. The shipped models in pipelines/ are not touched. If F1 still rises from 50% to 100%, more
training documents should help.
"""

import argparse
import tempfile
import time
from pathlib import Path

from consortia.config import load_settings
from consortia.evaluate import evaluate, load_gold
from consortia.pipeline import Extractor
from consortia.reader import read_source
from consortia.training import ner, relations
from consortia.training.corpus import ROOT

TEST = ROOT / "corpus" / "test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--design", choices=["linear", "encoder", "spacy", "mean"], default="encoder")
    parser.add_argument("--ner", action="store_true", help="retrain the entity recogniser per fraction too")
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    args = parser.parse_args()
    base = load_settings()
    gold = load_gold(TEST / "gold")
    print("| training documents | relations P | R | F1 | entities (document) F1 | ORG F1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for fraction in args.fractions:
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            settings = base
            if args.ner:
                ner.train(base, work / "ner", fraction=fraction, output=work / "ner-model")
                settings = load_settings(None, {"pipeline.model": str(work / "ner-model")})
            meta = relations.train(settings, design=args.design, fraction=fraction, output=work / "rel", log=lambda _: None)
            run = load_settings(None, {**({"pipeline.model": str(work / "ner-model")} if args.ner else {}),
                                       "components.relations": {**base.components["relations"], "model": str(work / "rel")}})
            records = {r.doc_id: r for r in Extractor(run).process(
                read_source(p, max_bytes=run.pipeline.max_bytes) for p in sorted((TEST / "texts").glob("*.txt")))}
        report = evaluate(records, gold)
        rel, ent = report.micro(report.relations), report.micro(report.document)
        print(f"| {meta['train']['documents']} ({fraction:.0%}) | {rel.precision:.3f} | {rel.recall:.3f} | {rel.f1:.3f} "
              f"| {ent.f1:.3f} | {report.document['ORG'].f1:.3f} |  ({time.monotonic() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
