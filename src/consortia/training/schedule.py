"""`consortia train` with nothing named: the three learned parts, the two long ones side by side.

The headline chooser comes first (seconds; the clean stage both others read uses it). Then the
entity recogniser trains in a second process while this one fits the relation classifier: each
keeps one of the machine's two cores busy. The classifier reads the recogniser's pipeline only
for its parse and tok2vec, which the recogniser's training leaves frozen, so it reads a copy
taken before: the same weights the sequential order gives. Its threshold and calibration are
chosen last, with the new recogniser, as `consortia train relations` chooses them.
"""

import contextlib
import multiprocessing
import os
import shutil
from pathlib import Path

from ..config import load_settings
from . import metadata, ner, relations


def train_all(config_path: Path | None, work: Path, *, fraction: float = 1.0, design: str = "mean",
              log=print) -> dict:
    """Train the three into pipelines/; their results, as the single commands report them.
    `log(line)` reports progress; the recogniser's own log goes to work/ner.log."""
    settings = load_settings(config_path)
    results = {"metadata": metadata.train(log=lambda line: log(f"metadata: {line}"))}
    frozen = work / "frozen-parse"
    if frozen.exists():
        shutil.rmtree(frozen)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(settings.pipeline.model, frozen)
    ner_log = work / "ner.log"
    log(f"ner: training in a second process, its log in {ner_log}")
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no state shared with this one
    with spawn.Pool(1) as pool:
        pending = pool.apply_async(_train_ner, (config_path, work / "ner", ner_log, fraction))
        meta = relations.fit(settings, design=design, fraction=fraction, frozen=frozen,
                             log=lambda line: log(f"relations: {line}"))
        results["ner"] = pending.get()
    shutil.rmtree(frozen)
    log("relations: choosing the threshold on corpus/dev with the new recogniser")
    meta.update(relations.tune(settings, relations.MODEL))
    relations.save(relations.MODEL, meta)
    results["relations"] = meta
    return results


def _train_ner(config_path: Path | None, work: Path, log_path: Path, fraction: float) -> dict:
    """The recogniser's training, its printed table sent to `log_path` (run in the second process)."""
    with open(log_path, "w", encoding="utf-8") as out:
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            return ner.train(load_settings(config_path), work, fraction=fraction)
