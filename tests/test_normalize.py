"""normalize stage: canonical names, alias groups, ISO dates with TIMEX3 mods, money amounts.
Pure functions, tested without the model; names are not from the seeds."""

import json

import pytest
import spacy

from consortia.errors import ConfigError
from consortia.normalize import (Normalizer, acronym_links, canonical_groups, canonical_names, company_links,
                                 prefix_links,
                                 date_value, initials_links,
                                 display_form, is_short_form, is_short_person, is_short_place, load_lexicon,
                                 money_value, spelled_heads)
from consortia.stagedata import new_entity, state

from .conftest import ROOT

LEXICON_PATH = ROOT / "pipelines" / "normalize" / "lexicon.json"
PLACES = ROOT / "pipelines" / "entities" / "places.json"
PATTERNS = ROOT / "pipelines" / "entities" / "patterns.json"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(LEXICON_PATH, PLACES)


@pytest.fixture(scope="module")
def normalizer(lexicon):
    return Normalizer(lexicon)


@pytest.mark.parametrize("text,expected", [
    ("Wuxi children’s hospital", "Wuxi Children's Hospital"),
    ("Xining maternal and child care service centre", "Xining Maternal and Child Care Service Centre"),
    ("Gansu Provincial urological cancer research institution", "Gansu Provincial Urological Cancer Research Institution"),
    ("the  Shenzhen\nPeople’s Hospital", "Shenzhen People's Hospital"),
    ("Peking University's", "Peking University"),
    ("Hong Kong Jockey Club Charities Trust", "Hong Kong Jockey Club Charities Trust"),
])
def test_display_form(lexicon, text, expected):
    assert display_form(text, lexicon) == expected


def w(name):
    return name.casefold().split()


@pytest.mark.parametrize("short,full,expected", [
    ("Gansu People's Hospital", "Gansu Provincial People's Hospital", True),  # "Provincial" inserted
    ("Cancer Hospital", "Harbin Cancer Hospital", True),  # the place left out
    ("Yuhuangding Hospital", "Yantai Yuhuangding Hospital", True),
    ("Affiliated Hospital", "First Affiliated Hospital of Soochow University", True),  # ordinal and tail
    ("University", "Lanzhou University", True),
    ("Municipal Health Commission", "Xuzhou Health Committee", True),  # scope word and synonym head
    ("National Health Commission", "Shaanxi Provincial Health Commission", False),  # different levels
    ("National Health Commission", "Shaanxi Health Commission", False),
    ("Beijing Hospital", "Beijing Tiantan Hospital", False),  # a different hospital
    ("Cancer Hospital", "Cancer Hospital of Fudan University Medical Center", True),
    ("Cancer Hospital", "Harbin Medical University Cancer Hospital Branch", False),  # another head
    ("Hospital", "Party Committee of Yinchuan Hospital", False),  # head of "X of Y" is X
    ("Health Committee", "Party Committee of Xiamen Health Committee", False),
    ("Harbin Cancer Hospital", "Harbin Cancer Hospital", False),
    # an ordinal makes another hospital when the shorter form is a full "of" name itself
    ("Affiliated Hospital of Yan'an University", "Second Affiliated Hospital of Yan'an University", False),
    # a branch is another body, also after an "of" tail
    ("Affiliated Hospital of Yan'an University", "Affiliated Hospital of Yan'an University Baota Branch", False),
    ("Yan'an University Baota Branch", "Affiliated Hospital of Yan'an University Baota Branch", False),
    # a unit with its own "of" tail, or a branch, named again without the body it belongs to
    ("School of Medicine", "Xinghe University School of Medicine", True),
    ("Department of Thoracic Surgery", "Lanbo Hospital Department of Thoracic Surgery", True),
    ("Qingmu Branch", "Lanbo Hospital Qingmu Branch", True),
    # but not a body named after a connector, a body with no tail, nor across an ordinal
    ("Ministry of Education", "Key Laboratory of Oncology of the Ministry of Education", False),
    ("Lanbo University", "Xinghe Hospital Lanbo University", False),
    ("Lanbo University", "Xinghe Hospital Affiliated to Lanbo University", False),
    ("School of Medicine", "Second Xinghe School of Medicine", False),
    # "affiliated to" opens a tail as "of" does
    ("Lanbo Hospital", "Lanbo Hospital Affiliated to Xinghe University", True),
    # a body's name followed by a unit's is the unit, not a fuller form of the body
    ("University of Lanbo", "University of Lanbo School of Medicine", False),
    ("Xinghe University", "Xinghe University Council", False),
    # a leading qualifier that names no other body: the country of the body
    ("Qingmu Medical Center", "Israel Qingmu Medical Center", True),
    ("Qingmu Health", "U.S. Qingmu Health", True),
    ("Lanbo Hospital", "Israel Xinghe Hospital", False),
    # a committee's name with or without the party's word
    ("Xinghe Municipal Committee", "Xinghe Municipal Party Committee", True),
    ("Xinghe Municipal Party Committee", "CPC Xinghe Municipal Committee", True),
    ("Xinghe Municipal Committee", "Qingmu Municipal Party Committee", False),
    ("CPC Xinghe Provincial Committee", "Xinghe Provincial Committee of the Political Consultative Conference", False),
])
def test_is_short_form(lexicon, short, full, expected):
    assert is_short_form(w(short), w(full), lexicon) is expected


def test_a_name_written_with_a_comma_groups_with_its_unit(lexicon):
    groups = canonical_groups(["Lanbo Hospital, Xinghe University", "Lanbo Hospital", "Xinghe University",
                               "Qingmu Tech Co., Ltd", "Qingmu Tech Co."], "ORG", lexicon)
    assert groups["Lanbo Hospital"] == "Lanbo Hospital, Xinghe University"
    assert groups["Xinghe University"] == "Xinghe University"  # the body it belongs to is another
    assert groups["Qingmu Tech Co."] == "Qingmu Tech Co."  # a legal form after a comma is no "of" tail


def test_short_people_and_places(lexicon):
    assert is_short_person(["guo"], ["guo", "ming"]) and is_short_person(["ming"], ["guo", "ming"])
    assert is_short_person(["wang", "fan"], ["wangfan"]) and not is_short_person(["li"], ["guo", "ming"])
    assert is_short_place(["hubei"], ["hubei", "province"], lexicon)
    assert is_short_place(["guangxi"], w("Guangxi Zhuang Autonomous Region"), lexicon)
    assert not is_short_place(["hubei"], ["hubei", "university"], lexicon)


def test_a_name_with_and_without_the_full_stop_of_its_legal_form_is_one_form(lexicon):
    ents = [{"label": "ORG", "text": "Xinghe Medical Co., Ltd.", "start": 0, "end": 24},
            {"label": "ORG", "text": "Xinghe Medical Co., Ltd", "start": 40, "end": 63}]
    canonical_names(ents, lexicon)
    assert {e["canonical"] for e in ents} == {"Xinghe Medical Co., Ltd."}


@pytest.mark.parametrize("form,expected", [
    ("Lanshan Memorial Hopital", "Lanshan Memorial Hospital"),  # a letter dropped
    ("Qiao Univesrity", "Qiao University"),  # two letters swapped
    ("Lanshan Party Commitee", "Lanshan Party Committee"),
    ("Lanshan Hospitals Group", "Lanshan Hospitals Group"),  # a plural is no typo
    ("Institut Lanshan", "Institut Lanshan"),  # nor a word the head begins with
    ("Lanshan Centre", "Lanshan Centre"),  # nor another head
    ("Lanshan Hôpital", "Lanshan Hôpital"),  # nor a foreign spelling
])
def test_a_misspelt_head_is_written_right_in_the_canonical(lexicon, form, expected):
    assert spelled_heads(form, lexicon) == expected


def test_a_misspelt_head_joins_its_name_written_right(lexicon):
    ents = [{"label": "ORG", "text": "Lanshan Memorial Hopital", "start": 0, "end": 24},
            {"label": "ORG", "text": "Lanshan Memorial Hospital", "start": 40, "end": 65}]
    canonical_names(ents, lexicon)
    assert {e["canonical"] for e in ents} == {"Lanshan Memorial Hospital"}


def test_canonical_groups_join_short_forms_to_the_nearest_full_name(lexicon):
    forms = ["First Affiliated Hospital of Soochow University", "Affiliated Hospital",
             "Second Affiliated Hospital of Nantong University", "Affiliated Hospital"]
    # the same form twice is one form: it goes with the one named just before its first mention
    groups = canonical_groups(list(dict.fromkeys(forms)), "ORG", lexicon)
    assert groups["Affiliated Hospital"] == "First Affiliated Hospital of Soochow University"
    assert groups["Second Affiliated Hospital of Nantong University"] == "Second Affiliated Hospital of Nantong University"
    groups = canonical_groups(["Gansu People's Hospital", "Gansu Provincial People's Hospital"], "ORG", lexicon)
    assert set(groups.values()) == {"Gansu Provincial People's Hospital"}  # the fullest, even when later


def test_canonical_names_on_entities(lexicon):
    text = ("Hubei Province and Luoyang central hospital. The National Health Commission (NHC) and "
            "central hospital staff met Guo Ming. Guo said NHC and Hubei agreed.")
    spans = [("Hubei Province", "GPE"), ("Luoyang central hospital", "ORG"), ("National Health Commission", "ORG"),
             ("NHC", "ORG"), ("central hospital", "ORG"), ("Guo Ming", "PERSON"), ("Guo", "PERSON"),
             ("NHC", "ORG"), ("Hubei", "GPE")]
    ents, pos = [], 0
    for t, label in spans:
        start = text.index(t, pos)
        ents.append(new_entity(start, start + len(t), label, t))
        pos = start + len(t)
    canonical_names(ents, lexicon, text)
    assert [e["canonical"] for e in ents] == [
        "Hubei Province", "Luoyang Central Hospital", "National Health Commission", "National Health Commission",
        "Luoyang Central Hospital", "Guo Ming", "Guo Ming", "National Health Commission", "Hubei Province"]


def _entities(text, spans):
    ents, pos = [], 0
    for t, label in spans:
        start = text.index(t, pos)
        ents.append(new_entity(start, start + len(t), label, t))
        pos = start + len(t)
    return ents


@pytest.mark.parametrize("text,spans,expected", [
    ("It grew from Lanbo and Qingmu Hospitals in 1892.", ["Lanbo", "Qingmu Hospitals"],
     ["Lanbo Hospital", "Qingmu Hospital"]),
    ("Lanbo, Qingmu & Medstar Universities signed.", ["Lanbo", "Qingmu", "Medstar Universities"],
     ["Lanbo University", "Qingmu University", "Medstar University"]),
    # not joined by a conjunction alone: each keeps its own form
    ("Lanbo said Qingmu Hospitals grew.", ["Lanbo", "Qingmu Hospitals"], ["Lanbo", "Qingmu Hospital"]),
    # a name with its own head takes no other
    ("Lanbo Clinic and Qingmu Hospitals", ["Lanbo Clinic", "Qingmu Hospitals"],
     ["Lanbo Clinic", "Qingmu Hospital"]),
    ("Lanbo Hospital and Qingmu Hospitals", ["Lanbo Hospital", "Qingmu Hospitals"],
     ["Lanbo Hospital", "Qingmu Hospital"]),
])
def test_names_sharing_a_plural_head_each_take_it(lexicon, text, spans, expected):
    ents = _entities(text, [(t, "ORG") for t in spans])
    canonical_names(ents, lexicon, text)
    assert [e["canonical"] for e in ents] == expected


def test_a_person_written_in_lowercase_is_named_in_title_case(lexicon):
    text = "lanbo chairman wang dao met Li Si-ming."
    ents = _entities(text, [("wang dao", "PERSON"), ("Li Si-ming", "PERSON")])
    canonical_names(ents, lexicon, text)
    assert [e["canonical"] for e in ents] == ["Wang Dao", "Li Si-ming"]


def test_a_company_named_without_its_legal_form_is_that_company(lexicon):
    forms = ["Jinhua Rongkang Medical Investment Co., Ltd.", "Jinhua Rongkang Medical Investment",
             "Yiwu Kangning Care Group Ltd.", "Yiwu Kangning Care", "Yiwu Kangning Care Hospital", "Jinhua",
             "Jinhua Central Hospital Group", "Jinhua Central Hospital"]
    assert company_links(forms, lexicon) == (
        ("Jinhua Rongkang Medical Investment", "Jinhua Rongkang Medical Investment Co., Ltd."),
        ("Yiwu Kangning Care", "Yiwu Kangning Care Group Ltd."))


def test_a_name_without_its_head_after_its_fuller_form_is_that_body(lexicon):
    forms = ["Donghai Medical Group", "Donghai Medical", "Lanbo Shanghai Hospital", "Lanbo Shanghai",
             # met before its fuller form: as often a parent and its subsidiary
             "Kelvin Care", "Kelvin Care Ventures",
             # fuller forms that part ways, a place alone, a unit, a name with its own head
             "Xinghe Health Fund", "Xinghe Health Group", "Xinghe Health", "Jinhua Hospital",
             "Jinhua", "Yiwu Care Council", "Yiwu Care", "Lanbo University Medical Center", "Lanbo University"]
    assert prefix_links(forms, lexicon) == (("Donghai Medical", "Donghai Medical Group"),
                                            ("Lanbo Shanghai", "Lanbo Shanghai Hospital"))


def test_a_short_name_takes_the_fuller_canonical(lexicon):
    text = "Donghai Medical Services Group said Donghai Medical will open a hospital."
    ents = _entities(text, [("Donghai Medical Services Group", "ORG"), ("Donghai Medical", "ORG")])
    canonical_names(ents, lexicon, text)
    assert {e["canonical"] for e in ents} == {"Donghai Medical Services Group"}


def test_acronym_links_need_brackets_right_after_the_name():
    text = "Fujian Cancer Hospital FCH and Xiamen Cancer Center (XCC)"
    ents = [new_entity(0, 22, "ORG", "Fujian Cancer Hospital"), new_entity(23, 26, "ORG", "FCH"),
            new_entity(31, 51, "ORG", "Xiamen Cancer Center"), new_entity(53, 56, "ORG", "XCC")]
    assert acronym_links(ents, text) == (("XCC", "Xiamen Cancer Center"),)


def test_an_undefined_acronym_is_the_one_name_whose_initials_it_spells():
    forms = ["First Affiliated Hospital of Xinghe Medical University", "FAHXMU", "Lanbo Tai Yat-min University",
             "LTYMU", "Donghai Health Commission", "Dalian Heart Center", "DHC", "WHO", "NEW"]
    # DHC spells two names: no link; WHO and NEW spell none
    assert initials_links(forms) == (("FAHXMU", "First Affiliated Hospital of Xinghe Medical University"),
                                     ("LTYMU", "Lanbo Tai Yat-min University"))


def test_an_undefined_acronym_takes_the_canonical_of_its_name(lexicon):
    text = "Kelvin Medical University signed the deal. KMU president Li Si said so."
    ents = _entities(text, [("Kelvin Medical University", "ORG"), ("KMU", "ORG")])
    canonical_names(ents, lexicon, text)
    assert [e["canonical"] for e in ents] == ["Kelvin Medical University"] * 2


def test_a_word_before_a_unit_is_the_units_parent_not_the_unit(lexicon):
    # "QMU Council", "Qiao Fund": the word names the body the unit belongs to; "Qiao Hospital"
    # and "Qiao Medical School" may be the word's own full name
    text = ("The QMU Council met. QMU hired Li Ming. Qiao Fund gave to Qiao. Lanbo Hospital said Lanbo grew. "
            "The CPC KU Committee met at KU.")
    ents = _entities(text, [("QMU Council", "ORG"), ("QMU", "ORG"), ("Qiao Fund", "ORG"), ("Qiao", "ORG"),
                            ("Lanbo Hospital", "ORG"), ("Lanbo", "ORG"), ("CPC KU Committee", "ORG"), ("KU", "ORG")])
    canonical_names(ents, lexicon, text)
    assert [e["canonical"] for e in ents] == ["QMU Council", "QMU", "Qiao Fund", "Qiao", "Lanbo Hospital",
                                              "Lanbo Hospital", "CPC KU Committee", "KU"]


@pytest.mark.parametrize("text,published,expected", [
    ("July 26, 2018", None, ("2018-07-26", None)),
    ("Feb 11, 2023", None, ("2023-02-11", None)),
    ("14 October 2019", None, ("2019-10-14", None)),
    ("Sept. 5, 2020", None, ("2020-09-05", None)),
    ("October 2022", None, ("2022-10", None)),
    ("2017", None, ("2017", None)),
    ("2019-12-20", None, ("2019-12-20", None)),
    ("the end of 2017", None, ("2017", "END")),
    ("early 2020", None, ("2020", "START")),
    ("mid-2019", None, ("2019", "MID")),
    ("mid-January 2020", None, ("2020-01", "MID")),
    ("around 2018", None, ("2018", "APPROX")),
    ("late 2019", None, ("2019", "END")),
    ("the first half of 2018", None, ("2018", "START")),
    ("December 29", "2021-12-30", ("2021-12-29", None)),
    ("December 29", None, ("XXXX-12-29", None)),
    ("8 May", "2023-05-10", ("2023-05-08", None)),
    ("February 29", None, ("XXXX-02-29", None)),
    ("March", "2016-04-01", ("2016-03", None)),
    ("1843", None, ("1843", None)),
])
def test_date_value(lexicon, normalizer, text, published, expected):
    assert date_value(text, published, lexicon, normalizer.parse) == expected


@pytest.mark.parametrize("text,expected", [
    ("250 million yuan", (250000000, "CNY")),
    ("$36.35 million", (36350000, "USD")),
    ("£250 million", (250000000, "GBP")),
    ("RMB 3 billion", (3000000000, "CNY")),
    ("3.2 billion yuan", (3200000000, "CNY")),
    ("HK$ 5 million", (5000000, "HKD")),
    ("100,000 yuan", (100000, "CNY")),
    ("US$2 million", (2000000, "USD")),
    ("€45 million", (45000000, "EUR")),
    ("30 billion yen", (30000000000, "JPY")),
    ("17 million U.S. dollars", (17000000, "USD")),
    ("2 billion Hong Kong dollars", (2000000000, "HKD")),
    ("HK$5m", (5000000, "HKD")),
    ("$1.25", (1.25, "USD")),
])
def test_money_value(lexicon, text, expected):
    assert money_value(text, lexicon) == expected


def test_the_component_fills_values_and_canonicals():
    nlp = spacy.blank("en")
    nlp.add_pipe("consortia_normalize", config={"lexicon": str(LEXICON_PATH), "places": str(PLACES)})
    text = "Wuxi central hospital got 2 million yuan on March 3; central hospital thanked Wuxi."
    doc = nlp.make_doc(text)
    state(doc)["meta"] = {"published": "2022-03-05", "title": None}
    state(doc)["entities"] = [new_entity(s, s + len(t), label, t) for t, label, s in [
        ("Wuxi central hospital", "ORG", 0), ("2 million yuan", "MONEY", 26), ("March 3", "DATE", 44),
        ("central hospital", "ORG", 53), ("Wuxi", "GPE", 78)]]
    doc = nlp(doc)
    got = [(e["canonical"], e["value"], e["amount"], e["currency"]) for e in state(doc)["entities"]]
    assert got == [("Wuxi Central Hospital", None, None, None), ("2 million yuan", None, 2000000, "CNY"),
                   ("March 3", "2022-03-03", None, None), ("Wuxi Central Hospital", None, None, None),
                   ("Wuxi", None, None, None)]


def test_an_amount_written_short_shares_its_spelled_out_canonical():
    nlp = spacy.blank("en")
    nlp.add_pipe("consortia_normalize", config={"lexicon": str(LEXICON_PATH), "places": str(PLACES)})
    text = "Xinghe Health raised $56m, the $56 million round; it paid $39m."
    doc = nlp.make_doc(text)
    state(doc)["meta"] = {"published": None, "title": None}
    state(doc)["entities"] = [new_entity(text.index(t), text.index(t) + len(t), "MONEY", t)
                              for t in ("$56m", "$56 million", "$39m")]
    doc = nlp(doc)
    assert [e["canonical"] for e in state(doc)["entities"]] == ["$56 million", "$56 million", "$39m"]


def test_every_currency_and_qualifier_the_entity_rules_find_has_a_code_and_a_mod(lexicon):
    patterns = json.loads(PATTERNS.read_text(encoding="utf-8"))
    folded = {k.casefold() for k in lexicon.currencies}
    missing = [c for c in patterns["money"]["prefixes"] + patterns["money"]["suffixes"]
               if c not in lexicon.currencies and c.casefold() not in folded]
    assert not missing
    assert not [q for q in patterns["date"]["qualifiers"] if q.lower() not in lexicon.mods]
    assert set(lexicon.mods.values()) <= {"START", "MID", "END", "APPROX"}


def test_a_broken_lexicon_is_a_config_error(tmp_path):
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["dates"]["mods"]["late"] = "LATE"
    bad = tmp_path / "lexicon.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="mod"):
        load_lexicon(bad, PLACES)
    with pytest.raises(ConfigError):
        spacy.blank("en").add_pipe("consortia_normalize", config={"lexicon": str(LEXICON_PATH)})


@pytest.mark.parametrize("text,spans,expected", [
    # a school named after its university's possessive goes by "University School of ..."
    ("Lanbo University's School of Medicine signed. The School of Medicine grew.",
     ["Lanbo University", "School of Medicine", "School of Medicine"],
     ["Lanbo University", "Lanbo University School of Medicine", "Lanbo University School of Medicine"]),
    ("Lanbo Jiaotong University's (LJU) School of Medicine signed.",
     ["Lanbo Jiaotong University", "LJU", "School of Medicine"],
     ["Lanbo Jiaotong University", "Lanbo Jiaotong University", "Lanbo Jiaotong University School of Medicine"]),
    # not without the possessive, nor a unit that is no school
    ("Lanbo University and the School of Medicine signed.", ["Lanbo University", "School of Medicine"],
     ["Lanbo University", "School of Medicine"]),
    ("Lanbo University's Department of Surgery signed.", ["Lanbo University", "Department of Surgery"],
     ["Lanbo University", "Department of Surgery"]),
    # a university named by its "of" tail alone is that university
    ("The University of Qingmu signed. Current Qingmu projects grew.", ["University of Qingmu", "Qingmu"],
     ["University of Qingmu", "University of Qingmu"]),
])
def test_a_school_after_its_owner_and_a_university_by_its_place(lexicon, text, spans, expected):
    ents = _entities(text, [(t, "ORG") for t in spans])
    canonical_names(ents, lexicon, text)
    assert [e["canonical"] for e in ents] == expected
