"""partner_of stated in a title-case headline (relations/headlines.py): pure pattern table, then
the rules on invented headlines through the base model."""

import pytest

from consortia.relations.headlines import headline_partners
from consortia.relations.lexicon import load_lexicon
from consortia.stagedata import state

from .conftest import ROOT

WORDS = load_lexicon(ROOT / "pipelines" / "relations" / "lexicon.json").headline_partners
KW = {"signing": frozenset(WORDS.signing_verbs), "pairing": frozenset(WORDS.pairing_verbs),
      "with_verbs": frozenset(WORDS.with_verbs), "deals": frozenset(WORDS.deal_nouns)}


def _items(spec: str) -> list[tuple]:
    """"A and B sign agreement": capital letters are ORG names (entity index by order), G a place."""
    out, n = [], 0
    for w in spec.split():
        if w in ("A", "B", "C", "G"):
            out.append(("E", n, "GPE" if w == "G" else "ORG"))
            n += 1
        else:
            out.append((w,))
    return out


@pytest.mark.parametrize("spec, expected", [
    ("A and B sign strategic cooperation agreement", [(0, 1, "pair")]),
    ("the A & B inked a memorandum", [(0, 1, "pair")]),
    ("A , B agree to set up lab", [(0, 1, "pair")]),
    ("A and B team up", [(0, 1, "pair")]),
    ("A partners with B", [(0, 1, "with")]),
    ("A teams up with the B to train nurses", [(0, 1, "with")]),
    ("A signs cooperation agreement with B", [(0, 1, "with")]),
    # no partnership: another body joined, one side signing with a third, a place, no deal signed
    ("A and B join C", []),
    ("A and B sign agreements with C", []),
    ("G and B sign agreement", []),
    ("A and B sign off on budget", []),
    ("A partners with B and C", []),
    ("A visits B", []),
])
def test_headline_partner_patterns(spec, expected):
    assert headline_partners(_items(spec), **KW) == expected


def _relations(extractor, text: str) -> set[tuple]:
    doc = extractor.nlp.make_doc(text)
    state(doc)["meta"] = {"published": None, "title": None}
    doc = extractor.nlp(doc)
    return {(r["head"]["canonical"], r["type"], r["tail"]["canonical"], r["rule"]) for r in state(doc)["relations"]}


@pytest.mark.parametrize("text, expected", [
    ("Donghai Hospital and Lanshan Group Sign Collaboration Agreement\n\nThe hospital opened in 1990.",
     {("Donghai Hospital", "partner_of", "Lanshan Group", "partner_of.headline_pair")}),
    ("Lanshan Group, Donghai Hospital Agree to Set Up AI Medical Lab\n\nThe lab opens next year.",
     {("Lanshan Group", "partner_of", "Donghai Hospital", "partner_of.headline_pair")}),
])
def test_title_case_headline_partners(rules_extractor, text, expected):
    assert {r for r in _relations(rules_extractor, text) if r[1] == "partner_of"} == expected
