"""The role of a post the classifier found, read off the words around the two names
(relation_model/roles.py), on small invented sentences, and through the real pipeline."""

import pytest
import spacy
from spacy.tokens import Doc

from consortia.relation_model.roles import title_role

TITLES = frozenset({"director", "president", "secretary", "governor", "member", "official", "chair",
                    "deputy", "secretary-general"})
FORMER = frozenset({"former", "formerly"})
VERBS = {"said": "VERB", "is": "AUX", "have": "AUX", "been": "AUX", "reappointed": "VERB", "visited": "VERB", "including": "VERB"}
PLURALS = {"members": "member"}
FUNCTION = {"the": "DET", "a": "DET", "an": "DET", "of": "ADP", "at": "ADP", "to": "ADP", "and": "CCONJ"}


def _doc(text: str) -> Doc:
    words = text.split()
    pos = [VERBS.get(w) or FUNCTION.get(w) or ("PUNCT" if not w[0].isalnum() else
                                               "PROPN" if w[0].isupper() else "NOUN") for w in words]
    tags = ["NNS" if w in PLURALS else "" for w in words]
    lemmas = [PLURALS.get(w, w.lower()) for w in words]
    return Doc(spacy.blank("en").vocab, words=words, pos=pos, tags=tags, lemmas=lemmas)


def _span(doc: Doc, name: str) -> tuple[int, int]:
    words = name.split()
    for i in range(len(doc)):
        if [t.text for t in doc[i:i + len(words)]] == words:
            return i, i + len(words)
    raise AssertionError(name)


def _role(text: str, person: str, org: str, others: dict[str, str] = {}) -> str | None:
    doc = _doc(text)
    taken = {t: label for name, label in others.items() for t in range(*_span(doc, name))}
    return title_role(doc, _span(doc, person), _span(doc, org), titles=TITLES, former=FORMER, taken=taken)


@pytest.mark.parametrize("text, person, org, role", [
    # the title between the names, whole, with its own "of" phrase
    ("Ann Lee , director of the office of Example Hospital , said", "Ann Lee", "Example Hospital",
     "director of the office"),
    ("Ann Lee , Vice - Chair of Example Hospital", "Ann Lee", "Example Hospital", "vice-chair"),
    ("Example Hospital Deputy Director Ann Lee visited", "Ann Lee", "Example Hospital", "deputy director"),
    ("Example Hospital President Mr. Ann Lee visited", "Ann Lee", "Example Hospital", "president"),
    # the body first, then an honorific: the title is the words before the body
    ("including Deputy Governor of Example Government Mr. Ann Lee", "Ann Lee", "Example Government",
     "deputy governor"),
    ("the Secretary of Example Committee , Ann Lee , said", "Ann Lee", "Example Committee", "secretary"),
    ("under the supervision of the president of Example Hospital Professor Ann Lee", "Ann Lee", "Example Hospital",
     "president"),
    # "an ORG official": the title after the body
    ("Ann Lee , an Example Commission official , said", "Ann Lee", "Example Commission", "official"),
    # a former post keeps "former"
    ("Ann Lee , former president of Example University", "Ann Lee", "Example University", "former president"),
    # a plural title in the singular
    ("Bo Wen have been reappointed as members of the Example Authority", "Bo Wen", "Example Authority", "member"),
    # words that are no title, or a verb between: no role from here
    ("Ann Lee said Example Hospital", "Ann Lee", "Example Hospital", None),
    ("Ann Lee visited Example Hospital", "Ann Lee", "Example Hospital", None),
    ("Ann Lee from Example Hospital", "Ann Lee", "Example Hospital", None),
])
def test_the_title_between_or_before_the_names(text, person, org, role):
    assert _role(text, person, org) == role


def test_a_title_never_runs_over_another_body():
    text = "Ann Lee , director of Alpha Clinic , and Beta Hospital"
    assert _role(text, "Ann Lee", "Beta Hospital", {"Alpha Clinic": "ORG"}) is None


def test_people_listed_share_a_plural_title_only():
    shared = "Bo Wen and Cai Yun have been reappointed as members of the Example Authority"
    assert _role(shared, "Bo Wen", "Example Authority", {"Cai Yun": "PERSON"}) == "member"
    own = "Bo Wen and Cai Yun , director of the Example Authority"
    assert _role(own, "Bo Wen", "Example Authority", {"Cai Yun": "PERSON"}) is None
    assert _role(own, "Cai Yun", "Example Authority", {"Bo Wen": "PERSON"}) == "director"


@pytest.mark.parametrize("text, role", [
    ("led by Professor Ann Lee from the Example Hospital", "professor"),
    ("Professor Ann Lee of Example University spoke", "professor"),
    ("Professor Ann Lee ( Example University ) spoke", "professor"),
    # an honorific that is no post, or words between: no title
    ("Dr. Ann Lee from Example Hospital spoke", None),
    ("Professor Ann Lee visited Example Hospital", None),
])
def test_a_post_title_before_the_name_of_a_person_from_a_body(text, role):
    doc = _doc(text)
    assert title_role(doc, _span(doc, "Ann Lee"), _span(doc, "Example Hospital" if "Hospital" in text else
                                                           "Example University"),
                      titles=TITLES | {"professor"}, former=FORMER, taken={}) == role


def test_a_title_word_taken_for_a_name_is_still_read():
    text = "Ann Lee , Deputy Secretary-General of the Example Government"
    assert _role(text, "Ann Lee", "Example Government", {"Deputy": "GPE"}) == "deputy secretary-general"


def _decide(text: str, names: list[tuple[str, str]]):
    import numpy

    from consortia.relation_model.candidates import candidate_pairs
    from consortia.relation_model.classifier import CLASSES
    from consortia.relation_model.decide import decide

    doc = _doc(text)
    spans = [_span(doc, n) for n, _ in names]
    ents = [{"start": doc[a].idx, "end": doc[b - 1].idx + len(doc[b - 1]), "label": label, "canonical": n,
             "text": n} for (n, label), (a, b) in zip(names, spans)]
    pairs = candidate_pairs(ents, [0])
    probs = numpy.zeros((len(pairs), len(CLASSES)))
    probs[:, CLASSES.index("holds_position")] = 0.9  # the classifier is sure of every pair
    return decide(doc, ents, pairs, probs, threshold=0.5, roles={}, sents=[doc[:]], planned=frozenset(),
                  former=FORMER, token_of=lambda k: spans[k], titles=TITLES)


def test_a_model_post_is_kept_with_its_title_and_dropped_without_one():
    titled = _decide("Ann Lee , director of Example Hospital , said", [("Ann Lee", "PERSON"),
                                                                       ("Example Hospital", "ORG")])
    assert [(r["head"]["canonical"], r["tail"]["canonical"], r["role"]) for r in titled] == [
        ("Ann Lee", "Example Hospital", "director")]
    assert _decide("Ann Lee visited Example Hospital", [("Ann Lee", "PERSON"), ("Example Hospital", "ORG")]) == []


def test_the_title_right_before_a_name_is_its_role():
    from consortia.relation_model.decide import _role

    doc = _doc("Party Secretary Ann Lee , President Bo Wen and Vice President Cy Xu of Example Hospital")
    spans = [_span(doc, "Party Secretary"), _span(doc, "President Bo")[:1] + (_span(doc, "President Bo")[0] + 1,),
             _span(doc, "Vice President")]
    assert _role(doc, _span(doc, "Ann Lee"), _span(doc, "Example Hospital"), spans, FORMER) == "party secretary"
    assert _role(doc, _span(doc, "Bo Wen"), _span(doc, "Example Hospital"), spans, FORMER) == "president"


def test_a_title_after_another_name_is_that_names_post():
    posts = lambda text: {(r["head"]["canonical"], r["tail"]["canonical"])  # noqa: E731
                          for r in _decide(text, [("Ann Lee", "PERSON"), ("Bo Wen", "PERSON"), ("Example Hospital", "ORG")])}
    assert posts("Ann Lee , Bo Wen , director of Example Hospital , said") == {("Bo Wen", "Example Hospital")}
    # a title in the plural is shared
    assert posts("Ann Lee and Bo Wen , members of Example Hospital , said") == {
        ("Ann Lee", "Example Hospital"), ("Bo Wen", "Example Hospital")}
    # "A , Director of ORG Prof. B": the title and the body are B's, who follows them
    assert posts("Ann Lee , Director of Example Hospital Prof. Bo Wen , spoke") == {("Bo Wen", "Example Hospital")}


def test_a_post_in_a_governing_body_is_at_the_body_it_governs():
    from consortia.relation_model.roles import governing_body, posts_at_governed

    bodies = frozenset({"party committee", "board of directors"})
    assert governing_body("the Board of Directors of Example Group", bodies) == ("board of directors", "Example Group")
    assert governing_body("Example Party Committee", bodies) is None
    ents = [{"canonical": "Ann Lee", "text": "Ann Lee", "label": "PERSON"},
            {"canonical": "Party Committee of Example University", "text": "Party Committee of Example University",
             "label": "ORG"},
            {"canonical": "Example University", "text": "Example University", "label": "ORG"},
            {"canonical": "Party Committee of Example University", "text": "EU", "label": "ORG"}]

    def post(tail: int, role: str) -> dict:
        return {"type": "holds_position", "head": {"entity": 0, "canonical": "Ann Lee", "label": "PERSON"},
                "tail": {"entity": tail, "canonical": ents[tail]["canonical"], "label": "ORG"}, "role": role}

    moved = posts_at_governed([post(1, "secretary")], ents, bodies)
    # the post at the university first, the post in the committee kept (the seeds' gold has it)
    assert [(r["tail"]["entity"], r["tail"]["canonical"], r["role"]) for r in moved] == [
        (2, "Example University", "secretary of the party committee"),
        (1, "Party Committee of Example University", "secretary")]
    # named by an abbreviation, the committee is not in the text, nor in the role
    assert posts_at_governed([post(3, "president")], ents, bodies)[0]["role"] == "president"
    # the post at the university stated already: nothing added
    assert posts_at_governed([post(2, "secretary"), post(1, "secretary")], ents, bodies) == [
        post(2, "secretary"), post(1, "secretary")]


@pytest.mark.parametrize("words, heads, pos, ended", [
    # "Ann Lee was removed": the person is the subject of a verb that ends a post
    (["Ann", "Lee", "was", "removed"], [1, 3, 3, 3], ["PROPN", "PROPN", "AUX", "VERB"], True),
    # "Ann Lee will retire": still to come
    (["Ann", "Lee", "will", "retire"], [1, 3, 3, 3], ["PROPN", "PROPN", "AUX", "VERB"], False),
    # "Ann Lee said": no such verb
    (["Ann", "Lee", "said"], [1, 2, 2], ["PROPN", "PROPN", "VERB"], False),
])
def test_a_verb_that_ends_a_post_makes_it_former(words, heads, pos, ended):
    from consortia.relation_model.roles import post_ended

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, pos=pos, deps=["dep"] * len(words),
              lemmas=[{"removed": "remove", "said": "say"}.get(w, w.lower()) for w in words])
    assert post_ended(doc, (0, 2), frozenset({"remove", "retire"})) is ended


# ---- titled: a title links the two names, so a lower classifier score may state the post ----

def _titled(text: str, person: str, org: str, spans: list[str] = ()) -> bool:
    from consortia.relation_model.candidates import Pair
    from consortia.relation_model.decide import titled

    doc = _doc(text)
    ents = [{"label": "PERSON", "canonical": person}, {"label": "ORG", "canonical": org}]
    where = {0: _span(doc, person), 1: _span(doc, org)}
    return titled(doc, ents, Pair(0, 1, 0), titles=TITLES, former=FORMER, token_of=where.get,
                  spans=[_span(doc, s) for s in spans])


@pytest.mark.parametrize("text, person, org, spans, expected", [
    # the title between the two names, or before the body
    ("Ann Lee , director of Example Hospital , said", "Ann Lee", "Example Hospital", [], True),
    ("Example Hospital President Ann Lee visited", "Ann Lee", "Example Hospital", [], True),
    # the person's own title right before the name (an honorific between), or right after it
    ("President Ann Lee visited Example Hospital", "Ann Lee", "Example Hospital", ["President"], True),
    ("President Mr. Ann Lee visited Example Hospital", "Ann Lee", "Example Hospital", ["President"], True),
    ("Ann Lee , president , visited Example Hospital", "Ann Lee", "Example Hospital", ["president"], True),
    # a title elsewhere in the sentence links nobody
    ("Ann Lee visited Example Hospital with the president", "Ann Lee", "Example Hospital", ["president"], False),
    ("Ann Lee said Example Hospital is open", "Ann Lee", "Example Hospital", [], False),
])
def test_titled(text, person, org, spans, expected):
    assert _titled(text, person, org, spans) is expected


def test_a_titled_post_needs_only_the_lower_threshold():
    import numpy

    from consortia.relation_model.candidates import Pair
    from consortia.relation_model.classifier import CLASSES
    from consortia.relation_model.decide import decide

    doc = _doc("Ann Lee , director of Example Hospital , met Bo Wen of Other Hospital .")
    ents = [{"label": "PERSON", "canonical": "Ann Lee"}, {"label": "ORG", "canonical": "Example Hospital"},
            {"label": "PERSON", "canonical": "Bo Wen"}, {"label": "ORG", "canonical": "Other Hospital"}]
    where = {0: _span(doc, "Ann Lee"), 1: _span(doc, "Example Hospital"), 2: _span(doc, "Bo Wen"),
             3: _span(doc, "Other Hospital")}
    probs = numpy.zeros((2, len(CLASSES)))
    probs[:, CLASSES.index("holds_position")] = 0.5  # below the threshold of 0.6
    pairs = [Pair(0, 1, 0), Pair(2, 3, 0)]
    kw = dict(threshold=0.6, roles={0: [_span(doc, "director")]}, sents=[doc[:]], planned=frozenset(),
              former=FORMER, token_of=where.get, titles=TITLES)
    assert decide(doc, ents, pairs, probs, **kw) == []
    got = decide(doc, ents, pairs, probs, titled_threshold=0.45, **kw)
    # "Bo Wen of Other Hospital": no title links them, so the lower threshold is not theirs
    assert [(r["head"]["canonical"], r["tail"]["canonical"], r["role"]) for r in got] == [
        ("Ann Lee", "Example Hospital", "director")]


@pytest.mark.parametrize("text, title, expected", [
    # a field or unit that names no body belongs to the title
    ("Ann Lee , head of surgery , attended", "head", "head of surgery"),
    ("Ann Lee , secretary of the party committee , spoke", "secretary", "secretary of the party committee"),
    ("Ann Lee , director of the medical icu at Example Hospital", "director", "director of the medical icu"),
    # the body itself ("of the hospital"), a name, a clause: the title alone
    ("Ann Lee , president of the hospital , spoke", "president", "president"),
    ("Ann Lee , president of Example Hospital , spoke", "president", "president"),
    ("Ann Lee , head of 3 wards , spoke", "head", "head"),
    ("Ann Lee , head , said", "head", "head"),
])
def test_a_title_keeps_the_field_after_it(text, title, expected):
    from consortia.relation_model.decide import _role

    doc = _doc(text)
    taken = set(range(*_span(doc, "Ann Lee")))
    if "Example Hospital" in text:
        taken |= set(range(*_span(doc, "Example Hospital")))
    assert _role(doc, _span(doc, "Ann Lee"), None, [_span(doc, title)], FORMER, taken) == expected
