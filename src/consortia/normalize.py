"""normalize stage: canonical names, ISO dates and money amounts on the entity dicts."""

import re

from spacy.language import Language
from spacy.tokens import Doc

from .names import ascii_quotes
from .stagedata import guarded, state

_YEAR = re.compile(r"^(?:the\s+)?(?:year\s+)?(\d{4})$", re.IGNORECASE)
_AMOUNT = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion)?", re.IGNORECASE)
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def canonical_name(text: str) -> str:
    return ascii_quotes(" ".join(text.split()))


def date_value(text: str) -> tuple[str | None, str | None]:
    m = _YEAR.match(text.strip())
    if m:
        return m.group(1), None
    return None, None


def money_value(text: str) -> tuple[int | float | None, str | None]:
    m = _AMOUNT.search(text)
    if not m:
        return None, None
    amount = float(m.group("num").replace(",", "")) * _SCALES.get((m.group("scale") or "").lower(), 1)
    currency = "USD" if "$" in text else "CNY" if re.search(r"yuan|rmb", text, re.I) else None
    return (int(amount) if amount == int(amount) else amount), currency


class Normalizer:
    def __call__(self, doc: Doc) -> Doc:
        for ent in state(doc)["entities"]:
            ent["canonical"] = canonical_name(ent["text"])
            if ent["label"] == "DATE":
                ent["value"], ent["mod"] = date_value(ent["text"])
            elif ent["label"] == "MONEY":
                ent["amount"], ent["currency"] = money_value(ent["text"])
        return doc


@Language.factory("consortia_normalize", assigns=["doc.user_data"], default_config={"lexicon": None})
def make_normalize(nlp: Language, name: str, lexicon: str | None):
    return guarded("normalize")(Normalizer())
