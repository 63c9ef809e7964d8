"""Dates and amounts of money, from regular expressions built from the word lists."""

import re

from spacy.tokens import Doc

from .rules import DATE_MONEY, Rules, SP


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
