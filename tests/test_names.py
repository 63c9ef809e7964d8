import pytest

from consortia.names import entity_key, fold


@pytest.mark.parametrize("name, folded", [
    ("Ningbo First Hospital", "ningbo first hospital"),
    ("  the Ningbo  First Hospital ", "ningbo first hospital"),
    ("Xiamen Children\u2019s Hospital", "xiamen children's hospital"),
    ("Lanzhou University\u2019s", "lanzhou university"),
    ("\u201cLanzhou University\u201d", "lanzhou university"),
    ("The Hague", "hague"),
])
def test_fold(name, folded):
    assert fold(name) == folded


@pytest.mark.parametrize("label, name, key", [
    ("ORG", "Xiamen Children\u2019s Hospital", "org:xiamen-children-s-hospital"),
    ("ORG", "Xiamen Children's Hospital", "org:xiamen-children-s-hospital"),
    ("PERSON", "Zhou Lianmei", "person:zhou-lianmei"),
    ("GPE", "Ürümqi", "gpe:urumqi"),
])
def test_entity_key_is_stable_and_folds_variants(label, name, key):
    assert entity_key(label, name) == key


def test_entity_key_of_a_name_without_latin_letters_is_not_empty():
    assert entity_key("ORG", "\u5317\u4eac\u533b\u9662").startswith("org:u")
