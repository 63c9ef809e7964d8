"""relations stage: the nine relation types of docs/annotation.md, read from sentence structure.

Input: `state(doc)["entities"]` (clean offsets, with `canonical`) and the spaCy parse. Output:
`state(doc)["relations"]`, one dict per fact (see stagedata.py), deduplicated per document.

How a fact is found (each family is one small function; its name is the `rule` of the relation):
- Trigger words (pipelines/relations/lexicon.json) are found once per document by hash lookup
  over the token arrays (TriggerIndex, built once): verbs (cooperate, form, join, lead,
  transfer, affiliate, invest, ...) and predicate nouns (member, lead unit, affiliated hospital,
  branch, part, investment, ...).
- Their arguments come from the dependency parse: subjects (inherited through conj/xcomp/advcl,
  relative clauses and participles), objects, passive agents, prepositional objects. An argument
  token is mapped to an entity *group*: entities coordinated on the surface ("A, B and C",
  "A and B, C and D") form one group, since the small model often attaches coordinated names
  oddly inside the group while attaching the group as a whole correctly.
- Short references ("the two hospitals", "both sides", "the alliance", "the Cancer Hospital")
  are groups too, resolved to entities named before them in the same or previous paragraph.
- Relations carried by names ("X Hospital Y Branch", "Affiliated Hospital of Y University",
  "General Office of Y", "Cancer Hospital <Academy>") come from the structure of the name.
- holds_position is read from a compact string of the sentence's units (P person, O org,
  R role phrase, a few function words) with the patterns in the lexicon.
Each candidate gets a modality (asserted / planned / negated; hedged statements such as "may
sign" or "discussed plans to" are dropped), the ISO date of a DATE attached to its clause, and
the confidence measured for its rule on the development set (pipelines/relations/
confidence.json, written by benchmarks/calibrate_relations.py).
"""

from .component import RelationExtractor, make_relations
from .lexicon import Lexicon, load_confidence, load_lexicon
from .name_rules import NameRules, name_head
from .syntax import cut_off_sentence, gerund, subject_tokens
from .triggers import TriggerIndex
from .view import Candidate, DocView, Group, build_view, surface_groups

__all__ = ["Candidate", "DocView", "Group", "Lexicon", "NameRules", "RelationExtractor", "TriggerIndex", "build_view", "cut_off_sentence", "gerund", "load_confidence", "load_lexicon", "make_relations", "name_head", "subject_tokens", "surface_groups"]
