"""Places: the gazetteer, admin suffixes, appositions, and a place's bare mentions in the text."""

import re

from spacy.attrs import LOWER
from spacy.tokens import Doc

from .rules import PLACE, Rules, _STOP
from .names import _generic


# ---------------------------------------------------------------------------------------------
# Places.

def place_candidates(doc: Doc, rules: Rules, matches: list[tuple[int, int]]) -> list:
    out = []
    # A place word inside a longer person name is part of the name ("Li Yulin", not GPE "Yulin");
    # a "person" the model made of a place and a title ("Lishui Mayor") is not a name.
    in_person = {i for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                 and not any(t.lower_ in rules.roles or t.text in rules.name_enders for t in ent)
                 for i in range(ent.start, ent.end)}
    for s, e in matches:
        if (_slogan(doc, s, rules, e) or (s > 0 and doc[s - 1].text in rules.compass)
                or all(i in in_person for i in range(s, e)) or _in_region_compound(doc, s, e, rules)):
            continue
        out.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), "GPE", PLACE, "place.gazetteer"))
    return out


_TWO_WORDS_GLUED = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")


def glued_place(name: str, rules: Rules, places: frozenset) -> bool:
    """ "LanboProvince", "QingmuIsland": a known place run together with its unit or landform
    (a lost space) is a place, no body's name."""
    m = _TWO_WORDS_GLUED.fullmatch(name)
    return bool(m) and m.group(1) in places and (m.group(2) in rules.gpe_heads or m.group(2) in rules.landforms)


def _title_word(tok) -> bool:
    """A capitalised word of letters, an apostrophe inside a pinyin name too ("Xi'an", "Lu\u2019an"),
    which str.istitle reads as two words."""
    t = tok.text
    return t[:1].isupper() and t[1:].replace("'", "").replace("\u2019", "").isalpha() and \
        t[1:].replace("'", "").replace("\u2019", "").islower()


def suffixed_place_tokens(doc: Doc, rules: Rules) -> list[int]:
    """A capitalised word before a lowercase admin word is the place: "Mengla county" gives GPE
    "Mengla" (as "Gansu province" gives "Gansu"), and so is the word before a mayor's or
    governor's title ("Jinjiang Vice-mayor NAME")."""
    out = []
    # Only the tokens whose lowercase form is an admin word or a place-bound title are looked at:
    # found by hash on the token array, not by building a Token for every word.
    keys = {doc.vocab.strings[w] for w in rules.lower_admin | rules.place_roles}
    lowers = doc.to_array(LOWER).tolist()
    for i in [i for i, h in enumerate(lowers) if i and h in keys]:
        tok = doc[i]
        if tok.lower_ in rules.lower_admin and tok.is_lower:
            prev = doc[tok.i - 1]
        elif tok.lower_ in rules.place_roles:
            # "Jinjiang Vice-mayor NAME", "Quzhou Mayor NAME": a mayor's or governor's place
            k = tok.i - 1
            while k > 0 and (doc[k].lower_ in ("vice", "deputy", "executive")
                             or (doc[k].text == "-" and not doc[k].whitespace_)):
                k -= 1
            prev = doc[k]
            if prev.lower_ in ("vice", "deputy", "executive"):
                continue  # "Vice Governor NAME" opening a line: the title has no place before it
            if k == tok.i - 1 and tok.is_lower:
                continue  # "the city mayor", "Li, mayor of ...": no place before a capitalised title
        else:
            continue
        if (_title_word(prev) and prev.tag_ in ("NNP", "NNPS") and not _generic(prev, rules)
                and prev.text not in rules.heads and prev.text not in rules.not_name
                and prev.text not in rules.titles and not _slogan(doc, prev.i, rules)):
            out.append(prev.i)
    return out


def appositive_place_tokens(doc: Doc, rules: Rules, places: frozenset) -> list[int]:
    """A capitalised word described as a unit of administration right after it is that place:
    "Haimen, a district of Nantong", "Linze, a county of 150,000 people", "Yiwu, a county-level
    city in Zhejiang". The admin noun must end its phrase ("a county doctor" describes a person)."""
    out = []
    nouns = rules.admin_nouns
    for i in range(len(doc) - 3):
        tok = doc[i]
        if not (_title_word(tok) and doc[i + 1].text == "," and doc[i + 2].lower_ in ("a", "an")):
            continue
        k = i + 3
        while k < len(doc) and k - i < 7 and (doc[k].text == "-" or (
                doc[k].is_lower and (doc[k].lower_ not in nouns or (k + 1 < len(doc) and doc[k + 1].text == "-"))
                and doc[k].tag_ in ("JJ", "JJR", "JJS", "NN", "RB", "VBN"))):
            k += 1  # "a mountainous county", "a county-level city"
        if (k < len(doc) and doc[k].lower_ in nouns and doc[k].is_lower
                and not (k + 1 < len(doc) and doc[k + 1].tag_ in ("NN", "NNS", "NNP"))
                and _place_word(tok, rules, places)):
            out.append(i)
    return out


def _place_word(tok, rules: Rules, places: frozenset) -> bool:
    t = tok.text
    return (t not in rules.heads and t not in rules.gpe_heads and not _generic(tok, rules)
            and t not in rules.not_name and t not in rules.titles and t not in rules.compass
            and t not in rules.ethnic and tok.lower_ not in _STOP)


def document_places(doc: Doc, rules: Rules, found: list[int], cands: list,
                    taken: set[int], places: frozenset) -> list[tuple[int, int]]:
    """One place, one sense in a text: a word shown to be a place by its structure somewhere
    ("Linze county", "Linze County", "Haimen, a district of ...") is a place in its other
    bare mentions too ("deputy head of Haimen", "the Haimen government", "Linze, a county ..."),
    as a gazetteer place would be."""
    words = {doc[i].text for i in found}
    for a, b, label, _, rule in cands:
        if label != "GPE" or rule != "name":
            continue
        span = doc.char_span(a, b)
        if (span is not None and len(span) == 2 and span[1].text in rules.gpe_heads
                and span[0].is_title and _place_word(span[0], rules, places)):
            words.add(span[0].text)
    words -= places  # the gazetteer finds those already
    return [(t.i, t.i + 1) for t in doc if t.text in words and t.i not in taken]


def suffixed_places(doc: Doc, tokens: list[int]) -> list:
    return [(doc[i].idx, doc[i].idx + len(doc[i]), "GPE", PLACE, "place.suffix") for i in tokens]


def _in_region_compound(doc: Doc, s: int, e: int, rules: Rules) -> bool:
    """A place joined by hyphens into the name of a region or landform ("the Qinghai-Tibet
    Plateau", "the Beijing-Tianjin-Hebei Region" is not Beijing)."""
    glued = lambda i: 0 < i < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_  # noqa: E731
    if not (glued(e) or glued(s - 1)):
        return False
    j = e
    while glued(j) and j + 1 < len(doc) and doc[j + 1].is_title:
        j += 2
    return j < len(doc) and (doc[j].text in rules.landforms or doc[j].text in rules.region_words)


def _slogan(doc: Doc, s: int, rules: Rules, e: int | None = None) -> bool:
    """A place inside a campaign name ("Healthy Shanghai", "health China"), a model named after
    it ("the Sanming-style reform") or a programme named after it ("the Sanming Project")."""
    if s > 0 and doc[s - 1].lower_ in rules.slogan_words:
        return True
    if e is not None and e < len(doc) and doc[e].text in rules.programme_words:
        return True
    return (e is not None and e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_
            and doc[e + 1].lower_ in rules.place_adjectives)
