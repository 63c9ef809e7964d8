"""relations stage: typed, directed facts between entities, each with evidence and confidence."""

from spacy.language import Language
from spacy.tokens import Doc

from .stagedata import guarded, state


class RelationExtractor:
    def __call__(self, doc: Doc) -> Doc:
        ents = state(doc)["entities"]
        found = []
        # "NAME, ROLE of ORG": a person, a comma, a lowercase role and "of" right before an ORG.
        for i, person in enumerate(ents):
            if person["label"] != "PERSON":
                continue
            for j in range(i + 1, min(i + 3, len(ents))):
                org = ents[j]
                if org["label"] != "ORG":
                    continue
                between = doc.text[person["end"]:org["start"]]
                if between.startswith(", ") and between.rstrip().endswith(" of") and "\n" not in between:
                    role = between[2:-4].strip().lower() if between.endswith(" of ") else between[2:].rstrip()[:-3].strip().lower()
                    if role and len(role.split()) <= 4:
                        sent = doc.char_span(person["start"], org["end"], alignment_mode="expand")
                        s = sent.sent if sent is not None else None
                        found.append({
                            "type": "holds_position",
                            "head": {"entity": i, "canonical": person["canonical"], "label": "PERSON"},
                            "tail": {"entity": j, "canonical": org["canonical"], "label": "ORG"},
                            "role": role, "date": None, "purpose": None, "modality": "asserted",
                            "confidence": 0.8, "rule": "holds_position.apposition",
                            "evidence": [s.start_char if s is not None else person["start"],
                                         s.end_char if s is not None else org["end"]],
                        })
                    break
        state(doc)["relations"] = found
        return doc


@Language.factory("consortia_relations", assigns=["doc.user_data"], requires=["doc.sents"],
                  default_config={"lexicon": None})
def make_relations(nlp: Language, name: str, lexicon: str | None):
    return guarded("relations")(RelationExtractor())
