"""clean stage: credit shapes of the tenth metadata round, on invented pages (names and sites made
up): a site's domain as a dateline tag before a place, an agency tag before a slash."""

import pytest

from consortia.clean import clean, parse_byline, parse_dateline

from consortia.title_model import load_title_model

from .test_clean_headlines import HEADLINE, RULES_PATH, rules  # noqa: F401 (one invented page, one fixture)
from .test_clean_wire_credits import LEDE, MORE


@pytest.mark.parametrize("tag,source", [
    ("news.lanbo.go.xy - East Xinghe. ", "news.lanbo.go.xy"),
    ("lanbopost.co.xy \u2013 Xinghe. ", "lanbopost.co.xy"),
])
def test_a_sites_domain_before_a_place_is_its_dateline_tag(rules, tag, source):
    raw = f"{HEADLINE}\n\nBy Li Ming, 09 September 2024\n\n{tag}{LEDE}\n\n{MORE}"
    out = clean(raw, rules)
    assert (out.source, out.published) == (source, "2024-09-09")
    assert LEDE in out.text.split("\n")


def test_a_domain_before_a_sentence_is_no_dateline(rules):
    # no place and full stop after the dash: the story's own words
    assert parse_dateline("lanbo.go.xy - the portal of the city. " + LEDE, rules) is None


@pytest.mark.parametrize("line,agency", [
    ("Xinghe News / " + LEDE, "Xinghe News"),
    ("Lanbo Press Agency / " + LEDE, "Lanbo Press Agency"),
])
def test_an_agency_tag_before_a_slash_opens_the_lead(rules, line, agency):
    cut, iso, month_day, got = parse_dateline(line, rules)
    assert (line[cut:], got, iso, month_day) == (LEDE, agency, None, None)


def test_a_name_without_a_medias_word_before_a_slash_is_no_tag(rules):
    assert parse_dateline("Xinghe Hospital / " + LEDE, rules) is None


@pytest.mark.parametrize("credit,source", [
    ("from The Lanbo Post - National http://short.example/2HDy6XS", "The Lanbo Post"),
    # a paper's name of generic words alone is still the paper's (an office's is not)
    ("from The News International - World https://short.example/x1", "The News International"),
])
def test_a_feeds_from_outlet_section_link_line_credits_the_outlet(rules, credit, source):
    raw = f"{credit}\nNational News\n{LEDE}\n{MORE}{credit}\n"
    out = clean(raw, rules)
    assert out.source == source and credit not in out.text


def test_from_a_name_without_its_link_is_no_feed_credit(rules):
    raw = f"{HEADLINE}\n\nfrom The Lanbo Post - National\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("line,source", [
    # a repost's credit line: the date, the site's host as written, the author
    ("15th August 2010, www.lanbopost.xy, By Li Ming", "www.lanbopost.xy"),
    ("August 15, 2010, www.xinghe-news.co.xy, by Wang Wu", "www.xinghe-news.co.xy"),
])
def test_a_repost_credit_of_date_host_and_author_names_the_host(rules, line, source):
    got = parse_byline(line, rules)
    assert got is not None and (got.published, got.source) == ("2010-08-15", source)


def test_a_site_beside_its_update_date_is_named_without_www(rules):
    got = parse_byline("Updated: Feb 28, 2019 www.lanbo.com Print", rules)
    assert got is not None and got.source == "lanbo.com"


@pytest.mark.parametrize("site,source", [
    ("Lanbo News", "Lanbo News"),
    ("Xinghe Evening Post", "Xinghe Evening Post"),
    ("Hospital News", None),  # a section's label
    ("Lanbo Medical University", None),  # a body: the page's subject as often as its site
])
def test_an_outlet_after_a_browser_titles_dash_over_the_heading(rules, site, source):
    raw = f"{HEADLINE} \u2013 {site}\n\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}"
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert (out.title, out.source) == (HEADLINE, source)


def test_a_browser_title_without_the_heading_below_names_no_outlet(rules):
    raw = f"{HEADLINE} \u2013 Lanbo News\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source is None


def test_a_name_after_a_browser_titles_bar_is_a_sections(rules):
    raw = f"{HEADLINE} | Lanbo News\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("last,source", [
    ("- LNZ", "LNZ"),
    ("\u2013 XBC", "XBC"),
    ("- END", None),  # a wire's end mark
    ("- Li Ming", None),  # a person's sign-off
])
def test_an_acronym_after_a_dash_on_the_last_line_signs_the_story_off(rules, last, source):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n- The board met on Monday.\n- It named two new members to the hospital's board on the same day.\n{last}\n"
    assert clean(raw, rules).source == source


def test_an_acronym_after_a_dash_above_the_end_is_a_list_item(rules):
    raw = f"{HEADLINE}\n\n{LEDE}\n\nMembers:\n- LNZ\n- XBC\n"
    assert clean(raw, rules).source is None


DISCLAIMER = ("Xinghe Flow Group provides the information as is without warranty of any kind and accepts no "
              "responsibility for the accuracy of this article.")


def test_the_outlet_under_a_reposts_legal_disclaimer_label(rules):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\nLegal Disclaimer:\nlanbonews\n{DISCLAIMER}\n"
    assert clean(raw, rules).source == "lanbonews"


def test_a_legal_disclaimer_without_a_name_under_it_names_no_outlet(rules):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\nLegal Disclaimer:\n{DISCLAIMER}\n"
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("line,source", [
    ("Print publication without navigation Published in Science and Technology on by Lanbo.com.xy", "Lanbo.com.xy"),
    ("Published in Health on May 4, 2020 by xinghenews.com", "xinghenews.com"),
    ("Print publication Published in Health on by Li Ming", None),  # a person, not a site
])
def test_an_aggregators_published_in_section_by_site_line(rules, line, source):
    raw = f"{HEADLINE}\n\n{line}\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).source == source


@pytest.mark.parametrize("credit,source", [
    ("(Source: Xinghe Daily; Lanbo Times; The Lanbo Star)", None),  # a digest's item: several papers
    ("(Source: Xinghe Daily)", "Xinghe Daily"),
])
def test_a_credit_naming_several_papers_names_no_publisher(rules, credit, source):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\n{credit}\n"
    assert clean(raw, rules).source == source


@pytest.mark.parametrize("masthead,source", [
    ("LANBO STAR JOURNAL", None),  # a logo set in capitals
    ("The Lanbo Star Journal", "The Lanbo Star Journal"),
])
def test_a_masthead_in_capitals_over_the_headline_is_a_logo(rules, masthead, source):
    raw = f"{masthead}\nHome \u00bb Hospital selloff\n\n{HEADLINE}\n\nBy Li Ming\n{LEDE}\n{MORE}"
    assert clean(raw, rules).source == source


@pytest.mark.parametrize("days,published", [
    (["Fri, October 24, 2025", "Thu, October 23, 2025", "Wed, October 22, 2025"], None),  # an archive's days
    (["Fri, October 24, 2025"], "2025-10-24"),
])
def test_a_list_of_days_over_the_headline_dates_nothing(rules, days, published):
    raw = "\n".join(days) + f"\n\n{HEADLINE}\n\n{LEDE}\n\n{MORE}"
    assert clean(raw, rules).published == published


@pytest.mark.parametrize("line,published", [
    ("3 \u2013 5 December 2024", None),  # an event's days
    ("3-5 December 2024", None),
    ("5 December 2024", "2024-12-05"),
    ("Updated: 10:15 - 5 December 2024", "2024-12-05"),  # a time before the date is no range
])
def test_a_range_of_days_is_an_events_date(rules, line, published):
    got = parse_byline(line, rules)
    assert got is not None and got.published == published


@pytest.mark.parametrize("control", ["Listen to this article in summarized format", "Listen to this article 1x",
                                     "Listen to this story:"])
def test_a_read_aloud_control_is_furniture_not_the_headline(rules, control):
    raw = f"\n{control}\nLoading...\n{LEDE}\n{MORE}"
    out = clean(raw, rules, title_model=load_title_model(RULES_PATH.parent / "title_model.json"))
    assert out.title is None and control not in out.text


def test_a_credit_with_a_field_after_a_semicolon_keeps_its_paper(rules):
    raw = f"{HEADLINE}\n\n{LEDE}\n\n{MORE}\n(Source: Xinghe Daily; Editor Li Ming)\n"
    assert clean(raw, rules).source == "Xinghe Daily"
