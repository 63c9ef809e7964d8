"""Pair F1 with gold entities: how well trained relation models separate pairs on corpus/dev.

    python benchmarks/relation_pairs.py [MODEL_FOLDER ...]   (default: pipelines/relations/model)

The pairs and labels are training/relations.py's labelled_pairs over corpus/dev's gold mentions
(the same for every design); a pair is predicted as its argmax over the ten classes, and P, R and
F1 count the relation classes only. This is the README's "pair F1, gold entities" column; the
whole pipeline's figures come from `consortia train` (meta.json) or `consortia eval`.
"""

import argparse
from pathlib import Path

from consortia.config import load_settings
from consortia.pipeline import build_clean
from consortia.training.relations import MODEL, labelled_pairs, pair_f1, parse_clean, parser


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("folders", nargs="*", type=Path, default=[MODEL])
    folders = args.parse_args().folders
    settings = load_settings()
    nlp = parser(settings)
    docs, counts = labelled_pairs("dev", lambda cleaned: parse_clean(nlp, cleaned), build_clean(settings))
    print(f"corpus/dev: {counts}")
    print("| model | design | pair P | R | F1 |\n|---|---|---:|---:|---:|")
    for folder in folders:
        from consortia.relation_model.scoring import RelationModel

        s = pair_f1(folder, docs)
        print(f"| {folder} | {RelationModel(folder).design} | {s['p']} | {s['r']} | {s['f']} |")


if __name__ == "__main__":
    main()
