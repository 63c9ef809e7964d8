"""People: names beside titles and roles, lists of names, and their later mentions."""

import re

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


def family_names(ents: list[tuple[int, int, str, str]], text: str) -> frozenset:
    """The last words of the page's full PERSON names ("Vance" of "Claire Vance"): a family name
    written last, which `person_aliases` (the first word, as Chinese names write it) leaves out."""
    return frozenset(text[a:b].split()[-1] for a, b, label, _ in ents
                     if label == "PERSON" and len(text[a:b].split()) > 1)


def family_name_alone(name: str, families: frozenset, org_words: set) -> bool:
    """ "President Vance then spoke": one capitalised word that ends a full name of the page
    (`families`, from family_names) is that person again, not a body the recogniser read; unless
    it is a word of a longer ORG name of the page (`org_words`), which it may stand for."""
    return (" " not in name and name[:1].isupper() and not name.isupper() and name in families
            and name not in org_words)


# ---------------------------------------------------------------------------------------------
# Names as the guideline writes them: without honorifics, whole.

# up to five capitalised words or initials: the name after honorifics ("R. Valan")
_NAME_AFTER = re.compile(r"(?:[A-Z][\w'\u2019-]*|[A-Z]\.)(?:[ \t\u00a0](?:[A-Z][\w'\u2019-]*|[A-Z]\.)){0,4}")


def _honorific_start(text: str, start: int, rules: Rules) -> int:
    """Where a run of honorifics that ends at `start` begins ("Datuk " before "Seri X"), else start."""
    for m in rules.honorific_run.finditer(text, max(0, start - 60), start):
        if m.end() == start:
            return m.start()
    return start


def _name_after(text: str, pos: int, limit: int, rules: Rules) -> tuple[int, int]:
    """The name written after honorifics at `pos` (empty at pos if none): capitalised words up
    to a role, a title or an organisation's head ("Datuk Seri X Y, Minister")."""
    m = rules.honorific_run.match(text, pos, limit)
    start = m.end() if m else pos
    m = _NAME_AFTER.match(text, start, limit)
    end = pos
    for w in re.finditer(r"\S+", m.group()) if m else ():
        if w.group().lower() in rules.roles or w.group() in rules.titles or w.group() in rules.heads:
            break
        end = start + w.end()
    return (start, end) if end > pos else (pos, pos)


def without_honorifics(ents: list[tuple[int, int, str, str]], text: str,
                       rules: Rules) -> list[tuple[int, int, str, str]]:
    """A PERSON is the name without the honorifics before it (docs/annotation.md): "Datuk Seri X
    Y" gives "X Y", "Tengku Datuk Seri X" gives "X", also when the recognisers cut the run
    ("Datuk" and "Seri X"). A span of honorifics alone takes the name after it. A word that only joins a run
    ("Tunku", "Sri") is left in a name without an honorific or title ("Tunku Hajah X")."""
    out: list[tuple[int, int, str, str]] = []
    for n, (start, end, label, rule) in enumerate(ents):
        inside = _after_honorifics(text, start, end, rules) if label == "PERSON" else start
        if inside == start:
            out.append((start, end, label, rule))
            continue
        limit = ents[n + 1][0] if n + 1 < len(ents) else len(text)
        if inside >= end:
            inside, end = _name_after(text, inside, limit, rules)
        if end > inside:  # else honorifics alone, the name after them already found
            out.append((inside, end, label, "person.honorific"))
    return out


def _after_honorifics(text: str, start: int, end: int, rules: Rules) -> int:
    """Where the name starts after the honorifics (with a Malaysian one in the run, also before
    `start`) or titles (with a personal one) that open the span from start to end; start if none."""
    m = rules.honorific_run.match(text, start, end + 1)
    if m and rules.honorific.search(text, _honorific_start(text, start, rules), m.end()):
        return m.end()
    m = rules.title_run.match(text, start, end + 1)
    return m.end() if m and rules.title.search(text, start, m.end()) else start


def join_split_names(ents: list[tuple[int, int, str, str]], text: str) -> list[tuple[int, int, str, str]]:
    """Two PERSON spans one space apart are one name the recognisers split, where one is a word
    alone ("Tan Lee" and "Kok") or the first was cut from its honorifics ("Abang" and "Qorin
    Lembah" once "Tan Sri" was left out); two full names are a list ("Li Ming Wang Fang")."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        if (out and ent[2] == "PERSON" and out[-1][2] == "PERSON" and text[out[-1][1]:ent[0]] == " "
                and (out[-1][3] == "person.honorific" or " " not in text[ent[0]:ent[1]]
                     or " " not in text[out[-1][0]:out[-1][1]])):
            out[-1] = (out[-1][0], ent[1], "PERSON", out[-1][3])
        else:
            out.append(ent)
    return out


_HYPHEN_TAIL = re.compile(r"-([A-Za-z][a-z]*)(?![\w-])")  # "-lun" of "Kai-lun", "-Hao"
_SURNAME_AFTER = re.compile(r"[ \t\u00a0]([A-Z][a-z]{1,11})(?![\w'\u2019-])")  # "Shu" after "Peng-Hao"
_GIVEN_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]+-[A-Za-z][a-z]+[ \t\u00a0]\Z")  # "Dao-lin " before "Qiu"


def whole_hyphenated_names(ents: list[tuple[int, int, str, str]], text: str,
                           rules: Rules) -> list[tuple[int, int, str, str]]:
    """A PERSON cut at the hyphen of a given name takes its tail ("Wu Kai" of "Wu Kai-lun",
    "Jon Amberly" of "-Tate"); a given name alone ("Peng" of "Peng-Hao Shu") also
    the surname after it, and a surname alone the hyphenated given name before it ("Qiu" of
    "Dao-lin Qiu"). Not an adjective's tail ("X-led", "X-era")."""
    out: list[tuple[int, int, str, str]] = []
    for n, (start, end, label, rule) in enumerate(ents):
        limit = ents[n + 1][0] if n + 1 < len(ents) else len(text)
        m = _HYPHEN_TAIL.match(text, end, limit) if label == "PERSON" else None
        one_word = " " not in text[start:end]
        if m and m.group(1).lower() not in rules.compound_tails and not m.group(1).endswith("ed"):
            end = m.end()
            s = _SURNAME_AFTER.match(text, end, limit) if one_word else None
            if s and _surname_word(s.group(1), rules):
                end = s.end()
        elif label == "PERSON" and one_word and "-" not in text[start:end]:
            b = _GIVEN_BEFORE.search(text, max(out[-1][1] if out else 0, start - 30), start)
            start = b.start() if b and not _post(b.group(), rules) else start
        out.append((start, end, label, rule))
    return out


def _post(word: str, rules: Rules) -> bool:
    """A post written before a name, hyphenated or not: "Vice-President", "Premier"."""
    return all(p.lower() in rules.roles or p.lower() in rules.role_modifiers for p in word.strip().split("-"))


def _surname_word(word: str, rules: Rules) -> bool:
    """A capitalised word that may be a name's: no title, role, generic word or head."""
    return (word not in rules.titles and word.lower() not in rules.roles and word.lower() not in rules.generic
            and word not in rules.not_name and word not in rules.heads)


_HK_NAME = re.compile(r"[A-Z][a-z]+[ \t\u00a0][A-Z][a-z]+-[a-z]+")  # "Ngai Siu-lun": surname, given name
_GIVEN_BEFORE_HK = re.compile(r"(?:(?<!\S)(\S+)[ \t\u00a0]+|^)([A-Z][a-z]{2,})[ \t\u00a0]\Z", re.M)
# a word before which a capitalised word names a body or a post ("the Treasury", "for Security")
_FUNCTION_WORDS = frozenset({"the", "The", "for", "of", "in", "at", "to", "from", "by", "on", "with"})


def english_given_names(ents: list[tuple[int, int, str, str]], text: str,
                        rules: Rules) -> list[tuple[int, int, str, str]]:
    """A Hong Kong name is often written after an English given name ("Gareth Ngai Siu-lun", "Selwyn
    Pang Chi-yau"): a name of surname and hyphenated given name takes the capitalised word just
    before it, unless a function word before that word makes it a body's or a post's ("the
    Treasury Wai Ka-ho", "Secretary for Security Lok Tin-hung")."""
    out: list[tuple[int, int, str, str]] = []
    for start, end, label, rule in ents:
        m = (_GIVEN_BEFORE_HK.search(text, max(out[-1][1] if out else 0, start - 40), start)
             if label == "PERSON" and _HK_NAME.fullmatch(text, start, end) else None)
        if (m and m.group(1) not in _FUNCTION_WORDS and _surname_word(m.group(2), rules) and not _post(m.group(2), rules)
                and m.group(2) not in rules.places and m.group(2) not in rules.gpe_heads):
            start = m.start(2)
        out.append((start, end, label, rule))
    return out
