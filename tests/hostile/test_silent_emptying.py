"""Finding 2: a one-paragraph article whose last line looked like a breadcrumb (or was a line of
closing tags) was cut to nothing: text '', no entities, no error. Now furniture is furniture
only where the page's shape says so, and a record cleaning empties says so with a warning."""

import pytest
from click.testing import CliRunner

from consortia.cli import cli
from consortia.models import Record
from consortia.runner import RunOptions, run

from .helpers import PARAGRAPH

TITLE = "Wuhan Union Hospital signs alliance deal with Xianning hospital"
FURNITURE = [
    "Home > News > Health",  # breadcrumb
    "Home » News » Hospital News",
    "Home / News / Health",
    "</p></body></html>",  # markup left by an export
    "Home | About Us | News | Contact Us",  # menu
    "Copyright 2021 Wuhan Union Hospital. All rights reserved.",  # footer
    "Related news",
    "Share: WeChat Weibo",
    "Tel: 027-85726114",
    "Editor: Wang Fang",
    "Source: Xinhua",
    "Back to top",
    "Previous: Hospital opens new wing",
]


@pytest.fixture(scope="module")
def clean(settings):
    from consortia.pipeline import build_clean

    return build_clean(settings)


@pytest.mark.parametrize("furniture", FURNITURE)
@pytest.mark.parametrize("shape", ["paragraph", "title+paragraph", "paragraph+blank"])
def test_a_one_paragraph_article_over_furniture_keeps_its_paragraph(clean, furniture, shape):
    page = {"paragraph": f"{PARAGRAPH}\n{furniture}\n",
            "title+paragraph": f"{TITLE}\n\n{PARAGRAPH}\n{furniture}\n",
            "paragraph+blank": f"{PARAGRAPH}\n\n{furniture}\n"}[shape]
    cleaned = clean(page)
    assert PARAGRAPH in cleaned.text
    assert furniture not in cleaned.text


def test_a_breadcrumb_above_the_story_still_ends_the_page_header(clean):
    cleaned = clean(f"Hospital Group\nAbout | News | Contact\nHome > News > Health\n{TITLE}\n\n{PARAGRAPH}\n")
    assert cleaned.text.startswith(TITLE) and "About" not in cleaned.text


def test_a_record_that_cleaning_empties_gets_a_warning_counted_in_the_summary(tmp_path, extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_story.txt").write_text(f"{TITLE}\n\n{PARAGRAPH}\n", encoding="utf-8")
    (folder / "b_all_furniture.txt").write_text(
        "Home | About Us | News | Contact Us\nHome > News > Health\nShare: WeChat Weibo\n"
        "Copyright 2021 Wuhan Union Hospital. All rights reserved.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run(RunOptions(inputs=[str(folder)], output=out, settings=extractor.settings, extractor=extractor))
    story, emptied = [Record.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert story.entities and not story.warnings
    assert emptied.text == "" and emptied.warnings[0].startswith("[W010] cleaning kept none of the document's")
    assert summary.warned == 1 and "1 with warnings" in summary.line()


def test_the_cli_lists_the_warning_and_exits_0(tmp_path):
    page = tmp_path / "menu.txt"
    page.write_text("Home | About Us | News | Contact Us\nHome > News > Health\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(page), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "[W010]" in result.stderr and "1 with warnings" in result.stderr
