"""The marker design: the pair's two names marked in its sentence ("@ * organization * X @ ...
# ^ person ^ Y #"), the sentence read once per pair by a small transformer (all-MiniLM-L6-v2,
fine-tuned on corpus/train), the vectors at the two opening marks fed to a small head.

Unlike the encoder design, which reads a sentence once for all its pairs, each pair is read
with its own marks, so the encoder knows which two names it is asked about; the cost is one
pass per pair, which is why the mean design asks it only about the pairs its cheaper members
do not call "none" outright (scoring.py, `gate`). ONNX Runtime and `tokenizers` run it, one
thread per process: the same bytes with any number of workers."""

import json
from pathlib import Path

import numpy

TYPE_WORDS = {"ORG": "organization", "PERSON": "person", "GPE": "place", "MONEY": "money"}
WINDOW = 160  # characters kept on each side of the pair: a long sentence is cut to its middle


def marked(text: str, head: tuple[int, int, str], tail: tuple[int, int, str]) -> tuple[str, int, int]:
    """The text with both names marked, cut to a window around them, and the character offsets
    of the head's and the tail's opening marks. `head`, `tail`: (start, end, label) in `text`."""
    lo, hi = min(head[0], tail[0]), max(head[1], tail[1])
    a = max(0, lo - WINDOW)
    b = min(len(text), hi + WINDOW)
    if a:
        a = text.find(" ", a, lo) + 1 or a  # whole words only
    if b < len(text) and (space := text.rfind(" ", hi, b)) > 0:
        b = space
    marks = sorted([(head[0], head[1], "@", "*", head[2], "h"), (tail[0], tail[1], "#", "^", tail[2], "t")])
    out, pos, at = [], a, {}
    for start, end, outer, inner, label, side in marks:
        out.append(text[pos:start])
        at[side] = sum(map(len, out))
        out.append(f"{outer} {inner} {TYPE_WORDS[label]} {inner} {text[start:end]} {outer}")
        pos = end
    out.append(text[pos:b])
    return " ".join("".join(out).split("\n")), at["h"], at["t"]


def pair_texts(text: str, sents: list, ents: list[dict], pairs: list) -> list[tuple[str, int, int]]:
    """marked() for each candidate pair: its sentence (both sentences for a pair across two)."""
    out = []
    for p in pairs:
        base = sents[p.sent - 1].start_char if p.across else sents[p.sent].start_char
        h, t = ents[p.head], ents[p.tail]
        out.append(marked(text[base:sents[p.sent].end_char], (h["start"] - base, h["end"] - base, h["label"]),
                          (t["start"] - base, t["end"] - base, t["label"])))
    return out


def mark_index(offsets: list[tuple[int, int]], char: int) -> int | None:
    """The wordpiece that starts at a mark's character; None when truncation cut it off."""
    return next((k for k, (s, e) in enumerate(offsets) if s == char and e > s), None)


class Marker:
    def __init__(self, folder: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(meta["max_len"]))
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        self.session = onnxruntime.InferenceSession(str(folder / meta["onnx"]), options,
                                                    providers=["CPUExecutionProvider"])
        with numpy.load(folder / "head.npz") as head:
            self.w1, self.b1, self.w2, self.b2 = (head[k].astype(numpy.float32) for k in ("w1", "b1", "w2", "b2"))

    def probabilities(self, items: list[tuple[str, int, int]]) -> numpy.ndarray:
        """Class probabilities per marked text (marked()'s output); a pair whose marks the
        truncation cut off is "none"."""
        probs = numpy.zeros((len(items), self.w2.shape[1]), dtype=numpy.float32)
        probs[:, 0] = 1.0
        encs = self.tokenizer.encode_batch([text for text, _, _ in items])
        order = sorted(range(len(items)), key=lambda k: (len(encs[k].ids), k))
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
                h, t = (mark_index(encs[k].offsets, c) for c in items[k][1:])
                if h is None or t is None:
                    continue
                x = numpy.concatenate([states[row, h], states[row, t]])
                logits = numpy.maximum(x @ self.w1 + self.b1, 0.0) @ self.w2 + self.b2
                e = numpy.exp(logits - logits.max())
                probs[k] = e / e.sum()
        return probs
