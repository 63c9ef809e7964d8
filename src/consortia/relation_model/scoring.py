"""The trained model as the relations stage uses it: load once, score a document's pairs."""

import json
from pathlib import Path

import numpy

from ..errors import ConfigError
from ..names import fold
from .candidates import adjacent_pairs, candidate_pairs
from .classifier import LinearModel, hashed
from .decide import decide
from .features import mention_spans, pair_features
from .marker import pair_texts
from .references import reference_mentions, reference_pairs


class RelationModel:
    """A trained relation classifier of the design meta.json in its folder names: "linear"
    (hashed features of the parse, classifier.py), "encoder" (encoder.py), "spacy" (a spaCy
    pipeline of a tok2vec and a pair classifier, spacy_rel.py) or "mean" (the mean of the class
    probabilities of the trained models in its `members` subfolders: their errors differ)."""

    def __init__(self, folder: str | Path, *, titled_threshold: float | None = None):
        """`titled_threshold`: the score a post needs when a title links its two names
        (decide.titled), when lower than the threshold; None: the threshold for all."""
        self.titled_threshold = titled_threshold
        self.folder = folder = Path(folder)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            self.design = meta.get("design", "linear")
            if self.design == "encoder":
                from .encoder import Encoder

                self.encoder = Encoder(folder)
            elif self.design == "marker":
                from .marker import Marker

                self.marker = Marker(folder)
            elif self.design == "mean":
                self.members = [RelationModel(folder / m) for m in meta["members"]]
                self.weights = meta.get("weights")
                self.gate = float(meta.get("gate", 0.0))
            elif self.design == "spacy":
                from .spacy_rel import SpacyPairModel

                self.spacy = SpacyPairModel(folder / meta.get("pipeline", "pipeline"))
            else:
                self.model = LinearModel.load(folder / "weights.npz")
                self.dim = self.model.dim
            # The second model, for facts stated through a reference or across two sentences
            # (none in a model trained before it): its own weights, references, threshold, calibration.
            self.far = meta.get("far") or None
            self.far_model = LinearModel.load(folder / "far.npz") if self.far else None
        except (OSError, ValueError, KeyError, ImportError) as err:
            raise ConfigError(f"cannot load the relation model in {folder}: {err}; rebuild it "
                              f"with `consortia train relations`") from err
        self.threshold = float(meta["threshold"])
        # a rule whose precision on dev is below the floor is not kept (chosen on dev, see training)
        self.rule_floor = float(meta.get("rule_floor") or 0.0)
        self.rule_confidence = {r: v["confidence"] for r, v in (meta.get("rule_confidence") or {}).items()
                                if v.get("predicted", MIN_JUDGED) >= MIN_JUDGED}
        self.calibration = meta.get("calibration") or None

    def calibrated(self, score: float, table: list | None = None) -> float:
        """The precision on dev of relations the model scored so (monotone in the score);
        `table`: another calibration than the main model's."""
        table = self.calibration if table is None else table
        if not table:
            return score
        rows = [p for low, p in table if low <= score]
        return rows[-1] if rows else table[0][1]

    def keeps_rule(self, rule: str) -> bool:
        """A rule judged on dev (seen there at least MIN_JUDGED times) is kept when its precision
        there reaches the floor; any other rule is kept, as training assumed when it chose the floor."""
        return rule not in self.rule_confidence or self.rule_confidence[rule] >= self.rule_floor

    def pairs(self, doc, ents: list[dict], sents: list):
        """Candidate pairs of the document and their class probabilities."""
        pairs = candidate_pairs(ents, [s.start_char for s in sents])
        return pairs, self.scores(doc, ents, sents, pairs) if pairs else []

    def scores(self, doc, ents: list[dict], sents: list, pairs: list) -> numpy.ndarray:
        """Class probabilities of given pairs, one row each."""
        if self.design == "encoder":
            return self.encoder.probabilities([s.text for s in sents], [s.start_char for s in sents], ents, pairs)
        if self.design == "spacy":
            return self.spacy.probabilities(doc, ents, pairs)
        if self.design == "marker":
            return self.marker.probabilities(pair_texts(doc.text, sents, ents, pairs))
        if self.design == "mean":
            return self._mean(doc, ents, sents, pairs)
        spans = mention_spans(doc, ents)
        return self.model.scores([hashed(pair_features(doc, spans, ents, p.head, p.tail), self.dim) for p in pairs])

    def _mean(self, doc, ents: list[dict], sents: list, pairs: list) -> numpy.ndarray:
        """The members' weighted mean. A marker member reads one pair at a time, so it is asked
        only about the pairs to which the others give some relation at least `gate`; the rest
        keep the others' mean (nothing is lost at thresholds the others' `gate` cannot reach
        without the marker's share)."""
        weights = self.weights or [1.0] * len(self.members)
        cheap = [(m, w) for m, w in zip(self.members, weights) if m.design != "marker"]
        dear = [(m, w) for m, w in zip(self.members, weights) if m.design == "marker"]
        total = sum(w for _, w in cheap)
        probs = sum(w * numpy.asarray(m.scores(doc, ents, sents, pairs)) for m, w in cheap) / total
        live = numpy.flatnonzero(probs[:, 1:].max(axis=1) >= self.gate) if dear else []
        if len(live):
            asked = [pairs[k] for k in live]
            extra = sum(w * numpy.asarray(m.scores(doc, ents, sents, asked)) for m, w in dear)
            probs[live] = (probs[live] * total + extra) / sum(weights)
        return probs

    def relations(self, doc, ents, sents, *, roles, planned, former, token_of,
                  threshold: float | None = None, titles: frozenset = frozenset(),
                  ending: frozenset = frozenset()) -> list[dict]:
        pairs, probs = self.pairs(doc, ents, sents)
        found = decide(doc, ents, pairs, probs, threshold=self.threshold if threshold is None else threshold,
                       roles=roles, sents=sents, planned=planned, former=former, token_of=token_of,
                       titles=titles, ending=ending, titled_threshold=self.titled_threshold)
        for rel in found:
            rel["confidence"] = round(self.calibrated(rel["confidence"]), 4)
        if self.far_model is not None:
            seen = {relation_key(r) for r in found}
            found += [r for r in self._far(doc, ents, sents, roles=roles, planned=planned, former=former,
                                           token_of=token_of, titles=titles, ending=ending)
                      if relation_key(r) not in seen]
        return found

    def _far(self, doc, ents, sents, *, token_of, **attrs) -> list[dict]:
        """The second model's relations: an end that is a reference to a body named before
        (references.py, rule `model.<type>.ref`) or ends in two adjacent sentences
        (`model.<type>.adjacent`), with its own threshold and calibration."""
        starts = [s.start_char for s in sents]
        refs = reference_mentions(doc, ents, self.far["references"])
        every = ents + refs
        pairs = reference_pairs(doc, every, len(ents), starts) + adjacent_pairs(ents, starts)
        if not pairs:
            return []
        spans = mention_spans(doc, every)
        probs = self.far_model.scores([hashed(pair_features(doc, spans, every, p.head, p.tail), self.far_model.dim)
                                       for p in pairs])
        # a reference's tokens are its own, its entity the body it stands for
        ref_tok = {len(ents) + k: (sp.start, sp.end) for k, sp in enumerate(spans[len(ents):]) if sp is not None}
        found = decide(doc, every, pairs, probs, threshold=self.far["threshold"], sents=sents,
                       token_of=lambda e: ref_tok.get(e) if e >= len(ents) else token_of(e), **attrs)
        for rel in found:
            if self.far.get("calibration"):
                rel["confidence"] = round(self.calibrated(rel["confidence"], self.far["calibration"]), 4)
            kind = "adjacent"
            for end in (rel["head"], rel["tail"]):
                if end["entity"] >= len(ents):
                    kind, ref = "ref", every[end["entity"]]
                    end["entity"] = ref["ref"]
                    if ref["ref_back"] == 1:  # the evidence is the body's sentence and the reference's
                        rel["evidence"][0] = min(rel["evidence"][0], _sentence_start(sents, ents[ref["ref"]]["start"]))
            rel["rule"] += f".{kind}"
        return found


def _sentence_start(sents, char: int) -> int:
    sent = next(s for s in sents if s.start_char <= char < s.end_char)
    return sent.start_char + len(sent.text) - len(sent.text.lstrip())


FAR_RULES = (".ref", ".adjacent")  # the rule suffixes of the second model's relations


MIN_JUDGED = 5  # a rule seen fewer times on dev is kept: too few to call it imprecise


def name_stated(rel: dict) -> bool:
    """A relation one name states ("X Hospital North Branch" -> X Hospital): the guideline asks
    for these in so many words, so no precision floor removes them."""
    return rel["head"].get("entity") is None or rel["tail"].get("entity") is None


def relation_key(rel: dict) -> tuple:
    h, t = fold(rel["head"]["canonical"]), fold(rel["tail"]["canonical"])
    return (rel["type"],) + (tuple(sorted((h, t))) if rel["type"] == "partner_of" else (h, t))


def merge(rules: list[dict], learned: list[dict], mode: str, keeps_rule=lambda rule: True) -> list[dict]:
    """`union`: the rules' relations whose rule `keeps_rule` (precise enough on dev), then the
    model's for facts the rules did not state; `model`: the model's, plus the rules' relations
    that a name states (the model pairs two mentions, and "X Hospital North Branch" has one)."""
    rules = [r for r in rules if name_stated(r) or keeps_rule(r["rule"])]
    if mode == "model":
        rules = [r for r in rules if name_stated(r)]
    seen = {relation_key(r) for r in rules}
    return rules + [r for r in learned if relation_key(r) not in seen]
