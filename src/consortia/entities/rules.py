"""The entities stage's rules: priorities, word lists and patterns loaded from pipelines/entities/."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import ConfigError


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
# a dash after a name joins it to what follows ("X Group-led", "Y Hospital -"), not to the name
_TRAILING = re.compile(r"(?:['\u2019]s|[\s.,;:!?\"'\u2018\u2019\u201c\u201d()\[\]\u2013\u2014-])+$")
# "U.S.", "U.K.", "P.R.C.": an initialism's last full stop is part of it, also at a sentence end
_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Z]\.)+[A-Z]$")


@dataclass(frozen=True)
class Rules:
    """The validated contents of the pattern file and the gazetteer."""

    model_labels: dict
    heads: frozenset
    gpe_heads: frozenset
    gpe_head_phrases: tuple
    lower_heads: frozenset
    lower_descriptor_stop: frozenset
    lower_standing_words: frozenset  # "famous", "military": a lowercase hospital's kind or standing, no name
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
    dangling_words: frozenset  # "Lanbo Hospital Affiliated": a name never ends in one
    modifier_endings: frozenset  # "Lanbo Provincial": an adjective of a head never ends a name
    modifier_see_through: frozenset  # "Xinghe Military Medical": looked through to the word before
    descriptive_possessors: frozenset  # "People's Hospital": a possessive of the name itself, no parent
    comma_units: frozenset  # "X Hospital, Y University": one ORG
    comma_parents: frozenset
    kind_heads: frozenset  # lowercased
    owned_unit_heads: frozenset  # "the university's Planning Department": a unit its owner names
    unproposed_heads: frozenset  # "General Office": blocked even where the recogniser proposed it
    unnamed_bodies: frozenset  # "the Party Committee": a body's kind alone, no name
    activity_words: frozenset  # "Lanbo Group Restructuring": what the body does, not its name
    event_words: frozenset  # "Xinghe Medical Association Conference": the same after a head noun
    honour_words: frozenset  # "National Top Hospital": a title given to a body, not a body
    joint_adjective: re.Pattern  # "Sino-French (Friendship)": two countries' adjective, no body
    headline_verbs: frozenset  # "Xinghe Hospital Eyes Expansion": a headline's verb ends a name
    designation_kinds: frozenset  # "State Key Laboratory": a designated kind, no body, with scope words alone
    bracket_words: frozenset  # "Lanbo Pharmaceutical (Group)": a bracketed qualifier of a company's name
    bracket_groups: frozenset  # "Xinghe Medical Center (Group)": a bracketed kind, part of any name
    lowercase_tail_heads: frozenset  # "Ministry of health": heads whose lowercase "of" tail is the name's
    title_opener: re.Pattern
    committee_opener: re.Pattern
    standing_parent: re.Pattern  # "Standing Committee of the 13th X People's Congress": one body
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
    degrees: frozenset  # "M.D.", "Ph.D.": a degree after a name is neither a person nor a body
    state_heads: frozenset
    country_acronyms: frozenset  # "ROK", "UAE": a country, whatever the recogniser read
    roles: frozenset
    role_modifiers: frozenset
    titles: frozenset
    title_before: re.Pattern  # a personal title right before a name: "Dr. ", "withProfessor "
    honorific_run: re.Pattern  # honorifics and titles before a name: "Tengku Datuk Seri ", "Datuk Amar Dr "
    honorific: re.Pattern  # a Malaysian honorific, never a name's own word: "Datuk", "Tan Sri"
    title_run: re.Pattern  # titles before a name: "Associate Professor Dr ", "Assoc Prof "
    title: re.Pattern  # a personal title, never a name's own word: "Dr", "Prof"
    compound_tails: frozenset  # "-led", "-era": a hyphenated word after a name is no given name's tail
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


def _honorific_run(words: list[str]) -> re.Pattern:
    """Titles and honorifics in a row, each followed by a space: "Datuk Patinggi Tan Sri "."""
    return re.compile(rf"(?<![\w'\u2019.-])(?:(?:{_alternation(words)}){SP}+)+")


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
            lower_standing_words=frozenset(w("org", "lower_standing_words")),
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
            dangling_words=frozenset(w("org", "dangling_words")),
            modifier_endings=frozenset(w("org", "modifier_endings")),
            modifier_see_through=frozenset(w("org", "modifier_see_through")),
            descriptive_possessors=frozenset(w("org", "descriptive_possessors")),
            comma_units=frozenset(w("org", "comma_units")), comma_parents=frozenset(w("org", "comma_parents")),
            kind_heads=frozenset(x.lower() for x in w("org", "kind_heads")),
            owned_unit_heads=frozenset(w("org", "owned_unit_heads")),
            unproposed_heads=frozenset(w("org", "unproposed_heads")),
            bracket_words=frozenset(w("org", "bracket_words")),
            bracket_groups=frozenset(w("org", "bracket_groups")),
            lowercase_tail_heads=frozenset(w("org", "lowercase_tail_heads")),
            honour_words=frozenset(w("org", "honour_words")),
            designation_kinds=frozenset(w("org", "designation_kinds")),
            headline_verbs=frozenset(w("org", "headline_verbs")),
            joint_adjective=re.compile(rf"(?:{_alternation(w('org', 'joint_prefixes'))})-[A-Z][a-z]+(?:{SP}+Friendship)?"),
            activity_words=frozenset(w("org", "activity_words")), event_words=frozenset(w("org", "event_words")),
            unnamed_bodies=frozenset(w("org", "unnamed_bodies") + w("org", "party_body_after")),
            title_opener=re.compile(rf"(?:(?:{_alternation(w('org', 'title_openers'))}){SP}+of{SP}+(?:the{SP}+)?)+"),
            committee_opener=re.compile(rf"(?:{_alternation(w('org', 'committee_openers'))}){SP}+of{SP}+(?:the{SP}+)?"
                                        rf"(?=[^\n]*Committee$)(?![^\n]*\b(?:{_alternation(w('org', 'standing_parents'))})\b)"),
            standing_parent=re.compile(rf"\b(?:{_alternation(w('org', 'standing_parents'))})\b"),
            bare_party_opener=re.compile(rf"(?:{_alternation(w('org', 'party_body_after'))}){SP}+of{SP}+"),
            party_body_after=re.compile(rf"{SP}+(?:{_alternation(w('org', 'party_body_after'))})$"),
            legal_suffix=re.compile(rf"(?:{SP}*,)?{SP}+(?:(?:Co\.|Co),?{SP}*)?(?:(?:Pte|Sdn)\.?{SP}+)?"
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
            degrees=frozenset(w("person", "degrees")),
            state_heads=frozenset(w("gpe", "state_heads")),
            country_acronyms=frozenset(w("gpe", "country_acronyms")),
            roles=frozenset(w("person", "roles")), role_modifiers=frozenset(w("person", "role_modifiers")),
            titles=frozenset(w("person", "titles")),
            title_before=re.compile(rf"(?<![A-Z])(?:{'|'.join(re.escape(t) for t in sorted(w('person', 'titles'), key=len, reverse=True))})"
                                    rf"{SP}*$"),
            honorific_run=_honorific_run(w("person", "honorifics") + w("person", "honorific_words")
                                         + w("person", "titles") + w("person", "title_words")),
            honorific=re.compile(rf"(?<!\S)(?:{_alternation(w('person', 'honorifics'))})(?!\S)"),
            title_run=_honorific_run(w("person", "titles") + w("person", "title_words")),
            title=re.compile(rf"(?<!\S)(?:{_alternation(w('person', 'titles'))})(?!\S)"),
            compound_tails=frozenset(w("person", "compound_tails")),
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
        if span[m.start():m.start() + 1] == "." and _INITIALISM.search(span, 0, m.start()):
            end += 1
    return start, end
