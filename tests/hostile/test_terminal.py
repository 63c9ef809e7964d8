"""Finding 7: a file named with a newline and "error: ..." printed a forged error line on
stderr; paths were printed raw. Paths and messages are printed escaped now."""

from click.testing import CliRunner

from consortia.cli import cli


def test_safe_escapes_control_layout_and_bidi_characters():
    from consortia.terminal import safe

    assert safe("a\nb\r\x1b[2J\u202ec\tz") == "a\\nb\\r\\x1b[2J\\u202ec\\tz"
    assert safe("Café / 医院 report.txt") == "Café / 医院 report.txt"


def test_a_file_name_cannot_forge_a_line_of_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nerror: all records deleted\n\x1b[2J.txt").write_bytes(b"")  # empty: an error record
    result = CliRunner().invoke(cli, ["run", str(folder), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert not any(line.startswith("error: all records") for line in lines), result.stderr
    assert "\x1b" not in result.stderr
    assert any("x\\nerror: all records deleted\\n\\x1b[2J.txt" in line for line in lines), result.stderr
