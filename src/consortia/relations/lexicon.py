"""The relation word lists (pipelines/relations/lexicon.json) as validated models, loaded once at start-up."""

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ConfigError


Family = Literal["cooperate", "form", "join", "lead", "take_lead", "transfer", "manage", "affiliate", "subordinate",
                 "invest", "gather", "acquire", "own"]
NounFamily = Literal["partner", "partner_modifiers", "partner_role", "form", "member", "lead", "leadership",
                     "transfer", "affiliation", "branch", "part", "invest", "acquire", "owner", "round", "merger"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NameWords(_Strict):
    org_heads: list[str]
    hospital_heads: list[str]
    academic_heads: list[str]
    subunit_heads: list[str]
    parent_heads: list[str]
    juxtaposed_parent_heads: list[str]
    # "School of Public Administration": a part headed by these names a field, not a body, unless
    # it carries a level word ("State Administration of X", "Municipal Administration of Hospitals")
    field_heads: list[str] = []
    field_level_words: list[str] = []
    # "the Provincial Hospital", "Municipal People's Congress": the level words of a name that
    # refers to a body named elsewhere, no parent read from a name
    reference_level_words: list[str] = []
    # "Institute of X, Y University": the units a university's name follows after a comma
    academic_unit_heads: list[str] = []
    # "Department of X, Y Medical College, Z University": the academic units that sit inside a
    # school or college, so a comma chain descending from them is one name, not a list
    inner_unit_heads: list[str] = []
    # "the university's Stomatology Center": hospital heads that, with no `hospital_words`, name a unit
    unit_centre_heads: list[str] = []
    # "Party Committee of X": a party body "of X" is no ORG of its own (docs/annotation.md)
    party_words: list[str] = []
    # "Xinghe University Council": a body's own units named right after its whole name
    body_unit_heads: list[str] = []
    field_acronyms: list[str] = []  # "College of TCM": an acronym of a field, not of a body
    hospital_words: list[str] = []  # "Y University Cancer Center": a centre that is a hospital
    medical_words: list[str] = []  # "Xinghe Medical University Hospital": a medical university's own hospital
    collective_heads: list[str]
    branch_words: list[str]
    branch_tails: list[str]
    affiliated_words: list[str]
    management_nouns: list[str]
    admin_nouns: list[str]


class ReferenceWords(_Strict):
    pair_determiners: list[str]
    pair_nouns: dict[str, str]
    singular_nouns: dict[str, str]
    level_words: dict[str, str]
    level_name_words: dict[str, list[str]]  # "the county hospital": the words a name uses for that level
    new_words: list[str]  # "the new center" must bear that head noun
    countries: list[str]
    possessive_pronouns: list[str]
    # "the company": a body whose name holds one of these words ("X Healthcare Co., Ltd.", "X Holdings")
    company_words: list[str] = []
    # 'X (02453.HK) announced': a listing code in brackets right after a name; a filing that
    # defines no "Company" is the first body so listed (a regular expression over the bracket's text)
    listing_code: str = ""
    # "* Says co plans to invest N": a wire brief's bare word for the company of its headline
    brief_company_words: list[str] = []


class RoleWords(_Strict):
    heads: list[str]
    compound_heads: list[str]  # two-word titles whose last word is no title alone ("head nurse")
    modifiers: list[str]
    not_current: list[str]
    # titles of posts that are no role head for the rules ("member", "academician"): the nouns
    # corpus/train's gold roles end in, read by the learned side's role (relation_model/roles.py)
    post_nouns: list[str] = []
    # bodies that govern another ("Party Committee of X"): the post is at X, the body in the role
    governing_bodies: list[str] = []
    ending_verbs: list[str] = []  # lemmas of verbs that end a post ("removed from office"): a former post
    # titles of posts held in a place ("mayor", "vice governor"), no post at a body the list names
    place_titles: list[str] = []
    # academic ranks written before a name as an honorific ("President Professor NAME"): read as
    # "Prof.", never as the post
    name_honorifics: list[str] = []


class ModalityWords(_Strict):
    planned_aux: list[str]
    planned_governors: list[str]
    planned_nouns: list[str]
    negation_words: list[str]
    negating_governors: list[str]
    hedging_governors: list[str]
    hedging_words: list[str]
    hedging_nouns: list[str]


class PositionPattern(_Strict):
    """A holds_position pattern over a sentence's unit string (P person, O organisation,
    R role phrase (a former one too: its role says so), w any other word; listed function words as written)."""

    name: str
    regex: str
    dated: bool  # the sentence's date is the date of this fact ("was appointed ... in 2020")
    role: str | None = None  # the role a verb states ("who heads X": "head"), for the `role` group's word

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            groups = re.compile(value).groupindex
        except re.error as err:
            raise ValueError(f"not a regular expression: {err}") from err
        if not {"person", "role"} <= set(groups):
            raise ValueError("needs the named groups person and role (and org unless elided)")
        return value


class Prepositions(_Strict):
    transfer_target: list[str]
    join_target: list[str]
    affiliate_target: list[str]
    part_target: list[str]
    purpose: list[str]
    list_openers: list[str]  # "N hospitals, including A and B": A and B are the argument too
    partner_manner: list[str] = []  # "in collaboration with Y", "through the tie-up with Y"


class HeadlinePartnerWords(_Strict):
    """Word forms as written (a title-case headline's lemmas are unreliable): relations/headlines.py."""
    signing_verbs: list[str] = []  # "A and B Sign (...) Agreement": partners when a deal noun follows
    pairing_verbs: list[str] = []  # "A, B Agree to ...", "A and B Team Up": partners with no object
    with_verbs: list[str] = []  # "A Partners With B"
    deal_nouns: list[str] = []  # what a signing verb signs


class SurfaceAcquisition(_Strict):
    """An acquisition read off the words between two names, where the parse does not join them
    (relations/surface.py): the words as written, lowercase."""
    about: str = Field("", alias="_about")
    verbs: list[str] = []  # "A acquired B", "A is buying B": active forms, buyer first
    passive_forms: list[str] = []  # "B, acquired by A": participles whose "by" names the buyer
    nouns: list[str] = []  # "A's acquisition of B", "A completed its purchase of B"
    blocking_words: list[str] = []  # "A acquired a unit from B", "A might buy B": no handover stated
    max_tokens: int = 12  # between the two names


class Lexicon(_Strict):
    about: str = Field(alias="_about")
    names: NameWords
    triggers: dict[Family, list[str]]
    nouns: dict[NounFamily, list[str]]
    prepositions: Prepositions
    founding_verbs: list[str]
    references: ReferenceWords
    roles: RoleWords
    modality: ModalityWords
    position_patterns: list[PositionPattern]
    position_words: list[str]
    gerunds: dict[str, str]
    absorbing_verbs: list[str]
    title_nouns: list[str]
    gift_verbs: list[str]  # an investment only when they fund something ("donated X to buy a scanner")
    paying_verbs: list[str]  # an investment only when paid "for" something (not "paid X in fines")
    purpose_with_verbs: list[str]  # "equipping X with Y": the "with" phrase belongs to the purpose
    granting_verbs: list[str]
    own_time_words: list[str]  # "... in 2016 and now serves as ...": a conjunct with its own time
    speech_verbs: list[str]  # "NAME said the commission ...": the reference is the speaker's body
    selling_verbs: list[str] = []  # of the `acquire` triggers, those whose buyer follows "to" ("sell X to Y")
    stake_nouns: list[str] = []  # "a 70 percent stake in X": what is bought is a share of X
    majority_words: list[str] = []  # "a controlling stake": a share that hands X over
    # "with X as the main body", "the construction unit of the Y Center": X leads the named centre,
    # whatever its head word (of the `nouns.lead` phrases)
    center_lead_nouns: list[str] = []
    # "the Faculty of Medicine at the University of X": units whose "at" names the body they are part of
    at_unit_heads: list[str] = []
    # "Y took X private": a buyout of all X's shares (`transfer` trigger "take")
    going_private_words: list[str] = []
    # "Xinghe Legislative Council Finance Committee", "Qiantang University Education Development
    # Foundation" when the page names the council / the university on its own: a unit named
    # after its body's whole name, by these head words
    prefixed_unit_heads: list[str] = []
    # "Bravik Medical China", "Alpha Devices Greater China": a company's regional arm, named by its
    # parent company's name and one of these
    regional_arm_words: list[str] = []
    # "Y owns and operates X": a body one owns is no body handed over to its operator
    owning_verbs: list[str] = []
    # "partly owned by Y", "jointly owns X": a share of X, which does not make it Y's part
    partial_owning_words: list[str] = []
    # "Y owns and operates the X Campus": an owned campus or branch is a branch, not a part
    owned_branch_heads: list[str] = []
    # "a Series B round", "an angel round": the words that make a "round" a funding round
    round_words: list[str] = []
    # "a round led / backed by A": the verbs whose agents put money into a funding round
    round_leading_verbs: list[str] = []
    # "B also participated in / joined the round", "B poured capital into the round": verbs whose
    # subject puts money into the round they govern
    round_joining_verbs: list[str] = []
    # "with participation / contributions from B", "saw participation from B": a round's other investors
    round_participation_nouns: list[str] = []
    # "Y, formed by the merger of A and B", "the merger of A and B to form Y": the verbs that make Y
    merger_forming_verbs: list[str] = []
    # "X, a division of Y Group": a part of a company, never a member of an alliance
    corporate_part_nouns: list[str] = []
    # "in the construction of X" -> "constructing X": an action noun read as its gerund
    action_nouns: dict[str, str] = {}
    # "in order to", "in addition", "in return for": set phrases, not what money is for
    not_purpose_nouns: list[str] = []
    # "X has / secured a total investment of N": the subject receives the money, it is no investor
    receiving_verbs: list[str] = []
    # the words that give an investment noun its amount ("a grant totaling N", "a donation worth N")
    amounting_words: list[str] = []
    # of the gift verbs, those that state an organisation's donation: invested whatever it funds
    # and whoever receives it (docs/annotation.md: "An organisation's donation is `invested`")
    donating_verbs: list[str] = []
    # of the gift verbs, those that hand money over: invested when given "to" someone
    handing_verbs: list[str] = []
    # "offered $22.00 per share": an amount per unit is a price, no investment
    per_unit_words: list[str] = []
    # "X's revenue reached N", "X was fined N": words over an amount that make it no investment
    not_investment_words: list[str] = []
    # "the investment will be used to build X": verbs whose subject money has their purpose
    spending_verbs: list[str] = []
    # "X is under the management of Y": the nouns after a copula's "under" that hand X over
    under_nouns: list[str] = []
    # "hand over the assets (organization, personnel ...) of X to Y": what of a body, handed over
    # whole, hands the body over
    handed_nouns: list[str] = []
    # "... the sale of X. That business was sold to Y": nouns of a sale whose "of" body a
    # demonstrative ("that business") in the next sentence stands for
    sale_nouns: list[str] = []
    # "the vice-chairman unit of X": a deputy of the lead unit is a member, not the leader
    deputy_words: list[str] = []
    # "A initiated / participated in the establishment of X": verbs that make their subject a founder
    founder_verbs: list[str] = []
    # "X was jointly established by A and B", "co-founded by A and B": verbs whose joint founders
    # (of a body that is no alliance) are partners; "jointly run by" hands X over instead
    joint_founding_verbs: list[str] = []
    # "join the X network": lowercase nouns after a name that make it a collective
    collective_nouns: list[str] = []
    # "The X Alliance, composed of A and B": passive `gather` verbs whose "of" phrase lists members
    composed_verbs: list[str] = []
    # "A and B Sign Cooperation Agreement", "A Partners With B": partnerships read off a headline's words
    headline_partners: HeadlinePartnerWords = HeadlinePartnerWords()
    surface_acquisition: SurfaceAcquisition = SurfaceAcquisition()


def load_lexicon(path: str | Path) -> Lexicon:
    try:
        return Lexicon.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as err:
        raise ConfigError(f"relations lexicon {path}: {err}") from err


def load_confidence(path: str | Path | None) -> dict:
    """{"default": float, "rules": {rule: {"confidence": float, ...}}}; absent file: defaults."""
    if path is None or not Path(path).is_file():
        return {"default": 0.5, "rules": {}}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        rules = {k: float(v["confidence"]) for k, v in data["rules"].items()}
        if not all(0.0 <= v <= 1.0 for v in rules.values()):
            raise ValueError("confidences must lie in 0..1")
        return {"default": float(data.get("default", 0.5)), "rules": rules}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ConfigError(f"relations confidence file {path}: {err}") from err
