"""The spaCy-native relation design (relation_model/spacy_rel.py): the pipe builds from a config,
learns from invented examples, predicts, saves and loads; no trained weights needed."""

import numpy
import pytest
import spacy
from spacy.training import Example
from thinc.api import fix_random_seed

from consortia.relation_model import spacy_rel
from consortia.relation_model.candidates import Pair
from consortia.relation_model.classifier import CLASSES
from consortia.relation_model.spacy_rel import LABELS, PAIRS, PROBS, pair_scores

TOK2VEC = {"@architectures": "spacy.Tok2Vec.v2",
           "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 32,
                     "attrs": ["NORM", "SHAPE"], "rows": [500, 50], "include_static_vectors": False},
           "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 32, "depth": 1,
                      "window_size": 1, "maxout_pieces": 2}}
POST, MEMBER = CLASSES.index("holds_position"), CLASSES.index("member_of")


def _nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec", config={"model": TOK2VEC})
    nlp.add_pipe("consortia_pair_classifier", name="pairs", config={"model": {
        "@architectures": "consortia.PairClassifier.v1", "hidden_width": 16, "dropout": 0.0,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "tok2vec"}}})
    return nlp


def _doc(nlp, text, names, pairs, labels):
    """names: (text, label) in order of appearance; pairs: (head, tail) indices into names."""
    doc = nlp.make_doc(text)
    ents, at = [], 0
    for name, label in names:
        start = text.index(name, at)
        at = start + len(name)
        ents.append({"start": start, "end": at, "label": label, "canonical": name, "text": name})
    doc._.set(PAIRS, spacy_rel.instances(doc, ents, [Pair(h, t, 0) for h, t in pairs]))
    doc._.set(LABELS, labels)
    return doc


def _examples(nlp):
    texts = [
        ("Li Ming is president of Xinghe Hospital.", [("Li Ming", "PERSON"), ("Xinghe Hospital", "ORG")], POST),
        ("Xinghe Hospital joined the Donghu Alliance.", [("Xinghe Hospital", "ORG"), ("Donghu Alliance", "ORG")], MEMBER),
        ("Wang Fang met Xinghe Hospital staff.", [("Wang Fang", "PERSON"), ("Xinghe Hospital", "ORG")], 0),
    ]
    docs = [_doc(nlp, text, names, [(0, 1)], [y]) for text, names, y in texts]
    return [Example(d, d.copy()) for d in docs]


def test_pair_vectors_pool_head_tail_and_the_words_between():
    nlp = _nlp()
    examples = _examples(nlp)
    nlp.initialize(lambda: examples)
    doc = examples[0].predicted
    assert doc._.get(PAIRS) == [[0, 2, 5, 7, 0 + doc._.get(PAIRS)[0][4]]]  # "Li Ming" / "Xinghe Hospital"
    doc = nlp.get_pipe("tok2vec")(doc)  # the listener reads doc.tensor when predicting
    out = nlp.get_pipe("pairs").model.layers[0].predict([doc])
    vecs = doc.tensor
    assert numpy.allclose(out[0, :32], vecs[0:2].mean(0), atol=1e-5)
    assert numpy.allclose(out[0, 32:64], vecs[5:7].mean(0), atol=1e-5)
    assert numpy.allclose(out[0, 64:96], vecs[2:5].mean(0), atol=1e-5)
    assert out[0, 96:].sum() == 1.0  # the kind, one-hot


def test_the_pipe_trains_on_invented_examples_and_predicts(tmp_path):
    fix_random_seed(0)
    nlp = _nlp()
    examples = _examples(nlp)
    optimizer = nlp.initialize(lambda: examples)
    first = None
    for _ in range(40):
        losses = nlp.update(examples, sgd=optimizer)
        first = first if first is not None else losses["pairs"]
    assert losses["pairs"] < first / 4
    docs = list(nlp.pipe(eg.predicted for eg in examples))
    assert [int(d._.get(PROBS).argmax(1)[0]) for d in docs] == [POST, MEMBER, 0]
    assert nlp.get_pipe("pairs").score([Example(d, eg.reference) for d, eg in zip(docs, examples)])["rel_micro_f"] == 1.0
    nlp.to_disk(tmp_path / "rel")
    again = spacy.load(tmp_path / "rel")
    redo = list(again.pipe(eg.predicted.copy() for eg in examples))
    assert numpy.allclose(redo[0]._.get(PROBS), docs[0]._.get(PROBS), atol=1e-5)


def test_a_doc_without_pairs_gets_an_empty_row_set():
    nlp = _nlp()
    examples = _examples(nlp)
    nlp.initialize(lambda: examples)
    doc = nlp("No names here.")
    assert doc._.get(PROBS).shape == (0, len(CLASSES))


def test_pair_scores_count_only_relation_classes():
    assert pair_scores([1, 0, 2, 0], [1, 1, 0, 0]) == {"p": 0.5, "r": 0.5, "f": 0.5}


@pytest.mark.parametrize("design", ["spacy"])
def test_the_design_is_a_training_choice(design):
    from click.testing import CliRunner

    from consortia.cli import cli

    assert design in CliRunner().invoke(cli, ["train", "--help"]).output


@pytest.mark.parametrize("design,words", [("spacy", "tok2vec"), ("mean", "mean of the class probabilities")])
def test_the_model_card_names_the_design(tmp_path, design, words):
    from consortia.training.cards import write_relations_card

    write_relations_card(tmp_path, {"design": design, "threshold": 0.5, "train": {"pairs": 3},
                                    "dev_curve": {"0.5": {"p": 0.8, "r": 0.5, "f1": 0.6}}})
    card = (tmp_path / "MODEL_CARD.md").read_text()
    assert f"`{design}` design" in card and words in card and f"--design {design}" in card


def test_the_card_says_what_the_model_was_trained_on_not_what_the_corpus_holds_now(tmp_path):
    """A model retuned (--tune-only) after the corpus grew was still trained on the older pages."""
    from consortia.training.cards import training_pages, write_relations_card

    now = training_pages()
    meta = {"design": "mean", "threshold": 0.5, "train": {"pairs": 3}, "trained_on": {"pages": 7, "sites": 5},
            "dev_curve": {"0.5": {"p": 0.8, "r": 0.5, "f1": 0.6}}}
    write_relations_card(tmp_path, meta)
    assert "corpus/train (7 real pages, 5 sites" in (tmp_path / "MODEL_CARD.md").read_text()
    write_relations_card(tmp_path, {k: v for k, v in meta.items() if k != "trained_on"})
    assert f"corpus/train ({now['pages']} real pages, {now['sites']} sites" in (tmp_path / "MODEL_CARD.md").read_text()


def test_the_mean_design_averages_its_members_probabilities(tmp_path):
    import json

    from consortia.relation_model.classifier import LinearModel
    from consortia.relation_model.scoring import RelationModel

    for name, bias in (("a", POST), ("b", MEMBER)):
        model = LinearModel.empty(16)
        model.bias[bias] = 5.0
        (tmp_path / name).mkdir()
        model.save(tmp_path / name / "weights.npz")
        (tmp_path / name / "meta.json").write_text(json.dumps({"design": "linear", "threshold": 0.5}))
    (tmp_path / "meta.json").write_text(json.dumps({"design": "mean", "members": ["a", "b"], "threshold": 0.5}))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Li Ming is president of Xinghe Hospital.")
    ents = [{"start": 0, "end": 7, "label": "PERSON", "canonical": "Li Ming", "text": "Li Ming"},
            {"start": 24, "end": 39, "label": "ORG", "canonical": "Xinghe Hospital", "text": "Xinghe Hospital"}]
    mean, a, b = (RelationModel(tmp_path / f) for f in (".", "a", "b"))
    pairs = [Pair(0, 1, 0)]
    got = mean.scores(doc, ents, [doc[:]], pairs)
    assert numpy.allclose(got, (a.scores(doc, ents, [doc[:]], pairs) + b.scores(doc, ents, [doc[:]], pairs)) / 2)
    assert got[0, POST] == pytest.approx(got[0, MEMBER]) and got[0, POST] > 0.4
