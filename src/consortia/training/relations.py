"""Train the relation classifier (relation_model/) on corpus/train; tune its threshold on corpus/dev.

Examples are candidate pairs over the GOLD mentions of the clean text, so the classifier learns
wordings rather than the entity recogniser's mistakes. A pair is a positive of type T when the
gold has (head, T, tail) for the two mentions' canonical names (or aliases) and the pair lies in
the sentence the gold gives as evidence; a pair of names that the gold relates but in another
sentence is left out (its sentence may or may not state it); every other pair is "none".
Pages about mainland China, the stream the pipeline serves, count `mainland_copies` times (on dev,
its mainland pages gained 0.010 F1 from a second copy in two retrainings, the others lost as much).
A second model (scoring.py) learns, on its own weights, the pairs with a resolved reference for
an end and the pairs across two adjacent sentences (positives when the gold's evidence covers
the reference's sentence, or both sentences); its threshold is chosen after the first's, and
left off when none raises dev F1.
The threshold is then chosen on corpus/dev by running the whole pipeline there (predicted
entities, rules and model together), as a user would run it.
"""

import json
import random
import shutil
import tempfile
from pathlib import Path

import numpy
import spacy

from ..config import Settings, load_settings
from ..evaluate import evaluate, load_gold
from ..names import fold
from ..pipeline import Extractor, build_clean
from ..reader import read_source
from ..stagedata import state
from ..relation_model.candidates import adjacent_pairs, candidate_pairs
from ..relation_model.classifier import CLASSES, LinearModel, hashed
from ..relation_model.features import mention_spans, pair_features
from ..relation_model.references import reference_mentions, reference_pairs
from ..relation_model.scoring import FAR_RULES, MIN_JUDGED
from .cards import training_pages, write_relations_card
from .corpus import ROOT, SPLITS, annotate, clean_offsets, load_split, mainland_page

MODEL = ROOT / "pipelines" / "relations" / "model"
REFERENCES = ROOT / "pipelines" / "relations" / "coreference.json"  # copied into the model's meta
HYPER = {"dim": 1 << 18, "epochs": 20, "learn_rate": 0.05, "l2": 1e-6, "none_weight": 0.5, "seed": 0,
         "seed_copies": 4, "mainland_copies": 2}
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 20)]
OFF = 1.01  # a threshold no probability reaches
# Dev F1 differences this small are noise: retraining one design on the same pages moves dev
# relation F1 by 0.002 to 0.003 (README, "Learned extraction")
F1_TIE = 0.003


def parser(settings: Settings, model: str | Path | None = None):
    """The pipeline's parse without its recogniser: `model`, else the one the settings name."""
    nlp = spacy.load(model or settings.pipeline.model, exclude=["ner"])
    nlp.add_pipe("consortia_blocks", before="parser")
    return nlp


def _names(canonical: str, aliases: dict[str, list[str]]) -> set[str]:
    return {fold(canonical)} | {fold(a) for a in aliases.get(canonical, [])}


def _evidence_sents(raw: str, cleaned, evidence: str | None, sent_starts: list[int]) -> set[int] | None:
    """The sentences of the clean text that the evidence covers; None when it gives none."""
    if not evidence or (at := raw.find(evidence)) < 0:
        return None
    where = clean_offsets(cleaned)
    kept = [where[i] for i in range(at, at + len(evidence)) if i in where]
    if not kept:
        return None
    lo, hi = kept[0], kept[-1]
    return {k for k, s in enumerate(sent_starts)
            if s <= hi and (k + 1 == len(sent_starts) or sent_starts[k + 1] > lo)}


def reference_words() -> dict:
    return {k: v for k, v in json.loads(REFERENCES.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def parse_clean(nlp, cleaned):
    """The clean text parsed as the pipeline parses it: the newlines inside a hard-wrapped
    paragraph (clean/wrap.py) start no sentence there, so none here either."""
    doc = nlp.make_doc(cleaned.text)
    if cleaned.soft_breaks:
        state(doc)["soft_breaks"] = list(cleaned.soft_breaks)
    return nlp(doc)


def labelled_pairs(split, parse, clean, *, fraction: float = 1.0, seed: int = 0, references: dict | None = None):
    """Per document of a split: (doc, mentions as entity dicts, candidate pairs, class indices),
    and the counts. Pairs of names the gold relates in another sentence are left out.
    With `references` (the second model's examples, scoring.py), the pairs are instead those with
    a resolved reference for an end (references.py: "It is an affiliated hospital of Y", a positive
    when the gold gives that sentence as evidence) and those across two adjacent sentences (a
    positive when the gold's evidence covers both); the mentions then include the references.
    `parse`: a Cleaned to its parsed Doc, as parse_clean does."""
    docs = load_split(split)
    if fraction < 1.0:
        docs = sorted(random.Random(seed).sample(docs, max(1, round(len(docs) * fraction))), key=lambda d: d[0])
    if split == "train":  # the project's own examples, repeated as for the recogniser
        # pages about mainland China, the stream the pipeline serves, weigh more
        docs += [d for d in docs if mainland_page(d[1])] * (HYPER["mainland_copies"] - 1)
        docs += load_split("seeds") * HYPER["seed_copies"]
    out = []
    counts = {"documents": len(docs), "pairs": 0, "positive": 0, "left_out": 0, "gold_relations": 0}
    for doc_id, raw, gold in docs:
        ann = annotate(doc_id, raw, gold, clean)
        doc = parse(ann.cleaned)
        starts = [s.start_char for s in doc.sents]
        ents = [{"start": s, "end": e, "label": label, "canonical": canonical, "text": ann.cleaned.text[s:e]}
                for s, e, label, canonical in sorted(ann.mentions)]
        if references is None:
            candidates = candidate_pairs(ents, starts)
        else:
            named = len(ents)
            ents += reference_mentions(doc, ents, references)
            candidates = reference_pairs(doc, ents, named, starts) + adjacent_pairs(ents[:named], starts)
        gold_rels = [(_names(r.head, gold.aliases), r.type, _names(r.tail, gold.aliases),
                      _evidence_sents(raw, ann.cleaned, r.evidence, starts)) for r in gold.relations]
        counts["gold_relations"] += len(gold_rels)
        pairs, labels = [], []
        for pair in candidates:
            h, t = fold(ents[pair.head]["canonical"]), fold(ents[pair.tail]["canonical"])
            label, ambiguous = 0, False
            for heads, typ, tails, where in gold_rels:
                hit = (h in heads and t in tails) or (typ == "partner_of" and h in tails and t in heads)
                if not hit:
                    continue
                if (where is None or pair.sent in where) if not pair.across else \
                        (where is not None and {pair.sent - 1, pair.sent} <= where):
                    label = CLASSES.index(typ)
                else:
                    ambiguous = True
            if label == 0 and ambiguous:
                counts["left_out"] += 1
                continue
            pairs.append(pair)
            labels.append(label)
        counts["pairs"] += len(pairs)
        counts["positive"] += sum(1 for y in labels if y)
        out.append((doc, ents, pairs, labels))
    return out, counts


def feature_rows(docs) -> tuple[list, list[int]]:
    """labelled_pairs' documents as the linear design's hashed feature rows and class indices."""
    rows, labels = [], []
    for doc, ents, pairs, ys in docs:
        spans = mention_spans(doc, ents)
        rows += [hashed(pair_features(doc, spans, ents, p.head, p.tail), HYPER["dim"]) for p in pairs]
        labels += ys
    return rows, labels


SPACY_CONFIG = ROOT / "pipelines" / "relations" / "spacy_rel.cfg"


def train_spacy(train_docs, dev_docs, output: Path, *, tok2vec_source: str, config: Path = SPACY_CONFIG,
                overrides: dict | None = None) -> dict:
    """The spaCy-native design: `spacy train` on the config, the best step (pair F1 on dev)
    copied to output/pipeline."""
    from spacy.cli.train import train as spacy_train

    from ..relation_model.spacy_rel import docbin
    from .ner import empty_string_table

    work = output / "work"
    work.mkdir(parents=True, exist_ok=True)
    docbin(train_docs).to_disk(work / "train.spacy")
    docbin(dev_docs).to_disk(work / "dev.spacy")
    spacy_train(config, work / "run", use_gpu=-1, overrides={
        "paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
        "paths.tok2vec_source": str(tok2vec_source), **(overrides or {})})
    shutil.copytree(work / "run" / "model-best", output / "pipeline")
    shutil.rmtree(work)
    empty_string_table(output / "pipeline")  # the training pages' words (names among them) stay out
    dev = json.loads((output / "pipeline" / "meta.json").read_text())["performance"]
    return {"design": "spacy", "pipeline": "pipeline", "classes": list(CLASSES), "threshold": 0.5,
            "config": config.name, "overrides": overrides or {}, "dev_pairs": {k: dev.get(f"rel_micro_{k}") for k in ("p", "r", "f")}}


def pair_f1(folder: Path, docs) -> dict:
    """Pair P/R/F1 of a trained model of any design on labelled pairs over gold mentions, argmax
    over the ten classes: how well it separates pairs when the entities are right."""
    from ..relation_model.scoring import RelationModel
    from ..relation_model.spacy_rel import pair_scores

    model = RelationModel(folder)
    pred, gold = [], []
    for doc, ents, pairs, labels in docs:
        if pairs:
            pred += [int(k) for k in numpy.asarray(model.scores(doc, ents, list(doc.sents), pairs)).argmax(1)]
            gold += labels
    return pair_scores(pred, gold)


FLOORS = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7]
CONFIDENCE = ROOT / "pipelines" / "relations" / "confidence.json"


def calibration(judged: list[tuple[float, bool]]) -> list[list[float]]:
    """A monotone map from score to precision (pool-adjacent-violators over the scores sorted),
    as [lowest score of a block, its precision] rows; each block's precision is shrunk toward
    one half as the rule-of-succession does, so that a small block claims no certainty."""
    blocks: list[list[float]] = []  # [lowest score, correct, count]
    for score, ok in sorted(judged):
        blocks.append([score, float(ok), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] > blocks[-1][1] / blocks[-1][2]:
            low, c, n = blocks.pop()
            blocks[-1][1] += c
            blocks[-1][2] += n
    # Shrinking changes small blocks more than large ones: pool again until the shrunk
    # precisions rise strictly, so that the table stays monotone and has no empty steps.
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(list(block))
        while len(merged) > 1 and (merged[-2][1] + 1) / (merged[-2][2] + 2) >= (merged[-1][1] + 1) / (merged[-1][2] + 2):
            low, c, n = merged.pop()
            merged[-1][1] += c
            merged[-1][2] += n
    return [[round(low, 4), round((c + 1) / (n + 2), 4)] for low, c, n in merged]


def tune(settings: Settings, folder: Path) -> dict:
    """Run the pipeline over corpus/dev with every model relation kept; choose the model's
    threshold and the rules' precision floor (a rule whose precision on dev is below it is not
    kept) with the best relation F1 there; calibrate the model's scores and each rule's
    confidence on dev.
    The rules' confidences decide which of two statements of one fact is kept, so they are
    measured first in a run where every rule has the default confidence, then the threshold is
    chosen in a run with them: the result depends on the corpus, the code and this model, not on
    the confidence file an earlier training left."""
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text())
    far = {**meta["far"], "threshold": 0.0, "calibration": None} if meta.get("far") else None
    meta_path.write_text(json.dumps({**meta, "threshold": 0.0, "rule_floor": 0.0, "calibration": None, "far": far}))
    gold = load_gold(SPLITS["dev"] / "gold")
    with tempfile.TemporaryDirectory() as tmp:
        neutral = Path(tmp) / "confidence.json"  # absent: every rule at the default
        counts = _rule_counts(_dev_records(settings, folder, neutral), gold)
        rule_conf = {rule: round((c + 1) / (n + 2), 4) for rule, (c, n) in counts.items()}
        measured = Path(tmp) / "measured.json"
        measured.write_text(json.dumps({"default": 0.5, "rules": {r: {"confidence": v} for r, v in rule_conf.items()}}))
        records = _dev_records(settings, folder, measured)
    judged = {rule for rule, (_, n) in counts.items() if n >= MIN_JUDGED}

    def kept_rule(x, floor: float) -> bool:  # as scoring.merge keeps them
        return (x.head.entity is None or x.tail.entity is None or x.rule not in judged
                or rule_conf[x.rule] >= floor)

    def is_far(rule: str) -> bool:
        return rule.startswith("model.") and rule.endswith(FAR_RULES)

    def score(thr: float, floor: float, far_thr: float = OFF):
        kept = {r.doc_id: r.model_copy(update={"relations": [
            x for x in r.relations if (x.confidence >= far_thr if is_far(x.rule) else x.confidence >= thr
                                       if x.rule.startswith("model.") else kept_rule(x, floor))]}) for r in records}
        report = evaluate(kept, gold)
        micro = report.micro(report.relations)
        return {"p": round(micro.precision, 4), "r": round(micro.recall, 4), "f1": round(micro.f1, 4)}, report

    # the first model and the rules without the second model's relations, then its threshold
    # (OFF when none raises F1 there by more than the tie, or none is as precise)
    grid = {(t, f): score(t, f)[0] for t in THRESHOLDS for f in FLOORS}
    threshold, floor = _most_precise(grid)
    far_grid = {t: score(threshold, floor, t)[0] for t in THRESHOLDS} if far else {}
    far_thr = _most_precise({OFF: grid[(threshold, floor)], **far_grid})
    dev, report = score(threshold, floor, far_thr)
    model_judged = [(conf, ok) for rule, conf, ok in report.judged if rule.startswith("model.") and not is_far(rule)]
    far_judged = [(conf, ok) for rule, conf, ok in report.judged if is_far(rule)]
    return {"threshold": threshold, "rule_floor": floor, "f1_tie": F1_TIE, "calibration": calibration(model_judged),
            "far": far and {**far, "threshold": far_thr, "calibration": calibration(far_judged) or None,
                            "dev_curve": far_grid}, "dev_with_far": dev,
            "rule_confidence": {rule: {"confidence": rule_conf[rule], "correct": c, "predicted": n}
                                for rule, (c, n) in sorted(counts.items())},
            "dev": grid[(threshold, floor)],
            "dev_curve": {t: grid[(t, floor)] for t in THRESHOLDS},
            "dev_rule_floors": {f: grid[(threshold, f)] for f in FLOORS}}


def _most_precise(grid: dict) -> object:
    """The setting with the best dev precision among those whose F1 is within F1_TIE of the best:
    the dev curve is flat at its top, so the plain best moves with noise, and users review what
    the pipeline finds (the higher setting on equal precision)."""
    best = max(v["f1"] for v in grid.values())
    near = [k for k, v in grid.items() if v["f1"] >= best - F1_TIE]
    return max(near, key=lambda k: (grid[k]["p"], grid[k]["f1"], k))


def _dev_records(settings: Settings, folder: Path, confidence: Path) -> list:
    tuned = load_settings(settings_path(settings), {"components.relations": {
        **settings.components["relations"], "model": str(folder), "confidence": str(confidence)}})
    return list(Extractor(tuned).process(read_source(p, max_bytes=tuned.pipeline.max_bytes)
                                         for p in sorted((SPLITS["dev"] / "texts").glob("*.txt"))))


def _rule_counts(records: list, gold: dict) -> dict[str, list[int]]:
    """Rule -> [correct, predicted] over dev."""
    counts: dict[str, list[int]] = {}
    for rule, _, ok in evaluate({r.doc_id: r for r in records}, gold).judged:
        if not rule.startswith("model."):
            counts.setdefault(rule, [0, 0])
            counts[rule][0] += ok
            counts[rule][1] += 1
    return counts


def settings_path(settings: Settings) -> str:
    return str(ROOT / settings.path) if not Path(settings.path).is_absolute() else settings.path


def retune(settings: Settings, output: Path = MODEL) -> dict:
    """Choose the threshold, rule floor and calibration again for a trained model (after the
    entity recogniser or the rules changed), without training it again."""
    meta = json.loads((output / "meta.json").read_text())
    meta.update(tune(settings, output))
    save(output, meta)
    return meta


def save(output: Path, meta: dict) -> None:
    (output / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    write_relations_card(output, meta)
    if output == MODEL:  # the shipped model: the rules' confidences become their dev precision too
        CONFIDENCE.write_text(json.dumps({
            "_about": "Per-rule precision on corpus/dev, (correct + 1) / (predicted + 2), measured with the "
                      "whole pipeline; written by `consortia train relations`, read by the relations stage.",
            "default": 0.5, "rules": meta["rule_confidence"]}, indent=1) + "\n")


DESIGNS = ("linear", "encoder", "spacy", "marker", "mean")
MEAN_MEMBERS = ("linear", "spacy")  # the "mean" design: their errors differ (dev pair F1 0.588, 0.606; mean 0.633)


def _fit(design: str, train_docs, counts, dev_docs, settings: Settings, output: Path, log,
         far_docs=None, source: str | Path | None = None) -> dict:
    """Train one design into `output` (made); its meta, threshold not tuned yet. `far_docs`
    (labelled_pairs with references) gives the linear design its second model; `source`, the
    pipeline whose tok2vec the spaCy design starts from (default: the settings' model)."""
    output.mkdir(parents=True, exist_ok=True)
    if design == "encoder":
        from . import encoder

        meta = encoder.train(train_docs, dev_docs, output, log=log)
        (output / "encoder-fp32.onnx").unlink()  # the int8 copy is what runs
    elif design == "marker":
        from . import marker

        meta = marker.train(marker.pair_items(train_docs), marker.pair_items(dev_docs), output, log=log)
    elif design == "spacy":
        meta = train_spacy(train_docs, dev_docs, output, tok2vec_source=str(source or settings.pipeline.model))
    elif design == "mean":
        for member in MEAN_MEMBERS:
            _fit(member, train_docs, counts, dev_docs, settings, output / member, log,
                 far_docs if member == "linear" else None, source)
        meta = {"design": "mean", "members": list(MEAN_MEMBERS), "classes": list(CLASSES), "threshold": 0.5}
        # the linear member's second model serves the mean too: references and two-sentence
        # facts are scored on their own weights whatever the first model is
        linear = json.loads((output / "linear" / "meta.json").read_text())
        if linear.get("far"):
            shutil.move(output / "linear" / "far.npz", output / "far.npz")
            meta["far"] = linear.pop("far")
            (output / "linear" / "meta.json").write_text(json.dumps(linear))
    else:
        rows, labels = feature_rows(train_docs)
        model = LinearModel.empty(HYPER["dim"])
        model.fit(rows, labels, epochs=HYPER["epochs"], learn_rate=HYPER["learn_rate"], l2=HYPER["l2"],
                  none_weight=HYPER["none_weight"], seed=HYPER["seed"])
        model.save(output / "weights.npz")
        meta = {"design": "linear", "classes": list(CLASSES), "hyperparameters": HYPER, "threshold": 0.5}
        if far_docs is not None:
            # the second model: references and pairs across two sentences, on its own weights so
            # that the first model's pairs score as they did without it; it learns the wordings
            # from the first model's pairs too ("It is a member of Y" reads as "X is a member of Y")
            far_rows, far_labels = feature_rows(far_docs[0])
            far = LinearModel.empty(HYPER["dim"])
            far.fit(rows + far_rows, labels + far_labels, epochs=HYPER["epochs"], learn_rate=HYPER["learn_rate"],
                    l2=HYPER["l2"], none_weight=HYPER["none_weight"], seed=HYPER["seed"])
            far.save(output / "far.npz")
            meta["far"] = {"references": reference_words(), "threshold": 0.5, "calibration": None,
                           "train": far_docs[1]}
    meta["train"] = counts
    (output / "meta.json").write_text(json.dumps(meta))
    return meta


def train(settings: Settings, *, design: str = "mean", fraction: float = 1.0, output: Path = MODEL,
          log=print) -> dict:
    """Train a relation classifier of one design into `output`, then tune its threshold."""
    meta = fit(settings, design=design, fraction=fraction, output=output, log=log)
    meta.update(tune(settings, output))
    save(output, meta)
    return meta


def fit(settings: Settings, *, design: str = "mean", fraction: float = 1.0, output: Path = MODEL,
        log=print, frozen: str | Path | None = None, clean=None) -> dict:
    """Train the classifier into `output`, its threshold not tuned yet (`tune`, then `save`).
    `frozen`: a pipeline with the same parse and tok2vec as the settings' model (a copy of it), to
    read instead of it while the recogniser is trained into the settings' model; `clean`: the
    clean stage, if already built (default: the settings')."""
    nlp, clean = parser(settings, frozen), clean or build_clean(settings)
    if output.exists():
        shutil.rmtree(output)
    parsed: dict[str, object] = {}

    def parse(cleaned):  # the second model's examples read the same parses
        if cleaned.text not in parsed:
            parsed[cleaned.text] = parse_clean(nlp, cleaned)
        return parsed[cleaned.text]

    train_docs, counts = labelled_pairs("train", parse, clean, fraction=fraction)
    dev_docs = labelled_pairs("dev", parse, clean)[0] if design != "linear" else None
    far_docs = (labelled_pairs("train", parse, clean, fraction=fraction, references=reference_words())
                if design in ("linear", "mean") else None)
    meta = _fit(design, train_docs, counts, dev_docs, settings, output, log, far_docs, frozen)
    meta["mainland_copies"] = HYPER["mainland_copies"]
    meta["trained_on"] = training_pages()  # the card says so after a later --tune-only too
    return meta
