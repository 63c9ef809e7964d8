"""The learned part of the relations stage: a classifier over candidate pairs of entities.

Read it in the order a document goes through it:
- candidates.py: which ordered pairs of mentions could hold a relation (same sentence, label pairs
  the guideline allows);
- features.py: a pair as sparse features of its context (words between, around, the dependency
  path, the two names' heads);
- classifier.py: a linear softmax over hashed features (nine types and "none"), trained on
  corpus/train, its weights as data in pipelines/relations/model; encoder.py and spacy_rel.py
  (a spaCy pipe over the recogniser's tok2vec) are the other designs scoring.py can load;
- decide.py: one relation per (type, head, tail) above the threshold tuned on corpus/dev, with
  its role, date, modality and evidence.
- references.py: a second model (its own weights, threshold and calibration, scoring.py) reads
  facts stated through a reference ("It is an affiliated hospital of Y", "the hospital's
  president") or across two adjacent sentences (candidates.adjacent_pairs), rules
  `model.<type>.ref` and `model.<type>.adjacent`.
The rules in consortia.relations run first; its component merges what this adds.
"""
