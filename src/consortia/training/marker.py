"""Fine-tune the marker design (relation_model/marker.py) on corpus/train; export to ONNX.

Needs the training extras (`make train-setup`), never needed to run the pipeline. Seeded, with
deterministic kernels: a rerun gives the same weights on the same machine. Every relation pair
is read each epoch, and a seeded share of the "none" pairs (they are four in five)."""

import json
import random
import shutil
from pathlib import Path

import numpy

from ..relation_model.classifier import CLASSES
from ..relation_model.marker import mark_index, pair_texts
from .encoder import export_onnx, seeded_start

HYPER = {"max_len": 128, "epochs": 2, "encoder_lr": 4e-5, "head_lr": 1e-3, "hidden": 256,
         "dropout": 0.1, "none_share": 0.35, "batch": 16, "seed": 0}


def pair_items(docs) -> list[tuple[str, int, int, int]]:
    """labelled_pairs' documents as (marked text, head mark, tail mark, class) per pair."""
    return [(*item, y) for doc, ents, pairs, labels in docs
            for item, y in zip(pair_texts(doc.text, list(doc.sents), ents, pairs), labels)]


def train(train_items, dev_items, output: Path, log=print) -> dict:
    import torch

    src, tokenizer, encoder = seeded_start(HYPER["seed"], HYPER["max_len"])
    width = encoder.config.hidden_size
    head = torch.nn.Sequential(torch.nn.Dropout(HYPER["dropout"]), torch.nn.Linear(2 * width, HYPER["hidden"]),
                               torch.nn.ReLU(), torch.nn.Linear(HYPER["hidden"], len(CLASSES)))
    # the word embeddings stay as they are (half the encoder's weights: training them costs as
    # much as the rest and the corpus is too small to move them well)
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    tuned = [w for w in encoder.parameters() if w.requires_grad]
    optim = torch.optim.AdamW([{"params": tuned, "lr": HYPER["encoder_lr"]},
                               {"params": head.parameters(), "lr": HYPER["head_lr"]}], weight_decay=0.01)
    train_enc, dev_enc = _encode(tokenizer, train_items), _encode(tokenizer, dev_items)
    log(f"marker: {len(train_enc)} training pairs, {len(dev_enc)} dev pairs")
    positives = [x for x in train_enc if x[3]]
    nones = [x for x in train_enc if not x[3]]
    steps = HYPER["epochs"] * ((len(positives) + int(len(nones) * HYPER["none_share"])) // HYPER["batch"] + 1)
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: min(1.0, s / (0.1 * steps)) * max(0.0, 1 - s / steps))

    def forward(batch):
        n = max(len(x[0]) for x in batch)
        ids = torch.zeros((len(batch), n), dtype=torch.long)
        mask = torch.zeros((len(batch), n), dtype=torch.long)
        for r, x in enumerate(batch):
            ids[r, :len(x[0])] = torch.tensor(x[0])
            mask[r, :len(x[0])] = 1
        states = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        rows = torch.arange(len(batch))
        h = states[rows, torch.tensor([x[1] for x in batch])]
        t = states[rows, torch.tensor([x[2] for x in batch])]
        return head(torch.cat([h, t], dim=1))

    def score(items) -> dict:
        encoder.eval(), head.eval()
        pred = [0] * len(items)
        ordered = sorted(range(len(items)), key=lambda k: len(items[k][0]))
        with torch.no_grad():
            for b in range(0, len(ordered), 64):
                chunk = ordered[b:b + 64]
                for k, y in zip(chunk, forward([items[k] for k in chunk]).argmax(1).tolist()):
                    pred[k] = y
        gold = [x[3] for x in items]
        tp = sum(p == g and g > 0 for p, g in zip(pred, gold))
        npred, ngold = sum(p > 0 for p in pred), sum(g > 0 for g in gold)
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4)}

    best, history = None, []
    rng = random.Random(HYPER["seed"])
    for epoch in range(HYPER["epochs"]):
        encoder.train(), head.train()
        chosen = positives + rng.sample(nones, int(len(nones) * HYPER["none_share"]))
        rng.shuffle(chosen)
        # batches of like length (sorted within runs of 32 batches), in a seeded order
        runs = [sorted(chosen[b:b + 32 * HYPER["batch"]], key=lambda x: len(x[0]))
                for b in range(0, len(chosen), 32 * HYPER["batch"])]
        batches = [run[b:b + HYPER["batch"]] for run in runs for b in range(0, len(run), HYPER["batch"])]
        rng.shuffle(batches)
        total = 0.0
        for k, batch in enumerate(batches):
            loss = torch.nn.functional.cross_entropy(forward(batch), torch.tensor([x[3] for x in batch]))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tuned + list(head.parameters()), 1.0)
            optim.step()
            sched.step()
            total += float(loss.detach())
            if k % 50 == 0:
                log(f"epoch {epoch + 1} batch {k}/{len(batches)} loss {total / (k + 1):.4f}")
        dev = score(dev_enc)
        history.append({"epoch": epoch + 1, "loss": round(total / len(batches), 4), "dev_pairs": dev})
        log(f"epoch {epoch + 1}: {history[-1]}")
        if best is None or dev["f1"] > best[0]:
            best = (dev["f1"], epoch + 1)
            _export(encoder, head, src, output)
    meta = json.loads((output / "meta.json").read_text())
    meta.update(history=history, best_epoch=best[1], hyperparameters=HYPER)
    (output / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def _encode(tokenizer, items) -> list[tuple[list[int], int, int, int]]:
    """(wordpiece ids, head mark index, tail mark index, class); pairs whose marks the
    truncation cut off are left out, as the run time calls them "none"."""
    out = []
    encs = tokenizer.encode_batch([text for text, _, _, _ in items])
    for (text, h, t, y), e in zip(items, encs):
        hi, ti = mark_index(e.offsets, h), mark_index(e.offsets, t)
        if hi is not None and ti is not None:
            out.append((e.ids, hi, ti, y))
    return out


def _export(encoder, head, src: Path, output: Path) -> None:
    """The encoder to ONNX with int8 weights, the head to NumPy, the tokenizer beside them."""
    output.mkdir(parents=True, exist_ok=True)
    onnx = export_onnx(encoder, output)
    (output / "encoder-fp32.onnx").unlink()
    lin1, lin2 = head[1], head[3]
    numpy.savez(output / "head.npz", w1=lin1.weight.detach().numpy().T, b1=lin1.bias.detach().numpy(),
                w2=lin2.weight.detach().numpy().T, b2=lin2.bias.detach().numpy())
    shutil.copyfile(src / "tokenizer.json", output / "tokenizer.json")
    (output / "meta.json").write_text(json.dumps({"design": "marker", "onnx": onnx, "max_len": HYPER["max_len"],
                                                  "threshold": 0.5, "classes": list(CLASSES)}))
