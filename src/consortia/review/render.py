"""A whole document as HTML with its entities highlighted, by spaCy's displaCy.

displaCy escapes the text (`spacy.util.escape_html`: & < > "), inside entities and between
them; the labels it inserts unescaped come from the output model's fixed set, and the only
other value in our template is an integer. So article text reaches the page as text.
"""

from spacy import displacy

from .queue import ReviewDoc

# Each mark carries its index into the entity list the API returns beside the HTML, so the page
# can let a reviewer click an entity to choose it as a relation end. Colours come from CSS.
_TEMPLATE = ('<mark class="entity ent-{label}" data-idx="{idx}">{text}'
             '<span class="ent-label">{label}</span></mark>')


def document_html(doc: ReviewDoc) -> tuple[str, list[dict]]:
    """The displaCy HTML of the document and, in the same order as its marks, the entities."""
    text, spans, _ = doc.display()
    ents = [{"start": s, "end": e, "label": ent.label, "params": {"idx": i}}
            for i, (s, e, ent) in enumerate(spans)]
    html = displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True,
                           page=False, jupyter=False, options={"template": _TEMPLATE})
    entities = [{"idx": i, "entity": ent.id, "label": ent.label, "text": ent.text,
                 "canonical": ent.canonical, "start": s, "end": e}
                for i, (s, e, ent) in enumerate(spans)]
    return html, entities
