"""The encoder design: a small transformer (all-MiniLM-L6-v2, fine-tuned on corpus/train)
reads each sentence once; a pair is the mean of its head's and its tail's wordpiece vectors,
the sentence vector and its label pair and order, fed to a small two-layer head.

Run with ONNX Runtime and the `tokenizers` library only (PyTorch trains it, and is not needed
here); one thread per process, so the output is the same bytes with any number of workers."""

import json
from pathlib import Path

import numpy

from .candidates import ALLOWED

ORDERS = [(lp, o) for lp in sorted(ALLOWED) for o in ("hf", "tf")]  # the pair's kind, one-hot


def pair_kind(ents: list[dict], head: int, tail: int) -> int:
    order = "hf" if ents[head]["start"] <= ents[tail]["start"] else "tf"
    return ORDERS.index(((ents[head]["label"], ents[tail]["label"]), order))


def token_span(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The wordpieces (by index) whose characters fall in [start, end); None when none does
    (the name is beyond the truncated sentence)."""
    idx = [k for k, (a, b) in enumerate(offsets) if b > a and a >= start and b <= end]
    return (idx[0], idx[-1] + 1) if idx else None


class Encoder:
    def __init__(self, folder: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.max_len = int(meta["max_len"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_len)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        self.session = onnxruntime.InferenceSession(str(folder / meta["onnx"]), options,
                                                    providers=["CPUExecutionProvider"])
        with numpy.load(folder / "head.npz") as head:
            self.w1, self.b1, self.w2, self.b2 = (head[k].astype(numpy.float32) for k in ("w1", "b1", "w2", "b2"))

    def hidden(self, texts: list[str]) -> list[tuple[numpy.ndarray, list[tuple[int, int]]]]:
        """(wordpiece vectors, character offsets) per text; texts run in batches of like length."""
        encs = self.tokenizer.encode_batch(texts)
        out: list = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda k: (len(encs[k].ids), k))
        for b in range(0, len(order), 16):
            batch = order[b:b + 16]
            width = max(len(encs[k].ids) for k in batch)
            ids = numpy.zeros((len(batch), width), dtype=numpy.int64)
            mask = numpy.zeros((len(batch), width), dtype=numpy.int64)
            for row, k in enumerate(batch):
                n = len(encs[k].ids)
                ids[row, :n], mask[row, :n] = encs[k].ids, 1
            states = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for row, k in enumerate(batch):
                out[k] = (states[row, :len(encs[k].ids)], encs[k].offsets)
        return out

    def probabilities(self, sent_texts: list[str], sent_starts: list[int], ents: list[dict], pairs) -> numpy.ndarray:
        """Class probabilities for each pair (rows in the pairs' order)."""
        used = sorted({p.sent for p in pairs})
        states = dict(zip(used, self.hidden([sent_texts[s] for s in used])))
        rows = []
        for p in pairs:
            vec, offsets = states[p.sent]
            base = sent_starts[p.sent]
            hs = token_span(offsets, ents[p.head]["start"] - base, ents[p.head]["end"] - base)
            ts = token_span(offsets, ents[p.tail]["start"] - base, ents[p.tail]["end"] - base)
            kind = numpy.zeros(len(ORDERS), dtype=numpy.float32)
            kind[pair_kind(ents, p.head, p.tail)] = 1.0
            if hs is None or ts is None:
                rows.append(None)
                continue
            rows.append(numpy.concatenate([vec[hs[0]:hs[1]].mean(0), vec[ts[0]:ts[1]].mean(0), vec[0], kind]))
        probs = numpy.zeros((len(pairs), self.w2.shape[1]), dtype=numpy.float32)
        probs[:, 0] = 1.0  # a pair the encoder cannot see (truncated sentence) is "none"
        live = [k for k, r in enumerate(rows) if r is not None]
        if live:
            x = numpy.stack([rows[k] for k in live])
            h = numpy.maximum(x @ self.w1 + self.b1, 0.0)
            logits = h @ self.w2 + self.b2
            logits -= logits.max(axis=1, keepdims=True)
            e = numpy.exp(logits)
            probs[live] = e / e.sum(axis=1, keepdims=True)
        return probs
