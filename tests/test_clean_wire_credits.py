"""clean stage: news conventions for `source`, `published` and `title` that unseen sites use, on
invented pages (names made up): a source label glued to its value by a dash, a page's date stamp
run into the story's dateline, a headline glued to a dateline in capitals, a wire's sign-off at the
story's foot, a series credit."""

import pytest

from consortia.clean import clean, find_date, parse_byline, parse_dateline
from consortia.title_model import load_title_model

from .test_clean_headlines import HEADLINE, RULES_PATH, STORY, rules  # noqa: F401 (one invented page, one fixture)

LEDE = ("Xinghe People's Hospital and Lanbo Medical University signed an agreement on Monday to build a "
        "joint cancer centre in the city, the hospital said.")
MORE = "The two sides will also train doctors together and share research equipment.\n"


def _check_map(raw: str, out) -> None:
    for k, ch in enumerate(out.text):
        if ch != "\n":
            assert raw[out.offsets[k]] == ch or not raw[out.offsets[k]].isascii()


@pytest.mark.parametrize("text,source", [
    ("Source-Xinghe Daily", "Xinghe Daily"),
    ("SOURCE\u2014Lanbo Evening News", "Lanbo Evening News"),
    ("Source-LNA | 2021-03-05", "LNA"),
])
def test_a_source_label_glued_to_its_value_by_a_dash(rules, text, source):
    got = parse_byline(text, rules)
    assert got is not None and got.source == source


def test_a_lowercase_word_after_source_and_a_dash_is_no_value(rules):
    got = parse_byline("Source-based funding rose 4% in 2021", rules)
    assert got is None or got.source is None


@pytest.mark.parametrize("stamp", ["(Lanbo News) 09:08, August 16, 2023", "2023-08-16 09:08", "August 16, 2023"])
def test_a_date_stamp_run_into_the_dateline_is_the_pages_date_line(rules, stamp):
    raw = f"{HEADLINE}\n\n{stamp} XINGHE, Aug. 15 (Lanbo News) -- {LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.title, out.published, out.source) == (HEADLINE, "2023-08-16", "Lanbo News")
    assert out.text.split("\n")[1] == LEDE  # the stamp and the dateline are cut, the lead stays
    _check_map(raw, out)


def test_a_date_stamp_before_a_sentence_is_left_alone(rules):
    raw = f"{HEADLINE}\n\nAugust 16, 2023 was the day {LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert "August 16, 2023 was the day" in out.text


@pytest.mark.parametrize("dateline,source", [("XINGHE - ", None), ("XINGHE, Aug. 15 (Lanbo News) -- ", "Lanbo News")])
def test_a_headline_glued_to_a_dateline_in_capitals_is_its_own_line(rules, dateline, source):
    raw = f"Photo of the signing. [Photo / Lanbo Daily]\n{HEADLINE}{dateline}{LEDE}\n{MORE}"
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert (out.title, out.source) == (HEADLINE, source)
    assert LEDE in out.text.split("\n") and "XINGHE" not in out.text
    _check_map(raw, out)


@pytest.mark.parametrize("text", [
    "XINGHE - Xinghe People's Hospital opened a new ward on Monday.",
    "LANBO \u2014 Lanbo Hospital opened a new ward on Monday.",
])
def test_a_place_in_capitals_before_a_dash_is_a_dateline(rules, text):
    found = parse_dateline(text, rules)
    assert found is not None and text[found[0]:].startswith(("Xinghe People", "Lanbo Hospital"))


def test_a_trail_of_names_set_off_by_dashes_is_no_dateline(rules):
    assert parse_dateline("LNW - LanboWire - Exchange) Xinghe Hospital opened a ward.", rules) is None


@pytest.mark.parametrize("foot,source", [
    # a wire's sign-off: after a dash any name in capitals, without one a known publisher
    ("Li Ming, its president, said the centre would open next year. -- LANBO NEWS", "LANBO NEWS"),
    ("Li Ming, its president, said the centre would open next year. \u2014 LNA", "LNA"),
    ("Li Ming, its president, said the centre would open next year. REUTERS", "REUTERS"),
    # ... or a coined name in camel case after a dash, never without one, never a person's name
    ("Li Ming, its president, said the centre would open next year.\u201d \u2013 LanboGlobal", "LanboGlobal"),
    ("The group raised its stake from 17 percent to 48 percent. LanboGlobal", None),
    ("Li Ming, its president, said the centre would open next year. \u2013 Wang Wu", None),
    # ... named as the page writes it elsewhere in mixed case
    ("Li Ming said the centre would open next year. XINHUA\nMore from Xinhua: hospitals", "Xinhua"),
    # a cut-off excerpt's last word, a call to action, an end mark: no sign-off
    ("The group raised its stake from 17 percent to 48 percent. LANBO", None),
    ("New delivery packages are coming! CHECK NOW", None),
    ("Li Ming said the centre would open next year. (END)", None),
    # a series credit names its publisher
    ("This article is part of Lanbo Times\u2019 series on health care in Asia.", "Lanbo Times"),
    ("This news is sourced from Lanbo Times and is intended for informational purposes only.", "Lanbo Times"),
    ("This news is sourced from hospitals in the city.", None),
    ("This story is part of Xinghe Daily's \u201cHealth Brief\u201d section.", "Xinghe Daily"),
])
def test_credits_at_the_story_foot(rules, foot, source):
    out = clean(f"{HEADLINE}\n\n{STORY}\n{foot}\n", rules)
    assert out.source == source


@pytest.mark.parametrize("text,source", [
    # a stock-photo library's credit under a picture is no source, however labelled
    ("Source: Li Ming/Unsplash", None),
    ("Source: Getty Images", None),
    ("Source: Xinghe Daily", "Xinghe Daily"),
    # a person with a degree after the name is an author, whatever the label
    ("Author/source: Li Ming, PhD", None),
    # a font control run on after the value
    ("Date:2018-01-02 15:43 Source:Lanbo Net Fonts:[ Large Medium Small ]", "Lanbo Net"),
    # an edition of a paper in brackets after the author
    ("By Li Ming(Lanbo Edition)", "Lanbo Edition"),
])
def test_source_values_under_the_headline(rules, text, source):
    out = clean(f"{HEADLINE}\n\n{text}\n\n{STORY}", rules)
    assert out.source == source


def test_a_reprint_note_with_its_date_gives_both(rules):
    out = clean(f"{HEADLINE}\n\nby Li Ming\nOriginally published on August 7, 1998 in Lanbo Weekly\n\n{STORY}", rules)
    assert (out.published, out.source) == ("1998-08-07", "Lanbo Weekly")


def test_a_headline_glued_to_its_byline_and_lede(rules):
    raw = (f"Home / News |\n{HEADLINE}By Li Ming (Xinghe Daily )Updated: 2007-05-25 08:31 {LEDE}\n{MORE}")
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert (out.title, out.published, out.source) == (HEADLINE, "2007-05-25", "Xinghe Daily")
    # the headline is the title but no block: no raw line break is left to separate it from the lede
    assert out.text.split("\n")[0] == LEDE
    _check_map(raw, out)


def test_by_inside_a_sentence_is_no_glued_byline(rules):
    raw = f"{HEADLINE}\n\nThe ward was paid forBy Li Ming on 2007-05-25 in cash, said {LEDE}\n{MORE}"
    out = clean(raw, rules)
    assert out.published is None


@pytest.mark.parametrize("line", [
    "Institutional members access full text with Lanbo Reader",
    "Get more with myLanbo",
    "Lanbo Terminal Remote Login Demo Request",
    "Subscribe now to read the full story",
])
def test_sign_in_and_paywall_prompts_are_no_headline(rules, line):
    out = clean(f"{line}\n\n{HEADLINE}\n\n{STORY}", rules,
                title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert out.title == HEADLINE and line not in out.text


def test_a_date_glued_before_the_headline_is_the_pages_date(rules):
    out = clean(f"2016-07-18{HEADLINE}\n\n{STORY}", rules)
    assert (out.title, out.published) == (HEADLINE, "2016-07-18")
    assert out.text.split("\n")[0] == HEADLINE


def test_a_month_and_year_alone_is_no_headline(rules):
    out = clean(f"Hospital News\n\nJuly 2014\n\n{STORY}", rules)
    assert out.title != "July 2014"


def test_a_blog_placeholder_before_the_stamp_and_dateline(rules):
    raw = f"{HEADLINE}\n[ad_1] (Lanbo News) 09:08, August 16, 2023 XINGHE, Aug. 15 (Lanbo News) \u2014 {LEDE}\n{MORE}"
    out = clean(raw, rules)
    assert (out.published, out.source) == ("2023-08-16", "Lanbo News")
    assert out.text.split("\n")[1] == LEDE


@pytest.mark.parametrize("fields,source", [
    (["Updated: 2021-12-21", "|", "en.xinghe.gov.cn"], "en.xinghe.gov.cn"),
    (["Updated: 2021-12-21", "Xinghe Daily"], "Xinghe Daily"),
    (["Updated: 2021-12-21", "|", "Lanbo Hospital"], None),  # not a publisher's name
])
def test_a_domain_under_the_date_line_of_the_headline(rules, fields, source):
    out = clean("\n\n".join([HEADLINE, *fields, STORY]), rules)
    assert (out.published, out.source) == ("2021-12-21", source)


def test_a_caption_credited_provided_to_a_paper_is_no_headline_nor_source(rules):
    caption = "Doctors at the new ward of Xinghe People's Hospital. [Provided to Lanbo Daily]"
    out = clean(f"{caption}\n\n{STORY}", rules)
    assert out.title != caption and out.source is None
    assert rules.caption.search(caption) and not rules.caption.search("services provided to the community.")


@pytest.mark.parametrize("top,foot,source", [
    # the publisher's name on its own line under the headline, after "From", or under the author's line
    (["From Xinghe Daily"], "", "Xinghe Daily"),
    (["By Li Ming", "Xinghe Daily", "April 13, 2023"], "", "Xinghe Daily"),
    (["By Li Ming", "Xinghe People's Hospital", "April 13, 2023"], "", None),  # a body, not a paper
    (["Li Ming", "Xinghe Daily", "Published: April 13, 2023"], "", "Xinghe Daily"),  # the author's name alone
    # reprint notes
    ([], "Adapted from Lanbo Daily", "Lanbo Daily"),
    ([], "Excerpted from the Xinghe Times.", "Xinghe Times"),
    ([], "Excerpted from Li Ming's new book", None),
    # a sign-off with a double dash alone on the story's last line
    ([], "-- Lanbo Daily", "Lanbo Daily"),
    ([], "-- Li Ming", None),  # the author signing, no publisher
])
def test_publisher_lines_set_apart(rules, top, foot, source):
    out = clean("\n\n".join([HEADLINE, *top, STORY]) + (foot + "\n" if foot else ""), rules)
    assert out.source == source


@pytest.mark.parametrize("text,published,source", [
    ("Published in Lanbo Daily on 13 April 2023", "2023-04-13", "Lanbo Daily"),
    # an edition's label is no publisher
    ("Print Edition: April 13, 2023 | Lanbo Daily", "2023-04-13", "Lanbo Daily"),
    ("Print Edition: April 13, 2023", "2023-04-13", None),
    # a freelance's paper
    ("By Li Ming, Special to the Lanbo Times", None, "Lanbo Times"),
    # fields set off by bullets or middle dots
    ("By Li Ming \u2022 Lanbo Daily \u2022 April 13, 2023", "2023-04-13", "Lanbo Daily"),
    ("Li Ming \u00b7 Lanbo Daily \u00b7 April 13, 2023", "2023-04-13", "Lanbo Daily"),
])
def test_more_byline_wordings(rules, text, published, source):
    out = clean(f"{HEADLINE}\n\n{text}\n\n{STORY}", rules)
    assert (out.published, out.source) == (published, source)


def test_a_subscription_link_is_furniture(rules):
    out = clean(f"{HEADLINE}\n\n{STORY}\nSUBSCRIBE NOW\n\nBrowse corporate subscription here\n", rules)
    assert "subscription" not in out.text


@pytest.mark.parametrize("dateline,published,source", [
    ("XINGHE, April 13, 2023 (Lanbo News) \u2014", "2023-04-13", "Lanbo News"),
    ("XINGHE (Reuters) -", None, "Reuters"),
    ("XINGHE, April 13 (Lanbo News)", None, "Lanbo News"),
    ("XINGHE, China, April 13, 2023 /PRNewswire/ --", "2023-04-13", "PRNewswire"),
])
def test_a_dateline_alone_on_its_line_is_no_headline(rules, dateline, published, source):
    for top in ([], ["Home > News"]):
        out = clean("\n\n".join([*top, dateline, STORY]), rules,
                    title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
        assert (out.title, out.published, out.source) == (None, published, source)
        assert "XINGHE" not in out.text
    out = clean("\n\n".join([HEADLINE, dateline, STORY]), rules)
    assert (out.title, out.source) == (HEADLINE, source)


@pytest.mark.parametrize("dateline,published", [
    ("XINGHE, LANBO (30 August 2021) \u2014 ", "2021-08-30"),
    ("Xinghe, Lanbo (August 30, 2021) - ", "2021-08-30"),
    ("XINGHE (30 August 2021) -- ", "2021-08-30"),
])
def test_a_press_release_dateline_with_its_date_in_brackets(rules, dateline, published):
    out = clean(f"{HEADLINE}\n\n{dateline}{LEDE}\n\n{MORE}", rules)
    assert out.published == published
    assert out.text.split("\n")[1] == LEDE


def test_an_edition_is_a_publisher_only_beside_its_author(rules):
    assert clean(f"{HEADLINE}\n\nBy Li Ming(Lanbo Edition)\n\n{STORY}", rules).source == "Lanbo Edition"
    assert clean(f"{HEADLINE}\n\nSpecial Edition\n\n{STORY}", rules).source is None


@pytest.mark.parametrize("dateline,source", [
    ("XINGHE, Lanbo (AP) \u2014 ", "AP"),
    ("XINGHE CITY, Lanbo (Reuters) - ", "Reuters"),
    ("XINGHE, Lanbo -- ", None),
])
def test_a_dateline_with_its_state_in_mixed_case(rules, dateline, source):
    # "DES MOINES, Iowa (AP) --": the state or country after the place in capitals
    out = clean(f"{HEADLINE}\n\n{dateline}{LEDE}\n\n{MORE}", rules)
    assert out.source == source and out.text.split("\n")[1] == LEDE


def test_a_wire_crediting_a_paper_it_drew_on_keeps_its_own_name(rules):
    raw = (f"{HEADLINE}\n\nXINGHE, Lanbo (AP) \u2014 {LEDE}\n\n{MORE}\n___\n"
           "Information from: The Lanbo Register, http://www.lanboregister.com\n")
    assert clean(raw, rules).source == "AP"


@pytest.mark.parametrize("text,published,source", [
    ("Post time: Apr-17-2020", "2020-04-17", None),
    ("Source: Lanbo Daily, http://www.lanbodaily.com", None, "Lanbo Daily"),
])
def test_field_values_as_sites_write_them(rules, text, published, source):
    got = parse_byline(text, rules)
    assert got is not None and (got.published, got.source) == (published, source)


@pytest.mark.parametrize("text,published", [
    ("Posted on : 2023-04-18 09:50 KST Modified on : 2023-04-20 13:11 KST", "2023-04-18"),
    ("Last modified: 2023-04-20", "2023-04-20"),
])
def test_modified_fields_are_date_fields(rules, text, published):
    got = parse_byline(text, rules)
    assert got is not None and got.published == published


@pytest.mark.parametrize("header,source", [
    ("Lanbo Daily - - FRONT PAGE -", "Lanbo Daily"),
    ("Lanbo Daily | BUSINESS", "Lanbo Daily"),
    ("Health | NEWS", None),
])
def test_a_print_pages_header_names_its_paper(rules, header, source):
    out = clean(f"{HEADLINE}\n\n{header}\n\n{STORY}", rules)
    assert out.source == source


def test_a_wire_lead_above_the_line_taken_for_the_headline(rules):
    raw = ("XINGHE, China, July 8, 2022 /Lanbo Wire/ \u2014 A news report by Xinghe Daily:\n"
           f"{HEADLINE}\n\n{STORY}")
    out = clean(raw, rules)
    assert (out.published, out.source) == ("2022-07-08", "Lanbo Wire")


@pytest.mark.parametrize("foot,source", [
    # a known agency after a dash, written as the agency writes its name
    ('"We will keep watch," she added. - Kazinform', "Kazinform"),
    ("The wing opens in May. \u2014 Ukrinform", "Ukrinform"),
    # an Indian paper's credit to the wire its story drew on
    ("(With inputs from IANS)", "IANS"),
    ("(With inputs from Agerpres and other agencies)", "Agerpres"),
])
def test_a_known_agency_credited_at_the_storys_foot_is_the_source(rules, foot, source):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\n{foot}\n"
    assert clean(raw, rules).source == source


@pytest.mark.parametrize("foot", [
    '"We will keep watch," she added. - Wang Wu',  # a person after a dash: no known publisher
    "The wing opens in May. - Lanbo",  # an unknown name in title case could be anything
])
def test_a_name_after_a_dash_that_is_no_known_publisher_is_no_source(rules, foot):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\n{foot}\n"
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("dateline", ["\u30106 August 2016, Lanshan\u3011", "[Lanshan, August 6, 2016] "])
def test_a_release_dateline_in_brackets_gives_the_date_and_is_cut(rules, dateline):
    raw = f"{HEADLINE}\n\n{dateline}{LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.title, out.published) == (HEADLINE, "2016-08-06")
    assert out.text.split("\n")[1] == LEDE
    _check_map(raw, out)


@pytest.mark.parametrize("lead,source", [
    # a known wire's name opening the lead, before the story's own dateline
    ("Newswise \u2014 LANSHAN, Minn. \u2014 ", "Newswise"),
    # a coined wire's name in capitals that holds a medium's word, before a full stop
    ("XINGHE-NEWS. ", "XINGHE-NEWS"),
])
def test_a_wires_name_opening_the_lead_is_the_source_and_is_cut(rules, lead, source):
    raw = f"{HEADLINE}\n\n{lead}{LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert out.source == source
    assert out.text.split("\n")[1].endswith(LEDE) and not out.text.split("\n")[1].startswith(source)
    _check_map(raw, out)


@pytest.mark.parametrize("lead", [
    "Lanshan \u2014 ",  # a place set before a dash, in title case
    "XINGHE HOSPITAL \u2014 ",  # a body in capitals: its words name no medium
    "Mr. ",  # an abbreviation's full stop
])
def test_other_words_opening_the_lead_name_no_wire(rules, lead):
    raw = f"{HEADLINE}\n\n{lead}{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source is None


def test_a_common_word_in_capitals_in_brackets_is_no_agency(rules):
    # "(AREA) --": a press release's placeholder for the place, written in lowercase in the story
    raw = f"{HEADLINE}\n\n(AREA) -- {LEDE} Patients in the area will be served.\n\n{MORE}"
    assert clean(raw, rules).source is None


def test_a_video_agencys_listing_gives_its_story_line_and_dateline(rules):
    raw = (f"{HEADLINE}\nSTORY: {HEADLINE}\nSHOOTING TIME: June 16, 2024\nDATELINE: June 18, 2024\n"
           f"LENGTH: 00:01:19\n\n{LEDE}\n\n{MORE}")
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert (out.title, out.published) == (HEADLINE, "2024-06-18")
    assert parse_byline("SHOOTING TIME: June 16, 2024", rules).published is None


@pytest.mark.parametrize("top", [
    # an image tag whose alternative text repeats the headline
    f'<image>data:image/s3,"s3://crabby-images/d5e3a/d5e3aa2b5a1d811303b7d5dadd9dd5df4d5a2f0f" alt="{HEADLINE}"</image>',
    f'<img src="https://example.com/a.jpg" alt="{HEADLINE}">',
])
def test_markup_above_the_story_is_no_headline(rules, top):
    raw = f"{top}\n{LEDE}\n{MORE}"
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert out.title is None and "<image>" not in out.text


def test_a_footnote_under_the_story_is_no_headline(rules):
    raw = (f"{LEDE}\n\n{MORE}\n"
           "*(Grade 3A is the highest grade in the hospital classification by the health ministry)\n"
           "Source: xinghe.gov.cn\n")
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert out.title is None and out.source == "xinghe.gov.cn" and "Grade 3A" not in out.text


def test_a_sites_name_and_a_day_opening_the_lead_give_the_source_not_a_date(rules):
    raw = f"{HEADLINE}\n\nXinghe Health Network August 29th {LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.source, out.published) == ("Xinghe Health Network", None)
    assert out.text.split("\n")[1] == LEDE
    _check_map(raw, out)


@pytest.mark.parametrize("lead", ["Lanshan August 29 ", "Li Ming May 4 "])  # a place, a person
def test_a_name_without_a_mediums_word_before_a_day_is_no_source(rules, lead):
    raw = f"{HEADLINE}\n\n{lead}{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("dateline,source", [
    # a college's name used as the dateline, its spaces lost by the page, its acronym after it
    ("LanshanMedicalCollege(LMC),Dec.22, 2020:", "Lanshan Medical College"),
    ("Lanshan Medical College (LMC), Dec. 22, 2020: ", "Lanshan Medical College"),
])
def test_an_institution_named_as_the_dateline_is_the_source(rules, dateline, source):
    raw = f"{HEADLINE}\n\n{dateline}{LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.source, out.published) == (source, "2020-12-22")
    assert out.text.split("\n")[1] == LEDE


@pytest.mark.parametrize("line,date,agency", [
    ("Xinghe, Lanboland /LNA/ " + LEDE, None, "LNA"),
    ("Xinghe /LNA/. " + LEDE, None, "LNA"),
    ("XINGHE, LANBOLAND \u2013 Example OutReach \u2013 28 October 2023 \u2013 " + LEDE, "2023-10-28", "Example OutReach"),
])
def test_datelines_met_on_the_fifth_metadata_round(rules, line, date, agency):
    cut, iso, _, got = parse_dateline(line, rules)
    assert (line[cut:], iso, got) == (LEDE, date, agency)


def test_slashes_inside_a_name_are_no_dateline(rules):
    assert parse_dateline("Xinghe Women OB/GYN/Pediatrics Services could be sold, people said.", rules) is None
    assert parse_dateline("Home /News/ Health care", rules) is None


def test_an_agency_whose_name_only_a_logo_writes_in_lowercase_is_still_the_source(rules):
    raw = f"lna logo\n\n{HEADLINE}\n\nXinghe, Jan. 9, 2008 (LNA)--{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source == "LNA"


def test_a_credit_keeps_a_capitalised_the_of_the_papers_name(rules):
    for written, source in (("The", "The Xinghe Tribune"), ("the", "Xinghe Tribune")):
        raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\nPublished in {written} Xinghe Tribune, December 17th, 2019.\n"
        assert clean(raw, rules).source == source


def test_a_dateline_with_the_country_in_square_brackets(rules):
    line = "Xinghe [Lanboland], December 13 (LNA): " + LEDE
    cut, _, yearless, agency = parse_dateline(line, rules)
    assert (line[cut:], yearless, agency) == (LEDE, (12, 13), "LNA")


@pytest.mark.parametrize("credit,source", [
    ("by Lanbo writer Li Ming", "Lanbo"),
    ("By Xinghe News correspondent Wang Dao", "Xinghe News"),
    ("by Senior Reporter Li Ming", None),
    ("LNT Report", "LNT"),
    ("Full Content: Xinghe Daily Journal", "Xinghe Daily Journal"),
])
def test_credits_met_on_the_sixth_metadata_round(rules, credit, source):
    raw = f"{HEADLINE}\n\n{credit}\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source == source


def test_a_date_with_commas_between_its_parts_is_the_pages_date(rules):
    raw = f"Tuesday, 21, May, 2019\n\n{LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.published, out.title) == ("2019-05-21", None)


@pytest.mark.parametrize("line,agency", [
    ("LANBONEWS.COM - " + LEDE, "LANBONEWS.COM"),
    ("XINGHE. LANBOINFORM " + LEDE, None),  # a name in capitals after the place: a wire only if known
    ("ASTANA. KAZINFORM " + LEDE, "KAZINFORM"),
    ("[Lanbonews] XINGHE, Lanboland \u2014 " + LEDE, "Lanbonews"),
])
def test_wire_openers_met_on_the_seventh_metadata_round(rules, line, agency):
    found = parse_dateline(line, rules)
    assert (found[3] if found else None) == agency


def test_an_agency_in_brackets_after_the_last_sentence_signs_the_story(rules):
    raw = f"{HEADLINE}\n\n{LEDE}\n\nThe two sides will also train doctors together. (LNA)\n"
    assert clean(raw, rules).source == "LNA"
    raw = f"{HEADLINE}\n\n{LEDE}\n\nThe two sides will join the Lanbo Nurses Association (LNA).\n"
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("line,agency", [
    ("Xinghe, Lanboland (LNA) - " + LEDE, "LNA"),
    ("XINGHE. July 16. LANBO-MEDIA \u2013 " + LEDE, "LANBO-MEDIA"),
])
def test_datelines_met_on_the_eighth_metadata_round(rules, line, agency):
    cut, _, _, got = parse_dateline(line, rules)
    assert (line[cut:], got) == (LEDE, agency)


@pytest.mark.parametrize("credit,source", [
    # labels met on the seventh metadata round
    ("Fuente: Lanbo Latina.", "Lanbo Latina"),
    ("Published in: Xinghe Daily Times", "Xinghe Daily Times"),
    # values met on the eighth
    ("Source: https://www.lanbonews.com/xinghe-hosp ... 53928.html", "www.lanbonews.com"),
    ("Source: Screenshot from event broadcast", None),
    ("Facebook Twitter LinkedIn YouTube", None),
    # a label alone over the site it cites, the cited story's headline between them or not
    ("Reference(s):\n\nlanbonews.com", "lanbonews.com"),
    ("Reference(s):\n\nXinghe hospitals advance critical care\n\nlanbonews.com", "lanbonews.com"),
    ("Source:\n\nXinghe Daily\n\nlanbonews.com", "Xinghe Daily"),
    # a caption under an empty label names no one
    ("Source:\n\nDoctors at the new centre\n\nShare this article", None),
])
def test_credits_at_the_storys_foot(rules, credit, source):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\n{credit}\n"
    assert clean(raw, rules).source == source


def test_a_headline_printed_twice_does_not_push_the_dateline_out_of_reach(rules):
    # the repeat, a date line in another script and a deck sit between the headline and the lead
    raw = (f"{HEADLINE}\n\n{HEADLINE}\n\n16 \u0438\u044e\u043b\u044f 2009, 17:21\n\n"
           f"Doctors of Lanbo Medical University will treat patients in Xinghe\n\n"
           f"XINGHE. July 16. LANBO-MEDIA \u2013 {LEDE}\n\n{MORE}")
    out = clean(raw, rules)
    assert out.source == "LANBO-MEDIA" and LEDE in out.text.split("\n")


def test_a_place_in_capitals_in_brackets_is_no_agency(rules):
    # "(XINGHE) --" over "Xinghe Teaching Hospital": the place the story is filed from
    raw = (f"{HEADLINE}\n\n(XINGHE) \u2013 {LEDE}\n\nThe Xinghe Teaching Hospital will host the centre.\n\n"
           "The two sides will also train doctors together\n(LNA)\n")
    out = clean(raw, rules)
    assert out.source == "LNA" and LEDE in out.text.split("\n")
    # an agency's tag the page never writes as a place's name still names the agency
    raw = f"{HEADLINE}\n\n(LNA) \u2013 {LEDE}\n\n{MORE}"
    assert clean(raw, rules).source == "LNA"


@pytest.mark.parametrize("text,source", [
    ("By Wang Wu and Li Ming (Xinghe Daily App) 08:04, September 26, 2025", "Xinghe Daily App"),
    ("By Wang Wu (Xinghe Daily) 08:04, September 26, 2025", "Xinghe Daily"),
    ("By Wang Wu (Lanbo University) 08:04, September 26, 2025", "Lanbo University"),
    ("By Wang Wu (Li Ming) 08:04, September 26, 2025", None),
])
def test_the_publisher_in_brackets_after_the_authors_and_before_the_time(rules, text, source):
    got = parse_byline(text, rules)
    assert got is not None and (got.published, got.source) == ("2025-09-26", source)


@pytest.mark.parametrize("stamp,iso", [("06Jan 2021", "2021-01-06"), ("6 Jan 2021", "2021-01-06"), ("12March, 2019", "2019-03-12"),
                                      ("for investmentOct 24, 2022", "2022-10-24")])
def test_a_day_glued_to_its_month(rules, stamp, iso):
    assert find_date(stamp, rules)[0] == iso


def test_a_sections_label_over_the_date_line_names_no_publisher(rules):
    raw = f"Press Releases\n\n06Jan 2021\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.published, out.source) == ("2021-01-06", None)
    raw = f"Xinghe Group\n\n06Jan 2021\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source == "Xinghe Group"


def test_a_date_glued_to_the_headlines_last_word(rules):
    raw = f"{HEADLINE}Oct 24, 2022\n\n{LEDE}\n\n{MORE}"
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert (out.title, out.published) == (HEADLINE, "2022-10-24")
    # a month's name inside a word stays a word ("Xinghemay 4, 2022" is no date)
    assert find_date("Xinghemay 4, 2022", rules) is None


@pytest.mark.parametrize("line,agency", [
    # a translated Chinese wire's opener: the outlet, the place without a comma, the day, the reporter
    ("Xinghe Daily Online Lanbo, November 8th (Reporter Li Ming, Wang Wu) " + LEDE, "Xinghe Daily Online"),
    ("Xinghe News Agency, Lanbo, June 27 (Reporter Li Ming) " + LEDE, "Xinghe News Agency"),
])
def test_a_translated_wire_opener_names_its_outlet(rules, line, agency):
    cut, _, month_day, got = parse_dateline(line, rules)
    assert (line[cut:], got) == (LEDE, agency) and month_day is not None


def test_the_dated_byline_names_the_publisher_before_a_wires_name_alone(rules):
    # a wire's name alone under the picture, then the story's dated byline naming its paper
    raw = (f"{HEADLINE}\n\nREUTERS\n\nUpdated: 20 Apr 2022, 07:57 PM LI MING, The Xinghe Journal\n\n"
           f"{LEDE}\n\n{MORE}")
    out = clean(raw, rules)
    assert (out.published, out.source) == ("2022-04-20", "The Xinghe Journal")
    # alone, the wire's name is the credit
    assert clean(f"{HEADLINE}\n\nREUTERS\n\n{LEDE}\n\n{MORE}", rules).source == "REUTERS"


@pytest.mark.parametrize("issuer,source,published", [
    # the release's date glued to the issuer's name
    ("Xinghe Health Properties TrustJul 17, 2017, 07:00 ET", "Xinghe Health Properties Trust", "2017-07-17"),
    ("Lanbo Medical Group", "Lanbo Medical Group", "2017-07-17"),  # the date from the dateline
])
def test_the_issuer_under_news_provided_by_publishes_the_release(rules, issuer, source, published):
    raw = (f"{HEADLINE}\n\nNews provided by\n\n{issuer}\n\n"
           f"XINGHE, July 17, 2017 /LanboWire/ - {LEDE}\n\n{MORE}")
    out = clean(raw, rules)
    assert (out.source, out.published) == (source, published)
    assert "News provided by" not in out.text and LEDE in out.text.split("\n")


@pytest.mark.parametrize("text,published,source", [
    # a view count run on after the source with no label of its own
    ("January 23, 2025  Source: lanbonews 32", "2025-01-23", "lanbonews"),
    # a source label whose field holds the date alone is a date's field; the next one names the publisher
    ("Published By : 05 Nov 2015 | Published By : LANBO RESEARCH", "2015-11-05", "LANBO RESEARCH"),
    # ... while an empty source label beside other fields still says the page names none
    ("Author: Source: Date:November 22, 2024 Click Times:[]", "2024-11-22", None),
    # the paper in brackets after the author, with an "Update:" date after it
    ("By Li Ming in Xinghe (Lanbo Daily) Update:2022-09-28", "2022-09-28", "Lanbo Daily"),
])
def test_byline_fields_that_real_pages_run_together(rules, text, published, source):
    out = parse_byline(text, rules)
    assert (out.published, out.source) == (published, source)


def test_a_headline_holding_update_and_a_colon_is_no_byline(rules):
    assert parse_byline("Hospital merger update: 5 recent deals", rules) is None


@pytest.mark.parametrize("text,iso,agency", [
    # a dateline naming two cities, and a wire set off by slashes with spaces inside
    ("XINGHE/LANSHAN, Aug 28, 2015 (Lanbo Wire) - Xinghe Hospital opened a clinic.", "2015-08-28", "Lanbo Wire"),
    ("XINGHE, China, March 1, 2021 / PRNewswire / \u2013 Xinghe Hospital opened a clinic.", "2021-03-01",
     "PRNewswire"),
])
def test_datelines_of_two_cities_or_a_spaced_wire(rules, text, iso, agency):
    cut, found_iso, _, found = parse_dateline(text, rules)
    assert (found_iso, found) == (iso, agency)
    assert text[cut:] == "Xinghe Hospital opened a clinic."
