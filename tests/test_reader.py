"""Reading inputs: every kind of bad file gets a clear outcome, never an exception (no model)."""

import codecs
import os
from pathlib import Path

import pytest

from consortia.errors import InputError
from consortia.reader import decode, expand_inputs, fingerprint, read_source, walk

ENGLISH = ("Harbin Medical University and the Second Hospital of Jilin University signed a "
           "cooperation agreement on Tuesday.\n")
# "Harbin Medical University First Affiliated Hospital and Daqing People's Hospital signed a
# cooperation agreement." in Chinese.
CHINESE = "哈尔滨医科大学附属第一医院与大庆市人民医院签署合作协议，双方将共建医联体。\n"


def _read(tmp_path: Path, data: bytes, name: str = "doc.txt", max_bytes: int = 1_000_000):
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(path, max_bytes=max_bytes)


def _raw_from_record_contract(data: bytes, encoding: str) -> str:
    """What README promises: offsets index data.decode(encoding, errors="replace")."""
    return data.decode(encoding, errors="replace")


@pytest.mark.parametrize("data, expected_encoding", [
    (ENGLISH.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8-sig"),
    (ENGLISH.encode("utf-16"), "utf-16"),  # with its byte-order mark
    (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "utf-16"),
    (ENGLISH.encode("utf-32"), "utf-32"),
    (ENGLISH.encode("utf-16-le"), "utf_16_le"),  # no mark: found by charset-normalizer
])
def test_unicode_encodings_are_decoded_and_recorded(tmp_path, data, expected_encoding):
    src = _read(tmp_path, data)
    assert src.errors == []
    assert src.raw == ENGLISH, "a byte-order mark is not part of the text"
    assert src.encoding == expected_encoding
    assert _raw_from_record_contract(data, src.encoding) == src.raw


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_chinese_legacy_encodings_are_detected(tmp_path, codec):
    text = ENGLISH * 3 + CHINESE * 2
    src = _read(tmp_path, text.encode(codec))
    assert src.raw == text
    assert src.encoding == "gb18030"  # GBK is a subset: decoding as GB18030 is the same text
    assert src.errors == []


def test_latin1_text_is_decoded_with_the_detected_code_page(tmp_path):
    text = "The Zürich cantonal hospital and the Clinique de Genève formed a network. " * 4
    data = text.encode("latin-1")
    src = _read(tmp_path, data)
    assert src.raw == text
    assert src.encoding and src.encoding != "utf-8"
    assert _raw_from_record_contract(data, src.encoding) == src.raw


def test_damaged_utf8_is_read_with_replacements_and_says_so(tmp_path):
    text = "Guangxi Medical University\u2019s hospital \u2014 a new branch opened. " * 5
    data = text.encode("utf-8")
    cut = data.index(b"branch")
    data = data[:cut] + b"\xff\xfe" + data[cut:]
    src = _read(tmp_path, data)
    assert src.encoding == "utf-8"
    assert "\u2019" in src.raw and "\ufffd" in src.raw, "the intact text is kept as it was"
    assert len(src.errors) == 1 and "not valid UTF-8" in src.errors[0] and f"byte {cut}" in src.errors[0]
    assert src.raw == _raw_from_record_contract(data, "utf-8")


def test_bytes_that_are_no_text_encoding_are_refused(tmp_path):
    data = bytes((i * 7919 + 13) % 256 for i in range(3000)).replace(b"\0", b"\1")
    src = _read(tmp_path, data)
    assert src.raw is None
    assert src.sha256, "the record still identifies the bytes"
    assert "not valid UTF-8" in src.errors[0] and "re-save it as UTF-8" in src.errors[0]


def test_binary_file_with_nul_bytes_is_refused(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8
    src = _read(tmp_path, data, "image.txt")
    assert src.raw is None
    assert src.errors[0].startswith("[C010]") and "binary file (contains NUL bytes)" in src.errors[0]


@pytest.mark.parametrize("data, words", [(b"", "empty (0 bytes)"), (b" \n\t\r\n  \n", "only whitespace"),
                                         (codecs.BOM_UTF8 + b"\n \n", "only whitespace")])
def test_empty_and_whitespace_files_have_nothing_to_extract(tmp_path, data, words):
    src = _read(tmp_path, data)
    assert src.raw is None
    assert words in src.errors[0] and "nothing to extract" in src.errors[0]


@pytest.mark.parametrize("raw", ["Line one.\r\nLine two.\r\n", "Line one.\rLine two.\r", "a\r\n\rb\n"])
def test_line_ends_are_kept_as_they_are(tmp_path, raw):
    src = _read(tmp_path, raw.encode("utf-8"))
    assert src.raw == raw


def test_file_above_max_bytes_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        for _ in range(20):
            fh.write(ENGLISH.encode("utf-8") * (1_048_576 // len(ENGLISH) + 1))
    assert path.stat().st_size > 20_000_000
    src = read_source(path, max_bytes=1_000_000, expected=fingerprint(path))
    assert src.raw is None
    assert "above the limit of 1000000" in src.errors[0] and "max_bytes" in src.errors[0]
    assert len(src.sha256) == 64, "hashed in chunks, so the record still identifies the file"


def test_a_file_that_changed_since_it_was_hashed_is_refused(tmp_path):
    path = tmp_path / "growing.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    fp = fingerprint(path)
    path.write_text(ENGLISH * 2, encoding="utf-8")
    src = read_source(path, max_bytes=1_000_000, expected=fp)
    assert src.raw is None and "changed while the run was reading it" in src.errors[0]


def test_a_file_that_disappeared_gets_an_error(tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    fp = fingerprint(path)
    path.unlink()
    src = read_source(path, max_bytes=1_000_000, expected=fp)
    assert src.raw is None and "cannot read" in src.errors[0] and "removed or renamed" in src.errors[0]


def test_a_folder_named_like_a_file_and_a_fifo_are_not_read(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    for name, words in (("folder.txt", "a folder"), ("pipe.txt", "not a regular file")):
        assert words in read_source(tmp_path / name, max_bytes=100).errors[0]
        assert words in fingerprint(tmp_path / name).error


def test_symlink_loops_end_and_each_file_is_found_once(tmp_path):
    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "a" / "b" / "two.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "a" / "b" / "up").symlink_to(root / "a")  # a loop: in/a/b/up -> in/a
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "a.txt").write_text(ENGLISH, encoding="utf-8")  # sorts after a/ as a path, before as a string
    found = walk(root)
    assert found == [str(p) for p in sorted([root / "a" / "b" / "two.txt", root / "a" / "one.txt",
                                             root / "self.txt", root / "a.txt"])]
    assert "symbolic link loop" in read_source(root / "self.txt", max_bytes=100).errors[0]


def test_expand_inputs_rejects_a_missing_command_line_path_but_not_stdin_paths(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(expand_inputs([str(tmp_path / "nope")]))
    import io

    paths = list(expand_inputs(["-"], stdin=io.StringIO(f"{tmp_path / 'nope.txt'}\n\n")))
    assert paths == [tmp_path / "nope.txt"]


def test_decode_never_raises_on_odd_bytes():
    for data in (b"\xef\xbb", b"\xff\xfe\x00", b"\xfe\xff\xd8\x00", b"\x00", b"\xc3", bytes(range(256))):
        text, encoding, problem = decode(data)
        assert text is not None or problem
