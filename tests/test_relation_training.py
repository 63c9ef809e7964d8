"""The relation classifier's training pages are parsed as the pipeline parses them."""

import pytest

from consortia.clean import Cleaned
from consortia.training.relations import parse_clean, parser

TEXT = "Lanbo Hospital on Monday named\nLi Ming as its new president.\nXinghe Clinic opened."


@pytest.fixture(scope="module")
def nlp(settings):
    return parser(settings)


@pytest.mark.parametrize("soft, sentences", [
    ([], 3),  # every newline parts a block, and a block boundary is a sentence boundary
    ([TEXT.index("\n")], 2),  # a hard-wrapped paragraph's sentence runs on across its soft break
])
def test_parse_clean_starts_no_sentence_at_a_soft_break(nlp, soft, sentences):
    cleaned = Cleaned(text=TEXT, offsets=list(range(len(TEXT))), soft_breaks=soft)
    doc = parse_clean(nlp, cleaned)
    assert len(list(doc.sents)) == sentences
    assert any("named\nLi Ming" in s.text for s in doc.sents) == bool(soft)


def test_tuning_takes_the_most_precise_setting_among_those_tied_on_f1():
    from consortia.training.relations import F1_TIE, _most_precise
    grid = {0.5: {"p": 0.77, "r": 0.59, "f1": 0.6707},
            0.6: {"p": 0.79, "r": 0.58, "f1": 0.6707 - F1_TIE / 2},  # tied: more precise, so chosen
            0.7: {"p": 0.81, "r": 0.55, "f1": 0.6707 - 2 * F1_TIE}}  # more precise still, but worse
    assert _most_precise(grid) == 0.6
    # with nothing tied the best F1 stands, and on equal precision the higher setting
    assert _most_precise({0.5: {"p": 0.8, "r": 0.6, "f1": 0.69}, 0.6: {"p": 0.9, "r": 0.4, "f1": 0.55}}) == 0.5
    assert _most_precise({(0.6, 0.0): {"p": 0.8, "r": 0.6, "f1": 0.69},
                          (0.6, 0.4): {"p": 0.8, "r": 0.6, "f1": 0.69}}) == (0.6, 0.4)
