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
