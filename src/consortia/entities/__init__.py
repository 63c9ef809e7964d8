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

from .rules import CONNECTORS, DATE_MONEY, MODEL, NAME, NUMBERED, NUMBERED_HEADS, PERSON_ALIAS, PERSON_ROLE, PLACE, POSS, Rules, SHORT_FORM, SP, TAIL, TRAINED_MODEL, build_credit_regex, build_date_regex, build_dateline_regex, build_money_regex, build_qualifier_regex, load_places, load_rules, trim
from .names import headline_blocks, headline_breakers, name_candidates, name_runs, names_in_segment, segments
from .short_forms import acronyms, company_short_names, dateline_blockers, listed_name_words, lowercase_names, lowercase_short_forms, name_word_short_forms
from .places import appositive_place_tokens, document_places, place_candidates, suffixed_place_tokens, suffixed_places
from .people import person_aliases, person_candidates, person_matcher
from .amounts import date_candidates, money_candidates
from .model_spans import correct_gpe_span, correct_org_span, model_candidates, outranked_by_rules, titled_person, trained_model_candidates, without_clauses
from .recognizer import EntityRecognizer, affiliated_names, comma_names, cut_off_start, join_capital_surnames, join_hyphenated_people, make_entities, mission_names, resolve

__all__ = [
    "CONNECTORS",
    "DATE_MONEY",
    "MODEL",
    "NAME",
    "NUMBERED",
    "NUMBERED_HEADS",
    "PERSON_ALIAS",
    "PERSON_ROLE",
    "PLACE",
    "POSS",
    "Rules",
    "SHORT_FORM",
    "SP",
    "TAIL",
    "TRAINED_MODEL",
    "build_credit_regex",
    "build_date_regex",
    "build_dateline_regex",
    "build_money_regex",
    "build_qualifier_regex",
    "load_places",
    "load_rules",
    "trim",
    "headline_blocks",
    "headline_breakers",
    "name_candidates",
    "name_runs",
    "names_in_segment",
    "segments",
    "acronyms",
    "company_short_names",
    "dateline_blockers",
    "listed_name_words",
    "lowercase_names",
    "lowercase_short_forms",
    "name_word_short_forms",
    "appositive_place_tokens",
    "document_places",
    "place_candidates",
    "suffixed_place_tokens",
    "suffixed_places",
    "person_aliases",
    "person_candidates",
    "person_matcher",
    "date_candidates",
    "money_candidates",
    "correct_gpe_span",
    "correct_org_span",
    "model_candidates",
    "outranked_by_rules",
    "titled_person",
    "trained_model_candidates",
    "without_clauses",
    "EntityRecognizer",
    "affiliated_names",
    "comma_names",
    "cut_off_start",
    "join_capital_surnames",
    "join_hyphenated_people",
    "make_entities",
    "mission_names",
    "resolve",
]
