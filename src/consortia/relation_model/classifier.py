"""A linear softmax over hashed features: small, fast, deterministic, trained in NumPy.

Features are strings hashed with CRC-32 (stable across processes and machines, unlike
Python's own `hash`) into `dim` rows of a weight matrix with one column per class."""

import zlib
from pathlib import Path

import numpy

CLASSES = ("none", "partner_of", "member_of", "leads", "transferred_to", "affiliated_with",
           "branch_of", "part_of", "holds_position", "invested")


def hashed(features: list[str], dim: int) -> numpy.ndarray:
    return numpy.fromiter((zlib.crc32(f.encode("utf-8")) % dim for f in features), dtype=numpy.int64)


class LinearModel:
    def __init__(self, weights: numpy.ndarray, bias: numpy.ndarray):
        self.weights, self.bias = weights, bias
        self.dim = weights.shape[0]

    @classmethod
    def empty(cls, dim: int) -> "LinearModel":
        return cls(numpy.zeros((dim, len(CLASSES)), dtype=numpy.float32),
                   numpy.zeros(len(CLASSES), dtype=numpy.float32))

    def scores(self, rows: list[numpy.ndarray]) -> numpy.ndarray:
        """Class probabilities, one row per example."""
        logits = numpy.stack([self.weights[r].sum(axis=0) for r in rows]) + self.bias if rows else \
            numpy.zeros((0, len(CLASSES)), dtype=numpy.float32)
        logits -= logits.max(axis=1, keepdims=True)
        e = numpy.exp(logits)
        return e / e.sum(axis=1, keepdims=True)

    def fit(self, rows: list[numpy.ndarray], labels: list[int], *, epochs: int, learn_rate: float,
            l2: float, none_weight: float, seed: int) -> None:
        """Adagrad on the log loss, examples in a seeded order; 'none' examples weigh less,
        since they outnumber the relations by far."""
        rng = numpy.random.default_rng(seed)
        g_w = numpy.full_like(self.weights, 1e-6)
        g_b = numpy.full_like(self.bias, 1e-6)
        y = numpy.asarray(labels)
        for _ in range(epochs):
            for k in rng.permutation(len(rows)):
                r = rows[k]
                logits = self.weights[r].sum(axis=0) + self.bias
                logits -= logits.max()
                p = numpy.exp(logits)
                p /= p.sum()
                p[y[k]] -= 1.0
                p *= none_weight if y[k] == 0 else 1.0
                grad = p[None, :] + l2 * self.weights[r]
                numpy.add.at(g_w, r, grad * grad)
                numpy.add.at(self.weights, r, -learn_rate * grad / numpy.sqrt(g_w[r]))
                g_b += p * p
                self.bias -= learn_rate * p / numpy.sqrt(g_b)

    def save(self, path: Path) -> None:
        numpy.savez_compressed(path, weights=self.weights.astype(numpy.float16), bias=self.bias)

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        with numpy.load(path) as data:
            return cls(data["weights"].astype(numpy.float32), data["bias"].astype(numpy.float32))
