"""`consortia train` with nothing named: the three learned parts on the machine's two cores.

A second process fits the headline chooser and then trains the entity recogniser while this
one fits the relation classifier; each keeps one core busy. Neither long training reads what the
other writes:
- the classifier reads the recogniser's pipeline only for its parse and tok2vec, which the
  recogniser's training leaves frozen, so it reads a copy taken before (the same weights);
- the chooser picks the title alone, never the clean text both train on, so the clean stage
  built before it is retrained gives them the same text.
The classifier's threshold and calibration are chosen last, on the pipeline with the new
recogniser and chooser, as `consortia train relations` chooses them.
"""

import contextlib
import multiprocessing
import os
import shutil
from pathlib import Path

from ..config import load_settings
from ..pipeline import build_clean
from . import metadata, ner, relations


def train_all(config_path: Path | None, work: Path, *, fraction: float = 1.0, design: str = "mean",
              log=print) -> dict:
    """Train the three into pipelines/; their results, as the single commands report them.
    `log(line)` reports progress; the second process's own log goes to work/metadata-ner.log."""
    settings = load_settings(config_path)
    clean = build_clean(settings)
    frozen = work / "frozen-parse"
    if frozen.exists():
        shutil.rmtree(frozen)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(settings.pipeline.model, frozen)
    second_log = work / "metadata-ner.log"
    log(f"metadata, ner: training in a second process, its log in {second_log}")
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no state shared with this one
    with spawn.Pool(1) as pool:
        pending = pool.apply_async(_metadata_then_ner, (config_path, work / "ner", second_log, fraction))
        meta = relations.fit(settings, design=design, fraction=fraction, frozen=frozen, clean=clean,
                             log=lambda line: log(f"relations: {line}"))
        results = pending.get()
    shutil.rmtree(frozen)
    log("relations: choosing the threshold on corpus/dev with the new recogniser")
    meta.update(relations.tune(settings, relations.MODEL))
    relations.save(relations.MODEL, meta)
    return {**results, "relations": meta}


def _metadata_then_ner(config_path: Path | None, work: Path, log_path: Path, fraction: float) -> dict:
    """The second process: the chooser, then the recogniser, their printed output to `log_path`."""
    with open(log_path, "w", encoding="utf-8") as out:
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            chooser = metadata.train(log=lambda line: print(f"metadata: {line}", flush=True))
            return {"metadata": chooser, "ner": ner.train(load_settings(config_path), work, fraction=fraction)}
