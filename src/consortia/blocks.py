"""Block boundaries as sentence boundaries.

The clean text joins blocks (title, paragraphs) with newlines. This component, placed before the
parser, marks the first token after a newline as a sentence start, so a headline without a full
stop never merges with the first sentence. The parser respects preset boundaries.
"""

from spacy.language import Language
from spacy.tokens import Doc


def mark_block_starts(doc: Doc) -> Doc:
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


@Language.factory("consortia_blocks", assigns=["token.is_sent_start"], default_config={})
def make_blocks(nlp: Language, name: str):
    return mark_block_starts
