"""clean stage: the seeds against their gold metadata and mentions, hand-written noisy pages, and
table-driven tests of the pure functions (bylines, dates, datelines, breadcrumbs, repair)."""

import json
import re

import pytest

from consortia.clean import (Cleaned, clean, collapse, find_date, is_breadcrumb, is_contact,
                             load_rules, make_clean, parse_byline, parse_credit, parse_dateline, read_page,
                             repair, split_lines, title_text)
from consortia.errors import ConfigError

from .conftest import FIXTURES, GOLD, RAW, ROOT

RULES_PATH = ROOT / "pipelines" / "clean" / "furniture.json"
CLEAN_FIXTURES = FIXTURES / "clean"
SEEDS = sorted(p.stem for p in RAW.glob("*.txt"))
PAGES = sorted(p.stem for p in CLEAN_FIXTURES.glob("*.txt"))


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES_PATH)


def _collapse(s: str) -> str:
    return " ".join(s.split())


def check_map(raw: str, out: Cleaned) -> None:
    """The offset map's contract, shared by every test here."""
    assert len(out.offsets) == len(out.text)
    assert all(0 <= o < len(raw) for o in out.offsets)
    assert all(a <= b for a, b in zip(out.offsets, out.offsets[1:]))
    assert "\n".join(out.text[a:b] for a, b in out.blocks) == out.text
    assert all("\n" not in out.text[a:b] and a < b for a, b in out.blocks)
    for i, ch in enumerate(out.text):
        if ch == "\n":
            assert raw[out.offsets[i]] in "\r\n\x0b\x0c\u2028\u2029"
        elif ch == " ":
            assert raw[out.offsets[i]].isspace() or raw[out.offsets[i]] == "&"  # &nbsp; repaired
        elif raw[out.offsets[i]] != ch:
            line = next((s, e) for s, e in split_lines(raw) if s <= out.offsets[i] < e)
            assert ch in repair(raw[line[0]:line[1]])[0], (i, ch)


# ---------------------------------------------------------------------------------------------
# The five seeds.

# The page furniture of each seed, line by line as the raw text has it (whitespace collapsed).
SEED_FURNITURE = {
    "000": ["Copyright © 2019 Hainan Cancer Hospital All Rights Reserved.", "2019-01-30 from:"],
    "001": [],
    "002": ["English 中文版", "Clinical Center", "Medical Oncology", "Gynecologic Oncology",
            "Traditional Chinese Medicine/Integrative Oncology", "Radiation Oncology",
            "Medical Laboratory", "Contact Us", "Tel: +86-731-88651900", "Fax: +86-731-88651999",
            "Mail: hnszlyy_network@163.com",
            "Add: 283 Tongzipo Road, Yuelu District, Changsha, 410013, Hunan, P.R. China",
            "Home > News > Newsroom", "39Admin2020-06-25from:Hunan Cancer Hospital",
            "Clinical Service", "Find a Doctor", "Request an Appointment", "Research & Education",
            "Cancer Research", "Clinical Trials", "Selected Publications", "Graduate Education",
            "Resident Training", "Download Center", "About us"],
    "003": ["Position: Chongqing University Cancer Hospital NewsDetail"],
    "004": ["Home > Medical Services", "eguizhou.gov.cn| Updated: 2023-04-13 Print",
            "Copyright © China Daily. All rights Reserved."],
}


@pytest.fixture(scope="module")
def seeds():
    run = make_clean(str(RULES_PATH))
    out = {}
    for stem in SEEDS:
        raw = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
        gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        out[stem[:3]] = (raw, gold, run(raw))
    return out


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seed_metadata_equals_gold(seeds, key):
    raw, gold, out = seeds[key]
    assert (out.title, out.published, out.source) == (gold["title"], gold["published"], gold["source"])


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seed_keeps_every_gold_mention(seeds, key):
    raw, gold, out = seeds[key]
    position = {o: i for i, o in enumerate(out.offsets)}
    for ent in gold["entities"]:
        missing = [o for o in range(ent["start"], ent["end"]) if o not in position]
        assert not missing, (ent["text"], ent["start"])
        start, end = position[ent["start"]], position[ent["end"] - 1] + 1
        assert out.text[start:end] == _collapse(ent["text"])
        assert out.to_raw(start, end) == (ent["start"], ent["end"])


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seed_clean_text_is_the_article_without_furniture(seeds, key):
    """The blocks are exactly the raw lines that are not furniture, in order (bullets stripped)."""
    raw, gold, out = seeds[key]
    furniture = SEED_FURNITURE[key]
    blocks = [out.text[a:b] for a, b in out.blocks]
    for line in furniture:
        assert line not in blocks
        if len(line) > 12:
            assert line not in out.text
    expected = []
    for line in raw.splitlines():
        line = _collapse(line).lstrip("• ")
        if line and line not in furniture and not any(f in line for f in furniture if len(f) > 12):
            expected.append(line)
    assert blocks == expected
    check_map(raw, out)


def test_seed_records_have_no_entity_across_blocks(seed_records):
    assert seed_records
    for record in seed_records.values():
        for ent in record.entities:
            assert "\n" not in ent.text and "\r" not in ent.text, (record.doc_id, ent.text)
        assert record.title is not None


# ---------------------------------------------------------------------------------------------
# Hand-written noisy pages: tests/fixtures/clean/NAME.txt with NAME.json.

def test_page_fixture_set_is_complete():
    assert len(PAGES) >= 15
    for name in ("no_furniture", "chinese_spam_lines", "mojibake_zero_width"):
        assert name in PAGES
    for name in PAGES:
        spec = json.loads((CLEAN_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
        assert set(spec) >= {"text", "title", "published", "source"}, name


@pytest.mark.parametrize("name", PAGES)
def test_page(rules, name):
    raw = (CLEAN_FIXTURES / f"{name}.txt").read_bytes().decode("utf-8")
    want = json.loads((CLEAN_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    out = clean(raw, rules)
    assert out.text == want["text"]
    assert (out.title, out.published, out.source) == (want["title"], want["published"], want["source"])
    if out.title is not None:
        assert out.title == out.text[out.blocks[0][0]:out.blocks[0][1]] or out.title in out.text.split("\n")
    check_map(raw, out)


def test_page_without_furniture_only_loses_whitespace(rules):
    raw = (CLEAN_FIXTURES / "no_furniture.txt").read_text(encoding="utf-8")
    out = clean(raw, rules)
    assert out.text == "\n".join(_collapse(line) for line in raw.splitlines() if line.strip())
    assert re.sub(r"\s+", "", out.text) == re.sub(r"\s+", "", raw)


def test_typographic_quotes_survive_repair(rules):
    out = clean("“Healthy Sichuan” plan\n\nThe hospital’s ‘green channel’ opened in 2019 for patients from rural counties.", rules)
    assert "“Healthy Sichuan”" in out.text and "hospital’s ‘green channel’" in out.text


# ---------------------------------------------------------------------------------------------
# Bylines, dates, datelines.

BYLINES = [
    # text, published, source
    # a publisher's name before an unlabelled date prefix; an author field that names a paper; a
    # category beside a date names nobody; a source label in traditional characters
    ("Lanshan Finance Updated on 2024-01-28", "2024-01-28", "Lanshan Finance"),
    ("Author:Qingshan Evening News Time:2022.08.08", "2022-08-08", "Qingshan Evening News"),
    ("Author: Wang Wu Time: 2022.08.08", "2022-08-08", None),
    ("Jul 1, 2019 | Hospital News", "2019-07-01", None),
    # an outlet's initials before "in <date>" (a person's two names are no source); a release's
    # issuer, with February misspelt
    ("By LDN in August 3, 2025 \u2013 Reading time 3 minutes", "2025-08-03", "LDN"),
    ("By Wang Wu in August 3, 2025", "2025-08-03", None),
    ("Xinghe Health news release, Februry 27, 2018", "2018-02-27", "Xinghe Health"),
    # a known agency as the whole byline
    ("By Associated Press 2019-05-03", "2019-05-03", "Associated Press"),
    ("來源:Lanshan Central Hospital", None, "Lanshan Central Hospital"),
    # "By:" labels an author, "Posted in:" a category: neither is left over
    ("By: Wang Wu, November 11 2011Posted in: Hospital News", "2011-11-11", None),
    # ... but a body's name there is the one posting the page; a photo credit never names the source
    ("By: Lanshan Health Care, November 11 2011Posted in: Lanshan Health Care", "2011-11-11",
     "Lanshan Health Care"),
    ("Author: Qingshan Medical University Time: 2022.08.08", "2022-08-08", "Qingshan Medical University"),
    ("Photo source: Lanshan Provincial Health Commission", None, None),
    # a publisher in a field beside the author's
    ("By Wang Wu | Lanshan Daily", None, "Lanshan Daily"),
    ("Lanshan Weekly - - Business - By WANG WU and LI NA", None, "Lanshan Weekly"),
    ("39Admin2020-06-25from:Example Daily", "2020-06-25", "Example Daily"),
    ("某某医院 2019-01-30 from:", "2019-01-30", None),
    ("example.gov.cn| Updated: 2023-04-13 Print", "2023-04-13", "example.gov.cn"),
    ("Updated: 2023-04-13", "2023-04-13", None),
    ("Published: 12 March 2018", "2018-03-12", None),
    ("Date: 2019-05-20 Source: Health Commission of Gansu Province Views: 1283", "2019-05-20",
     "Health Commission of Gansu Province"),
    ("2015-07-28 09:48:00", "2015-07-28", None),
    ("2015-07-28 09:48:00 Source: News Center Clicks: 1250", "2015-07-28", None),
    ("Jul 1, 2019 | Hospital News", "2019-07-01", None),
    ("By LI MING in Lhasa | China Daily | Updated: 2019-05-20 07:23", "2019-05-20", "China Daily"),
    ("By Li Ming | chinadaily.com.cn | Updated: 2019-05-20 09:12", "2019-05-20", "chinadaily.com.cn"),
    ("Source: Xinhua| 2019-07-26 20:17:35|Editor: huaxia", "2019-07-26", "Xinhua"),
    ("Updated: Jul 26,2019 09:48 AM Xinhua", "2019-07-26", "Xinhua"),
    ("Posted on March 5, 2021 by admin", "2021-03-05", None),
    ("Release time: 2021-09-08 Author: Publicity Office", "2021-09-08", None),
    ("Source: Global Times", None, "Global Times"),
    ("From: www.example.org.cn", None, "www.example.org.cn"),
    ("Source: 本站", None, None),
    ("Source: admin", None, None),
    ("Editor: Li Ming", None, None),
    ("[ 2018/11/02 ]", "2018-11-02", None),
    ("发布时间：2020年3月15日", "2020-03-15", None),
    ("Time of release: 2019.05.06 | Views: 88", "2019-05-06", None),
    ("By Global Times Published: Jul 26, 2019 08:28 PM", "2019-07-26", "Global Times"),
    ("Updated 14:22, 26-Jul-2019", "2019-07-26", None),
    ("(People's Daily Online) 16:21, July 26, 2019", "2019-07-26", "People's Daily Online"),
    ("2019-07-26 16:20:45 | Editor: Li Na | Source: China News Service", "2019-07-26", "China News Service"),
    ("Published: 2:31pm, 26 Jul, 2019", "2019-07-26", None),
    ("CGTN", None, "CGTN"),
    ("(Web editor: Li Na, Wang Fang)", None, None),
    ("Source: Office of Communications    Date: 2019-12-27", "2019-12-27", None),
    ("Release time: 2021-10-14 Clicks: 532 Source: Party and Government Office", "2021-10-14", None),
    ("Date: 2022-08-19 Source: Shaanxi Daily 【Font size: L M S】 【Print】 【Close】", "2022-08-19",
     "Shaanxi Daily"),
    ("Source:Global Times Published: 2020/8/4 18:23:40", "2020-08-04", "Global Times"),
    # date labels of several words; a date written month first
    ("Source: Posted Date:11-18-2018", "2018-11-18", None),
    ("From:hy | Date Add in:2016-08-09 12:39:36", "2016-08-09", None),  # an editor's initials
    ("Updatetime:2020-12-16 11:17:26 From:International Office", "2020-12-16", None),  # generic office
    ("2014-September-17 08:53", "2014-09-17", None),
    # photo credits name no source
    ("Credit: Lanshan Central Hospital", None, None),
    ("Image source: provided to the reporter", None, None),
    ("Text and image credit: Directorate of International Affairs", None, None),
    # the publisher once tidied: a language note, a cut-off bracket, a reprint note, 'website'
    ("Source: Lanshan News (Chinese)", None, "Lanshan News"),
    ("Source: Lanshan News (Chin", None, "Lanshan News"),
    ("Source: This piece of news was reprinted from Lanshan Finance Channel", None, "Lanshan Finance Channel"),
    ("source from:wsx website", None, "wsx"),
    # a label glued to the value before it; an issue number is no publisher
    ("Source: Lanshan TimesEditor: Wang Wu", None, "Lanshan Times"),
    ("By Wang Wu \u00b7 2025-09-18 \u00b7 Source: NO.38 SEPTEMBER 18, 2025", "2025-09-18", None),
    # the publisher in brackets: alone, after the authors, before its author
    ("( example.com.cn )", None, "example.com.cn"),
    ("By Wang Wu in Lanshan(example.com.cn)", None, "example.com.cn"),
    ("By Wang Wu In Lanshan And Li Na In Qingshan( Lanshan Daily)", None, "Lanshan Daily"),
    ("(Example.org.cn by Wang Wu, April 5, 2007)", "2007-04-05", "Example.org.cn"),
    # a name ending in a publication's word beside the date; a count label
    ("2014-September-17 08:53 Lanshan Daily", "2014-09-17", "Lanshan Daily"),
    ("Lanshan Finance \u00b7 May 6 10:12", None, "Lanshan Finance"),  # a year-less date with its time
    ("1700000000000", "2023-11-14", None),  # a machine time stamp in milliseconds (UTC)
    # an event's date beside the word that names the event is no publication date
    ("Founded in: 1960-05-01", None, None),
    ("TO BE HELD ON MAY 4, 2010", None, None),
    ("Updated:2019-04-02 09:15:00 | Qingshan Gateway", "2019-04-02", "Qingshan Gateway"),
    ("Lanshan Today 2018-11-06", "2018-11-06", "Lanshan Today"),
    ("Editor : Time :2025-04-01 Browse Times :25 |", "2025-04-01", None),
    # "By" one capitalised word names a publisher; a person has two names
    ("By ExampleNews Updated Jan.1", None, "ExampleNews"),
    ("By ExSh", None, "ExSh"),
    ("By Wang Wu Updated Jan.1", None, None),
    # ... also after a comma, and a domain alone in brackets
    ("By, Examplepedia", None, "Examplepedia"),
    # a poster's name under a source label gives way to the publisher a later one names
    ("Publisher: Wang Wu From: Lanshan University Publish Date: 2021.03.14 Read Count: 12",
     "2021-03-14", "Lanshan University"),
    ("Source: Lanshan Daily From: Wang Wu", None, "Lanshan Daily"),
    ("By (example.com.cn)", None, "example.com.cn"),
]


def test_byline_fields_set_apart_by_wide_gaps_are_cut_there(rules):
    raw = ("Two hospitals sign pact\nSource: Yancheng Evening News    Font size: A+ A A-\n\n"
           "The two hospitals in Yancheng signed a pact on Monday to share doctors and beds.\n")
    assert clean(raw, rules).source == "Yancheng Evening News"


def test_a_wire_dateline_gives_the_wire_as_the_page_writes_it_and_is_cut(rules):
    raw = ("Tianfu Care to Open Clinic in Chengdu | Globe Newswire\nGlobe Newswire\n\n"
           "Tianfu Care to Open Clinic in Chengdu\n\n"
           "CHENGDU & LONDON, China--(GLOBE NEWSWIRE)--Tianfu Care Ltd. today said that it will open a "
           "clinic in Chengdu next year with 40 beds.\n")
    out = clean(raw, rules)
    assert out.source == "Globe Newswire"
    assert "NEWSWIRE" not in out.text and "\nTianfu Care Ltd. today" in out.text


def test_a_phone_or_address_line_without_colon_opens_no_contact_block(rules):
    raw = ("Clinic opens\n+86 574 8888 0000\nFenghua Clinic Opens Eye Ward\n\n"
           "The Fenghua clinic opened an eye ward on Monday with 30 beds, the company said.\n")
    assert "Fenghua Clinic Opens Eye Ward" in clean(raw, rules).text


def test_a_contacts_heading_opens_a_contact_block_and_more_news_from_ends_the_story(rules):
    raw = ("Clinic opens\n\nThe Fenghua clinic opened on Monday with 30 beds, the company said.\n\n"
           "Contacts\nInvestors:\nZhou Lan\nFenghua Care Ltd.\n+86 574 8888 0000\n\n"
           "More News From Fenghua Care Ltd.\nFenghua Care Reports 2023 Results\n")
    out = clean(raw, rules)
    assert out.text == "Clinic opens\nThe Fenghua clinic opened on Monday with 30 beds, the company said."


@pytest.mark.parametrize("text,published,source", BYLINES)
def test_bylines(rules, text, published, source):
    got = parse_byline(text, rules)
    assert got is not None, text
    assert (got.published, got.source) == (published, source)


NOT_BYLINES = [
    "By Wang Wu in Lanshan(Li Na)",  # a second author in brackets is no publisher
    "On July 26, 2018, the hospital alliance was officially signed in the teaching building.",
    "The hospital was founded on 2019-05-20 with 500 beds.",
    "Qilu Hospital celebrates its 120th anniversary on May 20, 2017",
    "Under the agreement signed in 2015 the two hospitals share staff",
    "From the beginning of this year the hospital has admitted patients from 12 provinces.",
    "Hospital Alliance was Established in Lanzhou Central Hospital",
    "By Wang Wu | Lanshan hospital news",  # beside the author, but not a publication's name
    "Lanshan Finance Apr 8",  # a year-less date without a time is no stamp
    "86153600123456",  # fourteen digits: a number, not a time stamp
]


@pytest.mark.parametrize("text", NOT_BYLINES)
def test_not_bylines(rules, text):
    assert parse_byline(text, rules) is None


@pytest.mark.parametrize("text,iso", [
    ("2019-01-30", "2019-01-30"), ("2019/1/3", "2019-01-03"), ("2019.12.31", "2019-12-31"),
    ("2019年5月6日", "2019-05-06"), ("Jul 1, 2019", "2019-07-01"), ("July 1,2019", "2019-07-01"),
    ("Sept. 9, 2020", "2020-09-09"), ("3 March 2018", "2018-03-03"), ("1st June 2021", "2021-06-01"),
    ("2019-02-30", None), ("2019-13-01", None), ("the 2019-2020 season", None), ("version 1.2.3", None),
    # month first with dashes or slashes; the year first with the month's name
    ("11-18-2018", "2018-11-18"), ("03/17/2017 16:41", "2017-03-17"), ("2014-September-17", "2014-09-17"),
    ("18-11-2018", None), ("1.11-18-2018", None),
    # a spaced point after the month; the day first when the month cannot come first
    ("MAR . 20 2017", "2017-03-20"), ("17/08/2021", "2021-08-17"), ("11/08/2021", "2021-11-08"),
    ("32/08/2021", None),
])
def test_find_date(rules, text, iso):
    got = find_date(text, rules)
    assert (got[0] if got else None) == iso


@pytest.mark.parametrize("text,rest,iso,month_day,agency", [
    ("BEIJING, July 26 (Xinhua) -- The commission said ...", "The commission", None, (7, 26), "Xinhua"),
    ("URUMQI, Feb. 3, 2020 (Xinhua) -- Hospitals in the region ...", "Hospitals", "2020-02-03", None, "Xinhua"),
    ("LHASA, Aug 8 (Xinhua) — A new hospital opened ...", "A new", None, (8, 8), "Xinhua"),
    ("HONG KONG, Jan. 5 (Reuters) - A hospital group ...", "A hospital", None, (1, 5), "Reuters"),
    ("KUNMING -- The provincial hospital said ...", "The provincial", None, None, None),
    ("(ECNS) -- Villagers in Jinggu county ...", "Villagers", None, None, "ECNS"),
    # a press-release wire names its service between slashes
    ("HEFEI, China, March 8, 2023 /PRNewswire/ -- Hengda Health said ...", "Hengda", "2023-03-08", None,
     "PRNewswire"),
    ("SHENZHEN, China, Oct. 9, 2021 /Business Wire/ -- A hospital ...", "A hospital", "2021-10-09", None,
     "Business Wire"),
    # a wire's "PLACE[ & PLACE], Country--(WIRE)--" with no date
    ("CHENGDU & LONDON, China--(GLOBE NEWSWIRE)--Tianfu Care Ltd. said ...", "Tianfu", None, None,
     "GLOBE NEWSWIRE"),
    ("NANNING, China -- (PR Newswire) -- A clinic group ...", "A clinic", None, None, "PR Newswire"),
    # a wire lead without a place
    ("March 7 (Reuters) - Lanshan Care Ltd said ...", "Lanshan", None, (3, 7), "Reuters"),
    ("(Example Global) July 6 -- A hospital group ...", "A hospital", None, (7, 6), "Example Global"),
    ("(Example Global) Jan.21 -- A hospital group ...", "A hospital", None, (1, 21), "Example Global"),
    ("(Wirenews) - A hospital group said ...", "A hospital", None, None, "Wirenews"),
    # the day before the month; the wire after the dash; the wire between points
    ("GUANGZHOU, 16 Sep (Example News Service) -- The ...", "The", None, (9, 16), "Example News Service"),
    ("HONG KONG, Aug. 24, 2012 -- /Example Newswire-Asia/ -- Lanshan Care said ...", "Lanshan",
     "2012-08-24", None, "Example Newswire-Asia"),
    ("HAIKOU, August 25. /Wirenews/. A hospital group ...", "A hospital", None, (8, 25), "Wirenews"),
    # the date in brackets before the place; the publisher before the date; a domain; the city after
    ("[April 10, 2017] LANSHAN (Reuters) - A hospital group ...", "A hospital", "2017-04-10", None, "Reuters"),
    ("ExampleScientist (Dec. 17, 2015) \u2013 A new hospital ...", "A new", "2015-12-17", None,
     "ExampleScientist"),
    ("example.com -- According to a filing, ...", "According", None, None, "example.com"),
    ("Lanshan Net (Changsha): The governor visited ...", "The governor", None, None, "Lanshan Net"),
    # an institution or news service names itself before the date (and the place, the reporters)
    ("Lanshan University, Mar. 29, 2013: Its new president said ...", "Its new", "2013-03-29", None,
     "Lanshan University"),
    ("Example News Service, Qingshan, April 12 (Wang Wu, Li Si) In April, the hospital ...", "In April",
     None, (4, 12), "Example News Service"),
    # an agency that leaves out the dash after its name
    ("Beijing, Aug 15 (Example Latina) China has launched a campaign ...", "China has", None, (8, 15),
     "Example Latina"),
    # a day written as an ordinal; an agency that writes its name in lowercase, or with a partner's
    ("LANSHAN, 13th October, 2023 (EXN) \u2013 A hospital group ...", "A hospital", "2023-10-13", None, "EXN"),
    ("LANSHAN, March 3rd (Example News) -- A hospital group ...", "A hospital", None, (3, 3), "Example News"),
    ("BAD LANSHAN VOR DER HOEHE (dpa-AFX) - A hospital group ...", "A hospital", None, None, "dpa-AFX"),
    ("LANSHAN (exn) - A hospital group ...", "A hospital", None, None, "exn"),
])
def test_datelines(rules, text, rest, iso, month_day, agency):
    cut, *meta = parse_dateline(text, rules)
    assert text[cut:].startswith(rest)
    assert meta == [iso, month_day, agency]


@pytest.mark.parametrize("text", [
    "Beijing is the capital of China and has many hospitals (about 200) -- a lot.",
    "The Hospital (West) -- east wing",
    "In 2019 the alliance grew.",
    # a place, or a name that is no institution's, before the date is no publisher
    "Lanshan, Mar. 29, 2013: The new president said ...",
    "Wang Wu, May 4, 2017: The new president said ...",
    "Beijing, Aug 15 (Monday) The hospital opened ...",  # a weekday in brackets names no agency
    "The Hospital (in English) - east wing",  # words in lowercase in brackets are no agency
])
def test_not_datelines(rules, text):
    assert parse_dateline(text, rules) is None


def test_dateline_cut_from_clean_text_and_offsets_follow(rules):
    raw = "Hospital alliance grows\n\nBEIJING, May 2, 2021 (Xinhua) -- The alliance added 20 members."
    out = clean(raw, rules)
    assert out.text == "Hospital alliance grows\nThe alliance added 20 members."
    assert (out.published, out.source) == ("2021-05-02", "Xinhua")
    start = out.text.index("The alliance")
    assert raw[out.offsets[start]:].startswith("The alliance")
    kept = clean(raw, rules, strip_dateline=False)
    assert "BEIJING, May 2, 2021 (Xinhua) -- The alliance" in kept.text
    assert kept.published == "2021-05-02"


@pytest.mark.parametrize("text", [
    "Wang Wu Reporter",                       # a name then a job, no reporter named after it
    "Lanshan all-media reporter Wang Wu",      # a lowercase word before the job: no publisher's name
    "All media reporter of Lanshan Daily, Wang Wu",
    "Staff reporter Wang Wu",                  # a generic credit names no publisher
    "By staff writers",
    "By Our Staff Reporter",
    "By Wang Wu Staff Writer",  # one writer: a person
    "Source from the Internet",
])
def test_reporter_lines_that_name_no_publisher(rules, text):
    found = parse_credit(text, rules)
    assert found is None or found.source is None


def test_labelled_credit_at_the_foot_outranks_the_name_opening_a_dateline(rules):
    story = ("Lanshan University opens a clinic\n\n"
             "Lanshan University, December 4, 2017: The university opened a clinic in Qingshan, "
             "the first of its kind in the county.\n\n")
    out = clean(story, rules)
    assert (out.published, out.source) == ("2017-12-04", "Lanshan University")
    assert out.text == "Lanshan University opens a clinic\nThe university opened a clinic in Qingshan, " \
        "the first of its kind in the county."
    assert clean(story + "Source: Lanshan Campus News\n", rules).source == "Lanshan Campus News"


def test_a_wire_lead_below_site_blurbs_gives_the_agency_but_a_lone_teaser_does_not(rules):
    top = ("Lanshan Wire Portal, the region's gateway to news on trade, health and culture across Asia "
           "and beyond its borders\n\n"
           "The full edition of the report is available in the Lanshan Wire Database for subscribers.\n\n"
           "Click on the button below to create your account and read thousands of articles.\n\n"
           "Lanshan hospital group buys Qingshan clinic chain\n\n"
           "Abstract : The Lanshan hospital group bought a chain of eye clinics in Qingshan on Thursday.\n\n")
    lead = ("QINGSHAN, May 2 (Example News) -- The Lanshan hospital group bought a chain of eye clinics "
            "in Qingshan on Thursday.\n\n")
    story = top + lead + "The deal, worth 150 million yuan, makes the group the region's largest eye care provider.\n"
    out = clean(story, rules)
    assert out.source == "Example News"
    assert "QINGSHAN" not in out.text and "\nThe Lanshan hospital group bought" in out.text
    check_map(story, out)
    teaser = clean(top + lead + "Read more\n", rules)  # another story's teaser, alone
    assert teaser.source is None and "QINGSHAN, May 2" in teaser.text


def test_credit_lines_at_the_foot_give_the_source_and_leave_the_text(rules):
    raw = ("Lanshan hospital to run county clinics\n\n" + BODY + "\nSource from the Lanshan University News Center\n"
           "Translated and edited by Wang Wu\n")
    out = clean(raw, rules)
    assert out.source == "Lanshan University News Center"
    assert "Wang Wu" not in out.text and "News Center" not in out.text


def test_event_date_is_not_publication_date(rules):
    raw = ("Gansu hospital joins national alliance\n\n"
           "On July 26, 2018, Gansu Provincial Hospital joined the alliance, the hospital said.\n\n"
           "The alliance was founded on 2016-03-01 in Beijing by 12 hospitals.")
    assert clean(raw, rules).published is None


def test_yearless_byline_date_needs_an_unambiguous_year(rules):
    base = "Hospitals sign deal\n\nUpdated: Mar 5 14:20\n\n"
    anchored = base + "The two hospitals signed the agreement on March 4, 2021 in Xining, the hospital said.\n"
    assert clean(anchored, rules).published == "2021-03-05"
    open_ = base + "The two hospitals first cooperated on October 4, 2017 in Xining, the hospital said.\n"
    assert clean(open_, rules).published is None
    two = base + ("They met on March 1, 2021 and on March 2, 2020, the hospital said in a statement "
                  "issued in Xining.\n")
    assert clean(two, rules).published is None


# ---------------------------------------------------------------------------------------------
# Line shapes.

@pytest.mark.parametrize("text,expected", [
    ("Home > News > Newsroom", True), ("Home > Medical Services", True), ("Home >> News", True),
    ("Home / China / Society", True), ("Position: Example Hospital NewsDetail", True),
    ("Current Location: Home > News", True), ("You are here: Home » News", True),
    ("当前位置：首页 > 新闻", True), ("News » Hospital News » Notices", True),
    ("Your current location:Home >> City News", True), ("Home - Centers - Lanshan", True),
    ("China - ASEAN health forum opens", False),
    ("Traditional Chinese Medicine/Integrative Oncology", False),
    ("Patients > 60 years old receive free screening at the hospital", False),
    ("The ratio of doctors to nurses is 1 > 2 in rural areas and worse in towns.", False),
])
def test_breadcrumbs(rules, text, expected):
    assert is_breadcrumb(text, rules) is expected


@pytest.mark.parametrize("text,expected", [
    ("Tel: +86-28-85422114", True), ("Fax: 0531-82169114", True), ("E-mail: news@example.cn", True),
    ("Add: 37 Guoxue Alley, Chengdu", True), ("Postcode: 610041", True), ("Contact Us", True),
    ("24-hour service: +86 731 8432 8000", True), ("+86 (0)28 8542 2114", True),
    ("Jilin University, 2699 Qianjin St, Changchun, 130012, P.R. China", True),
    ("The hospital has 4,300 beds and 12,000 staff.", False),
    ("The clinic at 12 Renmin Road opened in 2019 to serve 200000 residents.", False),
    ("Contact between the two hospitals began in 2015 through a training program.", False),
    ("Media contact:", True), ("Contacts", True), ("Press inquiries", True), ("For more information, please contact:", True),
    ("Media coverage of the new hospital was wide and the alliance grew.", False),
])
def test_contact_lines(rules, text, expected):
    assert is_contact(text, rules) is expected


@pytest.mark.parametrize("text,source", [
    ("This article appeared in the Guizhou Evening Post print edition as: Guizhou picks surgeon", "Guizhou Evening Post"),
    ("This story first appeared on Sixth Tone.", "Sixth Tone"),
    ("Originally published by Caixin Global on May 3", "Caixin Global"),
    # a paper's reporter credit: the paper, then its reporters
    ("Text | Lanshan Weekly reporter Wang Wu and Li Si", "Lanshan Weekly"),
    ("Qingshan Daily Head Media Reporter Wang Wu / Li Si", "Qingshan Daily"),
    ("Example News correspondent Wang Wu", "Example News"),
    # a publication's staff; a credit that names where the story came from; an encyclopedia
    ("By Lanshan Medical Weekly staff writers", "Lanshan Medical Weekly"),
    ("By Qingshan Times Staff", "Qingshan Times"),
    ("Source from the Lanshan University News Center", "Lanshan University News Center"),
    ("From Examplepedia, the free encyclopedia", "Examplepedia"),
])
def test_credit_sentences_name_the_publisher(rules, text, source):
    assert parse_credit(text, rules).source == source


@pytest.mark.parametrize("text", [
    "The article appeared in March. It said so.",
    "The report was published in March by the commission.",
    "This article appeared in the Guizhou Evening Post and was then reprinted by a dozen county papers across "
    "the province within a week of its first printing there.",
])
def test_sentences_about_publishing_are_not_credits(rules, text):
    assert parse_credit(text, rules) is None


def test_list_after_colon_is_content_but_same_shape_on_top_is_menu(rules):
    raw = (CLEAN_FIXTURES / "member_list_not_menu.txt").read_text(encoding="utf-8")
    blocks = clean(raw, rules).text.split("\n")
    assert "Baoji Central Hospital" in blocks and "Departments" not in blocks


def test_labelled_source_outranks_a_masthead_and_the_browser_title_is_header(rules):
    raw = ("Hospital opens branch in Aksu - Example Wire | English.example.cn\nXinhuanet\n"
           "Home | China | World | Business\n"
           "Hospital opens branch in Aksu\nSource: Xinhua| 2021-06-08 19:36:12|Editor: huaxia\n"
           "AKSU, June 8 (Xinhua) -- A branch of Xinjiang Medical University's first affiliated hospital "
           "opened in Aksu on Tuesday, local authorities said.\n"
           "Get the latest news and insights from Example Wire\n")
    out = clean(raw, rules)
    assert (out.title, out.published, out.source) == ("Hospital opens branch in Aksu", "2021-06-08", "Xinhua")
    assert "Example Wire" not in out.text and "latest news" not in out.text


def test_the_browser_title_names_the_headline_over_a_subheadline_below_it(rules):
    raw = ("Lishui Clinic Group to Build Eye Hospital in Lishui | Example Wire\nExample Wire\n\n"
           "Lishui Clinic Group to Build Eye Hospital in Lishui\n\n"
           "200-bed hospital in Liandu District is expected to open in the first half of 2026\n\n"
           "May 4, 2024 09:00 AM China Standard Time\n\n"
           "LISHUI, China--(Example Wire)--Lishui Clinic Group Ltd. today said it will build an eye "
           "hospital in Liandu District with 200 beds.\n")
    out = clean(raw, rules)
    assert out.title == "Lishui Clinic Group to Build Eye Hospital in Lishui"
    assert "200-bed hospital in Liandu District" in out.text


def test_a_short_title_case_headline_under_a_menu_is_not_taken_for_an_author(rules):
    raw = ("Home | China | World | Business | Lifestyle\nHospitals Join Forces\nUpdated: 2021-05-04 10:00\n\n"
           "Three hospitals in Wuhu formed an alliance on Monday to share records and doctors across the city.\n")
    out = clean(raw, rules)
    assert (out.title, out.published) == ("Hospitals Join Forces", "2021-05-04")


def test_headline_without_full_stop_is_its_own_block(rules):
    out = clean("Qinghai hospitals form alliance\nThe alliance has 12 members in Xining and nearby towns.", rules)
    assert out.blocks[0] == (0, len("Qinghai hospitals form alliance"))
    assert out.text[out.blocks[0][1]] == "\n" and out.title == "Qinghai hospitals form alliance"


def test_page_that_opens_with_a_paragraph_has_no_title(rules):
    raw = ("The First Hospital of Jilin University signed an agreement with Changchun Central Hospital on "
           "Monday to share specialists and set up a joint emergency center, the city said.\n\n"
           "The agreement runs for five years.")
    assert clean(raw, rules).title is None


# ---------------------------------------------------------------------------------------------
# Repair and whitespace with exact offsets.

def test_repair_maps_fixed_characters_onto_their_mojibake():
    text, offs = repair("People\u00e2\u20ac\u2122s Hospital")
    assert text == "People\u2019s Hospital"
    assert offs[:6] == list(range(6)) and offs[6] in (6, 7, 8) and offs[7:] == list(range(9, 19))


def test_collapse_drops_invisible_characters_and_maps_spaces_to_their_run():
    raw = "\u00a0 West\u200b China\u00ad  Hospital \u3000"
    text, offs = collapse(raw, list(range(len(raw))))
    assert text == "West China Hospital"
    assert [raw[o] for o in offs if raw[o] != " "] == [c for c in text if c != " "]
    assert raw[offs[4]] == " " and raw[offs[4] - 1] == "\u200b"


@pytest.mark.parametrize("raw,lines", [
    ("a\r\nb\rc\nd", ["a", "b", "c", "d"]), ("a\u2028b", ["a", "b"]), ("", [""]),
    ("a\n", ["a", ""]), ("a\x85b", ["a\x85b"]),
])
def test_split_lines(raw, lines):
    assert [raw[s:e] for s, e in split_lines(raw)] == lines


def test_crlf_and_lone_cr_give_the_same_blocks(rules):
    text = "Gansu hospital opens\n\nThe hospital opened on Monday in Lanzhou with 800 beds for patients.\n"
    outs = [clean(text.replace("\n", sep), rules) for sep in ("\n", "\r\n", "\r")]
    assert len({o.text for o in outs}) == 1


# ---------------------------------------------------------------------------------------------
# The stage as configured, rules validation, determinism.

def test_stage_built_from_the_default_config(settings):
    from consortia.pipeline import build_clean

    run = build_clean(settings)
    out = run("Tibet hospital opens\n\nUpdated: 2020-08-01\n\nThe hospital opened in Lhasa on Friday with 300 beds.")
    assert isinstance(out, Cleaned) and out.published == "2020-08-01" and out.title == "Tibet hospital opens"


def test_same_input_same_output(rules):
    raw = (CLEAN_FIXTURES / "gov_provincial_date_source.txt").read_text(encoding="utf-8")
    assert clean(raw, rules) == clean(raw, load_rules(RULES_PATH))


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d.update(unknown_key=1), "unknown_key"),
    (lambda d: d["furniture_lines"].append("(unclosed"), "clean rules"),
    (lambda d: d["months"].update(smarch=13), "1..12"),
    (lambda d: d.pop("shape"), "shape"),
    # an outlet recorded under two lists, or a list without its public address
    (lambda d: d["news_outlets"]["lists"].append({"address": "https://example.org/a", "names": [
        d["news_outlets"]["lists"][0]["names"][0].upper()]}), "listed twice"),
    (lambda d: d["news_outlets"]["lists"].append({"address": "a list", "names": ["Lanshan Evening Post"]}), "address"),
])
def test_bad_rules_file_is_a_config_error(tmp_path, mutate, message):
    data = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_rules(path)


def test_missing_rules_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="clean rules"):
        make_clean(str(tmp_path / "nope.json"))


def test_clean_settings_are_honoured_and_checked():
    from consortia.config import load_settings
    from consortia.pipeline import build_clean

    raw = "Tibet hospital opens\n\nLHASA, May 2, 2021 (Xinhua) -- The hospital opened with 300 beds in the city."
    kept = build_clean(load_settings(overrides={"clean.strip_dateline": False}))(raw)
    assert kept.text.startswith("Tibet hospital opens\nLHASA, May 2, 2021 (Xinhua) -- The hospital")
    with pytest.raises(Exception, match="bogus"):
        build_clean(load_settings(overrides={"clean.bogus": 1}))


@pytest.mark.parametrize("raw, title, published", [
    # a crawl that saves the page's date as a field before the headline
    (" date 2023-12-21 Lanshan hospital's east branch starts trial operation\n\nThe east branch of "
     "Lanshan Central Hospital opened on Wednesday with 300 beds, the city's health commission said.\n",
     "Lanshan hospital's east branch starts trial operation", "2023-12-21"),
    # a month alone is no publication date: the field is cut all the same
    ("date 2017-08 Qingshan clinic joins alliance\n\nQingshan Clinic joined the Beiling Heart Alliance "
     "last week, the alliance said in a statement on its website.\n",
     "Qingshan clinic joins alliance", None),
])
def test_a_leading_date_field_is_the_publication_date_not_the_title(rules, raw, title, published):
    c = clean(raw, rules)
    assert (c.title, c.published) == (title, published)
    assert "date 20" not in c.text
    start, end = c.to_raw(0, len(title))
    assert raw[start:end] == title


# ---------------------------------------------------------------------------------------------
# Whole pages: where the headline is, what is furniture around it, and the credit lines.

BODY = ("The Lanshan Central Hospital signed an agreement with Qingshan County on Monday to run "
        "the county's two clinics for ten years, the county said.\n\n"
        "The clinics will share records and send patients with serious illness to the city.\n")

PAGES_METADATA = [
    # (page, title, published, source)
    # a date line and page furniture above a headline with no byline beside it
    ("date 2020-02-12\nThe story appears on\nPage A2\nFebruary 12, 2020\nFree for subscribers\n"
     "Related News\nQingshan clinics change hands\n" + BODY, "Qingshan clinics change hands", "2020-02-12", None),
    ("date 2021-09-29\nNews / Metro\n\nQingshan clinics change hands\n\n" + BODY,
     "Qingshan clinics change hands", "2021-09-29", None),
    # a paragraph-length headline without a full stop ("!" and "?" and abbreviations allowed),
    # a credit line between it and the first paragraph
    ("Lanshan Central Hospital takes over the running of the two clinics of Qingshan County for the "
     "next ten years\n\n" + BODY, "Lanshan Central Hospital takes over the running of the two clinics "
     "of Qingshan County for the next ten years", None, None),
    ("All handed over in 10 days! Qingshan County gives the running of its two clinics to the city's "
     "central hospital\nThe author of this article: Wang Wu\n" + BODY,
     "All handed over in 10 days! Qingshan County gives the running of its two clinics to the city's "
     "central hospital", None, None),
    ("About Us News\nDr. Wang Wu, president of Lanshan Central Hospital, has been named a model "
     "worker of Qingshan County\n" + BODY, "Dr. Wang Wu, president of Lanshan Central Hospital, has "
     "been named a model worker of Qingshan County", None, None),
    # furniture above the headline
    ("Welcome to the official website of Lanshan Central Hospital\nNews\n"
     "Lanshan Central Hospital to run Qingshan clinics\n" + BODY,
     "Lanshan Central Hospital to run Qingshan clinics", None, None),
    ("Shortcut to Body Shortcut to main menu\nLoading\nAdvertisement\ntop of page\n0 Comments\n"
     "Lanshan Central Hospital to run Qingshan clinics\n" + BODY,
     "Lanshan Central Hospital to run Qingshan clinics", None, None),
    ("This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies "
     "and to our privacy policy for this site.\nThe Future of County Clinics\n" + BODY,
     "The Future of County Clinics", None, None),
    ("This site is operated by Example Media Limited, a company registered in England with company number "
     "123 whose registered office is in London.\nThis copy is for your personal, non-commercial use only, "
     "for copies please contact us.\nLanshan hospital to run county clinics\nThis article was originally "
     "published in Lanshan Daily\n" + BODY, "Lanshan hospital to run county clinics", None, "Lanshan Daily"),
    ("Print Mail Large Medium Small 0\nArrowIconCreated with Sketch.Icon Mail\n"
     "Original title: Lanshan Central Hospital signs a ten-year agreement with the county of Qingshan "
     "to run its clinics.\nLanshan hospital to run county clinics\n" + BODY,
     "Lanshan hospital to run county clinics", None, None),
    ("<!-- InstanceBeginEditable name=\"doctitle\" --> Lanshan Hospital <!-- InstanceEndEditable -->\n"
     "Lanshan hospital to run county clinics\n" + BODY, "Lanshan hospital to run county clinics", None, None),
    ("main-gate.jpg\nLANSHAN-QINGSHAN-CLINIC-HANDOVER\nLanshan Medical News (Vol 26 | Issue 2)\n"
     "Lanshan hospital to run county clinics\n" + BODY, "Lanshan hospital to run county clinics", None, None),
    # a photo caption is neither the headline nor the story's start
    ("The gate of a Qingshan clinic, one of the two the hospital will run. Photo: Example Agency\n"
     "Lanshan hospital to run county clinics\n" + BODY, "Lanshan hospital to run county clinics", None, None),
    ("The gate of a Qingshan clinic. [Photo/example.com.cn]\nLanshan hospital to run county clinics\n"
     + BODY, "Lanshan hospital to run county clinics", None, None),
    # a trail of section names run into the headline that follows it
    ("Trade Resources Industry Views Lanshan hospital to run county clinics\n\n"
     "Lanshan hospital to run county clinics\n" + BODY, "Lanshan hospital to run county clinics", None, None),
    # link texts ending in the same site name are page header
    ("Skip to Content\nLanshan, China | Example International Division\nMap of China | Example International "
     "Division\n\nCounty Clinic Development in Qingshan and Beyond\n" + BODY,
     "County Clinic Development in Qingshan and Beyond", None, None),
    # a subheadline opened by a dash is not the headline
    ("Lanshan Central Hospital\n-Affiliate of Lanshan Medical University\n" + BODY,
     "Lanshan Central Hospital", None, None),
    # "U.S." opens a headline, not a list item
    ("U.S. hospital group to advise Qingshan clinics\n" + BODY,
     "U.S. hospital group to advise Qingshan clinics", None, None),
    # a speaker's label and a hard-wrapped paragraph are no headline
    ("Wang Wu:\nLadies and gentlemen, welcome to today's briefing on the clinics of Qingshan County and "
     "the hospital that will run them.\n" + BODY, None, None, None),
    ("On the morning of April 18, a delegation of six from Qingshan had an\n"
     "exchange visit to the hospital, and they were the county's\ndoctors and nurses.\n" + BODY,
     None, None, None),
    # furniture glued to the headline is cut from it
    ("News | Lanshan hospital signs agreement to run county clinics\nMar 13, 2023\n" + BODY,
     "Lanshan hospital signs agreement to run county clinics", "2023-03-13", None),
    ("Lanshan hospital signs agreement to run county clinics |\nEditor : Time :2025-04-01 Views :25 |\n"
     + BODY, "Lanshan hospital signs agreement to run county clinics", "2025-04-01", None),
    ("Great news! Qingshan patients can see city doctors at home! 03/17/2017 16:41\n" + BODY,
     "Great news! Qingshan patients can see city doctors at home!", "2017-03-17", None),
    ("= Lanshan Central Hospital =\n" + BODY, "Lanshan Central Hospital", None, None),
    # an author's name under a masthead under the headline: the masthead credits the publisher
    ("County clinics pass to Lanshan Central Hospital\n\nLanshan Military Online\nWang Wu\n"
     "2022-12-06 17:14:16\n\n" + BODY, "County clinics pass to Lanshan Central Hospital", "2022-12-06",
     "Lanshan Military Online"),
    # a publication's name alone under the headline; a short line of other words there is no credit
    ("County clinics pass to Lanshan Central Hospital\nLanshan Business Journal\n" + BODY,
     "County clinics pass to Lanshan Central Hospital", None, "Lanshan Business Journal"),
    ("County clinics pass to Lanshan Central Hospital\nLanshan Business Journal says\n" + BODY,
     "County clinics pass to Lanshan Central Hospital", None, None),
    # a publisher credited at a paragraph's end or on the copyright line, when no byline names one
    ("Lanshan hospital to run county clinics\n" + BODY.rstrip() + " (Source: Example Agency)\n",
     "Lanshan hospital to run county clinics", None, "Example Agency"),
    ("Lanshan hospital to run county clinics\n" + BODY + "Copyright 2020. All rights reserved. "
     "Presented by Lanshan Daily\n", "Lanshan hospital to run county clinics", None, "Lanshan Daily"),
    ("Lanshan hospital to run county clinics\nSource: Qingshan Evening News\n" + BODY
     + "All rights reserved. Presented by Lanshan Daily\n",
     "Lanshan hospital to run county clinics", None, "Qingshan Evening News"),
    # a headline of four words or more above the byline, its subheadline below it
    ("Home / China / Society\nLanshan clinics get makeover with new wing\n"
     "By Wang Wu in Lanshan | Lanshan Daily | Updated: 2017-11-15 07:14\n"
     "City provides millions of yuan, the latest devices in upgrade\n" + BODY,
     "Lanshan clinics get makeover with new wing", "2017-11-15", "Lanshan Daily"),
    # a date above the headline is the site's today, the one under it the article's
    ("Monday, 4 March 2024\n\nLanshan hospital to run county clinics\n\n12 June 2019 | News\n\n" + BODY,
     "Lanshan hospital to run county clinics", "2019-06-12", None),
    ("Monday, 4 March 2024\n\nLanshan hospital to run county clinics\n\n" + BODY,
     "Lanshan hospital to run county clinics", "2024-03-04", None),
    # a machine time stamp under the headline and the publisher's name
    ("Lanshan hospital to run county clinics\nCGTN\n1700000000000\n\n" + BODY,
     "Lanshan hospital to run county clinics", "2023-11-14", "CGTN"),
    # wire leads: the source, and the lead is the story, not the headline
    ("date 2017-08 March 7 (Reuters) - Lanshan Care Ltd :\n\n* Says it will buy a 60 percent stake in "
     "a Qingshan hospital for 172 million yuan from its founder and two funds\n",
     None, None, "Reuters"),
    ("(Wirenews) - Lanshan Care Ltd. said on Monday that it has agreed to sell its stake in two "
     "clinics of Qingshan County to the county.\n\nThe sale ends ten years of ownership.\n",
     None, None, "Wirenews"),
    # a magazine's issue named again without the running header's page number is the header too
    ("Example Health Review May 2019\n\n12 | EXAMPLE HEALTH REVIEW MAY 2019\n\n" + BODY,
     None, None, "Example Health Review"),
    ("Example Health Review May 2019\n12 | Example Health Review May 2019\nClinics for the county\n" + BODY,
     "Clinics for the county", None, "Example Health Review"),
]


@pytest.mark.parametrize("raw,title,published,source", PAGES_METADATA)
def test_page_metadata(rules, raw, title, published, source):
    out = clean(raw, rules)
    check_map(raw, out)
    assert (out.title, out.published, out.source) == (title, published, source)
    if title is not None:
        assert title in out.text.split("\n")


@pytest.mark.parametrize("second, title", [
    # a headline cut at a fixed width: its end on the next line
    ("of Xinghe Province", "Introduction of the First People's Hospital of Xinghe Province"),
    # a credit under the headline is no part of it
    ("by Li Ming", "Introduction of the First People's Hospital"),
    ("Xinghe Daily", "Introduction of the First People's Hospital"),
])
def test_title_text_takes_the_end_of_a_wrapped_headline(rules, second, title):
    page = (f"Introduction of the First People's Hospital\n{second}\n"
            "The First People's Hospital of Xinghe Province was founded in 1939 and has grown into the "
            "largest general hospital of the province, with three campuses and 3,000 beds.\n")
    lines, pick = read_page(page, rules)
    assert title_text(lines, 0, pick, rules) == title


@pytest.mark.parametrize("second, title", [
    # a headline cut inside a body's name: the name's head word opens the next line
    ("University (Xinghe Provincial Hospital)",
     "Introduction of the Affiliated Hospital of Xinghe First Medical University (Xinghe Provincial Hospital)"),
    ("University", "Introduction of the Affiliated Hospital of Xinghe First Medical University"),
    # ... not a section's label under it
    ("University News", "Introduction of the Affiliated Hospital of Xinghe First Medical"),
])
def test_title_text_takes_the_head_of_a_name_cut_off_the_headline(rules, second, title):
    page = (f"Introduction of the Affiliated Hospital of Xinghe First Medical\n{second}\n"
            "The Affiliated Hospital of Xinghe First Medical University was founded in 1939 and has grown "
            "into the largest general hospital of the province, with three campuses and 3,000 beds.\n")
    lines, pick = read_page(page, rules)
    assert title_text(lines, 0, pick, rules) == title


@pytest.mark.parametrize("text,published,source", [
    # a source label set off by a dash or a bar, as by a colon
    ("Source - Lanshan Evening News", None, "Lanshan Evening News"),
    ("SOURCE | Qingshan Daily", None, "Qingshan Daily"),
    ("Via: Qingshan Daily", None, "Qingshan Daily"),
    # the author, then the publication after a comma or "for"
    ("By Wang Wu, Lanshan Daily", None, "Lanshan Daily"),
    ("By Li Ming for the Qingshan Times", None, "Qingshan Times"),
    # a date field holding the site's address; a site's address beside a date loses its "www."
    ("Updated: example-health.cn", None, "example-health.cn"),
    ("Updated: May 4, 2019 www.example-health.com Print", "2019-05-04", "example-health.com"),
    # a labelled credit keeps the address as written
    ("Source: www.example-health.com", None, "www.example-health.com"),
])
def test_source_wordings_of_unseen_sites(rules, text, published, source):
    got = parse_byline(text, rules)
    assert got is not None, text
    assert (got.published, got.source) == (published, source)


@pytest.mark.parametrize("text", [
    "By Wang Wu, Li Ming",          # two authors: no publication after the comma
    "By Wang Wu for three years",   # no capitalised name after "for"
    "Source - ",                    # a label without a value
])
def test_author_lines_with_comma_or_for_name_no_publisher(rules, text):
    got = parse_byline(text, rules)
    assert got is None or got.source is None


@pytest.mark.parametrize("text,source", [
    ("Reprinted from Lanshan Daily", "Lanshan Daily"),
    ("Republished with permission from the Qingshan Times.", "Qingshan Times"),
    ("This article was reproduced from Lanshan Medical Weekly", "Lanshan Medical Weekly"),
    ("Originally published at Example Health Review", "Example Health Review"),
])
def test_reprint_notes_name_the_publisher(rules, text, source):
    assert parse_credit(text, rules).source == source


def test_a_reprint_note_at_the_story_foot_gives_the_source(rules):
    raw = ("Xinghe Hospital opens a heart centre\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n"
           "Reprinted from Lanshan Daily\n")
    out = clean(raw, rules)
    assert out.source == "Lanshan Daily"
    assert "Reprinted" not in out.text


@pytest.mark.parametrize("text,published,source", [
    # the words joining a publisher's name to the date beside it are no part of the name
    ("Posted on March 4, 2021 by Lanshan Daily", "2021-03-04", "Lanshan Daily"),
    ("Lanshan Daily on March 4, 2021", "2021-03-04", "Lanshan Daily"),
    ("From Qingshan Times 2021-03-04", "2021-03-04", "Qingshan Times"),
    # the author before a comma is no part of it either
    ("Wang Wu, Lanshan Daily, March 4, 2021", "2021-03-04", "Lanshan Daily"),
    # the publisher in brackets after the authors, with a date field after it
    ("By Wang Wu (Lanshan Daily) Updated: 2021-03-04", "2021-03-04", "Lanshan Daily"),
    # a rights notice run on after the publisher
    ("Source: Lanshan Daily. All rights reserved. 2021-03-04", "2021-03-04", "Lanshan Daily"),
])
def test_publisher_beside_a_date_without_the_words_around_it(rules, text, published, source):
    got = parse_byline(text, rules)
    assert got is not None, text
    assert (got.published, got.source) == (published, source)


@pytest.mark.parametrize("text", [
    "Posted on March 4, 2021 by Wang Wu",  # a person posted it
    "Wang Wu, Li Ming, March 4, 2021",      # two authors
    "By Wang Wu (Li Ming) 2021-03-04",      # a second author in brackets
])
def test_a_person_beside_a_date_is_no_source(rules, text):
    got = parse_byline(text, rules)
    assert got is None or got.source is None


def test_a_credit_sentence_may_name_a_domain(rules):
    assert parse_credit("This article first appeared on example-health.cn", rules).source == "example-health.cn"
    assert parse_credit("The article appeared in march.", rules) is None


@pytest.mark.parametrize("text,source", [
    ("Lanshan Times 6 days ago", "Lanshan Times"),
    ("Qingshan Daily · 3 hours ago", "Qingshan Daily"),
    ("By Lanshan Times - 3 weeks ago", "Lanshan Times"),  # "By" credits the site, it is not its name
])
def test_a_site_name_beside_the_story_age_is_the_source(rules, text, source):
    raw = ("Xinghe Hospital opens a heart centre\n" + text + "\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n")
    out = clean(raw, rules)
    assert (out.published, out.source) == (None, source)


def test_a_review_credited_beside_the_date_is_the_source(rules):
    raw = ("Xinghe Hospital opens a heart centre\nFrom Lanbo Review 2025-04-11\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n")
    out = clean(raw, rules)
    assert (out.published, out.source) == ("2025-04-11", "Lanbo Review")


def test_a_person_beside_the_story_age_is_no_source(rules):
    raw = ("Xinghe Hospital opens a heart centre\nWang Wu 2 hours ago\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n")
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("text,source", [
    # a publication's edition in brackets stays part of its name
    ("Lanshan Daily (Europe) - - BUSINESS - By WANG WU in Qingshan", "Lanshan Daily (Europe)"),
    ("Source: (Qingshan Times)", "Qingshan Times"),
    # a slash-like separator between fields, in any of its widths
    ("Lanshan Daily \u2571 2021-03-04", "Lanshan Daily"),
    ("Lanshan Daily \uff0f 2021-03-04", "Lanshan Daily"),
])
def test_editions_and_slash_separators(rules, text, source):
    assert parse_byline(text, rules).source == source


def test_a_reporter_line_with_a_slash_names_the_paper(rules):
    assert parse_credit("Lanshan Evening News \u2571 correspondent Wang Wu / Qingshan report]", rules).source \
        == "Lanshan Evening News"


@pytest.mark.parametrize("text,source", [
    ("Source: http://www.example-health.cn/news/2023/0816/123.html", "www.example-health.cn"),
    ("Source: https://example-health.cn", "example-health.cn"),
    ("From: www.example-health.cn/en/index.html", "www.example-health.cn"),
])
def test_a_source_address_credits_its_host(rules, text, source):
    assert parse_byline(text, rules).source == source


@pytest.mark.parametrize("line", ["(Photo/Lanshan Daily)", "[Photo/Lanshan Daily]", "LI MING/LANSHAN DAILY"])
def test_a_photo_credit_with_a_slash_is_never_the_source(rules, line):
    raw = ("Xinghe Hospital opens a heart centre\n" + line + "\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n")
    assert clean(raw, rules).source is None


@pytest.mark.parametrize("text,agency", [
    ("QINGSHAN, March 4, 2021 -- (Lanshan Daily) -- Xinghe Hospital opened a clinic.", "Lanshan Daily"),
    ("Qingshan, March 4 (Lanshan Daily): Xinghe Hospital opened a clinic.", "Lanshan Daily"),
    # the day before the month, with the year, and an agency's initials
    ("Qingshan, 4 March 2021 (LDN): Xinghe Hospital opened a clinic.", "LDN"),
    # the agency's writer inside its brackets
    ("QINGSHAN, March 4 (Lanshan Daily, by Lanshan Daily writer Li Ming) -- Xinghe Hospital opened a clinic.",
     "Lanshan Daily"),
])
def test_datelines_with_the_agency_after_a_dash_or_before_a_colon(rules, text, agency):
    cut, _, _, found = parse_dateline(text, rules)
    assert found == agency
    assert text[cut:] == "Xinghe Hospital opened a clinic."


@pytest.mark.parametrize("text,source", [
    # the next field run on without its colon, and UI words glued on after the value
    ("Source: Lanshan Daily Editor Wang Wu", "Lanshan Daily"),
    ("Source: Lanshan Daily Views 120", "Lanshan Daily"),
    ("Source: Lanshan Daily Font size: big medium small", "Lanshan Daily"),
    ("Source: Lanshan Daily Print Close", "Lanshan Daily"),
    # a field word inside a publication's name stays
    ("Source: The Editor Daily", "The Editor Daily"),
])
def test_a_source_value_ends_where_the_next_field_begins(rules, text, source):
    assert parse_byline(text, rules).source == source


@pytest.mark.parametrize("text,source", [
    ("Text/Lanshan Daily reporter Wang Wu", "Lanshan Daily"),
    ("Lanshan Evening News (reporter Wang Wu)", "Lanshan Evening News"),
    ("(Lanshan Daily reporter Wang Wu)", "Lanshan Daily"),
])
def test_reporter_credits_after_a_slash_or_in_brackets(rules, text, source):
    assert parse_credit(text, rules).source == source


def test_an_author_field_with_the_paper_in_brackets_credits_the_paper(rules):
    assert parse_byline("Reporter: Wang Wu (Lanshan Daily)", rules).source == "Lanshan Daily"
    assert parse_byline("Author: Wang Wu (Li Ming)", rules).source is None
    assert parse_byline("Photo: Wang Wu (Lanshan Daily)", rules).source is None


@pytest.mark.parametrize("line", ["Share to Line", "share on WhatsApp", "Showing posts with label Hospitals. Show all posts",
                                  "Please Update your browser", "Your browser is out of date.", "Advertisment"])
def test_share_buttons_and_a_blogs_label_notice_are_furniture(rules, line):
    raw = (f"{line}\nXinghe Hospital opens a heart centre\n\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n")
    out = clean(raw, rules)
    assert out.title == "Xinghe Hospital opens a heart centre" and line not in out.text


def test_a_byline_with_the_authors_role_is_no_headline(rules):
    # a crawl's date field with the byline after it, and no headline on the page
    raw = (" date 2019-09-26 By Wang Wu / Staff reporter\n\n"
           "Xinghe Hospital opened a heart centre on Monday with 40 beds and two operating rooms, "
           "its director Li Ming said.\n")
    out = clean(raw, rules)
    assert (out.title, out.published) == (None, "2019-09-26")


# A story hard-wrapped at about sixty characters (wire copy, a plain-text release).
WRAPPED = ("Lanshan Medical Group on Monday named Li Ming as its new\n"
           "chief executive, the company said in a statement, as it\n"
           "prepares to open two hospitals in Qingshan County.\n"
           "Li, who ran the group's clinics in the north of the province,\n"
           "succeeds Wang Wu, who retires after twelve years in the post\n"
           "and will stay on the board as an adviser until next spring.\n")


@pytest.mark.parametrize("page, title, soft", [
    # every newline inside a paragraph is soft; a paragraph's end and the headline's are not
    ("Lanshan Medical Group names new chief\n\n" + WRAPPED, "Lanshan Medical Group names new chief",
     ["new", "it", "province,", "post"]),
    # short wrapped lines are no menu, and a wrapped paragraph is one paragraph: a credit at the
    # story's foot stays the story's credit and drops none of its lines
    ("Lanshan Medical Group names new chief\n\n" + WRAPPED.replace(" as its new\n", " as\nits new ")
     + "(Example Daily by Zhao Liu, May 4, 2021)\n", "Lanshan Medical Group names new chief",
     ["as", "it", "province,", "post"]),
    # the first line of a wrapped story is no headline, though short: it ends in a word that
    # ends no sentence, or in the first word of a name the page writes whole further down
    ("Qingshan County Hospital was founded in\n1953 and" + WRAPPED[WRAPPED.index(" on Monday"):], None,
     ["in", "new", "it", "province,", "post"]),
    ("The hospital in Qingshan\nCounty opened a ward on Monday and named Li Ming as its\n" + WRAPPED[57:],
     None, ["Qingshan", "its", "it", "province,", "post"]),
    # a page that is not wrapped, and a table whose short cells run on, have no soft breaks
    ("Lanshan Medical Group names new chief\n\n" + BODY, "Lanshan Medical Group names new chief", []),
    ("Name of\nsubsidiary\nshare of\nthe group\nplace of\nbusiness\n" + BODY, None, []),
])
def test_a_hard_wrapped_paragraph_is_read_as_one(rules, page, title, soft):
    out = clean(page, rules)
    check_map(page, out)
    assert out.title == title
    # the story's lines all stay blocks (the credit is furniture)
    story = [ln for ln in page.split("\n") if len(ln.split()) >= 4 and ln != title and not ln.startswith("(")]
    assert [ln for ln in out.text.split("\n") if ln in story] == story
    assert [out.text[:k].split()[-1] for k in out.soft_breaks] == soft
    assert all(out.text[k] == "\n" for k in out.soft_breaks)
