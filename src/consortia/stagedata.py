"""What stages hand each other: plain dicts with clean-text offsets in `doc.user_data`.

Never spaCy Span objects: dicts pickle and travel between processes (spaCy's n_process, Dask),
and offsets stay valid whatever a later stage does to `doc.ents`.

    state(doc)["meta"]       {"published": "YYYY-MM-DD" | None, "title": str | None}
    state(doc)["soft_breaks"] [int]: clean offsets of the newlines inside a hard-wrapped
                               paragraph, which part no sentence (clean/wrap.py)
    state(doc)["entities"]   [{"start", "end", "label", "text", "canonical",
                               "value", "mod", "amount", "currency"}]      (clean offsets)
    state(doc)["relations"]  [{"type", "head", "tail", "role", "date", "purpose", "modality",
                               "confidence", "rule", "evidence": [start, end]}]
        where head and tail are {"entity": index into entities | None, "canonical", "label"}
"""

from spacy.tokens import Doc

KEY = "consortia"


def state(doc: Doc) -> dict:
    """The stage data of a document, created empty on first use."""
    data = doc.user_data.get(KEY)
    if data is None:
        data = {"meta": {}, "entities": [], "relations": []}
        doc.user_data[KEY] = data
    return data


def soft_breaks(doc: Doc) -> frozenset[int]:
    """The clean offsets of the newlines that part no sentence (none on most pages)."""
    return frozenset(doc.user_data.get(KEY, {}).get("soft_breaks", ()))


def new_entity(start: int, end: int, label: str, text: str) -> dict:
    return {"start": start, "end": end, "label": label, "text": text, "canonical": text,
            "value": None, "mod": None, "amount": None, "currency": None}


def record_error(doc: Doc, stage: str, err: Exception) -> None:
    """Note a stage's failure on one document; the record carries it and the run counts it."""
    doc.user_data.setdefault(KEY + ".errors", []).append(f"{stage}: {type(err).__name__}: {err}")


def errors(doc: Doc) -> list[str]:
    return list(doc.user_data.get(KEY + ".errors", []))


def guarded(stage: str):
    """Wrap a component so that a failure on one document is recorded on that document and the
    batch goes on (spaCy would otherwise drop the document from the stream or stop the run)."""

    def wrap(component):
        def run(doc: Doc) -> Doc:
            if doc.user_data.get(KEY + ".errors"):
                return doc  # an earlier stage failed: later stages would read broken data
            try:
                return component(doc)
            except Exception as err:  # recorded on the document, never swallowed
                record_error(doc, stage, err)
                return doc

        run.__name__ = f"{stage}_guarded"
        run.__wrapped__ = component
        return run

    return wrap
