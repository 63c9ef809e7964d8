"""The marker design: the pair's two names marked in its sentence ("@ * organization * X @ ...
# ^ person ^ Y #"), the sentence read once per pair by a small transformer (all-MiniLM-L6-v2,
fine-tuned on corpus/train), the vectors at the two opening marks fed to a small head.

Unlike the encoder design, which reads a sentence once for all its pairs, each pair is read
with its own marks, so the encoder knows which two names it is asked about; the cost is one
pass per pair, which is why the mean design asks it only about the pairs its cheaper members
do not call "none" outright (scoring.py, `gate`). ONNX Runtime and `tokenizers` run it, one
thread per process: the same bytes with any number of workers."""

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
    """The trained design, run as the encoder design runs (encoder.Encoder: the same files):
    ONNX Runtime and `tokenizers`, one thread, batches of like length."""

    def __init__(self, folder: Path):
        from .encoder import Encoder

        self.encoder = Encoder(folder)

    def probabilities(self, items: list[tuple[str, int, int]]) -> numpy.ndarray:
        """Class probabilities per marked text (marked()'s output); a pair whose marks the
        truncation cut off is "none"."""
        enc = self.encoder
        probs = numpy.zeros((len(items), enc.w2.shape[1]), dtype=numpy.float32)
        probs[:, 0] = 1.0
        for k, (states, offsets) in enumerate(enc.hidden([text for text, _, _ in items])):
            h, t = mark_index(offsets, items[k][1]), mark_index(offsets, items[k][2])
            if h is None or t is None:
                continue
            x = numpy.concatenate([states[h], states[t]])
            logits = numpy.maximum(x @ enc.w1 + enc.b1, 0.0) @ enc.w2 + enc.b2
            e = numpy.exp(logits - logits.max())
            probs[k] = e / e.sum()
        return probs
