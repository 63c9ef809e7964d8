"""ORG precision rules: names cut before their head, capitalised English words, acronyms of
things, post-nominal fellowships, a family name alone, a parent in the possessive, plans and
periods, a place glued to its unit. Invented names only."""

import pytest

from consortia.entities import load_rules, outranked_by_rules
from consortia.entities.names import _head_of
from consortia.entities.people import family_name_alone, family_names
from consortia.entities.places import glued_place
from consortia.entities.recognizer import capitals_word_alone, modifier_end, possessive_parents

from .conftest import ROOT

PATTERNS = ROOT / "pipelines" / "entities" / "patterns.json"
PLACES = ROOT / "pipelines" / "entities" / "places.json"


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATTERNS, PLACES)


@pytest.mark.parametrize("name,expected", [
    ("Lanbo Provincial", True),  # "Lanbo Provincial\nbacterial monitoring centre": cut before its head
    ("Qingmu Municipal", True),
    ("Xinghe Key Laboratory of Infectious", True),  # "... of Infectious diseases", the tail cut
    ("Fifth Military Medical", True),  # "Medical" looked through to "Military"
    ("Lanbo Anti-Cancer", True),
    ("Lanbo Medical", False),  # a company's short name may end in "Medical"
    ("Qingmu Provincial Hospital", False),
    ("Provincial", False),  # one word: left to the rules for a word alone
    ("Military Medical", False),  # two words with "Medical": nothing before the adjective
])
def test_a_name_never_ends_in_an_adjective_of_its_head(rules, name, expected):
    assert modifier_end(name, rules) is expected


@pytest.mark.parametrize("name,expected", [
    ("AMONG", True),
    ("INCLUDING", True),
    ("Among", False),  # title case: common_word_alone judges it
    ("WHO", False),  # three letters: an acronym that is also a word stays
    ("LANBO", False),  # no English word
    ("CO-OP", False),  # not letters only
])
def test_an_english_word_in_capitals_alone_is_no_org(name, expected):
    common = frozenset({"among", "including", "who", "co-op"})
    assert capitals_word_alone(name, common) is expected
    assert capitals_word_alone(name, None) is False


@pytest.mark.parametrize("acronym", ["FDI", "SME", "RCEP", "TB", "COPD", "LOI", "GP", "TNM"])
def test_an_acronym_of_a_trade_term_or_disease_is_no_org(rules, acronym):
    text = f"The {acronym} rose."
    model = [(4, 4 + len(acronym), "ORG", 85, "model.ORG")]
    assert outranked_by_rules(model, [], text, rules) == []


@pytest.mark.parametrize("letters", ["FACHE", "FRACS", "FHKAM"])
def test_a_post_nominal_fellowship_is_a_degree(rules, letters):
    assert letters in rules.degrees


def test_a_family_name_alone_is_the_person_again():
    text = "Claire Vance, president of Lanbo University, met Li Ming. President Vance said."
    ents = [(0, 12, "PERSON", "person"), (27, 43, "ORG", "name"), (49, 56, "PERSON", "person"),
            (68, 73, "ORG", "model.ORG")]
    families = family_names(ents, text)
    assert families == frozenset({"Vance", "Ming"})
    assert family_name_alone("Vance", families, set()) is True
    assert family_name_alone("Lanbo", families, set()) is False  # no person's family name
    assert family_name_alone("VANCE", families, set()) is False  # capitals: an acronym's look
    assert family_name_alone("Vance Group", families, set()) is False
    assert family_name_alone("Vance", families, {"Vance", "Clinic"}) is False  # "Vance Clinic" on the page


@pytest.mark.parametrize("text,expected", [
    ("Lanbo Institute of Technology's Department of Physics",
     ["Lanbo Institute of Technology", "Department of Physics"]),
    ("Xinghe Medical College\u2019s Personnel Office", ["Xinghe Medical College", "Personnel Office"]),
    ("Lanbo Women's Hospital", ["Lanbo Women's Hospital"]),  # the name's own possessive
    ("Standing Committee of Lanbo's People's Congress", ["Standing Committee of Lanbo's People's Congress"]),
    ("Standing Committee of China's National People's Congress",
     ["Standing Committee of China's National People's Congress"]),  # a scope word's possessive
    ("the Board's Audit Committee", ["the Board's Audit Committee"]),  # one word before: no named parent
    ("Lanbo University's Hospital", ["Lanbo University's Hospital"]),  # one word after: no unit's name
])
def test_a_parent_in_the_possessive_is_a_body_of_its_own(rules, text, expected):
    got = possessive_parents([(0, len(text), "ORG", "name")], text, rules, frozenset({"Lanbo"}))
    assert [text[a:b] for a, b, _, _ in got] == expected


@pytest.mark.parametrize("name", ["Lanbo Poverty Relief Programme", "Xinghe Cooperation Framework",
                                  "Qingmu Cancer Awareness Week", "Lanbo University Building Projects"])
def test_a_plan_framework_or_period_is_no_body(rules, name):
    assert _head_of(name.split()) in rules.non_body_heads


@pytest.mark.parametrize("name,expected", [
    ("LanboProvince", True),
    ("LanboIsland", True),
    ("LanboHospital", False),  # a head, not a place's unit
    ("QingmuIsland", False),  # no known place
    ("Lanbo Province", False),  # not glued
])
def test_a_place_glued_to_its_unit_is_no_org(rules, name, expected):
    assert glued_place(name, rules, frozenset({"Lanbo"})) is expected
