"""Block boundaries as sentence boundaries.

The clean text joins blocks (title, paragraphs) with newlines. This component, placed before the
parser, marks the first token after a newline as a sentence start, so a headline without a full
stop never merges with the first sentence. The parser respects preset boundaries.

A newline inside a hard-wrapped paragraph (the clean stage's `soft_breaks`, clean/wrap.py) is
no boundary: its sentence runs on ("X on Monday named" / "Li Si as its new director"), so the
token after it is marked as no sentence start.
"""

from spacy.language import Language
from spacy.tokens import Doc

from .stagedata import soft_breaks


def mark_block_starts(doc: Doc) -> Doc:
    soft = soft_breaks(doc)
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text_with_ws:
            token.is_sent_start = _newline_at(before) not in soft
        elif soft and "\n" in token.text_with_ws and _newline_at(token) in soft:
            token.is_sent_start = False  # the newline's own token, which the parser might start at
    return doc


def _newline_at(token) -> int:
    """The clean offset of the newline in a token's text or its trailing whitespace."""
    return token.idx + token.text_with_ws.index("\n")


@Language.factory("consortia_blocks", assigns=["token.is_sent_start"], default_config={})
def make_blocks(nlp: Language, name: str):
    return mark_block_starts
