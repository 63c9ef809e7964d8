import pytest

from consortia.truecase import lowercase_page, lowercase_words, recase

from .test_entities import analyse

WORDS = frozenset({"signed", "with", "the", "people's", "hospital", "it", "grew", "and", "chairman",
                   "visited", "of", "clinic"})
HEADS = frozenset({"hospital", "clinic"})


@pytest.mark.parametrize("text,expected", [
    ("lanbo signed with the qingmu hospital.", "Lanbo signed with the Qingmu Hospital."),
    ("it grew. it grew!", "It grew. It grew!"),  # a sentence's first word
    ("the lanbo people's hospital", "The Lanbo People's Hospital"),  # a name's words up to its head
    ("the hospital and the clinic", "The hospital and the clinic"),  # no name before the head
    ("\n\n“lanbo chairman wang jun", "\n\n“Lanbo chairman Wang Jun"),
    ("visited lanbo. hospital grew", "Visited Lanbo. Hospital grew"),
])
def test_recase(text, expected):
    got = recase(text, WORDS, HEADS)
    assert got == expected and len(got) == len(text)


@pytest.mark.parametrize("text,expected", [
    ("the lanbo clinic opened on monday. " * 10, True),
    ("The Lanbo Clinic opened on Monday. " * 10, False),
    ("the lanbo clinic", False),  # too short to judge
])
def test_lowercase_page(text, expected):
    assert lowercase_page(text) is expected


def test_lowercase_words_are_those_mostly_lowercase_inside_a_sentence():
    texts = ["we saw the Lanbo Hospital and the hospital grew.",
             "it said the hospital grew and the Qingmu Hospital opened."]
    # a word counts only after a lowercase word: "Hospital" after "Lanbo" and "we" opening a text do not
    assert lowercase_words(texts, min_count=1) == ["and", "grew", "hospital", "said", "saw", "the"]
    assert lowercase_words(texts) == ["grew", "hospital", "the"]


LOWER_PAGE = ("on march 3, lanbo medtech signed a cooperation agreement with the qingmu people's hospital. "
              "at the ceremony, lanbo medtech chairman wang dao and qingmu people's hospital president "
              "zhao ren signed the agreement. the two sides will work together on medical research "
              "and the training of doctors, and visited the lanbo medtech clinic after the ceremony.")


def test_an_all_lowercase_page_is_read_with_its_capitals_restored(extractor):
    entities, _ = analyse(extractor, LOWER_PAGE)
    found = {(e["label"], e["canonical"]) for e in entities if e["label"] in ("ORG", "PERSON")}
    # "lanbo medtech" alone, a company without a head word, is the recogniser's guess: some
    # trainings find it (the 5,000-step one at 0.0005), some do not; nothing else may differ
    assert found - {("ORG", "Lanbo Medtech")} == {
        ("ORG", "Qingmu People's Hospital"), ("ORG", "Lanbo Medtech Clinic"), ("PERSON", "Wang Dao"),
        ("PERSON", "Zhao Ren")}
