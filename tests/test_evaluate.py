import json

from click.testing import CliRunner

from consortia.cli import cli
from consortia.evaluate import evaluate, load_gold
from consortia.models import Record

from .conftest import GOLD, gold_as_records


def _records(rows):
    return {r["doc_id"]: Record.model_validate(r) for r in rows}


def test_gold_scores_one_against_itself():
    report = evaluate(_records(gold_as_records()), load_gold(GOLD)).as_dict()
    for table in ("entities_mention", "entities_document", "relations"):
        assert report[table]["micro"]["f1"] == 1.0, table
    assert report["metadata"]["title"]["accuracy"] == 1.0
    assert report["relation_attributes"]["role"]["accuracy"] == 1.0


def test_damaged_copy_scores_below_one():
    rows = gold_as_records()
    rows[0]["entities"][0]["end"] -= 1  # a boundary error
    rows[1]["entities"] = rows[1]["entities"][3:]  # three missed mentions
    rows[2]["relations"].append({**rows[3]["relations"][0], "id": "r99"})  # a wrong relation
    rows[3]["relations"] = rows[3]["relations"][1:]  # a missed relation
    rows[4]["title"] = "Something else"
    report = evaluate(_records(rows), load_gold(GOLD)).as_dict()
    assert report["entities_mention"]["micro"]["f1"] < 1.0
    assert report["entities_mention"]["micro"]["recall"] < 1.0
    assert report["relations"]["micro"]["precision"] < 1.0
    assert report["relations"]["micro"]["recall"] < 1.0
    assert report["metadata"]["title"]["correct"] == 4


def test_partner_of_scores_in_either_order_and_aliases_count():
    rows = gold_as_records()
    doc = next(r for r in rows if any(x["type"] == "partner_of" for x in r["relations"]))
    for rel in doc["relations"]:
        if rel["type"] == "partner_of":
            rel["head"], rel["tail"] = rel["tail"], rel["head"]
    report = evaluate(_records(rows), load_gold(GOLD)).as_dict()
    assert report["relations"]["partner_of"]["f1"] == 1.0


def test_eval_cli_prints_table_and_json(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold_as_records()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "--gold", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "relations (document)" in result.output and "1.000" in result.output
    result = CliRunner().invoke(cli, ["eval", str(path), "--gold", str(GOLD), "--json"])
    assert json.loads(result.output)["relations"]["micro"]["f1"] == 1.0


def test_document_level_gold_scores_no_mentions(tmp_path):
    """Gold without offsets (the real test split's kind) scores documents and relations only:
    a mention table against zero gold mentions would read as a failure."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for f in GOLD.glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for e in data["entities"]:
            e.pop("start"), e.pop("end")
        (gold_dir / f.name).write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold_as_records()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "--gold", str(gold_dir)])
    assert result.exit_code == 0, result.output
    assert "entities (mention): not scored" in result.output
    assert "entities (mention, strict)" not in result.output
    report = json.loads(CliRunner().invoke(cli, ["eval", str(path), "--gold", str(gold_dir), "--json"]).output)
    assert report["mention_documents"] == 0
    assert report["entities_document"]["micro"]["f1"] == 1.0


def test_eval_without_gold_says_which_to_pass(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in gold_as_records()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path)])
    assert result.exit_code == 2
    assert "--gold corpus/test/gold" in result.output and "--gold corpus/gold" in result.output


def test_metadata_only_gold_scores_metadata_and_nothing_else(tmp_path):
    # gold that annotates only the page's metadata: its empty entity and relation lists must not
    # turn every predicted entity into a false positive
    rows = gold_as_records()
    for row in rows:
        gold = json.loads((GOLD / f"{row['doc_id']}.json").read_text(encoding="utf-8"))
        gold.update(entities=[], relations=[], aliases={})
        (tmp_path / f"{row['doc_id']}.json").write_text(json.dumps(gold), encoding="utf-8")
    rows[0]["source"] = "Somewhere Else Daily"
    report = evaluate(_records(rows), load_gold(tmp_path), metadata_only=True)
    scores = report.as_dict()
    assert scores["metadata_only"] is True
    assert scores["metadata"]["title"]["accuracy"] == 1.0
    assert scores["metadata"]["source"]["correct"] == len(rows) - 1
    assert scores["entities_document"]["micro"]["predicted"] == 0
    assert scores["relations"]["micro"]["predicted"] == 0

    preds = tmp_path / "preds.jsonl"
    preds.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(preds), "--gold", str(tmp_path), "--metadata-only"])
    assert result.exit_code == 0, result.output
    assert "not scored (--metadata-only)" in result.output
    assert "relations (document)" not in result.output
    assert f"source                      {(len(rows) - 1) / len(rows):.3f}" in result.output
