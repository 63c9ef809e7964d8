"""Name folding and cross-document entity keys: one definition, used by normalize, eval and export.

`fold` is the comparison form of the guideline's scoring ("after folding case, quotes,
possessives, a leading 'the' and white space"); `entity_key` turns a label and a canonical name
into a stable database key such as ``org:ningbo-cancer-hospital``.
"""

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00b4": "'"})
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_quotes(text: str) -> str:
    """Typographic apostrophes and quotes become ASCII: "People’s" gives "People's"."""
    return text.translate(_QUOTES)


def fold(name: str) -> str:
    """The comparison form of a name.

    >>> fold("  The Ningbo People’s Hospital’s ")
    "ningbo people's hospital"
    """
    text = _SPACE.sub(" ", ascii_quotes(name)).strip().strip(".,;:\"'()[]").strip()
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text.casefold().strip()


def entity_key(label: str, canonical: str) -> str:
    """A stable cross-document key: label, colon, the folded name as a slug.

    >>> entity_key("ORG", "Ningbo People’s Hospital")
    'org:ningbo-people-s-hospital'
    """
    ascii_name = unicodedata.normalize("NFKD", fold(canonical)).encode("ascii", "ignore").decode()
    slug = _NON_ALNUM.sub("-", ascii_name).strip("-")
    if not slug:  # a name with no Latin letters or digits still needs a stable key
        slug = "u" + "-".join(f"{ord(c):x}" for c in fold(canonical) if not c.isspace())
    return f"{label.lower()}:{slug}"
