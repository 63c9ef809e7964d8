"""entities stage: ORG, PERSON, DATE, MONEY and GPE mentions from the model plus domain rules.

The statistical model proposes spans; rule families built from the structure of names propose
others; overlapping proposals are settled by priority (then length). The rule families:

- names: runs of capitalised words cut into names that end in a head noun ("... Hospital",
  "... Commission", "... Province"), with "X of Y" tails ("First Affiliated Hospital of Y
  University"). A name made only of generic words ("Medical Association") is kept when it has a
  scope word ("Municipal Health Commission") or is a "the ..." short form of a named body in the
  same text ("the Cancer Hospital"); otherwise it blocks the model's span there.
- lowercase-written names: a known place, descriptors and a lowercase head ("Wuxi children's
  hospital"), and their short forms elsewhere in the text ("children's hospital").
- places: China's provincial- and prefecture-level divisions (gazetteer), name + admin suffix,
  the word before a mayor's or governor's title, "X, a county of ..."; a word shown to be a place
  so is a place in its bare mentions of the same text too; not a place inside a landform, a
  hyphenated region ("Qinghai-Tibet Plateau") or a programme name ("the Sanming Project").
- people: "NAME, ROLE of ...", "NAME (ROLE, ORG)", "A, B and C, ROLEs", "Dr. NAME", "NAME, 54,";
  other mentions of a name found so or by the model (and its surname alone) take its label.
- acronyms: "X University (XU)", "the alliance (XA)" and 'X Co., Ltd. ("X Medical")' make the
  bracketed form and its later uses ORG mentions; the one distinctive word of a name used alone
  ("Kangning" after "Beijing Kangning Hospital") too, unless it is a common noun opening a sentence;
  a company named again without its legal form and company head ("X Medical Investment").
- inner coordination: "X Acupuncture and Moxibustion Alliance", "Eye, Ear, Nose and Throat
  Hospital": words before "and" with no head of their own belong to the name after it.
- dates and amounts: regular expressions over the text, built from the word lists; a DATE needs
  a year, a month name or a numeric date, and takes its qualifier ("the end of 2017").
- corrections: the model's spans are trimmed ("the", possessives, line breaks) and checked
  (a person's name has no head noun, a place is not a slogan, a state's formal name is a place);
  title-case headline verbs, headline phrases the body writes in lowercase and agency datelines
  give no names.

Writes `state(doc)["entities"]` (clean offsets, sorted, non-overlapping) and `doc.ents`.
"""

import bisect
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .errors import ConfigError
from .models import LABELS
from .stagedata import guarded, new_entity, state
from .truecase import lowercase_page, recase

# Overlapping candidates: the higher priority wins, then the longer span, then the earlier one.
PERSON_ROLE = 90
NAME = 80
DATE_MONEY = 75
SHORT_FORM = 70
PERSON_ALIAS = 65
PLACE = 60
NUMBERED = 86  # "Hospital 103 of the X Army": the trained recogniser cuts a numbered name to its tail
MODEL = 10
TRAINED_MODEL = 85  # a recogniser trained on this project's corpus: above the name rules

POSS = frozenset({"'s", "\u2019s", "'", "\u2019"})
NUMBERED_HEADS = frozenset({"Hospital"})
TAIL = frozenset({"of", "for"})  # "X of Y", "Center for Y": the name goes on after its head
CONNECTORS = frozenset({"of", "for", "and", "&", "the", "'s", "\u2019s", "-"})
SP = r"[ \t\u00a0]"  # never "\n": an entity never crosses a block boundary
_FULL_MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August",
                          "September", "October", "November", "December"})

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_STOP = STOP_WORDS
_VERB_ENDING = re.compile(r"[a-z]{2}(?:s|ed|ing)$")
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['\u2019]s|[\s.,;:!?\"'\u2018\u2019\u201c\u201d()\[\]])+$")


@dataclass(frozen=True)
class Rules:
    """The validated contents of the pattern file and the gazetteer."""

    model_labels: dict
    heads: frozenset
    gpe_heads: frozenset
    gpe_head_phrases: tuple
    lower_heads: frozenset
    lower_descriptor_stop: frozenset
    lower_bare_heads: frozenset
    level_words: frozenset
    company_heads: frozenset
    legal_forms: re.Pattern
    admin_nouns: frozenset
    scope: frozenset
    ordinals: frozenset  # lowercased
    generic: frozenset  # lowercased
    breaking_tags: frozenset
    name_enders: frozenset
    description_before: frozenset
    description_tags: frozenset
    designation_before: frozenset
    not_org: frozenset
    non_body_heads: frozenset
    non_body_endings: frozenset
    mission_heads: tuple
    affiliated_units: frozenset  # "X Hospital Affiliated to Y University": one ORG
    affiliated_parents: frozenset
    comma_units: frozenset  # "X Hospital, Y University": one ORG
    comma_parents: frozenset
    kind_heads: frozenset  # lowercased
    owned_unit_heads: frozenset  # "the university's Planning Department": a unit its owner names
    title_opener: re.Pattern
    committee_opener: re.Pattern
    bare_party_opener: re.Pattern
    party_body_after: re.Pattern
    legal_suffix: re.Pattern
    abbreviated_forms: frozenset  # "Ltd", "Co": legal forms and company heads written with a full stop
    designation_after: re.Pattern
    credit: re.Pattern
    slogan_words: frozenset
    place_adjectives: frozenset
    programme_words: frozenset
    lower_admin: frozenset
    place_roles: frozenset
    locative_prepositions: frozenset
    region_words: tuple
    landforms: frozenset
    compass: frozenset
    ethnic: frozenset
    state_heads: frozenset
    roles: frozenset
    role_modifiers: frozenset
    titles: frozenset
    title_before: re.Pattern  # a personal title right before a name: "Dr. ", "withProfessor "
    word_surnames: frozenset
    not_name: frozenset
    places: tuple
    date_regex: re.Pattern
    qualifier_regex: re.Pattern
    year_prepositions: frozenset
    year_prepositions_need_model: frozenset
    not_before: tuple
    money_regex: re.Pattern
    dateline: re.Pattern


def _words(data: dict, section: str, key: str) -> list[str]:
    try:
        value = data[section][key]
    except KeyError as err:
        raise ConfigError(f"entity patterns: missing {section}.{key}") from err
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"entity patterns: {section}.{key} must be a non-empty list of strings")
    return value


def _alternation(words: list[str], space: str = SP + "+") -> str:
    """A regex alternation, longest first so that "US$" wins over "$", spaces made flexible."""
    return "|".join(re.escape(w).replace(r"\ ", space) for w in sorted(set(words), key=len, reverse=True))


def build_date_regex(months: list[str]) -> re.Pattern:
    """Calendar anchors: ISO dates, day-month-year in either order, month-year, day-month, years."""
    full = [x for x in months if x in _FULL_MONTHS]
    short = [x for x in months if x not in _FULL_MONTHS]
    m = rf"(?:{_alternation(full)}|(?:{_alternation(short)})\.?)"
    d = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    y = r"(?:1[89]|20)\d{2}"
    full = _alternation(full)
    return re.compile(
        rf"(?P<iso>\b{y}[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])\b)"
        rf"|(?P<mdy>\b{m}{SP}+{d},?{SP}+{y}\b)"
        rf"|(?P<dmy>\b{d}{SP}+(?:of{SP}+)?{m},?{SP}+{y}\b)"
        rf"|(?P<my>\b{m},?{SP}+(?:of{SP}+)?{y}\b)"
        rf"|(?P<md>\b{m}{SP}+{d}\b(?!,?{SP}*\d))"
        rf"|(?P<dm>\b{d}{SP}+(?:of{SP}+)?{m}(?![\w]))"
        rf"|(?P<year>(?<![\d,.$\u00a3\u20ac\u00a5/]){y}(?![\d]|[-\u2013\u2014/]\d|,\d|['\u2019]?s\b))"
        rf"|(?P<month>\b(?:{full})\b)"
    )


def build_qualifier_regex(qualifiers: list[str]) -> re.Pattern:
    """A qualifier right before a date core: "the end of ", "early ", "mid-"."""
    alts = []
    for q in sorted(set(qualifiers), key=len, reverse=True):
        if q.endswith("-"):
            alts.append(re.escape(q))
        else:
            alts.append(re.escape(q).replace(r"\ ", SP + "+") + SP + "+")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})$", re.IGNORECASE)


def build_money_regex(prefixes: list[str], suffixes: list[str], scales: list[str],
                      short_scales: list[str], scaled_only: list[str] = ()) -> re.Pattern:
    """Amounts: a currency symbol or code before the number, or a currency word after it.
    Currency words that are also common words ("won", "pound") count only after a scale word
    ("3 billion won", not "in 2019 won the award")."""
    num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    scale = rf"(?:{SP}?(?:{_alternation(scales)})\b|(?:{_alternation(short_scales)})\b)"
    pre = _alternation(prefixes)
    post = _alternation([x for x in suffixes if x not in scaled_only])
    after_scale = _alternation(list(suffixes))
    return re.compile(
        rf"(?<![\w$\u00a3\u20ac\u00a5])(?:{pre}){SP}?(?:{num}){scale}?(?:{SP}+(?:{post})\b)?"
        rf"|(?<![\w.,$\u00a3\u20ac\u00a5])(?:{num}){scale}{SP}+(?:{after_scale})\b"
        rf"|(?<![\w.,$\u00a3\u20ac\u00a5])(?:{num}){SP}+(?:{post})\b"
    )


def build_credit_regex(openers: list[str]) -> re.Pattern:
    """Credits, furniture inside a line: "(Source: X)", "[Photo/X]", "(Agency/Given Family)",
    a byline "By NAME | X" and "NAME / for X"."""
    return re.compile(
        rf"[(\[]{SP}*(?:{_alternation(openers)})\b[^()\[\]\n]*[)\]]"
        rf"|[(\[]{SP}*[A-Z][A-Za-z]+{SP}*/{SP}*[A-Z][a-z]+{SP}+[A-Z][a-z]+{SP}*[)\]]"
        rf"|(?m:^{SP}*By{SP}+[^\n|]{{1,60}}\|[^\n]*$)"
        rf"|/{SP}*[Ff]or{SP}+[A-Z][^\n]{{0,40}}")


def build_dateline_regex(pattern: str, months: list[str]) -> re.Pattern:
    """The dateline pattern of the pattern file, with {month} and {sp} filled in."""
    if not isinstance(pattern, str):
        raise ConfigError("entity patterns: dateline must be a regular expression string")
    month = rf"(?:{_alternation(months)})"
    return re.compile(pattern.replace("{month}", month).replace("{sp}", SP), re.MULTILINE)


def load_places(path: str | Path) -> tuple[str, ...]:
    """Every place name and variant in the gazetteer, with both apostrophe forms."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        names = []
        for prov in data["provinces"]:
            names += [prov["name"], *prov["variants"]]
            for pref in prov["prefectures"] + prov["county_level_cities"]:
                names += pref.split("|")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigError(f"place gazetteer {path}: {err}") from err
    if not data.get("source"):
        raise ConfigError(f"place gazetteer {path}: say where the list comes from in `source`")
    out = set()
    for name in names:
        out.add(name)
        out.add(name.replace("'", "\u2019"))
    return tuple(sorted(out))


def load_rules(path: str | Path, places: str | Path) -> Rules:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"entity patterns {path}: {err}") from err
    w = lambda s, k: _words(data, s, k)  # noqa: E731
    phrases = data.get("org", {}).get("gpe_head_phrases")
    if not isinstance(phrases, list) or not all(isinstance(p, list) and p for p in phrases):
        raise ConfigError("entity patterns: org.gpe_head_phrases must be a list of word lists")
    try:
        return Rules(
            model_labels=dict(data["model_labels"]),
            heads=frozenset(w("org", "heads")), gpe_heads=frozenset(w("org", "gpe_heads")),
            gpe_head_phrases=tuple(tuple(p) for p in phrases),
            lower_heads=frozenset(w("org", "lower_heads")),
            lower_descriptor_stop=frozenset(w("org", "lower_descriptor_stop")),
            lower_bare_heads=frozenset(w("org", "lower_bare_heads")),
            level_words=frozenset(w("org", "level_words")),
            company_heads=frozenset(w("org", "company_heads")),
            legal_forms=re.compile(rf"{SP}*,{SP}*(?:{_alternation(w('org', 'legal_forms'))})(?![\w.])"),
            admin_nouns=frozenset(w("gpe", "admin_nouns")),
            scope=frozenset(w("org", "scope_words")),
            ordinals=frozenset(x.lower() for x in w("org", "ordinals")),
            generic=frozenset(x.lower() for x in w("org", "generic_words") + w("org", "heads")),
            breaking_tags=frozenset(w("org", "name_breaking_tags")),
            name_enders=frozenset(w("org", "name_enders")),
            description_before=frozenset(w("org", "description_before")),
            description_tags=frozenset(w("org", "description_tags_before")),
            designation_before=frozenset(w("org", "designation_before")),
            not_org=frozenset(w("org", "not_org")),
            non_body_heads=frozenset(w("org", "non_body_heads")),
            non_body_endings=frozenset(w("org", "non_body_endings")),
            mission_heads=tuple(w("org", "mission_heads")),
            affiliated_units=frozenset(w("org", "affiliated_units")),
            affiliated_parents=frozenset(w("org", "affiliated_parents")),
            comma_units=frozenset(w("org", "comma_units")), comma_parents=frozenset(w("org", "comma_parents")),
            kind_heads=frozenset(x.lower() for x in w("org", "kind_heads")),
            owned_unit_heads=frozenset(w("org", "owned_unit_heads")),
            title_opener=re.compile(rf"(?:(?:{_alternation(w('org', 'title_openers'))}){SP}+of{SP}+(?:the{SP}+)?)+"),
            committee_opener=re.compile(rf"(?:{_alternation(w('org', 'committee_openers'))}){SP}+of{SP}+(?:the{SP}+)?"
                                        rf"(?=[^\n]*Committee$)"),
            bare_party_opener=re.compile(rf"(?:{_alternation(w('org', 'party_body_after'))}){SP}+of{SP}+"),
            party_body_after=re.compile(rf"{SP}+(?:{_alternation(w('org', 'party_body_after'))})$"),
            legal_suffix=re.compile(rf"(?:{SP}*,)?{SP}+(?:(?:Co\.|Co),?{SP}*)?(?:Pte{SP}+)?"
                                    rf"(?:{_alternation(w('org', 'legal_forms'))})(?![\w])"),
            abbreviated_forms=frozenset(x[:-1] for x in w("org", "legal_forms") + w("org", "company_heads")
                                        if x.endswith(".")),
            designation_after=re.compile(rf"{SP}+(?:{_alternation(w('org', 'designation_after'))})\b"),
            credit=build_credit_regex(w("org", "credit_openers")),
            slogan_words=frozenset(w("org", "slogan_words")),
            place_adjectives=frozenset(w("gpe", "place_adjectives")),
            programme_words=frozenset(w("gpe", "programme_words")),
            lower_admin=frozenset(w("gpe", "lower_admin_words")),
            place_roles=frozenset(w("gpe", "place_roles")),
            locative_prepositions=frozenset(w("gpe", "locative_prepositions")),
            region_words=tuple(w("gpe", "region_words")),
            landforms=frozenset(w("gpe", "landform_words")),
            compass=frozenset(x.capitalize() for x in w("gpe", "compass_words")),
            ethnic=frozenset(w("gpe", "ethnic_words")),
            state_heads=frozenset(w("gpe", "state_heads")),
            roles=frozenset(w("person", "roles")), role_modifiers=frozenset(w("person", "role_modifiers")),
            titles=frozenset(w("person", "titles")),
            title_before=re.compile(rf"(?<![A-Z])(?:{'|'.join(re.escape(t) for t in sorted(w('person', 'titles'), key=len, reverse=True))})"
                                    rf"{SP}*$"),
            word_surnames=frozenset(w("person", "word_surnames")), not_name=frozenset(w("person", "not_name")),
            places=load_places(places),
            date_regex=build_date_regex(w("date", "months")),
            qualifier_regex=build_qualifier_regex(w("date", "qualifiers")),
            year_prepositions=frozenset(w("date", "year_prepositions")),
            year_prepositions_need_model=frozenset(w("date", "year_prepositions_need_model")),
            not_before=tuple(w("date", "not_before")),
            money_regex=build_money_regex(w("money", "prefixes"), w("money", "suffixes"),
                                          w("money", "scales"), w("money", "short_scales"),
                                          w("money", "suffixes_after_scale_only")),
            dateline=build_dateline_regex(data["dateline"], w("date", "months")),
        )
    except (KeyError, TypeError, re.error) as err:
        raise ConfigError(f"entity patterns {path}: {err}") from err


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and surrounding punctuation; stop at a newline."""
    span = text[start:end]
    if "\n" in span:
        span = span[:span.index("\n")]
        end = start + len(span)
    lead = len(span) - len(span.lstrip(" \t\"'\u2018\u201c(\u2022\u00b7-"))
    start += lead
    span = span[lead:]
    m = _LEADING.match(span)
    if m:
        start += m.end()
        span = span[m.end():]
    m = _TRAILING.search(span)
    if m:
        end = start + m.start()
    return start, end


# ---------------------------------------------------------------------------------------------
# Names: capitalised runs cut at connectors, each name ending in a head noun.

def _cap(tok, rules: Rules, breakers: frozenset = frozenset(), places: frozenset = frozenset()) -> bool:
    """A capitalised word that can be part of a name: not a verb or function word by its tag,
    not a title or role ("... University President NAME"), not a headline verb. A known place
    is name material whatever its tag (the tagger reads "Ordos" at a sentence start as a verb)."""
    t = tok.text
    return (t[:1].isupper() and (tok.tag_ not in rules.breaking_tags or tok.i in places)
            and t not in rules.name_enders and tok.i not in breakers)


def headline_blocks(text: str) -> tuple[list[tuple[int, int]], str]:
    """Title-case blocks ("Shaanxi Launches Medical Consortium") as character spans, and the
    text of the other blocks."""
    heads, body, pos = [], [], 0
    for block in text.split("\n"):
        stripped = block.strip()
        words = [w for w in _WORD.findall(block) if len(w) > 3 and w.lower() not in _STOP]
        if (len(words) >= 3 and len(stripped) < 160 and not stripped.endswith((".", "!", "?", ":"))
                and sum(w[:1].isupper() for w in words) >= 0.9 * len(words)):
            heads.append((pos, pos + len(block)))
        else:
            body.append(block)
        pos += len(block) + 1
    return heads, "\n".join(body)


def headline_breakers(doc: Doc, heads: list[tuple[int, int]], body: str, rules: Rules,
                      places: frozenset) -> frozenset:
    """In a title-case block every word is capitalised, verbs too. There, a capitalised word
    with a verb ending (-s, -ed, -ing) that is neither name vocabulary nor a place nor used
    capitalised in the body ends a name, as a lowercase word would; so do an infinitive after
    "to" and a word the body uses only as a verb ("Join" over "joined")."""
    if not heads:
        return frozenset()
    seen = set(_WORD.findall(body))
    in_head = {i for a, b in heads for sp in [doc.char_span(a, b, alignment_mode="expand")] if sp for i in range(sp.start, sp.end)}
    verbs = {t.lemma_.lower() for t in doc if t.is_lower and t.tag_.startswith("VB") and t.i not in in_head}
    out = set()
    for a, b in heads:
        span = doc.char_span(a, b, alignment_mode="expand") if b > a else None
        for tok in span or ():
            t = tok.text
            if (t[:1].isupper() and t not in seen and _VERB_ENDING.search(t) and not _generic(tok, rules)
                    and t not in rules.gpe_heads
                    and t not in places and t not in rules.ethnic):
                out.add(tok.i)
            elif (t[:1].isupper() and tok.tag_ == "VB" and tok.i > 0 and doc[tok.i - 1].text == "to"
                  and t not in places):
                out.add(tok.i)  # "X to Open Eye Clinic": the infinitive after "to" is a verb
            elif (t[:1].isupper() and t not in seen and t.lower() in verbs and tok.i > span.start
                  and not _generic(tok, rules) and t not in rules.heads and t not in places):
                out.add(tok.i)  # "X Hospitals Join Y" over "X hospitals joined Y": the body's verb
    return frozenset(out)


def _hospital_number(doc: Doc, i: int) -> bool:
    """ "301 Hospital", "Hospital 103 of the X Army": a military hospital's number, next to the
    head it numbers (two or three digits: no year, no "Top 100 Hospitals")."""
    t = doc[i].text
    if not (t.isdigit() and 2 <= len(t) <= 3 and i + 1 < len(doc)):
        return False
    prev = doc[i - 1].text if i > 0 else ""
    if prev in NUMBERED_HEADS:
        return doc[i + 1].lower_ == "of"
    # after a capitalised word only an acronym's ("PLA 301 Hospital"; not "Top 100 Hospital",
    # "X Bureau 15 Hospital of Y": a count)
    return doc[i + 1].text in NUMBERED_HEADS and (not prev[:1].isupper() or prev.isupper() or prev == "The")


def _number_prefix(doc: Doc, i: int) -> int:
    """Tokens of a "No. 1" / "No.1" / "No 1" name part starting at i ("No. 1 People's Hospital"),
    or of a hospital's number ("301 Hospital")."""
    t = doc[i].text
    if _hospital_number(doc, i):
        return 1
    if t in ("No", "No.") and i + 1 < len(doc):
        if doc[i + 1].like_num:
            return 2
        if doc[i + 1].text == "." and i + 2 < len(doc) and doc[i + 2].like_num:
            return 3
    return 0


def name_runs(doc: Doc, rules: Rules, breakers: frozenset = frozenset(),
              places: frozenset = frozenset()) -> list[tuple[int, int]]:
    """Maximal runs of name material: capitalised words, possessives, joined hyphens, and
    "of" / "for" / "and" / "of the" between capitalised words. Whitespace tokens (newlines)
    end a run."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        k = _number_prefix(doc, i)
        if not k and not _cap(doc[i], rules, breakers, places):
            i += 1
            continue
        j = i + (k or 1)
        while j < n:
            t, prev = doc[j], doc[j - 1]
            if t.text == "-" and not prev.whitespace_ and not t.whitespace_ and j + 1 < n and doc[j + 1].is_alpha:
                j += 2  # Yat-sen
            elif t.text in POSS and not prev.whitespace_ and (
                    t.text not in ("'", "\u2019")
                    or (prev.text.endswith("s") and j + 1 < n and _cap(doc[j + 1], rules, breakers, places))):
                j += 1  # "Children's", and a plural's bare apostrophe: "Workers' Hospital"
            elif k := _number_prefix(doc, j):
                j += k
            elif _cap(t, rules, breakers, places):
                j += 1
            elif (t.lower_ in TAIL or t.lower_ in ("and", "&")) and j + 1 < n:
                k = j + 2 if doc[j + 1].lower_ == "the" and t.lower_ in TAIL else j + 1
                if k < n and _cap(doc[k], rules, breakers, places):
                    j = k + 1
                else:
                    break
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _is_head(doc: Doc, i: int, rules: Rules) -> str | None:
    """"ORG" or "GPE" when token i ends an organisation or a place name."""
    t = doc[i].text
    if t in rules.heads:
        return "ORG"
    if t in rules.gpe_heads:
        return "GPE"
    for phrase in rules.gpe_head_phrases:
        k = len(phrase)
        if t == phrase[-1] and i - k + 1 >= 0 and tuple(x.text for x in doc[i - k + 1:i + 1]) == phrase:
            return "GPE"
    return None


def _generic(tok, rules: Rules) -> bool:
    return tok.lower_ in rules.generic or tok.text in rules.scope


def segments(doc: Doc, start: int, end: int, rules: Rules, place_tokens: set[int]) -> list[tuple[int, int]]:
    """Cut a run where one name ends and another begins:
    - "and" between two names ("... Hospital and X ...") but not inside one ("Health and Family
      Planning Commission", "Tujia and Miao Autonomous Prefecture");
    - "of" after a word that is not a head ("Direct Management of X University": the name is X
      University), except inside an "of" tail ("University of Science and Technology of China");
    - a possessive after a head, a place or an acronym ("X University's Y Hospital", "Beijing's
      Y District", "China's Inner Mongolia Autonomous Region": a place the model tagged counts
      too; "SDFMU's Affiliated Hospital").
    """
    out, s, in_tail = [], start, False
    i = start
    while i < end:
        tok = doc[i]
        low = tok.lower_
        if low in ("and", "&") and i > start and i + 1 < end:
            left, right = doc[i - 1], doc[i + 1]
            joined = ((_generic(left, rules) and not _is_head(doc, i - 1, rules) and _generic(right, rules))
                      or (left.text in rules.ethnic and right.text in rules.ethnic)
                      or _inner_and(doc, s, i, end, rules, place_tokens)
                      or (low == "&" and right.text in rules.heads and i + 2 == end))  # "Hospital & Institute"
            if not joined:
                out.append((s, i))
                s, in_tail = i + 1, False
        elif low in TAIL and i > start:
            if _is_head(doc, i - 1, rules) or _hospital_number(doc, i - 1):
                in_tail = True
            elif not in_tail:
                out.append((s, i))
                s = i + 1 + (i + 1 < end and doc[i + 1].lower_ == "the")
        elif tok.text in POSS and i > start and (_is_head(doc, i - 1, rules) or (i - 1) in place_tokens
                                                  or (doc[i - 1].ent_type_ == "GPE"
                                                      and doc[i - 1].lower_ not in rules.generic)
                                                  or (len(doc[i - 1].text) >= 2 and doc[i - 1].text.isupper())):
            out.append((s, i))
            s, in_tail = i + 1, False
        i += 1
    out.append((s, end))
    return [(a, b) for a, b in out if b > a]


def _inner_and(doc: Doc, s: int, i: int, end: int, rules: Rules, place_tokens: set[int]) -> bool:
    """"X Acupuncture and Moxibustion Alliance", "Obstetrics and Gynecology Hospital": the words
    before "and" have no head of their own, so they cannot be a name; the coordination is inside
    the one name that the head after it ends. Not between places or people ("Hebei and Tianjin
    ...", "Li Ming and X Hospital"), whose names need no head."""
    w = i - 2 if doc[i - 1].text in POSS and i - 2 >= s else i - 1  # "Women's and Children's Hospital"
    left = doc[w]
    if (any(_is_head(doc, k, rules) for k in range(s, i)) or w in place_tokens
            or (s > 0 and doc[s - 1].text == ",")  # "Wang, Li and X Hospital": the last of a list
            or (left.ent_type_ in ("PERSON", "GPE") and left.tag_ != "NNPS" and left.lower_ not in rules.generic)
            or not left.is_alpha):
        return False
    for k in range(i + 1, end):
        if doc[k].lower_ in ("and", "&"):
            return False
        if _is_head(doc, k, rules):
            return True
    return False


def names_in_segment(doc: Doc, s: int, e: int, rules: Rules) -> list[tuple[int, int, str]]:
    """The names in one segment: up to its last head, or all of it when it has an "of" tail.
    An organisation followed by a place name ("X Hospital Y District") gives both."""
    heads = [(i, lab) for i in range(s, e) if (lab := _is_head(doc, i, rules))]
    if not heads:
        return []
    of_i = next((i for i in range(s, e) if doc[i].lower_ in TAIL), None)
    if of_i is not None:
        label = _is_head(doc, of_i - 1, rules) or "ORG"
        tail = of_i + 1 + (of_i + 1 < e and doc[of_i + 1].lower_ == "the")
        if label == "GPE" and tail < e and all(t.text in rules.compass or t.text in rules.gpe_heads
                                               for t in doc[s:of_i]):
            return [(tail, e, "GPE")]  # "Northeast City of Qiqihar" in a headline: the place is Qiqihar
        return [(s, e, label)]
    last, label = heads[-1]
    if label == "GPE":
        orgs = [i for i, lab in heads if lab == "ORG"]
        if orgs:
            return [(s, orgs[-1] + 1, "ORG"), (orgs[-1] + 1, last + 1, "GPE")]
    return [(s, last + 1, label)]


def _company_suffix(doc: Doc, e: int, rules: Rules, text: str) -> int | None:
    """"X Technology Co., Ltd.": the legal form after the comma belongs to the company name.
    `text` is `doc.text`, passed in: spaCy rebuilds it from every token on each access, which
    made a long document's cost grow with the square of its length."""
    if e < len(doc) and doc[e - 1].text in rules.company_heads:
        m = rules.legal_forms.match(text, doc[e - 1].idx + len(doc[e - 1]))
        if m:
            return m.end()
    return None


def _kind(doc: Doc, s: int, e: int, rules: Rules) -> str:
    """"named" when a word is neither generic vocabulary nor a connector, "scoped" when only a
    scope word ("National", "Municipal") makes it specific, else "generic"."""
    scoped = False
    for tok in doc[s:e]:
        if tok.lower_ in CONNECTORS or tok.text in POSS or not tok.is_alpha and len(tok) == 1:
            continue
        if tok.text in rules.scope:
            scoped = True
        elif tok.lower_ not in rules.generic:
            return "named"
    return "scoped" if scoped else "generic"


def _prev_word(doc: Doc, i: int) -> str:
    return doc[i - 1].lower_ if i > 0 else ""


def _attributive(doc: Doc, e: int, rules: Rules) -> bool:
    """The name modifies a following common noun ("Lanbo Cancer Center construction plan"),
    other than a role ("Lanbo Health Commission spokesperson Li Wen" is the body's)."""
    return (e < len(doc) and doc[e].is_lower and doc[e].tag_ in ("NN", "NNS")
            and doc[e].lemma_ not in rules.roles)


def _head_of(words: list[str]) -> str:
    """The head noun of a name: the word before the first "of"/"for", else the last word."""
    for i, w in enumerate(words[1:], start=1):
        if w in TAIL:
            return words[i - 1]
    return words[-1]


def _short_form_of(short: list[str], named: list[list[tuple[str, bool]]]) -> bool:
    """A generic short form ("Cancer Hospital") stands for a named body of the text that has the
    same head, its words in order, and only droppable words besides: places, scope words,
    ordinals, an "of" tail ("Ningbo Cancer Hospital"; not "Ningbo Tiantan Cancer Hospital")."""
    synonyms = {"center": "centre", "centre": "center"}
    head = _head_of(short)
    for full in named:
        words = [w for w, _ in full]
        if _head_of(words) not in (head, synonyms.get(head, head)):
            continue
        j = 0
        for w, droppable in full:
            if j < len(short) and w in (short[j], synonyms.get(short[j])):
                j += 1
            elif not droppable:
                break
        else:
            if j == len(short):
                return True
    return False


def _definite_generic(words: list[str], rules: Rules) -> bool:
    """"the Port Authority", "the Central Government", "the Health Bureau": a capitalised name of
    two generic words or more after "the", with no "of" tail, names the one body of that kind the
    text speaks of. Not a party body ("the Party Committee"), which gives a post at its body, nor a
    name whose head says a kind ("the Rehabilitation Hospital")."""
    content = [w for w in words if w not in CONNECTORS]
    return (len(content) >= 2 and "party" not in content and not any(w in TAIL for w in words)
            and _head_of(words) not in rules.kind_heads)


def _unit_apposition(doc: Doc, e: int) -> bool:
    """", the university's largest school" / ", its teaching arm": the apposition after a generic
    name says whose unit it is, so the name is that unit's own ("the Clinical Medical College")."""
    if e + 2 >= len(doc) or doc[e].text != ",":
        return False
    if doc[e + 1].lower_ == "its":
        return True
    return (doc[e + 1].lower_ == "the" and e + 3 < len(doc) and doc[e + 2].is_lower
            and doc[e + 2].tag_ == "NN" and doc[e + 3].text in POSS)


def _owned_unit(doc: Doc, a: int, b: int, rules: Rules, owned_ends: set[int]) -> bool:
    """"X University's Development Planning Department", "its Medical Sciences Division", and
    the units listed after one ("..., Discipline Construction Department"): a name of generic
    words headed by a unit noun is the owner's own unit when a possessive gives the owner."""
    if b - a < 2 or doc[b - 1].text not in rules.owned_unit_heads or a == 0:
        return False
    before = doc[a - 1]
    if before.text in POSS or before.lower_ in ("its", "whose", "their"):
        return True
    if before.lower_ == "and" and a >= 2 and doc[a - 2].text == ",":
        before = doc[a - 2]
    if before.text not in (",", "and"):
        return False
    if before.i in owned_ends:
        return True
    # the second item of a list opened by a possessive ("the university's Party Committee office, X Department")
    for k in range(before.i - 1, max(0, before.i - 6), -1):
        if doc[k].text == "," or doc[k].is_sent_start:
            return False
        if doc[k].text in POSS:
            return True
    return False


def _body_names_another(place: str, head: str, body: str, rules: Rules) -> bool:
    """The body names a body of that place and kind by a word of its own ("Beijing Kangning
    Hospital"), not only by more generic words ("Hunan Pediatric Medical Alliance")."""
    for m in re.finditer(rf"\b{re.escape(place)}((?:{SP}+[A-Z][\w'\u2019-]*)+?){SP}+{re.escape(head)}\b", body):
        if any(w.lower() not in rules.generic and w not in rules.scope for w in m.group(1).split()):
            return True
    return False


def _lowercase_in_body(span, body: str, rules: Rules) -> bool:
    """Every word of a title-case headline name but its head is written in lowercase in the body
    and never capitalised there ("Wholly Foreign-Owned Hospital" over "a wholly foreign-owned
    general hospital"): headline case, not a name."""
    words = [t.text for t in span[:-1] if t.is_alpha]
    return bool(words) and all(
        re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", body)
        and not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body) for w in words)


def name_candidates(doc: Doc, rules: Rules, place_tokens: set[int], breakers: frozenset = frozenset(),
                    heads: list[tuple[int, int]] = (), body: str = "", text: str | None = None) -> list:
    """ORG and GPE names from capitalised runs, and blockers where the model's span must not stay.
    In a title-case headline, capitals say nothing: after a describing word ("Gets Its First
    Top-tier Hospital") a name must also be written in the body to count."""
    text = doc.text if text is None else text  # built once: doc.text costs the whole document
    cands, pending, named_words = [], [], []
    owned_ends: set[int] = set()  # the token after each owned unit: where a list of them goes on
    for rs, re_ in name_runs(doc, rules, breakers, frozenset(place_tokens)):
        for s, e in segments(doc, rs, re_, rules, place_tokens):
            for a, b, label in names_in_segment(doc, s, e, rules):
                kind = _kind(doc, a, b, rules)
                span = (doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))
                before = _prev_word(doc, a)
                the = before == "the"
                designation = before in rules.designation_before or (
                    the and _prev_word(doc, a - 1) in rules.designation_before)
                described_head = (before in rules.description_before and label == "ORG"
                                  and any(x <= span[0] < y for x, y in heads)
                                  and text[span[0]:span[1]] not in body)
                in_head = label == "ORG" and any(x <= span[0] < y for x, y in heads)
                place_end = a
                while place_end < b and place_end in place_tokens:
                    place_end += 1
                if described_head or (in_head and text[span[0]:span[1]] not in body
                                      and _lowercase_in_body(doc[a:b], body, rules)):
                    cands.append((*span, None, NAME, "name.headline_description"))
                elif (in_head and a < place_end < b and text[span[0]:span[1]] not in body
                      and _kind(doc, place_end, b, rules) == "generic"
                      and _body_names_another(doc[a:place_end].text, doc[b - 1].text, body, rules)):
                    # "Beijing Heart Hospital Extends ..." over a body that names "Beijing Kangning
                    # Hospital" and never writes it: a title-case description of that hospital
                    cands.append((doc[place_end].idx, span[1], None, NAME, "name.headline_description"))
                elif kind == "named" and not (label == "ORG" and b - a == 1 and doc[a].text in rules.not_org):
                    span = (span[0], _company_suffix(doc, b, rules, text) or span[1])
                    numbered = label == "ORG" and any(_hospital_number(doc, k) for k in range(a, b))
                    cands.append((*span, label, NUMBERED if numbered else NAME, "name"))
                    if label == "ORG":
                        tail = next((k for k in range(a + 1, b) if doc[k].lower_ in TAIL), b)
                        named_words.append([(t.lower_, t.i in place_tokens or t.text in rules.scope
                                             or t.lower_ in rules.ordinals or t.i >= tail or t.text in POSS)
                                            for t in doc[a:b]])
                elif (kind == "scoped" or any(t.lower_ in TAIL for t in doc[a:b])) and label == "ORG" \
                        and not designation and not _attributive(doc, b, rules):
                    cands.append((*span, "ORG", NAME, "name.scoped"))
                elif (label == "ORG" and doc[a].lower_ in rules.ordinals and b - a >= 2
                      and (before == "whose" or (a > 0 and doc[a - 1].text in POSS)
                           or (the and not designation and not _attributive(doc, b, rules)))):
                    # "X University's Second Affiliated Hospital", "whose Third Affiliated
                    # Hospital", "the First Affiliated Hospital": the ordinal tells one unit of
                    # the owner from its others
                    cands.append((*span, "ORG", NAME, "name.owned_ordinal"))
                elif label == "ORG" and kind == "generic" and _owned_unit(doc, a, b, rules, owned_ends):
                    owned_ends.add(b)
                    cands.append((*span, "ORG", NAME, "name.owned_unit"))
                elif the and label == "ORG" and not designation:
                    pending.append((span, [t.lower_ for t in doc[a:b] if t.text not in POSS and t.text not in rules.scope],
                                    _unit_apposition(doc, b)))
                else:
                    cands.append((*span, None, NAME, "name.generic"))
    for span, words, unit in pending:
        ok = _short_form_of(words, named_words) or (unit and len(words) >= 3) or _definite_generic(words, rules)
        cands.append((*span, "ORG" if ok else None, SHORT_FORM if ok else NAME, "name.short_form"))
    return cands


# ---------------------------------------------------------------------------------------------
# Lowercase-written names: PLACE [Provincial] descriptors head ("Wuxi maternal and child health
# hospital"), and their short forms elsewhere ("central hospital").

def listed_name_words(doc: Doc, cands: list, rules: Rules, place_tokens: set[int]) -> list:
    """"Eye, Ear, Nose and Throat Hospital": a list of single capitalised words with commas
    before the "and" that opens a name is part of that name, the list words having no head
    of their own: generic vocabulary, not places or people ("Wang, Li, Zhao and X Hospital")."""
    out = []
    for start, end, label, _, rule in cands:
        if label != "ORG" or rule != "name":
            continue
        span = doc.char_span(start, end)
        if span is None or span.start < 2:
            continue
        if doc[span.start - 1].lower_ == "and":
            need = 2
        elif doc[span.start - 1].text == "," and len(span) > 2 and span[1].lower_ == "and":
            need = 1  # the name rules joined "Nose and Throat Hospital" already
        else:
            continue
        i, words = span.start - 2, 0
        while i >= 0 and _title_word(doc[i]) and i not in place_tokens and doc[i].text not in rules.heads \
                and doc[i].ent_type_ != "GPE":
            words += 1
            if i >= 2 and doc[i - 1].text == "," and _title_word(doc[i - 2]):
                i -= 2
                continue
            break
        listed = [t for t in doc[i:span.start - 1] if t.text != ","]
        if words >= need and all(_generic(t, rules) for t in listed) and (
                i == 0 or doc[i - 1].lower_ == "the" or not doc[i - 1].text[:1].isupper()):
            out.append((doc[i].idx, end, "ORG", NAME, "name.listed_words"))
    return out


def lowercase_names(doc: Doc, rules: Rules, places: list[tuple[int, int]]) -> list:
    """A place, descriptors and a lowercase head ("Wuxi children's hospital"); a government needs
    no descriptor, there being one per place ("the Quzhou government", "Xiuying district government")."""
    cands = []
    n = len(doc)
    for ps, pe in places:
        i = pe
        while i < n and doc[i].text in rules.scope:
            i += 1
        j, head = i, None
        while j < n and j - i < 8:
            t = doc[j]
            if t.is_lower and t.text in rules.lower_heads and (j > i or t.text in rules.lower_bare_heads):
                head = j
                break
            if (t.is_lower and t.is_alpha and t.tag_ in ("JJ", "NN", "NNS", "NNP", "VBG", "VBN")) \
                    or (t.lower_ == "and" and j > i) \
                    or (t.text in POSS and j > i and not doc[j - 1].whitespace_ and t.text not in ("'", "\u2019")) \
                    or (t.text[:1].isupper() and _generic(t, rules) and t.text not in rules.heads and j > i):
                j += 1
                continue
            break
        if head is None or not (any(t.is_lower for t in doc[i:head]) or doc[head].text in rules.lower_bare_heads):
            continue
        desc = doc[i:head]
        start, end = doc[ps].idx, doc[head].idx + len(doc[head])
        before = doc[ps - 1] if ps > 0 else None
        described = before is not None and (before.lower_ in rules.description_before
                                             or before.tag_ in rules.description_tags)
        followed_of = head + 1 < n and doc[head + 1].lower_ == "of"
        # "Guanghe county hospital": the county's hospital, described by its level, not named
        by_level = len(desc) and all(t.lower_ in rules.level_words for t in desc) and doc[head].text not in rules.lower_bare_heads
        if described or followed_of or by_level or any(t.lower_ in rules.lower_descriptor_stop for t in desc):
            cands.append((doc[i].idx, end, None, NAME, "lower.description"))
        else:
            cands.append((start, end, "ORG", NAME, "lower.name"))
    return cands


def _mentions(text: str, forms: set[str]):
    """Every whole-word occurrence of any of `forms` in one pass over the text, longest first."""
    if not forms:
        return iter(())
    return re.finditer(rf"(?<![\w-])(?:{_alternation(sorted(forms), space=' ')})(?![\w-])", text)


def lowercase_short_forms(doc: Doc, text: str, rules: Rules, cands: list) -> list:
    """"central hospital" for a "Xuzhou central hospital" named in the same text."""
    out: list = []
    suffixes = set()
    for start, end, label, _, rule in cands:
        if rule == "lower.name":
            span = doc.char_span(start, end, alignment_mode="expand")
            k = next((n for n, t in enumerate(span) if t.is_lower), None)
            if k is not None and len(span) - k >= 2:
                suffixes.add(text[span[k].idx:end])
    for m in _mentions(text, suffixes):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and (before.lower_ in rules.description_before
                                   or before.tag_ in rules.description_tags):
            continue
        if span.end < len(doc) and doc[span.end].lower_ == "of":
            continue
        out.append((m.start(), m.end(), "ORG", SHORT_FORM, "lower.short_form"))
    return out


_ACRONYM_DEF = re.compile(r"[ \t]?\([ \t]*([A-Z][A-Za-z&]{1,9})[ \t]*\)")
_REFERENCE_BEFORE = re.compile(r"\b[Tt]he[ \t]+([a-z]+)$")
# A short name defined in quotes after the full one: 'X Technology Co., Ltd. ("X Medical")'.
_ALIAS_DEF = re.compile(r"[ \t]?\([ \t]*(?:the[ \t]+)?[\"\u201c]([A-Z][\w&'\u2019-]*(?:[ \t][A-Z][\w&'\u2019-]*){0,3})[\"\u201d][ \t]*\)")


def _abbreviates(acronym: str, name: str) -> bool:
    """The acronym's letters appear in order in the name, starting with its first letter
    ("KVU" for Kelvin University, "SAHKU" for Second Affiliated Hospital of Kelvin University)."""
    letters, name = acronym.lower().replace("&", ""), name.lower()
    if not letters or not name.startswith(letters[0]):
        return False
    pos = 0
    for c in letters:
        pos = name.find(c, pos) + 1
        if not pos:
            return False
    return True


def acronyms(text: str, cands: list) -> list:
    """"Kelvin University (KVU)": the bracketed acronym and its every later use are ORG
    mentions of that name (normalize gives them its canonical)."""
    orgs = {end: start for start, end, label, *_ in cands if label == "ORG"}
    forms = set()
    for m in _ACRONYM_DEF.finditer(text):
        start = orgs.get(m.start())
        acr = m.group(1)
        if start is not None and sum(c.isupper() for c in acr) >= 2 and _abbreviates(acr, text[start:m.start()]):
            forms.add(acr)
    # "The alliance (HPMA)": the acronym of the last named body of that kind
    for m in _ACRONYM_DEF.finditer(text):
        ref = _REFERENCE_BEFORE.search(text, 0, m.start())
        acr = m.group(1)
        if ref is None or sum(c.isupper() for c in acr) < 2:
            continue
        noun = ref.group(1).lower()
        named = [text[s:e] for e, s in sorted(orgs.items()) if e <= ref.start()]
        if any(n.split()[-1].lower().rstrip("s") == noun.rstrip("s") and _abbreviates(acr, n) for n in named[-3:]):
            forms.add(acr)
    for m in _ALIAS_DEF.finditer(text):
        start = orgs.get(m.start())
        alias = m.group(1)
        if start is not None and (alias.split()[0] in text[start:m.start()].split()
                                  or _abbreviates(alias, text[start:m.start()])):
            forms.add(alias)
    return [(m.start(), m.end(), "ORG", SHORT_FORM, "acronym") for m in _mentions(text, forms)]


def company_short_names(doc: Doc, text: str, cands: list, rules: Rules, place_tokens: set[int]) -> list:
    """"Xiamen Tongan Medical Investment" after "Xiamen Tongan Medical Investment Co., Ltd.": a
    company is named again without its legal form and company head ("Co.", "Group"). The name
    left must still have a word of its own (not only places and generic words)."""
    forms: set[str] = set()
    for start, end, label, _, rule in cands:
        if label != "ORG" or rule != "name":
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        k = len(span)
        while k and (span[k - 1].text in (",", ".") or rules.legal_forms.match(", " + span[k - 1].text)
                     or span[k - 1].text in ("Ltd", "Ltd.", "Inc", "Inc.", "Limited")):
            k -= 1
        if k == len(span) and span[-1].text not in rules.company_heads:
            continue  # no legal form, no company head: not a company name
        while k and span[k - 1].text in rules.company_heads:
            k -= 1
        body = span[:k]
        if len(body) < 2 or body[-1].lower_ in CONNECTORS or body[-1].text in POSS or body[-1].text in rules.heads:
            continue  # "X Hospital Group": the hospital is a body of its own
        if any(t.i not in place_tokens and t.is_alpha and not _generic(t, rules) for t in body):
            forms.add(body.text)
    return [(m.start(), m.end(), "ORG", SHORT_FORM, "name.company_short") for m in _mentions(text, forms)]


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Token i opens a block, a sentence or a quotation, where every word is capitalised."""
    k = i - 1
    while k >= 0 and (doc[k].is_quote or doc[k].text in ("(", "[")):
        k -= 1
    return k < 0 or doc[k].is_space or doc[k].text in (".", "!", "?", ":", ";") or doc[i].is_sent_start is True


def name_word_short_forms(doc: Doc, text: str, cands: list, rules: Rules, place_tokens: set[int],
                          place_words: set[str] = frozenset()) -> list:
    """"Kangning will send doctors" after "Beijing Kangning Hospital": the one word that tells a named
    body from others of its kind, used alone, is that body. Not where the word is used as a place
    anywhere in the text ("in Shenmu" beside "Shenmu Hospital", "Jinjiang Vice-mayor")."""
    words: set[str] = set()
    for start, end, label, _, rule in cands:
        if label != "ORG" or rule != "name":
            continue
        span = doc.char_span(start, end)
        if span is None:
            continue
        own = []
        for t in span:
            if t.lower_ in TAIL:
                break  # the "of" tail names another body
            if (t.is_title and t.is_alpha and t.i not in place_tokens and not _generic(t, rules)
                    and t.text not in rules.heads and t.lower_ not in rules.ordinals):
                own.append(t.text)
        if len(own) == 1 and own[0] not in place_words:
            words.add(own[0])
    if not words:
        return []
    # A word the text also writes in lowercase is a common noun ("acupuncture"): capitalised
    # only because it opens a sentence, a headline or a quote, it names no body there.
    common = {w for w in words if re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text)}
    out, places = [], set()
    for m in _mentions(text, words):
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue
        if m.group(0) in common and _opens_sentence(doc, span.start):
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in rules.locative_prepositions:
            places.add(m.group(0))
        if not _attributive(doc, span.end, rules):
            out.append((m.start(), m.end(), "ORG", SHORT_FORM, "name.word_short_form"))
    return [c for c in out if text[c[0]:c[1]] not in places]


def dateline_blockers(text: str, rules: Rules) -> list:
    """A news dateline ("XI'AN, Aug. 12 (Xinhua) --") gives the publication date and the
    source, not entities."""
    return [(m.start(), m.end(), None, PERSON_ROLE + 1, "dateline") for m in rules.dateline.finditer(text)]


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


# ---------------------------------------------------------------------------------------------
# Dates and amounts.

# The second year of "from 2012 to 2016" / "between 2001 and 2005" is a date like the first.
_YEAR_RANGE_END = re.compile(rf"\b(?:[Ff]rom|[Bb]etween){SP}+(?:[A-Z][a-z]+\.?{SP}+)?(?:1[89]|20)\d{{2}}"
                             rf"{SP}+(?:to|and|until|till|through){SP}+$")
_COUNTED = re.compile(rf"{SP}+(?!(?:as|was|is|has|his|hers|its|this|thus|plus)\b)[a-z]+s\b")  # "from 1800 to 2000 beds"


def date_candidates(doc: Doc, text: str, rules: Rules) -> list:
    out: list = []
    model_dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    for m in rules.date_regex.finditer(text):
        start, end, kind = m.start(), m.end(), m.lastgroup
        before = text[max(0, start - 40):start]
        if before.rstrip().endswith(rules.not_before):
            continue
        if kind in ("year", "month"):
            word = re.search(r"([\w]+)\W*$", before)
            prep = word.group(1) if word else ""
            in_model = any(a <= start and end <= b for a, b in model_dates)
            qualified = rules.qualifier_regex.search(before)
            if re.search(r"\d[-\u2013\u2014]$", before):
                continue  # "2018-2020" is a range of years, not a DATE
            if kind == "month" and not (prep.lower() in rules.year_prepositions or qualified):
                continue
            # "about 2000 patients" is a count: a qualifier alone makes a year a DATE only when
            # no word follows it ("around 2017.", "mid-2023,")
            qualified_year = qualified and not re.match(rf"{SP}*[^\W\d_]", text[end:end + 3])
            range_end = _YEAR_RANGE_END.search(before) and not _COUNTED.match(text, end)
            if kind == "year" and not (in_model or qualified_year or range_end or (
                    prep.lower() in rules.year_prepositions and prep.lower() not in rules.year_prepositions_need_model)):
                continue
        q = rules.qualifier_regex.search(before)
        if q:
            start -= len(before) - q.start()
        out.append((start, end, "DATE", DATE_MONEY, f"date.{kind}"))
    return out


def money_candidates(text: str, rules: Rules) -> list:
    return [(m.start(), m.end(), "MONEY", DATE_MONEY, "money") for m in rules.money_regex.finditer(text)]


# ---------------------------------------------------------------------------------------------
# The model's spans, checked.

def model_candidates(doc: Doc, text: str, rules: Rules, places: frozenset) -> list:
    out = []
    for ent in doc.ents:
        label = rules.model_labels.get(ent.label_)
        if label is None:
            continue
        start, end = trim(text, ent.start_char, ent.end_char)
        span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
        if span is None or not len(span) or span.text in rules.not_org or span[0].lower_ in rules.slogan_words:
            continue
        if label in ("ORG", "GPE") and (span[-1].text in rules.landforms or (
                span.end < len(doc) and doc[span.end].is_lower and doc[span.end].text.capitalize() in rules.landforms)):
            continue  # "the Dabie Mountains", "its Danxia landforms": a landform, not a body or a place
        if span[-1].text in rules.programme_words:
            continue  # "the Sanming Project", "Luohu Model": a programme, not a body or a person
        if label == "PERSON":
            while len(span) and (span[0].text in rules.titles or span[0].lower_ in rules.roles):
                span = span[1:]
            if not len(span) or not all(_name_token(t, rules, frozenset()) or t.text == "-" or
                                        (t.is_lower and i and span[i - 1].text == "-")
                                        for i, t in enumerate(span)):
                continue
            if span.text in places or _attributive(doc, span.end, rules):
                continue
        elif label == "GPE":
            if span[-1].is_lower and len(span) > 1:
                span = span[:-1]  # "Gansu province" is GPE "Gansu"
            if (not span[0].text[:1].isupper() or span[0].text in rules.compass
                    or _slogan(doc, span.start, rules, span.end) or _in_region_compound(doc, span.start, span.end, rules)
                    or span.text.endswith(rules.region_words) or any(t.text in rules.heads for t in span)):
                continue
        elif label == "ORG" and any(t.text in rules.state_heads and (t.i + 1 == span.end or doc[t.i + 1].lower_ == "of")
                                    for t in span):
            label = "GPE"  # "Democratic People's Republic of Korea": a state, not a body
        elif label == "ORG":
            if (all(not t.text[:1].isupper() for t in span)
                    or any(t.text in rules.heads or t.tag_ in ("VBD", "VBZ", "VBP") for t in span)
                    or (len(span) == 1 and span[0].tag_ == "VB")  # "X to Invest ..." in a headline
                    or "/" in span.text or _kind(doc, span.start, span.end, rules) != "named"):
                continue
            quoted = span.start > 0 and doc[span.start - 1].is_quote
            if (quoted and _attributive(doc, span.end + 1, rules)) or (len(span) == 1 and _attributive(doc, span.end, rules)):
                continue  # a programme name used as a modifier: '"Qiming" series talent plan'
        out.append((span.start_char, span.end_char, label, MODEL, f"model.{ent.label_}"))
    return out


# A name never ends in a function word: "X Branch Hospital of" (a name cut before its tail).
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:[ \t\u00a0]+(?:of|for|and|the|&|in|at|to))+$", re.IGNORECASE)


def trained_model_candidates(doc: Doc, text: str, priorities: dict[str, int], lowercase: int) -> list:
    """A recogniser trained on this project's gold (pipelines/ner) already follows the
    guideline's span conventions and labels: its spans are taken as they are, only trimmed
    (and a name not left ending in "of"), each ranked by the priority of its label; a name
    that ends in a lowercase word ("Wuxi general hospital") at `lowercase`, as the rules for
    lowercase-written names judge those better."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in priorities:
            continue
        start, end = trim(text, ent.start_char, ent.end_char)
        m = _TRAILING_FUNCTION_WORDS.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
        if end > start:
            last = text[start:end].split()[-1]
            prio = lowercase if last[:1].islower() else priorities[ent.label_]
            out.append((start, end, ent.label_, min(prio, priorities[ent.label_]), f"model.{ent.label_}"))
    return out


# a bare party body's name before an ORG, after a lowercase word or the start of a line
_BARE_PARTY_BEFORE = re.compile(r"(?:^|(?:^|\s)(?:[a-z]+|\S*[,;:(]) )(?P<opener>(?:Party|CPC) [A-Z][a-z]+ of )\Z", re.M)


def correct_org_span(text: str, start: int, end: int, rules: Rules, limit: int | None = None) -> tuple[int, int]:
    """An ORG span less what is not the name: a post or party body before it ("Rector of",
    "Party Committee of the"), a party body after a body's own name ("X Hospital Party
    Committee") and everything from a bracket it does not close ("X Hospital(XH", "X
    Hospital),Located"); and with the legal form written after it ("X Holdings Ltd.", "Y
    Enterprise, Ltd.") when that ends before `limit` (where the next entity begins), with the
    full stop of an abbreviated legal form or company head ("X Co., Ltd.", "Y Co.").

    >>> correct_org_span("Rector of Lanbo University", 0, 26, RULES)
    (10, 26)
    """
    found_at = start
    for opener in (rules.committee_opener, rules.title_opener):
        m = opener.match(text, start, end)
        if m and rules.bare_party_opener.fullmatch(m.group()):
            continue  # "Party Committee of X Commission" names that committee, as the seeds' gold has it
        if m and m.end() < end and text[m.end()].isupper():
            start = m.end()
    # "the Party Committee of X Commission" is that committee (as above) also when the model
    # found only "X Commission" after it (not when a post before it was cut: the post is at X)
    before = _BARE_PARTY_BEFORE.search(text, max(0, start - 40), start) if start == found_at else None
    if before and rules.bare_party_opener.fullmatch(before.group("opener")):
        start = before.start("opener")
    m = rules.party_body_after.search(text, start, end)
    if m and text[start:m.start()].split()[-1] in rules.heads | rules.company_heads | {"Government"}:
        end = m.start()
    m = rules.legal_suffix.match(text, end)
    if m and (limit is None or m.end() <= limit) and not rules.legal_suffix.search(text, start, end):
        end = m.end()
    cut, opened = end, []
    for i in range(start, end):
        if text[i] == "(":
            opened.append(i)
        elif text[i] == ")":
            if not opened:
                cut = i
                break
            opened.pop()
    if opened:
        cut = min(cut, opened[0])
    if cut < end:
        end = start + len(text[start:cut].rstrip(" \t\u00a0,;:-"))
    # "X Co., Ltd." keeps the full stop of its abbreviation, as the gold writes it
    if (text[end:end + 1] == "." and (limit is None or end < limit) and end > start
            and text[start:end].split()[-1].split(",")[-1] in rules.abbreviated_forms):
        end += 1
    return start, end


_LOWER_ORDINAL = re.compile(r"(?<![\w-])([a-z]+)[ \t]+$")


def _lowercase_ordinal_start(text: str, start: int, end: int, after: int, rules: Rules) -> int:
    """ "the sixth Clinical Medical College of X": an ordinal written in lowercase before a name
    that opens with a generic word tells that unit from its others, so it is part of the name
    (not before a company's: "the first Lanshan Family Healthcare hospital")."""
    m = _LOWER_ORDINAL.search(text, max(after, start - 12), start)
    words = text[start:end].split()
    if (m and m.group(1) in rules.ordinals and words and words[0][:1].isupper()
            and words[0].lower() in rules.generic and _head_of(words) in rules.heads):
        return m.start(1)
    return start


_GPE_OF = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?(?=[A-Z])")
_GPE_POSS = re.compile(r"['\u2019]s[ \t\u00a0]+(?=[A-Z])")


def correct_gpe_span(text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
    """A GPE span as the places it names: a post before it is none ("Deputy District Mayor"),
    a lowercase admin word after it is left out ("Futian district" gives "Futian", as "Hainan
    province" gives "Hainan"), "China's Jiangsu Province" is two places ("East China's": a region,
    none) and so is "Wuqing District of Tianjin"; an ethnic group's name alone is no place.

    >>> correct_gpe_span("Wuqing District of Tianjin", 0, 26, RULES)
    [(0, 15), (19, 26)]
    """
    posts = {w.lower() for w in rules.titles} | rules.roles | rules.role_modifiers
    leading = {w.lower() for w in rules.titles} | rules.roles | {"deputy", "vice", "executive", "acting", "first"}
    words = list(re.finditer(r"\S+", text[start:end]))
    k = 0
    while k < len(words) - 1 and words[k].group().lower() in leading and words[k].group()[:1].isupper():
        k += 1
    if k:
        start += words[k].start()
    while True:
        words = text[start:end].split()
        if len(words) > 1 and words[-1] in rules.lower_admin:
            end = start + len(text[start:end].rstrip()[:-len(words[-1])].rstrip())
        else:
            break
    words = text[start:end].split()
    if not words or all(w in rules.gpe_heads or w.lower() in posts for w in words) or (
            len(words) == 1 and words[0] in rules.ethnic):
        return []
    m = _GPE_POSS.search(text, start, end)
    if m and not any(w in rules.state_heads for w in words):  # "People's Republic of China" is one
        first = re.match(r"\S+\s*", text[start:m.start()])
        if first.group().strip() in rules.compass:  # "East China's": a region written as a name
            left = []
        elif first.group().strip().capitalize() in rules.compass and first.end() < m.start() - start:
            left = [(start + first.end(), m.start())]  # "east China's Anhui Province": China
        else:
            left = [(start, m.start())]
        return left + correct_gpe_span(text, m.end(), end, rules)
    m = _GPE_OF.search(text, start, end)
    if m and _is_gpe_name(text[start:m.start()], rules):
        left = text[start:m.start()].split()
        # "Capital City of X", "Special Administrative Region of X": the place is X alone
        heads = rules.gpe_heads | {w for p in rules.gpe_head_phrases for w in p}
        keep = [] if all(w in heads or w in rules.compass or w.lower() in posts or w.lower() in rules.generic
                         for w in left) or not all(w[:1].isupper() for w in left) else [(start, m.start())]
        return keep + correct_gpe_span(text, m.end(), end, rules)
    return [(start, end)]


_GLUED_BEFORE = re.compile(r"(?:[A-Z][\w'\u2019]*(?:[ \t][A-Z][\w'\u2019]*)?-)+$")
_GLUED_AFTER = re.compile(r"(?:-[A-Z][\w'\u2019]*(?:[ \t](?:Kong|Macao|Macau))?)+")


def _in_hyphen_compound(text: str, start: int, end: int) -> bool:
    """A place glued by hyphens to other names inside a longer name ("the Guangdong-Hong
    Kong-Macao Greater Bay Area", "the Shenzhen-Zhongshan Link") or a chain of three ("the
    Beijing-Tianjin-Hebei region") is no place of its own; two places before a common noun
    ("Shanghai-Nanjing cooperation") stay places."""
    before = _GLUED_BEFORE.search(text, max(0, start - 60), start)
    after = _GLUED_AFTER.match(text, end)
    if before is None and after is None:
        return False
    chain_end = after.end() if after else end
    parts = 1 + (before.group().count("-") if before else 0) + (after.group().count("-") if after else 0)
    nxt = re.match(r"[ \t]+([A-Za-z]\w*)", text[chain_end:chain_end + 40])
    return parts >= 3 or bool(nxt and nxt.group(1)[:1].isupper())


def _is_gpe_name(name: str, rules: Rules) -> bool:
    """The name ends in a place's head noun ("Wuqing District", "Binhai New Area")."""
    words = name.split()
    return bool(words) and (words[-1] in rules.gpe_heads
                            or any(tuple(words[-len(p):]) == p for p in rules.gpe_head_phrases))


_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")
_PARTY_MEMBERS = frozenset({"member", "worker", "organization", "organisation", "cadre"})


def _party_before_post(text: str, start: int, end: int, rules: Rules) -> bool:
    """"Deputy Party Secretary", "Outstanding Party Members", "the Party Branch Secretary": the
    party (or its branch) named before a post or its members says whose post or members they
    are; it is not the name of a body there."""
    words = text[start:end].split()
    m = _NEXT_WORD.match(text, end)
    if not m or not ("Party" in words[-2:] and all(w[:1].isupper() for w in words)) or "Communist" in words:
        return False  # "Communist Party members": the party itself
    nxt = m.group(1).lower()
    return nxt in rules.roles or nxt.rstrip("s") in rules.roles or nxt.rstrip("s") in _PARTY_MEMBERS


_OF_PLACE_END = re.compile(r"\bof[ \t]+[A-Z][\w'\u2019-]*$")
_IN_BEFORE = re.compile(r"(?:^|[\s\"'\u201c(])[Ii]n[ \t\u00a0]+$")
_COMMA_BEFORE = re.compile(r",[ \t\u00a0]*$")


def _place_in_person_slot(text: str, start: int, end: int, prev: tuple | None) -> bool:
    """One word read as a person where a place stands: "In Windhoek, the capital ...", and "the X
    Hospital of Kabul, Afghanistan, an expert ..." (a name set off by commas after a place or a
    body, before a description): a place."""
    if " " in text[start:end].strip() or text[end:end + 1] != "," or text[start:end] in _FULL_MONTHS:
        return False
    if _IN_BEFORE.search(text, max(0, start - 5), start):
        return True
    # after a place, or a body named by its place ("X Hospital of Kabul"), not after any body
    # ("X Institute, Li Ming, academician ..." lists a person after the body)
    return (prev is not None and bool(_COMMA_BEFORE.fullmatch(text, prev[1], start))
            and (prev[2] == "GPE" or (prev[2] == "ORG" and bool(_OF_PLACE_END.search(text, prev[0], prev[1])))))


_LISTED_BEFORE = re.compile(r"([^\W\d_]+),?[ \t\u00a0]+(?:and[ \t\u00a0]+)?$")


def _ends_in_development(words: list[str], rules: Rules) -> bool:
    """"Xinghe Medical City", "Lanbo Economic Circle": a name headed by its last word, that word
    one of `non_body_endings`; "Health Commission of Lanbo City" is headed by "Commission"."""
    return len(words) > 1 and _head_of(words) == words[-1] and words[-1] in rules.non_body_endings


def titled_person(text: str, start: int, end: int, rules: Rules) -> bool:
    """"Dr. Li Ming", "Mr. WANG Lin", also glued to the word before ("withProfessor LIAO"): a name
    right after a personal title is a person's, unless it has a word of an organisation's name."""
    if not rules.title_before.search(text, max(0, start - 16), start):
        return False
    return not any(w.lower().strip(".,") in rules.generic for w in _POSSESSIVE.sub("", text[start:end]).split())


_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _ethnic_list(text: str, start: int, end: int, rules: Rules) -> bool:
    """The span is a list of ethnic groups' names ("Yi, Miao, Bai"), or one listed after another
    ("... Dong and Gelao"): a name made of such words ("Li Hui") or a surname alone that is
    also a group's name ("Li") is still a person."""
    words = [w for w in re.findall(r"[^\s,]+", text[start:end]) if w not in ("and", "&")]
    if not words or not all(w in rules.ethnic for w in words):
        return False
    m = _LISTED_BEFORE.search(text, max(0, start - 20), start)
    listed = "," in text[start:end] or " and " in text[start:end]  # "Li Hui" is a person's name
    return listed or bool(m and m.group(1) in rules.ethnic)


def without_clauses(model: list, doc: Doc) -> list:
    """The model's spans less an ORG with a finite verb in it: a title-case headline's clause
    ("X Province Conducted a Survey", "Y Tavern Launches Free ...") is no name."""
    return [c for c in model if c[2] != "ORG" or not (sp := doc.char_span(c[0], c[1]))
            or not any(t.tag_ in ("VBD", "VBZ", "VBP") for t in sp)]


_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t\u00a0]+$")


_UNIT_OF_FIELD = re.compile(r"([A-Z][\w'\u2019-]*(?:[ \t][A-Z][\w'\u2019-]*)*)[ \t]+of[ \t]+[A-Z][^\n]*?"
                            r"[ \t]+of[ \t]+(?:the[ \t]+)?")


def _unit_of_field(before: str, rules: Rules) -> bool:
    """ "Key Laboratory of Cardiology of the ": the model's span after it is only the parent of a
    unit named with its field ("Key Laboratory of Cardiology of the Ministry of Health"), whose
    whole name the rules found."""
    m = _UNIT_OF_FIELD.fullmatch(before)
    return bool(m) and m.group(1).split()[-1] in rules.owned_unit_heads


def outranked_by_rules(model: list, cands: list, text: str, rules: Rules) -> list:
    """The model's spans less those inside a rule's blocker ("Affiliated Hospital" alone, a
    lowercase description) or inside a date or amount, an ORG that only ends a unit's name the
    rules found ("Key Laboratory of Cardiology of the Ministry of Health"), an ORG that is a
    word the rules know is none ("COVID", "SMS"), and a GPE that is a post or title alone
    ("Vice" in a headline) or in a slogan ("healthy China"): what the rules know a span is not
    stays so even where the model outranks the name rules."""
    held = [(a, b) for a, b, label, _, _ in cands if label in (None, "DATE", "MONEY")]
    units = [(a, b) for a, b, label, _, rule in cands if label == "ORG" and rule.startswith("name")]
    posts = rules.roles | {t.lower() for t in rules.titles} | (rules.role_modifiers - rules.lower_admin)
    out = []
    for c in model:
        name = text[c[0]:c[1]]
        if (any(a <= c[0] and c[1] <= b for a, b in held) or (c[2] == "ORG" and name in rules.not_org)
                or (c[2] == "ORG" and any(b == c[1] and _unit_of_field(text[a:c[0]], rules) for a, b in units))
                or (c[2] == "GPE" and " " not in name and name.lower() in posts)
                or (c[2] == "GPE" and (m := _PREV_WORD.search(text, max(0, c[0] - 30), c[0]))
                    and m.group(1).lower() in rules.slogan_words)):
            continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# An excerpt's cut-off last sentence: not annotated (docs/annotation.md, "Conventions for real pages").

# A block that ends so is complete: sentence punctuation, a closing quote or bracket, a colon,
# a semicolon or a table's bar.
_COMPLETE_END = re.compile(r"[.!?\u3002:;|\"'\u201d\u2019)\]]\s*$")
# Where a sentence ends inside a block: its punctuation, closing quotes, then white space.
_SENTENCE_END = re.compile(r"[.!?\u3002][\"'\u201d\u2019)\]]*[ \t\u00a0]+(?=\S)")


def cut_off_start(text: str) -> int | None:
    """Where the text's cut-off last sentence begins, or None when the text ends complete.

    The last block (line) is cut off when it does not end with sentence punctuation but holds a
    finished sentence before its last words; a block with no finished sentence at all (a
    headline, a list item, a paragraph without its full stop) is kept.

    >>> cut_off_start("Title\nThe X Hospital opened. Its director Li Si sa")
    29
    >>> cut_off_start("Title\nThe X Hospital opened. Li Si spoke.") is None
    True
    """
    body = text.rstrip()
    line = body.rfind("\n") + 1
    if _COMPLETE_END.search(body[line:]):
        return None
    ends = list(_SENTENCE_END.finditer(body, line))
    return ends[-1].end() if ends else None


def resolve(cands: list) -> list[tuple[int, int, str, str]]:
    """Non-overlapping winners by priority, then length, then position; blockers (label None)
    win their place but are not entities."""
    starts: list[int] = []  # the taken spans, sorted and disjoint: neighbours tell an overlap
    ends: list[int] = []
    out = []
    for start, end, label, prio, rule in sorted(cands, key=lambda c: (-c[3], c[0] - c[1], c[0], c[2] or "")):
        i = bisect.bisect_left(starts, start)
        if end <= start or (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        if label is not None:
            out.append((start, end, label, rule))
    return sorted(out)


def join_hyphenated_people(ents: list[tuple[int, int, str, str]], text: str) -> list[tuple[int, int, str, str]]:
    """Two PERSON spans joined by a hyphen alone are one name: "Jean" and "Pierre Zarski" in
    "Jean-Pierre Zarski" (a given name the model or the rules cut at its hyphen)."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        if (out and ent[2] == "PERSON" and out[-1][2] == "PERSON"
                and text[out[-1][1]:ent[0]] == "-"):
            out[-1] = (out[-1][0], ent[1], "PERSON", out[-1][3])
        else:
            out.append(ent)
    return out


_SERVED_PLACE = re.compile(r"[ \t\u00a0]+(?:in|to)[ \t\u00a0]+$")


def mission_names(ents: list[tuple[int, int, str, str]], text: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """"the Lanbo Consulate General in Qingmu", "the Embassy of Lanbo in Qingmu": a diplomatic
    mission is named with the place it serves, so the place after "in" or "to" belongs to the
    ORG (as a place inside any name does)."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev[2] == "ORG" and ent[2] == "GPE"
                and _SERVED_PLACE.fullmatch(text, prev[1], ent[0])
                and _head_phrase_of(text[prev[0]:prev[1]]).endswith(rules.mission_heads)):
            out[-1] = (prev[0], ent[1], "ORG", prev[3])
        else:
            out.append(ent)
    return out


_AFFILIATED_TO = re.compile(r"[ \t\u00a0]+[Aa]ffiliated[ \t\u00a0]+to[ \t\u00a0]+")
_UNIVERSITY_ACRONYM = re.compile(r"[A-Z]*U[A-Z]*")  # "XU", "LBU": an acronym that spells the University


def affiliated_names(ents: list[tuple[int, int, str, str]], text: str, rules: Rules) -> list[tuple[int, int, str, str]]:
    """"Lanbo Hospital Affiliated to Xinghe University", "Qingmu Hospital affiliated to XU": a unit
    named with the university it is affiliated to is one ORG (its relation is the one its
    name states); "Lanbo Hospital, which is affiliated to Xinghe University" names two."""
    out: list[tuple[int, int, str, str]] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev[2] == "ORG" and ent[2] == "ORG"
                and _AFFILIATED_TO.fullmatch(text, prev[1], ent[0])
                and _head_of(text[prev[0]:prev[1]].split()) in rules.affiliated_units
                and (_head_of(text[ent[0]:ent[1]].split()) in rules.affiliated_parents
                     or (ent[1] - ent[0] <= 8 and _UNIVERSITY_ACRONYM.fullmatch(text, ent[0], ent[1])))):
            out[-1] = (prev[0], ent[1], "ORG", prev[3])
        else:
            out.append(ent)
    return out


_COMMA = re.compile(r",[ \t\u00a0]+")
_LISTED_AFTER = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*(?:and[ \t\u00a0]+)?|and[ \t\u00a0]+|&[ \t\u00a0]*)(?:the[ \t\u00a0]+)?")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def comma_names(ents: list[tuple[int, int, str, str]], doc: Doc, rules: Rules) -> list[tuple[int, int, str, str]]:
    """"Lanbo Hospital, Xinghe University", "Qingmu Hospital, XU": a hospital and the university
    or academy it belongs to, written with a comma, are one ORG, the comma form of "Lanbo
    Hospital of Xinghe University" (docs/annotation.md). Not items of a list ("Lanbo Hospital,
    Xinghe University and Qingmu College"), nor a hospital before the subject of the next clause
    ("With the help of Lanbo Hospital, Xinghe University built ...")."""
    text = doc.text

    def listed(a: tuple, b: tuple) -> bool:
        return a[2] == "ORG" and b[2] == "ORG" and _LISTED_AFTER.fullmatch(text, a[1], b[0]) is not None

    out: list[tuple[int, int, str, str]] = []
    n = 0
    while n < len(ents):
        ent = ents[n]
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        if (nxt is not None and ent[2] == "ORG" and nxt[2] == "ORG"
                and _COMMA.fullmatch(text, ent[1], nxt[0])
                and _head_of(text[ent[0]:ent[1]].split()) in rules.comma_units
                and (_head_of(text[nxt[0]:nxt[1]].split()) in rules.comma_parents
                     or (nxt[1] - nxt[0] <= 8 and _UNIVERSITY_ACRONYM.fullmatch(text, nxt[0], nxt[1])))
                and not (n > 0 and listed(ents[n - 1], ent))
                and not (n + 2 < len(ents) and listed(nxt, ents[n + 2]))
                and not ((sp := doc.char_span(nxt[0], nxt[1])) is not None and sp.root.dep_ in _SUBJECTS)):
            out.append((ent[0], nxt[1], "ORG", ent[3]))
            n += 2
            continue
        out.append(ent)
        n += 1
    return out


def _head_phrase_of(name: str) -> str:
    """The name up to its "of"/"for" tail ("Embassy" of "Embassy of Lanbo")."""
    return re.split(r"[ \t\u00a0]+(?:of|for)[ \t\u00a0]+", name, maxsplit=1)[0]


_CAPITAL_SURNAME = re.compile(r"(?<![\w-])([A-Z]{2,6}) $")
_CAPITAL_SURNAME_AFTER = re.compile(r" ([A-Z]{2,6})(?![\w-]| [A-Z]{2,})")


def join_capital_surnames(ents: list[tuple[int, int, str, str]], text: str,
                          rules: Rules) -> list[tuple[int, int, str, str]]:
    """A surname written in capitals next to a given name is part of the name: "Prof. WANG
    Lin", "Lin WANG" (docs/annotation.md, names written in capitals), which the recognisers cut
    to "Lin" since only title-case words are name words. Not a role ("CEO Lin") nor a word of a
    name in capitals ("XINGHE HOSPITAL Lin")."""
    out: list[tuple[int, int, str, str]] = []
    for n, ent in enumerate(ents):
        start, end, label, prio = ent
        after = _CAPITAL_SURNAME_AFTER.match(text, end) if label == "PERSON" else None
        words = text[start:end].split()
        # a given name alone or with an initial ("Lin", "John K."): a full name takes no acronym
        if (after and (len(words) == 1 or re.fullmatch(r"[A-Z]\.", words[-1]))
                and not any(c.isupper() for c in words[-1][1:].replace(".", ""))
                and after.group(1).lower() not in rules.roles and after.group(1) not in rules.titles
                and (n + 1 == len(ents) or ents[n + 1][0] >= after.end())):
            end = after.end()
            ent = (start, end, label, prio)
        m = _CAPITAL_SURNAME.search(text, max(0, start - 8), start) if label == "PERSON" else None
        word = m.group(1) if m else ""
        if (m and " " not in text[start:end] and text[start:end][:1].isupper()
                and text[start + 1:end].replace("-", "").islower()
                and word.lower() not in rules.roles and word not in rules.titles
                and not _CAPITAL_SURNAME.search(text, max(0, m.start() - 8), m.start())
                and (not out or out[-1][1] <= m.start())):
            ent = (m.start(1), end, label, prio)
        out.append(ent)
    return out


# The labels case tells: names. Dates and amounts are read on the page as written.
_CASED_LABELS = frozenset({"ORG", "PERSON", "GPE"})


class EntityRecognizer:
    def __init__(self, nlp: Language, rules: Rules, model_priority: dict[str, int] | None = None,
                 lowercase_priority: int = TRAINED_MODEL, lowercase_words: frozenset | None = None):
        self.rules = rules
        # a page written wholly in lowercase: the recogniser reads a copy with capitals restored
        self.lowercase_words = lowercase_words
        self.make_doc = nlp.make_doc
        self.ner = nlp.get_pipe("ner") if lowercase_words is not None and "ner" in nlp.pipe_names else None
        self.lowercase_priority = lowercase_priority
        self.model_priority = model_priority  # per label; None: the base model, checked by the rules
        self.place_names = frozenset(rules.places)
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.places.add("PLACE", list(nlp.tokenizer.pipe(rules.places)))
        self.people = person_matcher(nlp, rules)

    def recased_names(self, doc: Doc) -> None:
        """On a page written wholly in lowercase, the recogniser's names are those it finds in a
        copy with capitals restored (consortia.truecase): same offsets, as only case changes.
        Where a name the page itself gave the recogniser overlaps one of the copy's, the longer
        stays ("X (Group) Co., Ltd." kept in capitals on a page otherwise in lowercase)."""
        copy = self.ner(self.make_doc(recase(doc.text, self.lowercase_words, self.rules.lower_heads)))
        found = [sp for e in copy.ents if e.label_ in _CASED_LABELS
                 and (sp := doc.char_span(e.start_char, e.end_char, label=e.label_)) is not None]
        starts: list[int] = []  # the kept spans, sorted and disjoint: neighbours tell an overlap
        spans: list = []
        for sp in sorted(found + list(doc.ents), key=lambda sp: (sp.start - sp.end, sp.start)):
            i = bisect.bisect_left(starts, sp.start)
            if (i > 0 and spans[i - 1].end > sp.start) or (i < len(starts) and starts[i] < sp.end):
                continue
            starts.insert(i, sp.start)
            spans.insert(i, sp)
        doc.ents = spans

    def __call__(self, doc: Doc) -> Doc:
        rules, text = self.rules, doc.text
        if self.ner is not None and self.model_priority is not None and lowercase_page(text):
            self.recased_names(doc)
        places = [(s, e) for _, s, e in self.places(doc)]
        place_tokens = {i for s, e in places for i in range(s, e)}
        heads, body = headline_blocks(text)
        breakers = headline_breakers(doc, heads, body, rules, self.place_names)
        cands = name_candidates(doc, rules, place_tokens, breakers, heads, body, text) + dateline_blockers(text, rules)
        cands += listed_name_words(doc, cands, rules, place_tokens)
        suffixed = suffixed_place_tokens(doc, rules)
        places += document_places(doc, rules, suffixed + appositive_place_tokens(doc, rules, self.place_names),
                                  cands, place_tokens, self.place_names)
        # places named by structure ("Macao Special Administrative Region") open lowercase names too
        named_places = [(sp.start, sp.end) for a, b, label, _, _ in cands if label == "GPE"
                        for sp in [doc.char_span(a, b)] if sp is not None]
        lower = lowercase_names(doc, rules, places + [(i, i + 1) for i in suffixed] + named_places)
        cands += lower + lowercase_short_forms(doc, text, rules, lower)
        cands += place_candidates(doc, rules, places) + suffixed_places(doc, suffixed)
        people = person_candidates(doc, rules, self.people, self.place_names)
        model = (model_candidates(doc, text, rules, self.place_names) if self.model_priority is None
                 else trained_model_candidates(doc, text, self.model_priority, self.lowercase_priority))
        # a headline verb the model took for a name ("X to Invest US$5 Million") is none
        model = [c for c in model if not (sp := doc.char_span(c[0], c[1])) or not all(t.i in breakers for t in sp)]
        # a full name the model found ("has appointed Dao Ming as ...") gives its surname too
        named = {text[s:e] for s, e, *_ in people} | {
            text[s:e] for s, e, label, *_ in model
            if label == "PERSON" and 2 <= len(text[s:e].split()) <= 3 and text[s:e] not in self.place_names}
        cands += people + person_aliases(doc, text, named)
        cands += date_candidates(doc, text, rules) + money_candidates(text, rules)
        if self.model_priority is not None:
            model = without_clauses(model, doc)
        cands += outranked_by_rules(model, cands, text, rules) if self.model_priority is not None else model
        cands += acronyms(text, cands) + company_short_names(doc, text, cands, rules, place_tokens)
        cands += name_word_short_forms(doc, text, cands, rules, place_tokens, {doc[i].text for i in suffixed})
        cut = cut_off_start(text)
        credits = [m.span() for m in rules.credit.finditer(text)]
        found, spans = [], []
        winners = mission_names(join_capital_surnames(join_hyphenated_people(resolve(cands), text), text, rules),
                                text, rules)
        winners = comma_names(affiliated_names(winners, text, rules), doc, rules)
        for n, (start, end, label, _) in enumerate(winners):
            if cut is not None and end > cut:
                continue  # in the cut-off last sentence: not annotated
            if any(a <= start and end <= b for a, b in credits):
                continue  # a credit is page furniture
            if label == "PERSON" and _place_in_person_slot(text, start, end, winners[n - 1] if n else None):
                label = "GPE"
            if label == "ORG" and titled_person(text, start, end, rules):
                label = "PERSON"
            if label in ("PERSON", "ORG") and _ethnic_list(text, start, end, rules):
                continue  # "the Yi, Miao, Bai and Gelao": ethnic groups, neither people's names nor bodies
            if label == "ORG":
                start, end = correct_org_span(text, start, end, rules,
                                              winners[n + 1][0] if n + 1 < len(winners) else len(text))
                start = _lowercase_ordinal_start(text, start, end, winners[n - 1][1] if n else 0, rules)
                if (end <= start or rules.designation_after.match(text, end)
                        or _head_of(text[start:end].split()) in rules.non_body_heads
                        or _ends_in_development(text[start:end].split(), rules)
                        or _party_before_post(text, start, end, rules)):
                    continue  # "Best Hospital List", "X Bank Building", "Y Forum": not a body
            if label == "GPE" and _in_hyphen_compound(text, start, end):
                continue
            parts = correct_gpe_span(text, start, end, rules) if label == "GPE" else [(start, end)]
            for start, end in parts:
                found.append(new_entity(start, end, label, text[start:end]))
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None and (not spans or span.start >= spans[-1].end):
                    spans.append(span)
        state(doc)["entities"] = found
        doc.ents = spans
        return doc


@Language.factory("consortia_entities", assigns=["doc.ents", "doc.user_data"], requires=["doc.ents"],
                  default_config={"patterns": None, "places": None, "trained_model": False,
                                  "model_priority": TRAINED_MODEL, "label_priority": {},
                                  "lowercase_words": None})
def make_entities(nlp: Language, name: str, patterns: str | None, places: str | None,
                  trained_model: bool, model_priority: int, label_priority: dict[str, int],
                  lowercase_words: str | None):
    """trained_model: the pipeline's recogniser was trained on this project's corpus
    (pipelines/ner): its spans are trusted at `model_priority` against the rule families' ones
    instead of being checked and ranked last as the base model's are; `label_priority` sets
    another priority for the model's spans of one label ({"ORG": 85}); `lowercase_words`: the
    word list (consortia.truecase) that restores capitals on a page written wholly in lowercase
    for the trained recogniser to read, None for none."""
    if patterns is None or places is None:
        raise ConfigError("consortia_entities needs `patterns` (its pattern file) and `places` "
                          "(the place gazetteer), as paths")
    unknown = set(label_priority) - set(LABELS)
    if unknown:
        raise ConfigError(f"consortia_entities label_priority: unknown labels {sorted(unknown)}; "
                          f"the labels are {', '.join(LABELS)}")
    priorities = {label: label_priority.get(label, model_priority) for label in LABELS}
    words = None
    if lowercase_words is not None:
        try:
            words = frozenset(json.loads(Path(lowercase_words).read_text(encoding="utf-8"))["words"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ConfigError(f"consortia_entities lowercase_words {lowercase_words}: {err}") from err
    return guarded("entities")(EntityRecognizer(nlp, load_rules(patterns, places),
                                                priorities if trained_model else None, model_priority, words))
