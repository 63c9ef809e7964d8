"""A stage that fails on one document records the failure there; the other documents go on."""

import spacy

from consortia.stagedata import errors, guarded, state


def _explode_on(word):
    def component(doc):
        if word in doc.text:
            raise ValueError(f"cannot handle {word!r}")
        state(doc)["entities"] = [{"start": 0, "end": 1}]
        return doc

    return component


def test_guarded_component_records_the_error_and_the_batch_goes_on():
    nlp = spacy.blank("en")
    run = guarded("entities")(_explode_on("Kunming"))
    docs = [run(nlp.make_doc(t)) for t in ("Lhasa People's Hospital", "Kunming First Hospital", "Xining")]
    assert [errors(d) for d in docs] == [[], ["entities: ValueError: cannot handle 'Kunming'"], []]
    assert state(docs[0])["entities"] and state(docs[2])["entities"]
    assert state(docs[1])["entities"] == []


def test_later_stages_skip_a_document_an_earlier_stage_failed_on():
    nlp = spacy.blank("en")
    doc = guarded("entities")(_explode_on("Kunming"))(nlp.make_doc("Kunming"))
    calls = []
    guarded("relations")(lambda d: calls.append(d) or d)(doc)
    assert calls == [] and len(errors(doc)) == 1
