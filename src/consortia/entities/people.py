"""People: names beside titles and roles, lists of names, and their later mentions."""

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from .rules import PERSON_ALIAS, PERSON_ROLE, Rules
from .short_forms import _mentions


# ---------------------------------------------------------------------------------------------
# People.

def _name_token(tok, rules: Rules, places: frozenset, context: bool = False) -> bool:
    """A word of a person's name. In a role apposition (`context`) the structure is the evidence
    and the tagger's guess for an unknown pinyin word ("Zhaoyan" as VB) is not needed."""
    t = tok.text
    tag_ok = tok.tag_ not in rules.breaking_tags and not tok.is_stop if context else tok.tag_ in ("NNP", "NNPS")
    return (tok.is_title and tag_ok and t not in rules.not_name
            and t not in rules.titles and tok.lower_ not in rules.generic and tok.lower_ not in rules.roles
            and t not in rules.heads and t not in rules.gpe_heads and t not in places)


def person_matcher(nlp: Language, rules: Rules) -> Matcher:
    matcher = Matcher(nlp.vocab, validate=True)
    name = {"IS_TITLE": True, "TAG": {"IN": ["NNP", "NNPS"]}}
    mods = {"LOWER": {"IN": sorted(rules.role_modifiers)}, "OP": "*"}
    role = {"LEMMA": {"IN": sorted(rules.roles)}}
    # Anchored on the comma or bracket (rare) rather than on a capitalised word (common).
    matcher.add("appos", [[{"ORTH": {"IN": [",", "("]}}, mods, role]])
    # "Dao Lin, 54, a cardiologist", "Dao, 54, was": an age between commas follows a person
    matcher.add("age", [[{"ORTH": ","}, {"SHAPE": "dd"}, {"ORTH": ","}]])
    matcher.add("title", [[{"ORTH": {"IN": sorted(rules.titles)}}, name]])
    return matcher


def _given_name_tail(doc: Doc, i: int) -> int:
    """Tokens of a hyphenated given name's tail at i ("-wai" of "Ka-wai"): 2, else 0."""
    if (i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and doc[i + 1].is_lower and doc[i + 1].is_alpha):
        return 2
    return 0


def person_candidates(doc: Doc, rules: Rules, matcher: Matcher, places: frozenset) -> list:
    """The name before ", ROLE" (up to three words back) or after a title. A hyphenated given
    name ("Lam Siu-fung", "Ho Wing-yan") is one word."""
    out = []
    for match_id, s, e in matcher(doc):
        rule = doc.vocab.strings[match_id]
        if rule == "age" and ((e < len(doc) and doc[e].like_num) or (s > 1 and doc[s - 2].lower_ in rules.locative_prepositions)):
            continue  # a list of numbers ("12, 13 and 14"), a place ("in Hezuo, 12, ...")
        if rule in ("appos", "age"):
            end = start = s
            words = 0
            # place words may be part of a name ("Li Yulin"); a place alone is checked below
            while start > 0 and words < 3:
                k = start - 2 if start >= 3 and _given_name_tail(doc, start - 2) else start
                if not _name_token(doc[k - 1], rules, frozenset(), context=True):
                    # "said He Lin, president of ...": a surname that is also a word opens the name
                    if words and doc[k - 1].text in rules.word_surnames and k == start:
                        start, words = k - 1, words + 1
                    break
                start, words = k - 1, words + 1
            if rule == "appos" and doc[e - 1].tag_ == "NNS":  # "A, B and C, directors of ...": every listed name
                out += _listed_names(doc, start, rules, places)
        else:
            start = end = s + 1
            while end < min(len(doc), start + 5) and _name_token(doc[end], rules, frozenset()):
                end += 1 + _given_name_tail(doc, end + 1)
        if end <= start or (end - start == 1 and doc[start].text in places):
            continue
        if rule == "title" and end < len(doc) and doc[end].text in rules.heads:
            continue  # "Sir Li Ming Hospital": the person names the body after it
        out.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "PERSON", PERSON_ROLE,
                    f"person.{rule}"))
    return out


def _listed_names(doc: Doc, end: int, rules: Rules, places: frozenset) -> list:
    """The names listed before a plural role, walking back over ", " and "and"."""
    out, i = [], end
    while i > 0 and doc[i - 1].lower_ in (",", "and"):
        i -= 1
        if i > 0 and doc[i - 1].text == "," and doc[i].lower_ == "and":
            i -= 1
        stop = i
        while i > max(0, stop - 3) and _name_token(doc[i - 1], rules, frozenset(), context=True):
            i -= 1
        if i == stop or (stop - i == 1 and doc[i].text in places):
            break
        out.append((doc[i].idx, doc[stop - 1].idx + len(doc[stop - 1]), "PERSON", PERSON_ROLE, "person.list"))
    return out


def person_aliases(doc: Doc, text: str, names: set[str]) -> list:
    """Other mentions of a name found in a role context take the PERSON label, and so does the
    surname alone ("Guo said" after "Guo Ming, director of ...")."""
    out: list = []
    forms = set(names)
    for name in names:
        parts = name.split()
        if len(parts) > 1:
            forms.add(parts[0])
    for m in _mentions(text, forms):
        span = doc.char_span(m.start(), m.end())
        if span is None or (len(span) == 1 and span[0].tag_ not in ("NNP", "NNPS")):
            continue
        if m.group(0) not in names and span.end < len(doc) and doc[span.end].text[:1].isupper():
            continue  # a surname followed by more name words is a different name
        out.append((m.start(), m.end(), "PERSON", PERSON_ALIAS, "person.alias"))
    return out
