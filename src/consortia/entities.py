"""entities stage: ORG, PERSON, DATE, MONEY and GPE mentions from the model plus domain rules.

Writes `state(doc)["entities"]` (clean offsets, sorted, non-overlapping) and `doc.ents`.
"""

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError
from .stagedata import guarded, new_entity, state

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['\u2019]s|[\s.,;:!?\"'\u2018\u2019\u201c\u201d()\[\]])+$")


def load_patterns(path: str | Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"entity patterns {path}: {err}") from err


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing possessive and surrounding punctuation; stop at a newline."""
    span = text[start:end]
    if "\n" in span:
        span = span[:span.index("\n")]
        end = start + len(span)
    lead = len(span) - len(span.lstrip(" \t\"'\u2018\u201c(•·-"))
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


class EntityRecognizer:
    def __init__(self, patterns: dict):
        self.keep = set(patterns["keep_labels"])
        self.label_map = dict(patterns.get("label_map", {}))

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for ent in doc.ents:
            label = self.label_map.get(ent.label_, ent.label_)
            if label not in self.keep:
                continue
            start, end = trim(doc.text, ent.start_char, ent.end_char)
            if end > start:
                found.append(new_entity(start, end, label, doc.text[start:end]))
        state(doc)["entities"] = found
        return doc


@Language.factory("consortia_entities", assigns=["doc.user_data"], requires=["doc.ents"],
                  default_config={"patterns": None})
def make_entities(nlp: Language, name: str, patterns: str | None):
    if patterns is None:
        raise ConfigError("consortia_entities needs `patterns`, a path to its pattern file")
    return guarded("entities")(EntityRecognizer(load_patterns(patterns)))
