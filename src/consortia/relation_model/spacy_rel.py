"""The spaCy-native design: a trainable pipe over a tok2vec, trained with `spacy train`.

An instance is a candidate pair (candidates.py), given to the pipe as token spans in
`doc._.rel_pairs`: [head start, head end, tail start, tail end, kind] (kind: the label pair and
order, encoder.ORDERS). Its vector is the mean of the head's token vectors, the tail's, the
words between them (zeros when they touch) and the kind as a one-hot; a hidden ReLU layer and a
softmax over the ten classes (classifier.CLASSES) score it. Thinc's own layers and NumPy only: no
PyTorch at training or run time. The config is pipelines/relations/spacy_rel.cfg.
"""

from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry
from thinc.api import Model, Relu, Softmax, chain, set_dropout_rate
from thinc.types import Floats2d

from .classifier import CLASSES
from .encoder import ORDERS

PAIRS, LABELS, PROBS = "rel_pairs", "rel_labels", "rel_probs"
for _name in (PAIRS, LABELS, PROBS):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@registry.architectures("consortia.PairClassifier.v1")
def pair_classifier(tok2vec: Model, hidden_width: int = 128, dropout: float = 0.1) -> Model[list[Doc], Floats2d]:
    """tok2vec -> one vector per candidate pair -> ReLU -> softmax over CLASSES."""
    width = tok2vec.get_dim("nO")
    pairs = pair_vectors(tok2vec, width)
    return chain(pairs, Relu(nO=hidden_width, nI=pairs.get_dim("nO"), dropout=dropout),
                 Softmax(nO=len(CLASSES), nI=hidden_width))


def pair_vectors(tok2vec: Model, width: int) -> Model[list[Doc], Floats2d]:
    return Model("pair_vectors", _pairs_forward, layers=[tok2vec], init=_pairs_init,
                 dims={"nO": 3 * width + len(ORDERS)})


def _pairs_init(model: Model, X=None, Y=None) -> None:
    model.layers[0].initialize(X=X)


def _spans(doc: Doc) -> numpy.ndarray:
    return numpy.asarray(doc._.get(PAIRS) or [], dtype=numpy.int64).reshape(-1, 5)


def _segments(pairs: numpy.ndarray) -> list[tuple[numpy.ndarray, numpy.ndarray]]:
    """(starts, ends) of the head, the tail and the words between, per pair."""
    first_end = numpy.where(pairs[:, 0] <= pairs[:, 2], pairs[:, 1], pairs[:, 3])
    second_start = numpy.where(pairs[:, 0] <= pairs[:, 2], pairs[:, 2], pairs[:, 0])
    return [(pairs[:, 0], pairs[:, 1]), (pairs[:, 2], pairs[:, 3]),
            (first_end, numpy.maximum(first_end, second_start))]


def _pairs_forward(model: Model, docs: list[Doc], is_train: bool):
    """Span means by cumulative sums (one pass per document); backprop spreads each mean's
    gradient evenly over its tokens with a difference array."""
    tokvecs, bp_tokvecs = model.layers[0](docs, is_train)
    xp = model.ops.xp
    rows, shapes = [], []
    for doc, vecs in zip(docs, tokvecs):
        pairs = _spans(doc)
        shapes.append((pairs, vecs.shape))
        if not len(pairs):
            continue
        csum = xp.concatenate([xp.zeros((1, vecs.shape[1]), dtype=vecs.dtype), xp.cumsum(vecs, axis=0)])
        parts = []
        for lo, hi in _segments(pairs):
            n = numpy.maximum(hi - lo, 1)[:, None].astype(vecs.dtype)
            parts.append((csum[hi] - csum[lo]) / n)
        kinds = xp.zeros((len(pairs), len(ORDERS)), dtype=vecs.dtype)
        kinds[numpy.arange(len(pairs)), pairs[:, 4]] = 1.0
        rows.append(xp.concatenate(parts + [kinds], axis=1))
    width = model.get_dim("nO")
    out = xp.concatenate(rows) if rows else model.ops.alloc2f(0, width)

    def backprop(d_out: Floats2d) -> list:
        d_tokvecs, at = [], 0
        w = (width - len(ORDERS)) // 3
        for pairs, shape in shapes:
            diff = xp.zeros((shape[0] + 1, shape[1]), dtype=d_out.dtype)
            if len(pairs):
                d = d_out[at:at + len(pairs)]
                at += len(pairs)
                for k, (lo, hi) in enumerate(_segments(pairs)):
                    g = d[:, k * w:(k + 1) * w] / numpy.maximum(hi - lo, 1)[:, None]
                    g = g * (hi > lo)[:, None]
                    numpy.add.at(diff, lo, g)
                    numpy.add.at(diff, hi, -g)
            d_tokvecs.append(xp.cumsum(diff, axis=0)[:-1])
        return bp_tokvecs(d_tokvecs)

    return out, backprop


@Language.factory("consortia_pair_classifier", default_config={"none_weight": 0.5})
def make_pair_classifier(nlp: Language, name: str, model: Model, none_weight: float) -> "PairClassifier":
    return PairClassifier(nlp.vocab, model, name, none_weight=none_weight)


class PairClassifier(TrainablePipe):
    """Scores the pairs in doc._.rel_pairs; writes one probability row per pair to doc._.rel_probs.
    Trained on doc._.rel_labels (class indices); 'none' pairs weigh `none_weight`, as the linear
    and encoder designs weigh them, since they outnumber the relations by far."""

    def __init__(self, vocab, model: Model, name: str = "pair_classifier", *, none_weight: float = 0.5):
        self.vocab, self.model, self.name = vocab, model, name
        self.cfg = {"none_weight": none_weight, "labels": list(CLASSES)}

    def predict(self, docs: Iterable[Doc]) -> list[numpy.ndarray]:
        docs = list(docs)
        probs = self.model.predict(docs) if any(len(_spans(d)) for d in docs) else numpy.zeros((0, len(CLASSES)))
        out, at = [], 0
        for doc in docs:
            n = len(_spans(doc))
            out.append(self.model.ops.to_numpy(probs[at:at + n]))
            at += n
        return out

    def set_annotations(self, docs: Iterable[Doc], probs: list[numpy.ndarray]) -> None:
        for doc, p in zip(docs, probs):
            doc._.set(PROBS, p)

    def _truth(self, examples: Iterable[Example]) -> numpy.ndarray:
        return numpy.asarray([y for eg in examples for y in (eg.reference._.get(LABELS) or [])], dtype=numpy.int64)

    def get_loss(self, examples: Iterable[Example], scores: Floats2d) -> tuple[float, Floats2d]:
        """Weighted cross-entropy; the gradient is with respect to the softmax's input."""
        truth = self._truth(examples)
        weight = numpy.where(truth == 0, self.cfg["none_weight"], 1.0).astype(scores.dtype)
        gold = numpy.zeros_like(scores)
        gold[numpy.arange(len(truth)), truth] = 1.0
        d_scores = (scores - gold) * weight[:, None] / max(len(truth), 1)
        loss = float(-(weight * numpy.log(scores[numpy.arange(len(truth)), truth] + 1e-9)).sum())
        return loss, d_scores

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None, losses=None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        docs = [eg.predicted for eg in examples]
        if not any(len(_spans(d)) for d in docs):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update(docs)
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp=None) -> None:
        docs = [eg.predicted for eg in get_examples()][:10]
        self.model.initialize(X=docs)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """Pair precision, recall and F1 over the relation classes, argmax over all ten classes
        (the measure the other designs report as "pair F1, gold entities")."""
        examples = list(examples)
        probs = [eg.predicted._.get(PROBS) for eg in examples]
        pred = [int(k) for p in probs if p is not None for k in numpy.asarray(p).argmax(1)]
        return pair_scores(pred, self._truth(examples).tolist(), prefix="rel_micro_")


def pair_scores(pred: list[int], gold: list[int], prefix: str = "") -> dict:
    """P, R, F1 of the relation classes: a pair counts as found when its argmax is its gold class
    and that class is not 'none'."""
    tp = sum(1 for p, y in zip(pred, gold) if p == y and y > 0)
    npred, ngold = sum(1 for p in pred if p > 0), sum(1 for y in gold if y > 0)
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return {f"{prefix}p": round(p, 4), f"{prefix}r": round(r, 4), f"{prefix}f": round(2 * p * r / max(p + r, 1e-9), 4)}


@registry.readers("consortia.PairCorpus.v1")
def pair_corpus(path: Path) -> Callable[[Language], Iterator[Example]]:
    """Docs written by `docbin` (parsed as the pipeline parses, pairs and labels as extensions):
    each is both the predicted doc and the reference, so the pipe sees the run-time tokens."""
    def read(nlp: Language) -> Iterator[Example]:
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
            yield Example(doc, doc.copy())
    return read


DOCBIN_ATTRS = ["ORTH", "NORM", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START"]


def docbin(docs) -> DocBin:
    """labelled_pairs' documents (doc, ents, pairs, labels) as a DocBin for `pair_corpus`."""
    out = DocBin(attrs=DOCBIN_ATTRS, store_user_data=True)
    for doc, ents, pairs, labels in docs:
        doc = doc.copy()
        doc._.set(PAIRS, instances(doc, ents, pairs))
        doc._.set(LABELS, [int(y) for y in labels])
        out.add(doc)
    return out


def instances(doc: Doc, ents: list[dict], pairs) -> list[list[int]]:
    """Pairs as token spans and kind; a mention no token covers becomes an empty span at 0."""
    from .encoder import pair_kind

    spans = [doc.char_span(e["start"], e["end"], alignment_mode="expand") for e in ents]
    tok = [(s.start, s.end) if s is not None else (0, 0) for s in spans]
    return [[*tok[p.head], *tok[p.tail], pair_kind(ents, p.head, p.tail)] for p in pairs]


class SpacyPairModel:
    """The trained pipeline (its tok2vec and the pair classifier) applied to a parsed document of
    the main pipeline: the tokens are the same, so its tok2vec reads them as in training."""

    def __init__(self, folder: Path):
        import spacy

        self.nlp = spacy.load(folder)
        self.pipe = next(p for _, p in self.nlp.pipeline if isinstance(p, PairClassifier))

    def probabilities(self, doc: Doc, ents: list[dict], pairs) -> numpy.ndarray:
        tensor, kept = doc.tensor, doc._.get(PAIRS)
        try:
            for name, proc in self.nlp.pipeline:
                if proc is not self.pipe:
                    proc(doc)  # the trained tok2vec writes doc.tensor, which the pipe's listener reads
            doc._.set(PAIRS, instances(doc, ents, pairs))
            return self.pipe.predict([doc])[0]
        finally:  # the main pipeline's tensor and pairs as they were
            doc.tensor = tensor
            doc._.set(PAIRS, kept)
